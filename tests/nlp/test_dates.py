"""Tests for unspun.nlp.dates: resolving DATE entities against the publication date."""

from __future__ import annotations

import datetime as dt
import doctest
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun.nlp import dates
from unspun.nlp.dates import Kind, ResolvedDate, Tense, resolve_date

D = dt.date
SUN = D(2020, 9, 13)  # a Sunday
MON = D(2020, 9, 14)
WED = D(2020, 9, 16)
THU = D(2020, 9, 17)
JAN3 = D(2020, 1, 3)  # a Friday, three days into the year
NEW_YEAR = D(2020, 1, 1)  # a Wednesday: its ISO week starts in 2019
LEAP_DAY = D(2020, 2, 29)
AFTER_LEAP = D(2021, 3, 1)
U: tuple[None, Kind] = (None, "unresolved")

# (text, reference, tense, value, kind)
Case = tuple[str, dt.date | None, Tense | None, str | None, Kind]

CASES: list[Case] = [
    # --- the cases from the brief, reference 2020-09-13 (a Sunday)
    ("August 9", SUN, None, "2020-08-09", "day"),
    ("September 13 – 25", SUN, None, "2020-09-13/2020-09-25", "range"),
    # Agency style names the weekday instead of "today": the reference day counts both ways.
    ("Sunday", SUN, "past", "2020-09-13", "day"),
    ("Sunday", SUN, "future", "2020-09-13", "day"),
    ("Sunday", SUN, None, "2020-09-13", "day"),
    # --- weekdays, published on Monday 2020-09-14
    ("Sunday", MON, "past", "2020-09-13", "day"),
    ("on Sunday", MON, "future", "2020-09-20", "day"),
    ("Sunday", MON, None, "2020-09-13", "day"),  # 1 day back beats 6 ahead
    ("Thursday", MON, None, "2020-09-17", "day"),  # 3 ahead beats 4 back
    ("Thursday", MON, "present", "2020-09-17", "day"),
    ("Sunday's", MON, "past", "2020-09-13", "day"),
    ("Monday morning", WED, "past", "2020-09-14", "day"),
    ("early Sunday", WED, "past", "2020-09-13", "day"),
    ("Friday at 3 p.m. ET", WED, "future", "2020-09-18", "day"),
    ("Monday night's", WED, "past", "2020-09-14", "day"),
    ("the early hours of Sunday", MON, "past", "2020-09-13", "day"),
    ("last Tuesday", SUN, None, "2020-09-08", "day"),
    ("last Sunday", SUN, "past", "2020-09-06", "day"),  # strictly before the reference
    ("this past Sunday", SUN, None, "2020-09-06", "day"),
    ("next Friday", SUN, None, "2020-09-18", "day"),
    ("next Monday", MON, None, "2020-09-21", "day"),  # strictly after the reference
    ("this coming Sunday", SUN, None, "2020-09-20", "day"),
    ("this Friday", SUN, None, "2020-09-11", "day"),  # the reference's ISO week
    ("this Friday", SUN, "future", "2020-09-18", "day"),  # ...unless the tense contradicts it
    ("this Friday", MON, "past", "2020-09-11", "day"),
    ("this Friday", MON, None, "2020-09-18", "day"),
    ("Sunday", None, "past", *U),
    # --- week boundaries (ISO weeks, Monday to Sunday)
    ("last week", SUN, None, "2020-08-31/2020-09-06", "range"),
    ("this week", SUN, None, "2020-09-07/2020-09-13", "range"),
    ("next week", SUN, None, "2020-09-14/2020-09-20", "range"),
    ("last week", NEW_YEAR, None, "2019-12-23/2019-12-29", "range"),
    ("this week", NEW_YEAR, None, "2019-12-30/2020-01-05", "range"),
    ("next week's", NEW_YEAR, None, "2020-01-06/2020-01-12", "range"),
    ("the week of August 9", SUN, None, "2020-08-03/2020-08-09", "range"),
    ("the weekend", MON, "past", "2020-09-12/2020-09-13", "range"),
    ("over the weekend", MON, "past", "2020-09-12/2020-09-13", "range"),
    ("the weekend", MON, "future", "2020-09-19/2020-09-20", "range"),
    ("the weekend", WED, None, "2020-09-12/2020-09-13", "range"),  # 3 and 3 days: tie → past
    ("the weekend", THU, None, "2020-09-19/2020-09-20", "range"),
    ("this weekend", MON, "past", "2020-09-12/2020-09-13", "range"),
    ("this weekend", MON, None, "2020-09-19/2020-09-20", "range"),
    ("last weekend", SUN, None, "2020-09-05/2020-09-06", "range"),
    ("next weekend", MON, None, "2020-09-26/2020-09-27", "range"),
    # --- month and day without a year: tense and year boundaries
    ("December 28", JAN3, "past", "2019-12-28", "day"),
    ("December 28", JAN3, None, "2019-12-28", "day"),
    ("December 28", JAN3, "future", "2020-12-28", "day"),
    ("January 2", D(2020, 12, 28), None, "2021-01-02", "day"),
    ("January 2", D(2020, 12, 28), "past", "2020-01-02", "day"),
    ("August 9", SUN, "past", "2020-08-09", "day"),
    ("August 9", SUN, "future", "2021-08-09", "day"),
    ("on August 9", D(2020, 8, 9), "future", "2020-08-09", "day"),
    ("October 3", SUN, None, "2020-10-03", "day"),  # under ~4 months ahead: forward
    ("March 1", SUN, None, "2020-03-01", "day"),  # further ahead than back: back
    ("Aug. 9", SUN, None, "2020-08-09", "day"),
    ("Aug 9th", SUN, None, "2020-08-09", "day"),
    ("the 13th of September", D(2020, 9, 1), "future", "2020-09-13", "day"),
    ("Sunday, September 13", D(2021, 9, 1), None, "2020-09-13", "day"),  # weekday picks year
    ("August 9", None, None, *U),
    ("the 9th", SUN, None, *U),
    # --- leap years
    ("February 29", AFTER_LEAP, "past", "2020-02-29", "day"),
    ("February 29", AFTER_LEAP, "future", "2024-02-29", "day"),
    ("February 29, 2020", None, None, "2020-02-29", "day"),
    ("February 29, 2021", None, None, *U),
    ("yesterday", D(2020, 3, 1), None, "2020-02-29", "day"),
    ("a year ago today", LEAP_DAY, None, "2019-02-28", "day"),
    ("the past two years", LEAP_DAY, None, "2018-02-28/2020-02-29", "range"),
    # --- full dates
    ("August 9, 2020", None, None, "2020-08-09", "day"),
    ("9 August 2020", None, None, "2020-08-09", "day"),
    ("Sunday, Sept. 13, 2020", None, None, "2020-09-13", "day"),
    ("Monday, Sept. 13, 2020", None, None, "2020-09-13", "day"),  # the date wins
    ("2020-08-09", None, None, "2020-08-09", "day"),
    ("2020-08-09T10:30:00Z", None, None, "2020-08-09", "day"),
    ("2020/08/09", None, None, "2020-08-09", "day"),
    ("25/12/2019", None, None, "2019-12-25", "day"),
    ("12/25/2019", None, None, "2019-12-25", "day"),
    ("09/08/2020", SUN, None, *U),  # 9 August or 8 September
    ("9.8.2020", None, None, "2020-08-09", "day"),  # dots are day-first
    ("9/11", SUN, None, *U),  # numeric dates need a year
    ("Aug. 9, '20", D(2021, 1, 1), None, "2020-08-09", "day"),
    ("Aug. 9, '20", None, None, *U),
    # --- months and years
    ("in August", SUN, None, "2020-08", "month"),
    ("in August", D(2020, 8, 15), "past", "2020-08", "month"),
    ("in August", D(2020, 8, 15), "future", "2020-08", "month"),
    ("in August", D(2020, 7, 15), "past", "2019-08", "month"),
    ("January", SUN, None, "2021-01", "month"),
    ("last August", SUN, None, "2019-08", "month"),
    ("next March", D(2020, 3, 1), None, "2021-03", "month"),
    ("this August", SUN, "future", "2020-08", "month"),
    ("August 2019", None, None, "2019-08", "month"),
    ("August of 2019", None, None, "2019-08", "month"),
    ("08/2020", None, None, "2020-08", "month"),
    ("2020-08", None, None, "2020-08", "month"),
    ("2019", None, None, "2019", "year"),
    ("in 2019", None, None, "2019", "year"),
    ("since 2015", None, None, "2015", "year"),
    ("by 2030", None, None, "2030", "year"),
    ("the year 2019", None, None, "2019", "year"),
    ("fiscal 2019", SUN, None, *U),
    ("FY2019", SUN, None, *U),
    ("mid-2019", None, None, "2019-05/2019-08", "range"),
    ("early 2020", None, None, "2020-01/2020-04", "range"),
    ("late 2019", None, None, "2019-09/2019-12", "range"),
    ("the end of 2019", None, None, "2019-09/2019-12", "range"),
    ("early August", SUN, None, "2020-08-01/2020-08-10", "range"),
    ("mid-August", SUN, None, "2020-08-11/2020-08-20", "range"),
    ("late December", D(2020, 12, 15), "past", "2019-12-21/2019-12-31", "range"),
    ("Q1 2020", None, None, "2020-01/2020-03", "range"),
    ("the third quarter", SUN, "past", "2020-07/2020-09", "range"),
    ("the second half of 2019", None, None, "2019-07/2019-12", "range"),
    # --- ranges
    ("September 13-25, 2020", None, None, "2020-09-13/2020-09-25", "range"),
    ("13–25 September", SUN, None, "2020-09-13/2020-09-25", "range"),
    ("September 13 to October 2", SUN, None, "2020-09-13/2020-10-02", "range"),
    ("Sept. 13 — Oct. 2, 2020", None, None, "2020-09-13/2020-10-02", "range"),
    ("December 28 – January 3, 2020", None, None, "2019-12-28/2020-01-03", "range"),
    ("December 28 through January 3", D(2020, 1, 5), "past", "2019-12-28/2020-01-03", "range"),
    ("between August 9 and 12", SUN, None, "2020-08-09/2020-08-12", "range"),
    ("between 2015 and 2018", None, None, "2015/2018", "range"),
    ("from 2015 to 2018", None, None, "2015/2018", "range"),
    ("2015-2018", None, None, "2015/2018", "range"),
    ("2015 until 2018", None, None, "2015/2018", "range"),
    ("2015-18", None, None, "2015/2018", "range"),
    ("1939–45", None, None, "1939/1945", "range"),
    ("2015 to March 2018", None, None, "2015/2018-03", "range"),
    ("August to October", SUN, None, "2020-08/2020-10", "range"),
    ("Monday through Friday", WED, "past", "2020-09-14/2020-09-18", "range"),
    ("from 2015 to last year", NEW_YEAR, None, "2015/2019", "range"),
    ("2015 and 2018", None, None, *U),  # two dates, not a range
    # --- relative days, months, years
    ("today", SUN, None, "2020-09-13", "day"),
    ("tonight", SUN, None, "2020-09-13", "day"),
    ("yesterday", NEW_YEAR, None, "2019-12-31", "day"),
    ("last night", MON, None, "2020-09-13", "day"),
    ("tomorrow", D(2020, 12, 31), None, "2021-01-01", "day"),
    ("the day before yesterday", NEW_YEAR, None, "2019-12-30", "day"),
    ("the day after tomorrow", SUN, None, "2020-09-15", "day"),
    ("last month", D(2020, 1, 15), None, "2019-12", "month"),
    ("this month", SUN, None, "2020-09", "month"),
    ("next month", D(2020, 12, 15), None, "2021-01", "month"),
    ("last year", SUN, None, "2019", "year"),
    ("this year's", SUN, None, "2020", "year"),
    ("next year", SUN, None, "2021", "year"),
    ("last quarter", D(2020, 2, 1), None, "2019-10/2019-12", "range"),
    ("earlier this year", SUN, "past", "2020-01-01/2020-09-13", "range"),
    ("later this month", SUN, "future", "2020-09-13/2020-09-30", "range"),
    ("this time last year", SUN, None, "2019-09-13", "day"),
    ("the end of the month", SUN, None, "2020-09-21/2020-09-30", "range"),
    ("by the end of the month", SUN, "future", "2020-09-21/2020-09-30", "range"),
    ("at the end of the month", SUN, "past", *U),  # not over yet: some other month
    ("the end of the year", SUN, None, "2020-09/2020-12", "range"),
    ("the end of last year", SUN, None, "2019-09/2019-12", "range"),
    ("the start of the week", WED, "past", "2020-09-14/2020-09-16", "range"),
    # --- anchored offsets: the unit sets the precision
    ("three days ago", D(2020, 3, 2), None, "2020-02-28", "day"),
    ("two weeks ago", SUN, None, "2020-08-24/2020-08-30", "range"),
    ("six months ago", D(2020, 3, 31), None, "2019-09", "month"),
    ("two years ago", SUN, None, "2018", "year"),
    ("2 years ago", SUN, "past", "2018", "year"),
    ("twenty-five years ago", SUN, None, "1995", "year"),
    ("a decade ago", SUN, None, "2010", "year"),
    ("in three days", SUN, "future", "2020-09-16", "day"),
    ("in 30 days", SUN, "present", "2020-10-13", "day"),
    ("in two years", SUN, "past", *U),  # "doubled in two years": a duration
    ("two weeks from now", SUN, None, "2020-09-21/2020-09-27", "range"),
    ("the past 7 days", SUN, None, "2020-09-06/2020-09-13", "range"),
    ("the past three years", SUN, None, "2017-09-13/2020-09-13", "range"),
    ("over the last two weeks", SUN, None, "2020-08-30/2020-09-13", "range"),
    ("the past week", SUN, None, "2020-09-06/2020-09-13", "range"),
    ("the next five years", SUN, "future", "2020-09-13/2025-09-13", "range"),
    ("the next week", SUN, "past", *U),  # "the next week, he resigned"
    # --- decades, centuries
    ("the 1990s", None, None, "1990/1999", "range"),
    ("the 1990's", None, None, "1990/1999", "range"),
    ("the '90s", SUN, None, "1990/1999", "range"),
    ("the '90s", None, None, *U),  # which century?
    ("the nineties", SUN, None, "1990/1999", "range"),
    ("the '20s", SUN, None, "1920/1929", "range"),  # the latest finished decade
    ("the '10s", SUN, None, "2010/2019", "range"),
    ("the early 1990s", None, None, "1990/1993", "range"),
    ("the mid-'90s", SUN, None, "1994/1996", "range"),
    ("the late 1990s", None, None, "1997/1999", "range"),
    ("the 19th century", None, None, "1800/1899", "range"),
    ("the nineteenth century", None, None, "1800/1899", "range"),
    ("the 21st century", None, None, "2000/2099", "range"),
    ("the early 20th century", None, None, "1900/1933", "range"),
    ("the 1800s", None, None, "1800/1899", "range"),
    ("the 2000s", None, None, "2000/2009", "range"),
    ("last decade", NEW_YEAR, None, "2010/2019", "range"),
    ("last century", NEW_YEAR, None, "1900/1999", "range"),
    # --- seasons (northern hemisphere, meteorological)
    ("this summer", D(2020, 3, 1), None, "2020-06/2020-08", "range"),
    ("this summer", SUN, "past", "2020-06/2020-08", "range"),
    ("last summer", SUN, None, "2019-06/2019-08", "range"),
    ("next summer", SUN, None, "2021-06/2021-08", "range"),
    ("last winter", SUN, None, "2019-12/2020-02", "range"),
    ("this winter", D(2020, 1, 10), None, "2019-12/2020-02", "range"),
    ("the winter", SUN, "future", "2020-12/2021-02", "range"),
    ("summer 2019", None, None, "2019-06/2019-08", "range"),
    ("the fall of 2019", None, None, "2019-09/2019-11", "range"),
    ("winter 2019-20", None, None, "2019-12/2020-02", "range"),
    ("winter 2019", None, None, *U),  # 2018-19 or 2019-20?
    ("early summer", SUN, "past", "2020-06", "month"),
    # --- holidays
    ("Christmas", JAN3, "past", "2019-12-25", "day"),
    ("Christmas", SUN, "future", "2020-12-25", "day"),
    ("Christmas 2019", None, None, "2019-12-25", "day"),
    ("Christmas Eve", JAN3, None, "2019-12-24", "day"),
    ("New Year's Day", SUN, "future", "2021-01-01", "day"),
    ("New Year's Eve", D(2020, 1, 2), "past", "2019-12-31", "day"),
    ("last Christmas", D(2021, 1, 10), None, "2020-12-25", "day"),
    ("the Fourth of July", SUN, None, "2020-07-04", "day"),
    ("Halloween", SUN, None, "2020-10-31", "day"),
    ("Thanksgiving", D(2020, 12, 1), "past", "2020-11-26", "day"),
    ("Easter", D(2021, 1, 1), "future", "2021-04-04", "day"),
    ("Labor Day", SUN, "past", "2020-09-07", "day"),
    ("Memorial Day", SUN, None, "2020-05-25", "day"),
    ("Independence Day", SUN, None, *U),  # which country?
    # --- not dates: vague, durations, ages, frequencies, anaphora
    ("recent years", SUN, None, *U),
    ("in recent weeks", SUN, "past", *U),
    ("decades", SUN, None, *U),
    ("the coming months", SUN, "future", *U),
    ("years", SUN, None, *U),
    ("daily", SUN, None, *U),
    ("annual", SUN, None, *U),
    ("the time", SUN, None, *U),
    ("a few days", SUN, None, *U),
    ("a few days ago", SUN, None, *U),
    ("the past few years", SUN, None, *U),
    ("62 years old", SUN, None, *U),
    ("the age of 40", SUN, None, *U),
    ("in her 40s", SUN, None, *U),
    ("three years", SUN, None, *U),
    ("two weeks", SUN, "past", *U),
    ("two days later", SUN, "past", *U),
    ("the previous year", SUN, "past", *U),
    ("the following week", SUN, "past", *U),
    ("the next day", SUN, "past", *U),
    ("that Sunday", SUN, "past", *U),
    ("every Sunday", SUN, None, *U),
    ("Sundays", SUN, None, *U),
    ("the turn of the century", SUN, None, *U),
    ("500 BC", None, None, *U),
    ("", SUN, None, *U),
    ("   ", SUN, None, *U),
]


