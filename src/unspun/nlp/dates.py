"""Resolve the DATE entities spaCy finds to ISO 8601 values, the way a careful reader would.

    >>> import datetime
    >>> resolve_date("August 9", datetime.date(2020, 9, 13))
    ResolvedDate(value='2020-08-09', kind='day')
    >>> resolve_date("September 13 – 25", datetime.date(2020, 9, 13))
    ResolvedDate(value='2020-09-13/2020-09-25', kind='range')
    >>> resolve_date("recent years", datetime.date(2020, 9, 13))
    ResolvedDate(value=None, kind='unresolved')

``reference`` is the article's publication date and ``tense`` the tense of the clause the
date sits in. The function is pure, never raises on any string, and never guesses silently:
what a careful reader could not pin down stays ``unresolved``.

Values
    ``day`` "2020-08-09", ``month`` "2020-08", ``year`` "2020", and ``range`` "start/end"
    where each end keeps its own precision ("2020-09-13/2020-09-25", "1990/1999",
    "2020-06/2020-08", "2015/2018-03"). Both ends of a range are inclusive.

Without a reference
    Only absolute expressions resolve ("August 9, 2020", "2019", "March 2019", "the 1990s",
    "the 19th century"). Anything that needs "now" stays unresolved, and so do two-digit years
    and decades ("'19", "the '90s"): their century is relative too.

Dates versus durations
    A value is produced only when the text names a point or stretch on the calendar, either
    absolutely or anchored to the reference by a word that says so: "ago", "from now",
    "last/this/next", "the past/next N", a leading "in" ("in three days"). A bare quantity of
    time ("three years", "two weeks"), an age ("62 years old", "the age of 40", "her 40s"), a
    frequency ("daily", "annual"), a vague quantity ("recent years", "a few days", "the coming
    months", "decades"), and expressions anchored to some other event of the story ("two days
    later", "the previous year", "the following week", "the next day", "the time") are not
    dates of the calendar: they stay unresolved.

Year of an underspecified date ("August 9", "in August", "Christmas", "the summer", "Q3")
    - past tense: the latest occurrence that has started on or before the reference
      (reference 2020-01-03, "December 28" → 2019-12-28; "in September" published on
      September 13 → that September).
    - future tense: the earliest occurrence that has not ended before the reference
      (so "on August 9" published on August 9 is that day).
    - present tense or unknown: the nearest occurrence, counting days into the future double,
      because news mostly looks back: a date up to about four months ahead resolves forward
      ("October 3" published 2020-09-13 → 2020-10-03), later than that back
      ("March 1" → 2020-03-01). An occurrence containing the reference wins; ties go to the
      earlier one.
    - "this August" is the one of the reference's calendar year; "last/next August" the one
      before/after it ("last August" published in September 2020 is August 2019, like
      "last year"); "this past/this coming August" the latest that ended before / the earliest
      that starts after the reference. For winter, which straddles two years, "this winter"
      is the one containing the reference, else the tense rule picks between the two winters
      touching the reference's year.
    - A weekday written with a month and day but no year ("Sunday, September 13") picks,
      among the reference's year and its neighbours, the single year where it matches, if
      there is exactly one. With an explicit year the date wins over the weekday.

Weekdays ("Sunday", "on Sunday", "Sunday's", "Monday morning")
    - The reference day itself counts in both directions: agency style names the weekday
      instead of writing "today", so "on Sunday" in a story published on a Sunday is that day,
      whatever the tense (reference 2020-09-13, a Sunday: "Sunday" → 2020-09-13 in past,
      future and unknown tense alike; published Monday 2020-09-14: past → 2020-09-13,
      future → 2020-09-20).
    - past: the latest such weekday on or before the reference; future: the earliest on or
      after it; present/unknown: the nearest one, unweighted (the two candidates are always
      seven days apart, so the distances can never tie; the reference day itself is distance
      0).
    - "last Tuesday" / "this past Tuesday": the latest Tuesday strictly before the reference;
      "next Tuesday" / "this coming Tuesday": the earliest strictly after it.
    - "this Tuesday": the Tuesday of the reference's ISO week (Monday to Sunday), moved a week
      back or forward when the tense contradicts it (past tense but still ahead, future tense
      but already gone).

Relative periods
    today / tonight / this morning; yesterday / last night; tomorrow; the day before
    yesterday; the day after tomorrow. Weeks are ISO weeks, Monday to Sunday, given as a day
    range ("last week" published Wednesday 2020-01-01 → 2019-12-23/2019-12-29). "last/this/
    next month" → a month, "... year" → a year, "... decade" → "2010/2019", "... century" →
    "1900/1999", "... quarter" → a calendar quarter as a month range.
    "the weekend" follows the weekday rules (nearest when tense is unknown, ties to the past);
    "this weekend" is the Saturday and Sunday of the reference's ISO week (moved like "this
    Tuesday" when the tense contradicts it), "last/next weekend" those of the previous/next
    ISO week, "this past weekend" the latest one starting before the reference.
    "N days/weeks/months/years ago", "in N ...", "N ... from now": the unit sets the
    precision: days → a day, weeks → the ISO week containing that day, months → a month,
    years, decades and centuries → a year ("two years ago" → "2018"; "a year ago today" is
    the day). "in N ..." in a past-tense clause is a duration ("sales doubled in two years")
    and stays unresolved.
    "the past/last N units" and "the past week" → the days from the reference minus N units
    to the reference; "the next/coming N units" → the reference to the reference plus N
    units, unresolved in a past-tense clause, where "the next week" follows another event.
    "earlier this week/month/year" → from the period's first day to the reference; "later
    this ..." → from the reference to the period's last day. "this time last year" → the day.

Parts of a period
    "early/mid/late X" split X into thirds (a year: Jan–Apr / May–Aug / Sep–Dec; a month:
    days 1–10 / 11–20 / 21–end; a decade: years 0–3 / 4–6 / 7–9; a century 0–33 / 34–66 /
    67–99; a season: its first, second, third month; an ISO week: Mon–Wed / Tue–Thu /
    Thu–Sun). "the beginning/start of X" is early X, "the end/close of X" late X, "the middle
    of X" mid X: how much of X is meant varies from its last day to its last quarter, and the
    last third covers the usual readings. "the first/second half of X", "Q1"–"Q4", "the
    first quarter (of 2020)", "H1 2020" → month ranges. "the end of the month/year/week" uses
    the reference's period unless the tense says it cannot (past tense before that part has
    begun, future tense after it has ended): then "the month" is some other month of the
    story and stays unresolved.

Ranges
    "September 13 – 25", "September 13-25, 2020", "13–25 September", "September 13 to
    October 2", "Monday through Friday", "between 2015 and 2018", "from 2015 to 2018",
    "2015-2018", "2015-18", "1939–45"; separators: hyphen, en/em dash, slash, "to",
    "through", "thru", "until", "till", and "and" after "between". Missing month and year are
    shared between the ends; an end earlier than the start moves to the next year
    ("December 28 – January 3, 2020" → 2019-12-28/2020-01-03). Without any year the whole
    range takes its year from the rule above, as a single date would. A weekday range
    ("Monday through Friday") is placed like a weekday, its end on or after its start.
    "YYYY-YY" is a span of years whenever YY lies after YYYY in the same century ("2010-11"
    is 2010/2011: in news prose that is a season or fiscal span far more often than ISO
    November 2010); otherwise it is an ISO year-month ("2020-08"). "2015 and 2018" without
    "between" names two dates, not a range: unresolved.

Formats
    "August 9, 2020", "9 August 2020", "Aug. 9", "Aug 9th", "the 9th of August", "Sunday,
    Sept. 13", "2020-08-09" (time part ignored), "2020/08/09", "August 2019", "August of
    2019", "08/2020", "2019", "in 2019", "the year 2019". All-numeric day/month/year dates
    with slashes or hyphens resolve only when unambiguous (one field above 12, or both
    equal): "09/08/2020" could be 8 September (UK) or 9 August (US) and a wrong month is
    worse than none, so it stays unresolved; "25/12/2019" and "12/25/2019" both resolve.
    Dotted numeric dates ("9.8.2020") are day-first, the only convention that writes them.
    Numeric dates need a year ("9/11" stays unresolved). Two-digit years ("Aug. 9, '20")
    take the century putting them within 89 years before to 10 years after the reference.

Decades and centuries
    "the 1990s", "the 1990's" → "1990/1999"; "the '90s", "the nineties", "the 90s" (only
    with "the" or an apostrophe: "her 40s" is an age) → the latest decade ending before the
    reference's year ("the '20s" published in 2020 is the 1920s). "the 1800s", "the 1900s"
    are centuries (1800/1899); "the 2000s" is the decade 2000/2009, as used since.
    "the 19th century" → "1800/1899", the popular reading that matches "the 1800s", not the
    strict 1801/1900.

Seasons (northern hemisphere, meteorological: spring Mar–May, summer Jun–Aug, autumn/fall
Sep–Nov, winter Dec–Feb) → month ranges. "summer 2019" and "the summer of 2019" resolve;
"winter 2019" does not (the winter of 2018–19 or of 2019–20?), "winter 2019-20" does.

Holidays
    Fixed dates: Christmas (Eve), Boxing Day, New Year's Day/Eve, Valentine's Day,
    St. Patrick's Day, May Day, Juneteenth, the Fourth of July, Bastille Day, Halloween,
    Guy Fawkes Night, Veterans/Armistice/Remembrance Day. Computed: Easter, Good Friday,
    Easter Monday (Western), and the US Thanksgiving, Labor Day, Memorial Day, Martin Luther
    King Jr. Day, Presidents' Day, Father's Day. Holidays whose date depends on the country
    (Independence Day, Mother's Day, Labour Day) are not resolved.

Stripped before parsing
    Leading "the", "on", "in", "since", "by", "of", "at", "over the", "during", "from",
    "until", "before", "after", "for", "around", "about", "circa"...; trailing punctuation;
    possessives ("Sunday's", "last week's"); times and parts of the day ("Monday morning",
    "Friday at 3 p.m. ET", "early Sunday").

Not resolved on purpose
    Fiscal years ("fiscal 2019", "FY2019": their bounds depend on the organisation), BC
    dates, "the turn of the century", enumerations ("2015 and 2018"), texts longer than
    160 characters (not a DATE entity), and anything that would fall outside the years
    1–9999 that :class:`datetime.date` can hold.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Final, Literal, NamedTuple, TypeVar

__all__ = ["ResolvedDate", "Tense", "resolve_date"]

Tense = Literal["past", "present", "future"]
Kind = Literal["day", "month", "year", "range", "unresolved"]
_Gran = Literal["day", "month", "year"]
_Mode = Literal["bare", "this", "last", "next", "recent", "coming"]
_Part = Literal["early", "mid", "late", "h1", "h2", "q1", "q2", "q3", "q4"]


class ResolvedDate(NamedTuple):
    """An ISO 8601 value for a date expression, or ``(None, "unresolved")``."""

    value: str | None
    kind: Kind


_UNRESOLVED: Final = ResolvedDate(None, "unresolved")
_TENSES: Final = frozenset({"past", "present", "future"})
# spaCy DATE entities are a few words long; anything longer is not one, and the cap also bounds
# the work done per call.
_MAX_CHARS: Final = 160
# Every candidate year within this radius is tried, enough to reach a February 29 across the
# skipped leap year of a century (2096 → 2104).
_YEAR_RADIUS: Final = 8
# Distances into the future count this much more when the tense is unknown: news mostly
# reports what already happened.
_FUTURE_WEIGHT: Final = 2
_ONE_DAY: Final = dt.timedelta(days=1)
_ONE_WEEK: Final = dt.timedelta(days=7)
_T = TypeVar("_T")


# --------------------------------------------------------------------------------------------
# Spans: what every expression resolves to before formatting


class _Span(NamedTuple):
    start: dt.date
    end: dt.date  # inclusive
    start_gran: _Gran
    end_gran: _Gran


def _day(d: dt.date) -> _Span:
    return _Span(d, d, "day", "day")


def _days(start: dt.date, end: dt.date) -> _Span | None:
    return _Span(start, end, "day", "day") if start <= end else None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(year: int, month: int) -> _Span:
    return _Span(dt.date(year, month, 1), _month_end(year, month), "month", "month")


def _months(y1: int, m1: int, y2: int, m2: int) -> _Span:
    return _Span(dt.date(y1, m1, 1), _month_end(y2, m2), "month", "month")


def _year(year: int) -> _Span:
    return _Span(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "year")


def _years(first: int, last: int) -> _Span:
    return _Span(dt.date(first, 1, 1), dt.date(last, 12, 31), "year", "year")


def _join(a: _Span | None, b: _Span | None) -> _Span | None:
    if a is None or b is None or a.start > b.end:
        return None
    return _Span(a.start, b.end, a.start_gran, b.end_gran)


def _fmt(d: dt.date, gran: _Gran) -> str:
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _result(span: _Span) -> ResolvedDate:
    start, end = _fmt(span.start, span.start_gran), _fmt(span.end, span.end_gran)
    if start == end and span.start_gran == span.end_gran:
        return ResolvedDate(start, span.start_gran)
    return ResolvedDate(f"{start}/{end}", "range")


def _add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


_UNIT_DAYS: Final = {"day": 1, "week": 7, "fortnight": 14}
_UNIT_MONTHS: Final = {"month": 1, "year": 12, "decade": 120, "century": 1200}


def _shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit in _UNIT_DAYS:
        return d + dt.timedelta(days=_UNIT_DAYS[unit] * n)
    return _add_months(d, _UNIT_MONTHS[unit] * n)


def _iso_week(d: dt.date) -> _Span:
    monday = d - dt.timedelta(days=d.weekday())
    return _Span(monday, monday + dt.timedelta(days=6), "day", "day")


def _period(ref: dt.date, unit: str, k: int) -> _Span:
    """The calendar period of ``unit`` containing the reference, moved ``k`` periods."""
    if unit == "week":
        return _iso_week(ref + _ONE_WEEK * k)
    if unit == "month":
        d = _add_months(ref.replace(day=1), k)
        return _month(d.year, d.month)
    if unit == "quarter":
        y, q = divmod(ref.year * 4 + (ref.month - 1) // 3 + k, 4)
        return _months(y, 3 * q + 1, y, 3 * q + 3)
    if unit == "decade":
        first = ref.year // 10 * 10 + 10 * k
        return _years(first, first + 9)
    if unit == "century":
        first = ref.year // 100 * 100 + 100 * k
        return _years(first, first + 99)
    return _year(ref.year + k)


# --------------------------------------------------------------------------------------------
# Parts of a period: early/mid/late, halves, quarters


def _thirds(n: int, part: _Part) -> tuple[int, int] | None:
    """Inclusive unit indices of a part of ``n`` units; None when the part does not apply."""
    if part in ("early", "mid", "late"):
        a = math.ceil(n / 3)
        b = math.ceil((n - a) / 2)
        bounds = {"early": (0, a - 1), "mid": (a, a + b - 1), "late": (a + b, n - 1)}[part]
    elif part in ("h1", "h2"):
        if n % 2:
            return None
        bounds = (0, n // 2 - 1) if part == "h1" else (n // 2, n - 1)
    else:
        if n != 12:
            return None
        q = int(part[1]) - 1
        bounds = (3 * q, 3 * q + 2)
    return bounds if 0 <= bounds[0] <= bounds[1] < n else None


def _slice(span: _Span | None, part: _Part) -> _Span | None:
    if span is None:
        return None
    s, e = span.start, span.end
    if span.start_gran == span.end_gran == "year":
        if s.year == e.year:
            idx = _thirds(12, part)
            return None if idx is None else _months(s.year, idx[0] + 1, s.year, idx[1] + 1)
        idx = _thirds(e.year - s.year + 1, part)
        return None if idx is None else _years(s.year + idx[0], s.year + idx[1])
    if span.start_gran == span.end_gran == "month":
        if (s.year, s.month) == (e.year, e.month):
            # Thirds of a month are the traditional 1-10, 11-20, 21-end, not equal slices.
            last = e.day
            days = {"early": (1, 10), "mid": (11, 20), "late": (21, last), "h1": (1, 15)}
            days["h2"] = (16, last)
            if part not in days:
                return None
            return _days(s.replace(day=days[part][0]), s.replace(day=days[part][1]))
        n = (e.year - s.year) * 12 + e.month - s.month + 1
        idx = _thirds(n, part)
        if idx is None:
            return None
        a, b = _add_months(s, idx[0]), _add_months(s, idx[1])
        return _months(a.year, a.month, b.year, b.month)
    if span.start_gran == span.end_gran == "day" and (e - s).days == 6 and s.weekday() == 0:
        # A working week is mostly what "early/late in the week" is about.
        week = {"early": (0, 2), "mid": (1, 3), "late": (3, 6)}
        if part not in week:
            return None
        return _days(s + dt.timedelta(days=week[part][0]), s + dt.timedelta(days=week[part][1]))
    return None


# --------------------------------------------------------------------------------------------
# Expressions: parsed, not yet resolved against the reference and tense


class _Fixed(NamedTuple):
    """Absolute: needs no reference."""

    span: _Span


class _Rel(NamedTuple):
    """Anchored to the reference by its words ("last week", "two years ago")."""

    fn: Callable[[dt.date, Tense | None], _Span | None]


class _Yearly(NamedTuple):
    """Recurs every year ("August 9", "summer", "Christmas"); the year comes from the tense."""

    build: Callable[[int], _Span | None]
    mode: _Mode = "bare"
    weekday: int | None = None


class _Weekly(NamedTuple):
    """Recurs every week ("Sunday", "the weekend"); ``build`` takes the Monday of a week."""

    build: Callable[[dt.date], _Span | None]
    mode: _Mode = "bare"
    # "last/next weekend" mean the previous/next ISO week's weekend; "last/next Tuesday" the
    # nearest Tuesday strictly before/after the reference.
    iso: bool = False
    weekday: int | None = None


class _Never:
    """Recognised, and deliberately left unresolved (so no other reading is tried)."""

    __slots__ = ()


_NEVER: Final = _Never()
_Expr = _Fixed | _Rel | _Yearly | _Weekly | _Never


def _safe(build: Callable[[_T], _Span | None], arg: _T) -> _Span | None:
    try:
        return build(arg)
    except (ValueError, OverflowError):
        # A candidate beyond datetime.date's years 1-9999 is simply not a candidate.
        return None


def _then(span: _Span | None, f: Callable[[_Span], _Span | None]) -> _Span | None:
    return None if span is None else f(span)


def _map(e: _Expr, f: Callable[[_Span], _Span | None]) -> _Expr:
    if isinstance(e, _Fixed):
        span = f(e.span)
        return _NEVER if span is None else _Fixed(span)
    if isinstance(e, _Yearly):
        build_y = e.build
        return _Yearly(lambda y: _then(build_y(y), f), e.mode)
    if isinstance(e, _Weekly):
        build_w = e.build
        return _Weekly(lambda mon: _then(build_w(mon), f), e.mode, e.iso)
    if isinstance(e, _Rel):
        fn = e.fn
        return _Rel(lambda ref, tense: _then(fn(ref, tense), f))
    return e


def _cost(span: _Span, ref: dt.date, weight: int) -> int:
    if span.start <= ref <= span.end:
        return 0
    if span.end < ref:
        return (ref - span.end).days
    return weight * (span.start - ref).days


def _choose(cands: list[_Span], ref: dt.date, tense: Tense | None, weight: int) -> _Span | None:
    if tense == "past":
        done = [c for c in cands if c.start <= ref]
        return max(done, key=lambda c: c.start) if done else None
    if tense == "future":
        ahead = [c for c in cands if c.end >= ref]
        return min(ahead, key=lambda c: c.start) if ahead else None
    if not cands:
        return None
    return min(cands, key=lambda c: (_cost(c, ref, weight), c.start))


def _latest_before(cands: list[_Span], ref: dt.date) -> _Span | None:
    before = [c for c in cands if c.end < ref]
    return max(before, key=lambda c: c.start) if before else None


def _earliest_after(cands: list[_Span], ref: dt.date) -> _Span | None:
    after = [c for c in cands if c.start > ref]
    return min(after, key=lambda c: c.start) if after else None


def _pick_yearly(e: _Yearly, ref: dt.date, tense: Tense | None) -> _Span | None:
    cands: list[_Span] = []
    for y in range(max(1, ref.year - _YEAR_RADIUS), min(9999, ref.year + _YEAR_RADIUS) + 1):
        span = _safe(e.build, y)
        if span is not None:
            cands.append(span)
    cands.sort(key=lambda c: c.start)
    if e.mode == "bare":
        pick = _choose(cands, ref, tense, _FUTURE_WEIGHT)
        if pick is not None and e.weekday is not None and pick.start.weekday() != e.weekday:
            near = [
                c
                for c in cands
                if abs(c.start.year - ref.year) <= 1 and c.start.weekday() == e.weekday
            ]
            if len(near) == 1:
                pick = near[0]
        return pick
    if e.mode == "recent":
        return _latest_before(cands, ref)
    if e.mode == "coming":
        return _earliest_after(cands, ref)
    touching = [c for c in cands if c.start.year <= ref.year <= c.end.year]
    containing = [c for c in touching if c.start <= ref <= c.end]
    if containing:
        this: _Span | None = containing[0]
    elif len(touching) == 1:
        this = touching[0]
    else:
        this = _choose(touching, ref, tense, _FUTURE_WEIGHT)
    if e.mode == "this":
        return this
    if this is None:
        return _latest_before(cands, ref) if e.mode == "last" else _earliest_after(cands, ref)
    if e.mode == "last":
        earlier = [c for c in cands if c.start < this.start]
        return earlier[-1] if earlier else None
    later = [c for c in cands if c.start > this.start]
    return later[0] if later else None


def _pick_weekly(e: _Weekly, ref: dt.date, tense: Tense | None) -> _Span | None:
    monday = ref - dt.timedelta(days=ref.weekday())
    if e.mode == "this":
        span = e.build(monday)
        if span is not None and tense == "past" and span.start > ref:
            return e.build(monday - _ONE_WEEK)
        if span is not None and tense == "future" and span.end < ref:
            return e.build(monday + _ONE_WEEK)
        return span
    if e.iso and e.mode in ("last", "next"):
        return e.build(monday + (_ONE_WEEK if e.mode == "next" else -_ONE_WEEK))
    cands: list[_Span] = []
    for k in range(-2, 3):
        span = _safe(e.build, monday + _ONE_WEEK * k)
        if span is not None:
            cands.append(span)
    if e.mode in ("last", "recent"):
        before = [c for c in cands if c.start < ref]
        return max(before, key=lambda c: c.start) if before else None
    if e.mode in ("next", "coming"):
        return _earliest_after(cands, ref)
    return _choose(cands, ref, tense, 1)


def _resolve_expr(e: _Expr, ref: dt.date | None, tense: Tense | None) -> _Span | None:
    if isinstance(e, _Fixed):
        return e.span
    if ref is None or isinstance(e, _Never):
        return None
    if isinstance(e, _Rel):
        return e.fn(ref, tense)
    if isinstance(e, _Yearly):
        return _pick_yearly(e, ref, tense)
    return _pick_weekly(e, ref, tense)


# --------------------------------------------------------------------------------------------
# Vocabulary

_MONTHS: Final = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: Final = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_SMALL_NUMBERS: Final = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS: Final = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}  # fmt: skip
_DECADE_WORDS: Final = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip
_SEASONS: Final = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_QUARTER_WORDS: Final = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "final": 4, "last": 4,
}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    # Longest first so that "sept" is not cut to "sep" and "seventeen" to "seven".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MON_RE: Final = _alt(_MONTHS)
_WD_RE: Final = _alt(_WEEKDAYS)
_DIGIT_WORDS: Final = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_NUM_RE: Final = (
    rf"\d{{1,4}}|(?:{_alt(_TENS)})(?:[- ](?:{_alt(_DIGIT_WORDS)}))?|{_alt(_SMALL_NUMBERS)}"
)
_UNIT_RE: Final = r"days?|weeks?|fortnights?|months?|years?|decades?|century|centuries"


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    head, _, tail = text.replace("-", " ").partition(" ")
    if head in _TENS:
        return _TENS[head] + (_SMALL_NUMBERS[tail] if tail else 0)
    return _SMALL_NUMBERS[head]


def _unit(text: str) -> str:
    return "century" if text.startswith("centur") else text.removesuffix("s")


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --------------------------------------------------------------------------------------------
# Normalisation

_TRANSLATE: Final = str.maketrans(
    {
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'",
        "\u00b4": "'", "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ",
    }
)  # fmt: skip
_SPACES: Final = _c(r"\s+")
_EDGE_LEFT: Final = _c(r"^(?:[\s\"“”«»(\[{<,;:.!?*·•]|'(?=[a-z]))+")
_EDGE_RIGHT: Final = _c(r"[\s\"“”«»)\]}>,;:.!?*'-]+$")
_ISO_TIME: Final = _c(r"(\d{4}-\d{2}-\d{2})t[\d:.,]+(?:z|[+-]\d{2}:?\d{2})?")
_APOS_DECADE: Final = _c(r"(\d0)'s\b")
# "New Year's" is a holiday, "New Year" is not: keep that possessive.
_POSSESSIVE: Final = _c(r"(?<!new year)'s$")
_TODAY: Final = _c(r"\b(?:tonight|this (?:morning|afternoon|evening))\b")
_LAST_NIGHT: Final = _c(r"\blast (?:night|evening)\b")
_CLOCK: Final = _c(
    r"(?:\b(?:at|around|about|by|from|until|before|after|shortly)\s+)?"
    r"\b(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?)|\d{1,2}:\d{2}(?::\d{2})?\b"
    r"|noon\b|midnight\b|\d{1,2} o'clock\b)"
    r"(?:\s+(?:et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|gmt|bst|cet|cest|utc|local time)\b)?"
)
_TIME_OF_DAY: Final = _c(
    r"\b(?:(?:(?:early|late)\s+)?(?:morning|afternoon|evening|night|overnight|midday|dawn"
    r"|daybreak|lunchtime|dusk|nightfall)|(?:early|small|wee)\s+hours)(?:\s+(?:of|on)\b)?"
)
_EARLY_LATE_DAY: Final = _c(
    rf"\b(?:early|late)\s+(?:on\s+)?(?=(?:{_WD_RE})\b|today\b|yesterday\b|tomorrow\b)"
)
_TRAILING_WORDS: Final = _c(r"\s+(?:at|on|in|around|about|onwards?|and beyond)$")
_PREFIX: Final = _c(
    r"^(?P<w>the|on|in|since|by|of|at|during|from|until|till|through|throughout|before|after"
    r"|around|about|circa|ca\.?|c\.|approximately|roughly|some|as of|as early as|as late as"
    r"|as recently as|as long ago as|sometime|some time|for|over the|between|starting"
    r"|starting in|dated|effective)\s+"
)


def _normalise(text: str) -> str:
    s = _SPACES.sub(" ", text.translate(_TRANSLATE).lower())
    s = _EDGE_RIGHT.sub("", _EDGE_LEFT.sub("", s))
    s = _ISO_TIME.sub(r"\1", s)
    s = _APOS_DECADE.sub(r"\1s", s)
    s = _POSSESSIVE.sub("", s)
    s = _LAST_NIGHT.sub("yesterday", _TODAY.sub("today", s))
    s = _TIME_OF_DAY.sub(" ", _CLOCK.sub(" ", s))
    s = _EARLY_LATE_DAY.sub("", s)
    s = _SPACES.sub(" ", s)
    s = _EDGE_RIGHT.sub("", _EDGE_LEFT.sub("", s))
    return _TRAILING_WORDS.sub("", s)


class _Ctx(NamedTuple):
    ref: dt.date | None
    # A leading "the" was stripped: "the 90s" is a decade where "90s" may be an age, and
    # "the last month" is the past 30-odd days where "last month" is the calendar month.
    the: bool = False
    # The last word stripped was "in": "in three days" is an offset, "three days" a duration.
    after_in: bool = False
    # "between": "and" separates the ends of a range instead of listing two dates.
    between: bool = False


def _strip(s: str, ctx: _Ctx) -> tuple[str, _Ctx]:
    after_in = False
    while m := _PREFIX.match(s):
        word = m["w"]
        s = s[m.end() :]
        if word in ("the", "over the"):
            ctx = ctx._replace(the=True)
        elif word == "between":
            ctx = ctx._replace(between=True)
        after_in = word == "in"
    return s, ctx._replace(after_in=after_in)


# --------------------------------------------------------------------------------------------
# Calendar dates: "August 9, 2020", "9 Aug", "2020-08-09", "August 2019", "2019"


class _Cal(NamedTuple):
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None = None
    bare: bool = False  # a lone number, only meaningful as the end of a range ("13 - 25")


_WD_OPT: Final = rf"(?:(?P<wd>{_WD_RE})\.?\s*,?\s+)?"
_MON: Final = rf"(?P<mon>{_MON_RE})\.?"
_DAY: Final = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YR: Final = r"(?P<year>\d{4}|'\d{2})"
_YSEP: Final = r"(?:\s*,\s*|\s+)"
_CAL_PATTERNS: Final = (
    _c(rf"{_WD_OPT}{_MON}\s*,?\s*(?:the\s+)?{_DAY}(?:{_YSEP}{_YR})?"),
    _c(rf"{_WD_OPT}(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MON}(?:{_YSEP}{_YR})?"),
    _c(rf"{_MON}(?:{_YSEP}|\s+of\s+){_YR}"),
    _c(_MON),
    _c(rf"(?:(?:calendar\s+)?year\s+)?{_YR}"),
)
_CAL_ISO: Final = _c(r"(?P<year>\d{4})(?P<sep>[-/.])(?P<mon>\d{1,2})(?P=sep)(?P<day>\d{1,2})")
_CAL_NUMERIC: Final = _c(r"(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})")
_CAL_NUM_MONTH: Final = _c(r"(?P<mon>\d{1,2})/(?P<year>\d{4})")
_CAL_BARE: Final = _c(rf"{_DAY}(?:{_YSEP}{_YR})?")


def _pivot(yy: int, ref: dt.date | None) -> int | None:
    if ref is None:
        return None
    year = ref.year // 100 * 100 + yy
    return year - 100 if year > ref.year + 10 else year


def _year_of(text: str | None, ctx: _Ctx) -> int | _Never | None:
    if text is None:
        return None
    if text.startswith("'") or len(text) == 2:
        year = _pivot(int(text.lstrip("'")), ctx.ref)
        return _NEVER if year is None else year
    return int(text) if int(text) >= 1 else _NEVER


def _numeric_day_month(a: int, b: int, sep: str) -> tuple[int, int] | None:
    if sep == ".":
        return a, b
    if a == b or (a > 12 >= b):
        return a, b
    if b > 12 >= a:
        return b, a
    return None  # both readings are valid dates: 09/08/2020 is ambiguous


def _parse_cal(s: str, ctx: _Ctx, bare: bool = False) -> _Cal | _Never | None:
    m = _CAL_ISO.fullmatch(s)
    if m:
        month, day = int(m["mon"]), int(m["day"])
        return _Cal(int(m["year"]), month, day) if 1 <= month <= 12 else _NEVER
    m = _CAL_NUMERIC.fullmatch(s)
    if m:
        dm = _numeric_day_month(int(m["a"]), int(m["b"]), m["sep"])
        year = _year_of(m["year"], ctx)
        if dm is None or isinstance(year, _Never) or not 1 <= dm[1] <= 12:
            return _NEVER
        return _Cal(year, dm[1], dm[0])
    m = _CAL_NUM_MONTH.fullmatch(s)
    if m:
        month = int(m["mon"])
        return _Cal(int(m["year"]), month, None) if 1 <= month <= 12 else _NEVER
    patterns = (*_CAL_PATTERNS, _CAL_BARE) if bare else _CAL_PATTERNS
    for pattern in patterns:
        m = pattern.fullmatch(s)
        if m is None:
            continue
        groups = m.groupdict()
        year = _year_of(groups.get("year"), ctx)
        if isinstance(year, _Never):
            return _NEVER
        mon_text, day_text, wd_text = groups.get("mon"), groups.get("day"), groups.get("wd")
        return _Cal(
            year,
            _MONTHS[mon_text] if mon_text else None,
            int(day_text) if day_text else None,
            _WEEKDAYS[wd_text] if wd_text else None,
            bare=pattern is _CAL_BARE,
        )
    return None


def _cal_span(c: _Cal, year: int) -> _Span | None:
    if not 1 <= year <= 9999:
        return None
    if c.month is None:
        return _year(year)
    if c.day is None:
        return _month(year, c.month)
    if not 1 <= c.day <= calendar.monthrange(year, c.month)[1]:
        return None
    return _day(dt.date(year, c.month, c.day))


def _cal_expr(c: _Cal) -> _Expr:
    if c.month is None:
        if c.day is not None or c.year is None:
            return _NEVER  # "the 9th": which month?
        return _Fixed(_year(c.year))
    if c.year is not None:
        span = _cal_span(c, c.year)
        return _NEVER if span is None else _Fixed(span)
    return _Yearly(lambda y: _cal_span(c, y), weekday=c.weekday if c.day is not None else None)


def _pair(a: _Cal, b: _Cal, ya: int | None, yb: int | None) -> _Span | None:
    if ya is None and yb is not None:
        sa, sb = _cal_span(a, yb), _cal_span(b, yb)
        if sa is not None and sb is not None and sa.start > sb.end:
            sa = _cal_span(a, yb - 1)
    elif yb is None and ya is not None:
        sa, sb = _cal_span(a, ya), _cal_span(b, ya)
        if sa is not None and sb is not None and sb.end < sa.start:
            sb = _cal_span(b, ya + 1)
    elif ya is not None and yb is not None:
        sa, sb = _cal_span(a, ya), _cal_span(b, yb)
    else:
        return None
    return _join(sa, sb)


def _cal_range(a: _Cal, b: _Cal) -> _Expr | None:
    if b.bare and b.year is None and a.month is None and a.day is None and a.year is not None:
        # "2015-18": after a lone year, a two-digit number is the short form of a later year.
        year = a.year // 100 * 100 + (b.day or 0)
        year += 100 if year <= a.year else 0
        if not 0 < year - a.year <= 20:
            return None
        b = _Cal(year, None, None)
    elif b.bare:
        if a.month is None or a.day is None:
            return None
        b = b._replace(month=a.month)  # "September 13 - 25"
    if a.bare:
        if b.month is None or b.day is None:
            return None
        a = a._replace(month=b.month)  # "13 - 25 September"
    for c in (a, b):
        if c.month is None and (c.day is not None or c.year is None):
            return None
    if a.year is None and b.year is None:
        return _Yearly(lambda y: _pair(a, b, y, None))
    span = _pair(a, b, a.year, b.year)
    return None if span is None else _Fixed(span)


# --------------------------------------------------------------------------------------------
# The parsers, tried in order on the stripped text; each returns an expression or None

_Parser = Callable[[str, _Ctx], _Expr | None]

_NEVER_PATTERNS: Final = _c(
    r"(?:fiscal(?:\s+year)?|fy)\s*'?\d{2,4}(?:\s*[-/]\s*'?\d{2,4})?"
    r"|\d{4}(?:\s*[-/]\s*\d{2,4})?\s+fiscal(?:\s+year)?"
    r"|.*\b(?:bc|bce|b\.c\.(?:e\.)?)|turn\s+of\s+(?:the\s+)?\w+|(?:the\s+)?(?:week|month|year)"
    r"|.*\b(?:previous|following|same|that|those|these)\b.*"
)


def _p_never(s: str, ctx: _Ctx) -> _Expr | None:
    return _NEVER if _NEVER_PATTERNS.fullmatch(s) else None


_DAYS_AWAY: Final = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "day before yesterday": -2,
    "day after tomorrow": 2,
}


def _p_day_words(s: str, ctx: _Ctx) -> _Expr | None:
    if s not in _DAYS_AWAY:
        return None
    offset = _DAYS_AWAY[s]
    return _Rel(lambda ref, tense: _day(ref + dt.timedelta(days=offset)))


def _offset_span(ref: dt.date, unit: str, n: int, exact: bool) -> _Span:
    d = _shift(ref, unit, n)
    if exact or unit == "day":
        return _day(d)
    if unit in ("week", "fortnight"):
        return _iso_week(d)
    if unit == "month":
        return _month(d.year, d.month)
    return _year(d.year)


_AGO: Final = _c(rf"(?P<n>{_NUM_RE})\s+(?P<unit>{_UNIT_RE})\s+ago(?P<today>\s+today)?")
_FROM_NOW: Final = _c(rf"(?P<n>{_NUM_RE})\s+(?P<unit>{_UNIT_RE})\s+from\s+(?:now|today)")
_IN_N: Final = _c(rf"(?P<n>{_NUM_RE})\s+(?P<unit>{_UNIT_RE})(?:'?\s+time)?")


def _p_offset(s: str, ctx: _Ctx) -> _Expr | None:
    m = _AGO.fullmatch(s)
    if m:
        n, unit, exact = -_number(m["n"]), _unit(m["unit"]), bool(m["today"])
        return _Rel(lambda ref, tense: _offset_span(ref, unit, n, exact))
    m = _FROM_NOW.fullmatch(s) or (_IN_N.fullmatch(s) if ctx.after_in else None)
    if m:
        n, unit = _number(m["n"]), _unit(m["unit"])
        from_now = m.re is _FROM_NOW

        def fn(ref: dt.date, tense: Tense | None) -> _Span | None:
            if tense == "past" and not from_now:
                return None  # "doubled in two years" is a duration
            return _offset_span(ref, unit, n, False)

        return _Rel(fn)
    return None


_STRETCH: Final = _c(
    rf"(?P<dir>this\s+past|past|last|next|coming)\s+(?:(?P<n>{_NUM_RE})\s+)?(?P<unit>{_UNIT_RE})"
)


def _p_stretch(s: str, ctx: _Ctx) -> _Expr | None:
    m = _STRETCH.fullmatch(s)
    if m is None:
        return None
    direction, unit_text = m["dir"], m["unit"]
    unit = _unit(unit_text)
    if m["n"] is None:
        if unit_text != unit:
            return _NEVER  # "the coming months", "the past years": vague
        if direction in ("last", "next") and not ctx.the:
            return None  # "last week" is the calendar week
        if unit == "day":
            return _NEVER  # "the next day" follows some other event
    n = 1 if m["n"] is None else _number(m["n"])
    if direction in ("next", "coming"):

        def ahead(ref: dt.date, tense: Tense | None) -> _Span | None:
            # In a past-tense clause "the next week" follows some other event of the story.
            return None if tense == "past" else _days(ref, _shift(ref, unit, n))

        return _Rel(ahead)
    return _Rel(lambda ref, tense: _days(_shift(ref, unit, -n), ref))


_PERIOD_RE: Final = _c(
    r"(?P<mod>last|this|next)\s+(?P<unit>week|month|year|decade|century|quarter)"
)
_EARLIER_LATER: Final = _c(
    r"(?P<which>earlier|later)\s+(?:(?:this|in\s+the)\s+(?P<unit>week|month|year|decade"
    r"|century)|(?P<today>today))"
)
_THIS_TIME: Final = _c(r"this\s+time\s+(?P<mod>last|next)\s+(?P<unit>week|month|year)")


def _p_period(s: str, ctx: _Ctx) -> _Expr | None:
    m = _PERIOD_RE.fullmatch(s)
    if m:
        k, unit = {"last": -1, "this": 0, "next": 1}[m["mod"]], m["unit"]
        return _Rel(lambda ref, tense: _period(ref, unit, k))
    m = _EARLIER_LATER.fullmatch(s)
    if m:
        earlier, unit = m["which"] == "earlier", m["unit"] or "day"

        def part(ref: dt.date, tense: Tense | None) -> _Span | None:
            if unit == "day":
                return _day(ref)
            whole = _period(ref, unit, 0)
            return _days(whole.start, ref) if earlier else _days(ref, whole.end)

        return _Rel(part)
    m = _THIS_TIME.fullmatch(s)
    if m:
        k, unit = -1 if m["mod"] == "last" else 1, m["unit"]
        return _Rel(lambda ref, tense: _day(_shift(ref, unit, k)))
    return None


_WEEK_OF: Final = _c(r"week\s+of\s+(?P<rest>.+)")


def _p_week_of(s: str, ctx: _Ctx) -> _Expr | None:
    m = _WEEK_OF.fullmatch(s)
    if m is None:
        return None
    inner = _parse_inner(m["rest"], ctx._replace(the=False))
    if inner is None:
        return None
    return _map(inner, lambda span: _iso_week(span.start) if span.start == span.end else None)


_PART_WORDS: Final[dict[str, _Part]] = {
    "early": "early", "beginning": "early", "start": "early", "mid": "mid", "middle": "mid",
    "late": "late", "end": "late", "close": "late", "first half": "h1", "1st half": "h1",
    "second half": "h2", "2nd half": "h2",
}  # fmt: skip
_QUARTER_PARTS: Final[dict[int, _Part]] = {1: "q1", 2: "q2", 3: "q3", 4: "q4"}
_PART_PREFIX: Final = _c(r"(?P<p>early|mid|late)(?:\s*-\s*|\s+)(?:(?:in|of)\s+)?(?P<rest>.+)")
_PART_OF: Final = _c(
    r"(?P<p>beginning|start|end|close|middle|first half|1st half|second half|2nd half"
    r"|(?P<q>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[- ]quarter)\s+of\s+"
    r"(?P<rest>.+)"
)
_ANAPHORIC_UNIT: Final = _c(r"(?:the\s+)?(?P<unit>week|month|year|decade|century)")


def _p_part(s: str, ctx: _Ctx) -> _Expr | None:
    m = _PART_PREFIX.fullmatch(s) or _PART_OF.fullmatch(s)
    if m is None:
        return None
    groups = m.groupdict()
    quarter = groups.get("q")
    part = _QUARTER_PARTS[_QUARTER_WORDS[quarter]] if quarter else _PART_WORDS[m["p"]]
    rest = m["rest"]
    unit_m = _ANAPHORIC_UNIT.fullmatch(rest)
    if unit_m:
        unit = unit_m["unit"]

        def current(ref: dt.date, tense: Tense | None) -> _Span | None:
            # "the month" is the reference's month unless the tense rules that out, in which
            # case it is another month of the story.
            span = _slice(_period(ref, unit, 0), part)
            if span is None:
                return None
            if (tense == "past" and span.start > ref) or (tense == "future" and span.end < ref):
                return None
            return span

        return _Rel(current)
    # "the early 90s": the article belongs to the decade; "the end of last year": to "end".
    inner = _parse_inner(rest, ctx if m.re is _PART_PREFIX else ctx._replace(the=False))
    if inner is None:
        return None
    return _map(inner, lambda span: _slice(span, part))


_QUARTER: Final = _c(
    r"(?:q(?P<q>[1-4])|(?P<qw>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]quarter"
    r"|h(?P<h>[12])|(?P<hw>first|second|1st|2nd)[- ]half)(?:\s*(?:of\s+)?(?P<year>\d{4}))?"
    r"|(?P<year2>\d{4})\s*(?:q(?P<q2>[1-4])|h(?P<h2>[12]))"
)


def _p_quarter(s: str, ctx: _Ctx) -> _Expr | None:
    m = _QUARTER.fullmatch(s)
    if m is None:
        return None
    if m["q"] or m["q2"]:
        part = _QUARTER_PARTS[int(m["q"] or m["q2"])]
    elif m["qw"]:
        part = _QUARTER_PARTS[_QUARTER_WORDS[m["qw"]]]
    elif m["h"] or m["h2"]:
        part = "h1" if (m["h"] or m["h2"]) == "1" else "h2"
    else:
        part = _PART_WORDS[m["hw"] + " half"]
    year = m["year"] or m["year2"]
    if year:
        span = _slice(_year(int(year)), part) if int(year) >= 1 else None
        return _NEVER if span is None else _Fixed(span)
    return _Yearly(lambda y: _slice(_year(y), part))


_SEASON: Final = _c(
    r"(?P<s>spring|summer|autumn|fall|winter)(?:time)?"
    r"(?:\s+(?:of\s+)?(?P<y>\d{4})(?:\s*[-/]\s*(?P<y2>\d{4}|\d{2}))?)?"
)


def _season(first_month: int, year: int) -> _Span:
    end = _add_months(dt.date(year, first_month, 1), 2)
    return _months(year, first_month, end.year, end.month)


def _p_season(s: str, ctx: _Ctx) -> _Expr | None:
    m = _SEASON.fullmatch(s)
    if m is None:
        return None
    first = _SEASONS[m["s"]]
    if m["y"] is None:
        return _Yearly(lambda y: _season(first, y))
    year = int(m["y"])
    if year < 1:
        return _NEVER
    if first == 12:
        if m["y2"] is None:
            return _NEVER  # "winter 2019": the winter of 2018-19 or of 2019-20?
        modulus = 100 if len(m["y2"]) == 2 else 10000
        if int(m["y2"]) != (year + 1) % modulus:
            return _NEVER
    elif m["y2"] is not None:
        return _NEVER
    return _Fixed(_season(first, year))


def _easter(year: int) -> dt.date:
    # Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th given weekday of a month; n = -1 is the last one."""
    if n < 0:
        last = _month_end(year, month)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _fixed(month: int, day: int) -> Callable[[int], dt.date]:
    return lambda y: dt.date(y, month, day)


