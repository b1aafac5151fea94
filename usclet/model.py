"""The records of the store and the rules every record obeys.

Records are plain dicts (they are what the JSON contract prints); this module names
their fields. Their shape is the record's schema (`usclet.store.contract`); `problems_of_*`
check what a schema cannot say, and return readable problems, never raise, so `check`
can report every one and `import` can refuse a batch naming each.
"""

from usclet import dates
from usclet.words import fold

SIDES = ("us", "cuba", "independent")
SIDE_NAMES = {"us": "U.S.", "cuba": "Cuban", "independent": "independent"}  # "the Cuban account"
SIDE_ACCOUNTS = {"us": "U.S. account", "cuba": "Cuban account", "independent": "Independent accounts"}
EVENT_KINDS = ("dialogue", "agreement", "talks", "meeting", "statement", "policy")
ARTICLE_KINDS = ("post", "comment")
TOPICS = (
    "dialogue", "agreement", "migration", "deportation", "trafficking", "smuggling",
    "immigration-fraud", "terrorism", "narcotics", "fugitives", "extradition", "cybercrime",
    "border-security", "aviation-security", "information-sharing", "diplomacy",
    "human-rights", "sanctions", "economy", "policy",
)
# Structured facts a claim may assert about its event; `compare` finds conflicts in them.
# `kind`, `name` and `ordinal` are what a source calls and numbers the event.
FACT_KEYS = ("kind", "date", "end_date", "place", "ordinal", "name", "count", "leads", "participants")

ARTICLE_FIELDS = (
    "id", "kind", "parent", "file", "start", "end", "sha256", "title", "author", "publisher", "origin", "side",
    "published", "published_earliest", "published_basis", "url", "excerpt", "duplicate_of", "citations",
)
EVENT_FIELDS = (
    "id", "kind", "name", "aliases", "ordinal", "date", "end_date", "date_text", "date_basis",
    "place", "participants",
)
# `status`: "reviewed" when a person has read it against its source, "proposed" when it is
# a guess (extract's output) awaiting review. `date_note`: why a claim is dated outside its
# event's dates (a later statement about it, a source giving it another date). `set_aside`:
# why the store keeps a reading it does not hold true (a footnote's typo): such a claim places
# no event and is in conflict with nothing.
CLAIM_STATUSES = ("proposed", "reviewed")
CLAIM_FIELDS = (
    "id", "event", "date", "end_date", "date_text", "date_basis", "text", "topics", "facts",
    "status", "date_note", "set_aside", "evidence", "conflicts_with",
)
EVIDENCE_FIELDS = (
    "article", "file", "start", "end", "quote", "speaker", "side", "origin", "derived_from", "derived_basis",
    "footnote", "said_on", "said_on_earliest", "said_on_latest", "said_on_basis",
)


def locate_quote(text, quote, start=0, end=None, occurrence=None):
    """Offsets of `quote` in text[start:end]: (start, end).

    Raises ValueError when the quote is absent, or present several times and no
    1-based `occurrence` says which.
    """
    end = len(text) if end is None else end
    if not quote:
        raise ValueError("the quote is empty")
    found = []
    position = text.find(quote, start, end)
    while position != -1:
        found.append(position)
        position = text.find(quote, position + 1, end)
    if not found:
        error = ValueError("the quote does not occur in the article")
        error.hint = nearest_hint(text[start:end], quote)
        raise error
    if occurrence is None:
        if len(found) > 1:
            raise ValueError(f"the quote occurs {len(found)} times in the article; say which occurrence")
        occurrence = 1
    if not 1 <= occurrence <= len(found):
        raise ValueError(f"the quote occurs {len(found)} times, not {occurrence}")
    begin = found[occurrence - 1]
    return begin, begin + len(quote)


