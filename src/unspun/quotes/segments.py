"""Quoted segments: paragraphs and the text between quotation marks in them.

Everything here works on the plain text, before any speech cue is looked at: which marks open
and close a quote, how an unbalanced mark is read (the rules at the end of the package
docstring), and how many words of a stretch lie outside quotes. :class:`Context` carries the
article (text, parse, paragraphs, segments) through the cue and speaker modules, with the
lookup of the segment an offset falls in.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from unspun.nlp.pipeline import LanguageAnalysis

_OPENERS = frozenset("“„«\"")
_CLOSERS = frozenset("”»\"")
_SINGLE_OPENERS = frozenset("‘'")
_SINGLE_CLOSERS = frozenset("’'")
CLOSING_MARKS = "".join(sorted(_CLOSERS | _SINGLE_CLOSERS))
"""Every mark that can close a quote, double or single."""
OPENING_MARKS = "".join(sorted(_OPENERS | _SINGLE_OPENERS))
"""Every mark that can open a quote, double or single."""
_OPEN_CONTEXT = frozenset("([{—–-/:")
_LAST_MARKS = frozenset(",.!?;'’")


@dataclass
class Segment:
    """Text between quotation marks, marks included, within one paragraph."""

    start: int
    end: int
    paragraph: int
    continues: bool = False  # left open at the paragraph end: goes on in the next paragraph


@dataclass
class Context:
    text: str
    doc: Doc
    analysis: LanguageAnalysis
    paragraphs: list[tuple[int, int]]
    segments: list[Segment]
    seg_starts: list[int] = field(default_factory=list)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def paragraph_of(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (or the last one starting before it)."""
        return max(0, bisect_right(self._paragraph_starts, offset) - 1)

    @cached_property
    def quote_only(self) -> list[bool]:
        """For each paragraph, whether it holds quotes and no word outside them."""
        quoted = {seg.paragraph for seg in self.segments}
        return [p in quoted and outside_words(self, ps, pe) == 0
                for p, (ps, pe) in enumerate(self.paragraphs)]

    def in_segment(self, offset: int) -> Segment | None:
        i = bisect_right(self.seg_starts, offset) - 1
        if i >= 0 and self.segments[i].start <= offset < self.segments[i].end:
            return self.segments[i]
        return None


def split_paragraphs(text: str) -> list[tuple[int, int]]:
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


def _can_open(text: str, i: int, width: int, para_start: int, para_end: int) -> bool:
    """Whether the mark of ``width`` characters at ``i`` can open a quote."""
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + width] if i + width < para_end else " "
    if nxt.isspace() and not (text[i] == "«" and i + width + 1 < para_end
                              and not text[i + width + 1].isspace()):
        # French typography spaces its guillemets ("« Ce texte »"); « only ever opens
        return False
    return prev.isspace() or prev in _OPEN_CONTEXT or (text[i] in "“„«" and not prev.isalnum())


def _can_close(text: str, i: int, width: int, para_start: int, para_end: int) -> bool:
    """Whether the mark of ``width`` characters at ``i`` can close a quote."""
    prev = text[i - 1] if i > para_start else " "
    nxt = text[i + width] if i + width < para_end else " "
    if prev.isspace() and text[i] == "»":
        return not nxt.isalnum()  # "« ... texte »": a spaced guillemet only ever closes
    if prev.isspace():
        # a stray space before the closing mark ('travelling, " a spokeswoman said', "safe,'
        # \" she said"), the mark standing alone after the quote's last punctuation
        return i - 2 >= para_start and text[i - 2] in _LAST_MARKS and nxt.isspace()
    return not nxt.isalnum()


def _double_apostrophes(text: str) -> str:
    """``text`` with each pair of apostrophes standing for a double quotation mark (''like
    this'', as some newspapers' archives write it) read as ``"`` and a placeholder, so
    that offsets stay those of ``text``."""
    return text.replace("''", '"\x00') if "''" in text else text