_HOLIDAYS: Final[tuple[tuple[str, Callable[[int], dt.date]], ...]] = (
    (r"christmas eve", _fixed(12, 24)),
    (r"(?:christmas|xmas)(?: day)?", _fixed(12, 25)),
    (r"boxing day", _fixed(12, 26)),
    (r"new year(?:'s|s)? eve", _fixed(12, 31)),
    (r"new year(?:'s|s|s')(?: day)?|new year day", _fixed(1, 1)),
    (r"(?:st\.? |saint )?valentine'?s(?: day)?", _fixed(2, 14)),
    (r"(?:st\.? |saint )patrick'?s day", _fixed(3, 17)),
    (r"may day", _fixed(5, 1)),
    (r"juneteenth", _fixed(6, 19)),
    (r"(?:the )?fourth of july|july fourth", _fixed(7, 4)),
    (r"bastille day", _fixed(7, 14)),
    (r"hallowe'?en", _fixed(10, 31)),
    (r"guy fawkes(?: night| day)?|bonfire night", _fixed(11, 5)),
    (r"(?:veterans'?|armistice|remembrance) day", _fixed(11, 11)),
    (r"easter(?: sunday)?", _easter),
    (r"good friday", lambda y: _easter(y) - dt.timedelta(days=2)),
    (r"easter monday", lambda y: _easter(y) + _ONE_DAY),
    (r"thanksgiving(?: day)?", lambda y: _nth_weekday(y, 11, 3, 4)),
    (r"labor day", lambda y: _nth_weekday(y, 9, 0, 1)),
    (r"memorial day", lambda y: _nth_weekday(y, 5, 0, -1)),
    (
        r"(?:martin luther king(?: jr\.?)?|mlk)(?: jr\.?)? day",
        lambda y: _nth_weekday(y, 1, 0, 3),
    ),
    (r"presidents'?(?: day)?|president'?s day", lambda y: _nth_weekday(y, 2, 0, 3)),
    (r"father'?s day", lambda y: _nth_weekday(y, 6, 6, 3)),
)
_HOLIDAY_RE: Final = _c(
    "(?:"
    + "|".join(f"(?P<h{i}>{pattern})" for i, (pattern, _) in enumerate(_HOLIDAYS))
    + r")(?:\s*,?\s+(?:of\s+)?(?P<year>\d{4}))?"
)


