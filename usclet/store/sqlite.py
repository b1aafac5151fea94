"""The SQLite engine, for a record that grows past a hand-curated file.

One table per kind of record, named and laid out as the data model is, so people and
Datasette read it as they read the JSON: `articles`, `events`, `claims`, `evidence`
(one row per quote, `position` its place in the claim's list), `conflicts` (a claim's
`conflicts_with`, in order) and `meta` (the store's settings). Lists and objects
(topics, facts, participants, citations, aliases) are JSON text. `doc_id` keeps the
order records were added in, which is the JSON file's order, so converting either way
loses nothing. Indexes serve the queries (claims by event and date, evidence by origin
and article, events by date and kind); quotes and claim texts have full-text search
(FTS5, Porter stemming). Each claim row also keeps `origins` (its independent sources,
one per chain, as JSON) and `sources` (how many), written with the claim: listings of sources and of
events read them without reading every quote; the view `claim_sources` shows them.

SQLite gives what the JSON engine builds by hand: writes are transactions (BEGIN
IMMEDIATE serialises writers; a killed writer leaves nothing half-done), and the
database runs in WAL mode, so readers never wait for a writer.
"""

import contextlib
import json
import sqlite3
from itertools import chain

from usclet import model
from usclet.errors import StoreError
from usclet.interrupts import committing
from usclet.store.base import KIND_OF, LOG_TABLE, SCHEMA_VERSION, TABLES, Store, Transaction, shape_problem
from usclet.store.collector import many_records
from usclet.store.files import LOCK_TIMEOUT_SECONDS

# Record fields kept as JSON text; every other field is a plain column.
JSON_FIELDS = {"citations", "aliases", "participants", "topics", "facts", "excerpt"}  # excerpt: true/false, as JSON
COLUMNS = {
    "articles": model.ARTICLE_FIELDS,
    "events": model.EVENT_FIELDS,
    "claims": tuple(f for f in model.CLAIM_FIELDS if f not in ("evidence", "conflicts_with")),
}
INTEGER_FIELDS = {"start", "end", "ordinal", "footnote"}
# evidence and conflicts_with close a claim in the data model: appended, they need no reordering
CLAIM_PARTS_LAST = model.CLAIM_FIELDS[-2:] == ("evidence", "conflicts_with")
FACT_KIND = "json_extract(facts, '$.kind')"  # what kind of meeting a source says it was: indexed


# the change log: `records` is JSON, [{table, id, before}], before the record's previous version
LOG_SCHEMA = (f"CREATE TABLE IF NOT EXISTS {LOG_TABLE} (number INTEGER PRIMARY KEY, at TEXT, command TEXT, "
              "reason TEXT, undoes INTEGER, records TEXT)")
LOG_FIELDS = ("number", "at", "command", "reason", "undoes", "records")
# spans are few; a period query finds those reaching into it through these, not by reading every record
SPAN_INDEXES = tuple(f"CREATE INDEX IF NOT EXISTS idx_{table}_end_date ON {table}(end_date) WHERE end_date IS NOT NULL"
                     for table in ("claims", "events"))


def _quoted(columns, alias=""):
    return ", ".join(f'{alias}"{column}"' for column in columns)


