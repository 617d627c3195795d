"""Coreference for speakers: which earlier name a pronoun speaker ("he said") stands for.

The rules of :mod:`unspun.quotes.speakers` give a first answer (a person named earlier in the
sentence, else the person quoted last, else the last subject). News prose breaks such rules
often: a paragraph about one politician follows a quote by another, "she" follows a sentence
naming two men, an organisation's "they" follows a plural noun. Here every name the pronoun
could stand for becomes a :class:`Candidate` described by a few features a careful reader
weighs (how recently and in what role it was mentioned, whether it was quoted last, whether
its number and the gender the article states for it agree with the pronoun, whether the rules
chose it), and a :class:`SpeakerResolver`, a conditional logit model trained on PolNeAR train
(``training/speakers.py``), picks the most likely one.

Gender is what the article states, never guessed from a first name: an honorific before a
mention ("Mr", "Mrs", "Ms", ...), or he/his versus she/her in sentences (and the sentence just
after) that mention that person and no other.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from unspun.quotes.cues import SPEECH_VERBS
from unspun.quotes.names import first_name_gender, relative_meant

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from unspun.quotes.segments import Context
    from unspun.report import Entity

PERSONAL_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = frozenset({"they", "them"})
NEUTER_PRONOUNS = frozenset({"it"})
RESOLVABLE = frozenset(PERSONAL_PRONOUNS) | PLURAL_PRONOUNS | NEUTER_PRONOUNS

_MALE_WORDS = frozenset({"he", "him", "his", "himself"})
_FEMALE_WORDS = frozenset({"she", "her", "hers", "herself"})
_MALE_TITLES = frozenset({"mr", "sir", "lord", "king", "prince", "mister"})
_FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "madam", "lady", "dame", "queen", "princess",
                            "baroness"})
# Nouns that state a person's gender when they stand beside the name as a title or in
# apposition ("Congresswoman Ada Lind", "Ada Lind, the chairwoman", "his wife, Ada"):
# what the article says, not a guess from a first name. "chairman" and "alderman" are left
# out: titles some bodies give women too.
_MALE_NOUNS = frozenset({
    "man", "husband", "father", "son", "brother", "grandfather", "grandson", "uncle",
    "nephew", "boy", "boyfriend", "widower", "stepfather", "dad", "fiance", "groom",
    "spokesman", "congressman", "businessman", "councilman", "assemblyman", "fiancé",
    "policeman", "sportsman", "anchorman", "duke", "emperor", "patriarch",
})
_FEMALE_NOUNS = frozenset({
    "woman", "wife", "mother", "daughter", "sister", "grandmother", "granddaughter", "aunt",
    "niece", "girl", "girlfriend", "widow", "stepmother", "mom", "mum", "fiancee", "fiancée",
    "bride",
    "chairwoman", "spokeswoman", "congresswoman", "businesswoman", "councilwoman",
    "assemblywoman", "alderwoman", "policewoman", "sportswoman", "anchorwoman", "actress",
    "duchess", "empress", "matriarch", "heiress", "countess",
})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Things a name stands beside in apposition ("her second album, Dear Ruth", "the station
# where he started, Harmony 88.1"): a name the tagger may read as a person's, which is no one
# "he" or "she" stands for.
_THING_NOUNS = frozenset(
    "album record single song track film movie book novel memoir play musical show series "
    "programme program podcast station channel newspaper magazine brewery distillery "
    "winery restaurant cafe bar pub shop store hotel company firm brand label band ship "
    "vessel boat yacht horse village town city district suburb street".split())
# Verbs whose subject the article reports as saying, thinking or wanting something.
ATTRIBUTION_VERBS = SPEECH_VERBS | frozenset({
    "believe", "think", "feel", "fear", "hope", "want", "expect", "worry", "know", "wonder",
    "plan", "intend", "consider", "doubt", "agree", "disagree", "decide", "acknowledge",
    "criticize", "praise", "call", "defend", "dismiss", "blame", "propose",
    "question", "calculate", "estimate", "credit", "challenge", "reject", "applaud",
    "support", "oppose", "endorse", "sound", "recommend", "advise", "forecast", "echo",
    "condemn", "criticise", "dispute", "hail",
})
# Verbs that take a stance only on a proposal or a record: "Dutton attacked the plan" is a
# source, "Holt attacked the shop assistant" or "Moss attacked the far post" a doer.
_STANCE_ON_PROPOSAL_VERBS = frozenset({"attack", "back", "welcome", "slam"})
_PROPOSALS = frozenset({
    "plan", "proposal", "deal", "bill", "policy", "decision", "move", "idea", "budget",
    "figure", "report", "ruling", "law", "reform", "measure", "strategy", "agreement",
    "announcement", "comment", "remark", "claim", "record", "scheme", "package", "cut",
})
# A paragraph that only separates entries: "___.", "***", "* * *", "---".
_RULE_LINE = re.compile(r"(?:_{3,}|\*{3,}|(?:\* ){2,}\*|-{3,}|—{2,})\.?")
# A live page's entry opening on its time: "2:10 p.m.:", "11 a.m.", "14:05 GMT".
_TIME_STAMP = re.compile(r"\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?|GMT|BST|ET|EDT|EST|UTC)")
# How far back a mention can be and still be what a pronoun stands for.
WINDOW_SENTENCES = 6
# How many of the most recent distinct speakers are candidates whatever their distance.
RECENT_SPEAKERS = 3

FEATURES: tuple[str, ...] = (
    "person", "organisation", "plural",
    "personal_x_person", "plural_x_organisation", "plural_x_plural", "neuter_x_organisation",
    "gender_agrees", "gender_clashes",
    "same_sentence", "previous_sentence", "sentence_distance",
    "mention_rank_0", "mention_rank_1", "mention_rank_2", "mention_rank_3_plus",
    "speaker_rank_0", "speaker_rank_1", "speaker_rank_2_plus", "not_a_speaker",
    "last_mention_subject", "subject_of_previous_sentence", "subject_rank_0", "subject_rank_1",
    "same_sentence_not_subject", "opens_paragraph_x_previous_subject", "last_mention_quoted",
    "only_quoted_mentions", "last_mention_possessive", "same_paragraph", "log_mentions",
    "rule_choice",
    # pairs that weigh differently together than apart
    "last_speaker_x_same_paragraph", "last_speaker_x_opens_paragraph",
    "first_subject_x_previous_sentence", "gender_agrees_x_last_speaker",
    "gender_agrees_x_first_subject",
    "source_rank_0", "source_rank_1", "attribution_subject",
    "source_rank_0_x_gender_agrees", "source_rank_0_x_same_paragraph",
    # named inside the words the pronoun's speaker is quoted as saying: someone else
    "named_in_content",
    # the gender of the first name, where the article states none (:func:`first_name_gender`)
    "name_gender_agrees", "name_gender_clashes",
)
"""The features of a candidate, in the order of the model's weights."""