def _p_holiday(s: str, ctx: _Ctx) -> _Expr | None:
    m = _HOLIDAY_RE.fullmatch(s)
    if m is None:
        return None
    build = next(fn for i, (_, fn) in enumerate(_HOLIDAYS) if m[f"h{i}"] is not None)
    if m["year"]:
        span = _safe(lambda y: _day(build(y)), int(m["year"]))
        return _NEVER if span is None else _Fixed(span)
    return _Yearly(lambda y: _day(build(y)))


_WEEKDAY: Final = _c(rf"(?P<wd>{_WD_RE})\.?")
_SATURDAY: Final = dt.timedelta(days=5)
_SUNDAY: Final = dt.timedelta(days=6)
_WEEKEND: Final = _c(r"weekend")


def _weekday_expr(weekday: int) -> _Weekly:
    return _Weekly(lambda mon: _day(mon + dt.timedelta(days=weekday)), weekday=weekday)


def _p_weekday(s: str, ctx: _Ctx) -> _Expr | None:
    m = _WEEKDAY.fullmatch(s)
    if m:
        return _weekday_expr(_WEEKDAYS[m["wd"]])
    if _WEEKEND.fullmatch(s):
        return _Weekly(lambda mon: _days(mon + _SATURDAY, mon + _SUNDAY), iso=True)
    return None


