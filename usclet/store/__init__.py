"""One interface to the record over two engines.

The curated record is a TinyDB JSON file (`jsonfile`), whose diffs a reviewer can
read; a record that grows lives in SQLite (`sqlite`). `open_store(path)` picks the
engine from the file: `.db`, `.sqlite` and `.sqlite3` files, and any file that starts
as SQLite files do, are SQLite; everything else is TinyDB JSON. The query layer,
check, ingest and convert use only `Store` and its `Transaction`; nothing else
touches a store file.

Records are plain dicts in the data model's shape (see `usclet.model`), returned in
the order they were added. The lists `articles`, `events` and `claims` return are the
caller's own (fresh dicts, whose nested values the caller treats as read-only); a
record from `get` is read-only.
"""

import contextlib
import copy
from abc import ABC, abstractmethod
import gc
import os
from pathlib import Path

from usclet import dates, model
from usclet.errors import StoreError

# the SQLite engine's full-text indexes, as sqlite-utils' enable_fts makes them
FULL_TEXT_SCHEMA = """
CREATE TABLE claims (id TEXT, text TEXT);
CREATE TABLE evidence (claim TEXT, quote TEXT);
CREATE VIRTUAL TABLE claims_fts USING FTS5 (text, tokenize='porter', content=[claims]);
CREATE VIRTUAL TABLE evidence_fts USING FTS5 (quote, tokenize='porter', content=[evidence]);
"""


class ArticlesMissing(StoreError, FileNotFoundError):
    """The store's articles folder is not where the store says: a store problem (exit 3)
    that code reading one article at a time may also take as a missing file."""

SCHEMA_VERSION = 4  # 2: evidence says when its words appeared; origins registry. 3: change log; claim status.
# 4: evidence says what it relays (derived_from) and when it was said at the latest; set-aside readings
TABLES = ("articles", "events", "claims")
LOG_TABLE = "changes"  # the change log: one entry per write, in the same transaction as the write
KIND_OF = {"articles": "article", "events": "event", "claims": "claim"}
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
SQLITE_HEADER = b"SQLite format 3\x00"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
UNDONE_FOLDER = ".undone"  # in the articles folder: the texts of undone `add article`s, for a redo
CHUNK = 500  # records written at a time when copying a store: what a progress bar advances by


def default_path():
    """The shipped store: data/ beside the package in a checkout, or installed with it."""
    checkout = PACKAGE_DIR.parent / "data" / "usclet.json"
    if checkout.exists():
        return checkout
    return PACKAGE_DIR / "shipped" / "data" / "usclet.json"


def engine_of(path):
    """'sqlite' or 'json': by the file's first bytes when it has some, else by its name."""
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        head = b""
    if head:
        return "sqlite" if head == SQLITE_HEADER else "json"
    return "sqlite" if path.suffix.lower() in SQLITE_SUFFIXES else "json"


def open_store(path=None):
    """The store at `path` (default: the shipped one), opened with its engine."""
    path = Path(path) if path else default_path()
    if engine_of(path) == "sqlite":
        from usclet.store.sqlite import SQLiteStore

        return SQLiteStore(path)
    from usclet.store.jsonfile import JSONStore

    return JSONStore(path)


def create(path, meta=None):
    """Writes a new empty store at `path` (engine by its name), refusing to overwrite a file."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"{path} already exists; not overwriting it")
    meta = dict(meta or {"schema_version": SCHEMA_VERSION, "seeds": "seeds"})
    if path.suffix.lower() in SQLITE_SUFFIXES:
        from usclet.store import sqlite

        sqlite.create(path, meta)
    else:
        from usclet.store import jsonfile

        jsonfile.create(path, meta)
    return open_store(path)


def shape_problem(meta):
    """What makes a store's meta record not one this version reads, or None."""
    if not isinstance(meta, dict):
        return "is not a usclet store (no meta record)"
    version = meta.get("schema_version")
    if not isinstance(version, int):
        return "is not a usclet store (no schema version)"
    if version > SCHEMA_VERSION:
        return f"has schema version {version}, newer than this usclet reads ({SCHEMA_VERSION}); upgrade usclet"
    return None


def seeds_folder(path, setting):
    """The article texts' folder of the store at `path`: `seeds/` beside it, or where its
    meta's `seeds` setting points, relative to it."""
    folder = Path(path).parent
    beside = folder / "seeds"
    if beside.is_dir():
        return beside
    return (folder / (setting or "seeds")).resolve()


