"""Every finished picture, kept within a budget: SQLite (WAL) rows that only ever point at files on disk.

A record is written in two moves. First its files (the picture as PNG, the reveal as compressed
arrays) each go to a temporary name, are fsynced and renamed over their final name, and the folder
is fsynced. Only then is the row inserted, in one transaction. A `kill -9` at any moment therefore
leaves either no row (perhaps an orphan file, swept at the next start) or a row whose files exist.

Past its budget (entries or bytes) the gallery removes its oldest pictures that are not pinned, in the
reverse order: the row first, then its files. A `kill -9` between the two leaves orphan files, which
the start-up sweep removes; never a row without its files.

A room's teacher may hide a picture: its row stays (a flag), but no listing shows it again.
"""

import io
import os
import sqlite3
import threading
import time
import uuid
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from app.imaging import encode_png
from app.protocol import REQUEST_SETTINGS, settings_of
from app.replay import Reveal

if TYPE_CHECKING:
    from app.job import Job
    from app.protocol import Timings

TEMP_SUFFIX = ".tmp"
GALLERY_DATABASE = "gallery.sqlite3"  # the open rooms are kept in it too (app/room_store.py)


@dataclass(frozen=True)
class GalleryRecord:
    """What a finished run was asked for and how long it took."""

    prompt: str
    negative_prompt: str
    steps: int
    guidance_scale: float
    seed: int
    sampler: str
    backbone: str
    schedule: str | None
    num_images: int
    queued_ms: float
    total_ms: float
    room: str | None  # the room the run was drawn in, if any
    author: str  # anonymous per-connection token: a teacher's grid shows each student's latest
    nickname: str = ""  # the first name or nickname the student chose, shown under the picture on the wall
    quick: bool = False  # drawn by the team's few-step student

    @classmethod
    def of(cls, job: "Job", timings: "Timings") -> "GalleryRecord":
        return cls(
            **settings_of(job.request),
            queued_ms=timings.queued_ms,
            total_ms=timings.total_ms,
            room=job.room,
            author=job.author,
            nickname=job.nickname,
        )

    def settings(self) -> dict[str, Any]:
        """What was asked for, in the page's words: enough to draw the same picture again."""
        return {name: getattr(self, name) for name in REQUEST_SETTINGS}


def _record(row: tuple) -> GalleryRecord:
    """A record from its columns: SQLite keeps `quick` as 0 or 1."""
    record = GalleryRecord(*row)
    return replace(record, quick=bool(record.quick))


@dataclass(frozen=True)
class GalleryEntry:
    """A stored record with its id, when it was made and the stem of its files."""

    id: int
    created: float  # Unix time
    name: str  # files are <name>.png and <name>.npz; chosen by the server, never by a client
    record: GalleryRecord
    pinned: bool = False  # kept whatever the budget
    hidden: bool = False  # hidden by its room's teacher: in no listing, its files served only to that teacher