@pytest.mark.parametrize(
    ("text", "reference", "tense", "value", "kind"),
    CASES,
    ids=[f"{c[0]!r}@{c[1]}/{c[2]}" for c in CASES],
)
def test_resolve_date(
    text: str, reference: dt.date | None, tense: Tense | None, value: str | None, kind: Kind
) -> None:
    assert resolve_date(text, reference, tense) == ResolvedDate(value, kind)


def test_case_table_is_thorough() -> None:
    assert len(CASES) >= 60
    assert len({(c[0], c[1], c[2]) for c in CASES}) == len(CASES), "duplicate case"


def test_datetime_reference_is_treated_as_its_date() -> None:
    moment = dt.datetime(2020, 9, 13, 23, 59, tzinfo=dt.UTC)
    assert resolve_date("yesterday", moment) == ResolvedDate("2020-09-12", "day")


def test_unknown_tense_is_treated_as_unknown() -> None:
    odd: Tense = "pluperfect"  # type: ignore[assignment]
    assert resolve_date("Thursday", MON, odd) == resolve_date("Thursday", MON, None)


def test_overlong_text_is_not_a_date() -> None:
    assert resolve_date("August 9, 2020 " + "x" * 200, None) == ResolvedDate(None, "unresolved")


def test_module_doctests() -> None:
    failures, _ = doctest.testmod(dates)
    assert failures == 0


