"""One value as one line of text, safe for a terminal: what every flat format prints."""

import re

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



def field(name):
    """A column getter for a record field."""
    return lambda row: row.get(name)


def span(record):
    """'2023-01-18…19' for a span of days, the date alone otherwise."""
    start, end = record.get("date"), record.get("end_date")
    if not end or not start or len(start) != len(end):
        return f"{start}…{end}" if end else start
    differs = next((i for i, (a, b) in enumerate(zip(start, end)) if a != b), len(end))
    cut = end.rfind("-", 0, differs) + 1  # keep the whole differing part: "19", not "9"
    return f"{start}…{end[cut:]}"
