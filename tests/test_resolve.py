"""The date resolver, pattern by pattern, and its invariants under hypothesis."""

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usclet import dates
from usclet.text import resolve


def context(published=None, stated=True, footnotes=None, markers=None, previous=None):
    basis = "stated: test" if stated else "inferred: test"
    return resolve.Context(published, basis, stated, footnotes or {}, markers or [], previous or [])


def first(text, ctx):
    """The first resolved date of `text` in `ctx`, as (date, end_date, basis, ambiguity)."""
    expressions = resolve.find(text)
    assert expressions, f"no date expression found in {text!r}"
    result = resolve.resolve(expressions[0], ctx)
    return result.date, result.end_date, result.basis, result.ambiguity


@pytest.mark.parametrize("text, iso", [
    ("on May 17, 2016 in Havana", "2016-05-17"),
    ("(Dec. 13, 2017)", "2017-12-13"),
    ("(Sept. 15, 2017)", "2017-09-15"),
    ("— 17 January 2017", "2017-01-17"),
    ("Brief: 12/15/2017,", "2017-12-15"),
    ("[as of 5/4/20]", "2020-05-04"),
    ("22/05/2015 15:29:36", "2015-05-22"),  # a first number past 12 is the day
    ("the meeting of 2023-01-18", "2023-01-18"),
])
def test_full_dates_are_absolute(text, iso):
    assert first(text, context()) == (iso, None, resolve.ABSOLUTE, [])


def test_partial_dates_keep_their_precision():
    assert first("signed in May 2016.", context())[:2] == ("2016-05", None)
    assert first("the 1971 killing", context())[:2] == ("1971", None)
    assert first("The 2016 Trafficking in Persons report", context())[:2] == ("2016", None)


def test_spans_of_days_and_years():
    assert first("On January 18-19, 2023, the", context())[:3] == ("2023-01-18", "2023-01-19", resolve.ABSOLUTE)
    assert first("which last operated, 2015-18 during", context())[:2] == ("2015", "2018")
    assert first("from 2015 to 2018", context())[:2] == ("2015", "2018")
    footnotes = {2: [("2023-01-20", "Jan. 20, 2023")]}
    date, end, basis, _ = first("held on January 18 and 19 and", context(footnotes=footnotes, markers=[2]))
    assert (date, end, basis) == ("2023-01-18", "2023-01-19", resolve.FOOTNOTE)


def test_a_yearless_day_takes_its_year_from_the_cited_footnote_and_reports_the_other():
    # seed 001: "On April 17" with footnote [1] citing April 18, 2024 and April 18, 2022
    footnotes = {1: [("2024-04-18", "April 18, 2024"), ("2022-04-18", "April 18, 2022")]}
    ctx = context("2024-04-18", stated=False, footnotes=footnotes, markers=[1])
    date, end, basis, ambiguity = first("On April 17, the U.S. and Cuba held", ctx)
    assert (date, basis) == ("2024-04-17", resolve.FOOTNOTE)
    assert ambiguity == ["footnote [1] also gives April 18, 2022, which would make it 2022"]


def test_a_footnote_year_that_the_stated_publication_date_contradicts_is_reported():
    ctx = context("2024-05-02", footnotes={1: [("2022-04-18", "April 18, 2022")]}, markers=[1])
    date, _, basis, ambiguity = first("On April 17, they met", ctx)
    assert (date, basis) == ("2022-04-17", resolve.FOOTNOTE)
    assert ambiguity == ["the publication date, 2024-05-02, would make it 2024"]


def test_a_yearless_day_uses_a_stated_publication_date():
    ctx = context("2017-02-22")
    assert first("On January 16, the State Department", ctx)[:3] == ("2017-01-16", None, resolve.PUBLICATION)
    # a day later in the year than the publication is last year's
    assert first("On December 30, talks", ctx)[0] == "2016-12-30"


def test_a_yearless_day_near_an_inferred_publication_date_takes_the_nearest_year():
    # inferred from the latest citation, the publication date is a lower bound: a dateline of the
    # next day is that year's, not the year before
    ctx = context("2017-12-13", stated=False)
    assert first("HAVANA, Dec 14 (Reuters) -", ctx)[:3] == ("2017-12-14", None, resolve.PUBLICATION)
    assert first("On December 2, talks", ctx)[0] == "2017-12-02"


