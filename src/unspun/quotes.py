"""Quotes: who said what, found with quotation marks, speech cues and the dependency parse.

Entry point: :func:`find_quotes` (a plain function over the language layer's output).

Three kinds of :class:`~unspun.report.Quote` come out:

* ``direct``: text between double quotation marks (straight, curly, guillemets) that a speech
  cue attributes, or that continues a quote attributed just before it. The span includes the
  marks, as news attribution corpora annotate it. A quote split around its cue (``"The
  troops", he said, "will stay."``) gives one Quote per piece, both with the same speaker and
  cue, so that every span covers only quoted words.
* ``indirect``: the clausal complement of a speech verb (``X said (that) ...``, ``..., X
  said``) or the rest of the clause of ``according to X``.
* ``mixed``: an indirect complement that itself contains quoted words.

Cues are speech verbs (:data:`SPEECH_VERBS`, matched by lemma), ``according to``, and nouns
such as "statement" or "press release" when they introduce a quote (``a statement by X
saying:``, ``According to an X press release:``). A cue ending its paragraph with a colon
(``..., adding:``) carries its speaker over the quoted paragraphs that follow, a paragraph
that is nothing but a quote continues the speaker of the quote just before it (the
multi-paragraph convention opens every paragraph with a mark and closes only the last one),
and a quote with no cue of its own continues the one before it in its paragraph
(``"...," said X. "More."``). A cue counts for a quote only within the same sentence.

Not speech: quoted text of one to four words with no adjacent cue (scare quotes, titles) and
quoted WORK_OF_ART entities are dropped, not attributed.

Speakers are kept as written (``Speaker.text/start/end``) and resolved (``Speaker.name``):
a span holding a PERSON entity resolves to the fullest PERSON name in the article containing
all its words, titles ignored ("Kuzmin", "Mrs Brandt" -> "Renat Kuzmin", "Celia Brandt"); an
ORG likewise to the fullest ORG; he/she to a person named earlier in the same sentence
outside quotes, else the person quoted last, else the person last named as a subject outside
quotes (no gender is inferred); they/it to the most recent organisation (or, for "they",
plural) speaker; any other phrase ("the minister",
"the Kremlin's press service") stays as written. An unresolvable pronoun has ``name=None``.

Unbalanced marks never raise: an opening mark closed nowhere in its paragraph counts only if
it opens the paragraph (a page that lost the closing mark) or the next paragraph opens with a
mark (the multi-paragraph convention); otherwise it is ignored.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from unspun.report import Quote, Span, Speaker

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from unspun.nlp.pipeline import LanguageAnalysis
    from unspun.report import Entity

__all__ = ["SPEECH_NOUNS", "SPEECH_VERBS", "find_quotes"]

SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "claim", "report", "state", "warn", "add", "note", "explain", "argue",
        "insist", "announce", "declare", "suggest", "acknowledge", "admit", "deny", "write",
        "tweet", "reply", "respond", "comment", "remark", "stress", "emphasize", "emphasise",
        "predict", "promise", "vow", "pledge", "assert", "allege", "contend", "recall",
        "reveal", "confirm", "concede", "complain", "testify", "observe", "maintain",
        "caution", "answer", "ask", "boast", "quip", "joke", "recount", "lament", "conclude",
        "mention", "charge", "counter", "retort", "scoff", "speculate", "continue", "urge",
        "threaten", "blog", "post", "describe", "accuse",
    }
)
"""Lemmas of verbs that report speech or a statement."""

SPEECH_NOUNS: frozenset[str] = frozenset(
    {"statement", "release", "announcement", "communique", "tweet", "post", "interview"}
)
"""Nouns that introduce a quote when the paragraph hands over to it with a colon."""

# "continue" and "post"/"describe"/"accuse" are speech only when they introduce a quote or a
# clause; as cues of indirect speech they pick up too many ordinary uses.
_INDIRECT_ONLY_WITH_DIRECT = frozenset({"continue", "post", "describe", "accuse", "urge"})

_PROMISE_VERBS = frozenset({"promise", "pledge", "vow", "threaten", "tell", "urge", "warn"})
_OPENERS = frozenset("“„«\"")
_CLOSERS = frozenset("”»\"")
_OPEN_CONTEXT = frozenset("([{—–-/:")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_LEFT_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "nummod", "case", "quantmod"})
_HE_SHE = frozenset({"he", "she", "him", "her"})
_THEY = frozenset({"they", "them"})
_IT = frozenset({"it"})
_PRONOUNS = _HE_SHE | _THEY | _IT | frozenset({"i", "we", "you"})
_ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})
_SCARE_WORDS = 4
# A sentence ends after a lower-case word, a number or a closing mark; "Rev. Peter", "U.S.
# Senate" and "Mr. Obama" do not end one.
_SENTENCE_END = re.compile(r"(?:[a-z]{2,}|\d|[)”\"’])[.!?][)”\"’]?\s+[A-Z“\"]")
_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
        "president", "senator", "sen", "rep", "representative", "gov", "governor", "mayor",
        "councillor", "councilman", "councilwoman", "minister", "secretary", "gen", "general",
        "col", "judge", "justice", "rev", "chairman", "chief", "prime", "vice", "former",
        "deputy", "the", "candidate", "nominee", "speaker", "leader", "ambassador", "attorney",
    }
)
_STRIP = " \t\n,;:—–-"


@dataclass
class _Segment:
    """Text between double quotation marks, marks included, within one paragraph."""

    start: int
    end: int
    paragraph: int
    continues: bool = False  # left open at the paragraph end: goes on in the next paragraph


@dataclass
class _Attribution:
    speaker: tuple[int, int] | None
    cue: tuple[int, int] | None
    confidence: float
    speaker_token: int | None = None


@dataclass
class _Context:
    text: str
    doc: Doc
    analysis: LanguageAnalysis
    paragraphs: list[tuple[int, int]]
    segments: list[_Segment]
    seg_starts: list[int] = field(default_factory=list)

    def in_segment(self, offset: int) -> _Segment | None:
        i = bisect_right(self.seg_starts, offset) - 1
        if i >= 0 and self.segments[i].start <= offset < self.segments[i].end:
            return self.segments[i]
        return None


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def _can_open(text: str, i: int, para_start: int, para_end: int) -> bool:
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    if nxt.isspace():
        return False
    return prev.isspace() or prev in _OPEN_CONTEXT or (text[i] in "“„«" and not prev.isalnum())


def _can_close(text: str, i: int, para_start: int, para_end: int) -> bool:
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + 1] if i + 1 < para_end else " "
    return not prev.isspace() and not nxt.isalnum()


def _segments(text: str, paragraphs: list[tuple[int, int]]) -> list[_Segment]:
    out: list[_Segment] = []
    for p, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        for i in range(ps, pe):
            ch = text[i]
            if ch not in _OPENERS and ch not in _CLOSERS:
                continue
            if open_at is None:
                if ch in _OPENERS and _can_open(text, i, ps, pe):
                    open_at = i
            elif ch in _CLOSERS and _can_close(text, i, ps, pe):
                out.append(_Segment(open_at, i + 1, p))
                open_at = None
            elif ch in _OPENERS and _can_open(text, i, ps, pe):
                open_at = i  # the earlier mark was never closed: start over from this one
        if open_at is None:
            continue
        next_opens = p + 1 < len(paragraphs) and text[paragraphs[p + 1][0]] in _OPENERS
        if next_opens or open_at == ps:
            out.append(_Segment(open_at, pe, p, continues=next_opens))
    return out


def _title_case(text: str) -> bool:
    """A title ("Coastal Storms in a Warming Sea"): every long word capitalised."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 3]
    return bool(words) and len(text.split()) <= 12 and all(w[0].isupper() for w in words)


