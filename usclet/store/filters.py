"""The reference meaning of the store's filters: engines that filter in Python use these,
and every engine must agree with them."""

from usclet import dates, model


def summarize(claims, facts):
    """`Store.event_summaries` of these claims."""
    found = {}
    for claim in claims:
        claim_ids, origins, stating = found.setdefault(claim["event"], ([], {}, []))
        claim_ids.append(claim["id"])
        given = model.sources_of(claim)
        origins.update(dict.fromkeys(given))
        if not claim.get("set_aside") and any(key in (claim.get("facts") or {}) for key in facts):
            stating.append((claim["id"], given, claim["facts"]))
    return {event: (claim_ids, list(origins), stating) for event, (claim_ids, origins, stating) in found.items()}


def matches_claim(claim, events=None, since=None, until=None, origin=None, article=None, source_count=None):
    """The reference meaning of `Store.claims` filters, for engines that filter in Python."""
    if events is not None and claim.get("event") not in events:
        return False
    if (since or until) and not dates.overlaps(claim.get("date"), claim.get("end_date"), since, until):
        return False
    evidence = claim.get("evidence") or ()
    if origin is not None and not any(item.get("origin") == origin for item in evidence):
        return False
    if article is not None and not any(item.get("article") == article for item in evidence):
        return False
    if source_count is not None and len(model.sources_of(claim)) != source_count:
        return False
    return True


def matches_event(event, since=None, until=None, kinds=None):
    if kinds is not None and event.get("kind") not in kinds:
        return False
    return not (since or until) or dates.overlaps(event.get("date"), event.get("end_date"), since, until)
