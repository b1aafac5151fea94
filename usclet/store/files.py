"""Files that must never be half-written: atomic replacement and the writers' lock.

A write goes to a temporary file in the same folder, is fsynced and renamed over the
target, and the folder is fsynced: a crash leaves the old file or the new one. The
previous version is kept as `<file>.bak`. Writers hold `<store>.lock` across a whole
read-modify-write, so two of them never lose each other's work.
"""

import contextlib
import errno
import os
import time
from pathlib import Path

from usclet.errors import StoreError

LOCK_TIMEOUT_SECONDS = float(os.environ.get("USCLET_LOCK_TIMEOUT", "10"))


def backup_path(path):
    return Path(str(path) + ".bak")


def lock_path(path):
    return Path(str(path) + ".lock")


def fsync_dir(folder):
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems cannot open a folder; the rename is still done
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def move_into_place(scratch, target):
    """Renames a finished scratch file over `target`, durably: its bytes reach the disk
    first, and the folder's new entry after. Every file usclet replaces goes through here."""
    with open(scratch, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(scratch, target)
    fsync_dir(Path(target).parent)


def replace_atomically(path, data, backup=True):
    """Replaces `path` with `data` (bytes or str): never half-written; with `backup`, the old
    version is kept as `.bak`."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    path = Path(path)
    folder = path.parent
    tmp = folder / f".{path.name}.{os.getpid()}.tmp"
    bak_tmp = folder / f".{path.name}.{os.getpid()}.bak.tmp"
    try:
        tmp.write_bytes(data)
        if backup and path.exists():
            # A hard link makes the backup without copying; replace keeps it atomic.
            with contextlib.suppress(FileNotFoundError):
                os.unlink(bak_tmp)
            os.link(path, bak_tmp)
            os.replace(bak_tmp, backup_path(path))
        move_into_place(tmp, path)
    except BaseException as error:  # an interrupt too: no scratch file is left behind
        for leftover in (tmp, bak_tmp):
            with contextlib.suppress(OSError):
                os.unlink(leftover)
        if isinstance(error, OSError):
            raise StoreError(f"cannot write {path}: {error.strerror or error}") from None
        raise


@contextlib.contextmanager
def locked(path):
    """Holds the exclusive writers' lock of the store at `path`."""
    import fcntl

    lock_file = lock_path(path)
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
                    raise StoreError(f"the store is locked by another usclet (lock file {lock_file}); "
                                     "try again when it has finished") from None
                time.sleep(0.02)
        try:
            # Under the lock no one else is writing: temporary files left now are from a
            # writer that was killed mid-write, and are removed.
            for stale in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
                with contextlib.suppress(OSError):
                    stale.unlink()
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
