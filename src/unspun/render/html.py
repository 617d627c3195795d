"""HTML output: one self-contained, inert-by-construction page with toggleable highlight layers.

The text is cut server-side at every span boundary; each covered stretch becomes one ``.hl``
element that names the spans covering it (``data-s``) and nests one element per visual channel:
technique bars (stacked on tracks so that overlapping techniques stay visible), the claim
background, then entity/date/quote styling. Per-span details travel in a JSON data block that
the inline script reads; with scripts off the page still shows every highlight, tooltips, and
(via ``:has()``) working layer checkboxes and threshold.

What the reader sees first:

* **Techniques only.** The other layers (claims, quotes, entities, dates) are one checkbox away
  (:data:`DEFAULT_LAYERS`); the script remembers the reader's choice in ``localStorage``.
* **Strength follows confidence.** Each technique underline (and claim background) carries a
  class ``cf-0`` … ``cf-9``, its score in tenths (:func:`confidence_bucket`): the higher it is,
  the thicker and more opaque the line. Technique highlights under the display threshold,
  :data:`DEFAULT_THRESHOLD` unless the reader picks another in the view, are hidden, in the
  text and in the findings, until asked for.
* **A colour-blind safe palette** (:data:`PALETTE`): Okabe and Ito's colours, solid for the
  seven most frequent techniques and dashed for the seven others; every highlight's tooltip
  names its technique.
* **How far to trust each technique**, in words (:mod:`unspun.techniques.reliability`: "usually
  right", "often wrong or missed"…, its out-of-fold F1 in the tooltip) beside its name in the
  legend, the findings and the details panel, so that a reader weighs a flag accordingly.
* **Nothing is added to the article's sentences**: speakers appear in the details panel and in
  the findings, never as badges in the text.

Below the text, a Findings panel lists every technique (count, how reliable the model is at
it, one-sentence explanation, each instance), the check-worthy claims ranked by score, and the
quotes grouped by speaker (the Sources panel); each entry links to an empty anchor
(:func:`span_anchor`) where its span starts in the text, so that the links work with scripts
off too. A print stylesheet keeps the text, its highlights and the findings, and drops the
controls.

Everything from the article is escaped with ``html.escape(..., quote=True)``; the only scripts
are our own, pinned by hash in a Content-Security-Policy that forbids every other source.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import itertools
import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from string import Template
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from unspun import __version__
from unspun.reference import reference_sentence
from unspun.render.summary import (
    ENTITY_GROUPS,
    WEAK_KINDS,
    SourceGroup,
    Summary,
    entity_group,
    plural,
    shorten,
    source_groups,
    sourcing_line,
    speaker_name,
    summarise,
    unquoted,
)
from unspun.report import Report
from unspun.techniques import TECHNIQUES, Technique, get_technique
from unspun.techniques.reliability import shipped_reliability

# Four underline tracks fit in the line spacing; deeper overlaps share the last track and remain
# distinguishable through the tooltip and the details panel.
MAX_TRACKS = 4

# Layer keys, in listing order. spk and cue (speaker and cue of a quote) are toggled with the
# quotes layer.
LAYERS: tuple[tuple[str, str], ...] = (
    ("tk", "Techniques"),
    ("cl", "Claims"),
    ("qt", "Quotes"),
    ("ent", "Entities"),
    ("dt", "Dates"),
)
DEFAULT_LAYERS: frozenset[str] = frozenset({"tk"})
"""The layers shown when the reader has not chosen: techniques only, so that a wire story is
not a wall of highlights. Claims, quotes, entities, dates and plugin layers are one click away."""

DEFAULT_THRESHOLD = 0.3
"""Technique highlights under this confidence are hidden until the reader lowers the threshold.

