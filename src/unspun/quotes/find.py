"""The glue: :func:`find_quotes` walks the paragraphs and puts segments, cues and speakers together.

Direct quotes come first, paragraph by paragraph (a cue of their own, the quote before them,
or a speaker carried over from a colon or an earlier quote paragraph); then reported speech,
the complement of every cue, merged with the direct quotes inside it; last :func:`_build`
drops overlaps and turns the findings into :class:`~unspun.report.Quote` objects with
resolved speakers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from unspun.quotes.coref import PERSONAL_PRONOUNS, Coreference, phrase_gender, shipped_resolver
from unspun.quotes.cues import (
    SPEECH_VERBS,
    Attribution,
    asked_one,
    attribute,
    colon_cue,
    indirect_content,
    inverted_attribution,
    is_addressed,
    is_adjacent,
    is_cue,
    is_question,
    name_taken_for_object,
    nearest_cue,
    noun_cue,
    paragraph_cues,
    phrase_chars,
    previous_sentence_cue,
    spoke,
)
from unspun.quotes.kinds import ANONYMITY, PERSONAL_TITLES, speaker_kind, unlabelled_name
from unspun.quotes.names import first_name_gender
from unspun.quotes.segments import (
    CLOSING_MARKS,
    OPENING_MARKS,
    Context,
    Segment,
    find_segments,
    outside_words,
    split_paragraphs,
    word_count,
)
from unspun.quotes.speakers import (
    CALL_SIGN_WORDS,
    ORG_LABELS,
    POSSESSIVE_PRONOUNS,
    Cast,
    Resolver,
    fullest_name,
    fullest_or_own,
    generation_of,
    is_epithet,
    known_by_after,
    named_entities,
    person_like,
    resolve,
)
from unspun.report import Quote, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Span as TokenSpan
    from spacy.tokens import Token

    from unspun.nlp.pipeline import LanguageAnalysis
    from unspun.report import Entity

_SCARE_WORDS = 4
WRITER = "the writer"
"""The name of the writer's own voice ("I said", "we asked") when the article's author is
not known."""


def _title_case(text: str) -> bool:
    """A title ("Coastal Storms in a Warming Sea"): every long word capitalised."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(words) and len(text.split()) <= 12 and all(w[0].isupper() for w in words)


# Words that announce the title of a work: 'his book "The Long Road"', 'a film called "Dust"'.
_WORK_WORDS = frozenset(
    """book books novel memoir film movie documentary song album show series play poem
    essay article column op-ed headline report titled entitled called named dubbed""".split()
)


# A work's credit right after its title: '"Night Shift" actress Ada Lutz', '"Morning Desk" host
# Tim Grant': the quote is the work's title, not what the person said.
_CREDIT_AFTER = re.compile(
    r"[,]?\s+(?:co-)?(?:director|actress|actor|host|anchor|presenter|author|creator|producer|"
    r"showrunner|writer|star|singer|rapper|composer|editor|columnist|correspondent)s?\s+[A-Z]")


# A quote right after "according to" is a source's name: 'according to "The Long Road" by X'.
_ACCORDING_TO = re.compile(r"\baccording to(?: the)?\s*$", re.IGNORECASE)


def _names_a_work(text: str, start: int) -> bool:
    """Whether the word before the quote at ``start`` announces a work's title."""
    before = text[max(0, start - 30):start]
    words = before.split()
    return bool(words) and (words[-1].lower().strip(",:") in _WORK_WORDS
                            or _ACCORDING_TO.search(before) is not None)


_BYLINE = re.compile(r"By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}")
_QUESTION = re.compile(r"Q[:.]\s")
_ANSWER = re.compile(r"A[:.]\s+")
# A transcript's speaker label: "PRITCHARD: ...", "GETHIN PRICE: ..."
_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):\s+")
# A headline that quotes the interviewee: "'The river is not a drain': a council leader on ..."
_HEADLINE_QUOTE = re.compile(r"['‘][^'‘’\n]{3,}['’](?=:\s)")
_INTERVIEW_QUESTIONS = 2


def _interview_answers(ctx: Context) -> list[tuple[int, int, str, Attribution]]:
    """The answers of an interview ("Q: ..." and "A: ..." paragraphs, or a transcript's
    "NAME: ..." turns, two questions or labelled turns at least): the words of the person the
    introduction names first as a subject, with a headline that quotes them."""
    text = ctx.text
    starts = [ps for ps, _ in ctx.paragraphs]
    questions = [ps for ps in starts if _QUESTION.match(text, ps)]
    labelled = [ps for ps in starts if _LABEL.match(text, ps)]
    if len(questions) < _INTERVIEW_QUESTIONS and len(labelled) < _INTERVIEW_QUESTIONS:
        return []
    first_turn = min(questions + labelled)
    # The interviewee is the subject of the introduction ("Dr X has studied ... She spoke to
    # Y"), not the interviewer it names after "to" or "by".
    names = [e for e in ctx.analysis.entities if e.label == "PERSON" and e.end <= first_turn
             and ctx.in_segment(e.start) is None]
    heads = [(e, span) for e in names
             if (span := ctx.doc.char_span(e.start, e.end, alignment_mode="expand")) is not None]
    subjects = [(e, span) for e, span in heads if span.root.dep_ in ("nsubj", "nsubjpass")]
    # turns under initials ("JO: ..."): the person named before them with those initials,
    # not the writer of the byline, whose turns are the questions
    bylines = [(ps, pe) for ps, pe in ctx.paragraphs if _BYLINE.fullmatch(text, ps, pe)]
    initialled: dict[str, list[tuple[Entity, TokenSpan]]] = {}
    for e, span in heads:
        # nor the interviewer the introduction names after "to", "by" or "with"
        asks = span.root.dep_ == "pobj" and span.root.head.lower_ in ("to", "by", "with")
        if not asks and not any(ps <= e.start < pe for ps, pe in bylines):
            initials = "".join(w[0] for w in e.text.split()).upper()
            known = initialled.setdefault(initials, [])
            if all(k.text != e.text for k, _ in known):
                known.append((e, span))
    # a label whose turns are mostly questions is the interviewer's, whoever it names
    turns: dict[str, list[bool]] = {}
    for ps, pe in ctx.paragraphs:
        if ps >= first_turn and (label := _LABEL.match(text, ps)) is not None:
            turns.setdefault(label.group(1).replace(".", ""), []).append(
                text[ps:pe].rstrip().endswith("?"))
    asking = {initials for initials, ends in turns.items() if 2 * sum(ends) >= len(ends)}
    interviewee = subjects[0] if subjects else None
    own_words = {w.lower() for w in interviewee[0].text.split()} if interviewee else set()
    out: list[tuple[int, int, str, Attribution]] = []
    examiner = None
    in_court = interviewee is not None and _COURT.search(text, 0, first_turn) is not None
    for p, (ps, pe) in enumerate(ctx.paragraphs):
        if ps < first_turn:
            continue
        if in_court and (q := _QUESTION.match(text, ps)) is not None and q.end() < pe:
            # a trial transcript's questions are the examining lawyer's, named as the
            # subject of the lead-in ("Later, Tanaka turned to ...") or its "by"
            # ("The cross-examination by prosecutor X was sharper")
            examiner = _examiner(ctx, p, own_words) or examiner
            if examiner is not None:
                entity, span = examiner
                out.append((q.end(), pe, "direct", Attribution(
                    (entity.start, entity.end), _label_span(text, ps, q.end()), 0.8,
                    span.root.i)))
            continue
        m = _ANSWER.match(text, ps) if interviewee is not None else None
        speaker = interviewee
        if m is None and (label := _LABEL.match(text, ps)) is not None:
            initials = label.group(1).replace(".", "")
            if interviewee is not None and set(label.group(1).lower().split()) <= own_words:
                m = label  # the interviewee's own turn; the interviewer's are questions
            elif (holder := _office_holder(ctx, label.group(1), heads)) is not None:
                m, speaker = label, holder
            elif (len(initialled.get(initials, [])) == 1 and " " not in initials
                    and initials not in asking):
                m, speaker = label, initialled[initials][0]
            elif (holder := _role_holder(ctx, label.group(1), ps)) is not None:
                m, speaker = label, holder
        if m is None or speaker is None or m.end() >= pe:
            continue
        entity, span = speaker
        out.append((m.end(), pe, "direct", Attribution(
            (entity.start, entity.end), _label_span(text, ps, m.end()), 0.8, span.root.i)))
    title = _HEADLINE_QUOTE.match(text, ctx.paragraphs[0][0]) if ctx.paragraphs else None
    if title is not None and title.end() <= first_turn and interviewee is not None:
        entity, span = interviewee
        out.append((title.start(), title.end(), "direct", Attribution(
            (entity.start, entity.end), None, 0.7, span.root.i)))
    return out


def _label_span(text: str, start: int, end: int) -> tuple[int, int]:
    """A transcript turn's label ("HOST:", "Q.", "A:") as its cue: ``[start, end)`` without
    the space after it."""
    return start, start + len(text[start:end].rstrip())


# Words that set a Q./A. transcript in a courtroom, where the questions are a lawyer's words:
# an examination of the witness, not any court word ("Prosecutor Dan Cole once called her
# closing speeches theatre" before a Q&A interview with a defence lawyer).
_COURT = re.compile(
    r"\b(?:cross-examin\w*|(?:direct|redirect|re-direct|recross|re-cross) examination|"
    r"examination (?:by|of the (?:witness|defendant|accused))|"
    r"(?:examin|question)(?:ed|es|ing|s)? (?:the )?(?:witness|defendant|accused)|"
    r"(?:began|continued|resumed|opened) (?:his|her|their) (?:examination|questioning))\b"
    r"|\b(?-i:BY M(?:R|S|RS)\.)", re.IGNORECASE)
