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
from usclet.store import ArticlesMissing, matches_event, summarize
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
    row = dict(event)
    row["sources"] = _sources(claims)
    row["claims"] = [claim["id"] for claim in claims]
    return row


def list_events(store, filters, kinds=None):
    """Events in chronological order, each with the distinct sources that attest it and what
    each source calls and numbers it (`identity`); `ordinal` is only ever the settled one."""
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
                              identity.IDENTITY_FACTS)
    else:
        summaries = store.event_summaries(ids, identity.IDENTITY_FACTS)
    rows = []
    for event in events:
        claim_ids, sources, stating = summaries.get(event["id"]) or ([], [], [])
        if (filters.side or filters.topic) and not claim_ids:
            continue
        row = dict(event)
        row["sources"] = sources
        row["claims"] = claim_ids
        row["identity"] = identity.identity(stating)
        rows.append(row)
    rows.sort(key=lambda row: dates.sort_key(row.get("date")))
    return rows


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
        rows.append(claim)
    return rows


# Facts with one true value; `leads` and `participants` add up across claims instead.
SCALAR_FACTS = ("kind", "date", "end_date", "place", "ordinal", "name", "count")


def _same_fact(key, first, second):
    """Whether two values of a fact agree: dates agree when their periods overlap
    (2017-01 and 2017-01-16), places when one names the other (Washington, Washington, D.C.)."""
    from usclet.record import agreement
    from usclet.words import fold

    if key in ("date", "end_date") and dates.is_valid(str(first)) and dates.is_valid(str(second)):
        return dates.overlaps(first, None, second, second)
    if key == "name":  # the number in a name is the ordinal's business: "Fourth X" and "X" agree on the name
        first, second = agreement.name_key(str(first)), agreement.name_key(str(second))
    a, b = ("".join(ch for ch in fold(str(value)) if ch.isalnum()) for value in (first, second))
    return a.startswith(b) or b.startswith(a) if key == "place" else a == b


def _attribute(entry, claim):
    """Adds a claim, and the sides and origins of its evidence, to a conflict or naming entry."""
    entry["claims"].append(claim["id"])
    for item in claim["evidence"]:
        if item["side"] not in entry["sides"]:
            entry["sides"].append(item["side"])
        if item["origin"] not in entry["origins"]:
            entry["origins"].append(item["origin"])


def _facts_conflicts(claims):
    """For each scalar fact, the disagreeing values claims give, with who gives each."""
    conflicts = []
    for key in SCALAR_FACTS:
        groups = []
        for claim in claims:
            if claim.get("facts", {}).get(key) is None:
                continue
            value = claim["facts"][key]
            group = next((g for g in groups if _same_fact(key, g["value"], value)), None)
            if group is None:
                group = {"value": value, "claims": [], "sides": [], "origins": []}
                groups.append(group)
            _attribute(group, claim)
        if len(groups) > 1:
            conflicts.append({"field": key, "values": groups})
    return conflicts


def event_conflicts(store, claims):
    """The conflicts among an event's claims: each fact its sources give differently, then
    each explicit link not already one of those."""
    found = _facts_conflicts(claims)
    # a link between two claims whose facts already disagree above is that same conflict
    shown = {frozenset((a, b)) for conflict in found for one in conflict["values"] for other in conflict["values"]
             if one is not other for a in one["claims"] for b in other["claims"]}
    return found + [c for c in _linked_conflicts(store, claims) if frozenset(c["claims"]) not in shown]


def _linked_conflicts(store, claims):
    """Explicit conflicts_with links from these claims, each pair once."""
    pairs, seen = [], set()
    for claim in claims:
        for other in claim.get("conflicts_with", ()):
            pair = tuple(sorted((claim["id"], other)))
            if pair in seen:
                continue
            seen.add(pair)
            linked = [(store.get(claim_id) or (None, None))[1] for claim_id in pair]
            described = _linked_fact(*linked) if all(linked) else None
            if described is not None:
                pairs.append(described)
                continue
            texts = [claim.get("text") if claim else None for claim in linked]
            pairs.append({"field": "claims", "claims": list(pair), "texts": texts})
    return pairs


