"""Speakers: who said it, resolved from the words that name the speaker to a name.

A span holding a PERSON (or ORG) entity resolves to the fullest such name in the article,
titles ignored; he/she, they and it resolve to earlier persons, organisations or plural
speakers; any other phrase stays as written (the rules in the package docstring). The spans
themselves come from :mod:`unspun.quotes.cues`; :func:`resolve` only names them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Protocol

from unspun.nlp.pipeline import NAME_PARTICLES
from unspun.quotes.coref import PERSONAL_PRONOUNS, RESOLVABLE, names_a_subject, phrase_gender
from unspun.quotes.cues import (
    DATELINE,
    HONOURS,
    SPEECH_NOUNS,
    hyphenated_word,
    is_bare_name,
    unbracketed,
)
from unspun.quotes.kinds import (
    CAPITALISED_OFFICES,
    DOCUMENT_NOUNS,
    NOT_IN_NAMES,
    ORGANISATION_NOUNS,
    PROPER_ORGANISATION_NOUNS,
    body_by_context,
    body_by_form,
    named_after_body_kind,
    names_another,
    unlabelled_name,
)
from unspun.quotes.names import first_name_gender, relative_meant
from unspun.report import Entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from unspun.quotes.coref import Candidate, Coreference
    from unspun.quotes.segments import Context


class Resolver(Protocol):
    """Picks what a pronoun stands for among its candidates (:mod:`unspun.quotes.coref`)."""

    def choose(self, pronoun: str, start: int, candidates: list[Candidate]) -> Candidate | None:
        ...

_HE_SHE = frozenset({"he", "she", "him", "her"})
_THEY = frozenset({"they", "them"})
_IT = frozenset({"it"})
_PRONOUNS = _HE_SHE | _THEY | _IT | frozenset({"i", "we", "you"})
# A possessive as the speaker ("In his words, ..."), read as its subject pronoun ("her" is
# both already).
POSSESSIVE_PRONOUNS = {"his": "he", "their": "they", "its": "it"}
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "madam", "mdm", "dr", "prof", "professor", "sir", "dame",
        "lord", "lady", "baroness", "president", "senator", "sen", "rep", "representative", "gov",
        "governor", "mayor",
        "councillor", "councilman", "councilwoman", "minister", "secretary", "gen", "general",
        "col", "judge", "justice", "rev", "chairman", "chief", "prime", "vice", "former",
        "deputy", "the", "candidate", "nominee", "speaker", "leader", "ambassador", "attorney",
        "taoiseach", "tanaiste", "tánaiste", "premier", "chancellor", "aunty", "auntie",
        "uncle",
    }
)


# Personal titles that the entity recogniser reads as the start of an organisation's name.
_NAME_TITLES = frozenset(
    "cllr councillor mr mrs ms miss madam mdm dr mayor senator professor prof sir dame lord lady "
    "baroness judge rev rt hon superintendent minister secretary commissioner chancellor "
    "governor inspector "
    "constable sergeant detective spokesperson spokesman spokeswoman taoiseach tanaiste tánaiste "
    "premier"
    # ranks by their abbreviations, which the recogniser reads into a name or leaves out
    # by mention ("Col Patrick Kabeya", then "Lt Col Kabeya"); not the words in full, which
    # open bodies' names ("General Motors", "Major League Soccer"), nor "Gen" and "Maj",
    # which are given names too ("Gen Nakatani", "Maj Britt Larsen")
    " lt col capt brig sgt cpl adm cmdr sen rep gov".split()
)
# Offices a portfolio or rank may come before: "Harbour Minister", "Chief Superintendent".
_OFFICES = frozenset(
    "minister secretary commissioner chancellor governor mayor inspector superintendent "
    "constable".split()
)
# Titles that only ever stand before a person's name.
_OWN_TITLES = frozenset("dr prof professor mr mrs ms cllr".split())
# Part of a name as much as a title: "Lady Gaga" is a PERSON as the recogniser has it.
_HONORIFICS = frozenset("sir dame lord lady baroness".split())
# The head of a public body's name: "Eastshire Fire and Rescue Service".
_BODY_HEADS = frozenset(
    "service services department authority council agency police board commission trust "
    "association federation union institute society confederation league".split()
)
_NAME_WORD = re.compile(r"[A-Z][\w'’-]*$")


def named_entities(
    entities: list[Entity], text: str, sentence_of: Callable[[int], int] | None = None,
) -> list[Entity]:
    """The article's entities with people the recogniser took for organisations or places
    labelled PERSON, their titles left out: a personal title before a name ("Councillor
    Mairead Nolan", "Rt Hon Daniel Kerr", "Harbour Minister Ines Dorval" -> "Mairead
    Nolan", "Daniel Kerr", "Ines Dorval"), the bare surname of a person named in full, read
    as a place ("Okoro" after "Samuel Okoro"), or a name given an age
    ("Emine, 41, a farmer"); a one-word "person" after a person's noun and "from" is a
    place ("a young baker from Athenry"). A public body's name the recogniser split at its "and"
    ("Eastshire Fire" + "Rescue Service") is one organisation; a dateline's place in
    capitals ("SARIKOY —") is a place, whatever the recogniser read. With ``sentence_of``
    (a character offset's sentence), a surname the recogniser left unlabelled ("Finlay
    laughs" after "Morag Finlay") is a PERSON too."""
    entities = _surnames_run_on(_titles_read_as_names(_joined_bodies(_names_run_on_bodies(
        [_whole_hyphenated(_without_party(cut), text)
         for cut in (_after_dateline(e, text) for e in entities) if cut is not None],
        text), text), text), text)
    # (a rank the recogniser spanned alone, "Pol Gen" of "Pol Gen Somchai", is no one)
    entities = _outlets_as_bodies([_without_rank(e) for e in entities
                                   if not _RANK.fullmatch(e.text + " ")], text)
    entities = _first_names_dropped(entities, text)
    surnames = {e.text.split()[-1] for e in entities
                if e.label == "PERSON" and len(e.text.split()) > 1}
    out: list[Entity] = []
    for e in entities:
        name = (_titled_name(e.text) if e.label in ORG_LABELS
                or (e.label == "PERSON" and e.text.split()[0].lower() not in _HONORIFICS)
                else None)
        if _in_dateline(text, e.start, e.end):
            e = e.model_copy(update={"label": "GPE"})
        elif name is not None and e.text.endswith(name):
            start = e.end - len(name)
            e = e.model_copy(update={"label": "PERSON", "start": start, "text": name})
        # (a surname read as an organisation stays one: on PolNeAR train, reading those as
        # people cost pronoun speakers, 0.7529 -> 0.7321 with the shipped resolver)
        elif (e.label == "PERSON" and " " not in e.text and e.text not in surnames
              and _FROM_PLACE.search(text, max(0, e.start - 40), e.start)):
            # "a young baker from Athenry": where a person comes from, not who
            e = e.model_copy(update={"label": "GPE"})
        elif (e.label == "GPE" and e.text in surnames) or (
                e.label in ORG_LABELS and _AGE.match(text, e.end)) or _named_role(e, text) or (
                _first_word_alone(e, text)) or _surname_speaks(e, text, surnames) or (
                _given_name_titled(e, text)):
            e = e.model_copy(update={"label": "PERSON"})
        elif (e.label == "PERSON" and " " not in e.text and e.text not in surnames
              and _THE_BEFORE.search(text, max(0, e.start - 4), e.start)
              and not e.text.endswith("s")
              and e.text.lower().rstrip(".") not in _TITLES_ALONE):
            # "the Louvre declared": no one's name follows "the"; a family's does ("the
            # Clintons"), and a surname of someone named in full ("the Obama years") stays his
            e = e.model_copy(update={"label": "ORG"})
        out.append(e)
    if sentence_of is not None:
        # a given name alone is missed the same way ("Tunde, 38, insists" after "Tunde Okafor")
        given = {e.text.split()[0] for e in out if e.label == "PERSON" and len(e.text.split()) > 1
                 and len(e.text.split()[0]) > 2 and e.text.split()[0].lower() not in _TITLES}
        out = sorted(out + _missed_surnames(out, text, surnames | given, sentence_of),
                     key=lambda e: e.start)
        out = _relatives_by_first_name(out, text, sentence_of)
        out = _nicknamed_unlabelled(out, text, sentence_of)
        out = _quote_nicknamed(out, text, sentence_of)
        out = _mononyms(out, text, sentence_of)
        out = _elders_by_title(out, text, sentence_of)
        out = _patronymics(out, text, sentence_of)
    return out


def _after_dateline(e: Entity, text: str) -> Entity | None:
    """``e`` without the dateline the recogniser ran into it ("BOGOTÁ - The Frente Sur"
    read as one body, "WINDHOEK - Karibib Lithium"): the name is what follows the dash, so
    that the subject "Karibib Lithium said" holds an organisation's name. A body's label
    stays only on what is a body's by its own words (:func:`_a_body_after_dateline`); a
    title or a sign of a person makes it a person's, and None is what is neither."""
    line = text.rfind("\n", 0, e.start) + 1
    if text[line:e.start].strip():
        return e
    match = DATELINE.match(text, line)
    if match is None or not e.start <= match.start() or not match.end() < e.end:
        return e
    rest = text[match.end():e.end]
    if not rest[:1].isupper() or rest.isupper():
        return e  # a place in capitals after it too, or no name
    if e.label in ORG_LABELS and not _a_body_after_dateline(rest, text, match.end(), e.end):
        # the label was the dateline's and the capitals', not what is left's: "ABUJA - Bishop
        # Chidi Eze said" is a person, "NAIROBI - Otieno Odhiambo said" no body as far as
        # the article shows
        words = rest.split()
        titles = 0
        while titles < len(words) - 1 and words[titles].lower().rstrip(".") in _NOT_GIVEN_NAMES:
            titles += 1
        if titles or unlabelled_name(rest) or body_by_context(text, match.end(), e.end) is False:
            # the name without its titles, as the recogniser has "Bishop Chidi Eze" elsewhere
            start = match.end()
            for word in words[:titles]:
                start = text.index(word, start) + len(word)
            start += len(text[start:e.end]) - len(text[start:e.end].lstrip())
            return e.model_copy(update={"start": start, "text": text[start:e.end],
                                        "label": "PERSON"})
        return None
    return e.model_copy(update={"start": match.end(), "text": rest})


def _a_body_after_dateline(rest: str, text: str, start: int, end: int) -> bool:
    """Whether the name ``rest`` at ``[start, end)``, cut from a dateline the recogniser
    labelled with it, is a body's by its own words: "the" before it ("BOGOTÁ - The Frente
    Sur"), a body's or an industry's word last ("Dangote Cement", "Eskom Holdings") or a
    body's word first ("Minera Andina"), "it" or "its" opening what it said, or a word alone,
    no person's full name and no title ("NAIROBI - Safaricom said")."""
    words = [w.lower() for w in rest.split()]
    return ((len(words) == 1 and words[0].rstrip(".") not in _NOT_GIVEN_NAMES)
            or words[0] == "the" or body_by_form(words)
            or body_by_context(text, start, end) is True)


# Kinship titles a community gives its elders before their names ("Aunty Marlene Kirra",
# "Uncle Wally"): a title, as "Mr" is, which the recogniser reads as part of a name, as a
# work of art or as nothing.
_ELDER_TITLED = re.compile(
    r"(?<![\w'’-])(?:Aunty|Auntie|Uncle) ([A-Z][a-z][\w-]*(?:['’](?!s\b)[\w-]+)?"
    r"(?: [A-Z][a-z][\w-]*(?:['’](?!s\b)[\w-]+)?){0,2})")

_POSSESSIVE = re.compile(r"['’]s\b")


def _elders_by_title(
    entities: list[Entity], text: str, sentence_of: Callable[[int], int],
) -> list[Entity]:
    """``entities`` with each name after an elder's title ("Aunty Doris Ngarluma",
    "Uncle Percy") a PERSON without its title, in place of whatever the recogniser made of
    the words: so that "Aunty Doris said" is Doris Ngarluma, as "Mrs Ngarluma" would be."""
    out = list(entities)
    matches = list(_ELDER_TITLED.finditer(text))
    # a name the text only ever writes as a possessive is a brand's ("Auntie Anne's said",
    # "Uncle Ben's rice"), not an elder's ("Uncle Percy's grandson" after "Uncle Percy said")
    elders = {m.group(1).split()[0] for m in matches if not _POSSESSIVE.match(text, m.end())}
    for m in matches:
        if m.group(1).split()[0].lower() in _TITLES | _NAME_TITLES or (
                m.group(1).split()[0] not in elders):
            continue
        start, end = m.start(1), m.end(1)
        out = [e for e in out if e.end <= m.start() or e.start >= end]
        out.append(Entity(start=start, end=end, text=m.group(1), label="PERSON",
                          sentence=sentence_of(start)))
    return sorted(out, key=lambda e: e.start)


_FIRST_NAME_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+) $")


# A military or police rank before a name ("Pol Gen Kittisak Bunmee", "Lt Col Ana Ruiz", "Gen.
# Omar Said"): abbreviated, so never a given name, and left off as "Mr" is.
_RANK = re.compile(
    r"(?:Pol(?:ice)?\.? (?=(?:Lt|Maj|Brig|Gen|Col|Capt|Sgt|Cpl)\b))?"
    r"(?:(?:Lt|Maj|Brig)\.? (?=(?:Gen|Col)\b))?(?:Gen|Col|Capt|Sgt|Cpl|Adm|Lt|Maj|Brig)\.? ")


def _without_rank(e: Entity) -> Entity:
    """``e`` without a rank before the name of a person (:data:`_RANK`), so that "Pol Gen
    Kittisak Bunmee" and a later "Kittisak" are one person."""
    rank = _RANK.match(e.text) if e.label == "PERSON" else None
    if rank is None:
        return e
    rest = e.text[rank.end():]
    if not rest or not all(_NAME_WORD.match(w) for w in rest.split()):
        return e
    if rank.group() in ("Gen ", "Maj ") and len(rest.split()) < 2:
        return e  # a given name as well: "Gen Nakatani", not the general Nakatani
    return e.model_copy(update={"start": e.start + rank.end(), "text": rest})


# A nickname in brackets between a given name and a surname, as Thai copy gives one:
# "Nattapong (Ton) Wisetkul"; the recogniser stops its name at the bracket.
_NICKNAME_THEN_SURNAME = re.compile(r" \([A-Z][a-z]+\) ([A-Z][a-z][\w-]*)\b(?! [A-Z])")


_NICKNAMED = re.compile(r"\b([A-Z][a-z]+)" + _NICKNAME_THEN_SURNAME.pattern)


def _nicknamed_unlabelled(
    entities: list[Entity], text: str, sentence_of: Callable[[int], int],
) -> list[Entity]:
    """``entities`` with a name given with a nickname in brackets that the recogniser
    labelled nothing or cut at the bracket ("Nattapong (Ton) Wisetkul, leader of ...", "Wiroj
    (Bank" read as a body), where the article names the person by the given name again ("Mr
    Nattapong said"); what it labelled inside the name goes."""
    added = [
        Entity(text=m.group(), label="PERSON", start=m.start(), end=m.end(),
               sentence=sentence_of(m.start()))
        for m in _NICKNAMED.finditer(text)
        if len(re.findall(rf"\b{m.group(1)}\b", text)) > 1
        # not a company's branch: "Unilever (Thailand) Limited"
        and m.group(2).lower() not in _BODY_NAME_ENDS | _COMPANY_SUFFIXES
        and not any(e.label in ORG_LABELS and e.start <= m.start() and m.end() <= e.end
                    for e in entities)
        and not any(e.label == "PERSON" and e.start <= m.start() and m.end() <= e.end
                    for e in entities)]
    return _replacing_overlaps(entities, added)


# A nickname in quotation marks between the given names and the surname, as Philippine copy
# gives one: 'Sen. Lorna "Inday" Bautista-Reyes', 'fisherman Rodel "Dodong" Tabuzo'. The
# recogniser stops the person at the mark and reads the rest as a work or a body.
_QUOTE_NICKNAMED = re.compile(
    r"\b((?:Ma\. )?[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}) [\"“]([A-Z][\w'’.]*(?: [A-Z][\w'’.]*){0,2})"
    r"[\"”] ([A-Z][a-z][\w'’]*(?:-[A-Z][a-z][\w'’]*)?)\b(?! [A-Z])")


def _quote_nicknamed(
    entities: list[Entity], text: str, sentence_of: Callable[[int], int],
) -> list[Entity]:
    """``entities`` with a name given with a nickname in quotation marks one PERSON, where
    the recogniser cut it at the mark (:data:`_QUOTE_NICKNAMED`): what it labelled inside the
    name goes, so that the given name alone ("Lorna") is not the speaker's fullest name."""
    added = []
    for m in _QUOTE_NICKNAMED.finditer(text):
        given = next((e for e in entities if e.label == "PERSON" and e.end == m.end(1)
                      and m.start(1) <= e.start), None)
        if (given is None or m.group(3).lower() in _BODY_NAME_ENDS | _COMPANY_SUFFIXES
                or any(e.label == "PERSON" and e.start <= given.start and m.end() <= e.end
                       for e in entities)):
            continue
        start = _after_leading_roles(text, given.start, m.end(1))
        added.append(Entity(text=text[start:m.end()], label="PERSON", start=start,
                            end=m.end(), sentence=sentence_of(start)))
    return _replacing_overlaps(entities, added)


# How a job's noun ends, which a given name seldom does before another given name: "Boxer
# Manny", "Rapper Thabo", "Fisherman Rodel".
_JOB_SHAPED = re.compile(r"(?:er|ist|man|ian)$")


def _after_leading_roles(text: str, start: int, end: int) -> int:
    """Where the given names in ``text[start:end]`` begin after the capitalised titles or
    jobs the recogniser read into them ("Boxer Manny" -> "Manny", "Pastor Joel" -> "Joel"),
    one word at least left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    for word, following in pairwise(words):
        low = word.group().lower().rstrip(".")
        if not (low in _NOT_GIVEN_NAMES or (_JOB_SHAPED.search(low) is not None
                                            and first_name_gender(f"{word.group()} X") is None)):
            break
        start += following.start() - word.start()
    return start


def _replacing_overlaps(entities: list[Entity], found: list[Entity]) -> list[Entity]:
    """``entities`` with ``found`` in place of every entity they overlap, in text order."""
    if not found:
        return entities
    kept = [e for e in entities if not any(e.start < f.end and f.start < e.end for f in found)]
    return sorted(kept + found, key=lambda e: e.start)


# Kinds of outlet a name follows when the article introduces it: "the channel Iron Meridian",
# "the regional channel Volga Morning", "the news site Dispatch 24".
_OUTLET_KINDS = frozenset(
    "channel newspaper tabloid magazine website blog outlet broadcaster podcast portal".split())
_OUTLET_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_OUTLET_KINDS))}) $")
# What the recogniser may make of an outlet's name: a person, a product, an event, a work.
_OUTLET_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "FAC"})


def _outlets_as_bodies(entities: list[Entity], text: str) -> list[Entity]:
    """``entities`` with a name the article introduces right after a kind of outlet
    (:data:`_OUTLET_KINDS`) an organisation, in every mention: "The channel Kurgan Notebook
    ... Kurgan Notebook wrote" is no person, whatever the recogniser read."""
    outlets = {e.text for e in entities if e.label in _OUTLET_LABELS
               and _OUTLET_BEFORE.search(text, max(0, e.start - 12), e.start)}
    return [e.model_copy(update={"label": "ORG"})
            if e.text in outlets and e.label in _OUTLET_LABELS else e for e in entities]


def _outlet_meant(head: Token, written: str, start: int, text: str,
                  orgs: list[Entity]) -> str | None:
    """The outlet "the channel" (newspaper, blog ...) stands for: the name right after it
    ("The channel Iron Meridian, which ..., said"), or, said plainly, the outlet of that
    kind the article introduced by name ("the channel Rubezh") and mentioned last."""
    noun = head.lower_
    if head.pos_ != "NOUN" or noun not in _OUTLET_KINDS:
        return None
    after = head.idx + len(head.text) + 1
    named = next((e for e in orgs if e.start == after), None)
    if named is not None:
        return named.text
    if written.lower().split() != ["the", noun]:
        return None
    kind_before = re.compile(rf"\b{noun} $")
    introduced = {e.text for e in orgs
                  if e.end <= start and kind_before.search(text, max(0, e.start - 12), e.start)}
    mentions = [e for e in orgs if e.end <= start and e.text in introduced]
    return max(mentions, key=lambda e: e.start).text if mentions else None


def _mononyms(
    entities: list[Entity], text: str, sentence_of: Callable[[int], int],
) -> list[Entity]:
    """``entities`` with a one-word name that the article describes as a person in
    apposition (:data:`_PERSON_AFTER`, :data:`_PERSON_BEFORE`) a PERSON in every mention, as
    Indonesian copy names many people: the recogniser reads such names as places or labels
    nothing, and then they are no candidates for "he" or "she". Only a word the article gives
    again or with an age ("Taufik, a 52-year-old fisherman"); not one after a preposition
    ("the mayor of Oakland, California,"), one it writes in lower case, has speak as a body
    ("it", "its"), or gives as part of a longer name, labelled or not ("Adel Nefzi", "Mr.
    Regalado")."""
    out = entities
    for m in [*_PERSON_AFTER.finditer(text), *_PERSON_BEFORE.finditer(text)]:
        word = m.group(1)
        low = word.lower()
        if (_CAPITALISED_BEFORE.search(text, max(0, m.start(1) - 30), m.start(1))
                or low in _NOT_GIVEN_NAMES or low in _TITLES
                or any(word in e.text.split() and e.text != word for e in out)
                or any(e.text == word and e.label not in ("PERSON", "GPE", "ORG", "NORP")
                       for e in out)
                or _written_in_lower_case(word, text) or _speaks_as_body(word, text)
                or (len(re.findall(rf"\b{word}\b", text)) < 2
                    and not re.search(r"\d", m.group()))
                or re.search(rf"(?:[A-Z][\w'’-]*|\b(?:Mr|Mrs|Ms|Dr)\.) {word}\b", text)):
            continue
        out = [e.model_copy(update={"label": "PERSON"}) if e.text == word else e for e in out]
        out = sorted(out + _unlabelled_mentions(word, text, out, sentence_of),
                     key=lambda e: e.start)
    return out


def _first_names_dropped(entities: list[Entity], text: str) -> list[Entity]:
    """``entities`` with a surname the recogniser read as a body, its first name left out,
    made the person's whole name ("Ana Reyes" of "Reyes" tagged ORG): a usual first name
    right before it, in no entity, the two of a person's form (not "Georgia Power"). Not a
    place's name (GPE): reading those as people cost PolNeAR train a speaker (rules only,
    0.8808 -> 0.8807)."""
    out: list[Entity] = []
    for e in entities:
        m = _FIRST_NAME_BEFORE.search(text, max(0, e.start - 20), e.start)
        if (e.label == "ORG" and " " not in e.text and m is not None
                and unlabelled_name(f"{m.group(1)} {e.text}")
                and not any(o.start <= m.start(1) < o.end for o in entities)):
            e = e.model_copy(update={"start": m.start(1), "text": text[m.start(1):e.end],
                                     "label": "PERSON"})
        out.append(e)
    return out


_WELSH_PARTICLES = frozenset({"ap", "ab", "ferch", "verch"})
# A Welsh name with "ap"/"ab" ("son of") or "ferch" ("daughter of"), which the recogniser
# often misses or reads as an organisation: "Rhodri ap Gwilym", "Mr ab Einion".
_PATRONYMIC = re.compile(
    r"\b(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?(?:(?!(?:The|A|An|But|And|When)\b)[A-Z][\w'’-]+ ){0,2}"
    r"(?:ap|ab|ferch|verch) "
    r"[A-Z][\w'’-]+")


# Words that make a patronymic name before them a body's: "the Dafydd ap Gwilym Society".
_PATRONYMIC_BODY = re.compile(
    r" (?:Society|Trust|Centre|Center|School|Prize|Award|Foundation|Fund|Memorial|Institute|"
    r"Hall|House|Lecture|Festival|Library|Museum|Chapel|Church|College|Building|Association|"
    r"Club|Company|Ltd|Group)\b")

_PATRONYMIC_PLACE = re.compile(
    r" (?:Street|Road|Avenue|Lane|Square|Park|Bridge|Close|Drive|Way|Terrace|Crescent)\b")


def _patronymics(entities: list[Entity], text: str,
                 sentence_of: Callable[[int], int]) -> list[Entity]:
    """The entities with each Welsh patronymic name a PERSON, in place of whatever the
    recogniser made of its words; its title left out ("Councillor Rhodri ap Gwilym" ->
    "Rhodri ap Gwilym"), as :func:`named_entities` does. A body named after one ("the Dafydd
    ap Gwilym Society") is an ORG, whole; one inside an organisation the recogniser found
    stays its."""
    found = []
    titles = (_NAME_TITLES | _OWN_TITLES | _OFFICES) - _HONORIFICS
    for m in _PATRONYMIC.finditer(text):
        if any(e.label in ORG_LABELS and e.start <= m.start() and m.end() < e.end
               for e in entities):
            continue  # inside a body's name the recogniser found
        if (place := _PATRONYMIC_PLACE.match(text, m.end())) is not None:
            # a street named after one: "Owain ap Rhys Street" is no one, nor its last words
            # ("Gwilym Road", which the recogniser may read as a person)
            entities = [e for e in entities if not (
                e.label == "PERSON" and e.start < place.end() and m.start() < e.end)]
            continue
        body = _PATRONYMIC_BODY.match(text, m.end())
        if body is not None:
            # a body named after a person, whole: "The Dafydd ap Gwilym Society said"
            found.append(Entity(start=m.start(), end=body.end(),
                                text=text[m.start():body.end()], label="ORG",
                                sentence=sentence_of(m.start())))
            continue
        start = m.start()
        while (word := text[start:m.end()].split()[0]).rstrip(".").lower() in titles:
            start += len(word) + 1
        found.append(Entity(start=start, end=m.end(), text=text[start:m.end()],
                            label="PERSON", sentence=sentence_of(start)))
    return _replacing_overlaps(entities, found)


# First words of places' names that a place is never called by alone ("New", "San").
_PLACE_OPENERS = frozenset(
    "new north south east west san santa saint st port fort mount lake cape upper lower great "
    "little el la las los le united hong sri costa".split())


def _first_word_alone(e: Entity, text: str) -> bool:
    """Whether a place's entity of two or three names ("Tunde Okafor", which the recogniser
    reads as a place) is a person's, called by the first name alone elsewhere as only a
    person is ("Tunde says", "Tunde, 38,"); a word the article writes in lower case too is
    no name."""
    words = e.text.split()
    if e.label != "GPE" or not 2 <= len(words) <= 3 or not all(
            _NAME_WORD.match(w) and not w.isupper() and w.lower() not in _ORG_WORDS
            for w in words):
        return False
    first = words[0]
    if first.lower() in _PLACE_OPENERS or first.lower() in _TITLES or re.search(
            rf"\b{re.escape(first.lower())}\b", text):
        return False
    # as a person is used: saying something, or given an age ("Tunde says", "Tunde, 38,");
    # "Puerto Ricans", "Saudi officials" and "Mexico said" are no one's first name
    return words[-1].lower() not in _PLACE_ENDS and any(
        not text.startswith(e.text, m.start())
        for m in re.finditer(rf"\b{re.escape(first)}(?=, \d{{1,3}},|{_AS_PERSON})", text))


# A courtesy title before a given name alone, as Thai copy calls a person ("Mr Kritsada").
_COURTESY = r"(?:Mr|Mrs|Ms|Miss|Dr|Khun)\.?"


def _given_name_titled(e: Entity, text: str) -> bool:
    """Whether a body's or a place's entity of two or three names ("Somchai Rattana", which
    the recogniser took for a company) is a person's, called elsewhere by a courtesy title
    and its first word alone ("Mr Somchai said"), as Thai copy calls people; only a person
    is: "Mr Morgan" is no second mention of the bank Morgan Stanley, a firm by its last word
    or by speaking as a body ("it", "its"), unless the title stands beside the whole name."""
    words = e.text.split()
    if (e.label not in _READ_AS_THINGS | {"GPE"} or not 2 <= len(words) <= 3
            or not all(_NAME_WORD.match(w) and not w.isupper()
                       and w.lower() not in _ORG_WORDS | _PLACE_ENDS for w in words)):
        return False
    first, second = re.escape(words[0]), re.escape(words[1])
    if re.search(rf"\b{_COURTESY} {first}\b(?! {second}\b)", text) is None:
        return False
    # "Mr Goldman" is no second mention of Goldman Sachs
    return words[-1].lower() not in _FIRM_ENDS and not _speaks_as_body(e.text, text)


# Last words of firms named after their founders, which name no person ("Goldman Sachs",
# "Morgan Stanley", "Tata Steel"), and which :data:`_ORG_WORDS` leaves out.
_FIRM_ENDS = frozenset("sachs stanley steel chase lynch brothers bros sons".split())


def _speaks_as_body(name: str, text: str) -> bool:
    """Whether the text has ``name`` speak or act as a body, "it" or "its" after it in its
    sentence with no "he" or "she" before ("Tata Steel said it would close its furnaces")."""
    for m in re.finditer(rf"\b{re.escape(name)}\b", text):
        rest = re.match(r"[^.!?\n]*", text[m.end():])
        said = rest.group() if rest else ""
        words = [w for w in re.finditer(r"\b(?:it|its|he|she|his|her)\b", said)
                 if _DUMMY_IT.match(said, w.start()) is None]
        if words and words[0].group() in ("it", "its"):
            return True
    return False


# "it" that stands for no one, as often after a person's "said" as a firm's: "said it would
# take two years", "said it was the worst season" (but "said it was closing" is a body's).
_DUMMY_IT = re.compile(r"it (?:(?:would|will|could|might|may) (?:take|be|cost)\b"
                       r"|(?:is|was|has been|had been) (?!\w+ing\b))")


# Labels a person's name is mistaken for in company and product copy: a company, or a
# product or a work on a launch day ("Head of hardware Ines Albuquerque-Hart walks out").
_READ_AS_THINGS = frozenset({"ORG", "PRODUCT", "WORK_OF_ART"})


def _surname_speaks(e: Entity, text: str, surnames: set[str]) -> bool:
    """Whether a body's or a product's entity that reads as a name ("Carly Fiorina", which
    the recogniser took for a company) is a person's, whose surname speaks alone elsewhere as
    only a person's does ("Fiorina told"; "Morgan Stanley said" has no "Stanley said" of its
    own). Not when
    someone else named in full has that surname: "Jones said" after "analyst Mary Jones" is
    hers, and "Edward Jones" stays a firm."""
    words = e.text.split()
    if (e.label not in _READ_AS_THINGS or not 2 <= len(words) <= 3
            or not unlabelled_name(e.text) or words[-1] in surnames):
        return False
    last = re.escape(words[-1])
    return any(not text.startswith(e.text, m.start() - len(e.text) + len(words[-1]))
               for m in re.finditer(rf"\b{last}(?={_SPEAKS_AS_PERSON})", text))




_PLACE_ENDS = frozenset(
    "city county state republic village beach island islands park heights hills valley "
    "springs falls district province region territory".split())
# Verbs after a name alone that make it a person's. Two lists, each as its finding needed:
# a first name the recogniser read as a place came from present-tense profiles ("Tunde says",
# "Tunde laughs"), a surname it read as a company from news in both tenses ("Fiorina told");
# neither was measured with the other's verbs.
_AS_PERSON = r" (?:says|tells|adds|laughs|recalls|insists|admits|explains|remembers)\b"
_SPEAKS_AS_PERSON = (r" (?:says|said|tells|told|adds|added|argues|argued|writes|wrote|asks|"
                     r"asked|explains|explained|insists|insisted)\b")


_THE_BEFORE = re.compile(r"\b[Tt]he $")
# Titles a text may give a person alone, after "the": "the Sheikh", "the Emir", "the Rabbi".
_TITLES_ALONE = frozenset(
    "sheikh sheik emir rabbi ayatollah imam sultan mufti lama pope pontiff king queen prince "
    "princess duke duchess cardinal bishop archbishop reverend rev pastor chief caliph shah "
    "maharaja rajah emperor empress tsar czar".split())
# An age in apposition: "Emine, 41,", "Oksana, 34, who ..."
# (not the first group of a figure: "the Database, 8,668 fires")
_AGE = re.compile(r", \d{1,3},(?!\d)")
# A role in lower case set off before a name: "the authority's head of legal, "
_ROLE_BEFORE = re.compile(r"\b[a-z][\w'’-]*, $")
# Words that make a name an organisation's: "the carrier, Eastern Airlines," is no person.
_ORG_WORDS = _BODY_HEADS | frozenset(
    "group company corp corporation inc ltd plc llc bank party ministry office court "
    "university college school hospital news times post watch network fund foundation "
    "partners capital holdings media press club committee alliance coalition centre center "
    "motors airlines airways energy health international labs systems technologies house "
    "church".split())


# Relatives by the noun a text gives them ("Her mother, Lindiwe Mokoena,").
_RELATIVES = frozenset(
    "mother father grandmother grandfather widow widower sister brother daughter son wife "
    "husband cousin uncle aunt niece nephew".split())
# What only a person is, by family or daily life: "Nkechi Adeyemi, a mother of three,".
_PEOPLE = _RELATIVES | frozenset(
    "parent resident pensioner grandparent nurse teacher student pupil farmer shopkeeper "
    "volunteer".split())
# Roles of a person that, in lower case right before a name, make it a person's: "Kinross
# skipper Ewan Baxter", "campaign strategist Nadia Farouk".
_PERSON_ROLES = frozenset(
    "skipper captain coach manager boss striker midfielder defender goalkeeper bowler batter "
    "batsman opener winger strategist spokesman spokeswoman spokesperson adviser advisor aide "
    "analyst economist lawyer attorney founder chairman chairwoman president director "
    "executive officer campaigner activist editor scientist researcher professor "
    "journalist reporter writer author dietitian nutritionist trainer pharmacist "
    "physician therapist psychologist chef designer photographer historian consultant "
    "engineer planner".split()) | _PEOPLE
# A one-word name after a person's noun and "from" is where the person comes from: "a young
# baker from Athenry", "a man from Ballina".
_FROM_PLACE = re.compile(r"\b(?:" + "|".join(sorted(
    _PERSON_ROLES | frozenset("man woman boy girl baker fisherman crofter".split()),
    key=len, reverse=True)) + r") from $")
# People a "from" after says where they come from, not who wrote them: "the lawmaker from
# Isfahan" (but "a spokesman from the ministry" speaks for it).
_FROM_PERSONS = (_PEOPLE | frozenset(
    "man woman boy girl baker fisherman crofter lawmaker legislator congressman congresswoman "
    "senator deputy delegate mp".split()))
# A role or office written as a title after a body's name: "The PAHO Director".
_OFFICE_WORDS = _PERSON_ROLES | _OFFICES
_WORD_BEFORE = re.compile(r"\b([a-z][\w'’-]*) $")
# A role in apposition after a name: "Ada Lind, an editor at ...", "Ada Lind, a senior
# scientist working on ...": up to three lower-case words, read up to a preposition.
_ROLE_AFTER = re.compile(r", (?:an?|the) ([a-z][\w'’-]*(?: [a-z][\w'’-]*){0,2})")
_PREPOSITIONS = frozenset("at of for with in on from to by".split())
# A sentence opening with a person's role and where it is held, set off before a name.
_ROLE_OF_REACH = 90
_ROLE_OF_BEFORE = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir) (?:[a-z][\w'’-]* ){0,2}"
    r"(?:" + "|".join(sorted(_PERSON_ROLES | {"head", "chief"})) + r") "
    r"(?:of|at|for|in) [^,.;:\n]{1,60}, $")


# What describes a person in apposition after a one-word name: an age, or a role among up to
# three words ("Taufik, a 52-year-old fisherman", "Rusdiana, a former midwife", "Wirananda, a
# former district head"); a place's apposition has none ("Kutai, a regency").
_PERSON_AFTER = re.compile(
    r"([A-Z][a-z]{3,}), (?:\d{1,3},|(?:an?|the) (?:[\w-]+ ){0,3}?(?:\d{1,3}-year-old|"
    + "|".join(sorted(_PERSON_ROLES - _RELATIVES - {"parent"} | _OFFICES
                      | {"head", "midwife", "fisherman", "lecturer"}))
    + r")\b)")
_CAPITALISED_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*|\b(?:of|in|at|from|to|for|and)) $")
# Or a role set off before it: "Her opponent, Baharuddin,", "His campaign manager, Syamsul,",
# "The chairman of the provincial KPU, Irwan,".
_PERSON_BEFORE = re.compile(
    r"\b(?:" + "|".join(sorted(_PERSON_ROLES - _RELATIVES - {"parent"} | _OFFICES
                                | {"opponent", "rival", "chair"}))
    + r")(?: (?:of|at|for) (?:(?! in )[^,.;:()\n]){1,40})?, ([A-Z][a-z]{3,}),")


