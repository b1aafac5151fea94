"""The record for its readers: one module per format, over one selection of the record.

`select` answers, with the query layer's own rules (sources, conflicts, what is settled),
which events, claims, conflicts and articles an export holds; the format modules only
lay that out: `claimreview` (schema.org JSON-LD for fact-checkers and search engines),
`sqlite` (the SQLite engine's own schema, for Datasette and SQL), `timeline`
(TimelineJS3 JSON) and `html` (static pages that work offline). None of them writes
the record (the desk's settings are kept by the command that is given them). Like the query layer, they know nothing of click or rich.
"""

from collections import defaultdict

from usclet import dates, model
from usclet.errors import BadInput, NotFound
from usclet.record import compare, listings

SIDE_NAMES = model.SIDE_NAMES


class Selection:
    """What one export holds: events (with their sources and identity), claims (with their
    `sources`), the conflicts among them, and the articles their quotes come from."""

    def __init__(self, store, events, claims, conflicts, articles):
        self.store = store
        self.events = events
        self.claims = claims
        self.conflicts = conflicts
        self.articles = articles

    def claims_of(self, event_id):
        return [claim for claim in self.claims if claim.get("event") == event_id]


def select(store, filters, event_id=None):
    """The part of the record an export holds: the claims `usclet sources` lists under these
    filters (of one event with `event_id`), the events `usclet list events` lists (those
    holding a selected claim, when a side or topic narrows the claims), the conflicts
    `usclet conflicts` lists, and every article quoted."""
    if event_id is not None:
        found = store.get(event_id)
        if not found or found[0] != "event":
            raise NotFound(f"--event: no event {event_id!r}; `usclet list events` lists the event ids")
    claims = listings.claim_sources(store, filters=filters)
    events = listings.list_events(store, filters)
    if event_id is not None:
        claims = [claim for claim in claims if claim.get("event") == event_id]
        events = [event for event in events if event["id"] == event_id]
    conflicts = compare.conflicts(store, filters, event_id)
    kept = {claim["id"] for claim in claims}
    conflicts = [conflict for conflict in conflicts if kept & set(_claims_of_conflict(conflict))]
    quoted = {item["article"] for claim in claims for item in claim["evidence"]}
    articles = {article["id"]: article for article in store.articles() if article["id"] in quoted}
    return Selection(store, events, claims, conflicts, articles)


def _claims_of_conflict(conflict):
    if conflict["field"] == "claims":
        return conflict["claims"]
    return [claim for value in conflict["values"] for claim in value["claims"]]


# how a rating names the fact sources disagree on
FACT_WORDS = {"name spelling": "the spelling of a name", "ordinal": "the number in its series", "date": "the date",
              "place": "the place", "kind": "what kind of meeting it was", "name": "its name",
              "claims": "what happened", "participants": "who took part",
              "possibly one meeting": "whether two meetings are one"}
# what the timelines mark on an event a disagreement touches
MARKS = {"date": "date disputed", "ordinal": "number disputed", "possibly one meeting": "possibly one meeting"}


def disputes(selection):
    """{claim id: [the facts (in words) on which another claim of the record gives another
    value]}, each fact once, from the selection's conflicts."""
    found = defaultdict(list)
    for conflict in selection.conflicts:
        words = FACT_WORDS.get(conflict["field"], conflict["field"])
        for claim_id in _claims_of_conflict(conflict):
            if words not in found[claim_id]:
                found[claim_id].append(words)
    return dict(found)


def sourcing(claim, disputed=()):
    """What the record checked of a claim's sourcing, in words, never a truth value:
    "Corroborated by 2 independent sources", "Single source: U.S. Department of State",
    with "; sources differ on the date" where a conflict touches the claim. The claim is
    rated by its own sourcing whatever the other claims say."""
    chains = model.chains_of(claim)
    if len(chains) >= 2:
        words = f"Corroborated by {len(chains)} independent sources"
    elif chains:
        relayed = chains[0]["relayed_by"]
        words = f"Single source: {chains[0]['source']}" + (f" (relayed by {', '.join(relayed)})" if relayed else "")
    else:
        words = "No source in the record"
    if disputed:
        words += f"; sources differ on {' and '.join(disputed)}"
    return words