def create(path, meta):
    """A new, empty store at `path` with the schema, indexes, full-text search and view."""
    import sqlite_utils  # only when a store is made: its import costs more than a query

    db = sqlite_utils.Database(path)
    db.enable_wal()
    with db.conn:
        db["meta"].create({"key": str, "value": str, "position": int}, pk="key")
        for table, columns in COLUMNS.items():
            types = {"doc_id": int}
            types.update((c, int if c in INTEGER_FIELDS else str) for c in columns)
            if table == "claims":
                # its distinct origins and their count, kept on every write: listings ask for them
                types.update(origins=str, sources=int)
            keys = {"articles": [("parent", "articles", "id"), ("duplicate_of", "articles", "id")],
                    "events": [], "claims": [("event", "events", "id")]}[table]
            db[table].create(types, pk="id", not_null={"doc_id"}, foreign_keys=keys, column_order=["id", "doc_id"])
            db[table].create_index(["doc_id"], unique=True)
        evidence = {"claim": str, "position": int}
        evidence.update((f, int if f in INTEGER_FIELDS else str) for f in model.EVIDENCE_FIELDS)
        db["evidence"].create(evidence, pk=("claim", "position"),
                              foreign_keys=[("claim", "claims", "id"), ("article", "articles", "id")])
        db["conflicts"].create({"claim": str, "position": int, "other": str}, pk=("claim", "position"),
                               foreign_keys=[("claim", "claims", "id"), ("other", "claims", "id")])
        db.execute(LOG_SCHEMA)
        for table, columns in (("claims", ["date"]), ("claims", ["sources"]), ("events", ["date"]),
                               ("events", ["kind"]), ("evidence", ["origin"]), ("evidence", ["article"])):
            db[table].create_index(columns)
        # covering: listing events counts and names them from their claims' origins and facts alone
        db["claims"].create_index(["event", "doc_id", "id", "origins", "facts"], index_name="idx_claims_event")
        db.execute(f"CREATE INDEX idx_claims_fact_kind ON claims({FACT_KIND})")
        for statement in SPAN_INDEXES:
            db.execute(statement)
        db["evidence"].enable_fts(["quote"], tokenize="porter", create_triggers=True)
        db["claims"].enable_fts(["text"], tokenize="porter", create_triggers=True)
        db.create_view("claim_sources", "SELECT id, sources, origins, event, date, text FROM claims")
        db["meta"].insert_all({"key": key, "value": json.dumps(value, ensure_ascii=False), "position": number}
                              for number, (key, value) in enumerate(meta.items()))
    db.close()


def _connect(path):
    """A connection that never creates a file, and waits for a writer as long as the lock would."""
    if not path.exists():
        raise StoreError(f"no store at {path}; create one with `usclet init {path}`, "
                         "or give an existing one with --db PATH (or USCLET_DB)")
    if path.is_dir():
        raise StoreError(f"the store {path} is a folder, not a file")
    for mode in ("rw", "ro"):
        try:
            return sqlite3.connect(f"file:{path}?mode={mode}", uri=True, timeout=LOCK_TIMEOUT_SECONDS,
                                   isolation_level=None)
        except sqlite3.OperationalError as error:
            problem = error
    raise StoreError(f"cannot open the store {path}: {problem}")


