"""What an undated sentence's words refer back to: "the dialogue", "the two sides", "the memorandum".

A sentence that states no date is dated only by its paragraph's subject. Besides a
dated statement earlier in the paragraph, that subject can be an event the article
dated before, named again by a definite reference of a matching kind: "the talks"
after talks held on a day, "the memorandum" after one signed, "both delegations" after
a meeting. `Statements` keeps an article's dated events with the words that report
each; `Statements.refer_back(text)` finds the one a reference in `text` points to and
says which words linked them.
"""

import re
from dataclasses import dataclass, field

from usclet.text import resolve
from usclet.text.facts import HAPPENED_RE
from usclet.words import fold

# The words for one event of each kind (facts.KINDS names the kinds). A plural names one only
# where the word has no singular ("talks"); "four Law Enforcement Dialogues", "these dialogues"
# speak of several, or of them in general.
EVENT_WORDS = {
    "agreement": r"memorandum(?: of understanding)?|MOU|agreement|accord|deal|arrangement|"
                 r"joint (?:statement|declaration)|declaration",
    "dialogue": r"dialogue",
    "talks": r"talks|discussions?|consultations|negotiations|conversations?",
    "meeting": r"meeting|session",
}
_EVENT_WORDS = {kind: re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE) for kind, pattern in EVENT_WORDS.items()}
# Verbs that report an event without naming its kind: officials "met", an exchange "was held"
# (some gathering), a memorandum "signed".
EVENT_VERBS = {"meeting": re.compile(r"\b(?:met|meets?|convened|held|took place|hosted)\b", re.IGNORECASE),
               "agreement": re.compile(r"\bsign(?:ed|s|ing)?\b", re.IGNORECASE)}
GATHERINGS = {"dialogue", "talks", "meeting"}

# Words between "the" and the noun of a reference: "the U.S. delegation", "the law enforcement
# dialogue", "the U.S. – Cuba Law Enforcement Dialogue". Not "next", "upcoming", "previous": another event.
_MODIFIER = (r"(?:[A-Z][\w’'-]*\.?|U\.S\.(?:[-–]Cuba)?|US|[-–]|first|second|third|fourth|fifth|sixth|two|new|"
             r"bilateral|law|enforcement|law-enforcement|migration|technical|annual|biannual|recent|same|whole|joint|"
             r"security)")
_COUNTRY = r"(?:U\.S\.|US|USA|United States|American|Cuban)"
REFERENCE_RE = re.compile(
    rf"\b(?:[Tt]he|[Tt]his|[Tt]hese) (?P<modifiers>(?:{_MODIFIER} ){{0,5}})"
    rf"(?i:{'|'.join(f'(?P<{kind}>{pattern})' for kind, pattern in EVENT_WORDS.items())})\b"
    # who took part in it: "both delegations", "the two sides", "the U.S. delegation", "the Cuban side"
    rf"|\b(?P<delegations>(?:[Bb]oth|[Tt]he two) (?:delegations|sides)|[Tt]he delegations|"
    rf"[Tt]he {_COUNTRY} (?:delegation|side))\b"
    # parties meet, and sign
    r"|\b(?P<parties>(?:[Bb]oth|[Tt]he two|[Tt]he) parties)\b")
# "before the dialogue", "in advance of the talks": another event, used to place this one in time
RELATIONAL_RE = re.compile(rf"\b(?:before|after|ahead of|in advance of|following|prior to|until)\s+"
                           rf"(?:(?:the|this|these|their|its|a|an)\s+)?(?:{_MODIFIER}\s+){{0,3}}$", re.IGNORECASE)
# "said in a statement on Thursday", "announced Wednesday": the day of the saying, not of what is said
SAYING_RE = re.compile(r"\b(?:said|says|announced|stated|told|reported|added|confirmed|noted|explained|released|"
                       r"published|issued)(?:\s+(?!that\b)[\w’'-]+){0,3}\s+$", re.IGNORECASE)
# A country's own name in a reference is not the event's name ("the Cuban delegation")
_NOT_NAMES = {"u.s.", "us", "usa", "u.s.-cuba", "u.s.–cuba", "cuban", "american", "cuba", "united", "states", "-", "–"}


