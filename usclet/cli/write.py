"""The commands that write the record: add, import, convert."""

import sys
from pathlib import Path

import click

from usclet.cli.options import Date, output_format
from usclet.cli.store import open_store
from usclet import model
from usclet.errors import BadInput
from usclet.record import ingest, origins
from usclet.render import output, progress
from usclet.render.cells import field
from usclet.store.convert import convert as convert_store


@click.group()
def add():
    """Add an article, an event or a claim to the store.

    \b
    Examples:
      usclet add article statement.txt --title "Cuba and the USA hold meeting" --published 2017-12-13
      usclet add claim --article a005-1 --quote "held on January 18 and 19" --side cuba \\
          --origin "Cuban Ministry of Foreign Affairs" --date 2023-01-18 --event led-2023-01-18
    """


@add.command("article")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--title", required=True, help="The article's title (of its first post).")
@click.option("--author")
@click.option("--publisher")
@click.option("--published", type=Date(), metavar="DATE")
@click.option("--url")
@click.option("--excerpt", is_flag=True, help="The file keeps only part of the source's text.")
@click.option("--side", type=click.Choice(("us", "cuba", "independent")),
              help="Whose account the article's own words are (default: inferred from --publisher).")
@click.option("--origin", help="The origin of the article's own words (default: the publisher, as registered).")
@click.option("--force", is_flag=True,
              help="Add it even when the record holds its text under another header (a re-post): "
                   "its sentences then join the claims they already are.")
@output_format
def add_article(file, title, author, publisher, published, url, excerpt, side, origin, force, fmt):
    """Register a plain-text UTF-8 article: copy it into the store's articles folder
    (`articles/` beside the store) and record its posts, comments and footnotes.

    Whose account its own words are (--origin, --side) is inferred from --publisher for
    the bodies that speak for a government (the State Department, DHS, Justice, the White
    House, the U.S. Embassy in Havana; the Cuban Foreign and Interior Ministries, the
    Cuban Embassy), and shown; any other publisher is an independent origin.

    A text the record already holds is refused, naming the article it repeats: the same
    file, or the same body under another outlet's header lines (a re-post). With --force a
    re-post is added anyway, as a duplicate of the post it repeats.

    \b
    Examples:
      usclet add article note.txt --title "Third Law Enforcement Dialogue" --publisher "U.S. Department of State"
      usclet add article report.txt --title "Talks resume" --publisher "Havana Times" --published 2024-04-18
    """
    if not title.strip():
        raise BadInput("--title: the title is empty; give the article's title (of its first post)")
    store = open_store()
    _, _, how = origins.speaker_of(publisher, origins.registry_of(store.meta()), side, origin)
    articles = ingest.add_article(store, file, title, author, publisher, published, url, side, origin, excerpt,
                                  repost=force)
    post = next((a for a in articles if a["kind"] == "post"), None)
    if post and post["origin"] and fmt == "table":
        click.echo(f"its own words: {post['origin']} ({post['side']}), {how}", err=True)
    columns = [(field("id"), "Id"), (field("kind"), "Kind"), (field("title"), "Title"),
               (field("published"), "Published"), (field("origin"), "Origin"),
               (field("side"), "Side"), (field("duplicate_of"), "Duplicate of")]
    output.write(fmt, articles, columns, title="Added")


@add.command("claim")
@click.option("--article", "article_id", required=True, metavar="ID", help="The article the quote is from.")
@click.option("--quote", required=True, help="The exact words, as they are in the article.")
@click.option("--occurrence", type=click.IntRange(min=1), help="Which occurrence, if the quote is there several times.")
@click.option("--date", type=Date(), metavar="DATE")
@click.option("--end-date", type=Date(), metavar="DATE")
@click.option("--date-text", help="The words the date came from.")
@click.option("--said-on", type=Date(), metavar="DATE",
              help="When the quoted words appeared (default: the article's publication date).")
@click.option("--event", metavar="ID")
@click.option("--speaker", help="Who says it in the text (default: the author).")
@click.option("--side", type=click.Choice(("us", "cuba", "independent")),
              help="The side the origin speaks for (default: the origin's, from the registry; else independent).")
