"""`usclet export`: the record for its readers, in the formats their tools read."""

import sys
from pathlib import Path

import click

from usclet.cli.completion import event_ids
from usclet.cli.filters import filter_options
from usclet.cli.store import open_store
from usclet.errors import BadInput, ExitStatus, StoreError
from usclet.export import checked_desk, desk_of, select
from usclet.export import claimreview as to_claimreview, html as to_html, sqlite as to_sqlite, timeline as to_timeline
from usclet.record.listings import Filters
from usclet.render import progress
from usclet.store.files import replace_atomically


def export_options(command):
    """The usual filters, --event, and --quiet: what every export takes."""
    command = click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")(command)
    command = click.option("--event", "event_id", metavar="EVENT_ID", shell_complete=event_ids,
                           help="Only this event and its claims.")(command)
    return filter_options(command)


def out_option(command):
    return click.option("--out", "-o", type=click.Path(dir_okay=False, writable=True), metavar="PATH",
                        help="Write to PATH (replaced whole) instead of standard output.")(command)


@click.group("export")
def export():
    """Export the record for its readers: fact-checkers (claimreview), researchers
    (sqlite), timeline makers (timeline) and anyone with a browser (html).

    Each takes the usual filters (--since, --until, --side, --topic) and --event. An
    export only reads the record; claimreview and html keep the desk's --publisher,
    --publisher-url and --base-url in the store's settings. claimreview rates sourcing,
    not truth.

    \b
    Examples:
      usclet export claimreview --out claims.jsonld
      usclet export sqlite record.db && datasette record.db
      usclet export timeline --since 2017 > timeline.json
      usclet export html report/ && open report/index.html
    """


def desk_options(command):
    """The fact-checking desk that publishes the record: given once, kept in the store."""
    command = click.option("--base-url", metavar="URL",
                           help="Where the HTML report is published (its folder); reviews link to their claim there. "
                                "Kept in the store.")(command)
    command = click.option("--publisher-url", metavar="URL", help="The desk's home page. Kept in the store.")(command)
    return click.option("--publisher", metavar="NAME",
                        help="The fact-checking desk that publishes the reviews. Kept in the store.")(command)


def _selection(since, until, side, topic, event_id):
    filters = Filters(since, until, side, topic)
    store = open_store()
    return select(store, filters, event_id)


def _desk(store, publisher, publisher_url, base_url):
    """The desk's settings: those given now are checked and kept in the store's settings (a
    logged change, so `usclet undo` takes it back), the others as the store keeps them."""
    given = checked_desk({"publisher": publisher, "publisher_url": publisher_url, "base_url": base_url})
    kept = desk_of(store)
    if given and any(kept.get(name) != value for name, value in given.items()):
        with store.transaction() as tx:
            tx.meta["publishing"] = {name: value for name, value in {**kept, **given}.items() if value}
        kept.update(given)
    return kept


def _write_text(text, out, quiet, what):
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    target = Path(out)
    if target.is_dir():
        raise BadInput(f"--out {out} is a folder; give a file name")
    if not target.parent.exists():
        raise BadInput(f"--out {out}: the folder {target.parent} does not exist")
    try:
        replace_atomically(target, text, backup=False)
    except StoreError as error:
        raise BadInput(f"--out {out}: {error}") from None
    if not quiet:
        click.echo(f"wrote {out}: {what}", err=True)


def _json(document):
    import json

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _status(selection):
    if not selection.claims and not selection.events:
        click.echo("usclet: no events or claims match", err=True)
        return ExitStatus.NOTHING_FOUND
    return ExitStatus.OK