@dataclass
class Statement:
    """An event the article dates, with the words that report it: {kind: words}."""

    text: str
    resolution: object
    kinds: dict = field(default_factory=dict)


@dataclass
class Link:
    """A reference in undated text and the dated statement it refers back to."""

    words: str  # the referring words: "the two sides"
    statement: Statement
    reported: list  # the statement's words for the event: ["held", "talks"]
    alternatives: list = field(default_factory=list)  # other statements it could refer to, of another date

    def ambiguity(self):
        listed = self.alternatives[:Statements.ALTERNATIVES_LISTED]
        notes = [f"{self.words!r} could also refer back to {s.resolution.date_text.strip()!r} ({s.resolution.date})"
                 for s in listed]
        if len(self.alternatives) > len(listed):
            notes.append(f"{self.words!r} could also refer back to {len(self.alternatives) - len(listed)} "
                         "other dated events")
        return notes


def _event_words(text):
    """(nouns, verbs): (kind, match) of every word in `text` reporting an event, less those it
    places its own event against ("The day before the Dialogue (May 16)", "in advance of the dialogue")."""
    relative = [(e.start, e.end) for e in resolve.find(text) if e.kind in ("shift", "count_shift")]
    nouns, verbs = [], []
    for found, words in ((nouns, _EVENT_WORDS), (verbs, EVENT_VERBS)):
        for kind, regex in words.items():
            for match in regex.finditer(text):
                if not (any(a <= match.start() < b for a, b in relative) or RELATIONAL_RE.search(text, 0, match.start())):
                    found.append((kind, match))
    return nouns, verbs


def _gap(match, span):
    start, end = span
    return max(start - match.end(), match.start() - end, 0)


def stated_events(text, dated):
    """[(Resolution, {kind: words})] of the events a clause dates by its own words.

    `dated` is [(Resolution, (start, end))] of the dates it states. Each date belongs to the
    event named nearest it, with what a verb names as its object ("held their biannual
    meeting"): "the Joint Declaration of January 12, 2017", not "held these discussions"
    further off. An event named near two dates keeps the nearer ("announced on Monday ...
    talks on Tuesday": the talks are Tuesday's). The day something was said dates no event.
    """
    nouns, verbs = _event_words(text)
    words = [(kind, match, False) for kind, match in nouns] + [(kind, match, True) for kind, match in verbs]
    nearest = {}  # the offset of an event's word -> (gap, Resolution, [(kind, words)])
    for resolution, span in dated:
        if SAYING_RE.search(text, 0, span[0]):
            continue
        found = min(words, key=lambda item: (_gap(item[1], span), item[2]), default=None)
        if found is None:
            continue
        kind, match, is_verb = found
        named = [(kind, match.group())]
        if is_verb:
            named += [(k, m.group()) for k, m in nouns if m.start() >= match.end()
                      and len(text[match.end():m.start()].split()) <= 4][:1]
        gap = _gap(match, span)
        if match.start() not in nearest or gap < nearest[match.start()][0]:
            nearest[match.start()] = (gap, resolution, named)
    kinds_of = {}  # id(Resolution) -> {kind: words}
    for _, resolution, named in nearest.values():
        for kind, found_words in named:
            kinds_of.setdefault(id(resolution), {}).setdefault(kind, found_words)
    return [(resolution, kinds_of[id(resolution)]) for resolution, _ in dated if id(resolution) in kinds_of]


def reported_events(text):
    """{kind: words} of the events a clause dated from its context reports: only if it says one
    took place ("signed the memorandum"), not when it merely mentions one."""
    if not HAPPENED_RE.search(text):
        return {}
    nouns, verbs = _event_words(text)
    kinds = {}
    for kind, match in nouns + verbs:
        kinds.setdefault(kind, match.group())
    return kinds