def test_a_yearless_day_uses_an_earlier_date_of_the_article():
    previous = [resolve.Resolution("2016-05", None, "this May", resolve.PUBLICATION)]
    ctx = context("2016-06-10", stated=False, previous=previous)
    assert first("not the June 8 discussions", ctx)[:3] == ("2016-06-08", None, resolve.CONTEXT)


def test_a_yearless_day_with_nothing_to_date_it_is_reported_not_guessed():
    date, _, _, ambiguity = first("On April 17, they met", context())
    assert date is None
    assert ambiguity and ambiguity[0].startswith("no year known")


def test_this_past_monday_counts_back_from_the_publication_date():
    # seed 000: publication inferred from the latest citation, 17 January 2017 (a Tuesday)
    date, _, basis, ambiguity = first("This past Monday, Barack Obama’s administration", context("2017-01-17", stated=False))
    assert (date, basis) == ("2017-01-16", resolve.PUBLICATION)
    assert any("lower bound" in note for note in ambiguity)


@pytest.mark.parametrize("text, iso", [
    ("last Tuesday", "2017-01-10"),  # the publication day itself is a Tuesday: a week back
    ("on Friday", "2017-01-13"),
    ("next Monday", "2017-01-23"),
    ("yesterday", "2017-01-16"),
    ("tomorrow", "2017-01-18"),
])
def test_weekdays_and_nearby_days(text, iso):
    assert first(text, context("2017-01-17"))[0] == iso


@pytest.mark.parametrize("text, iso", [
    ("follows last year’s presidential policy directive", "2016"),
    ("this year", "2017"),
    ("last month", "2017-01"),
    ("at a meeting in early January,", "2017-01"),
    ("in late January", "2017-01"),
    ("came up in this May’s second round", "2017-05"),
    ("Currently, Cossío said", "2017-02"),
])
def test_relative_periods_have_the_precision_of_their_words(text, iso):
    assert first(text, context("2017-02-22"))[0] == iso


def test_the_day_before_with_a_stated_day():
    previous = [resolve.Resolution("2016-05-17", None, "On May 17", resolve.FOOTNOTE)]
    ctx = context("2016-05-17", stated=False, previous=previous)
    ctx.lede = previous[0]
    date, _, basis, ambiguity = first("The day before the Dialogue (May 16), the Department", ctx)
    assert (date, basis, ambiguity) == ("2016-05-16", resolve.CONTEXT, [])


def test_the_day_before_or_after_counts_from_the_anchor():
    anchor = resolve.Resolution("2017-12-12", None, "on December 12", resolve.FOOTNOTE)
    ctx = context("2017-12-13", stated=False, previous=[anchor])
    ctx.paragraph = anchor
    assert first("the day after the meeting, they", ctx)[0] == "2017-12-13"
    assert first("the day before the talks", ctx)[0] == "2017-12-11"
    # "This was the day after X": X happened the day before this
    assert first("This was the day after they held their biannual meeting", ctx)[0] == "2017-12-11"
    assert first("three days later", ctx)[0] == "2017-12-15"


def test_a_stated_day_that_disagrees_with_its_anchor_is_reported():
    anchor = resolve.Resolution("2016-05-17", None, "On May 17", resolve.FOOTNOTE)
    ctx = context(previous=[anchor])
    ctx.lede = anchor
    date, _, _, ambiguity = first("The day before the Dialogue (May 12), he met", ctx)
    assert date == "2016-05-12" and ambiguity == ["the anchor 2016-05-17 gives 2016-05-16, not 2016-05-12"]


def test_vague_words_are_not_dated():
    date, _, _, ambiguity = first("just a few days after the policy ended", context("2017-01-17"))
    assert date is None and "too vague" in ambiguity[0]


def test_what_holds_as_of_writing_takes_the_publication_date():
    assert first("there has been no public notice", context("2017-12-13", stated=False))[0] == "2017-12-13"
    assert first("I have not yet been able to find", context("2016-05-17"))[0] == "2016-05-17"


def test_the_prior_meeting_is_the_latest_earlier_one():
    september = resolve.Resolution("2017-09-15", None, "September 15", resolve.CONTEXT)
    december = resolve.Resolution("2017-12-12", None, "December 12", resolve.CONTEXT)
    ctx = context(previous=[december, september])
    ctx.lede = december
    assert first("The release about the prior meeting says", ctx)[0] == "2017-09-15"
    assert first("The statement about the later meeting", ctx)[0] == "2017-12-12"