_EXAMINING = frozenset("examination cross-examination questioning".split())
_LEAD_IN = 2


def _examiner(ctx: Context, p: int, own: set[str]) -> tuple[Entity, TokenSpan] | None:
    """The lawyer who asks the questions from paragraph ``p`` on: the last person other than
    the witness that the paragraphs just before the block name as a subject, or after "by"
    an examination; None where the paragraph before is a turn (the block goes on)."""
    text = ctx.text
    lead: list[tuple[int, int]] = []
    for ps, pe in reversed(ctx.paragraphs[max(0, p - _LEAD_IN):p]):
        if _QUESTION.match(text, ps) or _ANSWER.match(text, ps):
            break
        lead.insert(0, (ps, pe))
    found = None
    for e in ctx.analysis.entities:
        if e.label != "PERSON" or not any(ps <= e.start < pe for ps, pe in lead):
            continue
        if ctx.in_segment(e.start) is not None or {w.lower() for w in e.text.split()} <= own:
            continue
        span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.dep_ == "nsubj" or (
                root.dep_ == "pobj" and root.head.lower_ == "by"
                and root.head.head.lower_ in _EXAMINING):
            found = (e, span)
    return found


# How near a role word stands to the name it introduces: "hosted by Jess Amadi", "Her
# guest this week is Harriet Olowe", "the farmer, Lars Everby,".
_ROLE_REACH = 40
# Labels a newsroom prints over its own copy, never a speaker's role ("UPDATE:", "VIDEO:").
_HEADING_LABELS = frozenset(
    "update updates video videos watch photo photos read more related breaking correction "
    "clarification note editor live analysis opinion listen background context latest "
    "warning".split())


def _role_holder(ctx: Context, label: str, before: int) -> tuple[Entity, TokenSpan] | None:
    """The person a transcript's role label ("HOST:", "GUEST:") names: the one person
    introduced before the turn with that role word right before the name ("hosted by X",
    "This week's guest, the restaurateur X", "the farmer, X,") or right after it ("X, the
    host"). None for a label of two words or more, a newsroom's heading ("UPDATE:"), one
    that is a name in the article, or a role the article gives two people. Where no one is
    so introduced before the turn, the one introduced so after the turns: a call's
    transcript may come first and the story name "The dispatcher, X," only later."""
    if " " in label or len(label) < 3 or label.lower() in _HEADING_LABELS:
        return None
    holder = _introduced_with_role(ctx, label.lower(), before)
    if holder is None:
        holder = _introduced_with_role(ctx, label.lower(), len(ctx.text), definite=True)
    return holder if isinstance(holder, tuple) else None


# Another call than the transcript's, told of beside a name: that call's people, not these.
_OTHER_CALL = re.compile(r"\b(?:second|another|other|later|earlier|next|separate|different|"
                         r"similar) call\b|\b(?:that|this) call,", re.IGNORECASE)


def _introduced_with_role(
    ctx: Context, role: str, before: int, definite: bool = False,
) -> tuple[Entity, TokenSpan] | bool | None:
    """:func:`_role_holder` among the people named before ``before``: False where the label
    is a name of the article's (no role then, wherever the search ends). ``definite``: only
    a name in apposition to "the" role ("The dispatcher, X," or "X, the dispatcher,"), as
    the search after the turns must be: "a dispatcher, X," is another case's, and in "praised
    the dispatcher, Sheriff X said" the name opens the reporting clause."""
    text = ctx.text
    # the role word, then at most a copula, an article and one descriptive word
    ahead = re.compile(rf"\b{re.escape(role)}(?:s|ed by)?,?(?: this week| today)?"
                       rf"(?: is| was)?(?: (?:the|a|an))?(?: [a-z-]+)? $")
    behind = re.compile(rf",? (?:the|a|an|its|our|their) (?:[a-z-]+ )?{re.escape(role)}\b")
    found: dict[str, tuple[Entity, TokenSpan]] = {}
    for e in ctx.analysis.entities:
        if e.label != "PERSON" or e.end > before or ctx.in_segment(e.start) is not None:
            continue
        if text.startswith(":", e.end) and (e.start == 0 or text[e.start - 1] == "\n"):
            continue  # a turn's label the recogniser took for a name ("HOST:")
        if role in (w.lower() for w in e.text.split()):
            return False  # "GRACE:" is Grace's label, not a role
        near = text[max(0, e.start - _ROLE_REACH):e.start]
        near = near[max(near.rfind(". "), near.rfind("\n")) + 1:]  # this sentence only
        if ahead.search(near) is None and behind.match(text, e.end, e.end + _ROLE_REACH) is None:
            continue
        if definite and not (
                (re.search(rf"\b[Tt]he {re.escape(role)}, $", near) and text.startswith(",", e.end))
                or re.match(rf", the {re.escape(role)},", text[e.end:e.end + _ROLE_REACH])):
            continue
        if definite and _OTHER_CALL.search(text, max(0, e.start - 2 * _ROLE_REACH),
                                           e.end + _ROLE_REACH):
            continue  # "A second call came in. The dispatcher, X, who took that call, ..."
        span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is not None:
            found[e.text.split()[-1]] = (e, span)
    # "hosted by Jess Amadi ... the host, Sam Roe": which one speaks is not said
    return next(iter(found.values())) if len(found) == 1 else None


# Titles of people who question a witness on the record: a hearing's members and chair.
_OFFICES = frozenset(
    "senator sen rep representative congressman congresswoman mp msp mla mep td councillor "
    "cllr chair chairman chairwoman".split())


def _office_holder(
    ctx: Context, label: str, heads: list[tuple[Entity, TokenSpan]],
) -> tuple[Entity, TokenSpan] | None:
    """The one person a transcript's surname label ("OCHOA:") names among those introduced
    before the turns with a title of office ("Senator Maria Ochoa", "Labour MP Rosie
    Fairbairn", "Rosie Fairbairn MP"): in a hearing the members' questions are their words on
    the record, as an interviewer's are not."""
    if " " in label:
        return None
    doc = ctx.doc
    found = {e.text: (e, span) for e, span in heads
             if e.text.split()[-1].upper() == label and len(e.text.split()) > 1 and (
                 (span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in _OFFICES)
                 or (span.end < len(doc) and doc[span.end].lower_ in _OFFICES))}
    return next(iter(found.values())) if len(found) == 1 else None


