"""The `usclet` command: thin click commands over the query layer and the store.

Errors become one line on stderr and an exit status here, and only here:
0 ok, 1 nothing found / problems found, 2 bad usage or input, 3 store trouble.
"""

import functools
import os
import sys
from pathlib import Path

import click

from usclet import __version__, dates, output
from usclet.errors import BadInput, ExitStatus, UscletError

LISTINGS = ("dialogues", "events", "claims", "articles", "sources")


class UscletGroup(click.Group):
    """Runs commands with every failure reported on one line and mapped to its exit status."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            status = super().main(args, prog_name or "usclet", complete_var, standalone_mode=False, **extra)
        except UscletError as error:
            _fail(str(error), error.exit_status)
        except click.exceptions.NoArgsIsHelpError as error:
            # `usclet` or `usclet add` alone asks what there is to do: show the help
            click.echo(error.ctx.get_help())
            sys.exit(ExitStatus.OK)
        except click.UsageError as error:
            hint = f" (see: {error.ctx.command_path} --help)" if error.ctx else ""
            _fail(_one_line(error.format_message()) + hint, ExitStatus.BAD_INPUT)
        except click.ClickException as error:
            _fail(_one_line(error.format_message()), ExitStatus.BAD_INPUT)
        except click.Abort:
            _fail("aborted", ExitStatus.NOTHING_FOUND)
        sys.exit(int(status or 0))

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # `usclet list claims | head -1` is not an error. Point stdout at /dev/null
            # so the interpreter's final flush does not fail again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return ExitStatus.OK


def _one_line(message):
    return " ".join(message.split())


def _fail(message, status):
    click.echo(f"usclet: error: {message}", err=True)
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


def open_store(lazy=False):
    from usclet.store import Store

    ctx = click.get_current_context()
    return Store(ctx.find_root().params.get("db"), lazy=lazy)


def _filters(since, until, side, topic):
    from usclet import model
    from usclet.queries import Filters

    if topic is not None and topic not in model.TOPICS:
        raise BadInput(f"--topic: {topic!r} is not a topic; topics are {', '.join(model.TOPICS)}")
    return Filters(since, until, side, topic)


def _nothing(rows, what):
    if not rows:
        click.echo(f"usclet: no {what} match", err=True)
        return ExitStatus.NOTHING_FOUND
    return ExitStatus.OK


@click.group(cls=UscletGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", type=click.Path(dir_okay=False), envvar="USCLET_DB", metavar="PATH",
              help="The store to use (default: the shipped data/usclet.json; also USCLET_DB).")
@click.option("--format", "fmt", type=click.Choice(output.FORMATS), default=None,
              help="Output format for every listing (default: table).")
@click.version_option(__version__, "--version", prog_name="usclet")
def cli(db, fmt):
    """The record of U.S.–Cuba law-enforcement cooperation: dated claims, each
    anchored to the exact words of its source.

    \b
    Examples:
      usclet list dialogues
      usclet compare 2017-12-12
      usclet sources --unverified --format jsonl
      usclet show led-2016-05-17
      usclet extract statement.txt --published 2024-04-18
      usclet check
    """


def span(record):
    """'2023-01-18…19' for a span of days, the date alone otherwise."""
    start, end = record.get("date"), record.get("end_date")
    if not end or len(start) != len(end):
        return f"{start}…{end}" if end else start
    differs = next((i for i, (a, b) in enumerate(zip(start, end)) if a != b), len(end))
    cut = end.rfind("-", 0, differs) + 1  # keep the whole differing part: "19", not "9"
    return f"{start}…{end[cut:]}"


COLUMNS = {
    "dialogues": [
        (output.field("ordinal"), "No."), (lambda r: span(r), "Date"),
        (output.field("place"), "Place"), (lambda r: r.get("participants", {}).get("us"), "U.S. leads"),
        (lambda r: r.get("participants", {}).get("cuba"), "Cuban leads"), (lambda r: len(r["sources"]), "Sources"),
        (output.field("id"), "Id"),
    ],
    "events": [
        (lambda r: span(r), "Date"), (output.field("kind"), "Kind"),
        (output.field("name"), "Name"), (output.field("place"), "Place"),
        (lambda r: len(r["sources"]), "Sources"), (output.field("id"), "Id"),
    ],
    "claims": [
        (output.field("date"), "Date"), (output.field("id"), "Id"),
        (lambda r: sorted({e["side"] for e in r["evidence"]}), "Sides"),
        (lambda r: len({e["origin"] for e in r["evidence"]}), "Sources"), (output.field("text"), "Claim"),
    ],
    "articles": [
        (output.field("id"), "Id"), (output.field("kind"), "Kind"), (output.field("published"), "Published"),
        (output.field("author"), "Author"), (output.field("title"), "Title"),
        (output.field("duplicate_of"), "Duplicate of"), (lambda r: len(r["claims"]), "Claims"),
    ],
    "sources": [
        (output.field("origin"), "Origin"), (output.field("sides"), "Side"),
        (lambda r: len(r["claims"]), "Claims"), (output.field("articles"), "Articles"),
    ],
}


@cli.command("list")
@click.argument("what", type=click.Choice(LISTINGS), metavar="dialogues|events|claims|articles|sources")
@filter_options
@output_format
def list_command(what, since, until, side, topic, fmt):
    """List dialogues, events, claims, articles or sources.

    \b
    Examples:
      usclet list dialogues
      usclet list claims --since 2017 --side cuba --format json
      usclet list events --topic migration --format csv
    """
    from usclet import queries

    filters = _filters(since, until, side, topic)
    store = open_store()
    query = {
        "dialogues": queries.list_dialogues, "events": queries.list_events, "claims": queries.list_claims,
        "articles": queries.list_articles, "sources": queries.list_origins,
    }[what]
    rows = query(store, filters)
    status = _nothing(rows, what)
    if rows or fmt == "json":
        output.emit(rows, fmt, COLUMNS[what], title=what.capitalize())
    return status


@cli.command()
@click.argument("record_id", metavar="ID")
@output_format
def show(record_id, fmt):
    """Show an event, claim or article in full.

    A claim shows each quote inside its sentence, highlighted, with the footnote it cites.

    \b
    Examples:
      usclet show led-2017-12-12
      usclet show a004-1 --format json
    """
    from usclet import queries

    result = queries.show(open_store(), record_id)
    if fmt in ("json", "jsonl"):
        output.write_document(result, fmt)
    elif fmt in ("csv", "md"):
        raise BadInput(f"--format {fmt}: show prints one record; use table, json or jsonl")
    else:
        from usclet import render

        render.show(result)


@cli.command()
@click.argument("target", metavar="DATE|EVENT_ID")
@output_format
def compare(target, fmt):
    """Compare each side's account of the events on a date or period, or of one event.

    \b
    Examples:
      usclet compare 2017-12-12
      usclet compare "Dec 2017"
      usclet compare led-2023-01-18 --format json
    """
    from usclet import queries

    results = queries.compare(open_store(), target)
    if fmt in ("json", "jsonl"):
        output.write_document(results, fmt)
    elif fmt in ("csv", "md"):
        rows = [
            {"event": r["event"]["id"], "side": side, "claim": claim["id"], "date": claim.get("date"), "text": claim["text"]}
            for r in results for side, claims in r["accounts"].items() for claim in claims
        ]
        columns = [(output.field(name), name) for name in ("event", "side", "claim", "date", "text")]
        output.emit(rows, fmt, columns)
    else:
        from usclet import render

        render.compare(results)


@cli.command()
@click.option("--unverified", is_flag=True, help="Only claims resting on exactly one source.")
@click.option("--origin", metavar="NAME", help="Only claims with an origin containing NAME.")
@filter_options
@output_format
def sources(unverified, origin, since, until, side, topic, fmt):
    """Claims with their distinct independent sources.

    A reporting article is not the origin of what it quotes, and one post copied twice
    is one source.

    \b
    Examples:
      usclet sources --unverified
      usclet sources --origin "Foreign Ministry" --format jsonl
    """
    from usclet import queries

    rows = queries.claim_sources(open_store(), unverified, origin, _filters(since, until, side, topic))
    status = _nothing(rows, "claims")
    columns = [
        (output.field("date"), "Date"), (output.field("id"), "Id"), (lambda r: len(r["sources"]), "N"),
        (output.field("sources"), "Sources"), (output.field("text"), "Claim"),
    ]
    if rows or fmt == "json":
        output.emit(rows, fmt, columns, title="Unverified claims (one source)" if unverified else "Claims and their sources")
    return status


@cli.command()
@filter_options
@output_format
def timeline(since, until, side, topic, fmt):
    """Draw the dated events on a time axis, dialogues marked apart.

    \b
    Examples:
      usclet timeline
      usclet timeline --since 2017 --until 2017
    """
    from usclet import queries

    years = queries.timeline(open_store(), _filters(since, until, side, topic))
    events = [event for _, group in years for event in group]
    status = _nothing(events, "events")
    if fmt == "table":
        if events:
            from usclet import render

            render.timeline(years)
    else:
        output.emit(events, fmt, COLUMNS["events"])
    return status


@cli.command()
@click.argument("words", nargs=-1, required=True)
@output_format
def search(words, fmt):
    """Find claims and quotes containing all the words (case- and accent-insensitive).

    \b
    Examples:
      usclet search Cossio
      usclet search deportation flights --format json
    """
    from usclet import queries

    rows = queries.search(open_store(), " ".join(words))
    status = _nothing(rows, "claims")
    columns = [
        (output.field("date"), "Date"), (output.field("id"), "Id"), (output.field("text"), "Claim"),
        (output.field("matches"), "Matching quotes"),
    ]
    if rows or fmt == "json":
        output.emit(rows, fmt, columns, title=f"Claims matching {' '.join(words)!r}")
    return status


@cli.command()
@output_format
def check(fmt):
    """Verify the store: quotes against the seed text at their offsets, seed hashes,
    references, dates and ids. Prints each problem; exits 1 if there is any.

    \b
    Examples:
      usclet check
      usclet --db mystore.json check
    """
    from usclet.check import check_store

    store = open_store()
    problems = check_store(store)
    if fmt in ("json", "jsonl"):
        output.write_document(problems, fmt)
    else:
        for problem in problems:
            click.echo(output.sanitize(problem))
    summary = (
        f"{len(store.articles)} articles, {len(store.events)} events, {len(store.claims)} claims, "
        f"{sum(len(c.get('evidence') or []) for c in store.claims)} quotes checked: "
        + (f"{len(problems)} problems" if problems else "all match their sources")
    )
    click.echo(summary, err=bool(problems) or fmt in ("json", "jsonl"))
    return ExitStatus.NOTHING_FOUND if problems else ExitStatus.OK


BASIS_LABELS = {"absolute": "absolute", "relative to the publication date": "publication",
                "from a footnote": "footnote", "from the surrounding context": "context"}


def _short(text, width=72):
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


EXTRACT_COLUMNS = [
    (lambda r: r["evidence"][0]["article"] or r["review"]["in_file"], "Article"),
    (lambda r: span(r) if r["date"] else None, "Date"),
    (lambda r: BASIS_LABELS.get(r["review"]["date_basis"]), "Basis"),
    (output.field("date_text"), "From"), (lambda r: r["evidence"][0]["speaker"], "Speaker"),
    (lambda r: r["evidence"][0]["side"], "Side"), (lambda r: _short(r["evidence"][0]["quote"]), "Quote"),
]
# csv is for spreadsheets and scripts: whole quotes, offsets, origins
EXTRACT_CSV_COLUMNS = [
    (lambda r: r["evidence"][0]["article"], "article"), (lambda r: r["evidence"][0]["start"], "start"),
    (lambda r: r["evidence"][0]["end"], "end"), (output.field("date"), "date"), (output.field("end_date"), "end_date"),
    (output.field("date_text"), "date_text"), (output.field("date_basis"), "date_basis"),
    (lambda r: r["evidence"][0]["speaker"], "speaker"), (lambda r: r["evidence"][0]["side"], "side"),
    (lambda r: r["evidence"][0]["origin"], "origin"), (output.field("event"), "event"),
    (lambda r: r["evidence"][0]["quote"], "quote"),
]


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--published", callback=lambda c, p, v: v and dates.parse_argument(v, "--published"), metavar="DATE",
              help="The publication date, when the text does not state it; 'last Monday' counts from it.")
@click.option("--article", "article_id", metavar="ID",
              help="An article already added from FILE: keep its candidates, which then import as they are.")
@output_format
def extract(file, published, article_id, fmt):
    """Propose candidate claims from a plain-text article: each sentence with a date
    or an attribution, its resolved date and the words it came from, speaker, side
    and origin guesses, and exact offsets. Review them, then feed them to `import`.

    \b
    Examples:
      usclet extract new-statement.txt --published 2024-04-18
      usclet add article report.txt --title "Talks resume"     # added as a005-1
      usclet extract report.txt --article a005-1 --format jsonl > a005.jsonl
      usclet import a005.jsonl
    """
    from usclet import extract as extraction

    results = extraction.extract_file(open_store(), file, published, article_id)
    candidates = [candidate for _, _, found in results for candidate in found]
    if fmt in ("table", "csv", "md"):
        output.emit(candidates, fmt, EXTRACT_CSV_COLUMNS if fmt == "csv" else EXTRACT_COLUMNS,
                    title=f"Candidate claims in {file}")
        if fmt == "table":
            for record, (date, basis), found in results:
                label = found[0]["review"]["in_file"] if found else record["id"]
                click.echo(f"{label}: published {date or 'unknown'} ({basis})")
    else:
        output.write_document(candidates, fmt)
    return _nothing(candidates, f"candidate claims in {file}")


@cli.group()
def add():
    """Add an article or a claim to the store.

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
@click.option("--published", callback=lambda c, p, v: v and dates.parse_argument(v, "--published"), metavar="DATE")
@click.option("--url")
@output_format
def add_article(file, title, author, publisher, published, url, fmt):
    """Register a plain-text UTF-8 article: copy it into the store's seeds folder and
    record its posts, comments and footnotes."""
    from usclet import ingest

    articles = ingest.add_article(open_store(), file, title, author, publisher, published, url)
    columns = [(output.field("id"), "Id"), (output.field("kind"), "Kind"), (output.field("title"), "Title"),
               (output.field("published"), "Published"), (output.field("duplicate_of"), "Duplicate of")]
    output.emit(articles, fmt, columns, title="Added")


