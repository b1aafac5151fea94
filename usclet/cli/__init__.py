"""The `usclet` command: thin click commands over the query layer and the store.

`options` holds what every command shares (the error boundary, output and filter
options, the store); `read` (the listings), `show`, `compare`, `search`, `check`,
`extract`, `write`, `edit`, `keep` and `export` hold the commands.
A command's module is imported only when that command runs (or when help lists them
all): `COMMANDS` names each command and where it lives, so start-up pays for one.
"""

from usclet import interrupts

if interrupts.run_as_program():
    interrupts.install()  # before the imports: Ctrl-C while they load is quiet too

import click  # noqa: E402

from usclet import __version__
from usclet.cli.options import UscletGroup  # noqa: E402
from usclet.render import output  # noqa: E402

# every command, in the order `usclet --help` lists them: (module, attribute)
COMMANDS = {
    "list": ("usclet.cli.read", "list_command"),
    "show": ("usclet.cli.show", "show"),
    "compare": ("usclet.cli.compare", "compare"),
    "conflicts": ("usclet.cli.compare", "conflicts"),
    "sources": ("usclet.cli.read", "sources"),
    "timeline": ("usclet.cli.read", "timeline"),
    "search": ("usclet.cli.search", "search"),
    "check": ("usclet.cli.check", "check"),
    "extract": ("usclet.cli.extract", "extract"),
    "add": ("usclet.cli.write", "add"),
    "import": ("usclet.cli.write", "import_command"),
    "convert": ("usclet.cli.write", "convert"),
    "init": ("usclet.cli.keep", "init"),
    "edit": ("usclet.cli.edit", "edit"),
    "retract": ("usclet.cli.edit", "retract"),
    "review": ("usclet.cli.edit", "review"),
    "log": ("usclet.cli.keep", "log_command"),
    "undo": ("usclet.cli.keep", "undo"),
    "redo": ("usclet.cli.keep", "redo"),
    "restore": ("usclet.cli.keep", "restore"),
    "export": ("usclet.cli.export", "export"),
}


@click.group(cls=UscletGroup, commands_table=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
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


def main():
    interrupts.install()
    cli.main(prog_name="usclet")