# Endings of Nordic patronymic surnames, a person's whatever the first name: "Pétursson",
# "Jónsdóttir".
_PATRONYMIC_ENDS = ("son", "sen", "dóttir", "dottir", "datter")


def _reads_as_persons(name: str) -> bool:
    """Whether ``name`` reads as a person's by its form: a known first name, or a Nordic
    patronymic surname last ("Einar Pétursson"); "Deutsche Bahn" and "Goldman Sachs" do
    not."""
    return first_name_gender(name) is not None or name.split()[-1].lower().endswith(
        _PATRONYMIC_ENDS)


def _named_role(e: Entity, text: str) -> bool:
    """Whether an organisation's entity is a person's name tied to a role: in apposition
    ("the authority's head of legal, Grace Wanjiku, wrote": set off by commas after a role in
    lower case), right after a person's role ("Kinross skipper Ewan Baxter") or before one
    ("Gustavo Ferraz, an editor at the news site, said", "Nkechi Adeyemi, a mother of
    three," read as a place); two or three capitalised words, none an organisation's word.
    Only there: reading every such name as a person cost PolNeAR pronoun speakers (see
    :func:`named_entities`)."""
    words = e.text.split()
    # a particle inside the name ("Laurence des Cars") is no organisation's word
    named = [w for i, w in enumerate(words)
             if not (0 < i < len(words) - 1 and w in NAME_PARTICLES)]
    # a place's label too, the recogniser reading some names from abroad as places, but
    # only before a person's role: "the capital, New Delhi," is no person
    if e.label not in ("ORG", "GPE") or not 2 <= len(named) <= 3 or not all(
            _NAME_WORD.match(w) and not w.isupper() and w.lower() not in _ORG_WORDS
            for w in named):
        return False
    if e.label == "ORG" and text.startswith(",", e.end) and _ROLE_BEFORE.search(
            text, max(0, e.start - 40), e.start) is not None:
        return True
    before = _WORD_BEFORE.search(text, max(0, e.start - 30), e.start)
    if e.label == "ORG" and before is not None and before.group(1) in _PERSON_ROLES:
        return True
    # set off after a role whose place ends in a capital: "The head of the police in south
    # Iceland, Páll Pétursson, said"
    # (a person's name by its form: "The head of the rail operator in Germany, Deutsche
    # Bahn, said" names the operator)
    if e.label == "ORG" and text.startswith(",", e.end) and _ROLE_OF_BEFORE.search(
            text, max(0, e.start - _ROLE_OF_REACH), e.start) is not None and _reads_as_persons(
                e.text):
        return True
    # a person's noun set off before the name, its closing comma left out: "Ramdehol's
    # sister, Inderdai Deyal said"
    set_off = _ROLE_BEFORE.search(text, max(0, e.start - 40), e.start)
    if (e.label == "ORG" and set_off is not None
            and set_off.group(0).rstrip(", ").rsplit(None, 1)[-1] in _PERSON_ROLES):
        return True
    after = _ROLE_AFTER.match(text, e.end)
    if after is None:
        return False
    words = after.group(1).split()
    cut = next((i for i, w in enumerate(words) if w in _PREPOSITIONS), len(words))
    # the apposition's head, a participle after it aside ("a scientist working on"): "a
    # founder member of OPEC" and "a teacher training centre" are no person's roles
    role = words[:cut]
    while role and role[-1].endswith("ing"):
        role.pop()
    return bool(role) and role[-1] in _PERSON_ROLES


def _in_dateline(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is the place in capitals of a dateline ("SARIKOY — The road
    ...", "NAKURU, Kenya —"), or the country or state after it ("CASTRIES, Saint Lucia —",
    which the recogniser may read as a person)."""
    line = text.rfind("\n", 0, start) + 1
    match = DATELINE.match(text, line)
    if match is None or end > match.end():
        return False
    if text[start:end].isupper() and not text[line:start].strip(" ,"):
        return True
    return (_DATELINE_PLACE.fullmatch(text, line, start) is not None
            and _DATELINE_DASH.match(text, end) is not None)


# The place in capitals a dateline opens with, before its country or state; the dash after.
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z.'’ -]+, ")
_DATELINE_DASH = re.compile(r"\s(?:--|—|–|-)\s")


def _missed_surnames(
    entities: list[Entity], text: str, surnames: set[str], sentence_of: Callable[[int], int],
) -> list[Entity]:
    """Mentions of a full name's surname the recogniser labelled nothing: the parse calls
    some a common noun ("Finlay laughs at that."), so the test is the spelling: capitalised,
    never written in lower case in the article."""
    found: list[Entity] = []
    alone = {e.text for e in entities}
    for surname in surnames:
        # only one the recogniser never finds alone: adding the mentions it missed of one it
        # does find cost PolNeAR pronoun speakers
        if (surname in alone or not _NAME_WORD.match(surname) or surname.lower() in _TITLES
                or _written_in_lower_case(surname, text)):
            continue
        found += _unlabelled_mentions(surname, text, entities, sentence_of)
    return found


def _written_in_lower_case(word: str, text: str) -> bool:
    """Whether ``text`` also writes ``word`` in lower case: a common word, no name."""
    return re.search(rf"\b{re.escape(word.lower())}\b", text) is not None


def _unlabelled_mentions(
    name: str, text: str, entities: list[Entity], sentence_of: Callable[[int], int],
) -> list[Entity]:
    """Each mention of the word ``name`` that no entity of ``entities`` covers, as a PERSON
    (not the last part of a hyphenated name: "Moreau" of "Baptiste-Moreau")."""
    return [Entity(start=m.start(), end=m.end(), text=name, label="PERSON",
                   sentence=sentence_of(m.start()))
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}\b(?!-\w)", text)
            if not any(e.start <= m.start() < e.end or m.start() <= e.start < m.end()
                       for e in entities)]


# A person a story introduces by a first name alone, as the person gave it or with the noun
# for who they are: "a woman who gave her name only as Nadia", "who gave only his first name,
# Tomas", "a 17-year-old named Ruben"; not a name in full ("a novelist named Clare Whitlow").
_PERSON_NOUNS = ("man|woman|boy|girl|child|teenager|volunteer|student|farmer|worker|resident|"
                 "refugee|migrant|mother|father|nurse|doctor|teacher|driver|fisherman|trader|"
                 r"\d{1,3}-year-old")
# the words after the giving: "(only) her (first) name (only) (as)"
_NAME_GIVEN = r"(?:only )?(?:his|her|their) (?:first )?name(?: only)?(?: as)?,? "
_FIRST_NAME_GIVEN = re.compile(
    rf"(?:\b(?:gave|gives|giving|give) {_NAME_GIVEN}"
    rf"|\b(?:{_PERSON_NOUNS}) (?:named|called) )([A-Z][a-z]+)\b(?![ -]?[A-Z])")
# The first name so given right after the speaker's phrase, or one in apposition to it: "A
# man who gave his name only as Idris, 40, said", "Her younger son, Timur, 9, said".
_FIRST_NAME_AFTER = re.compile(
    rf"(?:,? who (?:gave|gives|had given|would give) {_NAME_GIVEN}"
    r"|,? (?:named|called) |, (?=[A-Z][a-z]+,))([A-Z][a-z]+)\b(?![ -]?[A-Z])")


def _first_name_after(end: int, text: str, persons: list[Entity]) -> str | None:
    """The first name a person was given right after the speaker's phrase ending at
    ``end``, where that word is a person's (:func:`_relatives_by_first_name`)."""
    m = _FIRST_NAME_AFTER.match(text, end)
    if m is None or not any(e.start == m.start(1) and e.end == m.end(1) for e in persons):
        return None
    return m.group(1)


# What a soldier (or an officer who will not give a surname) goes by, right after the
# speaker's phrase: "A loader with the call sign Zhuk, a former driver, said", "The
# commander, who gave his name only as Roman Ivanovych, said" (a first name and a
# patronymic, as a Ukrainian officer may give it).
CALL_SIGN_WORDS = r"(?:call ?sign|nom de guerre|code ?name)"
"""The words that give what a soldier goes by: "the call sign Zhuk"."""
_KNOWN_BY_AFTER = re.compile(
    rf"(?:,? (?:with|using|under|who goes by) the {CALL_SIGN_WORDS} "
    rf"([A-Z][\w'’-]+)|,? who (?:gave|gives|had given) {_NAME_GIVEN}"
    r"([A-Z][a-z]+ [A-Z][a-z]+))(?=[,.;:]|$| (?:said|says|told|tells|added|adds)\b)")


def known_by_after(end: int, text: str) -> str | None:
    """The call sign (or a first name and patronymic given alone) a person goes by, right
    after the speaker's phrase ending at ``end``: the name the article quotes them by."""
    m = _KNOWN_BY_AFTER.match(text, end)
    return None if m is None else m.group(1) or m.group(2)


# What closes a name set off after a role where the parse loses the apposition: a seat or a
# party in brackets, then the comma. (Without the brackets, taking any name set off so cost
# PolNeAR rules-only speaker accuracy, 0.8808 -> 0.8807.)
_SET_OFF_END = re.compile(r" \([^()\n]{1,40}\),")
_TITLE_WORD = re.compile(r"([A-Z][a-z]*)\.? ")


def _name_set_off(end: int, text: str, persons: list[Entity]) -> str | None:
    """A person's name set off by commas right after the speaker's phrase ending at
    ``end``, titles before it and a seat in brackets after it ("the sponsor, Sen. Ada Okafor
    (Lagos East), said"), which the parse hangs elsewhere than in apposition (the bracket
    makes the name a conjunct)."""
    if not text.startswith(", ", end):
        return None
    at = end + 2
    while (m := _TITLE_WORD.match(text, at)) is not None and (
            m.group(1).lower() in _TITLES | _NAME_TITLES | HONOURS):
        at = m.end()
    named = next((e for e in persons if e.start == at), None)
    if named is None or not _SET_OFF_END.match(text, named.end):
        return None
    return named.text


def _relatives_by_first_name(
    entities: list[Entity], text: str, sentence_of: Callable[[int], int],
) -> list[Entity]:
    """``entities`` with a relative introduced by a first name alone ("Her husband, Colin,
    carried the dogs"), or a person by the first name they gave ("a woman who gave her name
    only as Nadia", :data:`_FIRST_NAME_GIVEN`), a person there, which the recogniser
    labelled nothing or a place, and
    wherever else it left the name unlabelled: so that "he says" after it can be his. Not a
    name the recogniser labelled elsewhere ("Her daughter, India, ... India said it would send
    aid" keeps the country), a word the article writes in lower case too ("Her son, Will,")
    or a name two relatives share ("Her husband, Colin, ... Her brother, Colin,")."""
    introduced: dict[str, list[re.Match[str]]] = {}
    for m in [*_KIN_FIRST_NAME.finditer(text), *_FIRST_NAME_GIVEN.finditer(text)]:
        introduced.setdefault(m.group(1), []).append(m)
    for m in _NAMED_ONES_KIN.finditer(text):
        if not any(e.start == m.start(1) and e.label in _PLACE_LABELS for e in entities):
            introduced.setdefault(m.group(1), []).append(m)
    out = list(entities)
    for name, found in introduced.items():
        if len(found) > 1 or name.lower() in _TITLES or _written_in_lower_case(name, text):
            continue
        at = found[0].start(1)
        if any(e.start <= at < e.end and e.text != name for e in out):
            continue
        out = [e.model_copy(update={"label": "PERSON"}) if e.start == at else e for e in out]
        out += _unlabelled_mentions(name, text, out, sentence_of)
    return sorted(out, key=lambda e: e.start)


# A name's lower-case second half after a hyphen ("Bae Seol-ah", "Jung Ha-eun"), which the
# recogniser sometimes leaves out; not a word that makes the name a modifier ("Kim-led",
# "Willie Mullins-trained"). Such halves are a syllable of one to four letters ("ah", "eun",
# "hoon"); an open-ended English participle is longer.
_HYPHEN_REST = re.compile(r"-([a-z]{1,4})\b(?!-)")
_NOT_NAME_HALVES = frozenset(
    "led based backed born bred era style like linked owned run funded made type esque ish "
    "inspired appointed endorsed aligned allied supporting fed held free less wide hit "
    "only".split())


def _whole_hyphenated(e: Entity, text: str) -> Entity:
    """A person's name with the syllables after its last hyphen, where the recogniser stopped
    at the hyphen ("Bae Seol" in "Bae Seol-ah")."""
    m = _HYPHEN_REST.match(text, e.end)
    if e.label != "PERSON" or m is None or m.group(1) in _NOT_NAME_HALVES:
        return e
    return e.model_copy(update={"end": m.end(), "text": text[e.start:m.end()]})


# A party in brackets the recogniser took into a name: "Councillor Iain Munro (Ind".
_PARTY_AFTER = re.compile(r" \([\w .'’-]{0,20}\)?$")


def _without_party(e: Entity) -> Entity:
    """The entity without a party label in brackets at its end: a person's ("Iain Munro
    (Ind)"), or a titled name the recogniser called a body ("Councillor Iain Munro (Ind)");
    not a body's own abbreviation ("National Health Service (NHS)")."""
    m = _PARTY_AFTER.search(e.text) if e.label in ORG_LABELS | {"PERSON"} else None
    if m is None or m.start() == 0:
        return e
    if e.label != "PERSON" and _titled_name(e.text[:m.start()]) is None:
        return e
    return e.model_copy(update={"text": e.text[:m.start()], "end": e.start + m.start()})


# The capitalised words of a name after a title: "Councillor| Iain Munro".
# (an apostrophe inside a name, "O'Neill", but not a possessive "'s")
_NAME_AFTER_TITLE = re.compile(
    r" ((?:[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)? ){0,2}[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)?)")


# The capitalised word right after a name.
_NEXT_WORD = re.compile(r" ([A-Z][a-z][\w'’-]*)\b")


def _surnames_run_on(entities: list[Entity], text: str) -> list[Entity]:
    """People's names the recogniser cut before their surname: "Marie Therese" of "Marie
    Therese Gallagher", where the word after the name is the surname of someone the article
    names in full ("Pádraig Gallagher") and no entity of its own."""
    surnames = {e.text.split()[-1] for e in entities
                if e.label == "PERSON" and len(e.text.split()) > 1}
    starts = {e.start for e in entities}
    out: list[Entity] = []
    for e in entities:
        run = _NEXT_WORD.match(text, e.end) if (
            e.label == "PERSON" and len(e.text.split()) > 1) else None
        if run is not None and run.group(1) in surnames and run.start(1) not in starts:
            e = e.model_copy(update={"end": run.end(), "text": text[e.start:run.end()]})
        out.append(e)
    return out


# Capitalised words that run on after an entity, up to the next word that is none.
_NAME_RUN = re.compile(r"((?: [A-Z][a-z][\w'’-]*){1,3})(?= [a-z(]|[,.;:])")
# The nouns a firm's or a ministry's name ends on, after which a person's name may run on.
_FIRM_HEADS = ORGANISATION_NOUNS | frozenset("corporation jsc plc ltd inc".split())


def _names_run_on_bodies(entities: list[Entity], text: str) -> list[Entity]:
    """People named right after their firm with no comma, whom the recogniser read into the
    firm's name and cut short: "Director of Mekong Delta Food Company Dang Thi Bich Ngoc
    told", labelled "Mekong Delta Food Company Dang" (Vietnamese copy names people so).
    The body ends on its noun ("Company"); the words after it, and the capitalised words
    the entity left out after them, are a PERSON. Not a body's name that goes on past its
    noun ("Ford Motor Company Fund"): the name must run on past the entity."""
    out: list[Entity] = []
    for e in entities:
        words = e.text.split()
        heads = [i for i, w in enumerate(words[:-1]) if w.lower() in _FIRM_HEADS]
        run = _NAME_RUN.match(text, e.end) if e.label == "ORG" and heads else None
        if run is None:
            out.append(e)
            continue
        tail = words[heads[-1] + 1:] + run.group(1).split()
        if (len(tail) < 3 or not all(_NAME_WORD.match(w) for w in tail)
                or {w.lower() for w in tail} & (NOT_IN_NAMES | _FIRM_HEADS)):
            out.append(e)
            continue
        body = " ".join(words[:heads[-1] + 1])
        start = e.start + len(body) + 1
        out.append(e.model_copy(update={"end": e.start + len(body), "text": body}))
        out.append(Entity(start=start, end=run.end(1), text=text[start:run.end(1)],
                          label="PERSON", sentence=e.sentence))
    return out


def _titles_read_as_names(entities: list[Entity], text: str) -> list[Entity]:
    """A personal title the recogniser read as a name of its own ("Councillor" of
    "Councillor Iain Munro", the surname another entity or none): the name after it, as
    one PERSON."""
    out: list[Entity] = []
    skip_to = -1
    ordered = sorted(entities, key=lambda e: e.start)
    for e in ordered:
        if e.start < skip_to:
            continue
        words = e.text.split()
        name = _NAME_AFTER_TITLE.match(text, e.end)
        if (e.label not in ORG_LABELS | {"PERSON"} or not words
                or not all(w.lower().rstrip(".") in _NAME_TITLES for w in words)
                or name is None):
            out.append(e)
            continue
        start, end = name.start(1), name.end(1)
        # the surname the recogniser did label ("Munro") ends the name
        inside = [o for o in ordered if start <= o.start < end]
        if any(o.label != "PERSON" for o in inside):
            out.append(e)
            continue
        end = max([end] + [o.end for o in inside])
        out.append(Entity(start=start, end=end, text=text[start:end], label="PERSON",
                          sentence=e.sentence))
        skip_to = end
    return out


def _joined_bodies(entities: list[Entity], text: str) -> list[Entity]:
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: e.start):
        before = out[-1] if out else None
        heads = e.label == "ORG" and e.text.split()[-1].lower() in _BODY_HEADS
        if (heads and before is not None and text[before.end:e.start] == " and "
                and _NAME_WORD.match(before.text.split()[-1])):
            out[-1] = e.model_copy(update={"start": before.start,
                                           "text": text[before.start:e.end]})
            continue
        # "Betting and Gaming Council": the words before "and" the recogniser left out
        first = _LEFT_OUT.search(text, max(0, e.start - 80), e.start) if heads else None
        if first is not None and (before is None or before.end <= first.start(1)):
            e = e.model_copy(update={"start": first.start(1), "text": text[first.start(1):e.end]})
        out.append(e)
    return out