@contextlib.contextmanager
def many_records():
    """Pauses the cycle collector while a read builds many records, which hold no cycles.

    Otherwise it walks every object built so far again and again as they pile up: on a
    large store that is a quarter of a listing's time. Freed records are still freed (by
    reference counting); only the collector's walks are spared.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # what was read lives as long as the command: the collector need not walk it again
        if enabled:
            gc.enable()


def summarize(claims, facts):
    """`Store.event_summaries` of these claims."""
    found = {}
    for claim in claims:
        claim_ids, origins, stating = found.setdefault(claim["event"], ([], {}, []))
        claim_ids.append(claim["id"])
        given = model.sources_of(claim)
        origins.update(dict.fromkeys(given))
        if not claim.get("set_aside") and any(key in (claim.get("facts") or {}) for key in facts):
            stating.append((claim["id"], given, claim["facts"]))
    return {event: (claim_ids, list(origins), stating) for event, (claim_ids, origins, stating) in found.items()}


class Store(ABC):
    """What every engine answers: the records, filtered where the engine can do it best.

    Engines implement `meta`, `articles`, `events`, `claims`, `get`, `counts` and
    `transaction`; the filters here are the reference every engine must agree with.
    """

    engine = None
    indexed = False  # whether a narrow query (a date, an event) reads only what it asks for

    def __init__(self, path):
        self.path = Path(path)
        self._texts = {}

    # -- the article texts ------------------------------------------------------------

    articles_dir = None  # the articles folder the user named (--articles), over the store's own

    @property
    def seeds_dir(self):
        if self.articles_dir:
            return Path(self.articles_dir)
        return seeds_folder(self.path, self.meta().get("seeds"))

    @property
    def added_dir(self):
        """Where the texts added after the seeds live: `articles/` beside the store, or
        where its meta's `articles` setting points (the seeds folder keeps only the seeds).
        With the seeds folder given (--articles DIR), `articles/` beside that folder."""
        if self.articles_dir:
            return (Path(self.articles_dir).parent / "articles").resolve()
        return (self.path.parent / (self.meta().get("articles") or "articles")).resolve()

    def missing_articles(self):
        """Where the articles folder was looked for and how to give it, if it is not there; else None."""
        folder = self.seeds_dir
        if folder.is_dir():
            return None
        if self.articles_dir:
            return f"the articles folder {folder} given with --articles does not exist"
        return (f"the articles folder of {self.path} is not there: looked for {self.path.parent / 'seeds'} "
                f"(beside the store) and {folder} (its `seeds` setting, {self.meta().get('seeds')!r}); "
                "copy the store's seeds/ folder beside it, or pass --articles DIR (or USCLET_ARTICLES)")

    def seed_bytes(self, file_name):
        """The bytes of an article file: a seed, or a text added since."""
        try:
            return (self.seeds_dir / file_name).read_bytes()
        except FileNotFoundError:
            added = self.added_dir / file_name
            if added.exists():
                return added.read_bytes()
            problem = self.missing_articles()
            if problem:
                raise ArticlesMissing(problem) from None
            raise

    def text_path(self, file_name):
        """Which of the store's folders holds an article file, with the file: `seeds/001_....txt`
        for a seed, `articles/006_....txt` for a text added since."""
        if not (self.seeds_dir / file_name).exists() and (self.added_dir / file_name).exists():
            return f"{self.added_dir.name}/{file_name}"
        return f"{self.seeds_dir.name}/{file_name}"

    def seed_text(self, file_name):
        """The decoded text of an article file (cached); offsets index into this."""
        if file_name not in self._texts:
            self._texts[file_name] = self.seed_bytes(file_name).decode("utf-8")
        return self._texts[file_name]

    # -- reads every engine implements --------------------------------------------------

    @abstractmethod
    def meta(self):
        """The store's settings: schema_version, seeds, ..."""

    @abstractmethod
    def articles(self):
        """Every article, in store order."""

    @abstractmethod
    def events(self, since=None, until=None, kinds=None):
        """Events meeting the period since..until (ISO, any precision) and of these kinds."""

    @abstractmethod
    def claims(self, events=None, since=None, until=None, origin=None, article=None, source_count=None):
        """Claims of these events, meeting since..until, with evidence from this origin or
        article, resting on exactly `source_count` distinct origins; every filter optional."""

    def event_summaries(self, events, facts):
        """{event id: (its claim ids, its claims' distinct sources, [(claim id, sources, facts)]
        of its claims that state any of `facts`, set-aside readings left out)}, each in store order: what a listing of
        events counts and names, without reading whole claims."""
        return summarize(self.claims(events=events), facts)

    def claim_facts(self):
        """[(claim id, event id, facts)] of the claims that state facts: how sources number
        events and name people, which matching compares across events."""
        return [(claim["id"], claim.get("event"), claim["facts"]) for claim in self.claims()
                if claim.get("facts") and not claim.get("set_aside")]

    def claims_stating(self, keys):
        """`claim_facts` of the claims whose facts state any of `keys` (an ordinal, leads)."""
        return [row for row in self.claim_facts() if any(row[2].get(key) is not None for key in keys)]

    def linked_pairs(self):
        """[(event, facts, other event, other facts)] of the conflicts_with links between claims
        of two different events, set-aside readings left out: what may make two events one meeting."""
        claims = {claim["id"]: claim for claim in self.claims() if claim.get("event") and not claim.get("set_aside")}
        return [(claim["event"], claim.get("facts") or {}, claims[other]["event"], claims[other].get("facts") or {})
                for claim in claims.values() for other in claim.get("conflicts_with") or ()
                if other in claims and claims[other]["event"] != claim["event"]]

    def events_called(self, kind):
        """Ids of the events some claim's facts say are of this kind ("dialogue")."""
        return sorted({claim["event"] for claim in self.claims()
                       if claim.get("event") and (claim.get("facts") or {}).get("kind") == kind})

    @abstractmethod
    def get(self, record_id):
        """(kind, record) for an id, or None."""

    def full_text(self):
        """A SQLite connection holding the record's full-text indexes as the SQLite engine
        keeps them: `claims` (rowid, id, text) with `claims_fts`, and `evidence` (rowid,
        claim, quote) with `evidence_fts`, FTS5 with the porter tokenizer. Engines without
        an index of their own get one built in memory from their records."""
        import sqlite3

        index = sqlite3.connect(":memory:")
        index.executescript(FULL_TEXT_SCHEMA)
        claims = self.claims()
        index.executemany("INSERT INTO claims (id, text) VALUES (?, ?)", ((c["id"], c["text"]) for c in claims))
        index.executemany("INSERT INTO evidence (claim, quote) VALUES (?, ?)",
                          ((c["id"], item["quote"]) for c in claims for item in c["evidence"]))
        index.executescript("INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');"
                            "INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild');")
        return index

    @abstractmethod
    def counts(self):
        """{"articles": n, "events": n, "claims": n, "evidence": n}."""

    log_writes = True  # whether a write is logged unless told: a build from curation is not an edit

    @abstractmethod
    def transaction(self, log=None):
        """A context manager yielding a `Transaction`: every change it makes is written when
        the block ends without an exception, and none is written otherwise. With `log`, the
        change log gets an entry naming what changed and each record's previous version, in
        the same transaction (`convert` and the curation build copy or start a record whole
        and pass log=False)."""

    @abstractmethod
    def changes(self):
        """The change log, oldest first: [{number, at, command, reason, undoes, records}], each
        of `records` {change: add|edit|remove, table, id, before} with `before` the record's previous version (None
        when the change added it)."""

    # what the change log says did this: set by whoever opens the store (the CLI names the command)
    command = None
    reason = None

    def close(self):
        pass


