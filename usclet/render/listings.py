"""The columns of every listing, per format: what a table shows, what a spreadsheet gets.

Tables show a span of days as one cell ("2023-01-18…19") and an undated claim by when it
was said ("said 2017-12-13"); CSV gives every date its own ISO column, so that a
spreadsheet reads it as a date.
"""

from usclet import model
from usclet.render.cells import field, span

def said_on(claim):
    """When a claim's words first appeared, at the precision known: '2017-12-13', '≥2024-04-18',
    or '≤2016-05-17' for words said no later than the event they speak of as to come."""
    evidence = claim.get("evidence") or ()
    known = sorted(item["said_on"] for item in evidence if item.get("said_on"))
    latest = sorted(item["said_on_latest"] for item in evidence if item.get("said_on_latest"))
    if latest and (not known or latest[0] < known[0]):
        return f"≤{latest[0]}"
    if known:
        return known[0]
    earliest = sorted(item["said_on_earliest"] for item in evidence if item.get("said_on_earliest"))
    return f"≥{earliest[0]}" if earliest else None


def when(claim):
    """A claim's date in a table; an undated claim shows when it was said, marked as such."""
    if claim.get("date"):
        return span(claim)
    said = said_on(claim)
    return f"said {said}" if said else None


def dates(fmt, table_getter=span, heading="Date"):
    """The date columns: one cell in a table, `date` and `end_date` in CSV."""
    if fmt == "csv":
        return [(field("date"), "Date"), (field("end_date"), "End date")]
    return [(table_getter, heading)]


def ordinal(row):
    """The ordinal a dialogue listing shows: plain when settled, marked when not (see notes)."""
    found = row.get("identity", {}).get("ordinal")
    if not found or found["status"] == "unstated":
        return None
    if found["status"] == "settled":
        return str(found["value"])
    marks = {"single source": "†", "contested": "?", "disputed": "?"}
    return "/".join(str(v["value"]) for v in found["values"]) + marks[found["status"]]


def identity_notes(rows):
    """Footnotes under a dialogue listing: who numbers or calls each event how, where that is
    not settled by two independent sources."""
    notes = []
    for row in rows:
        found = row.get("identity", {})
        for fact in ("ordinal", "kind"):  # what the No. column shows, and why a meeting is listed
            entry = found.get(fact)
            if not entry or entry["status"] in ("settled", "unstated") or (fact == "kind" and entry["status"] != "contested"):
                continue
            givers = model.per_origins(entry["values"])
            shared = "".join(f"; the same number is given to {other['event']} per {', '.join(other['origins'])}"
                             for other in entry.get("shared_with") or ())
            notes.append(f"{row['id']}: {fact} {entry['status']}: {givers}{shared}")
        for other in row.get("possibly_same_as") or ():
            notes.append(f"{row['id']}: possibly one meeting with {other} (see `usclet conflicts`)")
        for people in (row.get("participants_found") or {}).values():
            for person in people:
                if person.get("spellings"):
                    spelled = "; ".join(f"{s['name']} in {', '.join(s['events'])}" for s in person["spellings"])
                    notes.append(f"{row['id']}: {person['name']} per {', '.join(person['origins']) or 'the event'}; "
                                 f"spelled {spelled}: disputed")
    if notes:
        notes.insert(0, "No.: plain when two independent sources give it and none differs; "
                        "† one source only; ? sources differ, or give it to another meeting too; "
                        "Sources: the independent sources placing it; Said about: other sources on other points")
    return notes


def people(row, side):
    """A side's participants as the sources name them; a name spelled otherwise elsewhere in the
    record is shown with its other spellings and marked '?': disputed, not one source's."""
    found = (row.get("participants_found") or {}).get(side)
    if found is None:
        return (row.get("participants") or {}).get(side)
    return [person["name"] + "".join(f"/{s['name'].split()[-1]}" for s in person.get("spellings") or ())
            + ("?" if person.get("spellings") else "") for person in found]


def ordinal_per_source(row):
    found = row.get("identity", {}).get("ordinal") or {"values": []}
    return model.per_origins(found["values"])


