"""Writing to the store: new articles, new claims, batches of claims.

Everything is validated before the store is touched, and each write is one locked,
atomic transaction: a refused input leaves the store byte for byte as it was.
"""

import json
import os
import re

from usclet import dates, model
from usclet.errors import BadInput, StoreError
from usclet.record import consistency, identity, origins, relays, reposts
from usclet.store import contract
from usclet.store.base import UNDONE_FOLDER
from usclet.store.files import replace_atomically
from usclet.text import corpus

SEED_NAME_RE = re.compile(r"^(\d{3,})_")


def _next_prefix(*folders):
    numbers = [int(m.group(1)) for folder in folders for p in folder.glob("*.txt") if (m := SEED_NAME_RE.match(p.name))]
    return f"{max(numbers, default=-1) + 1:03d}"


def add_article(store, path, title, author=None, publisher=None, published=None, url=None, side=None, origin=None,
                excerpt=False, published_basis=None, repost=False):
    """Copies a new article into the store's articles folder and registers its posts. Returns them.

    The same file added again is refused, naming the articles it already is. A text whose
    every post the record already holds (the same body under another outlet's header,
    see `reposts`) is refused too, naming the post it repeats, unless `repost` says to add
    it anyway; a post repeating a stored post is added with `duplicate_of`. Numbering the file,
    copying it and recording it all happen under the store's lock, so concurrent adds
    cannot take the same number. Its own words are the account of `origin` on `side`,
    inferred from the publisher when not given (see `origins.speaker_of`).
    """
    data = corpus.read_article_file(path)
    sha = corpus.sha256_of(data)
    if published is not None and not dates.is_valid(published):
        raise BadInput(f"--published: {published!r} is not a valid date")
    seeds_dir, articles_dir = store.seeds_dir, store.added_dir
    if not seeds_dir.is_dir():
        raise StoreError(store.missing_articles() or f"the store's seeds folder {seeds_dir} does not exist")
    seed_path = None
    try:
        with store.transaction() as tx:
            stored = tx.articles()
            known = [a["id"] for a in stored if a["sha256"] == sha]
            if known:
                raise BadInput(f"{path} is already in the store as {', '.join(known)} (same text)")
            # a text already in the folder (a rebuild replays the added sources) keeps its name
            kept = [p.name for p in articles_dir.glob(f"*_{sha[:16]}.txt") if p.read_bytes() == data]
            # an undone article's number stays taken, so that a redo can put it back
            number = _next_prefix(seeds_dir, articles_dir, articles_dir / UNDONE_FOLDER)
            name = kept[0] if kept else f"{number}_{sha[:16]}.txt"
            articles = corpus.parse_file(name, data, corpus.prefix_for(name))
            registry = origins.of_transaction(tx)
            speaks, speaks_side, _ = origins.speaker_of(publisher, registry.entries, side, origin)
            if speaks and registry.canonical(speaks) is None:
                registry.register(speaks, speaks_side)
            for index, article in enumerate(articles):
                if article["kind"] != "post":
                    continue
                if index == 0:
                    article["title"] = title
                article.update({k: v for k, v in (("author", author), ("publisher", publisher), ("url", url)) if v})
                article["origin"], article["side"] = speaks, speaks_side
                article["excerpt"] = bool(excerpt)  # only part of the source's text is kept
                if published:
                    article["published"] = published
                    article["published_basis"] = published_basis or "stated: given with --published"
                    article["published_earliest"] = None
            _mark_duplicates_against(store, tx, stored, articles)
            _mark_reposts(store, tx, stored, articles, data.decode("utf-8"), path, repost)
            taken = tx.ids()
            clash = [a["id"] for a in articles if a["id"] in taken]
            if clash:
                raise BadInput(f"id {clash[0]!r} is already in the store")
            articles_dir.mkdir(parents=True, exist_ok=True)
            seed_path = articles_dir / name
            if not (seed_path.exists() and seed_path.read_bytes() == data):
                replace_atomically(seed_path, data, backup=False)
            else:
                seed_path = None  # already there (a rebuild adds the same texts): not ours to remove
            articles = [{field: article.get(field) for field in model.ARTICLE_FIELDS} for article in articles]
            tx.insert("articles", articles)
    except BaseException:
        if seed_path is not None and seed_path.exists():
            os.unlink(seed_path)  # the store did not take the article: do not leave its seed behind
        raise
    return articles