@export.command("claimreview")
@export_options
@desk_options
@out_option
def claimreview(since, until, side, topic, event_id, quiet, publisher, publisher_url, base_url, out):
    """schema.org ClaimReview JSON-LD, as a fact-checking desk publishes it: one ClaimReview
    per claim, at the claim's anchor on the published report (--base-url), by the desk
    (--publisher, --publisher-url), embedding the Claim (its text, authors, first and every
    appearance). The rating says in words how the record sources the claim and where
    sources differ ("Corroborated by 2 independent sources", "Single source: ..."): it
    rates sourcing, never truth, and carries no number.

    \b
    Examples:
      usclet export claimreview --publisher "Desk" --publisher-url https://desk.example/ \\
          --base-url https://desk.example/usclet/ --out claims.jsonld
      usclet export claimreview --event led-2017-12-12
      usclet export claimreview --side cuba --since 2023 | jq '.["@graph"] | length'
    """
    selection = _selection(since, until, side, topic, event_id)
    desk = _desk(selection.store, publisher, publisher_url, base_url)
    if not desk.get("base_url") and not quiet:
        click.echo("usclet: no --base-url kept: each review's url is relative to the report's folder", err=True)
    with progress.bar("claims", len(selection.claims), quiet):
        document = to_claimreview.document(selection, desk)
    _write_text(_json(document), out, quiet, f"{len(selection.claims)} claims and their reviews")
    return _status(selection)


@export.command("timeline")
@export_options
@out_option
def timeline(since, until, side, topic, event_id, quiet, out):
    """TimelineJS3 JSON: one slide per dated event, at the precision the record knows (a
    month stays a month), grouped by kind, each naming its sources and sides.

    \b
    Examples:
      usclet export timeline --out timeline.json
      usclet export timeline --since 2017 --until 2018
    """
    selection = _selection(since, until, side, topic, event_id)
    document = to_timeline.document(selection)
    _write_text(_json(document), out, quiet, f"{len(document['events'])} events")
    return _status(selection)


@export.command("sqlite")
@click.argument("target", metavar="FILE.db", type=click.Path(dir_okay=False))
@export_options
def sqlite(target, since, until, side, topic, event_id, quiet):
    """A SQLite file in the SQLite engine's own schema: a usable store (`usclet --db
    FILE.db ...`) that Datasette reads, with tables articles, events, claims, evidence
    (one row per quote), conflicts and fact_conflicts, keys, the view claim_sources and
    full-text search on quotes. An existing FILE.db is replaced atomically.

    \b
    Examples:
      usclet export sqlite record.db
      usclet export sqlite 2017.db --since 2017 --until 2017
      datasette record.db
    """
    selection = _selection(since, until, side, topic, event_id)
    to_sqlite.check_target(target, selection.store)
    chosen = to_sqlite.records(selection)
    total = sum(len(rows) for rows in chosen.values())
    with progress.bar(f"writing {target}", total, quiet) as advance:
        counts = to_sqlite.write(selection, target, advance)
    if not quiet:
        click.echo(f"wrote {target}: {counts['articles']} articles, {counts['events']} events, {counts['claims']} claims, "
                   f"{counts['evidence']} quotes, {counts['conflicts']} conflicts", err=True)
    return _status(selection)


@export.command("html")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
@export_options
@desk_options
def html(folder, since, until, side, topic, event_id, quiet, publisher, publisher_url, base_url):
    """A static report that works offline, from a file:// URL, ready to publish: DIR/index.html
    (the record's conflicts, each once, and a timeline of the events) and one page per
    event, DIR/events/ID.html (the U.S., Cuban and independent accounts side by side, its
    source counts, its conflicts and every quote in its sentence, linked to its article).
    Every page carries the ClaimReview JSON-LD of the claims it shows.

    \b
    Examples:
      usclet export html report
      usclet export html report --publisher "Desk" --base-url https://desk.example/usclet/
      usclet export html dialogues-2017 --since 2017 --until 2017
    """
    selection = _selection(since, until, side, topic, event_id)
    to_html.check_target(folder)
    desk = _desk(selection.store, publisher, publisher_url, base_url)
    with progress.bar(f"writing {folder}", len(selection.events), quiet) as advance:
        page = to_html.write(selection, folder, desk, advance)
    if not quiet:
        click.echo(f"wrote {page} and {len(selection.events)} event pages: {len(selection.events)} events, "
                   f"{len(selection.claims)} claims, {len(to_html.unique_conflicts(selection.conflicts))} conflicts",
                   err=True)
    return _status(selection)