# Capitalised words and "and" right before a body's name; not "The", which opens a phrase.
_LEFT_OUT = re.compile(r"(?:\b(?!The\b)|(?<=\bThe ))([A-Z][a-z]+(?: [A-Z][a-z]+)*) and $")


# A cleric's style before the name, "the" and all, which the recogniser reads as the start of
# an organisation's name: "the Rt Rev Harriet Mallory", "the Most Rev. Edmund Crane", "the
# Ven Gareth Lloyd", "the Revd Dr Amara Osei".
_CLERGY_STYLE = re.compile(
    r"(?:[Tt]he )?(?:(?:Rt|Right|Most|Very)\.? )?(?:Rev(?:erend|d)?|Ven(?:erable)?)\.? (?=[A-Z])")


def _titled_name(written: str) -> str | None:
    """The name after a personal title in ``written``, when the rest is capitalised words
    ("Councillor Mairead Nolan" -> "Mairead Nolan", "the Rt Rev Harriet Mallory" -> "Harriet
    Mallory")."""
    style = _CLERGY_STYLE.match(written)
    if style is not None:
        rest = written[style.end():]
        if " " in rest and all(_NAME_WORD.match(w) for w in rest.split()):
            return _titled_name(rest) or rest
    words = written.split()
    titles = 0
    for i, word in enumerate(words[:-1]):
        low = word.lower().rstrip(".")
        # titles from the start, capitalised words before an office ("Transport Secretary")
        # or a person's own title after a role ("Economist Dr Lukas Eder")
        if low in _NAME_TITLES and (i == titles or low in _OFFICES or low in _OWN_TITLES):
            titles = i + 1
        elif not _NAME_WORD.match(word) and not (low in ("and", "of", "&") and i > titles):
            # (a portfolio's "and" or "of" before the person's own title: "Supply and
            # Internal Trade Dr. X", read as a body; not "Mr and Mrs X")
            break
    if titles and all(_NAME_WORD.match(w) for w in words[titles:]):
        return " ".join(words[titles:])
    return None


# Capitalised words before a name that are no given names: titles, ranks, offices, roles.
_NOT_GIVEN_NAMES = _TITLES | _NAME_TITLES | _OFFICES | _PERSON_ROLES | HONOURS | frozenset(
    "captain capt lieutenant lt major colonel sergeant sgt corporal admiral commander "
    "commodore marshal king queen prince princess duke duchess pope cardinal bishop "
    "archbishop father sister brother imam rabbi pastor coach manager skipper "
    "president chief executive director chair chairwoman officer editor".split())


def _with_names_before(e: Entity, start: int, ctx: Context) -> str:
    """A person's name with the given names the recogniser left out before it, within the
    speaker's phrase from ``start``: "Akosua Ama Serwaa Boateng" where it labelled only
    "Boateng". Only for a surname labelled alone, only proper nouns it labelled nothing, and
    no titles ("Prosecutor Jane Miller", labelled "Jane Miller", stays Jane Miller)."""
    span = ctx.doc.char_span(start, e.start, alignment_mode="contract")
    if span is None or not len(span) or " " in e.text:
        # (a name labelled in full keeps its words: "Prosecutor Jane Miller" is Jane Miller)
        return e.text
    words = list(span)
    first = len(words)
    while first > 0:
        t = words[first - 1]
        if (t.pos_ != "PROPN" or t.ent_type_ or not _NAME_WORD.match(t.text)
                or t.lower_.rstrip(".") in _NOT_GIVEN_NAMES):
            break
        first -= 1
    if first == len(words) or len(words) - first > 3 or not words[-1].whitespace_:
        return e.text
    return ctx.text[words[first].idx:e.end]


def fullest_name(name_tokens: list[str], candidates: list[str]) -> str | None:
    """The fullest of ``candidates`` (names in the order the article gives them) that holds
    every word of the name: a longer one, preferring one it ends (a surname), then one it
    opens, and one with no "Jr." unless the name has it ("Trump" is not "Donald Trump Jr."
    beside "Donald Trump"); of two people's names that tie, the longer, unless the article
    used the word alone again and again before it gave that one. A word in the middle of a
    name counts ("Soto" of "Javiera Soto Alarcón", "Lula" of "Luiz Inácio Lula da Silva")
    unless the article used the word alone again and again before it gave that name:
    "Dion", all through a profile of the singer, is not "René-Charles Dion Angélil", her son,
    introduced later."""
    # titles differ between mentions ("Mrs Brandt", "Mayor Celia Brandt"): match on the name
    wanted = {w.lower().rstrip(".") for w in name_tokens} - _TITLES or {
        w.lower() for w in name_tokens
    }
    suffixed = bool(wanted & _NAME_SUFFIXES)
    own_suffix = wanted & _NAME_SUFFIXES
    wanted = wanted - _NAME_SUFFIXES or wanted
    best: tuple[bool, bool, bool, bool] | None = None
    tops: list[str] = []
    own = " ".join(name_tokens)
    for cand in dict.fromkeys(candidates):  # each name once, in the article's order
        order = [w.lower().rstrip(".") for w in cand.split()]
        suffixes = set()
        while len(order) > 1 and order[-1] in _NAME_SUFFIXES:
            suffixes.add(order.pop())
        has_suffix = bool(suffixes)
        if not wanted <= set(order) or (own_suffix and suffixes and own_suffix != suffixes):
            continue  # "Castellano Jr." is not "Frank Castellano Sr.", his father
        if (not wanted & {order[0], order[-1]}
                and candidates[:candidates.index(cand)].count(own) >= _ALONE_BEFORE):
            continue  # a middle name met only after the name alone: someone else's
        # a longer name first; of those, one the words end (a surname), then one they open
        rank = (len(order) > len(wanted), order[-1] in wanted, order[0] in wanted,
                has_suffix == suffixed)
        if best is None or rank > best:
            best, tops = rank, [cand]
        elif rank == best:
            tops.append(cand)
    if not tops:
        return None
    # Of two people's names, the longer ("her son, Carlos Alberto Lopez" beside "Martha
    # Lopez"), but not one the article gave only after using the word alone again and again
    # for the person named before: "Murphy", all through a profile of Sen. Chris Murphy, is
    # not "Anne Marie Murphy", a victim named later
    first = {w.lower() for w in tops[0].split()}
    kept = [c for c in tops
            if first <= {w.lower() for w in c.split()}
            or candidates[:candidates.index(c)].count(own) < _ALONE_BEFORE]
    return max(kept, key=lambda c: len(c.split()))




_BRACKETED_NICKNAME = re.compile(r"\([A-Z][a-z]+\)")
# Endings of companies' legal names in other countries: "Berhad", "Tbk", "GmbH".
_COMPANY_SUFFIXES = frozenset("berhad bhd tbk pcl gmbh ag sa spa nv bv oy ab asa kk".split())


def person_like(name: str) -> bool:
    """Whether every word of ``name`` may be part of a person's name: capitalised
    ("O'Neill", "Jr."), a particle, or a lower-case prefix before a capitalised part
    ("al-Assad"), or a nickname in brackets ("Nattapong (Ton) Wisetkul"); not "Anders Tegnell &
    co'", a fan club's name read as a person's."""
    return all(
        _BRACKETED_NICKNAME.fullmatch(word) or (
            "&" not in word and word[:1].isalpha() and (
                word[0].isupper() or word.lower() in NAME_PARTICLES or word in _WELSH_PARTICLES
                or word.split("-")[-1][:1].isupper()))
        for word in name.split())
# How often a word used alone before a longer name that holds it in the middle makes that
# name someone else's.
_ALONE_BEFORE = 3
_NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())


def fullest_or_own(name: str, candidates: list[str]) -> str:
    """The fullest of ``candidates`` that holds the words of ``name`` (:func:`fullest_name`),
    or ``name`` itself when none does."""
    return fullest_name(name.split(), candidates) or name

_INITIALS = re.compile(r"(?:[Tt]he )?([A-Z]{2,8})")
# What a recogniser's entity may have swallowed of the brackets after it: "the Institute for
# Fiscal Studies (IFS", "The Ministry of Health and Welfare (".
_SWALLOWED_BRACKET = re.compile(r"\s*\([A-Z]*\)?$")


def spelt_out(name: str, org_names: list[str], text: str, at: int | None = None) -> str:
    """The full name of a body that ``name`` gives by initials the article defined after it
    in brackets ("the NDRRMC" after "the National Disaster Risk Reduction and Management
    Council (NDRRMC)"); ``name`` itself otherwise. Not initials the reader is left to spell
    ("the AP" after "the Associated Press"): PolNeAR's references keep those as written.

    A place in capitals opening a paragraph is a dateline, not a definition: "WASHINGTON
    (AP) —" credits the agency. Of several definitions, the last before ``at`` (where
    ``name`` stands) counts, else the first; of full names that end at one, the longest."""
    m = _INITIALS.fullmatch(name)
    if m is None:
        return name
    initials = m.group(1)
    fulls = {_SWALLOWED_BRACKET.sub("", f[4:] if f.lower().startswith("the ") else f)
             for f in org_names}
    fulls = {f for f in fulls if f and f != initials}
    found: list[tuple[int, str]] = []
    for bracket in re.finditer(rf" \({re.escape(initials)}\)", text):
        ends = [f for f in fulls if text.endswith(f, 0, bracket.start())
                and not _opens_paragraph_in_capitals(text, bracket.start() - len(f), f)]
        if ends:
            found.append((bracket.start(), max(ends, key=len)))
    if not found:
        return name
    before = [full for pos, full in found if at is None or pos < at]
    return before[-1] if before else found[0][1]


def _opens_paragraph_in_capitals(text: str, start: int, full: str) -> bool:
    """Whether ``full`` at ``start`` is written in capitals at a paragraph's start: the
    place of a dateline ("NEW DELHI (ANI):"), not a body's name."""
    return full.isupper() and not text[text.rfind("\n", 0, start) + 1:start].strip()


@dataclass(frozen=True)
class Cast:
    """Whom an article names and who has spoken so far: what resolving a speaker reads."""

    persons: list[Entity]
    orgs: list[Entity]
    person_names: list[str]
    org_names: list[str]
    # persons outside quotes in subject position: mentions a pronoun may point back to
    person_mentions: list[tuple[int, str]]
    # (offset, resolved name, "person", "org" or "plural") of each speaker resolved so far;
    # the caller appends to it as it goes
    speakers: list[tuple[int, str, str]]
    coref: Coreference | None = None
    resolver: Resolver | None = None
    # each name's fullest among ``person_names``, as asked for (once a pronoun, for every
    # mention: worked out again each time, the most of a long page's time)
    _fullest_persons: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def fullest_person(self, name: str) -> str:
        """:func:`fullest_or_own` of ``name`` among :attr:`person_names`."""
        full = self._fullest_persons.get(name)
        if full is None:
            full = self._fullest_persons[name] = fullest_or_own(name, self.person_names)
        return full


def resolve(
    written: str,
    start: int,
    end: int,
    token: int | None,
    ctx: Context,
    cast: Cast,
    quoted: str | None = None,
    content: tuple[int, int] | None = None,
) -> tuple[str | None, str | None]:
    """The speaker's fullest name in the article and its category, for pronoun resolution.

    A pronoun goes to the cast's ``resolver`` with its candidates from its ``coref`` when
    both are given; the rules' answer is one of its features, and the answer without them.
    ``quoted`` is the direct quote the speaker says, if it is one: "I" in it makes a "they"
    one person; ``content`` is where what the speaker says (directly or not) stands in the
    text.
    """
    name, category = _resolve_written(written, start, end, token, ctx, cast, quoted, content)
    persons, person_names, coref = cast.persons, cast.person_names, cast.coref
    if name is not None and category == "person":
        stated = coref.genders if coref is not None else {}
        name = relative_meant(
            written, start, name, persons, lambda n: stated.get(n) or first_name_gender(n),
            lambda e: names_a_subject(ctx.doc, e))
        # by first names only: the article's stated genders take the title's from this very
        # mention ("Mrs Oduya" read as the son makes him a woman)
        name = _spouse_named_together(written, ctx.text[:start], name, first_name_gender)
        # a character in a review speaks with the actor's voice: "asks Frank, played by Gary
        # Kempson", or "she says" of her, is the actor; in the present tense of a plot told,
        # not the past of news ("Boris Johnson, played by X in a drama, said on Tuesday")
        until = ctx.doc[token].sent.end_char if token is not None else end
        told = token is not None and ctx.doc[token].head.tag_ in ("VBZ", "VBP")
        actor = _player(name, ctx.text[:until]) if told else None
        if actor is not None:
            return fullest_or_own(actor, person_names), "person"
    return name, category