A technique's confidence is calibrated (:mod:`unspun.techniques.calibration`): out of fold, a
highlight shown at 30-40% named the annotators' technique about a third of the time. The
default is the tenth with the best F0.5 of right highlights against gold fragments found, over
the five folds' held-out articles with the map applied (``python -m training.calibration
--fit-map``, the technique model card's "Calibration of confidence"): precision counts twice
as much as recall, because a wrong flag costs the reader's trust more than a missed one, and
the reader can lower the threshold. ``training.calibration --write-map`` stores it beside the
map in the model's config.json; a test keeps the two equal. The reader can pick another
threshold, 0% to 90% in steps of 10, in the view."""

# Confidence is shown in tenths, as the reader sees it: class cf-N where N is the tens digit
# of the whole percent (0.2996 shows as 30%, so it is in cf-3); 100% goes in cf-9.
_BUCKETS = 10


def confidence_bucket(score: float) -> int:
    """The tenth (0-9) that ``score``, in whole percent, falls in; it names the span's strength
    class ``cf-N`` and is compared with the threshold (30% and up is in 3 and up)."""
    return min(_BUCKETS - 1, max(0, round(score * 100) // (100 // _BUCKETS)))


def _strength(bucket: int) -> tuple[int, int]:
    """The opacity (percent) and line width (px) of a highlight in confidence ``bucket``."""
    return round(30 + 70 * bucket / (_BUCKETS - 1)), 1 if bucket < 3 else 2 if bucket < 6 else 3


# Okabe & Ito's colour-blind safe palette ("Color Universal Design", 2008) less its yellow,
# which is too light for a line on white: seven colours, each used solid for one of the seven
# most frequent techniques in the PTC training articles and dashed for one of the others.
PALETTE: Mapping[str, tuple[str, str, str]] = MappingProxyType({
    # technique id: (colour name, colour, underline style)
    "Loaded_Language": ("vermillion", "#d55e00", "solid"),
    "Name_Calling,Labeling": ("blue", "#0072b2", "solid"),
    "Repetition": ("reddish purple", "#cc79a7", "solid"),
    "Doubt": ("bluish green", "#009e73", "solid"),
    "Exaggeration,Minimisation": ("orange", "#e69f00", "solid"),
    "Appeal_to_fear-prejudice": ("black", "#000000", "solid"),
    "Flag-Waving": ("sky blue", "#56b4e9", "solid"),
    "Causal_Oversimplification": ("bluish green", "#009e73", "dashed"),
    "Appeal_to_Authority": ("blue", "#0072b2", "dashed"),
    "Slogans": ("reddish purple", "#cc79a7", "dashed"),
    "Whataboutism,Straw_Men,Red_Herring": ("orange", "#e69f00", "dashed"),
    "Black-and-White_Fallacy": ("black", "#000000", "dashed"),
    "Thought-terminating_Cliches": ("sky blue", "#56b4e9", "dashed"),
    "Bandwagon,Reductio_ad_hitlerum": ("vermillion", "#d55e00", "dashed"),
})
# A technique the catalogue does not know: neutral grey, dotted.
_UNKNOWN_STYLE = ("grey", "#6b7280", "dotted")


def technique_style(technique_id: str) -> tuple[str, str, str]:
    """The colour name, colour and underline style of a technique in the HTML report."""
    return PALETTE.get(technique_id, _UNKNOWN_STYLE)

_ORDER = {"tk": 0, "cl": 1, "ent": 2, "dt": 3, "qt": 4, "spk": 5, "cue": 6, "ext": 7}
# The report layer behind each toggle, to tell "not run" from "none found".
_REPORT_LAYER = {"ent": "entities", "dt": "dates", "qt": "quotes", "cl": "claims",
                 "tk": "techniques"}

# JSON inside <script> must never contain "</script>" or "<!--", and U+2028/2029 break old JS
# parsers; escaping these characters makes the data block inert whatever the article says.
_JSON_ESCAPES = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)
_LANG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_LINE = re.compile(r"[^\n]+")
_OPENING_QUOTES = frozenset("\"'“‘„‚«‹「『")
_QUOTE_MARKS = _OPENING_QUOTES | frozenset("”’»›」』")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _script_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_ESCAPES)


def csp_hash(content: str) -> str:
    """The CSP source expression (``'sha256-…'``) that allows exactly this inline content."""
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _asset(name: str) -> str:
    return resources.files("unspun.render").joinpath("templates", name).read_text("utf-8")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL that is safe to put in an href, else None."""
    if not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


# --------------------------------------------------------------------------- highlight marks


@dataclass(slots=True)
class _Mark:
    """One highlightable span, flattened from whichever layer it came from."""

    sid: str
    layer: str
    start: int
    end: int
    tip: str
    css: str = ""
    tech: int = -1
    track: int = 0
    value: str | None = None
    cf: int = -1  # confidence bucket (confidence_bucket) of a scored mark, else -1


class _TechniqueIndex:
    """Small integers for technique ids, shared by every report on a page.

    Class names and CSS rules use the integer, never the id, so an unexpected id from a model
    cannot inject markup or CSS; catalogue techniques keep their catalogue position.
    """

    def __init__(self) -> None:
        self.ids: dict[str, int] = {t.id: i for i, t in enumerate(TECHNIQUES)}
        self.entries: list[Technique] = list(TECHNIQUES)

    def __getitem__(self, technique_id: str) -> int:
        index = self.ids.get(technique_id)
        if index is None:
            index = self.ids[technique_id] = len(self.entries)
            self.entries.append(get_technique(technique_id))
        return index


def _assign_tracks(marks: list[_Mark]) -> int:
    """Give overlapping technique marks different tracks (greedy interval colouring).

    Returns the deepest track used.
    """
    ends: list[int] = []
    deepest = 0
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        for track, end in enumerate(ends):
            if end <= mark.start:
                ends[track] = mark.end
                break
        else:
            track = len(ends)
            ends.append(mark.end)
        mark.track = min(track, MAX_TRACKS - 1)
        deepest = max(deepest, mark.track)
    return deepest


def _pct(x: float) -> str:
    return f"{x:.0%}"


