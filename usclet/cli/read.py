"""The listings of the record: list, sources, timeline."""

import click

from usclet.cli.filters import filter_options
from usclet.cli.options import nothing_found, output_format
from usclet.cli.store import open_store
from usclet.errors import BadInput
from usclet.record import history, listings as questions
from usclet.record.listings import Filters
from usclet.render import listings, output

LISTINGS = ("dialogues", "events", "claims", "articles", "sources")

STATUS = click.option("--status", type=click.Choice(("proposed", "reviewed")),
                      help="Only claims with this status (proposed: imported, not yet reviewed).")


def _with_status(rows, status):
    return [row for row in rows if status is None or (row.get("status") or "reviewed") == status]


@click.command("list")
@click.argument("what", type=click.Choice(LISTINGS), metavar="dialogues|events|claims|articles|sources")
@filter_options
@STATUS
@click.option("--all", "everything", is_flag=True, help="list claims: retracted claims too (status retracted).")
@output_format
def list_command(what, since, until, side, topic, status, everything, fmt):
    """List dialogues, events, claims, articles or sources.

    \b
    Examples:
      usclet list dialogues
      usclet list claims --since 2017 --side cuba --format json
      usclet list events --topic migration --format csv
    """
    filters = Filters(since, until, side, topic)
    store = open_store()
    query = {
        "dialogues": questions.list_dialogues, "events": questions.list_events, "claims": questions.list_claims,
        "articles": questions.list_articles, "sources": questions.list_origins,
    }[what]
    rows = query(store, filters)
    if what == "claims":
        if everything:
            rows = rows + [claim for claim in history.retracted_claims(store) if filters.claim_matches(claim)]
        rows = _with_status(rows, status) if status != "retracted" else rows
    elif status or everything:
        raise BadInput(f"--status and --all select claims; `usclet list {what}` lists {what}")
    status = nothing_found(rows, what)
    if rows or fmt == "json":
        notes = listings.identity_notes(rows) if what == "dialogues" else ()
        output.write(fmt, rows, listings.listing(what, fmt), title=what.capitalize(), notes=notes)
    return status


@click.command()
@click.option("--unverified", is_flag=True, help="Only claims resting on exactly one source.")
@click.option("--origin", metavar="NAME", help="Only claims with an origin or speaker containing NAME.")
@click.option("--reviewed-only", is_flag=True, help="Leave out proposed claims (imported, not yet reviewed).")
@filter_options
@output_format
def sources(unverified, origin, reviewed_only, since, until, side, topic, fmt):
    """Claims with their distinct independent sources.

    A reporting article is not the origin of what it quotes, and one post copied twice
    is one source.

    \b
    Examples:
      usclet sources --unverified
      usclet sources --origin "Foreign Ministry" --format jsonl
    """
    rows = questions.claim_sources(open_store(), unverified, origin, Filters(since, until, side, topic))
    if reviewed_only:
        rows = _with_status(rows, "reviewed")
    status = nothing_found(rows, "claims")
    if rows or fmt == "json":
        output.write(fmt, rows, listings.sources(fmt), title="Unverified claims (one source)" if unverified else "Claims and their sources")
    return status


@click.command()
@filter_options
@output_format
def timeline(since, until, side, topic, fmt):
    """Draw the dated events on a time axis, dialogues marked apart.

    \b
    Examples:
      usclet timeline
      usclet timeline --since 2017 --until 2017
    """
    years = questions.timeline(open_store(), Filters(since, until, side, topic))
    events = [event for _, group in years for event in group]
    status = nothing_found(events, "events")
    output.write(fmt, events, listings.listing("events", fmt), human=lambda: events and output.draw("timeline", years))
    return status