def _words(text: str) -> int:
    return len(text.split())


def _char_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _phrase(tok: Token) -> tuple[int, int]:
    """Token span of the noun phrase headed by ``tok``: its modifiers, an appositive name,
    and an ``of``/``for``/``at`` complement ("the spokesman of the ministry")."""
    left = tok.i
    for child in tok.lefts:
        if child.dep_ in _LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "flat", "nmod") and child.i == right + 1:
            right = child.right_edge.i
        elif child.dep_ == "appos" and child.ent_type_ == "PERSON":
            right = max(right, child.i)
            for grandchild in child.lefts:
                left = min(left, grandchild.i) if grandchild.i < left else left
            right = max(right, max((c.i for c in child.rights if c.dep_ in ("compound", "flat")),
                                   default=right))
        elif (
            child.dep_ == "prep"
            and child.lower_ in ("of", "for", "at", "with")
            and child.i == right + 1
        ):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and not any(
                t.pos_ in ("VERB", "AUX") or t.text == "," for t in objects[0].subtree
            ):
                right = objects[0].right_edge.i
    doc = tok.doc
    while left < right and doc[left].is_punct:
        left += 1
    while right > left and doc[right].is_punct:
        right -= 1
    return left, right


def _subject(cue: Token) -> Token | None:
    """Who performs the speech act of ``cue``, following participles and conjuncts upward."""
    tok: Token | None = cue
    for _ in range(4):
        assert tok is not None
        if tok.lower_ == "according":
            for to in tok.children:
                if to.lower_ == "to":
                    objects = [c for c in to.children if c.dep_ == "pobj"]
                    return objects[0] if objects else None
            return None
        if tok.pos_ == "NOUN" or tok.pos_ == "PROPN":
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
            for child in tok.children:
                if child.dep_ == "poss":
                    return child
            return tok
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            subject = subjects[0]
            if subject.tag_ == "WP":  # "..., who said" names the speaker in the relative head
                return tok.head if tok.dep_ == "relcl" else None
            return subject
        agents = [c for c in tok.children if c.dep_ == "agent"]
        if agents:
            objects = [c for c in agents[0].children if c.dep_ == "pobj"]
            return objects[0] if objects else None
        if tok.dep_ in ("advcl", "xcomp", "conj", "acl", "pcomp", "relcl") and tok.head.i != tok.i:
            if tok.dep_ == "relcl":
                return tok.head
            tok = tok.head
            continue
        return None
    return None