def _collect(report: Report, techs: _TechniqueIndex) -> tuple[list[_Mark], dict[str, Any]]:
    """The marks to draw and the JSON details of every one of them, keyed by span id."""
    size = len(report.document.text)
    marks: list[_Mark] = []
    details: dict[str, Any] = {}

    def usable(start: int, end: int) -> bool:
        # Zero-length spans have nothing to highlight; out-of-range ones would misplace text.
        return 0 <= start < end <= size

    def add(mark: _Mark, info: dict[str, Any]) -> None:
        marks.append(mark)
        details[mark.sid] = {
            "layer": mark.layer,
            "start": mark.start,
            "end": mark.end,
            "text": report.document.text[mark.start : mark.end],
            **info,
        }

    for i, ent in enumerate(report.entities):
        if usable(ent.start, ent.end):
            group = entity_group(ent)
            add(
                _Mark(
                    f"e{i}",
                    "ent",
                    ent.start,
                    ent.end,
                    f"Entity · {group.label} ({ent.label})",
                    css=f"en en-{group.key}",
                ),
                {"label": ent.label, "group": group.label, "sentence": ent.sentence},
            )
    for i, date in enumerate(report.dates):
        if usable(date.start, date.end):
            tip = f"Date · {date.value} ({date.kind})" if date.value else "Date · not resolved"
            add(
                _Mark(f"d{i}", "dt", date.start, date.end, tip, css="dt", value=date.value),
                {"value": date.value, "kind": date.kind, "sentence": date.sentence},
            )
    for i, quote in enumerate(report.quotes):
        if not usable(quote.start, quote.end):
            continue
        name = speaker_name(quote)
        qid = f"q{i}"
        source = quote.speaker.kind if quote.speaker else None
        add(
            _Mark(
                qid,
                "qt",
                quote.start,
                quote.end,
                f"Quote ({quote.kind}) · {name or 'speaker not identified'}"
                f"{f' ({source} source)' if source else ''}"
                f" · confidence {_pct(quote.confidence)}",
                css="qt",
            ),
            {
                "kind": quote.kind,
                "confidence": quote.confidence,
                "speaker": name,
                "speaker_text": quote.speaker.text if quote.speaker else None,
                "source_kind": source,
            },
        )
        speaker = quote.speaker
        s_start, s_end = (speaker.start, speaker.end) if speaker else (None, None)
        if speaker and s_start is not None and s_end is not None and usable(s_start, s_end):
            add(
                _Mark(
                    f"{qid}s",
                    "spk",
                    s_start,
                    s_end,
                    f"Speaker of a quote: {name or speaker.text or ''}",
                    css="spk",
                ),
                {"quote": qid},
            )
        if quote.cue is not None and usable(quote.cue.start, quote.cue.end):
            add(
                _Mark(
                    f"{qid}c",
                    "cue",
                    quote.cue.start,
                    quote.cue.end,
                    "Quote cue: the words that introduce the quote",
                    css="cue",
                ),
                {"quote": qid},
            )
    for i, claim in enumerate(report.claims):
        if usable(claim.start, claim.end):
            add(
                _Mark(
                    f"c{i}",
                    "cl",
                    claim.start,
                    claim.end,
                    f"Check-worthy claim · score {claim.score:.2f} ({claim.kind})"
                    if claim.verifiable
                    else f"Opinion stated as fact, not verifiable · score {claim.score:.2f}",
                    cf=confidence_bucket(claim.score),
                ),
                {"score": claim.score, "kind": claim.kind, "sentence": claim.sentence,
                 "verifiable": claim.verifiable},
            )
    for i, tech in enumerate(report.techniques):
        if usable(tech.start, tech.end):
            index = techs[tech.technique]
            label = techs.entries[index].label
            add(
                _Mark(
                    f"t{i}",
                    "tk",
                    tech.start,
                    tech.end,
                    f"Technique · {label} · confidence {_pct(tech.confidence)}",
                    tech=index,
                    cf=confidence_bucket(tech.confidence),
                ),
                {
                    "technique": tech.technique,
                    "t": index,
                    "confidence": tech.confidence,
                    "cf": confidence_bucket(tech.confidence),
                    "sentence": tech.sentence,
                },
            )
    # Layers beyond the built-in ones (entry-point plugins): one generic mark each.
    for k, (name, spans) in enumerate(report.extra_layers.items()):
        for i, span in enumerate(spans):
            if usable(span.start, span.end):
                score = "" if span.score is None else f" · score {span.score:.2f}"
                add(
                    _Mark(f"x{k}-{i}", "ext", span.start, span.end,
                          f"{name} · {span.label or 'span'}{score}", css="ext"),
                    {"name": name, "label": span.label, "score": span.score},
                )
    return marks, details


# --------------------------------------------------------------------------- text rendering


def _segment_html(text: str, active: Iterable[_Mark], start: int, end: int) -> str:
    """One stretch of text covered by ``active`` marks, as nested spans."""
    ordered = sorted(active, key=lambda m: (_ORDER[m.layer], -m.track, m.start, m.sid))
    wrappers: list[tuple[str, str]] = []
    inner: list[str] = []
    inner_attrs = ""
    claim = -1  # the strongest claim's bucket, if a claim covers this stretch
    focusable = False
    for mark in ordered:
        if mark.start == start and mark.layer in ("dt", "qt", "cl", "tk", "ext"):
            focusable = True
        if mark.layer == "tk":
            wrappers.append((f"tk tk-{mark.tech} trk-{mark.track} cf-{mark.cf}", ""))
        elif mark.layer == "cl":
            claim = max(claim, mark.cf)
        else:
            if mark.layer == "ent" and any(c.startswith("en") for c in inner):
                continue  # overlapping entities: the first one's colour is enough
            inner.append(mark.css)
            if mark.layer == "dt" and mark.end == end and mark.value:
                inner.append("dt-v")
                inner_attrs += f' data-v="{_e(mark.value)}"'
    if claim >= 0:
        wrappers.append((f"cl cf-{claim}", ""))
    if inner:
        wrappers.append((" ".join(inner), inner_attrs))
    ids = " ".join(m.sid for m in ordered)
    tip = "\n".join(m.tip for m in ordered)
    classes, attrs = wrappers[0] if wrappers else ("", "")
    head = f'class="{" ".join(["hl", *classes.split()])}"{attrs} data-s="{ids}" title="{_e(tip)}"'
    if focusable:
        head += ' tabindex="0"'
    parts = [f"<span {head}>"]
    parts.extend(f'<span class="{c}"{a}>' for c, a in wrappers[1:])
    parts.append(_e(text[start:end]))
    parts.append("</span>" * max(1, len(wrappers)))
    return "".join(parts)


# The layers whose spans the findings list, each with an anchor where it starts in the text.
_ANCHORED = frozenset({"tk", "cl", "qt"})


def span_anchor(rid: str, sid: str) -> str:
    """The id of the empty element that marks where span ``sid`` (a technique, claim or quote)
    of article ``rid`` starts in the text: the target of its link in the findings."""
    return f"{rid}-{sid}"


