"""What every command shares: the error boundary, the output options, dates as options.

Errors become one line on stderr and an exit status here, and only here (`exit_status`,
for every command alike), by the statuses of `usclet.errors.ExitStatus`: 0 ok, 1 nothing
found / problems found, 2 bad usage or input, 3 store trouble, 130 interrupted.
"""

import functools
import os
import sys

import click

from usclet import dates
from usclet.errors import ExitStatus, UscletError
from usclet.render import output

REASON = click.option("--reason", metavar="TEXT", help="Why: kept with the change in the change log (`usclet log`).")


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


class Date(click.ParamType):
    """A date in ISO or English, given on as ISO at its precision; with `clears`, '' too
    (an empty value that clears the field); anything else is bad input naming the option."""

    name = "date"

    def __init__(self, clears=False):
        self.clears = clears

    def convert(self, value, param, ctx):
        if self.clears and value == "":
            return value
        return dates.parse_argument(value, option=param.opts[0] if param else "DATE")


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


def nothing_found(rows, what):
    if not rows:
        click.echo(f"usclet: no {what} match", err=True)
        return ExitStatus.NOTHING_FOUND
    return ExitStatus.OK