def find_segments(text: str, paragraphs: list[tuple[int, int]]) -> list[Segment]:
    """The quoted segments of ``text``: between double marks, or between single marks in an
    article that quotes in single marks ('like this', "double" inside, as British papers
    do): one whose every double-quoted segment lies inside a single-quoted one."""
    marks = _double_apostrophes(text)
    doubles = _segments(marks, paragraphs, _OPENERS, _CLOSERS)
    singles = _segments(marks, paragraphs, _SINGLE_OPENERS, _SINGLE_CLOSERS)
    if singles and all(any(s.start <= d.start and d.end <= s.end for s in singles)
                       for d in doubles):
        return singles
    quoted = {d.paragraph for d in doubles}
    # a whole paragraph in single marks, in copy that quotes in doubles: a correspondent's
    # post on a live page ("Our political editor writes:" / "'... first part.'"); only one
    # the paragraph before brings in with a colon, not a headline, a pull quote or a line
    # of a book set off in single marks
    whole = [s for s in singles if s.paragraph not in quoted and not s.continues
             and (s.start, s.end) == paragraphs[s.paragraph] and s.paragraph > 0
             and marks[slice(*paragraphs[s.paragraph - 1])].rstrip().endswith(":")
             and marks[s.end - 2] in _LAST_MARKS and word_count(marks[s.start:s.end]) >= 8]
    return sorted(doubles + whole, key=lambda seg: seg.start) if whole else doubles


def _segments(
    marks: str, paragraphs: list[tuple[int, int]], openers: frozenset[str],
    closers: frozenset[str],
) -> list[Segment]:
    out: list[Segment] = []
    single = openers is _SINGLE_OPENERS
    for p, (ps, pe) in enumerate(paragraphs):
        open_at: int | None = None
        skip_to = ps
        for i in range(ps, pe):
            if i < skip_to:
                continue
            ch = marks[i]
            if ch not in openers and ch not in closers:
                continue
            if single and _elision(marks, i):
                continue
            width = 2 if marks[i + 1:i + 2] == "\x00" else 1
            if open_at is None:
                if ch in openers and _can_open(marks, i, width, ps, pe):
                    open_at = i
            elif ch in closers and _can_close(marks, i, width, ps, pe) and not (
                    single and _plural_possessive(marks, i, pe, closers)):
                out.append(Segment(open_at, i + width, p))
                open_at = None
            elif ch in openers and _can_open(marks, i, width, ps, pe):
                inner_end = None if single else _nested_end(
                    marks, open_at, i, ps, pe, p + 1 < len(paragraphs)
                    and marks[paragraphs[p + 1][0]] in openers)
                if inner_end is not None:
                    # a quote in the other style of marks inside the open one ('"..., “...,”
                    # he was told."'): the open quote goes on past it
                    skip_to = inner_end
                    continue
                open_at = i  # the earlier mark was never closed: start over from this one
            elif not single and ch in openers and _can_close(marks, i, width, ps, pe):
                # an opening mark where a closing one belongs ('work?“ he asked')
                out.append(Segment(open_at, i + width, p))
                open_at = None
        if open_at is None:
            continue
        next_opens = p + 1 < len(paragraphs) and marks[paragraphs[p + 1][0]] in openers
        # a lone apostrophe opening a paragraph ("'90s were ...") is no lost closing mark
        if next_opens or (open_at == ps and not single):
            out.append(Segment(open_at, pe, p, continues=next_opens))
    return out


_STRAIGHT = frozenset('"')


