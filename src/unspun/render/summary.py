"""Figures shared by the HTML and Markdown renderers, so both always tell the same story."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from unspun.report import BUILTIN_LAYERS, Entity, Quote, Report, Span

S = TypeVar("S", bound=Span)


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """A reader-facing family of spaCy entity labels, with one highlight colour."""

    key: str
    label: str
    labels: tuple[str, ...]
    colour: str


# Pastel backgrounds: dark body text stays above 12:1 contrast on every one of them.
ENTITY_GROUPS: tuple[EntityGroup, ...] = (
    EntityGroup("people", "People", ("PERSON",), "#cfe2ff"),
    EntityGroup("orgs", "Organisations", ("ORG",), "#e2d9f3"),
    EntityGroup("places", "Places", ("GPE", "LOC", "FAC"), "#cdeccf"),
    EntityGroup("norp", "Nationalities & groups", ("NORP",), "#f8d3e4"),
    EntityGroup("time", "Dates & times", ("DATE", "TIME"), "#ffe0c2"),
    EntityGroup(
        "numbers",
        "Quantities, money & percentages",
        ("QUANTITY", "MONEY", "PERCENT", "CARDINAL", "ORDINAL"),
        "#c9f1f5",
    ),
    EntityGroup(
        "other",
        "Other (events, works, laws…)",
        ("PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"),
        "#e4e6e9",
    ),
)

GROUP_BY_KEY: dict[str, EntityGroup] = {g.key: g for g in ENTITY_GROUPS}
GROUP_OF_LABEL: dict[str, EntityGroup] = {
    label: group for group in ENTITY_GROUPS for label in group.labels
}

# Letters/digits with inner apostrophes or hyphens count once: "don't" and "well-known" are one
# word each, as a reader would count them.
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def entity_group(entity: Entity) -> EntityGroup:
    return GROUP_OF_LABEL.get(entity.label, GROUP_BY_KEY["other"])


def speaker_name(quote: Quote) -> str | None:
    """The best name for who said ``quote``: the resolved name, else the text as written."""
    return quote.speaker.display_name if quote.speaker is not None else None


def normalise_mention(text: str) -> str:
    return " ".join(text.split())


_QUOTE_MARKS = "\"'“”‘’«»„‟‹›"


def unquoted(text: str) -> str:
    """A quotation without its own outer marks, which the renderers add back uniformly."""
    return text.strip().strip(_QUOTE_MARKS).strip()


def shorten(text: str, limit: int | None = None) -> str:
    """``text`` on one line, cut to at most ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if limit is not None and len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return flat


@dataclass(frozen=True, slots=True)
class Summary:
    words: int
    sentences: int
    entities: int
    entities_by_group: tuple[tuple[EntityGroup, int], ...]
    dates: int
    dates_resolved: int
    quotes: int
    speakers: int
    claims: int
    techniques: int
    technique_counts: tuple[tuple[str, int], ...]
    sentences_with_technique: int
    layer_counts: tuple[tuple[str, int], ...] = ()
    """Spans of each layer that ran, built-in and extra, in report order."""
    skipped: frozenset[str] = frozenset()
    """Built-in layers that were not run: their zero means "not looked for"."""
    source_kinds: tuple[tuple[str, int], ...] = ()
    """The sourcing profile: quotes by the kind of their speaker, "unattributed" for none."""

    @property
    def named_source_share(self) -> float | None:
        """Share of quotes attributed to a named person or organisation."""
        return named_share(self.source_kinds)

    @property
    def extra_layer_counts(self) -> tuple[tuple[str, int], ...]:
        """The spans of each layer beyond the built-in ones."""
        return tuple((name, n) for name, n in self.layer_counts if name not in BUILTIN_LAYERS)

    @property
    def techniques_per_1000_words(self) -> float | None:
        if not self.techniques or not self.words:
            return None
        return self.techniques * 1000 / self.words

    @property
    def technique_sentence_share(self) -> float | None:
        """Share of sentences holding at least one technique; None when it cannot be known."""
        if not self.techniques or not self.sentences:
            return None
        return min(1.0, self.sentences_with_technique / self.sentences)


def nonempty(spans: Iterable[S]) -> list[S]:
    """The spans that cover at least one character: an empty span marks nothing."""
    return [s for s in spans if s.end > s.start]


NAMED_KINDS = frozenset({"person", "organisation"})
# Sourcing a reader should be warned about: nobody stands behind the words.
WEAK_KINDS = frozenset({"vague", "anonymous"})
SOURCE_KIND_ORDER = ("person", "organisation", "document", "role", "author", "vague",
                     "anonymous", "unattributed")