def _is_cue(tok: Token) -> bool:
    if tok.lower_ == "according":
        return any(c.lower_ == "to" for c in tok.children) or (
            tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to"
        )
    if tok.lemma_.lower() in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX"):
        return not (tok.lemma_.lower() == "say" and tok.dep_ == "amod")
    # "pointed out that ..."
    return tok.lower_ == "point" and any(c.lower_ == "out" for c in tok.children)


def _cue_span(tok: Token) -> tuple[int, int]:
    doc = tok.doc
    if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
        return _char_span(doc, tok.i, tok.i + 1)
    return _char_span(doc, tok.i, tok.i)


def _attribution(
    ctx: _Context, cue: Token, confidence: float, seg: _Segment | None = None
) -> _Attribution:
    subject = _subject(cue)
    if subject is not None and ctx.in_segment(subject.idx) is not None:
        subject = None
    if subject is None and seg is not None:
        subject = _nearby_noun(ctx, seg, cue)
    speaker: tuple[int, int] | None = None
    if subject is not None:
        first, last = _phrase(subject)
        speaker = _char_span(ctx.doc, first, last)
    return _Attribution(
        speaker, _cue_span(cue), confidence, subject.i if subject is not None else None
    )


def _nearby_noun(ctx: _Context, seg: _Segment, cue: Token) -> Token | None:
    """When the parse gives the cue no subject (quotes confuse it: ``..." Flynn, a surrogate,
    said``, ``Said Ellis:``), the first name or pronoun between quote and cue, or after an
    inverted cue."""
    doc = ctx.doc
    if cue.idx >= seg.end:
        window = range(cue.i - 1, -1, -1)
        stop = seg.end
    else:
        window = range(cue.i + 1, min(len(doc), cue.i + 8))
        stop = seg.start
    candidates: list[Token] = []
    for i in window:
        tok = doc[i]
        if (cue.idx >= seg.end and tok.idx < stop) or (cue.idx < seg.end and tok.idx >= stop):
            break
        if ctx.in_segment(tok.idx) is not None or tok.text in ":.":
            break
        if tok.pos_ in ("PROPN", "PRON", "NOUN") and tok.dep_ not in ("compound", "poss"):
            candidates.append(tok)
    if not candidates:
        return None
    # before the cue the noun phrase's head is the one nearest the quote, after it the first
    return candidates[-1] if cue.idx >= seg.end else candidates[0]


