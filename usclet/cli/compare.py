"""The `compare` and `conflicts` commands: the sides' accounts, and where sources disagree."""

import click

from usclet.cli import completion
from usclet.cli.filters import filter_options
from usclet.cli.options import nothing_found, output_format
from usclet.cli.store import open_store
from usclet.record import compare as accounts
from usclet.record.listings import Filters
from usclet.render import listings, output


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
    results = accounts.compare(open_store(), target)
    output.write(fmt, results, listings.COMPARE_COLUMNS, flat=listings.compare_rows,
                 human=lambda: output.draw("compare", results))


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
    rows = accounts.conflicts(open_store(), Filters(since, until, side, topic), event_id)
    status = nothing_found(rows, "conflicts")
    if rows or fmt == "json":
        output.write(fmt, rows, listings.conflicts(fmt), title="Conflicts")
    return status
