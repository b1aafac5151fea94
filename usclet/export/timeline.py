"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html): the events as
slides, grouped by kind, each dated at the precision the record knows (a month-only date
gives a date object with a year and a month, nothing more), each slide's text naming the
event's sources and the sides whose accounts the record holds.
"""

import html

from usclet import model
from usclet.export import FACT_WORDS, MARKS, SIDE_NAMES, date_label, disputed_marks, unique_conflicts



def date_object(iso):
    """A TimelineJS date object with only the parts an ISO date of any precision gives."""
    parts = [int(part) for part in iso.split("-")]
    return dict(zip(("year", "month", "day"), parts))


def document(selection, title="U.S.–Cuba law-enforcement cooperation: the record"):
    conflicts = unique_conflicts(selection.conflicts)
    marks = disputed_marks(conflicts)
    slides = []
    for event in selection.events:
        if not event.get("date"):
            continue  # TimelineJS places every slide on the axis: an undated event has no place on it
        claims = selection.claims_of(event["id"])
        disputed = marks.get(event["id"], [])
        headline = html.escape(event["name"]) + "".join(f" ({words})" for words in disputed)
        slide = {
            "unique_id": event["id"],
            "start_date": date_object(event["date"]),
            "text": {"headline": headline, "text": _text(event, claims, conflicts)},
            "group": event["kind"],
            "display_date": date_label(event),
        }
        if event.get("end_date"):
            slide["end_date"] = date_object(event["end_date"])
        slides.append(slide)
    events = len(slides)
    return {
        "title": {"text": {"headline": html.escape(title),
                           "text": f"<p>{events} events; each slide names its sources and the sides whose "
                                   "accounts the record holds. Counts are of independent sources.</p>"}},
        "events": slides,
        "scale": "human",
    }


def _text(event, claims, conflicts):
    """HTML for a slide (TimelineJS renders it as HTML, so every value is escaped)."""
    lines = []
    if event.get("place"):
        lines.append(f"<p>Place: {html.escape(event['place'])}</p>")
    sources = event.get("sources") or []
    lines.append(f"<p>Sources ({len(sources)}): {html.escape('; '.join(sources)) or 'none in the record'}</p>")
    sides = {}
    for claim in claims:
        for item in claim["evidence"]:
            sides.setdefault(item["side"], [])
            if item["origin"] not in sides[item["side"]]:
                sides[item["side"]].append(item["origin"])
    for side in SIDE_NAMES:
        if side in sides:
            lines.append(f"<p>{model.SIDE_ACCOUNTS[side]}: {html.escape('; '.join(sides[side]))}</p>")
    silent = [SIDE_NAMES[side] for side in ("us", "cuba") if side not in sides]
    if silent:
        lines.append(f"<p>No {' or '.join(silent)} statement in the record.</p>")
    ordinal = (event.get("identity") or {}).get("ordinal") or {}
    for value in ordinal.get("values") or ():
        lines.append(f"<p>Numbered {html.escape(str(value['value']))} by {html.escape(', '.join(value['origins']))}"
                     f" ({html.escape(ordinal['status'])})</p>")
    for conflict in conflicts:  # the date or number sources dispute, with who gives each value
        if event["id"] not in conflict["events"] or conflict["field"] not in MARKS:
            continue
        values = model.per_origins(conflict["values"], " vs ")
        lines.append(f"<p>Sources differ on {html.escape(FACT_WORDS[conflict['field']])}: {html.escape(values)}</p>")
    return "".join(lines)
