"""Builds the shipped store from the seeds and the hand-curated files in data/curation/.

Curators write quotes, not offsets: each piece of evidence names its article and its
verbatim quote (with `occurrence` when the quote repeats), and the build finds the
exact offsets. A claim id may appear in several curation files; later entries carry
only `id` and `evidence`, which joins the claim's evidence (corroboration across
files). The build is deterministic, and a test rebuilds the store to prove that
data/usclet.json is exactly what the curation says.

`sourcing.json` says what the claims files do not: which appearances relay another origin
(`derived_from`, with its basis: the footnote's release, the body named "according to",
the reading-list entry summarised), bounds on when words were said (`said_on_latest`),
the facts by which a claim's words place its event (`places`: its date, kind or place, for
claims that say it took place), and which claims are readings the store sets aside (`set_aside`, with why). Each entry
names its claim, and for an appearance its article and verbatim quote.

The record then grows by its own loop, replayed here: each text in `sources.json`
(official statements and reports, kept in data/articles/) is added as `usclet add
article` adds it, and its reviewed proposal file, `proposals/<article id>.jsonl` (what
`usclet extract` proposed, as a reviewer left it), is imported as `usclet import`
imports it.

    python tools/curation.py           rewrite data/usclet.json
    python tools/curation.py --verify  exit 1 if data/usclet.json differs from a rebuild
    python tools/curation.py --try claims-x.json
                                        build with that claims file alone and check it
"""

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from usclet import model  # noqa: E402
from usclet.errors import UscletError  # noqa: E402
from usclet.record import ingest, origins  # noqa: E402
from usclet.record.check import check_store  # noqa: E402
from usclet.store import create  # noqa: E402
from usclet.store.base import SCHEMA_VERSION, TABLES  # noqa: E402
from usclet.store.files import replace_atomically  # noqa: E402
from usclet.text import corpus  # noqa: E402

CURATION_DIR = ROOT / "data" / "curation"
SEEDS_DIR = ROOT / "seeds"
ARTICLES_DIR = ROOT / "data" / "articles"
STORE_PATH = ROOT / "data" / "usclet.json"
OVERRIDABLE = ("title", "author", "publisher", "url", "published", "published_earliest", "published_basis")


class CurationError(Exception):
    pass


def seed_files(seeds_dir=SEEDS_DIR):
    """[(file_name, bytes, article id prefix)] in file order; `000_x.txt` gives `a000`."""
    return [(path.name, path.read_bytes(), corpus.prefix_for(path.name)) for path in sorted(seeds_dir.glob("*.txt"))]