def _text_html(
    text: str, marks: list[_Mark], rid: str, headline_id: str | None = None
) -> str:
    """The article as paragraphs (one per non-blank line) with every mark highlighted; with
    ``headline_id``, the first line is the headline, a heading with that id.

    Every technique, claim and quote mark gets an empty anchor (:func:`span_anchor`) in the
    text, whatever its offsets; nothing else is inserted, so the sentences read as written.
    """
    inserts: dict[int, list[str]] = {}
    for mark in marks:
        if mark.layer in _ANCHORED:
            at = mark.start
            # A quote's anchor goes before its opening mark, so that a jump shows all of it.
            if mark.layer == "qt" and at > 0 and text[at - 1] in _OPENING_QUOTES:
                at -= 1
            inserts.setdefault(at, []).append(
                f'<span class="anc" id="{span_anchor(rid, mark.sid)}"></span>'
            )
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if not m.group().isspace()]
    if not lines:
        anchors = "".join(html for at in sorted(inserts) for html in inserts[at])
        return f'<p class="empty-text">(This article has no text.){anchors}</p>\n'
    starts: dict[int, list[_Mark]] = {}
    ends: dict[int, list[_Mark]] = {}
    bounds = {0, len(text)}
    for mark in marks:
        starts.setdefault(mark.start, []).append(mark)
        ends.setdefault(mark.end, []).append(mark)
        bounds.add(mark.start)
        bounds.add(mark.end)
    for line_start, line_end in lines:
        bounds.add(line_start)
        bounds.add(line_end)
    bounds.update(inserts)
    points = sorted(bounds)
    line_starts = [s for s, _ in lines]

    active: dict[str, _Mark] = {}
    paragraphs: list[list[str]] = [[] for _ in lines]
    # Inserts at a point outside every line wait for the next line (or end the last one).
    waiting: list[str] = []
    for a, b in itertools.pairwise(points):
        for mark in ends.get(a, ()):
            active.pop(mark.sid, None)
        for mark in starts.get(a, ()):
            active[mark.sid] = mark
        waiting.extend(inserts.get(a, ()))
        # Line bounds are segment bounds, so a segment lies inside one line or outside all.
        line = bisect.bisect_right(line_starts, a) - 1
        if line < 0 or a >= lines[line][1]:
            continue
        paragraphs[line].extend(waiting)
        waiting.clear()
        if active:
            paragraphs[line].append(_segment_html(text, active.values(), a, b))
        else:
            paragraphs[line].append(_e(text[a:b]))
    paragraphs[-1].extend(waiting)
    html = [f"<p>{''.join(p)}</p>\n" for p in paragraphs]
    if headline_id is not None:
        html[0] = f'<h2 class="headline" id="{headline_id}">{"".join(paragraphs[0])}</h2>\n'
    return "".join(html)


def _headline_in_text(report: Report) -> bool:
    """Whether the text starts with the headline (reports since schema 2.0 do)."""
    title = " ".join((report.document.title or "").split())
    return bool(title) and report.document.text.split("\n", 1)[0] == title


# --------------------------------------------------------------------------- page parts


def _header_html(report: Report, rid: str) -> str:
    doc = report.document
    title = doc.title.strip() if doc.title and doc.title.strip() else "Untitled article"
    kicker = []
    if doc.site:
        kicker.append(_e(doc.site))
    if doc.date:
        if _ISO_DATE.fullmatch(doc.date):
            kicker.append(f'<time datetime="{_e(doc.date)}">{_e(doc.date)}</time>')
        else:
            kicker.append(_e(doc.date))
    out = ['<header class="doc-head">']
    if kicker:
        out.append(f'<p class="kicker">{" · ".join(kicker)}</p>')
    if not _headline_in_text(report):  # else the text's first line is the heading
        out.append(f'<h2 id="{rid}-title">{_e(title)}</h2>')
    if doc.author:
        out.append(f'<p class="byline">By {_e(doc.author)}</p>')
    link = safe_url(doc.url)
    if link is not None:
        out.append(
            f'<p class="url"><a href="{_e(link)}" rel="noopener noreferrer nofollow">'
            f"{_e(link)}</a></p>"
        )
    elif doc.url:
        out.append(f'<p class="url">{_e(doc.url)}</p>')
    elif report.source and report.source != "-":
        out.append(f'<p class="url">Source: {_e(report.source)}</p>')
    out.append("</header>")
    return "\n".join(out) + "\n"


def _stat(label: str, value: str, note: str = "") -> str:
    small = f" <small>{note}</small>" if note else ""
    return f"<div><dt>{label}</dt><dd>{value}{small}</dd></div>"


NO_DATE_NOTE = (
    "No publication date known, so relative dates (“last week”) stay unresolved: give one with"
    " <code>--date YYYY-MM-DD</code> (web: the Published field; API: <code>\"published\"</code>)."
)
"""Said under the summary when an article with date mentions has no publication date."""


def _summary_notes(report: Report, s: Summary) -> list[str]:
    """The sentences under the summary figures: where the article falls on the reference
    scale, and how to give a missing publication date."""
    notes = []
    reference = reference_sentence(report)
    if reference is not None:
        notes.append(f'<p class="note note-reference">{_e(reference)}</p>')
    if report.document.date is None and s.dates and "dates" not in s.skipped:
        notes.append(f'<p class="note note-no-date">{NO_DATE_NOTE}</p>')
    return notes


