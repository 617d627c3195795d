"""Hand-built batch outputs for the corpus tests: reports whose every count is chosen, written
by the batch's own rows and ChunkStore, so that each figure can be computed by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from unspun.batch.rows import article_row, span_rows
from unspun.batch.store import ChunkStore
from unspun.batch.tasks import Analysed, task_id
from unspun.report import Claim, Document, Quote, Report, Sentence, Span, Speaker, TechniqueSpan


def words(prefix: str, n: int) -> list[str]:
    """n distinct filler words: no two articles share one unless made to."""
    return [f"{prefix}{i}" for i in range(n)]


@dataclass
class Article:
    """One article: its sentences (lists of words), and which words carry techniques."""

    key: str
    site: str | None
    date: str | None
    sentences: list[list[str]]
    techniques: list[tuple[str, int, int, int]] = field(default_factory=list)
    """(technique, sentence, first word, words): a span over those words."""
    quotes: list[tuple[str | None, str | None]] = field(default_factory=list)
    """(speaker name, speaker kind) of each quote; a None name is a quote without speaker."""
    written: dict[int, str] = field(default_factory=dict)
    """The speaker as the text writes it, for the quotes at these indexes ("the judge")."""
    author: str | None = None
    title: str | None = None

    @property
    def text(self) -> str:
        return "\n".join(" ".join(s) for s in self.sentences)

    @property
    def id(self) -> str:
        return task_id(self.key)

    def report(self) -> Report:
        text = self.text
        starts, at = [], 0
        for sentence in self.sentences:
            starts.append(at)
            at += len(" ".join(sentence)) + 1
        sentences = [Sentence(start=s, end=s + len(" ".join(w)), text=" ".join(w), index=i)
                     for i, (s, w) in enumerate(zip(starts, self.sentences, strict=True))]
        techniques = []
        for technique, index, first, count in self.techniques:
            sentence = self.sentences[index]
            start = starts[index] + len(" ".join(sentence[:first])) + (1 if first else 0)
            end = start + len(" ".join(sentence[first:first + count]))
            techniques.append(TechniqueSpan(start=start, end=end, text=text[start:end],
                                            technique=technique, confidence=0.9,
                                            sentence=index))
        quotes = []
        for i, (name, kind) in enumerate(self.quotes):
            s = sentences[i % len(sentences)]
            speaker = (Speaker(name=name, kind=kind, text=self.written.get(i))  # type: ignore[arg-type]
                       if name is not None else None)
            quotes.append(Quote(start=s.start, end=s.end, text=s.text, kind="indirect",
                                confidence=0.8, speaker=speaker,
                                cue=Span(start=s.start, end=s.start + 1, text=s.text[:1])))
        claims = [Claim(start=s.start, end=s.end, text=s.text, score=0.7, kind="quantity",
                        sentence=s.index)
                  for s in sentences[:1]]
        return Report(unspun_version="test", source=self.key,
                      document=Document(site=self.site, date=self.date, author=self.author,
                                        title=self.title or self.key, text=text,
                                        language="en"),
                      sentences=sentences, techniques=techniques, quotes=quotes, claims=claims)


def write_output(out: Path, articles: list[Article], per_part: int = 3) -> Path:
    """A batch output of *articles*, *per_part* to a committed part."""
    store = ChunkStore(out)
    store.open()
    results = [Analysed(a.id, a.key, article_row(a.id, a.key, a.report()),
                        span_rows(a.id, a.report())) for a in articles]
    for first in range(0, len(results), per_part):
        store.commit(results[first:first + per_part])
    return out


def check_offsets(report: Report) -> None:
    """The contract: every span's text is the document's text at its offsets."""
    for _, span in report.spans():
        assert report.document.text[span.start:span.end] == span.text


def filler_sentences(prefix: str, n: int, marks: dict[tuple[int, int], str] | None = None,
               size: int = 10) -> list[list[str]]:
    """n sentences of *size* distinct words, with the word at (sentence, position) in
    *marks* replaced by a given one."""
    sentences = [words(f"{prefix}s{i}w", size) for i in range(n)]
    for (i, k), word in (marks or {}).items():
        sentences[i][k] = word
    return sentences


def hand_corpus() -> list[Article]:
    """Seven articles whose figures the tests work out by hand.

    alpha.example has five (one undated), beta.example one, and gamma.example one lightly
    edited copy of alpha's first article. The dated ones fall in ISO weeks 2024-W01, W02 and
    W05: weeks 3 and 4 are empty. Every sentence has 10 words.
    """
    a1 = Article("a1", "alpha.example", "2024-01-01", filler_sentences(
        "a1", 8, {(0, 2): "thugs", (3, 4): "so-called", (3, 5): "experts"}),
        techniques=[("Loaded_Language", 0, 2, 1), ("Name_Calling,Labeling", 3, 4, 2)],
        quotes=[("Maria Lopez", "person"), ("Maria Lopez", "person"), ("Analysts", "vague")],
        author="Ann")
    copy = Article("c1", "gamma.example", "2024-01-02",
                   [list(s) for s in a1.sentences], list(a1.techniques), list(a1.quotes),
                   title="Wire copy")
    copy.sentences[6][5] = "edited"  # one word changed: 72 of 82 shingles shared, 0.878
    return [
        a1,
        Article("a2", "alpha.example", "2024-01-03", filler_sentences("a2", 5, {(1, 0): "Thugs"}),
                techniques=[("Loaded_Language", 1, 0, 1), ("Doubt", 1, 0, 5),
                            ("Repetition", 4, 0, 1)],
                quotes=[("a source close to the talks", "anonymous"),
                        ("the Ministry", "organisation")], author="Ann"),
        Article("a3", "alpha.example", "2024-01-09", filler_sentences("a3", 2), author="Bo"),
        Article("a4", "alpha.example", "2024-01-31", filler_sentences("a4", 4, {(2, 3): "thug"}),
                techniques=[("Loaded_Language", 2, 3, 1)], quotes=[(None, None)]),
        Article("a5", "alpha.example", None, filler_sentences(
            "a5", 2, {(0, 0): "the", (0, 1): "evil"}),
            techniques=[("Loaded_Language", 0, 0, 2)]),
        Article("b1", "beta.example", "2024-01-10", filler_sentences(
            "b1", 3, {(0, 0): "thugs", (0, 5): "thugs"}),
            techniques=[("Loaded_Language", 0, 0, 1), ("Loaded_Language", 0, 5, 1),
                        ("Exaggeration,Minimisation", 2, 1, 3)],
            quotes=[("I", "author"), ("maria lopez", "person")]),
        copy,
    ]
