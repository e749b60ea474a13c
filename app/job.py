"""A run and the people it streams to: the requesters who asked for it and, in a room, the watchers."""

import asyncio
import contextlib
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

from app.outbox import Outbox, Payload
from app.protocol import ServerMessage
from model.guidance import passes_per_step
from model.pipeline import GenerationRequest


class Ticket:
    """One connection's place on a run: messages reach its outbox on its event loop, in order.

    `attached` is read and written on the event loop only, so once a connection has been told a run
    ended (cancelled, done, error) nothing the worker had already posted for it slips in after.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, outbox: Outbox, on_end: Callable[["Job"], None]) -> None:
        self._loop = loop
        self._outbox = outbox
        self._on_end = on_end
        self.attached = True

    def close(self) -> None:
        """Deliver nothing more (a watcher who joined again, moved rooms or left); event loop only."""
        self.attached = False

    def send(self, job: "Job", payloads: tuple[Payload, ...], preview: bool = False, last: bool = False) -> None:
        """Hand messages to the connection's event loop; callable from any thread."""
        with contextlib.suppress(RuntimeError):  # the event loop is gone (shutting down): nobody is listening
            self._loop.call_soon_threadsafe(self._deliver, job, payloads, preview, last)

    def _deliver(self, job: "Job", payloads: tuple[Payload, ...], preview: bool, last: bool) -> None:
        if not self.attached:
            return
        self._outbox.put(payloads, preview=preview)
        if last:
            self.attached = False
            self._on_end(job)


def encode(*messages: ServerMessage | bytes) -> tuple[Payload, ...]:
    return tuple(m if isinstance(m, bytes) else m.model_dump_json() for m in messages)


class Job:
    """One computation, streamed to every ticket on it; identical requests share one job.

    Owners asked for the run and keep it alive; watchers (a room's students) only see it. A ticket
    that joins late is sent `start` and the most recent previews, as a slow connection would have kept.
    """

    def __init__(
        self,
        request: GenerationRequest,
        previews: int,
        *,
        seed_chosen: bool = True,
        room: str | None = None,
        author: str = "",
        nickname: str = "",
    ) -> None:
        self.id = secrets.randbelow(2**32)  # random: runs in flight cannot be enumerated
        self.request = request
        self.seed = request.seed
        self.seed_chosen = seed_chosen  # a rolled seed is nobody else's request, so never shared
        self.room = room  # the room a finished picture is filed under in the gallery
        self.author = author  # anonymous per-connection token, so a teacher sees each student's latest
        self.nickname = nickname  # the name a student chose for under their pictures; "" for none
        self.submitted = time.perf_counter()
        self.steps_done = 0
        self.generating = False  # between admission and the last forward call: a tick waits for it
        self._cancel = threading.Event()
        self._lock = threading.Lock()
        self._owners: list[Ticket] = []
        self._watchers: list[Ticket] = []
        self._over = False  # the run's last message has been posted
        self._start: tuple[Payload, ...] | None = None
        self._recent: deque[tuple[Payload, ...]] = deque(maxlen=previews)

    @property
    def rows(self) -> int:
        """Rows this run adds to every batched forward pass: guidance doubles them."""
        return self.request.num_images * passes_per_step(self.request.guidance_scale)

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def attach(self, ticket: Ticket, *, watcher: bool = False, first: tuple[Payload, ...] = ()) -> bool:
        """Add a ticket and catch it up; False if the run is already over for its owners."""
        with self._lock:
            if self._over or self.cancelled():
                return False
            ticket.send(self, first)
            if self._start is not None:
                ticket.send(self, self._start)
            for payloads in self._recent:
                ticket.send(self, payloads, preview=True)
            (self._watchers if watcher else self._owners).append(ticket)
            return True

    def unwatch(self, ticket: Ticket) -> None:
        """Take a watcher off the run: it joined again, moved rooms or left."""
        with self._lock:
            if ticket in self._watchers:
                self._watchers.remove(ticket)

    def detach(self, ticket: Ticket) -> bool:
        """Take an owner off the run; True when it was the last one, so the run should stop."""
        with self._lock:
            if ticket in self._owners:
                self._owners.remove(ticket)
            return not self._owners

    def post(
        self, *messages: ServerMessage | bytes, preview: bool = False, last: bool = False, start: bool = False
    ) -> None:
        """Send to every ticket, remembering `start` and recent previews for tickets that join later."""
        payloads = encode(*messages)
        with self._lock:
            self._over = self._over or last
            if start:
                self._start = payloads
            elif preview:
                self._recent.append(payloads)
            for ticket in (*self._owners, *self._watchers):
                ticket.send(self, payloads, preview=preview, last=last)
