"""Verifies a store: every record against the record's schema (`usclet.store.contract`),
then by hand what a schema cannot say: quotes against the seed text at their offsets
(`check_claim_references`, `check_articles`), hashes (`check_seeds`), references between
records, real calendar dates (`model.problems_of_*`), the sourcing rule
(`_sourcing_problems`, `origins.claim_problems`) and the facts sources disagree on.

Returns problems as one-line strings naming the record at fault; an empty list means
the store is sound.
"""

from collections import Counter

from usclet import dates, model
from usclet.record import consistency, disputes, identity, origins, relays
from usclet.store import contract
from usclet.text import corpus


def _shorten(text, width=60):
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def check_seeds(store):
    """Hashes of the seed files against their articles and SHA256SUMS."""
    missing = store.missing_articles()
    if missing:
        return [missing]  # one line, not one per article and quote that cannot be read
    problems = []
    hashes = {}
    for article in store.articles:
        name = article.get("file")
        if name not in hashes:
            try:
                hashes[name] = corpus.sha256_of(store.seed_bytes(name))
            except OSError:
                hashes[name] = None
                problems.append(f"seed {name}: missing from {store.seeds_dir} and {store.added_dir} (article {article['id']})")
                continue
            try:
                store.seed_text(name)
            except UnicodeDecodeError:
                problems.append(f"seed {name}: not UTF-8 text")
        if hashes[name] and hashes[name] != article.get("sha256"):
            problems.append(
                f"article {article['id']}: seed {name} has sha256 {hashes[name][:12]}…, "
                f"the store recorded {str(article.get('sha256'))[:12]}… (the seed file was changed)"
            )
    sums = store.seeds_dir / "SHA256SUMS"
    if sums.exists():
        for line in sums.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            expected, _, name = line.partition("  ")
            try:
                actual = hashes.get(name) or corpus.sha256_of(store.seed_bytes(name))
            except OSError:
                problems.append(f"seed {name}: listed in SHA256SUMS but missing")
                continue
            if actual != expected:
                problems.append(f"seed {name}: sha256 differs from SHA256SUMS (the seed file was changed)")
    return problems


def _text(store, name):
    try:
        return store.seed_text(name)
    except (OSError, UnicodeDecodeError):
        return None


def check_articles(store):
    problems = []
    for article in store.articles:
        label = f"article {article['id']}"
        problems.extend(contract.problems("article", article))
        for field in ("published", "published_earliest"):
            value = article.get(field)
            if isinstance(value, str) and not dates.is_valid(value):
                problems.append(f"{label}: {field} {value!r} is not a valid ISO date")
        for field, kind in (("duplicate_of", "article"), ("parent", "article")):
            target = article.get(field)
            if target is not None and (store.get(target) or (None,))[0] != kind:
                problems.append(f"{label}: {field} {target!r} is not an article in the store")
        text = _text(store, article.get("file"))
        if text is None:
            continue
        start, end = article.get("start"), article.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
            problems.append(f"{label}: offsets {start}..{end} are outside seeds/{article.get('file')}")
            continue
        for citation in article.get("citations") or []:
            c_start, c_end = citation.get("start"), citation.get("end")
            if text[c_start:c_end] != citation.get("text"):
                problems.append(
                    f"{label} citation [{citation.get('number')}]: text differs from seeds/"
                    f"{article['file']}[{c_start}:{c_end}]"
                )
            for cited in citation.get("dates") or []:
                if not dates.is_valid(cited.get("date")):
                    problems.append(f"{label} citation [{citation.get('number')}]: date {cited.get('date')!r} is not valid")
    return problems


def check_claim_references(store, claim):
    """A claim's event, conflicts, evidence articles, quotes and offsets against the seeds."""
    problems = []
    label = f"claim {claim.get('id')}"
    event = claim.get("event")
    if event is not None and (store.get(event) or (None,))[0] != "event":
        problems.append(f"{label}: event {event!r} is not an event in the store")
    for other in claim.get("conflicts_with") or []:
        if (store.get(other) or (None,))[0] != "claim":
            problems.append(f"{label}: conflicts_with {other!r} is not a claim in the store")
        elif other == claim.get("id"):
            problems.append(f"{label}: conflicts with itself")
    for number, item in enumerate(claim.get("evidence") or [], 1):
        if not isinstance(item, dict):
            continue
        # messages are built only for problems: a large store has hundreds of thousands of quotes
        found = store.get(item.get("article"))
        if not found or found[0] != "article":
            problems.append(f"{label} evidence {number}: article {item.get('article')!r} is not in the store")
            continue
        article = found[1]
        if item.get("file") != article.get("file"):
            problems.append(f"{label} evidence {number}: file {item.get('file')!r} is not that of article {article['id']}")
            continue
        text = _text(store, article["file"])
        if text is None:
            continue
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int)):
            continue
        if not article["start"] <= start <= end <= article["end"]:
            problems.append(f"{label} evidence {number}: offsets {start}..{end} fall outside article {article['id']}")
        actual = text[start:end]
        if actual != item.get("quote"):
            problems.append(
                f"{label} evidence {number}: quote differs from seeds/{article['file']}[{start}:{end}] "
                f"(stored {_shorten(str(item.get('quote')))!r}, seed has {_shorten(actual)!r})"
            )
    date_text = claim.get("date_text")
    if date_text:
        articles = [store.get(item.get("article")) for item in claim.get("evidence") or [] if isinstance(item, dict)]
        texts = [_text(store, found[1]["file"]) for found in articles if found and found[0] == "article"]
        texts = [t for t in texts if t is not None]
        if texts and not any(date_text in t for t in texts):
            problems.append(f"{label}: date_text {_shorten(date_text)!r} is not in the text of its evidence")
    return problems