@dataclass(frozen=True)
class Mention:
    """One mention of a name before the pronoun, and where it stands."""

    start: int
    name: str
    category: str  # "person", "org" or "plural"
    sentence: int
    paragraph: int
    subject: bool
    quoted: bool
    possessive: bool
    # the subject of a verb of saying or thinking: someone the article reports
    attribution: bool = False
    # the gender a noun beside the name states ("the chairwoman"), "m", "f" or None
    noun_gender: str | None = None
    # in apposition to a thing's noun (:data:`_THING_NOUNS`): no person, whatever its tag
    thing: bool = False


@dataclass
class Candidate:
    """A name a pronoun may stand for, with its features (:data:`FEATURES`)."""

    name: str
    category: str
    features: dict[str, float] = field(default_factory=dict)

    def vector(self) -> list[float]:
        return [self.features.get(name, 0.0) for name in FEATURES]


class Coreference:
    """The mentions of one article and the gender it states for each person."""

    def __init__(
        self,
        ctx: Context,
        persons: Sequence[Entity],
        orgs: Sequence[Entity],
        fullest_person: dict[str, str],
        fullest_org: dict[str, str],
        generation_of: Callable[[Entity], str | None] | None = None,
    ) -> None:
        self.ctx = ctx
        self._named = ((persons, "person", fullest_person), (orgs, "org", fullest_org))
        # which relative "the elder Tanabe" means, where the mention says it
        self._generation_of = generation_of

    @cached_property
    def _rules(self) -> list[tuple[int, int]]:
        """The paragraphs that are a horizontal rule ("___", "***") before a live page's
        time-stamped entry ("2:10 p.m.:"), as ``(start, end)``: not a feature's section
        break, after which the story goes on."""
        text, paragraphs = self.ctx.text, self.ctx.paragraphs
        return [(ps, pe) for i, (ps, pe) in enumerate(paragraphs[:-1])
                if _RULE_LINE.fullmatch(text[ps:pe].strip())
                and _TIME_STAMP.match(text, paragraphs[i + 1][0]) is not None]

    def paragraph_of(self, offset: int) -> int:
        return self.ctx.paragraph_of(offset)

    # Read when the first pronoun speaker needs them: most articles have none.
    @cached_property
    def mentions(self) -> list[Mention]:
        """Every named mention, in text order."""
        ctx = self.ctx
        mentions: list[Mention] = []
        named = [(entities, category, fullest,
                  [ctx.doc.char_span(e.start, e.end, alignment_mode="expand") for e in entities])
                 for entities, category, fullest in self._named]
        persons, _category, _fullest, person_spans = named[0]
        person_genders = [_noun_gender(span) for span in person_spans]
        # the gender a noun beside a full name states ("His sister, Ngozi Okonkwo"), for
        # which relative "Ms Okonkwo" is
        noun_genders = {e.text: g for e, g in zip(persons, person_genders, strict=True)
                        if " " in e.text and g is not None}
        for entities, category, fullest, spans in named:
            for i, (e, span) in enumerate(zip(entities, spans, strict=True)):
                subject = span is not None and (
                    span.root.dep_ in _SUBJECT_DEPS or _root_opening_its_sentence(span))
                attribution = subject and span is not None and _reports_a_source(
                    span.root.head)
                after = ctx.text[e.end:e.end + 2]
                name = fullest.get(e.text, e.text)
                generation = (self._generation_of(e) if category == "person"
                              and self._generation_of is not None else None)
                if generation is not None:
                    name = generation
                elif category == "person":
                    # "Mrs Mokoena" after "Her mother, Lindiwe Mokoena": the mother
                    name = relative_meant(
                        f"{self._word_before(e.start)} {e.text}", e.start, name, entities,
                        lambda n: noun_genders.get(n) or first_name_gender(n),
                        is_subject=lambda r: names_a_subject(ctx.doc, r))
                mentions.append(Mention(
                    start=e.start,
                    name=name,
                    category=category,
                    sentence=ctx.analysis.sentence_index(e.start),
                    paragraph=self.paragraph_of(e.start),
                    subject=subject,
                    quoted=ctx.in_segment(e.start) is not None,
                    possessive=after in ("'s", "’s") or after[:1] in ("'", "’"),
                    attribution=attribution,
                    noun_gender=person_genders[i] if category == "person" else None,
                    thing=category == "person" and _beside_a_thing(span),
                ))
        mentions.sort(key=lambda m: m.start)
        return mentions

    def _word_before(self, offset: int) -> str | None:
        """The word right before ``offset`` in its sentence, lower-cased, without a full stop
        ("Mr." -> "mr", "Princess"): a title, if one stands there. Not the last word of the
        sentence before ("... played for the Queen. Tom Hale ...")."""
        span = self.ctx.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or span.start == 0 or span[0].is_sent_start:
            return None
        return span.doc[span.start - 1].lower_.rstrip(".")

    @cached_property
    def things(self) -> frozenset[str]:
        """The names tagged as persons that the article calls a thing ("the album, Dear
        Ruth"): not what "he" or "she" stands for."""
        return frozenset(m.name for m in self.mentions if m.thing)

    @cached_property
    def genders(self) -> dict[str, str]:
        """The gender the article states for each person (honorifics and gendered nouns
        beside a name, then pronouns)."""
        return self._genders(self.mentions)

    @cached_property
    def titled_genders(self) -> dict[str, str]:
        """The gender a noun or an honorific beside a mention states ("Mrs Sam Ortiz", "the
        chairwoman, Ada Lind"), for each person all of whose such mentions agree: what the
        article says outright, without the he/she votes of :attr:`genders`, which would
        count a pronoun being resolved as evidence for its own answer."""
        stated: dict[str, set[str]] = {}
        for m in self.mentions:
            if m.category != "person":
                continue
            gender = m.noun_gender or _title_gender(self._word_before(m.start))
            if gender is not None:
                stated.setdefault(m.name, set()).add(gender)
        return {name: g.pop() for name, g in stated.items() if len(g) == 1}

    def _genders(self, mentions: list[Mention]) -> dict[str, str]:
        """The gender the article states for each person: 3 votes for an honorific or a
        gendered noun beside a name (:func:`_noun_gender`), 1 for each he/she in a sentence
        about that person alone; a gender wins with twice the other's votes and one more."""
        votes: dict[str, list[int]] = {}
        for m in mentions:
            if m.category != "person":
                continue
            if m.noun_gender is not None:
                votes.setdefault(m.name, [0, 0])[m.noun_gender == "f"] += 3
            titled = _title_gender(self._word_before(m.start))
            if titled is not None:
                votes.setdefault(m.name, [0, 0])[titled == "f"] += 3
        sentences = self.ctx.analysis.sentences
        people_in: dict[int, set[str]] = {}
        for m in mentions:
            if m.category == "person" and not m.quoted:
                people_in.setdefault(m.sentence, set()).add(m.name)
        for index, names in people_in.items():
            if len(names) != 1:
                continue
            (name,) = names
            reach = [index]
            if index + 1 < len(sentences) and index + 1 not in people_in:
                reach.append(index + 1)
            for i in reach:
                sentence = sentences[i]
                for token in self.ctx.doc.char_span(
                    sentence.start, sentence.end, alignment_mode="expand"
                ) or ():
                    if self.ctx.in_segment(token.idx) is not None:
                        continue
                    lower = token.lower_
                    if lower in _MALE_WORDS:
                        votes.setdefault(name, [0, 0])[0] += 1
                    elif lower in _FEMALE_WORDS:
                        votes.setdefault(name, [0, 0])[1] += 1
        genders: dict[str, str] = {}
        for name, (male, female) in votes.items():
            if male >= 2 * female + 1:
                genders[name] = "m"
            elif female >= 2 * male + 1:
                genders[name] = "f"
        return genders

    def candidates(
        self,
        pronoun: str,
        start: int,
        speakers: Sequence[tuple[int, str, str]],
        rule_choice: str | None,
        content: tuple[int, int] | None = None,
    ) -> list[Candidate]:
        """The names ``pronoun`` (lower-cased) at ``start`` may stand for, with features.

        ``speakers`` are the speakers resolved so far as (offset, name, category),
        ``rule_choice`` the name the rules chose, which is always a candidate unless the
        article calls it a thing (:attr:`things`) and the pronoun is "he" or "she", and
        ``content`` the ``[start, end)`` of what the speaker is reported as saying.
        """
        analysis = self.ctx.analysis
        sentence = analysis.sentence_index(start)
        paragraph = self.paragraph_of(start)
        personal = pronoun in PERSONAL_PRONOUNS
        wanted = {"person"} if personal else (
            {"org", "plural"} if pronoun in PLURAL_PRONOUNS else {"org"})
        # a live page's entries, set apart by a rule ("___"), are stories of their own: no
        # one before the last rule is who a pronoun after it stands for
        since = max((end for begin, end in self._rules if end <= start), default=0)
        not_people = self.things if personal else frozenset()
        before = [m for m in self.mentions if since <= m.start < start]
        speakers = [(o, n, c) for o, n, c in speakers if o >= since]
        by_name: dict[str, list[Mention]] = {}
        for m in before:
            if (m.category in wanted and sentence - m.sentence <= WINDOW_SENTENCES
                    and m.name not in not_people):
                by_name.setdefault(m.name, []).append(m)
        counts: dict[str, int] = {}
        for m in before:
            counts[m.name] = counts.get(m.name, 0) + 1
        said = [(o, n, c) for o, n, c in speakers if o < start]
        speaker_order: list[str] = []
        for _, name, _category in sorted(said, reverse=True):
            if name not in speaker_order:
                speaker_order.append(name)
        categories: dict[str, str] = {}
        for _, name, category in said:
            categories.setdefault(name, category)
        for name in speaker_order[:RECENT_SPEAKERS]:
            if (categories[name] in wanted or name in by_name) and name not in not_people:
                by_name.setdefault(name, [])
        if rule_choice is not None and rule_choice not in not_people:
            by_name.setdefault(rule_choice, [])
        recency = sorted(
            by_name, key=lambda n: max((m.start for m in by_name[n]), default=-1), reverse=True)
        previous_subjects = {
            m.name for m in before if m.subject and not m.quoted and m.sentence in (
                sentence, sentence - 1)
        }
        # The most recent subjects outside quotes: whom the text is about (centering).
        subjects: list[str] = []
        for m in sorted(before, key=lambda m: m.start, reverse=True):
            if m.subject and not m.quoted and m.name in by_name and m.name not in subjects:
                subjects.append(m.name)
        # Who the text last reported as saying or thinking something: the speakers found so
        # far and the subjects of verbs of saying or thinking, most recent first.
        reported = sorted(
            [(m.start, m.name) for m in before if m.attribution and m.name in by_name]
            + [(o, n) for o, n, _ in said if n in by_name], reverse=True)
        sources: list[str] = []
        for _, name in reported:
            if name not in sources:
                sources.append(name)
        paragraph_start = self.ctx.paragraphs[paragraph][0] if self.ctx.paragraphs else 0
        opens_paragraph = analysis.sentence_index(paragraph_start) == sentence
        gender = PERSONAL_PRONOUNS.get(pronoun)
        # '"... Senator Lind's plan ...," he said' is rarely Lind speaking of himself
        named_in_content = {
            m.name for m in self.mentions
            if content is not None and content[0] <= m.start < content[1]
        }
        out: list[Candidate] = []
        for rank, name in enumerate(recency):
            found = by_name[name]
            last = max(found, key=lambda m: m.start) if found else None
            category = last.category if last else categories.get(
                name, "person" if personal else "org")
            f: dict[str, float] = {
                "person": float(category == "person"),
                "organisation": float(category == "org"),
                "plural": float(category == "plural"),
                "personal_x_person": float(personal and category == "person"),
                "plural_x_organisation": float(pronoun in PLURAL_PRONOUNS and category == "org"),
                "plural_x_plural": float(pronoun in PLURAL_PRONOUNS and category == "plural"),
                "neuter_x_organisation": float(pronoun in NEUTER_PRONOUNS and category == "org"),
                "rule_choice": float(name == rule_choice),
                "log_mentions": math.log1p(counts.get(name, 0)),
            }
            stated = self.genders.get(name)
            if gender is not None and stated is not None:
                f["gender_agrees" if stated == gender else "gender_clashes"] = 1.0
            elif gender is not None and category == "person":
                guessed = first_name_gender(name)
                if guessed is not None:
                    f["name_gender_agrees" if guessed == gender else "name_gender_clashes"] = 1.0
            if last is not None:
                distance = sentence - last.sentence
                f["same_sentence"] = float(distance == 0)
                f["previous_sentence"] = float(distance == 1)
                f["sentence_distance"] = min(distance, WINDOW_SENTENCES) / WINDOW_SENTENCES
                f[f"mention_rank_{min(rank, 3)}" + ("_plus" if rank >= 3 else "")] = 1.0
                f["last_mention_subject"] = float(last.subject)
                f["last_mention_quoted"] = float(last.quoted)
                f["only_quoted_mentions"] = float(all(m.quoted for m in found))
                f["last_mention_possessive"] = float(last.possessive)
                f["same_paragraph"] = float(last.paragraph == paragraph)
            else:
                f["sentence_distance"] = 1.0
                f["mention_rank_3_plus"] = 1.0
            f["subject_of_previous_sentence"] = float(name in previous_subjects)
            f["opens_paragraph_x_previous_subject"] = float(
                opens_paragraph and name in previous_subjects)
            if name in subjects[:2]:
                f[f"subject_rank_{subjects.index(name)}"] = 1.0
            if last is not None and last.sentence == sentence and not last.subject:
                f["same_sentence_not_subject"] = 1.0
            if name in speaker_order:
                position = speaker_order.index(name)
                f[("speaker_rank_0", "speaker_rank_1")[position] if position < 2
                  else "speaker_rank_2_plus"] = 1.0
            else:
                f["not_a_speaker"] = 1.0
            last_speaker = f.get("speaker_rank_0", 0.0)
            first_subject = f.get("subject_rank_0", 0.0)
            agrees = f.get("gender_agrees", 0.0)
            f["last_speaker_x_same_paragraph"] = last_speaker * f.get("same_paragraph", 0.0)
            f["last_speaker_x_opens_paragraph"] = last_speaker * float(opens_paragraph)
            f["first_subject_x_previous_sentence"] = first_subject * f.get(
                "previous_sentence", 0.0)
            f["gender_agrees_x_last_speaker"] = agrees * last_speaker
            f["gender_agrees_x_first_subject"] = agrees * first_subject
            if name in sources[:2]:
                f[f"source_rank_{sources.index(name)}"] = 1.0
            f["attribution_subject"] = float(any(m.attribution for m in found))
            f["source_rank_0_x_gender_agrees"] = f.get("source_rank_0", 0.0) * agrees
            f["source_rank_0_x_same_paragraph"] = f.get("source_rank_0", 0.0) * f.get(
                "same_paragraph", 0.0)
            f["named_in_content"] = float(name in named_in_content)
            out.append(Candidate(name, category, f))
        return out


