"""What each source calls and numbers an event, and what of that is settled.

An event's own `name` is a neutral description written by the curators; what a source
calls the event, what kind of meeting it says it was, and how it numbers it are facts
of that source's claims (`kind`, `name`, `ordinal`). A value is settled when at least
two independent sources give it and no source gives another; a value only one source
gives is that source's, and one that sources give differently is contested. Only a
settled ordinal is the event's `ordinal`.
"""

from usclet import model

IDENTITY_FACTS = ("kind", "name", "ordinal")
# What places an event: that it took place (what it is called or numbered says so), its kind,
# date and place. An event's sources are the chains of the claims stating one of these;
# speakers quoted about it on other points say things about it, they do not place it.
PLACING_FACTS = ("kind", "name", "ordinal", "date", "end_date", "place")


def _fold(value):
    return " ".join(str(value).split()).casefold()


def summaries_of(claims):
    """(claim id, its distinct origins, its facts) for whole claims."""
    return [(claim["id"], model.sources_of(claim), claim.get("facts") or {}) for claim in claims]


def identity(summaries):
    """{fact: {"value", "status", "values": [{"value", "origins", "claims"}]}} for kind, name and
    ordinal, from an event's claims as (claim id, origins, facts). `value` is the settled value
    or None; `status` is "settled", "single source", "contested" or "unstated"."""
    result = {}
    for fact in IDENTITY_FACTS:
        values = []
        for claim_id, origins, facts in summaries:
            given = facts.get(fact)
            if given is None:
                continue
            entry = next((v for v in values if _fold(v["value"]) == _fold(given)), None)
            if entry is None:
                entry = {"value": given, "origins": [], "claims": []}
                values.append(entry)
            entry["claims"].append(claim_id)
            entry["origins"].extend(origin for origin in origins if origin not in entry["origins"])
        if not values:
            status, value = "unstated", None
        elif len(values) > 1:
            status, value = "contested", None
        elif len(values[0]["origins"]) >= 2:
            status, value = "settled", values[0]["value"]
        else:
            status, value = "single source", None
        result[fact] = {"value": value, "status": status, "values": values}
    return result


def problems(event, claims):
    """What `check` says of an event that shows as settled what its sources do not settle."""
    found = identity(summaries_of(claims))
    label = f"event {event['id']}"
    result = []
    ordinal = found["ordinal"]
    if event.get("ordinal") is not None and ordinal["value"] != event["ordinal"]:
        givers = model.per_origins(ordinal["values"]) or "no source"
        result.append(f"{label}: ordinal {event['ordinal']} is not settled by its sources ({ordinal['status']}: "
                      f"{givers}); set it to null and let each source's number stay with its claims")
    name = found["name"]
    for entry in name["values"]:
        if _fold(entry["value"]) == _fold(event.get("name") or "") and name["status"] != "settled":
            result.append(f"{label}: its name {event['name']!r} is what {', '.join(entry['origins'])} calls it "
                          f"({name['status']}); name the event neutrally and keep that name with its claims")
    return result

