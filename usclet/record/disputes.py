"""Every disagreement in the record, once: what `conflicts`, `compare`, the listings, the
exports and `check` all show.

A disagreement is one row: the fact, each value with the claims, sides, sources and events
giving it, and every event and claim it touches. There are five kinds:

- `conflict`: claims of one event give a fact (its date, place, kind, name, count)
  differently. A date conflict is always within one event.
- `numbering`: the same number is given to two meetings of one series ("the fourth" for
  12 December 2017 per a comment, and for 10 July 2018 per State). Shown on both.
- `spelling`: one person's name written two ways (Swartz, Schwartz), wherever it occurs.
- `identity`: two events linked as conflicting whose dates or kinds differ may be one
  meeting ("possibly one meeting: ... vs ..."); that is a question about the events, not
  a date conflict within either.
- `claims`: any other explicit `conflicts_with` link, each pair once.

A set-aside reading (`set_aside`) is never part of a disagreement.
"""

from usclet import dates, model
from usclet.record import agreement
from usclet.words import fold

# Facts with one true value; `leads` and `participants` add up across claims instead.
SCALAR_FACTS = ("kind", "date", "end_date", "place", "ordinal", "name", "count")


def same_fact(key, first, second):
    """Whether two values of a fact agree: dates agree when their periods overlap
    (2017-01 and 2017-01-16), places when one names the other (Washington, Washington, D.C.)."""
    if key in ("date", "end_date") and dates.is_valid(str(first)) and dates.is_valid(str(second)):
        return dates.overlaps(first, None, second, second)
    if key == "name":  # the number in a name is the ordinal's business: "Fourth X" and "X" agree on the name
        first, second = agreement.name_key(str(first)), agreement.name_key(str(second))
    a, b = ("".join(ch for ch in fold(str(value)) if ch.isalnum()) for value in (first, second))
    return a.startswith(b) or b.startswith(a) if key == "place" else a == b


def _value(value):
    return {"value": value, "claims": [], "sides": [], "origins": [], "events": []}


def attribute(entry, claim):
    """Adds a claim, its sides, its sources (chains) and, where the entry keeps them, its
    event to a value's entry."""
    if claim["id"] not in entry["claims"]:
        entry["claims"].append(claim["id"])
    for side in model.sides_of(claim):
        if side not in entry["sides"]:
            entry["sides"].append(side)
    for source in model.sources_of(claim):
        if source not in entry["origins"]:
            entry["origins"].append(source)
    if "events" in entry and claim.get("event") and claim["event"] not in entry["events"]:
        entry["events"].append(claim["event"])


def _row(kind, field, values):
    events = list(dict.fromkeys(event for value in values for event in value["events"]))
    claims = list(dict.fromkeys(claim for value in values for claim in value["claims"]))
    return {"kind": kind, "field": field, "events": events, "claims": claims, "values": values}


def _within_events(claims):
    """Per event, each scalar fact its claims give differently."""
    rows = []
    by_event = {}
    for claim in claims:
        if claim.get("event"):
            by_event.setdefault(claim["event"], []).append(claim)
    for event_claims in by_event.values():
        for key in SCALAR_FACTS:
            groups = []
            for claim in event_claims:
                value = (claim.get("facts") or {}).get(key)
                if value is None:
                    continue
                group = next((g for g in groups if same_fact(key, g["value"], value)), None)
                if group is None:
                    group = _value(value)
                    groups.append(group)
                attribute(group, claim)
            if len(groups) > 1:
                rows.append(_row("conflict", key, groups))
    return rows


def _series(facts, event_kind):
    name = facts.get("name")
    return agreement.name_key(name) if name else (facts.get("kind") or event_kind)


def _numbered(claims, events):
    """{(ordinal, series): {event id: [claims]}} of the claims numbering their event."""
    given = {}
    for claim in claims:
        facts = claim.get("facts") or {}
        if facts.get("ordinal") is None or not claim.get("event"):
            continue
        kind = (events.get(claim["event"]) or {}).get("kind")
        given.setdefault((facts["ordinal"], _series(facts, kind)), {}).setdefault(claim["event"], []).append(claim)
    return given


def numbering_groups(claims, events):
    """The claims (id, event and facts suffice) giving one number to two or more events of a series."""
    return [[claim for found in per_event.values() for claim in found]
            for per_event in _numbered(claims, events).values() if len(per_event) > 1]


def _numbering(claims, events):
    """The same ordinal given to two events of one series: one row, a value per event."""
    given = _numbered(claims, events)
    rows = []
    series_rows = {}
    for (ordinal, _), per_event in given.items():
        if len(per_event) < 2:
            continue
        values = []
        for event_id, event_claims in sorted(per_event.items(), key=lambda e: dates.sort_key((events.get(e[0]) or {}).get("date"))):
            entry = _value(f"{ordinal}: {event_id}")
            for claim in event_claims:
                attribute(entry, claim)
            values.append(entry)
        key = (ordinal, tuple(sorted(per_event)))
        if key not in series_rows:  # "Fourth Law Enforcement Dialogue" and "a dialogue": one dispute
            series_rows[key] = _row("numbering", "ordinal", values)
            rows.append(series_rows[key])
    return rows