def _paragraph_cues(ctx: _Context, p: int) -> list[Token]:
    ps, pe = ctx.paragraphs[p]
    span = ctx.doc.char_span(ps, pe, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if ctx.in_segment(t.idx) is None and _is_cue(t)]


def _noun_cue(ctx: _Context, p: int) -> Token | None:
    """A statement, press release... introducing the next paragraph with a colon."""
    ps, pe = ctx.paragraphs[p]
    span = ctx.doc.char_span(ps, pe, alignment_mode="expand")
    if span is None:
        return None
    for tok in reversed(span):
        if tok.lower_ in SPEECH_NOUNS and ctx.in_segment(tok.idx) is None:
            return tok
    return None


def _outside_words(ctx: _Context, start: int, end: int) -> int:
    """Words of text[start:end] that lie outside quotation marks."""
    count = 0
    pos = start
    for seg in ctx.segments:
        if seg.end <= pos or seg.start >= end:
            continue
        count += _words(ctx.text[pos:seg.start])
        pos = max(pos, seg.end)
    return count + _words(ctx.text[pos:end])


def _adjacent(ctx: _Context, seg: _Segment, cue: Token) -> bool:
    """True when only the speaker and punctuation stand between the quote and its cue."""
    if cue.idx >= seg.end:
        between = ctx.text[seg.end:cue.idx]
    else:
        between = ctx.text[cue.idx + len(cue.text):seg.start]
    return _words(between) <= 6 and "." not in between.replace("Mr.", "").replace("Ms.", "")


def _outside_text(ctx: _Context, start: int, end: int) -> str:
    parts: list[str] = []
    pos = start
    for seg in ctx.segments:
        if seg.end <= pos or seg.start >= end:
            continue
        parts.append(ctx.text[pos:seg.start])
        pos = max(pos, seg.end)
    parts.append(ctx.text[pos:end])
    return " ".join(parts)


def _nearest_cue(ctx: _Context, seg: _Segment, cues: list[Token]) -> Token | None:
    """The closest cue in the same sentence as the quote (a cue ends no other sentence)."""
    best: Token | None = None
    best_distance = 0
    for cue in cues:
        if cue.idx >= seg.end:
            between = _outside_text(ctx, seg.end, cue.idx)
        elif cue.idx < seg.start:
            between = _outside_text(ctx, cue.idx, seg.start)
        else:
            continue
        if _SENTENCE_END.search(between):
            continue
        distance = _words(between)
        if best is None or distance < best_distance:
            best, best_distance = cue, distance
    return best


def _colon_cue(ctx: _Context, seg: _Segment) -> Token | None:
    """``X put it simply: "..."``: the verb of the clause handing over with a colon."""
    ps = ctx.paragraphs[seg.paragraph][0]
    before = ctx.text[ps:seg.start].rstrip()
    if not before.endswith(":"):
        return None
    span = ctx.doc.char_span(ps, ps + len(before), alignment_mode="expand")
    if span is None or len(span) < 2:
        return None
    words = [t for t in span if not t.is_punct]
    if not words:
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


