"""Finds the dates written in news text and resolves them to ISO dates of known precision.

News text rarely writes a full date: "On April 17" needs a year, "This past Monday" a
publication date, "the day before the Dialogue" the date of the Dialogue. `find`
locates every date expression in a piece of text; `resolve` turns one into a
`Resolution` with the words it came from, its basis (absolute; relative to the
publication date; from a footnote, for its year or the date of the source it cites;
from the surrounding context) and any ambiguity, reported rather than guessed away.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field, replace

from usclet import dates

ABSOLUTE = "absolute"
PUBLICATION = "relative to the publication date"
FOOTNOTE = "from a footnote"
CONTEXT = "from the surrounding context"

# Month names as news text writes them, capitalised ("may" is a verb); abbreviations
# only where digits follow ("Dec. 13"), full names where none do ("early January").
_M = "|".join(sorted((name.capitalize() for name in dates.MONTHS), key=len, reverse=True))
_CAP_MONTH = "|".join(calendar.month_name[1:])
WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAY = "|".join(calendar.day_name)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "a": 1, "an": 1}
_EVENT_NOUN = r"(?:meeting|dialogue|talks|round|session|discussions?|conversations?|visit|summit|signing)"
URL_RE = re.compile(r"https?://\S+|\bwww\.\S+|\b[\w-]+\.(?:com|org|gov|net)(?:/\S*)?")

# (kind, pattern), tried in order; at each position the longest match wins.
PATTERNS = [
    ("span", rf"\b(?P<m>{_M})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|and|through)\s*"
             rf"(?:(?P<m2>{_M})\.? )?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (?P<y>\d{{4}})\b)?"),
    ("span", rf"\b(?P<d1>\d{{1,2}})\s*(?:-|–|and|to)\s*(?P<d2>\d{{1,2}}) (?P<m>{_M})\.?(?:,? (?P<y>\d{{4}})\b)?"),
    # "from January 12 through September 2017": from a day to a month
    ("span_to_month", rf"\b(?P<m>{_M})\.? (?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:-|–|—|to|through|until)\s*"
                      rf"(?P<m2>{_CAP_MONTH})\b(?!\.? ?\d{{1,2}}\b)(?:,? (?P<y>\d{{4}})\b)?"),
    ("iso", r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ("full", dates.ABSOLUTE_DATE_RE.pattern),
    ("month_day", rf"\b(?P<m>{_M})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![,/]? ?\d)"),
    ("month_day", rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{_CAP_MONTH})\b(?!,? \d{{4}})"),
    # "1995 and 2017" are two years; "between 1995 and 2017", "in the years 2016 and 2017" a span
    ("year_span", r"(?:\b(?P<lead>(?i:from|between|the years)) )?\b(?P<y1>(?:1[89]|20)\d{2})\s*(?P<sep>-|–|—|to|and|through)\s*"
                  r"(?P<y2>(?:1[89]|20)?\d{2})\b(?![-/]\d)"),
    ("part_of_month", rf"\b(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)"
                      rf"[ -](?P<m>{_CAP_MONTH})\b(?:,? (?P<y>\d{{4}})\b)?"),
    ("month_named", rf"\b(?P<rel>(?i:this past|this|last|next|past)) (?P<m>{_CAP_MONTH})\b(?!\.? ?\d)"),
    ("this_month", r"\b(?P<part>(?i:earlier|later|late|early)) this month\b"),
    ("month_in", rf"\b(?P<prep>in|since|until|by|during|through|from|before|after) (?P<m>{_CAP_MONTH})\b(?!\.? ?\d)"),
    ("weekday", rf"\b(?:(?P<rel>this past|last|past|next|this|on|On|This past|Last|This|Next) )?"
                rf"(?P<w>{_WEEKDAY})\b(?!,? (?:{_M})\.? \d)"),
    # "Monday through Thursday": the days of one week
    ("weekday_span", rf"\b(?:(?i:from) )?(?P<w1>{_WEEKDAY}) (?:through|to|until|-|–) (?P<w2>{_WEEKDAY})\b"),
    ("relative_day", r"\b(?P<w>yesterday|today|tomorrow|tonight|(?i:this (?:morning|afternoon|evening))|"
                     r"Yesterday|Today|Tomorrow|Tonight)\b"),
    ("relative_period", r"\b(?P<rel>last|this|next|Last|This|Next) (?P<unit>year|month)(?:’s|'s)?\b"),
    ("shift", r"\b(?:[Tt]he|[Tt]his|[Tt]hat) (?:very )?(?P<rel>day before|day after|following day|next day|previous day|same day|day prior)"
              rf"(?P<anchor>(?: (?:the|their|our|its|that)(?: \w+){{1,3}})?)(?: \((?P<m>{_M})\.? (?P<d>\d{{1,2}})\))?"),
    ("count_shift", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an) "
                    r"(?P<unit>days?|weeks?) (?P<rel>later|earlier|after|before|ago)\b"),
    # "four years ago", "two months ago": the year or month that far before publication
    ("count_back", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|an) "
                   r"(?P<unit>years?|months?) ago\b"),
    ("vague", r"\b(?:just )?a (?:few|couple of) (?:days|weeks|months) (?:later|earlier|after|before|ago)\b"),
    ("current", r"\b(?P<w>[Cc]urrently|[Aa]t present|[Aa]t the moment)\b"),
    ("as_of_writing", r"\b(?:not yet|so far|to date|has been no|have been no|has not been|have not been)\b"),
    ("anaphora", rf"\b[Tt]he (?P<rel>prior|previous|earlier|later|latter) {_EVENT_NOUN}\b"),
    ("year", r"(?<![\w/.$-])(?P<y>(?:1[89]|20)\d{2})(?![\w/-]|,\d)"),
]
_COMPILED = [(kind, re.compile(pattern, 0 if kind != "full" else re.IGNORECASE)) for kind, pattern in PATTERNS]
_INVERTED_RE = re.compile(r"\b(?:was|is|were|came|comes|fell|falls) (?:on )?$", re.IGNORECASE)
# The tense of the clause a date stands in, by the nearest word that marks it: what is said to come
# ("will meet on Friday", "will be held in Washington on November 30", "set for Nov. 30", "who takes
# office on Friday", "is scheduled to") or what happened ("was held", "met", "said", "previously
# scheduled for Thursday", "last"). The words before the date decide; with none, the words after it
# ("On November 30, the two sides will hold talks").
TENSE_RE = re.compile(
    r"(?P<past>\b(?:was|were|had been|previously|originally|initially) (?:scheduled|set|slated|planned|expected|"
    r"due)\b(?: (?:for|to))?"
    r"|\b(?:was|were|had|did|has|have|met|took|signed|concluded|ended|began|started|hosted|announced|said|says|"
    r"told|reported|confirmed|recalled|previously|ago|earlier|saw|gave|made|sent|received|addressed)\b"
    r"|(?<!\bbe )(?<!\bbeen )\b(?:held|led|headed|discussed|agreed|resumed|visited|returned)\b)"
    # "the will of the United States", "political will" name a wish, not a tense
    r"|(?P<future>(?<!\bthe )(?<!\bits )(?<!\bpolitical )(?<!\bgood )\bwill\b(?! of\b)|’ll\b|'ll\b|"
    r"\bwould (?:\w+ly )?(?=(?:be|take|hold|meet|begin|start|travel|visit|lead|head|"
    r"resume|arrive|open|sign|address|discuss|focus|include|cover|review|seek)\b)|"
    r"\bstarting\b|\b(?:is|are) (?:expected|scheduled|set|due|slated|going|planned) to\b|"
    r"\b(?:set|scheduled|slated|planned) (?:for|to)\b|\bto be held\b|\bupcoming\b|"
    r"\b(?:takes|begins|starts|opens|ends|expires|resumes)\b)", re.IGNORECASE)
# Words that open a period at the date that follows: "since 2020", "as of January 2023", "since the
# implementation of the January 2017 Joint Statement", "starting May 11". The period's end is not stated.
OPENS_RE = re.compile(
    r"\b(?P<word>(?:ever )?since|as (?:from|of)|starting(?: (?:on|from|in))?|beginning (?:on|in)|"
    r"effective(?: (?:from|on))?)\s+(?:(?:the|its|their|this|that|a|an)\s+(?:[\w’'.-]+\s+){0,7}?)?$", re.IGNORECASE)
_CLAUSE_START_RE = re.compile(r"[.;!?][”\"’')\]]*\s+(?=[“\"‘(]?[A-Z0-9])|\n")


# A verb of saying: what follows it, unless the date is the day it was said ("said on Monday"), is
# the reported clause, whose own tense decides ("He said Tuesday's talks would ...").
_REPORTING_RE = re.compile(r"(?i:said|says|told|announced|reported|confirmed)$")
_SAID_ON_RE = re.compile(r"^\s*(?:(?i:on|this|last|earlier|late|early)\s+)?$")


def speaks_of_future(text, start, end):
    """Whether the date at text[start:end] is said of what is to come, by its clause's tense."""
    window = max(0, start - 160)
    begins = [m.end() for m in _CLAUSE_START_RE.finditer(text, window, start)]
    before = list(TENSE_RE.finditer(text, begins[-1] if begins else window, start))
    stop = _CLAUSE_START_RE.search(text, end, end + 160)
    after = TENSE_RE.search(text, end, stop.start() if stop else min(len(text), end + 160))
    if before:
        nearest = before[-1]
        said_that_day = _SAID_ON_RE.match(text[nearest.end():start]) and text[end:end + 2] not in ("’s", "'s")
        reported = _REPORTING_RE.search(nearest.group(0)) and not said_that_day
        if reported and after is not None and after.start() - end < 40:
            return after.group("future") is not None
        return nearest.group("future") is not None
    return bool(after and after.group("future"))


