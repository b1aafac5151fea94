"""The store a command works on: the one the user chose, closed when the command ends."""

import click

from usclet.errors import BadInput
from usclet.store import open_store as open_path


def store_path():
    """The store the user chose with --db or USCLET_DB, or None for the shipped one."""
    path = click.get_current_context().find_root().params.get("db")
    if path == "":
        raise BadInput("--db: the path is empty; give the store's file (`usclet init PATH` makes a new one), "
                       "or leave --db out for the shipped store")
    return path


def open_store(path=None):
    """The store at `path` (default: the one the user chose), closed when the command ends."""
    ctx = click.get_current_context()
    store = open_path(path or store_path())
    ctx.call_on_close(store.close)
    store.articles_dir = ctx.find_root().params.get("articles") or None
    # what the change log records of a write: the command, and why when the user said
    store.command = ctx.command_path.partition(" ")[2] or ctx.command_path
    store.reason = ctx.params.get("reason") or ctx.find_root().params.get("reason")
    return store
