"""The `show` command: one record in full."""

import click

from usclet.cli import completion
from usclet.cli.options import output_format
from usclet.cli.store import open_store
from usclet.errors import BadInput
from usclet.record import show as record
from usclet.render import output


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
    result = record.show(open_store(), record_id)
    if fmt in ("csv", "md"):  # one nested record has no columns
        raise BadInput(f"--format {fmt}: show prints one record; use table, json or jsonl")
    output.write(fmt, [result], document=result, human=lambda: output.draw("show", result))