def _mark_duplicates_against(store, tx, stored, articles):
    """Sets `duplicate_of` on new posts repeating a stored post (or an earlier new one).

    Each post's content key is kept in the store's meta (`post_keys`), so adding an
    article does not re-read every stored seed; keys missing there (a store written
    before they were kept) are computed from the seeds once.
    """
    keys = dict(tx.meta.get("post_keys") or {})
    stored = [a for a in stored if a["kind"] == "post"]
    for name in sorted({a["file"] for a in stored if a["id"] not in keys}):
        try:
            parsed = corpus.parse_file(name, store.seed_bytes(name), corpus.prefix_for(name))
        except OSError:
            continue
        keys.update((a["id"], a["_key"]) for a in parsed if a["kind"] == "post")
    first_seen = {}
    # stored posts come first, in file order, so a repeat points at the post already in the store
    for article in sorted(stored, key=lambda a: a["file"]):
        if article["id"] in keys:
            first_seen.setdefault(keys[article["id"]], article["id"])
    keys.update((a["id"], a["_key"]) for a in articles if a["kind"] == "post")
    corpus.mark_duplicates(articles, first_seen)
    tx.meta["post_keys"] = keys


def _mark_reposts(store, tx, stored, articles, text, path, allowed):
    """Refuses a text whose every post repeats a stored post, unless `allowed`; sets
    `duplicate_of` on each post that repeats one. Each stored post's sketch is kept in the
    store's meta (`post_sketches`), computed from its file once for a store written before."""
    sketches = dict(tx.meta.get("post_sketches") or {})
    stored = {a["id"]: a for a in stored if a["kind"] == "post"}
    for article in stored.values():
        if article["id"] not in sketches:
            try:
                sketches[article["id"]] = reposts.sketch(_text_of(store, article))
            except (OSError, StoreError):
                sketches[article["id"]] = None
    posts = [a for a in articles if a["kind"] == "post"]
    held = {}
    for post in posts:
        found = reposts.repeats(text[post["start"]:post["end"]], sketches, lambda i: _text_of(store, stored[i]))
        if found:  # the post it repeats, or the one that post itself repeats: the record quotes that one
            held[post["id"]] = stored[found[0]].get("duplicate_of") or found[0]
            if not post.get("duplicate_of"):
                post["duplicate_of"] = held[post["id"]]
    if posts and len(held) == len(posts) and not allowed:
        repeated = ", ".join(dict.fromkeys(held.values()))
        raise BadInput(f"{path} repeats {repeated}, already in the store (the same text under another header); "
                       "add it anyway with --force, and its sentences join the claims they already are")
    for post in posts:
        sketches[post["id"]] = reposts.sketch(text[post["start"]:post["end"]])
    tx.meta["post_sketches"] = sketches


def _text_of(store, article):
    return store.seed_text(article["file"])[article["start"]:article["end"]]