def _summary_html(s: Summary, rid: str, notes: Sequence[str] = ()) -> str:
    built_in = [
        ("sentences", _stat("Sentences", f"{s.sentences:,}")),
        ("entities", _stat("Entities", f"{s.entities:,}")),
        ("dates", _stat("Dates", f"{s.dates:,}",
                        f"{s.dates_resolved:,} resolved" if s.dates else "")),
        ("quotes", _stat("Quotes", f"{s.quotes:,}",
                         f"from {plural(s.speakers, 'speaker')}" if s.speakers else "")),
        ("claims", _stat("Claims", f"{s.claims:,}", "check-worthy" if s.claims else "")),
        ("techniques", _stat("Techniques", f"{s.techniques:,}")),
    ]
    stats = [_stat("Words", f"{s.words:,}")]
    stats += [
        _stat(_e(name.capitalize()), "not run") if name in s.skipped else stat
        for name, stat in built_in
    ]
    if s.named_source_share is not None:
        weak = sum(n for kind, n in s.source_kinds if kind in WEAK_KINDS)
        stats.append(_stat("Named sources", _pct(s.named_source_share),
                           f"{weak} vague or anonymous" if weak else ""))
    stats += [_stat(_e(name), f"{n:,}") for name, n in s.extra_layer_counts]
    if s.techniques_per_1000_words is not None:
        stats.append(_stat("Techniques per 1,000 words", f"{s.techniques_per_1000_words:.1f}"))
    if s.technique_sentence_share is not None:
        stats.append(
            _stat(
                "Sentences with a technique",
                _pct(s.technique_sentence_share),
                f"{s.sentences_with_technique:,} of {s.sentences:,}",
            )
        )
    out = [
        f'<section class="summary" aria-labelledby="{rid}-sum">',
        f'<h3 id="{rid}-sum">Summary</h3>',
        f'<dl class="stats">{"".join(stats)}</dl>',
        *notes,
    ]
    if s.entities_by_group:
        chips = "".join(
            f'<li class="en-{g.key}">{_e(g.label)} <b>{n:,}</b></li>'
            for g, n in s.entities_by_group
        )
        out.append(f'<ul class="breakdown" aria-label="Entities by type">{chips}</ul>')
    out.append("</section>")
    return "\n".join(out) + "\n"


def _toggle(
    rid: str,
    key: str,
    label: str,
    count: int,
    swatch: str,
    title: str = "",
    on: bool = True,
    detail: str = "",
) -> str:
    """A layer's checkbox; ``detail`` is markup after the label (a technique's reliability)."""
    disabled = " disabled" if count == 0 else ""
    checked = " checked" if on else ""
    tip = f' title="{_e(title)}"' if title else ""
    return (
        f'<label class="tg"{tip}><input type="checkbox" id="{rid}-tg-{key}" class="tg-{key}"'
        f' data-off="off-{key}"{checked}{disabled}>'
        f'<span class="sw {swatch}" aria-hidden="true"></span>'
        f'<span>{_e(label)}{detail}</span><span class="n">{count:,}</span></label>'
    )


def _threshold_html(rid: str) -> str:
    """The display threshold: a select (it works without scripts, through ``:has()``)."""
    default = confidence_bucket(DEFAULT_THRESHOLD)
    options = []
    for bucket in range(_BUCKETS):
        label = f"{bucket * 100 // _BUCKETS}%"
        if bucket == 0:
            label += " (show all)"
        if bucket == default:
            label += " (default)"
        selected = " selected" if bucket == default else ""
        options.append(f'<option value="{bucket}"{selected}>{label}</option>')
    return (
        f'<p class="thr"><label for="{rid}-thr">Hide techniques with a confidence under</label>'
        f' <select id="{rid}-thr" class="thr-sel" data-default="{default}">{"".join(options)}'
        "</select></p>"
        '<p class="thr-count" aria-live="polite" hidden></p>'
    )


def _controls_html(s: Summary, rid: str, techs: _TechniqueIndex, marks: list[_Mark]) -> str:
    counts = {"ent": s.entities, "dt": s.dates, "qt": s.quotes, "cl": s.claims, "tk": s.techniques}
    swatches = {
        "ent": "en-people",
        "dt": "sw-date",
        "qt": "sw-quote",
        "cl": "sw-claim",
        "tk": "sw-tk sw-tk-all",
    }
    out = [
        f'<p class="to-findings"><a href="#{rid}-findings">Findings: every technique, claim and'
        " source</a></p>",
        '<fieldset class="controls"><legend>Layers</legend>',
    ]
    for key, label in LAYERS:
        if _REPORT_LAYER[key] in s.skipped:
            continue
        out.append(
            _toggle(rid, key, label, counts[key], swatches[key], on=key in DEFAULT_LAYERS)
        )
        if key == "ent" and s.entities_by_group:
            groups = "".join(
                f'<li class="en-{g.key}">{_e(g.label)}</li>' for g, _ in s.entities_by_group
            )
            out.append(f'<ul class="groups" aria-label="Entity colours">{groups}</ul>')
    extra = s.extra_layer_counts
    if extra:
        names = ", ".join(name for name, _ in extra)
        out.append(_toggle(rid, "ext", "Other layers", sum(n for _, n in extra), "sw-ext",
                           f"Layers beyond the built-in ones: {names}", on="ext" in DEFAULT_LAYERS))
    out.append("</fieldset>")

    out.append('<fieldset class="techniques"><legend>Techniques</legend>')
    per_technique: dict[int, int] = {}
    for mark in marks:
        if mark.layer == "tk":
            per_technique[mark.tech] = per_technique.get(mark.tech, 0) + 1
    if not per_technique:
        out.append('<p class="none">No persuasion techniques found.</p>')
    else:
        out.append(_threshold_html(rid))
        out.append(
            '<div class="tk-actions" hidden><button type="button" data-all="1">Show all</button>'
            '<button type="button" data-all="0">Hide all</button></div>'
        )
        out.append('<div class="tk-list">')
        for index, n in _ranked(per_technique):
            entry = techs.entries[index]
            out.append(
                _toggle(
                    rid, f"tk-{index}", entry.label, n, f"sw-tk tk-sw-{index}", entry.explanation,
                    detail=" " + _reliability_badge(entry.id),
                )
            )
        out.append("</div>")
        out.append(
            '<p class="rel-note">Under each name: how often the model is right about it, on'
            " articles it was not trained on (hover for its F1). Overall, techniques are"
            f" {_e(shipped_reliability().si_words)}.</p>"
        )
    out.append("</fieldset>")
    out.append(
        f'<section class="details" id="{rid}-details" tabindex="-1" aria-live="polite"'
        f' aria-labelledby="{rid}-details-h" hidden><h3 id="{rid}-details-h">Details'
        '<button type="button" class="close" aria-label="Close details">×</button></h3>'
        '<div class="details-body"><p class="hint">Click a highlight, or tab to one and press'
        " Enter, to see what was found there.</p></div></section>"
    )
    out.append("<noscript><p>Hover over a highlight to see what it is.</p></noscript>")
    return "\n".join(out) + "\n"


