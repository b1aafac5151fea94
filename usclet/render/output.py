"""The one place that knows output formats: one writer per format in `WRITERS`, and
`write`, the one way every command prints its result.

Machine formats print whole records (the JSON contract): `json` one document, `jsonl`
one record per line as each comes. `csv`, `md` and `table` print the listing's columns
(or, for a command that gives none, the first record's fields); `csv` and `md` write each
row as it comes. Rich is imported only for `table`, the stdlib `json` only for `jsonl`.
"""

import itertools
import sys

from usclet import jsontext
from usclet.render.cells import cell, sanitize

FORMATS = ("table", "json", "jsonl", "csv", "md")


def write(fmt, rows, columns=None, *, document=None, flat=None, human=None, title=None, notes=()):
    """Prints a command's result through the writer of `fmt`.

    `rows` are records; `columns` [(getter, title)] for the flat formats. `document`
    replaces the rows as the JSON document when the command's JSON shape is not simply
    the list of rows; `flat(rows)` gives the rows of csv, md and table when they are not
    the records themselves; `human()` prints the table form when it is not one table.
    """
    WRITERS[fmt](rows, columns, document=document, flat=flat, human=human, title=title, notes=notes)


def _json(rows, columns, document=None, **_):
    write_json(list(rows) if document is None else document)


def write_json(document, out=None):
    out = out or sys.stdout
    encoded = jsontext.dumps(document)
    binary = getattr(out, "buffer", None)
    if binary is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        out.flush()  # the encoder already gives UTF-8: write its bytes without decoding them
        binary.write(encoded)
        binary.write(b"\n")
        binary.flush()
    else:
        out.write(encoded.decode("utf-8") + "\n")


def _jsonl(rows, columns, **_):
    import json

    out = sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")


def _flat(rows, columns, flat):
    """(rows, columns) of a flat format; without columns, the first row's fields, like
    sqlite-utils' `output_rows` (the row is peeked at, the rows still stream)."""
    rows = iter(flat(rows) if flat else rows)
    if columns is None:
        first = next(rows, None)
        if first is None:
            return rows, []
        rows = itertools.chain([first], rows)
        columns = [(lambda row, key=key: row.get(key), key) for key in first] if isinstance(first, dict) \
            else [(lambda row: row, "value")]
    return rows, columns


def _csv(rows, columns, flat=None, **_):
    import csv

    rows, columns = _flat(rows, columns, flat)
    if not columns:  # no row and no columns: nothing to head
        return
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow([cell(getter(row)) for getter, _ in columns])


def _md(rows, columns, flat=None, **_):
    rows, columns = _flat(rows, columns, flat)
    if not columns:
        return
    out = sys.stdout

    def escape(text):
        return sanitize(text).replace("|", "\\|").replace("\n", " ")

    out.write("| " + " | ".join(escape(title) for _, title in columns) + " |\n")
    out.write("|" + "|".join("---" for _ in columns) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(escape(cell(getter(row))) for getter, _ in columns) + " |\n")


def _table(rows, columns, flat=None, human=None, title=None, notes=(), **_):
    if human is not None:
        human()
        return
    rows, columns = _flat(rows, columns, flat)
    draw("table", list(rows), columns, title, notes)


WRITERS = {"table": _table, "json": _json, "jsonl": _jsonl, "csv": _csv, "md": _md}


def draw(drawing, *args):
    """A table drawn on the terminal: rich is imported here, and only when a table is drawn
    (`table`, `show`, `compare`, `timeline` of `usclet.render.tables`)."""
    from usclet.render import tables

    getattr(tables, drawing)(*args)