@click.option("--origin", help="The independent origin (default: the article's publisher or author).")
@click.option("--text", help="A short neutral paraphrase (default: the quote).")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC")
@click.option("--id", "claim_id", metavar="ID", help="The claim's id (default: assigned).")
@click.option("--merge", "merge_into", metavar="CLAIM_ID", help="Add the quote as evidence of this existing claim.")
@click.option("--date-note", help="Why the claim is dated outside its event's dates (else refused).")
@output_format
def add_claim(article_id, quote, occurrence, date, end_date, date_text, said_on, event, speaker, side, origin, text,
              topics, claim_id, merge_into, date_note, fmt):
    """Add a claim quoting an article; the quote must be in it, or nothing is written."""
    if merge_into:
        given = [name for name, value in (("--id", claim_id), ("--text", text), ("--date", date), ("--end-date", end_date),
                                          ("--date-text", date_text), ("--event", event), ("--topic", topics)) if value]
        if given:
            raise BadInput(f"--merge adds a quote to an existing claim and cannot be combined with {', '.join(given)}")
    entry = {
        "id": claim_id, "event": event, "date": date, "end_date": end_date, "date_text": date_text, "text": text,
        "topics": list(topics), "merge": merge_into, "date_note": date_note, "status": "reviewed",
        "evidence": [{"article": article_id, "quote": quote, "occurrence": occurrence, "speaker": speaker,
                      "side": side, "origin": origin, "said_on": said_on}],
    }
    report = ingest.add_claims(open_store(), [("the claim", entry)], merge=bool(merge_into))
    _print_report(report, fmt, records=True)


@add.command("event")
@click.option("--id", "event_id", required=True, metavar="ID", help="A stable, readable id, e.g. led-2018-07-10.")
@click.option("--kind", required=True, type=click.Choice(("dialogue", "agreement", "talks", "meeting", "statement", "policy")))
@click.option("--name", required=True, help="A neutral description (not one source's name or number for it).")
@click.option("--date", type=Date(), metavar="DATE")
@click.option("--end-date", type=Date(), metavar="DATE")
@click.option("--date-text", help="The words the date came from.")
@click.option("--place")
@click.option("--participant", "participants", multiple=True, metavar="SIDE:NAME",
              help="A participant, e.g. us:'Department of State' (repeatable).")
@click.option("--alias", "aliases", multiple=True, help="Another name the event goes by (repeatable).")
@output_format
def add_event(event_id, kind, name, date, end_date, date_text, place, participants, aliases, fmt):
    """Add an event. Its number is not given here: it is settled by the claims that number it.

    \b
    Examples:
      usclet add event --id led-2018-07-10 --kind dialogue --date 2018-07-10 \\
          --name "U.S.–Cuba Law Enforcement Dialogue in Washington, D.C." --place "Washington, D.C."
    """
    sides = {}
    for given in participants:
        side, _, who = given.partition(":")
        if side not in ("us", "cuba", "independent") or not who.strip():
            raise BadInput(f"--participant {given!r}: write SIDE:NAME with SIDE us, cuba or independent")
        sides.setdefault(side, []).append(who.strip())
    entry = {"type": "event", "id": event_id, "kind": kind, "name": name, "date": date, "end_date": end_date,
             "date_text": date_text, "place": place, "participants": sides, "aliases": list(aliases)}
    report = ingest.add_claims(open_store(), [("the event", entry)])
    _print_report(report, fmt, records=True)


