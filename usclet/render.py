"""Terminal rendering with rich: tables, `show`, `compare` and the timeline.

Every piece of article text goes through `output.sanitize` and into a `Text` object,
never into markup, so `[bold]` in an article is shown as typed and no escape
sequence from an article reaches the terminal. Colour only on a terminal, and never
when NO_COLOR is set.
"""

import os
import sys

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from usclet.output import cell, sanitize

SIDE_TITLES = {"us": "U.S.", "cuba": "Cuba", "independent": "Independent"}
# Short, identifying columns stay on one line; prose columns wrap.
UNWRAPPED = {"Id", "Article", "Basis", "Date", "End", "No.", "Sources", "N", "Kind", "Published", "Side", "Claims", "Duplicate of"}


def console(file=None):
    file = file or sys.stdout
    is_tty = hasattr(file, "isatty") and file.isatty()
    return Console(
        file=file,
        force_terminal=is_tty,
        no_color=bool(os.environ.get("NO_COLOR")) or not is_tty,
        color_system="auto" if is_tty else None,
        highlight=False,
        markup=False,
        emoji=False,
        # Off a terminal rich assumes 80 columns; COLUMNS still wins when set.
        width=None if is_tty or os.environ.get("COLUMNS") else 120,
    )


def plain(text, style=None):
    return Text(sanitize(text), style=style or "")


def table(rows, columns, title=None):
    out = console()
    grid = Table(title=plain(title) if title else None, box=box.SIMPLE_HEAD, show_lines=False, title_justify="left")
    for _, heading in columns:
        grid.add_column(heading, overflow="fold", no_wrap=heading in UNWRAPPED)
    for row in rows:
        grid.add_row(*(plain(cell(getter(row))) for getter, _ in columns))
    out.print(grid)


def _field_lines(record, skip=()):
    lines = Text()
    for key, value in record.items():
        if key in skip or value in (None, [], {}):
            continue
        lines.append(f"{key}: ", style="bold")
        lines.append(sanitize(cell(value)))
        lines.append("\n")
    return lines


def show(result):
    out = console()
    record = result["record"]
    out.print(plain(f"{result['kind']} {record['id']}", style="bold underline"))
    if result["kind"] == "claim":
        out.print(_field_lines(record, skip=("id", "evidence")))
        for number, item in enumerate(result["evidence"], 1):
            heading = Text()
            heading.append(f"evidence {number}: ", style="bold")
            heading.append(sanitize(f"{item['speaker']} ({SIDE_TITLES[item['side']]}; origin: {item['origin']})"))
            out.print(heading)
            where = f"  in {item['article']}"
            if item.get("article_title"):
                where += f" “{item['article_title']}”"
            where += f", seeds/{item['file']}[{item['start']}:{item['end']}]"
            out.print(plain(where, style="dim"))
            context = item.get("context")
            if context:
                sentence = Text("  ")
                sentence.append(sanitize(context["before"]))
                sentence.append(sanitize(context["quote"]), style="bold reverse")
                sentence.append(sanitize(context["after"]))
                out.print(sentence)
            if item.get("footnote") is not None:
                out.print(plain(f"  footnote [{item['footnote']}]: {item.get('footnote_text') or '(not found)'}", style="dim"))
            out.print()
        return
    skip = ("id", "citations") if result["kind"] == "article" else ("id",)
    out.print(_field_lines(record, skip=skip))
    for citation in record.get("citations", []) if result["kind"] == "article" else []:
        number = f"[{citation['number']}]" if citation.get("number") is not None else "[-]"
        out.print(plain(f"  citation {number} {citation.get('date') or ''}: {citation['text']}"))
    if result["claims"]:
        out.print(plain(f"claims ({len(result['claims'])}):", style="bold"))
        for claim in result["claims"]:
            out.print(plain(f"  {claim['id']}  {claim.get('date') or '—'}  {claim['text']}"))


