"""The record as a SQLite file in the SQLite engine's own schema: a usable store
(`usclet --db FILE.db ...`) that Datasette and any SQL tool read as they are.

The schema is the engine's (see `usclet.store.sqlite`): `articles`, `events`, `claims`,
`evidence` (one row per quote: claim, article, offsets, quote, speaker, side, origin),
`conflicts` (each claim's `conflicts_with`), with primary and foreign keys, the view
`claim_sources` (each claim's distinct origins and their count) and full-text search on
quotes (`evidence_fts`) and claim texts (`claims_fts`). The export adds `fact_conflicts`:
each fact that sources give differently, one row per value, as `usclet conflicts` lists
them when the file is written (usclet's own writes to the file do not update it), and
the view `quotes`: one row per quote with its claim's event, its year, side and origin,
the columns a reader facets by in Datasette.

A part of the record (--since, --side, --event ...) is exported whole: the events its
claims belong to, the claims they conflict with, and the articles they quote come along,
so every key resolves and `usclet check` passes on the file.
"""

import json
import os
from pathlib import Path

from usclet.errors import BadInput
from usclet.store.convert import convert
from usclet.store.factory import SQLITE_SUFFIXES, engine_of
from usclet.store.files import move_into_place

FACT_CONFLICTS = "fact_conflicts"
QUOTES = "quotes"


def check_target(target, store):
    """Refuses a target that is not a SQLite file name, or that would overwrite something else."""
    target = Path(target)
    if target.suffix.lower() not in SQLITE_SUFFIXES:
        raise BadInput(f"{target}: name the SQLite file with .db, .sqlite or .sqlite3")
    if target.is_dir():
        raise BadInput(f"{target} is a folder; give a file name such as record.db")
    if target.exists() and target.resolve() == Path(store.path).resolve():
        raise BadInput(f"{target} is the store being exported; give another file")
    if target.exists() and target.stat().st_size and engine_of(target) != "sqlite":
        raise BadInput(f"{target} exists and is not a SQLite file; not replacing it")
    if not target.parent.exists():
        raise BadInput(f"{target.parent} does not exist; create the folder first")


def records(selection):
    """{table: [records]} of the selection, closed under its references, in store order."""
    store = selection.store
    claim_ids = {claim["id"] for claim in selection.claims}
    wanted = set(claim_ids)
    for claim in selection.claims:
        wanted.update(claim.get("conflicts_with") or ())
    for conflict in selection.conflicts:
        if conflict["field"] == "claims":
            wanted.update(conflict["claims"])
    claims = [claim for claim in store.claims() if claim["id"] in wanted]
    event_ids = {event["id"] for event in selection.events} | {c["event"] for c in claims if c.get("event")}
    events = [event for event in store.events() if event["id"] in event_ids]
    articles = store.articles()
    by_id = {article["id"]: article for article in articles}
    quoted = {item["article"] for claim in claims for item in claim["evidence"]}
    pending = list(quoted)
    while pending:  # an article's parent post and the post it duplicates come along
        article = by_id.get(pending.pop())
        for reference in (article or {}).get("parent"), (article or {}).get("duplicate_of"):
            if reference and reference not in quoted:
                quoted.add(reference)
                pending.append(reference)
    return {"articles": [a for a in articles if a["id"] in quoted], "events": events, "claims": claims}


def write(selection, target, progress=None):
    """Writes the selection to `target`, replacing it atomically: the file is written whole
    beside it and renamed into place. Returns the counts of what it holds."""
    import sqlite_utils

    target = Path(target)
    scratch = target.with_name(f".{target.stem}.{os.getpid()}.export{target.suffix}")
    try:
        written = convert(selection.store, scratch, records(selection), progress)
        counts = written.counts()
        written.close()
        db = sqlite_utils.Database(scratch)
        with db.conn:
            db[FACT_CONFLICTS].create({"event": str, "field": str, "conflict": int, "position": int, "value": str,
                                       "sides": str, "origins": str, "claims": str},
                                      pk=("event", "field", "conflict", "position"),
                                      foreign_keys=[("event", "events", "id")])
            db[FACT_CONFLICTS].insert_all(_fact_conflict_rows(selection.conflicts))
            # one row per quote with what a reader facets by: side, origin, event, year
            db.create_view(QUOTES, """SELECT evidence.rowid AS rowid, evidence.claim, claims.event,
                substr(coalesce(claims.date, evidence.said_on, evidence.said_on_earliest), 1, 4) AS year,
                evidence.side, evidence.origin, evidence.speaker, evidence.quote, evidence.article,
                articles.title AS article_title, articles.url AS article_url, evidence.start, evidence."end",
                evidence.said_on, claims.text AS claim_text, claims.sources
                FROM evidence JOIN claims ON claims.id = evidence.claim
                JOIN articles ON articles.id = evidence.article""")
        db.close()
        for suffix in ("-wal", "-shm"):  # an old database's journal must not meet the new file
            Path(str(target) + suffix).unlink(missing_ok=True)
        move_into_place(scratch, target)
    finally:
        for leftover in (scratch, Path(str(scratch) + "-wal"), Path(str(scratch) + "-shm")):
            leftover.unlink(missing_ok=True)
    counts["conflicts"] = len(selection.conflicts)
    return counts


def _fact_conflict_rows(conflicts):
    seen = {}  # an event can hold two conflicts on one field (a name spelled two ways by two claims)
    for conflict in conflicts:
        if conflict["field"] == "claims" or conflict["event"] is None:
            continue
        key = (conflict["event"], conflict["field"])
        seen[key] = seen.get(key, -1) + 1
        for number, value in enumerate(conflict["values"]):
            given = value["value"]
            yield {"event": conflict["event"], "field": conflict["field"], "conflict": seen[key], "position": number,
                   "value": given if isinstance(given, str) else json.dumps(given, ensure_ascii=False),
                   "sides": json.dumps(value["sides"]), "origins": json.dumps(value["origins"], ensure_ascii=False),
                   "claims": json.dumps(value["claims"])}