def check_event_dates(store):
    """An event's date_text must be words of an article that one of its claims quotes."""
    problems = []
    articles_of = {}
    for claim in store.claims:
        for item in claim.get("evidence") or []:
            if isinstance(item, dict) and claim.get("event"):
                articles_of.setdefault(claim["event"], set()).add(item.get("article"))
    for event in store.events:
        date_text = event.get("date_text")
        if not date_text or event["id"] not in articles_of:
            continue
        found = [store.get(article_id) for article_id in articles_of[event["id"]]]
        texts = [t for t in (_text(store, f[1]["file"]) for f in found if f and f[0] == "article") if t is not None]
        if texts and not any(date_text in t for t in texts):
            problems.append(f"event {event['id']}: date_text {_shorten(date_text)!r} is not in the articles of its claims")
    return problems


def check_ids(store):
    counts = Counter(row.get("id") for rows in (store.articles, store.events, store.claims) for row in rows)
    return [f"id {record_id!r} is used by {count} records" for record_id, count in counts.items() if count > 1]


class Snapshot:
    """The whole store read once: check looks at every record and follows every reference."""

    def __init__(self, store):
        self.store = store
        self.articles, self.events, self.claims = store.articles(), store.events(), store.claims()
        self._index = {}
        for kind, rows in (("article", self.articles), ("event", self.events), ("claim", self.claims)):
            for row in rows:
                self._index.setdefault(row.get("id"), (kind, row))
        self.get = self._index.get
        self.seeds_dir, self.added_dir = store.seeds_dir, store.added_dir
        self.seed_bytes, self.seed_text = store.seed_bytes, store.seed_text
        self.missing_articles = store.missing_articles


def check_store(store):
    """Every problem of the store, in a stable order."""
    store = Snapshot(store)
    meta = store.store.meta()
    problems = contract.problems("settings", meta, "settings") + check_ids(store) + check_seeds(store)
    problems.extend(check_articles(store))
    registry = origins.registry_of(meta)
    problems.extend(origins.registry_problems(registry))
    table = origins.lookup(registry)
    by_event = {}
    for claim in store.claims:
        by_event.setdefault(claim.get("event"), []).append(claim)
    for event in store.events:
        problems.extend(contract.problems("event", event) + model.problems_of_event(event))
        problems.extend(identity.problems(event, by_event.get(event["id"], [])))
    problems.extend(check_event_dates(store))
    events = {event["id"]: event for event in store.events}
    articles = {article["id"]: article for article in store.articles}
    set_aside = {claim["id"] for claim in store.claims if claim.get("set_aside")}
    for claim in store.claims:
        problems.extend(contract.problems("claim", claim) + model.problems_of_claim(claim))
        problems.extend(_sourcing_problems(claim, articles, registry, table, set_aside))
        outside = consistency.date_outside_event(claim, events.get(claim.get("event")))
        if outside:
            problems.append(outside)
        problems.extend(check_claim_references(store, claim))
        problems.extend(origins.claim_problems(claim, registry, table))
    problems.extend(check_disagreements(store, events))
    for entry in store.store.changes():
        problems.extend(contract.problems("change", entry, f"change {entry.get('number')}"))
    return problems


def _sourcing_problems(claim, articles, registry, table, set_aside):
    """A relay counted as a source of its own, a relay of an unregistered origin, a conflict
    with a reading the store sets aside."""
    label = f"claim {claim.get('id')}"
    problems = []
    for number, origin, basis in relays.unmarked_relays(claim, articles.get, registry, table):
        problems.append(f"{label} evidence {number}: relays {origin} ({basis}) but counts as a source of its own; "
                        f"set derived_from to {origin!r}, with derived_basis")
    for number, item in enumerate(claim.get("evidence") or (), 1):
        derived = item.get("derived_from") if isinstance(item, dict) else None
        if derived and table.get(relays.fold(derived)) != derived:
            problems.append(f"{label} evidence {number}: derived_from {derived!r} is not an origin of the registry "
                            "(by its registered name)")
    for other in claim.get("conflicts_with") or ():
        if claim.get("set_aside") or other in set_aside:
            aside = claim["id"] if claim.get("set_aside") else other
            problems.append(f"{label}: conflicts with {other}, but {aside} is a reading the store sets aside; "
                            "a set-aside reading is in conflict with nothing: drop the link")
    return problems


def check_disagreements(store, events):
    """Each disagreement once: the same fact with the same values on two rows is one
    disagreement recorded twice (the same two dates on two events: are they one meeting?)."""
    claims = {claim["id"]: claim for claim in store.claims}
    rows = disputes.disagreements(store.claims, claims.get, events.get)
    problems = []
    for group in disputes.repeated(rows):
        where = "; ".join(", ".join(row["events"] or row["claims"]) for row in group)
        problems.append(f"conflict repeated {len(group)} times ({where}): {disputes.in_words(group[0])}; one disagreement "
                        "is recorded once (two events that give one meeting's values may be one meeting: link "
                        "their claims with conflicts_with, or merge the events)")
    return problems
