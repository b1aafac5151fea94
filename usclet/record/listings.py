"""The record's listings: dialogues, events, claims, articles, sources and the timeline.
Knows nothing of click or rich.

Every function takes an opened `Store` and returns plain records (dicts and lists)
in the shapes of the JSON contract.
"""

from collections import defaultdict

from usclet import dates, model
from usclet.errors import BadInput
from usclet.record import agreement, disputes, identity, origins
from usclet.store.filters import matches_event, summarize
from usclet.words import fold


GOVERNMENTS = ("us", "cuba")


class Filters:
    """--since, --until, --side, --topic, shared by every listing."""

    def __init__(self, since=None, until=None, side=None, topic=None):
        self.since, self.until, self.side, self.topic = since, until, side, topic
        if since and until and dates.bounds(until)[1] < dates.bounds(since)[0]:
            raise BadInput(f"--until {until} is before --since {since}")

    @property
    def dated(self):
        return self.since is not None or self.until is not None

    def claim_matches(self, claim):
        if self.dated and not dates.overlaps(claim.get("date"), claim.get("end_date"), self.since, self.until):
            return False
        if self.side and self.side not in {item["side"] for item in claim["evidence"]}:
            return False
        if self.topic and self.topic not in claim.get("topics", ()):
            return False
        return True


def list_events(store, filters, kinds=None):
    """Events in chronological order, each with its `sources` (the independent chains of the
    claims that place it: that it took place, its kind, date or place), `said_about_by` (the
    other sources its claims quote, on other points) and what each source calls and numbers it
    (`identity`); `ordinal` is only ever the settled one."""
    events = store.events(filters.since, filters.until, kinds)
    if kinds is not None:
        # an event some source calls a dialogue is listed with the dialogues, its kind contested
        listed = {event["id"] for event in events}
        for event_id in store.events_called("dialogue") if "dialogue" in kinds else ():
            found = store.get(event_id) if event_id not in listed else None
            if found and found[0] == "event" and matches_event(found[1], filters.since, filters.until):
                events.append(found[1])
    ids = [event["id"] for event in events]
    if filters.side or filters.topic:
        scope = Filters(side=filters.side, topic=filters.topic)
        summaries = summarize([claim for claim in store.claims(events=ids) if scope.claim_matches(claim)],
                              identity.PLACING_FACTS)
    else:
        summaries = store.event_summaries(ids, identity.PLACING_FACTS + PEOPLE_FACTS)
    rows = []
    for event in events:
        claim_ids, sources, stating = summaries.get(event["id"]) or ([], [], [])
        if (filters.side or filters.topic) and not claim_ids:
            continue
        placing = [entry for entry in stating if any(key in entry[2] for key in identity.PLACING_FACTS)]
        row = dict(event)
        row["sources"] = list(dict.fromkeys(source for _, given, _ in placing for source in given))
        row["said_about_by"] = [source for source in sources if source not in row["sources"]]
        row["claims"] = claim_ids
        row["identity"] = identity.identity(placing)
        row["people"] = [entry for entry in stating if any(key in entry[2] for key in PEOPLE_FACTS)]
        rows.append(row)
    rows.sort(key=lambda row: dates.sort_key(row.get("date")))
    _across_events(store, rows)
    return rows


PEOPLE_FACTS = ("leads", "participants")


def _across_events(store, rows):
    """What the listing says of its events from the rest of the record: a number another event
    of the series is also given (then disputed, on both), an event that may be the same meeting
    as another, and who took part per side, from every text the record holds, the governments'
    own notes first, each name with the spellings the sources give it."""

    listed = {row["id"] for row in rows}
    facts = store.claims_stating(("ordinal",) + PEOPLE_FACTS)
    numbers = {(row["identity"]["ordinal"]["values"] or [{}])[0].get("value") for row in rows} - {None}
    get = record_getter(store, "claim")
    kinds = {row["id"]: row for row in rows}
    numbered = [{"id": claim_id, "event": event, "facts": given} for claim_id, event, given in facts
                if given.get("ordinal") in numbers and event]
    if any(claim["event"] not in kinds for claim in numbered):  # events of other kinds, read in one query
        kinds.update((event["id"], event) for event in store.events() if event["id"] not in kinds)
    # whole claims (for their sources) only of the numbers given to two events
    shared = {claim["id"] for row in disputes.numbering_groups(numbered, kinds) for claim in row}
    claims = [found for found in map(get, [c["id"] for c in numbered if c["id"] in shared]) if found is not None]
    for dispute in disputes._numbering(claims, kinds):
        for row in rows:
            if row["id"] in dispute["events"]:
                ordinal = row["identity"]["ordinal"]
                ordinal["status"] = "disputed"
                ordinal["shared_with"] = [{"event": v["value"].split(": ", 1)[1], "origins": v["origins"]}
                                          for v in dispute["values"] if row["id"] not in v["events"]]
    by_id = {row["id"]: row for row in rows}
    for row in rows:
        row["possibly_same_as"] = []
    for event, given, other, other_given in store.linked_pairs():
        if not agreement.differing_facts(given, other_given):
            continue
        for mine, theirs in ((event, other), (other, event)):
            row = by_id.get(mine)
            if row is not None and theirs not in row["possibly_same_as"]:
                row["possibly_same_as"].append(theirs)
    registry = origins.registry_of(store.meta())
    written = [(name, event) for _, event, given in facts for name in agreement.people_of(given)]
    for row in rows:
        row["participants_found"] = _participants(row.pop("people"), row, registry, written, listed)