def test_urls_and_non_dates_are_not_dates():
    assert resolve.find("https://dwkcommentaries.com/2016/06/10/u-s-and-cuba") == []
    assert resolve.find("the 21-year old policy") == []
    assert resolve.find("may station law-enforcement officials") == []


# --- invariants -------------------------------------------------------------

days = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
FORMATS = ["%B %d, %Y", "%d %B %Y", "%b. %d, %Y", "%m/%d/%Y", "%Y-%m-%d"]


@given(days, st.sampled_from(FORMATS))
def test_any_full_date_in_any_usual_format_resolves_to_itself(day, fmt):
    text = f"The talks took place on {day.strftime(fmt)} in Havana."
    expressions = resolve.find(text)
    assert [e.text for e in expressions] == [day.strftime(fmt)]
    result = resolve.resolve(expressions[0], context())
    assert (result.date, result.basis) == (day.isoformat(), resolve.ABSOLUTE)


@given(days, days)
def test_a_yearless_day_is_its_latest_occurrence_not_after_a_stated_publication(day, published):
    if (day.month, day.day) == (2, 29):
        return
    text = f"On {day.strftime('%B')} {day.day}, the delegations met."
    result = resolve.resolve(resolve.find(text)[0], context(published.isoformat()))
    value = dt.date.fromisoformat(result.date)
    assert (value.month, value.day) == (day.month, day.day)
    assert value <= published and (published - value).days < 366
    assert result.year_inferred


@given(days, st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
       st.sampled_from(["this past", "last", "next"]))
def test_weekdays_land_on_that_weekday_within_a_week(published, weekday, relation):
    result = resolve.resolve(resolve.find(f"{relation} {weekday}, officials met")[0], context(published.isoformat()))
    value = dt.date.fromisoformat(result.date)
    assert value.strftime("%A") == weekday
    if relation == "next":
        assert 0 < (value - published).days <= 7
    else:
        assert 0 < (published - value).days <= 7


@given(days, st.integers(1, 27), st.integers(1, 4))
def test_spans_keep_both_ends(day, first_day, length):
    text = f"On {day.strftime('%B')} {first_day}-{first_day + length}, {day.year}, the dialogue was held"
    result = resolve.resolve(resolve.find(text)[0], context())
    if first_day + length > calendar.monthrange(day.year, day.month)[1]:
        assert result.date is None and "not a real span" in result.ambiguity[0]  # "February 26-30"
        return
    assert result.date == dt.date(day.year, day.month, first_day).isoformat()
    assert result.end_date == dt.date(day.year, day.month, first_day + length).isoformat()


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=120)
       | st.lists(st.sampled_from(["On", "April", "17", "18-19", ",", "2017", "the day", "before", "last", "Monday",
                                   "year", "early", "May", "(", ")", "5/4/20", "this past", "days later", "prior",
                                   "meeting", "Dec.", "13", "currently", "not yet", " "]),
                  max_size=14).map(" ".join))
def test_any_text_gives_spans_that_slice_exactly_and_valid_dates(text):
    expressions = resolve.find(text)
    previous_end = 0
    for expression in expressions:
        assert text[expression.start:expression.end] == expression.text
        assert expression.start >= previous_end
        previous_end = expression.end
        result = resolve.resolve(expression, context("2017-12-13", stated=False))
        for value in (result.date, result.end_date):
            assert value is None or dates.is_valid(value)
        if result.date is None:
            assert result.ambiguity, "an unresolved date says why"
        else:
            assert result.basis in (resolve.ABSOLUTE, resolve.PUBLICATION, resolve.FOOTNOTE, resolve.CONTEXT)


def test_a_sentence_resolves_as_extract_resolves_it_given_its_publication_date():
    sentence = "The talks will resume on Friday, the day after officials met on March 21; they began in 2015."
    found = resolve.resolve_sentence(sentence, "2013-03-22")
    assert [(e.text, r.date) for e, r in found] == [
        ("on Friday", "2013-03-22"), ("the day after", "2013-03-23"), ("March 21", "2013-03-21"), ("2015", "2015")]
    assert all(sentence[e.start:e.end] == e.text for e, _ in found)
    # the same words in a file extracted with that publication date get the same dates
    from usclet.text import extract

    results = extract.extract("note.txt", (sentence + "\n").encode(), published="2013-03-22")
    mentions = {(m["text"], m["date"]) for _, _, found in results for c in found for m in c["review"]["dates"]}
    assert mentions == {(e.text, r.date) for e, r in found}
    unknown = resolve.resolve_sentence("They met on Friday.", None)
    assert [(e.text, r.date) for e, r in unknown] == [("on Friday", None)]