def _load(path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CurationError(f"{path.name}: not valid JSON (line {error.lineno}: {error.msg})") from None


def build_articles(files, overrides):
    articles = corpus.parse_corpus(files)
    by_id = {article["id"]: article for article in articles}
    for article_id, fields in overrides.items():
        if article_id not in by_id:
            raise CurationError(f"articles.json: no article {article_id}")
        for field, value in fields.items():
            if field not in OVERRIDABLE:
                raise CurationError(f"articles.json: {article_id}: {field} is not curated by hand")
            by_id[article_id][field] = value
    return articles


def build_evidence(item, articles, texts, where):
    article = articles.get(item.get("article"))
    if article is None:
        raise CurationError(f"{where}: no article {item.get('article')!r}")
    text = texts[article["file"]]
    try:
        start, end = model.locate_quote(
            text, item.get("quote"), article["start"], article["end"], item.get("occurrence")
        )
    except ValueError as error:
        raise CurationError(f"{where}: {error}: {item.get('quote')!r}") from None
    built = {field: item.get(field) for field in model.EVIDENCE_FIELDS}
    built.update(file=article["file"], start=start, end=end)
    if built["said_on"] is None and built["said_on_earliest"] is None:
        # the author's own words appeared with the article; a quoted release says its own date
        built.update(model.appearance_of(article))
    unknown = set(item) - set(model.EVIDENCE_FIELDS) - {"occurrence"}
    if unknown:
        raise CurationError(f"{where}: unknown fields {', '.join(sorted(unknown))}")
    return built


def build_claims(claim_files, articles, texts):
    claims = {}
    for path in claim_files:
        for index, entry in enumerate(_load(path), 1):
            claim_id = entry.get("id")
            where = f"{path.name} entry {index} ({claim_id})"
            evidence = [
                build_evidence(item, articles, texts, f"{where} evidence {n}")
                for n, item in enumerate(entry.get("evidence") or [], 1)
            ]
            if claim_id in claims:
                if set(entry) - {"id", "evidence"}:
                    raise CurationError(f"{where}: claim defined twice; a later entry may only add evidence")
                claims[claim_id]["evidence"].extend(evidence)
                continue
            unknown = set(entry) - set(model.CLAIM_FIELDS)
            if unknown:
                raise CurationError(f"{where}: unknown fields {', '.join(sorted(unknown))}")
            claim = {field: entry.get(field) for field in model.CLAIM_FIELDS}
            claim["topics"] = claim["topics"] or []
            claim["facts"] = claim["facts"] or {}
            claim["conflicts_with"] = claim["conflicts_with"] or []
            claim["status"] = claim["status"] or "reviewed"  # curators read every claim against its source
            claim["evidence"] = evidence
            claims[claim_id] = claim
    return list(claims.values())


SOURCING_FIELDS = ("derived_from", "derived_basis", "said_on", "said_on_earliest", "said_on_latest", "said_on_basis")


def apply_sourcing(claims, sourcing, where="sourcing.json"):
    """Sets on the built claims what sourcing.json says of their appearances and readings."""
    by_id = {claim["id"]: claim for claim in claims}
    for number, entry in enumerate(sourcing.get("evidence") or (), 1):
        label = f"{where} evidence {number} ({entry.get('claim')})"
        claim = by_id.get(entry.get("claim"))
        if claim is None:
            raise CurationError(f"{label}: no claim {entry.get('claim')!r}")
        unknown = set(entry) - set(SOURCING_FIELDS) - {"claim", "article", "quote"}
        if unknown:
            raise CurationError(f"{label}: unknown fields {', '.join(sorted(unknown))}")
        items = [item for item in claim["evidence"]
                 if item["article"] == entry.get("article") and item["quote"] == entry.get("quote")]
        if not items:
            raise CurationError(f"{label}: the claim has no evidence quoting {entry.get('quote')!r} "
                                f"from {entry.get('article')!r}")
        for item in items:
            item.update((field, entry[field]) for field in SOURCING_FIELDS if field in entry)
    for claim_id, facts in (sourcing.get("places") or {}).items():
        # what a claim's words say of when, where or what its event was: that they place it
        if claim_id not in by_id:
            raise CurationError(f"{where} places: no claim {claim_id!r}")
        unknown = set(facts) - set(("kind", "date", "end_date", "place"))
        if unknown:
            raise CurationError(f"{where} places {claim_id}: not a fact that places an event: {', '.join(sorted(unknown))}")
        by_id[claim_id]["facts"] = dict(by_id[claim_id]["facts"], **facts)
    for claim_id, why in (sourcing.get("set_aside") or {}).items():
        if claim_id not in by_id:
            raise CurationError(f"{where} set_aside: no claim {claim_id!r}")
        by_id[claim_id]["set_aside"] = why


def build(curation_dir=CURATION_DIR, seeds_dir=SEEDS_DIR, claim_files=None):
    """The store's tables, built from seeds and curation (all claims-*.json unless given)."""
    files = seed_files(seeds_dir)
    texts = {name: data.decode("utf-8") for name, data, _ in files}
    overrides_path = curation_dir / "articles.json"
    overrides = _load(overrides_path) if overrides_path.exists() else {}
    articles = build_articles(files, overrides)
    by_id = {article["id"]: article for article in articles}
    events = [{field: event.get(field) for field in model.EVENT_FIELDS} for event in _load(curation_dir / "events.json")]
    if claim_files is None:
        claim_files = sorted(curation_dir.glob("claims-*.json"))
    claims = build_claims(claim_files, by_id, texts)
    if (curation_dir / "sourcing.json").exists():
        apply_sourcing(claims, _load(curation_dir / "sourcing.json"))
    registry = _load(curation_dir / "origins.json") if (curation_dir / "origins.json").exists() else {}
    # the day the curators last read every claim against its source (docs/AUDIT.md)
    review = _load(curation_dir / "review.json") if (curation_dir / "review.json").exists() else {}
    for article in articles:
        if article.get("publisher"):
            article["origin"], article["side"], _ = origins.speaker_of(article["publisher"], origins.registry_of({"origins": registry}))
    articles = [{field: article.get(field) for field in model.ARTICLE_FIELDS} for article in articles]
    return {"articles": articles, "events": events, "claims": claims, "origins": registry,
            "reviewed_on": review.get("reviewed_on")}


def write(tables, path, seeds):
    """A new store at `path` holding `tables`, written through the store's own write path."""
    meta = {"schema_version": SCHEMA_VERSION, "seeds": seeds, "origins": tables["origins"]}
    if tables.get("reviewed_on"):
        meta["reviewed_on"] = tables["reviewed_on"]
    target = create(path, meta)
    with target.transaction(log=False) as tx:  # the shipped record starts whole: its history is the curation files
        for table in TABLES:
            tx.insert(table, tables[table])
    return target


def add_sources(store, curation_dir=CURATION_DIR, articles_dir=ARTICLES_DIR):
    """Adds each text of sources.json and imports its reviewed proposals, in order, through
    the same code as `usclet add article` and `usclet import`."""
    listed = curation_dir / "sources.json"
    if not listed.exists():
        return
    for number, source in enumerate(_load(listed), 1):
        where = f"sources.json item {number}"
        path = articles_dir / source["file"]
        try:
            added = ingest.add_article(store, path, source["title"], source.get("author"), source.get("publisher"),
                                       source.get("published"), source.get("url"), source.get("side"),
                                       source.get("origin"), source.get("excerpt", False), source.get("published_basis"))
        except (UscletError, OSError) as error:
            raise CurationError(f"{where}: {error}") from None
        if added[0]["file"] != source["file"]:
            raise CurationError(f"{where}: added as {added[0]['file']}, not {source['file']}: keep sources.json in the "
                                "order the texts were added")
        proposal = curation_dir / "proposals" / f"{added[0]['id']}.jsonl"
        if proposal.exists():
            try:
                entries = ingest.parse_claim_lines(proposal.read_text(encoding="utf-8"), f"proposals/{proposal.name}")
                for _, entry in entries:  # a kept proposal file is what a reviewer accepted
                    if isinstance(entry, dict) and entry.get("type") != "event":
                        entry["status"] = "reviewed"
                ingest.add_claims(store, entries)
            except UscletError as error:
                raise CurationError(str(error)) from None


def build_store(path, tables):
    """Writes the full record at `path`: the curated tables, then the added sources. The
    store finds the seeds and the added texts through `seeds` and `articles` links beside it."""
    for name, target in (("seeds", SEEDS_DIR), ("articles", ARTICLES_DIR)):
        link = Path(path).parent / name
        if not link.exists():
            link.symlink_to(target, target_is_directory=True)
    store = write(tables, path, "../seeds")
    store.log_writes = False  # the shipped record is built, not edited: its history starts empty
    add_sources(store)
    return store


def try_file(name):
    """Builds with one claims file into a scratch store and prints its check problems."""
    tables = build(claim_files=[CURATION_DIR / name])
    with tempfile.TemporaryDirectory() as scratch:
        store = write(tables, Path(scratch) / "usclet.json", str(SEEDS_DIR))
        problems = check_store(store)
    for problem in problems:
        print(problem)
    claims = tables["claims"]
    print(f"{name}: {len(claims)} claims, {sum(len(c['evidence']) for c in claims)} evidence, "
          f"{len(problems)} problems")
    return 1 if problems else 0


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--try"] and len(argv) == 2:
        try:
            return try_file(argv[1])
        except CurationError as error:
            print(f"curation: {error}", file=sys.stderr)
            return 2
    try:
        tables = build()
    except CurationError as error:
        print(f"curation: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(dir=STORE_PATH.parent) as scratch:
        try:
            built = build_store(Path(scratch) / STORE_PATH.name, tables).path.read_bytes()
        except CurationError as error:
            print(f"curation: {error}", file=sys.stderr)
            return 2
    if "--verify" in argv:
        same = STORE_PATH.exists() and STORE_PATH.read_bytes() == built
        if not same:
            print(f"{STORE_PATH.name} differs from the curation; run python tools/curation.py", file=sys.stderr)
        return 0 if same else 1
    replace_atomically(STORE_PATH, built)
    print(f"wrote {STORE_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
