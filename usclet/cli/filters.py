"""The filters every listing takes: --since, --until, --side, --topic."""

import click

from usclet import model
from usclet.cli.options import Date


def filter_options(command):
    for decorator in reversed((
        click.option("--since", type=Date(), metavar="DATE", help="Only records on or after DATE (ISO or English)."),
        click.option("--until", type=Date(), metavar="DATE", help="Only records on or before DATE (ISO or English)."),
        click.option("--side", type=click.Choice(model.SIDES), help="Only what this side says."),
        click.option("--topic", type=click.Choice(model.TOPICS), metavar="TOPIC",
                     help="Only claims on this topic (see README for the list)."),
    )):
        command = decorator(command)
    return command
