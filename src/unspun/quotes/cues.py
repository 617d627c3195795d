"""Speech cues and attributions: what reports speech, which quote it goes with, who speaks.

A cue is a speech verb (:data:`SPEECH_VERBS`, by lemma), ``according to``, "point out", or a
noun such as "statement" handing over with a colon (:data:`SPEECH_NOUNS`). This module finds
the cues of a paragraph, picks the one a quote belongs to (same sentence, nearest; or the
clause handing over with a colon), reads the speaker off the parse as written (the cue's
subject and its noun phrase, as an :class:`Attribution`), and cuts the content of reported
speech out of a cue's complement (:func:`indirect_content`). Naming the speaker is left to
:mod:`unspun.quotes.speakers`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from unspun.quotes.kinds import DOCUMENT_NOUNS
from unspun.quotes.segments import CLOSING_MARKS, Context, Segment, outside_text, word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "claim", "report", "state", "warn", "add", "note", "explain", "argue",
        "insist", "announce", "declare", "suggest", "acknowledge", "admit", "deny", "write",
        "tweet", "reply", "respond", "comment", "remark", "stress", "emphasize", "emphasise",
        "predict", "promise", "vow", "pledge", "assert", "allege", "contend", "recall",
        "reveal", "confirm", "concede", "complain", "testify", "observe", "maintain",
        "caution", "answer", "ask", "boast", "quip", "joke", "recount", "lament", "conclude",
        "mention", "charge", "counter", "retort", "scoff", "speculate", "continue", "urge",
        "threaten", "blog", "post", "describe", "accuse", "indicate",
        # the gossip column's manner of speaking: '"...," she purred', 'he cooed'
        "purr", "coo",
        # a senator "objected that" a bill did not say, or "proposed that" it should
        "object", "propose",
        # a crowd's slogan: 'Protesters chanted "Referendum! Referendum!"'
        "chant",
        # a governor "assured residents that" there would be no shortages
        "assure",
        # copy translated from French or Portuguese: "préciser", "affirmer" ("the minister
        # specified that", '"...," he affirmed')
        "specify", "affirm",
    }
)
"""Lemmas of verbs that report speech or a statement."""

SPEECH_NOUNS: frozenset[str] = frozenset(
    {"statement", "release", "announcement", "communique", "tweet", "post", "interview"}
)
"""Nouns that introduce a quote when the paragraph hands over to it with a colon."""

_READ_TEXTS = SPEECH_NOUNS | frozenset(
    {"letter", "note", "message", "notice", "sign", "banner", "memo", "email", "document",
     "report", "filing", "complaint", "lawsuit", "comment", "caption", "reply", "headline",
     "placard", "text"})

# Texts whose author a relative clause on them ("a video that said") reports.
_AUTHORED_TEXTS = _READ_TEXTS | frozenset(
    {"video", "piece", "article", "column", "editorial", "ad", "advertisement", "book",
     "paper", "study", "survey", "poll"})

# "continue" and "post"/"describe"/"accuse" are speech only when they introduce a quote or a
# clause; as cues of indirect speech they pick up too many ordinary uses ("chant" too: a
# crowd's slogan is quoted, "chanted slogans" reports none).
_INDIRECT_ONLY_WITH_DIRECT = frozenset(
    {"continue", "post", "describe", "accuse", "urge", "chant"})

_FINDING_VERBS = frozenset({"find", "show"})
_FINDING_TEXTS = frozenset(
    "report study survey poll figures data analysis research review audit findings documents "
    "papers emails filings memo memos bulletin bulletins paper document".split())
# Verbs of a turn in a debate or a row, which report speech only right after the quote they
# close ('"That is simply not—" Dalton began.', '"Let me finish," Romero cut in.'); "cut",
# "chime" and "break" with their "in", "go" with its "on" ('"I am shocked," she went on.').
_TURN_PARTICLE = {"cut": "in", "chime": "in", "break": "in", "go": "on"}
_TURN_VERBS = frozenset({"begin", "start", "interrupt", "interject"}) | frozenset(_TURN_PARTICLE)
# A song's words are the singer's: a review's lyrics, right before the verb as a turn's are
# ('"...," she sings', '"...," Marsh croons'); not a song sung or its title ("singing 'It's
# Our Time'", "sings Springsteen's 'American Skin' to Clinton").
_LYRIC_VERBS = frozenset({"sing", "rap", "croon"})

# Verbs whose object is whom the words were for or about: in the passive their subject heard
# or was accused, and spoke no words ("they were warned", "he was charged").
_ADDRESSED_VERBS = frozenset(
    "tell ask warn urge charge accuse promise threaten caution remind inform advise "
    "question interview".split())

_ADVICE_VERBS = frozenset({"advise", "recommend", "suggest"})
_PROMISE_VERBS = frozenset({"promise", "pledge", "vow", "threaten", "tell", "urge", "warn"})

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Verbs that make their object do the infinitive after it: "led X to say", "prompted X to".
# Only verbs that say the speaking happened: "pressed X to announce" says it did not yet.
_CAUSING_VERBS = frozenset(
    "lead prompt cause force drive spur move compel provoke convince inspire".split())
# Verbs of perceiving whose object does what a bare verb after it says: "voters watch the
# senator argue that ...", "we heard the mayor say ...".
_PERCEIVING_VERBS = frozenset("watch see hear".split())
# Pronouns that stand in for a source named elsewhere.
_STAND_IN_PRONOUNS = frozenset({"he", "she", "they", "it"})
_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}")
_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod"})
# A sentence ends after a lower-case word, a number or a closing mark; "Rev. Peter", "U.S.
# Senate", "Mr. Obama" and "Gov. Kasich" do not end one.
# So does an acronym without inner stops ("according to ANI. The"); "U.S. Senate" does not.
_SENTENCE_END = re.compile(
    r"(?:([A-Za-z]*[a-z]{2,}|\b[A-Z]{2,})|\d|[)”\"’])[.!?][)”\"’]?\s+[A-Z“\"]")
_ABBREVIATIONS = frozenset(
    "gov sen rep mrs rev gen col capt sgt adm prof supt det insp cmdr maj cpl pvt hon esq ave"
    " brig lt"
    .split()
)


def ends_sentence(text: str) -> bool:
    """Whether a sentence ends within ``text`` (an abbreviated title ends none)."""
    return any(m.group(1) is None or m.group(1).lower() not in _ABBREVIATIONS
               for m in _SENTENCE_END.finditer(text))
_STRIP = " \t\n,;:—–-"


@dataclass
class Attribution:
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    confidence: float
    speaker_token: int | None = None


def _char_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _phrase(tok: Token) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``tok``: its modifiers, an appositive name,
    an ``of``/``for``/``at`` complement ("the spokesman of the ministry"), and the author of
    a text ("a report by the ministry")."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in _LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nmod") and child.i == right + 1:
            right = child.right_edge.i
        elif child.dep_ == "appos" and (
                child.ent_type_ == "PERSON" or is_bare_name(child)
                # a name right after the kind of body it names: "rights group Karapatan"
                or (child.i == right + 1 and child.pos_ == "PROPN" and tok.pos_ == "NOUN")
                or _kin_by_first_name(tok, child)):
            right = max(right, child.i)
            for grandchild in child.lefts:
                left = min(left, grandchild.i) if grandchild.i < left else left
            right = max(right, max((c.i for c in child.rights if c.dep_ in ("compound", "flat")),
                                   default=right))
        elif (
            child.dep_ == "prep"
            and (child.lower_ in ("of", "for", "at", "with")
                 or (child.lower_ in ("by", "from") and tok.pos_ == "NOUN"))
            and child.i == right + 1
        ):  # "a tally by the Associated Press" names its author
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and not any(
                t.pos_ in ("VERB", "AUX") or t.text == "," for t in objects[0].subtree
            ):
                right = objects[0].right_edge.i
            elif objects and objects[0].pos_ == "PROPN" and (
                    objects[0].ent_type_ != "PERSON" or tok.pos_ == "NOUN"):
                # "the candidate for Eastgate, Mariam Yusuf,": the parse hangs the role's
                # name on the place or body it is for (which the recogniser may call a
                # person: "the member for Eastbrook, Gareth Lowe,")
                names = [c for c in objects[0].rights if c.dep_ == "appos"
                         and (c.ent_type_ == "PERSON" or is_bare_name(c))]
                if names:
                    right = max(c.i for c in names[0].subtree if not c.is_punct)
                elif _set_off_name(objects[0]):
                    # "the authority's head of legal, Grace Wanjiku,": the parse makes the
                    # name the object and the role's last word its modifier
                    right = objects[0].right_edge.i
    doc = tok.doc
    if (tok.lower_ == "year" and right == tok.i and right + 2 < len(doc)
            and doc[right + 1].text == "-" and doc[right + 2].lower_ == "old"):
        # "the 31-year-old said": the parse splits the age from its "old" and its article
        right += 2
        if left > 0 and doc[left - 1].lower_ in ("the", "a", "an"):
            left -= 1
    # a hyphenated word the parse broke up ("vice-chancellors", "ex-minister") is one word
    left, right = hyphenated_word(doc[left])[0], hyphenated_word(doc[right])[1]
    # a bracket closed inside is not the phrase's ('said (sagte) Chancellor X': the gloss)
    left = max([left] + [t.i + 1 for t in doc[left:tok.i] if t.text == ")"])
    # a live blog's timestamp ("22:40 The candidate ...") opens the paragraph, not the phrase
    while left < right and (doc[left].is_punct or _CLOCK.fullmatch(doc[left].text)):
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right


# Kin a person is named after by first name alone: "his first wife, Ivana, said".
_KIN_NOUNS = frozenset(
    "wife husband son daughter mother father brother sister widow widower fiance fiancee "
    "fiancé fiancée girlfriend boyfriend grandson granddaughter grandmother grandfather "
    "stepson stepdaughter stepmother stepfather niece nephew aunt uncle cousin".split())
# What a single capitalised word in apposition to kin may be read as, and still be a name.
_NAME_LABELS = frozenset({"", "PERSON", "ORG"})
# Titles set off after kin as a person's name would be ("Okonjo's uncle, Chief, said"): no
# first name, and no person the article brings in (speakers' titles skip them too). Not
# "Junior", a name as often as a title.
_TITLES_AFTER_KIN = frozenset(
    "mr mrs ms miss madam mdm dr doctor prof professor sir dame lord lady baroness president "
    "senator governor mayor councillor minister secretary general colonel captain judge "
    "justice rev reverend chief chairman deputy speaker leader ambassador premier chancellor "
    "aunty auntie uncle senior elder sheikh sheik emir rabbi ayatollah imam sultan mufti pope "
    "king queen duke duchess cardinal bishop archbishop pastor".split())


def _kin_by_first_name(kin: Token, name: Token) -> bool:
    """Whether ``name`` is one capitalised word set off by commas after a kin noun, the
    first name of the relative ("Marlow's first wife, Ivana, had claimed ..."), which the
    recogniser may read as no person's name, or as a body's."""
    doc = kin.doc
    return (kin.pos_ == "NOUN" and kin.lemma_.lower() in _KIN_NOUNS and name.pos_ == "PROPN"
            and name.text[:1].isupper() and name.ent_type_ in _NAME_LABELS
            and name.lower_.rstrip(".") not in _TITLES_AFTER_KIN
            and not any(True for _ in name.children)
            and name.i == kin.i + 2 and doc[kin.i + 1].text == ","
            and name.i + 1 < len(doc) and doc[name.i + 1].text == ",")


def phrase_chars(tok: Token) -> tuple[int, int]:
    """The ``[start, end)`` characters of the noun phrase headed by ``tok`` (:func:`_phrase`)."""
    return _char_span(tok.doc, *_phrase(tok))


def hyphenated_word(tok: Token) -> tuple[int, int]:
    """The first and last token of the word ``tok`` is part of, hyphens typed without spaces
    joining its parts ("vice", "-", "chancellors"), which the parse may read as three words."""
    doc = tok.doc
    first = last = tok.i
    while (last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_
           and not doc[last + 1].whitespace_ and doc[last + 2].is_alpha):
        last += 2
    while (first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_
           and not doc[first - 1].whitespace_ and doc[first - 2].is_alpha):
        first -= 2
    return first, last


def _set_off_name(tok: Token) -> bool:
    """Whether the phrase of ``tok`` ends in proper nouns set off by commas, two or more."""
    doc = tok.doc
    commas = [c for c in tok.lefts if c.text == ","]
    after = tok.right_edge.i + 1
    if not commas:
        return False
    name = doc[commas[-1].i + 1:after]
    return (len(name) >= 2 and all(t.pos_ == "PROPN" for t in name)
            and after < len(doc) and doc[after].text == ",")


# Honours and forms of address around a name ("Rt Hon Julia Penrose MP").
HONOURS = frozenset(
    "rt hon honourable right mp mep msp ms mla td qc kc obe mbe cbe kbe frs".split()
)


def unbracketed(tok: Token) -> list[Token]:
    """The words of the phrase headed by ``tok`` outside brackets."""
    words: list[Token] = []
    depth = 0
    for t in tok.subtree:
        depth += t.text == "("
        if depth == 0:
            words.append(t)
        depth -= t.text == ")" and depth > 0
    return words


def is_bare_name(tok: Token) -> bool:
    """Whether the phrase headed by ``tok`` is nothing but proper nouns, two of them not
    honours: an appositive name the entity recogniser missed ("Rt Hon Julia Penrose MP"),
    a party in brackets after it left aside ("Ewan Baird (Ind)")."""
    words = unbracketed(tok)
    return bool(words) and all(t.pos_ == "PROPN" for t in words) and sum(
        t.lower_.rstrip(".") not in HONOURS for t in words) >= 2


def _set_off_speaker(ctx: Context, cue: Token) -> Token | None:
    """The speaker of a cue with no subject that the parse hangs on the reported clause
    (parataxis): "The buyer would face questions, a banker who works on deals said,
    speaking ...". The parse makes the speaker, set off by a comma right before the cue, an
    appositive of the clause's last noun."""
    if cue.dep_ != "parataxis":
        return None
    doc = cue.doc
    return next((t for t in cue.head.subtree if t.dep_ == "appos"
                 and t.pos_ in ("NOUN", "PROPN") and t.right_edge.i == cue.i - 1
                 and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
                 and ctx.in_segment(t.idx) is None), None)


# The participles a reply or a speech opens with ("Replying, the minister, Baroness X,
# said"), which the parse may tag a noun: a closed list, since any "-ing" word opening the
# sentence took surnames too ("Manning, the quarterback, said", "Sterling, the owner, said").
_OPENING_PARTICIPLES = frozenset(
    "replying responding answering speaking writing commenting addressing opening closing "
    "concluding summing winding introducing explaining reacting testifying intervening "
    "moving seconding echoing".split())


# Verbs by which one puts out a text of one's own: "releasing a statement that ...".
_RELEASING_VERBS = frozenset(
    "release issue publish post put send circulate distribute write file tweet".split())


