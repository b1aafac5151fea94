"""Which event extract names for a sentence, through the real CLI against the shipped store, on
dev-corpus texts: the annotation (made by reading the text) says which meeting each claim is
about; a sentence with no date of its own is of the one meeting its text reports."""

import json
import re

import pytest

from conftest import ROOT
from test_extract import ARTICLE

DEV = ROOT / "tests" / "devcorpus"


def _proposals(run, store, name):
    meta = json.loads((DEV / f"{name}.json").read_text(encoding="utf-8"))
    publisher = re.sub(r"\s*\(.*\)\s*$", "", meta["publisher"]).strip()
    args = ["extract", DEV / f"{name}.txt", "--publisher", publisher, "--side", meta["publisher_side"],
            "--format", "json"] + (["--published", meta["published"]] if meta["published"] else [])
    result = run(*args, db=store)
    assert result.exit_code == 0, result.stderr
    text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
    return meta, text, [line for line in json.loads(result.stdout) if "evidence" in line]  # not the new events


def _at(proposals, text, sentence, last=False):
    position = text.rindex(sentence) if last else text.index(sentence)
    return next((p for p in proposals if p["evidence"][0]["start"] <= position < p["evidence"][0]["end"]), None)


@pytest.mark.parametrize("name", ["13-acn-led-2023", "29-c86news-led-resumed-reworded-2023", "01-state-third-led-2017",
                                  "21-efe-led-washington-2024"])
def test_undated_sentences_are_of_the_one_meeting_their_text_reports(run, shipped, name):
    """An ACN report below a dateline (no sentence of it dated: the meeting is the one the record
    holds in the week before it), a re-post reworded with a garbled date, a State note whose
    headline has no date, an EFE wire: the headline, who made up the delegations and what was
    discussed are about the meeting the text reports."""
    meta, text, proposals = _proposals(run, shipped, name)
    undated = 0
    for item in meta["attributions"]:
        if item.get("claim") is True and item.get("event") and not item["event"].startswith("new:"):
            proposal = _at(proposals, text, item["sentence"])
            assert proposal, item["sentence"]
            undated += proposal["date"] is None
            assert proposal["event"] == item["event"], item["sentence"]
    assert undated >= 1


@pytest.mark.parametrize("name", ["27-cmc-ice-removal-flights-2024", "05-usembassy-havana-statement-2020",
                                  "24-reuters-deportation-flight-2023"])
def test_a_text_about_no_meeting_of_the_week_gives_its_undated_sentences_none(run, shipped, name):
    """Removal flights and an embassy statement report no meeting held in the week before them
    (a meeting known only by its month is not one of that week): their undated sentences name
    no event."""
    meta, text, proposals = _proposals(run, shipped, name)
    for item in meta["attributions"]:
        if item.get("claim") is True and item.get("event") is None:
            proposal = _at(proposals, text, item["sentence"])
            assert proposal is None or proposal["event"] is None, item["sentence"]


@pytest.mark.parametrize("name", ["08-rhc-counterterrorism-exchange-2016", "16-cubatrade-mou-2017",
                                  "20-reuters-mou-signed-2017", "30-cubaminrex-human-smuggling-meeting-2017"])
def test_a_dated_sentence_naming_a_kind_joins_the_records_event_of_its_day(run, shipped, name):
    """A sentence giving a day and a kind ("On Wednesday ... held the first Counterterrorism Technical
    Exchange", "signed ... Memorandum of Understanding", "as part of the law enforcement dialogue")
    joins the record's event of that day, with or without a place: a technical exchange is a meeting
    as talks are, but no policy or report of the same year is; and a month's meeting does not take
    a sentence from the event of its day the text told before."""
    meta, text, proposals = _proposals(run, shipped, name)
    checked = 0
    for item in meta["attributions"]:
        if item.get("claim") is True and item.get("event") and not item["event"].startswith("new:"):
            proposal = _at(proposals, text, item["sentence"])
            if proposal and proposal["facts"].get("kind") and proposal["date"] and len(proposal["date"]) == 10:
                checked += 1
                assert proposal["event"] == item["event"], item["sentence"]
    assert checked >= 1


def _days(run, store, event_id):
    shown = run("show", event_id, "--format", "json", db=store)
    assert shown.exit_code == 0, shown.stderr
    event = json.loads(shown.stdout)["record"]
    return event["date"], event.get("end_date") or event["date"]


@pytest.mark.parametrize("name, joined", [("37-reuters-led-wrapped-up-2023", 3), ("20-reuters-mou-signed-2017", 0),
                                          ("12-cubasi-migration-talks-2024", 0),
                                          ("26-telesur-migration-talks-2024", 0)])
def test_a_sentence_dated_on_the_days_of_the_meeting_its_text_reports_is_of_it(run, shipped, name, joined):
    """'A visiting U.S. delegation wrapped up two days of talks ... on Thursday' names no kind the
    matcher reads, but its day is one of the two days of the dialogue the wire reports: it is of
    that dialogue. A sentence of another day in a text reporting one meeting (the deal announced
    the Thursday before a memorandum was signed, the ministry's announcement the day before the
    talks) is not made that meeting's by the text alone."""
    meta, text, proposals = _proposals(run, shipped, name)
    found = 0
    for item in meta["attributions"]:
        proposal = _at(proposals, text, item["sentence"])
        if not proposal or not proposal["date"] or len(proposal["date"]) != 10 or proposal["facts"].get("kind"):
            continue
        if proposal["event"] and "the one meeting" in proposal["review"]["event"]:
            first, last = _days(run, shipped, proposal["event"])
            assert first <= proposal["date"] <= last, item["sentence"]
            found += 1
            assert proposal["event"] == item["event"], item["sentence"]
    assert found >= joined