def _reliability_badge(technique_id: str) -> str:
    """How far to trust a technique, in words, with its figures in the tooltip."""
    r = shipped_reliability().of(technique_id)
    return f'<small class="rel rel-{r.band}" title="{_e(r.note)}">{_e(r.words)}</small>'


def _ranked(counts: dict[int, int]) -> list[tuple[int, int]]:
    """Techniques by count, most frequent first, then in catalogue order."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _jump(rid: str, sid: str, label: str, tip: str) -> str:
    """A findings link to span ``sid`` in the text (``label`` is markup, already escaped)."""
    return f'<a href="#{span_anchor(rid, sid)}" data-j="{sid}" title="{_e(tip)}">{label}</a>'


def _excerpt(text: str, limit: int, quoted: bool = True) -> str:
    """``text`` shortened, escaped, and (``quoted``) between quotation marks: its own when it
    has a pair, ours otherwise."""
    said = shorten(text, limit)
    if not quoted:
        return _e(said)
    if len(said) > 1 and said[0] in _QUOTE_MARKS and said[-1] in _QUOTE_MARKS:
        said = unquoted(said) or said
    return _e(f"“{said}”")


def _technique_findings(
    s: Summary, rid: str, techs: _TechniqueIndex, marks: list[_Mark], details: dict[str, Any]
) -> str:
    """Each technique found, most frequent first: its count, what it means, every instance."""
    if "techniques" in s.skipped:
        return ""
    found: dict[int, list[_Mark]] = {}
    for mark in marks:
        if mark.layer == "tk":
            found.setdefault(mark.tech, []).append(mark)
    groups = []
    for index, n in _ranked({i: len(ms) for i, ms in found.items()}):
        entry = techs.entries[index]
        colour, _, style = technique_style(entry.id)
        tip = f"{entry.label}: show it in the text"
        items = "".join(
            f'<li class="cf-{m.cf}">'
            + _jump(rid, m.sid, _excerpt(details[m.sid]["text"], 100), tip)
            + f' <span class="cf-v">{_pct(details[m.sid]["confidence"])}</span></li>'
            for m in sorted(found[index], key=lambda m: (m.start, m.end, m.sid))
        )
        groups.append(
            f'<li class="fd-tech" data-t="{index}"><p class="fd-head">'
            f'<span class="sw sw-tk tk-sw-{index}" title="{_e(f"{colour}, {style} line")}">'
            f'</span><span class="fd-name">{_e(entry.label)}</span>'
            + _reliability_badge(entry.id)
            + f'<span class="n">{n:,}</span><span class="n-below" hidden></span></p>'
            f'<p class="fd-explain">{_e(entry.explanation)}</p>'
            f'<ol class="fd-spans">{items}</ol></li>'
        )
    if groups:
        threshold = _pct(DEFAULT_THRESHOLD)
        body = (
            '<p class="fd-note">The more confident the model, the thicker and darker the'
            " underline. A confidence says how often the model is right when it flags a"
            " technique so: on articles it was not trained on, highlights shown at 40% named"
            " the technique a trained annotator marked there about 4 times in 10."
            " Techniques under the display threshold (now"
            f' <b class="thr-v">{threshold}</b> confidence; {threshold} by default) are hidden'
            " here and in the text until you pick a lower one under Techniques. Beside each"
            " technique, how often the model is right about it on articles it was not trained"
            " on (hover for its F1).</p>\n"
            f'<p class="fd-note fd-si">{_e(shipped_reliability().si_sentence)}</p>\n'
            f'<ol class="fd-list">{"".join(groups)}</ol>'
        )
    else:
        body = '<p class="none">No persuasion techniques found.</p>'
    return (
        f'<section class="fd-tk" aria-labelledby="{rid}-fd-tk">\n'
        f'<h4 id="{rid}-fd-tk">Techniques</h4>\n{body}\n</section>\n'
    )


def _claim_findings(s: Summary, rid: str, marks: list[_Mark], details: dict[str, Any]) -> str:
    """The check-worthy claims, highest score first, each with its kind."""
    if "claims" in s.skipped:
        return ""
    claims = sorted(
        (m for m in marks if m.layer == "cl"),
        key=lambda m: (-details[m.sid]["score"], m.start, m.sid),
    )
    items = "".join(
        f'<li><span class="score">{details[m.sid]["score"]:.2f}</span>'
        + (f' <span class="kind">{_e(details[m.sid]["kind"])}</span> '
           if details[m.sid].get("verifiable", True)
           else ' <span class="kind opinion">opinion, not verifiable</span> ')
        + _jump(rid, m.sid, _excerpt(details[m.sid]["text"], 160, False), "Show it in the text")
        + "</li>"
        for m in claims
    )
    if items:
        body = (
            '<p class="fd-note">Sentences stating something that can be checked, by how'
            " check-worthy the model finds them (0 to 1): a high score says “check this”,"
            " not “this is false”. Those marked “opinion, not verifiable” read like facts"
            " but state a judgement or forecast that no record can settle.</p>\n"
            f'<ol class="fd-claims">{items}</ol>'
        )
    else:
        body = '<p class="none">No check-worthy claims found.</p>'
    return (
        f'<section class="fd-cl" aria-labelledby="{rid}-fd-cl">\n'
        f'<h4 id="{rid}-fd-cl">Claims, ranked by score</h4>\n{body}\n</section>\n'
    )


# The warning on a speaker nobody stands behind, and why a fact-checker should care.
_WEAK_FLAGS: dict[str, tuple[str, str]] = {
    "vague": (
        "vague source",
        "An unnamed group or stand-in (“experts”, “critics”, “many people”): nobody"
        " identifiable stands behind these words, so they cannot be checked with whoever said"
        " them. Ask who exactly, and whether anyone on the record agrees.",
    ),
    "anonymous": (
        "anonymous source",
        "A source the article deliberately does not name: the words rest on the outlet's"
        " trust alone and cannot be checked with the speaker. Look for on-the-record or"
        " documentary confirmation before relying on them.",
    ),
}
_EXCERPT_CHARS = 120


def _source_html(group: SourceGroup, rid: str, anchored: Collection[str], lang: str) -> str:
    """One speaker of the Sources panel: name, kinds, flags, count, then its quotes."""
    head = [
        f'<span class="src-name"{lang}>{_e(group.name)}</span>'
        if group.name
        else '<span class="src-name src-unknown">Speaker not identified</span>'
    ]
    # The kind as a label; a kind nobody stands behind as a warning that says why it matters.
    for kind in group.kinds:
        if kind in group.weak_kinds:
            label, why = _WEAK_FLAGS.get(kind, (f"{kind} source", _WEAK_FLAGS["vague"][1]))
            head.append(f'<span class="src-flag" title="{_e(why)}">⚠ {_e(label)}</span>')
        else:
            head.append(f'<span class="src-kind">{_e(kind)}</span>')
    head.append(f'<span class="n">{plural(len(group.quotes), "quote")}</span>')
    items = []
    for i, quote in group.quotes:
        said = shorten(unquoted(quote.text), _EXCERPT_CHARS)
        said = _e(f"“{said}”" if quote.kind == "direct" else said)
        sid = f"q{i}"
        if sid in anchored:
            said = _jump(rid, sid, said, f"{quote.kind.capitalize()} quote: show it in the text")
        items.append(f"<li>{said}</li>")
    return (
        f'<li class="src{" src-weak" if group.weak_kinds else ""}">'
        f'<p class="src-head">{" ".join(head)}</p>'
        f'<ol class="src-quotes"{lang}>{"".join(items)}</ol></li>'
    )


def _sources_html(
    report: Report, s: Summary, rid: str, anchored: Collection[str], lang: str = ""
) -> str:
    """Who is quoted: the quotes grouped by speaker, with the kind of each source, vague and
    anonymous ones flagged, and each quote a link to its anchor in the text where it has one
    (``anchored``: those quote ids). ``lang`` is the article's lang attribute, if any."""
    if "quotes" in s.skipped:
        return ""
    groups = source_groups(report.quotes)
    if groups:
        listed = "".join(_source_html(g, rid, anchored, lang) for g in groups)
        body = (
            f'<p class="src-profile">{_e(sourcing_line(s))}</p>\n'
            f'<ol class="src-list">{listed}</ol>'
        )
    else:
        body = '<p class="none">No quotes found.</p>'
    return (
        f'<section class="sources" aria-labelledby="{rid}-src-h">\n'
        f'<h4 id="{rid}-src-h">Sources</h4>\n{body}\n</section>\n'
    )