def resolved(sentence, published):
    return [(expression.text.strip(), result.date, result.end_date)
            for expression, result in resolve.resolve_sentence(sentence, published)]


# Real passages, with the date of their page: a month or weekday said of what is to come is the next one,
# including when a verb of saying stands before it ("He said Tuesday's talks would ...").
@pytest.mark.parametrize("sentence, published, expected", [
    # State Department note re-posted by LA Post, April 2022
    ("The United States also addressed consular services at U.S. Embassy Havana, to include resumption of "
     "immigrant visa services on a limited basis starting in May, current American citizen services",
     "2022-04", ("in May", "2022-05", None)),
    # BBC, 22 March 2013 (TempEval-3 platinum)
    ("A book of memoirs and photographs from the climb by Mr Lowe, which he worked on with Dr Lewis-Jones, "
     "is due to be published in May.", "2013-03-22", ("in May", "2013-05", None)),
    # Reuters, 14 November 2022
    ("He said Tuesday’s talks would partly address fundamental issues, including U.S. immigration policy",
     "2022-11-14", ("Tuesday", "2022-11-15", None)),
    # Reuters, same day: the day it was said stays the day it was said
    ("Cuba and the United States will hold another round of migration talks in Havana on Tuesday, officials "
     "said on Monday", "2022-11-14", ("on Tuesday", "2022-11-15", None)),
    # Latin America News, Friday 22 April 2022: "the will of the United States" is no future tense
    ("Asked if during the conversation this Thursday he saw the will of the United States to advance on other "
     "issues of the bilateral relationship, the Cuban diplomat replied that he did not.",
     "2022-04-22", ("this Thursday", "2022-04-21", None)),
])
def test_the_tense_of_the_clause_decides_the_direction_on_real_texts(sentence, published, expected):
    assert resolved(sentence, published)[0] == expected


@pytest.mark.parametrize("sentence, published, expected", [
    # The New York Times, 21 and 22 March 2013 (TempEval-3 platinum)
    ("especially since oil officials resisted a similar government order for higher-grade fuel four years ago.",
     "2013-03-21", [("four years ago", "2009", None)]),
    ("When I first started just six years ago, it was unusual to have a woman managing a bill.",
     "2013-03-21", [("six years ago", "2007", None)]),
    ("which bought an early version of such a computer from the Canadian company D-Wave Systems two years ago",
     "2013-03-22", [("two years ago", "2011", None)]),
    # Cuba Trade blog headline, 7 February 2024
    ("U.S.-Cuba Law Enforcement Dialogue Reported This Morning; Readout At 11:25 AM", "2024-02-07",
     [("This Morning", "2024-02-07", None)]),
])
def test_relative_words_count_from_the_publication_at_their_own_precision(sentence, published, expected):
    assert resolved(sentence, published)[:len(expected)] == expected


@pytest.mark.parametrize("sentence, published, expected", [
    # EFE, 15 November 2022: a list of years is so many years
    ("The Migration Agreements signed in 1984, 1994, 1995 and 2017 establish Washington’s obligation",
     "2022-11-15", [("1984", "1984", None), ("1994", "1994", None), ("1995", "1995", None), ("2017", "2017", None)]),
    # Cubasí, 14 February 2018: "the years" make it the span of them
    ("shared new and important actions that were undertaken in the years 2016 and 2017, which contribute",
     "2018-02-14", [("the years 2016 and 2017", "2016", "2017")]),
    # Sputnik, 20 January 2023: "between" makes it a span
    ("Between 2015 and 2018, when the Trump administration decided to curtail contact", "2023-01-20",
     [("Between 2015 and 2018", "2015", "2018")]),
    # Havana Live, Friday 5 February 2016: from one weekday to another is the days between
    ("A State Department statement Friday said the “technical” talks were held Monday through Thursday in Miami",
     "2016-02-05", [("Friday", "2016-02-05", None), ("Monday through Thursday", "2016-02-01", "2016-02-04")]),
])
def test_lists_of_years_and_spans_of_weekdays_on_real_texts(sentence, published, expected):
    assert resolved(sentence, published) == expected
