"""A built engine saved beside its SQLite file, so a short-lived process (`odop-bot ask`)
answers without opening the database, importing SQLAlchemy or building the index.

A snapshot is keyed by everything the engine was built from:

- this code and its shipped data: the size and modification time of every file of the
  `knowledge` package (a new version, an edited lexicon or data file: a new key);
- the database file as it stood: its device and inode, size and modification time, and those
  of its write-ahead log. Every write to the file changes one of them, so a snapshot answers
  only while the database is as it was when the snapshot was read, and never after a
  `kb import`, a `kb set-status` or an officer's update (any write, in fact; the question log
  of a bot on the same file too, which only costs a rebuild).

It is saved only when the database did not change while it was read (the key before reading
equals the key after) and was last written more than `SETTLED_SECONDS` ago, so a write that
lands within the file system's timestamp granularity of the save cannot leave an equal key.
Writers write a temporary file in the same directory and rename it over the snapshot: a reader
sees the old file or the new one, whole, however many processes save at once. A snapshot is
read only if this user owns it and nobody else may write it (it is a pickle: loading it runs
what it says); anything unreadable is ignored and replaced.

Only plain SQLite files have snapshots; PostgreSQL and other URLs are read as always.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.engine import Engine

SUFFIX = ".engine"
FORMAT = b"odop-bot engine snapshot 1\n"
# A database written this recently is not snapshotted: a later write within the file system's
# timestamp granularity could leave the same key (ext4: a few ms; FAT, some network mounts: 2 s).
SETTLED_SECONDS = 2.0
_PACKAGE = Path(__file__).resolve().parent


def path_for(database: Path) -> Path:
    """Where the snapshot of `database` is kept: beside it."""
    return database.with_name(database.name + SUFFIX)


def key(database: Path) -> str | None:
    """The key of `database` as it stands with this code; None if it does not exist (yet)."""
    parts = [_code_key()]
    for n, path in enumerate((database, database.with_name(database.name + "-wal"))):
        try:
            st = os.stat(path)
        except OSError:  # none yet, or a path that cannot be one: the caller opens it as usual
            if n == 0:
                return None
            continue  # no write-ahead log: every write is in the file itself
        if n == 1 and st.st_size == 0:
            continue  # an empty log, as a reader's connection leaves it, holds no write
        parts.append(f"{path.name}:{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def load(database: Path) -> Engine | None:
    """The engine saved for `database` as it stands now, or None (none, stale, unreadable)."""
    wanted = key(database)
    if wanted is None:
        return None
    try:
        with open(path_for(database), "rb") as f:
            st = os.fstat(f.fileno())
            if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
                return None
            if f.readline() != FORMAT or f.readline() != _header(wanted):
                return None
            # The pickle holds some 50,000 objects and no cycles; collections run while they
            # are made would walk them all, several times (5x the time of the load itself).
            was_enabled = gc.isenabled()
            gc.disable()
            try:
                engine: Engine = pickle.load(f)
            finally:
                if was_enabled:
                    gc.enable()
    except Exception:  # none, or a torn, truncated or foreign file: read the database
        return None
    return engine


def save(database: Path, read_at: str | None, engine: Engine) -> bool:
    """Save `engine`, built from `database` when its key was `read_at`, if that is still its
    key and the file has settled; return whether it was saved. Never raises for I/O: a
    directory we may not write simply keeps no snapshot."""
    if read_at is None or key(database) != read_at or not _settled(database):
        return False
    import tempfile  # here: it imports shutil, which a process that only loads never needs

    target = path_for(database)
    try:
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(FORMAT + _header(read_at))
            pickle.dump(engine, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
    except Exception:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True


def _header(database_key: str) -> bytes:
    return database_key.replace("\n", "?").encode("utf-8", "surrogateescape") + b"\n"


def _settled(database: Path) -> bool:
    now = time.time()
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            if now - os.stat(path).st_mtime < SETTLED_SECONDS:
                return False
        except OSError:
            continue
    return True


_code: str | None = None


def _code_key() -> str:
    """Python's version and the size and mtime of every file of the knowledge package."""
    global _code
    if _code is None:
        parts = [sys.version]
        pending = [str(_PACKAGE)]
        while pending:
            with os.scandir(pending.pop()) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.is_dir():
                        if entry.name != "__pycache__":
                            pending.append(entry.path)
                    elif not entry.name.endswith(".pyc"):
                        st = entry.stat()
                        parts.append(f"{entry.path}:{st.st_size}:{st.st_mtime_ns}")
        _code = "|".join(parts)
    return _code
