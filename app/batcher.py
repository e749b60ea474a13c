"""Step-level batching: calls from many runs' threads become one pass per engine tick.

Each run's sampler stays a plain generator on its own thread; its `forward` hook (`Batcher.forward`)
parks the call here and blocks, and so does its sketchbook painting (`Batcher.paint`): a decoder
batches too, if less well on a CPU. The engine's worker calls `take` and `run`: all waiting calls for one
network are concatenated along the batch (guided runs already bring their [uncond, cond] rows), the
network runs once, and each caller gets its own slice back.
"""

import logging
import threading
from dataclasses import dataclass, field

import torch
from torch import nn

from model.conditioning import TextCondition
from model.device import autocast
from model.sketchbook import Decode

log = logging.getLogger(__name__)


class BatcherClosed(RuntimeError):
    """The server is shutting down: a parked forward call will never be answered."""


@dataclass(eq=False)
class ParkedCall:
    """One run's network evaluation (or decoder painting), waiting to ride along in the next batch."""

    net: nn.Module | Decode  # calls on the same one share a pass
    x: torch.Tensor  # (B, C, H, W)
    t: torch.Tensor | None = None  # (B,); None for a painting
    cond: TextCondition | None = None  # B rows; None for a painting
    answered: threading.Event = field(default_factory=threading.Event)
    output: torch.Tensor | None = None
    error: BaseException | None = None

    @property
    def painting(self) -> bool:
        return not isinstance(self.net, nn.Module)

    @property
    def rows(self) -> int:
        return self.x.shape[0]

    def finish(self, output: torch.Tensor | None, error: BaseException | None = None) -> None:
        self.output, self.error = output, error
        self.answered.set()


class Batcher:
    """Parks forward calls under the engine's lock; the engine decides when a tick runs."""

    def __init__(self, lock: threading.Condition) -> None:
        self._lock = lock  # the engine's condition: a new call may make a tick ready
        self.pending: list[ParkedCall] = []  # oldest first, so a capped tick serves the longest waiting
        self._closed = False

    def forward(self, net: nn.Module, x: torch.Tensor, t: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        """The `forward` hook a run's generator is given: park the call, block until its tick answers."""
        return self._park(ParkedCall(net, x, t, cond))

    def paint(self, decode: Decode, latents: torch.Tensor) -> torch.Tensor:
        """A run's sketchbook painting: park it like a forward call, so many runs' paintings share a pass."""
        return self._park(ParkedCall(decode, latents))

    def _park(self, call: ParkedCall) -> torch.Tensor:
        with self._lock:
            if self._closed:
                raise BatcherClosed("the server is shutting down")
            self.pending.append(call)
            self._lock.notify_all()
        call.answered.wait()
        if call.error is not None:
            raise call.error
        assert call.output is not None
        return call.output

    def parked(self, painting: bool) -> list[ParkedCall]:
        """The waiting paintings, or the waiting network calls, oldest first."""
        return [call for call in self.pending if call.painting == painting]

    def take(self, max_rows: int, painting: bool) -> list[ParkedCall]:
        """The oldest network call (or painting) and the next ones for the same network (or decoder), up to
        `max_rows` (at least one call); paintings and network calls have a worker each, so they overlap."""
        kind = self.parked(painting)
        net = kind[0].net
        batch: list[ParkedCall] = []
        rows = 0
        for call in kind:
            if call.net == net and (not batch or rows + call.rows <= max_rows):
                batch.append(call)
                rows += call.rows
        self.pending = [call for call in self.pending if call not in batch]
        return batch

    def close(self) -> None:
        """Answer every parked call with BatcherClosed, so no run thread waits forever."""
        with self._lock:
            self._closed = True
            calls, self.pending = self.pending, []
        for call in calls:
            call.finish(None, BatcherClosed("the server is shutting down"))

    @torch.no_grad()
    def run(self, calls: list[ParkedCall]) -> None:
        """One batched pass; when it raises, halve the batch until the failing run is alone.

        Halving also answers GPU out-of-memory: the same calls go again in smaller passes. Only a
        call that fails on its own gets the error, so one bad run never takes the others down.
        """
        try:
            outputs = _forward(calls)
        except Exception as error:
            if len(calls) == 1:
                log.warning("a forward pass failed: %s", error)
                calls[0].finish(None, error)
                return
            if isinstance(error, torch.cuda.OutOfMemoryError):
                torch.cuda.empty_cache()
            log.info("a batch of %d runs failed (%s); retrying in halves", len(calls), type(error).__name__)
            half = len(calls) // 2
            self.run(calls[:half])
            self.run(calls[half:])
            return
        for call, output in zip(calls, outputs):
            call.finish(output)


def _forward(calls: list[ParkedCall]) -> tuple[torch.Tensor, ...]:
    """Concatenate the calls along the batch, run the network (or decoder) once, split the output back."""
    net, x = calls[0].net, torch.cat([call.x for call in calls])  # (ΣB, C, H, W)
    with autocast(x.device):  # autocast and no_grad are per thread: the run's own contexts don't reach here
        if isinstance(net, nn.Module):
            t = torch.cat([call.t for call in calls if call.t is not None])  # (ΣB,)
            cond = TextCondition.cat(*(call.cond for call in calls if call.cond is not None))
            output = net(x, t, cond)  # (ΣB, C, H, W)
        else:
            output = net(x)  # (ΣB, 3, S, S) pictures
    return output.split([call.rows for call in calls])