class SQLiteStore(Store):
    engine = "sqlite"
    indexed = True

    def __init__(self, path):
        super().__init__(path)
        self.conn = _connect(self.path)
        self._meta = None
        if self.meta().get("schema_version", 0) < SCHEMA_VERSION:  # a file that is not a usclet store is reported now
            self._upgrade()

    def _upgrade(self):
        """Brings an older store to this schema: claims get `status`, `date_note` and `set_aside`,
        evidence `derived_from`, `derived_basis` and `said_on_latest`, and the store its change
        log. Done once, in one transaction, the first time this usclet opens it; no stored
        appearance relays another yet, so every claim's count of sources stands."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            for table, columns in (("claims", ("status", "date_note", "set_aside")),
                                   ("evidence", ("derived_from", "derived_basis", "said_on_latest"))):
                have = {row[1] for row in self.conn.execute(f"PRAGMA table_info({table})")}
                for column in columns:
                    if column not in have:
                        self.conn.execute(f'ALTER TABLE {table} ADD COLUMN "{column}" TEXT')
            self.conn.execute(LOG_SCHEMA)
            self.conn.execute(f"UPDATE meta SET value = '{SCHEMA_VERSION}' WHERE key = 'schema_version'")
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise StoreError(f"the store {self.path} needs upgrading to this usclet's schema and cannot be "
                             f"written ({error}); open it once with write access") from None
        self._meta = None

    def _query(self, sql, params=()):
        try:
            with many_records():
                return self.conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"the store {self.path} cannot be read ({error}); it is left untouched") from None

    def meta(self):
        if self._meta is None:
            try:
                rows = self.conn.execute("SELECT key, value FROM meta ORDER BY position").fetchall()
            except sqlite3.DatabaseError as error:
                raise StoreError(f"the store {self.path} is not a usclet store ({error}); "
                                 "it is left untouched") from None
            meta = {key: json.loads(value) for key, value in rows}
            problem = shape_problem(meta)
            if problem:
                raise StoreError(f"the store {self.path} {problem}; it is left untouched")
            self._meta = meta
        return self._meta

    def _records(self, table, where="", params=()):
        columns = COLUMNS[table]
        rows = self._query(f"SELECT {_quoted(columns)} FROM {table} {where} ORDER BY doc_id", params)
        loads = _json_loads()
        encoded = [field for field in columns if field in JSON_FIELDS]
        with many_records():
            return [_decode(columns, row, loads, encoded) for row in rows]

    def articles(self):
        return self._records("articles")

    def events(self, since=None, until=None, kinds=None):
        where, params = _period(since, until, "events")
        if kinds is not None:
            where.append("kind IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(kinds)))
        return self._records("events", "WHERE " + " AND ".join(where) if where else "", params)

    def claims(self, events=None, since=None, until=None, origin=None, article=None, source_count=None):
        where, params = _period(since, until)
        if events is not None:
            where.append("event IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(list(events)))
        for field, value in (("origin", origin), ("article", article)):
            if value is not None:
                where.append(f"id IN (SELECT claim FROM evidence WHERE {field} = ?)")
                params.append(value)
        if source_count is not None:
            where.append("sources = ?")
            params.append(source_count)
        clause = "WHERE " + " AND ".join(where) if where else ""
        claims = self._records("claims", clause, params)
        self._attach(claims, f"(SELECT id FROM claims {clause})" if clause else None, params)
        return claims

    def _attach(self, claims, subquery, params):
        """Gives each claim its evidence and conflicts_with, read in one query each."""
        evidence = {claim["id"]: [] for claim in claims}
        conflicts = {claim["id"]: [] for claim in claims}
        within = f"WHERE claim IN {subquery}" if subquery else ""
        fields = model.EVIDENCE_FIELDS
        with many_records():
            for row in self._query(f"SELECT claim, {_quoted(fields)} FROM evidence {within} ORDER BY claim, position",
                                   params):
                found = evidence.get(row[0])
                if found is not None:
                    found.append(dict(zip(fields, row[1:])))
        for claim_id, other in self._query(f"SELECT claim, other FROM conflicts {within} ORDER BY claim, position", params):
            if claim_id in conflicts:
                conflicts[claim_id].append(other)
        for claim in claims:
            claim["evidence"] = evidence[claim["id"]]
            claim["conflicts_with"] = conflicts[claim["id"]]
            if not CLAIM_PARTS_LAST:
                _reorder(claim)

    def changes(self):
        rows = self._query(f"SELECT {_quoted(LOG_FIELDS)} FROM {LOG_TABLE} ORDER BY number")
        return [dict(zip(LOG_FIELDS, row[:-1]), records=json.loads(row[-1])) for row in rows]

    def full_text(self):
        return self.conn  # its own claims_fts and evidence_fts, kept by triggers

    def event_summaries(self, events, facts):
        # one row per event, aggregated by SQLite in one pass over the covering index on (event,
        # doc_id, id, origins, facts), which gives each event's claims in store order: handing
        # Python a row per claim cost more than reading them (list dialogues on the
        # 100,000-claim store: 32 ms to 15 ms)
        stating = " OR ".join("json_extract(facts, ?) IS NOT NULL" for _ in facts)
        rows = self._query("SELECT event, json_group_array(id), '[' || group_concat(origins) || ']', "
                           "json_group_array(json_array(id, json(origins), json(facts))) "
                           f"FILTER (WHERE facts <> '{{}}' AND set_aside IS NULL AND ({stating})) "
                           "FROM claims WHERE event IN (SELECT value FROM json_each(?)) GROUP BY event",
                           (*(f"$.{key}" for key in facts), json.dumps(list(events))))
        loads = _json_loads()
        return {event: (loads(claim_ids), list(dict.fromkeys(chain.from_iterable(loads(origins)))),
                        [tuple(item) for item in loads(stating)])
                for event, claim_ids, origins, stating in rows}

    def claim_facts(self):
        rows = self._query("SELECT id, event, facts FROM claims WHERE facts IS NOT NULL AND facts <> '{}' "
                           "AND set_aside IS NULL ORDER BY doc_id")
        loads = _json_loads()
        return [(claim_id, event, loads(facts)) for claim_id, event, facts in rows]

    def claims_stating(self, keys):
        stating = " OR ".join("json_extract(facts, ?) IS NOT NULL" for _ in keys)
        rows = self._query(f"SELECT id, event, facts FROM claims WHERE facts <> '{{}}' AND set_aside IS NULL "
                           f"AND ({stating}) ORDER BY doc_id", tuple(f"$.{key}" for key in keys))
        loads = _json_loads()
        return [(claim_id, event, loads(facts)) for claim_id, event, facts in rows]

    def linked_pairs(self):
        rows = self._query("SELECT c.event, c.facts, o.event, o.facts FROM conflicts f JOIN claims c ON c.id = f.claim "
                           "JOIN claims o ON o.id = f.other WHERE c.event IS NOT NULL AND o.event IS NOT NULL "
                           "AND c.event <> o.event AND c.set_aside IS NULL AND o.set_aside IS NULL")
        loads = _json_loads()
        return [(event, loads(facts or "{}"), other, loads(other_facts or "{}")) for event, facts, other, other_facts in rows]

    def events_called(self, kind):
        rows = self._query(f"SELECT DISTINCT event FROM claims WHERE {FACT_KIND} = ? AND event IS NOT NULL", (kind,))
        return sorted(row[0] for row in rows)

    def get(self, record_id):
        for table in TABLES:
            rows = self._records(table, "WHERE id = ?", (record_id,))
            if rows:
                if table == "claims":
                    self._attach(rows, "(?)", (record_id,))
                return KIND_OF[table], rows[0]
        return None

    def counts(self):
        counts = {table: self._query(f"SELECT count(*) FROM {table}")[0][0] for table in TABLES}
        counts["evidence"] = self._query("SELECT count(*) FROM evidence")[0][0]
        return counts

    @contextlib.contextmanager
    def transaction(self, log=None):
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise StoreError(f"the store {self.path} is locked by another usclet; "
                                 "try again when it has finished") from None
            raise StoreError(f"cannot write the store {self.path}: {error}") from None
        for statement in SPAN_INDEXES:  # a store made before they existed gets them on its next write
            self.conn.execute(statement)
        work = SQLiteTransaction(self)
        work.begin(self, log)
        try:
            yield work
            work.end()
            with committing():
                self.conn.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")
            raise
        finally:
            self._meta = None
            self._texts.clear()

    def close(self):
        self.conn.close()


def _period(since, until, table="claims"):
    """SQL for 'the record's date..end_date meets since..until'. ISO dates of any precision
    compare as text: a period's last day sorts before its text followed by '~'."""
    where, params = [], []
    if since is not None:
        where.append("date IS NOT NULL AND coalesce(end_date, date) || '~' >= ?")
        params.append(since)
    if until is not None:
        where.append("date IS NOT NULL AND date <= ?")
        params.append(until + "~")
    if since is not None:
        # what the indexes answer, so that earlier records are never read: a record meeting the
        # period starts within it, or is dated by a coarser period holding its start (2017 and
        # 2017-12 for 2017-12-05), or is a span ending in its first year or later
        last = (until + "~") if until is not None else "~"
        where.append(f"rowid IN (SELECT rowid FROM {table} WHERE date >= ? AND date <= ? "
                     f"UNION ALL SELECT rowid FROM {table} WHERE date IN (?, ?) "
                     f"UNION ALL SELECT rowid FROM {table} WHERE end_date >= ?)")
        params.extend((since, last, since[:4], since[:7], since[:4]))
    return where, params