def unique_conflicts(conflicts):
    """Each disagreement once: the same fact with the same values and claims, listed under
    several events, is one conflict touching all of them."""
    kept = {}
    for conflict in conflicts:
        if conflict["field"] == "claims":
            key = ("claims", tuple(sorted(conflict["claims"])))
        else:
            key = (conflict["field"], tuple(sorted((str(v["value"]), tuple(sorted(v["claims"])))
                                                   for v in conflict["values"])))
        if key in kept:
            for event_id in conflict.get("events") or [conflict.get("event")]:
                if event_id and event_id not in kept[key]["events"]:
                    kept[key]["events"].append(event_id)
            continue
        kept[key] = dict(conflict, events=list(conflict.get("events") or ([conflict["event"]] if conflict.get("event") else [])))
    return list(kept.values())


def disputed_marks(conflicts):
    """{event id: [what is disputed about it: "date disputed", "number disputed", ...]}."""
    marks = {}
    for conflict in conflicts:
        if conflict["field"] in MARKS:
            words = MARKS[conflict["field"]]
            for event_id in conflict["events"]:
                if words not in marks.setdefault(event_id, []):
                    marks[event_id].append(words)
    return marks


def date_label(record):
    """'2023-01-18 to 2023-01-19' or the date alone (at its precision), or 'undated'."""
    start, end = record.get("date"), record.get("end_date")
    if not start:
        return "undated"
    return f"{start} to {end}" if end else start


def appeared(item):
    """When a quote's words appeared: its said_on, or 'no earlier than' its earliest date."""
    if item.get("said_on"):
        return item["said_on"]
    if item.get("said_on_earliest") and item.get("said_on_latest"):
        return f"between {item['said_on_earliest']} and {item['said_on_latest']}"
    if item.get("said_on_earliest"):
        return f"no earlier than {item['said_on_earliest']}"
    if item.get("said_on_latest"):
        return f"no later than {item['said_on_latest']}"
    return None


def by_date(records):
    return sorted(records, key=lambda record: dates.sort_key(record.get("date")))


def sides_of(claim):
    return model.sides_of(claim)


# The fact-checking desk that publishes the record: kept in the store's settings, so that
# every export names the same publisher and links to the same published report.
DESK_OPTIONS = ("publisher", "publisher_url", "base_url")


def desk_of(store):
    """{"publisher", "publisher_url", "base_url"} as the store keeps them (missing ones None)."""
    kept = store.meta().get("publishing") or {}
    return {name: kept.get(name) for name in DESK_OPTIONS}


def checked_desk(given):
    """The desk options as given on the command line, checked: urls are http(s), the base
    url ends with '/' (the report's folder). Raises BadInput naming the option."""
    checked = {}
    for name, value in given.items():
        if value is None:
            continue
        option = "--" + name.replace("_", "-")
        value = value.strip()
        if not value:
            raise BadInput(f"{option}: give a non-empty value")
        if name != "publisher":
            if not value.lower().startswith(("https://", "http://")) or " " in value:
                raise BadInput(f"{option} {value}: give an http:// or https:// address")
            if name == "base_url" and not value.endswith("/"):
                value += "/"
        checked[name] = value
    return checked


def page_of(event_id):
    """The report page (relative to the report's folder) that shows an event's claims."""
    return f"events/{event_id}.html" if event_id else "index.html"


def claim_url(claim, base_url):
    """Where a claim's review is published: its anchor on its event's page of the report."""
    return f"{base_url or ''}{page_of(claim.get('event'))}#claim-{claim['id']}"


def review_dates(store):
    """{claim id: the day it was last written (reviewed, edited or imported)}, from the change
    log; claims the log does not name were last read on the record's `reviewed_on` day."""
    latest = {}
    for change in store.changes():
        for record in change.get("records") or ():
            if record.get("table") == "claims":
                latest[record["id"]] = (change.get("at") or "")[:10] or None
    return latest, store.meta().get("reviewed_on")