@dataclass
class Expression:
    """A date expression found in text: its kind, offsets and the regex groups."""

    kind: str
    start: int
    end: int
    text: str
    parts: dict
    inverted: bool = False  # "This was the day after X": X is the day before
    future: bool = False  # said of what is to come: a weekday or day without a year is the next one
    opens: str = ""  # the words that make the date the start of a period with no end stated ("since")


@dataclass
class Resolution:
    """What an expression resolves to, and how."""

    date: object = None
    end_date: object = None
    date_text: object = None
    basis: object = None  # one of ABSOLUTE, PUBLICATION, FOOTNOTE, CONTEXT
    explanation: str = ""
    ambiguity: list = field(default_factory=list)
    year_inferred: bool = False  # the text gave month and day; the year came from elsewhere
    opens: str = ""  # "since", "as of": the date starts a period whose end is not stated

    @property
    def known(self):
        return self.date is not None

    def describe(self):
        """The date_basis string of a claim: the basis, then how."""
        return f"{self.basis}: {self.explanation}" if self.basis else self.explanation

    def period_note(self):
        """The date_note of a claim whose date opens a period ("since 2020"), or None."""
        if not self.opens:
            return None
        return (f"a period from {self.date} on ({self.opens!r}, {self.date_text.strip()!r}), its end not stated: "
                "the date is when it began, not a single day")


