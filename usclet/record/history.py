"""The record's history: what each write changed, and taking a write back.

Every write leaves an entry in the store's change log (see `store.Transaction`): its
number, when, which command, the reason given, and each record it touched with the
version before. `undo` writes those versions back in a transaction of its own, which is
itself logged, so an undo can be undone (that is a redo) and nothing is ever lost.
"""

from usclet.errors import BadInput, NotFound
from usclet.store import KIND_OF


def entries(store, record_id=None):
    """The change log, newest first; with `record_id`, the changes that touched that record."""
    log = store.changes()
    if record_id is not None:
        log = [entry for entry in log if any(change["id"] == record_id for change in entry["records"])]
        if not log:
            found = store.get(record_id)
            where = ("it was part of the record before the change log began" if found
                     else "no record has that id; `usclet log` lists every change")
            raise NotFound(f"no change touched {record_id!r}: {where}")
    return list(reversed(log))


def summary(entry):
    """'+claim x, ~event y, -claim z' for an entry's records (+ added, ~ edited, - removed)."""
    marks = {"add": "+", "edit": "~", "remove": "-"}
    parts = []
    for change in entry["records"]:
        kind = KIND_OF.get(change["table"], "settings")
        parts.append(f"{marks[change['change']]}{kind}" + (f" {change['id']}" if change["id"] else ""))
    if len(parts) > 6:
        parts = parts[:5] + [f"and {len(parts) - 5} more"]
    return ", ".join(parts)


def _same(first, second):
    """Records compare equal whatever the engine: a field absent is a field that is null."""
    if first is None or second is None:
        return first is second
    return ({k: v for k, v in first.items() if v is not None}
            == {k: v for k, v in second.items() if v is not None})


def _merge_back(current, after, before):
    """`current` with what the change made (before -> after) taken back, field by field, and
    inside the registry and the post keys entry by entry: later changes to other keys stay."""
    result = dict(current)
    for key in set(before) | set(after):
        was, became = before.get(key), after.get(key)
        if was == became:
            continue
        if isinstance(was, dict) and isinstance(became, dict) and isinstance(result.get(key), dict):
            result[key] = _merge_back(result[key], became, was)
        elif key in before:
            result[key] = was
        else:
            result.pop(key, None)
    return result


def undo(store, number=None):
    """Takes back change `number` (default: the latest), as a new change. Returns (the entry
    undone, the new entry's number). Refuses when a later change touched the same record
    since and is still in effect: that one must be undone first."""
    with store.transaction() as tx:
        log = tx.changes()
        if not log:
            raise NotFound(f"the change log of {store.path} is empty: nothing to undo")
        if number is None:
            entry = log[-1]
        else:
            entry = next((e for e in log if e["number"] == number), None)
            if entry is None:
                raise BadInput(f"undo {number}: there is no change {number}; `usclet log` lists them "
                               f"(1..{log[-1]['number']})")
        later = [e for e in log if e["number"] > entry["number"]]
        tx.undoes = entry["number"]
        for change in reversed(entry["records"]):
            # what the change left: the version the next change to the same record started from
            following = next(((e["number"], c["before"]) for e in later for c in e["records"]
                              if c["table"] == change["table"] and c["id"] == change["id"]), None)
            if change["table"] == "meta":
                after = following[1] if following else tx.meta
                restored = _merge_back(tx.meta, after, change["before"])
                tx.meta.clear()
                tx.meta.update(restored)
                continue
            found = tx.get(change["id"])
            current = found[1] if found and found[0] == KIND_OF[change["table"]] else None
            if following and not _same(current, following[1]):
                raise BadInput(f"undo {entry['number']}: {KIND_OF[change['table']]} {change['id']} was changed "
                               f"again by change {following[0]}, which still holds; undo that first")
            if change["before"] is None:
                if current is not None:
                    tx.delete(change["table"], change["id"])
            elif current is None:
                tx.insert(change["table"], [change["before"]])
            else:
                tx.replace(change["table"], change["before"])
    done = store.changes()
    return entry, done[-1]["number"] if done else None