# A headline giving a quote to the name before its colon: "Okafor: 'This city is not for
# sale' in fiery debate", "Minister: \"We will not back down\"".
_HEADLINE_SPEAKER = re.compile(
    r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}):\s+(['‘\"“][^'‘’\"“”\n]{3,}['’\"”])(?!\w)")


# A section's label before a headline's colon, which names no speaker: "Review: 'Tidewrack'
# at the Traverse ...", "Opinion: ...".
_SECTION_LABELS = frozenset(
    "review reviews opinion comment analysis explainer exclusive interview editorial "
    "obituary watch live breaking update letters feature profile podcast".split())


def _headline_quote(ctx: Context) -> list[tuple[int, int, str, Attribution]]:
    """The quote of a headline that names its speaker before a colon (single marks
    included, which an article quoting in double marks otherwise leaves alone)."""
    if len(ctx.paragraphs) < 2:
        return []
    ps, pe = ctx.paragraphs[0]
    m = _HEADLINE_SPEAKER.match(ctx.text, ps, pe)
    if m is None or m.group(1).lower() in _SECTION_LABELS:
        return []
    label = ctx.doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
    if label is None:
        return []
    colon = m.end(1)
    return [(m.start(2), m.end(2), "direct", Attribution(
        (m.start(1), m.end(1)), (colon, colon + 1), 0.7, label[-1].i))]


# A line crediting a quote to a name before a colon, as round-ups list reactions: "- Ana
# Ruiz, chief economist at Bancoval: "..."", "Sen. Tom Hale (D-Ore.), in a statement: "...""
# (an optional bullet, then between the name and the colon only an apposition or a
# bracket, no verb of its own).
_BULLET = re.compile(r"(?:[-•*–—]\s+)?")
# The apposition holds no sentence of its own: "- Ann Lee, 29, a nurse. The text her killer
# sent her: "..."" quotes the text, not her.
_APPOSED = r"(?:(?![;.]\s+[A-Z\"“])[^:;\"“”\n])"
_CREDIT_LINE = re.compile(
    rf"(?:,{_APPOSED}{{1,100}}?| \([^)\n]{{1,30}}\)(?:,{_APPOSED}{{1,40}}?)?)?:\s+(?=[\"“])")
# A quote that is only capitalised words with no stop is a title ("The Last Summer"), not
# words said
_TITLE_ONLY = re.compile(r"[\"“]\s*(?:[A-Z][\w'’-]*|of|the|and|a|an|in|on|to|for|at)"
                         r"(?:\s+(?:[A-Z][\w'’-]*|of|the|and|a|an|in|on|to|for|at))*\s*[\"”]")
# Titles that may open such a line before the name: "State Sen.", "Rep.", "Gov."
_CREDIT_TITLE = re.compile(r"(?:[A-Z][\w.'’-]*\s+){0,3}")
_NAME_RUN = re.compile(r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){1,3}(?=,| \(|:)")


def _credited_lines(ctx: Context) -> list[tuple[int, int, str, Attribution]]:
    """The quotes of lines that credit them to a person named before a colon (:data:`_CREDIT_LINE`),
    each quote the rest of its paragraph; titles only before the name."""
    text = ctx.text
    out: list[tuple[int, int, str, Attribution]] = []
    for ps, pe in ctx.paragraphs[1:]:
        at = _BULLET.match(text, ps, pe)
        titled = _CREDIT_TITLE.match(text, at.end(), pe) if at is not None else None
        if at is None or titled is None:
            continue
        person = next((e for e in ctx.analysis.entities if e.label == "PERSON"
                       and at.end() <= e.start <= titled.end() and e.end <= pe), None)
        # or a name the recogniser missed, by its form: "Nadia Pereira, general counsel"
        run = _NAME_RUN.match(text, at.end(), pe)
        named = ((person.start, person.end) if person is not None
                 else run.span() if run is not None and unlabelled_name(run.group()) else None)
        credit = _CREDIT_LINE.match(text, named[1], pe) if named is not None else None
        quote = next((seg for seg in ctx.segments if seg.start == credit.end()
                      and not text[seg.end:pe].strip()
                      and not _TITLE_ONLY.fullmatch(text, seg.start, seg.end)),
                     None) if credit is not None else None
        span = ctx.doc.char_span(*named, alignment_mode="expand") if named is not None else None
        if named is None or credit is None or quote is None or span is None:
            continue
        colon = text.rindex(":", named[1], credit.end())
        out.append((quote.start, quote.end, "direct", Attribution(
            named, (colon, colon + 1), 0.8, span.root.i)))
    return out


# Speech printed as dialogue, as many European papers do: a paragraph opening with a dash,
# each turn after another dash ("– Three years? I will not survive that, she said. – And
# after?").
_DIALOGUE_DASH = re.compile(r"[–—]\s+")
_NEXT_TURN = re.compile(r"(?<=[.?!])\s+[–—]\s+")
_CUE_CLAUSE_WORDS = 3


def _dialogue_turns(ctx: Context) -> list[tuple[int, int, str, Attribution]]:
    """The turns of dialogue paragraphs (:data:`_DIALOGUE_DASH`), without quotation marks:
    each turn's words up to the comma (or question mark) before its cue ("..., she said",
    "...? asked her neighbour"); a turn without a cue is the last speaker's."""
    text = ctx.text
    out: list[tuple[int, int, str, Attribution]] = []
    for ps, pe in ctx.paragraphs:
        opening = _DIALOGUE_DASH.match(text, ps, pe)
        if opening is None or any(ps <= s.start < pe for s in ctx.segments):
            continue
        starts = [opening.end()] + [m.end() for m in _NEXT_TURN.finditer(text, ps, pe)]
        ends = [m.start() for m in _NEXT_TURN.finditer(text, ps, pe)] + [pe]
        speaker: Attribution | None = None
        for start, end in zip(starts, ends, strict=True):
            span = ctx.doc.char_span(start, end, alignment_mode="expand")
            own: Attribution | None = None
            content_end = end
            for cue in (t for t in span or [] if is_cue(t)):
                # the cue's clause after a comma, "?" or "!", a few words at most
                cut = max(text.rfind(mark, start, cue.idx) for mark in (", ", "? ", "! "))
                if cut > start and word_count(text[cut + 1:cue.idx]) <= _CUE_CLAUSE_WORDS:
                    content_end = cut + (text[cut] != ",")
                    own = speaker = inverted_attribution(ctx, cue, 0.8, content_end)
                    break
            if own is None and speaker is not None:
                own = Attribution(speaker.speaker, speaker.cue, 0.7, speaker.speaker_token)
            if own is not None:
                out.append((start, content_end, "direct", own))
    return out


# A parliamentary record's turn: "Mr Lowe: ...", "Ms Adeyemi: ...", "The Speaker: ...".
_TURN = re.compile(
    r"((?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|The)\.? [A-Z][\w'’-]+"
    r"(?: [A-Z][\w'’-]+){0,2}):\s+")


def _record_turns(ctx: Context) -> list[tuple[int, int, str, Attribution]]:
    """The turns of a record of proceedings (two paragraphs at least that open with a titled
    name and a colon, as Hansard prints them): each the words of the name before its colon."""
    turns = [(m, pe) for ps, pe in ctx.paragraphs
             if (m := _TURN.match(ctx.text, ps, pe)) is not None and m.end() < pe]
    if len(turns) < _INTERVIEW_QUESTIONS:
        return []
    out: list[tuple[int, int, str, Attribution]] = []
    for m, pe in turns:
        label = ctx.doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
        if label is None:
            continue
        colon = m.end(1)
        out.append((m.end(), pe, "direct", Attribution(
            (m.start(1), m.end(1)), (colon, colon + 1), 0.8, label[-1].i)))
    return out


# Last words of newspapers' and stations' names: "..., reported the Omar Chronicle."
_MASTHEAD_ENDS = frozenset(
    "times herald tribune gazette chronicle courier telegraph journal weekly daily express "
    "mirror observer monitor dispatch bulletin radio tv fm channel online".split()
)


def find_quotes(
    analysis: LanguageAnalysis,
    text: str,
    *,
    resolver: Resolver | None = None,
    author: str | None = None,
) -> list[Quote]:
    """Every direct quotation and reported statement in ``text``, in text order.

    ``analysis`` is the language layer's output for exactly this ``text``. ``resolver``
    decides what pronoun speakers stand for: by default the shipped model
    (:func:`~unspun.quotes.coref.shipped_resolver`); :data:`~unspun.quotes.coref.RULES` keeps
    the rules' answer. ``author`` is the article's writer: "I" (or "we") outside quotes
    is the writer's own voice, and resolves to that name (:data:`WRITER` without one).
    """
    paragraphs = split_paragraphs(text)
    segments = find_segments(text, paragraphs)
    ctx = Context(text, analysis.doc, analysis, paragraphs, segments,
                   [s.start for s in segments])
    found: list[tuple[int, int, str, Attribution]] = []
    used_cues: set[int] = set()

    # Work titles in quotation marks are not speech.
    titles = {
        (e.start, e.end) for e in analysis.entities if e.label == "WORK_OF_ART"
    }

    by_paragraph: dict[int, list[Segment]] = {}
    for seg in segments:
        by_paragraph.setdefault(seg.paragraph, []).append(seg)

    carried: Attribution | None = None  # speaker handed over to following quote paragraphs
    for p in range(len(paragraphs)):
        ps, pe = paragraphs[p]
        segs = by_paragraph.get(p, [])
        cues = paragraph_cues(ctx, p)
        quote_only = ctx.quote_only[p]
        next_carried: Attribution | None = None
        previous: Attribution | None = None
        by_cue: dict[int, Attribution] = {}
        for seg in segs:
            inner = text[seg.start + 1:seg.end if seg.continues else seg.end - 1]
            if (seg.start, seg.end) in titles or (seg.start + 1, seg.end - 1) in titles:
                continue
            if _title_case(inner) and (_names_a_work(text, seg.start)
                                       or _CREDIT_AFTER.match(text, seg.end)):
                continue  # 'his book "The Concrete Promise"', '"Night Shift" actress X'
            cue = nearest_cue(ctx, seg, cues) or colon_cue(ctx, seg)
            short = word_count(inner) <= _SCARE_WORDS
            if short and cue is not None and is_addressed(cue):
                cue = None  # 'the "well-connected" clients were not charged': a scare quote
            attribution: Attribution | None = None
            adjacent = cue is not None and is_adjacent(ctx, seg, cue)
            # '"..." That was the verdict of X, who ...': the sentence after names X, and no
            # cue of a later sentence ('..., put it. "...," she said') speaks for it; but a cue
            # beside the quote, or the quote before it in the paragraph, says whose it is
            named_after = (_named_after_quote(ctx, seg) if not adjacent and (
                previous is None or previous.speaker is None) else None)
            credited = _credited(ctx, p) if quote_only else None
            if credited is not None:
                attribution = credited
            elif named_after is not None:
                attribution = named_after
            elif cue is not None and (not short or adjacent):
                attribution = attribute(ctx, cue, 0.9 if adjacent else 0.75, seg)
                if attribution.speaker is None and cue.i in by_cue:
                    # '"...," X said of the plan. "..."': the cue's speaker, found from the
                    # quote before it
                    attribution = by_cue[cue.i]
                by_cue[cue.i] = attribution
                used_cues.add(cue.i)
            elif previous is not None and previous.speaker is not None and not (
                    short and _inside_a_phrase(text, seg)):
                # '"...," said X. "More."': the paragraph's next quote is X's too; not a
                # scare quote inside the writer's own phrase ('the council's own "dashboard"
                # shows', 'the "equity lens" the council loves')
                attribution = Attribution(
                    previous.speaker, previous.cue, 0.75, previous.speaker_token
                )
            elif carried is not None and quote_only:
                attribution = Attribution(
                    carried.speaker, carried.cue, 0.7, carried.speaker_token
                )
            elif short or _title_case(inner):
                continue
            elif (cue := previous_sentence_cue(ctx, seg, cues)) is not None:
                # 'X said at the rally. "More."' where the first quote was not one
                attribution = _answered(ctx, cue, attribute(ctx, cue, 0.7), seg)
                statement = _statement_noun(cue, cues)
                if statement is not None:
                    # 'X had a short statement. "..."': the statement is the cue, not "had"
                    attribution = Attribution(
                        attribution.speaker, (statement.idx, statement.idx + len(statement)),
                        attribution.confidence, attribution.speaker_token)
            elif quote_only and (asked := _asked_before(ctx, p)) is not None:
                attribution = asked
            elif quote_only and (reported := _reported_before(ctx, p, seg)) is not None:
                attribution = reported
            else:
                attribution = Attribution(None, None, 0.3)
            found.append((seg.start, seg.end, "direct", attribution))
            previous = attribution
            if seg.continues:
                next_carried = attribution
        if segs and quote_only and carried is not None and next_carried is None:
            next_carried = carried  # a run of quoted paragraphs keeps its speaker
        intro = text[pe - 1] == ":" and (not segs or segs[-1].end < pe - 1)
        if intro:
            cue_tok: Token | None = cues[-1] if cues else noun_cue(ctx, p)
            if cue_tok is not None:
                next_carried = attribute(ctx, cue_tok, 0.85)
                used_cues.add(cue_tok.i)
        elif segs and found and found[-1][0] >= ps and found[-1][3].speaker is not None:
            last = found[-1][3]
            next_carried = next_carried or Attribution(last.speaker, last.cue, 0.6,
                                                        last.speaker_token)
        carried = next_carried

    _run_on_speakers(ctx, found)
    _speaker_after(ctx, found)
    found += (_interview_answers(ctx) + _record_turns(ctx) + _headline_quote(ctx)
              + _dialogue_turns(ctx) + _credited_lines(ctx))

    # Reported speech: the complement of every speech cue, merged with quotes inside it.
    direct = sorted(found, key=lambda f: f[0])
    indirect: list[tuple[int, int, str, Attribution]] = []
    for tok in ctx.doc:
        if not is_cue(tok) or ctx.in_segment(tok.idx) is not None:
            continue
        content = indirect_content(ctx, tok)
        if content is None:
            continue
        start, end = content
        # the parse may leave a quote's closing mark out of the clause ("as always'."), and
        # the stop or comma inside it ('at "less advanced schools,"'): the clause still ends
        # with the quote
        # (a quote with a cue of its own inside the clause too: 'said the road would reopen
        # and told reporters, "We have done our job."' is one reported statement, as PolNeAR
        # tags it; keeping the quote apart cost train attribution F1 0.9195 -> 0.9188)
        end = max([end] + [d[1] for d in direct if start <= d[0] < end < d[1] <= end + 4
                           and not text[end:d[1]].strip(CLOSING_MARKS + ".,;?!")])
        inside = [d for d in direct if start <= d[0] and d[1] <= end]
        overlapping = [d for d in direct if d[0] < end and start < d[1]]
        if overlapping and not inside:
            continue  # the complement is (part of) a direct quote already found
        attribution = attribute(ctx, tok, 0.8 if inside else 0.7, reported=True)
        own = word_count(ctx.text[tok.idx:tok.idx + len(tok.text)])
        if attribution.speaker is not None and start <= attribution.speaker[0] < end:
            own += word_count(ctx.text[attribution.speaker[0]:attribution.speaker[1]])
        if overlapping and outside_words(ctx, start, end) - own < 3:
            continue  # nothing but quotes around "he said": the direct quotes stand
        if any(d not in inside for d in overlapping):
            # a quote crossing the complement's edge: widen to take all of it
            start = min([start] + [d[0] for d in overlapping])
            end = max([end] + [d[1] for d in overlapping])
        if attribution.speaker is None and tok.tag_ == "VB" and tok.dep_ == "ROOT":
            continue  # an imperative ("Ask them what ...") reports nobody's speech
        if _NAME_KEPT_BACK.match(text, start, end):
            continue  # "who asked that her surname not be used": a condition, not a statement
        kind = "mixed" if inside or overlapping else "indirect"
        for d in overlapping:
            direct.remove(d)
        indirect.append((start, end, kind, attribution))

    # of two findings of one span (a headline quote the interview gives its speaker), the
    # attributed one
    merged = sorted(direct + indirect, key=lambda f: (f[0], -f[1], f[3].speaker is None))
    return _build(ctx, merged, resolver if resolver is not None else shipped_resolver(), author)


# The request a source makes to stay unnamed: "(asked) that her surname not be used",
# "that their names be withheld".
_NAME_KEPT_BACK = re.compile(
    r"(?:that )?(?:her|his|their|my|our) (?:full |last |family )?(?:sur)?names? (?:not be "
    r"(?:used|published|given|printed|disclosed|revealed)|be withheld)$")


# A sentence right after a quote that says whose words they were: '"..." That was the verdict
# of X', "So says X", "Those were the words of X", "That is how X put it", "That is X's
# promise".
_SAYINGS = (r"(?:verdict|view|words?|message|assessment|warning|reaction|response|opinion|"
            r"judge?ment|take|prediction|promise|advice|plea|answer|conclusion)")
_NAMED_AFTER = re.compile(
    r"\s*(?:(?:That|This|Those|These|Such)(?:, [^,.]{1,30},)? (?:was|were|is|are|has been|"
    r"had been) (?:the (?:[a-z-]+ ){0,2}?" + _SAYINGS + r" of (?=[A-Z])|"
    # "That is how X put it": how X worded it, not how X sees or does things
    r"how (?=[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?:, [^.]{1,80},)? (?:put|described|"
    r"summed|summarised|"
    r"summarized|phrased|explained) (?:it|things)\b)|"
    r"(?=[A-Z][\w-]*(?: [A-Z][\w-]*){0,3}['’]s (?:[a-z-]+ ){0,2}?" + _SAYINGS + r"\b))"
    r"|So says (?=[A-Z]))")


# Entities that are no speaker after "the verdict of": days, events, works.
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "EVENT", "WORK_OF_ART", "LAW"})
# A view the sentence says someone else shares: "That was the view of X too".
_SHARED = re.compile(r"\b(?:too|also|as well|either)\b")