@dataclass
class Context:
    """What the resolver knows besides the words: publication date, footnotes, earlier dates."""

    published: object = None
    published_basis: str = ""
    published_stated: bool = False
    footnotes: dict = field(default_factory=dict)  # number -> [(iso, text)]
    markers: list = field(default_factory=list)  # footnote numbers cited by the sentence or its paragraph
    previous: list = field(default_factory=list)  # Resolutions of earlier dates in the article, in order
    lede: object = None  # the article's first dated statement
    paragraph: object = None  # the last dated statement of the current paragraph
    dateline: object = None  # (ISO day, words) of the dateline the body is written under: "HAVANA, Jan 17 (Reuters) -"

    def recent(self):
        """The latest earlier date known to the day or month (bare years are often history)."""
        for item in reversed(self.previous):
            if item.known and "-" in item.date:
                return item
        return None

    def anchor(self):
        """The date an undated statement is about: its paragraph's, else the article's lede."""
        return self.paragraph or self.lede


def find(text):
    """Every date expression in `text`, in order, not overlapping; URLs are skipped."""
    masked = URL_RE.sub(lambda m: " " * len(m.group()), text)
    candidates = []
    for rank, (kind, regex) in enumerate(_COMPILED):
        for match in regex.finditer(masked):
            if match.end() > match.start():
                candidates.append((match.start(), -(match.end() - match.start()), rank, kind, match))
    candidates.sort()
    found, taken_until = [], -1
    for start, _, _, kind, match in candidates:
        if start < taken_until:
            continue
        parts = {k: v for k, v in match.groupdict().items() if v is not None}
        if kind == "full":
            iso = dates.iso_of_match(match)
            if iso is None:
                continue
            parts = {"iso": iso}
        if kind == "year_span" and (not _valid_year_span(parts)
                                    or (parts["sep"] == "and" and (parts.get("lead") or "").lower() not in ("between", "the years"))):
            continue
        inverted = kind == "shift" and bool(_INVERTED_RE.search(masked[max(0, start - 20):start]))
        future = speaks_of_future(masked, start, match.end())
        opens = OPENS_RE.search(masked, max(0, start - 90), start) if kind not in ("as_of_writing", "current") else None
        found.append(Expression(kind, start, match.end(), text[start:match.end()], parts, inverted, future,
                                opens.group("word").lower() if opens else ""))
        taken_until = match.end()
    return found


