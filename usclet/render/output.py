"""The one place that knows output formats: json, jsonl, csv, md and table.

Machine formats print whole records (the JSON contract); `csv`, `md` and `table`
print the listing's columns. Rich is imported only by `render`, and only for tables.
"""

import sys

from usclet.render.cells import cell, sanitize

FORMATS = ("table", "json", "jsonl", "csv", "md")

def write_json(document, out=None):
    from usclet import jsontext

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


def write_jsonl(rows, out=None):
    import json

    out = out or sys.stdout
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False))
        out.write("\n")


def write_csv(rows, columns, out=None):
    import csv

    out = out or sys.stdout
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([title for _, title in columns])
    for row in rows:
        writer.writerow([cell(getter(row)) for getter, _ in columns])


def write_md(rows, columns, out=None):
    out = out or sys.stdout

    def escape(text):
        return sanitize(text).replace("|", "\\|").replace("\n", " ")

    out.write("| " + " | ".join(title for _, title in columns) + " |\n")
    out.write("|" + "|".join("---" for _ in columns) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(escape(cell(getter(row))) for getter, _ in columns) + " |\n")


def write_document(document, fmt):
    """A command's result as one JSON document (`json`) or one object per line (`jsonl`)."""
    if fmt == "json":
        write_json(document)
    else:
        write_jsonl(document if isinstance(document, list) else [document])


def emit(rows, fmt, columns, title=None, document=None, notes=()):
    """Prints a listing: `rows` are records, `columns` [(getter, title)] for flat formats.

    `document` replaces the rows as the JSON document when the command's JSON shape
    is not simply the list of rows.
    """
    if fmt == "json":
        write_json(rows if document is None else document)
    elif fmt == "jsonl":
        write_jsonl(rows)
    elif fmt == "csv":
        write_csv(rows, columns)
    elif fmt == "md":
        write_md(rows, columns)
    else:
        draw("table", rows, columns, title, notes)


def draw(drawing, *args):
    """A table drawn on the terminal: rich is imported here, and only when a table is drawn
    (`table`, `show`, `compare`, `timeline` of `usclet.render.tables`)."""
    from usclet.render import tables

    getattr(tables, drawing)(*args)
