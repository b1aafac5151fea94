"""The commands that question the record: list, show, compare, sources, timeline, search, check."""

import click

from usclet.cli import completion
from usclet.cli.options import filter_options, listing_filters, nothing_found, open_store, output_format
from usclet.errors import BadInput, ExitStatus, StoreError
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
    from usclet.record import queries

    filters = listing_filters(since, until, side, topic)
    store = open_store()
    query = {
        "dialogues": queries.list_dialogues, "events": queries.list_events, "claims": queries.list_claims,
        "articles": queries.list_articles, "sources": queries.list_origins,
    }[what]
    rows = query(store, filters)
    if what == "claims":
        if everything:
            from usclet.record.edits import retracted_claims

            rows = rows + [claim for claim in retracted_claims(store) if filters.claim_matches(claim)]
        rows = _with_status(rows, status) if status != "retracted" else rows
    elif status or everything:
        raise BadInput(f"--status and --all select claims; `usclet list {what}` lists {what}")
    status = nothing_found(rows, what)
    if rows or fmt == "json":
        notes = listings.identity_notes(rows) if what == "dialogues" else ()
        output.emit(rows, fmt, listings.listing(what, fmt), title=what.capitalize(), notes=notes)
    return status


@click.command()
@click.argument("record_id", metavar="ID", shell_complete=completion.record_ids)
@output_format
def show(record_id, fmt):
    """Show an event, claim or article in full.

    A claim shows each quote inside its sentence, highlighted, with the footnote it cites.

    \b
    Examples:
      usclet show led-2017-12-12
      usclet show a004-1 --format json
    """
    from usclet.record import queries

    result = queries.show(open_store(), record_id)
    if fmt in ("json", "jsonl"):
        output.write_document(result, fmt)
    elif fmt in ("csv", "md"):
        raise BadInput(f"--format {fmt}: show prints one record; use table, json or jsonl")
    else:
        from usclet.render import tables as render

        render.show(result)


@click.command()
@click.argument("target", metavar="DATE|EVENT_ID", shell_complete=completion.event_ids)
@output_format
def compare(target, fmt):
    """Compare each side's account of the events on a date or period, or of one event.

    \b
    Examples:
      usclet compare 2017-12-12
      usclet compare "Dec 2017"
      usclet compare led-2023-01-18 --format json
    """
    from usclet.record import queries

    results = queries.compare(open_store(), target)
    if fmt in ("json", "jsonl"):
        output.write_document(results, fmt)
    elif fmt in ("csv", "md"):
        output.emit(listings.compare_rows(results), fmt, listings.COMPARE_COLUMNS)
    else:
        from usclet.render import tables as render

        render.compare(results)


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
    from usclet.record import queries

    rows = queries.claim_sources(open_store(), unverified, origin, listing_filters(since, until, side, topic))
    if reviewed_only:
        rows = _with_status(rows, "reviewed")
    status = nothing_found(rows, "claims")
    if rows or fmt == "json":
        output.emit(rows, fmt, listings.sources(fmt), title="Unverified claims (one source)" if unverified else "Claims and their sources")
    return status


@click.command()
@click.option("--event", "event_id", metavar="EVENT_ID", shell_complete=completion.event_ids,
              help="Only the conflicts about this event.")
@filter_options
@output_format
def conflicts(event_id, since, until, side, topic, fmt):
    """Every conflict in the record: each fact sources give differently (date, place, kind,
    name, number, count), each value with the sources that give it, and each claim marked
    as contradicting another.

    \b
    Examples:
      usclet conflicts
      usclet conflicts --event led-2017-12-12 --format json
      usclet conflicts --since 2024 --format csv
    """
    from usclet.record import queries

    rows = queries.conflicts(open_store(), listing_filters(since, until, side, topic), event_id)
    status = nothing_found(rows, "conflicts")
    if rows or fmt == "json":
        output.emit(rows, fmt, listings.conflicts(fmt), title="Conflicts")
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
    from usclet.record import queries

    years = queries.timeline(open_store(), listing_filters(since, until, side, topic))
    events = [event for _, group in years for event in group]
    status = nothing_found(events, "events")
    if fmt == "table":
        if events:
            from usclet.render import tables as render

            render.timeline(years)
    else:
        output.emit(events, fmt, listings.listing("events", fmt))
    return status


@click.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--event", "event_id", metavar="EVENT_ID", help="Only claims of this event.")
@filter_options
@output_format
def search(words, event_id, since, until, side, topic, fmt):
    """Find claims whose text or quotes hold all the words and "quoted phrases", best match
    first. Words match in any form (flights finds flight), whatever their case or accents.

    \b
    Examples:
      usclet search Cossio
      usclet search deportation flights --format json
      usclet search '"law enforcement dialogue"' --side cuba --since 2023
    """
    from usclet.record import search as full_text

    rows = full_text.search(open_store(), " ".join(words), listing_filters(since, until, side, topic), event_id)
    status = nothing_found(rows, "claims")
    if rows or fmt == "json":
        output.emit(rows, fmt, listings.search(fmt), title=f"Claims matching {' '.join(words)!r}")
    return status


@click.command()
@output_format
def check(fmt):
    """Verify the store: quotes against the seed text at their offsets, seed hashes,
    references, dates and ids. Prints each problem; exits 1 if there is any.

    \b
    Examples:
      usclet check
      usclet --db mystore.json check
    """
    from usclet.record.check import check_store

    store = open_store()
    missing = store.missing_articles()
    if missing:  # no quote can be checked: the store cannot be read whole (exit 3), not a problem found in it
        raise StoreError(missing)
    problems = check_store(store)
    if fmt in ("json", "jsonl"):
        output.write_document(problems, fmt)
    else:
        for problem in problems:
            click.echo(output.sanitize(problem))
    counts = store.counts()
    summary = (
        f"{counts['articles']} articles, {counts['events']} events, {counts['claims']} claims, "
        f"{counts['evidence']} quotes checked: " + (f"{len(problems)} problems" if problems else "all match their sources")
    )
    click.echo(summary, err=bool(problems) or fmt in ("json", "jsonl"))
    return ExitStatus.NOTHING_FOUND if problems else ExitStatus.OK