def _named_after_quote(ctx: Context, seg: Segment) -> Attribution | None:
    """The speaker a sentence right after a quote that ends its own sentence names as the
    quote's: '"..." So says Colin Pascoe, the council leader.' The sentence has no cue for
    the quote (its verb is "be"), so neither the nearest cue nor the quote before finds it."""
    inner = ctx.text[seg.start:seg.end].rstrip(CLOSING_MARKS + " ")
    if seg.continues or not inner.endswith((".", "?", "!")):
        return None
    match = _NAMED_AFTER.match(ctx.text, seg.end)
    if match is None or ctx.paragraph_of(match.end()) != seg.paragraph:
        return None
    span = ctx.doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    # up from the name's first word ("Jenny" of "Jenny Trelawney") to the phrase's head
    while tok.head.i > tok.i and tok.dep_ in ("compound", "flat", "amod", "det", "nmod"):
        tok = tok.head
    if tok.pos_ not in ("PROPN", "NOUN") or tok.ent_type_ in _NOT_SPEAKERS:
        return None  # "the message of Christmas", "the verdict of Monday's meeting"
    sentence_end = tok.sent.end_char
    if _SHARED.search(ctx.text, match.end(), sentence_end):
        return None  # "That was the view of the council too": another who agrees
    return Attribution(phrase_chars(tok), None, 0.8, tok.i)


# A credit line under a quote set apart (a pull quote, a box of voices): a dash, then the name,
# then what the person is ("— Jane Doe, intensive care nurse").
_CREDIT = re.compile(r"[—–]\s*([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3})(?:,\s+[^\"“”]+)?")


def _credited(ctx: Context, p: int) -> Attribution | None:
    """The person credited under quote-only paragraph ``p``, in a line of its own that opens
    with a dash and a name; a dialogue turn, which holds a cue ("– And after? she asked"),
    is no credit. (Without the dash, a name under a quote is as often a caption, a
    reporter's sign-off or the next voice's label as a credit: not read as one.)"""
    if p + 1 >= len(ctx.paragraphs):
        return None
    ps, pe = ctx.paragraphs[p + 1]
    credit = _CREDIT.fullmatch(ctx.text, ps, pe)
    if credit is None:
        return None
    line = ctx.doc.char_span(ps, pe, alignment_mode="expand")
    name = ctx.doc.char_span(credit.start(1), credit.end(1), alignment_mode="contract")
    if line is None or name is None or any(is_cue(t) for t in line):
        return None
    return Attribution((credit.start(1), credit.end(1)), (ps, ps + 1), 0.8, name[-1].i)


def _asked_before(ctx: Context, p: int) -> Attribution | None:
    """Whom the writer asks in paragraph ``p - 1`` ("I ask her why anyone still needs a
    bell. She laughs."), when it quotes nobody: a paragraph of nothing but a quote after it
    is the answer, theirs, not the writer's."""
    if p == 0:
        return None
    ps, pe = ctx.paragraphs[p - 1]
    if any(ps <= s.start < pe for s in ctx.segments):
        return None
    span = ctx.doc.char_span(ps, pe, alignment_mode="expand")
    for verb in span or []:
        if verb.lemma_.lower() != "ask" or verb.pos_ != "VERB" or not any(
                c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in verb.children):
            continue
        asked = next((c for c in verb.children if c.dep_ in ("dobj", "dative")
                      and (c.lower_ in ("him", "her") or c.ent_type_ == "PERSON")), None)
        if asked is not None:
            return Attribution(phrase_chars(asked), None, 0.6, asked.i)
    return None


