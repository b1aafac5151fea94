"""Terminal rendering with rich: tables, `show`, `compare` and the timeline.

Every piece of article text goes through `cells.sanitize` and into a `Text` object,
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

from usclet import model
from usclet.render.cells import cell, sanitize

SIDE_TITLES = {"us": "U.S.", "cuba": "Cuba", "independent": "Independent"}
# Prose columns are cut to one line with an ellipsis when the table is wider than the
# terminal; every other column (ids above all) is shown whole or not at all.
PROSE = {"Values and who gives them", "Claim", "Name", "Title", "Place", "U.S. participants", "Cuban participants", "Sources list",
         "Matching quotes", "Quote", "Author", "From", "Speaker", "Origin", "Articles", "Records", "Reason"}
# The column a listing is read for keeps at least MIN_READ characters: other columns give
# way first, and when even that does not fit, each record is shown as a block of its own.
READ_FOR = {"Values and who gives them", "Claim", "Records"}
MIN_READ = 30
# Which columns give way first when the table does not fit (higher goes first); ids never.
GIVES_WAY = {"Claims": 4, "Articles": 9, "Matching quotes": 9, "Duplicate of": 8, "Author": 8, "U.S. participants": 7,
             "Cuban participants": 7, "Sides": 6, "Kind": 5, "Speaker": 5, "From": 6, "Basis": 7, "Published": 4,
             "Place": 4, "Sources": 3, "Sources list": 5, "N": 3, "Side": 3,
             "Claim": 2, "Name": 2, "Title": 2, "Date": 1, "Status": 6, "Records": 2, "Reason": 5, "Undo or redo of": 7,
             "When": 4, "Command": 3, "Said about": 8}
MIN_PROSE = 12


class PipedConsole(Console):
    """rich exits with status 1 when the reader of a pipe goes away (`usclet timeline | head -1`);
    that is not an error: the CLI's boundary turns BrokenPipeError into status 0."""

    def on_broken_pipe(self):
        self.quiet = True
        raise BrokenPipeError


