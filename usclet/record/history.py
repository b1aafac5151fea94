"""The record's history: what each write changed, and walking it back and forth.

Every write leaves an entry in the store's change log (see `store.Transaction`): its
number, when, which command, the reason given, and each record it touched with the
version before. Taking an entry back writes those versions back in a transaction of
its own, which is itself logged with `undoes` naming the entry it takes back; nothing is
ever lost.

Undo and redo work as in an editor. `undo` takes back the write most recently put in
effect, one per call; `redo` puts back the write most recently undone, while no new
write has been made since (a new write starts a new branch: the undone writes stay in
the log and `redo N` still puts one back by its number). An undo of an undo is a redo.

An undo or a redo never breaks the record: one that would leave a reference dangling
(evidence to its article, a claim to its event, `conflicts_with`, `duplicate_of`, an
article's `parent`), or would overwrite a record a later write changed again, is refused
naming the later writes that build on it; `cascade` takes those back too, first.

Undoing `add article` also moves its copied text out of the articles folder (into
`articles/.undone/`, from where a redo puts it back), unless another article uses it.
"""

import copy
import os
from pathlib import Path

from usclet.errors import BadInput, NotFound
from usclet.record import origins
from usclet.store.base import KIND_OF, UNDONE_FOLDER


def entries(store, record_id=None):
    """The change log, newest first; with `record_id`, the changes that touched that record.
    Each entry that puts back an undone write says so in `redoes` (that write's number)."""
    log = store.changes()
    meaning = meanings(log)
    log = [dict(entry, redoes=meaning[entry["number"]][0] if _is_redo(entry, meaning) else None) for entry in log]
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


# -- what each entry of the log means -------------------------------------------------------

def meanings(log):
    """{entry number: (the write it is about, whether it puts that write in effect)}: a write
    puts itself in effect; taking back an entry flips what that entry did."""
    meaning = {}
    for entry in log:
        taken_back = meaning.get(entry.get("undoes")) if entry.get("undoes") is not None else None
        if taken_back is None:
            meaning[entry["number"]] = (entry["number"], True)
        else:
            meaning[entry["number"]] = (taken_back[0], not taken_back[1])
    return meaning


def _is_redo(entry, meaning):
    return entry.get("undoes") is not None and meaning[entry["number"]][1]


def _states(log, meaning):
    """{write number: (in effect, number of the latest entry about it)}."""
    states = {}
    for entry in log:
        write, applies = meaning[entry["number"]]
        states[write] = (applies, entry["number"])
    return states


def _redo_stack(log, meaning):
    """The writes `redo` puts back, the next one last: those undone since the last new write."""
    stack = []
    for entry in log:
        write, applies = meaning[entry["number"]]
        if entry.get("undoes") is None:
            stack = []
        elif not applies:
            stack.append(write)
        elif write in stack:
            stack.remove(write)
    return stack


class _Blocked(Exception):
    """Raised inside a transaction (so it writes nothing) when later writes build on the plan."""

    def __init__(self, blockers, reasons):
        super().__init__()
        self.blockers, self.reasons = blockers, reasons


def undo(store, number=None, cascade=False):
    """Takes back write `number` (default: the one most recently put in effect), and with
    `cascade` the later writes that build on it, first. Returns [(the write's entry, the
    new entry's number, "undid" or "redid")] in the order they were taken back (undoing
    an undo is a redo)."""
    return _walk(store, number, cascade, forward=False)


def redo(store, number=None):
    """Puts back write `number` (default: the one most recently undone, while no new write
    was made since). Returns what `undo` returns."""
    return _walk(store, number, False, forward=True)