def _indirect(ctx: _Context, cue: Token) -> tuple[int, int] | None:
    """Content of the reported statement governed by ``cue``, as a character range."""
    doc = ctx.doc
    if cue.lower_ == "according":
        to = next((c for c in cue.children if c.lower_ == "to"), None)
        if to is None or cue.dep_ != "prep":
            return None
        clause = cue.head
        sent = clause.sent
        phrase_first = cue.i
        phrase_last = to.right_edge.i
        if phrase_first <= sent.start + 1:  # "According to X, content."
            first, last = phrase_last + 1, sent.end - 1
        else:  # "content, according to X."
            first, last = sent.start, phrase_first - 1
        if last < first:
            return None
        start, end = _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last].text))
        return (start, end) if _words(ctx.text[start:end]) >= 3 else None
    if cue.lemma_.lower() in _INDIRECT_ONLY_WITH_DIRECT:
        return None
    complements = [c for c in cue.children if c.dep_ in ("ccomp", "parataxis") and c.i != cue.i]
    complements = [c for c in complements if c.dep_ == "ccomp" or c.i < cue.i]
    if not complements and cue.lemma_.lower() in _PROMISE_VERBS:
        # "promised to lift regulations", "told them to leave"
        complements = [c for c in cue.children if c.dep_ == "xcomp" and c.i > cue.i]
    if not complements and cue.dep_ == "parataxis" and cue.head.i > cue.i - 40:
        # "That's why, he argued, the party should be prepared": the clause around the cue
        head = cue.head
        start, end = _trim(
            ctx.text, doc[head.left_edge.i].idx,
            doc[head.right_edge.i].idx + len(doc[head.right_edge.i].text),
        )
        return (start, end) if _words(ctx.text[start:end]) >= 5 else None
    if not complements:
        return None
    comp = complements[0]
    first, last = comp.left_edge.i, comp.right_edge.i
    if comp.i > cue.i:
        # "said that ..." keeps the complementiser, as the annotations do
        mark = next((c for c in comp.children if c.dep_ == "mark" and c.i < comp.i), None)
        first = min(first, mark.i) if mark is not None else first
        first = max(first, cue.i + 1)
    else:
        last = min(last, cue.i - 1)
    if last < first:
        return None
    start, end = _trim(ctx.text, doc[first].idx, doc[last].idx + len(doc[last].text))
    if _words(ctx.text[start:end]) < 3:
        return None
    return start, end