def _participants(stating, event, registry, written, listed):
    """{side: [{"name", "origins", "spellings"}]}: who took part per side, the governments'
    notes first, leads before other participants, then the event's own list; `spellings`
    when sources write one person's name otherwise anywhere in the record."""

    def official(entry):
        return not any("independent" not in (registry.get(o) or {}).get("sides", ["independent"]) for o in entry[1])

    found = {}
    ordered = sorted(stating, key=official)  # stable: a government's own note first
    given = [(entry[1], key, entry[2].get(key) or {}) for entry in ordered for key in PEOPLE_FACTS]
    given.sort(key=lambda item: PEOPLE_FACTS.index(item[1]))
    given.append(([], "participants", event.get("participants") or {}))
    for sources, _, per_side in given:
        for side, names in per_side.items():
            listed_side = found.setdefault(side, [])
            for name in names:
                same = next((p for p in listed_side if agreement.same_person(p["name"], name)
                             or " ".join(p["name"].casefold().split()) == " ".join(name.casefold().split())), None)
                if same is None:
                    same = {"name": name, "origins": []}
                    listed_side.append(same)
                same["origins"].extend(o for o in sources if o not in same["origins"])
    for people in found.values():
        for person in people:
            others = sorted({other for other, _ in written if agreement.spelled_otherwise(person["name"], other)})
            if others:
                person["spellings"] = [{"name": other, "events": sorted({e for o, e in written if o == other})}
                                       for other in others]
    return found


def list_dialogues(store, filters):
    return list_events(store, filters, kinds=("dialogue",))


def list_claims(store, filters):
    rows = [claim for claim in store.claims(since=filters.since, until=filters.until) if filters.claim_matches(claim)]
    rows.sort(key=lambda claim: dates.sort_key(claim.get("date")))
    return rows


def list_articles(store, filters):
    used = defaultdict(list)
    for claim in store.claims():
        for item in claim["evidence"]:
            used[item["article"]].append((claim, item))
    rows = []
    for article in store.articles():
        if filters.dated and not dates.overlaps(article.get("published"), None, filters.since, filters.until):
            continue
        uses = used.get(article["id"], [])
        if filters.side and not any(item["side"] == filters.side for _, item in uses):
            continue
        if filters.topic and not any(filters.topic in claim.get("topics", ()) for claim, _ in uses):
            continue
        row = dict(article)
        row["claims"] = sorted({claim["id"] for claim, _ in uses})
        rows.append(row)
    return rows


def list_origins(store, filters):
    """Each distinct origin with its side, how many claims it supports, and where it appears."""
    table = {}
    for claim in list_claims(store, filters):
        for item in claim["evidence"]:
            if filters.side and item["side"] != filters.side:
                continue
            row = table.setdefault(item["origin"], {"origin": item["origin"], "sides": [], "claims": [], "articles": []})
            for key, value in (("sides", item["side"]), ("claims", claim["id"]), ("articles", item["article"])):
                if value not in row[key]:
                    row[key].append(value)
    return sorted(table.values(), key=lambda row: (-len(row["claims"]), row["origin"]))


def with_chains(claim):
    """Adds to a claim (the caller's copy) its chains and the sentence saying them."""
    claim["chains"] = model.chains_of(claim)
    claim["sources_in_words"] = model.sources_in_words(claim["chains"])
    return claim


def claim_sources(store, unverified=False, origin=None, filters=None):
    """Claims with their distinct origins; `unverified` keeps those resting on one."""

    wanted = fold(origin) if origin else None
    rows = []
    filters = filters or Filters()
    found = store.claims(since=filters.since, until=filters.until, source_count=1 if unverified else None)
    narrowed = filters.side or filters.topic
    for claim in sorted(found, key=lambda claim: dates.sort_key(claim.get("date"))):
        if narrowed and not filters.claim_matches(claim):
            continue
        sources = model.sources_of(claim)
        # "cossio" finds what Cossío says, though the Ministry he speaks for is its origin
        if wanted and not (any(wanted in fold(source) for source in sources)
                           or any(wanted in fold(item["speaker"]) for item in claim["evidence"])):
            continue
        claim["sources"] = sources  # listed claims are the caller's own copies
        with_chains(claim)
        rows.append(claim)
    return rows


def record_getter(store, kind):
    def get(record_id):
        found = store.get(record_id) if record_id else None
        return found[1] if found and found[0] == kind else None
    return get


def timeline(store, filters):
    """Dated events in order, grouped by year: [(year, [event, ...]), ...]."""
    events = [event for event in list_events(store, filters) if event.get("date")]
    years = defaultdict(list)
    for event in events:
        years[int(event["date"][:4])].append(event)
    return sorted(years.items())
