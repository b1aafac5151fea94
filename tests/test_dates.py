"""Partial ISO dates, English date arguments, dates found in text."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usclet import dates
from usclet.errors import BadInput


@pytest.mark.parametrize("value", ["2017", "2017-12", "2017-12-12", "2016-02-29"])
def test_valid(value):
    assert dates.is_valid(value)


@pytest.mark.parametrize("value", ["2017-13", "2017-02-30", "2017-1-2", "17", "2017-12-12T00", "", None, 2017, "2017-00"])
def test_invalid(value):
    assert not dates.is_valid(value)


@pytest.mark.parametrize("text, expected", [
    ("12 December 2017", "2017-12-12"), ("December 12, 2017", "2017-12-12"), ("Dec 2017", "2017-12"),
    ("Dec. 13, 2017", "2017-12-13"), ("Sept. 15, 2017", "2017-09-15"), ("2017", "2017"), ("2017-12", "2017-12"),
    ("December, 2017", "2017-12"), ("12th December 2017", "2017-12-12"), ("5/4/2020", "2020-05-04"),
])
def test_argument_forms(text, expected):
    assert dates.parse_argument(text) == expected


@pytest.mark.parametrize("text", ["garbage", "2017-02-30", "Smarch 2017", "12 December", "", "13/45/2017", "yesterday"])
def test_malformed_argument_names_the_value(text):
    with pytest.raises(BadInput) as error:
        dates.parse_argument(text, option="--since")
    assert repr(text) in str(error.value) and "--since" in str(error.value)


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["year", "month", "day"]))
def test_iso_of_any_precision_round_trips(day, precision):
    value = day.isoformat()[: {"year": 4, "month": 7, "day": 10}[precision]]
    assert dates.parse_argument(value) == value
    assert dates.precision(value) == precision
    first, last = dates.bounds(value)
    assert first <= day <= last


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_english_forms_round_trip(day):
    month = day.strftime("%B")
    assert dates.parse_argument(f"{day.day} {month} {day.year}") == day.isoformat()
    assert dates.parse_argument(f"{month[:3]} {day.year}") == day.isoformat()[:7]


@given(st.text(max_size=40))
def test_argument_parser_accepts_or_refuses_cleanly(text):
    try:
        value = dates.parse_argument(text)
    except BadInput:
        return
    assert dates.is_valid(value)


def test_overlaps_by_period():
    assert dates.overlaps("2017-12-12", None, "2017-12", "2017-12")
    assert dates.overlaps("2023-01-18", "2023-01-19", "2023-01-19", None)
    assert not dates.overlaps("2016", None, "2017", None)
    assert dates.overlaps("2017", None, None, "2017-01-01")


def test_find_absolute_in_footnotes():
    text = "Cuba Central News Brief: 12/15/2017; State (Sept. 15, 2017) — 17 January 2017 [as of 5/4/20]"
    assert [iso for _, _, iso in dates.find_absolute(text)] == ["2017-12-15", "2017-09-15", "2017-01-17", "2020-05-04"]