def _walk(store, number, cascade, forward):
    verb = "redo" if forward else "undo"
    log = store.changes()
    if not log:
        raise NotFound(f"the change log of {store.path} is empty: nothing to {verb}")
    by_number = {entry["number"]: entry for entry in log}
    meaning = meanings(log)
    states = _states(log, meaning)
    if number is None:
        if forward:
            stack = _redo_stack(log, meaning)
            if not stack:
                raise NotFound("nothing to redo: no change undone since the latest write is left to put back; "
                               "`usclet log` lists every change, and `usclet redo N` puts back change N")
            target = stack[-1]
        else:
            applied = [(last, write) for write, (applies, last) in states.items() if applies]
            if not applied:
                raise NotFound("nothing to undo: every write in the change log is undone; `usclet redo` puts one back")
            target = max(applied)[1]
    else:
        if number not in by_number:
            raise NotFound(f"{verb} {number}: there is no change {number}; `usclet log` lists them "
                           f"(1..{log[-1]['number']})")
        target, applies = meaning[number]
        if not forward:
            forward = not applies  # undoing an undo puts its write back: a redo
            verb = "redo" if forward else "undo"
    applies, _ = states[target]
    if applies == forward:
        done = "in effect" if forward else "already undone"
        other = "undo" if forward else "redo"
        raise BadInput(f"{verb} {target}: change {target} ({by_number[target]['command']}) is {done}; "
                       f"`usclet {other} {target}` {'takes it back' if forward else 'puts it back'}")
    plan = [target]
    while True:
        try:
            return _take_back(store, plan, forward)
        except _Blocked as blocked:
            # only writes in the state this walk takes back can be taken back with it
            blocked.blockers = [write for write in blocked.blockers if states[write][0] != forward]
            if forward or not cascade or not blocked.blockers:
                raise BadInput(_refusal(verb, target, blocked, by_number, forward)) from None
            plan = plan + [write for write in blocked.blockers if write not in plan]


def _refusal(verb, target, blocked, by_number, forward):
    reasons = "; ".join(dict.fromkeys(blocked.reasons))
    if not blocked.blockers:
        return f"{verb} {target} would break the record: {reasons}"
    named = ", ".join(f"{write} ({by_number[write]['command']}: {summary(by_number[write])})"
                      for write in sorted(blocked.blockers))
    if forward:
        return f"redo {target} needs change {named} in effect ({reasons}); redo that first"
    return (f"undo {target}: later changes build on it: {named} ({reasons}); undo them first, "
            f"or take them all back with `usclet undo --cascade {target}`")


def _take_back(store, plan, forward):
    """Takes back, in one transaction, the latest entry about each write of `plan`, the
    latest-in-effect first; raises _Blocked (writing nothing) if later writes outside the
    plan build on them."""
    moved = []
    with store.transaction() as tx:
        log = tx.changes()
        meaning = meanings(log)
        states = _states(log, meaning)
        by_number = {entry["number"]: entry for entry in log}
        order = sorted(plan, key=lambda write: states[write][1], reverse=True)
        touched = {}  # (table, id) -> entry numbers touching it, oldest first
        for entry in log:
            for change in entry["records"]:
                touched.setdefault((change["table"], change["id"]), []).append(entry["number"])
        problems = []  # (the write in effect that causes it, or None; what would break)
        removed, restored = {}, {}
        done = []
        for write in order:
            entry = by_number[states[write][1]]
            tx.undoes = entry["number"]
            settings_before = copy.deepcopy(tx.meta)
            _revert(tx, entry, by_number, states, meaning, touched, problems, removed, restored)
            _keep_origins_in_use(tx, settings_before)
            tx.log_now()
            done.append((by_number[write], tx.last_change_number(), "redid" if forward else "undid"))
        _check_references(tx, removed, restored, states, meaning, touched, problems)
        if problems:  # every write of the plan is taken back, and the record would still break
            raise _Blocked(sorted({write for write, _ in problems if write is not None} - set(plan)),
                           [reason for _, reason in problems])
        moved = _texts_to_move(store, tx, removed, restored)
    _move_texts(moved)
    return done


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


def _builder(record_key, after, states, meaning, touched):
    """The write in effect, later than entry `after`, that last touched this record; or None."""
    for number in reversed(touched.get(record_key, ())):
        if number <= after:
            break
        write, applies = meaning[number]
        if applies and states[write] == (True, number):
            return write
    return None


def _following(change, entry, by_number, touched):
    """(number, before) of the first later change to the same record: the version `entry` left."""
    key = (change["table"], change["id"])
    number = next((n for n in touched.get(key, ()) if n > entry["number"]), None)
    if number is None:
        return None
    return number, next(c["before"] for c in by_number[number]["records"] if (c["table"], c["id"]) == key)


def _revert(tx, entry, by_number, states, meaning, touched, problems, removed, restored):
    for change in reversed(entry["records"]):
        # what the change left: the version the next change to the same record started from
        following = _following(change, entry, by_number, touched)
        if change["table"] == "meta":
            after = following[1] if following else tx.meta
            merged = _merge_back(tx.meta, after, change["before"])
            tx.meta.clear()
            tx.meta.update(merged)
            continue
        kind = KIND_OF[change["table"]]
        found = tx.get(change["id"])
        current = found[1] if found and found[0] == kind else None
        if following and not _same(current, following[1]):
            builder = _builder((change["table"], change["id"]), entry["number"], states, meaning, touched)
            problems.append((builder, f"{kind} {change['id']} was changed again since"))
            continue
        if change["before"] is None:
            if current is not None:
                tx.delete(change["table"], change["id"])
                removed[change["id"]] = (change["table"], current)
        elif current is None:
            tx.insert(change["table"], [change["before"]])
            restored[change["id"]] = (change["table"], change["before"])
            removed.pop(change["id"], None)
        else:
            tx.replace(change["table"], change["before"])
            restored[change["id"]] = (change["table"], change["before"])


