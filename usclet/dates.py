"""Dates of the precision actually known: ISO `2017`, `2017-12` or `2017-12-12`.

A partial date stands for the whole period it names; comparisons work on the first
and last day of that period, so `2017-12` overlaps `2017-12-12` and `2017`.
"""

import datetime as dt
import functools
import re

from usclet.errors import BadInput

ISO_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Spelled out rather than taken from the calendar module, whose import every command would pay.
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
MONTHS.update((name[:3], number) for number, name in enumerate(_MONTH_NAMES, 1))
MONTHS["sept"] = 9
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# Absolute dates as news text and footnotes write them.
# "September 15th, 2017" and "20th January, 2023": an ordinal suffix is still the day
_MONTH_DAY_YEAR = rf"\b(?P<mdy_month>{MONTH_NAMES})\.? (?P<mdy_day>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<mdy_year>\d{{4}})\b"
_DAY_MONTH_YEAR = rf"\b(?P<dmy_day>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<dmy_month>{MONTH_NAMES})\.?,? (?P<dmy_year>\d{{4}})\b"
_NUMERIC = r"\b(?P<num_month>\d{1,2})/(?P<num_day>\d{1,2})/(?P<num_year>\d{4}|\d{2})\b"
_MONTH_YEAR = rf"\b(?P<my_month>{MONTH_NAMES})\.? (?:of )?(?P<my_year>\d{{4}})\b"


@functools.cache
def _absolute_date_re():
    # compiled on first use: most commands never look for dates in text
    return re.compile("|".join((_MONTH_DAY_YEAR, _DAY_MONTH_YEAR, _NUMERIC, _MONTH_YEAR)), re.IGNORECASE)


def __getattr__(name):
    if name == "ABSOLUTE_DATE_RE":
        return _absolute_date_re()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _days_in(year, month):
    if month == 12:
        return 31  # and the next month's first day may be past the last year a date can have
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def is_valid(value):
    """True if `value` is an ISO date of year, month or day precision that exists."""
    return isinstance(value, str) and _is_valid(value)


@functools.lru_cache(maxsize=65536)  # `check` asks it of every date of a large record, which repeat
def _is_valid(value):
    match = ISO_RE.match(value)
    if not match:
        return False
    year, month, day = match.groups()
    if int(year) < 1:
        return False
    if month is not None and not 1 <= int(month) <= 12:
        return False
    if day is not None:
        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return False
    return True


def precision(value):
    """'year', 'month' or 'day'."""
    return ("year", "month", "day")[value.count("-")]


def make(year, month=None, day=None):
    """The ISO string of the given parts, validated."""
    text = f"{int(year):04d}"
    if month is not None:
        text += f"-{int(month):02d}"
        if day is not None:
            text += f"-{int(day):02d}"
    if not is_valid(text):
        raise ValueError(f"no such date: {text}")
    return text


@functools.lru_cache(maxsize=65536)
def bounds(value):
    """First and last day of the period an ISO partial date names."""
    year, month, day = ISO_RE.match(value).groups()
    year = int(year)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(month)
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, _days_in(year, month))
    day = dt.date(year, month, int(day))
    return day, day


def overlaps(start, end, since=None, until=None):
    """Whether the period start..end (ISO partial dates; end may be None) meets since..until."""
    if start is None:
        return since is None and until is None
    first = bounds(start)[0]
    last = bounds(end or start)[1]
    if since is not None and last < bounds(since)[0]:
        return False
    if until is not None and first > bounds(until)[1]:
        return False
    return True


def sort_key(value):
    """Orders partial dates by their first day, coarser first; unknown dates last.

    ISO text already sorts so ("2016-12" < "2017" < "2017-01" < "2017-01-15" < "2017-02"):
    comparing it needs no parsing, which a listing of a large store does 100,000 times.
    """
    return (value is None, value or "")


def iso_of_match(match):
    """ISO string from an ABSOLUTE_DATE_RE match, or None if it names no real date."""
    parts = match.groupdict()
    try:
        if parts["mdy_month"]:
            return make(parts["mdy_year"], MONTHS[parts["mdy_month"].lower()], parts["mdy_day"])
        if parts["dmy_month"]:
            return make(parts["dmy_year"], MONTHS[parts["dmy_month"].lower()], parts["dmy_day"])
        if parts["num_month"]:
            year = int(parts["num_year"])
            if year < 100:  # "5/4/20": two-digit years in this record are all 20xx
                year += 2000
            month, day = int(parts["num_month"]), int(parts["num_day"])
            if month > 12 >= day:  # "22/05/2015": a first number past 12 is the day, the order unambiguous
                month, day = day, month
            return make(year, month, day)
        return make(parts["my_year"], MONTHS[parts["my_month"].lower()])
    except ValueError:
        return None


def find_absolute(text):
    """Every absolute date written in `text`, as (start, end, iso) in order."""
    found = []
    for match in _absolute_date_re().finditer(text):
        iso = iso_of_match(match)
        if iso is not None:
            found.append((match.start(), match.end(), iso))
    return found


def parse_argument(text, option="date"):
    """A date given on the command line: ISO of any precision or plain English.

    Raises BadInput naming the value when it is not a date.
    """
    value = (text or "").strip()
    if is_valid(value):
        return value
    match = _absolute_date_re().fullmatch(value.rstrip("."))
    if match:
        iso = iso_of_match(match)
        if iso:
            return iso
    english = _parse_english(value)
    if english:
        return english
    raise BadInput(
        f"{option}: {text!r} is not a date; use ISO (2017-12-12, 2017-12, 2017) "
        "or English (12 December 2017, Dec 2017)"
    )


def _parse_english(value):
    """Month-name forms the regex does not cover ("December, 2017", "12th Dec 2017").

    dateutil fills unspecified parts from its default; parsing twice with different
    defaults tells which parts the text really gave, so no precision is invented.
    """
    if not re.search(r"\d{4}", value) or not re.search(r"[A-Za-z]", value):
        return None
    from dateutil import parser

    try:
        first = parser.parse(value, default=dt.datetime(2000, 1, 1))
        second = parser.parse(value, default=dt.datetime(2001, 2, 2))
    except (ValueError, OverflowError, parser.ParserError):
        return None
    if first.year != second.year:
        return None  # no year given
    if first.month != second.month:
        return make(first.year)
    if first.day != second.day:
        return make(first.year, first.month)
    return make(first.year, first.month, first.day)
