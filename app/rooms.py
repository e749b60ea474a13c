"""Classroom rooms: a teacher's runs stream live to every student page that joined with a short code."""

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from app.job import Job
from app.protocol import ROOM_CODE_LENGTH
from app.room_store import RoomStore

CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read off a projector
JOIN_PATH = "/?room={code}"
TEACHER = "teacher"  # the author of a teacher's pictures; students' authors are random hex tokens
MAX_ROOMS = 512  # past this the oldest idle room closes; with none idle, new rooms are refused
MAX_ROOMS_PER_ADDRESS = 4  # live rooms one client address may hold (DUST_ROOMS_PER_ADDRESS)
ROOM_IDLE_SECONDS = 6 * 3600.0  # a room nobody has been in for this long closes (DUST_ROOM_IDLE_HOURS)


class RoomsFull(Exception):
    """No room can be opened now; the message says why in words a teacher can act on."""


class Member(Protocol):
    """A student connection in a room."""

    def watch(self, job: Job, code: str) -> None: ...


def key_hash(key: str) -> str:
    """What is kept of a teacher's key: enough to recognise it, useless to anyone who reads the database."""
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(eq=False)
class Room:
    """One class: its code, a hash of the teacher's secret key, who watches, and the teacher's current run."""

    code: str
    key_hash: str
    address: str = ""  # the client address that opened it
    members: set[Member] = field(default_factory=set)
    teachers: set[object] = field(default_factory=set)  # the teacher's connections (tabs) now open
    current: Job | None = None
    last_seen: float = 0.0  # when someone last opened, joined or left it (monotonic clock)

    @property
    def join_path(self) -> str:
        return JOIN_PATH.format(code=self.code)

    @property
    def in_use(self) -> bool:
        """A teacher or a student is connected: such a room is never closed to make space."""
        return bool(self.teachers or self.members)

    def broadcast(self, job: Job) -> None:
        """Show every member the teacher's new run."""
        self.current = job
        for member in self.members:
            member.watch(job, self.code)


class Rooms:
    """Open rooms, kept while the server runs; changed on the event loop only, and a threadpool route's `get` is
    one dict lookup (atomic under the GIL), so no lock.

    A room in use (a teacher or a student connected) is never closed to make space. A room nobody is in
    closes after `idle_seconds`, or earlier when space is needed: first among the rooms its own client
    address opened, past `per_address`, then server-wide, past `max_rooms`.
    """

    def __init__(
        self,
        max_rooms: int = MAX_ROOMS,
        per_address: int = MAX_ROOMS_PER_ADDRESS,
        idle_seconds: float = ROOM_IDLE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        store: RoomStore | None = None,
    ) -> None:
        self.max_rooms, self.per_address, self.idle_seconds, self._clock = max_rooms, per_address, idle_seconds, clock
        self._store = store
        now = clock()
        self._rooms: dict[str, Room] = {
            code: Room(code, hashed, address, last_seen=now)
            for code, hashed, address in (store.load() if store else [])
        }  # rooms open when the server last stopped: their teachers' tabs reconnect with the key

    def open(self, teacher: object = None, address: str = "", key: str | None = None) -> tuple[Room, str]:
        """(room, its key): a new room for `teacher`, or the room whose key this is (a teacher's page reconnecting).

        Raises RoomsFull when every room that could make space is in use.
        """
        now = self._clock()
        if key is not None and (room := self.by_key(key)) is not None:
            self._enter(room, teacher, now)
            return room, key
        self._close_idle(now)
        mine = [r for r in self._rooms.values() if r.address == address]
        self._make_space(mine, self.per_address, f"You already have {self.per_address} rooms with a class in them.")
        full = "The server holds as many rooms as it can, all with a class in them; try again later."
        self._make_space(list(self._rooms.values()), self.max_rooms, full)
        code, key = self._fresh_code(), secrets.token_urlsafe(16)
        room = self._rooms[code] = Room(code, key_hash(key), address=address)
        if self._store is not None:
            self._store.add(code, room.key_hash, address)
        self._enter(room, teacher, now)
        return room, key

    def leave(self, room: Room, connection: object) -> None:
        """A teacher's or a student's connection left the room (its tab closed or moved on)."""
        room.teachers.discard(connection)
        room.members.discard(connection)
        room.last_seen = self._clock()

    def join(self, room: Room, member: Member) -> None:
        room.members.add(member)
        room.last_seen = self._clock()

    def get(self, code: str) -> Room | None:
        return self._rooms.get(code.strip().upper())

    def teaches(self, key: str) -> bool:
        """Whether `key` is the secret key of an open room's teacher."""
        return self.by_key(key) is not None

    def by_key(self, key: str) -> Room | None:
        """The open room whose teacher's secret key this is (hashes compared in constant time)."""
        hashed = key_hash(key)
        return next((r for r in list(self._rooms.values()) if secrets.compare_digest(r.key_hash, hashed)), None)

    def _close(self, room: Room) -> None:
        del self._rooms[room.code]
        if self._store is not None:
            self._store.remove(room.code)

    def _enter(self, room: Room, teacher: object, now: float) -> None:
        if teacher is not None:
            room.teachers.add(teacher)
        room.last_seen = now

    def _close_idle(self, now: float) -> None:
        for room in [r for r in self._rooms.values() if not r.in_use and now - r.last_seen > self.idle_seconds]:
            self._close(room)

    def _make_space(self, rooms: list[Room], limit: int, refusal: str) -> None:
        """Close the longest-idle of `rooms` until one more fits under `limit`, or refuse: a room in use stays."""
        idle = sorted((r for r in rooms if not r.in_use), key=lambda r: r.last_seen)
        closing = idle[: max(0, len(rooms) - limit + 1)]
        if len(rooms) - len(closing) >= limit:
            raise RoomsFull(refusal)
        for room in closing:
            self._close(room)

    def _fresh_code(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))
            if code not in self._rooms:
                return code