def _subject(ctx: Context, cue: Token) -> Token | None:
    """Who performs the speech act of ``cue``, following participles and conjuncts upward."""
    if _in_own_words(cue) or _for_the_named(cue):
        return _words_owner(cue)
    tok: Token | None = cue
    if (cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.dep_ == "ccomp"
            and is_cue(cue.head.head) and cue.head.head.i < cue.i and not is_cue(cue.head)):
        # "X said the treaty had no clause, adding: ...": the parse hangs the participle
        # on the reported clause, but X does the adding (not so '"...," Y added, saying')
        tok = cue.head.head
    elif (cue.dep_ == "advcl" and cue.tag_ == "VBG" and cue.head.dep_ == "acl"
          and cue.i > 0 and cue.doc[cue.i - 1].text == ","
          and _marked_that(cue.head)
          and cue.head.head.dep_ == "dobj" and cue.head.head.head.pos_ == "VERB"):
        # "X denied the notion that a merger is coming, explaining that ...": the parse hangs
        # the participle on the clause of the noun X denied; X does the explaining
        tok = cue.head.head.head
    if (cue.lemma_.lower() == "add" and cue.tag_ == "VBG" and cue.i == cue.sent.start > 0
            # (the parse may hang it on the quote's verb)
            and (cue.dep_ == "ROOT" or ctx.in_segment(cue.head.idx) is not None)
            and not any(c.dep_ in _SUBJECT_DEPS for c in cue.children)):
        # '... X stated that the report "wasn't good." Adding, "..."': a sentence of its own
        # that goes on with what the sentence before reported: its speaker adds, not the
        # subject of what was reported ("X said the report was bad. Adding, ...") nor a
        # speaker that sentence reports ("X said Y told him ...", "..., X said of the vote
        # that Y announced"): the subject of its outermost verb of saying
        before = cue.doc[cue.sent.start - 1].sent
        speakers = [t for t in before if t.dep_ in _SUBJECT_DEPS and is_cue(t.head)
                    and ctx.in_segment(t.idx) is None and ctx.in_segment(t.head.idx) is None]
        outermost = min(speakers, key=lambda t: len(list(t.head.ancestors)), default=None)
        if outermost is not None and outermost.head.dep_ in ("relcl", "acl"):
            # "Tom Reyes met Mary Hall, who said the deal was off": the relative's noun
            # speaks, not "who"; a side clause ("The plan, which Hall said was dead, was
            # revived by Reyes") is no speaker of the sentence
            return (_person_of_role(outermost.head.head)
                    if outermost.tag_ == "WP" and outermost.head.dep_ == "relcl" else None)
        return outermost
    head = cue.head
    if _ends_quote_sentence_as_object(cue) and _misread_verb(cue):
        return head.head  # the text the preposition hangs on: "a report from May 2022"
    if cue.pos_ == "NOUN" and _noun_phrase_after_quote(cue):
        # '"...," the decision states.': the subject is the last of the noun's modifiers
        nouns = [c for c in cue.lefts if c.pos_ in ("NOUN", "PROPN")]
        if nouns:
            return nouns[-1]
    if (cue.tag_ == "VBG" and cue.dep_ in ("acl", "conj") and head.pos_ == "NOUN"
            and head.dep_ not in _SUBJECT_DEPS and not head.ent_type_
            and head.lemma_.lower() not in _AUTHORED_TEXTS):
        # "X was heard on a microphone telling Y ...", "X ended with a reference to the
        # film, remarking ...": the participle hangs on a thing in X's clause, not on who
        # speaks
        above = _subject_above(ctx, cue)
        if above is not None:
            return above
    for _ in range(6):
        assert tok is not None
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    return _object_of_to(to)
            return None
        if (tok.pos_ == "NOUN" or tok.pos_ == "PROPN") and not _misread_verb(tok):
            if tok.i != cue.i and tok.pos_ == "NOUN":
                # "Her daughter Gemma, 45, posted ...", the parse hanging the cue on the
                # noun: the person named, not whose daughter she is
                named = [c for c in tok.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"]
                if named:
                    return named[0]
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            for child in tok.children:
                if child.dep_ == "poss":
                    return child
            if (tok.i == cue.i and tok.pos_ == "NOUN" and tok.dep_ == "pobj"
                    and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX")):
                # "X was speaking in an interview on the radio:": who speaks in it, not the
                # interview
                doers = [c for c in tok.head.head.children if c.dep_ in _SUBJECT_DEPS]
                if doers:
                    return doers[0]
            if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "attr"):
                # "X issued a statement describing ...", "X made a third attempt ...,
                # writing that ...": whoever does the verb the noun is the object of.
                doers = [c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS]
                if doers:
                    return doers[0]
                if (tok.i != cue.i and tok.head.tag_ == "VBG"
                        and tok.head.dep_ in ("advcl", "xcomp", "conj")
                        and tok.head.lemma_.lower() in _RELEASING_VERBS):
                    # "X showed no sign of backing down, releasing a statement that
                    # accused ...": who released it, the subject of the clause above (not
                    # who cites another's: "Police arrested X, citing a statement that said")
                    above = _subject_above(ctx, tok.head)
                    if above is not None:
                        return above
            return tok
        agents = [c for c in tok.children if c.dep_ == "agent"] if tok.i == cue.i else []
        if agents:  # "X was asked by the host Y, ..." is Y's question
            objects = [c for c in agents[0].children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        # a quote before the cue confuses the parse into a second subject ('"[Lind] is
        # right," Berg said'): the speaker is never inside the quote
        subjects = [c for c in subjects if ctx.in_segment(c.idx) is None] or subjects
        # "said Army Capt. Ina Berg": a title split off the name is a second subject
        subjects = [c for c in subjects if c.ent_type_ == "PERSON"] or subjects
        # "No wonder Trump said": a fronted noun the parse takes for a second subject
        subjects = [c for c in subjects
                    if any(t.pos_ == "PROPN" for t in c.subtree)] or subjects
        if len(subjects) > 1 and tok.i == cue.i and all(c.i < cue.i for c in subjects):
            # "Or maybe Ada Lind, consultant Ben Marr says.": the words reported, fronted
            # and ending on a name, read as a first subject; the subject nearest speaks,
            # past a mark and no "and" ("Lind and Marr said" is both), or past a relative
            # pronoun ("the emails, which she said were all of them")
            first = min(subjects, key=lambda c: c.i)
            nearest = max(subjects, key=lambda c: c.i)
            between = ctx.doc[first.i + 1:nearest.left_edge.i]
            if first.tag_ in ("WDT", "WP") or (any(t.is_punct for t in between) and not any(
                    t.pos_ == "CCONJ" for t in between)):
                subjects = [nearest]
        if not subjects and tok.i == cue.i:
            # "This week SDK announced ...": a name the parse took for an auxiliary
            subjects = [c for c in tok.children if c.dep_ == "aux" and c.i < cue.i
                        and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")]
        if not subjects and tok.i == cue.i:
            subjects = _name_taken_for_object(cue)
        if subjects and tok.i == cue.i and subjects[0].i < cue.i:
            subjects = [_name_after_cue(cue) or subjects[0]]
        if subjects:
            subject = subjects[0]
            if subject.pos_ == "ADP":
                # "Of Carson, Levine said": a fronted phrase read as the subject; the name
                # set off after it speaks
                after_comma = _name_after_comma(subject)
                if after_comma is None:
                    return None
                subject = after_comma
            left_open = ctx.doc[subject.left_edge.i - 2] if subject.left_edge.i >= 2 else None
            if (subject.pos_ == "NOUN" and subject.i < cue.i and left_open is not None
                    and ctx.doc[left_open.i + 1].text == "," and left_open.ent_type_ == "PERSON"
                    and left_open.head.i == cue.i and left_open.dep_ not in _SUBJECT_DEPS
                    and ctx.in_segment(left_open.idx) is None):
                # '"...," Nate Sully, the polling guru who founded it tweeted': a relative
                # clause left open misleads the parse, which hangs the name on the cue and
                # makes the role the subject; the name speaks
                return left_open
            if subject.tag_ == "NN" and subject.i < cue.i and not any(
                    c.dep_ in ("det", "poss") for c in subject.children):
                # "GOP presidential contender and former neurosurgeon Ben Carlsen
                # responded": two titles of one person before the name, which the parse
                # joins as two people (not "The minister and Ben Carlsen", two people)
                titled = [c for c in subject.children
                          if c.dep_ == "conj" and c.ent_type_ == "PERSON" and any(
                              t.dep_ == "compound" and t.pos_ == "NOUN" for t in c.lefts)]
                if titled:
                    return titled[0]
            inner = [c for c in subject.children if c.dep_ in _SUBJECT_DEPS]
            if subject.pos_ in ("VERB", "AUX") and inner:
                # "he’s said": the contraction read as a verb, the pronoun its subject
                subject = inner[0]
            if subject.tag_ == "WP":  # "..., who said" names the speaker in the relative head
                if (tok.i != cue.i and tok.dep_ == "ccomp" and tok.head.i < tok.i
                        and any(c.dep_ == "aux" and c.lower_ == "to" for c in cue.children)):
                    # "X recalled what happened in 2008 to point out that ...": the parse
                    # hangs the infinitive on the clause recalled; X, who recalled, speaks
                    tok = tok.head
                    continue
                return _person_of_role(tok.head) if tok.dep_ == "relcl" else None
            if subject.lower_ in ("that", "which") and tok.dep_ in ("relcl", "acl"):
                # "X released a video that said ...": the text's author speaks; another
                # noun before the relative ("a voice that said") is nobody named
                if tok.head.lower_ in _AUTHORED_TEXTS:
                    tok = tok.head
                    continue
                return tok.head if tok.head.pos_ == "PROPN" else None
            if subject.i < cue.i and (subject.tag_ == "VBG" or (
                    subject.i == subject.sent.start and subject.lower_ in _OPENING_PARTICIPLES
                    and subject.i + 1 < len(ctx.doc) and ctx.doc[subject.i + 1].text == ",")):
                # "Writing in the Herald, Leon Fairbanks, a fellow at ..., argues": the parse
                # takes the opening participle for the subject and hangs the name inside it
                # (tagging it a noun, too: "Replying, the minister, Baroness X, said")
                writer = _subject_before(ctx, cue)
                if writer is not None and writer.ent_type_ == "PERSON":
                    return writer
                # a lone participle set off by its comma, the role after it in apposition:
                # the role speaks, the name the recogniser missed in apposition to it
                role = [c for c in subject.children if c.dep_ == "appos"
                        and c.pos_ == "NOUN" and c.i > subject.i]
                if subject.n_lefts == 0 and not any(
                        c.dep_ in ("prep", "dobj") for c in subject.children) and role:
                    return role[0]
            return subject
        if tok.i == cue.i and tok.dep_ == "parataxis":
            # '"The risk," said Ada Lind, "is ..."': the parse gives the name after the cue
            # to the quote's verb
            inverted = [c for c in tok.head.children if c.dep_ in _SUBJECT_DEPS
                        and c.i > cue.i and c.ent_type_ == "PERSON"
                        and ctx.in_segment(c.idx) is None]
            if inverted:
                return inverted[0]
            set_off = _set_off_speaker(ctx, cue)
            if set_off is not None:
                return set_off
        if (tok.i == cue.i and tok.dep_ == "ccomp" and tok.head.i < tok.i
                and is_cue(tok.head)):
            # "X said the cap had helped but warned that ...": the parse hangs the second cue,
            # which has no subject of its own, on the first as its clause
            tok = tok.head
            continue
        if (tok.i == cue.i and tok.dep_ in ("xcomp", "advcl")
                and tok.head.lemma_.lower() in _CAUSING_VERBS
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
            # "The defeat led party chairman X to declare ...": who is led to speak speaks,
            # not the cause
            made = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i
                    and ctx.in_segment(c.idx) is None]
            if made:
                return made[0]
        if (tok.i == cue.i and cue.tag_ in ("VB", "VBP")
                and tok.dep_ in ("conj", "xcomp", "advcl")
                and tok.head.lemma_.lower() in _PERCEIVING_VERBS and tok.head.i < tok.i
                and tok.head.tag_ not in ("VB", "VBP")
                and not any(c.dep_ in _SUBJECT_DEPS for c in tok.children)
                and not any(t.pos_ == "CCONJ" for t in ctx.doc[tok.head.i + 1:tok.i])):
            # "Voters are watching a member of the old guard, Ada Lind, argue that ...": the
            # one watched argues, not the watchers (the parse joins the bare verb to the
            # watching as a second verb; "they watch the game and argue" is one)
            seen = [c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i
                    and ctx.in_segment(c.idx) is None]
            if seen:
                return _name_set_off_after(seen[0]) or seen[0]
        if (tok.i == cue.i and tok.dep_ == "conj"
                and any(c.dep_ == "aux" for c in cue.children)
                and (interrupted := _name_before_interrupter(ctx, cue)) is not None):
            # "The row began after Lind, asked about the cuts, had said ...": a verb with an
            # auxiliary of its own is a clause of its own, whose subject the phrase set off
            # before it hid from the parse, which joined it to the clause before
            return interrupted
        # "X paused, then revealed why ...": the parse may join the second verb as a bare dep
        if (tok.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl") or (
                tok.dep_ == "dep" and tok.head.pos_ == "VERB" and tok.head.i < tok.i)) and (
                tok.head.i != tok.i):
            if (tok.i == cue.i and ctx.in_segment(tok.head.idx) is not None
                    and ctx.in_segment(tok.idx) is None and not any(
                        c.dep_ in _SUBJECT_DEPS and ctx.in_segment(c.idx) is None
                        for c in tok.head.children)):
                # '..., telling the crowd, "Have you noticed?"': the parse hung the cue on a
                # verb of the quote; its speaker is the subject of the clause before it
                return _subject_of_clause_before(ctx, cue)
            if tok.dep_ == "relcl" and tok.head.dep_ == "pobj" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                # "X went out of his way to say": the infinitive hangs on a thing
                return _subject_above(ctx, cue)
            if tok.dep_ == "relcl":
                return _person_of_role(tok.head)
            head = tok.head
            if (tok.dep_ == "conj" and head.dep_ == "ccomp" and not is_cue(head)
                    and is_cue(head.head) and head.head.i < tok.i):
                # "X said the move was made by Y and said ...": the parse joined the second
                # cue to the first one's clause
                head = head.head
            tok = head
            continue
        if tok.dep_ == "acomp" or (tok.dep_ in ("prep", "advmod")
                                   and tok.head.pos_ in ("VERB", "AUX")):
            # "X was quick to add that", "X is likely to say", "X responded by saying",
            # "X, after saying ...", "X went so far as to say": the speaker is the subject
            # of the verb above.
            tok = tok.head
            continue
        if tok.i == cue.i:
            return (_subject_before(ctx, cue) or _name_before_interrupter(ctx, cue)
                    or _subject_after_opening(ctx, cue))
        # "X has offered few ideas aside from stating that ...": a participle's walk stuck
        # below a word that is no verb; whoever does the clause above says it
        if cue.tag_ != "VBG":
            return None
        return _subject_above(ctx, cue) or _subject_after_opening(ctx, cue)
    return None


# What may come before a participle that opens its sentence: "In addition to stating",
# "After saying", "But besides noting".
def _name_taken_for_object(cue: Token) -> list[Token]:
    """The name after an inverted cue that ends the sentence after what it reports, which
    the parse took for the cue's object: "..., reported Euro News." (the recogniser reading
    the name as a place, a person or nothing)."""
    doc = cue.doc
    if not any(c.dep_ == "ccomp" and c.i < cue.i for c in cue.children) or not (
            cue.i > 0 and doc[cue.i - 1].text == ","):
        return []
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
    if not objects:
        return []
    name = objects[0]
    words = [t for t in name.subtree if not (t.dep_ == "det" and t.lower_ == "the")]
    end = name.right_edge.i + 1
    return [name] if (name.pos_ == "PROPN" and all(
        t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
        and end < len(doc) and doc[end].text in (".", "!")
        and name.left_edge.i <= cue.i + 2) else []


def name_taken_for_object(tok: Token) -> bool:
    """Whether ``tok`` is the name after an inverted cue that the parse took for its object
    (:func:`_name_taken_for_object`): "..., reported Al Jazeera English."."""
    return tok.dep_ == "dobj" and tok in _name_taken_for_object(tok.head)


_OPENING_WORDS = frozenset({"ADP", "NOUN", "ADV", "CCONJ", "SCONJ"})


def _subject_after_opening(ctx: Context, cue: Token) -> Token | None:
    """The subject of the main clause after a participle that opens the sentence ("Noting that
    the budget grew, Lind reminded voters ...", "In addition to stating that ..., Lind has
    vowed ..."): the participle has no subject of its own; whoever does the main clause
    speaks. The parse may make the participle the root and hang the main clause inside the
    reported one, so the subject is the first name or personal pronoun that opens a clause
    after a comma."""
    if cue.tag_ != "VBG":
        return None
    doc = ctx.doc
    opening = doc[cue.sent.start:cue.i]
    if len(opening) > 4 or any(t.pos_ not in _OPENING_WORDS for t in opening):
        return None
    for tok in doc[cue.i + 2:cue.sent.end]:
        if (tok.dep_ in _SUBJECT_DEPS and tok.left_edge.i > cue.i + 1
                and doc[tok.left_edge.i - 1].text == "," and tok.head.i > tok.i
                and ctx.in_segment(tok.idx) is None and ctx.in_segment(tok.head.idx) is None
                and (tok.lower_ in ("he", "she", "they", "we")
                     or any(t.pos_ == "PROPN" for t in tok.subtree))):
            return tok
    return None


def _person_of_role(noun: Token) -> Token:
    """The person a role is in apposition to ("Ada Lind, 32, a former aide who said ..."),
    or the noun itself."""
    if noun.dep_ == "appos" and noun.pos_ == "NOUN" and noun.head.ent_type_ == "PERSON":
        return noun.head
    return noun


def _name_after_cue(cue: Token) -> Token | None:
    """The person named right after a cue set off by commas in mid-sentence ("Any reading of
    it, said Ada Lind, an expert, would ..."): the parse makes the fronted words the cue's
    subject and the name the subject of the clause after it."""
    if cue.i == 0 or cue.doc[cue.i - 1].text != ",":
        return None
    for clause in cue.children:
        if clause.dep_ == "ccomp" and clause.i > cue.i:
            for name in clause.children:
                if (name.dep_ in _SUBJECT_DEPS and name.left_edge.i == cue.i + 1
                        and name.ent_type_ == "PERSON" and name.right_edge.text == ","):
                    return name
    return None


def _subject_of_clause_before(ctx: Context, cue: Token) -> Token | None:
    """The nearest subject before ``cue`` in its sentence, outside quotes, of a verb outside
    quotes."""
    for tok in reversed(ctx.doc[cue.sent.start:cue.i]):
        if (tok.dep_ in _SUBJECT_DEPS and ctx.in_segment(tok.idx) is None
                and ctx.in_segment(tok.head.idx) is None and tok.head.i < cue.i):
            return tok
    return None


def _name_after_comma(phrase: Token) -> Token | None:
    """The proper name after the first comma of ``phrase``'s words (the head of its
    compound), if any."""
    words = list(phrase.subtree)
    commas = [i for i, t in enumerate(words) if t.text == ","]
    if not commas or commas[0] + 1 >= len(words) or words[commas[0] + 1].pos_ != "PROPN":
        return None
    name = words[commas[0] + 1]
    while name.dep_ in ("compound", "flat") and name.head.i > name.i:
        name = name.head
    return name


def _name_set_off_after(phrase: Token) -> Token | None:
    """A person's name set off by commas right after ``phrase`` ("a member of the old
    guard, Ada Lind,"), which the parse may hang elsewhere, as the head of its compound."""
    doc = phrase.doc
    at = phrase.right_edge.i + 1
    if at + 1 >= len(doc) or doc[at].text != "," or doc[at + 1].ent_type_ != "PERSON":
        return None
    end = at + 1
    while end + 1 < len(doc) and doc[end + 1].ent_type_ == "PERSON":
        end += 1
    if end + 1 >= len(doc) or doc[end + 1].text != ",":
        return None
    name = doc[at + 1]
    while name.dep_ in ("compound", "flat") and name.head.i > name.i and name.head.i <= end:
        name = name.head
    return name


def _subject_above(ctx: Context, cue: Token) -> Token | None:
    """The first subject before ``cue``, outside quotes, of a verb the cue hangs under:
    whoever does the clause a participle ("..., admitting that ...") is part of."""
    for verb in cue.ancestors:
        for tok in verb.children:
            if (tok.dep_ in _SUBJECT_DEPS and tok.i < cue.i
                    and ctx.in_segment(tok.idx) is None):
                return tok
    return None


def _subject_before(ctx: Context, cue: Token) -> Token | None:
    """The name just before a cue the parse gave no subject ("As part of his plea, Marek
    Lind, 44, said ..."): the noun phrase ending right before it, through appositives."""
    i = cue.i - 1
    # "the campaign chief, Paul Manafort, bluntly suggested": the cue's adverb is no name
    while i >= cue.sent.start and (ctx.doc[i].is_punct or (
            ctx.doc[i].dep_ == "advmod" and ctx.doc[i].head.i == cue.i)):
        i -= 1
    if i < cue.sent.start:
        return None
    tok = ctx.doc[i]
    last = tok
    while tok.dep_ == "appos" and tok.ent_type_ != "PERSON" and tok.head.i < tok.i:
        tok = tok.head
    if ctx.in_segment(tok.idx) is not None:
        return None
    if tok.ent_type_ != "PERSON" and (described := _described_person(last)) is not None:
        return described
    if (tok.ent_type_ != "PERSON" and cue.dep_ == "ROOT" and last.pos_ in ("NOUN", "PROPN")
            and not any(t.is_punct for t in ctx.doc[last.i + 1:cue.i])):
        # "After a day of talks, the Speaker's office announced ...": the parse joins the
        # subject to the phrase before, and the main verb has none; what stands right before
        # it is its subject, or the noun its relative clause is on ("an official who asked
        # not to be named said")
        relative = next((a for a in last.ancestors if a.dep_ in ("relcl", "acl")
                         and a.head.i < a.i), None)
        return relative.head if relative is not None else last
    if tok.ent_type_ != "PERSON":
        # "In response to queries from The Herald, the Environment Board said ...": the
        # parse hangs the body that speaks on the phrase before it; "..., the association's
        # president, Khawaja Naeem Butt, said": the name set off after its role speaks
        set_off = last.left_edge.i > cue.sent.start and ctx.doc[last.left_edge.i - 1].text == ","
        return last if (last.dep_ == "appos" and last.pos_ == "PROPN" and set_off
                        and (last.head.dep_ == "pobj" or last.head.pos_ == "NOUN")) else None
    return tok


_DASHES = frozenset({"-", "\u2013", "\u2014", "--"})
# What may open a clause before its subject: "But Sen. Ada Lind, ...", '"...," Ada Lind, ...'.
_CLAUSE_OPENERS = frozenset({",", ";", "\u201d", "''", '"', "but", "and", "yet", "so"})
# Words that open a clause of time or reason before its subject: "after Lind, asked ..., said".
_SUBORDINATORS = frozenset({"after", "before", "when", "while", "since", "because", "although",
                            "though", "until", "once"})


def _name_before_interrupter(ctx: Context, cue: Token) -> Token | None:
    """The person whose name opens the clause of a cue the parse gave no subject, with a
    phrase set off by commas or dashes between them: "But Sen. Ada Lind (D-Ore.), noting the
    turnout, said ...", "Lind - in a speech aimed at her rivals - declared that ...". The
    parse, misled by the phrase, hangs the name on it or on the clause before."""
    doc = ctx.doc
    start = cue.sent.start
    i = cue.i - 1
    while i >= start and doc[i].dep_ in ("advmod", "aux") and doc[i].head.i == cue.i:
        i -= 1  # "Lind, asked about it, had said"
    if i <= start or not (doc[i].text == "," or doc[i].text in _DASHES):
        return None
    dash = doc[i].text in _DASHES
    for j in range(i - 1, start, -1):
        opener = doc[j]
        if (opener.text in _DASHES) != dash or not (opener.text == "," or dash):
            continue  # the phrase holds no mark of the kind that sets it off
        first = doc[j + 1]
        if first.pos_ == "ADV" and j + 2 < i:
            first = doc[j + 2]  # "later alleging"
        k = j - 1
        if doc[k].text == ")":  # a party in brackets after the name: "(D-Ill.)"
            while k > start and doc[k].text != "(":
                k -= 1
            k -= 1
        name = doc[k]
        # (a participle the tagger may take for a past tense: "Lind, asked about it, said",
        # which the parse may give the name before it as its subject)
        participle = first.tag_ in ("VBG", "VBN") or (first.tag_ == "VBD" and all(
            c.i == name.i for c in first.children if c.dep_ in _SUBJECT_DEPS))
        # (or the name's apposition: "after Lind, the finance chief, had said")
        appositive = any(t.dep_ == "appos" and t.head.i == name.i for t in doc[j + 1:i])
        if not (participle or first.pos_ == "ADP" or appositive):
            return None
        if ctx.in_segment(name.idx) is not None:
            return None
        left = min(t.i for t in name.subtree if t.i <= name.i and not (
            t.is_punct and t.i > name.left_edge.i))
        subordinate = doc[left - 1].lower_ in _SUBORDINATORS and doc[left - 1].i < name.i
        # a person's name; after "after", "when" ... a noun too ("after the mayor, pressed
        # on the closures, had said"), where the parse joins the cue to the main clause
        if name.ent_type_ != "PERSON" and not (
                subordinate and name.pos_ == "NOUN" and not name.ent_type_):
            return None
        # the name opens its clause (none of "the judge told Ada Lind, ..."'s objects)
        opens = left == start or doc[left - 1].lower_ in _CLAUSE_OPENERS or subordinate
        return name if opens else None
    return None


def _described_person(last: Token) -> Token | None:
    """The person whose appositive ends at ``last``: "Leon Fairbanks, a senior fellow at the
    Free Enterprise Forum, a think tank, argues": the walk up from "tank" through the
    appositives and their complements reaches the name; so does one through a relative
    clause on it ("Ana Ruiz, 77, who founded the school in 1989, said")."""
    tok = last
    while (tok.dep_ in ("appos", "pobj", "prep", "conj", "relcl", "dobj")
           and tok.head.i < tok.i):
        if tok.dep_ in ("appos", "relcl") and tok.head.ent_type_ == "PERSON":
            return tok.head
        tok = tok.head
    return None


# Verbs of making the statement a quote then gives ("X issued a statement."); not of
# declining, requesting or mocking one ("X declined comment.", "Reuters requested comment").
_MADE_A_STATEMENT = frozenset(
    {"have", "make", "issue", "give", "release", "offer", "provide", "post", "send", "put",
     "deliver", "read"})

# Verbs whose "to" clause is speech that did not happen: "failed to tell", "omitted to
# mention", "neglected to say", "forgot to tell".
_LEFT_UNSAID = frozenset({"fail", "omit", "neglect", "forget"})


# What a thing is done "according to" that says nothing: "allocated according to the size of
# each party", "salt according to your taste"; and "according to plan" (but "according to
# the plan" cites one).
_MEASURES = frozenset(
    "size taste season need weight age length height number amount preference type level "
    "demand income availability distance weather".split())
_PLANS = frozenset("plan schedule budget script".split())


def _according_to_a_measure(tok: Token) -> bool:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = _object_of_to(to) if to is not None else None
    if obj is None:
        return False
    if any(c.dep_ == "poss" for c in obj.children):
        return any(c.lower_ == "your" for c in obj.children if c.dep_ == "poss")
    # ("according to the schedule published Thursday": a document; so is "the plan" a story
    # brought in, where "according to plan" is the idiom)
    lemma = obj.lemma_.lower()
    if lemma in _PLANS:
        return not any(obj.children)
    return lemma in _MEASURES and not any(
        c.dep_ in ("amod", "compound", "acl", "relcl", "nmod") for c in obj.children)


def _in_own_words(tok: Token) -> bool:
    """Whether ``tok`` is the "words" of a sentence that opens "In his words," or "In the
    words of X,", translated copy's way of giving what follows as someone's statement (not
    "In other words,", which names nobody)."""
    if (tok.lower_ != "words" or tok.dep_ != "pobj" or tok.head.lower_ != "in"
            or tok.head.i != tok.sent.start):
        return False
    comma_after = tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ","
    of_someone = any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    return (comma_after or of_someone) and _words_owner(tok) is not None


# Roles an article quotes for their view ("For the economist X, ..."), as opposed to those its
# narration is about ("For the defendant X, the trial ended in a conviction").
_VIEW_HOLDERS = frozenset(
    "economist analyst expert jurist lawyer professor scientist sociologist historian "
    "researcher specialist consultant strategist commentator academic philosopher "
    "politologist political-scientist demographer analysts economists experts".split())


def _for_the_named(tok: Token) -> bool:
    """Whether ``tok`` is the "For" of a sentence that opens "For the economist X, ...",
    copy translated from French or Portuguese ("Pour l'économiste X, ..."), which gives the
    main clause after the comma as X's view. Only a role's noun in lower case with a
    person's name: "For Smith, the season was a disappointment" and "For the company, ..."
    are the article's own words about them."""
    if tok.lower_ != "for" or tok.dep_ != "prep" or any(
            not t.is_space for t in tok.doc[tok.sent.start:tok.i]):
        return False  # (a paragraph's break may open the sentence)
    # the comma after the phrase, which the parse may hang on the name
    after = tok.right_edge.i if tok.right_edge.text == "," else tok.right_edge.i + 1
    phrase = tok.doc[tok.i + 1:after]
    verb = tok.head
    return (len(phrase) >= 3 and phrase[0].lower_ == "the" and phrase[1].is_lower
            and phrase[1].pos_ in ("NOUN", "ADJ")
            # one whose view the article seeks, or whose words it quotes ("For the retired
            # teacher X, 68, the case is "a farce""), not "the defendant" or "the late
            # singer" whom the writer's narration is about
            and (any(t.lower_ in _VIEW_HOLDERS for t in phrase if t.is_lower)
                 or any(t.is_quote for t in tok.doc[after:tok.sent.end]))
            and any(t.ent_type_ == "PERSON" for t in phrase)
            and after < verb.i and tok.doc[after].text == ","
            and verb.pos_ in ("VERB", "AUX")
            and any(c.dep_ in _SUBJECT_DEPS and c.i > after for c in verb.children)
            and _words_owner(tok) is not None)


def _words_owner(words: Token) -> Token | None:
    """Whose words "In his words," or "In the words of X," gives: the possessor or X (or
    the X of "For the economist X,")."""
    if words.lower_ == "for":
        # the name, where the parse hangs the role and the name apart on "For"
        objects = [c for c in words.children if c.dep_ == "pobj"]
        named = [c for c in objects if c.ent_type_ == "PERSON"]
        return (named or objects)[0] if objects else None
    owner = next((c for c in words.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in words.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return owner


def _as_noted(cue: Token) -> bool:
    """Whether ``cue`` is the verb of a sentence that opens "As X noted," (said, stressed):
    the main clause after it is what X said, as in translated agency copy ("As the minister
    noted, the line was built on time")."""
    return (cue.dep_ == "advcl" and cue.i < cue.head.i
            and any(c.dep_ == "mark" and c.lower_ == "as" and c.i == cue.sent.start
                    for c in cue.children)
            and any(c.dep_ in _SUBJECT_DEPS for c in cue.children)
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children)
            and _as_noted_comma(cue) is not None)


def _as_noted_comma(cue: Token) -> Token | None:
    """The comma that ends "As X noted (in May)," before its main clause's verb (the parse
    may hang the first words after it on the cue)."""
    return next((t for t in cue.doc[cue.i + 1:min(cue.head.i, cue.i + 8)] if t.text == ","),
                None)


# Nouns of saying whose "that" clause is what someone said: "her claim that she never sent
# it", "Trump's promise that Mexico would pay".
_SAYING_NOUNS = frozenset(
    "claim comment remark assertion promise warning insistence suggestion argument admission "
    "pledge vow boast accusation prediction contention assurance allegation".split())


def _owned_saying(tok: Token) -> bool:
    """Whether ``tok`` is a noun of saying (:data:`_SAYING_NOUNS`) with its owner before it
    ("her claim", "the mayor's warning") or right after it ("a claim by the mayor") and a
    "that" clause of its own: what the owner said."""
    return (tok.pos_ == "NOUN" and tok.lemma_.lower() in _SAYING_NOUNS
            and any((c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME"))
                    or (c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i == tok.i + 1
                        and not any(o.ent_type_ in ("DATE", "TIME") for o in c.children))
                    for c in tok.children)
            and _saying_clause(tok) is not None)


def _saying_clause(noun: Token) -> Token | None:
    """The "that" clause hung on a noun of saying: "claim that she never sent it"."""
    return next((c for c in noun.children if c.dep_ in ("acl", "ccomp") and c.i > noun.i
                 and _marked_that(c)), None)


def is_cue(tok: Token) -> bool:
    """Whether ``tok`` is a speech cue (module docstring). Asked of the same token many times
    over (each quote's sentence, each speaker's ancestors), so each answer is kept on the doc."""
    known: dict[int, bool] = tok.doc.user_data.setdefault(_IS_CUE_KEY, {})
    answer = known.get(tok.i)
    if answer is None:
        answer = known[tok.i] = _is_cue(tok)
    return answer


# Where :func:`is_cue` keeps its answers in a doc's ``user_data``.
_IS_CUE_KEY = "unspun.quotes.is_cue"


def _is_cue(tok: Token) -> bool:
    if tok.lower_ == "words" and _in_own_words(tok):
        return True
    if tok.lower_ == "for" and _for_the_named(tok):
        return True
    if tok.pos_ == "NOUN" and _owned_saying(tok):
        return True
    if tok.lower_ == "according":
        return (any(c.lower_ == "to" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
        )) and not _according_to_a_measure(tok)
    if tok.tag_ == "VBG" and _does_a_statement(tok):
        return True
    lemma = tok.lemma_.lower()
    if lemma == "continue" and any(c.dep_ == "xcomp" for c in tok.children):
        return False  # "X will continue to be ...": going on, not speaking on
    if lemma == "chant" and not _beside_its_slogan(tok):
        return False  # "The crowd chanted as X took the stage: "..."" is X's
    if lemma == "assure" and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
        return False  # "assured residents that ..." speaks; "the law assures that ..." makes sure
    if lemma in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
        # a participle inside a noun phrase, before its noun, describes a text; it reports no
        # speech: "told the paper in a written statement", "the said bill" (after a comma it
        # may be a verb the parse misread: "X, a minister, accused ministers of ...")
        return not (_no_speech(tok, lemma) or (tok.dep_ == "amod" and (lemma == "say" or (
            tok.i < tok.head.i and tok.i > 0
            and tok.doc[tok.i - 1].pos_ in ("DET", "ADJ", "ADV", "PRON")))))
    if _misread_verb(tok):
        return True
    if lemma in _ADVICE_VERBS and tok.pos_ == "VERB":
        # "she advises charring them whole": advice as a gerund is what she says; "advised
        # the minister" or "recommended a supplier" report no words
        return any(c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i for c in tok.children)
    if lemma in _FINDING_VERBS and tok.pos_ == "VERB":
        # "the study found", "police figures show that ...": what a text finds, it states
        return any(c.dep_ == "nsubj" and (c.lemma_.lower() in _FINDING_TEXTS
                                          or c.lower_ in _FINDING_TEXTS) for c in tok.children)
    if lemma == "read" and tok.pos_ == "VERB":
        # '"...," the statement read': what a text reads, it says; and inverted, '"...,"
        # read one comment', the parse taking the text for the object
        return any((c.dep_ == "nsubj" or (c.dep_ == "dobj" and c.i > tok.i and tok.i > 0
                                          and tok.doc[tok.i - 1].is_quote))
                   and c.lemma_.lower() in _READ_TEXTS for c in tok.children)
    if lemma in _TURN_VERBS and tok.pos_ == "VERB":
        return _closes_a_quote(tok)
    if lemma in _SUBMISSION_VERBS and tok.pos_ == "VERB":
        # counsel's argument in court: "submitted that the arrest was illegal"; not a thing
        # handed in ("submitted a report") or a yielding ("submitted to the demand")
        return _states_a_that_clause(tok) or _closes_a_quote(tok)
    if lemma in _LYRIC_VERBS and tok.pos_ == "VERB":
        return _sung_after_quote(tok)
    if lemma in _JUDGING_VERBS and tok.pos_ == "VERB":
        return _tags_a_quote(tok)
    if lemma in _COMPLEMENT_ONLY and tok.pos_ == "VERB":
        return _COMPLEMENT_ONLY[lemma](tok)
    # "pointed out that ...", "points out", "the minister pointed out" (any form of the verb)
    return (lemma == "point" and tok.pos_ == "VERB"
            and any(c.lower_ == "out" for c in tok.children))


# What one adds by speaking: "added a caveat", "added a warning that prices could rise".
_SPOKEN_ADDITIONS = frozenset(
    "caveat warning note comment remark point word thought voice caution plea call rider "
    "proviso qualification condition footnote".split())
# The bare demonstratives that stand for a fact ("This suggests ..."; not a relative "that",
# which stands for its noun: "data that suggest ...").
_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


# What "it is ... to say" finds of saying it, in the writer's aside: "it's safe to say", "it
# is worth noting".
_ASIDE_ADJECTIVES = frozenset(
    "safe fair natural important worth worthwhile interesting notable noteworthy necessary "
    "essential crucial vital true accurate reasonable possible tempting easy hard difficult "
    "wrong right useful helpful instructive striking remarkable pertinent relevant fitting "
    "unfair sad ironic curious telling early soon premature impossible unclear".split())
# "It should be noted", "it must be stressed", "it can be said": the writer speaking ("it was
# noted" reports someone's words, unnamed)
_MODALS_OF_ADVICE = frozenset({"should", "must", "can", "could", "may", "might"})


def _no_speech(tok: Token, lemma: str) -> bool:
    """Whether a verb of saying reports no speech here: an idiom of the writer's, a
    supposition, speech left unsaid, or something added rather than said."""
    head = tok.head
    doc = tok.doc
    if tok.dep_ == "xcomp":
        head_lemma = head.lemma_.lower()
        if lemma == "say" and head_lemma in ("be", "needless", "suffice"):
            return True  # "which is to say", "needless to say": the writer's idiom
        # "it's safe to say", "it's natural to ask", "it is important to note", "it is worth
        # noting that": the writer's own aside, a manner of speaking (not a body's manner:
        # "It was quick to deny that ...", "it was careful to stress that ...")
        # ("it is too soon to say": the parse hangs the verb on "soon")
        holder = head.head if head.dep_ in ("acomp", "advmod") else head
        if (any(c.lower_ == "it" and c.dep_ == "nsubj" for c in holder.children)
                and any(c.dep_ in ("acomp", "advmod") and c.lemma_.lower() in _ASIDE_ADJECTIVES
                        for c in holder.children)):
            return True
        if head_lemma in _LEFT_UNSAID and not any(c.dep_ == "neg" for c in head.children):
            # "if they fail to tell their bosses that ...": nobody said it ("he never fails
            # to say" is said, often)
            return True
    if (any(c.lower_ == "it" and c.dep_ == "nsubjpass" for c in tok.children)
            and any(c.dep_ == "aux" and c.lower_ in _MODALS_OF_ADVICE for c in tok.children)):
        return True  # "It should be noted that", "it must be said": the writer's aside
    if (lemma in ("say", "ask") and head.lower_ == "let"
            and any(c.lower_ in ("’s", "'s", "us") for c in tok.children)):
        return True  # "Let's say you have two files": a supposition ("let me say" speaks)
    if (lemma == "add" and tok.tag_ == "VBN" and tok.dep_ == "acl"
            and not any(c.dep_ == "agent" for c in tok.children)):
        return True  # "different waters added from springs": added to, not said
    if (lemma == "add" and tok.i > 0
            and not (doc[tok.i - 1].is_quote or doc[tok.i - 1].is_punct)
            and any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "NUM")
                    and c.lemma_.lower() not in _SPOKEN_ADDITIONS
                    and not any(g.dep_ in ("acl", "ccomp", "relcl") for g in c.children)
                    for c in tok.children)):
        # "we'll be adding new interviews", "the index added 2%": something added, not
        # said (a colon after it still hands over: "she added a warning: ..."; and the parse
        # takes an inverted cue's speaker for its object: '"...," added a Nevada Democrat')
        return True
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in _DEMONSTRATIVES
           and c.tag_ != "WDT" and not any(c.children)
           and not (c.i > 0 and doc[c.i - 1].is_quote)
           # "This, said union leader X, is the last chance": fronted words of X's
           and not (c.i + 1 < len(doc) and doc[c.i + 1].text == ",")
           for c in tok.children):
        # "This suggests the tool was prized", "this only explains why ...": what the
        # writer infers, not what anyone said (a quote's own "That" aside: "'That,' he said")
        return True
    if lemma == "tell" and _telling_apart(tok):
        return True  # "hard to tell if it works", "time will tell": telling apart
    if _infinitive_of_no_one(tok):
        return True  # "even harder to predict how ...", "any way to say that ...": nobody says
    # "That said, I believe ...": having said that
    return (tok.lower_ == "said" and tok.i > 0 and doc[tok.i - 1].lower_ == "that"
            and bool(doc[tok.i - 1].is_sent_start) and tok.i + 1 < len(doc)
            and doc[tok.i + 1].text == ",")


# Adjectives of how hard a thing is to do, whose infinitive has no one doing it: "hard to
# predict how ...", "impossible to say whether ..." (not "right to say", "quick to say": the
# subject says it); and nouns of a manner whose infinitive is no one's act ("any way to say
# that ...").
_TOUGH_ADJECTIVES = frozenset("hard difficult easy impossible tough tricky".split())
_MANNER_NOUNS = frozenset("way means method".split())


def _infinitive_of_no_one(tok: Token) -> bool:
    """Whether ``tok`` is a bare "to" infinitive with no subject, hung on an adjective of
    difficulty or a noun of manner: "even harder to predict how much ...", "Is there any way
    to say that ..." (the "it is hard to say" aside is :func:`_no_speech`'s already)."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or any(
            c.dep_ in _SUBJECT_DEPS for c in tok.children):
        return False
    head = tok.head
    if tok.dep_ == "xcomp" and head.pos_ == "ADJ":
        return head.lemma_.lower() in _TOUGH_ADJECTIVES or head.lower_ in ("harder", "easier")
    # (any way, no way, or a way there is: not "went out of his way to say that ...")
    return tok.dep_ in ("relcl", "acl") and head.pos_ == "NOUN" and (
        head.lemma_.lower() in _MANNER_NOUNS) and (
        any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in head.children)
        or any(c.dep_ == "expl" for c in head.head.children))


def _telling_apart(tok: Token) -> bool:
    """Whether "tell" means to make out, not to tell someone: no one told ("easier to tell
    if you are making progress", "only time will tell whether ..."); speech tells someone,
    even where the parse missed whom ("Trump tells 3,000 in Reno ...")."""
    children = list(tok.children)
    if any(c.dep_ in ("dobj", "dative", "iobj", "nsubjpass", "auxpass") for c in children):
        return False
    whether = any(c.dep_ in ("ccomp", "advcl") and any(
        m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
        for c in children)
    made_out = tok.dep_ == "xcomp" and tok.head.pos_ == "ADJ"
    return whether or made_out or any(c.dep_ == "nsubj" and c.lower_ == "time"
                                      for c in children)


def _misread_verb(tok: Token) -> bool:
    """Whether the parse took a speech verb with its subject for a plural noun ("..., an
    engineering report states."): a noun has no subject; nor does a lower-case noun end a
    sentence that opens with a quote as the object of the speaker's complement ('"...," a
    report from May 2022 states.', read like "the United States")."""
    if tok.tag_ != "NNS" or tok.lemma_.lower() not in SPEECH_VERBS:
        return False
    return (any(c.dep_ == "nsubj" for c in tok.children) or _ends_quote_sentence_as_object(tok)
            or _noun_phrase_after_quote(tok))


# What the parse may hang on a speech verb it read as a plural noun, its subject taken for a
# modifier: "the decision states" as "the United States".
_SUBJECT_AS_MODIFIER = frozenset({"det", "compound", "amod", "poss"})


def _noun_phrase_after_quote(tok: Token) -> bool:
    """Whether ``tok`` ends, as a lower-case plural noun, a phrase that follows the quote it
    closes and ends the sentence: '"...," the decision states.', '"...," the award reads.'
    (the subject read as the noun's modifiers)."""
    doc = tok.doc
    # the quote's closing mark hangs on the noun too, and the quote's clause as its ccomp
    marks = [c.i for c in tok.lefts if c.text in CLOSING_MARKS]
    lefts = [c for c in tok.lefts if marks and c.i > marks[-1]]
    return (tok.is_lower and tok.dep_ == "ROOT" and bool(lefts)
            and all(c.dep_ in _SUBJECT_AS_MODIFIER for c in lefts)
            and lefts[0].left_edge.i == marks[-1] + 1
            and all(c.is_punct for c in tok.rights)
            and tok.i + 1 < len(doc) and doc[tok.i + 1].text in (".", "!", "?"))


def _ends_quote_sentence_as_object(tok: Token) -> bool:
    doc = tok.doc
    return (tok.is_lower and tok.dep_ == "pobj" and tok.sent[0].is_quote
            and tok.i + 1 < len(doc) and doc[tok.i + 1].text == "."
            and tok.head.head.pos_ == "NOUN")


# Verbs of a lawyer's argument that report speech only with a "that" clause or right after
# the quote they close: "senior advocate X submitted that ...", '"...," counsel submitted'.
_SUBMISSION_VERBS = frozenset({"submit"})


def _confides_words(tok: Token) -> bool:
    """Whether "confide" reports what was confided: words after it ('He confided to his
    journal, "..."', "confided that ..."), not a trust ("she confided in her sister")."""
    return any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children)


def _inverted_before_a_name(tok: Token) -> bool:
    """Whether "estimate" closes the clause it reports, inverted before a name: "The effort
    used about 2.8 gigawatt-hours, estimates Evan Sparks, CEO of ..." (not "the firm
    estimates its losses at ...", a figure set, nor "estimated costs")."""
    return tok.dep_ == "ROOT" and tok.tag_ in ("VBZ", "VBD") and any(
        c.dep_ == "ccomp" and c.i < tok.i for c in tok.children) and any(
        c.dep_ == "nsubj" and c.i > tok.i and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
        for c in tok.children)


# Verbs that report speech only with a complement of their kind: "related that ...",
# "confided (to X), "..."", "..., estimates Evan Sparks" (not "related the story",
# "confided in her", "estimated the cost").
_COMPLEMENT_ONLY: dict[str, Callable[[Token], bool]] = {
    "relate": lambda tok: _states_a_that_clause(tok),
    "confide": lambda tok: _confides_words(tok),
    "estimate": lambda tok: _inverted_before_a_name(tok),
}


def _states_a_that_clause(tok: Token) -> bool:
    """Whether ``tok`` governs a clause opened by "that": "submitted that the notice ..."."""
    return any(c.dep_ == "ccomp" and c.i > tok.i and _marked_that(c) for c in tok.children)


def _marked_that(clause: Token) -> bool:
    """Whether ``clause`` is opened by a "that" the parse marks as its complementiser."""
    return any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)


def _beside_its_slogan(tok: Token) -> bool:
    """Whether "chant" stands right beside the quote it reports: before it, with a colon or
    nothing between ('chanted "Shame!"', 'chanted: "..."'), or after it with only its subject
    between ('"Shame!" the crowd chanted')."""
    doc = tok.doc
    after = tok.i + 1
    if after < len(doc) and doc[after].text == ":":
        after += 1
    if after < len(doc) and doc[after].is_quote:
        return True
    subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i < tok.i]
    first = tok.i
    if subjects and subjects[0].right_edge.i == tok.i - 1:
        first = subjects[0].left_edge.i
    return first > 0 and doc[first - 1].text in CLOSING_MARKS


def _closes_a_quote(tok: Token) -> bool:
    """Whether a verb of a turn (:data:`_TURN_VERBS`) follows, with only its subject
    between, the quote it closes: '"...," Romero cut in', '"...," she interrupted'."""
    particle = _TURN_PARTICLE.get(tok.lemma_.lower())
    if particle is not None and not any(
            c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
        return False
    subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS and c.i < tok.i]
    if not subjects or subjects[0].right_edge.i != tok.i - 1:
        return False
    before = subjects[0].left_edge.i - 1
    return before >= 0 and tok.doc[before].text in CLOSING_MARKS


def _sung_after_quote(tok: Token) -> bool:
    """Whether a verb of singing (:data:`_LYRIC_VERBS`) follows the quote it closes with only
    its singer between ('"...," she sings', '"..." Marsh croons'), whatever the parse made
    of the name."""
    i = tok.i - 1
    while i >= 0 and tok.i - i <= _SINGER_WORDS and not tok.doc[i].is_punct:
        i -= 1
    # the quote ends on a comma ("?", "!") as a tag's does, not on a full stop: '"...
    # Now." Later the choir sang' is another sentence
    return (1 <= i < tok.i - 1 and tok.doc[i].text in CLOSING_MARKS
            and tok.doc[i - 1].text in (",", "?", "!"))


_SINGER_WORDS = 4
# Copy translated from Portuguese tags a quote with a verb of judging ('"...," avalia o
# economista': '"...," evaluates the economist'), which reports speech only as the quote's
# tag: "the board evaluated the bids" reports none.
_JUDGING_VERBS = frozenset({"evaluate", "assess"})


def _tags_a_quote(tok: Token) -> bool:
    """Whether ``tok`` right follows the quote it closes, inverted before its subject
    ('"...," evaluates the economist') or after it (:func:`_closes_a_quote`)."""
    doc = tok.doc
    inverted = (tok.i >= 2 and doc[tok.i - 1].text in CLOSING_MARKS
                and doc[tok.i - 2].text in (",", "?", "!")
                and any(c.dep_ in (*_SUBJECT_DEPS, "dobj") and c.i > tok.i
                        for c in tok.children))
    return inverted or _closes_a_quote(tok)


def is_addressed(cue: Token) -> bool:
    """Whether ``cue`` is a passive whose subject heard the words or was accused ("the
    families were told that ...", "the buyers were not charged") and no "by" names who spoke:
    the words stay reported, by nobody the sentence names."""
    # or its auxiliary where it shares its subject with a verb before ("someone who knows
    # and has been told to stay home")
    return (cue.lemma_.lower() in _ADDRESSED_VERBS and cue.tag_ == "VBN"
            and any(c.dep_ == "nsubjpass" or (c.dep_ == "auxpass" and cue.dep_ == "conj")
                    for c in cue.children)
            and not any(c.dep_ == "agent" for c in cue.children))


_BY_AUTHOR = re.compile(r"[\s,]*by\s+")


def _author_after_title(ctx: Context, end: int) -> Token | None:
    """The person named in "by X" right after a quoted title that ends at ``end``."""
    by = _BY_AUTHOR.match(ctx.text, end)
    if by is None:
        return None
    span = ctx.doc.char_span(by.end(), by.end() + 1, alignment_mode="expand")
    if span is None or span[0].ent_type_ != "PERSON":
        return None
    name = span[0]
    while name.dep_ in ("compound", "flat") and name.head.i > name.i:
        name = name.head
    return name if name.ent_type_ == "PERSON" else None


def _title_and_author_end(ctx: Context, to: Token) -> int:
    """The last token of a quoted title after "according to" and of the "by X" after it
    (the parse splits a title at its colon), or -1 if no title follows."""
    doc = ctx.doc
    after = to.i + 1
    if after < len(doc) and doc[after].lower_ == "the":
        after += 1
    title = ctx.in_segment(doc[after].idx) if after < len(doc) else None
    if title is None:
        return -1
    author = _author_after_title(ctx, title.end)
    end = author.idx + len(author.text) if author is not None else title.end
    return max(t.i for t in doc[after:] if t.idx < end) if end > doc[after].idx else -1


def _cue_span(tok: Token) -> tuple[int, int]:
    doc = tok.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return _char_span(doc, tok.i, tok.i + 1)
    return _char_span(doc, tok.i, tok.i)


def _does_a_statement(tok: Token) -> bool:
    """Whether a participle tells what a statement does ("released a statement condemning
    ...", "issued a statement Monday calling on ..."): what the statement does, it says."""
    if tok.dep_ == "acl":
        return tok.head.lemma_.lower() in SPEECH_NOUNS and tok.head.dep_ in ("dobj", "attr")
    return tok.dep_ == "advcl" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SPEECH_NOUNS and c.i < tok.i
        for c in tok.head.children)


