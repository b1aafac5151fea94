"""Comparing the sides' accounts of an event, and the record's disagreements (conflicts)."""

from collections import defaultdict

from usclet import dates, model
from usclet.errors import BadInput, NotFound
from usclet.record import agreement, disputes, identity
from usclet.record.listings import GOVERNMENTS, PEOPLE_FACTS, record_getter, with_chains


def claims_by_event(store, events):
    """{event id: [its claims]} for these events, read in one query."""
    grouped = defaultdict(list)
    for claim in store.claims(events=[event["id"] for event in events]):
        grouped[claim["event"]].append(claim)
    return grouped


def _counterparts(store, claims):
    """Claims elsewhere in the record that may share a number or a person's name with these."""

    numbers = {(claim.get("facts") or {}).get("ordinal") for claim in claims} - {None}
    people = [name for claim in claims for name in agreement.people_of(claim.get("facts") or {})]
    if not numbers and not people:
        return []
    ids = {claim["id"] for claim in claims}
    wanted = [claim_id for claim_id, _, facts in store.claims_stating(("ordinal",) + PEOPLE_FACTS) if claim_id not in ids and (
        facts.get("ordinal") in numbers or any(agreement.same_person(a, b) for a in agreement.people_of(facts)
                                               for b in people))]
    get = record_getter(store, "claim")
    return [found for found in map(get, wanted) if found is not None]


def event_conflicts(store, claims):
    """The disagreements touching these claims of one event, each once (see `record.disputes`)."""

    return disputes.disagreements(claims, record_getter(store, "claim"), record_getter(store, "event"),
                                  _counterparts(store, claims))


def _naming(claims):
    """Who calls and numbers the event how: one entry per (kind, name, ordinal) with its origins."""
    entries = {}
    for claim in claims:
        facts = claim.get("facts", {})
        if not any(key in facts for key in identity.IDENTITY_FACTS):
            continue
        key = (facts.get("kind"), facts.get("name"), facts.get("ordinal"))
        entry = entries.setdefault(key, {"kind": key[0], "name": key[1], "ordinal": key[2],
                                         "origins": [], "sides": [], "claims": []})
        disputes.attribute(entry, claim)
    return list(entries.values())


def compare_event(store, event, claims):
    for claim in claims:
        with_chains(claim)
    accounts = {side: [] for side in model.SIDES}
    for claim in claims:
        for side in model.sides_of(claim):
            accounts[side].append(claim)
    sides = {claim["id"]: set(model.sides_of(claim)) for claim in claims}
    only = {
        side: [claim for claim in accounts[side] if not sides[claim["id"]] & (set(GOVERNMENTS) - {side})]
        for side in GOVERNMENTS
    }
    found = event_conflicts(store, claims)
    named = identity.identity(identity.summaries_of([claim for claim in claims if not claim.get("set_aside")]))
    for row in found:
        if row["kind"] == "numbering" and event is not None:  # the number is given to another meeting too
            named["ordinal"]["status"] = "disputed"
            named["ordinal"]["shared_with"] = [{"event": value["events"][0], "origins": value["origins"]}
                                               for value in row["values"] if event["id"] not in value["events"]]
    return {
        "event": event,
        "accounts": accounts,
        "only": only,
        "conflicts": found,
        "naming": _naming(claims),
        "identity": named,
        "silent": [side for side in GOVERNMENTS if not accounts[side]],
    }


def resolve_events(store, target):
    """The events a compare/show target names: an event id, or a date or period."""
    found = store.get(target)
    if found and found[0] == "event":
        return [found[1]], target
    if found and found[0] == "claim":
        event = found[1].get("event")
        raise BadInput(f"{target!r} is a claim of {event}; try `usclet compare {event}`" if event else
                       f"{target!r} is a claim of no event; `usclet show {target}` shows it")
    if found:
        raise BadInput(f"{target!r} is an article; compare takes an event id or a date "
                       f"(`usclet show {target}` lists its claims)")
    try:
        period = dates.parse_argument(target, option="DATE|EVENT_ID")
    except BadInput:
        if any(ch.isalpha() for ch in target) and "-" in target and " " not in target:
            raise NotFound(f"no event {target!r} in the store (nor is it a date); "
                           "`usclet list events` lists the event ids") from None
        raise
    matching = store.events(period, period)
    matching.sort(key=lambda e: dates.sort_key(e.get("date")))
    return matching, period


def _within(record, period):
    """Whether a record's date (and end date) lie inside the period: a claim about 2015–2018
    is not a claim about 12 December 2017."""
    first, last = dates.bounds(period)
    return (dates.bounds(record["date"])[0] >= first
            and dates.bounds(record.get("end_date") or record["date"])[1] <= last)


def compare(store, target):
    """Each side's account of every event on a date or in a period (or of one event); claims
    dated then that belong to no event come last, under `"event": null`."""
    events, period = resolve_events(store, target)
    loose = [] if period == target and events and events[0]["id"] == target else [
        claim for claim in store.claims(since=period, until=period)
        if claim.get("event") is None and _within(claim, period)]
    if not events and not loose:
        raise NotFound(f"no event or claim on {period}; `usclet timeline` lists the dated events")
    grouped = claims_by_event(store, events)
    results = [compare_event(store, event, grouped.get(event["id"], [])) for event in events]
    if loose:
        loose.sort(key=lambda claim: dates.sort_key(claim.get("date")))
        results.append(compare_event(store, None, loose))
    return results


def conflicts(store, filters, event_id=None):
    """Every disagreement in the record, once (see `record.disputes`): the fact, each value with
    its sources, every event and claim it touches. With `event_id`, or a period, those touching
    its events; disagreements among claims of no event come last."""

    if event_id is not None:
        found = store.get(event_id)
        if not found or found[0] != "event":
            raise NotFound(f"no event {event_id!r}; `usclet list events` lists the event ids")
        events = [found[1]]
    else:
        events = store.events(filters.since, filters.until)
    wanted = {event["id"] for event in events}
    claims = store.claims()
    by_id = {claim["id"]: claim for claim in claims}
    event_of = {event["id"]: event for event in store.events()}
    rows = disputes.disagreements(claims, by_id.get, event_of.get)
    loose_ids = {c["id"] for c in store.claims(since=filters.since, until=filters.until) if c.get("event") is None}
    kept = []
    for row in rows:
        touched = [event for event in row["events"] if event in wanted]
        if not touched and not (event_id is None and not row["events"] and loose_ids & set(row["claims"])):
            continue
        first = event_of.get(touched[0]) if touched else None
        kept.append({"event": first["id"] if first else None, "date": first.get("date") if first else None, **row})
    kept.sort(key=lambda row: (row["event"] is None, dates.sort_key(row.get("date"))))
    return kept
