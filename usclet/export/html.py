"""A static, self-contained report that works offline and from a file:// URL, as a
fact-checking desk publishes it: `index.html` (the record's conflicts, each once, a
timeline of the events, the claims of no event) and one page per event,
`events/<event id>.html` (its accounts side by side, source counts, conflicts, and every
quote in its sentence). Each claim has a stable anchor, `#claim-<claim id>`, where its
ClaimReview is published: every page carries the ClaimReview JSON-LD of the claims it
shows, the same graph as `usclet export claimreview`.

No script runs, no font, image or style sheet is fetched: the style is inline, and each
page's Content-Security-Policy forbids every request and every script (the JSON-LD is a
data block, never executed). Every text from the record is escaped, and control
characters from article text never reach a page.
"""

import html
import json
from pathlib import Path

from usclet import dates, model
from usclet.errors import BadInput
from usclet.record.show import evidence_in_context
from usclet.store.files import replace_atomically
from usclet.export import FACT_WORDS, SIDE_NAMES, appeared, date_label, disputed_marks, disputes, page_of, sourcing
from usclet.export import unique_conflicts
from usclet.export import claimreview
from usclet.render.cells import sanitize

PAGE = "index.html"
TITLE = "U.S.–Cuba law-enforcement cooperation: the record"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
STYLE = """
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; }
main, header.page, footer, nav.back { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
header.page { padding-top: 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .5rem 0; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 0 0 .5rem; }
h3 { font-size: 1.05rem; margin: .25rem 0 .5rem; }
a { color: #0b4f9c; }
a:focus, summary:focus { outline: 3px solid #b35900; outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
.note { background: #fff4ce; border-left: 4px solid #8a6100; padding: .5rem .75rem; }
.disputed { background: #fde2e1; border: 1px solid #a3282b; border-radius: 4px; padding: 0 .3rem; font-size: .85rem; }
.muted { color: #4a4a4a; }
ol.axis { list-style: none; margin: 1rem 0; padding: 0 0 0 1.25rem; border-left: 3px solid #4a4a4a; }
ol.axis li.year { font-weight: 700; margin: .75rem 0 .25rem -1.25rem; padding-left: .25rem; }
ol.axis li.item { position: relative; margin: .2rem 0; }
ol.axis li.item::before { content: ""; position: absolute; left: calc(-1.25rem - 11px); top: .45rem; width: .8rem; height: .8rem;
  border-radius: 50%; background: #fff; border: 3px solid #0b4f9c; }
ol.axis li.dialogue::before { background: #0b4f9c; border-radius: 2px; transform: rotate(45deg); }
.date { font-variant-numeric: tabular-nums; color: #333; margin-right: .5rem; white-space: nowrap; }
section.event { border-top: 2px solid #d0d0d0; padding: 1rem 0; }
.accounts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; margin: .75rem 0; }
.account { background: #f6f7f9; border: 1px solid #d0d4da; border-radius: 6px; padding: .75rem; min-width: 0; }
.account.silent { background: #fff; border-style: dashed; }
.claim { margin: 0 0 1rem; }
.claim p { margin: .25rem 0; }
.rating { display: inline-block; font-size: .85rem; padding: 0 .4rem; border-radius: 4px; border: 1px solid #4a4a4a; background: #eef3fb; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 4px solid #8a8f98; background: #fff; overflow-wrap: break-word; }
mark { background: #ffe066; color: #000; padding: 0 .1rem; }
cite { font-style: normal; font-size: .9rem; display: block; overflow-wrap: break-word; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: .25rem 0; }
/* cells wrap between words only: a column is never narrower than its longest word */
th, td { border: 1px solid #b8bcc4; padding: .3rem .5rem; text-align: left; vertical-align: top;
  overflow-wrap: normal; word-break: normal; hyphens: manual; }
th { background: #eceef2; }
@media (max-width: 800px) {
  .accounts { grid-template-columns: 1fr; }
  h1 { font-size: 1.35rem; }
  /* on a phone a table becomes one block per row, each cell on its own line under its label */
  table, thead, tbody, tr, th, td, caption { display: block; width: 100%; }
  thead { position: absolute; left: -9999px; }
  tr { border: 1px solid #b8bcc4; margin: 0 0 .5rem; }
  th, td { border: 0; border-top: 1px solid #e0e2e6; font-size: .9rem; }
  td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
}
"""