def _spelling(claims):
    """One person's name written two ways, across the record: one row per person."""
    people = []  # [(written name, claim)]
    for claim in claims:
        for name in agreement.people_of(claim.get("facts") or {}):
            people.append((name, claim))
    # one person's names share their first name: compare only those (linear in the record, not square)
    by_first = {}
    for index, (name, _) in enumerate(people):
        letters = agreement._letters(name)
        by_first.setdefault(letters[0] if letters else "", []).append(index)
    rows, done = [], set()
    for index, (name, _) in enumerate(people):
        if index in done:
            continue
        letters = agreement._letters(name)
        group = [i for i in by_first[letters[0] if letters else ""]
                 if i not in done and agreement.same_person(name, people[i][0])]
        spellings = []
        for i in group:
            written, claim = people[i]
            entry = next((s for s in spellings if agreement._letters(s["value"]) == agreement._letters(written)), None)
            if entry is None:
                entry = _value(written)
                spellings.append(entry)
            attribute(entry, claim)
        if len(spellings) > 1:
            done.update(group)
            rows.append(_row("spelling", "name spelling", spellings))
    return rows


def _covered(rows):
    """Pairs of claims a row already sets against each other."""
    pairs = set()
    for row in rows:
        for one in row["values"]:
            for other in row["values"]:
                if one is not other:
                    pairs.update(frozenset((a, b)) for a in one["claims"] for b in other["claims"])
    return pairs


def _links(claims, get, covered, events):
    """Explicit conflicts_with links not already shown: two events that may be one meeting,
    else the pair of claims; each pair once."""
    rows, seen = [], set(covered)
    for claim in claims:
        for other_id in claim.get("conflicts_with") or ():
            pair = frozenset((claim["id"], other_id))
            if pair in seen:
                continue
            seen.add(pair)
            other = get(other_id)
            if other is None or other.get("set_aside"):
                continue
            one, two = sorted((claim, other), key=lambda c: dates.sort_key(c.get("date")))
            facts = [c.get("facts") or {} for c in (one, two)]
            differing = agreement.differing_facts(facts[0], facts[1])
            if one.get("event") and two.get("event") and one["event"] != two["event"] and differing:
                values = []
                for c in (one, two):
                    event = events(c["event"]) or {}
                    said = [str((c.get("facts") or {}).get(key)) for key, _, _ in differing
                            if (c.get("facts") or {}).get(key) is not None]
                    entry = _value(f"{c['event']}, {', '.join(said) or event.get('date')}")
                    attribute(entry, c)
                    values.append(entry)
                rows.append(_row("identity", "possibly one meeting", values))
                continue
            row = {"kind": "claims", "field": "claims", "events": list(dict.fromkeys(
                c["event"] for c in (one, two) if c.get("event"))), "claims": [one["id"], two["id"]],
                "texts": [one.get("text"), two.get("text")]}
            rows.append(row)
    return rows


def disagreements(claims, get, events, counterparts=()):
    """Every disagreement among `claims` (whole claim records), each once.

    `get(id)` gives a claim by id (for links), `events(id)` an event; `counterparts` are
    further claims (from the whole record) that can share a number or a person's name with
    these, so that a dispute across events is found from either side."""
    own = [claim for claim in claims if not claim.get("set_aside")]
    ids = {claim["id"] for claim in own}
    everyone = own + [claim for claim in counterparts if claim["id"] not in ids and not claim.get("set_aside")]
    event_index = {}
    for claim in everyone:
        if claim.get("event") and claim["event"] not in event_index:
            event_index[claim["event"]] = events(claim["event"]) or {}
    rows = _within_events(own) + _numbering(everyone, event_index) + _spelling(everyone)
    rows = [row for row in rows if ids & set(row["claims"])]
    rows += _links(own, get, _covered(rows), events)
    return rows


def in_words(row):
    """A disagreement as a line: 'possibly one meeting: talks-2024-04-16 (...) vs led-2024-04-17 (...)'."""
    if row["kind"] == "claims":
        return " vs ".join(text or claim for claim, text in zip(row["claims"], row["texts"]))
    values = model.per_origins(row["values"], " vs ", bracketed=True)
    return f"{row['field']}: {values}"


def key_of(row):
    """What makes two rows one disagreement: the fact and its values."""
    if row["kind"] == "claims":
        return ("claims", frozenset(row["claims"]))
    return (row["field"], frozenset(fold(str(value["value"])) for value in row["values"]))


def repeated(rows):
    """Disagreements listed more than once: [(row, other rows with the same fact and values)]."""
    seen = {}
    for row in rows:
        seen.setdefault(key_of(row), []).append(row)
    return [group for group in seen.values() if len(group) > 1]
