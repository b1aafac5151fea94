"""Exceptions of the core, and the exit statuses: the README's table of exit codes.

The core raises these; only the CLI boundary (`usclet.cli.options.exit_status`) turns
them, and click's own errors and Ctrl-C, into messages and exit codes, for every command
alike.
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
