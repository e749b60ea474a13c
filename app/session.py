"""One browser tab's WebSocket conversation."""

import asyncio
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect

from app.engine import Engine, Job
from app.outbox import Batch, Outbox
from app.protocol import Cancel, Heartbeat, Hello, Options, ProtocolError, parse_client_message

log = logging.getLogger(__name__)


class Session:
    """Reads commands and writes the outbox at the same time, so a closed tab cancels its run at once.

    Starlette only notices a disconnect inside receive(); a handler that only sent would keep drawing
    for nobody until a ping timed out. One run per connection: a second `generate` while one is going
    is answered with a `busy` error (the page sends `cancel` first when the user starts over).
    """

    def __init__(self, websocket: WebSocket, engine: Engine, options: Options, previews: int, heartbeat: float) -> None:
        self._websocket = websocket
        self._engine = engine
        self._options = options
        self._heartbeat = heartbeat
        self._outbox = Outbox(previews)
        self._job: Job | None = None

    async def run(self) -> None:
        """Serve the connection until the client leaves, then cancel whatever it left running."""
        self._outbox.put((Hello(heartbeat_seconds=self._heartbeat).model_dump_json(),))
        tasks = {asyncio.create_task(self._receive()), asyncio.create_task(self._send())}
        try:
            finished, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in tasks:
                task.cancel()
            if self._job is not None:
                self._engine.cancel(self._job)
            if self._outbox.dropped:
                log.info("a slow connection skipped %d step previews", self._outbox.dropped)
        for task in finished:
            task.result()  # a real bug surfaces here; disconnects end both loops quietly

    async def _receive(self) -> None:
        while True:
            message = await self._websocket.receive()
            if message["type"] == "websocket.disconnect":
                return
            raw = message.get("text")
            self._handle(raw if raw is not None else message.get("bytes", b""))

    async def _send(self) -> None:
        try:
            while True:
                try:
                    batch = await asyncio.wait_for(self._outbox.get(), self._heartbeat)
                except asyncio.TimeoutError:
                    batch = Batch((Heartbeat().model_dump_json(),), preview=False)
                for payload in batch.payloads:
                    if isinstance(payload, str):
                        await self._websocket.send_text(payload)
                    else:
                        await self._websocket.send_bytes(payload)
        except WebSocketDisconnect:
            return

    def _handle(self, raw: str | bytes) -> None:
        """Act on one client message; anything wrong with it becomes an `error`, never a closed socket."""
        try:
            command = parse_client_message(raw, self._options)
            if isinstance(command, Cancel):
                if self._job is not None:
                    self._engine.cancel(self._job)
                return
            if self._job is not None:
                raise ProtocolError("busy", "A picture is still being drawn; press Stop first, or wait for it.")
            job = Job(command, asyncio.get_running_loop(), self._outbox, on_end=self._ended)
            self._engine.submit(job)
            self._job = job
        except ProtocolError as error:
            self._outbox.put((error.error.model_dump_json(),))

    def _ended(self, job: Job) -> None:
        if self._job is job:
            self._job = None
