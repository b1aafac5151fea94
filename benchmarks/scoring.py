"""What the benchmarks share: a predicted date expression matched to an annotated span, its
precision compared with the annotation's, and dateparser's predictions as the baseline.

A prediction is (start, end, date, end_date, ...) with offsets into the text scored;
dates are ISO strings whose length is their precision (`2016`, `2016-05`, `2016-05-17`).
"""

import datetime as dt


def dateparser_dates(text, published):
    """[(start, end, date, None)] that dateparser.search_dates finds in `text` counting from
    `published` (ISO, any precision, or None), or None without dateparser."""
    try:
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates
    except ImportError:
        return None
    base = None
    if published:
        parts = [int(p) for p in published.split("-")] + [1, 1]
        base = dt.datetime(parts[0], parts[1], parts[2])
    settings = {"RELATIVE_BASE": base} if base else {}
    found = search_dates(text, languages=["en"], settings=settings) or []
    parser = DateDataParser(languages=["en"], settings=settings)
    predicted, position = [], 0
    for words, value in found:
        start = text.find(words, position)
        if start < 0:
            start = text.find(words)
        if start < 0:
            continue
        position = start + len(words)
        period = parser.get_date_data(words).period or "day"
        iso = value.date().isoformat()
        iso = iso[:4] if period == "year" else iso[:7] if period == "month" else iso
        predicted.append((start, start + len(words), iso, None))
    return predicted


def finer(predicted, annotated):
    """Whether a predicted date is more precise than the annotated one (a day for a month)."""
    return predicted is not None and annotated is not None and predicted.count("-") > annotated.count("-")


def best_overlap(start, end, predicted):
    """The prediction overlapping [start, end) the most (ties: the first), or None."""
    overlapping = [(min(end, p[1]) - max(start, p[0]), -index, p) for index, p in enumerate(predicted)
                   if p[0] < end and start < p[1]]
    return max(overlapping)[2] if overlapping else None


def percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "—"