def nearest_hint(text, quote):
    """What the text holds nearest a quote it does not hold: the same words with other
    capitals or accents, else the passage sharing the longest run of characters with it."""
    folded_text, folded_quote = text.casefold(), quote.casefold()
    at = folded_text.find(folded_quote)
    if at != -1 and len(folded_text) == len(text):
        return f"; it is there with other capitals: {text[at:at + len(quote)]!r} (quote it exactly)"
    spaced = " ".join(quote.split())
    if spaced != quote and spaced in text:
        return f"; it is there with other spacing: {spaced!r}"
    import difflib

    matcher = difflib.SequenceMatcher(None, text, quote, autojunk=False)
    a, b, size = matcher.find_longest_match(0, len(text), 0, len(quote))
    if size < min(8, max(len(quote) // 3, 1)):
        return "; no passage of the article comes close (is it the right article?)"
    begin = max(a - b, 0)
    nearest = text[begin:begin + len(quote)]
    if fold(nearest) == fold(quote):
        return f"; it is there with other capitals or accents: {nearest!r} (quote it exactly)"
    return f"; the nearest passage is {' '.join(nearest.split())!r}"


def _date_problems(record, label):
    """Dates the schema cannot judge: real calendar dates, a span that does not end before it starts."""
    problems = []
    for field in ("date", "end_date"):
        value = record.get(field)
        if isinstance(value, str) and not dates.is_valid(value):
            problems.append(f"{label}: {field} {value!r} is not a valid ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
    start, end = record.get("date"), record.get("end_date")
    if isinstance(start, str) and isinstance(end, str) and dates.is_valid(start) and dates.is_valid(end):
        if dates.bounds(end)[1] < dates.bounds(start)[0]:
            problems.append(f"{label}: end_date {end} is before date {start}")
    return problems


def problems_of_event(event):
    """What the record's schema (`usclet.store.contract`) cannot say of an event: its dates."""
    return _date_problems(event, f"event {event.get('id')}")


def problems_of_claim(claim):
    """What the record's schema cannot say of a claim's own fields: its dates and its evidence's
    (references, quotes and sourcing are checked elsewhere)."""
    label = f"claim {claim.get('id')}"
    problems = _date_problems(claim, label)
    for number, item in enumerate(claim.get("evidence") or (), 1):
        found = evidence_problems(item) if isinstance(item, dict) else ()
        if found:  # a large store has hundreds of thousands of quotes: messages only for problems
            problems.extend(f"{label} evidence {number}: {problem}" for problem in found)
    return problems


def evidence_problems(item):
    """What the schema cannot say of an appearance: that it does not relay its own origin,
    and that its dates are real and in order."""
    problems = []
    derived = item.get("derived_from")
    if derived is not None and derived == item.get("origin"):
        problems.append(f"derived_from {derived!r} is its own origin")
    earliest, latest = item.get("said_on_earliest"), item.get("said_on_latest")
    for field in ("said_on", "said_on_earliest", "said_on_latest"):
        value = item.get(field)
        if isinstance(value, str) and not dates.is_valid(value):
            problems.append(f"{field} {value!r} is not a valid ISO date")
    if isinstance(latest, str) and isinstance(earliest, str) and dates.is_valid(latest) and dates.is_valid(earliest) \
            and dates.bounds(latest)[1] < dates.bounds(earliest)[0]:
        problems.append(f"said_on_latest {latest} is before said_on_earliest {earliest}")
    return problems


def appearance_of(article):
    """When words of `article` appeared, as a piece of evidence records it by default: its
    publication date, or, for an undated article, the earliest date it can have."""
    if article.get("published"):
        return {"said_on": article["published"], "said_on_earliest": None,
                "said_on_basis": f"the publication date of {article['id']}"}
    if article.get("published_earliest"):
        return {"said_on": None, "said_on_earliest": article["published_earliest"],
                "said_on_basis": f"{article['id']} is undated: published no earlier than {article['published_earliest']}"}
    return {"said_on": None, "said_on_earliest": None, "said_on_basis": None}


def root_of(item):
    """The chain an appearance belongs to: the origin it relays, else its own."""
    return item.get("derived_from") or item["origin"]


def sources_of(claim):
    """The independent sources of a claim: its distinct chains, in order of first appearance.

    A chain is an origin and every appearance derived from it: a blog sentence whose footnote
    cites the Ministry's release, or that says "according to" the Ministry, relays the
    Ministry and adds no source of its own, whether or not the release is in the record.
    Origins are the bodies the registry names (see `record.origins`): a person speaking for a
    body is that body. One passage is one source: a quote overlapping an earlier quote of the
    same article adds no origin of its own, unless it is the very same span, which several
    origins share only when the passage names each of them (`check` and every write hold it
    to that, with the registry's names)."""
    seen, passages = [], []
    for item in claim["evidence"]:
        origin = root_of(item)
        span = (item.get("article"), item.get("start"), item.get("end"))
        shared = next((p for p in passages if overlap(p[0], span)), None)
        if shared is None:
            passages.append((span, origin))
        elif shared[0] != span:
            continue  # a part of a passage already counted, or a longer cut of it
        if origin not in seen:
            seen.append(origin)
    return seen


def chains_of(claim):
    """[{"source", "relayed_by"}]: each independent source of a claim with the origins that
    relay it (appearances derived from it), in order of first appearance."""
    chains = {source: [] for source in sources_of(claim)}
    for item in claim["evidence"]:
        relays = chains.get(item.get("derived_from"))
        if relays is not None and item["origin"] not in relays and item["origin"] != item["derived_from"]:
            relays.append(item["origin"])
    return [{"source": source, "relayed_by": relays} for source, relays in chains.items()]


def sources_in_words(chains):
    """'1 source: Cuban Ministry of Foreign Affairs (relayed by dwkcommentaries)'."""
    named = "; ".join(chain["source"] + (f" (relayed by {', '.join(chain['relayed_by'])})" if chain["relayed_by"] else "")
                      for chain in chains)
    count = f"{len(chains)} source" + ("" if len(chains) == 1 else "s")
    return f"{count}: {named}" if chains else "no source"


def overlap(first, second):
    """Whether two spans (article, start, end) are of one article and share characters."""
    if first[0] != second[0] or None in first or None in second:
        return False
    return first[1] < second[2] and second[1] < first[2] or first[1:] == second[1:]


def sides_of(claim):
    # a side the schema does not know (check reports it) sorts last rather than failing
    return sorted({item["side"] for item in claim["evidence"]}, key=lambda side: SIDES.index(side) if side in SIDES else 9)


def per_origins(values, between="; ", bracketed=False):
    """Values with who gives each: '2 per State Department; 3 per MINREX' (`bracketed`:
    '2 (per State Department)'), from [{"value", "origins"}]."""
    form = "{} (per {})" if bracketed else "{} per {}"
    return between.join(form.format(value["value"], ", ".join(value["origins"])) for value in values)