def escape(text):
    """Text for the page: markup escaped, and control characters (ESC, BEL, ...), which HTML
    forbids and which would reach a terminal showing the file, written as \\xNN."""
    return html.escape(sanitize(str(text)))


def check_target(folder):
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise BadInput(f"{folder} is a file; export html writes a folder (its {PAGE})")
    if not folder.parent.exists():
        raise BadInput(f"{folder.parent} does not exist; create it first")


def write(selection, folder, desk, progress=None):
    """Writes `folder`/index.html and `folder`/events/<id>.html (each atomically); returns
    the index's path."""
    folder = Path(folder)
    (folder / "events").mkdir(parents=True, exist_ok=True)

    def in_context(item):
        return dict(evidence_in_context(selection.store, item), article=selection.articles.get(item["article"]) or {})

    pages = render(selection, in_context, desk, progress)
    for name, body in pages.items():
        replace_atomically(folder / name, body, backup=False)
    return folder / PAGE


def render(selection, in_context, desk, progress=None):
    """{page path relative to the report: its HTML}. `in_context(evidence)` gives a quote's
    sentence (the query layer's)."""
    disputed = disputes(selection)
    reviews = {review["itemReviewed"]["identifier"]: review
               for review in claimreview.document(selection, desk)["@graph"]}
    conflicts = unique_conflicts(selection.conflicts)
    marks = disputed_marks(conflicts)
    event_of = _events_of_claims(selection, conflicts)
    pages = {}
    for event in selection.events:
        claims = selection.claims_of(event["id"])
        body = [f'<nav class="back"><p><a href="../{PAGE}">The record</a> › {escape(event["name"])}</p></nav>',
                "<main>", _event(event, claims, conflicts, marks, disputed, in_context, event_of), "</main>"]
        pages[page_of(event["id"])] = _page(f"{date_label(event)} {event['name']}", body, claims, reviews, "../")
        if progress:
            progress(1)
    loose = [claim for claim in selection.claims if not claim.get("event")]
    quotes = sum(len(c["evidence"]) for c in selection.claims)
    body = [
        '<a class="skip" href="#timeline-heading">Skip to the timeline</a>',
        '<header class="page">',
        f"<h1>{escape(TITLE)}</h1>",
        f'<p>{len(selection.events)} events, {len(selection.claims)} claims, {len(conflicts)} conflicts, '
        f'{quotes} quotes from {len(selection.articles)} articles. '
        "Every claim is anchored to the exact words of its source, shown in their sentence.</p>",
        _publisher_line(desk),
        '<p class="note"><strong>Sourcing, not truth.</strong> Each claim says how the record sources it: '
        "corroborated by two or more independent sources, or a single source named, and the facts on which sources "
        "differ. A report that relays a release is not an independent source of it. None of this says whether a "
        "claim is true.</p>",
        "</header>",
        "<main>",
        '<section aria-labelledby="conflicts-heading">',
        '<h2 id="conflicts-heading">Where sources differ</h2>',
        _conflicts(conflicts, None, event_of) if conflicts else "<p>No source contradicts another in this selection.</p>",
        "</section>",
        '<section aria-labelledby="timeline-heading">',
        '<h2 id="timeline-heading">Timeline</h2>',
        _axis(selection.events, marks),
        "</section>",
    ]
    if loose:
        body += ['<section class="event" id="no-event" aria-labelledby="h-no-event">',
                 '<h2 id="h-no-event">Claims of no event</h2>',
                 _accounts(loose, disputed, in_context, selection, ""), "</section>"]
    body.append("</main>")
    pages[PAGE] = _page(TITLE, body, loose, reviews, "")
    return pages


def _page(title, body, claims, reviews, root):
    graph = [reviews[claim["id"]] for claim in claims if claim["id"] in reviews]
    data = json.dumps({"@context": claimreview.CONTEXT, "@graph": graph}, ensure_ascii=False, indent=1)
    data = data.replace("<", "\\u003c")  # nothing in the data can close its script element
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        f'<script type="application/ld+json">{data}</script>',
        "</head>",
        "<body>",
        *body,
        '<footer><p class="muted">Made with usclet from the record of dated, source-anchored claims. '
        f'Counts are of independent sources. <a href="{root}{PAGE}">The whole record</a>.</p></footer>',
        "</body>", "</html>", ""])


