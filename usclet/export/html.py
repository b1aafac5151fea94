"""A static, self-contained report: one `index.html` that works offline and from a file://
URL. No script, no font, no image, no style sheet is fetched: the style is inline, and the
page's Content-Security-Policy forbids every request and every script, so even markup that
escaped escaping could not run or call out. Every text from the record is escaped.

The page holds a visual timeline of the events; for each event its U.S., Cuban and
independent accounts side by side, its source counts, its conflicts, and every quote in
its sentence, highlighted, linked to the article it comes from (its URL when the record
knows it). Claims of no event come last.
"""

import html
from pathlib import Path

from usclet import dates
from usclet.errors import BadInput
from usclet.store.files import replace_atomically
from usclet.export import SIDE_NAMES, appeared, date_label, sourcing
from usclet.render.cells import sanitize


def escape(text):
    """Text for the page: markup escaped, and control characters (ESC, BEL, ...), which HTML
    forbids and which would reach a terminal showing the file, written as \\xNN."""
    return html.escape(sanitize(text))


PAGE = "index.html"
ACCOUNTS = (("us", "U.S. account"), ("cuba", "Cuban account"), ("independent", "Independent accounts"))
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; }
main, header.page, footer { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
header.page { padding-top: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .5rem; }
h3 { font-size: 1.05rem; margin: .25rem 0 .5rem; }
a { color: #0b4f9c; }
a:focus, summary:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.note { background: #fff4ce; border-left: 4px solid #8a6100; padding: .5rem .75rem; }
.muted { color: #4a4a4a; }
ol.axis { list-style: none; margin: 1rem 0; padding: 0 0 0 1.25rem; border-left: 3px solid #4a4a4a; }
ol.axis li.year { font-weight: 700; margin: .75rem 0 .25rem -1.25rem; padding-left: .25rem; }
ol.axis li.item { position: relative; margin: .2rem 0; }
ol.axis li.item::before { content: ""; position: absolute; left: calc(-1.25rem - 11px); top: .45rem; width: .8rem; height: .8rem;
  border-radius: 50%; background: #fff; border: 3px solid #0b4f9c; }
ol.axis li.dialogue::before { background: #0b4f9c; border-radius: 2px; transform: rotate(45deg); }
.date { font-variant-numeric: tabular-nums; color: #333; margin-right: .5rem; }
section.event { border-top: 2px solid #d0d0d0; padding: 1rem 0; }
.accounts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; margin: .75rem 0; }
.account { background: #f6f7f9; border: 1px solid #d0d4da; border-radius: 6px; padding: .75rem; min-width: 0; }
.account.silent { background: #fff; border-style: dashed; }
.claim { margin: 0 0 1rem; }
.claim p { margin: .25rem 0; }
.rating { display: inline-block; font-size: .85rem; padding: 0 .4rem; border-radius: 4px; border: 1px solid #4a4a4a; }
.rating-1 { background: #fde2e1; } .rating-2 { background: #fff4ce; } .rating-3 { background: #dff3e4; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 4px solid #8a8f98; background: #fff; overflow-wrap: anywhere; }
mark { background: #ffe066; color: #000; padding: 0 .1rem; }
cite { font-style: normal; font-size: .9rem; display: block; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
th, td { border: 1px solid #b8bcc4; padding: .3rem .5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #eceef2; }
@media (max-width: 800px) {
  .accounts { grid-template-columns: 1fr; }
  h1 { font-size: 1.35rem; }
  table, thead, tbody, tr, th, td { font-size: .9rem; }
}
"""


def check_target(folder):
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder} is a file; export html writes a folder (its {PAGE})")
    if not folder.parent.exists():
        raise BadInput(f"{folder.parent} does not exist; create it first")


def write(selection, folder, progress=None):
    """Writes `folder`/index.html (atomically); returns its path."""
    from usclet.record import queries

    folder = Path(folder)
    folder.mkdir(exist_ok=True)
    page = folder / PAGE
    body = render(selection, lambda item: queries.evidence_in_context(selection.store, item), progress)
    replace_atomically(page, body, backup=False)
    return page


def render(selection, in_context, progress=None):
    """The page's HTML. `in_context(evidence)` gives a quote's sentence (the query layer's)."""
    contested = selection.contested()
    events = [event for event in selection.events]
    loose = [claim for claim in selection.claims if not claim.get("event")]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>U.S.–Cuba law-enforcement cooperation: the record</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#events">Skip to the events</a>',
        '<header class="page">',
        "<h1>U.S.–Cuba law-enforcement cooperation: the record</h1>",
        f'<p>{len(events)} events, {len(selection.claims)} claims, {len(selection.conflicts)} conflicts, '
        f'{sum(len(c["evidence"]) for c in selection.claims)} quotes from {len(selection.articles)} articles. '
        "Every claim is anchored to the exact words of its source, shown in their sentence.</p>",
        '<p class="note"><strong>Sourcing, not truth.</strong> Each claim is rated by how the record sources it: '
        "corroborated (two or more independent sources), single source, or contested (another claim gives another "
        "value). A reporting article is not an independent source of what it quotes. The rating says nothing of "
        "whether a claim is true.</p>",
        "</header>",
        "<main>",
        '<section aria-labelledby="timeline-heading">',
        '<h2 id="timeline-heading">Timeline</h2>',
        _axis(events),
        "</section>",
        '<div id="events">',
    ]
    for event in events:
        parts.append(_event(event, selection, contested, in_context))
        if progress:
            progress(1)
    if loose:
        parts.append('<section class="event" id="no-event" aria-labelledby="h-no-event">')
        parts.append('<h2 id="h-no-event">Claims of no event</h2>')
        parts.append(_accounts(loose, selection, contested, in_context, "no-event"))
        loose_conflicts = [c for c in selection.conflicts if c["event"] is None]
        if loose_conflicts:
            parts.append(_conflicts(loose_conflicts, "no-event"))
        parts.append("</section>")
    parts += ["</div>", "</main>",
              '<footer><p class="muted">Made with usclet from the record of dated, source-anchored claims. '
              "Counts are of distinct independent origins.</p></footer>",
              "</body>", "</html>", ""]
    return "\n".join(parts)


def _axis(events):
    """The events on a vertical time axis, year by year, each linked to its section."""
    lines = ['<ol class="axis">']
    year = None
    for event in events:
        this_year = event["date"][:4] if event.get("date") else "undated"
        if this_year != year:
            year = this_year
            lines.append(f'<li class="year" aria-hidden="true">{escape(year)}</li>')
        kind = "dialogue" if event.get("kind") == "dialogue" else "other"
        lines.append(f'<li class="item {kind}"><span class="date">{escape(date_label(event))}</span>'
                     f'<a href="#event-{escape(event["id"])}">{escape(event["name"])}</a> '
                     f'<span class="muted">({escape(event["kind"])}; {_sources(len(event.get("sources") or []))})</span></li>')
    lines.append("</ol>")
    return "\n".join(lines)


def _sources(count):
    return "1 source" if count == 1 else f"{count} independent sources"


def _event(event, selection, contested, in_context):
    anchor = f"event-{event['id']}"
    claims = selection.claims_of(event["id"])
    lines = [f'<section class="event" id="{escape(anchor)}" aria-labelledby="h-{escape(anchor)}">',
             f'<h2 id="h-{escape(anchor)}"><span class="date">{escape(date_label(event))}</span> {escape(event["name"])}</h2>']
    facts = [("Id", event["id"]), ("Kind", event.get("kind")), ("Place", event.get("place"))]
    ordinal = (event.get("identity") or {}).get("ordinal") or {}
    if ordinal.get("status") == "settled":
        facts.append(("Number", str(ordinal["value"])))
    elif ordinal.get("values"):
        facts.append(("Number", f"{ordinal['status']}: " + "; ".join(
            f"{v['value']} per {', '.join(v['origins'])}" for v in ordinal["values"])))
    lines.append('<p class="muted">' + " · ".join(f"{escape(label)}: {escape(str(value))}"
                                                  for label, value in facts if value) + "</p>")
    lines.append(_source_counts(event, claims, anchor))
    conflicts = [c for c in selection.conflicts if c["event"] == event["id"]]
    if conflicts:
        lines.append(_conflicts(conflicts, anchor))
    lines.append(_accounts(claims, selection, contested, in_context, anchor))
    lines.append("</section>")
    return "\n".join(lines)


def _source_counts(event, claims, anchor):
    rows = {}
    for claim in claims:
        for item in claim["evidence"]:
            row = rows.setdefault(item["origin"], {"sides": [], "claims": []})
            if item["side"] not in row["sides"]:
                row["sides"].append(item["side"])
            if claim["id"] not in row["claims"]:
                row["claims"].append(claim["id"])
    lines = ['<table class="sources">',
             f'<caption>Sources: {_sources(len(event.get("sources") or []))}</caption>',
             '<thead><tr><th scope="col">Source</th><th scope="col">Side</th><th scope="col">Claims</th></tr></thead>',
             "<tbody>"]
    for origin, row in rows.items():
        sides = ", ".join(SIDE_NAMES[side] for side in row["sides"])
        lines.append(f'<tr><th scope="row">{escape(origin)}</th><td>{escape(sides)}</td><td>{len(row["claims"])}</td></tr>')
    if not rows:
        lines.append('<tr><td colspan="3">No claim of this event in the selection.</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _conflicts(conflicts, anchor):
    lines = ['<table class="conflicts">', f"<caption>Conflicts ({len(conflicts)})</caption>",
             '<thead><tr><th scope="col">Fact</th><th scope="col">Values and who gives them</th>'
             '<th scope="col">Claims</th></tr></thead>', "<tbody>"]
    for conflict in conflicts:
        if conflict["field"] == "claims":
            values = " <strong>vs</strong> ".join(escape(text or claim_id)
                                                for claim_id, text in zip(conflict["claims"], conflict["texts"]))
            claims = conflict["claims"]
            fact = "claims contradict each other"
        else:
            values = " <strong>vs</strong> ".join(
                f'{escape(str(value["value"]))} ({escape(", ".join(value["origins"]))})' for value in conflict["values"])
            claims = [claim for value in conflict["values"] for claim in value["claims"]]
            fact = conflict["field"]
        links = ", ".join(f'<a href="#claim-{escape(claim)}">{escape(claim)}</a>' for claim in claims)
        lines.append(f'<tr><th scope="row">{escape(fact)}</th><td>{values}</td><td>{links}</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _accounts(claims, selection, contested, in_context, anchor):
    lines = ['<div class="accounts">']
    for side, title in ACCOUNTS:
        mine = [claim for claim in claims if side in {item["side"] for item in claim["evidence"]}]
        heading = f"h-{anchor}-{side}"
        silent = " silent" if not mine else ""
        lines.append(f'<section class="account{silent}" aria-labelledby="{escape(heading)}">')
        lines.append(f'<h3 id="{escape(heading)}">{escape(title)}</h3>')
        if not mine:
            lines.append(f'<p class="muted">No {escape(SIDE_NAMES[side])} statement in the record.</p>')
        for claim in sorted(mine, key=lambda c: dates.sort_key(c.get("date"))):
            lines.append(_claim(claim, side, selection, contested, in_context))
        lines.append("</section>")
    lines.append("</div>")
    return "\n".join(lines)


def _claim(claim, side, selection, contested, in_context):
    value, words = sourcing(claim, contested)
    lines = [f'<div class="claim" id="claim-{escape(claim["id"])}-{side}">' if side != _first_side(claim)
             else f'<div class="claim" id="claim-{escape(claim["id"])}">',
             f'<p><strong>{escape(claim["text"])}</strong></p>',
             f'<p><span class="rating rating-{value}">{escape(words)}</span> '
             f'<span class="muted">{escape(date_label(claim))} · {escape(claim["id"])} · sources: '
             f'{escape("; ".join(claim["sources"]))}</span></p>']
    for item in claim["evidence"]:
        if item["side"] != side:
            continue
        lines.append(_quote(item, selection.articles.get(item["article"]) or {}, in_context(item)))
    lines.append("</div>")
    return "\n".join(lines)


def _first_side(claim):
    return min((item["side"] for item in claim["evidence"]), key=list(SIDE_NAMES).index)


def _quote(item, article, shown):
    context = shown.get("context")
    if context:
        words = f'{escape(context["before"])}<mark>{escape(context["quote"])}</mark>{escape(context["after"])}'
    else:
        words = f'<mark>{escape(item["quote"])}</mark>'
    title = article.get("title") or item["article"]
    if (article.get("url") or "").lower().startswith(("https://", "http://")):  # never a javascript: link
        where = f'<a href="{escape(article["url"])}">{escape(title)}</a>'
    else:
        where = f'{escape(title)} <span class="muted">(no URL in the record; {escape(item["file"])} ' \
                f'[{item["start"]}:{item["end"]}])</span>'
    when = appeared(item)
    said = f", {escape(when)}" if when else ""
    publisher = f", {escape(article['publisher'])}" if article.get("publisher") else ""
    return (f"<blockquote>{words}</blockquote>"
            f'<cite>{escape(item["speaker"])} (origin: {escape(item["origin"])}) in {where}{publisher}{said}</cite>')
