"""What every store engine answers: the `Store` and `Transaction` interfaces and the
record's layout (tables, schema version, where the article texts live).

Records are plain dicts in the data model's shape (see `usclet.model`), returned in
the order they were added. The lists `articles`, `events` and `claims` return are the
caller's own (fresh dicts, whose nested values the caller treats as read-only); a
record from `get` is read-only.
"""

import copy
from abc import ABC, abstractmethod
from datetime import datetime, timezone
from pathlib import Path

from usclet.errors import StoreError
from usclet.store.filters import summarize

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
UNDONE_FOLDER = ".undone"  # in the articles folder: the texts of undone `add article`s, for a redo



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

    def claims_quoting(self, articles):
        """The claims with evidence from any of these articles, each once, in store order: one
        read per article for a few (indexed on SQLite), one pass over the record for many."""
        articles = set(articles)
        if len(articles) <= 20:
            found = {}
            for article in articles:
                found.update((claim["id"], claim) for claim in self.claims(article=article))
            return list(found.values())
        return [claim for claim in self.claims() if any(item.get("article") in articles for item in claim["evidence"])]

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
        import sqlite3  # only for a search: a listing of the JSON record does not load it

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