def _publisher_line(desk):
    if not desk.get("publisher"):
        return ""
    name = escape(desk["publisher"])
    if desk.get("publisher_url"):
        name = f'<a href="{escape(desk["publisher_url"])}">{name}</a>'
    return f'<p class="muted">Published by {name}.</p>'


def _events_of_claims(selection, conflicts):
    """{claim id: its event} for the claims shown and those the conflicts name."""
    event_of = {claim["id"]: claim.get("event") for claim in selection.claims}
    for conflict in conflicts:
        named = conflict["claims"] if conflict["field"] == "claims" else [
            claim for value in conflict["values"] for claim in value["claims"]]
        for claim_id in named:
            if claim_id not in event_of:
                found = selection.store.get(claim_id)
                event_of[claim_id] = found[1].get("event") if found and found[0] == "claim" else None
    return event_of


def _axis(events, marks):
    """The events on a vertical time axis, year by year, each linked to its page, with what
    sources dispute about it."""
    lines = ['<ol class="axis">']
    year = None
    for event in events:
        this_year = event["date"][:4] if event.get("date") else "undated"
        if this_year != year:
            year = this_year
            lines.append(f'<li class="year" aria-hidden="true">{escape(year)}</li>')
        kind = "dialogue" if event.get("kind") == "dialogue" else "other"
        flags = "".join(f' <span class="disputed">{escape(words)}</span>' for words in marks.get(event["id"], ()))
        lines.append(f'<li class="item {kind}" id="event-{escape(event["id"])}"><span class="date">'
                     f'{escape(date_label(event))}</span>'
                     f'<a href="{escape(page_of(event["id"]))}">{escape(event["name"])}</a>{flags} '
                     f'<span class="muted">({escape(event["kind"])}; {_sources(len(event.get("sources") or []))})</span></li>')
    lines.append("</ol>")
    return "\n".join(lines)


def _sources(count):
    return "1 source" if count == 1 else f"{count} independent sources"


def _event(event, claims, conflicts, marks, disputed, in_context, event_of):
    anchor = f"event-{event['id']}"
    flags = "".join(f' <span class="disputed">{escape(words)}</span>' for words in marks.get(event["id"], ()))
    lines = [f'<section class="event" id="{escape(anchor)}" aria-labelledby="h-{escape(anchor)}">',
             f'<h1 id="h-{escape(anchor)}"><span class="date">{escape(date_label(event))}</span> '
             f'{escape(event["name"])}{flags}</h1>']
    facts = [("Id", event["id"]), ("Kind", event.get("kind")), ("Place", event.get("place"))]
    ordinal = (event.get("identity") or {}).get("ordinal") or {}
    if ordinal.get("status") == "settled":
        facts.append(("Number", str(ordinal["value"])))
    elif ordinal.get("values"):
        facts.append(("Number", f"{ordinal['status']}: " + model.per_origins(ordinal["values"])))
    lines.append('<p class="muted">' + " · ".join(f"{escape(label)}: {escape(str(value))}"
                                                  for label, value in facts if value) + "</p>")
    lines.append(_source_counts(event, claims))
    mine = [c for c in conflicts if event["id"] in c["events"]]
    if mine:
        lines.append(_conflicts(mine, event["id"], event_of))
    lines.append(_accounts(claims, disputed, in_context, None, anchor))
    lines.append("</section>")
    return "\n".join(lines)