def build_evidence(lookup, store, item, where):
    """A complete evidence record from {article, quote, [start, end, occurrence], speaker, side, origin}."""
    if not isinstance(item, dict):
        raise BadInput(f"{where}: evidence must be an object")
    if item.get("article") is None:
        raise BadInput(f"{where}: no article; add the article with `usclet add article` and extract it again "
                       "(or with --article ID)")
    _require_id(item.get("article"), "article", where)
    found = lookup.get(item.get("article"))
    if not found or found[0] != "article":
        raise BadInput(f"{where}: no article {item.get('article')!r} in the store")
    article = found[1]
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote:
        raise BadInput(f"{where}: no quote")
    text = store.seed_text(article["file"])
    start, end = item.get("start"), item.get("end")
    if start is not None or end is not None:
        if not (isinstance(start, int) and isinstance(end, int)) or text[start:end] != quote or not (
            article["start"] <= start <= end <= article["end"]
        ):
            raise BadInput(f"{where}: the quote is not at {start}..{end} of article {article['id']}")
    else:
        occurrence = item.get("occurrence")
        if occurrence is not None and (not isinstance(occurrence, int) or occurrence < 1):
            raise BadInput(f"{where}: occurrence must be a whole number from 1")
        try:
            start, end = model.locate_quote(text, quote, article["start"], article["end"], occurrence)
        except ValueError as error:
            raise BadInput(f"{where}: {error} {article['id']}: {_short(quote)!r}{getattr(error, 'hint', '')}") from None
    # the origin as the registry names it: a person speaking for a body is that body
    registry = origins.of_transaction(lookup)
    origin = item.get("origin") or article.get("origin") or article.get("publisher") or article.get("author")
    if not origin:  # an article's id is no one's name: the source of the words must be said
        raise BadInput(f"{where}: whose words these are is not known: article {article['id']} has no publisher or "
                       f"author; give the origin (`add claim --origin NAME`; in a line to import, \"origin\"), or "
                       f"`usclet edit article {article['id']} --publisher NAME`")
    registered = registry.canonical(origin)
    sides = registry.sides(registered) if registered else []
    side = item.get("side") or (sides[0] if len(sides) == 1 else "independent")
    if side not in model.SIDES:
        raise BadInput(f"{where}: side {side!r} is not one of {', '.join(model.SIDES)}")
    if registered and not registry.allows(registered, side):
        raise BadInput(f"{where}: side {side} is not the side of {registered} ({', '.join(sides)})")
    if registered is None:
        registered = registry.register(origin, side)  # a new origin is registered with the claim that brings it
    footnote = item.get("footnote")
    if footnote is not None and not isinstance(footnote, int):
        raise BadInput(f"{where}: footnote must be a number")
    built = {
        "article": article["id"], "file": article["file"], "start": start, "end": end, "quote": quote,
        "speaker": item.get("speaker") or "the author", "side": side,
        "origin": registered, "derived_from": None, "derived_basis": None, "footnote": footnote,
    }
    # the one rule of independence: words relaying another origin are that origin's chain
    derived = item.get("derived_from")
    if derived is not None:
        relayed = registry.canonical(derived) if isinstance(derived, str) else None
        if relayed is None:
            raise BadInput(f"{where}: derived_from {derived!r} is not an origin of the registry")
        if relayed != registered:
            built.update(derived_from=relayed, derived_basis=item.get("derived_basis") or "stated: given when the claim was added")
    else:
        found = relays.derivation(built, article, registry.entries, registry.table)
        if found is not None:
            built.update(derived_from=found[0], derived_basis=found[1])
    given = {key: item.get(key) for key in ("said_on", "said_on_earliest", "said_on_latest", "said_on_basis")}
    if given["said_on"] is None and given["said_on_earliest"] is None and given["said_on_latest"] is None:
        appeared = model.appearance_of(article)  # its words appeared when the article did
        given = {key: appeared.get(key) for key in ("said_on", "said_on_earliest", "said_on_latest", "said_on_basis")}
    elif not given["said_on_basis"]:
        given["said_on_basis"] = "stated: given when the claim was added"
    built.update(given)
    problems = [problem.split(': ', 1)[1] for problem in contract.problems("evidence", built)] + model.evidence_problems(built)
    if problems:
        hint = (f"; article {article['id']} has no date: say when the words appeared (`add claim --said-on DATE`; "
                f"in a line to import, \"said_on\"), or date the article: `usclet edit article {article['id']} "
                "--published DATE`" if given["said_on"] is None and given["said_on_earliest"] is None else "")
        raise BadInput(f"{where}: {problems[0]}{hint}")
    return built


def _short(text, width=50):
    return text if len(text) <= width else text[: width - 1] + "…"


def _require_id(value, key, where):
    """Ids are strings: anything else is refused before it is looked up."""
    if not isinstance(value, str) or not value:
        raise BadInput(f"{where}: {key} must be an id (a string), not {json.dumps(value)[:40]}")


