"""The origin registry: who a source is, whom they speak for, and on which side.

A claim's sources are its distinct origins, so an origin must name one independent
source of information, the same way every time. The registry (kept in the store's
settings, `meta["origins"]`) maps each origin to its side(s) and to the other names it
goes by, people included: a person speaking for a body is that body (Carlos Fernández
de Cossío, Vice Foreign Minister, is the Cuban Ministry of Foreign Affairs); a joint
document is one origin, on both sides.
"""

import functools

from usclet import model
from usclet.words import fold


# The bodies that speak for a government, known to every store: an article they publish is
# their government's account. The list is short on purpose: ministries, departments and
# embassies whose releases the record quotes; anyone else is registered as it first appears.
GOVERNMENT_BODIES = {
    "U.S. Department of State": {"sides": ["us"], "names": [
        "State Department", "Department of State", "US State Department", "U.S. State Department", "U.S. State Dep't",
        "a State Department spokesperson", "Office of the Spokesperson"]},
    "U.S. Department of Homeland Security": {"sides": ["us"], "names": [
        "Department of Homeland Security", "Homeland Security", "DHS"]},
    "U.S. Department of Justice": {"sides": ["us"], "names": ["Department of Justice", "Justice Department", "DOJ"]},
    "White House": {"sides": ["us"], "names": ["The White House", "U.S. National Security Council",
                                              "National Security Council", "Obama administration"]},
    "U.S. Embassy in Havana": {"sides": ["us"], "names": ["U.S. Embassy Havana", "US Embassy in Havana"]},
    "Cuban Ministry of Foreign Affairs": {"sides": ["cuba"], "names": [
        "Cuban Foreign Ministry", "Cuba Foreign Ministry", "Ministry of Foreign Affairs of Cuba", "MINREX", "Cubaminrex",
        "Ministry of Foreign Affairs, Republic of Cuba"]},
    "Cuban Ministry of the Interior": {"sides": ["cuba"], "names": [
        "Cuban Interior Ministry", "Cuban Ministry of Interior", "Ministry of Interior of Cuba", "MININT"]},
    "Embassy of Cuba in the United States": {"sides": ["cuba"], "names": [
        "Cuban Embassy in Washington", "Embassy of Cuba in Washington"]},
}


def registry_of(meta):
    """{origin: {"sides": [...], "names": [...], "note": ...}}: the government bodies every store
    knows, extended (and, for the same origin, replaced) by the store's own settings."""
    own = (meta or {}).get("origins") or {}
    taken = {fold(origin) for origin in own}
    registry = {origin: entry if not taken & {fold(n) for n in entry["names"]}
                else dict(entry, names=[n for n in entry["names"] if fold(n) not in taken])
                for origin, entry in GOVERNMENT_BODIES.items()}  # a store's own origin keeps its name
    registry.update(own)
    return registry


def lookup(registry):
    """{folded name: origin} for every origin and every other name it goes by."""
    table = {}
    for origin, entry in registry.items():
        table.setdefault(fold(origin), origin)
        for name in entry.get("names") or ():
            table.setdefault(fold(name), origin)
    return table


def canonical(name, registry, table=None):
    """The registered origin `name` stands for, or None."""
    if not name:
        return None
    return (table or lookup(registry)).get(fold(name))


class Registry:
    """A store's registry with its names folded once: ingest asks it for every quote."""

    def __init__(self, meta):
        self.meta = meta
        self.entries = registry_of(meta)
        self.table = lookup(self.entries)

    def canonical(self, name):
        return self.table.get(fold(name or "")) if name else None

    def sides(self, origin):
        return self.entries[origin]["sides"]

    def allows(self, origin, side):
        """Whether evidence of the registered `origin` may be on `side`: the check `import` makes."""
        return side in self.sides(origin)

    def settle(self, name, side):
        """(origin, side, note) of words whose origin is named `name`, guessed on `side`, as `import`
        accepts them: a registered origin under its registered name, on the registry's side when the
        guess is not one of its sides (note says so, else None); an unregistered one as guessed."""
        registered = self.canonical(name)
        if registered is None:
            return name, side, None
        if self.allows(registered, side):
            return registered, side, None
        sides = self.sides(registered)
        return registered, sides[0], (f"{registered} is registered as speaking for {' and '.join(sides)}, "
                                      f"not {side}")

    def register(self, origin, side):
        """Registers a new origin on `side`, in the store's settings too."""
        self.entries[origin] = {"sides": [side], "names": []}
        self.table.setdefault(fold(origin), origin)
        save(self.meta, self.entries)
        return origin