def _resolve_written(
    written: str,
    start: int,
    end: int,
    token: int | None,
    ctx: Context,
    cast: Cast,
    quoted: str | None,
    content: tuple[int, int] | None,
) -> tuple[str | None, str | None]:
    """:func:`resolve` before a character's lines go to the actor."""
    persons, orgs, person_names, org_names = (
        cast.persons, cast.orgs, cast.person_names, cast.org_names)
    person_mentions, speakers, coref, resolver = (
        cast.person_mentions, cast.speakers, cast.coref, cast.resolver)
    head_token = ctx.doc[token] if token is not None else None
    if head_token is not None and is_epithet(written, head_token):
        # before the names in it: "Portuguese" a body, "Munster" a person; unresolved, a role
        # ("the Glaswegian" is no organisation, "the Scot" nobody's name)
        epithet = _epithet(written, start, ctx, persons, person_names, speakers)
        return (epithet, "person") if epithet is not None else (written, None)
    generation = _generation_meant(written, ctx.text[:start], persons)
    if generation is not None:
        # already a relative's full name: not the longest name holding it ("Ann Tanabe" is
        # no "Mary Ann Tanabe")
        return generation, "person"
    suffix = written.split()
    if len(suffix) == 2 and suffix[-1].lower().rstrip(".") in _NAME_SUFFIXES:
        # "Pruett Sr. said": a surname and a suffix are a person's, whatever the parse made of
        # them (the phrase may stop before the full stop: "Pruett Sr")
        full = fullest_name(suffix, cast.person_names)
        if full is not None:
            return full, "person"
    holder = (_title_holder(written, ctx.text[:start])
              or _peer_meant(written, ctx.text[:start], ctx)
              or _honoured(written, person_names, ctx.text[:start])
              or _excellency_meant(written, ctx.text[:start])
              or _newlywed(written, ctx.text[:start])
              or _alias_holder(written, ctx.text[:start])
              or _relative_introduced(written, ctx.text[:start]))
    if holder is not None:
        # "the Queen" after "Queen Camilla", "the pontiff" after "Pope Leo"; "Vox" after
        # 'Tyler "Vox" Hammond', "Raven" after "Park Ji-hoon, who plays as Raven"
        return fullest_or_own(holder, person_names), "person"
    if (head_token is not None and head_token.pos_ == "NOUN"
            and head_token.lower_ in _BODY_KINDS):
        # "The mining company, Redbank Iron, said": a body's kind names a body in apposition,
        # whatever the recogniser took the name for
        body = next((e for e in persons if start <= e.start and e.end <= end and any(
            c.dep_ == "appos" and e.start <= c.idx < e.end for c in head_token.children)), None)
        if body is not None:
            return fullest_or_own(body.text, org_names), "org"
    # (not a constituency or a party in brackets after the name: "Sen. X (Oyo Central)")
    bracket = written.find(" (")
    bare_end = start + bracket if bracket > 0 and written.endswith(")") else end
    inside_person = [e for e in persons if start <= e.start and e.end <= bare_end
                     and not names_another(ctx.doc, token, e.start, e.end)]
    titled = _titled_name(ctx.text[start:bare_end]) if bare_end < end else None
    if titled is not None and (not inside_person or all(
            set(e.text.split()) < set(titled.split()) for e in inside_person)):
        # "Sen. Bukola Adedeji Oyelaran (Oyo Central)": the recogniser spanned a part of the
        # name the title opens
        return fullest_or_own(titled, person_names), "person"
    if inside_person:
        # the name the phrase is about, not a body before the role the recogniser took for a
        # person ("Johannesburg Water spokesperson Nomvula Dlamini")
        at = ctx.doc[token].idx if token is not None else -1
        best = max(inside_person, key=lambda e: (e.start <= at < e.end, e.end - e.start))
        if best.start > start and named_after_body_kind(ctx.doc, best.start):
            # "the campaign group Cymdeithas yr Iaith": a body's name after its kind, which
            # the recogniser may take for a person's
            return fullest_or_own(best.text, org_names), "org"
        return fullest_or_own(_with_names_before(best, start, ctx), person_names), "person"
    leader = _led_by(written, start, ctx.text, persons)
    if leader is not None:
        # "Strategists at Norcross Markets, led by Luc Wendell, wrote": a team's note is its
        # named leader's words, the body it works at aside
        return fullest_or_own(leader.text, person_names), "person"
    # "In his words, ...": whose words a possessive gives is who its pronoun stands for
    lower = POSSESSIVE_PRONOUNS.get(written.lower(), written.lower())
    if lower in _THEY and singular_they(ctx.text, quoted):
        # one person who goes by "they": the people the rules would give a "he" or "she"
        one, _category = _by_rule("he", start, token, ctx, person_mentions, person_names,
                                  speakers)
        if one is not None and ((quoted is not None and _FIRST_SINGULAR.search(quoted))
                                or not _group_since(ctx, one, start, persons, person_names)):
            return one, "person"
    if lower == "it" and head_token is not None and head_token.dep_ == "nsubjpass":
        return None, None  # "it was reported that ...": no one in particular
    about = _body_before(head_token, ctx, orgs) if lower == "it" and head_token else None
    if about is not None:
        # "The regulator fined the lender. It said ...": the body the sentence before is
        # about, not one named further back
        phrase = ctx.text[about.left_edge.idx:about.idx + len(about.text)]
        return (_institution(about, phrase, about.left_edge.idx, orgs, org_names, speakers,
                             ctx) or phrase), "org"
    if lower in RESOLVABLE:
        if coref is not None and lower in _HE_SHE and coref.things:
            # "His album, Dear Ruth, ...": a thing the tagger reads as a person is no one the
            # rules give "he" or "she" either; the resolver falls back on their answer
            person_mentions = [(o, n) for o, n in person_mentions
                               if cast.fullest_person(n) not in coref.things]
            speakers = [s for s in speakers if s[1] not in coref.things]
        rule_name, rule_category = _by_rule(lower, start, token, ctx, person_mentions,
                                            person_names, speakers)
        if coref is None or resolver is None:
            return rule_name, rule_category
        bound = (_bound_subject(lower, token, ctx, persons, person_names, coref)
                 or _asked_person(lower, token, ctx, persons, person_names, coref, content)
                 or _title_before(lower, token, ctx, persons)
                 or _introduced_before(lower, start, ctx, persons, person_names, coref))
        if bound is not None:
            return bound, "person"
        candidates = coref.candidates(lower, start, speakers, rule_name, content)
        chosen = resolver.choose(lower, start, candidates)
        if chosen is None:
            return rule_name, rule_category
        return chosen.name, ("person" if chosen.category == "person" else None)
    if lower in _PRONOUNS:
        return None, None
    # or a name the phrase cut short ("Norvane Therapeutics" of "Norvane Therapeutics, Inc.")
    inside_org = ([e for e in orgs if start <= e.start and e.end <= end]
                  or [e for e in orgs if e.start == start and e.end > end])
    doc = ctx.doc
    head = doc[token] if token is not None else None
    if head is not None and head.pos_ == "PROPN" and inside_org and all(
            e.start > head.idx for e in inside_org):
        # "Economist Dr Lukas Eder of the Institute for Urban Studies": the body is where the
        # person works, in the complement; the name is the head's
        named = (fullest_name([head.text], person_names)
                 or _titled_name(ctx.text[start:head.idx + len(head.text)]))
        if named is not None:
            return named, "person"
    if inside_org:
        best = max(inside_org, key=lambda e: e.end - e.start)
        # the phrase is the name alone, or with a title ("Mr Wang"), whatever the parse's tag
        alone = best.end == end and all(
            w.lower().rstrip(".") in _TITLES for w in ctx.text[start:best.start].split())
        person = _person_read_as_org(best.text, person_names, org_names) if alone else None
        if person is not None:  # "Wang said" after "Wang Haoran", the recogniser's ORG
            return person, "person"
        if (alone and quoted is not None and _FIRST_SINGULAR.search(quoted)
                and any(e.text == best.text and e.end <= start for e in persons)):
            # "Georgia said" of a daughter introduced as "Her daughter, Georgia,": a place
            # says no "I"; the person the article named by that word does
            return best.text, "person"
    # "The PAHO Director": a role the body gives, written as a title; the person, not the body
    office = head is not None and head.lower_ in _OFFICE_WORDS | CAPITALISED_OFFICES and all(
        e.end <= head.idx or e.text == head.text for e in inside_org)
    holder = _office_holder_set_off(head) if head is not None else None
    if holder is not None:
        # "the Minister of Agriculture, Elena Cojocaru, said": the office is a body's as the
        # recogniser reads it, the name in apposition a person's by its form
        return fullest_or_own(holder, person_names), "person"
    if inside_org and (head is None or head.pos_ == "PROPN") and not office:
        best = max(inside_org, key=lambda e: e.end - e.start)
        if head is not None and best.label in ("GPE", "NORP") and best.end <= head.idx:
            # "Miami-Dade Police": the place names the body, whose name is the phrase; not
            # the longest body named after the place ("Miami-Dade County Public Schools")
            return written, "org"
        if (head is not None and head.idx == best.end + 1 and head.text[:1].isupper()
                and ctx.text[best.end] == " "
                and head.lower_ in ORGANISATION_NOUNS | PROPER_ORGANISATION_NOUNS):
            # a name the recogniser cut before its last word: "The California Independent
            # System" of "... System Operator"
            return ctx.text[best.start:head.idx + len(head.text)], "org"
        return spelt_out(
            fullest_or_own(best.text, org_names), org_names, ctx.text, start), "org"
    author = _author(head, inside_org) if head is not None else None
    if author is not None:  # "a tally by the Associated Press": the organisation
        return fullest_or_own(author.text, org_names), "org"
    agent = _agent(head, persons + orgs) if head is not None else None
    if agent is not None:  # "a court filing submitted by city attorney Mara Quill"
        if agent.label == "PERSON":
            return fullest_or_own(agent.text, person_names), "person"
        return fullest_or_own(agent.text, org_names), "org"
    kind_named = next((c for c in head.children if c.dep_ == "appos" and c.i == head.i + 1
                       and c.pos_ == "PROPN"), None) if head and head.pos_ == "NOUN" else None
    if kind_named is not None:  # "rights group Karapatan": the body's name after its kind
        words = [t.text for t in kind_named.subtree]
        return fullest_name(words, org_names) or " ".join(words), "org"
    body = _body_in_apposition(head, orgs) if head is not None else None
    if body is not None:  # "The regulator, Ofwat, said": the body's name after its kind
        return fullest_or_own(body.text, org_names), "org"
    # or the name closing a person's role in apposition: "Her expedition leader, the American
    # guide Rob Kessinger, said" (the parse hangs the name on "guide"); not a body's kind
    # ("Its owner, the shipping group Halvern Lines,")
    appositive = next((tokens for c in head.children if c.dep_ == "appos"
                       for a in [c, *(g for g in c.children if g.dep_ == "appos"
                                      and c.pos_ == "NOUN"
                                      and c.lower_ not in _BODY_NAME_ENDS | _BODY_KINDS)]
                       if (tokens := _appositive_name(a)) is not None),
                      None) if head is not None else None
    body_named = _body_named(appositive, orgs) if appositive is not None else None
    if (body_named is not None and head is not None and appositive is not None
            and appositive[0].i >= 2 and doc[appositive[0].i - 1].text == ","
            and doc[appositive[0].i - 2].i != head.i
            and doc[appositive[0].i - 2].lower_ in ORGANISATION_NOUNS):
        # "The head of research at the bank, Norvell Trust, said": the name is the bank's,
        # right after it, not the speaker's; the speaker stays a role
        return written, None
    if body_named is not None:
        # "The buyer, Thornfield Capital, said": a body's name in apposition, whatever the
        # kind before it
        return fullest_or_own(body_named.text, org_names), "org"
    if appositive is not None and named_after_body_kind(doc, appositive[0].idx):
        # "The campaign group Cymdeithas yr Iaith said": a body's name after its kind, which
        # the recogniser may not have spanned as the body's
        named = ctx.text[appositive[0].idx:appositive[-1].idx + len(appositive[-1].text)]
        return fullest_or_own(named, org_names), "org"
    if appositive is not None and not _RANK.fullmatch(
            " ".join(t.text for t in appositive) + " "):
        # "Minister of State for Rail, Rt Hon Julia Penrose MP, said", "Its spokesperson,
        # Amara Diallo of Guinea, said": the name in apposition (not a rank the parse set
        # apart from its name: "Police chief Pol Gen Somchai Rattanakorn")
        name = [t.text for t in appositive if t.lower_.rstrip(".") not in HONOURS]
        return fullest_name(name, person_names) or " ".join(name), "person"
    hung = _name_hung_elsewhere(head, ctx, persons) if head is not None else None
    if hung is not None:
        # "the state chairman of the NUC, Alhaji Bashir Kura Gwarzo, said", "The London-based
        # writer Ama Owusu-Darko wrote": the role's name, wherever the parse hung it
        return fullest_or_own(hung, person_names), "person"
    called = _called(head) if head is not None else None
    if called is not None:  # "One of them, a retired teacher named Philippa Orr,"
        return fullest_or_own(called, person_names), "person"
    known_by = known_by_after(end, ctx.text) if head is not None else None
    if known_by is not None:
        # a call sign (or a name given alone) is nobody else's full name: a namesake named
        # in full ("the defence minister, Taras Kozak") is another person
        return known_by, "person"
    given = _first_name_after(end, ctx.text, persons) if head is not None else None
    if given is not None:  # "A man who gave his name only as Idris, 40, said"
        return fullest_or_own(given, person_names), "person"
    set_off = (_name_set_off(end, ctx.text, persons)
               if head is not None and head.pos_ == "NOUN" else None)
    if set_off is not None:  # "the sponsor, Sen. Ada Okafor (Lagos East), said"
        return fullest_or_own(set_off, person_names), "person"
    after = _named_after_relative(head) if head is not None else None
    if after is not None:  # "The network that airs her show, Channel Nine Live, said"
        words = [t.text for t in after.subtree if t.ent_type_ == after.ent_type_]
        if after.ent_type_ == "PERSON":
            return fullest_name(words, person_names) or " ".join(words), "person"
        return fullest_name(words, org_names) or " ".join(words), "org"
    if head is not None and head.pos_ == "PROPN":
        # a surname the entity recogniser missed, e.g. "Kuzmin said"; or one it gave no
        # person's label anywhere, of a person quoted before under the full name. A
        # hyphenated surname is the whole word the parse broke up: "Okafor-Reyes" is not
        # the "Daniel Reyes" beside her
        word_first, word_last = hyphenated_word(head)
        surname = doc[word_first:word_last + 1].text if word_first < word_last else head.text
        full = fullest_name([surname], person_names) or fullest_name(
            [surname], [n for o, n, c in speakers if c == "person" and o < start
                        and len(n.split()) > 1])
        if full is not None:
            return full, "person"
        titled = _titled_name(written)
        if titled is not None:  # "Councillor Mairead Nolan" the recogniser missed
            return fullest_or_own(titled, person_names), "person"
    outlet = _outlet_meant(head, written, start, ctx.text, orgs) if head is not None else None
    if outlet is not None:
        return fullest_or_own(outlet, org_names), "org"
    referent = (_institution(head, written, start, orgs, org_names, speakers, ctx)
                if head else None)
    if referent is not None:
        return referent, "org"
    tied = (_aged(written, start, ctx, persons, person_names, speakers)
            or _trial_party(written, start, ctx, persons, person_names)
            or _tied_person(head, written, ctx, persons, person_names)
            or _tied_office_of(head, written, ctx, persons, person_names)
            or _named_next(head, written, ctx, persons, person_names)
            or _named_after_lede(head, written, start, ctx, persons, person_names)
            ) if head else None
    if tied is not None:
        # named now, but written as a role: its kind stays "role", as the labelled kinds of
        # PolNeAR dev have "the minister"
        return tied, None
    # a hyphenated head the parse broke up is as plural as its last part: "vice-chancellors"
    last = head.doc[hyphenated_word(head)[1]] if head is not None else None
    category = "plural" if last is not None and last.tag_ in ("NNS", "NNPS") else "org"
    if category == "org" and unlabelled_name(written):
        # a name the recogniser missed ("Nana Ama Serwaa Owusu said"): a person, whom a
        # later "she" may stand for
        category = "person"
    return written, category


# Titles one person holds at a time, which a story uses for the holder it named: "the
# Queen", "the pontiff", "His Majesty"; with the title each is named under ("Pope Leo").
_SOLE_TITLES = {"king": "King", "queen": "Queen", "pope": "Pope", "pontiff": "Pope",
                "holy father": "Pope", "his majesty": "King", "her majesty": "Queen",
                "prince": "Prince", "princess": "Princess", "duke": "Duke",
                "duchess": "Duchess", "emperor": "Emperor", "empress": "Empress"}
_TITLE_PHRASE = re.compile(
    r"(?:[Tt]he|His|Her) (King|Queen|Pope|pontiff|Holy Father|Majesty|Prince|Princess|Duke"
    r"|Duchess|Emperor|Empress)((?: Royal| of [A-Z][\w'’-]+)?)")
_NAME_PART = r"[A-Z][\w-]*(?:['’](?!s\b)[\w-]+)?"  # "O'Neill", not "Camilla's"


# A relative the article introduces with a name in apposition: "Her mother, Lindiwe Mokoena,".
# (and those a "partner" or "fiancée" is, never a person by that noun alone: "a partner at
# the firm")
_KIN = _RELATIVES | frozenset("partner fiancee fiancé fiance".split())
_KIN_PHRASE = re.compile(rf"([Hh]er|[Hh]is|[Tt]heir) ({'|'.join(sorted(_KIN))})")
_KIN_FIRST_NAME = re.compile(
    rf"\b(?:[Hh]er|[Hh]is|[Tt]heir) (?:(?:eldest|youngest|elder|older|younger|only|twin) )?"
    rf"(?:{'|'.join(sorted(_KIN))}), ([A-Z][a-z]+),")
# Or a named person's relative: "Marlow's first wife, Ivana, had claimed" (not a partner:
# "Ruritania's partner, Freedonia," is a country)
_NAMED_ONES_KIN = re.compile(
    rf"\b[A-Z][a-z]+['’]s (?:(?:eldest|youngest|elder|older|younger|only|twin|first|second|"
    rf"former|late) )?(?:{'|'.join(sorted(_RELATIVES))}), ([A-Z][a-z]+),")
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "FAC"})


_WHOSE = (r"(?:[Tt]he (?:[a-z][\w-]* ){0,2}(?:man|woman|boy|girl|child)|"
          rf"{_NAME_PART}(?: {_NAME_PART})?)['’]s")


def _relative_introduced(written: str, before: str) -> str | None:
    """The name a relative written as "her mother", "his brother" was given when the article
    introduced them ("Her mother, Lindiwe Mokoena, lost count ..."), where that kin word
    introduced one name only (two mothers, whose is not for a rule)."""
    phrase = _KIN_PHRASE.fullmatch(written)
    if phrase is None:
        return None
    kin = phrase.group(2)
    # or by whose relative they are: "The freed man's brother, Samuel Oduya,", "Daniel
    # Oduya's grandmother, Beatrice Oduya,"
    names = {m.group(1) for m in re.finditer(
        rf"\b(?:[Hh]er|[Hh]is|[Tt]heir|{_WHOSE}) {kin}, ({_NAME_PART}(?: {_NAME_PART})+),",
        before)}
    return names.pop() if len(names) == 1 else None


# "the elder Tanabe", "the younger Ms. Okafor": which of the relatives sharing a surname.
_GENERATION_WORDS = r"[Tt]he (elder|older|younger) (?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?"
_GENERATION_PHRASE = re.compile(rf"{_GENERATION_WORDS}({_NAME_PART})")
_OLDER_KIN = frozenset("mother father grandmother grandfather aunt uncle".split())
_YOUNGER_KIN = frozenset("son daughter grandson granddaughter niece nephew".split())


# The generation a name's suffix gives: "Sr." before "Jr." (or "II") before "III".
_GENERATIONS = {"sr": 0, "jr": 1, "ii": 1, "iii": 2, "iv": 3}


# "the elder " or "the younger Mr. " right before a surname
_GENERATION_BEFORE = re.compile(rf"{_GENERATION_WORDS}\Z")


def generation_of(text: str, start: int, end: int, persons: Sequence[Entity]) -> str | None:
    """The relative the surname at ``[start, end)`` of ``text`` means where "the elder" or
    "the younger" stands before it (:func:`_generation_meant`); None elsewhere."""
    reach = max(0, start - 24)
    before = _GENERATION_BEFORE.search(text[reach:start])
    if before is None:
        return None
    phrase_start = reach + before.start()
    return _generation_meant(text[phrase_start:end], text[:phrase_start], persons)


def _generation_meant(written: str, before: str, persons: Sequence[Entity]) -> str | None:
    """Which relative "the elder Tanabe" or "the younger Tanabe" is, of the full names
    sharing that surname ``before`` it: by the ages the article gives ("Hiroshi Tanabe,
    78,"), else by the kin word that introduced one of two ("His son, Kenji Tanabe," is the
    younger). None where neither tells, or where fewer than two relatives of ``persons``
    are named."""
    phrase = _GENERATION_PHRASE.fullmatch(written)
    if phrase is None:
        return None
    elder = phrase.group(1) != "younger"
    relatives = list(dict.fromkeys(
        e.text for e in persons if e.end <= len(before)
        and len(_unsuffixed(e.text).split()) > 1  # a full name: not "Pruett Jr." again
        and _unsuffixed(e.text).split()[-1] == phrase.group(2)))
    if len(relatives) < 2:
        return None
    # the name says it: "Walter Pruett Sr." is the elder, "Walter Pruett Jr." the younger;
    # beside a "III", by generation, every relative's suffix telling
    generations = {name: _GENERATIONS.get(name.split()[-1].lower().rstrip("."))
                   for name in relatives}
    if any(g is not None and g > 1 for g in generations.values()):
        told = {name: g for name, g in generations.items() if g is not None}
        if len(told) != len(relatives) or len(set(told.values())) != len(told):
            return None
        return (min if elder else max)(told, key=told.__getitem__)
    suffixed = [name for name in relatives
                if name.split()[-1].lower().rstrip(".") == ("sr" if elder else "jr")]
    if len(suffixed) == 1:
        return suffixed[0]
    ages: dict[str, int] = {}
    for name in relatives:
        age = re.search(rf"\b{re.escape(name)}, (\d{{1,3}}),", before)
        if age is not None:
            ages[name] = int(age.group(1))
    if len(ages) == len(relatives) and len(set(ages.values())) == len(ages):
        return (max if elder else min)(ages, key=ages.__getitem__)
    if len(relatives) != 2:
        return None
    for name in relatives:
        kin = re.search(rf"\b(?:[Hh]er|[Hh]is|[Tt]heir) (\w+), {re.escape(name)}\b", before)
        if kin is None or kin.group(1) not in _OLDER_KIN | _YOUNGER_KIN:
            continue
        other = relatives[1 - relatives.index(name)]
        return name if (kin.group(1) in _OLDER_KIN) == elder else other
    return None


# "the bride", "the groom" of a wedding announcement, and the couple it opens with: a
# wedding of now ("were married Saturday"), not one of long ago ("married in 1990").
_NEWLYWED = re.compile(r"[Tt]he (bride|groom)")
_MARRIED = re.compile(
    rf"\b({_NAME_PART}(?: {_NAME_PART}){{1,3}}) and ({_NAME_PART}(?: {_NAME_PART}){{1,3}}) "
    r"(?:were married|married|wed|are to be married)\b(?! in \d{4})")


def _newlywed(written: str, before: str) -> str | None:
    """Which of the couple "the bride" or "the groom" is, from the sentence that married
    them ("Hannah Feld and Marcus Oduya were married Sunday"): the one whose first name is
    a woman's or a man's. None where the names do not tell them apart, or where the article
    marries more than one couple (a column of several weddings, parents wed years ago)."""
    phrase = _NEWLYWED.fullmatch(written)
    couples = {m.group(1, 2) for m in _MARRIED.finditer(before)} if phrase else set()
    if phrase is None or len(couples) != 1:
        return None
    ((first, second),) = couples
    wanted = "f" if phrase.group(1) == "bride" else "m"
    genders = [first_name_gender(first), first_name_gender(second)]
    if sorted(g or "" for g in genders) != ["f", "m"]:
        return None
    return first if genders[0] == wanted else second


_TITLED_SURNAME = re.compile(rf"(Mr|Mrs|Ms|Miss|Mister)\.? ({_NAME_PART})")


def _spouse_named_together(
    written: str, before: str, name: str, gender_of: Callable[[str], str | None],
) -> str:
    """For "Mrs Oduya" resolved to a man (or "Mr Oduya" to a woman), the one of a couple
    named with a shared surname ("the son of Grace and Joseph Oduya") whose first name is of
    the title's gender: "Grace Oduya". ``name`` where the genders agree, or no such couple
    is named before."""
    titled = _TITLED_SURNAME.fullmatch(written)
    if titled is None or name.split()[-1] != titled.group(2):
        return name
    wanted = "m" if titled.group(1) in ("Mr", "Mister") else "f"
    if gender_of(name) in (wanted, None):
        return name
    surname = titled.group(2)
    found = [f"{first} {surname}" for couple in re.finditer(
        rf"\b({_NAME_PART}) and ({_NAME_PART}) {re.escape(surname)}\b", before)
        for first in couple.groups()]
    return next((n for n in reversed(found) if gender_of(n) == wanted), name)