def _linked_fact(one, other):
    """A linked conflict as the fact it is about, with each value and who gives it: the same
    number given to two events, or one person's name written two ways; None otherwise."""
    from usclet.record import agreement

    facts = [claim.get("facts") or {} for claim in (one, other)]
    values = None
    if facts[0].get("ordinal") is not None and facts[0].get("ordinal") == facts[1].get("ordinal") \
            and one.get("event") != other.get("event"):
        field, values = "ordinal", [f"{facts[0]['ordinal']}: {one.get('event')}", f"{facts[1]['ordinal']}: {other.get('event')}"]
    else:
        pairs = [(a, b) for a in agreement.people_of(facts[0]) for b in agreement.people_of(facts[1])
                 if agreement.spelled_otherwise(a, b)]
        differing = agreement.differing_facts(facts[0], facts[1])
        if pairs:
            field, values = "name spelling", list(pairs[0])
        elif differing:  # what two accounts of one meeting give otherwise: its day, its kind, its place
            field, values = differing[0][0], [differing[0][1], differing[0][2]]
    if values is None:
        return None
    groups = []
    for value, claim in zip(values, (one, other)):
        group = {"value": value, "claims": [], "sides": [], "origins": []}
        _attribute(group, claim)
        groups.append(group)
    return {"field": field, "values": groups, "claims": [one["id"], other["id"]]}


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
    accounts = {side: [] for side in model.SIDES}
    for claim in claims:
        for side in model.sides_of(claim):
            accounts[side].append(claim)
    sides = {claim["id"]: set(model.sides_of(claim)) for claim in claims}
    only = {
        side: [claim for claim in accounts[side] if not sides[claim["id"]] & (set(GOVERNMENTS) - {side})]
        for side in GOVERNMENTS
    }
    return {
        "event": event,
        "accounts": accounts,
        "only": only,
        "conflicts": event_conflicts(store, claims),
        "naming": _naming(claims),
        "identity": identity.identity(identity.summaries_of(claims)),
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
    """Every conflict in the record: per event, each fact its sources give differently (with the
    sources of each value) and each explicit `conflicts_with` link; claims of no event last."""
    if event_id is not None:
        found = store.get(event_id)
        if not found or found[0] != "event":
            raise NotFound(f"no event {event_id!r}; `usclet list events` lists the event ids")
        events = [found[1]]
    else:
        events = sorted(store.events(filters.since, filters.until), key=lambda e: dates.sort_key(e.get("date")))
    grouped = claims_by_event(store, events)
    rows = []
    for event in events:
        for conflict in event_conflicts(store, grouped.get(event["id"], [])):
            rows.append({"event": event["id"], "date": event.get("date"), **conflict})
    if event_id is None:
        loose = [c for c in store.claims(since=filters.since, until=filters.until) if c.get("event") is None]
        rows.extend({"event": None, "date": None, **conflict} for conflict in _linked_conflicts(store, loose))
    return rows


def search_terms(text):
    """The words and "quoted phrases" of a search, each a term every claim found must hold."""
    terms = [phrase or word for phrase, word in re.findall(r'"([^"]*)"?|(\S+)', text)]
    from usclet.stem import tokens

    return [term for term in terms if tokens(term)]


def search(store, text, filters=None, event=None):
    """Claims whose text or quotes hold every word and "quoted phrase" of `text` (stemmed,
    case- and accent-insensitive), best first: the most occurrences of the terms, then by
    date. Each has `matches`, the quotes holding a term."""
    from usclet.store import holds
    from usclet.stem import tokens

    terms = search_terms(text)
    if not terms:
        raise BadInput("search: give at least one word to look for")
    if event is not None and (store.get(event) or (None,))[0] != "event":
        raise NotFound(f"--event: no event {event!r}; `usclet list events` lists the event ids")
    filters = filters or Filters()
    wanted = [tokens(term) for term in terms]
    ids = store.search(terms)
    rows = []
    for claim in store.claims(since=filters.since, until=filters.until) if ids else []:
        if claim["id"] not in ids or not filters.claim_matches(claim):
            continue
        if event is not None and claim.get("event") != event:
            continue
        quotes = [(item["quote"], tokens(item["quote"])) for item in claim["evidence"]]
        texts = [tokens(claim["text"])] + [found for _, found in quotes]
        row = dict(claim)
        row["matches"] = [quote for quote, found in quotes if any(holds(found, phrase) for phrase in wanted)]
        row["_score"] = sum(text[i:i + len(phrase)] == phrase for phrase in wanted for text in texts
                            for i in range(len(text)))
        rows.append(row)
    rows.sort(key=lambda claim: (-claim["_score"], dates.sort_key(claim.get("date"))))
    for row in rows:
        del row["_score"]
    return rows


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
        row = dict(record)
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