def resolve_sentence(sentence, published, published_basis="stated: given"):
    """[(Expression, Resolution)] of every date expression of one sentence, in order, resolved
    as extract resolves a sentence of a text published on `published` (ISO): relative words
    count from that day, and words that refer back ("the day before") from the sentence's
    own earlier dates. Unresolvable expressions are kept, with date None."""
    context = Context(published, published_basis, published_basis.startswith("stated"))
    found = []
    for expression in find(sentence):
        resolution = resolve(expression, context)
        if resolution.known:
            context.previous.append(resolution)
            context.paragraph = context.paragraph or resolution
        found.append((expression, resolution))
    return found

def _valid_year_span(parts):
    first, second = int(parts["y1"]), parts["y2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    parts["last"] = last
    return first < last <= first + 50


def _month(name):
    return dates.MONTHS[name.lower().rstrip(".")]


def _date(value):
    return dt.date.fromisoformat(value)


def _iso(day):
    return day.isoformat()


def _safe_day(year, month, day):
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(expression, context):
    """The Resolution of one expression in its context; unresolvable gives date None."""
    handler = _HANDLERS[expression.kind]
    result = handler(expression, context)
    if result.date_text is None:
        result.date_text = expression.text.strip()
    if expression.opens and result.known and not result.end_date:
        result.opens = expression.opens
        result.explanation += f"; {expression.opens!r} opens a period from {result.date}, its end not stated"
    return result


def _absolute(value, expression, end=None):
    return Resolution(value, end, expression.text, ABSOLUTE, f"{expression.text.strip()!r} is a full date")


def _full(expression, context):
    iso = expression.parts["iso"]
    kind = "a month and year" if dates.precision(iso) == "month" else "a full date"
    return Resolution(iso, None, expression.text, ABSOLUTE, f"{expression.text.strip()!r} is {kind}")


def _iso_date(expression, context):
    parts = expression.parts
    try:
        return _absolute(dates.make(parts["y"], parts["m"], parts["d"]), expression)
    except ValueError:
        return Resolution(ambiguity=[f"{expression.text!r} is not a real date"])


def _year(expression, context):
    return Resolution(expression.parts["y"], None, expression.text, ABSOLUTE,
                      f"{expression.text.strip()!r} names the year")


def _year_span(expression, context):
    first, last = expression.parts["y1"], str(expression.parts["last"])
    return Resolution(first, last, expression.text, ABSOLUTE, f"{expression.text.strip()!r} names the years {first} to {last}")


def _span(expression, context):
    parts = expression.parts
    month, first, last = _month(parts["m"]), int(parts["d1"]), int(parts["d2"])
    last_month = _month(parts["m2"]) if parts.get("m2") else month
    if last_month < month or (last_month == month and last <= first):
        return Resolution(ambiguity=[f"{expression.text!r} does not name a span of days"])
    if parts.get("y"):
        year, how, basis, extra, inferred = int(parts["y"]), "", ABSOLUTE, [], False
    else:
        year, how, basis, extra = year_for(month, first, context)
        inferred = True
    if year is None:
        return Resolution(ambiguity=extra)
    start, end = _safe_day(year, month, first), _safe_day(year, last_month, last)
    if not (start and end):
        return Resolution(ambiguity=[f"{expression.text!r} is not a real span of days in {year}"])
    text = expression.text.strip()
    explanation = f"{text!r} names the days" + (f"; {how}" if how else "")
    return Resolution(_iso(start), _iso(end), expression.text, basis, explanation, extra, inferred)


def _span_to_month(expression, context):
    parts = expression.parts
    month, first, last_month = _month(parts["m"]), int(parts["d1"]), _month(parts["m2"])
    if last_month <= month:
        return Resolution(ambiguity=[f"{expression.text!r} does not name a span"])
    if parts.get("y"):
        year, how, basis, extra, inferred = int(parts["y"]), "", ABSOLUTE, [], False
    else:
        year, how, basis, extra = year_for(month, first, context, expression.future)
        inferred = True
    if year is None:
        return Resolution(ambiguity=extra)
    start = _safe_day(year, month, first)
    if start is None:
        return Resolution(ambiguity=[f"{expression.text!r} is not a real span in {year}"])
    text = expression.text.strip()
    explanation = f"{text!r} names a span from a day to a month, its last day not given" + (f"; {how}" if how else "")
    return Resolution(_iso(start), dates.make(year, last_month), expression.text, basis, explanation, extra, inferred)


def _month_day(expression, context):
    parts = expression.parts
    month, day = _month(parts["m"]), int(parts["d"])
    if not 1 <= day <= 31:
        return Resolution(ambiguity=[f"{expression.text!r} is not a date"])
    year, how, basis, ambiguity = year_for(month, day, context, expression.future)
    if year is None:
        return Resolution(ambiguity=ambiguity)
    value = _safe_day(year, month, day)
    if value is None:
        return Resolution(ambiguity=[f"{expression.text!r} does not exist in {year}"])
    text = expression.text.strip()
    return Resolution(_iso(value), None, expression.text, basis, f"day stated ({text!r}); {how}", ambiguity, True)


def year_for(month, day, context, future=False):
    """The year of a month and day given without one: (year, how, basis, ambiguity).

    Footnotes cited by the sentence or its paragraph come first (they report the
    event), then a stated publication date, then earlier dates of the article, then an
    inferred publication date. Several candidate years are reported, not hidden.
    """
    day = day or 15
    by_year = {}
    for number in context.markers:
        for iso, text in context.footnotes.get(number, ()):
            if dates.precision(iso) == "year":
                continue
            cited = dates.bounds(iso)[0]
            year = _closest_year(month, day, cited)
            if year is not None:
                by_year.setdefault(year, []).append((number, text))
    published = None
    if context.published:
        # a publication known to the month still gives the year: the latest not after its last day
        published = _date(context.published) if dates.precision(context.published) == "day" else \
            dates.bounds(context.published)[1]
    if by_year:
        if len(by_year) == 1 or published is None:
            year = max(by_year)
        else:
            year = min(by_year, key=lambda y: abs((_day_in(y, month, day) - published).days))
        number, text = by_year[year][0]
        ambiguity = [
            f"footnote [{n}] also gives {t}, which would make it {other}"
            for other in sorted(by_year) if other != year for n, t in by_year[other]
        ]
        if published and context.published_stated:
            by_publication = _latest_year_not_after(month, day, published)
            if by_publication != year:
                ambiguity.append(f"the publication date, {context.published}, would make it {by_publication}")
        return year, f"year {year} from footnote [{number}] ({text})", FOOTNOTE, ambiguity
    if published and future:
        year = _latest_year_not_after(month, day, published)
        year += _day_in(year, month, day) < published
        return (year, f"year {year}: the next {calendar.month_name[month]} {day} after the publication date, "
                f"{context.published}, as the sentence speaks of what is to come", PUBLICATION, [])
    if published and context.published_stated:
        year = _latest_year_not_after(month, day, published)
        return year, f"year {year} from the publication date, {context.published} ({context.published_basis})", PUBLICATION, []
    recent = context.recent()
    if recent is not None:
        year = _closest_year(month, day, dates.bounds(recent.date)[0], published)
        return year, f"year {year} from the surrounding context ({recent.date_text.strip()!r})", CONTEXT, []
    if published:
        # inferred from the latest citation, the publication date is a lower bound: the text may be
        # dated after it ("HAVANA, Dec 14" over a source of Dec. 13, 2017), so the nearest year
        year = _closest_year(month, day, published)
        return year, f"year {year} from the publication date, {context.published} ({context.published_basis})", PUBLICATION, []
    return None, "", None, ["no year known: no footnote, publication date or earlier date to take it from"]


def _day_in(year, month, day):
    return _safe_day(year, month, min(day, calendar.monthrange(year, month)[1]))


def _closest_year(month, day, near, not_after=None):
    """The year in which month/day falls closest to `near` (never after `not_after`)."""
    options = [y for y in (near.year - 1, near.year, near.year + 1) if 1 <= y <= 9999]
    if not_after is not None:
        options = [y for y in options if _day_in(y, month, day) <= not_after] or options
    return min(options, key=lambda y: abs((_day_in(y, month, day) - near).days))


def _latest_year_not_after(month, day, published):
    year = published.year
    return year if _day_in(year, month, day) <= published else year - 1


def _publication(context):
    """The day the body counts from (its dateline's, else the publication's), or None; and the words describing it."""
    if context.dateline is not None:
        day, words = context.dateline
        return _date(day), f"{day} (the dateline {words!r})"
    if context.published and dates.precision(context.published) == "day":
        return _date(context.published), f"{context.published} ({context.published_basis})"
    return None, None


def _lower_bound_note(context):
    if context.published and not context.published_stated:
        return ["the publication date is inferred from the latest citation (a lower bound); "
                "if the article appeared later, so did this"]
    return []


def _weekday(expression, context):
    published, described = _publication(context)
    if published is None:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
    weekday = WEEKDAYS[expression.parts["w"].lower()]
    relation = (expression.parts.get("rel") or "").lower()
    if relation == "next":
        shift = (weekday - published.weekday()) % 7 or 7
        value, how = published + dt.timedelta(days=shift), "counted forward"
    elif relation in ("this past", "last", "past"):
        shift = (published.weekday() - weekday) % 7 or 7
        value, how = published - dt.timedelta(days=shift), "counted back"
    elif expression.future and relation in ("this", "on", ""):
        shift = (weekday - published.weekday()) % 7
        value, how = published + dt.timedelta(days=shift), "counted forward (the next such day: the sentence speaks of what is to come)"
    else:
        shift = (published.weekday() - weekday) % 7
        value, how = published - dt.timedelta(days=shift), "counted back (the latest such day, as past tense reads)"
    ambiguity = _lower_bound_note(context)
    if relation in ("this", "", "on") and not expression.future and shift:
        ambiguity.append(f"{expression.text.strip()!r} could also name the coming {expression.parts['w']}")
    text = expression.text.strip()
    return Resolution(_iso(value), None, expression.text, PUBLICATION,
                      f"{text!r} {how} from the publication date, {described}, gives "
                      f"{calendar.day_name[weekday]} {_iso(value)}", ambiguity)


def _weekday_span(expression, context):
    """"Monday through Thursday": the last day as a weekday alone resolves, the first the days before it."""
    first_day, last_day = (WEEKDAYS[expression.parts[key].lower()] for key in ("w1", "w2"))
    last = _weekday(replace(expression, parts={"w": expression.parts["w2"]}), context)
    if not last.known:
        return last
    end = _date(last.date)
    start = end - dt.timedelta(days=(last_day - first_day) % 7)
    return Resolution(_iso(start), last.date, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r}: the days up to {last.explanation}", last.ambiguity)


def _count_back(expression, context):
    if not context.published:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
    number = expression.parts["n"].lower()
    count = int(number) if number.isdigit() else NUMBER_WORDS[number]
    published = dates.bounds(context.published)[0]
    if expression.parts["unit"].startswith("year"):
        value = str(published.year - count)
    elif dates.precision(context.published) == "year":
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs the publication month"])
    else:
        month = published.month - 1 - count
        value = dates.make(published.year + month // 12, month % 12 + 1)
    return Resolution(value, None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r} counted back from the publication date, {context.published} "
                      f"({context.published_basis}), at the precision of its unit", _lower_bound_note(context))


def _relative_day(expression, context):
    published, described = _publication(context)
    if published is None:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
    word = expression.parts["w"].lower()
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)  # "today", "tonight", "this morning": the day itself
    value = published + dt.timedelta(days=shift)
    return Resolution(_iso(value), None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r} relative to the publication date, {described}",
                      _lower_bound_note(context))


