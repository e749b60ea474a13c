"""A per-connection send queue that stays bounded however slowly the browser reads."""

import asyncio
from collections import deque
from dataclasses import dataclass

Payload = str | bytes  # a text (JSON) or binary WebSocket message


@dataclass(frozen=True)
class Batch:
    """Messages that must go out together, in order: a step's JSON and its frames, or one control message."""

    payloads: tuple[Payload, ...]
    preview: bool  # a step preview, superseded by the next one; everything else is never dropped


class Outbox:
    """Keeps at most `max_previews` step previews waiting, dropping the oldest for this client only.

    `start`, final frames, `done` and errors are never dropped; there are only a handful per run and
    one run per connection, so the queue is bounded without them counting. Use it from the event
    loop thread only; the engine reaches it through `loop.call_soon_threadsafe`.
    """

    def __init__(self, max_previews: int) -> None:
        self._max_previews = max_previews
        self._batches: deque[Batch] = deque()
        self._previews = 0
        self._ready = asyncio.Event()
        self.dropped = 0  # previews shed so far, logged when the connection ends

    def put(self, payloads: tuple[Payload, ...], *, preview: bool = False) -> None:
        """Queue a batch; when previews pile up, forget the oldest one still waiting."""
        if preview:
            if self._previews == self._max_previews:
                oldest = next(i for i, batch in enumerate(self._batches) if batch.preview)
                del self._batches[oldest]
                self._previews -= 1
                self.dropped += 1
            self._previews += 1
        self._batches.append(Batch(payloads, preview))
        self._ready.set()

    async def get(self) -> Batch:
        """Wait for the next batch; safe to cancel (nothing is taken until it is returned)."""
        while not self._batches:
            self._ready.clear()
            await self._ready.wait()
        batch = self._batches.popleft()
        if batch.preview:
            self._previews -= 1
        return batch