# The original's verb of saying, glossed after the English one: French, Spanish, Italian,
# Portuguese and German perfects ("a déclaré", "ha dicho", "ha detto", "hat gesagt"), or any
# words with letters English lacks.
_FOREIGN_VERB = re.compile(
    r"(?:a|ont|avait|ha|han|había|hat|haben|hatte|tem|disse|dijo|dit|ajouté)(?: \w+)?"
    r"|.*[^\x00-\x7f].*", re.IGNORECASE)


def _a_gloss(words: Span) -> bool:
    """Whether bracketed words after a verb of saying are the original's verb: a perfect or a
    word English lacks letters for (:data:`_FOREIGN_VERB`), or one or two words in lower case
    that are no preposition, adverb or the like ("sagte", "dice"; not "on Twitter", "again")."""
    if _FOREIGN_VERB.fullmatch(words.text):
        return True
    return (1 <= len(words) <= 2 and words[0].is_lower and words[0].is_alpha
            and not any(t.pos_ in _ASIDE_POS for t in words))


_ASIDE_POS = frozenset({"ADP", "ADV", "DET", "NUM", "PRON", "PUNCT", "CCONJ", "SCONJ", "PART"})


def _name_after_gloss(cue: Token) -> Token | None:
    """The name right after a cue glossed in brackets, as translated copy writes the verb
    of the original beside the English one: '« ... », declared (a déclaré) Mr Marchal',
    '« ... », a déclaré (declared) Ms Verdier'. The parse reads the foreign words as nouns
    and the name as an object or the next clause's subject; the brackets hide nothing."""
    doc = cue.doc
    if cue.i + 1 >= len(doc) or any(
            c.dep_ in _SUBJECT_DEPS and c.i < cue.i
            and not any(t.is_quote for t in doc[c.i:cue.i]) for c in cue.children):
        # "Trump said (on Twitter) Mexico would pay": the cue has its speaker (not the quote's
        # words, which the parse may take for its subject)
        return None
    if cue.i > 0 and doc[cue.i - 1].text == "(" and doc[cue.i + 1].text == ")":
        close = cue.i + 1  # the English verb glossing the original: "a déclaré (declared)"
    elif doc[cue.i + 1].text == "(":
        close = next((j for j in range(cue.i + 2, min(cue.i + 6, len(doc)))
                      if doc[j].text == ")"), -1)  # "declared (a déclaré)"
        if close < 0 or not _a_gloss(doc[cue.i + 2:close]):
            return None  # "warned (again) Britain could ...": an aside, no gloss
    else:
        return None
    first = next((j for j in range(close + 1, min(close + 3, len(doc)))
                  if doc[j].pos_ == "PROPN"), None)
    if first is None:
        return None
    last = first
    while last + 1 < len(doc) and doc[last + 1].pos_ == "PROPN":
        last += 1
    return doc[last]