# --------------------------------------------------------------------------------------------
# Properties

_VALUE_SHAPES = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}
_FRAGMENTS = [
    "august", "Aug.", "9", "9th", "13", "25", "2020", "'20", "-", "–", "—", "/", "to",
    "through", "until", "and", "between", "from", "the", "on", "in", "since", "last", "next",
    "this", "past", "coming", "week", "weeks", "month", "year", "years", "ago", "Sunday",
    "Monday", "weekend", "early", "mid", "late", "end", "of", "beginning", "first", "half",
    "quarter", "Q3", "H1", "summer", "winter", "2019-20", "Christmas", "Easter",
    "New Year's", "1990s", "'90s", "90s", "nineties", "19th", "century", "fiscal", "today",
    "yesterday", "tomorrow", "morning", "night", "3", "p.m.", ",", ".", "29", "February",
    "12/25/2019", "2020-08-09", "a", "two", "twenty-five", "days", "from now", "time",
    "earlier", "later", "'s", "9999", "0001", "0000", "99", "00", "31", "december",
]  # fmt: skip
_EDGE_DATES = [dt.date.min, dt.date.max, D(9999, 12, 25), D(1, 1, 6), D(1, 3, 1), LEAP_DAY]

texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(_FRAGMENTS), max_size=8).map(" ".join),
)
references = st.one_of(st.none(), st.dates(), st.sampled_from(_EDGE_DATES))
tenses = st.sampled_from([None, "past", "present", "future"])