_MODIFIER: Final = _c(
    r"(?P<mod>this\s+past|this\s+coming|last|this|next|past|coming)\s+(?P<rest>.+)"
)
_MODES: Final[dict[str, _Mode]] = {
    "last": "last", "this": "this", "next": "next", "past": "recent", "this past": "recent",
    "coming": "coming", "this coming": "coming",
}  # fmt: skip


def _p_modifier(s: str, ctx: _Ctx) -> _Expr | None:
    m = _MODIFIER.fullmatch(s)
    if m is None:
        return None
    inner = _parse_point(m["rest"], ctx._replace(after_in=False))
    if isinstance(inner, _Yearly | _Weekly) and inner.mode == "bare":
        return inner._replace(mode=_MODES[_SPACES.sub(" ", m["mod"])])
    return None


_DECADE4: Final = _c(r"(?P<y>[1-9]\d{2})0s")
_DECADE2: Final = _c(r"(?P<apos>')?(?P<d>\d)0s")
_DECADE_WORD: Final = _c(rf"(?P<apos>')?(?P<w>{_alt(_DECADE_WORDS)})")
_NOUGHTIES: Final = _c(r"'?(?:noughties|aughts|naughties)")
_CENTURY: Final = _c(rf"(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{_alt(_ORDINALS)}))[- ]century")


