"""One browser tab's WebSocket conversation."""

import asyncio
import logging
import secrets
from functools import partial

from starlette.websockets import WebSocket, WebSocketDisconnect

from app.config import Settings
from app.deps import get_address
from app.engine import Engine
from app.job import Job, Ticket, encode
from app.outbox import Batch, Outbox
from app.protocol import (
    Broadcast,
    Cancel,
    Generate,
    Heartbeat,
    Hello,
    Joined,
    JoinRoom,
    Named,
    OpenRoom,
    Options,
    ProtocolError,
    RoomOpened,
    SetName,
    parse_client_message,
)
from app.ratelimit import GuessLimit, TokenBucket, TooManyGuesses
from app.rooms import TEACHER, Room, Rooms, RoomsFull

log = logging.getLogger(__name__)

IDLE_CLOSE_CODE = 1001  # "going away": the page reconnects by itself when someone is still there


class Session:
    """Reads commands and writes the outbox at the same time, so a closed tab cancels its run at once.

    Starlette only notices a disconnect inside receive(); a handler that only sent would keep drawing
    for nobody until a ping timed out. One run per connection: a second `generate` while one is going
    is answered with a `busy` error (the page sends `cancel` first when the user starts over).
    """

    def __init__(
        self,
        websocket: WebSocket,
        engine: Engine,
        rooms: Rooms,
        guesses: GuessLimit,
        options: Options,
        settings: Settings,
    ) -> None:
        self._websocket = websocket
        self._engine = engine
        self._rooms = rooms
        self._guesses = guesses
        self._address = get_address(websocket)  # wrong room codes and keys count against it
        self._options = options
        self._settings = settings
        self._outbox = Outbox(settings.outbox_previews)
        self._bucket = TokenBucket(settings.messages_per_second, settings.message_burst)
        self._author = secrets.token_hex(8)  # anonymous: tells a student's pictures apart, names nobody
        self._name = ""  # the first name or nickname a student chose for under their pictures (`set_name`)
        self._job: Job | None = None
        self._ticket: Ticket | None = None
        self._watching: tuple[Job, Ticket] | None = None  # the room teacher's current run
        self._teaching: Room | None = None
        self._teaching_key = ""  # the teacher's secret for that room (the server keeps only its hash)
        self._joined: Room | None = None

    async def run(self) -> None:
        """Serve the connection until the client leaves, then cancel whatever it left running."""
        self._outbox.put((Hello(heartbeat_seconds=self._settings.heartbeat_seconds).model_dump_json(),))
        tasks = {asyncio.create_task(self._receive()), asyncio.create_task(self._send())}
        try:
            finished, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            if self._job is not None and self._ticket is not None:
                self._engine.cancel(self._job, self._ticket)
            for room in (self._joined, self._teaching):
                if room is not None:
                    self._rooms.leave(room, self)
            self._stop_watching()
            if self._outbox.dropped:
                log.info("a slow connection skipped %d step previews", self._outbox.dropped)
        for task in finished:
            task.result()  # a real bug surfaces here; disconnects end both loops quietly

    def watch(self, job: Job, code: str) -> None:
        """Stream a room teacher's run to this connection, announced by `broadcast`."""
        self._stop_watching()
        ticket = Ticket(asyncio.get_running_loop(), self._outbox, on_end=lambda _: None)
        self._watching = job, ticket
        first = encode(Broadcast(job_id=job.id, code=code, prompt=job.request.prompt))
        self._engine.watch(job, ticket, first)

    def _stop_watching(self) -> None:
        if self._watching is not None:
            self._engine.unwatch(*self._watching)
            self._watching = None

    async def _receive(self) -> None:
        while True:
            try:
                message = await asyncio.wait_for(self._websocket.receive(), self._settings.idle_timeout_seconds)
            except TimeoutError:
                if self._job is None:
                    await self._websocket.close(IDLE_CLOSE_CODE, "Closed after a long quiet spell.")
                    return
                continue
            if message["type"] == "websocket.disconnect":
                return
            raw = message.get("text")
            self._handle(raw if raw is not None else message.get("bytes", b""))

    async def _send(self) -> None:
        try:
            while True:
                try:
                    batch = await asyncio.wait_for(self._outbox.get(), self._settings.heartbeat_seconds)
                except TimeoutError:
                    batch = Batch((Heartbeat().model_dump_json(),), preview=False)
                for payload in batch.payloads:
                    if isinstance(payload, str):
                        await self._websocket.send_text(payload)
                    else:
                        await self._websocket.send_bytes(payload)
        except (WebSocketDisconnect, RuntimeError):  # RuntimeError: sending after an idle close
            return

    def _handle(self, raw: str | bytes) -> None:
        """Act on one client message; anything wrong with it becomes an `error`, never a closed socket."""
        try:
            if not self._bucket.allow():
                raise ProtocolError("rate_limited", "Slow down a little: that was too many messages too quickly.")
            command = parse_client_message(raw, self._options)
            if isinstance(command, Cancel):
                if self._job is not None and self._ticket is not None:
                    self._engine.cancel(self._job, self._ticket)
            elif isinstance(command, Generate):
                self._generate(command)
            elif isinstance(command, OpenRoom):
                self._open_room(command)
            elif isinstance(command, JoinRoom):
                self._join_room(command)
            elif isinstance(command, SetName):
                self._name = command.name
                self._outbox.put((Named(name=command.name).model_dump_json(),))
        except TooManyGuesses as refused:
            self._outbox.put((ProtocolError("rate_limited", str(refused)).error.model_dump_json(),))
        except ProtocolError as error:
            self._outbox.put((error.error.model_dump_json(),))

    def _generate(self, command: Generate) -> None:
        if self._job is not None:
            raise ProtocolError("busy", "A picture is still being drawn; press Stop first, or wait for it.")
        room = self._teaching or self._joined
        seed = secrets.randbelow(self._options.limits.max_seed + 1) if command.seed is None else command.seed
        job = Job(
            command.to_request(seed),
            self._settings.outbox_previews,
            seed_chosen=command.seed is not None,
            room=room.code if room else None,
            author=TEACHER if self._teaching else self._author,
            nickname="" if self._teaching else self._name,  # the wall shows students' pictures, not the teacher's
        )
        ticket = Ticket(asyncio.get_running_loop(), self._outbox, on_end=self._ended)
        self._job, self._ticket = self._engine.submit(job, ticket), ticket
        if self._teaching is not None:
            self._teaching.broadcast(self._job)

    def _open_room(self, command: OpenRoom) -> None:
        if self._teaching is not None and command.key in (None, self._teaching_key):
            room, key = self._teaching, self._teaching_key  # one room per connection, however often it asks
        else:
            asked = command.key
            if asked is not None and not self._guesses.guess(self._address, partial(self._rooms.teaches, asked)):
                asked = None  # a wrong key opens a room of its own, but counts as a wrong guess
            try:
                room, key = self._rooms.open(self, self._address, asked)
            except RoomsFull as full:
                raise ProtocolError("rooms_full", str(full)) from None
            if self._teaching is not None and room is not self._teaching:
                self._rooms.leave(self._teaching, self)
            self._teaching, self._teaching_key = room, key
        self._outbox.put((RoomOpened(code=room.code, key=key, join_url=room.join_path).model_dump_json(),))

    def _join_room(self, command: JoinRoom) -> None:
        room = self._guesses.guess(self._address, lambda: self._rooms.get(command.code))
        if room is None:
            raise ProtocolError("no_room", f"There is no open room “{command.code}”; check the code on the board.")
        if self._joined is not None:
            self._rooms.leave(self._joined, self)
        self._stop_watching()
        self._joined = room
        self._rooms.join(room, self)
        self._outbox.put((Joined(code=room.code).model_dump_json(),))
        if room.current is not None:
            self.watch(room.current, room.code)

    def _ended(self, job: Job) -> None:
        if self._job is job:
            self._job = self._ticket = None