@pytest.mark.parametrize("name", ["28-sflcn-dhs-wet-foot-repost-2017",
                                  "06-minrex-third-round-2017", "19-reuters-led-concluded-2023"])
def test_an_undated_sentence_saying_what_a_stored_claim_says_takes_its_event(run, shipped, name):
    """A file extracted before it is added is matched as an added article is: its sentences with no
    date are compared with the claims of the meetings it reports, and one saying what a stored
    claim says is of that claim's event. So a statement that tells of two things of one day (the
    end of the wet-foot/dry-foot policy, the joint statement on migration) gives each sentence its
    own, where the day alone could not choose."""
    meta, text, proposals = _proposals(run, shipped, name)
    checked = 0
    for item in meta["attributions"]:
        proposal = _at(proposals, text, item["sentence"])
        if item.get("claim") is True and proposal and proposal["date"] is None and proposal["action"] == "attach":
            checked += 1
            assert proposal["event"] == item["event"], item["sentence"]
    assert checked >= 1


@pytest.mark.parametrize("name", ["47-fedagent-led-renewed-2023", "15-cubatrade-led-2024",
                                  "12-cubasi-migration-talks-2024"])
def test_a_sentence_dated_only_by_the_start_of_a_running_period_is_of_the_meeting_its_text_reports(
        run, shipped, name):
    """'The meeting marks the first formal talks under the Dialogue since 2018', 'This meeting was the
    sixth Law Enforcement Dialogue since 2015', 'Cuba ... denounced the negative impact that the ...
    blockade ... since 2019': a period opened in the past and running on dates no meeting of its
    own; the sentence is of the meeting its text reports."""
    meta, text, proposals = _proposals(run, shipped, name)
    checked = 0
    for item in meta["attributions"]:
        proposal = _at(proposals, text, item["sentence"])
        if item.get("claim") is True and proposal and (proposal.get("date_note") or "").startswith("a period from"):
            checked += 1
            assert proposal["event"] == item["event"], item["sentence"]
    assert checked >= 1


# (text, the opening of its headline, of the sentence telling of the meeting it reports, of one telling of an earlier one)
NEWS_AND_HISTORY = [
    ("18-sputnik-led-resumed-2023", "United States, Cuba Resume Law Enforcement Dialogue",
     "\"On January 18-19, U.S. and Cuban officials met in Havana", "The first law enforcement dialogue was held"),
    ("40-radiosantacruz-penal-cooperation-2018", "[:es]Cuba and U.S. Hold Technical Meeting",
     "held on Tuesday in Washington", "Local media recalled that on September 15, 2016"),
    ("09-cubasi-second-led-2016", "Cuba and the USA discuss about Law enforcement",
     "Representatives from Cuba and the USA held today a second meeting", "According to an official note r"),
]


@pytest.mark.parametrize("name, headline, news, history", NEWS_AND_HISTORY, ids=[n[0] for n in NEWS_AND_HISTORY])
def test_a_text_telling_of_an_earlier_meeting_still_reports_one(run, shipped, name, headline, news, history):
    """A report of a meeting that recalls an earlier one (the first dialogue of 2015, a meeting of
    September 2016) reports the meeting of its week: its headline is of that one, not of none."""
    _, text, proposals = _proposals(run, shipped, name)
    told, recalled = _at(proposals, text, news)["event"], _at(proposals, text, history)["event"]
    assert told and recalled and told != recalled
    assert _at(proposals, text, headline, last=True)["event"] == told  # a headline printed twice: its body's copy


def test_in_a_text_reporting_several_things_an_undated_sentence_is_of_the_one_told_around_it(run, shipped):
    """A statement ending one policy and announcing a joint statement the same day, a report of an
    email to Congress announcing the dialogue, a wire whose lead dates the talks to the wrong day:
    each reports more than one thing, and a sentence with no date of its own ("These actions are
    part of ...", "But he stopped short of announcing any deals") is mostly of the one the
    sentences before it tell of (the order of a text is no proof: a closing remark on the policy
    follows the joint statement's paragraph)."""
    right = placed = 0
    for name in ("28-sflcn-dhs-wet-foot-repost-2017", "38-americano-led-announced-2023", "19-reuters-led-concluded-2023"):
        meta, text, proposals = _proposals(run, shipped, name)
        here = 0
        for item in meta["attributions"]:
            proposal = _at(proposals, text, item["sentence"])
            if item.get("claim") is True and proposal and "things this text reports" in proposal["review"].get(
                    "event", ""):
                placed += 1
                here += proposal["event"] == item["event"]
        assert here >= 1, name
        right += here
    assert right >= 0.7 * placed


def test_a_remark_to_the_press_is_of_the_meeting_only_when_it_speaks_of_one(run, shipped, tmp_path):
    """'... are meeting with representatives of the Cuban government ...," State Department
    spokesman Mark Toner told reporters' tells of the meeting the Xinhua wire reports; 'A State
    Department spokesperson told reporters that the United States "will continue to engage with
    Cuba where it serves our interests."' is a stance, not an account of the talks its report is
    about, and is given no event."""
    _, text, proposals = _proposals(run, shipped, "23-xinhua-counternarcotics-2015")
    remark = _at(proposals, text, "\"Representatives from the US Department of State")
    assert remark["date"] is None and remark["event"] == _at(proposals, text, "US and Cuban officials met here")["event"]
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run("extract", path, "--publisher", "Havana Times", "--format", "json", db=shipped)
    proposals = [line for line in json.loads(result.stdout) if "evidence" in line]
    told = next(p for p in proposals if p["text"].startswith("A State Department spokesperson told reporters"))
    held = next(p for p in proposals if p["text"].startswith("On April 17, delegations"))
    assert held["event"] == "led-2024-04-17" and told["event"] is None
