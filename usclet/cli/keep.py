"""The commands that keep a record of one's own: init, edit, retract, review, log, undo."""

import json
import sys
from pathlib import Path

import click

from usclet.cli.options import Date, output_format
from usclet.cli.store import open_store, store_path
from usclet.errors import BadInput, ExitStatus, StoreError
from usclet.record import edits, history
from usclet.render import output
from usclet.render.cells import field
from usclet.store import create, default_path, engine_of
from usclet.store.files import backup_path
from usclet.store.jsonfile import restore as restore_backup

REASON = click.option("--reason", metavar="TEXT", help="Why: kept with the change in the change log (`usclet log`).")


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


def _changes(**given):
    """{field: value} for the options the user gave (an empty --field '' clears it)."""
    changes = {}
    for field, value in given.items():
        if value is None or value == ():
            continue
        changes[field] = None if value == "" else (list(value) if isinstance(value, tuple) else value)
    return changes


@click.group()
def edit():
    """Correct a claim, an event or an article. The change is checked as `add` checks a new
    record, logged with --reason, and `usclet undo` takes it back. An empty value ('')
    clears a field.

    \b
    Examples:
      usclet edit claim a005-1-claim-1 --text "The talks were held in Havana." --reason "paraphrase was wrong"
      usclet edit event led-2024-04-17 --place "Washington, D.C."
      usclet edit article a005-1 --published 2024-04-18
    """


@edit.command("claim")
@click.argument("claim_id", metavar="ID")
@click.option("--text")
@click.option("--date", type=Date(clears=True), metavar="DATE")
@click.option("--end-date", type=Date(clears=True), metavar="DATE")
@click.option("--date-text")
@click.option("--date-note", help="Why the claim is dated outside its event's dates.")
@click.option("--event", metavar="EVENT_ID")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC", help="Its topics (replacing the stored ones).")
@click.option("--status", type=click.Choice(("proposed", "reviewed")))
@REASON
@output_format
def edit_claim(claim_id, text, date, end_date, date_text, date_note, event, topics, status, reason, fmt):
    """Change a claim's paraphrase, date, event, topics or status (its quotes stay: retract
    one with `usclet retract evidence`, add one with `usclet add claim --merge`)."""
    changes = _changes(text=text, date=date, end_date=end_date, date_text=date_text, date_note=date_note,
                       event=event, topics=topics, status=status)
    _report(edits.edit(open_store(), "claim", claim_id, changes), changes, fmt)


@edit.command("event")
@click.argument("event_id", metavar="ID")
@click.option("--name")
@click.option("--kind", type=click.Choice(("dialogue", "agreement", "talks", "meeting", "statement", "policy")))
@click.option("--date", type=Date(clears=True), metavar="DATE")
@click.option("--end-date", type=Date(clears=True), metavar="DATE")
@click.option("--date-text")
@click.option("--place")
@click.option("--alias", "aliases", multiple=True, help="Its other names (replacing the stored ones).")
@REASON
@output_format
def edit_event(event_id, name, kind, date, end_date, date_text, place, aliases, reason, fmt):
    """Change an event's name, kind, dates, place or aliases (its number is settled by its claims)."""
    changes = _changes(name=name, kind=kind, date=date, end_date=end_date, date_text=date_text, place=place,
                       aliases=aliases)
    _report(edits.edit(open_store(), "event", event_id, changes), changes, fmt)


@edit.command("article")
@click.argument("article_id", metavar="ID")
@click.option("--title")
@click.option("--author")
@click.option("--publisher")
@click.option("--url")
@click.option("--published", type=Date(clears=True), metavar="DATE")
@REASON
@output_format
def edit_article(article_id, title, author, publisher, url, published, reason, fmt):
    """Change an article's title, author, publisher, url or publication date (its text and
    offsets are the file's and do not change)."""
    changes = _changes(title=title, author=author, publisher=publisher, url=url, published=published)
    _report(edits.edit(open_store(), "article", article_id, changes), changes, fmt)


def _report(record, changes, fmt):
    if fmt in ("json", "jsonl"):
        output.write_document(record, fmt)
        return
    click.echo(f"edited {record['id']}: {', '.join(sorted(changes))}")


@click.group()
def retract():
    """Take a claim, or one quote of a claim, out of the record. It leaves listings
    (`list claims --all` still shows retracted claims) and stays in the change log with
    the reason; `usclet undo` puts it back.

    \b
    Examples:
      usclet retract claim a005-1-claim-2 --reason "the sentence is about 2016, not this meeting"
      usclet retract evidence led-2017-12-12-held:2 --reason "same release, quoted twice"
    """


@retract.command("claim")
@click.argument("claim_id", metavar="ID")
@click.option("--reason", required=True, metavar="TEXT", help="Why it is retracted (kept in the change log).")
def retract_claim(claim_id, reason):
    """Retract a claim (links other claims make to it go with it)."""
    unlinked = edits.retract_claim(open_store(), claim_id)
    click.echo(f"retracted {claim_id}" + (f"; removed the links from {', '.join(unlinked)}" if unlinked else ""))