def of_transaction(tx):
    """The registry of a transaction's store, read once per transaction."""
    if getattr(tx, "_registry", None) is None:
        tx._registry = Registry(tx.meta)
    return tx._registry


def save(meta, registry):
    """Keeps in the store's settings what the registry adds to the government bodies."""
    meta["origins"] = {origin: entry for origin, entry in registry.items()
                       if GOVERNMENT_BODIES.get(origin) is not entry}


def speaker_of(publisher, registry, side=None, origin=None):
    """(origin, side, how) for an article's own words: given, or inferred from its publisher."""
    found = canonical(origin or publisher, registry)
    if origin is None and found is None:
        return publisher, side or ("independent" if publisher else None), "its publisher, not a registered body"
    chosen = found or origin
    sides = registry[found]["sides"] if found else []
    if side is None:
        side = sides[0] if len(sides) == 1 else "independent"
    how = "given" if origin else f"inferred from the publisher {publisher!r}: the registered {found!r}"
    return chosen, side, how


def claim_problems(claim, registry, table):
    """A claim's origins against the registry and the sourcing rule."""
    label = f"claim {claim.get('id')}"
    problems = []
    spans = {}
    for number, item in enumerate(claim.get("evidence") or [], 1):
        if not isinstance(item, dict):
            continue
        origin = item.get("origin")
        found = table.get(_key(origin or ""))
        if found is None:
            problems.append(f"{label} evidence {number}: origin {origin!r} is not in the origin registry; "
                            "add it to the registry (data/curation/origins.json for the shipped store)")
            continue
        if found != origin:
            problems.append(f"{label} evidence {number}: origin {origin!r} is another name of {found!r}; "
                            f"write {found!r}, or its sources are counted twice")
        sides = registry[found].get("sides") or []
        if item.get("side") not in sides:
            problems.append(f"{label} evidence {number}: side {item.get('side')!r} is not the side of "
                            f"{found!r} ({', '.join(sides)})")
        span = (item.get("article"), item.get("start"), item.get("end"))
        spans.setdefault(span, (item.get("quote") or "", set()))[1].add(found)
    problems.extend(_overlapping(label, spans))
    for (article, start, end), (quote, origins) in spans.items():
        # "According to the Ministry ... and the State Department" names two sources; a sentence
        # quoting one document does not, and is one origin however many sides it speaks for
        if len(origins) > 1 and not all(_names(quote, origin, registry) for origin in origins):
            problems.append(f"{label}: one sentence ({article} {start}..{end}) is counted as {len(origins)} sources "
                            f"({', '.join(sorted(origins))}); the words of one passage are one origin")
    return problems


@functools.lru_cache(maxsize=4096)
def _key(name):
    """A name as the registry's lookup table keys it; a large store names the same few bodies
    hundreds of thousands of times."""
    return fold(name)


def _overlapping(label, spans):
    """Two cuts of one passage (overlapping, not the same span) under different origins: one
    sentence made to count twice."""
    problems = []
    listed = list(spans.items())
    for index, (span, (_, origins)) in enumerate(listed):
        for other, (_, other_origins) in listed[index + 1:]:
            if model.overlap(span, other) and origins != other_origins:
                problems.append(f"{label}: one passage of {span[0]} is quoted twice ({span[1]}..{span[2]} and "
                                f"{other[1]}..{other[2]}) under {', '.join(sorted(origins | other_origins))}; "
                                "it counts as one source: quote it once, under the origin whose words it is")
    return problems


def _names(quote, origin, registry):
    folded = fold(quote)
    return any(fold(name) in folded for name in [origin] + list(registry[origin].get("names") or ()))


def registry_problems(registry):
    problems = []
    seen = {}
    for origin, entry in registry.items():
        sides = entry.get("sides") if isinstance(entry, dict) else None
        if not sides or set(sides) - set(model.SIDES):
            problems.append(f"origin {origin!r}: sides must be some of {', '.join(model.SIDES)}")
        for name in [origin] + list((entry or {}).get("names") or []):
            other = seen.setdefault(fold(name), origin)
            if other != origin:
                problems.append(f"origin {origin!r}: the name {name!r} is also a name of {other!r}")
    return problems


def voice_of(publisher, registry, side=None, origin=None):
    """{publisher, origin, side, basis} of a text not yet added, as `add article` would record
    its own words; None when nothing is said of who publishes it."""
    if not (publisher or side or origin):
        return None
    speaks, speaks_side, how = speaker_of(publisher, registry, side, origin)
    return {"publisher": publisher, "origin": speaks, "side": speaks_side, "basis": how}