def _unsuffixed(name: str) -> str:
    """``name`` without a generational suffix: "Walter Pruett" of "Walter Pruett Jr."."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().rstrip(".") in _NAME_SUFFIXES:
        words.pop()
    return " ".join(words)


def _title_holder(written: str, before: str, unique: bool = False) -> str | None:
    """Who holds the title ``written`` names on its own ("the Queen", "the Princess Royal",
    "the pontiff"), by the last mention ``before`` it that gave the title with a name:
    "Queen Camilla", "Pope Innocent XIV", "Anne, the Princess Royal"."""
    phrase = _TITLE_PHRASE.fullmatch(written)
    if phrase is None:
        return None
    said = phrase.group(1).lower()
    title = _SOLE_TITLES[f"{written.split()[0].lower()} majesty" if said == "majesty" else said]
    suffix = phrase.group(2)
    # "Queen Camilla", "Pope Innocent XIV": the title before the name ("Princess Royal" and
    # "Prince of Wales" are titles, not names); "Catherine, the Princess of Wales"
    patterns = [] if suffix else [
        rf"\b{title} ((?!Royal\b){_NAME_PART}(?: {_NAME_PART})*)"]
    patterns.append(rf"\b({_NAME_PART}), the {title}{re.escape(suffix)}\b")
    found = [(m.start(), (f"{title} " if i == 0 and not suffix else "") + m.group(1))
             for i, pattern in enumerate(patterns) for m in re.finditer(pattern, before)]
    if unique and len({name for _at, name in found}) > 1:
        return None  # "Pope Leo paid tribute to Pope Francis": which one is not for a rule
    return max(found)[1] if found else None


# How the House of Lords speaks of a peer it has just heard: "the noble Lord", "the noble
# Baroness", "the noble and learned Lady".
_NOBLE_PEER = re.compile(r"[Tt]he noble (?:and (?:learned|gallant|right reverend) )?"
                         r"(Lord|Baroness|Lady)")
_PEER_TITLES = {"lord": "Lord", "baroness": "Baroness|Lady", "lady": "Baroness|Lady"}


# Words after "Lord" or "Lady" that make an office, not a peer's name: "the Lord
# Chancellor", "the Lord Speaker", "Lady Justice Carr", "the Lady Mayoress".
_PEER_OFFICES = frozenset(
    "chancellor speaker justice chief president mayor mayoress provost lieutenant advocate "
    "privy high chamberlain bishop protector commissioner steward lieutenant-governor".split())


def _peer_meant(written: str, before: str, ctx: Context) -> str | None:
    """The peer "the noble Lord" (or "Baroness", "Lady") means: the one peer named ``before``
    it, outside quotes, under a title of that sex ("Lord Pennard of Hollins ... the noble
    Lord said"). With two ("Lord X, the minister, answered Lord Y") the last is as likely the
    one asking as the one answering: nobody."""
    noble = _NOBLE_PEER.fullmatch(written)
    if noble is None:
        return None
    titles = _PEER_TITLES[noble.group(1).lower()]
    peers = [m for m in re.finditer(rf"\b(?:{titles}) ({_NAME_PART})", before)
             if m.group(1).lower() not in _PEER_OFFICES
             and not before[:m.start()].endswith("First ")  # "First Lady" is no peer
             and ctx.in_segment(m.start()) is None]
    # "the noble Lord" is as much a viscount's or an earl's name in the House: one of them
    # beside the one "Lord X" leaves X no longer the one peer
    ranks = [m for m in re.finditer(rf"\b{_OTHER_RANKS} ({_NAME_PART})", before)
             if ctx.in_segment(m.start()) is None] if titles == "Lord" else []
    if len({m.group(1) for m in peers}) == 1 and not ranks:
        return peers[0].group(1)
    # of several, the subject of the sentence just before: "Lord X, the minister, answered
    # a question from Lord Y. '...,' the noble Lord said" is X
    doc = ctx.doc
    here = doc.char_span(len(before), len(before) + 1, alignment_mode="expand")
    if here is None or here.sent.start == 0:
        return None
    last = doc[here.sent.start - 1].sent
    subjects = {m.group(1) for m in peers if last.start_char <= m.start() < last.end_char
                and (name := doc.char_span(m.start(1), m.end(1), alignment_mode="expand"))
                is not None and name.root.dep_ in ("nsubj", "nsubjpass")
                and name.root.head.lemma_ not in _ASKING}
    return subjects.pop() if len(subjects) == 1 else None


# Peers "the noble Lord" also means, by their rank.
_OTHER_RANKS = r"(?:Viscount|Earl|Marquess|Marquis|Duke)"
# What the peer asking does: "Lord X asked Lord Y, the minister, ..." (the reply is Y's).
_ASKING = frozenset("ask question press urge challenge quiz query".split())


# Honorifics some South Asian copy puts after a name, "Shah Sahib" for "Syed Ali Shah": the
# name is the word before it.
_AFTER_NAME_HONORIFICS = frozenset("sahib saheb sahiba".split())


def _honoured(written: str, person_names: list[str], before: str) -> str | None:
    """The person named in full whom a name and an honorific after it ("Shah Sahib",
    "Chaudhry Sahib") mean."""
    words = written.split()
    if len(words) != 2 or words[1].lower() not in _AFTER_NAME_HONORIFICS:
        return None
    full = fullest_name(words[:1], person_names)
    if full is None:
        return None
    # only the one person named in full with that word: Khan, Singh, Sardar or Imran are
    # shared, and the longest holder is no likelier ("Imran Khan" and "Shahid Khan Afridi"),
    # whether or not the recogniser took the other holder for a person
    holders = {n for n in person_names if " " in n and words[0] in n.split()}
    if any(not _words_within(n, full) for n in holders):
        return None
    inside = [(m.start(), m.end()) for m in re.finditer(re.escape(full), before)]
    for m in re.finditer(rf"(?:([A-Z][\w'’-]*) )?\b{re.escape(words[0])}\b(?: [A-Z][\w'’-]*)?",
                         before):
        found = m.group(0)
        if m.group(1) is not None and _opens_sentence(m.group(1), before, m.start()):
            found = found[len(m.group(1)) + 1:]  # "Later Shah met", "The Khan family"
        named_with = found != words[0] and not found.endswith(" " + words[1])
        if named_with and not any(s <= m.start() and m.end() <= e for s, e in inside):
            return None
    return full


# How Gulf copy goes on speaking of an official it named after the honorific: "His Excellency
# said" after "His Excellency Turki bin Saad Al Shammari, Vice Minister of ..."; the name
# runs over the lower-case "bin", "bint" and "ibn" of Arabic names, titles before it aside.
_EXCELLENCY = re.compile(r"([Hh]is|[Hh]er) Excellency")
_EXCELLENCY_NAMED = (r"\b{pronoun} Excellency (?:(?:Dr|Eng|Sheikh|Sheikha|Prof)\.? )*"
                     r"({n}(?: (?:{n}|bint|bin|ibn)(?![\w'’-]))*)")


def _excellency_meant(written: str, before: str) -> str | None:
    """The official "His Excellency" (or "Her Excellency") alone means: the last one named
    ``before`` it after the same honorific."""
    said = _EXCELLENCY.fullmatch(written)
    if said is None:
        return None
    pronoun = said.group(1)
    pattern = _EXCELLENCY_NAMED.format(pronoun=f"[{pronoun[0].upper()}{pronoun[0].lower()}]"
                                       f"{pronoun[1:]}", n=_NAME_PART)
    found = [m.group(1) for m in re.finditer(pattern, before)]
    if not found:
        return None
    # without the titles the rest of the module leaves out of a name too: "His Excellency
    # Chief Emeka Nwosu", "His Excellency Bishop Musa Bello"
    words = found[-1].split()
    while len(words) > 2 and words[0].lower().rstrip(".") in _NOT_GIVEN_NAMES:
        words = words[1:]
    return " ".join(words)


# Words that open a sentence before a bare surname and name no one: "Later Shah met ...".
_SENTENCE_OPENERS = frozenset(
    "the a an later then when after before but and as so yet now since while if once today "
    "yesterday meanwhile also still there here this that these those his her their our "
    "its on in at by for from with".split())


def _opens_sentence(word: str, text: str, start: int) -> bool:
    """Whether ``word`` at ``start`` opens a sentence and is a function word or an adverb,
    no given name beside the surname after it."""
    head = text[:start].rstrip(" \"“")
    return ((not head or head[-1] in ".!?\n")
            and (word.lower() in _SENTENCE_OPENERS or word.endswith("ly")))


def _words_within(name: str, full: str) -> bool:
    """Whether ``name``'s words stand together in ``full`` ("Ali Shah" in "Syed Ali Shah")."""
    return f" {full} ".find(f" {name} ") >= 0


# A person's alias beside the name: a nickname in quotation marks inside it ('Tyler "Vox"
# Hammond'), or one given after it ("Rui Carvalho, 20, who plays as Fenrir", "known as").
_ALIAS_BESIDE = (
    r"\b({n}) [\"“]{alias}[\"”] ({n}(?: {n})*)",
    r"\b({n}(?: {n})+),(?: \d+,)? (?:who (?:plays|goes|performs|competes|streams|posts) "
    r"(?:as|by|under)|(?:better )?known as) {alias}\b",
    # a role between, or the known-as in the past, or with a manner: "Jung Ha-eun, the
    # singer known as Lumi", "Marta Lins, a former teacher known simply as Professora",
    # "Bae Seol-ah, who was known as Siren"
    # (the role is a noun's words, no preposition, clause or body's noun: "Mark Zuckerberg,
    # the founder of the company known as Meta", "the billionaire whose rocket firm is known
    # as Blue Origin" give a company's alias, not his)
    r"\b({n}(?: {n})+),(?: \d+,)? (?:(?:an?|the) (?:(?!(?:of|at|for|in|on|with|from|to|by|"
    r"behind|under|over|about|after|before|whose|who|which|that|representing|firm|company|"
    r"band|group|club|label|lender|brand|outlet|party|team|business|startup|charity)\b)"
    r"[a-z][\w'’-]* ){{0,6}}?|who (?:is|was) )"
    r"(?:(?:better|simply|universally|widely|popularly|affectionately|also) )?"
    r"known (?:simply |universally |widely )?as {alias}\b",
)


def _alias_holder(written: str, before: str) -> str | None:
    """The person whose alias ``written`` is, by the last place ``before`` it that gave the
    alias beside the person's name (:data:`_ALIAS_BESIDE`)."""
    if not re.fullmatch(rf"{_NAME_PART}(?: {_NAME_PART})?", written):
        return None
    first = written.split()[0].lower()
    if " " in written and (first in _HONORIFICS or first_name_gender(written) is not None):
        # a stage name read as a person's ("Lady Gaga", "Bruno Mars") is the name readers
        # know the speaker by, and the article quotes them by it
        return None
    alias = re.escape(written)
    found = [(m.start(), " ".join(g for g in m.groups()))
             for pattern in _ALIAS_BESIDE
             for m in re.finditer(pattern.format(n=_NAME_PART, alias=alias), before)]
    return max(found)[1] if found else None


# A character beside the actor who plays it: "Frank, played by Gary Kempson,", "the
# landlord Tommo, who is played by Paul Ashworth".
_PLAYED_BY = r"\b{alias},? (?:who is |who was )?(?:played|portrayed) by ({n}(?: {n})+)"


def _player(written: str, until: str) -> str | None:
    """The actor who plays the character ``written`` is, by the last place in ``until`` (the
    text to the end of the speaker's sentence: "asks Frank, played by Gary Kempson") that
    gave the actor beside the character: a review quotes the lines the actor speaks."""
    if not re.fullmatch(rf"{_NAME_PART}(?: {_NAME_PART})?", written):
        return None
    found = [(m.start(), m.group(1)) for m in re.finditer(
        _PLAYED_BY.format(n=_NAME_PART, alias=re.escape(written)), until)]
    return max(found)[1] if found else None


# An article that says someone goes by "they": "who is non-binary", "uses they/them
# pronouns".
_THEY_PERSON = re.compile(
    r"\b(?:is|are|identif(?:y|ies) as) non-?binary\b|\buses? (?:the )?(?:pronouns? )?"
    r"they(?:/| and )them\b|\(they/them\)", re.IGNORECASE)
_FIRST_SINGULAR = re.compile(
    r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|I'll|I’ll|(?i:me|my|myself))\b")
_FIRST_PLURAL = re.compile(r"\b(?:we|us|our|ours|ourselves)\b", re.IGNORECASE)


def singular_they(text: str, quoted: str | None) -> bool:
    """Whether a "they" speaker is one person: the article says someone goes by "they"
    (:data:`_THEY_PERSON`), or the quote speaks as one ("I", "my") and never as many, as a
    group's spokesperson would ("we", "our")."""
    if quoted is not None and _FIRST_PLURAL.search(quoted):
        return False
    return bool(_THEY_PERSON.search(text)) or (
        quoted is not None and _FIRST_SINGULAR.search(quoted) is not None)


def _group_since(
    ctx: Context, person: str, start: int, persons: list[Entity], person_names: list[str],
) -> bool:
    """Whether a group was the subject of a clause outside quotes between ``person``'s last
    mention and ``start``: then "they" is the group ("Neighbours objected. They said ..."),
    whoever in the article goes by "they"."""
    last = max((e.end for e in persons if e.end <= start
                and (fullest_or_own(e.text, person_names)) == person),
               default=None)
    if last is None:
        return True
    return any(t.dep_ in ("nsubj", "nsubjpass") and _plural_noun(t)
               and last <= t.idx < start and ctx.in_segment(t.idx) is None for t in ctx.doc)


def _plural_noun(t: Token) -> bool:
    """A plural noun, or one that opens its sentence, is no name and ends in "s" (the small
    tagger calls "Neighbours objected" a proper noun)."""
    return t.tag_ in ("NNS", "NNPS") or (
        t.tag_ == "NNP" and t.i == t.sent.start and not t.ent_type_ and t.lower_.endswith("s"))


def _person_read_as_org(name: str, person_names: list[str], org_names: list[str]) -> str | None:
    """The person's fuller name that opens with ``name``, an organisation's as the recogniser
    read it: a family name written first ("Wang" of "Wang Haoran", "Kim" of "Kim Min-jun");
    not one that a longer organisation's name holds too. (Not a surname last, "Reyes" of
    "Owen Reyes": read as people, those cost PolNeAR train 32 pronoun speakers by the rules,
    0.6866 -> 0.6692, and 6 by the shipped resolver; only those of people quoted before, 14
    and 1.)"""
    words = name.split()
    full = fullest_name(words, person_names)
    if full is None or len(full.split()) <= len(words) or full.split()[:len(words)] != words:
        return None
    wanted = {w.lower() for w in words}
    if any(org != name and wanted <= {w.lower() for w in org.split()} for org in org_names):
        return None
    return full


def _office_holder_set_off(head: Token) -> str | None:
    """The name set off by commas after an office written as a title ("the Minister of
    Agriculture, Elena Cojocaru,"), when it reads as a person's by its form."""
    if head.lower_ not in _OFFICE_WORDS | CAPITALISED_OFFICES:
        return None
    for c in head.rights:
        words = _appositive_name(c) if c.dep_ == "appos" else None
        if words and head.doc[words[0].i - 1].text == "," and not any(
                t.ent_type_ in ("GPE", "LOC", "FAC", "NORP") for t in words):
            # (not a place set off after the office: "the Minister of Health, Sierra Leone,")
            name = " ".join(t.text for t in words)
            if unlabelled_name(name) and words[-1].lower_ not in _PLACE_ENDS:
                return name
    return None


def _appositive_name(tok: Token) -> list[Token] | None:
    """The words of a name in apposition headed by ``tok``, outside brackets: a bare name
    (:func:`is_bare_name`), or one with where the person comes from after it ("Amara Diallo
    of Guinea", "Kofi Mensah from Accra"), the place left out."""
    if is_bare_name(tok):
        return unbracketed(tok)
    places = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in ("of", "from")
              and all(t.pos_ == "PROPN" for t in c.subtree if t.i != c.i)]
    if len(places) != 1 or places[0].right_edge.i != tok.right_edge.i or not any(
            t.pos_ == "PROPN" for t in places[0].subtree):
        return None
    words = [t for t in unbracketed(tok) if t.i < places[0].i]
    return words if words and all(t.pos_ == "PROPN" for t in words) and sum(
        t.lower_.rstrip(".") not in HONOURS for t in words) >= 2 else None


# Kinds of body a name may follow in apposition: "The regulator, Ofwat,", "its parent
# company, Norvale Holdings,".
_BODY_KINDS = _BODY_HEADS | frozenset(
    "company firm ministry department agency bank club council group organisation "
    "organization charity union regulator watchdog broadcaster retailer airline lender "
    "insurer manufacturer".split())


# Last words of a company's or a group's own name, in its capitalised form ("Thornfield
# Capital", "Bramble Holdings"): no person's name ends so.
_BODY_NAME_ENDS = ORGANISATION_NOUNS | frozenset(
    "capital holdings group partners ventures investments inc ltd llc plc limited corp "
    "associates advisers advisors".split())


def _body_named(words: list[Token], orgs: list[Entity]) -> Entity | None:
    """The organisation the recogniser labelled over the name ``words`` (a name in
    apposition), where that name ends in a body's word (:data:`_BODY_NAME_ENDS`)."""
    if not words or words[-1].lower_.rstrip(".") not in _BODY_NAME_ENDS:
        return None
    first, last = words[0].idx, words[-1].idx + len(words[-1].text)
    return next((e for e in orgs if e.start <= first and last <= e.end), None)


def _body_in_apposition(head: Token, orgs: list[Entity]) -> Entity | None:
    """The organisation named in apposition after a body's kind, set off by a comma: "The
    regulator, Ofwat, said". (A person's name there is :func:`_appositive_name`'s.)"""
    if head.pos_ != "NOUN" or head.lower_ not in _BODY_KINDS:
        return None
    doc = head.doc
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and doc[c.left_edge.i - 1].text == ",":
            named = next((e for e in orgs if e.start <= c.idx < e.end), None)
            if named is not None:
                return named
    return None


# Offices and fame whose holder's name, set off after them, is theirs and not the role's
# before them: "An ally of the former president, X,", "an aide to the majority leader, X,";
# but a spokesperson's or a lawyer's is theirs, as the press names them ("A spokesman for the
# governor, Rich Azzopardi, said").
_NAMED_FOR_OTHERS = frozenset(
    "spokesman spokeswoman spokesperson representative lawyer attorney secretary".split())
_SOMEONE_ELSE = _OFFICES | frozenset(
    "president leader singer star actor actress player politician premier senator candidate "
    "striker victim".split())


def _name_hung_elsewhere(head: Token, ctx: Context, persons: list[Entity]) -> str | None:
    """The name of a person's role that the parse did not make its appositive: a person's
    name set off by commas at the end of the role's phrase, hung inside its complement ("the
    state chairman of the NUC, Alhaji Bashir Kura Gwarzo, said": a second object of "of"),
    or proper nouns right after the role that the parse made a second subject of its verb
    ("The London-based writer Ama Owusu-Darko wrote": the recogniser's body, no person)."""
    if head.pos_ != "NOUN" or head.lower_ in ORGANISATION_NOUNS | _BODY_KINDS:
        return None
    text, doc = ctx.text, head.doc
    end = head.right_edge.idx + len(head.right_edge.text)
    for e in persons:
        if not head.idx < e.start < end or ctx.in_segment(e.start) is not None:
            continue
        inner = doc.char_span(e.start, e.end, alignment_mode="expand")
        if (inner is None or not text[:e.start].rstrip().endswith(",")
                or (text[e.end:end].strip(" ,") and not _relative_on_name(inner, head))
                or any(t.pos_ in ("VERB", "AUX") for t in doc[head.i:inner.start])
                or not all(head in t.ancestors for t in inner)):
            continue
        # the name stands beside the word before its comma: the role's own ("the chairman of
        # the NUC, X" is the chairman) only after the role or a body's name; after another
        # person ("An ally of the former president, Donald Trump,") it is that person's
        before = next((t for t in reversed(doc[head.i:inner.start]) if not t.is_punct), head)
        if (before.i != head.i and before.lemma_.lower() in _SOMEONE_ELSE
                and head.lower_ not in _NAMED_FOR_OTHERS):
            continue
        return e.text
    verb = head.head
    if head.dep_ != "nsubj" or head.i + 1 >= len(doc):
        return None
    other = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > head.i
                  and c.pos_ == "PROPN" and c.left_edge.i == head.i + 1), None)
    if other is None:
        return None
    run = list(doc[head.i + 1:other.right_edge.i + 1])
    names = [t for t in run if t.pos_ == "PROPN"]
    if len(names) < 2 or any(t.pos_ not in ("PROPN", "PUNCT") or t.ent_type_ == "PERSON"
                             or not ((t.pos_ == "PUNCT" and t.text == "-")
                                     or t.text[:1].isupper()) for t in run):
        return None
    return text[run[0].idx:run[-1].idx + len(run[-1].text)]


# What the recogniser labels a place or a body, whose holder of an office a relative
# clause after the name may describe.
_PLACES_AND_BODIES = frozenset({"GPE", "LOC", "ORG", "FAC", "NORP"})
# Nouns of a person, whose own name and relative clause a name after them and a comma are:
# "the student", "the suspect", "the late chief".
_OF_A_PERSON = _PERSON_ROLES | _SOMEONE_ELSE | frozenset(
    "suspect victim boy girl man woman child teenager chief detainee prisoner patient "
    "hostage deceased miner driver worker soldier officer fighter refugee migrant doctor "
    "trader".split())
# How more of them end: "the activist", "the librarian", "the fisherman".
_PERSON_SHAPED = re.compile(r"(?:ist|ian|man|woman)$")


def _relative_on_name(name: Span, head: Token) -> bool:
    """Whether all that follows the name ``name`` in the phrase of ``head`` is a relative
    clause on the name set off by a comma: "The bishop of Arauca, Monsignor X, who will go
    with the mission, said" (the parse makes X a second object of "of"). Not where the
    word before the name is a common noun of a person, not of a place or a body ("of
    Arauca", "of the board"): after it ("The father of the student, X, who was arrested")
    the name and the clause are that person's."""
    doc = head.doc
    rest = [t for t in doc[name.end:head.right_edge.i + 1] if not t.is_punct]
    if not rest or doc[name.end].text != "," or rest[0].lower_ not in ("who", "whose"):
        return False
    before = next((t for t in reversed(doc[head.i + 1:name.start]) if not t.is_punct), None)
    # (a person already named there, "the granddaughter of Uncle Wally Kirra, X, who", leaves
    # the name to the head; so does an office a spokesman or a lawyer speaks for, "A
    # spokesman for the governor, X, who", as :func:`_name_hung_elsewhere` has it)
    if before is not None and (
            before.pos_ == "NOUN" and before.ent_type_ not in _PLACES_AND_BODIES
            and before.lower_ not in ORGANISATION_NOUNS | _BODY_KINDS
            and (before.lemma_.lower() in _OF_A_PERSON
                 or _PERSON_SHAPED.search(before.lower_) is not None)
            and not (head.lower_ in _NAMED_FOR_OTHERS
                     and before.lemma_.lower() in _SOMEONE_ELSE)):
        return False
    clause = next((t for t in rest if t.dep_ == "relcl"
                   and name.start <= t.head.i < name.end), None)
    return clause is not None and all(t.i in {s.i for s in clause.subtree} for t in rest)


def _called(head: Token) -> str | None:
    """The person's name given after "named" or "called", on the phrase or its appositive:
    "a novelist named Clare Whitlow", "One of them, a retired teacher named Philippa Orr"."""
    for noun in [head] + [c for c in head.children if c.dep_ == "appos"]:
        for acl in noun.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in ("name", "call"):
                for name in acl.children:
                    if name.dep_ in ("oprd", "dobj", "attr") and name.ent_type_ == "PERSON":
                        words = [t.text for t in name.subtree if t.ent_type_ == "PERSON"]
                        return " ".join(words)
    return None


_LED_BY = re.compile(r",? (?:led|headed) by (?=[A-Z])")
# Teams whose written note is their leader's words: "Economists at Goldman Sachs, led by X,
# wrote"; a party, an army or a crowd led by someone speaks for itself ("The Democrats, led
# by X, said in a statement").
_NOTE_TEAMS = frozenset(
    "analysts economists strategists researchers scientists academics authors "
    "analyst economist strategist researcher".split())


def _led_by(written: str, start: int, text: str, persons: list[Entity]) -> Entity | None:
    """The person named as leading the team ``written`` stands for, right after it ("a
    team at the university, led by Dr X, wrote"), where the name is set off by commas and
    the team is one of analysts or researchers (:data:`_NOTE_TEAMS`)."""
    m = _LED_BY.match(text, start + len(written))
    if m is None or not set(re.findall(r"[a-z]+", written.lower())) & _NOTE_TEAMS:
        return None
    return next((e for e in persons if e.start == m.end() and text.startswith(",", e.end)),
                None)


def _named_after_relative(head: Token) -> Token | None:
    """The name that closes the relative clause of ``head``, set off by commas: the parse
    hangs it on the clause's last noun ("The network that airs her show, Channel Nine Live,
    said"), but it names the speaker."""
    doc = head.doc
    for clause in head.children:
        if clause.dep_ != "relcl":
            continue
        name = doc[clause.right_edge.i]
        if (name.dep_ == "appos" and name.ent_type_ in ("PERSON", "ORG")
                and doc[name.left_edge.i - 1].text == ","
                and name.i + 1 < len(doc) and doc[name.i + 1].text == ","):
            return name
    return None


# Institutions an article names once and then calls "the company", "the ministry".
_INSTITUTIONS = frozenset(
    "company firm ministry department agency bank club council group organisation "
    "organization charity union force school college".split()
)
# Places of learning whose names often carry no word the recogniser knows ("Ysgol Glan
# Cleddau").
_SCHOOLS = frozenset("school college".split())
# What a police force's name holds instead of "force": "the force" after "Essex Police said".
_FORCE_NAMES = frozenset("police constabulary force".split())
_COMPANIES = frozenset(
    "company firm chain retailer airline carrier operator lender insurer broadcaster "
    "start-up startup maker manufacturer supermarket brewer miner".split()
)


def _sentence_before(it: Token, ctx: Context) -> Span | None:
    """The sentence before ``it``'s, when it is in the same paragraph."""
    if it.sent.start == 0:
        return None
    before = it.doc[it.sent.start - 1].sent
    return before if ctx.paragraph_of(before.start_char) == ctx.paragraph_of(it.idx) else None


def _body_before(it: Token, ctx: Context, orgs: list[Entity]) -> Token | None:
    """The head of an unnamed body ("the regulator", "the ministry") that is the subject of
    the sentence before ``it``'s, in the same paragraph, with no organisation named between
    it and ``it``."""
    before = _sentence_before(it, ctx)
    if before is None:
        return None
    subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")),
                   None)
    if (subject is None or subject.pos_ != "NOUN" or subject.tag_ != "NN"
            or subject.lower_ not in ORGANISATION_NOUNS or subject.ent_type_
            or not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)):
        return None
    if any(subject.idx < e.start < it.idx for e in orgs) or any(
            t.pos_ == "NOUN" and t.lower_ in ORGANISATION_NOUNS and t.dep_ == "pobj"
            for t in it.doc[subject.i + 1:it.i]):
        # "The court heard from the company. It said ...": which body is open ("The
        # regulator fined the lender. It said" is the regulator's)
        return None
    return subject


def _institution(
    head: Token,
    written: str,
    start: int,
    orgs: list[Entity],
    org_names: list[str],
    speakers: list[tuple[int, str, str]],
    ctx: Context,
) -> str | None:
    """What "the company" or "the ministry" stands for: the organisation last quoted, else
    last named, whose name holds the noun; for a company or firm, or a group or charity, the
    organisation last quoted whatever its name."""
    noun = head.lower_
    words = written.lower().split()
    # "the company", and for a company "the bakery chain": common nouns before it, no name
    plain = words == ["the", noun] or (
        noun in _COMPANIES and words[:1] == ["the"] and words[-1] == noun
        and all(t.pos_ in ("NOUN", "ADJ") for t in head.lefts if t.dep_ != "det"))
    if noun in _ONE_OF_A_KIND and head.tag_ == "NN" and words == ["the", noun]:
        return _the_one_named_before(noun, start, orgs, ctx)
    if (noun not in _INSTITUTIONS and noun not in _COMPANIES) or head.tag_ != "NN" or not plain:
        return None
    # (not a person's surname the recogniser read as a body: "Tomioka said" of "Haruki
    # Tomioka" is no company's statement)
    surnames = {e.text.split()[-1] for e in ctx.analysis.entities
                if e.label == "PERSON" and len(e.text.split()) > 1}
    said = [(o, n) for o, n, c in speakers
            if c == "org" and o < start and n in org_names and n not in surnames]
    holds = _FORCE_NAMES if noun == "force" else frozenset({noun})
    # a force's name says what it is ("Kent Police"), whether or not the recogniser found it
    quoted = [(o, n) for o, n, c in speakers if c == "org" and o < start] if (
        noun == "force") else said
    # (its fullest name the article has given by then, not one it gives only later: "the
    # transportation department" is no "Florida Department of Transportation" named after)
    named_by_then = [n for n in org_names if any(e.text == n and e.end <= start for e in orgs)]
    holding = [(o, n) for o, n in quoted if holds & set(n.lower().split())] or [
        (e.start, fullest_or_own(e.text, named_by_then)) for e in orgs
        if e.end <= start and holds & set(e.text.lower().split())
    ]
    if holding:
        return max(holding)[1]
    if noun in _SCHOOLS or (not said and noun in _COMPANIES):
        # a name the recogniser missed or misread, as the subject it introduced the body
        # by: "Tillwater Robotics unveiled ... . The machine ..., the company said."
        introduced = _introduced_as_subject(noun, start, ctx)
        if introduced is not None:
            return introduced
    if noun not in _COMPANIES and noun not in _GROUPS:
        return None
    # or, for a group, the body the article described as one since ("the Liberty Schools
    # Alliance, a group funded by ...", "Hope Lane, a charity that ..."), with no other
    # group brought in after it
    described = [e for e in orgs if e.end <= start and ctx.in_segment(e.start) is None
                 and _DESCRIBED_GROUP.match(ctx.text, e.end)] if noun in _GROUPS else []
    if described and (not said or described[-1].start > max(said)[0]):
        body = described[-1]
        name = fullest_or_own(body.text, org_names)
        return None if _another_group_between(ctx, body.end, start, name) else name
    if said:
        offset, name = max(said)
        if noun in _GROUPS and _another_group_between(ctx, offset, start, name):
            return None
        return name
    if noun in _GROUPS:
        return None
    # none quoted yet: the one organisation the article has named before, or, when the
    # recogniser named none, the one name it gave as a company ("Dashly, the grocery
    # delivery start-up, is ...")
    named = {fullest_or_own(e.text, org_names) for e in orgs
             if e.end <= start and e.label == "ORG" and ctx.in_segment(e.start) is None
             and e.text not in surnames}
    if not named:
        named = {m.group(1) for m in _DESCRIBED_COMPANY.finditer(ctx.text, 0, start)
                 if ctx.in_segment(m.start()) is None and _proper_name(ctx, *m.span(1))}
    return named.pop() if len(named) == 1 else None


