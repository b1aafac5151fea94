"""The JSON-backed store: TinyDB tables `articles`, `events`, `claims` and `meta`.

TinyDB's own JSONStorage rewrites the file in place without a lock, so a crash can
leave half a file and two writers can lose each other's work. `AtomicJSONStorage`
writes a temporary file, fsyncs it and renames it over the store (keeping the previous
version as a backup); `Store.transaction()` holds an exclusive lock across the whole
read-modify-write. Readers need no lock: a rename is atomic, so they see the old
file or the new one.

Reading needs neither TinyDB nor a lock, so the read path imports neither: the file
is parsed once, a block of records at a time (see `layout`), and the id index is built
only when a lookup asks for it. Writing streams the encoded store to the temporary
file. New claims are appended through an index kept beside the store (see `index`),
without reading every record.
"""

import contextlib
import errno
import gc
import json
import os
import time
from pathlib import Path

from usclet import codec, layout
from usclet.errors import StoreError

SCHEMA_VERSION = 1
TABLES = ("articles", "events", "claims")
PACKAGE_DIR = Path(__file__).resolve().parent
LOCK_TIMEOUT_SECONDS = float(os.environ.get("USCLET_LOCK_TIMEOUT", "10"))


def default_path():
    """The shipped store: data/ beside the package in a checkout, or installed with it."""
    checkout = PACKAGE_DIR.parent / "data" / "usclet.json"
    if checkout.exists():
        return checkout
    return PACKAGE_DIR / "shipped" / "data" / "usclet.json"


def backup_path(path):
    return Path(str(path) + ".bak")


def lock_path(path):
    return Path(str(path) + ".lock")


