"""Near-duplicate articles: the Jaccard threshold on word 5-shingles, checked on hand-counted
shingle sets, on a lightly edited syndicated copy and on two reports of one event."""

from __future__ import annotations

import datetime as dt

import pytest

from unspun.corpus.dedupe import SHINGLE_WORDS, THRESHOLD, find_duplicates, jaccard, shingles

WIRE = """Residents of Northgate will pay 14 percent more for water from April, the city's \
utility said on Tuesday, after a winter in which two of its three treatment plants broke down.
The increase, approved by the council in a late-night vote, adds about 60 pounds a year to a \
typical household bill. Councillor Amara Osei, who voted against it, said families had been \
asked to pay for years of neglect. "If the money was there last year, residents deserve to \
know where it went," she said.
Northgate Water said the rise would fund repairs to the Eastfield plant and a new pipeline \
from the reservoir at Hollin Moor, due to open in 2027. Its chief executive, Graham Pell, said \
the company had frozen prices for three years and could no longer absorb rising costs.
Campaign group Fair Taps Northgate said it would ask the regulator to review the decision. \
The utility serves about 210,000 homes across the city and two neighbouring districts."""

# The same wire story as an outlet runs it: a new headline, one word changed, two sentences
# trimmed from the end, and its own credit line.
SYNDICATED = ("Water bills to rise 14% in Northgate\n"
              + WIRE.replace("broke down", "failed").rsplit("Campaign group", 1)[0]
              + "Reporting by the Northgate Courier's news desk.")

# The same event, reported separately: same names, numbers and quotation, other words.
OTHER_REPORT = """Northgate's water utility is raising prices by 14 percent, a decision the \
city council approved on Tuesday night after a heated debate.
Graham Pell, who runs Northgate Water, defended the increase, pointing to a three-year price \
freeze and the cost of fixing the Eastfield treatment works, which failed twice this winter. \
A new pipeline from Hollin Moor reservoir is planned for 2027.
Opponents were unconvinced. "If the money was there last year, residents deserve to know \
where it went," Councillor Amara Osei told the meeting. Fair Taps Northgate, a local \
campaign, plans to complain to the regulator.
For a typical household the change means roughly 60 pounds more each year."""


def _numbered(n: int, changed: tuple[int, ...] = ()) -> str:
    """n distinct words; those at the *changed* positions replaced by other words."""
    return " ".join(f"x{i}" if i in changed else f"w{i}" for i in range(n))


def test_shingle_sets_and_jaccard_by_hand() -> None:
    base = shingles(_numbered(204))
    assert base.size == 204 - SHINGLE_WORDS + 1  # 200 distinct 5-word runs
    # 4 words changed, each at least 5 apart and away from the edges: each alters the 5
    # shingles that contain it. Shared 200 - 20 = 180; union 200 + 20 = 220.
    edited = shingles(_numbered(204, (20, 60, 100, 140)))
    assert jaccard(base, edited) == pytest.approx(180 / 220)  # 0.818: a copy
    # 12 words changed: shared 200 - 60 = 140, union 260.
    twelve = tuple(range(10, 180, 15))
    more = shingles(_numbered(204, twelve))
    assert jaccard(base, more) == pytest.approx(140 / 260)  # 0.538: not a copy
    assert 140 / 260 < THRESHOLD <= 180 / 220
    found = find_duplicates([("a", _numbered(204), None),
                             ("b", _numbered(204, (20, 60, 100, 140)), None),
                             ("c", _numbered(204, twelve), None)])
    assert set(found) == {"b"} and found["b"].duplicate_of == "a"
    assert found["b"].similarity == pytest.approx(180 / 220, abs=1e-4)


def test_case_and_punctuation_do_not_make_a_difference() -> None:
    assert jaccard(shingles("The Cat sat, on the mat today!"),
                   shingles("the cat sat on THE mat today")) == 1.0
    assert shingles("").size == 0
    assert shingles("just three words").size == 1  # shorter than a shingle: one of them all


def test_a_syndicated_copy_is_folded_and_a_separate_report_is_not() -> None:
    day = dt.date(2024, 3, 5)
    found = find_duplicates([
        ("wire", WIRE, day),
        ("courier", SYNDICATED, day + dt.timedelta(days=1)),
        ("other", OTHER_REPORT, day),
    ])
    assert set(found) == {"courier"}
    copy = found["courier"]
    assert copy.duplicate_of == "wire" and copy.similarity >= THRESHOLD
    assert jaccard(shingles(WIRE), shingles(SYNDICATED)) == pytest.approx(copy.similarity, abs=1e-4)
    # One topic, the same names and the same quotation, written apart: far below.
    assert jaccard(shingles(WIRE), shingles(OTHER_REPORT)) < 0.1


def test_a_cluster_keeps_its_earliest_dated_article() -> None:
    # A chain of edits: b is a copy of a (4 words changed, 0.818) and c of b (8 more, 0.667),
    # but a and c differ in 12 words (0.538); linked through b, they are one story.
    a = _numbered(204)
    b = _numbered(204, (20, 60, 100, 140))
    c = " ".join(f"y{i}" if i in (10, 30, 50, 80, 120, 160, 175, 190) else w
                 for i, w in enumerate(b.split()))
    assert jaccard(shingles(a), shingles(c)) < THRESHOLD
    found = find_duplicates([("a", a, None), ("b", b, dt.date(2024, 5, 2)),
                             ("c", c, dt.date(2024, 5, 1))])
    # Undated after dated: "c" (the earliest date) is the original.
    assert {k: v.duplicate_of for k, v in found.items()} == {"a": "c", "b": "c"}
    assert found["a"].similarity == pytest.approx(jaccard(shingles(a), shingles(c)), abs=1e-4)


def test_articles_without_words_are_never_copies() -> None:
    assert find_duplicates([("a", "", None), ("b", "", None), ("c", "  ", None)]) == {}
