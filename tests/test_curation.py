"""The curated corpus: coverage, and facts checked by hand against the seeds."""

import json
import re

import pytest

from conftest import SHIPPED, load, records
import curation
from usclet import dates, model


@pytest.fixture(scope="module")
def data():
    return load(SHIPPED)


@pytest.fixture(scope="module")
def claims(data):
    return {claim["id"]: claim for claim in records(data, "claims")}


@pytest.fixture(scope="module")
def events(data):
    return {event["id"]: event for event in records(data, "events")}


@pytest.fixture(scope="module")
def articles(data):
    return {article["id"]: article for article in records(data, "articles")}


def test_shipped_store_is_exactly_the_curation_rebuilt():
    assert curation.main(["--verify"]) == 0


def test_at_least_sixty_claims_and_every_post_and_comment_contributes(claims, articles):
    assert len(claims) >= 60
    quoted = {item["article"] for claim in claims.values() for item in claim["evidence"]}
    assert quoted == set(articles)


def test_every_event_is_attested_by_a_claim(claims, events):
    assert {claim["event"] for claim in claims.values()} - {None} == set(events)


def test_every_dated_record_says_where_its_date_came_from(claims, events):
    for record in list(claims.values()) + list(events.values()):
        if record["date"] is not None:
            assert record["date_text"] and record["date_basis"], record["id"]
            assert record["date_basis"].startswith(("stated", "inferred")), record["id"]


def test_dialogues_dates_places_and_ordinals(events):
    """Only an ordinal two independent sources give is the event's: the 2016 dialogue is numbered by
    the blog alone, the December 2017 meeting by CDA alone (and Cuba calls it a meeting)."""
    dialogues = sorted((e for e in events.values() if e["kind"] == "dialogue"), key=lambda e: e["date"])
    assert [(e["date"], e["end_date"], e["place"], e["ordinal"]) for e in dialogues] == [
        ("2016-05-17", None, "Havana", None),
        ("2017-09-15", None, "Washington, D.C.", 3),
        ("2018-07-10", None, "Washington, D.C.", None),  # the State Department alone numbers it the fourth
        ("2023-01-18", "2023-01-19", "Havana", None),
        ("2024-02-07", None, "Washington, D.C.", None),  # and this the sixth
        ("2024-04-17", None, "Washington, D.C.", None),
    ]
    assert events["led-2017-12-12"]["kind"] == "meeting" and events["led-2017-12-12"]["ordinal"] is None
    assert events["led-2016-05-17"]["participants"]["us"] == ["John S. Creamer", "Bruce Schwartz", "Alan Bersin"]


def test_relative_date_this_past_monday(claims):
    """000: 'This past Monday' in a post whose latest citation is 17 January 2017."""
    claim = claims["mou-2017-01-16-signed"]
    assert claim["date"] == "2017-01-16"
    assert claim["date_text"] == "This past Monday"
    assert "17 January 2017" in claim["date_basis"]
    # three outlets, and the State Department's own note on the signing
    assert model.sources_of(claim) == ["Impunity Watch", "Human Rights First", "ABC News", "U.S. Department of State"]


def test_yearless_dates_take_the_year_from_footnotes(claims):
    assert claims["led-2016-05-17-held"]["date"] == "2016-05-17"
    assert claims["led-2016-05-17-held"]["date_text"] == "On May 17"
    assert claims["mayorkas-meetings-2016-05-16-held"]["date"] == "2016-05-16"  # "The day before the Dialogue"
    assert claims["led-2017-12-12-held"]["date"] == "2017-12-12"
    assert claims["migration-talks-2017-12-11-held"]["date"] == "2017-12-11"  # "the day after they held ..."
    assert claims["ct-talks-2016-06-08-held"]["date"] == "2016-06-08"


def test_a_footnote_years_typo_is_a_set_aside_reading_not_a_conflict(claims):
    held, other = claims["led-2024-04-17-held"], claims["led-2024-04-17-dated-2022"]
    assert held["date"] == "2024-04-17" and other["date"] == "2022-04-17"
    assert other["set_aside"] and other["conflicts_with"] == [] and held["set_aside"] is None
    # the Cuban Foreign Ministry's account of migration talks on April 16, added since: another event
    assert held["conflicts_with"] == ["talks-2024-04-16-held"]
    assert "2022" in held["date_basis"]


def test_conflicts_are_linked_both_ways(claims):
    for claim in claims.values():
        for other in claim["conflicts_with"]:
            assert claim["id"] in claims[other]["conflicts_with"]


def test_the_duplicated_post_is_one_source(claims, articles):
    assert articles["a003-1"]["duplicate_of"] == "a001-3"
    claim = claims["led-2016-05-17-held"]
    assert {item["article"] for item in claim["evidence"]} == {"a001-3", "a003-1"}
    assert model.sources_of(claim) == ["dwkcommentaries"]


def test_both_governments_attest_the_2023_dates(claims):
    claim = claims["led-2023-01-18-held"]
    assert (claim["date"], claim["end_date"]) == ("2023-01-18", "2023-01-19")
    assert model.sides_of(claim) == ["us", "cuba"]