def find_quotes(analysis: LanguageAnalysis, text: str) -> list[Quote]:
    """Every direct quotation and reported statement in ``text``, in text order.

    ``analysis`` is the language layer's output for exactly this ``text``.
    """
    paragraphs = _paragraphs(text)
    segments = _segments(text, paragraphs)
    ctx = _Context(text, analysis.doc, analysis, paragraphs, segments,
                   [s.start for s in segments])
    found: list[tuple[int, int, str, _Attribution]] = []
    used_cues: set[int] = set()

    # Work titles in quotation marks are not speech.
    titles = {
        (e.start, e.end) for e in analysis.entities if e.label == "WORK_OF_ART"
    }

    by_paragraph: dict[int, list[_Segment]] = {}
    for seg in segments:
        by_paragraph.setdefault(seg.paragraph, []).append(seg)

    carried: _Attribution | None = None  # speaker handed over to following quote paragraphs
    for p in range(len(paragraphs)):
        ps, pe = paragraphs[p]
        segs = by_paragraph.get(p, [])
        cues = _paragraph_cues(ctx, p)
        quote_only = bool(segs) and _outside_words(ctx, ps, pe) == 0
        next_carried: _Attribution | None = None
        previous: _Attribution | None = None
        for seg in segs:
            inner = text[seg.start + 1:seg.end if seg.continues else seg.end - 1]
            if (seg.start, seg.end) in titles or (seg.start + 1, seg.end - 1) in titles:
                continue
            cue = _nearest_cue(ctx, seg, cues) or _colon_cue(ctx, seg)
            short = _words(inner) <= _SCARE_WORDS
            attribution: _Attribution | None = None
            if cue is not None and (not short or _adjacent(ctx, seg, cue)):
                adjacent = _adjacent(ctx, seg, cue)
                attribution = _attribution(ctx, cue, 0.9 if adjacent else 0.75, seg)
                used_cues.add(cue.i)
            elif previous is not None and previous.speaker is not None:
                # '"...," said X. "More."': the paragraph's next quote is X's too
                attribution = _Attribution(
                    previous.speaker, previous.cue, 0.75, previous.speaker_token
                )
            elif carried is not None and quote_only:
                attribution = _Attribution(
                    carried.speaker, carried.cue, 0.7, carried.speaker_token
                )
            elif short or _title_case(inner):
                continue
            else:
                attribution = _Attribution(None, None, 0.3)
            found.append((seg.start, seg.end, "direct", attribution))
            previous = attribution
            if seg.continues:
                next_carried = attribution
        if segs and quote_only and carried is not None and next_carried is None:
            next_carried = carried  # a run of quoted paragraphs keeps its speaker
        intro = text[pe - 1] == ":" and (not segs or segs[-1].end < pe - 1)
        if intro:
            cue_tok: Token | None = cues[-1] if cues else _noun_cue(ctx, p)
            if cue_tok is not None:
                next_carried = _attribution(ctx, cue_tok, 0.85)
                used_cues.add(cue_tok.i)
        elif segs and found and found[-1][0] >= ps and found[-1][3].speaker is not None:
            last = found[-1][3]
            next_carried = next_carried or _Attribution(last.speaker, last.cue, 0.6,
                                                        last.speaker_token)
        carried = next_carried

    # Reported speech: the complement of every speech cue, merged with quotes inside it.
    direct = sorted(found, key=lambda f: f[0])
    indirect: list[tuple[int, int, str, _Attribution]] = []
    for tok in ctx.doc:
        if not _is_cue(tok) or ctx.in_segment(tok.idx) is not None:
            continue
        content = _indirect(ctx, tok)
        if content is None:
            continue
        start, end = content
        inside = [d for d in direct if start <= d[0] and d[1] <= end]
        overlapping = [d for d in direct if d[0] < end and start < d[1]]
        if overlapping and not inside:
            continue  # the complement is (part of) a direct quote already found
        attribution = _attribution(ctx, tok, 0.8 if inside else 0.7)
        own = _words(ctx.text[tok.idx:tok.idx + len(tok.text)])
        if attribution.speaker is not None and start <= attribution.speaker[0] < end:
            own += _words(ctx.text[attribution.speaker[0]:attribution.speaker[1]])
        if overlapping and _outside_words(ctx, start, end) - own < 3:
            continue  # nothing but quotes around "he said": the direct quotes stand
        if any(d not in inside for d in overlapping):
            # a quote crossing the complement's edge: widen to take all of it
            start = min([start] + [d[0] for d in overlapping])
            end = max([end] + [d[1] for d in overlapping])
        if attribution.speaker is None and tok.tag_ == "VB" and tok.dep_ == "ROOT":
            continue  # an imperative ("Ask them what ...") reports nobody's speech
        kind = "mixed" if inside or overlapping else "indirect"
        for d in overlapping:
            direct.remove(d)
        indirect.append((start, end, kind, attribution))

    merged = sorted(direct + indirect, key=lambda f: (f[0], -f[1]))
    return _build(ctx, merged)


def _fullest(name_tokens: list[str], candidates: list[str]) -> str | None:
    # titles differ between mentions ("Mrs Brandt", "Mayor Celia Brandt"): match on the name
    wanted = {w.lower().rstrip(".") for w in name_tokens} - _TITLES or {
        w.lower() for w in name_tokens
    }
    best: str | None = None
    for cand in candidates:
        words = {w.lower().rstrip(".") for w in cand.split()}
        if wanted <= words and (best is None or len(cand.split()) > len(best.split())):
            best = cand
    return best