# Bodies "the court" or "the trust" stands for only where the article has named one such
# body before it: "the court" after "the Harlow District Court of Appeal found", not after
# a trial court and an appeal court.
_ONE_OF_A_KIND = frozenset({"court", "trust"})


def _the_one_named_before(noun: str, start: int, orgs: list[Entity], ctx: Context) -> str | None:
    """The one organisation named before ``start`` outside quotes whose name is headed by
    ``noun`` ("The Citizens' Harbour Trust" for "the trust"); None where there are none, or
    two ("the Supreme Court" and "the Court of Appeal")."""
    # (a body's name ending in the noun, whatever else the recogniser read it as: "The
    # Citizens' Harbour Trust" a work of art, "Harlow Crown Court" a building)
    named = {e.text for e in orgs if e.end <= start and e.label == "ORG"
             and ctx.in_segment(e.start) is None and _headed_by(noun, e, ctx)
             } | {e.text for e in ctx.analysis.entities if e.end <= start
                  and e.label in ("WORK_OF_ART", "FAC") and ctx.in_segment(e.start) is None
                  and _headed_by(noun, e, ctx)}
    # one body written in full and in short ("the Harlow Court of Appeal", "Harlow Court")
    longest = max(named, key=len, default=None)
    if longest is None or not all(set(_WORD_SPLIT.split(n)) <= set(_WORD_SPLIT.split(longest))
                                  for n in named):
        return None
    last = max((e.end for e in [*orgs, *ctx.analysis.entities] if e.end <= start
                and e.text in named), default=0)
    return None if _another_unnamed_between(noun, longest, last, start, ctx) else longest


# Words of a court of law's name, which a hotel, a block of flats or a tennis court lacks
# ("Harlow Crown Court", "the Sofia City Court", not "Halden Court" or "the Arena Court").
_JUDICIAL = frozenset(
    "district crown high supreme county regional magistrates magistrates' magistrate's "
    "appeal appeals appellate family federal constitutional criminal civil circuit superior "
    "administrative coroner's coroners law city municipal electoral juvenile youth probate "
    "tax labour labor military sheriff commercial justice arbitration claims international "
    "state provincial central cassation tribunal".split()
)


def _headed_by(noun: str, entity: Entity, ctx: Context) -> bool:
    """Whether ``entity``'s name is that of a ``noun`` ("court", "trust"): the noun heads it,
    as its last word or before "of" ("Court of Appeal"), not "Justice Court Partners" nor
    "the Marlow Trust Bank"; a building or a work is no such body when a noun follows its
    name ("the Halden Court hotel"); and a court's name holds a word of the law ("Crown",
    "District", "Court of ..."), which "the Arena Court" lacks."""
    words = _WORD_SPLIT.split(entity.text.lower())
    if words[-1] != noun and not any(w == noun and after == "of"
                                     for w, after in itertools.pairwise(words)):
        return False
    if noun == "court" and not (_JUDICIAL & set(words) or "court of" in " ".join(words)):
        return False
    if entity.label == "ORG":
        return True
    following = re.match(r"\s*([a-z]+)", ctx.text[entity.end:])
    if following is None:
        return True
    token = next((t for t in ctx.doc if t.idx >= entity.end), None)
    return token is None or token.text != following.group(1) or token.pos_ != "NOUN"


# Words by which "the court" points back to the one in play ("this court", "the same court").
_POINTING_BACK = frozenset("the this that these those same".split())
# Determiners that bring a new one in ("an appeals court", "another trust").
_BRINGING_IN = frozenset("a an another one some".split())


def _another_unnamed_between(noun: str, name: str, begin: int, end: int, ctx: Context) -> bool:
    """Whether another body of the kind ``noun`` names, written in lower case outside
    quotes, is brought in between ``begin`` and ``end``: "the country's highest court", "an
    appeals court", "a second, unnamed trust". "The court" after it may be that one, not
    ``name``. (Not "in court", "court documents", "their trust", nor "the court" or "the
    appeal court" for "the Court of Appeal", which point back; nor "a trust" said of the
    named one.)"""
    words = set(_WORD_SPLIT.split(name.lower()))
    for t in ctx.doc:
        if (not begin <= t.idx < end or t.lemma_ != noun or t.text != t.lower_
                or t.pos_ != "NOUN" or t.ent_type_ or ctx.in_segment(t.idx) is not None
                or t.dep_ in ("compound", "appos", "attr")):
            continue
        lefts = [c for c in t.lefts if c.dep_ != "punct"]
        if any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for c in lefts) or any(
                c.dep_ == "det" and c.lower_ in _BRINGING_IN for c in lefts):
            return True
        if any(c.dep_ == "det" and c.lower_ == "the" for c in lefts) and not all(
                c.lower_ in _POINTING_BACK or c.lemma_.lower() in words
                or c.lower_ in words for c in lefts):
            # "the federal court" after "the Gaulden District Court"
            return True
    return False


_WORD_SPLIT = re.compile(r"[\s’']+")


def _introduced_as_subject(noun: str, start: int, ctx: Context) -> str | None:
    """The proper name of two words or more that is a subject in the sentence of the
    article's first "the <noun>" outside quotes, or in the sentence before it, where the
    recogniser labelled it no place nor a person in full: "Ysgol Glan Cleddau in
    Haverfordwest will teach pupils ..., the school has announced", "Tillwater Robotics
    unveiled its tractor at the Farm Progress Show. The machine ..., the company said."
    (not the show, a place it was at)."""
    first = next((m for m in re.finditer(rf"\b[Tt]he {re.escape(noun)}\b", ctx.text)
                  if m.start() <= start and ctx.in_segment(m.start()) is None), None)
    if first is None:
        return None
    doc = ctx.doc
    at = doc.char_span(first.start(), first.end(), alignment_mode="expand")
    if at is None:
        return None
    sentence = at.sent
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
    for sent in (sentence, previous):
        if sent is None:
            continue
        for t in sent:
            if t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "PROPN" or t.i >= at.start:
                continue
            words = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [t]
            if (len(words) < 2 or words[-1].i - words[0].i != len(words) - 1
                    or not all(w.text[:1].isupper() for w in words)
                    or any(w.ent_type_ in ("GPE", "LOC", "NORP") for w in words)
                    or _a_person_named(words)):
                continue
            return doc[words[0].i:t.i + 1].text
    return None


# Titles of courtesy, which brands take as often as people do ("Dr. Martens", "Mr. Cooper").
_COURTESY_TITLES = _HONORIFICS | frozenset("mr mrs ms miss dr mister".split())
# Last words of trading names that read as no person's ("Premier Inn", "Governor Foods").
_TRADE_ENDS = frozenset("inn inns foods hotels stores homes brands".split())


def _a_person_named(words: list[Token]) -> bool:
    """Whether the subject ``words`` name a person, with a title or without: "Prime
    Minister Keir Starmer toured the Nissan plant" introduces no company. A body's name
    a title makes one (the recogniser may read it as an organisation's first word); else a
    name it labelled an organisation, or that ends in a body's word, is none, and two words
    labelled a person or a name opening with a first name are one ("Tillwater Robotics",
    its second word alone taken for a person, stays a company)."""
    titles = _NAME_TITLES | _OWN_TITLES | _OFFICES | _HONORIFICS
    # a body's name first ("Premier Inn", "Governor Foods", a title opening a company's
    # name), then a title before a person's name ("Chancellor Merz", "Prime Minister Keir
    # Starmer")
    if any(w.ent_type_ == "ORG" for w in words) or words[-1].lower_ in _ORG_WORDS | _TRADE_ENDS:
        return False
    # (an honorific before one word is a brand's as often: "Dr. Martens", "Mr. Cooper")
    if any(w.lower_.rstrip(".") in titles and (
            w.lower_.rstrip(".") not in _COURTESY_TITLES
            or sum(x.ent_type_ == "PERSON" for x in words[i + 1:]) >= 2)
           and any(x.ent_type_ == "PERSON" for x in words[i + 1:])
           for i, w in enumerate(words)):
        return True
    return (sum(w.ent_type_ == "PERSON" for w in words) >= 2
            or unlabelled_name(" ".join(w.text for w in words)))


# Capitalised words that open a sentence before a comma without naming anything.
_NOT_NAMES = frozenset(
    "yesterday today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday"
    " january february march april may june july august september october november december"
    .split())


def _proper_name(ctx: Context, start: int, end: int) -> bool:
    """Whether the words at ``[start, end)`` may be a name: no function word or calendar
    word ("On Monday, the company, which ..." and "Yesterday, the firm, ..." name no
    company). The parse's part of speech is no test: it reads an unknown company's name
    ("Dashly") as an adverb as often as a proper noun."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and not any(
        t.is_stop or t.pos_ == "ADP" or t.lower_ in _NOT_NAMES for t in span)


def _another_group_between(ctx: Context, after: int, before: int, name: str) -> bool:
    """Whether another organisation or group is mentioned outside quotes between the quoted
    organisation ``name`` and "the group": "The band Coldplay played ... The group said" is
    not Oxfam's, quoted before the band."""
    own = set(name.lower().split())
    # only the tokens between the two, not the whole article
    between = ctx.doc.char_span(after, before, alignment_mode="expand") or ctx.doc
    for tok in between:
        if tok.idx <= after or tok.idx >= before or ctx.in_segment(tok.idx) is not None:
            continue
        if tok.ent_type_ == "ORG" and tok.lower_ not in own:
            return True
        if tok.pos_ == "NOUN" and tok.lower_ in _OTHER_GROUPS:
            return True
    return False


# "The group said" after a rights group was quoted under its name ("Amnesty Watch said").
_GROUPS = frozenset("group charity organisation organization".split())
# Other bodies of people a text may bring in before "the group" refers back.
_OTHER_GROUPS = frozenset("band team club party choir union coalition alliance".split())
_DESCRIBED_COMPANY = re.compile(
    r"\b([A-Z][\w&'’-]*(?: [A-Z][\w&'’-]*)?), (?:the|a|an) (?:[\w-]+ ){0,3}?(?:"
    + "|".join(sorted(_COMPANIES, key=len, reverse=True)) + r"),")
# (not a newsroom: "Reuters, a news organisation," is no group that speaks as "the group")
_DESCRIBED_GROUP = re.compile(
    r", (?:a|an|the) (?:[\w'’-]+ ){0,3}?(?<!news )(?<!media )(?:group|charity|organi[sz]ation)\b")
_SIGNED = re.compile(r"\b(?:signed|issued) by\s+(?:[a-z]+\s+)?", re.IGNORECASE)
_SIGNED_TEXTS = frozenset("statement letter notice message release".split())
_OWNERS = frozenset("company's firm's company’s firm’s group's group’s".split())


# Offices that government releases and Commonwealth copy capitalise after "the" ("the
# Minister said", "the Premier said"), still the one holder the article named with the title.
# Titles of the same office as a role noun: a High Court judge is "Mr Justice Harwood".
_SAME_TITLE = {"judge": frozenset({"judge", "justice"}),
               "doctor": frozenset({"doctor", "dr", "dr."}),
               # "the expert noted" after "political scientist X" or "X, a researcher at"
               "expert": frozenset(
                   "expert analyst economist researcher scientist professor scholar "
                   "specialist historian strategist".split())}


# Words before a title that make it another office: "Deputy Governor", "Vice President".
_RANKS_BELOW = frozenset(
    "deputy vice assistant associate lieutenant acting interim junior shadow under co-"
    .split())

# Words before an office that make its holder another than the one in office now.
_NOT_THE_HOLDER = _RANKS_BELOW | frozenset(
    "former then ex outgoing late previous future incoming designate elect".split())


def _tied_person(
    head: Token, written: str, ctx: Context, persons: list[Entity], person_names: list[str],
) -> str | None:
    """The one person the article ties a definite role to: "the judge" after "U.S. District
    Judge Renata Alvarez" or "Mr Justice Harwood", "the company's founder" after "Priya
    Okafor, who founded the firm", "the first author" after "its first author, Dr Tobias
    Lind" (the modifier stated at the tie), "the statement" that "was signed by Inspector
    Gareth Rowe"."""
    noun = head.lower_
    words = written.lower().split()
    # "the judge", "its founder", "the company's founder"; not "the Florida senator", "the
    # Sanders campaign", whose modifier is a name of its own
    if words[:1] == ["the"] and len(words) == 3 and words[1] in _OWNERS:
        words = words[1:]
    # one modifier, which the tie must state too: in lower case ("the first author" is "its
    # first author, Dr X", not the paper's senior author) or a people's word ("the Russian
    # envoy" is "The Russian envoy, Pyotr Malin,", not the French one)
    people = len(words) == 3 and head.i > 0 and ctx.doc[head.i - 1].ent_type_ == "NORP" and (
        ctx.doc[head.i - 1].text == written.split()[1])
    # or a body's name the tie writes before the role too: "the Kremlin spokesman" is
    # "Kremlin spokesman Vitaly X" (not a person's: "the Sanders campaign")
    body = (len(words) == 3 and head.i > 0 and head.is_lower
            and ctx.doc[head.i - 1].text == written.split()[1]
            and ctx.doc[head.i - 1].is_title and ctx.doc[head.i - 1].ent_type_ != "PERSON")
    people = people or body
    modifier = words[1] if len(words) == 3 and words[1].isalpha() and (
        written.split()[1].islower() or people) else None
    if modifier is not None:
        words = [words[0], words[2]]
    # or an office capitalised in words of its own, as copy writes a parliament's or a
    # state's: "the Speaker", "the Prime Minister", "the Senate President", tied by those
    # very words ("The Prime Minister, Alistair Quayle,", "Senate President Ada Gwandu")
    # (a body's initials before it too: "The PAHO Director" after "Pan American Health
    # Organization (PAHO) Director Carissa F. Etienne")
    office = [w.rstrip(".") for w in words[1:]] if (
        words[:1] == ["the"] and 2 <= len(words) <= 4
        and all((w[:1].isupper() and w[1:].islower()) or (w.isupper() and len(w) > 1 and i)
                for i, w in enumerate(reversed(written.split()[1:])))) else []
    # a role in lower case the parse may tag a proper noun ('"...," the bishop said'), or an
    # office some copy capitalises ("the Minister said" after "Minister Devaux")
    if (not (head.pos_ == "NOUN" or head.is_lower or noun in CAPITALISED_OFFICES)
            or head.tag_ not in ("NN", "NNP")
            or len(words) != 2 or words[-1] != noun
            or (words[0] not in ("the", "its", "their") and words[0] not in _OWNERS)):
        if not office or office[-1] != noun or head.tag_ not in ("NN", "NNP"):
            return None
    else:
        office = []
    doc = ctx.doc
    # a title that names the same office: "the judge" is "Mr Justice Harwood"
    titles = _SAME_TITLE.get(noun, frozenset({noun}))

    def stated(role: Token) -> bool:
        """Whether the role word at the tie has the modifier (any, when there is none)."""
        # (a former one is not the holder: "Sir X, a former British ambassador,")
        return modifier is None or (any(
            c.lower_ == modifier and c.dep_ in ("amod", "compound", "nummod", "npadvmod")
            for c in role.children) and not any(
            c.lower_ in _NOT_THE_HOLDER for c in role.children))

    tied: set[str] = set()
    tied_at: list[tuple[int, str]] = []  # where each tie before the role is made
    for e in persons:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or ctx.in_segment(e.start) is not None:
            continue
        if noun in _SIGNED_TEXTS:
            before = ctx.text[max(0, e.start - 40):e.start]
            if (m := _SIGNED.search(before)) and m.end() == len(before):
                tied.add(e.text)
            continue
        root = span.root
        if office:
            if _office_tied(office, span, root):
                tied.add(e.text)
            continue
        # a title before the name, in its noun phrase: "District Judge Renata Alvarez"
        # ("Deputy Governor Kofi Amankwah", "former Governor Ray Lutz" hold another office
        # than "the governor")
        # the words of the title before its noun: "Deputy Foreign" of "Deputy Foreign
        # Minister X", whose holder is "the deputy minister", not "the minister"
        run = _title_run(doc, span.start - 1)
        titled = span.start > 0 and doc[span.start - 1].lower_ in titles and (
            ((span.start > 1 and doc[span.start - 2].lower_ == modifier and not any(
                t.lower_ in _NOT_THE_HOLDER for t in doc[max(0, span.start - 4):span.start - 2]))
             or (modifier in run and not any(w in _NOT_THE_HOLDER for w in run
                                             if w != modifier)))
            if modifier is not None
            else (span.start < 2 or doc[span.start - 2].lower_ not in _NOT_THE_HOLDER)
            and not _NOT_THE_HOLDER & set(run))
        # or an office with a personal title or its portfolio between it and the name:
        # "Supply Minister Dr. X", "Minister of Supply and Internal Trade Dr. X"
        if not titled and modifier is None:
            at = _office_before(doc, span.start)
            titled = at is not None and doc[at].lower_ in titles and not (
                _NOT_THE_HOLDER & set(_title_run(doc, at))
                or (at > 0 and doc[at - 1].lower_ in _NOT_THE_HOLDER))
        # or a title the recogniser took into the name: "Archbishop Grigor Avetyan" (not a
        # lower-case word: "the archbishop" is no "archbishop Avetyan" of a misread phrase)
        titled = titled or (
            modifier is None and len(span) > 2 and span[0].lower_ in titles
            and span[0].is_title and (span.start < 1 or doc[span.start - 1].lower_
                                      not in _NOT_THE_HOLDER))
        # a role or a deed in apposition: "X, the founder of ...", "X, who founded the firm"
        said_to_be = any(
            (c.dep_ == "appos" and c.lower_ in titles and stated(c))
            or (modifier is None and c.dep_ == "relcl"
                and c.lemma_.lower() in (noun[:-2], noun[:-1]))
            for c in root.children) or (
            # or the name in apposition to the role: "The Bishop of Kenmoor, the Rt Rev.
            # Helen Achterberg,", the parse hanging it on the role or on its place
            root.dep_ == "appos" and (
                (root.head.lower_ in titles and stated(root.head))
                or (modifier is None and root.head.dep_ == "pobj"
                    and root.head.head.head.lower_ == noun)))
        if titled or said_to_be:
            tied.add(e.text)
            if e.start < head.idx:
                tied_at.append((e.start, e.text))
    if modifier is None and not office:
        tied |= _unlabelled_in_apposition(noun, head, ctx, persons)
    # a holder tied before the mention over one the article brings in only later ("the
    # minister told journalists" is the Minister of Justice just named, not "the minister
    # of the court" named at the end); the later one for a lede's role named after it
    earlier = {n for n in tied if any(e.text == n and e.start < head.idx for e in persons)}
    names = {fullest_or_own(n, person_names) for n in earlier or tied}
    if len(names) > 1 and not office:
        names = _tied_just_before(names, tied_at, head, ctx, person_names)
    if len(names) != 1:
        return None
    name = names.pop()
    if office and _held_elsewhere(office, name, doc, persons, person_names):
        return None
    if _another_brought_in(titles, name, head, ctx, persons, person_names):
        return None
    return None if _eclipsed(name, head.idx, ctx, persons, person_names) else name


def _tied_just_before(
    names: set[str], tied_at: list[tuple[int, str]], head: Token, ctx: Context,
    person_names: list[str],
) -> set[str]:
    """Of several people the article ties a role to ("the Minister of Finance, X," and "The
    Minister of Transport, Y,"), the one tied in the role's paragraph or the one before it
    when every other was tied earlier still: '"...," the minister declared' right after Y's
    paragraph is Y. ``names`` unchanged otherwise."""
    since = ctx.paragraph_of(head.idx) - 1
    recent = {fullest_or_own(n, person_names) for at, n in tied_at
              if ctx.paragraph_of(at) >= since}
    acting = all(_acts_in_main_clause(ctx, at) for at, n in tied_at
                 if fullest_or_own(n, person_names) in recent)
    return recent if len(recent) == 1 and recent <= names and acting else names


def _acts_in_main_clause(ctx: Context, at: int) -> bool:
    """Whether the name at ``at`` is the subject of its sentence's main verb (or in
    apposition to it): one the story brings in to act or speak ("Transport Minister Bob Roe
    told reporters"), not one it mentions in passing ("The opposition demanded that Transport
    Minister Bob Roe resign")."""
    span = ctx.doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("compound", "appos", "conj") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"


# Personal titles between an office and the name: "Minister Dr. X", "Minister Eng. X".
_PERSONAL_BEFORE_NAMES = frozenset("dr prof eng engr mr mrs ms".split())
_PORTFOLIO_REACH = 6


def _office_before(doc: Doc, start: int) -> int | None:
    """Where the office word of a title before the name at ``start`` is, past a personal
    title ("Supply Minister Dr. X": "Minister") and past the office's capitalised "of"
    phrase ("Minister of Supply and Internal Trade Dr. X": "Minister"); None where neither
    stands between (the word right before the name is the office's own test)."""
    k = start - 1
    while k >= 0 and (doc[k].lower_.rstrip(".") in _PERSONAL_BEFORE_NAMES
                      or (doc[k].text == "." and k > 0
                          and doc[k - 1].lower_ in _PERSONAL_BEFORE_NAMES)):
        k -= 1
    if k < 0:
        return None
    i = k
    for _ in range(_PORTFOLIO_REACH):
        if i <= 0 or not (doc[i].is_title or doc[i].lower_ in ("and", "&", "the")):
            break
        if doc[i - 1].lower_ == "of":
            return i - 2 if i > 1 and doc[i - 2].is_title else None
        i -= 1
    return k if k < start - 1 else None


_INDEFINITE = frozenset("a an another one some".split())


def _another_brought_in(
    titles: frozenset[str], name: str, head: Token, ctx: Context, persons: list[Entity],
    person_names: list[str],
) -> bool:
    """Whether the article brings in another, unnamed holder of the role after the person
    ``name`` was last named and before ``head``: "An expert at the IMF told reporters ...
    the expert said" is not the economist named before, nor is "The boy's doctor" the
    historian "Dr. X" (a definite "the expert" goes on with the one named)."""
    named = [e for e in persons if e.start < head.idx
             and fullest_or_own(e.text, person_names) == name]
    if not named:
        return False
    latest = max(named, key=lambda e: e.end)
    last = latest.end
    span = ctx.doc.char_span(latest.start, latest.end, alignment_mode="expand")
    for t in ctx.doc[span.end if span is not None else 0:head.i]:
        if t.idx < last or t.pos_ != "NOUN" or (
                t.lemma_.lower() not in titles and t.lower_ not in titles):
            continue
        if any(a.ent_type_ == "PERSON" for a in t.ancestors):
            continue  # in a named person's own phrase: "X, who advises several experts,"
        if ctx.in_segment(t.idx) is not None or t.head.ent_type_ == "PERSON" or any(
                c.ent_type_ == "PERSON" for c in t.children):
            continue  # inside a quote, or beside a name: a named one
        if t.tag_ == "NNS" or any(c.dep_ == "poss" or c.lower_ in _INDEFINITE
                                  for c in t.children):
            return True
    return False


def _unlabelled_in_apposition(
    noun: str, head: Token, ctx: Context, persons: list[Entity],
) -> set[str]:
    """Names the recogniser missed, in apposition to the role ``noun`` before ``head``: "the
    Minister of Energy, Natalia Pascaru," (a name by its form, :func:`unlabelled_name`, not
    within a recognised person)."""
    found: set[str] = set()
    for role in ctx.doc[:head.i]:
        if role.lower_ != noun or ctx.in_segment(role.idx) is not None or any(
                c.lower_ in _NOT_THE_HOLDER for c in role.children):
            continue
        for c in role.children:
            if c.dep_ != "appos" or c.pos_ != "PROPN" or any(
                    e.start <= c.idx < e.end for e in persons):
                continue
            name = ctx.doc[c.left_edge.i:c.i + 1].text
            if unlabelled_name(name):
                found.add(name)
    return found