def test_attributions(claims):
    def speakers(claim_id):
        return [(item["speaker"], item["side"], item["origin"]) for item in claims[claim_id]["evidence"]]

    # Cossío speaks for the Foreign Ministry: he is the speaker, the Ministry the origin
    assert speakers("led-2024-04-17-cossio-one-flight-per-month")[0] == (
        "Carlos Fernandez de Cossío", "cuba", "Cuban Ministry of Foreign Affairs")
    assert speakers("led-2017-12-12-cda-fourth-led")[0][2] == "Center for Democracy in the Americas"
    assert claims["led-2017-12-12-cda-fourth-led"]["facts"]["ordinal"] == 4
    assert {s[2] for s in speakers("led-2017-09-15-held")} == {
        "Center for Democracy in the Americas", "U.S. Department of State",
    }
    assert speakers("led-2024-04-17-official-cooperation-scope")[0][1:] == ("us", "unnamed U.S. official")


def test_quotes_keep_the_typos_of_the_source(claims):
    quotes = " ".join(item["quote"] for claim in claims.values() for item in claim["evidence"])
    for typo in ("offical", "a;so", "Aviodunm", "the the proper name"):
        assert typo in quotes


def test_every_claim_date_is_valid_iso_of_some_precision(claims):
    for claim in claims.values():
        for field in ("date", "end_date"):
            assert claim[field] is None or dates.is_valid(claim[field]), claim["id"]


def test_curation_refuses_a_quote_not_in_its_article(tmp_path):
    for name in ("events.json", "articles.json"):
        (tmp_path / name).write_text((curation.CURATION_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "claims-x.json").write_text(json.dumps([{
        "id": "x", "text": "t", "evidence": [{"article": "a004-1", "quote": "not in the post", "speaker": "s",
                                             "side": "us", "origin": "o"}],
    }]), encoding="utf-8")
    with pytest.raises(curation.CurationError, match="does not occur"):
        curation.build(curation_dir=tmp_path)


ORDINAL = re.compile(r"\b(first|second|third|fourth|fifth|sixth)\b", re.IGNORECASE)


def test_a_claim_text_numbers_a_meeting_only_as_its_quotes_do(claims):
    """'The State Department anticipated that the Second Law Enforcement Dialogue would be
    productive' said more than its quote ('the dialogue will be productive')."""
    for claim in claims.values():
        quotes = " ".join(item["quote"] for item in claim["evidence"]).lower()
        for word in ORDINAL.findall(claim["text"]):
            assert word.lower() in quotes, (claim["id"], word)


def test_general_statements_have_no_date_of_their_own(claims):
    """The State Department's notes of 2023 and 2024 say the same kind of thing; neither takes the
    meeting's date for it: when it was said is its evidence's said_on."""
    general = {
        "led-2023-01-18-state-enhances-national-security": "2023-01-19",
        "led-2023-01-18-state-commitment": "2023-01-19",
        "led-2024-02-07-state-enhances-security": "2024-02-07",
        "led-2024-02-07-state-commitment": "2024-02-07",
    }
    for claim_id, said_on in general.items():
        claim = claims[claim_id]
        assert (claim["date"], claim["end_date"], claim["date_text"]) == (None, None, None), claim_id
        assert claim["event"] is not None
        assert {item["said_on"] for item in claim["evidence"]} == {said_on}, claim_id
    # what happened at the meeting keeps the meeting's date
    assert claims["led-2024-02-07-us-co-chairs"]["date"] == "2024-02-07"


def test_a_claim_is_on_the_event_its_quotes_are_about(claims):
    # the Foreign Ministry's statement on the 16 April 2024 migration talks denounces the blockade
    denounced = claims["led-2024-04-17-cuba-asked-sanctions-relief"]
    assert denounced["event"] == "talks-2024-04-16" and denounced["date"] == "2024-04-16"
    assert {item["article"] for item in denounced["evidence"]} == {"a012-1"}
    assert "relief" not in denounced["text"] and "denounced" in denounced["text"]
    # the report the blog quotes says Cuba asked for relief: a claim of its own, not corroborated by it
    reported = claims["led-2024-04-17-sanctions-relief-reported"]
    assert [item["article"] for item in reported["evidence"]] == ["a001-1"]
    assert "asked for relief" in reported["evidence"][0]["quote"] and "asked for relief" in reported["text"]
    # the National Security Council on the goals of the Cuba policy in general is not about the memorandum
    assert claims["mou-2017-01-16-nsc-cuba-policy-goals"]["event"] is None
    # 'The framework for the dialogue was the Memorandum ...' is said of the dialogue
    assert claims["mou-dhs-minint-2016-05-framework-for-led"]["event"] == "led-2016-05-17"


def test_claim_texts_keep_the_verbs_of_their_quotes(claims):
    transferred = claims["led-2023-01-18-cuba-information-transferred"]
    assert "referred to the information and proposals" in transferred["evidence"][1]["quote"]
    assert "referred to the information and proposals" in transferred["text"]
    assert "handed over" not in transferred["text"]
    delegation = claims["led-2016-05-17-cuba-delegation"]
    assert "by its Ministers of Interior" in delegation["evidence"][0]["quote"]
    assert "led by its Ministers" in delegation["text"]
    assert delegation["facts"] == {"leads": {"cuba": [
        "Minister of the Interior", "Minister of Justice", "Minister of Foreign Affairs", "Attorney General",
        "Customs General"]}}
