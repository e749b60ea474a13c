"""Classroom rooms: a teacher's runs stream live to every student page that joined with a short code."""

import secrets
from dataclasses import dataclass, field
from typing import Protocol

from app.job import Job
from app.protocol import ROOM_CODE_LENGTH

CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"  # no 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read off a projector
JOIN_PATH = "/?room={code}"
TEACHER = "teacher"  # the author of a teacher's pictures; students' authors are random hex tokens
MAX_ROOMS = 512  # past this the oldest room closes, so opening rooms in a loop can't fill memory


class Member(Protocol):
    """A student connection in a room."""

    def watch(self, job: Job, code: str) -> None: ...


@dataclass(eq=False)
class Room:
    """One class: its code, the teacher's secret key, who watches, and the teacher's current run."""

    code: str
    key: str
    members: set[Member] = field(default_factory=set)
    current: Job | None = None

    @property
    def join_path(self) -> str:
        return JOIN_PATH.format(code=self.code)

    def broadcast(self, job: Job) -> None:
        """Show every member the teacher's new run."""
        self.current = job
        for member in self.members:
            member.watch(job, self.code)


class Rooms:
    """Open rooms, kept while the server runs; changed on the event loop only, and a threadpool route's `get` is
    one dict lookup (atomic under the GIL), so no lock."""

    def __init__(self) -> None:
        self._rooms: dict[str, Room] = {}

    def open(self, key: str | None = None) -> Room:
        """A new room, or the room whose key this is (a teacher's page reconnecting)."""
        for room in self._rooms.values():
            if key is not None and secrets.compare_digest(room.key, key):
                return room
        if len(self._rooms) >= MAX_ROOMS:
            del self._rooms[next(iter(self._rooms))]
        code = self._fresh_code()
        room = self._rooms[code] = Room(code, secrets.token_urlsafe(16))
        return room

    def get(self, code: str) -> Room | None:
        return self._rooms.get(code.strip().upper())

    def teaches(self, key: str) -> bool:
        """Whether `key` is the secret key of an open room's teacher."""
        return any(secrets.compare_digest(room.key, key) for room in list(self._rooms.values()))

    def _fresh_code(self) -> str:
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(ROOM_CODE_LENGTH))
            if code not in self._rooms:
                return code