def _check_shape(value: str, kind: str) -> None:
    if kind == "range":
        start, end = value.split("/")
        assert any(p.fullmatch(start) for p in _VALUE_SHAPES.values()), value
        assert any(p.fullmatch(end) for p in _VALUE_SHAPES.values()), value
        # Comparing the common prefix orders ends of different precision too.
        n = min(len(start), len(end))
        assert start[:n] <= end[:n], value
    else:
        assert _VALUE_SHAPES[kind].fullmatch(value), value


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, references, tenses)
def test_never_raises_and_returns_well_formed_values(
    text: str, reference: dt.date | None, tense: Tense | None
) -> None:
    result = resolve_date(text, reference, tense)
    assert isinstance(result, ResolvedDate)
    assert (result.value is None) == (result.kind == "unresolved")
    if result.value is not None:
        _check_shape(result.value, result.kind)
    # Pure: the same question gets the same answer.
    assert resolve_date(text, reference, tense) == result


@settings(max_examples=200, deadline=None)
@given(texts, tenses)
def test_without_reference_only_absolute_dates_resolve(text: str, tense: Tense | None) -> None:
    # Anything absolute resolves the same whatever the publication date.
    result = resolve_date(text, None, tense)
    if result.value is not None:
        assert resolve_date(text, D(1987, 6, 5), tense) == result
        assert resolve_date(text, D(2031, 12, 30), tense) == result


def test_fast_enough() -> None:
    # Resolving every DATE entity of an article must stay negligible next to the parse:
    # about 50 µs a call here; the bound leaves room for a busy machine.
    texts = [c[0] for c in CASES]
    calls = 0
    start = time.perf_counter()
    for _ in range(5):
        for text in texts:
            resolve_date(text, SUN, "past")
            calls += 1
    assert (time.perf_counter() - start) / calls < 1e-3
