"""HTML output: one self-contained, inert-by-construction page with toggleable highlight layers.

The text is cut server-side at every span boundary; each covered stretch becomes one ``.hl``
element that names the spans covering it (``data-s``) and nests one element per visual channel:
technique bars (stacked on tracks so that overlapping techniques stay visible), the claim
background, then entity/date/quote styling. Per-span details travel in a JSON data block that
the inline script reads; with scripts off the page still shows every highlight, tooltips, and
(via ``:has()``) working layer checkboxes. Below the text, a Sources panel lists the quotes by
speaker, each linking to an empty anchor where the quote starts in the text.

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
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import urlsplit

from unspun import __version__
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

# Four underline tracks fit in the line spacing; deeper overlaps share the last track and remain
# distinguishable through the tooltip and the details panel.
MAX_TRACKS = 4

# Layer keys, in nesting/listing order. spk and cue (speaker and cue of a quote) are toggled
# with the quotes layer.
LAYERS: tuple[tuple[str, str], ...] = (
    ("ent", "Entities"),
    ("dt", "Dates"),
    ("qt", "Quotes"),
    ("cl", "Claims"),
    ("tk", "Techniques"),
)
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
    who: str | None = None


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
                who=name,
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
                    f"Check-worthy claim · score {claim.score:.2f} ({claim.kind})",
                ),
                {"score": claim.score, "kind": claim.kind, "sentence": claim.sentence},
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
                ),
                {
                    "technique": tech.technique,
                    "t": index,
                    "confidence": tech.confidence,
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
    claim = False
    focusable = False
    for mark in ordered:
        if mark.start == start and mark.layer in ("dt", "qt", "cl", "tk", "ext"):
            focusable = True
        if mark.layer == "tk":
            wrappers.append((f"tk tk-{mark.tech} trk-{mark.track}", ""))
        elif mark.layer == "cl":
            claim = True
        else:
            if mark.layer == "ent" and any(c.startswith("en") for c in inner):
                continue  # overlapping entities: the first one's colour is enough
            inner.append(mark.css)
            if mark.layer == "dt" and mark.end == end and mark.value:
                inner.append("dt-v")
                inner_attrs += f' data-v="{_e(mark.value)}"'
    if claim:
        wrappers.append(("cl", ""))
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


def quote_anchor(rid: str, sid: str) -> str:
    """The id of the empty element that marks where quote ``sid`` of article ``rid`` starts."""
    return f"{rid}-{sid}"


def _text_html(
    text: str, marks: list[_Mark], rid: str, headline_id: str | None = None
) -> str:
    """The article as paragraphs (one per non-blank line) with every mark highlighted; with
    ``headline_id``, the first line is the headline, a heading with that id.

    Every quote mark gets an anchor (:func:`quote_anchor`) in the text, whatever its offsets.
    """
    # Before a quote's opening mark go its anchor and speaker badge, so that it reads
    # "SMITH: “…”" rather than splitting the mark from the words.
    inserts: dict[int, list[str]] = {}
    for mark in marks:
        if mark.layer == "qt":
            at = mark.start
            if at > 0 and text[at - 1] in _OPENING_QUOTES:
                at -= 1
            here = inserts.setdefault(at, [])
            here.append(f'<span class="qa" id="{quote_anchor(rid, mark.sid)}"></span>')
            if mark.who:
                here.append(
                    f'<span class="who" data-who="{_e(mark.who)}" data-q="{mark.sid}"></span>'
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


def _summary_html(s: Summary, rid: str) -> str:
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
    ]
    if s.entities_by_group:
        chips = "".join(
            f'<li class="en-{g.key}">{_e(g.label)} <b>{n:,}</b></li>'
            for g, n in s.entities_by_group
        )
        out.append(f'<ul class="breakdown" aria-label="Entities by type">{chips}</ul>')
    out.append("</section>")
    return "\n".join(out) + "\n"


def _toggle(rid: str, key: str, label: str, count: int, swatch: str, title: str = "") -> str:
    disabled = " disabled" if count == 0 else ""
    tip = f' title="{_e(title)}"' if title else ""
    return (
        f'<label class="tg"{tip}><input type="checkbox" id="{rid}-tg-{key}" class="tg-{key}"'
        f' data-off="off-{key}" checked{disabled}>'
        f'<span class="sw {swatch}" aria-hidden="true"></span>'
        f'<span>{_e(label)}</span><span class="n">{count:,}</span></label>'
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
    out = ['<fieldset class="controls"><legend>Layers</legend>']
    for key, label in LAYERS:
        if _REPORT_LAYER[key] in s.skipped:
            continue
        out.append(_toggle(rid, key, label, counts[key], swatches[key]))
        if key == "ent" and s.entities_by_group:
            groups = "".join(
                f'<li class="en-{g.key}">{_e(g.label)}</li>' for g, _ in s.entities_by_group
            )
            out.append(f'<ul class="groups" aria-label="Entity colours">{groups}</ul>')
    extra = s.extra_layer_counts
    if extra:
        names = ", ".join(name for name, _ in extra)
        out.append(_toggle(rid, "ext", "Other layers", sum(n for _, n in extra), "sw-ext",
                           f"Layers beyond the built-in ones: {names}"))
    out.append("</fieldset>")

    out.append('<fieldset class="techniques"><legend>Techniques</legend>')
    per_technique: dict[int, int] = {}
    for mark in marks:
        if mark.layer == "tk":
            per_technique[mark.tech] = per_technique.get(mark.tech, 0) + 1
    if not per_technique:
        out.append('<p class="none">No persuasion techniques found.</p>')
    else:
        out.append(
            '<div class="tk-actions" hidden><button type="button" data-all="1">Show all</button>'
            '<button type="button" data-all="0">Hide all</button></div>'
        )
        out.append('<div class="tk-list">')
        ranked = sorted(per_technique.items(), key=lambda kv: (-kv[1], kv[0]))
        for index, n in ranked:
            entry = techs.entries[index]
            out.append(
                _toggle(
                    rid, f"tk-{index}", entry.label, n, f"sw-tk tk-sw-{index}", entry.explanation
                )
            )
        out.append("</div>")
        about = "".join(
            f"<dt>{_e(techs.entries[i].label)}</dt><dd>{_e(techs.entries[i].explanation)}</dd>"
            for i, _ in ranked
        )
        out.append(
            f'<details class="about"><summary>What these techniques mean</summary>'
            f"<dl>{about}</dl></details>"
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
            tip = _e(f"{quote.kind.capitalize()} quote: show it in the text")
            said = f'<a href="#{quote_anchor(rid, sid)}" data-q="{sid}" title="{tip}">{said}</a>'
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
        f'<h3 id="{rid}-src-h">Sources</h3>\n{body}\n</section>\n'
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
    data = {
        "spans": details,
        "techniques": {
            str(i): {
                "id": techs.entries[i].id,
                "label": techs.entries[i].label,
                "explanation": techs.entries[i].explanation,
            }
            for i in sorted(used)
        },
    }
    return (
        f'<article class="report lh-{deepest}" id="{rid}" aria-labelledby="{rid}-title">\n'
        + _header_html(report, rid)
        + _summary_html(s, rid)
        + '<div class="layout">\n<div class="reading">\n'
        + f'<div class="doc-text"{lang_attr}>\n'
        + f"{_text_html(report.document.text, marks, rid, headline)}</div>\n"
        + _sources_html(report, s, rid, {m.sid for m in marks if m.layer == "qt"}, lang_attr)
        + "</div>\n"
        + '<aside class="side" aria-label="Layers and details">\n'
        + _controls_html(s, rid, techs, marks)
        + "</aside>\n</div>\n"
        + f'<script type="application/json" id="{rid}-data">{_script_json(data)}</script>\n'
        + "</article>\n"
    )


# Declarations that switch one layer off; applied by a class on the article (set by the script)
# and, for readers with scripts disabled, by :has() on the unchecked box.
_OFF_RULES: dict[str, str] = {
    "ent": ".en{background-color:transparent}",
    "dt": ".dt{text-decoration:none}.dt-v::after{content:none}",
    "qt": ".qt{font-style:inherit;color:inherit}.who{display:none}.sources{display:none}"
    ".spk{font-weight:inherit;color:inherit}.cue{color:inherit;text-decoration:none}",
    "cl": ".cl{background-color:transparent}",
    "tk": ".tk{border-bottom-color:transparent}",
    "ext": ".ext{text-decoration:none}",
}


def _off_css(key: str, body: str) -> str:
    rules = [rule + "}" for rule in body.split("}") if rule]
    out: list[str] = []
    for prefix in (f".report.off-{key} ", f".report:has(.tg-{key}:not(:checked)) "):
        out.extend(prefix + rule for rule in rules)
    return "\n".join(out)


def _page_css(techs: _TechniqueIndex) -> str:
    generated = []
    for group in ENTITY_GROUPS:
        generated.append(f".en-{group.key}{{background-color:{group.colour}}}")
    for i, entry in enumerate(techs.entries):
        colour = entry.colour if re.fullmatch(r"#[0-9a-fA-F]{6}", entry.colour) else "#6b7280"
        generated.append(
            f".tk-{i}{{border-bottom-color:{colour}}}.tk-sw-{i}{{background:{colour}}}"
        )
    # The layer swatch for techniques hints at their many colours.
    stops = ",".join(t.colour for t in TECHNIQUES[:: max(1, len(TECHNIQUES) // 4)])
    generated.append(f".sw-tk-all{{background:linear-gradient(90deg,{stops})}}")
    generated.extend(_off_css(key, body) for key, body in _OFF_RULES.items())
    generated.extend(
        _off_css(f"tk-{i}", f".tk-{i}{{border-bottom-color:transparent}}")
        for i in range(len(techs.entries))
    )
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
