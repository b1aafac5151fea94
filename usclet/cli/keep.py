"""The commands that keep a store: init, log, undo, redo, restore."""

from pathlib import Path

import click

from usclet.cli.options import REASON, output_format
from usclet.cli.store import open_store, store_path
from usclet.errors import BadInput, ExitStatus, StoreError
from usclet.record import history
from usclet.render import output
from usclet.render.cells import field
from usclet.store import create, default_path, engine_of
from usclet.store.files import backup_path
from usclet.store.jsonfile import restore as restore_backup


@click.command()
@click.argument("path", metavar="PATH")
def init(path):
    """Create an empty store at PATH, with its articles folder (seeds/) beside it.

    The engine follows the name: a `.db`, `.sqlite` or `.sqlite3` file is SQLite, any
    other a TinyDB JSON file.

    \b
    Examples:
      usclet init mine.json
      usclet --db mine.json add article statement.txt --title "Talks resume"
    """
    if not path:
        raise BadInput("init: give the new store's file, e.g. `usclet init mine.json`")
    target = Path(path)
    if target.is_dir():
        raise BadInput(f"init {path}: that is a folder; give a file name inside it, e.g. {target / 'usclet.json'}")
    if target.exists():
        raise BadInput(f"init {path}: a file is already there; it is left as it is (choose another name)")
    if not target.parent.is_dir():
        raise BadInput(f"init {path}: the folder {target.parent} does not exist; create it first")
    seeds = target.parent / "seeds"
    seeds.mkdir(exist_ok=True)
    store = create(target)
    store.close()
    click.echo(f"created {target} ({store.engine} store) and its articles folder {seeds}/", err=True)
    click.echo(f"next: usclet --db {target} add article FILE --title TITLE", err=True)


@click.command("log")
@click.argument("record_id", metavar="[ID]", required=False)
@output_format
def log_command(record_id, fmt):
    """The store's change log, newest first: each write's number, time, command, reason and
    the records it added (+), edited (~) or removed (-); with ID, the changes to that record.

    \b
    Examples:
      usclet log
      usclet log led-2017-12-12-held
      usclet log --format json
    """
    entries = history.entries(open_store(), record_id)
    if not entries:
        click.echo("usclet: the change log is empty (no write since the store was made)", err=True)
    if entries or fmt == "json":
        columns = [(field("number"), "No."), (field("at"), "When"), (field("command"), "Command"),
                   (field("summary"), "Records"), (field("reason"), "Reason"),
                   (field("undoes"), "Undo or redo of")]
        output.write(fmt, entries, columns, title="Changes", flat=lambda entries: (
            dict(entry, summary=history.summary(entry), undoes=_takes_back(entry)) for entry in entries))
    return ExitStatus.OK if entries else ExitStatus.NOTHING_FOUND


def _takes_back(entry):
    if entry.get("redoes"):
        return f"redoes {entry['redoes']}"
    return f"undoes {entry['undoes']}" if entry.get("undoes") else None


@click.command()
@click.argument("number", metavar="[N]", type=int, required=False)
@click.option("--cascade", is_flag=True, help="Take back with it the later changes that build on it (listed first).")
@REASON
@output_format
def undo(number, cascade, reason, fmt):
    """Take back the latest change still in effect, or change N of `usclet log`, as a new
    change; `usclet redo` puts it back. Each call walks back one change. A change a later
    one builds on (a claim quoting an added article, an edit of the same record) is refused,
    naming those; --cascade takes them back too.

    \b
    Examples:
      usclet undo
      usclet undo 12 --reason "imported the wrong file"
      usclet undo --cascade 3
    """
    _walked(history.undo(open_store(), number, cascade), fmt)


@click.command()
@click.argument("number", metavar="[N]", type=int, required=False)
@REASON
@output_format
def redo(number, reason, fmt):
    """Put back the change the latest undo took back, or change N of `usclet log`, as a new
    change. Each call walks forward one change; after a new write, undone changes are
    put back by number.

    \b
    Examples:
      usclet redo
      usclet redo 12
    """
    _walked(history.redo(open_store(), number), fmt)


def _walked(done, fmt):
    """Each change taken back or put back: in a format, one row each (the change, its
    command and records, what was done, and the number of the new change)."""

    def human():
        target = done[-1][0]["number"]
        if len(done) > 1:
            click.echo(f"with change {target}, taking back the changes that build on it: "
                       + ", ".join(str(entry["number"]) for entry, _, _ in done[:-1]))
        for entry, new, verb in done:
            click.echo(f"{verb} change {entry['number']} ({entry['command']}: {history.summary(entry)}); "
                       f"this is change {new}")

    rows = [{"change": entry["number"], "command": entry["command"], "records": history.summary(entry),
             "done": verb, "as_change": new} for entry, new, verb in done]
    output.write(fmt, rows, human=human)


@click.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(yes):
    """Put back the backup of a JSON store that cannot be read (<store>.bak, kept at each
    write). A store that reads is never replaced: `usclet undo` takes back a write.

    The unreadable file is kept as <store>.replaced (never overwriting an earlier one).
    """
    path = Path(store_path() or default_path())
    if engine_of(path) == "sqlite":
        raise StoreError(f"{path} is a SQLite store: its writes are transactions and it keeps no backup file; "
                         f"`usclet --db {path} undo` takes back a write")
    if not yes and backup_path(path).exists():
        click.confirm(f"Replace {path} with its backup {backup_path(path)}?", abort=True, err=True)
    backup = restore_backup(path)
    click.echo(f"restored {path} from {backup}")