def _fsync_dir(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems cannot open a folder; the rename is still done
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def empty_data(seeds="seeds"):
    data = {"meta": {"1": {"schema_version": SCHEMA_VERSION, "seeds": seeds}}}
    for table in TABLES:
        data[table] = {}
    return data


def dumps(data):
    """The store file's text: one field per line keeps diffs of the shipped store readable."""
    return encode(data).decode("utf-8")


def encode(data):
    """The store file's bytes (two-space indentation: what the fast encoder writes natively)."""
    return codec.dumps_indented(data) + b"\n"


def write_atomically(path, text):
    """Replaces `path` with `text` (str or bytes): never half-written, the old version kept as `.bak`."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    replace_atomically(path, lambda fd: write_all(fd, data))


def write_store(path, data):
    """Replaces the store file with `data` encoded, written a piece at a time as it is encoded."""

    def write(fd):
        for piece in codec.iter_indented(data):
            write_all(fd, piece)
        write_all(fd, b"\n")

    replace_atomically(path, write)


def replace_atomically(path, write):
    """Replaces `path` with what `write(fd)` writes to a new file: never half-written, the old
    version kept as `.bak`."""
    path = Path(path)
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            write(fd)
            os.fsync(fd)
        finally:
            os.close(fd)
        if path.exists():
            # A hard link makes the backup without copying; replace keeps it atomic.
            bak_tmp = folder / f".{path.name}.{os.getpid()}.bak.tmp"
            with contextlib.suppress(FileNotFoundError):
                os.unlink(bak_tmp)
            os.link(path, bak_tmp)
            os.replace(bak_tmp, backup_path(path))
        os.replace(tmp, path)
        _fsync_dir(folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise StoreError(f"cannot write the store {path}: {error.strerror or error}") from None


def write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def read_json(path):
    """The parsed store file, validated in shape; StoreError names what is wrong and where."""
    return read_with_identity(path)[0]


@contextlib.contextmanager
def paused_gc():
    """Pauses the cycle collector while building many records that hold no cycles.

    Otherwise it walks every object built so far again and again as they pile up:
    parsing a large store then takes over twice as long. Freed records are still
    freed (by reference counting); only the collector's walks are spared.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # The records live as long as the store and hold no cycles: set them aside for
        # good, or the collector's next passes walk all of them once more.
        gc.freeze()
        if enabled:
            gc.enable()


def identity_of(stat):
    """What tells one version of the store file from another: a write renames a new file in."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def open_file(path):
    """(open binary handle, identity) of the store file; StoreError says why it cannot be read."""
    path = Path(path)
    try:
        handle = open(path, "rb")
    except FileNotFoundError:
        raise StoreError(f"no store at {path}; give --db PATH or set USCLET_DB") from None
    except IsADirectoryError:
        raise StoreError(f"the store {path} is a folder, not a file") from None
    except OSError as error:
        raise StoreError(f"cannot read the store {path}: {error.strerror or error}") from None
    return handle, identity_of(os.fstat(handle.fileno()))


def read_with_identity(path):
    """(parsed store, identity of the file read)."""
    path = Path(path)
    handle, identity = open_file(path)
    with handle:
        try:
            try:
                with paused_gc():
                    data = _parse_outline(handle)
            except layout.NotOutline:
                handle.seek(0)
                data = _parse_whole(path, handle.read())
        except OSError as error:
            raise StoreError(f"cannot read the store {path}: {error.strerror or error}") from None
    problem = shape_problem(data)
    if problem:
        raise StoreError(f"the store {path} {problem}; {_restore_hint(path)}")
    return data, identity


def _parse_outline(handle):
    """The store parsed a block of records at a time (see `layout`); NotOutline if it cannot be."""
    data, shared = {}, {}
    for event in layout.pieces(handle):
        if event[0] == "table":
            data[event[1]] = {}
        elif event[0] == "records":
            records = event[2].records()
            layout.share_strings(event[1], records.values(), shared)
            data[event[1]].update(records)
    return data


def _parse_whole(path, raw):
    """The store file parsed in one go; StoreError says what is wrong and where."""
    restore = _restore_hint(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise StoreError(f"the store {path} is not UTF-8 text (byte {error.start}); {restore}") from None
    del raw  # the bytes need not stay in memory beside their text and the records
    try:
        with paused_gc():
            data = codec.loads(text)
    except json.JSONDecodeError as error:
        raise StoreError(
            f"the store {path} is not valid JSON (line {error.lineno}, column {error.colno}: "
            f"{error.msg}); {restore}"
        ) from None
    if isinstance(data, dict):
        shared = {}
        for table in TABLES:
            if isinstance(data.get(table), dict):
                layout.share_strings(table, data[table].values(), shared)
    return data


def _restore_hint(path):
    if backup_path(path).exists():
        return f"it is left untouched: restore the backup {backup_path(path)} with `usclet --db {path} restore`"
    return "it is left untouched and has no backup to restore"


def shape_problem(data):
    """What makes `data` not a usclet store of a schema this version reads, or None."""
    if not isinstance(data, dict):
        return "is not a usclet store (not a JSON object)"
    meta = data.get("meta")
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        return "is not a usclet store (no meta table)"
    version = meta["1"].get("schema_version")
    if not isinstance(version, int):
        return "is not a usclet store (no schema version)"
    if version > SCHEMA_VERSION:
        return f"has schema version {version}, newer than this usclet reads ({SCHEMA_VERSION}); upgrade usclet"
    for table in TABLES:
        rows = data.get(table)
        if not isinstance(rows, dict) or not all(isinstance(row, dict) for row in rows.values()):
            return f"is not a usclet store (table {table!r} missing or malformed)"
        if not all(isinstance(row.get("id"), str) for row in rows.values()):
            return f"is not a usclet store (a record in {table!r} has no id)"
    return None


def __getattr__(name):
    # TinyDB is imported only by code that asks for its storage class, never on the read path.
    if name == "AtomicJSONStorage":
        return _atomic_storage_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _atomic_storage_class():
    from tinydb.storages import Storage

    class AtomicJSONStorage(Storage):
        """TinyDB storage that validates what it reads and writes atomically."""

        def __init__(self, path):
            self.path = Path(path)

        def read(self):
            return read_json(self.path)

        def write(self, data):
            write_store(self.path, data)

    globals()["AtomicJSONStorage"] = AtomicJSONStorage
    return AtomicJSONStorage


class Store:
    """An opened store: its records by table, its seeds folder, its write path.

    Its records are read at once, or with `lazy` when first asked for: `add claim` and
    `import` append through the store's index (`appending()`) without reading them.
    """

    def __init__(self, path=None, lazy=False):
        self.path = Path(path) if path else default_path()
        self._texts = {}
        self._data = self._identity = self._by_id = None
        if not lazy:
            self._load()

    def __getattr__(self, name):
        # the tables of a store opened lazily, read on first use
        if name in ("meta", "articles", "events", "claims") and self.__dict__.get("_data", 0) is None:
            self._load()
            return getattr(self, name)
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def _load(self, data=None, identity=None):
        if data is None:
            data, identity = read_with_identity(self.path)
        self._data, self._identity = data, identity
        self.meta = data["meta"]["1"]
        self.articles = list(data["articles"].values())
        self.events = list(data["events"].values())
        self.claims = list(data["claims"].values())
        self._by_id = None
        self.__dict__.pop("get", None)  # the records' index, set by get(), is built again when asked

    @property
    def by_id(self):
        """{id: (kind, record)}, built on first use: listings never need it."""
        if self._by_id is None:
            tables = (("article", self.articles), ("event", self.events), ("claim", self.claims))  # read first
            by_id = {}
            with paused_gc():
                for kind, rows in tables:
                    for row in rows:
                        by_id.setdefault(row["id"], (kind, row))
            self._by_id = by_id
        return self._by_id

    def tinydb(self):
        """A TinyDB handle on this store, for TinyDB's query API; writes stay atomic."""
        from tinydb import TinyDB

        return TinyDB(self.path, storage=_atomic_storage_class())

    @property
    def seeds_dir(self):
        """The seeds folder: beside the store, or where its meta points (relative to it)."""
        return seeds_folder(self.path, lambda: self.meta.get("seeds", "seeds"))

    def seed_bytes(self, file_name):
        return (self.seeds_dir / file_name).read_bytes()

    def seed_text(self, file_name):
        """The decoded text of a seed file (cached); offsets index into this."""
        if file_name not in self._texts:
            self._texts[file_name] = self.seed_bytes(file_name).decode("utf-8")
        return self._texts[file_name]

    def get(self, record_id):
        """(kind, record) for an id, or None."""
        # `check` asks this hundreds of thousands of times: from now on the index answers directly
        self.get = self.by_id.get
        return self.get(record_id)

    @contextlib.contextmanager
    def _locked(self):
        """Holds the store's exclusive lock for a read-modify-write."""
        import fcntl

        lock_file = lock_path(self.path)
        try:
            handle = open(lock_file, "a")
        except OSError as error:
            raise StoreError(f"cannot create the lock file {lock_file}: {error.strerror}") from None
        with handle:
            deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as error:
                    if error.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise StoreError(
                            f"the store is locked by another usclet (lock file {lock_file}); "
                            "try again when it has finished"
                        ) from None
                    time.sleep(0.02)
            try:
                # Under the lock no one else is writing: temporary files left now are from a
                # writer that was killed mid-write, and are removed.
                for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                    with contextlib.suppress(OSError):
                        stale.unlink()
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def transaction(self):
        """Yields the raw tables to change under an exclusive lock; writes them on success."""
        with self._locked():
            data = self._fresh_data()
            try:
                yield data
                write_store(self.path, data)
                written = identity_of(os.stat(self.path))
            except BaseException:
                if data is self._data:
                    # the body may have changed these records in memory: read them again
                    self._data = None
                    with contextlib.suppress(StoreError):
                        self._load()
                raise
        self._texts.clear()
        self._load(data, written)

    @contextlib.contextmanager
    def appending(self):
        """Yields an `index.Appender` that adds claims under the exclusive lock without
        reading every record, or None when the store cannot take claims so (see `index`):
        then use transaction()."""
        from usclet import index

        open_file(self.path)[0].close()  # a missing store is reported before a lock file is made
        with self._locked():
            appender = index.open_appender(self)
            try:
                yield appender
            finally:
                if appender is not None:
                    appender.close()

    def _appended(self, rows, before, after):
        """Claims `appending()` added to the file that was `before` and is now `after`."""
        if self._data is not None and self._identity == before:
            self._data["claims"].update(rows)
            self._load(self._data, after)
        else:
            self._identity = None  # what was read is older than the file: read it again when writing

    def _fresh_data(self):
        """The store as it is now on disk (call under the lock).

        What this Store read is reused when the file is still that same file (same
        device, inode, size and modification time): every write renames a new file
        in, so another writer's work always shows as a different identity.
        """
        try:
            current = identity_of(os.stat(self.path))
        except OSError:
            current = None
        if self._data is not None and current == self._identity:
            return self._data
        data, self._identity = read_with_identity(self.path)
        return data


def seeds_folder(path, setting):
    """The seeds folder of the store at `path`: beside it, or where `setting()` (its meta's
    `seeds`) points, relative to it."""
    folder = Path(path).parent
    beside = folder / "seeds"
    if beside.is_dir():
        return beside
    return (folder / setting()).resolve()


def copy_range(source, target, offset, count):
    """Copies `count` bytes at `offset` of the file open as `source` to the file open as
    `target`, at its position: in the kernel where it can, without passing through memory."""
    in_kernel = hasattr(os, "copy_file_range")
    while count > 0:
        if in_kernel:
            try:
                done = os.copy_file_range(source, target, count, offset)
            except OSError as error:
                if error.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM):
                    raise
                in_kernel = False
                continue
        else:
            block = os.pread(source, min(count, layout.BLOCK), offset)
            write_all(target, block)
            done = len(block)
        if not done:
            raise OSError(errno.EIO, "the store file is shorter than it was")
        offset += done
        count -= done


def next_doc_id(table):
    """TinyDB keys documents by string ids; the next one after the largest."""
    return str(max((int(key) for key in table), default=0) + 1)


def record_ids(tables):
    """Every id used in the raw tables of a store."""
    return {row["id"] for name in TABLES for row in tables[name].values()}


def create(path, seeds="seeds"):
    """Writes a new empty store at `path`, refusing to overwrite an existing file."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"{path} already exists; not overwriting it")
    write_atomically(path, dumps(empty_data(seeds)))


def restore(path):
    """Puts the backup back in place of the store; the replaced file is kept as `.replaced`.

    The backup must itself be a readable store, or nothing is changed.
    """
    path = Path(path)
    backup = backup_path(path)
    if not backup.exists():
        raise StoreError(f"there is no backup {backup} to restore")
    read_json(backup)  # refuse to restore a backup that is itself broken
    text = backup.read_text(encoding="utf-8")
    if path.exists():
        replaced = Path(str(path) + ".replaced")
        os.replace(path, replaced)
    write_atomically(path, text)
    return backup
