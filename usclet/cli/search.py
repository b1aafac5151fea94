"""The `search` command: claims by the words of their texts and quotes."""

import click

from usclet.cli.filters import filter_options
from usclet.cli.options import nothing_found, output_format
from usclet.cli.store import open_store
from usclet.record import search as full_text
from usclet.record.listings import Filters
from usclet.render import listings, output


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
    rows = full_text.search(open_store(), " ".join(words), Filters(since, until, side, topic), event_id)
    status = nothing_found(rows, "claims")
    if rows or fmt == "json":
        output.write(fmt, rows, listings.search(fmt), title=f"Claims matching {' '.join(words)!r}")
    return status