def _reported_before(ctx: Context, p: int, seg: Segment) -> Attribution | None:
    """Who reports the last sentence of paragraph ``p - 1``, if it ends in reported speech
    ("X said that the region mattered." then a paragraph of nothing but X's quote)."""
    if p == 0:
        return None
    ps, pe = ctx.paragraphs[p - 1]
    last = ctx.analysis.sentence_index(pe - 1)
    if any(ps <= s.start < pe for s in ctx.segments):
        return None
    cues = [c for c in paragraph_cues(ctx, p - 1)
            if ctx.analysis.sentence_index(c.idx) == last]
    if not cues and ctx.text[ps:pe].rstrip().endswith(".") and not is_question(ctx, seg):
        # "X talked about the closure on Tuesday." then a paragraph of X's quote
        sentence = ctx.analysis.sentences[last]
        words = ctx.doc.char_span(sentence.start, sentence.end, alignment_mode="contract")
        cues = [t for t in words or () if spoke(t)]
    if not cues:
        return None
    found = _answered(ctx, cues[0], attribute(ctx, cues[0], 0.6), seg)
    return found if found.speaker is not None else None


def _answered(ctx: Context, cue: Token, found: Attribution, seg: Segment) -> Attribution:
    """``found``, or where it has no speaker and its cue "was asked about" something in the
    sentence before the quote ``seg``, the one asked, who answers (:func:`asked_one`); not a
    quote that asks in turn, which is the asker's question."""
    asked = asked_one(cue) if found.speaker is None and not is_question(ctx, seg) else None
    if asked is None:
        return found
    return Attribution(phrase_chars(asked), found.cue, 0.6, asked.i)


_UNNAMED = frozenset({"role", "vague", "anonymous"})


def _same_unnamed(
    ctx: Context, span: tuple[int, int], last: Quote | None, persons: list[Entity],
    orgs: list[Entity], plural: bool, content_start: int,
) -> Speaker | None:
    """The unnamed speaker of the quote just before, when ``span`` is "he" or "she" in the
    same paragraph with no person named in between: '"...," she said' after "One engineer
    who was laid off said ..."; or in the next paragraph when the quote opens it ('A
    spokesman for X said ... / "...," he said.'); or "they" after a group (``plural``) with
    no person or organisation named in between: "..., they added" after "analysts at X
    wrote ...". Pronoun resolution only knows names."""
    written = ctx.text[span[0]:span[1]]
    before = last.speaker if last is not None else None
    if (written.lower() in _SAME_PRONOUN and before is not None and before.kind == "anonymous"
            and before.name is None and before.start is not None and before.end is not None
            and (before.text or "").lower() in _SAME_PRONOUN[written.lower()]
            and (_goes_on(ctx, last, before.start, span[0], content_start)
                 or _opens_next_paragraph(ctx, last, before.start, span[0]))
            and not any(before.end <= e.start < span[0] for e in persons)):
        # '"...," she told me.' after "She asked not to be named": the anonymous "she" goes
        # on, whom pronoun resolution, knowing names only, gives nobody
        return before.model_copy(update={"text": written, "start": span[0], "end": span[1]})
    if (written.lower() == "they" and plural and before is not None
            and before.kind in _UNNAMED and before.end is not None
            and ctx.paragraph_of(before.end) == ctx.paragraph_of(span[0])
            and not any(before.end <= e.start < span[0] for e in persons + orgs)):
        return before.model_copy(update={"text": written, "start": span[0], "end": span[1]})
    # an unnamed speaker's name is its phrase as written, for a "she" that stands for it too
    if (written.lower() not in ("he", "she") or before is None or before.kind not in _UNNAMED
            or before.start is None or before.end is None or not before.name
            or before.name.lower().endswith("s")  # "critics", not one of them
            # someone new and nameless ("one engineer"), not "the senator" named elsewhere;
            # but "the spokesperson" is a body's voice, whom no name stands behind
            or not (before.name.split()[0].lower() in ("a", "an", "one", "another")
                    or before.name.lower() in _THE_VOICES)
            or not _goes_on(ctx, last, before.start, span[0], content_start)
            # "A spokeswoman for X said ... / '...,' he said" is someone else
            or phrase_gender(before.text or "") not in (None, PERSONAL_PRONOUNS[written.lower()])
            or any(before.end <= e.start < span[0] for e in persons)):
        return None
    return before.model_copy(update={"text": written, "start": span[0], "end": span[1]})


# The pronouns an unnamed speaker may have been written as before: "she" after "her".
_SAME_PRONOUN = {"she": frozenset({"she", "her"}), "he": frozenset({"he", "him", "his"})}


def _opens_next_paragraph(ctx: Context, last: Quote | None, before: int, pronoun: int) -> bool:
    """Whether the pronoun at ``pronoun`` opens the paragraph after the speaker at
    ``before`` ("She said ..."), with nothing quoted between the quote ``last`` and it."""
    if last is None or ctx.paragraph_of(pronoun) - ctx.paragraph_of(before) != 1:
        return False
    opening = ctx.paragraphs[ctx.paragraph_of(pronoun)][0]
    return (not ctx.text[opening:pronoun].strip()
            and not any(last.end <= seg.start < opening for seg in ctx.segments))


def _anonymous_just_before(
    ctx: Context, start: int, persons: list[Entity], noun: str | None = None,
) -> bool:
    """Whether the sentence right before the quote at ``start`` grants someone unnamed
    anonymity ("a researcher who asked not to be named"), naming no person: the "she" of
    the quote, whom pronoun resolution gives nobody, is that source; so is "the official"
    (``noun``) after "A senior official, speaking on condition of anonymity, ..."."""
    span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None:
        return False
    sentence = span.sent
    if sentence.start_char < start or sentence.start == 0:
        return False
    previous = ctx.doc[sentence.start - 1].sent
    if noun is not None and not re.search(
            rf"\b(?:an?|one)\b[^.;:]{{0,40}}\b{re.escape(noun)}\b", previous.text,
            re.IGNORECASE):
        return False
    return bool(ANONYMITY.search(previous.text)) and not any(
        previous.start_char <= e.start < previous.end_char for e in persons)


# A body's unnamed voice, written again with "the": '"...," the spokesperson said. / "...,"
# she added.'
_THE_VOICES = frozenset(
    "the spokesperson|the spokesman|the spokeswoman|the representative".split("|"))


def _statement_noun(cue: Token, cues: list[Token]) -> Token | None:
    """The statement a verb that is no speech verb hands over ("had a short statement"):
    its object, when the cue is none of the paragraph's ``cues``
    (:func:`~unspun.quotes.cues.previous_sentence_cue` found it by its statement)."""
    if cue in cues:
        return None
    return next((c for c in cue.children if c.dep_ == "dobj"), None)


def _goes_on(
    ctx: Context, last: Quote | None, before: int, pronoun: int, content_start: int
) -> bool:
    """Whether a pronoun at ``pronoun`` can go on with the speaker at ``before`` of the quote
    ``last``: in the same paragraph, or in the next when its quote opens that paragraph and
    follows ``last`` with nothing quoted between, and ``last`` asked no question (whose
    answer is someone else's: 'a reporter asked if ... / "...," he said')."""
    distance = ctx.paragraph_of(pronoun) - ctx.paragraph_of(before)
    if distance == 0:
        return True
    if distance != 1 or last is None or ctx.paragraph_of(content_start) != ctx.paragraph_of(
            pronoun):
        return False
    opening = ctx.paragraphs[ctx.paragraph_of(pronoun)][0]
    cue = last.cue.text.lower() if last.cue is not None else ""
    return (not ctx.text[opening:content_start].strip(OPENING_MARKS + " ")
            and not cue.startswith(("ask", "question", "wonder", "inquir", "enquir"))
            and not any(last.end <= seg.start < opening for seg in ctx.segments))


# One more of the sources just quoted, or one of them: "one of them", "a second person",
# "another of the people", "one official".
# ("another diplomat" is anyone else: only "another of them" is one of the lot)
_ONE_MORE = re.compile(
    r"(?:(?:one|another) of (?:them|the [a-z]+|those)|(?:one|(?:a|the) (?:second|third|"
    r"fourth)) (?:person|people|source|official|insider|executive|banker|diplomat))",
    re.IGNORECASE)


def _one_more(written: str, start: int, ctx: Context, quotes: list[Quote]) -> bool:
    """Whether ``written`` is one more of an anonymous lot quoted just before, in this
    paragraph or the one before: '..., said the people, who asked not to be identified.
    "...," one of them said', "A second person said". Its own sentence grants no anonymity
    again, but the kind carries."""
    if not (_ONE_MORE.fullmatch(written) or _OF_THE_LOT.fullmatch(written)) or not quotes:
        return False
    span = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
    if span is not None and "on the record" in span.sent.text:
        return False
    before = quotes[-1].speaker
    if (before is not None and before.kind == "anonymous" and before.start is not None
            and ctx.paragraph_of(start) - ctx.paragraph_of(before.start) <= 1):
        return True
    return _of_the_same_lot(written, quotes, ctx)


# "two of the sources", "one of the people": a count out of a lot the article brought in.
_OF_THE_LOT = re.compile(
    r"(?:one|two|three|four|five|another|a third|the third|both|each|all) of the ([a-z]+)",
    re.IGNORECASE)


def _of_the_same_lot(written: str, quotes: list[Quote], ctx: Context) -> bool:
    """Whether ``written`` counts out of a lot named by the same noun ("one of the sources",
    "two of the sources") that the latest quote by such a lot gave as anonymous ("according
    to four sources familiar with the matter"), however many quotes came between: the lot
    stays as unnamed as it was brought in. The lot is the earlier speaker's head noun, not
    any word of it: "both of the companies" are not "people with knowledge of the
    companies"."""
    match = _OF_THE_LOT.fullmatch(written)
    if match is None:
        return False
    noun = match.group(1).lower()
    for quote in reversed(quotes):
        before = quote.speaker
        if before is not None and noun == _lot_noun(before, ctx):
            return before.kind == "anonymous"
    return False