def _json_loads():
    try:
        import orjson
    except ImportError:  # declared in setup.cfg, but usclet must work without it
        return json.loads
    return orjson.loads  # several times faster on the many small lists and objects of a large read


def _decode(columns, row, loads=json.loads, encoded=None):
    record = dict(zip(columns, row))
    for field in JSON_FIELDS.intersection(columns) if encoded is None else encoded:
        if record[field] is not None:
            record[field] = loads(record[field])
    return record


def _reorder(claim):
    """A claim's fields in the data model's order, as the JSON engine keeps them."""
    ordered = {field: claim[field] for field in model.CLAIM_FIELDS}
    claim.clear()
    claim.update(ordered)


def _written(table):
    """The columns a write fills: the record's, and for a claim its origins and their count."""
    return COLUMNS[table] + ("origins", "sources") if table == "claims" else COLUMNS[table]


def _encode(record, columns):
    values = []
    for column in columns:
        if column in ("origins", "sources"):
            origins = model.sources_of(record)
            value = len(origins) if column == "sources" else json.dumps(origins, ensure_ascii=False)
        else:
            value = record.get(column)
        if column in JSON_FIELDS and value is not None:
            value = json.dumps(value, ensure_ascii=False)
        elif column in ("origins", "sources"):
            pass
        elif value is not None and not isinstance(value, (str, int, float)):
            raise StoreError(f"{record.get('id')}: {column} {json.dumps(value)[:40]} cannot be stored")
        values.append(value)
    return values