def listing(what, fmt):
    """[(getter, heading)] for `usclet list WHAT` in `fmt`."""
    csv = fmt == "csv"
    if what == "dialogues":
        return ([(field("ordinal"), "No."), (ordinal_per_source, "Numbered by")] if csv
                else [(ordinal, "No.")]) + dates(fmt) + [
            (field("place"), "Place"), (lambda r: people(r, "us"), "U.S. participants"),
            (lambda r: people(r, "cuba"), "Cuban participants"),
            (lambda r: len(r["sources"]), "Sources"), (lambda r: len(r.get("said_about_by") or ()), "Said about"),
            (field("id"), "Id")]
    if what == "events":
        return dates(fmt) + [(field("kind"), "Kind"), (field("name"), "Name"), (field("place"), "Place"),
                             (lambda r: len(r["sources"]), "Sources"),
                             (lambda r: len(r.get("said_about_by") or ()), "Said about"), (field("id"), "Id")]
    if what == "claims":
        return claims(fmt) + [
            (lambda r: sorted({e["side"] for e in r["evidence"]}), "Sides"),
            (lambda r: len(model.sources_of(r)), "Sources"), (lambda r: r.get("status") or "reviewed", "Status"),
            (field("text"), "Claim")]
    if what == "articles":
        return [(field("id"), "Id"), (field("kind"), "Kind"),
                (lambda r: r.get("published") or (f"≥{r['published_earliest']}" if r.get("published_earliest") else None),
                 "Published"),
                (field("author"), "Author"), (field("title"), "Title"), (field("duplicate_of"), "Duplicate of"),
                (lambda r: len(r["claims"]), "Claims")]
    return [(field("origin"), "Origin"), (field("sides"), "Side"), (lambda r: len(r["claims"]), "Claims"),
            (field("articles"), "Articles")]


def claims(fmt):
    """The leading columns of a claim listing: when, and its id."""
    if fmt == "csv":
        return [(field("date"), "Date"), (field("end_date"), "End date"), (said_on, "Said on"), (field("id"), "Id")]
    return [(when, "Date"), (field("id"), "Id")]


def sources(fmt):
    return claims(fmt) + [(lambda r: len(r["sources"]), "N"), (field("sources_in_words"), "Sources list"),
                          (field("text"), "Claim")]


def search(fmt):
    return claims(fmt) + [(field("text"), "Claim"), (field("matches"), "Matching quotes")]


def compare_rows(results):
    """`compare` flattened for md and csv: one row per account, naming, conflict and silence."""
    rows = []
    for result in results:
        event = result["event"]["id"] if result["event"] else "(no event)"
        for side, found in result["accounts"].items():
            rows.extend({"event": event, "section": "account", "side": side, "claim": claim["id"],
                         "date": claim.get("date"), "text": claim["text"], "origins": _origins_on(claim, side)}
                        for claim in found)
        for entry in result["naming"]:
            said = [f"a {entry['kind']}" if entry.get("kind") else "", entry["name"] or "",
                    f"no. {entry['ordinal']}" if entry["ordinal"] is not None else ""]
            rows.append({"event": event, "section": "naming", "side": "/".join(entry["sides"]),
                         "claim": "; ".join(entry["claims"]), "date": None,
                         "text": ", ".join(part for part in said if part), "origins": entry["origins"]})
        for conflict in result["conflicts"]:
            if conflict["field"] == "claims":
                rows.append({"event": event, "section": "conflict", "side": None, "claim": "; ".join(conflict["claims"]),
                             "date": None, "text": " vs ".join(t or "" for t in conflict["texts"]), "origins": None})
                continue
            for value in conflict["values"]:
                rows.append({"event": event, "section": f"conflict: {conflict['field']}", "side": "/".join(value["sides"]),
                             "claim": "; ".join(value["claims"]), "date": None, "text": str(value["value"]),
                             "origins": value["origins"]})
        for side in result["silent"]:
            rows.append({"event": event, "section": "silence", "side": side, "claim": None, "date": None,
                         "text": f"no {'U.S.' if side == 'us' else 'Cuban'} statement in the record", "origins": None})
    return rows


def _origins_on(claim, side):
    """The distinct origins of a claim's quotes on one side: whose account the row is."""
    return list(dict.fromkeys(item["origin"] for item in claim.get("evidence") or ()
                              if item.get("side") == side and item.get("origin")))


COMPARE_COLUMNS = [(field(name), name) for name in ("event", "section", "side", "claim", "date", "text", "origins")]


def _conflict_values(row):
    if row["field"] == "claims":
        return " vs ".join(text or claim for claim, text in zip(row["claims"], row["texts"]))
    return " vs ".join(f"{v['value']} ({', '.join(v['origins'])})" for v in row["values"])


def _conflict_claims(row):
    return row["claims"] if row["field"] == "claims" else [c for v in row["values"] for c in v["claims"]]


def conflicts(fmt):
    return [(field("event"), "Event"), (field("field"), "Fact"), (_conflict_values, "Values and who gives them"),
            (_conflict_claims, "Claims")]
