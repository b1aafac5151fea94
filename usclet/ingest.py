"""Writing to the store: new articles, new claims, batches of claims.

Everything is validated before the store is touched, and each write is one locked,
atomic transaction: a refused input leaves the store byte for byte as it was.
"""

import json
import os
import re
from pathlib import Path

from usclet import corpus, dates, model
from usclet.errors import BadInput, StoreError
from usclet.store import next_doc_id, record_ids, write_atomically

MAX_ARTICLE_BYTES = 5 * 1024 * 1024
SEED_NAME_RE = re.compile(r"^(\d{3,})_")


def read_article_file(path):
    """The bytes of a new article, refused unless it is non-empty UTF-8 text of sane size."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise BadInput(f"{path} is a folder, not an article file")
        if size > MAX_ARTICLE_BYTES:
            raise BadInput(f"{path} is {size} bytes; articles larger than {MAX_ARTICLE_BYTES} bytes are refused")
        data = path.read_bytes()
    except OSError as error:
        raise BadInput(f"cannot read {path}: {error.strerror or error}") from None
    if not data.strip():
        raise BadInput(f"{path} is empty")
    if b"\x00" in data:
        raise BadInput(f"{path} is binary, not text")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise BadInput(f"{path} is not UTF-8 text (byte {error.start}); convert it first") from None
    return data


def _next_prefix(seeds_dir):
    numbers = [int(m.group(1)) for p in seeds_dir.glob("*.txt") if (m := SEED_NAME_RE.match(p.name))]
    return f"{max(numbers, default=-1) + 1:03d}"


def add_article(store, path, title, author=None, publisher=None, published=None, url=None):
    """Copies a new article into the seeds folder and registers its posts. Returns them.

    The same file added again is refused, naming the articles it already is; a post
    whose text repeats a stored post is added with `duplicate_of`. Numbering the file,
    copying it and recording it all happen under the store's lock, so concurrent adds
    cannot take the same number.
    """
    data = read_article_file(path)
    sha = corpus.sha256_of(data)
    if published is not None and not dates.is_valid(published):
        raise BadInput(f"--published: {published!r} is not a valid date")
    seeds_dir = store.seeds_dir
    if not seeds_dir.is_dir():
        raise StoreError(f"the store's seeds folder {seeds_dir} does not exist")
    seed_path = None
    try:
        with store.transaction() as tables:
            stored = list(tables["articles"].values())
            known = [a["id"] for a in stored if a["sha256"] == sha]
            if known:
                raise BadInput(f"{path} is already in the store as {', '.join(known)} (same text)")
            name = f"{_next_prefix(seeds_dir)}_{sha[:16]}.txt"
            articles = corpus.parse_file(name, data, corpus.prefix_for(name))
            for index, article in enumerate(articles):
                if article["kind"] != "post":
                    continue
                if index == 0:
                    article["title"] = title
                article.update({k: v for k, v in (("author", author), ("publisher", publisher), ("url", url)) if v})
                if published:
                    article["published"], article["published_basis"] = published, "stated: given with --published"
            _mark_duplicates_against(store, tables, articles)
            _check_new_ids(tables, [a["id"] for a in articles])
            seed_path = seeds_dir / name
            write_atomically(seed_path, data.decode("utf-8"))
            table = tables["articles"]
            for article in articles:
                table[next_doc_id(table)] = article
    except BaseException:
        if seed_path is not None and seed_path.exists():
            os.unlink(seed_path)  # the store did not take the article: do not leave its seed behind
        raise
    return articles


def _mark_duplicates_against(store, tables, articles):
    """Sets `duplicate_of` on new posts repeating a stored post (or an earlier new one).

    Each post's content key is kept in the store's meta (`post_keys`), so adding an
    article does not re-read every stored seed; keys missing there (a store written
    before they were kept) are computed from the seeds once.
    """
    meta = tables["meta"]["1"]
    keys = dict(meta.get("post_keys") or {})
    stored = [a for a in tables["articles"].values() if a["kind"] == "post"]
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
    meta["post_keys"] = keys


def _check_new_ids(tables, ids):
    taken = record_ids(tables)
    clash = [i for i in ids if i in taken]
    if clash:
        raise BadInput(f"id {clash[0]!r} is already in the store")


def build_evidence(store, item, where):
    """A complete evidence record from {article, quote, [start, end, occurrence], speaker, side, origin}."""
    if not isinstance(item, dict):
        raise BadInput(f"{where}: evidence must be an object")
    if item.get("article") is None:
        raise BadInput(f"{where}: no article; add the article with `usclet add article` and extract it again "
                       "(or with --article ID)")
    _require_id(item.get("article"), "article", where)
    found = store.get(item.get("article"))
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
            raise BadInput(f"{where}: {error} {article['id']}: {_short(quote)!r}") from None
    side = item.get("side") or "independent"
    if side not in model.SIDES:
        raise BadInput(f"{where}: side {side!r} is not one of {', '.join(model.SIDES)}")
    footnote = item.get("footnote")
    if footnote is not None and not isinstance(footnote, int):
        raise BadInput(f"{where}: footnote must be a number")
    return {
        "article": article["id"], "file": article["file"], "start": start, "end": end, "quote": quote,
        "speaker": item.get("speaker") or "the author", "side": side,
        "origin": item.get("origin") or article.get("publisher") or article.get("author") or article["id"],
        "footnote": footnote,
    }


def _short(text, width=50):
    return text if len(text) <= width else text[: width - 1] + "…"


def _require_id(value, key, where):
    """Ids are strings: anything else is refused before it is looked up."""
    if not isinstance(value, str) or not value:
        raise BadInput(f"{where}: {key} must be an id (a string), not {json.dumps(value)[:40]}")


def build_claim(store, entry, where):
    """A complete, validated claim from a partial one (id and offsets optional)."""
    if not isinstance(entry, dict):
        raise BadInput(f"{where}: a claim must be a JSON object")
    # `review` holds extract's reasons for a reviewer: read, not stored
    unknown = set(entry) - set(model.CLAIM_FIELDS) - {"merge", "review"}
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
    built = [build_evidence(store, item, f"{where} evidence {n}") for n, item in enumerate(evidence, 1)]
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
    problems = model.problems_of_claim(claim)
    if problems:
        raise BadInput(f"{where}: {problems[0].split(': ', 1)[-1]}")
    event = claim["event"]
    if event is not None and (store.get(event) or (None,))[0] != "event":
        raise BadInput(f"{where}: no event {event!r} in the store")
    for other in claim["conflicts_with"]:
        if (store.get(other) or (None,))[0] != "claim":
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


def add_claims(store, entries, merge=False):
    """Adds claims (or, with `merge`, evidence to the claims their `merge` field names).

    `entries` are (label, claim) pairs, the label naming the input line. All or
    nothing: every entry is built and validated first; the first invalid one refuses
    the whole batch, naming its line.
    """
    if not any(isinstance(entry, dict) and entry.get("merge") is not None for _, entry in entries):
        added = _append_claims(store, entries)
        if added is not None:
            return added, []
    claims, joins = [], []
    for where, entry in entries:
        claim = build_claim(store, entry, where)
        target = entry.get("merge")
        if target is not None:
            if not merge:
                raise BadInput(f"{where}: names a claim to merge into; pass --merge to allow it")
            if (store.get(target) or (None,))[0] != "claim":
                raise BadInput(f"{where}: merge names no claim {target!r}")
            joins.append((target, claim["evidence"]))
        else:
            claims.append((where, claim))
    with store.transaction() as tables:
        taken = record_ids(tables)
        rows = {row["id"]: row for row in tables["claims"].values()}
        for where, claim in claims:
            if claim["id"] in taken:
                raise BadInput(f"{where}: claim id {claim['id']!r} is already in the store")
            _assign_id(claim, taken)
        for target, evidence in joins:
            existing = {(e["article"], e["start"], e["end"], e["side"]) for e in rows[target]["evidence"]}
            rows[target]["evidence"].extend(e for e in evidence if (e["article"], e["start"], e["end"], e["side"]) not in existing)
        table = tables["claims"]
        next_key = int(next_doc_id(table))
        for offset, (_, claim) in enumerate(claims):
            table[str(next_key + offset)] = claim
    return [claim for _, claim in claims], [target for target, _ in joins]


def _append_claims(store, entries):
    """add_claims() for new claims only, through the store's index: the store is not read
    whole, and the claims are spliced into its file. None when the store cannot take them so."""
    from usclet.index import NotAppendable

    try:
        with store.appending() as appender:
            if appender is None:
                return None
            claims = [(where, build_claim(appender, entry, where)) for where, entry in entries]
            taken = appender.ids()
            for where, claim in claims:
                if claim["id"] in taken:
                    raise BadInput(f"{where}: claim id {claim['id']!r} is already in the store")
                _assign_id(claim, taken)
            appender.append([claim for _, claim in claims])
    except NotAppendable:
        return None
    return [claim for _, claim in claims]


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