def _relative_period(expression, context):
    if not context.published:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
    relation = expression.parts["rel"].lower()
    shift = {"last": -1, "this": 0, "next": 1}[relation]
    published = dates.bounds(context.published)[0]
    if expression.parts["unit"] == "year":
        value = str(published.year + shift)
    else:
        if dates.precision(context.published) == "year":
            return Resolution(ambiguity=[f"{expression.text.strip()!r} needs the publication month"])
        month = published.month - 1 + shift
        value = dates.make(published.year + month // 12, month % 12 + 1)
    return Resolution(value, None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r} relative to the publication date, "
                      f"{context.published} ({context.published_basis})")


def _this_month(expression, context):
    published, described = _publication(context)
    if published is None:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
    return Resolution(dates.make(published.year, published.month), None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r}: the month of {described}; no day given, so month precision")


def _month_only(expression, context, how_prefix):
    month = _month(expression.parts["m"])
    if expression.parts.get("y"):
        value = dates.make(expression.parts["y"], month)
        return Resolution(value, None, expression.text, ABSOLUTE, f"{how_prefix}, year stated")
    if expression.future and context.published and not context.markers:
        # a month said of what is to come: the next such month, the publication's own included
        published = dates.bounds(context.published)[0]
        year = published.year + (month < published.month)
        return Resolution(dates.make(year, month), None, expression.text, PUBLICATION,
                          f"{how_prefix}; year {year}: the next {calendar.month_name[month]} from the publication "
                          f"date, {context.published}, as the sentence speaks of what is to come", [], True)
    year, how, basis, ambiguity = year_for(month, None, context)
    if year is None:
        return Resolution(ambiguity=ambiguity)
    return Resolution(dates.make(year, month), None, expression.text, basis, f"{how_prefix}; {how}", ambiguity, True)


