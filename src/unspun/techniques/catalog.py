"""The 14 persuasion techniques of SemEval-2020 Task 11, as unspun presents them.

The ids are exactly the labels of the Propaganda Techniques Corpus (PTC), so model output and
gold annotations can be looked up directly; labels and explanations are our own wording, written
for readers who have never heard of the task. Colours are distinct hues, dark enough to read as
3 px underlines on a white page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Technique:
    """One persuasion technique: corpus id, human label, display colour, plain explanation."""

    id: str
    label: str
    colour: str
    explanation: str


TECHNIQUES: tuple[Technique, ...] = (
    Technique(
        "Appeal_to_Authority",
        "Appeal to authority",
        "#0067a5",
        "Asks you to accept a claim because an expert, official or famous figure backs it,"
        " rather than because of the evidence for it.",
    ),
    Technique(
        "Appeal_to_fear-prejudice",
        "Appeal to fear or prejudice",
        "#be0032",
        "Builds support for an idea by stirring up anxiety about the alternative, or by playing"
        " on existing hostility towards a group.",
    ),
    Technique(
        "Bandwagon,Reductio_ad_hitlerum",
        "Bandwagon / guilt by association",
        "#882d17",
        "Urges you to agree because everyone supposedly already does, or to reject an idea"
        " because a despised person or group is linked to it.",
    ),
    Technique(
        "Black-and-White_Fallacy",
        "Black-and-white fallacy",
        "#5c5c5a",
        "Offers just two options as if nothing lay in between, usually with one of them made to"
        " look unacceptable.",
    ),
    Technique(
        "Causal_Oversimplification",
        "Causal oversimplification",
        "#604e97",
        "Pins a complicated outcome on one single cause and ignores everything else that"
        " contributed to it.",
    ),
    Technique(
        "Doubt",
        "Casting doubt",
        "#00838f",
        "Questions the credibility of a person or institution to undermine them, without engaging"
        " with what they actually say or do.",
    ),
    Technique(
        "Exaggeration,Minimisation",
        "Exaggeration / minimisation",
        "#d46f00",
        "Blows something up out of proportion, or plays it down so that it seems less important"
        " than it is.",
    ),
    Technique(
        "Flag-Waving",
        "Flag-waving",
        "#008856",
        "Justifies an idea by appealing to patriotism or to the pride and interests of a group.",
    ),
    Technique(
        "Loaded_Language",
        "Loaded language",
        "#b3446c",
        "Uses emotionally charged words to sway how you feel about something rather than to"
        " describe it.",
    ),
    Technique(
        "Name_Calling,Labeling",
        "Name calling / labelling",
        "#6d8f00",
        "Sticks a label on a person or group that the audience admires or despises, in place of"
        " an argument about what they did.",
    ),
    Technique(
        "Repetition",
        "Repetition",
        "#a24fb5",
        "Repeats the same message again and again so that it sticks and starts to feel true.",
    ),
    Technique(
        "Slogans",
        "Slogans",
        "#b88a00",
        "Packs a position into a short, catchy phrase that invites agreement without thought.",
    ),
    Technique(
        "Thought-terminating_Cliches",
        "Thought-terminating cliché",
        "#654522",
        "Uses a stock phrase, such as 'it is what it is', that discourages further thinking"
        " about the issue.",
    ),
    Technique(
        "Whataboutism,Straw_Men,Red_Herring",
        "Whataboutism / straw man / red herring",
        "#d6608a",
        "Deflects criticism by pointing at someone else's faults, attacks a distorted version of"
        " the other side's view, or changes the subject.",
    ),
)

TECHNIQUE_IDS: tuple[str, ...] = tuple(t.id for t in TECHNIQUES)

BY_ID: Mapping[str, Technique] = MappingProxyType({t.id: t for t in TECHNIQUES})

# Unknown ids can reach a renderer from an older or newer model; they still need a readable
# entry rather than a crash, so they get a neutral grey and a label derived from the id.
UNKNOWN_COLOUR = "#6b7280"


def get_technique(technique_id: str) -> Technique:
    """The catalogue entry for ``technique_id``, or a neutral placeholder for an unknown id."""
    known = BY_ID.get(technique_id)
    if known is not None:
        return known
    label = technique_id.replace("_", " ").replace(",", " / ").strip() or "Unknown technique"
    return Technique(technique_id, label, UNKNOWN_COLOUR, "A technique unspun does not describe.")