def attribute(
    ctx: Context, cue: Token, confidence: float, seg: Segment | None = None,
    reported: bool = False,
) -> Attribution:
    """Who speaks through ``cue``: for the direct quote ``seg``, or for the words the cue
    reports in its own clause (``reported``), or for quotes it introduces."""
    subject = _name_after_gloss(cue) or _subject(ctx, cue)
    # (only for the question itself: the quote after "Asked ..., Hale was blunt:" is Hale's)
    unnamed_asker = reported and _asked_of_the_subject(cue)
    if unnamed_asker:
        subject = None
        confidence = min(confidence, 0.3)  # as for any quote whose speaker was not found
    if subject is not None and (title := ctx.in_segment(subject.idx)) is not None:
        # "according to "The Harbor Years," by Nora Lind": the source is a work, named by
        # its title in quotation marks; its author, named after it, is the speaker
        subject = _author_after_title(ctx, title.end) if cue.lower_ == "according" else None
    if (subject is not None and cue.tag_ == "VBN" and cue.dep_ == "acl"
            and cue.lemma_.lower() in ("describe", "bill", "tout", "dub", "label", "call")
            and subject.i == cue.head.i and not any(c.dep_ == "agent" for c in cue.children)):
        subject = None  # "potstickers, described as "...": what was described, not who
    if (subject is not None and subject.lower_ in ("that", "which")
            and not subject.is_sent_start):
        # a relative pronoun: "a report that says ...": the relative clause's noun speaks,
        # when it is a text or a name; "a single factor, as for a person, that predicts how
        # well ..." (the parse losing the clause's noun) reports nobody's words
        noun = subject.head.head if subject.head.dep_ == "relcl" else None
        subject = noun if noun is not None and (
            noun.lemma_.lower() in DOCUMENT_NOUNS or noun.pos_ == "PROPN"
            or noun.ent_type_) else None
    addressed = is_addressed(cue)
    if subject is not None and subject.lower_ in _STAND_IN_PRONOUNS:
        # "According to the press office, they 'will review it'": the source is named in
        # the sentence itself, before the pronoun.
        subject = _according_to_object(subject) or subject
    if addressed:
        subject = None
        confidence = min(confidence, 0.3)  # as for any quote whose speaker was not found
    elif subject is None and seg is not None and not unnamed_asker:
        subject = _nearby_noun(ctx, seg, cue)
    if subject is not None and cue.lower_ == "according" and subject.ent_type_ != "PERSON":
        subject = _name_before_colon(ctx, subject) or subject
    dateline_end = 0
    if subject is not None:
        subject, dateline_end = _after_dateline(ctx, subject, cue)
    speaker: tuple[int, int] | None = None
    if subject is not None:
        first, last = _phrase(subject)
        while first < subject.i and ctx.doc[first].idx < dateline_end:
            first += 1  # "MACAU (Reuters) - Top donor X said": the place is nobody
        if first <= cue.i < subject.i:  # '"...," tweeted Rubio aide Alex Conant'
            first = cue.i + 1
        if subject.i < cue.i <= last:  # a cue the parse read as the phrase's last noun
            last = cue.i - 1
        named = (_name_after_role(ctx.doc, last, cue) if last < cue.i
                 else _name_after_inverted_role(ctx.doc, last, subject, cue))
        if named is None:
            # the title may be the phrase's head, the name its appositive ("said Navy Capt.
            # Rick Moreno", the parse reading "Navy Capt" as a name of its own)
            named = (_name_after_title(ctx.doc, subject.i, cue)
                     or _name_after_title(ctx.doc, last, cue))
        if named is not None:
            last = max(last, named.i)
            subject = named
        phrase = ctx.doc[first:last + 1].text
        if (phrase.count("(") > phrase.count(")") and last + 1 < len(ctx.doc)
                and ctx.doc[last + 1].text == ")"):
            last += 1  # "a spokesperson for the Employers' Association (UCEA)"
        speaker = _char_span(ctx.doc, first, last)
    return Attribution(
        speaker, _cue_span(cue), confidence, subject.i if subject is not None else None
    )


