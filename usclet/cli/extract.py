"""`usclet extract`: candidate claims from a new article."""

import click

from usclet.cli.options import Date, nothing_found, output_format
from usclet.cli.store import open_store
from usclet.record import matching, origins
from usclet.render import output
from usclet.render.cells import field, span
from usclet.text import extract as extraction

BASIS_LABELS = {"absolute": "absolute", "relative to the publication date": "publication",
                "from a footnote": "footnote", "from the surrounding context": "context"}


def _short(text, width=72):
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


EXTRACT_COLUMNS = [
    (lambda r: r["evidence"][0]["article"] or r["review"]["in_file"], "Article"),
    (lambda r: span(r) if r["date"] else None, "Date"),
    (lambda r: BASIS_LABELS.get(r["review"]["date_basis"]), "Basis"),
    (field("date_text"), "From"), (lambda r: r["evidence"][0]["speaker"], "Speaker"),
    (lambda r: r["evidence"][0]["side"], "Side"), (lambda r: _action(r), "Action"),
    (lambda r: _short(r["evidence"][0]["quote"]), "Quote"),
]
# csv is for spreadsheets and scripts: whole quotes, offsets, origins
EXTRACT_CSV_COLUMNS = [
    (lambda r: r["evidence"][0]["article"], "article"), (lambda r: r["evidence"][0]["start"], "start"),
    (lambda r: r["evidence"][0]["end"], "end"), (field("date"), "date"), (field("end_date"), "end_date"),
    (field("date_text"), "date_text"), (field("date_basis"), "date_basis"),
    (lambda r: r["evidence"][0]["speaker"], "speaker"), (lambda r: r["evidence"][0]["side"], "side"),
    (lambda r: r["evidence"][0]["origin"], "origin"), (field("event"), "event"),
    (lambda r: r.get("action"), "action"), (lambda r: (r.get("match") or {}).get("claim"), "claim"),
    (lambda r: (r.get("match") or {}).get("score"), "score"), (lambda r: (r.get("match") or {}).get("reason"), "reason"),
    (lambda r: r["evidence"][0]["quote"], "quote"),
]


def _action(candidate):
    """'attach C', 'conflict C', 'new' or 'skip': what import will do with it."""
    match = candidate.get("match") or {}
    action = candidate.get("action") or "new"
    return f"{action} {match['claim']}" if match.get("claim") and action != "new" else action


def _skip_undatable(results):
    """Candidates of a stored article that has no date, nor any its text gives, cannot say when their
    words appeared, which `import` requires: they are proposed as `skip`, saying why."""
    for record, _, found in results:
        if record.get("published") or record.get("published_earliest"):
            continue
        for candidate in found:
            item = candidate["evidence"][0]
            if item["article"] and not (item.get("said_on") or item.get("said_on_earliest")):
                candidate["action"] = "skip"
                candidate["match"] = {"claim": None, "score": None, "reason": (
                    f"article {record['id']} has no date, and its text gives none: add it again with --published, "
                    "or give each claim its said_on")}


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--published", type=Date(), metavar="DATE",
              help="The publication date, when the text does not state it; 'last Monday' counts from it.")
@click.option("--article", "article_id", metavar="ID",
              help="An article already added from FILE: keep its candidates, which then import as they are.")
@click.option("--publisher", metavar="NAME",
              help="Who published the file (not yet added): its own words are their account, e.g. a ministry's.")
@click.option("--side", type=click.Choice(["us", "cuba", "independent"]),
              help="The side the publisher speaks for, when usclet does not know it.")
@click.option("--origin", metavar="NAME", help="The origin the article's own words are, when not its publisher.")
@output_format
def extract(file, published, article_id, publisher, side, origin, fmt):
    """Propose candidate claims from a plain-text article: each sentence with a date
    or an attribution, its resolved date and the words it came from, speaker, side
    and origin guesses, and exact offsets. Review them, then feed them to `import`.

    \b
    Examples:
      usclet extract new-statement.txt --published 2024-04-18
      usclet extract release.txt --publisher "U.S. Department of State"
      usclet add article report.txt --title "Talks resume"     # added as a005-1
      usclet extract report.txt --article a005-1 --format jsonl > a005.jsonl
      usclet import a005.jsonl
    """
    store = open_store()
    registry = origins.Registry(store.meta())
    speaks = origins.voice_of(publisher, registry.entries, side, origin)
    results = extraction.extract_file(store, file, published, article_id, speaks, registry)
    candidates = [candidate for _, _, found in results for candidate in found]
    _skip_undatable(results)
    events = matching.propose(store, candidates)
    def human():
        output.draw("table", candidates, EXTRACT_COLUMNS, f"Candidate claims in {file}")
        for record, (date, basis), found in results:
            label = found[0]["review"]["in_file"] if found else record["id"]
            click.echo(f"{label}: published {date or 'unknown'} ({basis})")
        for event in events:
            click.echo(f"proposes new event {event['id']}: {event['name']}, {event['date']}", err=True)

    # events first: the claims that follow name them; the flat formats list the claims alone
    output.write(fmt, events + candidates, EXTRACT_CSV_COLUMNS if fmt == "csv" else EXTRACT_COLUMNS,
                 flat=lambda _: candidates, human=human)
    return nothing_found(candidates, f"candidate claims in {file}")