def build_claim(lookup, store, entry, where):
    """A complete, validated claim from a partial one (id and offsets optional)."""
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: a claim must be a JSON object")
    # `review` holds extract's reasons for a reviewer: read, not stored
    unknown = set(entry) - set(model.CLAIM_FIELDS) - {"merge", "review", "type"}
    if unknown:
        raise BadInput(f"{where}: unknown fields {', '.join(sorted(unknown))}")
    for key in ("id", "event", "merge"):
        if entry.get(key) is not None:
            _require_id(entry[key], key, where)
    if isinstance(entry.get("conflicts_with"), list):
        for other in entry["conflicts_with"]:
            _require_id(other, "conflicts_with", where)
    evidence = entry.get("evidence")
    if not isinstance(evidence, list) or not evidence:
        raise BadInput(f"{where}: a claim needs evidence (a list of quotes)")
    built = [build_evidence(lookup, store, item, f"{where} evidence {n}") for n, item in enumerate(evidence, 1)]
    claim = {field: entry.get(field) for field in model.CLAIM_FIELDS}
    claim["evidence"] = built
    claim["topics"] = claim["topics"] or []
    claim["facts"] = claim["facts"] or {}
    claim["conflicts_with"] = claim["conflicts_with"] or []
    if not claim["text"]:
        claim["text"] = " ".join(built[0]["quote"].split())
    if claim["date"] is not None and not claim["date_basis"]:
        claim["date_basis"] = "stated: given when the claim was added"
    for key in ("topics", "conflicts_with"):
        if not isinstance(claim[key], list):
            raise BadInput(f"{where}: {key} must be a list")
    # the id is given after the checks, when the batch's ids are known
    problems = contract.problems("claim", dict(claim, id=claim["id"] or "new")) + model.problems_of_claim(claim)
    if problems:
        raise BadInput(f"{where}: {problems[0].split(': ', 1)[-1]}")
    event = claim["event"]
    if event is not None and (lookup.get(event) or (None,))[0] != "event":
        raise BadInput(f"{where}: no event {event!r} in the store")
    for problem in (consistency.date_outside_event(claim, event and lookup.get(event)[1]),
                    consistency.passage_problem(built, origins.of_transaction(lookup).entries)):
        if problem:
            raise BadInput(f"{where}: {problem}")
    for other in claim["conflicts_with"]:
        if (lookup.get(other) or (None,))[0] != "claim":
            raise BadInput(f"{where}: conflicts_with names no claim {other!r}")
    return claim