def _asked_of_the_subject(cue: Token) -> bool:
    """Whether ``cue`` is a fronted "Asked" whose question the text's subject answers: "Asked
    if he would run again, Mayor X said ...". The question is the asker's, whom the text does
    not name ("Asked by reporters whether ..." names them)."""
    return (cue.lemma_.lower() == "ask" and cue.tag_ == "VBN" and cue.dep_ == "advcl"
            and cue.is_sent_start is True and not any(c.dep_ == "agent" for c in cue.children))


def inverted_attribution(
    ctx: Context, cue: Token, confidence: float, after: int,
) -> Attribution:
    """``attribute``, for a cue after the words it reports, which end at ``after`` ("For
    now, added her neighbour, Stefan Wolf."): where the parse finds no subject after them,
    the object it made of the speaker."""
    found = attribute(ctx, cue, confidence)
    if found.speaker is not None and found.speaker[0] >= after:
        return found
    objects = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
    if not objects:
        return found
    return Attribution(phrase_chars(objects[0]), _cue_span(cue), confidence,
                       objects[0].i)


def _name_after_role(doc: Doc, last: int, cue: Token) -> Token | None:
    """The person named between a body's name and its cue, after a role in lower case, that
    the parse left out of the speaker's phrase ("Kenya National Union of Teachers
    secretary-general Wilson Sossion said"): the name's last word."""
    between = doc[last + 1:cue.i]
    names = [t for t in between if t.ent_type_ == "PERSON"]
    if not names or names[-1].i != cue.i - 1 or doc[last].ent_type_ == "PERSON":
        return None
    role = doc[last + 1:names[0].i]
    if not role or not all(t.text == "-" or (t.is_lower and t.pos_ in ("NOUN", "ADJ", "PROPN"))
                           for t in role):
        return None
    return names[-1]


# Titles before a name set off after a role: "the spokesman for the army, Lt Col X".
_TITLES_BEFORE_NAMES = _ABBREVIATIONS | frozenset("mr ms mrs dr".split())


def _name_after_inverted_role(doc: Doc, last: int, subject: Token, cue: Token) -> Token | None:
    """The person named after a comma that ends a role the cue's inverted subject names
    ('"...," declared the spokesman for the government, Awa Ndour, at the end of'), which
    the parse hung on the cue rather than on the role: the name's last word, when the name
    (after its titles) ends the sentence or a comma follows it."""
    # (the role's complement, which the phrase may leave out: "the spokesman in Ituri, X")
    last = max(last, subject.right_edge.i)
    if (subject.i < cue.i or not subject.is_lower or subject.pos_ != "NOUN"
            or last + 2 >= len(doc) or doc[last + 1].text != ","):
        return None
    i = last + 2
    while i < len(doc) and doc[i].ent_type_ != "PERSON" and (
            doc[i].lower_.rstrip(".") in _TITLES_BEFORE_NAMES
            or (doc[i].text == "." and doc[i - 1].lower_ in _TITLES_BEFORE_NAMES)):
        i += 1
    if i >= len(doc) or doc[i].ent_type_ != "PERSON":
        return None
    while i + 1 < len(doc) and doc[i + 1].ent_type_ == "PERSON" and not doc[i + 1].is_punct:
        i += 1
    after = doc[i + 1] if i + 1 < len(doc) else None
    if after is not None and after.text not in (",", ".", ";") and after.sent == doc[i].sent:
        return None
    return doc[i] if doc[i].head.i in (cue.i, subject.i) else None


