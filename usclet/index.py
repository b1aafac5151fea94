"""The index kept beside a store file (`<store>.index`): every record's id, where each
record lies in the file, and where the claims table ends.

With it, `add claim` and `import` check a new claim's references and append it without
reading the whole store: an article, event or claim is parsed from its own bytes, and
the new claims are spliced in before the claims table closes. The file is still written
whole, atomically, under the lock, with its backup; only the records already in it are
copied as they are instead of being parsed and encoded again. A spliced file is the file
a full rewrite would write, byte for byte.

The index is a cache, never trusted when stale. It names the store file it describes by
device, inode, size and modification and change times: every write renames a new file
in, so another writer's work, a restored backup or an edit shows as another file, and
the index is rebuilt, under the lock, by a complete, validated read of the store. A
missing, unreadable or stale index is rebuilt; a store not laid out as usclet writes it
(see `layout`) gets no index, and is written the ordinary way (`Store.transaction()`),
which lays it out so.
"""

import contextlib
import json
import os
from itertools import repeat
from pathlib import Path

from usclet import codec, layout
from usclet import store as store_module
from usclet.errors import StoreError

FORMAT = 1
KINDS = (("articles", "article"), ("events", "event"), ("claims", "claim"))
CLAIMS_TAIL = layout.TABLE_CLOSE + layout.STORE_CLOSE + b"\n"  # the file's last bytes, after the last claim


class NotAppendable(Exception):
    """The store cannot take claims through its index: write them the ordinary way."""


def index_path(path):
    return Path(str(path) + ".index")