class Transaction(ABC):
    """Changes to a store, all or nothing, each one logged with the version it replaces.

    Engines implement `_insert`, `_replace`, `_delete` and `_append_log`; the public
    operations here record every record's previous version first, so that any write can
    be undone (see `usclet.record.history`) whichever command made it.
    """

    meta = None  # the store's settings, a dict to change in place
    logging = False
    undoes = None  # the number of the change this transaction takes back, if it is an undo

    def start_log(self, command, reason):
        self.logging, self._command, self._reason, self._logged = True, command, reason, []
        self._meta_before = copy.deepcopy(self.meta)

    def _before(self, table, record_id):
        found = self.get(record_id)
        return copy.deepcopy(found[1]) if found and found[0] == KIND_OF[table] else None

    def insert(self, table, records):
        """Adds records to `table` ("articles", "events" or "claims"), in order."""
        records = list(records)
        if self.logging:
            self._logged.extend({"change": "add", "table": table, "id": record["id"], "before": None}
                                for record in records)
        self._insert(table, records)

    def replace(self, table, record):
        """Replaces the record of `table` that has `record["id"]`."""
        if self.logging:
            self._logged.append({"change": "edit", "table": table, "id": record["id"],
                                 "before": self._before(table, record["id"])})
        self._replace(table, record)

    def delete(self, table, record_id):
        """Removes the record of `table` that has this id (its last version stays in the log)."""
        before = self._before(table, record_id)
        if before is None:
            raise KeyError(record_id)
        if self.logging:
            self._logged.append({"change": "remove", "table": table, "id": record_id, "before": before})
        self._delete(table, record_id)

    def begin(self, store, log):
        """Starts logging this transaction's changes, unless `log` (or the store) says not to."""
        if store.log_writes if log is None else log:
            self.start_log(store.command, store.reason)

    def end(self):
        """Logs what the transaction changed (in it, so both land or neither) and finishes it."""
        entry = self.log_entry()
        if entry:
            self._append_log(entry)
        self.finish()

    def log_now(self):
        """Logs what the transaction changed so far as an entry of its own, and goes on
        logging what follows as the next one (an undo taking back several writes at once
        logs each, so that each can be redone)."""
        entry = self.log_entry()
        if entry:
            self._append_log(entry)
        if self.logging:
            self.start_log(self._command, self._reason)

    def log_entry(self):
        """The change log's entry for what this transaction did, or None if it changed nothing."""
        if not self.logging:
            return None
        if self.meta != self._meta_before:  # a new origin registered, a post's key kept: undone with the rest
            self._logged.append({"change": "edit", "table": "meta", "id": None, "before": self._meta_before})
        if not self._logged:
            return None
        from datetime import datetime, timezone

        return {"number": self.last_change_number() + 1,
                "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "command": self._command or "a program using usclet's store", "reason": self._reason,
                "undoes": self.undoes, "records": self._logged}

    @abstractmethod
    def changes(self):
        """The change log as it stands in this transaction, oldest first."""

    def last_change_number(self):
        """The number of the latest change, 0 before any."""
        return max((entry["number"] for entry in self.changes()[-1:]), default=0)

    def copy_log(self, entries):
        """Appends change-log entries as they are (convert carries a store's history across)."""
        for entry in entries:
            self._append_log(entry)

    @abstractmethod
    def _insert(self, table, records):
        """Adds new records to a table."""

    @abstractmethod
    def _replace(self, table, record):
        """Writes a record over the one with its id."""

    @abstractmethod
    def _delete(self, table, record_id):
        """Removes a record."""

    @abstractmethod
    def _append_log(self, entry):
        """Adds an entry to the change log."""

    @abstractmethod
    def get(self, record_id):
        """(kind, record) for an id, as it stands in this transaction, or None."""

    @abstractmethod
    def ids(self):
        """Every id in the store, as a set."""

    @abstractmethod
    def articles(self):
        """Every article, in store order."""

    @abstractmethod
    def records(self, table):
        """Every record of `table`, as it stands in this transaction, in store order."""