def _findings_html(
    report: Report,
    s: Summary,
    rid: str,
    techs: _TechniqueIndex,
    marks: list[_Mark],
    details: dict[str, Any],
    lang: str,
) -> str:
    """The findings panel: techniques, claims ranked, then the quotes grouped by speaker."""
    anchored = {m.sid for m in marks if m.layer == "qt"}
    parts = (
        _technique_findings(s, rid, techs, marks, details)
        + _claim_findings(s, rid, marks, details)
        + _sources_html(report, s, rid, anchored, lang)
    )
    if not parts:
        return ""
    return (
        f'<section class="findings" id="{rid}-findings" aria-labelledby="{rid}-fd-h">\n'
        f'<h3 id="{rid}-fd-h">Findings</h3>\n{parts}</section>\n'
    )


def _article_html(report: Report, n: int, techs: _TechniqueIndex) -> str:
    rid = f"r{n}"
    marks, details = _collect(report, techs)
    deepest = _assign_tracks([m for m in marks if m.layer == "tk"])
    s = summarise(report)
    lang = report.document.language
    lang_attr = f' lang="{_e(lang)}"' if lang and _LANG.fullmatch(lang) else ""
    headline = f"{rid}-title" if _headline_in_text(report) else None
    used = {m.tech for m in marks if m.layer == "tk"}
    reliability = shipped_reliability()
    data = {
        "spans": details,
        "techniques": {
            str(i): {
                "id": techs.entries[i].id,
                "label": techs.entries[i].label,
                "explanation": techs.entries[i].explanation,
                "reliability": reliability.of(techs.entries[i].id).words,
                "f1": reliability.of(techs.entries[i].id).tc_f1,
            }
            for i in sorted(used)
        },
    }
    return (
        f'<article class="report lh-{deepest}" id="{rid}" aria-labelledby="{rid}-title"'
        f' data-threshold="{DEFAULT_THRESHOLD}">\n'
        + _header_html(report, rid)
        + _summary_html(s, rid, _summary_notes(report, s))
        + '<div class="layout">\n<div class="reading">\n'
        + f'<div class="doc-text"{lang_attr}>\n'
        + f"{_text_html(report.document.text, marks, rid, headline)}</div>\n"
        + _findings_html(report, s, rid, techs, marks, details, lang_attr)
        + "</div>\n"
        + '<aside class="side" aria-label="Layers and details">\n'
        + _controls_html(s, rid, techs, marks)
        + "</aside>\n</div>\n"
        + f'<script type="application/json" id="{rid}-data">{_script_json(data)}</script>\n'
        + "</article>\n"
    )


