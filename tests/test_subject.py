"""How extract dates a sentence that states no date: from its paragraph's subject, by the words
that refer back to a dated event, or not at all (and then says what the article's first date was)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from usclet.text import extract

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def candidates(text, published=None):
    return [c for _, _, found in extract.extract("new.txt", text.encode(), published=published) for c in found]


def starting(found, words):
    return next(c for c in found if c["evidence"][0]["quote"].startswith(words))


def seed_candidates(prefix):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [c for _, _, found in extract.extract(path.name, path.read_bytes()) for c in found]


TALKS = ("Cuba and U.S. hold talks\n\n"
         "On December 12, the U.S. and Cuba held talks on migrant smuggling in Washington.\n\n"
         "{second}\n\n"
         "Human smuggling remains a concern for both governments.\n")


def test_words_referring_back_to_the_talks_take_their_date_and_say_which_words_they_were():
    found = candidates(TALKS.format(second="The two sides agreed to meet again."), published="2017-12-15")
    agreed = starting(found, "The two sides")
    assert agreed["date"] == "2017-12-12"
    assert agreed["review"]["date_basis"] == "from the surrounding context"
    assert agreed["date_basis"] == ("from the surrounding context: no date in the sentence; 'The two sides' refers "
                                    "back to the event dated by 'December 12' (reported as 'held', 'talks')")


def test_a_paragraph_that_refers_back_to_nothing_is_left_undated_and_says_what_the_first_date_was():
    found = candidates(TALKS.format(second="The two sides agreed to meet again."), published="2017-12-15")
    concern = starting(found, "Human smuggling")
    assert (concern["date"], concern["date_basis"]) == (None, None)
    # still proposed, so the reviewer sees the date it did not take
    assert concern["review"]["ambiguity"] == [
        "no date in the sentence or earlier in its paragraph, and no words in its paragraph refer back to a dated "
        "event: left undated (the article's first dated statement, 'December 12' (2017-12-12), is not applied)"]


def test_a_date_the_sentence_states_wins_over_what_it_refers_back_to():
    found = candidates(TALKS.format(second="The two sides met again on December 14."), published="2017-12-15")
    assert starting(found, "The two sides")["date"] == "2017-12-14"


def test_a_day_the_sentence_states_but_cannot_be_worked_out_is_not_replaced_by_the_context():
    text = ("Talks\n\nOn December 12, 2017, the U.S. and Cuba held talks in Washington. "
            "The two sides met again on Monday.\n")
    again = starting(candidates(text), "The two sides met again")
    assert again["date"] is None
    assert any("'on Monday'" in note and "cannot be resolved" in note for note in again["review"]["ambiguity"])


def test_the_kind_must_match_a_memorandum_does_not_refer_back_to_talks():
    found = candidates(TALKS.format(second="The memorandum was praised by both governments."), published="2017-12-15")
    assert starting(found, "The memorandum")["date"] is None


def test_an_event_named_to_place_another_in_time_is_not_referred_back_to():
    found = candidates(TALKS.format(second="Officials spoke to reporters before the talks."), published="2017-12-15")
    assert starting(found, "Officials spoke")["date"] is None


def test_a_reference_anywhere_in_a_paragraph_gives_the_paragraph_its_subject():
    second = "Planned actions include the exchange of information. Both will enforce the goals of the memorandum."
    text = ("MOU signed\n\nOn January 16, 2017, the United States and Cuba signed a memorandum of understanding.\n\n"
            f"{second}\n")
    planned = starting(candidates(text), "Planned actions")
    assert planned["date"] == "2017-01-16"
    assert "in its paragraph, 'the memorandum' refers back to the event dated by 'January 16, 2017'" in \
        planned["date_basis"]


def test_the_meeting_is_the_one_the_article_is_about_and_an_earlier_one_it_mentions_is_reported():
    text = ("Second meeting held\n\nRepresentatives of Cuba and the USA held a second meeting on May 18, 2016.\n\n"
            "It gave continuity to the one held in Washington on November 9, 2015.\n\n"
            "The meeting was held in a respectful environment.\n")
    meeting = starting(candidates(text), "The meeting was held")
    assert meeting["date"] == "2016-05-18"
    assert meeting["review"]["ambiguity"] == ["'The meeting' could also refer back to 'November 9, 2015' (2015-11-09)"]


def test_the_day_something_was_said_dates_no_event():
    text = ("Talks\n\nOn April 17, 2024, delegations met in Washington for talks, the ministry said on Thursday.\n\n"
            "The ministry added that the talks took place in a respectful atmosphere.\n")
    assert starting(candidates(text), "The ministry added")["date"] == "2024-04-17"


def test_a_headline_and_a_caption_give_no_date_to_the_body():
    text = ("Talks held on December 12, 2017\n\n"
            "In this November 25, 2020 file photo, delegates shake hands.\n\n"
            "The two sides agreed to meet again.\n")
    assert starting(candidates(text), "The two sides")["date"] is None


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["The two sides", "Both delegations", "The U.S. delegation", "The Cuban side", "The talks"]))
def test_any_reference_to_the_talks_takes_their_day(day, words):
    stated = f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    text = (f"Talks\n\nOn {stated}, the U.S. and Cuba held talks on migration in Havana.\n\n"
            f"{words} reviewed cooperation against smuggling.\n")
    found = starting(candidates(text), words)
    assert found["date"] == day.isoformat()
    assert f"{words!r} refers back to the event dated by {stated!r}" in found["date_basis"]


def test_the_seeds_undated_paragraphs():
    impunity = seed_candidates("000")
    # "In the memorandum of understanding, ..." three paragraphs after it was signed "This past Monday"
    memorandum = starting(impunity, "In the memorandum of understanding")
    assert memorandum["date"] == "2017-01-16"
    assert "'the memorandum of understanding' refers back to the event dated by 'This past Monday'" in \
        memorandum["date_basis"]
    # the National Security Council's account of the policy's goals names no event of the article
    council = starting(impunity, "U.S. National Security Council")
    assert council["date"] is None
    assert "'This past Monday' (2017-01-16), is not applied" in council["review"]["ambiguity"][0]
    # "this meeting" in the Cuban statement is the December 12 one, not the migration talks of the day before
    cuban = starting(seed_candidates("004"), "According to Cuba")
    assert cuban["date"] == "2017-12-12"
    assert cuban["review"]["ambiguity"] == ["'this meeting' could also refer back to 'the day after' (2017-12-11)"]