def _assign_id(claim, taken):
    if claim["id"] is None:
        base = f"{claim['evidence'][0]['article']}-claim"
        number = 1
        while f"{base}-{number}" in taken:
            number += 1
        claim["id"] = f"{base}-{number}"
    elif not isinstance(claim["id"], str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", claim["id"]):
        raise BadInput(f"claim id {claim['id']!r} must be letters, digits, '.', '_' or '-'")
    taken.add(claim["id"])


def build_event(entry, where):
    """A complete, validated event from a partial one."""
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: an event must be a JSON object")
    unknown = set(entry) - set(model.EVENT_FIELDS) - {"type"}
    if unknown:
        raise BadInput(f"{where}: unknown fields {', '.join(sorted(unknown))}")
    _require_id(entry.get("id"), "id", where)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", entry["id"]):
        raise BadInput(f"{where}: event id {entry['id']!r} must be letters, digits, '.', '_' or '-'")
    if entry.get("ordinal") is not None:
        raise BadInput(f"{where}: an event's number is settled by its sources, not given: add the claims "
                       "that number it (facts.ordinal), and two that agree settle it")
    event = {field: entry.get(field) for field in model.EVENT_FIELDS}
    event["aliases"] = event["aliases"] or []
    event["participants"] = event["participants"] or {}
    if event["date"] is not None and not event["date_basis"]:
        event["date_basis"] = "stated: given when the event was added"
    problems = contract.problems("event", event) + model.problems_of_event(event)
    if problems:
        raise BadInput(f"{where}: {problems[0].split(': ', 1)[-1]}")
    return event


ACTIONS = ("new", "attach", "conflict", "skip")


def _target_of(entry, where, tx):
    """The stored claim an `attach` or `conflict` line names (its `match.claim`, or `merge`)."""
    match = entry.get("match")
    if match is not None and not isinstance(match, dict):
        raise BadInput(f"{where}: match must be an object")
    target = (match or {}).get("claim") or entry.get("merge")
    if target is None and entry.get("action") == "conflict" and entry.get("conflicts_with"):
        target = entry["conflicts_with"][0]
    _require_id(target, "match.claim", where)
    if (tx.get(target) or (None,))[0] != "claim":
        raise BadInput(f"{where}: {entry.get('action') or 'merge'} names no claim {target!r} in the store")
    return target


def _same_event(stored, event):
    return {k: v for k, v in stored.items() if k != "type"} == {k: v for k, v in event.items() if k != "type"}


def add_claims(store, entries, merge=False, dry_run=False, progress=None):
    """Applies a batch: events, then claims, each line by its `action` (see `record.matching`):
    `new` and `conflict` lines are new claims (a conflict recorded on both claims),
    `attach` lines add their evidence to the claim they name, `skip` lines change nothing.
    A line with `"type": "event"` is an event. A line without an action is a new claim,
    or, with a `merge` claim id (allowed by `merge`), evidence for that claim.

    `entries` are (label, record) pairs, the label naming the input line. All or
    nothing: every entry is built and validated first, inside the transaction; the
    first invalid one refuses the whole batch, naming its line. The same evidence
    (article, start, end) is never stored twice, so a batch imported again changes
    nothing. `progress(n)` is told of each entry built. Returns a report: {"new_events", "new_claims", "corroborated",
    "appearances", "conflicts", "unchanged", "already" (the stored claims that lines repeat)}; with
    `dry_run` nothing is written.
    """
    report = {"new_events": [], "new_claims": [], "corroborated": [], "appearances": [], "conflicts": [],
              "unchanged": 0, "already": []}
    try:
        with store.transaction() as tx:
            _apply(store, tx, entries, merge, report, progress)
            if dry_run:
                raise _DryRun()
    except _DryRun:
        pass
    return report


class _DryRun(Exception):
    """Leaves a transaction without writing it."""


def _apply(store, tx, entries, merge, report, progress=None):
    events = [(where, entry) for where, entry in entries if isinstance(entry, dict) and entry.get("type") == "event"]
    entries = [(where, entry) for where, entry in entries if (where, entry) not in events]
    taken = tx.ids()
    built = []
    for where, entry in events:
        event = build_event(entry, where)
        if event["id"] in taken:
            stored = tx.get(event["id"])
            if stored and stored[0] == "event" and _same_event(stored[1], event):
                report["unchanged"] += 1  # the same event imported again
                continue
            raise BadInput(f"{where}: id {event['id']!r} is already in the store")
        taken.add(event["id"])
        built.append(event)
    if built:
        tx.insert("events", built)
        report["new_events"] = [event["id"] for event in built]
    stored_spans = _stored_spans(store, entries)
    new_claims, joins, batch_ids = [], {}, set()
    for where, entry in entries:
        if progress:
            progress(1)
        given_id = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(given_id, str):
            if given_id in batch_ids:
                raise BadInput(f"{where}: claim id {given_id!r} is already in the batch")
            batch_ids.add(given_id)
        action = entry.get("action") if isinstance(entry, dict) else None
        if action is not None and action not in ACTIONS:
            raise BadInput(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
        if action == "skip":
            report["unchanged"] += 1
            continue
        target = None
        if action in ("attach", "conflict") or (action is None and isinstance(entry, dict) and entry.get("merge")):
            if action is None and not merge:
                raise BadInput(f"{where}: names a claim to merge into; pass --merge to allow it")
            target = _target_of(entry, where, tx)
        claim = build_claim(tx, store, {k: v for k, v in entry.items() if k not in ("action", "match")}
                            if isinstance(entry, dict) else entry, where)
        spans = frozenset((e["article"], e["start"], e["end"]) for e in claim["evidence"])
        if action in ("attach", None) and target is not None:
            held = stored_spans.setdefault(target, {(e["article"], e["start"], e["end"])
                                                    for e in tx.get(target)[1]["evidence"]})
            added = [e for e in claim["evidence"] if (e["article"], e["start"], e["end"]) not in held]
            if not added:
                report["unchanged"] += 1  # its words are already evidence of that claim
                continue
            held.update(spans)
            joins.setdefault(target, []).extend(added)
            continue
        if (claim["text"], spans) in stored_spans or claim["id"] is not None and (claim["id"], spans) in stored_spans:
            report["unchanged"] += 1  # the same claim on the same words: imported before
            same = stored_spans.owners.get((claim["text"], spans)) or stored_spans.owners.get((claim["id"], spans))
            if same:
                report.setdefault("already", []).append(same)
            continue
        stored_spans.add((claim["text"], spans))
        if action == "conflict" and target not in claim["conflicts_with"]:
            claim["conflicts_with"] = [target] + claim["conflicts_with"]
        new_claims.append((where, claim))
    for where, claim in new_claims:
        if claim["id"] in taken:
            raise BadInput(f"{where}: claim id {claim['id']!r} is already in the store")
        _assign_id(claim, taken)
    replaced = {}
    for target, evidence in joins.items():
        stored = dict(tx.get(target)[1])
        before = model.sources_of(stored)
        stored["evidence"] = list(stored["evidence"]) + evidence
        problem = consistency.passage_problem(stored["evidence"], origins.of_transaction(tx).entries)
        if problem:
            raise BadInput(f"{target}: {problem}")
        after = model.sources_of(stored)
        replaced[target] = stored
        entry = {"claim": target, "sources_before": len(before), "sources_after": len(after),
                 "added": [e["origin"] + (f" relaying {e['derived_from']}" if e.get("derived_from") else "")
                           for e in evidence]}
        report["corroborated" if len(after) > len(before) else "appearances"].append(entry)
    for where, claim in new_claims:
        for other in claim["conflicts_with"]:
            if (tx.get(other) or (None,))[0] == "claim":
                stored = replaced.get(other) or dict(tx.get(other)[1])
                if claim["id"] not in stored["conflicts_with"]:
                    stored["conflicts_with"] = list(stored["conflicts_with"]) + [claim["id"]]
                    replaced[other] = stored
                report["conflicts"].append({"claim": claim["id"], "with": other})
    for stored in replaced.values():
        tx.replace("claims", stored)
    tx.insert("claims", [claim for _, claim in new_claims])
    report["new_claims"] = [claim["id"] for _, claim in new_claims]
    numbered = _settle_ordinals(store, tx, [claim for _, claim in new_claims] + list(replaced.values()), report)
    report["records"] = built + [claim for _, claim in new_claims] + list(replaced.values()) + numbered


def _settle_ordinals(store, tx, written, report):
    """An event's `ordinal` is the number its sources settle (two independent origins give it,
    none differs), else null: kept so as claims join the events they number. Returns the
    events rewritten; `report["settled"]` lists each event's new number."""
    report["settled"] = []
    # only a claim that numbers its event, new or with a new origin, can change what is settled
    touched = sorted({claim["event"] for claim in written
                      if claim.get("event") and (claim.get("facts") or {}).get("ordinal") is not None})
    if not touched:
        return []
    by_event = {}
    for claim in list(store.claims(events=touched)) + written:  # the written version last: it wins
        if claim.get("event") in touched:
            by_event.setdefault(claim["event"], {})[claim["id"]] = claim
    changed = []
    for event_id in touched:
        found = tx.get(event_id)
        if not found or found[0] != "event":
            continue
        ordinal = identity.identity(identity.summaries_of(by_event[event_id].values()))["ordinal"]
        if ordinal["value"] != found[1].get("ordinal"):
            event = dict(found[1], ordinal=ordinal["value"])
            tx.replace("events", event)
            changed.append(event)
            report["settled"].append({"event": event_id, "ordinal": ordinal["value"], "status": ordinal["status"],
                                      "values": ordinal["values"]})
    return changed


def _stored_spans(store, entries):
    """What is stored of the batch's articles: each claim's (text, spans) and (id, spans)."""
    articles = {item.get("article") for _, entry in entries if isinstance(entry, dict)
                and isinstance(entry.get("evidence"), list)
                for item in entry["evidence"] if isinstance(item, dict) and isinstance(item.get("article"), str)}
    owners = {}
    for claim in store.claims_quoting(articles):
        spans = frozenset((e["article"], e["start"], e["end"]) for e in claim["evidence"])
        owners.setdefault((claim["text"], spans), claim["id"])
        owners.setdefault((claim["id"], spans), claim["id"])
    seen = _Seen(owners)
    seen.owners = owners
    return seen


class _Seen(set):
    """(text or id, spans) of the claims stored, with the claim each is (`owners`), and per
    attached claim the spans it holds."""

    owners = {}

    def setdefault(self, claim_id, spans):
        held = getattr(self, "_held", None)
        if held is None:
            held = self._held = {}
        return held.setdefault(claim_id, spans)


def parse_claim_lines(text, source):
    """(label, claim) pairs from JSON lines or one JSON list; BadInput names the bad line."""
    stripped = text.strip()
    if not stripped:
        raise BadInput(f"{source} holds no claims")
    if stripped.startswith("["):
        try:
            entries = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise BadInput(f"{source}: not valid JSON (line {error.lineno}: {error.msg})") from None
        return [(f"{source} item {number}", entry) for number, entry in enumerate(entries, 1)]
    entries = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            entries.append((f"{source} line {number}", json.loads(line)))
        except json.JSONDecodeError as error:
            raise BadInput(f"{source} line {number}: not valid JSON ({error.msg})") from None
    return entries
