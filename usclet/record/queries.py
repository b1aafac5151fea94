"""The questions users ask of the store. Knows nothing of click or rich.

Every function takes an opened `Store` and returns plain records (dicts and lists)
in the shapes of the JSON contract; `NotFound` when there is nothing to answer.
Modules only some questions need (comparing values, folding words) are imported by
the functions that ask them: a listing starts without them.
"""

import re
from collections import defaultdict

from usclet import dates, model
from usclet.record import identity
from usclet.store.base import ArticlesMissing
from usclet.store.filters import matches_event, summarize
from usclet.errors import BadInput, NotFound

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


def claims_by_event(store, events):
    """{event id: [its claims]} for these events, read in one query."""
    grouped = defaultdict(list)
    for claim in store.claims(events=[event["id"] for event in events]):
        grouped[claim["event"]].append(claim)
    return grouped


def _sources(claims):
    seen = []
    for claim in claims:
        for origin in model.sources_of(claim):
            if origin not in seen:
                seen.append(origin)
    return seen


def _with_sources(event, claims):
    """An event with `sources` (the chains of the claims placing it) and `said_about_by` (the others)."""
    row = dict(event)
    placing = [claim for claim in claims if not claim.get("set_aside")
               and any(key in (claim.get("facts") or {}) for key in identity.PLACING_FACTS)]
    row["sources"] = _sources(placing)
    row["said_about_by"] = [source for source in _sources(claims) if source not in row["sources"]]
    row["claims"] = [claim["id"] for claim in claims]
    return row


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
    from usclet.record import agreement, disputes, origins

    listed = {row["id"] for row in rows}
    facts = store.claims_stating(("ordinal",) + PEOPLE_FACTS)
    numbers = {(row["identity"]["ordinal"]["values"] or [{}])[0].get("value") for row in rows} - {None}
    get = _getter(store, "claim")
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
    from usclet.record import agreement

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


def _with_chains(claim):
    """Adds to a claim (the caller's copy) its chains and the sentence saying them."""
    claim["chains"] = model.chains_of(claim)
    claim["sources_in_words"] = model.sources_in_words(claim["chains"])
    return claim


def claim_sources(store, unverified=False, origin=None, filters=None):
    """Claims with their distinct origins; `unverified` keeps those resting on one."""
    from usclet.words import fold

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
        _with_chains(claim)
        rows.append(claim)
    return rows


def _attribute(entry, claim):
    """Adds a claim, and the sides and sources of its evidence, to a naming entry."""
    entry["claims"].append(claim["id"])
    for side in model.sides_of(claim):
        if side not in entry["sides"]:
            entry["sides"].append(side)
    for source in model.sources_of(claim):
        if source not in entry["origins"]:
            entry["origins"].append(source)


def _getter(store, kind):
    def get(record_id):
        found = store.get(record_id) if record_id else None
        return found[1] if found and found[0] == kind else None
    return get


def _counterparts(store, claims):
    """Claims elsewhere in the record that may share a number or a person's name with these."""
    from usclet.record import agreement

    numbers = {(claim.get("facts") or {}).get("ordinal") for claim in claims} - {None}
    people = [name for claim in claims for name in agreement.people_of(claim.get("facts") or {})]
    if not numbers and not people:
        return []
    ids = {claim["id"] for claim in claims}
    wanted = [claim_id for claim_id, _, facts in store.claims_stating(("ordinal",) + PEOPLE_FACTS) if claim_id not in ids and (
        facts.get("ordinal") in numbers or any(agreement.same_person(a, b) for a in agreement.people_of(facts)
                                               for b in people))]
    get = _getter(store, "claim")
    return [found for found in map(get, wanted) if found is not None]


def event_conflicts(store, claims):
    """The disagreements touching these claims of one event, each once (see `record.disputes`)."""
    from usclet.record import disputes

    return disputes.disagreements(claims, _getter(store, "claim"), _getter(store, "event"),
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
        _attribute(entry, claim)
    return list(entries.values())


def compare_event(store, event, claims):
    for claim in claims:
        _with_chains(claim)
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
    from usclet.record import disputes

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


# A sentence ends at . ? or ! after a lowercase letter, digit or bracket (so "U.S." and
# "D.C." do not end one), optionally followed by a closing quote and a footnote marker
# ("December 12.[1]"); or at a line break.
SENTENCE_END = r"(?<=[a-z0-9)\]])[.?!][”\"’]?(?:\[\d+\])?(?=\s)|\n"


def sentence_around(text, start, end, limit_start=0, limit_end=None):
    """Bounds of the sentence(s) holding text[start:end], within the article's span."""
    limit_end = len(text) if limit_end is None else limit_end
    sentence_end = re.compile(SENTENCE_END)  # compiled on first use (re caches it), not at import
    left = limit_start
    for match in sentence_end.finditer(text, limit_start, start):
        left = match.end()
    while left < start and text[left].isspace():
        left += 1
    right = limit_end
    for match in sentence_end.finditer(text, start, limit_end):
        if match.end() >= end:
            right = match.end() if match.group() != "\n" else match.start()
            break
    return left, max(right, end)


def evidence_in_context(store, item):
    """An evidence item with the sentence around its quote and the footnote it cites."""
    found = store.get(item["article"])
    article = found[1] if found else {}
    row = dict(item)
    row["article_title"] = article.get("title")
    try:
        text = store.seed_text(item["file"])
    except ArticlesMissing:
        raise  # not one text missing: the whole folder, a store problem (exit 3)
    except (OSError, UnicodeDecodeError):
        text = None
    row["path"] = store.text_path(item["file"])
    if text is not None:
        left, right = sentence_around(text, item["start"], item["end"], article.get("start", 0), article.get("end"))
        row["context"] = {"before": text[left:item["start"]], "quote": text[item["start"]:item["end"]], "after": text[item["end"]:right]}
    footnote = item.get("footnote")
    if footnote is not None:
        cited = [c for c in article.get("citations", []) if c.get("number") == footnote]
        row["footnote_text"] = cited[0]["text"] if cited else None
    return row


def show(store, record_id):
    """An event, claim or article in full, with what refers to it."""
    found = store.get(record_id)
    if not found:
        raise NotFound(f"no event, claim or article with id {record_id!r}; `usclet list events|claims|articles` lists ids")
    kind, record = found
    if kind == "event":
        claims = store.claims(events=[record_id])
        return {"kind": "event", "record": _with_sources(record, claims), "claims": claims}
    if kind == "claim":
        row = _with_chains(dict(record))
        row["sources"] = model.sources_of(record)
        return {
            "kind": "claim",
            "record": row,
            "evidence": [evidence_in_context(store, item) for item in record["evidence"]],
        }
    claims = store.claims(article=record_id)
    return {"kind": "article", "record": record, "claims": claims}


def timeline(store, filters):
    """Dated events in order, grouped by year: [(year, [event, ...]), ...]."""
    events = [event for event in list_events(store, filters) if event.get("date")]
    years = defaultdict(list)
    for event in events:
        years[int(event["date"][:4])].append(event)
    return sorted(years.items())