@add.command("claim")
@click.option("--article", "article_id", required=True, metavar="ID", help="The article the quote is from.")
@click.option("--quote", required=True, help="The exact words, as they are in the article.")
@click.option("--occurrence", type=click.IntRange(min=1), help="Which occurrence, if the quote is there several times.")
@click.option("--date", callback=lambda c, p, v: v and dates.parse_argument(v, "--date"), metavar="DATE")
@click.option("--end-date", callback=lambda c, p, v: v and dates.parse_argument(v, "--end-date"), metavar="DATE")
@click.option("--date-text", help="The words the date came from.")
@click.option("--event", metavar="ID")
@click.option("--speaker", help="Who says it in the text (default: the author).")
@click.option("--side", type=click.Choice(("us", "cuba", "independent")), default="independent")
@click.option("--origin", help="The independent origin (default: the article's publisher or author).")
@click.option("--text", help="A short neutral paraphrase (default: the quote).")
@click.option("--topic", "topics", multiple=True, metavar="TOPIC")
@click.option("--id", "claim_id", metavar="ID", help="The claim's id (default: assigned).")
@click.option("--merge", "merge_into", metavar="CLAIM_ID", help="Add the quote as evidence of this existing claim.")
@output_format
def add_claim(article_id, quote, occurrence, date, end_date, date_text, event, speaker, side, origin, text,
              topics, claim_id, merge_into, fmt):
    """Add a claim quoting an article; the quote must be in it, or nothing is written."""
    from usclet import ingest

    if merge_into:
        given = [name for name, value in (("--id", claim_id), ("--text", text), ("--date", date), ("--end-date", end_date),
                                          ("--date-text", date_text), ("--event", event), ("--topic", topics)) if value]
        if given:
            raise BadInput(f"--merge adds a quote to an existing claim and cannot be combined with {', '.join(given)}")
    entry = {
        "id": claim_id, "event": event, "date": date, "end_date": end_date, "date_text": date_text, "text": text,
        "topics": list(topics), "merge": merge_into,
        "evidence": [{"article": article_id, "quote": quote, "occurrence": occurrence, "speaker": speaker,
                      "side": side, "origin": origin}],
    }
    added, merged = ingest.add_claims(open_store(lazy=True), [("the claim", entry)], merge=bool(merge_into))
    _report_added(added, merged, fmt)