def _part_of_month(expression, context):
    text = expression.text.strip()
    return _month_only(expression, context, f"month stated ({text!r}); no day given, so month precision")


def _month_in(expression, context):
    return _month_only(expression, context, f"month stated ({expression.text.strip()!r})")


def _month_named(expression, context):
    relation = expression.parts["rel"].lower()
    month = _month(expression.parts["m"])
    if not context.published:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
    published = dates.bounds(context.published)[0]
    ambiguity = []
    if relation == "next":
        year = published.year if month > published.month else published.year + 1
    elif relation == "this":
        year = published.year
        if month > published.month:
            ambiguity.append(f"{expression.text.strip()!r} is after the publication month: a plan, not a report?")
    else:  # last, past, this past: the latest such month before publication
        year = published.year if month < published.month else published.year - 1
    return Resolution(dates.make(year, month), None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r} relative to the publication date, "
                      f"{context.published} ({context.published_basis})", ambiguity)


def _shift(expression, context):
    parts = expression.parts
    relation = parts["rel"]
    offset = {"day before": -1, "day prior": -1, "previous day": -1, "day after": 1, "following day": 1,
              "next day": 1, "same day": 0}[relation]
    anchor = context.anchor() or context.recent()
    if expression.inverted:
        offset = -offset  # "This was the day after X": X happened the day before this
    computed = None
    if anchor is not None and anchor.known and dates.precision(anchor.date) == "day":
        computed = _date(anchor.date) + dt.timedelta(days=offset)
    if parts.get("m"):
        month, day = _month(parts["m"]), int(parts["d"])
        year = computed.year if computed else None
        how, basis = (f"year {year} from the anchor date", CONTEXT) if computed else ("", None)
        if year is None:
            year, how, basis, _ = year_for(month, day, context)
        stated = _safe_day(year, month, day) if year else None
        if stated is not None:
            ambiguity = []
            if computed and stated != computed:
                ambiguity.append(f"the anchor {anchor.date} gives {_iso(computed)}, not {_iso(stated)}")
            return Resolution(_iso(stated), None, expression.text, basis,
                              f"day stated ({parts['m']} {day}) for {('the ' + relation)!r}; {how}", ambiguity, True)
    if computed is None:
        return Resolution(ambiguity=[f"{expression.text.strip()!r}: no earlier date in the article to count from"])
    direction = "the day before" if offset < 0 else "the day after" if offset > 0 else "the same day as"
    subject = "the event it refers to" if expression.inverted else "this"
    return Resolution(_iso(computed), None, expression.text, CONTEXT,
                      f"{subject} is {direction} {anchor.date} ({anchor.date_text.strip()!r})")


