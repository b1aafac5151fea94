"""News-text patterns found on the dev corpus, each pinned: ordinals, datelines, tense, spans, attribution."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from usclet import dates
from usclet.text import attribution, extract, resolve

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


def ordinal(n):
    return f"{n}{'th' if 11 <= n % 100 <= 13 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def context(published):
    return resolve.Context(published, "stated: test", True)


def resolved(text, ctx):
    return [resolve.resolve(e, ctx) for e in resolve.find(text)]


@settings(max_examples=60, deadline=None)
@given(days)
def test_an_ordinal_suffix_is_still_the_day(day):
    for text in (f"On {MONTHS[day.month - 1]} {ordinal(day.day)}, {day.year} the meeting was held.",
                 f"held on {ordinal(day.day)} {MONTHS[day.month - 1]}, {day.year} in Havana"):
        first = resolved(text, context(None))[0]
        assert (first.date, first.end_date) == (day.isoformat(), None), text


@settings(max_examples=60, deadline=None)
@given(days, st.integers(0, 6))
def test_a_past_weekday_under_a_dateline_is_the_latest_such_day_on_or_before_it(dateline, weekday):
    name = dt.date(2024, 1, 1 + weekday).strftime("%A")  # 2024-01-01 is a Monday
    ctx = context("2031-01-01")  # the publication date is not what the body counts from
    ctx.dateline = (dateline.isoformat(), "HAVANA, test")
    value = dt.date.fromisoformat(resolved(f"The two sides signed the deal {name} in Havana.", ctx)[0].date)
    assert value.strftime("%A") == name and 0 <= (dateline - value).days < 7


@settings(max_examples=60, deadline=None)
@given(days, st.integers(0, 6))
def test_a_future_weekday_is_the_next_such_day(published, weekday):
    name = dt.date(2024, 1, 1 + weekday).strftime("%A")
    value = dt.date.fromisoformat(resolved(f"Trump, who takes office on {name}, has threatened it.",
                                           context(published.isoformat()))[0].date)
    assert value.strftime("%A") == name and 0 <= (value - published).days < 7


@settings(max_examples=60, deadline=None)
@given(days)
def test_a_future_day_without_a_year_is_the_next_one(published):
    target = published + dt.timedelta(days=20)
    text = f"restrictions are set to lift on {MONTHS[target.month - 1]} {target.day}."
    assert resolved(text, context(published.isoformat()))[0].date == target.isoformat()
    past = published - dt.timedelta(days=20)
    text = f"restrictions were lifted on {MONTHS[past.month - 1]} {past.day}."
    assert resolved(text, context(published.isoformat()))[0].date == past.isoformat()


@settings(max_examples=60, deadline=None)
@given(days, st.integers(1, 20), st.sampled_from(["-", "–", " through ", " and ", " to "]))
def test_spans_with_a_dash_through_and_or_the_month_repeated(first, length, joiner):
    last = first + dt.timedelta(days=length)
    if last.month != first.month or last.year != first.year:
        return
    month = MONTHS[first.month - 1]
    for text in (f"flights from {month} {first.day}{joiner}{last.day}, {first.year} went ahead",
                 f"flights from {month} {first.day} – {month} {last.day}, {first.year} went ahead"):
        found = resolved(text, context(None))[0]
        assert (found.date, found.end_date) == (first.isoformat(), last.isoformat()), text


@settings(max_examples=40, deadline=None)
@given(days)
def test_earlier_this_month_and_last_month_name_keep_month_precision(published):
    ctx = context(published.isoformat())
    assert resolved("Cuba agreed earlier this month to take flights.", ctx)[0].date == published.isoformat()[:7]
    previous = MONTHS[published.month - 2 if published.month > 1 else 11]
    found = resolved(f"Last {previous}, the island made public a list.", ctx)[0]
    assert dates.precision(found.date) == "month" and found.date < published.isoformat()[:7]


@settings(max_examples=40, deadline=None)
@given(days, st.sampled_from([("the day before", -1), ("the previous day", -1), ("the day after", 1),
                              ("this same day", 0)]))
def test_shifts_count_from_the_date_before_them(day, shift):
    words, offset = shift
    ctx = context(None)
    ctx.paragraph = resolve.Resolution(day.isoformat(), None, "anchor", resolve.ABSOLUTE)
    assert resolved(f"It entered into effect {words}.", ctx)[0].date == (day + dt.timedelta(days=offset)).isoformat()


def _candidates(text, **speaks):
    given = {"publisher": speaks.get("publisher"), "origin": speaks.get("publisher"), "side": speaks.get("side")}
    results = extract.extract("new.txt", text.encode(), published=speaks.get("published"),
                              speaks=given if speaks.get("side") else None)
    return [c for _, _, found in results for c in found]


def _starting(candidates, words):
    return next(c for c in candidates if c["evidence"][0]["quote"].startswith(words))


@settings(max_examples=30, deadline=None)
@given(days, st.sampled_from(["HAVANA, {d} (Reuters) - ", "Havana, {d} (RHC)-- ", "CUBA, {d}, {y}.- ",
                              "Washington, {d}, {y} - "]))
def test_a_dateline_anchors_the_body_and_is_no_claim_of_its_own(dateline_day, form):
    words = form.format(d=f"{MONTHS[dateline_day.month - 1][:3]} {dateline_day.day}", y=dateline_day.year)
    text = f"Talks in Havana\n\n{words}Cuba and the United States on Monday signed an agreement.\n"
    found = _candidates(text, published=dateline_day.isoformat())
    signed = _starting(found, "Cuba and the United States")
    value = dt.date.fromisoformat(signed["date"])
    assert value.weekday() == 0 and 0 <= (dateline_day - value).days < 7
    assert signed["date_text"] == "on Monday"  # the sentence's own date wins over the dateline


def test_a_stated_date_wins_over_the_dateline_and_captions_stay_out_of_the_context():
    text = ("Talks in Washington\n\nWashington, April 16, 2024 - The previous dialogue took place on April 17, 2023.\n\n"
            "In this November 25, 2020 file photo, travellers walk through an airport.\n\n"
            "The delegations met in a climate of respect.\n")
    found = _candidates(text)
    assert _starting(found, "The previous dialogue")["date"] == "2023-04-17"
    later = _starting(found, "The delegations met")
    assert later["date"] != "2020-11-25"


def test_a_release_is_its_publishers_account_and_the_ministry_said_is_the_ministry():
    text = ("Talks held\n\nThe meeting took place in a professional climate.\n\n"
            "Both sides agreed to meet again, the Ministry of Foreign Affairs said.\n")
    release = _candidates(text, publisher="U.S. Department of State", side="us", published="2017-09-15")
    assert _starting(release, "The meeting took place")["evidence"][0]["side"] == "us"
    ministry = _starting(release, "Both sides agreed")["evidence"][0]
    assert (ministry["side"], ministry["origin"]) == ("cuba", "Cuban Ministry of Foreign Affairs")


def test_attribution_patterns_from_wire_copy():
    cases = {
        "The two sides met this week, according to a U.S. official.": "a U.S. official",
        "According to a State Department statement, the talks were useful.": "a State Department statement",
        "Cuba is open to more flights, Cossío told CBS News.": "Cossío",
        "“These talks helped both of us,” the deputy foreign minister said in an interview.": "the deputy foreign minister",
        "In a statement, the U.S. State Department said the meeting was useful.": "the U.S. State Department",
        "The meeting will be in Washington D.C., stated Johana Tablada, the Deputy Director.": "Johana Tablada, the Deputy Director",
        # no comma after the speaker: the clause that follows is not part of it
        "He visited Cuba and according to US authorities the official met his agenda.": "US authorities",
        "The talks went well according to the head of the Cuban delegation.": "the head of the Cuban delegation",
    }
    for sentence, speaker in cases.items():
        assert attribution.find_attribution(sentence)[0] == speaker, sentence
    assert attribution.origin_of("a U.S. official")[1] == "us"
    assert attribution.origin_of("the Dept. of Homeland Security (DHS) spokesperson")[1] == "us"


def test_a_sentence_adding_also_to_what_was_just_reported_keeps_its_source():
    text = ("Talks\n\nOn November 3, 2015, Mayorkas was in Havana.\n\nAccording to US authorities, Mayorkas met his agenda in a positive environment. "
            "Mayorkas also addressed new ways of collaboration. Cuban authorities said that he held talks with "
            "the Interior Minister. The US official also met the first deputy foreign minister.\n\n"
            "Mayorkas also visited a school.\n")
    found = _candidates(text, published="2015-11-09")
    assert _starting(found, "Mayorkas also addressed")["evidence"][0]["side"] == "us"
    assert _starting(found, "The US official also met")["evidence"][0]["side"] == "cuba"
    # in a paragraph of its own, it is the author's
    assert _starting(found, "Mayorkas also visited")["evidence"][0]["side"] == "independent"


def test_abbreviations_cut_neither_a_speaker_nor_a_sentence():
    text = "Talks\n\nThe talks went well, according to a U.S. official. They will meet in Washington, D.C. next year.\n"
    found = _candidates(text, published="2017-01-01")
    speaker = _starting(found, "The talks went well")["evidence"][0]
    assert (speaker["speaker"], speaker["side"]) == ("a U.S. official", "us")


# How references write a month: news agencies' abbreviations ("Dec.", "Sept."), the full name,
# or three letters with a period ("Sep.")
AGENCY_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
MONTH_STYLES = {"agency": lambda d: f"{AGENCY_MONTHS[d.month - 1]} {d.day}, {d.year}",
                "full": lambda d: f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
                "three letters": lambda d: f"{MONTHS[d.month - 1][:3]}. {d.day}, {d.year}",
                "day first": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"}
REFERENCE_FORMS = {"bracketed": "[1] Reuters, “U.S., Cuba hold law enforcement talks” ({date})",
                   "numbered": "1. Reuters, “U.S., Cuba hold law enforcement talks” ({date})",
                   "closing period": "[1] Cuba Foreign Ministry, Cuba and the USA Celebrate Meeting ({date}).",
                   "two entries": "[1] MINREX, Talks held (Jan. 5, 2001); Reuters, “U.S., Cuba hold talks” ({date})"}


def _entry(found, date_words):
    return next(c for c in found if c["review"]["where"].startswith("footnote [1]") and date_words in c["text"])


@settings(max_examples=80, deadline=None)
@given(st.dates(min_value=dt.date(2001, 2, 1), max_value=dt.date(2030, 12, 31)), st.sampled_from(sorted(MONTH_STYLES)),
       st.sampled_from(sorted(REFERENCE_FORMS)), st.integers(-40, 400), st.booleans())
def test_a_reference_entry_is_said_on_its_own_date_whatever_the_publication_date_or_dateline(
        day, style, form, published_after, dateline):
    written = MONTH_STYLES[style](day)
    published = day + dt.timedelta(days=published_after)
    header = f"WASHINGTON, {MONTHS[published.month - 1][:3]} {published.day} (Reuters) - " if dateline else ""
    text = (f"Talks in Washington\n\n{header}U.S. and Cuban officials discussed fugitives.[1]\n\n"
            f"{REFERENCE_FORMS[form].format(date=written)}\n")
    for given_date in (None, published.isoformat()):
        found = _candidates(text, published=given_date)
        entry = _entry(found, written)
        assert entry["evidence"][0]["said_on"] == day.isoformat(), (text, given_date)
        assert written in entry["evidence"][0]["said_on_basis"]
        assert {(d["text"], d["date"]) for d in entry["review"]["dates"]} >= {(written, day.isoformat())}
        # the sentence citing it states no date: what the source reports is dated by the source
        assert (entry["date"], entry["end_date"]) == (day.isoformat(), None), (text, given_date)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)), st.sampled_from(sorted(MONTH_STYLES)),
       st.integers(1, 6))
def test_a_reference_reports_the_day_the_citing_sentence_gives_and_was_said_on_its_own(report, style, days_before):
    event = report - dt.timedelta(days=days_before)
    text = (f"Talks in Washington\n\nOn {MONTHS[event.month - 1]} {event.day}, {event.year}, U.S. and Cuban officials "
            f"held talks in Washington.[1]\n\n[1] Reuters, “U.S., Cuba hold law enforcement talks” "
            f"({MONTH_STYLES[style](report)})\n")
    entry = _entry(_candidates(text), MONTH_STYLES[style](report))
    assert entry["date"] == event.isoformat()  # the claim is about the talks
    assert entry["evidence"][0]["said_on"] == report.isoformat()  # the source said it a few days later
    assert f"the source itself is dated {report.isoformat()}" in entry["date_basis"]


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2030, 12, 31)), st.integers(0, 6))
def test_a_yearless_dateline_the_day_after_the_latest_source_is_in_its_year(source, weekday):
    # the publication date is then inferred from the source, as a lower bound
    dateline = source + dt.timedelta(days=1)
    name = dt.date(2024, 1, 1 + weekday).strftime("%A")  # 2024-01-01 is a Monday
    text = (f"Talks in Havana\n\nHAVANA, {MONTHS[dateline.month - 1][:3]} {dateline.day} (Reuters) - U.S. and Cuban "
            f"officials met on {name} to discuss fugitives.[1]\n\n"
            f"[1] Reuters, “U.S., Cuba hold law enforcement talks” ({MONTH_STYLES['agency'](source)})\n")
    met = dateline - dt.timedelta(days=(dateline.weekday() - weekday) % 7)
    entry = _entry(_candidates(text), MONTH_STYLES["agency"](source))
    assert (entry["date"], entry["evidence"][0]["said_on"]) == (met.isoformat(), source.isoformat())


def test_the_december_13_entry_of_the_seed_is_said_on_december_13():
    path = next(SEEDS.glob("004_*.txt"))
    found = [c for _, _, f in extract.extract(path.name, path.read_bytes()) for c in f]
    entry = _entry(found, "(Dec. 13, 2017)")
    # the curated record: the meeting of December 12, in the Foreign Ministry's words of December 13
    assert (entry["date"], entry["evidence"][0]["said_on"]) == ("2017-12-12", "2017-12-13")
    assert entry["evidence"][0]["said_on_basis"] == "the date of the source footnote [1] cites (Dec. 13, 2017)"


@pytest.mark.parametrize("sentence, published, expected", [
    # AP, Tuesday 19 April 2022: "will be held ... on Thursday" is two days on, "said Tuesday" that day
    ("Cuban authorities said Tuesday that migration talks with the United States will take place this week. Cuba’s "
     "Foreign Ministry said on Twitter that the meeting will be held in Washington on Thursday and that its "
     "delegation will be headed by Deputy Minister Carlos Fernandez de Cossio.", "2022-04-19",
     ["2022-04-19", "2022-04-21"]),
    # AP, June 2013: a yearless day to come is this year's, not last year's
    ("The talks will be held in Washington on July 17.", "2013-06", ["2013-07-17"]),
    # Havana Live, Monday 30 November 2015: the tense after a date that opens its sentence
    ("The U.S. and Cuba will hold another round of migration talks on Monday to discuss the “legal migration” of "
     "Cubans.", "2015-11-30", ["2015-11-30"]),
    ("On Dec. 1, respective government officials will gather for the “Counter-Narcotics Dialogue” in Washington, "
     "D.C.", "2015-11-30", ["2015-12-01"]),
    # Radio Habana Cuba, Friday 22 May 2015: "previously scheduled for" and "held" are past
    ("The announcement followed the third round of talks between the two sides in Washington D.C., previously "
     "scheduled for Thursday, but extended for one more session on Friday.", "2015-05-22",
     ["2015-05-21", "2015-05-22"]),
    ("On Monday, the two countries held their first meeting in Washington on law enforcement.", "2015-11-10",
     ["2015-11-09"]),
])
def test_the_tense_of_its_clause_decides_which_way_a_date_counts(sentence, published, expected):
    assert [r.date for r in resolved(sentence, context(published))] == expected


@pytest.mark.parametrize("sentence, published, value, word", [
    # State Department media note, 11 July 2018
    ("The delegations discussed the significant reduction in irregular migration from Cuba to the United States "
     "since the implementation of the January 2017 Joint Statement.", "2018-07-11", "2017-01", "since"),
    # Xinhua in The Statesman, December 2017
    ("The US has recorded a significant reduction in “irregular migration” from Cuba since the end of a "
     "longstanding migration policy in January, the State Department has announced.", "2017-12-12", "2017-01",
     "since"),
    # teleSUR, 15 November 2022
    ("As of January 2023, consular services will be expanded, according to the U.S. diplomatic headquarters.",
     "2022-11-15", "2023-01", "as of"),
    # Reuters, 25 April 2023 (dev corpus 24)
    ("US sends first deportation flight to Cuba since 2020", "2023-04-25", "2020", "since"),
])
def test_since_and_as_of_open_a_period_at_their_date(sentence, published, value, word):
    (found,) = resolved(sentence, context(published))
    assert (found.date, found.end_date, found.opens) == (value, None, word)
    assert f"a period from {value} on" in found.period_note()


def test_a_date_that_opens_no_period_has_no_note():
    (found,) = resolved("On Monday, the two countries held their first meeting in Washington.", context("2015-11-10"))
    assert not found.opens and found.period_note() is None


def test_a_span_from_a_day_to_a_month_keeps_each_end_at_its_precision():
    # Radio Habana Cuba, 12 January 2018: the year closes the span and dates both ends
    (found,) = resolved("According to US State Department data quoted by Granma, from January 12 through September "
                        "2017, only 2,057 Cubans reached US territory without visas.", context("2018-01-12"))
    assert (found.date, found.end_date) == ("2017-01-12", "2017-09")
