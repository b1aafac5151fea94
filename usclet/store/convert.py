"""Copying a store whole into a new one, of either engine."""

import os
from pathlib import Path

from usclet.store.base import seeds_folder
from usclet.store.factory import create, open_store
from usclet.store.files import move_into_place

CHUNK = 500  # records written at a time when copying a store: what a progress bar advances by


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
        move_into_place(scratch, target_path)
    finally:
        for leftover in (scratch, Path(str(scratch) + ".bak"), Path(str(scratch) + ".lock")):
            leftover.unlink(missing_ok=True)
    return open_store(target_path)