def file_identity(stat):
    """What tells one store file from another; the change time also moves on any edit in place."""
    return [stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


def build(handle, identity):
    """The index of the store file open as `handle` (at its start), which has `identity`.

    Every record is parsed (and dropped): a store that does not parse, or is not a usclet
    store, raises layout.NotOutline, as does one laid out otherwise.
    """
    tables = {name: {"ids": [], "spans": []} for name, _ in KINDS}
    meta, seen, last, claims_close, store_close, next_claim_key = {}, set(), None, None, None, 1
    for event in layout.pieces(handle):
        if event[0] == "table":
            if event[1] in seen:
                raise layout.NotOutline  # a table twice: the last one counts, which an index cannot follow
            seen.add(event[1])
        elif event[0] == "records":
            _, name, piece = event
            records = piece.records()
            if name == "meta":
                meta.update(records)
            elif name in tables:
                ids, spans = tables[name]["ids"], tables[name]["spans"]
                places = _places(piece)
                if len(places) != len(records):
                    raise layout.NotOutline  # a key twice in a table
                for (key, start, end), (parsed_key, record) in zip(places, records.items()):
                    if key != parsed_key or not isinstance(record, dict) or not isinstance(record.get("id"), str):
                        raise layout.NotOutline
                    ids.append(record["id"])
                    spans += (start, end)
                    if name == "claims":
                        next_claim_key = max(next_claim_key, _number(key) + 1)
        elif event[0] == "end":
            last = event[1]
            if last == "claims":
                claims_close = event[2]
        else:
            store_close = event[1]
    skeleton = {name: {} for name in seen}
    skeleton["meta"] = meta
    if store_module.shape_problem(skeleton):
        raise layout.NotOutline  # reading the store whole says what is wrong
    appendable = (last == "claims" and claims_close is not None and bool(tables["claims"]["ids"])
                  and claims_close + len(CLAIMS_TAIL) == identity[2]
                  and store_close == claims_close + len(layout.TABLE_CLOSE))
    seeds = meta["1"].get("seeds", "seeds")
    return {"format": FORMAT, "store": identity, "seeds": seeds, "tables": tables,
            "claims_end": claims_close if appendable else None, "next_claim_key": next_claim_key}


def _places(piece):
    """(key, start, end) of each record in a piece of a table: where its value lies in the file."""
    data, at, stop = piece.bounds
    shift = piece.offset - at  # buffer position to file offset
    if not data.startswith(layout.RECORD_START, at):
        raise layout.NotOutline
    places = []
    while at >= 0:
        key_start = at + len(layout.RECORD_START)
        colon = data.find(b'": ', key_start, stop)
        if colon < 0:
            raise layout.NotOutline
        following = data.find(layout.NEXT_RECORD, colon, stop)
        end = following if following >= 0 else stop
        try:
            key = data[key_start:colon].decode("ascii")
        except UnicodeDecodeError:
            raise layout.NotOutline from None
        places.append((key, shift + colon + 3, shift + end))
        at = following + 1 if following >= 0 else -1
    return places


def _number(key):
    try:
        return int(key)
    except ValueError:
        raise layout.NotOutline from None


def save(store_path, index):
    """Writes the index beside the store (a cache: a failure to write it is no error)."""
    path = index_path(store_path)
    tmp = path.parent / f".{Path(store_path).name}.index.{os.getpid()}.tmp"
    fast = codec._fast()
    data = fast.dumps(index) if fast else json.dumps(index, separators=(",", ":")).encode("utf-8")
    with contextlib.suppress(OSError):
        tmp.write_bytes(data)
        os.replace(tmp, path)
    with contextlib.suppress(OSError):
        tmp.unlink()


def load(store_path):
    """The index saved beside the store, or None when there is none or it cannot be read."""
    try:
        raw = index_path(store_path).read_bytes()
        fast = codec._fast()
        index = fast.loads(raw) if fast else json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("format") != FORMAT:
        return None
    return index


def _lookup(index):
    """{id: (kind, start, end)}: the first record of an id wins, articles before events before
    claims, as in Store.by_id."""
    lookup = {}
    for table, kind in reversed(KINDS):
        ids, spans = index["tables"][table]["ids"], index["tables"][table]["spans"]
        if len(spans) != 2 * len(ids):
            raise ValueError("the index's spans do not match its ids")
        lookup.update(zip(reversed(ids), zip(repeat(kind), reversed(spans[0::2]), reversed(spans[1::2]))))
    return lookup


def open_appender(store):
    """An Appender for the store (call under its lock), the index rebuilt if it is stale; None
    when the store cannot take claims so (its records are then read into `store`)."""
    handle, _ = store_module.open_file(store.path)
    try:
        identity = file_identity(os.fstat(handle.fileno()))
        index = load(store.path)
        lookup = None
        if index is not None and index.get("store") == identity and _tail_matches(handle, index):
            try:
                lookup = _lookup(index)
            except (KeyError, TypeError, ValueError, AttributeError):
                lookup = None  # a damaged index: build it again
        if lookup is None:
            index = rebuild(store, handle, identity)
            lookup = index and _lookup(index)
        if index is None or index["claims_end"] is None:
            handle.close()
            return None
        return Appender(store, handle, identity, index, lookup)
    except BaseException:
        handle.close()
        raise


def _tail_matches(handle, index):
    end = index.get("claims_end")
    return end is None or (isinstance(end, int) and os.pread(handle.fileno(), len(CLAIMS_TAIL), end) == CLAIMS_TAIL)


def rebuild(store, handle, identity):
    """The index built again from the store file and saved; None when the store gets no index.

    A store that cannot be indexed is read whole: a broken one raises StoreError as any
    read of it does, a good one (laid out by another tool) is loaded into `store`.
    """
    handle.seek(0)
    try:
        with store_module.paused_gc():
            index = build(handle, identity)
    except layout.NotOutline:
        data, read_identity = store_module.read_with_identity(store.path)
        store._load(data, read_identity)
        return None
    except OSError as error:
        raise StoreError(f"cannot read the store {store.path}: {error.strerror or error}") from None
    save(store.path, index)
    return index


class Appender:
    """Looks up records and appends claims through the index, under the store's lock.

    `get` and `seed_text` answer as the Store's do, so that claims are built and checked
    against it as against the Store.
    """

    def __init__(self, store, handle, identity, index, lookup):
        self.store, self.handle, self.identity, self.index = store, handle, identity, index
        self._lookup = lookup
        self._records = {}
        self._texts = {}

    def close(self):
        self.handle.close()

    def ids(self):
        """Every id in the store."""
        return set(self._lookup)

    def get(self, record_id):
        """(kind, record) for an id, or None; the record is parsed from its own bytes."""
        if record_id not in self._records:
            self._records[record_id] = self._find(record_id)
        return self._records[record_id]

    def _find(self, record_id):
        for attempt in range(2):
            found = self._lookup.get(record_id)
            if found is None:
                return None
            kind, start, end = found
            try:
                record = json.loads(os.pread(self.handle.fileno(), end - start, start).decode("utf-8"))
            except ValueError:  # UnicodeDecodeError is one
                record = None
            if isinstance(record, dict) and record.get("id") == record_id:
                return kind, record
            if attempt:
                raise NotAppendable
            # The file is not what the index says, though it looks the same: build the index
            # again (each record looked up so far was checked the same way) and look again.
            self.index = rebuild(self.store, self.handle, self.identity)
            if self.index is None or self.index["claims_end"] is None:
                raise NotAppendable
            self._lookup = _lookup(self.index)

    @property
    def seeds_dir(self):
        return store_module.seeds_folder(self.store.path, lambda: self.index["seeds"])

    def seed_text(self, file_name):
        """The decoded text of a seed file (cached); offsets index into this."""
        if file_name not in self._texts:
            self._texts[file_name] = (self.seeds_dir / file_name).read_bytes().decode("utf-8")
        return self._texts[file_name]

    def append(self, claims):
        """Writes `claims` at the end of the claims table: the file is replaced atomically, its
        other records copied as they are. Returns their keys."""
        index = self.index
        end, size = index["claims_end"], self.identity[2]
        key = index["next_claim_key"]
        pieces, spans, rows = [], [], {}
        offset = end
        for claim in claims:
            # what encoding the whole store writes for a record of a table, two levels deep
            head = b",\n    " + codec.dumps_indented(str(key)) + b": "
            body = codec.deeper(codec.dumps_indented(claim), 2)
            spans += (offset + len(head), offset + len(head) + len(body))
            offset += len(head) + len(body)
            pieces += (head, body)
            rows[str(key)] = claim
            key += 1
        inserted = b"".join(pieces)
        source = self.handle.fileno()

        def write(target):
            store_module.copy_range(source, target, 0, end)
            store_module.write_all(target, inserted)
            store_module.copy_range(source, target, end, size - end)

        store_module.replace_atomically(self.store.path, write)
        stat = os.stat(self.store.path)
        claims = index["tables"]["claims"]
        claims["ids"] += [claim["id"] for claim in rows.values()]
        claims["spans"] += spans
        index.update(store=file_identity(stat), claims_end=end + len(inserted), next_claim_key=key)
        save(self.store.path, index)
        self.store._appended(rows, tuple(self.identity[:4]), store_module.identity_of(stat))
        return list(rows)
