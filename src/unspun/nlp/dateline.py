"""The dateline at the head of an article, and the publication date it states.

    >>> found = find_dateline("LONDON, Nov 14 (Reuters) – The Bank of England held rates.")
    >>> found.place, found.agency, found.date_text, found.date
    ('LONDON', 'Reuters', 'Nov 14', None)
    >>> dateline_date("Paris, 3 March 2024: The strike goes on.")
    datetime.date(2024, 3, 3)

Pasted text, the most common input, carries no metadata, so its relative dates ("last
week", "on Tuesday") have nothing to resolve against. Wire copy and press releases state
where and when they were written in a dateline that opens the text, and the analyzer takes
its date as the publication date when neither the page's metadata nor the caller
(``--date``, the web form's Published field, the API's ``published``) gives one.

Forms recognised, each ending in a dash (-, --, – or —) or a colon:

* place in capitals, optional region, optional date, optional agency:
  "LONDON, Nov 14 (Reuters) –", "WASHINGTON (AP) —", "KYIV, Ukraine (AP) —",
  "NEW YORK, March 3, 2024 /PRNewswire/ --", "NEW DELHI:";
* place in title case with a date or an agency: "Paris, 3 March 2024:", "Geneva (AFP) -";
* a date, optionally with an agency: "March 3, 2024 —", "Nov 14 (Reuters) -";
* a line that is only a date, or "Published" and a date: "Monday, 3 March 2024",
  "Published: March 3, 2024 10:30 GMT".

The dateline is looked for at the start of the first three lines of the text (the headline,
a standfirst or a stray byline may come first). A month name alone is not a date ("March
was a hard month for..."), and neither is a date without a separator after it ("March 3
was the day...").

Year
    A dateline date without a year ("LONDON, Nov 14 (Reuters) –") gives no date. The year
    would have to come from "now": the fetch date or today. Nothing else in unspun anchors
    dates that way (without a publication date, "last week" stays unresolved rather than
    being read against the day of the analysis), and a text pasted or archived months later
    would get the wrong year silently. The dateline is still found (``date_text`` is set,
    ``date`` is None); the report then says that no publication date is known.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from unspun.nlp.dates import resolve_date

__all__ = ["Dateline", "dateline_date", "find_dateline"]

# Lines of the text searched: the headline, then up to two more (a standfirst, a byline).
_HEAD_LINES: Final = 3
# Datelines are short; this bounds the work on a long first paragraph.
_MAX_CHARS: Final = 160

_MONTH: Final = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_WEEKDAY: Final = (
    r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
    r"\b\.?"
)
_DAY: Final = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_YEAR: Final = r"\d{4}(?!\d)"
_DATE: Final = (
    rf"(?:{_WEEKDAY},?\s+)?"
    rf"(?:{_MONTH}\s*{_DAY}(?:,?\s+{_YEAR})?"
    rf"|{_DAY}\s+{_MONTH},?(?:\s+{_YEAR})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?!\d))"
)
_TIME: Final = (
    r"(?:,?\s+(?i:at\s+)?\d{1,2}[:.]\d{2}(?:\s*(?i:[ap]\.?m\b\.?))?(?:\s+[A-Z]{2,4}\b)?)?"
)
_UPPER: Final = "A-ZÀ-ÖØ-Þ"
_CAPS_WORD: Final = rf"[{_UPPER}][{_UPPER}'’.\-]+"
_CAPS_PLACE: Final = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,4}}"
_TITLE_WORD: Final = rf"[{_UPPER}][a-zà-ÿ'’.\-]+"
_TITLE_PLACE: Final = (
    rf"{_TITLE_WORD}(?:\s+(?:{_TITLE_WORD}|de|da|do|del|la|le|am|upon|on)){{0,3}}"
)
# ", Ukraine", ", Calif.", ", N.Y.", ", South Africa": the region after a place in capitals.
_REGION: Final = r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,2}"
# "(Reuters)", "(AP)", "(dpa)", "(The Conversation)", "/PRNewswire/".
_AGENCY: Final = (
    r"(?:\((?P<agency>[A-Za-z][\w&.'’\-]*(?:\s[A-Za-z][\w&.'’\-]*){0,2})\)"
    r"|/(?P<wire>[A-Za-z][\w&.'’\-]*(?:\s[A-Za-z][\w&.'’\-]*){0,2})/)"
)
# The separator, then the article: after a space, or straight after a dash that is no hyphen
# ("LONDON (Reuters)—The", but not "US-China talks:").
_SEP: Final = r"\s*(?:(?:-{1,2}|:)(?:\s|\Z)|[–—―](?:\s|\Z|(?=[\"“‘'A-Z])))"

_CAPS_FIRST: Final = re.compile(
    rf"(?P<place>{_CAPS_PLACE})(?:,\s+{_REGION})?"
    rf"(?:,?\s+(?P<date>{_DATE}){_TIME})?(?:\s*{_AGENCY})?{_SEP}"
)
# A place in title case needs a date or an agency (checked in code): "Officials: ..." is not
# a dateline.
_TITLE_FIRST: Final = re.compile(
    rf"(?P<place>{_TITLE_PLACE})(?:,\s+(?P<date>{_DATE}){_TIME})?(?:\s*{_AGENCY})?{_SEP}"
)
_DATE_FIRST: Final = re.compile(rf"(?P<date>{_DATE}){_TIME}(?:\s*{_AGENCY})?{_SEP}")
_DATE_LINE: Final = re.compile(
    rf"(?:(?i:(?:first\s+)?published|posted)(?:\s+(?i:on))?:?\s+)?(?P<date>{_DATE}){_TIME}\.?"
)
# Words in capitals that open a text as a label, not a place: "BREAKING:", "UPDATE —".
_KICKERS: Final = frozenset(
    {
        "ALERT", "ANALYSIS", "BREAKING", "BREAKING NEWS", "COLUMN", "COMMENT", "CORRECTION",
        "EDITORIAL", "EXCLUSIVE", "FACT CHECK", "FLASH", "INTERVIEW", "LIVE", "NEWS",
        "OPINION", "REVIEW", "UPDATE", "UPDATED", "URGENT", "WATCH", "EDITOR'S NOTE",
        "EDITOR’S NOTE", "NOTE", "PHOTOS", "VIDEO",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    """A dateline as written, and what it says."""

    text: str
    """The dateline, separator included, as it opens its line."""
    place: str | None
    agency: str | None
    """The news agency or wire service named in it: "Reuters", "AP", "PRNewswire"."""
    date_text: str | None
    """The date as written ("Nov 14", "3 March 2024"), if the dateline has one."""
    date: dt.date | None
    """That date on the calendar; None without one, or without a year."""


def _calendar_date(text: str | None) -> dt.date | None:
    """The day ``text`` names on its own, with no reference: a year is required."""
    if text is None:
        return None
    value, kind = resolve_date(text, None)
    return dt.date.fromisoformat(value) if kind == "day" and value else None


def _dateline_of(line: str) -> Dateline | None:
    head = line[:_MAX_CHARS]
    found = _CAPS_FIRST.match(head) or _DATE_FIRST.match(head)
    if found is None and (titled := _TITLE_FIRST.match(head)) is not None:
        found = titled if titled["date"] or titled["agency"] or titled["wire"] else None
    if found is None and len(line) <= _MAX_CHARS:
        found = _DATE_LINE.fullmatch(line)
    if found is None:
        return None
    groups = found.groupdict()
    place = groups.get("place")
    if place is not None and place.upper() in _KICKERS:
        place = None
    date_text = groups.get("date")
    agency = groups.get("agency") or groups.get("wire")
    if place is None and date_text is None and agency is None:
        return None  # "BREAKING:" opens a text, but says neither where nor when
    return Dateline(found.group().strip(), place, agency, date_text, _calendar_date(date_text))


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, if any: the first
    that gives a date, else the first found ("NASA: launch delayed" as a headline must not
    hide a dated dateline under it)."""
    first: Dateline | None = None
    for line in text.split("\n", _HEAD_LINES)[:_HEAD_LINES]:
        found = _dateline_of(line.strip())
        if found is not None and found.date is not None:
            return found
        first = first or found
    return first


def dateline_date(text: str) -> dt.date | None:
    """The publication date a dateline at the head of ``text`` states, with its year."""
    found = find_dateline(text)
    return found.date if found is not None else None
