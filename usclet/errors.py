"""Exceptions of the core, and the one table of exit statuses.

The core raises these; only the CLI boundary turns them into messages and exit codes,
through `exit_status`, for every command alike. The README's table of exit codes is
this table.
"""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    NOTHING_FOUND = 1  # like grep: the command ran but found nothing (an unknown id it was asked about), or found problems
    BAD_INPUT = 2  # bad usage or bad input: a malformed date, an unknown option, a record that cannot be stored, a prompt declined
    STORE_ERROR = 3  # the store, or its articles folder, cannot be read or written
    INTERRUPTED = 130  # Ctrl-C (128 + SIGINT), whatever the command was doing


class UscletError(Exception):
    """Base class: a message for the user and the exit status it deserves."""

    exit_status = ExitStatus.BAD_INPUT


class BadInput(UscletError):
    """An argument, option or input file the user gave is not acceptable."""


class NotFound(UscletError):
    """A query or lookup found nothing."""

    exit_status = ExitStatus.NOTHING_FOUND


class StoreError(UscletError):
    """The store cannot be read or written: corrupt, locked, unreadable."""

    exit_status = ExitStatus.STORE_ERROR


def exit_status(error):
    """(one-line message, exit status) for an exception that ends a command."""
    import click

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