def _latest_decade(digit: int) -> Callable[[dt.date, Tense | None], _Span | None]:
    def fn(ref: dt.date, tense: Tense | None) -> _Span | None:
        first = ref.year // 100 * 100 + 10 * digit
        while first + 9 >= ref.year:
            first -= 100
        return _years(first, first + 9) if first >= 1 else None

    return fn


def _p_decade(s: str, ctx: _Ctx) -> _Expr | None:
    m = _DECADE4.fullmatch(s)
    if m:
        first = int(m["y"]) * 10
        if first % 100 == 0 and first < 2000:
            return _Fixed(_years(first, first + 99))  # "the 1800s" is the century
        return _Fixed(_years(first, first + 9))
    m = _DECADE2.fullmatch(s) or _DECADE_WORD.fullmatch(s)
    if m:
        if not (m["apos"] or ctx.the):
            return _NEVER  # "40s" without "the" is most often an age
        digit = int(m["d"]) if m.re is _DECADE2 else _DECADE_WORDS[m["w"]]
        return _Rel(_latest_decade(digit))
    if _NOUGHTIES.fullmatch(s):
        return _Fixed(_years(2000, 2009))
    m = _CENTURY.fullmatch(s)
    if m:
        n = int(m["n"]) if m["n"] else _ORDINALS[m["w"]]
        if not 1 <= n <= 99:
            return _NEVER
        first = (n - 1) * 100
        return _Fixed(_years(max(first, 1), first + 99))
    return None


