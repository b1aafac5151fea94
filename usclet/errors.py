"""Exceptions of the core and the exit status each one maps to.

The core raises these; only the CLI boundary turns them into messages and exit codes.
"""

from enum import IntEnum


class ExitStatus(IntEnum):
    OK = 0
    NOTHING_FOUND = 1  # like grep: the command ran but found nothing, or found problems
    BAD_INPUT = 2
    STORE_ERROR = 3


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