def _account_cell(claims):
    text = Text()
    for claim in claims:
        text.append("• ", style="bold")
        text.append(sanitize(claim["text"]))
        text.append(sanitize(f" [{claim['id']}]\n"), style="dim")
    return text or Text("(no statement)", style="dim")


def compare(results):
    out = console()
    for result in results:
        event = result["event"]
        heading = f"{event.get('date') or 'undated'}"
        if event.get("end_date"):
            heading += f" – {event['end_date']}"
        heading += f"  {event['name']}  [{event['id']}]"
        out.print(plain(heading, style="bold underline"))
        if event.get("place"):
            out.print(plain(f"place: {event['place']}"))
        grid = Table(box=box.SIMPLE_HEAD, expand=True)
        for side in SIDE_TITLES:
            grid.add_column(SIDE_TITLES[side], ratio=1, overflow="fold")
        grid.add_row(*(_account_cell(result["accounts"][side]) for side in SIDE_TITLES))
        out.print(grid)
        for side in ("us", "cuba"):
            other = SIDE_TITLES["cuba" if side == "us" else "us"]
            if result["only"][side] and result["accounts"]["cuba" if side == "us" else "us"]:
                out.print(plain(f"Only {SIDE_TITLES[side]} says (not {other}):", style="bold"))
                for claim in result["only"][side]:
                    out.print(plain(f"  • {claim['text']} [{claim['id']}]"))
        if result["naming"]:
            out.print(plain("Named / numbered:", style="bold"))
            for entry in result["naming"]:
                label = entry["name"] or ""
                if entry["ordinal"] is not None:
                    label += f" (no. {entry['ordinal']})"
                out.print(plain(f"  • {label.strip()} — by {', '.join(entry['origins'])}"))
        if result["conflicts"]:
            out.print(plain("Conflicts:", style="bold red"))
            for conflict in result["conflicts"]:
                if conflict["field"] == "claims":
                    out.print(plain(f"  • {conflict['claims'][0]} conflicts with {conflict['claims'][1]}"))
                    continue
                parts = [f"{v['value']!s} ({', '.join(v['origins'])})" for v in conflict["values"]]
                out.print(plain(f"  • {conflict['field']}: " + " vs ".join(parts)))
        silent = [SIDE_TITLES[side] for side in result["silent"]]
        out.print(plain("Silent: " + (", ".join(silent) + " made no statement" if silent else "none — both governments spoke")))
        out.print()


def timeline(years):
    """Events on a vertical time axis, a block per year; gaps between years shown.

    Each event takes one line, its name shortened to fit the width (80 off a terminal).
    """
    out = console()
    width = out.width if out.is_terminal else int(os.environ.get("COLUMNS") or 80)
    previous = None
    for year, events in years:
        if previous is not None and year - previous > 1:
            gap = f"{previous + 1}–{year - 1}" if year - previous > 2 else f"{previous + 1}"
            out.print(plain(f"{gap:>9} ┊  (no events recorded)", style="dim"))
        out.print(plain(f"{year:>9} ┼{'─' * 20}", style="bold"))
        for event in events:
            dialogue = event["kind"] == "dialogue"
            when = event["date"][5:] or "·"
            if event.get("end_date"):
                when += "…" + event["end_date"][8:]
            label = event["name"]
            if event.get("ordinal"):
                label += f" (no. {event['ordinal']})"
            if event.get("place"):
                label += f", {event['place']}"
            ident = f"  {event['id']}"
            room = width - 14 - len(ident)
            if len(label) > room:
                label = label[: max(room - 1, 8)] + "…"
            line = Text(f"{when:>9} │ ")
            line.append("◆ " if dialogue else "· ", style="bold yellow" if dialogue else "")
            line.append(sanitize(label), style="bold" if dialogue else "")
            line.append(sanitize(ident), style="dim")
            out.print(line, no_wrap=True, overflow="ellipsis", crop=True)
        previous = year
    out.print(plain("◆ Law Enforcement Dialogue   · other event", style="dim"))