def _reports_a_source(verb: Token) -> bool:
    """Whether the subject of ``verb`` is someone the text reports as saying, thinking or
    taking a stance: a verb of :data:`ATTRIBUTION_VERBS`, or one of
    :data:`_STANCE_ON_PROPOSAL_VERBS` whose object is a proposal or a record."""
    lemma = verb.lemma_.lower()
    if lemma in ATTRIBUTION_VERBS:
        return True
    return lemma in _STANCE_ON_PROPOSAL_VERBS and any(
        child.dep_ == "dobj" and child.lemma_.lower() in _PROPOSALS for child in verb.children)


def _title_gender(word: str | None) -> str | None:
    """The gender an honorific states ("mr" -> "m", "mrs" -> "f"), None for any other word."""
    return "m" if word in _MALE_TITLES else "f" if word in _FEMALE_TITLES else None


def phrase_gender(phrase: str) -> str | None:
    """The gender a phrase's gendered noun states ("a spokeswoman for the association" ->
    "f"), or None."""
    words = {w.lower().strip(".,'’") for w in phrase.split()}
    if words & _FEMALE_NOUNS:
        return "f"
    if words & _MALE_NOUNS:
        return "m"
    return None


def _root_opening_its_sentence(span: Span) -> bool:
    """Whether the name ``span`` opens its sentence as the parse's root, its verb hung on it
    as a modifier after a long apposition: "Owen Marsh, the mayor's deputy and a critic of
    the plan who had hoped to run, learned of it on Monday." is Marsh's sentence."""
    root = span.root
    return (root.dep_ == "ROOT" and root.pos_ == "PROPN" and span.start == root.sent.start
            and any(c.dep_ == "appos" for c in root.children)
            and any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and c.i > span.end
                    and root.doc[c.i - 1].text == "," for c in root.children))


