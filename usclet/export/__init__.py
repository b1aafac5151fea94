"""The record for its readers: one module per format, over one selection of the record.

`select` answers, with the query layer's own rules (sources, conflicts, what is settled),
which events, claims, conflicts and articles an export holds; the format modules only
lay that out: `claimreview` (schema.org JSON-LD for fact-checkers and search engines),
`sqlite` (the SQLite engine's own schema, for Datasette and SQL), `timeline`
(TimelineJS3 JSON) and `html` (a static page that works offline). None of them writes
to the store. Like the query layer, they know nothing of click or rich.
"""

from collections import defaultdict

from usclet import dates, model

SIDE_NAMES = {"us": "U.S.", "cuba": "Cuban", "independent": "independent"}


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

    def contested(self):
        """{claim id: [ids of the claims it conflicts with]}, from the conflicts of the record:
        a claim giving one value of a fact conflicts with those giving another, and a
        `conflicts_with` link joins both claims."""
        against = defaultdict(list)
        for conflict in self.conflicts:
            if conflict["field"] == "claims":
                pairs = [(conflict["claims"][0], conflict["claims"][1]), (conflict["claims"][1], conflict["claims"][0])]
            else:
                pairs = [(mine, theirs) for value in conflict["values"] for other in conflict["values"]
                         if other is not value for mine in value["claims"] for theirs in other["claims"]]
            for mine, theirs in pairs:
                if theirs not in against[mine] and theirs != mine:
                    against[mine].append(theirs)
        return dict(against)


def select(store, filters, event_id=None):
    """The part of the record an export holds: the claims `usclet sources` lists under these
    filters (of one event with `event_id`), the events `usclet list events` lists (those
    holding a selected claim, when a side or topic narrows the claims), the conflicts
    `usclet conflicts` lists, and every article quoted."""
    from usclet.errors import NotFound
    from usclet.record import queries

    if event_id is not None:
        found = store.get(event_id)
        if not found or found[0] != "event":
            raise NotFound(f"--event: no event {event_id!r}; `usclet list events` lists the event ids")
    claims = queries.claim_sources(store, filters=filters)
    events = queries.list_events(store, filters)
    if event_id is not None:
        claims = [claim for claim in claims if claim.get("event") == event_id]
        events = [event for event in events if event["id"] == event_id]
    conflicts = queries.conflicts(store, filters, event_id)
    kept = {claim["id"] for claim in claims}
    conflicts = [conflict for conflict in conflicts if kept & set(_claims_of_conflict(conflict))]
    quoted = {item["article"] for claim in claims for item in claim["evidence"]}
    articles = {article["id"]: article for article in store.articles() if article["id"] in quoted}
    return Selection(store, events, claims, conflicts, articles)


def _claims_of_conflict(conflict):
    if conflict["field"] == "claims":
        return conflict["claims"]
    return [claim for value in conflict["values"] for claim in value["claims"]]


def sourcing(claim, contested):
    """usclet's sourcing status of a claim: (value on the scale, words). The scale: 3 corroborated
    by two or more independent sources, 2 a single source, 1 contested (another claim of the
    record gives another value, whatever the sources of this one). It rates sourcing, not truth."""
    count = len(claim["sources"])
    if claim["id"] in contested:
        return 1, f"contested ({_sources_phrase(count)})"
    if count >= 2:
        return 3, f"corroborated by {count} independent sources"
    return 2, "single source"


def _sources_phrase(count):
    return "1 source" if count == 1 else f"{count} independent sources"


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
    if item.get("said_on_earliest"):
        return f"no earlier than {item['said_on_earliest']}"
    return None


def by_date(records):
    return sorted(records, key=lambda record: dates.sort_key(record.get("date")))


def sides_of(claim):
    return model.sides_of(claim)