def references(table, record):
    """[(table, id)] of the records `record` refers to."""
    if table == "claims":
        found = [("events", record["event"])] if record.get("event") else []
        found += [("articles", item.get("article")) for item in record.get("evidence") or () if item.get("article")]
        found += [("claims", other) for other in record.get("conflicts_with") or ()]
        return found
    if table == "articles":
        return [("articles", record[field]) for field in ("duplicate_of", "parent") if record.get(field)]
    return []


def _check_references(tx, removed, restored, states, meaning, touched, problems):
    """Nothing left may point at a record taken out, and what is put back must find what it points at."""
    gone = {record_id for record_id, (table, _) in removed.items() if tx.get(record_id) is None}
    if gone:
        for table in ("articles", "claims"):
            for record in tx.records(table):
                pointing = [target for _, target in references(table, record) if target in gone]
                if not pointing:
                    continue
                builder = _builder((table, record["id"]), 0, states, meaning, touched)
                problems.append((builder, f"{KIND_OF[table]} {record['id']} refers to {', '.join(dict.fromkeys(pointing))}"))
    for record_id, (table, record) in restored.items():
        for target_table, target in references(table, record):
            found = tx.get(target)
            if found is None or found[0] != KIND_OF[target_table]:
                builder = next((meaning[number][0] for number in reversed(touched.get((target_table, target), ()))), None)
                problems.append((builder, f"{KIND_OF[table]} {record_id} refers to {KIND_OF[target_table]} {target}, "
                                          "which is not in the record"))


def _keep_origins_in_use(tx, settings_before):
    """An origin the undone write registered stays registered while a record still names it
    (a later claim quoting another article by the same publisher): the registry is shared."""
    own = dict(tx.meta.get("origins") or {})
    own_before = settings_before.get("origins") or {}
    if not set(own_before) - set(own):
        return
    now, before = origins.Registry(tx.meta), origins.Registry(settings_before)
    named = {record.get("origin") for record in tx.records("articles")}
    named.update(item.get("origin") for claim in tx.records("claims") for item in claim.get("evidence") or ())
    for name in named - {None}:
        key = before.canonical(name)
        if now.canonical(name) is None and key in own_before:
            own[key] = own_before[key]
    if own != (tx.meta.get("origins") or {}):
        tx.meta["origins"] = own


def _texts_to_move(store, tx, removed, restored):
    """[(from, to)]: the copied texts of articles taken out (unless another article uses the
    file), out of the articles folder; those of articles put back, back into it."""
    folder = store.added_dir
    aside = folder / UNDONE_FOLDER
    in_use = {article["file"] for article in tx.records("articles")}
    moves = []
    for name in {record["file"] for table, record in removed.values() if table == "articles"} - in_use:
        if (folder / name).is_file():
            moves.append((folder / name, aside / name))
    for name in {record["file"] for table, record in restored.values() if table == "articles"}:
        if not (folder / name).exists() and (aside / name).is_file() and not (store.seeds_dir / name).exists():
            moves.append((aside / name, folder / name))
    return moves


def _move_texts(moves):
    for source, target in moves:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)


def retracted_claims(store):
    """Claims retracted and not put back: their last version, from the change log. A claim
    whose add was undone was taken back, not retracted: it is not one."""
    log = store.changes()
    meaning = meanings(log)
    by_number = {entry["number"]: entry for entry in log}
    last = {}
    for entry in log:
        for change in entry["records"]:
            if change["table"] == "claims":
                last[change["id"]] = (entry, change)
    present = {claim["id"] for claim in store.claims()}
    found = {}
    for claim_id, (entry, change) in last.items():
        if claim_id in present or change["change"] != "remove":
            continue
        write, applies = meaning[entry["number"]]
        retraction = by_number[write]
        if applies and any(c["table"] == "claims" and c["id"] == claim_id and c["change"] == "remove"
                           for c in retraction["records"]):
            found[claim_id] = dict(change["before"], status="retracted", retracted=retraction["reason"])
    return list(found.values())
