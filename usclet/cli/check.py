"""The `check` command: the store verified against its sources and its contract."""

import click

from usclet.cli.options import output_format
from usclet.cli.store import open_store
from usclet.errors import ExitStatus, StoreError
from usclet.record.check import check_store
from usclet.render import output


@click.command()
@output_format
def check(fmt):
    """Verify the store: quotes against the seed text at their offsets, seed hashes,
    references, dates and ids. Prints each problem; exits 1 if there is any.

    \b
    Examples:
      usclet check
      usclet --db mystore.json check
    """
    store = open_store()
    missing = store.missing_articles()
    if missing:  # no quote can be checked: the store cannot be read whole (exit 3), not a problem found in it
        raise StoreError(missing)
    problems = check_store(store)
    output.write(fmt, problems, [(str, "Problem")],
                 human=lambda: [click.echo(output.sanitize(problem)) for problem in problems])
    counts = store.counts()
    summary = (
        f"{counts['articles']} articles, {counts['events']} events, {counts['claims']} claims, "
        f"{counts['evidence']} quotes checked: " + (f"{len(problems)} problems" if problems else "all match their sources")
    )
    click.echo(summary, err=bool(problems) or fmt != "table")  # stdout stays in its format
    return ExitStatus.NOTHING_FOUND if problems else ExitStatus.OK
