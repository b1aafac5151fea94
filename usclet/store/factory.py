"""Which engine a store file is, and opening or creating it.

`.db`, `.sqlite` and `.sqlite3` files, and any file that starts as SQLite files do, are
SQLite (`sqlite`); everything else is TinyDB JSON (`jsonfile`), whose diffs a reviewer
can read. Only the engine a store needs is imported: a listing of the JSON record does
not pay for SQLite.
"""

from pathlib import Path

from usclet.errors import StoreError
from usclet.store.base import SCHEMA_VERSION

SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
SQLITE_HEADER = b"SQLite format 3\x00"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
# each engine's module (with its `create`) and store class, imported when a store of it is opened
ENGINES = {"sqlite": ("usclet.store.sqlite", "SQLiteStore"), "json": ("usclet.store.jsonfile", "JSONStore")}


def _engine(name):
    module, store_class = ENGINES[name]
    return __import__(module, fromlist=[store_class])


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
    engine = engine_of(path)
    return getattr(_engine(engine), ENGINES[engine][1])(path)


def create(path, meta=None):
    """Writes a new empty store at `path` (engine by its name), refusing to overwrite a file."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"{path} already exists; not overwriting it")
    meta = dict(meta or {"schema_version": SCHEMA_VERSION, "seeds": "seeds"})
    _engine("sqlite" if path.suffix.lower() in SQLITE_SUFFIXES else "json").create(path, meta)
    return open_store(path)