def _lot_noun(speaker: Speaker, ctx: Context) -> str | None:
    """The noun naming the lot a speaker was: the head of its phrase ("sources" of "four
    sources familiar with the matter"), or the noun counted out of ("sources" of "two of
    the sources")."""
    written = speaker.text or ""
    counted = _OF_THE_LOT.fullmatch(written)
    if counted is not None:
        return counted.group(1).lower()
    if speaker.start is None or speaker.end is None:
        return None
    span = ctx.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
    return span.root.lower_ if span is not None else None


def _the_same_anonymous(written: str, start: int, ctx: Context, quotes: list[Quote]) -> bool:
    """Whether ``written`` ("the executive") names again, by its noun, the anonymous source
    of the quote just before, in this paragraph or the one before: 'A shipping executive,
    who asked not to be named, said ... "...," the executive said'."""
    words = written.lower().split()
    if len(words) != 2 or words[0] != "the" or not quotes:
        return False
    before = quotes[-1].speaker
    return (before is not None and before.kind == "anonymous" and before.start is not None
            and (before.text or "").lower().split()[-1:] == words[1:]
            and 0 <= ctx.paragraph_of(start) - ctx.paragraph_of(before.start) <= 1)


_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Short words a headline in title case may leave in lower case.
_TITLE_SMALL = frozenset("a an and as at but by for from in of on or the to vs via with".split())


def _run_on_speakers(ctx: Context, found: list[tuple[int, int, str, Attribution]]) -> None:
    """Give a quote that runs on into the next paragraph with no cue of its own the speaker
    the next paragraph's quote has: the cue of a speech over two paragraphs may come in the
    second ('"... I was wrong. / "I am sorry," the governor said.')."""
    for i in range(len(found) - 1):
        start, end, kind, attribution = found[i]
        after = found[i + 1][3]
        seg = ctx.in_segment(start)
        if (kind == "direct" and attribution.speaker is None and after.speaker is not None
                and seg is not None and seg.continues
                and ctx.paragraph_of(found[i + 1][0]) == ctx.paragraph_of(start) + 1):
            found[i] = (start, end, kind,
                        Attribution(after.speaker, after.cue, 0.6, after.speaker_token))


def _speaker_after(ctx: Context, found: list[tuple[int, int, str, Attribution]]) -> None:
    """Give a quote with no cue the speaker of the next quote of its paragraph when only that
    quote's cue stands between them: '"I'm not hiding it." After all, he says, "I never
    claimed to be a journalist."' is one speaker's, whose cue comes with the second."""
    for i in range(len(found) - 1):
        start, end, kind, attribution = found[i]
        n_start, _n_end, n_kind, after = found[i + 1]
        if (kind != "direct" or n_kind != "direct" or attribution.speaker is not None
                or after.speaker is None or after.cue is None
                or ctx.paragraph_of(n_start) != ctx.paragraph_of(start)
                or not end <= after.cue[0] < n_start):
            continue
        # nothing between the two quotes but the cue's own short clause, in one sentence
        # with the second quote ('"..." Critics disagreed. Jones said, "..."' is not Jones's);
        # a question, or words a reply answers, are rarely the answerer's ('"The mayor is a
        # crook." The mayor replied, "That is slander."')
        between = ctx.text[end:n_start]
        cue_word = ctx.text[after.cue[0]:after.cue[1]].lower()
        if (word_count(between) <= _CUE_CLAUSE_WORDS
                and ctx.analysis.sentence_index(after.cue[0])
                == ctx.analysis.sentence_index(n_start)
                and not any(stop in between for stop in (". ", "! ", "? "))
                and "?" not in ctx.text[max(start, end - 3):end]
                and not cue_word.startswith(_ANSWERING)):
            found[i] = (start, end, kind,
                        Attribution(after.speaker, after.cue, 0.6, after.speaker_token))


# "After all, he says," / "Later, she added,": a cue's clause between two quotes.
_CUE_CLAUSE_WORDS = 4
# Verbs of answering, whose quote answers the one before it.
_ANSWERING = ("repl", "respond", "retort", "counter", "answer", "rebut", "shot back", "hit back",
              "fired back")


def _inside_a_phrase(text: str, seg: Segment) -> bool:
    """Whether the quote ``seg`` sits inside a sentence's phrase: a word right before its
    opening mark and a word in lower case right after its closing one ('its own "dashboard"
    shows'), as a speaker's next words never do ('said X. "More."')."""
    before = text[max(0, seg.start - 2):seg.start]
    after = text[seg.end:seg.end + 2]
    return (len(before) == 2 and before[0].isalpha() and before[1] == " "
            and len(after) == 2 and after[0] == " " and after[1].islower())


def _headline(paragraph: str) -> bool:
    """Whether a paragraph is a headline in title case: four words or more, each capitalised
    but for the short ones ("U.S. Appeals Court Rules ..." too)."""
    words = _TITLE_WORD.findall(paragraph)
    if len(words) < 4:
        return False
    return all(w[0].isupper() or w.lower() in _TITLE_SMALL for w in words)