def _count_shift(expression, context):
    parts = expression.parts
    number = parts["n"].lower()
    count = int(number) if number.isdigit() else NUMBER_WORDS[number]
    days = count * (7 if parts["unit"].startswith("week") else 1)
    relation = parts["rel"]
    if relation == "ago":
        published, described = _publication(context)
        if published is None:
            return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date to count from"])
        value = published - dt.timedelta(days=days)
        return Resolution(_iso(value), None, expression.text, PUBLICATION,
                          f"{expression.text.strip()!r} counted back from the publication date, {described}",
                          _lower_bound_note(context))
    anchor = context.anchor() or context.recent()
    if anchor is None or dates.precision(anchor.date) != "day":
        return Resolution(ambiguity=[f"{expression.text.strip()!r}: no earlier day in the article to count from"])
    sign = 1 if relation in ("later", "after") else -1
    value = _date(anchor.date) + dt.timedelta(days=sign * days)
    return Resolution(_iso(value), None, expression.text, CONTEXT,
                      f"{expression.text.strip()!r} counted from {anchor.date} ({anchor.date_text.strip()!r})")


def _vague(expression, context):
    return Resolution(ambiguity=[f"{expression.text.strip()!r} is too vague to date"])


def _current(expression, context):
    if not context.published:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} needs a publication date"])
    value = context.published[:7] if dates.precision(context.published) != "year" else context.published
    return Resolution(value, None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r} names the time of writing, {context.published} "
                      f"({context.published_basis}); month precision, as the word is not exact")


