"""Which origin an appearance relays: the one rule of independence, for curation, import,
extract's proposals and `check` alike.

Words relay an origin when they pass on its information rather than the speaker's own:
the sentence carries a footnote whose every entry is that body's release, or it says
"according to" that body. Such an appearance is `derived_from` the body; with it, it is
one chain and counts once (see `model.sources_of`), whether or not the release itself is
in the record. A reading-list entry a sentence summarises is a relay the words do not
show; the curator records it by hand, with its basis.
"""

import re

from usclet import model
from usclet.words import fold

ACCORDING_TO = re.compile(r"\baccording to\s+(?:a\s+statement\s+(?:by|from)\s+|an?\s+|the\s+)?", re.IGNORECASE)


def _registered_at(text, table):
    """The registered origin whose name starts `text` (the longest name that does), or None."""
    folded = fold(text)
    best = None
    for name, origin in table.items():
        if folded.startswith(name) and (len(folded) == len(name) or not folded[len(name)].isalnum()):
            if best is None or len(name) > len(best[0]):
                best = (name, origin)
    if best is None and folded.startswith("the "):
        return _registered_at(text[4:], table)
    return best[1] if best else None


def _government(origin, registry):
    sides = (registry.get(origin) or {}).get("sides") or []
    return bool(sides) and "independent" not in sides


def footnote_source(citation, registry, table):
    """The one government body a footnote cites, when each of its entries is that body's
    release ("Cuba Foreign Ministry, Cuba and the USA Celebrate ... (Dec. 13, 2017)"); else None."""
    text = re.sub(r"^\s*(?:\[\d+\]|\d{1,3}[.)])\s*", "", citation.get("text") or "")
    bodies = set()
    for entry in re.split(r";\s+|\n\s*\n", text):
        if not entry.strip():
            continue
        lead = re.split(r",|—| – ", entry, maxsplit=1)[0].strip()
        body = _registered_at(lead, table)
        if body is None or not _government(body, registry):
            return None
        bodies.add(body)
    return bodies.pop() if len(bodies) == 1 else None


def according_to(quote, table):
    """The registered origin a quote says its information is "according to", or None."""
    for match in ACCORDING_TO.finditer(quote):
        found = _registered_at(quote[match.end():], table)
        if found is not None:
            return found
    return None


def derivation(item, article, registry, table):
    """(origin, basis) the appearance relays by the rule, or None: its footnote's one cited
    body, or the body it names with "according to", when that is not its own origin."""
    origin = item.get("origin")
    cited = None
    number = item.get("footnote")
    quote = item.get("quote") or ""
    if number is not None and article is not None and not _is_the_footnote(item, article):
        citation = next((c for c in article.get("citations") or () if c.get("number") == number), None)
        body = footnote_source(citation, registry, table) if citation else None
        if body is not None:
            cited = (body, f"its footnote [{number}] cites {body}: {' '.join((citation.get('text') or '').split())}")
    if cited is None:
        body = according_to(quote, table)
        if body is not None:
            cited = (body, f"it says 'according to' {body}")
    if cited is None or cited[0] == origin or _names(quote, origin, registry):
        return None  # "according to the Ministry ... and the State Department" is the words of both
    return cited


def _names(quote, origin, registry):
    folded = fold(quote)
    return any(fold(name) in folded for name in [origin or ""] + list((registry.get(origin) or {}).get("names") or ()) if name)


def _is_the_footnote(item, article):
    """Whether the quote is words of the footnote itself (the cited title), not of a sentence citing it."""
    for citation in article.get("citations") or ():
        start, end = citation.get("start"), citation.get("end")
        if isinstance(start, int) and isinstance(end, int) and start <= (item.get("start") or -1) < end:
            return True
    return False


def unmarked_relays(claim, articles, registry, table):
    """[(evidence number, origin, basis)] of appearances the rule says relay an origin, not
    marked `derived_from`, that make the claim count one more source than it has."""
    found = []
    for number, item in enumerate(claim.get("evidence") or (), 1):
        if not isinstance(item, dict) or item.get("derived_from"):
            continue
        derived = derivation(item, articles(item.get("article")), registry, table)
        if derived is None:
            continue
        marked = dict(claim, evidence=[dict(e, derived_from=derived[0]) if e is item else e
                                       for e in claim["evidence"]])
        if len(model.sources_of(marked)) < len(model.sources_of(claim)):
            found.append((number, *derived))
    return found