_COLUMNS = [f.name for f in fields(GalleryRecord)]
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS pictures (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created REAL NOT NULL,
    name TEXT NOT NULL UNIQUE,
    {", ".join(_COLUMNS)}
);
CREATE INDEX IF NOT EXISTS pictures_by_room ON pictures (room, id);
"""
_LATER_COLUMNS = {  # columns galleries made by older servers lack: the budget's, the teacher's wall, the quick lane
    "bytes": "INTEGER NOT NULL DEFAULT 0",
    "pinned": "INTEGER NOT NULL DEFAULT 0",
    "hidden": "INTEGER NOT NULL DEFAULT 0",
    "nickname": "TEXT NOT NULL DEFAULT ''",
    "quick": "INTEGER NOT NULL DEFAULT 0",
}


@dataclass(frozen=True)
class Budget:
    """How much the gallery keeps: past either limit the oldest pictures that are not pinned go."""

    max_entries: int = 2000
    max_bytes: int = 500_000_000


class Gallery:
    """The store; safe to use from any thread (one connection, one lock)."""

    def __init__(self, folder: Path, budget: Budget | None = None) -> None:
        self.folder = folder
        self.budget = budget or Budget()
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(folder / GALLERY_DATABASE, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a committed row survives power loss, not just kill -9
        self._db.executescript(_SCHEMA)
        self._add_later_columns()
        self._sweep()
        self._evict()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def add(self, record: GalleryRecord, final: np.ndarray, reveal: Reveal) -> int:
        """Store a run: files first, durably, then the row that points at them; returns its id."""
        name = uuid.uuid4().hex
        pictures = np.concatenate(list(final), axis=1)  # (H, B·W, 3): the batch side by side
        _write_atomically(self.folder / f"{name}.png", encode_png(pictures))
        buffer = io.BytesIO()
        np.savez_compressed(buffer, dusty=np.stack(reveal.dusty), guesses=np.stack(reveal.guesses))
        _write_atomically(self.folder / f"{name}.npz", buffer.getvalue())
        _fsync_folder(self.folder)
        values = asdict(record)
        size = sum(path.stat().st_size for path in self._files(name))
        with self._lock:
            cursor = self._db.execute(
                f"INSERT INTO pictures (created, name, bytes, {', '.join(_COLUMNS)}) "
                f"VALUES (?, ?, ?{', ?' * len(_COLUMNS)})",
                (time.time(), name, size, *(values[c] for c in _COLUMNS)),
            )
        assert cursor.lastrowid is not None
        self._evict()
        return cursor.lastrowid

    def pin(self, entry_id: int, pinned: bool = True) -> bool:
        """Keep a picture whatever the budget (or let it go again); False when there is no such picture."""
        with self._lock:
            cursor = self._db.execute("UPDATE pictures SET pinned = ? WHERE id = ?", (int(pinned), entry_id))
        return cursor.rowcount == 1

    def hide(self, entry_id: int, hidden: bool = True) -> bool:
        """Take a picture off every listing (or put it back); False when there is no such picture."""
        with self._lock:
            cursor = self._db.execute("UPDATE pictures SET hidden = ? WHERE id = ?", (int(hidden), entry_id))
        return cursor.rowcount == 1

    def usage(self) -> tuple[int, int]:
        """(entries, bytes) the gallery holds now."""
        with self._lock:
            count, size = self._db.execute("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM pictures").fetchone()
        return count, size

    def entries(self, room: str | None = None, limit: int = 100, before: int | None = None) -> list[GalleryEntry]:
        """Newest first, hidden pictures left out; all rooms when `room` is None; only ids below `before` if given."""
        args: list[str | int] = [room] if room is not None else []
        where = "AND room = ?" if room is not None else ""
        if before is not None:
            where, args = f"{where} AND id < ?", [*args, before]
        return self._select(f"WHERE hidden = 0 {where} ORDER BY id DESC LIMIT ?", (*args, limit))

    def latest_by_author(self, room: str, skip_author: str = "") -> list[GalleryEntry]:
        """Each author's newest picture in a room that is not hidden, newest first: the teacher's grid of the class."""
        latest = "SELECT MAX(id) FROM pictures WHERE room = ? AND author != ? AND hidden = 0 GROUP BY author"
        return self._select(f"WHERE id IN ({latest}) ORDER BY id DESC", (room, skip_author))

    def get(self, entry_id: int) -> GalleryEntry | None:
        found = self._select("WHERE id = ?", (entry_id,))
        return found[0] if found else None

    def picture(self, entry: GalleryEntry) -> Path:
        return self.folder / f"{entry.name}.png"

    def reveal(self, entry: GalleryEntry) -> Reveal:
        with np.load(self.folder / f"{entry.name}.npz") as arrays:
            return Reveal(dusty=list(arrays["dusty"]), guesses=list(arrays["guesses"]))

    def _select(self, clause: str, args: tuple) -> list[GalleryEntry]:
        with self._lock:
            columns = f"id, created, name, pinned, hidden, {', '.join(_COLUMNS)}"
            rows = self._db.execute(f"SELECT {columns} FROM pictures {clause}", args)
            return [GalleryEntry(r[0], r[1], r[2], _record(r[5:]), bool(r[3]), bool(r[4])) for r in rows.fetchall()]

    def _files(self, name: str) -> list[Path]:
        return [self.folder / f"{name}.png", self.folder / f"{name}.npz"]

    def _evict(self) -> None:
        """Over budget: remove the oldest unpinned pictures, each row before its files (see the module's note)."""
        while True:
            with self._lock:
                count, size = self._db.execute("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM pictures").fetchone()
                if count <= self.budget.max_entries and size <= self.budget.max_bytes:
                    return
                oldest = self._db.execute(
                    "SELECT id, name FROM pictures WHERE pinned = 0 ORDER BY id LIMIT 1"
                ).fetchone()
                if oldest is None:
                    return  # everything left is pinned: a teacher's choice outranks the budget
                self._db.execute("DELETE FROM pictures WHERE id = ?", (oldest[0],))
            for path in self._files(oldest[1]):
                path.unlink(missing_ok=True)

    def _add_later_columns(self) -> None:
        """Galleries made by older servers lack the later columns; their sizes are read from the files once."""
        with self._lock:
            present = {row[1] for row in self._db.execute("PRAGMA table_info(pictures)")}
            missing = [name for name in _LATER_COLUMNS if name not in present]
            for name in missing:
                self._db.execute(f"ALTER TABLE pictures ADD COLUMN {name} {_LATER_COLUMNS[name]}")
            if "bytes" in missing:
                for entry_id, name in self._db.execute("SELECT id, name FROM pictures").fetchall():
                    size = sum(path.stat().st_size for path in self._files(name) if path.exists())
                    self._db.execute("UPDATE pictures SET bytes = ? WHERE id = ?", (size, entry_id))

    def _sweep(self) -> None:
        """Remove what a crash left half done: temporary files, and files no row points at."""
        with self._lock:
            names = {row[0] for row in self._db.execute("SELECT name FROM pictures")}
        for path in self.folder.iterdir():
            if path.suffix == TEMP_SUFFIX or (path.suffix in (".png", ".npz") and path.stem not in names):
                path.unlink(missing_ok=True)


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name, fsync, then rename: readers see the whole file or none of it."""
    temporary = path.with_name(path.name + TEMP_SUFFIX)
    with open(temporary, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)


def _fsync_folder(folder: Path) -> None:
    """Make the renames themselves durable."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