def _name_after_title(doc: Doc, last: int, cue: Token) -> Token | None:
    """The person named after an abbreviated title that ends the speaker's phrase, which
    the parse cut at the title's stop ("said Navy spokesman Capt. Rick Moreno", "said Brig.
    Gen. Ada Lind", "said former Ohio Gov. and party chief Ed Rollins"): the name's last
    word, when only titles, roles and "and" stand between (no comma, no other stop)."""
    title = doc[last]
    stop = title.text.endswith(".") or (last + 1 < len(doc) and doc[last + 1].text == ".")
    if not stop or title.lower_.rstrip(".") not in _ABBREVIATIONS:
        return None
    end = cue.i if last < cue.i else len(doc)
    i = last + 1 if title.text.endswith(".") else last + 2
    for _ in range(_TITLE_GAP):
        if i >= end or doc[i].ent_type_ == "PERSON":
            break
        word = doc[i]
        abbreviation = word.lower_.rstrip(".") in _ABBREVIATIONS
        if not (word.lower_ == "and" or abbreviation
                or (word.pos_ in ("PROPN", "NOUN", "ADJ") and word.is_alpha)
                or (word.text == "." and doc[i - 1].lower_ in _ABBREVIATIONS)):
            return None
        i += 1
    if i >= end or doc[i].ent_type_ != "PERSON":
        return None
    while i + 1 < end and doc[i + 1].ent_type_ == "PERSON" and not doc[i + 1].is_punct:
        i += 1
    return doc[i]


# Words between an abbreviated title and the name it goes with ("Gov. and party chief").
_TITLE_GAP = 6


def _name_before_colon(ctx: Context, subject: Token) -> Token | None:
    """The name that ends a paragraph handing over with a colon after ``subject``: "According
    to the former minister (2011 - 2015), now a senator, Ana Lux:" names its speaker last."""
    ps, pe = ctx.paragraphs[ctx.paragraph_of(subject.idx)]
    if ctx.text[ps:pe].endswith(":"):
        span = ctx.doc.char_span(subject.idx, pe - 1, alignment_mode="contract")
        if span is not None and len(span) and span[-1].ent_type_ == "PERSON":
            return span[-1]
    return None


# "BOSTON, Oct. 14 /Business Wire/ --", "ANTWERP (AFP) -": a place in capitals, a date or a
# wire, ahead of a paragraph's first sentence ("Kall -- co-editor of ..." is no dateline).
# The place in capitals is followed by its comma, bracket or slash, or by the dash itself:
# an acronym opening a sentence with a dash aside after it is none ("GOP front-runner X -
# who ... -"), a translated date in lower case is ("BISHKEK, 7 dec. (AKIpress) -").
# State and African agencies write the place in title case, with the agency in brackets or
# a date after its comma: "Hanoi (VNA) -", "Bahir Dar, May 14 (ENA) -", "Goma, 3 March -"
# (a name alone before a dash is none: "Kall - co-editor of ...").
_TITLED_PLACE = r"[A-Z][^\W\d_]+(?:[ -][A-Z][^\W\d_]+){0,2}"
_DATE = r"(?:\d{1,2} [A-Z][a-z]+\.?|[A-Z][a-z]+\.? \d{1,2})(?:,? \d{4})?"
# (a place's capitals may be accented: "BOGOTÁ -", "ASUNCIÓN -", "SÃO PAULO -")
_CAPS = "A-ZÀ-ÖØ-Þ"
DATELINE = re.compile(
    rf"(?:[{_CAPS}][{_CAPS}.'’-]+(?:\s[{_CAPS}][{_CAPS}.'’-]+)*\b(?:\s?[,(/][^\n]{{0,50}}?)?"
    rf"|{_TITLED_PLACE}(?:, {_DATE})? \([A-Z][^\n()]{{0,30}}\)"
    rf"|{_TITLED_PLACE}, {_DATE})"
    r"\s(?:--|—|–|-)\s")


# Indian and some Asian papers end the dateline with a colon: "MUMBAI: The High Court ...".
_COLON_DATELINE = re.compile(r"[A-Z][A-Z'’-]+(?: [A-Z][A-Z'’-]+)*: (?=[A-Z])")


def _colon_dateline(ctx: Context, opening: int) -> re.Match[str] | None:
    """A dateline ending on a colon at ``opening``, the only paragraph of the article that
    opens so: a transcript's turns ("OCHOA: ...") open many."""
    match = _COLON_DATELINE.match(ctx.text, opening)
    if match is None or sum(_COLON_DATELINE.match(ctx.text, start) is not None
                            for start, _end in ctx.paragraphs) > 1:
        return None
    return match


def _after_dateline(ctx: Context, subject: Token, cue: Token) -> tuple[Token, int]:
    """The cue's subject, and where the dateline before it ends (0 without one): the first
    name after the dateline when the parse took the dateline, or a ticker in parentheses,
    for the subject ("BOSTON, Oct. 14 -- Norvane Therapeutics (NASDAQ: NRVN) announced"), or
    without a name the cue's other subject ("BRIGHTON — A volunteer lifeguard said")."""
    opening = ctx.paragraphs[ctx.paragraph_of(subject.idx)][0]
    match = DATELINE.match(ctx.text, opening) or _colon_dateline(ctx, opening)
    first_word = ctx.doc[_phrase(subject)[0]]
    if match is None or first_word.idx >= match.end() or cue.idx < match.end():
        return subject, 0
    bracketed = ctx.text.rfind("(", match.end(), subject.idx) > ctx.text.rfind(
        ")", match.end(), subject.idx)
    if subject.idx >= match.end() and not bracketed:
        return subject, match.end()
    names = [t for t in ctx.doc[first_word.i:cue.i]
             if t.idx >= match.end() and t.ent_type_ in ("ORG", "PERSON")]
    if not names:
        # "BRIGHTON — A volunteer lifeguard said": the parse gave the cue the dateline and
        # the role both as subjects; the one after the dateline speaks
        later = [c for c in cue.children
                 if c.dep_ in _SUBJECT_DEPS and match.end() <= c.idx < cue.idx]
        # or the role in apposition to the place ("Hanoi (VNA) - The head of the
        # ministry, X, said": the parse hangs the role on "Hanoi")
        later = later or [c for c in subject.children
                          if c.dep_ == "appos" and match.end() <= c.idx < cue.idx]
        # or, the quote opening the paragraph, the inverted subject the parse took for the
        # cue's object ('Abidjan (ANP) - "...," declared the spokesman, X')
        later = later or [c for c in cue.children if c.dep_ == "dobj" and c.i == cue.i + 2
                          and c.pos_ == "NOUN" and cue.doc[cue.i + 1].lower_ == "the"
                          and cue.i >= 2 and cue.doc[cue.i - 1].text in CLOSING_MARKS
                          and cue.doc[cue.i - 2].text == ","]
        return (later[0] if later else subject), match.end()
    first = names[0]
    # "ADDIS ABABA — The Africa Centres for ...": from the name's article to its head
    while (first.head.i != first.i and first.dep_ in ("compound", "flat", "det")
           and first.head.i < cue.i):
        first = first.head
    return first, match.end()


def _object_of_to(to: Token) -> Token | None:
    """The noun after "according to"; the parse reads a noun-noun compound ("shipping
    analysts") as a gerund with an object."""
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if objects:
        return objects[0]
    nominal = [c for c in to.children if c.dep_ == "pcomp" and c.pos_ in ("NOUN", "PROPN")]
    if not nominal:
        return None
    after = [c for c in nominal[0].children if c.dep_ == "dobj" and c.i == nominal[0].i + 1]
    return after[0] if after else nominal[0]


def _according_to_object(tok: Token) -> Token | None:
    """The object of an "according to" earlier in ``tok``'s sentence, if there is one."""
    for candidate in tok.sent:
        if candidate.i >= tok.i:
            return None
        if candidate.lower_ == "according" and is_cue(candidate):
            to = next((c for c in candidate.children if c.lower_ == "to"), None)
            obj = _object_of_to(to) if to is not None else None
            if obj is not None and obj.i < tok.i:
                return obj
    return None


def _nearby_noun(ctx: Context, seg: Segment, cue: Token) -> Token | None:
    """When the parse gives the cue no subject (quotes confuse it: ``..." Flynn, a surrogate,
    said``, ``Said Ellis:``), the first name or pronoun between quote and cue, or after an
    inverted cue."""
    doc = ctx.doc
    after = cue.idx < seg.end
    if not after:
        found = _heads(ctx, range(cue.i - 1, -1, -1), lambda tok: tok.idx < seg.end)
        if found:
            return found[-1]  # the head of the noun phrase is the one nearest the quote
    if after and cue.tag_ == "VBG" and cue.i > cue.sent.start:
        # "X said, mentioning the album is "nearly done"": the noun after a participle is
        # what it reports on; the speaker is the subject of the clause before
        return _subject_above(ctx, cue) or _subject_of_clause_before(ctx, cue)
    # after the cue, up to the quote: '"...," tweeted Rubio aide Alex Conant.'
    found = _heads(ctx, range(cue.i + 1, min(len(doc), cue.i + 8)),
                   lambda tok: after and tok.idx >= seg.start)
    # '"...," X said of their time in office. "..."': the object of a preposition is not
    # who speaks; nor is a pronoun the cue acts on ("Early described it as "news to me"")
    found = [tok for tok in found if tok.dep_ != "pobj"
             and not (tok.dep_ == "dobj" and tok.pos_ == "PRON" and tok.head.i == cue.i)]
    return found[0] if found else None


def _heads(ctx: Context, window: range, stop: Callable[[Token], bool]) -> list[Token]:
    """Heads of noun phrases (names, pronouns, nouns) in ``window``, up to a quote, a colon
    or a full stop, or the first token ``stop`` is true of."""
    found: list[Token] = []
    for i in window:
        tok = ctx.doc[i]
        if stop(tok) or ctx.in_segment(tok.idx) is not None or tok.text in ":.":
            break
        if tok.pos_ in ("PROPN", "PRON", "NOUN") and tok.dep_ not in ("compound", "poss"):
            found.append(tok)
    return found


def paragraph_cues(ctx: Context, p: int) -> list[Token]:
    ps, pe = ctx.paragraphs[p]
    span = ctx.doc.char_span(ps, pe, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if ctx.in_segment(t.idx) is None and is_cue(t)]


def noun_cue(ctx: Context, p: int) -> Token | None:
    """A statement, press release... introducing the next paragraph with a colon."""
    ps, pe = ctx.paragraphs[p]
    span = ctx.doc.char_span(ps, pe, alignment_mode="expand")
    if span is None:
        return None
    for tok in reversed(span):
        if tok.lower_ in SPEECH_NOUNS and ctx.in_segment(tok.idx) is None:
            return tok
    return None


def is_adjacent(ctx: Context, seg: Segment, cue: Token) -> bool:
    """True when only the speaker and punctuation stand between the quote and its cue."""
    if cue.idx >= seg.end:
        between = ctx.text[seg.end:cue.idx]
        if not _named_thing(ctx, seg) and _only_the_subject(ctx, seg.end, cue):
            # '"Nobody asked us," Tom Reyes, founder of the Civic Research Center, told
            # reporters': the speaker with an apposition as long as it likes (not 'In
            # "Small Hours," Ana Ruiz, a novelist who ..., writes': a title)
            return True
    else:
        between = ctx.text[cue.idx + len(cue.text):seg.start]
    return word_count(between) <= 6 and "." not in between.replace("Mr.", "").replace("Ms.", "")


def _named_thing(ctx: Context, seg: Segment) -> bool:
    """Whether the parse hangs the quote ``seg`` on a word outside it as a preposition's
    object or a noun's name: a title or a slogan ('In "Small Hours,"', 'under the slogan
    "Bread First,"'), not words said."""
    inside = [t for t in _tokens_between(ctx.doc, seg.start + 1, seg.end)
              if not t.is_punct]
    return any(not (seg.start <= t.head.idx < seg.end)
               and t.dep_ in ("pobj", "appos", "compound", "nmod") for t in inside)


def _only_the_subject(ctx: Context, start: int, cue: Token) -> bool:
    """Whether all that stands between ``start`` and ``cue`` is the cue's subject phrase
    (a name and its apposition) and punctuation."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > cue.i or subject.left_edge.idx < start:
        return False  # (not 'One of them, a "harm reduction coordinator" at X, told')
    doc = cue.doc
    inside = {t.i for t in subject.subtree}
    words = [t for t in _tokens_between(doc, start, cue.idx)
             if not (t.is_punct or t.is_space)]
    return bool(words) and all(t.i in inside for t in words)


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """The tokens that begin at ``start`` or after and before ``end``, found by offset
    rather than by a walk over the whole document (this runs once a quote)."""
    span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    if span is None or not len(span):
        return []
    first = span.start + (span[0].idx < start)  # (a token begun before ``start`` is not)
    return list(doc[first:span.end])


def _hands_over(ctx: Context, cue: Token, seg: Segment) -> bool:
    """Whether ``cue`` opens the quote ``seg`` with a comma or a colon after a few words of
    its clause ("writes back, "...", "told the paper: "...")."""
    if any(cue.idx < other.start and other.end <= seg.start for other in ctx.segments):
        return False  # 'X told reporters: "We won." "It was hard," Y said': the first only
    between = ctx.text[cue.idx + len(cue.text):seg.start].strip()
    return (between.endswith((",", ":")) and word_count(between) <= 6
            and not ends_sentence(between + " " + ctx.text[seg.start]))


def _segment_after(ctx: Context, offset: int) -> Segment | None:
    """The first quote that opens after ``offset``: the only one a cue there can hand over
    to (:func:`_hands_over`)."""
    i = bisect_right(ctx.seg_starts, offset)
    return ctx.segments[i] if i < len(ctx.segments) else None


def _quoted_words(ctx: Context, seg: Segment) -> str:
    """The quote as written, up to its last word or punctuation: without closing marks."""
    return ctx.text[seg.start:seg.end].rstrip(CLOSING_MARKS + " ")


def _ends_with_full_stop(ctx: Context, seg: Segment) -> bool:
    """Whether the quote's words end with a full stop ('"... campaign."')."""
    return _quoted_words(ctx, seg).endswith(".")


def _closed_quote_between(ctx: Context, start: int, seg: Segment) -> bool:
    """Whether a quote after ``start`` ends its sentence right before ``seg`` opens: in
    'X added: "We grow." "We are watching," the ministry said.' X's cue is not the second
    quote's, though nothing outside the quotes ends a sentence between them."""
    return any(
        start < other.start and other.end <= seg.start
        and (
            (_quoted_words(ctx, other).endswith((".", "?", "!"))
             and not ctx.text[other.end:seg.start].strip())
            # the stop outside the marks, as British copy puts it: 'were "unrealistic". "We'
            or ctx.text[other.end:seg.start].strip() in (".", "?", "!")
        )
        for other in ctx.segments
    )


def _reports_own_clause(ctx: Context, cue: Token) -> bool:
    """Whether ``cue`` governs a clause of its own after it, outside quotes."""
    return any(c.dep_ == "ccomp" and c.i > cue.i and ctx.in_segment(c.idx) is None
               for c in cue.children)


def _reports_own_sentence(ctx: Context, seg: Segment, cue: Token) -> bool:
    """Whether ``cue`` opens a sentence after the quote ends it and reports that sentence's
    own words: '"...campaign." Lind said the plan would fail, according to press reports.',
    '"...much." According to the agency, the plane flew ...'."""
    if cue.sent.start == 0 or ctx.doc[cue.sent.start].idx < seg.end:
        return False
    content = indirect_content(ctx, cue)
    return content is not None and content[0] >= seg.end