@cli.command("import")
@click.argument("source", metavar="FILE|-")
@click.option("--merge", is_flag=True, help="Let lines with a `merge` claim id add evidence to that claim.")
@output_format
def import_command(source, merge, fmt):
    """Import claims from JSON lines (or a JSON list): all of them, or none.

    Each line is a claim in the shape of the data model; `id` and the evidence's
    `start`/`end` may be left out (assigned, and found from the quote).

    \b
    Examples:
      usclet import reviewed.jsonl
      cat reviewed.jsonl | usclet import -
      usclet import --merge corroboration.jsonl
    """
    from usclet import ingest

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
    added, merged = ingest.add_claims(open_store(lazy=True), entries, merge=merge)
    _report_added(added, merged, fmt)


def _report_added(added, merged, fmt):
    if fmt in ("json", "jsonl"):
        output.write_document(added, fmt)
        return
    for claim in added:
        click.echo(f"added {claim['id']}")
    for claim_id in merged:
        click.echo(f"added evidence to {claim_id}")


@cli.command()
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(yes):
    """Put the store's backup (<store>.bak, the version before the last write) back in place.

    The file it replaces is kept as <store>.replaced.
    """
    from usclet import store

    path = Path(click.get_current_context().find_root().params.get("db") or store.default_path())
    if not yes:
        click.confirm(f"Replace {path} with its backup {store.backup_path(path)}?", abort=True, err=True)
    backup = store.restore(path)
    click.echo(f"restored {path} from {backup}")


def main():
    cli.main(prog_name="usclet")