_YEAR_SHORT: Final = _c(r"(?P<y>\d{4})\s*[-/]\s*(?P<yy>\d{2})")


def _p_year_short(s: str, ctx: _Ctx) -> _Expr | None:
    m = _YEAR_SHORT.fullmatch(s)
    if m is None:
        return None
    year, yy = int(m["y"]), int(m["yy"])
    if year < 1:
        return _NEVER
    if yy > year % 100:
        return _Fixed(_years(year, year // 100 * 100 + yy))
    if year % 100 == 99 and yy == 0:
        return _Fixed(_years(year, year + 1))
    if "-" in s and 1 <= yy <= 12:
        return _Fixed(_month(year, yy))
    return _NEVER


def _p_cal(s: str, ctx: _Ctx) -> _Expr | None:
    c = _parse_cal(s, ctx)
    if c is None or isinstance(c, _Never):
        return c
    return _cal_expr(c)


_PARSERS: Final[tuple[_Parser, ...]] = (
    _p_never,
    _p_day_words,
    _p_offset,
    _p_stretch,
    _p_period,
    _p_week_of,
    _p_quarter,
    _p_part,
    _p_season,
    _p_holiday,
    _p_weekday,
    _p_modifier,
    _p_decade,
    _p_year_short,
    _p_cal,
)


def _parse_point(s: str, ctx: _Ctx) -> _Expr | None:
    for parser in _PARSERS:
        e = parser(s, ctx)
        if e is not None:
            return e
    return None


def _parse_inner(s: str, ctx: _Ctx) -> _Expr | None:
    """A sub-expression ("2019" in "early 2019"): a single point, never a range."""
    s, inner_ctx = _strip(s, ctx._replace(between=False))
    return _parse_point(s, inner_ctx) if s else None


# --------------------------------------------------------------------------------------------
# Ranges

_SEPARATOR: Final = _c(r"\s*[-/]\s*|\s+(?:to|through|thru|until|till|til)\s+")
_AND: Final = _c(r"\s+and\s+")
# "2020-08-09 - 2020-08-12" has five; more than this is not a date range.
_MAX_SPLITS: Final = 8


def _weekday_range(first: int, last: int) -> _Weekly:
    length = (last - first) % 7
    return _Weekly(
        lambda mon: _days(mon + dt.timedelta(days=first), mon + dt.timedelta(days=first + length))
    )


def _range_of(left: str, right: str, ctx: _Ctx) -> _Expr | None:
    left, lctx = _strip(left, ctx._replace(between=False))
    right, rctx = _strip(right, ctx._replace(between=False))
    if not left or not right:
        return None
    lc, rc = _parse_cal(left, lctx, bare=True), _parse_cal(right, rctx, bare=True)
    if isinstance(lc, _Cal) and isinstance(rc, _Cal):
        return _cal_range(lc, rc)
    le, re_ = _parse_point(left, lctx), _parse_point(right, rctx)
    if le is None or re_ is None or isinstance(le, _Never) or isinstance(re_, _Never):
        return None
    if (
        isinstance(le, _Weekly)
        and isinstance(re_, _Weekly)
        and le.weekday is not None
        and re_.weekday is not None
    ):
        return _weekday_range(le.weekday, re_.weekday)
    if isinstance(le, _Fixed) and isinstance(re_, _Fixed):
        span = _join(le.span, re_.span)
        return None if span is None else _Fixed(span)
    first, last = le, re_
    return _Rel(
        lambda ref, tense: _join(_resolve_expr(first, ref, tense), _resolve_expr(last, ref, tense))
    )


def _parse_range(s: str, ctx: _Ctx) -> _Expr | None:
    separators = [_SEPARATOR, _AND] if ctx.between else [_SEPARATOR]
    for separator in separators:
        splits = [m for m in separator.finditer(s) if m.start() > 0 and m.end() < len(s)]
        if len(splits) > _MAX_SPLITS:
            return None  # no date range has that many dashes; don't try them all
        for m in splits:
            e = _range_of(s[: m.start()], s[m.end() :], ctx)
            if e is not None:
                return e
    return None


def _parse(text: str, ref: dt.date | None) -> _Expr | None:
    s, ctx = _strip(text, _Ctx(ref))
    if not s:
        return None
    return _parse_point(s, ctx) or _parse_range(s, ctx)


def resolve_date(text: str, reference: dt.date | None, tense: Tense | None = None) -> ResolvedDate:
    """Resolve a date expression against the publication date ``reference``.

    ``tense`` is the tense of the clause the expression appears in; it decides the direction
    of underspecified dates ("Sunday", "August 9"). Never raises; see the module docstring
    for the rules.
    """
    if not isinstance(text, str) or len(text) > _MAX_CHARS:
        return _UNRESOLVED
    ref = reference.date() if isinstance(reference, dt.datetime) else reference
    if not isinstance(ref, dt.date):
        ref = None
    clause_tense: Tense | None = tense if tense in _TENSES else None
    try:
        expr = _parse(_normalise(text), ref)
        span = None if expr is None else _resolve_expr(expr, ref, clause_tense)
    except (ValueError, OverflowError):
        # Date arithmetic past datetime.date's years 1-9999: there is no ISO value to give.
        return _UNRESOLVED
    return _UNRESOLVED if span is None else _result(span)
