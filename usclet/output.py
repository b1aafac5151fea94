"""The one place that knows output formats: json, jsonl, csv, md and table.

Machine formats print whole records (the JSON contract); `csv`, `md` and `table`
print the listing's columns. Rich is imported only by `render`, and only for tables.
"""

import re
import sys

FORMATS = ("table", "json", "jsonl", "csv", "md")

# C0 and C1 controls (ESC, BEL, OSC introducers ...) other than newline and tab:
# text from articles is data and must never drive the terminal.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def sanitize(text):
    """Text safe to show on a terminal: control characters made visible as \\xNN."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _CONTROL_RE.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def cell(value):
    """A record's value as one line of text for csv, md and table columns."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {cell(item)}" for key, item in value.items() if item not in (None, [], {}))
    return str(value)


def write_json(document, out=None):
    from usclet import codec

    out = out or sys.stdout
    binary = getattr(out, "buffer", None)
    if binary is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        # the encoder already gives UTF-8: write its bytes, piece by piece, without decoding them
        out.flush()
        for piece in codec.iter_indented(document):
            binary.write(piece)
        binary.write(b"\n")
        binary.flush()
        return
    for piece in codec.iter_indented(document):
        out.write(piece.decode("utf-8"))
    out.write("\n")


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


def emit(rows, fmt, columns, title=None, document=None):
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
        from usclet import render

        render.table(rows, columns, title)


def field(name):
    """A column getter for a record field."""
    return lambda row: row.get(name)