def _compatible(kind, statement_kinds):
    """Whether a reference of `kind` can point at a statement reporting `statement_kinds`."""
    if kind == "delegations":  # delegations and sides meet
        return bool(statement_kinds.keys() & GATHERINGS)
    if kind == "parties":  # parties meet, or sign
        return bool(statement_kinds.keys() & (GATHERINGS | {"agreement"}))
    if kind in statement_kinds:
        return True
    # a gathering goes by many names ("held the dialogue ... these talks"): the same name is preferred
    return kind in GATHERINGS and bool(statement_kinds.keys() & GATHERINGS)


class _Tier:
    """The statements kept so far that one kind of reference (of one name) can point at: the first,
    and the first of each other date. Read incrementally, so each statement is looked at once per tier."""

    __slots__ = ("seen", "first", "by_date")

    def __init__(self):
        self.seen, self.first, self.by_date = 0, None, {}

    def update(self, items, accepts):
        for statement in items[self.seen:]:
            if accepts(statement):
                self.first = self.first or statement
                self.by_date.setdefault((statement.resolution.date, statement.resolution.end_date), statement)
        self.seen = len(items)
        return self


class Statements:
    """The dated events of an article's body, in reading order."""

    # other dates a reference could point at, listed in full up to this many
    ALTERNATIVES_LISTED = 5

    def __init__(self):
        self.items = []
        self.tiers = {}  # (reference kind, name or None, same kind only) -> _Tier

    def add_stated(self, text, dated):
        """A clause's own dates, [(Resolution, (start, end) in `text`)], with the events they date."""
        for resolution, kinds in stated_events(text, [d for d in dated if _dates_an_event(d[0])]):
            self.items.append(Statement(text, resolution, kinds))

    def add_inherited(self, text, resolution):
        """A clause dated from its context, if it reports that something took place."""
        kinds = reported_events(text)
        if kinds and _dates_an_event(resolution):
            self.items.append(Statement(text, resolution, kinds))

    def refer_back(self, text):
        """The Link from the first reference in `text` that points at a statement kept so far, or None."""
        for match in REFERENCE_RE.finditer(text):
            if RELATIONAL_RE.search(text, 0, match.start()):
                continue
            kind = next(k for k in (*EVENT_WORDS, "delegations", "parties") if match.group(k))
            link = self._link(match, kind)
            if link is not None:
                return link
        return None

    def _tier(self, kind, name=None, same_kind=False):
        def accepts(statement):
            return (_compatible(kind, statement.kinds) and (not same_kind or kind in statement.kinds)
                    and (name is None or name in _plain(statement.text)))
        tier = self.tiers.setdefault((kind, name, same_kind), _Tier())
        return tier.update(self.items, accepts)

    def _link(self, match, kind):
        words = match.group().strip()
        tiers = []
        modifiers = (match.group("modifiers") or "").split() if kind in EVENT_WORDS else []
        if any(w[0].isupper() and fold(w).lower() not in _NOT_NAMES for w in modifiers):
            # a name said again ("the Law Enforcement Dialogue") points at where it was named
            tiers.append(self._tier(kind, name=_plain(" ".join(modifiers + [match.group(kind)]))))
        if kind in ("dialogue", "talks", "agreement"):  # a bare meeting is any gathering
            tiers.append(self._tier(kind, same_kind=True))
        tiers.append(self._tier(kind))
        chosen = next((tier for tier in tiers if tier.first is not None), None)
        if chosen is None:
            return None
        # the first: news reports its subject first and what came before it later ("the meeting
        # provided continuity to the one held on November 9th, 2015"); the others are reported
        statement = chosen.first
        reported = [statement.kinds[kind]] if kind in statement.kinds else list(statement.kinds.values())
        own = (statement.resolution.date, statement.resolution.end_date)
        alternatives = [other for key, other in chosen.by_date.items() if key != own]
        return Link(words, statement, reported, alternatives)


def _dates_an_event(resolution):
    # a bare year is more often history ("since 2015", "the 1984 Accords") than an event's date
    return resolution.known and "-" in resolution.date


def _plain(text):
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def first_dated(resolution):
    """How an article's first dated statement is named in a note: "'On April 17' (2024-04-17)"."""
    span = f"{resolution.date}–{resolution.end_date}" if resolution.end_date else resolution.date
    return f"{resolution.date_text.strip()!r} ({span})"