@retract.command("evidence")
@click.argument("reference", metavar="CLAIM_ID:N")
@click.option("--reason", required=True, metavar="TEXT", help="Why it is retracted (kept in the change log).")
def retract_evidence(reference, reason):
    """Retract one quote of a claim: N is its number as `usclet show CLAIM_ID` prints it."""
    removed = edits.retract_evidence(open_store(), reference)
    click.echo(f"retracted evidence {reference} ({removed['article']} {removed['start']}..{removed['end']})")


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
    if fmt in ("json", "jsonl"):
        output.write_document(entries, fmt)
        return ExitStatus.OK if entries else ExitStatus.NOTHING_FOUND
    if not entries:
        click.echo("usclet: the change log is empty (no write since the store was made)", err=True)
        return ExitStatus.NOTHING_FOUND
    rows = [dict(entry, summary=history.summary(entry), undoes=_takes_back(entry)) for entry in entries]
    columns = [(field("number"), "No."), (field("at"), "When"), (field("command"), "Command"),
               (field("summary"), "Records"), (field("reason"), "Reason"),
               (field("undoes"), "Undo or redo of")]
    output.emit(rows, fmt, columns, title="Changes")
    return ExitStatus.OK


def _takes_back(entry):
    if entry.get("redoes"):
        return f"redoes {entry['redoes']}"
    return f"undoes {entry['undoes']}" if entry.get("undoes") else None


@click.command()
@click.argument("number", metavar="[N]", type=int, required=False)
@click.option("--cascade", is_flag=True, help="Take back with it the later changes that build on it (listed first).")
@REASON
def undo(number, cascade, reason):
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
    _walked(history.undo(open_store(), number, cascade))


@click.command()
@click.argument("number", metavar="[N]", type=int, required=False)
@REASON
def redo(number, reason):
    """Put back the change the latest undo took back, or change N of `usclet log`, as a new
    change. Each call walks forward one change; after a new write, undone changes are
    put back by number.

    \b
    Examples:
      usclet redo
      usclet redo 12
    """
    _walked(history.redo(open_store(), number))


def _walked(done):
    target = done[-1][0]["number"]
    if len(done) > 1:
        click.echo(f"with change {target}, taking back the changes that build on it: "
                   + ", ".join(str(entry["number"]) for entry, _, _ in done[:-1]))
    for entry, new, verb in done:
        click.echo(f"{verb} change {entry['number']} ({entry['command']}: {history.summary(entry)}); "
                   f"this is change {new}")


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


@click.command()
@click.option("--decisions", type=click.File("r", encoding="utf-8"), metavar="FILE|-",
              help="Decisions as JSON lines, for scripts: {\"id\", \"decision\": accept|edit|reject, "
                   "\"reason\", and for edit the fields to change}.")
def review(decisions):
    """Walk the proposed claims (import's output) one by one: accept, edit or reject each.

    On a terminal each claim is shown with its quotes; a decision is written at once (one
    logged change each, so `usclet undo` takes one back). Rejected claims are retracted.

    \b
    Examples:
      usclet review
      usclet review --decisions decisions.jsonl
    """
    store = open_store()
    if decisions is not None:
        done = 0
        for number, line in enumerate(decisions, 1):
            if not line.strip():
                continue
            where = f"{decisions.name} line {number}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise BadInput(f"{where}: not valid JSON ({error.msg}); nothing after line {number - 1} was applied") from None
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise BadInput(f"{where}: a decision is an object with an \"id\"; earlier lines were applied")
            store.reason = item.get("reason")
            changes = {k: v for k, v in item.items() if k not in ("id", "decision", "reason")}
            edits.decide(store, item["id"], item.get("decision"), changes)
            done_as = {"accept": "accepted", "edit": "accepted with edits", "reject": "rejected"}
            click.echo(f"{done_as.get(item.get('decision'), item.get('decision'))} {item['id']}")
            done += 1
        return ExitStatus.OK if done else ExitStatus.NOTHING_FOUND
    proposed = [claim for claim in store.claims() if claim.get("status") == "proposed"]
    if not proposed:
        click.echo("usclet: no proposed claims to review", err=True)
        return ExitStatus.NOTHING_FOUND
    if not sys.stdin.isatty():
        raise BadInput("review asks on a terminal; from a script give --decisions FILE (JSON lines)")
    for index, claim in enumerate(proposed, 1):
        click.echo(f"\n[{index}/{len(proposed)}] {claim['id']}  date: {claim.get('date') or '-'}"
                   f"  event: {claim.get('event') or '-'}")
        click.echo(f"  {output.sanitize(claim['text'])}")
        for item in claim["evidence"]:
            click.echo(f"  “{output.sanitize(item['quote'])}” ({item['article']}; {item['origin']}, {item['side']})")
        choice = click.prompt("  accept, edit, reject, skip or quit", type=click.Choice(("a", "e", "r", "s", "q")),
                              show_choices=True, default="s")
        if choice == "q":
            break
        if choice == "s":
            continue
        if choice == "r":
            store.reason = click.prompt("  why", default="rejected in review")
            edits.decide(store, claim["id"], "reject")
            click.echo(f"  rejected {claim['id']}")
            continue
        changes = {}
        if choice == "e":
            text = click.prompt("  text", default=claim["text"])
            date = click.prompt("  date (ISO, empty for none)", default=claim.get("date") or "", show_default=True)
            changes = {"text": text, "date": date or None}
        store.reason = "reviewed"
        edits.decide(store, claim["id"], "accept", changes)
        click.echo(f"  accepted {claim['id']}")
    return ExitStatus.OK