def named_share(kinds: tuple[tuple[str, int], ...]) -> float | None:
    """Share of the quotes counted in ``kinds`` (:func:`source_kinds`) from a named person or
    organisation; None without quotes."""
    total = sum(n for _, n in kinds)
    named = sum(n for kind, n in kinds if kind in NAMED_KINDS)
    return named / total if total else None


def source_kind(quote: Quote) -> str:
    """The kind of ``quote``'s speaker; "unattributed" without one, "role" when not given."""
    return (quote.speaker.kind or "role") if quote.speaker is not None else "unattributed"


def source_kinds(quotes: Iterable[Quote]) -> tuple[tuple[str, int], ...]:
    """Quotes counted by the kind of their speaker, in a fixed order, zero counts left out."""
    counts = Counter(source_kind(q) for q in quotes)
    return tuple((kind, counts[kind]) for kind in SOURCE_KIND_ORDER if counts[kind])


@dataclass(frozen=True, slots=True)
class SourceGroup:
    """The quotes of one speaker, or (``name`` None) those whose speaker was not identified."""

    name: str | None
    kinds: tuple[str, ...]
    """This speaker's kinds (:func:`source_kind`), most frequent first; none without one."""
    quotes: tuple[tuple[int, Quote], ...]
    """Each quote with its index in ``report.quotes``, in text order."""

    @property
    def weak_kinds(self) -> tuple[str, ...]:
        """The kinds of this speaker that a reader should be warned about."""
        return tuple(kind for kind in self.kinds if kind in WEAK_KINDS)


def source_groups(quotes: Sequence[Quote]) -> list[SourceGroup]:
    """``quotes`` grouped by speaker (:func:`speaker_name`, case-insensitively).

    Groups with more quotes come first, then the one quoted earlier; quotes without a speaker
    form the last group. Empty quotes are left out, as everywhere else.
    """
    members: dict[str | None, list[tuple[int, Quote]]] = {}
    display: dict[str | None, str] = {}
    for i, quote in enumerate(quotes):
        if quote.end <= quote.start:
            continue
        name = speaker_name(quote)
        key = name.casefold() if name else None
        members.setdefault(key, []).append((i, quote))
        if name:
            display.setdefault(key, name)
    groups = []
    for key, found in members.items():
        found.sort(key=lambda iq: (iq[1].start, iq[0]))
        kinds = Counter(source_kind(q) for _, q in found if q.speaker is not None)
        groups.append(
            SourceGroup(display.get(key), tuple(k for k, _ in kinds.most_common()), tuple(found))
        )
    groups.sort(key=lambda g: (g.name is None, -len(g.quotes), g.quotes[0][1].start))
    return groups


def summarise(report: Report) -> Summary:
    entities = nonempty(report.entities)
    dates = nonempty(report.dates)
    quotes = nonempty(report.quotes)
    techniques = nonempty(report.techniques)
    by_group = Counter(entity_group(e).key for e in entities)
    speakers = {name.casefold() for q in quotes if (name := speaker_name(q))}
    per_technique = Counter(t.technique for t in techniques)
    return Summary(
        words=word_count(report.document.text),
        sentences=len(report.sentences),
        entities=len(entities),
        entities_by_group=tuple((g, by_group[g.key]) for g in ENTITY_GROUPS if by_group[g.key]),
        dates=len(dates),
        dates_resolved=sum(1 for d in dates if d.value),
        quotes=len(quotes),
        speakers=len(speakers),
        claims=len(nonempty(report.claims)),
        techniques=len(techniques),
        technique_counts=tuple(per_technique.most_common()),
        sentences_with_technique=len({t.sentence for t in techniques}),
        layer_counts=tuple(
            (name, len(nonempty(report.layer(name)))) for name in report.layer_names()
        ),
        skipped=frozenset(report.skipped_layers),
        source_kinds=source_kinds(quotes),
    )


def top_entities(report: Report, group: str, n: int = 5) -> list[tuple[str, int]]:
    """The ``n`` most mentioned names of one entity group, most frequent first.

    Mentions are merged case-insensitively and the most frequent spelling is shown, so that
    "the White House" and "The White House" count as one.
    """
    counts: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for entity in report.entities:
        if entity_group(entity).key != group:
            continue
        text = normalise_mention(entity.text)
        if not text:
            continue
        key = text.casefold()
        counts[key] += 1
        spellings.setdefault(key, Counter())[text] += 1
    return [(spellings[key].most_common(1)[0][0], c) for key, c in counts.most_common(n)]


def sourcing_line(s: Summary) -> str:
    """The sourcing profile in words: "60% named · 3 person · 1 vague · 1 anonymous"."""
    share = s.named_source_share
    parts = [f"{share:.0%} from a named source"] if share is not None else []
    parts += [f"{n} {kind}" for kind, n in s.source_kinds]
    return " · ".join(parts)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"
