"""The commands that correct one's own record: edit, retract, review."""

import json
import sys

import click

from usclet.cli.options import REASON, Date, output_format
from usclet.cli.store import open_store
from usclet.errors import BadInput, ExitStatus
from usclet.record import edits
from usclet.render import output


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
    output.write(fmt, [record], document=record,
                 human=lambda: click.echo(f"edited {record['id']}: {', '.join(sorted(changes))}"))


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
@output_format
def retract_claim(claim_id, reason, fmt):
    """Retract a claim (links other claims make to it go with it)."""
    unlinked = edits.retract_claim(open_store(), claim_id)
    said = f"retracted {claim_id}" + (f"; removed the links from {', '.join(unlinked)}" if unlinked else "")
    output.write(fmt, [{"retracted": claim_id, "unlinked": unlinked}], human=lambda: click.echo(said))


@retract.command("evidence")
@click.argument("reference", metavar="CLAIM_ID:N")
@click.option("--reason", required=True, metavar="TEXT", help="Why it is retracted (kept in the change log).")
@output_format
def retract_evidence(reference, reason, fmt):
    """Retract one quote of a claim: N is its number as `usclet show CLAIM_ID` prints it."""
    removed = edits.retract_evidence(open_store(), reference)
    said = f"retracted evidence {reference} ({removed['article']} {removed['start']}..{removed['end']})"
    output.write(fmt, [{"retracted": reference} | removed], human=lambda: click.echo(said))


@click.command()
@click.option("--decisions", type=click.File("r", encoding="utf-8"), metavar="FILE|-",
              help="Decisions as JSON lines, for scripts: {\"id\", \"decision\": accept|edit|reject, "
                   "\"reason\", and for edit the fields to change}.")
@output_format
def review(decisions, fmt):
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
        done = []
        rows = _decided(store, decisions, done)  # each decision printed as it is written
        output.write(fmt, rows, human=lambda: [click.echo(f"{row['done']} {row['id']}") for row in rows])
        return ExitStatus.OK if done else ExitStatus.NOTHING_FOUND
    return _walk_proposed(store)


def _decided(store, decisions, done):
    """Applies the decisions line by line, one logged change each, yielding each as it is
    written; `done` collects the ids decided."""
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
        done.append(item["id"])
        yield {"id": item["id"], "done": done_as.get(item.get("decision"), item.get("decision"))}


def _walk_proposed(store):
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