def _build(
    ctx: Context,
    items: list[tuple[int, int, str, Attribution]],
    resolver: Resolver,
    author: str | None,
) -> list[Quote]:
    text = ctx.text
    doc = ctx.doc
    entities = named_entities(ctx.analysis.entities, text, ctx.analysis.sentence_index)
    orgs = [e for e in entities if e.label in ORG_LABELS]
    # a title-case headline's recogniser reads run on ("Amazon Liable For Defective
    # Third-Party Products Rules CA Appellate Court"): no name's fullest form
    # (a person's two words there are kept: "Elizabeth Warren" when only the headline gives
    # her first name)
    headlines = [(ps, pe) for ps, pe in ctx.paragraphs if _headline(text[ps:pe])]
    named = [e for e in entities if not any(ps <= e.start < pe for ps, pe in headlines)
             or (e.label == "PERSON" and len(e.text.split()) <= 2)]
    person_names = [e.text for e in named if e.label == "PERSON" and person_like(e.text)]
    # the byline's writer is nobody a pronoun in the article stands for
    bylines = [(ps, pe) for ps, pe in ctx.paragraphs if _BYLINE.fullmatch(text, ps, pe)]
    persons = [e for e in entities if e.label == "PERSON"
               and not any(ps <= e.start < pe for ps, pe in bylines)]
    org_names = [e.text for e in named if e.label in ORG_LABELS]
    # Mentions a pronoun may point back to: persons outside quotes in subject position.
    person_mentions: list[tuple[int, str]] = []
    for e in persons:
        if ctx.in_segment(e.start) is not None:
            continue
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "appos", "pobj"):
            person_mentions.append((e.start, e.text))

    coref = Coreference(
        ctx, persons, orgs,
        {e.text: fullest_or_own(e.text, person_names) for e in persons},
        {e.text: fullest_or_own(e.text, org_names) for e in orgs},
        lambda e: generation_of(text, e.start, e.end, persons),
    )
    owners = _surname_owners(ctx, persons, person_names)
    call_signs = {m.group(1): m.start(1) for m in _CALL_SIGN.finditer(text)}
    speakers: list[tuple[int, str, str]] = []  # (offset, resolved name, "person"|"org"|"plural")
    cast = Cast(persons, orgs, person_names, org_names, person_mentions, speakers, coref,
                resolver)
    quotes: list[Quote] = []
    last_end = -1
    last_category: str | None = None  # of the last speaker resolved
    for start, end, kind, att in items:
        if start < last_end or end <= start:
            continue  # overlapping findings: the first (longest at that offset) wins
        if text[start:end].strip() == "":
            continue
        speaker: Speaker | None = None
        doubt = 1.0  # the most the cue's confidence may be, for a speaker in doubt
        if att.speaker is not None and text[att.speaker[0]:att.speaker[1]].lower() == "you":
            # Generic "you" ("you could say ...") reports nobody's speech, and a quote
            # given to "you" has no speaker the article names.
            if kind != "direct":
                continue
            att = Attribution(None, att.cue, att.confidence)
        if att.speaker is not None:
            # '"...," she said' right after "One engineer who was laid off said ..."
            speaker = _same_unnamed(ctx, att.speaker, quotes[-1] if quotes else None, persons,
                                    orgs, last_category == "plural", start)
        if att.speaker is not None and speaker is None:
            s_start, s_end = att.speaker
            # the parse cuts a name at its "and" ("Eastshire Fire" of "... and Rescue Service")
            s_end = max([e.end for e in orgs if e.start == s_start and e.end > s_end
                         and text.startswith(" and ", s_end)], default=s_end)
            # and a name at its nickname in quotation marks ('Sen. Lorna "Inday"
            # Bautista-Reyes said': the subject stops at "Lorna"), which the entities join
            s_end = max([e.end for e in persons if s_start <= e.start < s_end < e.end
                         and text.startswith((' "', " “"), s_end)], default=s_end)
            cut = max(text.rfind(mark, s_start, s_end) for mark in '"”»')
            if cut >= 0 and sum(text.count(m, s_start, cut + 1) for m in '"“”«»') % 2 == 1:
                # '"Night Shift" actress Ada Lutz': the speaker starts after the title whose
                # opening mark it left out (not 'Tyler "Vox" Hammond', a name with a nickname)
                s_start = cut + 1
                while s_start < s_end and text[s_start].isspace():
                    s_start += 1
            written = text[s_start:s_end]
            name, category = resolve(
                written, s_start, s_end, att.speaker_token, ctx, cast,
                quoted=text[start:end] if kind == "direct" else None, content=(start, end),
            )
            if category == "person" and written in owners and name != owners[written]:
                name = owners[written]  # "Park said": the Park the article is about
            sign = _call_sign_meant(written, s_end, name, call_signs,
                                    quotes[-1] if quotes else None)
            if sign is not None and category == "person":
                name = sign  # the soldier "Kozak", not the minister Taras Kozak
            source = speaker_kind(written, s_start, s_end, category, entities, doc,
                                  att.speaker_token)
            if (category is None and att.speaker_token is not None
                    and is_epithet(written, doc[att.speaker_token])):
                source = "role"  # "the Swede", "the Ohio Republican" whom nobody named
            signatory = (_signatory(ctx, s_start) or _told_to_subject(ctx, author)
                         if source == "author" else None)
            # ("In its words, ...": a possessive as the pronoun it stands for)
            pronoun = POSSESSIVE_PRONOUNS.get(written.lower(), written.lower())
            if signatory is not None:
                # "I" in a letter signed "— Eileen Parfitt, Westbury", or in an essay "as
                # told to" the writer
                name = fullest_or_own(signatory, person_names)
                category = source = "person"
            elif source == "author":  # never "I" or "we" as a speaker's name
                name = author or WRITER
            elif (name is None and pronoun == "it" and att.speaker_token is not None
                  and doc[att.speaker_token].dep_ == "nsubjpass"):
                source = "vague"  # "it was reported that ...": no one in particular
            elif source == "role" and (name in org_names or (
                    category == "org" and pronoun == "it")) and (
                    pronoun in ("it", "they")
                    or (category == "org" and written.lower().startswith("the ")
                        and len(written.split()) == 2)):
                # "It added" after "the Interior Ministry said"; "the group" after "Amnesty
                # Watch said" (not "Former White House Doctor", a role)
                source = "organisation"
            if (source == "person" and att.speaker_token is not None
                    and name_taken_for_object(doc[att.speaker_token])
                    and ((category == "org" and any(e.text == written and e.label == "ORG"
                                                    for e in entities))
                         or written.split()[-1].lower() in _MASTHEAD_ENDS)
                    and not any(e.text == written and e.start != s_start for e in persons)):
                # "..., reported Al Jazeera English.", "..., reported Omar Chronicle.": an
                # outlet's name after the cue that only looks like a person's ("Al ...")
                source = "organisation"
            if source in ("role", "vague") and (
                    _one_more(written, s_start, ctx, quotes)
                    or _the_same_anonymous(written, s_start, ctx, quotes)):
                source = "anonymous"
            if (source == "role" and name is None and written.lower() in _SAME_PRONOUN
                    and _anonymous_just_before(ctx, start, persons)):
                source = "anonymous"
            the_noun = written.lower().split()
            if (source == "role" and len(the_noun) == 2 and the_noun[0] == "the"
                    and _anonymous_just_before(ctx, start, persons, the_noun[1])):
                source = "anonymous"
            wanted = PERSONAL_PRONOUNS.get(written.lower())
            if wanted is not None and name is not None and category == "person":
                # "she said" resolved to "Tom Reyes", the only person named: an answer that
                # the gender a noun or title states contradicts is a guess, not the cue's
                # certainty; one the first name's usual gender contradicts less so ("Alex
                # Morgan ... she said"). (Not the coreference's stated genders, which count
                # this very "she" as a vote.)
                stated = coref.titled_genders.get(name)
                if stated is not None and stated != wanted:
                    doubt = _CLASHING_GENDER
                elif stated is None and first_name_gender(name) not in (None, wanted):
                    doubt = _CLASHING_FIRST_NAME
            quoted_as = (_person_quoted_before(written, quotes)
                         if source in ("organisation", "vague", "role") else None)
            if quoted_as is not None:
                # "Desrosiers said" after a quote of "Karley Desrosiers": the surname of a
                # person the article quoted, whatever the recogniser made of it (an
                # organisation, or a plural for its final "s")
                source = "person"
            shown = name
            if (source == "person" and name is not None and " " not in name
                    and known_by_after(s_end, text) is None and name not in call_signs):
                # (a call sign is nobody else's surname: "a gunner with the call sign Kozak"
                # is not the minister Taras Kozak)
                # a surname the recogniser read as an organisation's ("Skaik said" after "Dr.
                # Sobhi Skaik") stays one for pronoun resolution, which reading such names
                # as people cost; the reader sees the person's full name
                shown = fullest_or_own(name, person_names + [
                    n for _o, n, c in speakers if c == "person"])
                if " " not in shown:
                    shown = _shared_surname(shown, text[:s_start], person_names) or shown
            if quoted_as is not None:
                shown = quoted_as
            speaker = Speaker(text=written, start=s_start, end=s_end, name=shown, kind=source)
            if quoted_as is not None:
                # and the person the pronouns after it may stand for: with the resolver,
                # PolNeAR train CV 0.9004 -> 0.9012 (not every surname the recogniser
                # read as a body's and showed as a person's: 0.9004 -> 0.8988)
                speakers.append((s_start, quoted_as, "person"))
            elif name is not None and category is not None:
                speakers.append((s_start, name, category))
            last_category = category
        cue = None
        if att.cue is not None:
            c_start, c_end = att.cue
            cue = Span(start=c_start, end=c_end, text=text[c_start:c_end])
        confidence = att.confidence if speaker is not None or kind != "direct" else 0.3
        confidence = min(confidence, doubt)
        quotes.append(
            Quote(
                start=start, end=end, text=text[start:end], kind=kind,
                speaker=speaker, cue=cue, confidence=round(confidence, 2),
            )
        )
        last_end = end
    return _pulled_quotes(ctx, quotes)


def _surname_owners(ctx: Context, persons: list[Entity],
                    person_names: list[str]) -> dict[str, str]:
    """Surname -> the full name a bare surname means where two people share it and the
    article is about the one not named longer: "Linda Park opened the bakery with her late
    husband, Daniel Lee Park ... Park said" is Linda Park. The person is the one the
    article makes the subject of more of its sentences (a main clause's, in apposition
    too: "Her son, Carlos Quintero, took over"), of a tie the one named first unless the
    longer named speaks; the surname alone before the second person is named counts for
    the first. Speaking once is no claim on its own: a widow quoted once by full name is
    not the "Park" of her late husband's archive quotes when he is the obituary's subject,
    nor an analyst the "Smith" of the new chief executive he comments on. Only where
    :func:`fullest_name` picks another for its longer name alone (not one the surname
    alone was used for again and again; of names of one length it picks the first
    named)."""
    doc = ctx.doc
    full = [n for n in dict.fromkeys(person_names) if len(n.split()) > 1]
    owners: dict[str, str] = {}
    for surname in {n.split()[-1] for n in full}:
        names = [n for n in full if n.split()[-1] == surname]
        # one person's forms ("Linda Park", "Linda J. Park") are one: the longest stands
        people = [n for n in names if not any(
            m != n and set(n.split()) < set(m.split()) for m in names)]
        if len(people) < 2 or surname[:1].islower():
            continue
        picked = fullest_name([surname], person_names)
        if picked not in people:
            continue
        first_at = {p: min((e.start for e in persons if len(e.text.split()) > 1
                            and set(e.text.split()) <= set(p.split())), default=len(ctx.text))
                    for p in people}
        earliest = min(people, key=lambda p: first_at[p])
        second_at = min(at for p, at in first_at.items() if p != earliest)
        subjects = dict.fromkeys(people, 0)
        speaks = dict.fromkeys(people, 0)
        bare = dict.fromkeys(people, 0)  # mentions by the surname alone
        in_full = dict.fromkeys(people, 0)
        for e in persons:
            words = e.text.split()
            if len(words) == 1 and words[0] == surname:
                who = earliest if e.start < second_at else None
            else:
                who = next((p for p in people if len(words) > 1
                            and set(words) <= set(p.split())), None)
            if who is None or ctx.in_segment(e.start) is not None:
                continue
            (bare if len(words) == 1 else in_full)[who] += 1
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            if span is None:
                continue
            head = span.root
            if head.dep_ == "appos":
                head = head.head
            verb = head.head
            if verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
                verb = verb.head  # "... founded the firm and Peter Roth still runs it"
            if head.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ROOT":
                subjects[who] += 1
                if head.head.lemma_.lower() in SPEECH_VERBS:
                    speaks[who] += 1
        owner = max(people, key=lambda p: (subjects[p], -first_at[p]))
        # (of names of one length the first named stays: "Ruth Ames" before "Paul Ames",
        # who the subject counts picked wrongly in PolNeAR train, where the surname alone
        # after both were named was mostly the first's)
        if (owner != picked and subjects[owner] > 0
                and len(picked.split()) > len(owner.split())
                and (subjects[owner] > subjects[picked] or speaks[picked] == 0)
                and (bare[owner] > 0 or in_full[owner] < 2)):
            # (a namesake named in full every time, never by the surname alone, is the
            # secondary one news style sets apart: "His son, Tom Hall, ... Tom Hall said"
            # beside the obituary's Robert James Hall)
            owners[surname] = owner
    return owners