_OF_PHRASE_FILLERS = frozenset({"the", "of", "a", "an"})
# The offices that head what they are "of", which copy then calls its "head": "the head of
# the region" after "the akim of the region, X," (Kazakh), "the khokim" (Uzbek).
_HEAD_OFFICES = frozenset(
    "akim hakim khokim hokim governor mayor president chairman chairwoman chair director "
    "prefect".split())


def _tied_office_of(
    head: Token, written: str, ctx: Context, persons: list[Entity], person_names: list[str],
) -> str | None:
    """The one person named in apposition to an office "of" something whose words hold all
    of ``written``'s: "the head of the regional administration" after "The head of the
    regional military administration, X,", "the president of the assembly" after "the
    president of the assembly, Y," (translated agency copy names officials so, then refers
    to them by the office alone); "the head of" one of what the offices of
    :data:`_HEAD_OFFICES` head ("the head of the region" after "the akim of the region")."""
    words = written.lower().split()
    if (len(words) < 4 or len(words) > 9 or words[0] != "the" or words[2] != "of"
            or words[1] != head.lower_ or head.tag_ not in ("NN", "NNP")
            or not head.text.islower()):
        return None
    wanted = set(words[2:]) - _OF_PHRASE_FILLERS
    doc = ctx.doc
    tied: set[str] = set()
    for e in persons:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or ctx.in_segment(e.start) is not None or e.start >= head.idx:
            continue
        root = span.root
        role = root.head
        if root.dep_ != "appos" or not (role.lower_ == head.lower_ or (
                head.lower_ == "head" and role.lower_ in _HEAD_OFFICES)):
            continue
        office = [t.lower_ for t in role.subtree
                  if not root.left_edge.i <= t.i <= root.right_edge.i]
        # the office may say more of the thing it is "of" only by a word before its noun
        # ("the regional road fund" for "the fund"), not be of another thing ("the president
        # of the company's union" is not "the president of the company")
        of_what = [o for c in role.children if c.dep_ == "prep" and c.lower_ == "of"
                   for o in c.children if o.dep_ == "pobj"]
        if (wanted <= set(office) and not _NOT_THE_HOLDER & set(office)
                and (not of_what or of_what[0].lower_ in wanted)):
            tied.add(e.text)
    names = {fullest_or_own(n, person_names) for n in tied}
    if len(names) != 1:
        return None
    name = names.pop()
    return None if _eclipsed(name, head.idx, ctx, persons, person_names) else name


_TITLE_RUN = 3


def _title_run(doc: Doc, title: int) -> list[str]:
    """The words (in lower case) written before the title word at ``title`` in a name's
    title, up to three: "deputy", "foreign" of "Deputy Foreign Minister"; "former", "health"
    of "former health minister"; not past an article, a comma or a verb's clause."""
    run: list[str] = []
    i = title - 1
    while i >= 0 and len(run) < _TITLE_RUN and doc[i].is_alpha and doc[i].pos_ in (
            "PROPN", "ADJ", "NOUN"):
        run.append(doc[i].lower_)
        i -= 1
    return run


def _held_elsewhere(
    office: list[str], name: str, doc: Doc, persons: list[Entity], person_names: list[str],
) -> bool:
    """Whether the article also writes ``office`` (its words in lower case) with a qualifier
    of a people or a place ("the Indian Prime Minister", "India's Prime Minister", "the New
    Zealand Prime Minister") for a holder other than ``name``, named or not: the office
    alone may then be either."""
    n = len(office)
    for i in range(1, len(doc) - n + 1):
        words = doc[i:i + n]
        if [t.lower_ for t in words] != office or not all(t.is_title for t in words):
            continue
        qualifier = doc[i - 2] if doc[i - 1].tag_ == "POS" and i > 1 else doc[i - 1]
        # a people's or a place's word, not an address ("Madam Speaker") or a rank
        if qualifier.ent_type_ not in ("NORP", "GPE", "LOC") or not qualifier.is_title:
            continue
        # the qualified office's holder: the name right after it, or the one in apposition
        after = i + n + 1 if i + n < len(doc) and doc[i + n].text == "," else i + n
        holder = next((e for e in persons if after < len(doc) and e.start == doc[after].idx),
                      None)
        if holder is None or fullest_or_own(holder.text, person_names) != name:
            return True
    return False


def _office_tied(office: list[str], span: Span, root: Token) -> bool:
    """Whether the name ``span`` (headed by ``root``) is given the capitalised ``office``
    (its words in lower case): as a title right before it ("Prime Minister Alistair
    Quayle"), or as the phrase it is in apposition to, whose words are those of the office
    ("The Senate President, Sen. Ada Gwandu,"), not another one ("The Deputy Speaker")."""
    doc = span.doc
    # the words right before the name, a body's initials in brackets as they stand:
    # "Health Organization (PAHO) Director X" is the "PAHO Director"
    closest = [t for t in doc[max(0, span.start - len(office) - 2):span.start]
               if t.text not in ("(", ")")][-len(office):]
    before = [t.lower_ for t in closest]
    at = closest[0].i if closest else span.start
    # not a past, future or stand-in holder: "the former Prime Minister Helen Bray", "the
    # then Prime Minister", "the shadow Health Minister", "ex-Prime Minister"
    if before == office and (at == 0 or (
            (doc[at - 1].is_lower or not doc[at - 1].is_alpha)
            and doc[at - 1].lower_ not in _NOT_THE_HOLDER
            and not (at > 1 and doc[at - 1].text == "-"
                     and doc[at - 2].lower_ in _NOT_THE_HOLDER))):
        return True
    if _office_joined_before(office, span):
        return True
    role = root.head
    if root.dep_ != "appos" or role.lower_ != office[-1]:
        return False
    words = [t.lower_ for t in doc[role.left_edge.i:role.i + 1] if t.lower_ != "the"]
    return words == office


_JOINED_TITLE_REACH = 10
_IN_PORTFOLIOS = frozenset("of for and & the".split())


def _office_joined_before(office: list[str], span: Span) -> bool:
    """Whether the capitalised ``office`` opens a title that joins a second office to it
    with "and" right before the name ``span``: "Cabinet Spokesman and Minister of Mass
    Media Dr. X", "Government Spokesperson and Minister for Communication X" (South Asian
    copy's way of naming a minister who speaks for the cabinet)."""
    doc = span.doc
    n = len(office)
    for at in range(max(0, span.start - _JOINED_TITLE_REACH - n), span.start - n - 1):
        words = doc[at:at + n]
        if ([t.lower_ for t in words] != office or not all(t.is_title for t in words)
                or doc[at + n].lower_ != "and"):
            continue
        if at > 0 and doc[at - 1].is_alpha and not doc[at - 1].is_lower:
            continue  # part of a longer title: "Deputy Cabinet Spokesman and ..."
        if at > 0 and doc[at - 1].lower_ in _NOT_THE_HOLDER:
            continue
        if at > 0 and doc[at - 1].pos_ in ("DET", "PRON"):
            # "the Prime Minister and Chancellor Rachel Reeves": two people, the first unnamed
            continue
        between = doc[at + n + 1:span.start]
        if all(t.is_title or t.lower_ in _IN_PORTFOLIOS or t.text == "."
               or t.lower_.rstrip(".") in _PERSONAL_BEFORE_NAMES for t in between):
            return True
    return False


def _eclipsed(
    name: str, start: int, ctx: Context, persons: list[Entity], person_names: list[str],
) -> bool:
    """Whether ``name``, named once before ``start``, has since been eclipsed by someone
    named again and again: in a profile of a singer, "the star" is she, not "soul star
    Peabo Bryson" of one sentence ten paragraphs up."""
    mentions = [(e.start, fullest_or_own(e.text, person_names)) for e in persons
                if e.start < start and ctx.in_segment(e.start) is None]
    own = [at for at, n in mentions if n == name]
    if len(own) != 1:
        return False
    since = [n for at, n in mentions if at > own[0] and n != name]
    return any(since.count(n) >= _ECLIPSING_MENTIONS for n in set(since))


_ECLIPSING_MENTIONS = 3


# "the 31-year-old", "the 54-year-old mother of two"
_AGED = re.compile(r"the (\d{1,3})-year-old\b", re.IGNORECASE)
# An age stated after a name: "Dana Reyes, 31, ...", "Reyes (31)", "Reyes, a 31-year-old nurse"
_STATED_AGE = re.compile(
    r", (\d{1,3})(?=[,.;](?!\d))| \((\d{1,3})\)|, an? (\d{1,3})-year-old\b")
# Someone of that age the article brings in unnamed: "police arrested a 44-year-old man"
# (not in apposition to a name: "Dana Reyes, a 44-year-old nurse")
_UNNAMED_AGE = r"(?<!, )\b(?:an?|one) {age}-year-old\b"


def _aged(
    written: str, start: int, ctx: Context, persons: list[Entity], person_names: list[str],
    speakers: list[tuple[int, str, str]], described: dict[str, set[str]] | None = None,
) -> str | None:
    """The person "the 31-year-old" is: the one the article gave that age ("Dana Reyes, 31,",
    "Reyes (31)"), else, when it gave nobody that age, a person named outside quotes since
    the paragraph before (and given no other age): the only one, or of several the one
    quoted last when no other is a subject (:func:`_likeliest`). Nobody when the
    article brought in someone of that age unnamed ("a 44-year-old man was arrested"): "the
    44-year-old" is that one. Nor is it one an earlier description of another age was
    ("the 44-year-old" the new manager, "the 67-year-old" is not him): ``described``, the
    ages the descriptions before gave, worked out here when not given."""
    match = _AGED.match(written)
    if match is None:
        return None
    if described is None:
        described = {}
        for earlier in _AGED.finditer(ctx.text, 0, start):
            if (ctx.in_segment(earlier.start()) is not None
                    or not _ages_a_person(ctx, earlier.end())):
                continue
            who = _aged(earlier.group(), earlier.start(), ctx, persons, person_names, speakers,
                        described)
            if who is not None:
                described.setdefault(who, set()).add(earlier.group(1))
    ages: dict[str, set[str]] = {n: set(a) for n, a in described.items()}
    recent: set[str] = set()
    since = ctx.paragraphs[max(0, ctx.paragraph_of(start) - 1)][0]
    for e in persons:
        if e.start >= start or ctx.in_segment(e.start) is not None:
            continue
        name = fullest_or_own(e.text, person_names)
        stated = _STATED_AGE.match(ctx.text, e.end)
        if stated is not None:
            ages.setdefault(name, set()).add(next(g for g in stated.groups() if g))
        if e.start >= since:
            recent.add(name)
    aged = {n for n, a in ages.items() if match.group(1) in a}
    if aged:
        return aged.pop() if len(aged) == 1 else None
    if any(ctx.in_segment(m.start()) is None for m in re.finditer(
            _UNNAMED_AGE.format(age=match.group(1)), ctx.text[:start], re.IGNORECASE)):
        return None
    aged = {n for n in recent | _quoted_since(start, ctx.paragraph_of(start) - 1, ctx, speakers,
                                              person_names) if n not in ages}
    if len(aged) > 1:
        return _likeliest(start, ctx, persons, person_names, speakers, aged)
    return aged.pop() if aged else None


# Nouns "the 44-year-old" may go with and still be a person ("the 44-year-old mother of two")
_AGED_PERSON_NOUNS = frozenset(
    "man woman boy girl child teenager mother father mum dad son daughter wife husband "
    "brother sister grandmother grandfather grandfather-of-two mother-of-two father-of-two "
    "businessman businesswoman manager coach player striker midfielder defender forward "
    "goalkeeper winger captain chairman chairwoman chair owner founder driver rider runner "
    "actor actress singer star veteran nurse doctor teacher worker officer farmer resident "
    "student volunteer victim suspect defendant lawyer politician senator candidate leader "
    "minister mayor chief executive boss director author writer artist musician".split())


def _ages_a_person(ctx: Context, end: int) -> bool:
    """Whether "the 40-year-old" ending at ``end`` describes a person: not when a noun for a
    thing follows ("the 40-year-old oven", "the 150-year-old pier"), whose age says nothing
    of anyone's."""
    span = ctx.doc.char_span(end, len(ctx.text), alignment_mode="expand")
    # past adjectives to the noun they go with: "the 44-year-old Scottish striker"
    after = (next((t for t in span if not t.is_space and t.pos_ != "ADJ"), None)
             if span is not None else None)
    if after is None or after.lower_ in _AGED_PERSON_NOUNS:
        return True
    # a capitalised name or nationality ("the 44-year-old Scot") is a person's; the tagger
    # takes some lower-case things for proper nouns ("waterwheel")
    return after.pos_ not in ("NOUN", "PROPN", "X") or (
        after.pos_ == "PROPN" and after.text[:1].isupper())


# What court copy says right after a name to make its bearer the defendant or the witness:
# "Dean Walsh, 24, who denies murdering ...", "Ann Hale, the nurse charged with ...", "Kwame
# Asante, 33, was giving evidence ...". Within the name's own clause.
# Right after the name, its age or an apposition ("the nurse", not "whose husband ...",
# "the wife of the man ..."): "denied that ...", "is accused of", "whose sister testified"
# in a clause of its own say nothing of the one named.
_AFTER_THE_NAME = (
    r"(?:,\s*\d{1,3}\b|\s*\(\d{1,3}\))?"
    r"(?:,\s*(?:an?|the)\s(?:(?!\b(?:of|who|whose|whom|his|her|their)\b)[^,.;:\"“”]){1,60}?)?")
_TRIAL_PARTIES = {
    "defendant": re.compile(
        _AFTER_THE_NAME
        + r"(?:,?\s+who\s+(?:(?:is|was|has been|had been)\s+(?:charged with|accused of|on trial)"
        r"|denies|has denied|(?:has )?pleaded not guilty)"
        r"|,?\s+(?:charged with|accused of)"
        r"|,?\s+(?:(?:is|was|has been)\s+(?:charged with|accused of|on trial)"
        r"|(?:went|goes) on trial|stands trial|stood trial|(?:has )?pleaded not guilty))\b"),
    "witness": re.compile(
        _AFTER_THE_NAME
        + r",?\s+(?:who\s+)?(?:(?:was |is )?giving evidence|gave evidence"
        r"|(?:has |had )?testified|(?:was |is )?testifying|took the stand)\b"),
}
_TRIAL_PARTIES["accused"] = _TRIAL_PARTIES["defendant"]


def _trial_party(
    written: str, start: int, ctx: Context, persons: list[Entity], person_names: list[str],
) -> str | None:
    """The one person "the defendant" or "the witness" is, by what the article said right
    after naming them outside quotes: "Dean Walsh, 24, who denies murdering ..." is the
    defendant, "Kwame Asante, 33, was giving evidence" the witness; nobody when the article
    said it of none, or of more than one."""
    words = written.lower().split()
    pattern = _TRIAL_PARTIES.get(words[-1]) if words[:1] == ["the"] and len(words) == 2 else None
    if pattern is None:
        return None
    named: set[str] = set()
    for e in persons:
        said = pattern.match(ctx.text, e.end) if e.end <= start else None
        if (said is not None and ctx.in_segment(e.start) is None
                # of this name, not of another between: "X was giving evidence in the trial
                # of Y, who denies ..."
                and not any(e.end < o.start < said.end() for o in persons)
                and not _co_defendant(e, said.end(), ctx, persons)):
            named.add(fullest_or_own(e.text, person_names))
    return named.pop() if len(named) == 1 else None


# One of several on trial: "X and Y, who deny ...", "X is on trial alongside Y"
_JOINED_BEFORE = re.compile(r"(?:\band|\balongside|\bwith)\s+$")
_CLAUSE_END = re.compile(r"[.;\n]")


def _co_defendant(e: Entity, end: int, ctx: Context, persons: list[Entity]) -> bool:
    """Whether the person ``e``, said to be on trial up to ``end``, is said to be so with
    another: joined to a person named before ("..., and Colin Webb, 47, who denies ...")
    or after, up to the end of the clause ("is on trial alongside Ann Lee")."""
    if _JOINED_BEFORE.search(ctx.text, max(0, e.start - 12), e.start):
        return True
    stop = _CLAUSE_END.search(ctx.text, end)
    clause_end = stop.start() if stop else len(ctx.text)
    return any(end <= o.start < clause_end
               and _JOINED_BEFORE.search(ctx.text, max(0, o.start - 12), o.start)
               for o in persons)


# Words for a person already named that say what, not which, they are: "the teenager";
# and nationalities in a singular the recogniser labels unevenly ("the Dutchman").
_EPITHETS = frozenset(
    "teenager youngster veteran debutant newcomer scot dane swede finn pole kiwi aussie brit "
    "dutchman frenchman englishman welshman irishman scotsman dutchwoman frenchwoman "
    "englishwoman welshwoman irishwoman scotswoman".split())
# What a profile calls the performer it is about: '"...," the star says'.
_PERFORMERS = frozenset(
    "star actor actress singer rapper comedian musician songwriter presenter".split())


def _profiled(
    noun: str, start: int, ctx: Context, persons: list[Entity], person_names: list[str],
) -> str | None:
    """The person a profile is about, as its performer epithets mean them ('"...," the actor
    says' beside her brother, who shares her surname): the first person named outside
    quotes, in the headline or the paragraph after it, named more often than anyone else
    so far, and tied to no other role ("director X", "X, the manager"); not when the article
    introduced someone else by the noun ("the band's singer, X", "actor X")."""
    before = [e for e in persons if e.start < start and ctx.in_segment(e.start) is None]
    if not before or ctx.paragraph_of(before[0].start) > 1:
        return None
    names = [fullest_or_own(e.text, person_names) for e in before]
    first = names[0]
    counts = {n: names.count(n) for n in names}
    if (len(first.split()) < 2 or counts[first] < 2
            or any(c >= counts[first] for n, c in counts.items() if n != first)):
        return None
    for e, name in zip(before, names, strict=True):
        said_before = _ROLE_WORD_BEFORE.search(ctx.text, max(0, e.start - 40), e.start)
        said_after = _ROLE_AFTER.match(ctx.text, e.end)
        roles = {m.group(1).lower() for m in (said_before, said_after) if m is not None}
        roles = {r.split()[-1] for r in roles}
        if name != first and noun in roles:
            return None  # someone else is the one called so
        if name == first and roles & _OFFICE_WORDS - {noun}:
            return None  # she is the director, whom "the actor" is not
    return first


# The role word right before a name, after "the", a possessive or a comma: "the band's
# singer, Liam Hart", "director Ana Ruiz".
_ROLE_WORD_BEFORE = re.compile(r"\b([a-z][a-z-]+),? $")
_PROFILED = _PERFORMERS - {"star", "presenter"}


# A player's position, by which match reports call the player they have just named: '"...,"
# the scrum-half told reporters'.
_POSITIONS = frozenset(
    "striker forward winger midfielder defender goalkeeper keeper full-back centre-back "
    "scrum-half fly-half out-half hooker prop lock flanker batter batsman bowler spinner "
    "opener all-rounder wicketkeeper".split())

# Bodies whose members a party word names as many: "the House Republican", "the Senate
# Democrat".
_CHAMBERS = frozenset("House Senate Assembly Congress Party National State".split())
# A party's member is no nationality: "the Republican" may be any of the party's people.
_PARTISANS = frozenset(
    "republican democrat conservative liberal independent progressive socialist tory "
    "labour".split())


def is_epithet(written: str, head: Token) -> bool:
    """Whether ``written`` describes a person the article has named, by what, not which, they
    are: "the Portuguese", "the Dutchman", "the teenager", "the scrum-half", "the Munster
    man", with modifiers before the noun ("the former Scotland midfielder"). A nationality
    only in the singular ("the Germans" are many), and no party ("the Republican")."""
    words = written.split()
    noun = words[-1].lower()  # "scrum-half", of which the parse's head is "half"
    # "the Munster man", "the former Chelsea man": where the person comes from
    from_somewhere = (noun in ("man", "woman") and len(words) in (3, 4)
                      and all(w[0].isupper() or w == "former" for w in words[1:-1]))
    # a party's member from a place is one person: "the Ohio Republican", "the New York
    # Democrat" (not "the House Republican", who is any of them)
    member_from = (noun in ("republican", "democrat") and len(words) in (3, 4)
                   and all(w[0].isupper() and w not in _CHAMBERS for w in words[1:-1]))
    # modifiers before the noun: "the former Scotland midfielder", "the young Swede"
    called = 2 <= len(words) <= 5 and all(_MODIFIER.match(w) for w in words[1:-1]) and (
        noun in _EPITHETS or noun in _POSITIONS or noun in _PERFORMERS
        or (head.ent_type_ == "NORP" and not noun.endswith("s") and noun not in _PARTISANS))
    return words[0].lower() == "the" and words[-1].endswith(head.text) and (
        from_somewhere or called or member_from)


def _epithet(
    written: str, start: int, ctx: Context, persons: list[Entity],
    person_names: list[str], speakers: list[tuple[int, str, str]],
) -> str | None:
    """The person an epithet (:func:`is_epithet`) is: as for an age (:func:`_aged`), the
    one person named or quoted outside quotes since the paragraph before, else the one in
    its own paragraph before it, else the likeliest (:func:`_likeliest`). A team or place in
    the description picks the person it is stated beside, and rules out one tied to another
    (:func:`_beside`)."""
    words = written.split()
    if words[-1].lower() in _PARTY_MEMBERS:
        return _party_member(words, start, ctx, persons, person_names, speakers)
    if len(words) == 2 and words[-1].lower() in _PROFILED:
        # (bare: "the Lincoln actor" is someone else, who plays a part)
        subject = _profiled(words[-1].lower(), start, ctx, persons, person_names)
        if subject is not None:
            return subject
    paragraph = ctx.paragraph_of(start)
    named = [(ctx.paragraph_of(e.start), fullest_or_own(e.text, person_names))
             for e in persons if e.start < start and ctx.in_segment(e.start) is None
             and ctx.paragraph_of(e.start) >= paragraph - 1]
    # a team or place in the description picks the one the article ties to it ("former
    # Scotland midfielder Callum Fraser"), and rules out one it ties to another: "the
    # Chelsea goalkeeper" is not "Arsenal striker Bukayo Saka"
    places = {w for w in words[1:-1] if w[0].isupper()}
    ruled_out: set[str] = set()
    if places:
        stated = {name for _p, name in named
                  if _beside(name, start, ctx, persons, person_names) & places}
        if len(stated) == 1:
            return stated.pop()
        in_reach = {n for _p, n in named} | _quoted_since(
            start, paragraph - 2, ctx, speakers, person_names) | {
            fullest_or_own(e.text, person_names) for e in persons
            if e.start < start and ctx.paragraph_of(e.start) >= paragraph - 2}
        ruled_out = {name for name in in_reach
                     if _beside(name, start, ctx, persons, person_names) - places}
    # the people in reach are those named and those quoted, under a description of their
    # own too ("the 44-year-old said")
    for since in (paragraph - 1, paragraph):
        names = ({name for p, name in named if p >= since} | _quoted_since(
            start, since, ctx, speakers, person_names)) - ruled_out
        if len(names) == 1:
            return names.pop()
    names = ({name for _p, name in named} | _quoted_since(
        start, paragraph - 1, ctx, speakers, person_names)) - ruled_out
    if not names:
        # the paragraph before is all the person's quote ('"...," the 44-year-old said'): the
        # one before it named them
        names = {fullest_or_own(e.text, person_names) for e in persons
                 if e.start < start and ctx.in_segment(e.start) is None
                 and ctx.paragraph_of(e.start) == paragraph - 2} - ruled_out
    if len(names) > 1:
        return _likeliest(start, ctx, persons, person_names, speakers, names)
    return names.pop() if names else None


# How an article states a person's party beside the name: "Republican Sen. Ann Lee", "Ann
# Lee (R-Ohio)", "Ann Lee, a Republican".
_PARTY_MEMBERS = {"republican": "R", "democrat": "D"}
_PARTY_STATED_BEFORE = re.compile(
    r"\b(Republican|Democratic|Democrat|GOP)\b"
    r"(?:[^.;:!?\n]|(?:(?<=Sen)|(?<=Rep)|(?<=Gov)|(?<=Sens)|(?<=Reps))\.){0,30}$")
_PARTY_STATED_AFTER = re.compile(
    r" \(([RD])-([A-Za-z. ]{2,14})\)|, an? (Republican|Democrat|Democratic)\b")


