"""Shell completion of the record's ids: event, claim and article ids read from the store
the command line names (--db, or USCLET_DB, or the shipped one).

click calls these while completing (`_USCLET_COMPLETE=bash_complete ...`); they never
fail: a store that cannot be read completes nothing.
"""

from click.shell_completion import CompletionItem

from usclet.store import open_store

KINDS = ("events", "claims", "articles")


def _ids(ctx, kinds, incomplete):
    root = ctx.find_root()
    path = root.params.get("db")
    try:
        store = open_store(path)
    except Exception:  # completing must never print a traceback into the user's prompt
        return []
    try:
        found = []
        for kind in kinds:
            records = getattr(store, kind)()
            found.extend(CompletionItem(record["id"], help=_help(kind, record))
                         for record in records if record["id"].startswith(incomplete))
        return found
    except Exception:
        return []
    finally:
        store.close()


def _help(kind, record):
    if kind == "events":
        return f"{record.get('date') or 'undated'} {record.get('name') or ''}".strip()
    if kind == "claims":
        return (record.get("text") or "")[:60]
    return record.get("title") or ""


def event_ids(ctx, param, incomplete):
    return _ids(ctx, ("events",), incomplete)


def record_ids(ctx, param, incomplete):
    return _ids(ctx, KINDS, incomplete)
