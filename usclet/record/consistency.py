"""Rules that hold between records: a claim's date and its event's, one passage one source.

Each rule is one function returning a readable problem or None, used both by the writes
(which refuse the record) and by `check` (which reports it), so the two never disagree.
"""

from usclet import dates, model
from usclet.record import origins


def date_outside_event(claim, event):
    """A claim dated outside its event's dates, with no `date_note` saying why.

    A claim whose facts give the event a date of their own is not held to it: that is a
    conflict between sources, which `compare` and `conflicts` show.
    """
    if not event or not claim.get("date") or not event.get("date") or claim.get("date_note"):
        return None
    if (claim.get("facts") or {}).get("date") is not None:
        return None
    if not all(dates.is_valid(value) for value in (claim["date"], claim.get("end_date") or claim["date"],
                                                    event["date"], event.get("end_date") or event["date"])):
        return None
    if dates.overlaps(claim["date"], claim.get("end_date"), event["date"], event.get("end_date") or event["date"]):
        return None
    held = event["date"] + (f"..{event['end_date']}" if event.get("end_date") else "")
    return (f"claim {claim.get('id') or '(new)'} is dated {claim['date']}, outside its event {event['id']} "
            f"({held}); correct the date or the event, or say why with --date-note (date_note)")


def shared_passage(evidence):
    """The first piece of evidence that re-quotes a passage already quoted under another origin
    in a cut of its own (overlapping, not the same span): one sentence counted twice."""
    for index, item in enumerate(evidence):
        span = (item.get("article"), item.get("start"), item.get("end"))
        for earlier in evidence[:index]:
            other = (earlier.get("article"), earlier.get("start"), earlier.get("end"))
            if model.overlap(span, other) and span != other and item.get("origin") != earlier.get("origin"):
                return (f"the quote at {span[0]} {span[1]}..{span[2]} is part of one already quoted there "
                        f"({other[1]}..{other[2]}, origin {earlier.get('origin')}): one passage is one source; "
                        "quote it once, under the origin whose words it is")
    return None


def passage_problem(evidence, registry_entries):
    """Why this evidence would count one passage as several sources, or None: a cut of a
    passage already quoted under another origin, or the same span under origins the passage
    does not name ("According to the Ministry ... and the State Department" names two)."""
    problem = shared_passage(evidence)
    if problem:
        return problem
    spans = {}
    for item in evidence:
        spans.setdefault((item.get("article"), item.get("start"), item.get("end")), []).append(item)
    for (article, start, end), items in spans.items():
        named = {item["origin"] for item in items}
        if len(named) > 1 and not all(origins._names(items[0].get("quote") or "", origin, registry_entries)
                                      for origin in named if origin in registry_entries):
            return (f"the quote at {article} {start}..{end} is already evidence under {items[0]['origin']}; "
                    f"one passage is one source unless it names each ({', '.join(sorted(named))})")
    return None