def _set_scene(ctx: Context, start: int, end: int) -> bool:
    """Whether the words between a finished quote and a later cue open a sentence of their
    own with a phrase set off by a comma ("In a later vote, X warned", "Later, X said"): a
    new scene, not the quote's attribution."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    words = [t for t in span or () if not (t.is_punct or t.is_space)]
    return bool(words) and words[0].pos_ in ("ADP", "ADV", "SCONJ") and any(
        t.text == "," for t in span or ())


def nearest_cue(ctx: Context, seg: Segment, cues: list[Token]) -> Token | None:
    """The closest cue in the same sentence as the quote (a cue ends no other sentence)."""
    best: Token | None = None
    best_distance = 0
    # a sentence after the quote whose cue reports its own words is a sentence of its own: no
    # later cue in it ('"..." According to X, talks will continue') is the quote's either
    finished = _ends_with_full_stop(ctx, seg)
    own = min((ctx.doc[c.sent.start].idx for c in cues
               if c.idx >= seg.end and _reports_own_sentence(ctx, seg, c)),
              default=None) if finished else None
    # a quote that closes a sentence a cue before it opened ('X said that she had "grave
    # doubts."') is that cue's; the next sentence's verb ("In a later vote, she warned of
    # ...") does not reach back over the sentence end
    opened = ctx.analysis.sentence_index(seg.start + 1)
    closed = ctx.analysis.sentence_index(seg.end - 1)
    embedded = finished and any(c.idx < seg.start and ctx.analysis.sentence_index(c.idx) == opened
                                for c in cues)
    # a quote that carries on the speech of an earlier one in its paragraph
    carried_on = finished and any(
        other.end <= seg.start and other.paragraph == seg.paragraph for other in ctx.segments)
    contact: Token | None = None
    handed_over = any(c.idx < seg.start and _hands_over(ctx, c, seg) for c in cues)
    for cue in cues:
        if cue.lower_ == "according" and _reported_by_cue_above(cue, cue.sent.start):
            continue  # 'X said the plan was "dead", according to Reuters' is X's quote
        if embedded and cue.idx >= seg.end and ctx.analysis.sentence_index(cue.idx) > closed:
            continue
        if cue.idx >= seg.end:
            if (cue.dep_ == "relcl" and ctx.in_segment(cue.head.idx) is seg
                    and any(c.tag_ in ("WDT", "WP") for c in cue.children)):
                # '"... search them for records" that would respond to requests, X wrote':
                # a relative clause on a quoted noun goes on with the quote; it reports nothing
                continue
            if finished and (_reports_own_clause(ctx, cue) or (own is not None and cue.idx >= own)):
                continue  # '"...campaign." Kasich said he would ...' is not the quote's cue
            if handed_over and (after := _segment_after(ctx, cue.idx)) is not None and (
                    _hands_over(ctx, cue, after)):
                # 'Ann replies to Bo with, "Why now?" Bo then writes back, "..."': each cue
                # hands over to the quote after it
                continue
            # with the quote's closing mark, which a sentence end ('…issue." The') follows
            between = ctx.text[seg.end - 1] + outside_text(ctx, seg.end, cue.idx)
            if carried_on and ctx.analysis.sentence_index(cue.idx) > closed and _set_scene(
                    ctx, seg.end, cue.idx):
                # '"...," Ada Lind said. "It is a betrayal." In a later vote, Tom Reyes warned
                # ...': the quote goes on with the paragraph's speaker ('"..." Outside the
                # hall, Tom Reyes told reporters.' opening a paragraph is his)
                continue
        elif cue.idx < seg.start:
            between = outside_text(ctx, cue.idx, seg.start)
            # with the quote's opening mark, which a sentence end ('said. "More') precedes
            if ends_sentence(between + ctx.text[seg.start]) or _closed_quote_between(
                ctx, cue.idx, seg
            ):
                continue
            if (cue.dep_ == "relcl" and cue.head.i < cue.i
                    and any(c.dep_ in _SUBJECT_DEPS for c in cue.children)
                    and not any(c.tag_ in ("WDT", "WP", "WP$") or c.lower_ == "that"
                                for c in cue.children)):
                # 'Nothing the president said "will assuage fears," X said': what was said is
                # the noun before; the quote goes on with the sentence, not with those words
                # (the quote's cue only when no other is)
                contact = contact or cue
                continue
        else:
            continue
        if ends_sentence(between):
            continue
        distance = word_count(between)
        if best is None or distance < best_distance or (
                distance == best_distance and cue.idx >= seg.end
                and _quoted_words(ctx, seg).endswith(",")):
            # a quote that closes on a comma hands over to the cue after it: 'Y cannot claim
            # that "...," X added' is X's
            best, best_distance = cue, distance
    return best or contact


# Verbs of speaking that carry no words of their own ("X talked about the closure.", "X
# spoke to reporters."): a quote opening the next sentence is what was said.
_SPOKE_VERBS = frozenset({"talk", "speak", "reflect", "muse"})


def spoke(tok: Token) -> bool:
    """Whether ``tok`` is a sentence's main verb saying that someone spoke, with a subject
    and no words reported ("Mara Quinn talked about the closure on Tuesday.", "X spoke to
    reporters."; not "X did not speak", "X spoke of wanting to ...", "It talks about ...").
    Not the interview's frame, whose words may be either side's: "I spoke to X", "The
    Guardian spoke to X", "X spoke with her lawyer" (only an audience after "to" or "with":
    reporters, a crowd, an outlet)."""
    if (tok.lemma_.lower() not in _SPOKE_VERBS or tok.pos_ != "VERB" or tok.dep_ != "ROOT"
            or any(c.dep_ in ("neg", "ccomp", "xcomp") for c in tok.children)):
        return False
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if (subject is None or subject.lower_ in _NOT_SPEAKERS or subject.ent_type_ == "ORG"
            or any(w.lemma_.lower() in _REPORTERS for w in subject.subtree
                   if w.i <= subject.i or w.dep_ in ("compound", "appos"))):
        # (and a named reporter: "BBC correspondent Jane Porter", "Jane Porter, a BBC
        # reporter,")
        return False
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
            heard = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if heard is None or not (heard.lemma_.lower() in _AUDIENCES
                                     or heard.ent_type_ == "ORG") or (
                    heard.lemma_.lower() == "member" and not _members_of_a_body(heard)):
                return False
    return True


# Members who are an audience: a party's or a council's, not a family's or the public's.
_BODIES_OF_MEMBERS = frozenset(
    "party council committee parliament board union club press media medium congress senate "
    "house assembly cabinet".split())


def _members_of_a_body(members: Token) -> bool:
    """Whether "members" are a body's, by their own modifier or "of" object ("party
    members", "members of the council", "members of the media"), not a family's ("family
    members of the council worker who died")."""
    words = [c for c in members.children if c.dep_ in ("compound", "amod", "nmod")]
    for prep in members.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            body = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if body is not None:
                words += [body, *(c for c in body.children if c.dep_ in ("compound", "amod"))]
    lemmas = {w.lemma_.lower() for w in words}
    return "family" not in lemmas and bool(lemmas & _BODIES_OF_MEMBERS)


_NOT_SPEAKERS = frozenset(
    {"it", "this", "that", "which", "who", "nobody", "none", "i", "we", "you"})
# Who gathers the words, not who says them: "Our reporter spoke to villagers".
_REPORTERS = frozenset(
    "reporter journalist correspondent interviewer newspaper paper outlet channel".split())
# Whom one speaks to without answering back in the quote: "spoke to reporters" (not
# "spoke to residents", whose words may be the quote).
_AUDIENCES = frozenset(
    "reporter journalist press media crowd supporter audience delegate parliament congress "
    "senate assembly conference rally gathering meeting hearing member council committee "
    "graduate".split())


def asked_one(cue: Token) -> Token | None:
    """Who "was asked about" something, in the sentence before a quote: the one answering
    it ("The minister was asked about the delay. "It is not acceptable.""). Not one "asked a
    question", which may be the quote itself, nor one "asked to leave"."""
    if cue.lemma_.lower() != "ask" or any(
            c.dep_ in ("dobj", "dative", "oprd", "xcomp") for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "nsubjpass"), None)


def is_question(ctx: Context, seg: Segment) -> bool:
    """Whether the quote ``seg`` ends on a question: after "X spoke at the rally." or "X was
    asked about it.", a question is the heckler's or the asker's, not X's (not "Who could
    have predicted this? Nobody did.", X's answer to their own question)."""
    return ctx.text[seg.start:seg.end].rstrip(CLOSING_MARKS + " ").endswith("?")


def previous_sentence_cue(ctx: Context, seg: Segment, cues: list[Token]) -> Token | None:
    """The last cue of the sentence just before the quote, in its paragraph: the speaker
    of a quote that opens the sentence after ``X said at the rally.``."""
    # the parse may leave the opening mark at the end of the sentence before
    sentence = ctx.analysis.sentence_index(seg.start + 1)
    before = [c for c in cues if c.idx < seg.start
              and ctx.analysis.sentence_index(c.idx) >= sentence - 1]
    if before:
        return before[-1]
    # or the verb of one who made the statement that follows: 'X's lawyer had a shorter
    # statement after the ruling. "..."'
    ps = ctx.paragraphs[seg.paragraph][0]
    span = ctx.doc.char_span(ps, seg.start, alignment_mode="contract")
    if span is None or not ctx.text[ps:seg.start].rstrip().endswith("."):
        return None
    for tok in reversed(span):
        if ctx.analysis.sentence_index(tok.idx) < sentence - 1:
            break
        if spoke(tok) and ctx.in_segment(tok.idx) is None and not is_question(ctx, seg):
            return tok
        verb = tok.head
        if (tok.lemma_.lower() in ("statement", "comment", "response") and tok.dep_ == "dobj"
                and verb.lemma_.lower() in _MADE_A_STATEMENT
                and ctx.in_segment(verb.idx) is None
                and any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
                # "X had no comment.", "X did not give a statement", "Neither X nor Y had any
                # comment": nobody said anything
                and not any(c.dep_ == "neg" or c.lower_ in ("no", "any", "neither")
                            for c in verb.subtree)):
            return verb
    return None


# How someone worded what follows, set off by a comma: "As Churchill once put it,", "as one
# engineer phrased it,", "as the report summed it up,".
_AS_PUT = re.compile(r"\b[Aa]s\b[^.,;:!?]{1,80}?\b(?:put|phrased|summed) (?:it|things)"
                     r"(?: up)?,$")


def colon_cue(ctx: Context, seg: Segment) -> Token | None:
    """``X put it simply: "..."``: the verb of the clause handing over with a colon (or
    with a comma after the text that holds the words: ``X issued a statement, "..."``, or
    after how X worded them: ``As X once put it, "..."``)."""
    ps = ctx.paragraphs[seg.paragraph][0]
    before = ctx.text[ps:seg.start].rstrip()
    if not before.endswith((":", ",")):
        return None
    span = ctx.doc.char_span(ps, ps + len(before), alignment_mode="expand")
    if span is None or len(span) < 2:
        return None
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    if (before.endswith(",") and words[-1].lemma_.lower() not in SPEECH_NOUNS
            and _AS_PUT.search(before) is None):
        # a comma hands over only after the text that holds the words: "X issued a
        # statement, "..."", or after how X worded them: "As X once put it, "...""
        return None
    tok: Token = words[-1]
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECT_DEPS for c in tok.children):
            return tok
        if tok.head.i == tok.i or ctx.in_segment(tok.head.idx) is not None:
            break
        tok = tok.head
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP + ".":
        end -= 1
    return start, end


def _names_someone(tok: Token) -> bool:
    """A person (or a name the recogniser left unlabelled), not an outlet or a common noun
    ("Bloomberg reports ..., according to the Roper Center", "the campaign")."""
    # the recogniser leaves many names unlabelled or calls them organisations; a name with a
    # role in apposition ("Ada Lind, the harbour minister,") is a person's
    return (tok.ent_type_ == "PERSON" or tok.lower_ in ("he", "she")
            or (tok.pos_ == "PROPN" and (not tok.ent_type_ or any(
                c.dep_ == "appos" and c.pos_ == "NOUN" for c in tok.children)))
            # a role with the name in apposition: "His campaign manager, Ada Lind, says"
            or (tok.pos_ == "NOUN" and any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in tok.children)))


def _hung_on_an_appositive(cue: Token) -> bool:
    """Whether ``cue`` closes its sentence as a relative clause, without a relative pronoun,
    of a noun the parse hung on the clause before its comma: "..., the charity ClearSpring
    said."."""
    head = cue.head
    doc = cue.doc
    last = max((t.i for t in cue.sent if not t.is_punct and not t.is_space), default=cue.i)
    return (cue.dep_ == "relcl" and head.dep_ in ("appos", "npadvmod") and head.i < cue.i
            and head.left_edge.i > cue.sent.start and doc[head.left_edge.i - 1].text == ","
            and cue.right_edge.i >= last
            and any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in cue.children)
            and not any(c.tag_ in ("WDT", "WP", "WP$") for c in cue.children))


def _closes_as_adverbial(cue: Token) -> bool:
    """Whether ``cue`` closes its sentence after a comma as an adverbial clause or a
    conjunct, with a subject of its own right after the comma and nothing it says ("...,
    the school has announced."; not "..., as the bank announced", "..., and she said so")."""
    doc = cue.doc
    last = max((t.i for t in cue.sent if not t.is_punct and not t.is_space), default=cue.i)
    subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
    if (cue.dep_ not in ("advcl", "conj") or cue.head.i > cue.i or cue.right_edge.i < last
            or len(subjects) != 1 or any(c.dep_ in ("mark", "advmod", "dobj", "ccomp", "xcomp")
                                         for c in cue.children)):
        return False
    # the subject opens the clause right after a comma (a phrase the parse moved onto the
    # cue before it, "with Fridays used for clubs", is the statement's)
    before = subjects[0].left_edge.i - 1
    return before > cue.sent.start and doc[before].text == ","


def _reported_by_cue_above(cue: Token, first: int) -> bool:
    """Whether ``cue`` is "according to" a news organisation and a named speaker's verb,
    from token ``first`` on, governs it: "Lind said the talks had failed, according to
    Belga" (not "three in four say ..., according to the survey": the survey is a text)."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    outlet = _object_of_to(to) if to is not None else None
    if (outlet is None or outlet.lemma_.lower() in DOCUMENT_NOUNS
            or not any(t.ent_type_ == "ORG" for t in outlet.subtree)):
        return False
    return any(
        head.i >= first and head.lower_ != "according" and is_cue(head)
        and head.lemma_.lower() not in _INDIRECT_ONLY_WITH_DIRECT
        and any(c.dep_ in _SUBJECT_DEPS and _names_someone(c) for c in head.children)
        for head in cue.ancestors
    )


def _reports_speech_of_its_own(clause: Token) -> bool:
    """Whether ``clause`` is a speech verb with a subject and a reported clause of its own."""
    return (is_cue(clause) and clause.lower_ != "according"
            and any(c.dep_ in _SUBJECT_DEPS for c in clause.children)
            and any(c.dep_ == "ccomp" and c.i > clause.i for c in clause.children))


# What one tells rather than whom: "told the story he had heard", "told a joke he loved".
_THINGS_TOLD = frozenset(
    "story stories truth lie lies joke jokes tale tales news secret secrets anything something "
    "everything nothing one everyone anyone".split())
_SUBJECT_PRONOUNS = frozenset("he she they we i it".split())


# Verbs whose object a relative clause leaves out: "told the contractors he had hired to
# finish", "the man she loved", "everyone he knew".
_GAP_VERBS = frozenset(
    "hire appoint love meet marry adopt know employ raise train recruit choose select pick "
    "invite trust like".split())


def _relative_with_a_gap(rel: Token) -> bool:
    """Whether a clause on the one told is a true relative clause, the listener its missing
    object, and no report: "the contractors he had hired to finish the bridge" (a "to"
    clause of its own), "the staff he had appointed" (a verb that leaves out its object)."""
    children = list(rel.children)
    # (a "that" clause of its own is more often the report within the report: "told friends
    # she trusted that the judge would be fair")
    return (any(c.dep_ == "xcomp" for c in children)
            or (rel.lemma_.lower() in _GAP_VERBS and not any(c.dep_ in ("dobj", "ccomp")
                                                             for c in children)))


def _own_clause_end(clause: Token) -> int:
    """The last token of ``clause`` itself: its subtree up to a clause joined to it with a
    subject of its own ("..., and aid groups warn that ...") or a semicolon; a relative
    clause ends where it does ("who according to aides is furious about the leak, said")."""
    doc = clause.doc
    last = clause.right_edge.i
    for c in clause.children:
        if c.dep_ == "conj" and c.i > clause.i and any(
                d.dep_ in _SUBJECT_DEPS for d in c.children):
            last = min(last, c.left_edge.i - 1)
    last = next((t.i - 1 for t in doc[clause.i:last + 1] if t.text == ";"), last)
    while last > clause.i and (doc[last].is_punct or doc[last].dep_ == "cc"
                               or doc[last].is_space):
        last -= 1
    return last


def _prepositional_objects(prep: Token, depth: int = 3) -> list[Token]:
    """The objects of ``prep`` and of the prepositions hung on them, ``depth`` deep: "on air
    of the national telethon", "at a meeting of the council"."""
    objects = [obj for obj in prep.children if obj.dep_ == "pobj"]
    if depth > 1:
        objects += [deeper for obj in list(objects) for inner in obj.children
                    if inner.dep_ == "prep" for deeper in _prepositional_objects(inner, depth - 1)]
    return objects