def _line_of(text: str, at: int) -> str:
    """The line of ``text`` that holds offset ``at``."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1:end if end >= 0 else len(text)]


# Titles a full stop ends that no sentence does ("Sens. Warren and Bernie Sanders").
_ABBREVIATED_TITLES = frozenset(
    "Mr. Mrs. Ms. Dr. Sen. Sens. Rep. Reps. Gov. Govs. Gen. Messrs. Prof. St. Lt. Col. "
    "Capt. Sgt. Rev. Hon.".split())


def _shared_surname(first: str, before: str, person_names: list[str]) -> str | None:
    """The full name of ``first`` where the article gave one surname to two first names
    ("Frank and Tom Hale run the farm" -> "Frank Hale"), the first of them a usual first
    name and the second with the surname a person the recogniser found, outside a title-case
    headline ("Tom Hale"; not "Lewis and Clark College", "Simon and Garfunkel Return");
    None where it did not, or gave it more than one surname."""
    people = set(person_names)
    # the pair opens its sentence, as a family's names do ("Frank and Tom Hale run the
    # farm"), not a list of others ("Sens. Warren and Bernie Sanders", "pressed Harris and
    # Joe Biden"), and the first name is no one's surname
    surnames = {n.split()[-1] for n in person_names if " " in n}
    found = {m.group(2) for m in re.finditer(
        rf"(?:^|(?<=[.!?]\s)|(?<=\n)){re.escape(first)} and ([A-Z][a-z]+ ([A-Z][\w'’-]+))\b",
        before)
        if m.group(1) in people and first not in surnames
        and (before[:m.start()].split() or [""])[-1] not in _ABBREVIATED_TITLES
        and not _headline(_line_of(before, m.start()))}
    if len(found) != 1:
        return None
    full = f"{first} {found.pop()}"
    return full if first_name_gender(full) is not None else None


def _person_quoted_before(written: str, quotes: list[Quote]) -> str | None:
    """The full name of the one person quoted before whose surname ``written`` is, alone or
    after a personal title ("Desrosiers", "Ms Desrosiers"); None where two such people were
    quoted."""
    words = written.split()
    if words and words[0].lower().rstrip(".") in PERSONAL_TITLES and len(words) == 2:
        words = words[1:]
    if len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
        return None
    fulls = {q.speaker.name for q in quotes
             if q.speaker is not None and q.speaker.kind == "person" and q.speaker.name
             and len(q.speaker.name.split()) > 1 and q.speaker.name.split()[-1] == words[0]}
    return fulls.pop() if len(fulls) == 1 else None


# The confidence of a pronoun's speaker whose gender the article contradicts, and of one
# whose first name's usual gender does (a hint: "Alex", "Robin" and "Ashley" go both ways).
_CLASHING_GENDER = 0.4
_CLASHING_FIRST_NAME = 0.6


# A letter's signature, a paragraph of its own: "— Eileen Parfitt, Westbury", "- Cllr
# Robert Lyle, Leader, Westbury Borough Council".
_SIGNATURE = re.compile(
    r"[—–-] ?((?:[A-Z][\w.'’-]* ){1,3}[A-Z][\w'’-]+)(?:, [^\n]{1,80})?")


# A call sign given anywhere: "with the call sign Kozak", "who goes by the call sign Kozak".
_CALL_SIGN = re.compile(rf"\b{CALL_SIGN_WORDS},? ([A-Z][\w'’-]+)")


def _call_sign_meant(written: str, end: int, name: str | None, call_signs: dict[str, int],
                     last: Quote | None) -> str | None:
    """The call sign a speaker's phrase means, where ``name`` widened it to a namesake's full
    name: the call sign itself ("Kozak said" after "a loader with the call sign Kozak"), the
    phrase that gives it ("A loader with the call sign Kozak said"), or a pronoun right after
    a quote the call sign was credited with."""
    if name is None or " " not in name:
        return None
    sign = name.split()[-1]
    if call_signs.get(sign, end) >= end:  # given only later, or never
        return None
    words = written.split()
    if words[-1] == sign and (len(words) == 1 or _CALL_SIGN.search(written) is not None):
        return sign
    if (written.lower() in PERSONAL_PRONOUNS and last is not None and last.speaker is not None
            and last.speaker.name == sign):
        return sign
    return None


def _signatory(ctx: Context, offset: int) -> str | None:
    """Who signed the letter that ``offset`` is in, on a letters page (two signatures at
    least): the name under the first signature after it, whose "I" the letter's is."""
    # a signature under prose, a letter's last paragraph; a name under a quote of its own is
    # a pull quote's credit ("— Doris Kemp, 71"), which makes no letters page
    quote_only = ctx.quote_only
    signed = [(i, m.group(1)) for i, (ps, pe) in enumerate(ctx.paragraphs)
              if i > 0 and not quote_only[i - 1]
              and (m := _SIGNATURE.fullmatch(ctx.text, ps, pe)) is not None
              and person_like(m.group(1))]
    if len(signed) < _LETTERS:
        return None
    here = ctx.paragraph_of(offset)
    following = next(((i, name) for i, name in signed if i > here), None)
    if following is None or any(quote_only[here + 1:following[0]]):
        return None
    return following[1]


_LETTERS = 2
# The credit of a first-person essay a writer took down from its subject: "As told to X",
# a line of its own ("As told to Parliament last month, the costs ..." is no credit).
_AS_TOLD_TO = re.compile(
    r"(?:[Aa]s told to|AS TOLD TO) ([A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3})\.?\s*")
# What follows the subject's name opening the standfirst: "X, 61, drove", "X is a nurse".
_STANDFIRST_TAIL = re.compile(r", \d{1,3},| (?:is|was|has|had) ")
# The standfirst opening on such a name the recogniser missed: "Augustin Pelletier, 61, drove"
_STANDFIRST_NAME = re.compile(
    rf"([A-Z][\w'’-]+(?: [A-Z][\w'’-]+){{1,3}})(?:{_STANDFIRST_TAIL.pattern})")
# A standfirst tells of its subject in the third person; a paragraph with an "I" is the body.
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|me)\b")
# How far into the article the credit may stand: under the headline, or a line below.
_TOLD_TO_PARAGRAPHS = 4


def _told_to_subject(ctx: Context, author: str | None = None) -> str | None:
    """Whose "I" an essay credited "As told to" its writer is: the person whose name opens
    the standfirst after the credit ("Russell Vane, 58, is a retired lineman ..."), not the
    writer's, as an article's "I" otherwise is. Only a name that opens the standfirst with
    an age or a copula: any name in the next paragraph may be the subject's father, or a
    body the narrator tells of ("When my father, Joe Barnes, died, I ..."); and never over
    a byline author other than the one credited."""
    paragraphs = ctx.paragraphs
    for i, (ps, pe) in enumerate(paragraphs[:_TOLD_TO_PARAGRAPHS]):
        credit = _AS_TOLD_TO.fullmatch(ctx.text, ps, pe)
        if credit is None or i + 1 >= len(paragraphs):
            continue
        if author is not None and author != credit.group(1):
            return None
        ns, ne = paragraphs[i + 1]
        if _FIRST_PERSON.search(ctx.text, ns, ne) is not None:
            # "Joe Barnes was my father. ... I could not": the essay itself, naming another
            return None
        named = [e for e in ctx.analysis.entities if e.label == "PERSON" and e.start == ns
                 and _STANDFIRST_TAIL.match(ctx.text, e.end, ne)]
        if named:
            return named[0].text
        # a name the recogniser missed opens the standfirst: "Augustin Pelletier, 61, drove"
        opening = _STANDFIRST_NAME.match(ctx.text, ns, ne)
        return opening.group(1) if opening is not None else None
    return None

_QUOTE_WORDS = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_PULLED_WORDS = 4
# The headline and the subhead under it.
_DISPLAY_PARAGRAPHS = 2


def _pulled_quotes(ctx: Context, quotes: list[Quote]) -> list[Quote]:
    """A quote pulled into a headline or subhead under a role ('"...," chief executive
    says'), or under no cue, that the article quotes again in full: the speaker named there.
    (Anywhere in the article, or in a lead paragraph, the rule took words a politician
    repeated for the child who asked them, on PolNeAR train.)"""
    out = list(quotes)
    for i, quote in enumerate(out):
        speaker = quote.speaker
        if (quote.kind != "direct" or not _display_line(ctx, quote.start)
                or (speaker is not None and speaker.kind not in _UNNAMED)):
            continue
        words = [w.lower() for w in _QUOTE_WORDS.findall(quote.text)]
        if len(words) < _PULLED_WORDS:
            continue
        for later in out[i + 1:]:
            named = later.speaker
            if (later.kind == "direct" and named is not None and named.kind == "person"
                    and _holds(later.text, words)):
                out[i] = quote.model_copy(update={"speaker": named, "cue": later.cue})
                break
    return out


def _display_line(ctx: Context, offset: int) -> bool:
    """Whether ``offset`` is in the headline or the subhead under it: one of the first two
    paragraphs, which no full stop ends (a lead paragraph does)."""
    p = ctx.paragraph_of(offset)
    if p >= _DISPLAY_PARAGRAPHS:
        return False
    ps, pe = ctx.paragraphs[p]
    return not ctx.text[ps:pe].rstrip().rstrip(CLOSING_MARKS).endswith((".", "!", "?"))


def _holds(text: str, words: list[str]) -> bool:
    """Whether ``text`` has ``words`` one after another."""
    found = [w.lower() for w in _QUOTE_WORDS.findall(text)]
    return any(found[k:k + len(words)] == words for k in range(len(found) - len(words) + 1))