# Declarations that switch one layer off; applied by a class on the article (set by the script)
# and, for readers with scripts disabled, by :has() on the unchecked box. The findings stay:
# the layers govern the text's highlights, not the lists.
_OFF_RULES: dict[str, str] = {
    "ent": ".en{background-color:transparent}",
    "dt": ".dt{text-decoration:none}.dt-v::after{content:none}",
    "qt": ".qt{font-style:inherit;color:inherit}"
    ".spk{font-weight:inherit;color:inherit}.cue{color:inherit;text-decoration:none}",
    "cl": ".cl{background-color:transparent}",
    "tk": ".tk{border-bottom-color:transparent}",
    "ext": ".ext{text-decoration:none}",
}


def _scoped_css(prefixes: Iterable[str], body: str) -> str:
    """Each rule of ``body`` (simple selectors, no lists) under each of ``prefixes``."""
    rules = [rule + "}" for rule in body.split("}") if rule]
    return "\n".join(prefix + rule for prefix in prefixes for rule in rules)


def _off_css(key: str, body: str) -> str:
    return _scoped_css((f".report.off-{key} ", f".report:has(.tg-{key}:not(:checked)) "), body)


def _threshold_css(bucket: int) -> str:
    """What a threshold of ``bucket`` tenths hides: the technique lines and findings under it;
    set by a class from the script and, without scripts, by :has() on the selected option."""
    below = ",".join(f".cf-{b}" for b in range(bucket))
    body = (
        f".tk:is({below}){{border-bottom-color:transparent}}"
        f".fd-spans>li:is({below}){{display:none}}"
    )
    return _scoped_css(
        (f".report.min-{bucket} ", f'.report:has(.thr-sel option[value="{bucket}"]:checked) '),
        body,
    )


def _page_css(techs: _TechniqueIndex) -> str:
    generated = []
    for group in ENTITY_GROUPS:
        generated.append(f".en-{group.key}{{background-color:{group.colour}}}")
    # Colour and line style per technique, as custom properties that style.css applies to the
    # underlines (.tk) and the swatches (.sw-tk).
    for i, entry in enumerate(techs.entries):
        _, colour, style = technique_style(entry.id)
        generated.append(f".tk-{i}{{--tc:{colour};--ts:{style}}}")
        generated.append(f".tk-sw-{i}{{--tc:{colour};--ts:{style}}}")
    # Strength: opacity and width of the line (opacity of a claim's background) by confidence.
    for bucket in range(_BUCKETS):
        opacity, width = _strength(bucket)
        generated.append(f".cf-{bucket}{{--tp:{opacity}%;--tw:{width}px}}")
    # The layer swatch for techniques hints at their many colours.
    stops = ",".join(dict.fromkeys(colour for _, colour, _ in PALETTE.values()))
    generated.append(
        f".sw-tk.sw-tk-all{{height:.4em;border:0;background:linear-gradient(90deg,{stops})}}"
    )
    generated.extend(_off_css(key, body) for key, body in _OFF_RULES.items())
    generated.extend(
        _off_css(f"tk-{i}", f".tk-{i}{{border-bottom-color:transparent}}")
        for i in range(len(techs.entries))
    )
    generated.extend(_threshold_css(bucket) for bucket in range(1, _BUCKETS))
    return _asset("style.css") + "\n" + "\n".join(generated) + "\n"


def _as_list(reports: Report | Sequence[Report]) -> list[Report]:
    return [reports] if isinstance(reports, Report) else list(reports)


@dataclass(frozen=True, slots=True)
class ReportParts:
    """The pieces of a report page that another page can host (the web app does).

    ``articles`` is markup for inside ``<main>``; it needs ``style`` in the page head and
    ``script`` (in a ``<script>`` element after it) for its filters and details.
    """

    style: str
    script: str
    articles: str


def report_parts(reports: Report | Sequence[Report]) -> ReportParts:
    """The style, script and ``<article>`` markup of ``reports``, without a page around them."""
    items = _as_list(reports)
    techs = _TechniqueIndex()
    articles = "".join(_article_html(r, n, techs) for n, r in enumerate(items))
    if not items:
        articles = '<p class="none">No articles to show.</p>\n'
    style = _page_css(techs)  # after the articles: unknown technique ids are indexed by then
    return ReportParts(style, _asset("script.js"), articles)


def to_html(reports: Report | Sequence[Report]) -> str:
    """One self-contained HTML page; several reports become several ``<article>`` sections."""
    items = _as_list(reports)
    parts = report_parts(items)
    csp = (
        "default-src 'none'; "
        f"style-src {csp_hash(parts.style)}; "
        f"script-src {csp_hash(parts.script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    if len(items) == 1:
        doc = items[0].document
        title = f"{doc.title.strip()} · unspun" if doc.title and doc.title.strip() else "unspun"
        nav = ""
    else:
        title = f"unspun · {len(items)} articles"
        entries = "".join(
            f'<li><a href="#r{n}">{_e((r.document.title or "").strip() or "Untitled article")}'
            "</a></li>"
            for n, r in enumerate(items)
        )
        nav = (
            f'<nav class="toc" aria-label="Articles">{plural(len(items), "article")}'
            f"<ol>{entries}</ol></nav>\n"
        )
    return Template(_asset("page.html")).substitute(
        csp=_e(csp),
        version=_e(__version__),
        title=_e(title),
        style=parts.style,
        nav=nav,
        articles=parts.articles,
        script=parts.script,
    )
