"""The `usclet` command: thin click commands over the query layer and the store.

`options` holds what every command shares (the error boundary, output and filter
options, the store); `read`, `extract` and `write` hold the commands.
"""

import click

from usclet import __version__
from usclet.cli import extract, keep, read, write
from usclet.cli.export import export
from usclet.cli.options import UscletGroup
from usclet.render import output


@click.group(cls=UscletGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="USCLET_DB", metavar="PATH",
              help="The store to use (default: the shipped data/usclet.json; also USCLET_DB).")
@click.option("--reason", metavar="TEXT", help="Why: kept with the change a write makes (`usclet log`).")
@click.option("--articles", envvar="USCLET_ARTICLES", metavar="DIR",
              help="The store's seeds folder (default: seeds/ beside the store; also USCLET_ARTICLES); texts added since are in articles/ beside it.")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default=None,
              help="Output format for every listing (default: table).")
@click.version_option(__version__, "--version", prog_name="usclet")
def cli(db, reason, articles, fmt):
    """The record of U.S.–Cuba law-enforcement cooperation: dated claims, each
    anchored to the exact words of its source.

    \b
    Examples:
      usclet list dialogues
      usclet compare 2017-12-12
      usclet sources --unverified --format jsonl
      usclet show led-2016-05-17
      usclet extract statement.txt --published 2024-04-18
      usclet check
    """



for command in (read.list_command, read.show, read.compare, read.conflicts, read.sources, read.timeline, read.search,
                read.check,
                extract.extract, write.add, write.import_command, write.convert,
                keep.init, keep.edit, keep.retract, keep.review, keep.log_command, keep.undo, keep.restore):
    cli.add_command(command)
cli.add_command(export)


def main():
    cli.main(prog_name="usclet")