def _nested_end(
    marks: str, open_at: int, i: int, para_start: int, para_end: int, next_opens: bool,
) -> int | None:
    """Where a quote in the other style of double marks (curly inside straight, or straight
    inside curly), opening at ``i`` inside the quote open at ``open_at``, ends: after its
    closing mark, when the outer quote still closes after it in the paragraph or, opening
    the paragraph, goes on into the next one. None when the marks are of one style, when
    the outer quote shows no end (the earlier mark was a stray one), or when the inner one
    opens right after the outer."""
    straight = marks[open_at] in _STRAIGHT
    if (marks[i] in _STRAIGHT) == straight or i == open_at + 1:
        # two marks together ('"“You don't win,” X said."') wrap a paragraph in marks it
        # already had, an editing slip; the inner quote is the quote
        return None
    inner_closers = _STRAIGHT if not straight else _CLOSERS - _STRAIGHT
    close = next((j for j in range(i + 1, para_end) if marks[j] in inner_closers
                  and _can_close(marks, j, 1, para_start, para_end)), None)
    if close is None:
        return None
    outer_closers = _STRAIGHT if straight else _CLOSERS - _STRAIGHT
    outer_closes = any(marks[j] in outer_closers and _can_close(marks, j, 1, para_start, para_end)
                       for j in range(close + 1, para_end))
    if outer_closes:
        return close + 1
    # running on into the next paragraph, as long quotes do, unless a third person's verb of
    # saying stands between the marks: '"We will rebuild, Lux said on Monday, promising “a
    # new start”' is a stray mark before the writer's words
    if (next_opens and open_at == para_start
            and not _SAYING.search(marks, open_at, i)):
        return close + 1
    return None


# A third person's verb of saying set off in the writer's words (", Lux said", ", she added"),
# not a speaker's own "I told you", "my grandmother said to me". The raw marks have no lemmas
# yet, so the commonest inflected verbs, not the cue table (:data:`cues.SPEECH_VERBS`, whose
# module imports this one).
_SAYING = re.compile(r"(?:, (?!(?:I|We|They)\b)[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*|, (?:he|she)) "
                     r"(?:said|says|told|tells|added|adds|asked|asks|wrote|writes)\b")


# Words an apostrophe opens in speech ("rock 'n' roll", "'em", "'til", "the '90s"): no quote.
_ELIDED = re.compile(r"(?:n['’](?!\w)|em\b|til\b|cause\b|bout\b|\d\ds\b)", re.IGNORECASE)


def _elision(marks: str, i: int) -> bool:
    """Whether the single mark at ``i`` belongs to a word rather than quoting: the opening
    apostrophe of an elided word, or the closing one of "'n'"."""
    if marks[i - 1:i] == "n" and marks[i - 2:i - 1] in ("'", "‘", "’"):
        return i < 3 or not marks[i - 3].isalnum()
    if i > 0 and marks[i - 1].isalnum():
        return False
    return _ELIDED.match(marks, i + 1) is not None


def _plural_possessive(marks: str, i: int, para_end: int, closers: frozenset[str]) -> bool:
    """Whether the apostrophe at ``i`` is more likely a plural possessive ("the parents'
    evening") than a closing single mark: after an "s", before a lower-case word, with a
    closing mark still to come in the paragraph."""
    after = marks[i + 1:i + 3]
    return (marks[i - 1] == "s" and len(after) == 2 and after[0] == " " and after[1].islower()
            and any(marks[j] in closers and not marks[j + 1:j + 2].isalnum()
                    for j in range(i + 3, para_end)))


def word_count(text: str) -> int:
    return len(text.split())


def outside_words(ctx: Context, start: int, end: int) -> int:
    """Words of text[start:end] that lie outside quotation marks."""
    count = 0
    pos = start
    for seg in ctx.segments:
        if seg.end <= pos or seg.start >= end:
            continue
        count += word_count(ctx.text[pos:seg.start])
        pos = max(pos, seg.end)
    return count + word_count(ctx.text[pos:end])


def outside_text(ctx: Context, start: int, end: int) -> str:
    parts: list[str] = []
    pos = start
    for seg in ctx.segments:
        if seg.end <= pos or seg.start >= end:
            continue
        parts.append(ctx.text[pos:seg.start])
        pos = max(pos, seg.end)
    parts.append(ctx.text[pos:end])
    return " ".join(parts)
