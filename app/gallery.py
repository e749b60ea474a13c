"""Every finished picture, kept for good: SQLite (WAL) rows that only ever point at files already on disk.

A record is written in two moves. First its files (the picture as PNG, the reveal as compressed
arrays) each go to a temporary name, are fsynced and renamed over their final name, and the folder
is fsynced. Only then is the row inserted, in one transaction. A `kill -9` at any moment therefore
leaves either no row (perhaps an orphan file, swept at the next start) or a row whose files exist.
"""

import io
import os
import sqlite3
import threading
import time
import uuid
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from app.imaging import encode_png
from app.replay import Reveal

if TYPE_CHECKING:
    from app.job import Job
    from app.protocol import Timings

TEMP_SUFFIX = ".tmp"


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

    @classmethod
    def of(cls, job: "Job", timings: "Timings") -> "GalleryRecord":
        request = job.request
        return cls(
            prompt=request.prompt,
            negative_prompt=request.negative_prompt,
            steps=request.num_inference_steps,
            guidance_scale=request.guidance_scale,
            seed=request.seed,
            sampler=request.sampler,
            backbone=request.backbone,
            schedule=request.schedule,
            num_images=request.num_images,
            queued_ms=timings.queued_ms,
            total_ms=timings.total_ms,
            room=job.room,
            author=job.author,
        )


@dataclass(frozen=True)
class GalleryEntry:
    """A stored record with its id, when it was made and the stem of its files."""

    id: int
    created: float  # Unix time
    name: str  # files are <name>.png and <name>.npz; chosen by the server, never by a client
    record: GalleryRecord


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


class Gallery:
    """The store; safe to use from any thread (one connection, one lock)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(folder / "gallery.sqlite3", check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a committed row survives power loss, not just kill -9
        self._db.executescript(_SCHEMA)
        self._sweep()

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
        with self._lock:
            cursor = self._db.execute(
                f"INSERT INTO pictures (created, name, {', '.join(_COLUMNS)}) VALUES (?, ?{', ?' * len(_COLUMNS)})",
                (time.time(), name, *(values[c] for c in _COLUMNS)),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def entries(self, room: str | None = None, limit: int = 100) -> list[GalleryEntry]:
        """Newest first; all rooms when `room` is None."""
        where, args = ("WHERE room = ?", [room]) if room is not None else ("", [])
        return self._select(f"{where} ORDER BY id DESC LIMIT ?", (*args, limit))

    def latest_by_author(self, room: str, skip_author: str = "") -> list[GalleryEntry]:
        """Each author's newest picture in a room, newest first: the teacher's grid of the class."""
        latest = "SELECT MAX(id) FROM pictures WHERE room = ? AND author != ? GROUP BY author"
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
            rows = self._db.execute(f"SELECT id, created, name, {', '.join(_COLUMNS)} FROM pictures {clause}", args)
            return [GalleryEntry(r[0], r[1], r[2], GalleryRecord(*r[3:])) for r in rows.fetchall()]

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
