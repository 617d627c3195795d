"""Markdown output: a short summary meant to be read in a terminal or a .md file."""

from __future__ import annotations

import re
from collections import Counter

from unspun.reference import reference_sentence
from unspun.render.summary import (
    WEAK_KINDS,
    Summary,
    nonempty,
    plural,
    shorten,
    source_groups,
    sourcing_line,
    summarise,
    top_entities,
    unquoted,
)
from unspun.report import Report
from unspun.techniques import get_technique
from unspun.techniques.reliability import shipped_reliability

_QUOTE_CHARS = 140
_EXAMPLE_CHARS = 100
# Characters that would turn plain article text into markup (links, emphasis, raw HTML, code)
# in a Markdown viewer; escaping them keeps titles and quotes literal everywhere.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_SAFE_URL = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)


def _inline(text: str, limit: int | None = None) -> str:
    """``text`` on one line, shortened to ``limit`` characters, with Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", shorten(text, limit))


def _url(url: str) -> str:
    if _SAFE_URL.fullmatch(url):
        return f"<{url}>"
    return _inline(url)


def _header(report: Report) -> list[str]:
    doc = report.document
    title = _inline(doc.title) if doc.title and doc.title.strip() else "Untitled article"
    meta = [
        _inline(part)
        for part in (doc.site, doc.date, f"by {doc.author}" if doc.author else None)
        if part and part.strip()
    ]
    if doc.url:
        meta.append(_url(doc.url))
    elif report.source and report.source != "-":
        meta.append(f"source: {_inline(report.source)}")
    lines = [f"# {title}", ""]
    if meta:
        lines += [" · ".join(meta), ""]
    return lines


def _counts(s: Summary) -> str:
    counts = [
        ("sentences", plural(s.sentences, "sentence")),
        ("entities", plural(s.entities, "entity", "entities")),
        ("dates", plural(s.dates, "date")),
    ]
    # A layer that did not run has no count: "0 dates" would say none were found.
    shown = [text for layer, text in counts if layer not in s.skipped]
    return " · ".join([plural(s.words, "word"), *shown])


def _entities(report: Report) -> list[str]:
    lines = []
    for key, name in (("people", "People"), ("orgs", "Organisations"), ("places", "Places")):
        top = top_entities(report, key)
        if top:
            names = ", ".join(f"{_inline(t)} ({n})" if n > 1 else _inline(t) for t, n in top)
            lines.append(f"- **{name}:** {names}")
    return lines


def _dates(report: Report, s: Summary) -> list[str]:
    if not s.dates:
        return []
    resolved = [d for d in nonempty(report.dates) if d.value]
    head = f"- **Dates:** {s.dates_resolved} of {s.dates} resolved"
    shown = []
    seen: set[str] = set()
    for d in resolved:
        key = " ".join(d.text.split()).casefold()
        if key in seen:
            continue
        seen.add(key)
        shown.append(f"“{_inline(d.text, 40)}” → {_inline(d.value or '')}")
        if len(shown) == 4:
            break
    lines = [head + (": " + "; ".join(shown) if shown else "")]
    if not report.document.date:
        lines.append("  - No publication date known, so relative dates (“last week”) stay"
                     " unresolved: give one with `--date YYYY-MM-DD` (web: the Published"
                     " field).")
    return lines


def _quotes(report: Report, s: Summary) -> list[str]:
    if not s.quotes:
        return []
    groups = source_groups(report.quotes)
    head = plural(s.quotes, "quote")
    if s.speakers:
        head += f" from {plural(s.speakers, 'speaker')}"
    unattributed = sum(len(g.quotes) for g in groups if g.name is None)
    if unattributed:
        head += f" ({unattributed} unattributed)"
    lines = ["## Quotes", "", head, ""]
    named = [g for g in groups if g.name is not None]
    for group in named[:5]:
        # The most confident direct quote best represents what the speaker said.
        best = max((q for _, q in group.quotes),
                   key=lambda q: (q.kind == "direct", q.confidence, -q.start))
        count = f" ({len(group.quotes)})" if len(group.quotes) > 1 else ""
        said = _inline(unquoted(best.text), _QUOTE_CHARS)
        kind = best.speaker.kind if best.speaker is not None else None
        flag = f" ({kind})" if kind in WEAK_KINDS else ""
        lines.append(f"- **{_inline(group.name or '')}**{flag}{count}: “{said}”")
    if not named:
        for q in nonempty(report.quotes)[:3]:
            lines.append(f"- “{_inline(unquoted(q.text), _QUOTE_CHARS)}”")
    return [*lines, ""]


def _sources(report: Report, s: Summary) -> list[str]:
    """Who is quoted: every speaker with its kind and number of quotes, weak sourcing flagged."""
    if not s.quotes:
        return []
    lines = ["## Sources", "", f"Sourcing: {sourcing_line(s)}", ""]
    for group in source_groups(report.quotes):
        name = f"**{_inline(group.name)}**" if group.name else "_Speaker not identified_"
        kinds = [kind for kind in group.kinds if kind not in group.weak_kinds]
        label = f" ({', '.join(kinds)})" if kinds else ""
        flags = "".join(f" · ⚠ {kind} source" for kind in group.weak_kinds)
        lines.append(f"- {name}{label} · {plural(len(group.quotes), 'quote')}{flags}")
    return [*lines, ""]


def _claims(report: Report, s: Summary) -> list[str]:
    if not s.claims:
        return []
    lines = ["## Claims", "", plural(s.claims, "check-worthy claim"), ""]
    for c in sorted(nonempty(report.claims), key=lambda c: (-c.score, c.start))[:5]:
        kind = c.kind if c.verifiable else "opinion, not verifiable"
        lines.append(f"- {c.score:.2f} ({kind}): {_inline(c.text, _QUOTE_CHARS)}")
    return [*lines, ""]


def _techniques(report: Report, s: Summary) -> list[str]:
    if not s.techniques:
        return []
    stats = [plural(s.techniques, "technique span")]
    if s.techniques_per_1000_words is not None:
        stats.append(f"{s.techniques_per_1000_words:.1f} per 1,000 words")
    if s.technique_sentence_share is not None:
        stats.append(
            f"{s.technique_sentence_share:.0%} of sentences use at least one"
            f" ({s.sentences_with_technique} of {s.sentences})"
        )
    reliability = shipped_reliability()
    lines = ["## Persuasion techniques", "", " · ".join(stats), "", reliability.si_sentence,
             "In brackets, how often the model is right about each technique.", ""]
    examples: dict[str, str] = {}
    for t in sorted(nonempty(report.techniques), key=lambda t: (-t.confidence, t.start)):
        examples.setdefault(t.technique, t.text)
    counts = Counter(dict(s.technique_counts))
    for technique_id, n in counts.most_common(6):
        label = _inline(get_technique(technique_id).label)
        example = examples.get(technique_id, "")
        trust = reliability.of(technique_id)
        f1 = "" if trust.tc_f1 is None else f", F1 {trust.tc_f1:.2f}"
        lines.append(
            f"- **{label}** ×{n} ({trust.words}{f1}): “{_inline(example, _EXAMPLE_CHARS)}”"
        )
    return [*lines, ""]


def to_markdown(report: Report) -> str:
    """A short Markdown summary of one report."""
    s = summarise(report)
    lines = _header(report)
    lines += [_counts(s), ""]
    scale = reference_sentence(report)
    if scale:
        lines += [f"**Reference scale:** {_inline(scale)}", ""]
    overview = _entities(report) + _dates(report, s)
    if overview:
        lines += [*overview, ""]
    lines += _quotes(report, s)
    lines += _sources(report, s)
    lines += _claims(report, s)
    lines += _techniques(report, s)
    lines += _extra_layers(report)
    if s.skipped:
        lines += [f"_Layers not run: {', '.join(report.skipped_layers)}._", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _extra_layers(report: Report) -> list[str]:
    """Each layer beyond the built-in ones: its count, then its first spans."""
    lines: list[str] = []
    for name, spans in report.extra_layers.items():
        found = nonempty(spans)
        lines += [f"## {_inline(name)}", "", plural(len(found), "span"), ""]
        for span in found[:5]:
            label = f"**{_inline(span.label)}** " if span.label else ""
            score = "" if span.score is None else f" ({span.score:.2f})"
            lines.append(f"- {label}“{_inline(span.text, _EXAMPLE_CHARS)}”{score}")
        lines += [""] if found else []
    return lines
