"""Open rooms on disk, in the gallery's SQLite database: after a restart every class keeps its code.

Only the code, a hash of the teacher's key, the opener's address and the time are kept; the key itself
lives in the teacher's tab, which sends it again when it reconnects.
"""

import sqlite3
import time
from pathlib import Path

_SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY,
    key_hash TEXT NOT NULL,
    address TEXT NOT NULL,
    created REAL NOT NULL
);
"""


class RoomStore:
    """Rows of open rooms; used from the event loop only (one quick statement at a time)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(_SCHEMA)

    def load(self) -> list[tuple[str, str, str]]:
        """(code, key hash, address) of every room open when the server last stopped, oldest first."""
        return self._db.execute("SELECT code, key_hash, address FROM rooms ORDER BY created").fetchall()

    def add(self, code: str, key_hash: str, address: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO rooms VALUES (?, ?, ?, ?)", (code, key_hash, address, time.time()))

    def remove(self, code: str) -> None:
        self._db.execute("DELETE FROM rooms WHERE code = ?", (code,))

    def close(self) -> None:
        self._db.close()