class SQLiteTransaction(Transaction):
    def __init__(self, store):
        self.store = store
        self.conn = store.conn
        store._meta = None  # read again inside the transaction: another writer may have changed it
        self.meta = dict(store.meta())

    def get(self, record_id):
        return self.store.get(record_id)

    def ids(self):
        return {row[0] for table in TABLES for row in self.conn.execute(f"SELECT id FROM {table}")}

    def articles(self):
        return self.store.articles()

    def records(self, table):
        return getattr(self.store, table)()

    def _write(self, sql, rows):
        try:
            self.conn.executemany(sql, rows)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"cannot write the store {self.store.path}: {error}") from None

    def changes(self):
        return self.store.changes()

    def last_change_number(self):  # not the whole log: an import's entry names every record it added
        return self.store._query(f"SELECT coalesce(max(number), 0) FROM {LOG_TABLE}")[0][0]

    def _append_log(self, entry):
        self._write(f"INSERT INTO {LOG_TABLE} ({_quoted(LOG_FIELDS)}) VALUES (?, ?, ?, ?, ?, ?)",
                    [[entry.get(field) for field in LOG_FIELDS[:-1]]
                     + [json.dumps(entry["records"], ensure_ascii=False)]])

    def _delete(self, table, record_id):
        if table == "claims":
            for part in ("evidence", "conflicts"):
                self._write(f"DELETE FROM {part} WHERE claim = ?", [(record_id,)])
        self._write(f"DELETE FROM {table} WHERE id = ?", [(record_id,)])

    def _insert(self, table, records):
        columns = _written(table)
        first = self.conn.execute(f"SELECT coalesce(max(doc_id), 0) + 1 FROM {table}").fetchone()[0]
        rows = [[first + number] + _encode(record, columns) for number, record in enumerate(records)]
        self._write(f"INSERT INTO {table} (doc_id, {_quoted(columns)}) VALUES ({', '.join('?' * (len(columns) + 1))})",
                    rows)
        if table == "claims":
            self._write_parts(records)

    def _write_parts(self, claims):
        fields = model.EVIDENCE_FIELDS
        self._write(f"INSERT INTO evidence (claim, position, {_quoted(fields)}) "
                    f"VALUES ({', '.join('?' * (len(fields) + 2))})",
                    ([claim["id"], position] + _encode(item, fields)
                     for claim in claims for position, item in enumerate(claim.get("evidence") or ())))
        self._write("INSERT INTO conflicts (claim, position, other) VALUES (?, ?, ?)",
                    ((claim["id"], position, other)
                     for claim in claims for position, other in enumerate(claim.get("conflicts_with") or ())))

    def _replace(self, table, record):
        columns = _written(table)
        assignments = ", ".join(f'"{column}" = ?' for column in columns)
        self._write(f"UPDATE {table} SET {assignments} WHERE id = ?", [_encode(record, columns) + [record["id"]]])
        if table == "claims":
            for part in ("evidence", "conflicts"):
                self._write(f"DELETE FROM {part} WHERE claim = ?", [(record["id"],)])
            self._write_parts([record])

    def finish(self):
        if self.meta != self.store.meta():
            self._write("DELETE FROM meta", [()])
            self._write("INSERT INTO meta (key, value, position) VALUES (?, ?, ?)",
                        ((key, json.dumps(value, ensure_ascii=False), number)
                         for number, (key, value) in enumerate(self.meta.items())))