def matches_claim(claim, events=None, since=None, until=None, origin=None, article=None, source_count=None):
    """The reference meaning of `Store.claims` filters, for engines that filter in Python."""
    if events is not None and claim.get("event") not in events:
        return False
    if (since or until) and not dates.overlaps(claim.get("date"), claim.get("end_date"), since, until):
        return False
    evidence = claim.get("evidence") or ()
    if origin is not None and not any(item.get("origin") == origin for item in evidence):
        return False
    if article is not None and not any(item.get("article") == article for item in evidence):
        return False
    if source_count is not None and len(model.sources_of(claim)) != source_count:
        return False
    return True


def matches_event(event, since=None, until=None, kinds=None):
    if kinds is not None and event.get("kind") not in kinds:
        return False
    return not (since or until) or dates.overlaps(event.get("date"), event.get("end_date"), since, until)


def convert(source, target_path, records=None, progress=None):
    """Writes every record of the store `source` into a new store at `target_path` (engine
    by its name), in the same order, with the same settings: nothing is lost either way.
    The new store is written beside `target_path` and renamed into place when complete.

    The article texts stay where they are: the new store's `seeds` setting points there
    unless a `seeds/` folder beside it holds them. `records`, {table: [records]}, writes
    those instead of all (an export of part of the record); `progress(n)` is told of each
    n records written.
    """
    target_path = Path(target_path)
    meta = dict(source.meta())
    if seeds_folder(target_path, meta.get("seeds")).resolve() != source.seeds_dir.resolve():
        meta["seeds"] = os.path.relpath(source.seeds_dir.resolve(), target_path.parent.resolve())
    beside = (target_path.parent / (meta.get("articles") or "articles")).resolve()
    if source.added_dir.is_dir() and beside != source.added_dir and not beside.exists():
        meta["articles"] = os.path.relpath(source.added_dir, target_path.parent.resolve())  # the texts added since
    scratch = target_path.with_name(f".{target_path.stem}.{os.getpid()}.tmp{target_path.suffix}")
    try:
        target = create(scratch, meta)
        with target.transaction(log=False) as tx:
            for table, read in (("articles", source.articles), ("events", source.events), ("claims", source.claims)):
                rows = read() if records is None else records[table]
                for first in range(0, len(rows), CHUNK):
                    tx.insert(table, rows[first:first + CHUNK])
                    if progress:
                        progress(len(rows[first:first + CHUNK]))
            tx.copy_log(source.changes())
        target.close()  # a SQLite store's journal goes into the file before it is renamed
        for suffix in ("-wal", "-shm"):  # an old SQLite store's journal must not meet the new file
            Path(str(target_path) + suffix).unlink(missing_ok=True)
        os.replace(scratch, target_path)
    finally:
        for leftover in (scratch, Path(str(scratch) + ".bak"), Path(str(scratch) + ".lock")):
            leftover.unlink(missing_ok=True)
    return open_store(target_path)