@click.command("import")
@click.argument("source", metavar="FILE|-")
@click.option("--merge", is_flag=True, help="Let lines with a `merge` claim id add evidence to that claim.")
@click.option("--dry-run", is_flag=True, help="Show what would change, and write nothing.")
@click.option("--reviewed", is_flag=True, help="Store the claims as reviewed (default: proposed, for `usclet review`).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar on stderr.")
@output_format
def import_command(source, merge, dry_run, reviewed, quiet, fmt):
    """Import claims and events from JSON lines (or a JSON list): all of them, or none.

    Each line is a claim in the shape of the data model, as `extract` proposes it; `id`
    and the evidence's `start`/`end` may be left out (assigned, and found from the
    quote). Its `action` says what to do: `attach` adds its evidence to the claim its
    `match.claim` names (a second origin corroborates it), `conflict` adds it as a new
    claim in conflict with that one (recorded on both), `new` adds it, `skip` ignores
    it. A line with `"type": "event"` is an event, added before the claims that name
    it. Evidence already in the store is never stored twice: importing a file again
    changes nothing. A report says what changed.

    \b
    Examples:
      usclet extract note.txt --article a005-1 --format jsonl > a005.jsonl
      usclet import a005.jsonl --dry-run
      cat a005.jsonl | usclet import -
    """
    name = "standard input" if source == "-" else source
    try:
        if source == "-":
            raw = sys.stdin.buffer.read()  # bytes: the input is UTF-8 whatever the locale says
        else:
            with open(source, "rb") as handle:
                raw = handle.read()
    except OSError as error:
        raise BadInput(f"cannot read {name}: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(f"{name} is not UTF-8 text (byte {error.start})") from None
    entries = ingest.parse_claim_lines(text, name)
    for _, entry in entries:  # a guess is not a reviewed claim until someone says so
        if isinstance(entry, dict) and entry.get("type") != "event":
            entry["status"] = "reviewed" if reviewed else "proposed"
    with progress.bar(f"importing {name}", len(entries), quiet) as advance:
        report = ingest.add_claims(open_store(), entries, merge=merge, dry_run=dry_run, progress=advance)
    _print_report(report, fmt, dry_run)


def _print_report(report, fmt, dry_run=False, records=False):
    """What a write changed: new events and claims, corroborations, conflicts. In the
    other formats: the report (import), or the records written (add)."""
    rows = report["records"] if records else [{k: v for k, v in report.items() if k != "records"} | {"dry_run": dry_run}]
    output.write(fmt, rows, human=lambda: _say_report(report, dry_run, records))


def _say_report(report, dry_run, records):
    would = "would add" if dry_run else "added"
    for event_id in report["new_events"]:
        click.echo(f"{would} event {event_id}")
    for claim_id in report["new_claims"]:
        click.echo(f"{would} claim {claim_id}")
    for item in report["corroborated"]:
        click.echo(f"corroborated {item['claim']}: sources {item['sources_before']} → {item['sources_after']} "
                   f"(+ {', '.join(dict.fromkeys(item['added']))})")
    for item in report["appearances"]:
        click.echo(f"{'would join' if dry_run else 'joined'} {item['claim']}: the words of "
                   f"{', '.join(dict.fromkeys(item['added']))}, already its source "
                   f"(sources stay {item['sources_after']})")
    for item in report["conflicts"]:
        click.echo(f"conflict: {item['claim']} ⟷ {item['with']}")
    for item in report.get("settled", []):
        givers = model.per_origins(item["values"])
        if item["ordinal"] is not None:
            click.echo(f"{'would number' if dry_run else 'numbered'} {item['event']}: {item['ordinal']} ({givers})")
        else:
            click.echo(f"{'would unsettle' if dry_run else 'unsettled'} {item['event']}'s number: "
                       f"{item['status']} ({givers})")
    changed = any(report.get(key) for key in ("new_events", "new_claims", "corroborated", "appearances", "conflicts",
                                              "settled"))
    already = list(dict.fromkeys(report.get("already") or ()))
    named = f" (the same claim on the same words as {', '.join(already)})" if already else ""
    if not changed and records and already:  # add claim: one claim, already there under its own id
        click.echo(f"nothing changed: the store already has this claim on the same words, as {already[0]}")
    elif not changed:
        click.echo(f"nothing changed: {report['unchanged']} lines already in the store{named}" if report["unchanged"]
                   else "nothing changed")
    elif report["unchanged"]:
        click.echo(f"{report['unchanged']} lines already in the store or skipped")
    if dry_run:
        click.echo("dry run: the store is unchanged")


@click.command()
@click.argument("source", metavar="SRC", type=click.Path(dir_okay=False))
@click.argument("target", metavar="DST", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Replace DST if it exists.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr.")
def convert(source, target, force, quiet):
    """Copy the store SRC into a new store DST, each in its engine: a `.db`, `.sqlite` or
    `.sqlite3` file is SQLite, any other a TinyDB JSON file. Nothing is lost either way:
    converting back gives the same file. DST is written whole, then renamed into place.

    \b
    Examples:
      usclet convert data/usclet.json record.db
      usclet --db record.db list dialogues
      usclet convert record.db reviewed.json
    """
    source, target = Path(source), Path(target)
    if target.exists() and not force:
        raise BadInput(f"{target} already exists; pass --force to replace it")
    if target.resolve() == source.resolve():
        raise BadInput(f"{target} is the store being converted; give another DST")
    store = open_store(source)
    total = sum(store.counts()[table] for table in ("articles", "events", "claims"))
    with progress.bar(f"writing {target}", total, quiet) as advance:
        converted = convert_store(store, target, progress=advance)
    counts = converted.counts()
    converted.close()
    if not quiet:
        click.echo(f"wrote {target}: {counts['articles']} articles, {counts['events']} events, "
                   f"{counts['claims']} claims, {counts['evidence']} quotes", err=True)
