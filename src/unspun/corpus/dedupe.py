"""Syndicated and lightly edited copies: near-duplicate articles by MinHash/LSH.

An article is the set of its word 5-shingles (every run of :data:`SHINGLE_WORDS` words,
lower-cased, punctuation dropped). Two articles are copies when the Jaccard similarity of
those sets, |A ∩ B| / |A ∪ B|, is at least :data:`THRESHOLD` (0.6). A wire story that an
outlet re-headlines, edits a few words in, trims by its last paragraph and signs with its
own credit line keeps most of its 5-shingles (0.70 for a 200-word story in the tests; more
for a longer one); two reports of the same event written separately share almost none
(0.04 in the tests, though they share names, figures and a whole quotation), so the
threshold lies far from both.

Finding the pairs without comparing every article with every other: datasketch's MinHash
(:data:`PERMUTATIONS` permutations) and MinHashLSH index each article's shingles, set to
catch pairs from :data:`CANDIDATE_THRESHOLD` upwards, well below the threshold, so that a
true pair is missed only with negligible probability; each candidate pair is then checked by
its exact Jaccard similarity, so the threshold is applied exactly and the outcome does not
depend on the sketch.

Copies form clusters (connected pairs, so a chain of edits stays one story). Each cluster
keeps its earliest-dated article (undated after dated, then by id) as the original; the
others get ``duplicate_of`` = its id, and the Jaccard similarity to it.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE_WORDS = 5
THRESHOLD = 0.6
CANDIDATE_THRESHOLD = 0.4
PERMUTATIONS = 128
_SEED = 1
_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
# Odd multipliers of a polynomial hash over the words of a shingle (mod 2**64).
_MULTIPLIERS = np.array([0x9E3779B97F4A7C15 ** i % (1 << 64) | 1
                         for i in range(SHINGLE_WORDS)], dtype=np.uint64)


@dataclass(frozen=True)
class Duplicate:
    """An article that is a copy of another: the cluster's original, and how alike."""

    id: str
    duplicate_of: str
    similarity: float


class _Words:
    """32-bit hashes of words, each word hashed once (CRC-32: stable across processes)."""

    def __init__(self) -> None:
        self.cache: dict[str, int] = {}

    def hashes(self, text: str) -> np.ndarray:
        cache = self.cache
        values = []
        for word in _WORD.findall(text.lower()):
            value = cache.get(word)
            if value is None:
                value = cache[word] = zlib.crc32(word.encode("utf-8"))
            values.append(value)
        return np.array(values, dtype=np.uint64)


def shingles(text: str, words: _Words | None = None) -> np.ndarray:
    """The sorted, distinct 32-bit hashes of the word shingles of *text* (one shingle of all
    its words when it has fewer than :data:`SHINGLE_WORDS`; none when it has no word)."""
    hashed = (words or _Words()).hashes(text)
    if hashed.size == 0:
        return np.empty(0, dtype=np.uint64)
    k = min(SHINGLE_WORDS, hashed.size)
    count = hashed.size - k + 1
    combined = np.zeros(count, dtype=np.uint64)
    for i in range(k):
        combined += hashed[i:i + count] * _MULTIPLIERS[i]  # wraps mod 2**64, as meant
    folded = (combined ^ (combined >> np.uint64(32))) & _MASK32
    return np.unique(folded)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity of two sorted sets of shingle hashes."""
    if a.size == 0 and b.size == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared)


def _identity(value: int) -> int:
    return value


def find_duplicates(
    articles: Iterable[tuple[str, str, dt.date | None]], *, threshold: float = THRESHOLD
) -> dict[str, Duplicate]:
    """The copies among *articles* (id, text, date), by id; originals are not in it."""
    from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

    words = _Words()
    ids: list[str] = []
    sets: list[np.ndarray] = []
    dates: list[dt.date | None] = []
    for article_id, text, date in articles:
        ids.append(article_id)
        sets.append(shingles(text or "", words))
        dates.append(date)
    lsh = MinHashLSH(threshold=min(threshold, CANDIDATE_THRESHOLD), num_perm=PERMUTATIONS)
    parent = list(range(len(ids)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    sketches = MinHash.generator(
        (s.tolist() for s in sets), num_perm=PERMUTATIONS, seed=_SEED, hashfunc=_identity)
    for i, sketch in enumerate(sketches):
        if sets[i].size == 0:
            continue  # no words: nothing to be a copy of
        for j in lsh.query(sketch):
            if jaccard(sets[i], sets[j]) >= threshold:
                parent[root(i)] = root(j)
        lsh.insert(i, sketch, check_duplication=False)

    clusters: dict[int, list[int]] = {}
    for i in range(len(ids)):
        clusters.setdefault(root(i), []).append(i)
    found: dict[str, Duplicate] = {}
    for members in clusters.values():
        if len(members) < 2:
            continue
        original = min(members, key=lambda i: (dates[i] is None, dates[i] or dt.date.min, ids[i]))
        for i in members:
            if i != original:
                similarity = round(jaccard(sets[i], sets[original]), 4)
                found[ids[i]] = Duplicate(ids[i], ids[original], similarity)
    return found
