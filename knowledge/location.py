"""Where the database is: ODOP_DATABASE_URL, else an embedded SQLite file in the data directory.

Kept apart from knowledge.db (which needs SQLAlchemy) so a process that answers from a saved
snapshot (knowledge.snapshot) can find its file without importing SQLAlchemy.
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_URL_ENV = "ODOP_DATABASE_URL"
_SQLITE_FILE = "sqlite:///"


def default_url() -> str:
    """Return the embedded SQLite database's URL under the user's data directory."""
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{base / 'odop-bot' / 'odop.sqlite3'}"


def database_url(explicit: str | None = None) -> str:
    return explicit or os.environ.get(DATABASE_URL_ENV) or default_url()


def sqlite_file(url: str) -> Path | None:
    """The file a plain `sqlite:///PATH` URL names; None for anything else (another database,
    memory, a driver, query options, percent escapes), which is left to SQLAlchemy to read."""
    if not url.startswith(_SQLITE_FILE):
        return None
    path = url[len(_SQLITE_FILE) :]
    if not path or path.startswith(":memory:") or path.startswith("file:") or any(
        c in path for c in "?#%"
    ):
        return None
    return Path(path)