def console(file=None, record=False):
    file = file or sys.stdout
    is_tty = hasattr(file, "isatty") and file.isatty()
    return PipedConsole(
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


def emit(*renderables):
    """Prints on the terminal as rich draws it; elsewhere the same text without the spaces
    rich pads every line with, so that piped output has no trailing spaces."""
    out = console()
    if out.is_terminal:
        for renderable in renderables:
            out.print(renderable)
        return
    with out.capture() as captured:
        for renderable in renderables:
            out.print(renderable)
    sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def fit_columns(headings, cells, width):
    """{heading: width} for the columns shown at `width`: every column at its full width, prose
    cut to share what is left (at least MIN_PROSE each, MIN_READ for the column the listing is
    read for), dropping the columns that give way first until the rest fit. A table that fits
    is drawn as it is. None when the column read for cannot keep MIN_READ characters even so:
    the records are then shown one block each."""
    natural = {h: max([len(h)] + [len(row[i]) for row in cells]) for i, h in enumerate(headings)}
    least = {h: min(natural[h], MIN_READ if h in READ_FOR else MIN_PROSE) if h in PROSE else natural[h]
             for h in headings}
    shown = list(headings)
    gaps = lambda columns: 3 * len(columns) + 1  # noqa: E731 (padding either side, and the rules between)
    while sum(least[h] for h in shown) + gaps(shown) > width:
        droppable = [h for h in shown if h in GIVES_WAY and h not in READ_FOR]
        if not droppable:
            if READ_FOR & set(shown):
                return None
            break
        shown.remove(max(droppable, key=lambda h: (GIVES_WAY[h], shown.index(h))))
    widths = {h: natural[h] for h in shown}
    room = width - gaps(shown) - sum(natural[h] for h in shown if h not in PROSE)
    prose = [h for h in shown if h in PROSE]
    if prose and sum(natural[h] for h in prose) > room:
        # share the room among prose columns, none below its least, none above its need
        share = {h: least[h] for h in prose}
        spare = max(room - sum(share.values()), 0)
        while spare > 0:
            wanting = [h for h in prose if share[h] < natural[h]]
            if not wanting:
                break
            for h in wanting:
                if spare:
                    share[h] += 1
                    spare -= 1
        widths.update(share)
    return widths


def table(rows, columns, title=None, notes=()):
    width = console().width
    headings = [heading for _, heading in columns]
    cells = [[sanitize(cell(getter(row))).replace("\n", " ") for getter, _ in columns] for row in rows]
    widths = fit_columns(headings, cells, width)
    extra = [plain(note, style="dim") for note in notes]
    if widths is None:
        emit(*blocks(headings, cells, title), *extra)
        return
    grid = Table(title=plain(title) if title else None, box=box.SIMPLE_HEAD, show_lines=False,
                 title_justify="left", padding=(0, 1))
    for heading, column_width in widths.items():
        grid.add_column(heading, width=column_width, no_wrap=True,
                        overflow="ellipsis" if heading in PROSE else "ignore")
    for row in cells:
        grid.add_row(*(Text(row[headings.index(heading)]) for heading in widths))
    hidden = [h for h in headings if h not in widths]
    if hidden:
        extra.append(plain(f"(not shown at {width} columns: {', '.join(hidden)}; "
                           "widen the terminal or use --format csv)", style="dim"))
    emit(grid, *extra)


def blocks(headings, cells, title=None):
    """Each record as a block of `Heading: value` lines, whole (wrapped, never cut), for a
    terminal too narrow for the table."""
    parts = [plain(title, style="bold")] if title else []
    for row in cells:
        parts.append(Text(""))
        for heading, value in zip(headings, row):
            if value:
                line = Text(f"{heading}: ", style="bold")
                line.append(value)
                parts.append(line)
    return parts


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
    parts = []
    record = result["record"]
    parts.append(plain(f"{result['kind']} {record['id']}", style="bold underline"))
    if result["kind"] == "claim":
        parts.append(_field_lines(record, skip=("id", "evidence", "chains")))
        for number, item in enumerate(result["evidence"], 1):
            heading = Text()
            heading.append(f"evidence {number}: ", style="bold")
            heading.append(sanitize(f"{item['speaker']} ({SIDE_TITLES[item['side']]}; origin: {item['origin']})"))
            parts.append(heading)
            if item.get("derived_from"):
                parts.append(plain(f"  relays {item['derived_from']}: {item.get('derived_basis') or ''}", style="dim"))
            if item.get("said_on_latest"):
                parts.append(plain(f"  said ≤ {item['said_on_latest']}: {item.get('said_on_basis') or ''}", style="dim"))
            where = f"  in {item['article']}"
            if item.get("article_title"):
                where += f" “{item['article_title']}”"
            where += f", {item.get('path') or 'seeds/' + item['file']}[{item['start']}:{item['end']}]"
            parts.append(plain(where, style="dim"))
            context = item.get("context")
            if context:
                sentence = Text("  ")
                sentence.append(sanitize(context["before"]))
                sentence.append(sanitize(context["quote"]), style="bold reverse")
                sentence.append(sanitize(context["after"]))
                parts.append(sentence)
            if item.get("footnote") is not None:
                parts.append(plain(f"  footnote [{item['footnote']}]: {item.get('footnote_text') or '(not found)'}", style="dim"))
            parts.append(Text(""))
        emit(*parts)
        return
    skip = ("id", "citations") if result["kind"] == "article" else ("id",)
    parts.append(_field_lines(record, skip=skip))
    for citation in record.get("citations", []) if result["kind"] == "article" else []:
        number = f"[{citation['number']}]" if citation.get("number") is not None else "[-]"
        parts.append(plain(f"  citation {number} {citation.get('date') or ''}: {citation['text']}"))
    if result["claims"]:
        parts.append(plain(f"claims ({len(result['claims'])}):", style="bold"))
        for claim in result["claims"]:
            parts.append(plain(f"  {claim['id']}  {claim.get('date') or '—'}  {claim['text']}"))
    emit(*parts)


def _account_cell(claims, side):
    text = Text()
    for claim in claims:
        text.append("• ", style="bold")
        text.append(sanitize(claim["text"]))
        text.append("\n")
        text.append(sanitize(claim["id"] + (f" · {claim['sources_in_words']}" if claim.get("sources_in_words") else "")),
                    style="dim")
        text.append("\n")
    return text or Text(f"(no {model.SIDE_NAMES[side]} statement in the record)", style="dim")


def compare(results):
    parts = []
    for result in results:
        event = result["event"]
        if event is None:
            parts.append(plain("Claims on this date tied to no event", style="bold underline"))
        else:
            heading = f"{event.get('date') or 'undated'}"
            if event.get("end_date"):
                heading += f" – {event['end_date']}"
            heading += f"  {event['name']}"
            parts.append(plain(heading, style="bold underline"))
            parts.append(plain(f"id: {event['id']}" + (f"   place: {event['place']}" if event.get("place") else "")))
        # a column per side when each is wide enough for its longest claim id; stacked otherwise,
        # so that an id is never broken
        longest = max([len(claim["id"]) for found in result["accounts"].values() for claim in found] + [12])
        if console().width >= 3 * (longest + 3) + 1:
            grid = Table(box=box.SIMPLE_HEAD, expand=True)
            for side in SIDE_TITLES:
                grid.add_column(SIDE_TITLES[side], ratio=1, overflow="fold")
            grid.add_row(*(_account_cell(result["accounts"][side], side) for side in SIDE_TITLES))
            parts.append(grid)
        else:
            for side in SIDE_TITLES:
                parts.append(plain(f"{SIDE_TITLES[side]} account", style="bold"))
                parts.append(_account_cell(result["accounts"][side], side))
        for side in ("us", "cuba"):
            other = "cuba" if side == "us" else "us"
            if result["only"][side] and result["accounts"][other]:
                parts.append(plain(f"Only the {model.SIDE_NAMES[side]} account says (the {model.SIDE_NAMES[other]} does not):",
                                   style="bold"))
                parts.extend(plain(f"  • {claim['text']} [{claim['id']}]") for claim in result["only"][side])
        if result["naming"]:
            parts.append(plain("Who calls or numbers it how:", style="bold"))
            for entry in result["naming"]:
                said = [f"a {entry['kind']}" if entry.get("kind") else "", entry["name"] or "",
                        f"no. {entry['ordinal']}" if entry["ordinal"] is not None else ""]
                parts.append(plain(f"  • {', '.join(p for p in said if p)} — per {', '.join(entry['origins'])}"))
        if result["conflicts"]:
            parts.append(plain("Conflicts:", style="bold red"))
            for conflict in result["conflicts"]:
                if conflict["field"] == "claims":
                    parts.append(plain(f"  • {conflict['claims'][0]} conflicts with {conflict['claims'][1]}"))
                    continue
                parts.append(plain(f"  • {conflict['field']}: " + model.per_origins(conflict["values"], " vs ", bracketed=True)))
        silent = [model.SIDE_NAMES[side] for side in result["silent"]]
        parts.append(plain("Silence: " + ("; ".join(f"no {name} statement in the record" for name in silent)
                                          if silent else "both governments' statements are in the record")))
        parts.append(Text(""))
    emit(*parts)


def timeline(years):
    """Events on a vertical time axis, a block per year; gaps between years shown.

    Each event takes one line, its name shortened to fit the width (80 off a terminal).
    """
    out = console()
    width = out.width if out.is_terminal else int(os.environ.get("COLUMNS") or 80)
    parts = []
    previous = None
    for year, events in years:
        if previous is not None and year - previous > 1:
            gap = f"{previous + 1}–{year - 1}" if year - previous > 2 else f"{previous + 1}"
            parts.append(plain(f"{gap:>9} ┊  (no events recorded)", style="dim"))
        parts.append(plain(f"{year:>9} ┼{'─' * 20}", style="bold"))
        for event in events:
            dialogue = event["kind"] == "dialogue"
            called = any(v["value"] == "dialogue" for v in event.get("identity", {}).get("kind", {}).get("values", ()))
            when = event["date"][5:] or "·"
            if event.get("end_date"):
                when += "…" + event["end_date"][8:]
            label = event["name"]
            if event.get("ordinal"):
                label += f" (no. {event['ordinal']})"
            if event.get("place") and event["place"] not in label:
                label += f", {event['place']}"
            ident = f"  {event['id']}"
            room = width - 14 - len(ident)
            if len(label) > room:
                label = label[: max(room - 1, 8)] + "…"
            line = Text(f"{when:>9} │ ")
            line.append("◆ " if dialogue else "◇ " if called else "· ", style="bold yellow" if dialogue or called else "")
            line.append(sanitize(label), style="bold" if dialogue else "")
            line.append(sanitize(ident), style="dim")
            line.no_wrap, line.overflow = True, "ellipsis"
            parts.append(line)
        previous = year
    parts.append(plain("◆ Law Enforcement Dialogue   ◇ a dialogue per some sources   · other", style="dim"))
    emit(*parts)