def names_a_subject(doc: Doc, e: Entity) -> bool:
    """Whether the name ``e`` is a clause's subject, or in apposition to one ("Her mother,
    Ada Lind, kept a diary")."""
    span = doc.char_span(e.start, e.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in _SUBJECT_DEPS or (
        root.dep_ == "appos" and root.head.dep_ in _SUBJECT_DEPS)


def _beside_a_thing(span: Span | None) -> bool:
    """Whether the name ``span`` is in apposition to a thing's noun ("her album, Dear
    Ruth"; "the station where he started, Harmony 88.1", which the parser reads as an
    npadvmod, or as a second subject of the verb). Not after "of" ("the author of the book,
    Ada Lind": the parser hangs the author's name on the book) nor beside a name's own word
    ("Mexico City")."""
    if span is None:
        return False
    root = span.root
    heads = [root.head] if root.dep_ in ("appos", "npadvmod") else []
    if root.dep_ in _SUBJECT_DEPS and span.start > 0 and span.doc[span.start - 1].text == ",":
        heads += [c for c in root.head.children
                  if c.dep_ in _SUBJECT_DEPS and c.i < span.start and c.i != root.i]
    # a common noun as written: not a dateline's "HARBOUR CITY —"
    return any(head.pos_ == "NOUN" and head.text.islower() and not head.ent_type_
               and head.dep_ != "pobj" and head.lemma_.lower() in _THING_NOUNS
               for head in heads)


def _noun_gender(span: Span | None) -> str | None:
    """The gender that a noun beside the name ``span`` states: a title before it, inside the
    entity or the word just before it ("spokeswoman Ada Lind"), a noun in apposition ("Ada
    Lind, the chairwoman of ...") or the noun the name is in apposition to ("his wife,
    Ada")."""
    if span is None:
        return None
    root = span.root
    nouns = [t for t in span if t.i < root.i]
    nouns += [c for c in root.children if c.dep_ in ("compound", "appos") and not
              (span.start <= c.i < span.end)]
    if root.dep_ == "appos":
        nouns.append(root.head)
    if span.start > 0:
        nouns.append(span.doc[span.start - 1])
    for token in nouns:
        lower = token.lower_.removeprefix("ex-")  # "Her ex-husband, Robin Hill"
        if lower in _FEMALE_NOUNS:
            return "f"
        if lower in _MALE_NOUNS:
            return "m"
    return None


class SpeakerResolver:
    """Scores candidates with a linear model and picks the best (a conditional logit)."""

    def __init__(self, weights: dict[str, float]) -> None:
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"speaker resolver: unknown features {sorted(unknown)}")
        self.weights = [weights.get(name, 0.0) for name in FEATURES]

    @classmethod
    def load(cls, directory: Path) -> SpeakerResolver:
        data = json.loads((directory / "speaker_resolver.json").read_text("utf-8"))
        return cls(dict(data["weights"]))

    def score(self, candidate: Candidate) -> float:
        return sum(w * x for w, x in zip(self.weights, candidate.vector(), strict=True))

    def choose(self, pronoun: str, start: int, candidates: list[Candidate]) -> Candidate | None:
        """The most likely of the candidates for ``pronoun`` at ``start``, or None when there
        is none."""
        # a gender the article states for someone is a constraint, not a weight: "she" is
        # not a man the article calls "he" (the first name's usual gender is only a hint: a
        # hard rule on it loses 22 of 1,623 pronouns); where every candidate clashes, the
        # model has no answer and the rules' stands
        agreeing = [c for c in candidates if not c.features.get("gender_clashes")]
        return max(agreeing, key=self.score, default=None)


class RuleResolver:
    """The rules' answer (:mod:`unspun.quotes.speakers`), whatever the features say."""

    def choose(self, pronoun: str, start: int, candidates: list[Candidate]) -> Candidate | None:
        return next((c for c in candidates if c.features.get("rule_choice")), None)


RULES = RuleResolver()
"""A resolver that keeps the rules' answer: for comparison, and where no model is shipped."""


def load_resolver(directory: Path) -> SpeakerResolver | RuleResolver:
    """The model in ``directory`` (``speaker_resolver.json``), or :data:`RULES` without one."""
    if not (directory / "speaker_resolver.json").is_file():
        return RULES
    return SpeakerResolver.load(directory)


@lru_cache(maxsize=1)
def shipped_resolver() -> SpeakerResolver | RuleResolver:
    """The model shipped in ``unspun/models/speakers``, or :data:`RULES` without one."""
    from unspun.settings import SHIPPED_MODELS

    return load_resolver(SHIPPED_MODELS / "speakers")