def _opens_on_complementiser(clause: Token, relative_too: bool = False) -> bool:
    """Whether a clause the parse hung on a noun as a relative one opens on a "that" it
    tagged a complementiser, whatever the dependency it gave it ("said at a meeting of the
    council that prices would fall"; the relative "the school that he built" is a WDT);
    ``relative_too``, after "said" or "told" with no complement of their own, also a "that"
    it made the clause's object, whatever its tag: "said on air of the national telethon
    that the region had applied for a loan" (a relative with a subject of its own, "said in
    a report that it published", is rarer after them than the report it mistakes)."""
    first = clause.left_edge
    return first.lower_ == "that" and (first.tag_ == "IN" or (
        relative_too and first.dep_ == "dobj")) and first.i < clause.i and any(
        c.dep_ in _SUBJECT_DEPS and c.lower_ != "that" for c in clause.children)


_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _that_as_determiner(cue: Token, comp: Token) -> bool:
    """Whether the clause ``comp`` after ``cue`` is no report: a clause whose "that" is a
    determiner of a singular or mass noun after a participle, the clause holding the
    sentence's one finite verb ("Evidence confirming that thesis is now everywhere."). Not
    "that voters moved right" ("that" never goes with a plural), nor "A report concluding
    that pollution caused the deaths was released", whose clause the parse hangs the main
    verb on: a "that" thesis has one verb, a reported clause and its sentence two."""
    first = comp.left_edge
    doc = cue.doc
    if not (cue.tag_ in ("VBG", "VBN") and cue.dep_ == "acl" and first.lower_ == "that"
            and first.i == cue.i + 1 and first.i + 1 < len(doc)):
        return False
    noun = doc[first.i + 1]
    owner = cue.head
    finite = [t for t in cue.sent if t.tag_ in _FINITE_TAGS]
    # the participle's noun has no verb of its own: the clause's verb is the sentence's
    return (noun.tag_ == "NN" and noun.dep_ in _SUBJECT_DEPS and noun.head == comp
            and owner.dep_ in ("ROOT", "npadvmod", "nsubj") and len(finite) == 1
            and comp.left_edge.i <= finite[0].i <= comp.right_edge.i)


def _main_verb_swallowed(cue: Token, comp: Token) -> int:
    """Where the sentence's own verb starts inside the clause ``comp`` of a participle on a
    noun the parse made the root: "A report concluding that pollution caused the deaths was
    released by the ministry" hangs "(the deaths) was released" on "caused"; the report ends
    before "was". Past the clause's end when there is none."""
    beyond = comp.right_edge.i + 1
    if not (cue.dep_ == "acl" and cue.head.dep_ == "ROOT" and cue.head.pos_ == "NOUN"):
        return beyond
    for verb in comp.subtree:
        if (verb.dep_ != "ccomp" or verb.i <= comp.i
                or any(c.dep_ == "mark" for c in verb.children)
                or not any(c.dep_ in _SUBJECT_DEPS and c.i > comp.i for c in verb.children)):
            continue
        finite = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass")
                  and c.tag_ in _FINITE_TAGS]
        if finite:
            return finite[0].i
    return beyond


def _content_span(ctx: Context, first: int, last: int) -> tuple[int, int] | None:
    """Tokens ``first`` to ``last`` as a trimmed character range, or None when it is empty or
    shorter than three words."""
    if last < first:
        return None
    doc = ctx.doc
    start, end = _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last].text))
    return (start, end) if word_count(ctx.text[start:end]) >= 3 else None


def indirect_content(ctx: Context, cue: Token) -> tuple[int, int] | None:
    """Content of the reported statement governed by ``cue``, as a character range."""
    doc = ctx.doc
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        if to is None or cue.dep_ != "prep":
            return None
        clause = cue.head
        sent = clause.sent
        phrase_first = cue.i
        phrase_last = max(to.right_edge.i, _title_and_author_end(ctx, to))
        if phrase_first <= sent.start + 1:  # "According to X, content."
            first, last = phrase_last + 1, sent.end - 1
            if ctx.text[doc[first].idx:doc[last].idx + len(doc[last].text)].rstrip().endswith(":"):
                return None  # "According to X, now a senator, Ana Lux:" hands over to a quote
        elif clause.i > phrase_last:
            # "One winter, according to X, Voss sat ...", "The mayor, according to aides, will
            # resign": the clause's verb and what it states come after the phrase (PolNeAR
            # gives both parts; a quote is one range, and the part after says more)
            first, last = phrase_last + 1, _own_clause_end(clause)
            while first < last and (doc[first].is_punct or doc[first].is_space):
                first += 1
        else:  # "content, according to X."
            first, last = sent.start, phrase_first - 1
            if _reported_by_cue_above(cue, first):
                # "X said ..., according to Reuters": the outlet carried X's words; the cue
                # above reports them, with X as the speaker
                return None
        if last < first:
            return None
        start, end = _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last].text))
        dateline = DATELINE.match(ctx.text, start, end)
        start = dateline.end() if dateline is not None and first == sent.start else start
        return (start, end) if word_count(ctx.text[start:end]) >= 3 else None
    if cue.lemma_.lower() in _INDIRECT_ONLY_WITH_DIRECT:
        return None
    if _owned_saying(cue):
        # "her claim that she "never sent" it": the clause, from its "that"
        said_clause = _saying_clause(cue)
        assert said_clause is not None
        first, last = said_clause.left_edge.i, said_clause.right_edge.i
        verb = cue.head
        if cue.dep_ in _SUBJECT_DEPS and first < verb.i <= last:
            # "The victim's accusation that he struck her was upheld": the parse took the
            # sentence's own verb into the clause; the clause ends before it
            last = min([verb.i] + [c.i for c in verb.children
                                   if c.dep_ in ("aux", "auxpass", "neg") and c.i > cue.i]) - 1
        return _content_span(ctx, first, last)
    own_words = _in_own_words(cue)
    for_the_named = not own_words and _for_the_named(cue)
    if own_words or for_the_named or _as_noted(cue):
        # "In her words, the stock would last." / "As Lind noted, the stock would last." /
        # "For the economist Lind, the stock would last.": the sentence after the phrase's
        # comma
        opening_end = (cue.head.right_edge if own_words else cue.right_edge if for_the_named
                       else _as_noted_comma(cue))
        if opening_end is None or any(
                is_cue(t) and any(c.dep_ in _SUBJECT_DEPS for c in t.children)
                for t in doc[opening_end.i + 1:cue.sent.end]):
            # (not a sentence with a speaker of its own: "As Reyes noted, Hall said the plan
            # had failed" is Hall's)
            return None
        first, last = opening_end.i + 1, cue.sent.end - 1
        while first < last and (doc[first].is_punct or doc[first].is_space):
            first += 1
        return _content_span(ctx, first, last)
    if 0 < cue.i < len(doc) - 1 and doc[cue.i - 1].text == "(" and doc[cue.i + 1].text == ")":
        return None  # "a déclaré (declared)": a gloss of the verb beside it, with no clause
    complements = [c for c in cue.children if c.dep_ in ("ccomp", "parataxis") and c.i != cue.i]
    complements = [c for c in complements if c.dep_ == "ccomp" or c.i < cue.i]
    if cue.lemma_.lower() == "ask" and (cue.tag_ == "VBN" or cue.dep_ == "advcl"):
        # "When asked why, Lind replied: ...": the parse makes the answer's clause what was
        # asked; a speech verb with a subject of its own is the sentence's, not the question
        # (not one a yes-or-no question holds: "Asked whether Lind told him the plan was
        # dead, Hale said no" asks about Lind's words, which nobody reports; "asked why Lind
        # said it" takes them as said)
        complements = [c for c in complements if not (is_cue(c) and any(
            d.dep_ in _SUBJECT_DEPS for d in c.children) and not any(
            d.dep_ == "mark" and d.lower_ in ("whether", "if") for d in c.children))]
    # "A and B said they would; C said she would not": the parse hangs the first report on
    # the second, but a semicolon ends what C reports
    complements = [c for c in complements if c.i > cue.i or not any(
        t.text == ";" for t in doc[c.right_edge.i + 1:cue.i])]
    # "Lind's resignation — revealed two days before the deadline — has angered ...": after
    # a cue set off by a dash, a clause with no subject of its own that opens on an
    # auxiliary is the sentence's own predicate, which the parse hung on the cue
    # "At the opening, engineer Ada Lind, who built it, said: ...": with no subject for the
    # cue, a clause before it with no subject of its own is the speaker's phrase, which the
    # parse took for a verb ("engineer") and hung on the cue as what was said
    if not any(c.dep_ in _SUBJECT_DEPS for c in cue.children):
        complements = [c for c in complements if c.i > cue.i or any(
            d.dep_ in _SUBJECT_DEPS or d.dep_ in ("expl", "csubj") for d in c.children)]
        # "The row began after Lind, asked about the cuts, had said ...": a clause before
        # the cue that holds the name set off before it, opening the sentence or a clause of
        # "after", "when" ..., holds the speaker, not her words (not "The emails were
        # stored, Lind, the under secretary, wrote", whose name ends what she wrote)
        speaker = _name_before_interrupter(ctx, cue)
        if speaker is not None:
            left = min(t.i for t in speaker.subtree if t.i <= speaker.i)
            if left == cue.sent.start or doc[left - 1].lower_ in _SUBORDINATORS:
                complements = [c for c in complements if c.i > cue.i
                               or not c.left_edge.i <= speaker.i <= c.right_edge.i]
    if cue.i > 0 and doc[cue.i - 1].text in ("—", "–", "--"):
        complements = [c for c in complements if c.i < cue.i or c.left_edge.pos_ != "AUX"
                       or any(d.dep_ in _SUBJECT_DEPS or d.dep_ in ("expl", "csubj")
                              for d in c.children)]
    if not complements and cue.lemma_.lower() in _PROMISE_VERBS:
        # "promised to lift regulations", "told them to leave"
        complements = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if not complements and cue.lemma_.lower() in _ADVICE_VERBS:
        # "advises feeding it once a day", "suggests roasting them": the advice is the
        # gerund's clause
        complements = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i
                       and c.tag_ == "VBG"]
    if not complements:
        # "said outside the courthouse that he had lost ...", "told the programme that lists
        # had fallen", "said in a statement that ...": the parse hangs the clause on the
        # place, the listener or the text as a relative clause or a noun's complement, but its
        # "that" marks the cue's complement
        objects = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i] + [
            obj for prep in cue.children if prep.dep_ == "prep" and prep.i > cue.i
            for obj in _prepositional_objects(prep)]
        complements = [c for obj in objects for c in obj.children if c.dep_ in ("relcl", "acl")
                       and (_marked_that(c) or _opens_on_complementiser(c)
                            or (cue.lemma_.lower() in ("say", "tell")
                                and _opens_on_complementiser(c, relative_too=True)))]
    if not complements and cue.lemma_.lower() == "tell":
        # "told the inquest he had checked his mirrors": with no "that", the parse may make
        # the report a relative clause of the listener; one whose subject is a pronoun and
        # that has no relative word is the report ("told the story he had heard" has its
        # thing told as the object)
        complements = [
            rel for obj in cue.children if obj.dep_ == "dobj" and obj.i > cue.i
            and obj.lower_ not in _THINGS_TOLD
            for rel in obj.children if rel.dep_ == "relcl" and rel.i > obj.i
            and rel.left_edge.lower_ in _SUBJECT_PRONOUNS
            and rel.left_edge.dep_ in ("nsubj", "nsubjpass")
            and not any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in rel.subtree)
            and not _relative_with_a_gap(rel)]
    if not complements and cue.dep_ == "parataxis" and cue.head.i > cue.i - 40:
        # "That's why, he argued, the party should be prepared": the clause around the cue
        head = cue.head
        # the clause up to a speaker set off before the cue (:func:`_set_off_speaker`)
        set_off = _set_off_speaker(ctx, cue)
        last = set_off.left_edge.i - 2 if set_off is not None else head.right_edge.i
        start, end = _trim(
            ctx.text, doc[head.left_edge.i].idx, doc[last].idx + len(doc[last].text),
        )
        return (start, end) if word_count(ctx.text[start:end]) >= 5 else None
    if not complements and _hung_on_an_appositive(cue):
        # "Millions lack water, the charity ClearSpring said in a report.": the parse makes
        # the cue a relative clause of "the charity", hung on the clause before
        first, last = cue.sent.start, cue.head.left_edge.i - 2
        return _content_span(ctx, first, last)
    if not complements and _closes_as_adverbial(cue):
        # "Royalties will rise from next year, the ministry announced on Monday.": the parse
        # makes the cue an adverbial clause of the statement before its comma
        subject = next(c for c in cue.children if c.dep_ == "nsubj")
        first, last = cue.sent.start, subject.left_edge.i - 1
        while last >= first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last < first:
            return None
        start, end = _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last].text))
        dateline = DATELINE.match(ctx.text, start, end)
        start = dateline.end() if dateline is not None else start
        return (start, end) if word_count(ctx.text[start:end]) >= 3 else None
    if not complements:
        return None
    comp = complements[0]
    if comp.i > cue.i and _that_as_determiner(cue, comp):
        return None
    if comp.i > cue.i and cue.lemma_.lower() == "report" and _reports_speech_of_its_own(comp):
        # "The board reported that its chairwoman had told members rents were ...": the
        # inner cue reports what was said, by whom; the outer one only carried it. (After
        # "X said" or "X noted", PolNeAR's annotators give the words to X: X's claim.)
        return None
    first, last = comp.left_edge.i, comp.right_edge.i
    if comp.i > cue.i:
        # "said that ..." keeps the complementiser, as the annotations do
        mark = next((c for c in comp.children if c.dep_ == "mark" and c.i < comp.i), None)
        first = min(first, mark.i) if mark is not None else first
        first = max(first, cue.i + 1)
        # "said the treaty had no clause, adding: ...": the participle reports speech of its own
        last = min([last] + [c.left_edge.i - 1 for c in comp.children
                             if c.dep_ == "advcl" and c.i > comp.i and is_cue(c)])
        last = min(last, _main_verb_swallowed(cue, comp) - 1)
    else:
        last = min(last, cue.i - 1)
    if last < first:
        return None
    start, end = _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last].text))
    dateline = DATELINE.match(ctx.text, start, end) if first == cue.sent.start else None
    start = dateline.end() if dateline is not None else start  # "NAIROBI — Teachers ..."
    if word_count(ctx.text[start:end]) < 3:
        return None
    return start, end
