"""Correcting the record: edit a claim, event or article; retract a claim or one of its
quotes; review proposed claims. Every change goes through the validation `add` uses
(`ingest.build_claim`, `ingest.build_event`) and is one logged transaction, so it can be
undone; a retracted record leaves the store and stays in its change log.
"""

from usclet import dates
from usclet.errors import BadInput, NotFound
from usclet.record import consistency, ingest

EDITABLE = {
    "claim": ("text", "date", "end_date", "date_text", "date_basis", "date_note", "event", "topics", "status"),
    "event": ("name", "kind", "date", "end_date", "date_text", "date_basis", "place", "aliases", "participants"),
    "article": ("title", "author", "publisher", "url", "published", "published_basis"),
}
TABLE_OF = {"claim": "claims", "event": "events", "article": "articles"}


def _stored(tx, kind, record_id):
    found = tx.get(record_id)
    if not found:
        raise NotFound(f"no {kind} {record_id!r}; `usclet list {kind}s` lists the ids")
    if found[0] != kind:
        a = {"article": "an article", "claim": "a claim", "event": "an event"}
        raise BadInput(f"{record_id!r} is {a[found[0]]}, not {a[kind]}; try `usclet edit {found[0]} {record_id}`")
    return dict(found[1])


def edited(store, tx, kind, record, changes):
    """The record with `changes` applied, validated as `add` validates a new one."""
    unknown = set(changes) - set(EDITABLE[kind])
    if unknown:
        raise BadInput(f"edit {kind}: {', '.join(sorted(unknown))} cannot be edited; "
                       f"editable: {', '.join(EDITABLE[kind])}")
    updated = dict(record, **changes)
    where = f"edit {kind} {record['id']}"
    if "date" in changes and "date_basis" not in changes and changes["date"] is not None:
        updated["date_basis"] = "stated: given when the record was edited"
    if kind == "claim":
        entry = {key: value for key, value in updated.items() if key != "evidence"}
        entry["evidence"] = [dict(item) for item in record["evidence"]]
        return ingest.build_claim(tx, store, entry, where)
    if kind == "event":
        ordinal = updated.pop("ordinal", None)  # settled by the claims, never given: kept as it is
        event = ingest.build_event(updated, where)
        event["ordinal"] = ordinal
        for claim in store.claims(events=[event["id"]]):  # its claims must still fall on its dates
            problem = consistency.date_outside_event(claim, event)
            if problem:
                raise BadInput(f"{where}: {problem}")
        return event
    if "title" in changes and not (changes["title"] or "").strip():
        raise BadInput(f"{where}: the title cannot be empty; give the article's title")
    for field in ("published",):
        if updated.get(field) is not None and not dates.is_valid(updated[field]):
            raise BadInput(f"{where}: {field} {updated[field]!r} is not a valid date")
    if "published" in changes:
        updated["published_basis"] = changes.get("published_basis") or "stated: given when the article was edited"
        updated["published_earliest"] = None
    return updated


def edit(store, kind, record_id, changes):
    """Applies `changes` ({field: value}) to one record; returns the record as stored."""
    if not changes:
        raise BadInput(f"edit {kind} {record_id}: give at least one field to change (see --help)")
    with store.transaction() as tx:
        record = _stored(tx, kind, record_id)
        updated = edited(store, tx, kind, record, changes)
        tx.replace(TABLE_OF[kind], updated)
    return updated


def retract_claim(store, claim_id):
    """Removes a claim from the record (its last version stays in the change log), and the
    links other claims make to it. Returns the ids of the claims whose links were removed."""
    with store.transaction() as tx:
        _stored(tx, "claim", claim_id)
        unlinked = []
        for claim in store.claims():
            if claim_id in (claim.get("conflicts_with") or ()) and claim["id"] != claim_id:
                claim["conflicts_with"] = [other for other in claim["conflicts_with"] if other != claim_id]
                tx.replace("claims", claim)
                unlinked.append(claim["id"])
        tx.delete("claims", claim_id)
    return unlinked


def retract_evidence(store, reference):
    """Removes one quote from a claim: `reference` is CLAIM_ID:N, N its number in `show`."""
    claim_id, _, number = reference.rpartition(":")
    if not claim_id or not number.isdigit():
        raise BadInput(f"retract evidence {reference!r}: write CLAIM_ID:N, N the evidence's number "
                       f"as `usclet show CLAIM_ID` prints it (evidence 1, evidence 2, ...)")
    with store.transaction() as tx:
        claim = _stored(tx, "claim", claim_id)
        evidence = list(claim["evidence"])
        if not 1 <= int(number) <= len(evidence):
            raise BadInput(f"retract evidence {reference!r}: {claim_id} has {len(evidence)} pieces of evidence")
        if len(evidence) == 1:
            raise BadInput(f"retract evidence {reference!r}: it is the claim's only evidence; "
                           f"retract the claim instead: `usclet retract claim {claim_id} --reason ...`")
        removed = evidence.pop(int(number) - 1)
        claim["evidence"] = evidence
        tx.replace("claims", claim)
    return removed


def decide(store, claim_id, decision, changes=None):
    """One review decision on a proposed claim: accept (it becomes reviewed, with `changes`
    applied if given) or reject (it is retracted)."""
    if decision == "reject":
        retract_claim(store, claim_id)
        return None
    if decision not in ("accept", "edit"):
        raise BadInput(f"review {claim_id}: decision {decision!r} is not accept, edit or reject")
    with store.transaction() as tx:
        record = _stored(tx, "claim", claim_id)
        updated = edited(store, tx, "claim", record, dict(changes or {}, status="reviewed"))
        tx.replace("claims", updated)
    return updated