def _build(ctx: _Context, items: list[tuple[int, int, str, _Attribution]]) -> list[Quote]:
    text = ctx.text
    doc = ctx.doc
    persons = [e for e in ctx.analysis.entities if e.label == "PERSON"]
    orgs = [e for e in ctx.analysis.entities if e.label in _ORG_LABELS]
    person_names = [e.text for e in persons]
    org_names = [e.text for e in orgs]
    # Mentions a pronoun may point back to: persons outside quotes in subject position.
    person_mentions: list[tuple[int, str]] = []
    for e in persons:
        if ctx.in_segment(e.start) is not None:
            continue
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "appos", "pobj"):
            person_mentions.append((e.start, e.text))

    speakers: list[tuple[int, str, str]] = []  # (offset, resolved name, "person"|"org"|"plural")
    quotes: list[Quote] = []
    last_end = -1
    for start, end, kind, att in items:
        if start < last_end or end <= start:
            continue  # overlapping findings: the first (longest at that offset) wins
        if text[start:end].strip() == "":
            continue
        speaker: Speaker | None = None
        if att.speaker is not None:
            s_start, s_end = att.speaker
            written = text[s_start:s_end]
            name, category = _resolve(
                written, s_start, s_end, att.speaker_token, ctx, persons, orgs, person_names,
                org_names, person_mentions, speakers,
            )
            speaker = Speaker(text=written, start=s_start, end=s_end, name=name)
            if name is not None and category is not None:
                speakers.append((s_start, name, category))
        cue = None
        if att.cue is not None:
            c_start, c_end = att.cue
            cue = Span(start=c_start, end=c_end, text=text[c_start:c_end])
        confidence = att.confidence if speaker is not None or kind != "direct" else 0.3
        quotes.append(
            Quote(
                start=start, end=end, text=text[start:end], kind=kind,  # type: ignore[arg-type]
                speaker=speaker, cue=cue, confidence=round(confidence, 2),
            )
        )
        last_end = end
    return quotes


def _resolve(
    written: str,
    start: int,
    end: int,
    token: int | None,
    ctx: _Context,
    persons: list[Entity],
    orgs: list[Entity],
    person_names: list[str],
    org_names: list[str],
    person_mentions: list[tuple[int, str]],
    speakers: list[tuple[int, str, str]],
) -> tuple[str | None, str | None]:
    """The speaker's fullest name in the article and its category, for pronoun resolution."""
    inside_person = [e for e in persons if start <= e.start and e.end <= end]
    if inside_person:
        best = max(inside_person, key=lambda e: e.end - e.start)
        return _fullest(best.text.split(), person_names) or best.text, "person"
    lower = written.lower()
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
        return _fullest(name.split(), person_names) or name, "person"
    if lower in _THEY or lower in _IT:
        wanted = {"org", "plural"} if lower in _THEY else {"org"}
        candidates = [(o, n) for o, n, c in speakers if c in wanted and o < start]
        return (max(candidates)[1], None) if candidates else (None, None)
    if lower in _PRONOUNS:
        return None, None
    inside_org = [e for e in orgs if start <= e.start and e.end <= end]
    doc = ctx.doc
    head = doc[token] if token is not None else None
    if inside_org and (head is None or head.pos_ == "PROPN"):
        best = max(inside_org, key=lambda e: e.end - e.start)
        return _fullest(best.text.split(), org_names) or best.text, "org"
    if head is not None and head.pos_ == "PROPN":
        # a surname the entity recogniser missed, e.g. "Kuzmin said"
        full = _fullest([head.text], person_names)
        if full is not None:
            return full, "person"
    category = "plural" if head is not None and head.tag_ in ("NNS", "NNPS") else "org"
    return written, category