def _as_of_writing(expression, context):
    if not context.published:
        return Resolution(ambiguity=[f"{expression.text.strip()!r} holds as of writing, but the publication date is unknown"])
    return Resolution(context.published, None, expression.text, PUBLICATION,
                      f"{expression.text.strip()!r} states what holds as of writing, {context.published} "
                      f"({context.published_basis})", _lower_bound_note(context))


def _anaphora(expression, context):
    relation = expression.parts["rel"].lower()
    known = [item for item in context.previous if item.known and "-" in item.date]
    if not known:
        return Resolution(ambiguity=[f"{expression.text.strip()!r}: no earlier dated event in the article"])
    anchor = context.anchor()
    if relation in ("later", "latter"):
        chosen = max(known, key=lambda r: dates.sort_key(r.date))
    else:
        reference = dates.sort_key(anchor.date) if anchor is not None and anchor.known else None
        earlier = [r for r in known if reference is None or dates.sort_key(r.date) < reference]
        if not earlier:
            return Resolution(ambiguity=[f"{expression.text.strip()!r}: no earlier dated event in the article"])
        chosen = max(earlier, key=lambda r: dates.sort_key(r.date))
    return Resolution(chosen.date, chosen.end_date, chosen.date_text, CONTEXT,
                      f"{expression.text.strip()!r} refers to the event of {chosen.date} "
                      f"({chosen.date_text.strip()!r}) mentioned earlier")


_HANDLERS = {
    "span": _span, "span_to_month": _span_to_month, "iso": _iso_date, "full": _full, "month_day": _month_day, "year_span": _year_span,
    "part_of_month": _part_of_month, "month_named": _month_named, "month_in": _month_in,
    "weekday": _weekday, "weekday_span": _weekday_span, "count_back": _count_back, "relative_day": _relative_day, "this_month": _this_month, "relative_period": _relative_period,
    "shift": _shift, "count_shift": _count_shift, "vague": _vague, "current": _current,
    "as_of_writing": _as_of_writing, "anaphora": _anaphora, "year": _year,
}