def _source_counts(event, claims):
    rows = {}  # one row per independent source (a chain), with whoever relays it
    for claim in claims:
        for chain in model.chains_of(claim):
            row = rows.setdefault(chain["source"], {"sides": [], "claims": [], "relayed_by": []})
            row["relayed_by"].extend(o for o in chain["relayed_by"] if o not in row["relayed_by"])
            for item in claim["evidence"]:
                if model.root_of(item) == chain["source"] and item["side"] not in row["sides"]:
                    row["sides"].append(item["side"])
            if claim["id"] not in row["claims"]:
                row["claims"].append(claim["id"])
    lines = ['<table class="sources">',
             f'<caption>Sources: {_sources(len(event.get("sources") or []))}</caption>',
             '<thead><tr><th scope="col">Source</th><th scope="col">Side</th><th scope="col">Claims</th></tr></thead>',
             "<tbody>"]
    for origin, row in rows.items():
        sides = ", ".join(SIDE_NAMES[side] for side in row["sides"])
        relayed = f" (relayed by {', '.join(row['relayed_by'])})" if row["relayed_by"] else ""
        lines.append(f'<tr><th scope="row">{escape(origin + relayed)}</th><td data-label="Side">{escape(sides)}</td>'
                     f'<td data-label="Claims">{len(row["claims"])}</td></tr>')
    if not rows:
        lines.append('<tr><td colspan="3">No claim of this event in the selection.</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _conflicts(conflicts, here, event_of):
    """The conflicts as a table, each once: the fact, each value with who gives it, and the
    claims it touches, linked to their anchors (`here` the event whose page this is, None on
    the index; `event_of` {claim id: its event})."""
    lines = ['<table class="conflicts">', f"<caption>Conflicts ({len(conflicts)})</caption>",
             '<thead><tr><th scope="col">Fact</th><th scope="col">Values and who gives them</th>'
             '<th scope="col">Claims</th></tr></thead>', "<tbody>"]
    for conflict in conflicts:
        if conflict["field"] == "claims":
            values = " <strong>vs</strong> ".join(escape(text or claim_id)
                                                for claim_id, text in zip(conflict["claims"], conflict["texts"]))
            claims = conflict["claims"]
        else:
            values = " <strong>vs</strong> ".join(
                f'{escape(str(value["value"]))} ({escape(", ".join(value["origins"]))})' for value in conflict["values"])
            claims = list(dict.fromkeys(claim for value in conflict["values"] for claim in value["claims"]))
        fact = FACT_WORDS.get(conflict["field"], conflict["field"])
        links = ", ".join(f'<a href="{escape(_claim_href(claim, event_of.get(claim), here))}">{escape(claim)}</a>'
                          for claim in claims)
        lines.append(f'<tr><th scope="row">{escape(fact[0].upper() + fact[1:])}</th><td data-label="Values">{values}</td>'
                     f'<td data-label="Claims">{links}</td></tr>')
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)


def _claim_href(claim_id, event_id, here):
    """A link to a claim's anchor from the page of event `here` (None: the index)."""
    if here is None:
        return f"{page_of(event_id)}#claim-{claim_id}"
    if event_id == here:
        return f"#claim-{claim_id}"
    return f"{event_id}.html#claim-{claim_id}" if event_id else f"../{PAGE}#claim-{claim_id}"


def _accounts(claims, disputed, in_context, selection, anchor):
    lines = ['<div class="accounts">']
    for side, title in model.SIDE_ACCOUNTS.items():
        mine = [claim for claim in claims if side in {item["side"] for item in claim["evidence"]}]
        heading = f"h-{anchor or 'no-event'}-{side}"
        silent = " silent" if not mine else ""
        lines.append(f'<section class="account{silent}" aria-labelledby="{escape(heading)}">')
        lines.append(f'<h3 id="{escape(heading)}">{escape(title)}</h3>')
        if not mine:
            lines.append(f'<p class="muted">No {escape(SIDE_NAMES[side])} statement in the record.</p>')
        for claim in sorted(mine, key=lambda c: dates.sort_key(c.get("date"))):
            lines.append(_claim(claim, side, disputed, in_context))
        lines.append("</section>")
    lines.append("</div>")
    return "\n".join(lines)


def _claim(claim, side, disputed, in_context):
    words = sourcing(claim, disputed.get(claim["id"], ()))
    anchor = f"claim-{claim['id']}" if side == _first_side(claim) else f"claim-{claim['id']}-{side}"
    lines = [f'<div class="claim" id="{escape(anchor)}">',
             f'<p><strong>{escape(claim["text"])}</strong></p>',
             f'<p><span class="rating">{escape(words)}</span> '
             f'<span class="muted">{escape(date_label(claim))} · {escape(claim["id"])}</span></p>']
    for item in claim["evidence"]:
        if item["side"] != side:
            continue
        lines.append(_quote(item, in_context(item)))
    lines.append("</div>")
    return "\n".join(lines)


def _first_side(claim):
    return min((item["side"] for item in claim["evidence"]), key=list(SIDE_NAMES).index)


def _quote(item, shown):
    context = shown.get("context")
    if context:
        words = f'{escape(context["before"])}<mark>{escape(context["quote"])}</mark>{escape(context["after"])}'
    else:
        words = f'<mark>{escape(item["quote"])}</mark>'
    article = shown.get("article") or {}
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
