"""What every command shares: the error boundary, the output and filter options, the store.

Errors become one line on stderr and an exit status here, and only here (`exit_status`,
for every command alike), by the statuses of `usclet.errors.ExitStatus`: 0 ok, 1 nothing
found / problems found, 2 bad usage or input, 3 store trouble, 130 interrupted.
"""

import functools
import os
import sys

import click

from usclet import dates
from usclet.errors import BadInput, ExitStatus, UscletError
from usclet.render import output

class UscletGroup(click.Group):
    """Runs commands with every failure reported on one line and mapped to its exit status
    (`exit_status`, the one table), importing a command's module only when it runs."""

    def __init__(self, *args, commands_table=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.table = dict(commands_table or {})

    def list_commands(self, ctx):
        return list(self.table) + [name for name in super().list_commands(ctx) if name not in self.table]

    def get_command(self, ctx, name):
        if name not in self.table:
            return super().get_command(ctx, name)
        module, attribute = self.table[name]
        return getattr(__import__(module, fromlist=[attribute]), attribute)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            status = super().main(args, prog_name or "usclet", complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as error:
            # `usclet` or `usclet add` alone asks what there is to do: show the help
            click.echo(error.ctx.get_help())
            sys.exit(ExitStatus.OK)
        except (UscletError, click.ClickException, click.Abort, KeyboardInterrupt) as error:
            _fail(error)
        try:
            sys.stdout.flush()  # what is still buffered meets a closed pipe here, not at exit
        except BrokenPipeError:
            _quiet_stdout()
            status = ExitStatus.OK
        sys.exit(int(status or 0))

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # `usclet list claims | head -1` is not an error
            _quiet_stdout()
            return ExitStatus.OK


def _quiet_stdout():
    """Points stdout at /dev/null, so the interpreter's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def exit_status(error):
    """(one-line message, exit status) for an exception that ends a command."""
    if isinstance(error, UscletError):
        return f"error: {error}", error.exit_status
    if isinstance(error, KeyboardInterrupt) or isinstance(error.__cause__, KeyboardInterrupt):
        return "interrupted; nothing was written", ExitStatus.INTERRUPTED
    if isinstance(error, click.Abort):
        # a question answered no (or standard input closed before an answer): nothing was done
        return "error: not confirmed; nothing was changed", ExitStatus.BAD_INPUT
    if isinstance(error, click.UsageError):
        hint = f" (see: {error.ctx.command_path} --help)" if error.ctx else ""
        return f"error: {_one_line(error.format_message())}{hint}", ExitStatus.BAD_INPUT
    if isinstance(error, click.ClickException):
        return f"error: {_one_line(error.format_message())}", ExitStatus.BAD_INPUT
    raise error


def _one_line(message):
    return " ".join(message.split())


def _fail(error):
    message, status = exit_status(error)
    click.echo(f"usclet: {message}", err=True)
    sys.exit(int(status))


def _date_option(name):
    def convert(ctx, param, value):
        return None if value is None else dates.parse_argument(value, option=f"--{param.name}")

    return click.option(f"--{name}", callback=convert, metavar="DATE",
                        help=f"Only records {'on or after' if name == 'since' else 'on or before'} DATE (ISO or English).")


def output_format(command):
    """Gives a command `--format`; the command-level flag wins over the global one."""

    @click.option("--format", "fmt", type=click.Choice(output.FORMATS), default=None,
                  help="Output format (default: table, or the global --format).")
    @functools.wraps(command)
    def wrapper(*args, fmt=None, **kwargs):
        ctx = click.get_current_context()
        kwargs["fmt"] = fmt or ctx.find_root().params.get("fmt") or "table"
        return command(*args, **kwargs)

    return wrapper


def filter_options(command):
    for decorator in reversed((
        _date_option("since"),
        _date_option("until"),
        click.option("--side", type=click.Choice(("us", "cuba", "independent")), help="Only what this side says."),
        click.option("--topic", metavar="TOPIC", help="Only claims on this topic (see README for the list)."),
    )):
        command = decorator(command)
    return command


def store_path():
    """The store the user chose with --db or USCLET_DB, or None for the shipped one."""
    path = click.get_current_context().find_root().params.get("db")
    if path == "":
        raise BadInput("--db: the path is empty; give the store's file (`usclet init PATH` makes a new one), "
                       "or leave --db out for the shipped store")
    return path


def open_store(path=None):
    """The store at `path` (default: the one the user chose), closed when the command ends."""
    from usclet.store import open_store as open_path

    ctx = click.get_current_context()
    store = open_path(path or store_path())
    ctx.call_on_close(store.close)
    store.articles_dir = ctx.find_root().params.get("articles") or None
    # what the change log records of a write: the command, and why when the user said
    store.command = ctx.command_path.partition(" ")[2] or ctx.command_path
    store.reason = ctx.params.get("reason") or ctx.find_root().params.get("reason")
    return store


def listing_filters(since, until, side, topic):
    from usclet import model
    from usclet.record.queries import Filters

    if topic is not None and topic not in model.TOPICS:
        raise BadInput(f"--topic: {topic!r} is not a topic; topics are {', '.join(model.TOPICS)}")
    return Filters(since, until, side, topic)


def nothing_found(rows, what):
    if not rows:
        click.echo(f"usclet: no {what} match", err=True)
        return ExitStatus.NOTHING_FOUND
    return ExitStatus.OK



def date_argument(option):
    """A click callback turning a date option's value into ISO, or a usage error naming it."""
    return lambda ctx, param, value: value and dates.parse_argument(value, option)


def span(record):
    """'2023-01-18…19' for a span of days, the date alone otherwise."""
    start, end = record.get("date"), record.get("end_date")
    if not end or len(start) != len(end):
        return f"{start}…{end}" if end else start
    differs = next((i for i, (a, b) in enumerate(zip(start, end)) if a != b), len(end))
    cut = end.rfind("-", 0, differs) + 1  # keep the whole differing part: "19", not "9"
    return f"{start}…{end[cut:]}"