def _stated_party(name: str, start: int, ctx: Context, persons: list[Entity],
                  person_names: list[str]) -> tuple[set[str], set[str]]:
    """The parties ("R", "D") the article states beside a mention of ``name`` before
    ``start``, and the states it abbreviates after them ("(R-S.C.)" -> "S.C.")."""
    parties: set[str] = set()
    states: set[str] = set()
    for e in persons:
        if e.start >= start or fullest_or_own(e.text, person_names) != name:
            continue
        before = _PARTY_STATED_BEFORE.search(ctx.text, max(0, e.start - 40), e.start)
        if before is not None:
            parties.add("R" if before.group(1) in ("Republican", "GOP") else "D")
        after = _PARTY_STATED_AFTER.match(ctx.text, e.end)
        if after is not None and after.group(1):
            parties.add(after.group(1))
            states.add(after.group(2))
        elif after is not None:
            parties.add("R" if after.group(3) == "Republican" else "D")
    return parties, states


def _abbreviates(short: str, place: str) -> bool:
    """Whether ``short`` may abbreviate ``place``: its letters, the first the same, in order
    among the place's ("S.C." South Carolina, "Wis." Wisconsin, "Fla." Florida, "TX" Texas)."""
    letters = [c for c in short.lower() if c.isalpha()]
    rest = iter(c for c in place.lower() if c.isalpha())
    return bool(letters) and letters[0] == place[:1].lower() and all(c in rest for c in letters)


def _party_member(
    words: list[str], start: int, ctx: Context, persons: list[Entity],
    person_names: list[str], speakers: list[tuple[int, str, str]],
) -> str | None:
    """Who "the Ohio Republican" is: of the people named or quoted since the paragraph
    before, the one the article ties to that party or that place, none of another, and no
    one when it ties none or several. Not the nearest person, as for other epithets: a
    party's member from a place is as often one who answers the person just quoted ('"It
    will help workers," Sen. Ann Lee said. "It will not," the Ohio Republican said.')."""
    party = _PARTY_MEMBERS[words[-1].lower()]
    places = set(words[1:-1])
    place = " ".join(words[1:-1])
    paragraph = ctx.paragraph_of(start)
    in_reach = {fullest_or_own(e.text, person_names) for e in persons
                if e.start < start and ctx.in_segment(e.start) is None
                and ctx.paragraph_of(e.start) >= paragraph - 1} | _quoted_since(
        start, paragraph - 1, ctx, speakers, person_names)
    tied = set()
    for name in in_reach:
        parties, states = _stated_party(name, start, ctx, persons, person_names)
        if parties - {party} or (states and not any(_abbreviates(s, place) for s in states)):
            continue  # of another party or state
        if parties or places <= _beside(name, start, ctx, persons, person_names):
            tied.add(name)
    return tied.pop() if len(tied) == 1 else None


def _likeliest(
    start: int, ctx: Context, persons: list[Entity], person_names: list[str],
    speakers: list[tuple[int, str, str]], names: set[str],
) -> str | None:
    """Which of several people just named a description ("the 63-year-old", "the Scot") is:
    in the nearest paragraph (its own, then the two before) that names or quotes one of
    ``names``, the one quoted last there, unless another of them, a full name, is the subject
    of a clause outside quotes there ('Chairman Rupert Vail said the buyer had offered Gwen
    Lusk's crews more. "...," the 63-year-old said.' is Vail's). Otherwise nobody: which of
    two people named ("Cyclist Tom Price died after a car driven by Sarah Lane hit him. '...,'
    the 34-year-old said") a description is, only the article's facts tell, and a guess from
    the grammar (the sentence's subject, the person quoted last) names the wrong one too
    often."""
    paragraph = ctx.paragraph_of(start)
    for p in (paragraph, paragraph - 1, paragraph - 2):
        quoted = [(o, full) for o, n, c in speakers
                  if c == "person" and o < start and ctx.paragraph_of(o) == p
                  and (full := fullest_or_own(n, person_names)) in names]
        here: set[str] = set()
        subjects: set[str] = set()
        for e in persons:
            name = fullest_or_own(e.text, person_names)
            if (e.start >= start or name not in names or ctx.paragraph_of(e.start) != p
                    or ctx.in_segment(e.start) is not None):
                continue
            here.add(name)
            span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
            if (span is not None and span.root.dep_ in ("nsubj", "nsubjpass")
                    and len(name.split()) > 1):
                subjects.add(name)  # (a one-word "person" is often a team: "Rovers sit ...")
        if quoted:
            last = max(quoted)[1]
            return None if subjects - {last} else last
        if here:
            return _headlined(ctx, here)
    return None


def _headlined(ctx: Context, names: set[str]) -> str | None:
    """The one of ``names`` the headline opens with, its subject ("Fraser relishes Rovers
    job", "Callum Fraser: ..."): the person the story is about, whom its descriptions ("the
    44-year-old", "the German") mean, beside another it names in passing. Not one it names
    after the verb ("Rovers sack Brannigan", "Tributes to victim Ellie Price"): what was
    done to someone, whom the story need not describe."""
    if not ctx.paragraphs:
        return None
    hs, he = ctx.paragraphs[0]
    headline = ctx.text[hs:he].strip()
    if headline.endswith((".", "!", "?", '"', "”")) or len(headline.split()) > 16:
        return None  # a lede, not a headline
    words = re.findall(r"[^\W_]+", headline)
    named = {n for n in names
             if words[:1] == n.split()[-1:] or words[:len(n.split())] == n.split()}
    return named.pop() if len(named) == 1 else None


# A team or place tied to a name: capitalised words, then role words only, then the name
# ("Arsenal striker ", "former Scotland midfielder "); or an apposition after it ending in
# a role (", the former Scotland midfielder,").
_ROLE_WORD = (r"(?:former|new|veteran|" + "|".join(sorted(
    _PERSON_ROLES | _POSITIONS | _EPITHETS, key=len, reverse=True)) + r")")
_TIED_BEFORE = re.compile(r"(?:[A-Z][\w-]* )+(?:" + _ROLE_WORD + r" ){1,3}$")
_TIED_AFTER = re.compile(r", (?:the |an? )?((?:[\w-]+ ){0,3}" + _ROLE_WORD + r")[,.]")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")
_ANY_TITLE = _NAME_TITLES | _TITLES


def _beside(
    name: str, start: int, ctx: Context, persons: list[Entity], person_names: list[str],
) -> set[str]:
    """The capitalised words the article ties to a mention of ``name`` before ``start``: a
    team or place right before it with only role words between ("Arsenal striker Bukayo
    Saka", "former Scotland midfielder Callum Fraser"), or in an apposition after it that
    ends in a role ("Callum Fraser, the former Scotland midfielder,")."""
    found: set[str] = set()
    for e in persons:
        if e.start >= start or (fullest_or_own(e.text, person_names)) != name:
            continue
        before = _TIED_BEFORE.search(ctx.text, max(0, e.start - 60), e.start)
        if before is not None:
            found |= set(_CAPITALISED.findall(before.group()))
        after = _TIED_AFTER.match(ctx.text, e.end)
        if after is not None:
            found |= set(_CAPITALISED.findall(after.group(1)))
    return {w for w in found if w.lower() not in _ANY_TITLE}


def _quoted_since(
    start: int, paragraph: int, ctx: Context, speakers: list[tuple[int, str, str]],
    person_names: list[str],
) -> set[str]:
    """The people quoted from paragraph ``paragraph`` on, before ``start``."""
    return {fullest_or_own(n, person_names) for o, n, c in speakers
            if c == "person" and o < start and ctx.paragraph_of(o) >= paragraph}


# A word that may stand between "the" and an epithet: a team or country ("the Scotland
# midfielder"), an age, or a few adjectives of standing.
_MODIFIER = re.compile(
    r"[A-Z][\w'’.-]*$|\d{1,3}-year-old$|(?:former|ex|new|young|veteran|experienced|"
    r"teenage|retired|current|long-serving|in-form|one-time)$")


# Role nouns a title or apposition may name in other words: "a First Nations leader" is
# "Chief Marlene Cardinal".
_SAME_ROLE = {"leader": frozenset({"leader", "chief", "head"})}


def _named_next(
    head: Token, written: str, ctx: Context, persons: list[Entity], person_names: list[str],
) -> str | None:
    """The person the next sentence opens with when it names the same role: '"...," a
    tribal leader said. Rosa Whitehorse, leader of the Blue Lake Band, said ...' or 'Chief
    Rosa Whitehorse of the Blue Lake Band ...'."""
    noun = head.lower_
    if head.pos_ != "NOUN" or head.tag_ != "NN" or written.split()[0].lower() not in ("a", "an"):
        return None
    doc = ctx.doc
    opening = next((t for t in doc[head.sent.end:] if not t.is_space), None)
    if opening is None:
        return None
    roles = _SAME_ROLE.get(noun, frozenset({noun}))
    for e in persons:
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or span.start < opening.i or span.sent.start != opening.sent.start:
            continue
        # only titles between the sentence's start and the name
        titles = doc[opening.i:span.start]
        if any(t.pos_ != "PROPN" for t in titles) or len(titles) > 2:
            return None
        named_as = [t.lower_ for t in titles] + [
            c.lower_ for c in span.root.children if c.dep_ == "appos"]
        if ctx.in_segment(e.start) is None and roles & set(named_as):
            return fullest_or_own(e.text, person_names)
        return None
    return None


# A name opening a paragraph with an age after it: "Kwame Asante, 33, was giving evidence".
_AGE_AFTER = re.compile(r", \d{1,3},")
# A role or a relative clause in apposition after that age: "Ann Lee, 67, who chairs ...".
_OTHER_ROLE = re.compile(r" ((?:a|an|the|who|whose|its|his|her|their) [^,.;]*)")
# Roles a story holds unnamed in its lede's subject with "the" till the next paragraph
# names the one of a hearing or an appointment: "The nominee to lead the agency ...".
_HEARD_ROLES = frozenset({"nominee", "candidate", "appointee", "pick"})


def _named_after_lede(
    head: Token, written: str, start: int, ctx: Context, persons: list[Entity],
    person_names: list[str],
) -> str | None:
    """The person the paragraph after the lede introduces by name and age, for the one the
    lede brings in unnamed: "A nightclub doorman told a murder trial that ..." then "Kwame
    Asante, 33, was giving evidence ...", as news copy names its subject a paragraph late;
    and "the doorman" after the lede. Only for "a"/"an" and a singular role in the lede (the
    first paragraph that ends a sentence), or "the" and that role later, and only with the
    age that marks the introduction."""
    words = written.lower().split()
    if head.pos_ != "NOUN" or head.tag_ != "NN" or words[0] not in ("a", "an", "the"):
        return None
    ends = [ctx.text[ps:pe].rstrip("\"'”’ ").endswith((".", "!", "?"))
            for ps, pe in ctx.paragraphs]
    p = ends.index(True) if True in ends else len(ends)  # the lede
    if words[0] == "the":
        # "the doorman" later on: the lede's "a nightclub doorman"
        lede = ctx.doc.char_span(*ctx.paragraphs[p], alignment_mode="expand") if p < len(
            ends) else None
        # or the lede's subject, with "the" for a role the story is about: "The nominee to
        # lead the agency defended her record ..." then "Vera Lind, 54, told the committee"
        if len(words) != 2 or ctx.paragraph_of(start) <= p or lede is None or not any(
                t.lower_ == head.lower_ and any(
                    d.lower_ in ("a", "an") or (
                        d.lower_ == "the" and t.dep_ == "nsubj" and t.lower_ in _HEARD_ROLES)
                    for d in t.children)
                for t in lede):
            return None
    elif ctx.paragraph_of(start) != p:
        return None
    if p + 1 >= len(ctx.paragraphs):
        return None
    opening = ctx.paragraphs[p + 1][0]
    named = next((e for e in persons if e.start == opening), None)
    if named is None or (aged := _AGE_AFTER.match(ctx.text, named.end)) is None:
        return None
    # not one given another role by the same stroke: "Daniel Okoro, 34, a fruit seller, was
    # among the dead" after "The gunman ...", "Ann Lee, 67, who chairs the committee"
    other = _OTHER_ROLE.match(ctx.text, aged.end())
    if other is not None and head.lower_ not in other.group(1).lower().split():
        return None
    return fullest_or_own(named.text, person_names)


def _author(head: Token, inside: list[Entity]) -> Entity | None:
    """The organisation named in a ``by``/``from`` complement of a common noun ("a report
    by the ministry", "figures from the Census Bureau")."""
    if head.pos_ != "NOUN":
        return None
    # "the lawmaker from Isfahan", "a farmer from Kedah": where a person comes from
    froms = ("by",) if head.lower_ in _FROM_PERSONS else ("by", "from")
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ in froms:
            # a person from a place is from where, not by whom: "the senator from Ohio", "a
            # delegate from Texas" (not "a statement from Kenya")
            after = [e for e in inside if e.start > prep.idx and not (
                prep.lower_ == "from" and e.label in ("GPE", "LOC", "FAC")
                and head.lemma_.lower() not in DOCUMENT_NOUNS | SPEECH_NOUNS)]
            if after:
                return min(after, key=lambda e: e.start)
    return None


# Participles whose agent paid for, obtained or judged a text, not wrote it: "research
# supported by the Wildlife Trust", "a memo obtained by the Herald".
_NOT_AUTHORING = frozenset(
    "support fund back sponsor finance underwrite obtain see review cite criticize criticise "
    "reject dispute leak read examine quote welcome praise commission pay".split())


def _agent(head: Token, entities: list[Entity]) -> Entity | None:
    """Who filed, released or wrote a text the speaker is, named after its participle's
    "by", which the speaker's phrase leaves out: "according to a court filing submitted by
    city attorney Mara Quill", "audio provided by Radio Kestrel". The text only carries the
    words; PolNeAR's annotators name its author as the source."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    for participle in head.rights:
        if (participle.dep_ != "acl" or participle.tag_ != "VBN"
                or participle.lemma_.lower() in _NOT_AUTHORING):
            continue
        for by in participle.children:
            if by.dep_ != "agent":
                continue
            for obj in by.children:
                if obj.dep_ != "pobj":
                    continue
                # the name the object's phrase holds: "city attorney Mara Quill"
                first, last = obj.left_edge.idx, obj.idx + len(obj.text)
                named = [e for e in entities if first <= e.start and e.end <= last
                         and e.label in ("PERSON", "ORG")]
                if named:
                    return max(named, key=lambda e: (e.label == "PERSON", e.end))
    return None


def _bound_subject(
    pronoun: str, token: int | None, ctx: Context, persons: list[Entity],
    person_names: list[str], coref: Coreference,
) -> str | None:
    """The person a "he" or "she" speaker is bound to by the sentence: the subject of the
    clause its verb depends on ("Finlay is relieved, though she says ..."), when the gender
    the article states does not clash."""
    gender = PERSONAL_PRONOUNS.get(pronoun)
    if gender is None or token is None:
        return None
    verb = ctx.doc[token].head
    if verb.dep_ not in ("advcl", "conj") or verb.head.i >= verb.i:
        return None
    subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or ctx.in_segment(subjects[0].idx) is not None:
        return None
    at = subjects[0].idx
    named = [e for e in persons if e.start <= at < e.end]
    if not named:
        return None
    name = fullest_or_own(named[0].text, person_names)
    return name if coref.genders.get(name, gender) == gender else None


_TITLE_GENDERS = {
    **dict.fromkeys("queen princess duchess empress countess baroness".split(), "f"),
    **dict.fromkeys("king prince duke emperor count baron pope pontiff".split(), "m")}


def _title_before(
    pronoun: str, token: int | None, ctx: Context, persons: list[Entity],
) -> str | None:
    """The holder of a title given alone as the subject of the sentence before a "he" or
    "she" in the same paragraph, no one named between: "The pontiff also sent a message to
    Lebanon. '...,' he said." is the Pope named with the title earlier."""
    if pronoun not in ("he", "she") or token is None:
        return None
    it = ctx.doc[token]
    before = _sentence_before(it, ctx)
    if before is None:
        return None
    subject = next((c for c in before.root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.ent_type_:
        return None
    written = ctx.text[subject.left_edge.idx:subject.idx + len(subject.text)]
    gender = phrase_gender(written) or _TITLE_GENDERS.get(subject.lower_)
    if any(subject.idx < e.start < it.idx and ctx.in_segment(e.start) is None
           for e in persons) or gender not in (
            None, PERSONAL_PRONOUNS[pronoun]):
        return None  # someone named since, or "the Queen ... he said"
    return _title_holder(written, ctx.text[:subject.left_edge.idx], unique=True)


def _last_token_before(doc: Doc, offset: int) -> Token | None:
    """The last token, spaces aside, that ends at ``offset`` or before, looked up from the
    token at ``offset`` back rather than by a walk over the whole document."""
    at = doc.char_span(offset, offset + 1, alignment_mode="expand") if offset < len(
        doc.text) else None
    i = (at.start if at is not None else len(doc)) - 1
    while i >= 0 and (doc[i].is_space or doc[i].idx + len(doc[i].text) > offset):
        i -= 1
    return doc[i] if i >= 0 else None


def _introduced_before(
    pronoun: str, start: int, ctx: Context, persons: list[Entity], person_names: list[str],
    coref: Coreference,
) -> str | None:
    """The person a "he" or "she" right after a quote that opens its sentence ('"...," she
    said') is, when the sentence before, in the same paragraph and with no quote of its own,
    has that person for its subject, named or in apposition ("Aila Munro, 34, runs the
    cafe.", "Her neighbour, Morag Innes, sells bait."): a reader takes the one just
    introduced, not whoever was quoted last. Not when the gender the article states
    clashes."""
    gender = PERSONAL_PRONOUNS.get(pronoun)
    if gender is None:
        return None
    text = ctx.text
    quote = next((seg for seg in reversed(ctx.segments) if seg.end <= start), None)
    if quote is None or text[quote.end:start].strip(" ,") or (
            text[quote.start:quote.end].count("\n")):
        return None
    last = _last_token_before(ctx.doc, quote.start)
    if last is None:
        return None
    sent = last.sent
    # the quote opens its sentence, in the same paragraph as the one before
    if (text[sent.end_char:quote.start].strip() if sent.end_char <= quote.start else "x") or (
            ctx.paragraph_of(sent.start_char) != quote.paragraph):
        return None
    if any(ctx.in_segment(t.idx) is not None for t in sent):
        return None  # a sentence with a quote of its own has its own speaker
    subjects = [c for c in sent.root.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or sent.root.lemma_.lower() in _BEFALLEN:
        return None  # "Nurse Joy Banda died in April": whom the speaker mourns, not who speaks
    subject = subjects[0]
    opens = ctx.paragraphs[quote.paragraph][0] >= sent.start_char
    if any(c.dep_ == "poss" for c in subject.children) and not opens:
        # "Laura Mills said ... Her husband, Tom Mills, was laid off": the speaker's kin; a
        # paragraph that opens on "Her neighbour, Morag Innes, ..." brings her in
        return None
    heads = [subject] + [c for c in subject.children if c.dep_ == "appos"]
    named = {generation_of(text, e.start, e.end, persons) or fullest_or_own(e.text, person_names)
             for e in persons for h in heads if e.start <= h.idx < e.end}
    unlabelled = _unlabelled_person(subject) if not named else None
    if unlabelled is not None:
        named = {fullest_or_own(unlabelled, person_names)}
    if len(named) != 1:
        return None
    name = named.pop()
    if name in coref.things:
        return None  # "His new album, Low Season, sold out.": a thing, not who "he" is
    # '"She loves that coat," she said': a quote that speaks of the one introduced in the
    # third person is someone else's
    if _THIRD_PERSON[gender].search(text, quote.start, quote.end):
        return None
    stated = coref.genders.get(name) or first_name_gender(name)
    return name if stated in (None, gender) else None


def _unlabelled_person(subject: Token) -> str | None:
    """The person a subject the recogniser gave no label at all names: two capitalised
    words or more after any title in capitals ("Ghanaian DJ Kwabena Asante"). Not a surname
    it read as a body ("Webb said" after "Marcus Webb"): taking those cost PolNeAR train
    speakers whose references name someone else."""
    if subject.pos_ != "PROPN" or subject.ent_type_:
        return None
    run = [subject]
    while run[0].i > 0 and (left := subject.doc[run[0].i - 1]).head.i == subject.i and (
            left.dep_ == "compound" and left.pos_ == "PROPN" and not left.ent_type_):
        run.insert(0, left)
    words = [t.text for t in run]
    while words and (words[0].isupper() or words[0].lower().rstrip(".") in HONOURS):
        words.pop(0)
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    # the name without a title before it: "Councillor Mairead Nolan" is Mairead Nolan
    return _titled_name(" ".join(words)) or " ".join(words)


# What befalls someone, whom the next quote is about rather than by.
_BEFALLEN = frozenset("die kill injure wound hurt shoot stab arrest".split())
_THIRD_PERSON = {
    "f": re.compile(r"\b(?:[Ss]he|[Hh]er|[Hh]ers|[Hh]erself)\b"),
    "m": re.compile(r"\b(?:[Hh]e|[Hh]im|[Hh]is|[Hh]imself)\b"),
}


def _asked_person(
    pronoun: str, token: int | None, ctx: Context, persons: list[Entity],
    person_names: list[str], coref: Coreference, content: tuple[int, int] | None,
) -> str | None:
    """Who answers the question just put to them: 'A reporter asked Ada Lind, "Will you
    run?" / "Not this year," she replied.' The person asked (the object of "ask" in the
    question's sentence), when the question is the last quote before the answer's paragraph
    and ends its sentence ('... asked Lind, "Did you know?" and turned to the chair.' goes on
    with the asker), the answer's verb does not go on with the asker's words ("he added"), and the
    gender the article states does not clash."""
    gender = PERSONAL_PRONOUNS.get(pronoun)
    if gender is None or token is None or content is None:
        return None
    if ctx.doc[token].head.lemma_.lower() in _GOING_ON:
        return None
    # the answer opens a paragraph of its own; all its quotes answer
    answer = ctx.paragraphs[ctx.paragraph_of(ctx.doc[token].idx)][0]
    before = [seg for seg in ctx.segments if seg.end <= min(content[0], answer)]
    if not before or "?" not in ctx.text[before[-1].start:before[-1].end]:
        return None
    question = before[-1]
    span = ctx.doc.char_span(question.start, question.end, alignment_mode="expand")
    if span is None or re.search(r"\w", ctx.text[question.end:span.sent.end_char]):
        return None
    for verb in span.sent:
        if (verb.lemma_.lower() != "ask" or verb.pos_ != "VERB" or verb.idx >= question.start
                or ctx.in_segment(verb.idx) is not None):
            continue
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            named = [e for e in persons if e.start <= obj.idx < e.end]
            # (or a proper name the recogniser read as no person's here, "asked Montoya-Lewis"
            # as a body's, that a person's name the article gives holds: "Raquel
            # Montoya-Lewis")
            first = min([c.i for c in obj.lefts if c.dep_ in ("compound", "flat")
                         and c.pos_ == "PROPN"] + [obj.i])
            written = ctx.doc[hyphenated_word(ctx.doc[first])[0]:hyphenated_word(obj)[1] + 1
                              ].text if obj.pos_ == "PROPN" else ""
            full = (fullest_name(written.split(), person_names)
                    if written and not named and all(
                        w[:1].isupper() for w in written.split()) else None)
            if named or full is not None:
                name = fullest_or_own(named[0].text, person_names) if named else full
                assert name is not None
                return name if coref.genders.get(name, gender) == gender else None
    return None


# Verbs of a speaker going on with their own words, not answering someone else's.
_GOING_ON = frozenset({"add", "continue", "go", "ask", "press", "repeat", "insist"})


def _by_rule(
    lower: str,
    start: int,
    token: int | None,
    ctx: Context,
    person_mentions: list[tuple[int, str]],
    person_names: list[str],
    speakers: list[tuple[int, str, str]],
) -> tuple[str | None, str | None]:
    """The rules' reading of a pronoun (package docstring)."""
    if lower in _HE_SHE:
        said = [(o, n) for o, n, c in speakers if c == "person" and o < start]
        mentioned = [(o, n) for o, n in person_mentions if o < start]
        sent_start = ctx.doc[token].sent.start_char if token is not None else start
        # a person named earlier in the same sentence ("Trump told them he ..."), else the
        # last person quoted, else the last person mentioned
        candidates = [m for m in mentioned if m[0] >= sent_start] or said or mentioned
        if not candidates:
            return None, None
        name = max(candidates)[1]
        return fullest_or_own(name, person_names), "person"
    wanted = {"org", "plural"} if lower in _THEY else {"org"}
    found = [(o, n) for o, n, c in speakers if c in wanted and o < start]
    return (max(found)[1], None) if found else (None, None)
