"""The engine: one worker thread that runs generations first come, first served, off the event loop.

Every step is encoded on the worker and handed to the connection's outbox with
`loop.call_soon_threadsafe`, the only way the worker touches asyncio. A cancel flag is checked by
the pipeline at every step, so Stop and a closed tab take effect within one step.
"""

import asyncio
import logging
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

import numpy as np

from app.imaging import encode_png
from app.outbox import Outbox, Payload
from app.protocol import (
    MAX_SEED,
    REVEAL_GIF_PATH,
    Accepted,
    Cancelled,
    Done,
    Error,
    FrameHeader,
    FrameKind,
    Generate,
    Options,
    ProtocolError,
    Queued,
    ServerMessage,
    Started,
    StepUpdate,
    Timings,
)
from app.replay import ReplayStore, Reveal
from model.images import to_uint8
from model.pipeline import Pipeline
from model.samplers import Step

log = logging.getLogger(__name__)

NOISE_DISPLAY_SCALE = 3.0  # ε ~ N(0, 1): dividing by 3 fits ±3σ into the picture's [-1, 1]


class Job:
    """One run asked for by one connection, and the thread-safe way back to that connection."""

    def __init__(
        self, message: Generate, loop: asyncio.AbstractEventLoop, outbox: Outbox, on_end: Callable[["Job"], None]
    ) -> None:
        self.id = secrets.randbelow(2**32)  # unguessable, so one visitor can't fetch another's GIF
        self.seed = secrets.randbelow(MAX_SEED + 1) if message.seed is None else message.seed
        self.request = message.to_request(self.seed)
        self.submitted = time.perf_counter()
        self._loop = loop
        self._outbox = outbox
        self._on_end = on_end
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def post(self, *messages: ServerMessage | bytes, preview: bool = False, last: bool = False) -> None:
        """Queue messages and frames on the connection as one batch, in order; callable from any thread."""
        payloads = tuple(m if isinstance(m, bytes) else m.model_dump_json() for m in messages)
        try:
            self._loop.call_soon_threadsafe(self._deliver, payloads, preview, last)
        except RuntimeError:  # the event loop is gone (server shutting down): nobody is listening
            self.cancel()

    def _deliver(self, payloads: tuple[Payload, ...], preview: bool, last: bool) -> None:
        self._outbox.put(payloads, preview=preview)
        if last:
            self._on_end(self)


class Engine:
    """Owns the pipeline and the worker thread; every connection's runs wait in one fair queue."""

    def __init__(self, pipeline: Pipeline, options: Options, replay: ReplayStore, max_queue: int) -> None:
        self._pipeline = pipeline
        self._options = options
        self._replay = replay
        self._max_queue = max_queue
        self._waiting: deque[Job] = deque()
        self._running: Job | None = None
        self._closed = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._work, name="dust-engine", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """Cancel everything and wait for the worker, which finishes within one step."""
        with self._changed:
            self._closed = True
            for job in (*self._waiting, *([self._running] if self._running else [])):
                job.cancel()
            self._changed.notify_all()
        self._thread.join()

    def idle(self) -> bool:
        """True when nothing runs or waits: /healthz reports it, tests wait for it after a cancel."""
        with self._changed:
            return self._running is None and not self._waiting

    def submit(self, job: Job) -> None:
        """Queue a run and tell its owner where it stands; raises ProtocolError when the queue is full."""
        with self._changed:
            if len(self._waiting) >= self._max_queue:
                raise ProtocolError("queue_full", "Lots of pictures are waiting already; try again in a minute.")
            self._waiting.append(job)
            ahead = len(self._waiting) - 1 + (self._running is not None)
            job.post(Queued(job_id=job.id, position=ahead) if ahead else Accepted(job_id=job.id))
            self._changed.notify_all()

    def cancel(self, job: Job) -> None:
        """Stop a run: a waiting one is dropped at once, a running one within one step."""
        job.cancel()
        with self._changed:
            if job in self._waiting:
                self._waiting.remove(job)
                job.post(Cancelled(job_id=job.id, steps_done=0), last=True)
                self._announce_positions()

    def _announce_positions(self) -> None:
        for ahead, job in enumerate(self._waiting, start=1):
            job.post(Queued(job_id=job.id, position=ahead))

    def _work(self) -> None:
        while True:
            with self._changed:
                while not self._waiting and not self._closed:
                    self._changed.wait()
                if self._closed:
                    return
                job = self._running = self._waiting.popleft()
                self._announce_positions()
            try:
                self._run(job)
            finally:
                with self._changed:
                    self._running = None

    def _run(self, job: Job) -> None:
        """Draw one picture, posting every step; ends the job with done, cancelled or error."""
        started = time.perf_counter()
        request = job.request
        total = request.num_inference_steps
        job.post(
            Started(
                job_id=job.id,
                total_steps=total,
                image_size=self._pipeline.image_size,
                num_images=request.num_images,
                seed=job.seed,
                sampler=request.sampler,
                backbone=request.backbone,
                schedule=request.schedule or self._options.training_schedule,
            )
        )
        reveal = Reveal()
        last: Step | None = None
        first_step_ms = 0.0
        try:
            for last in self._pipeline.generate(request, should_stop=job.cancelled):
                elapsed_ms = (time.perf_counter() - started) * 1000
                first_step_ms = first_step_ms or elapsed_ms
                dusty, guess = to_uint8(last.x_t), to_uint8(last.pred_x0)
                noise = to_uint8(last.pred_noise / NOISE_DISPLAY_SCALE)
                reveal.record(dusty, guess)
                update = StepUpdate(
                    job_id=job.id,
                    index=last.index,
                    timestep=last.timestep,
                    sigma=last.sigma,
                    alpha_bar=last.alpha_bar,
                    elapsed_ms=elapsed_ms,
                )
                frames = (
                    *_frames(job.id, last.index, FrameKind.X_T, dusty),
                    *_frames(job.id, last.index, FrameKind.PRED_X0, guess),
                    *_frames(job.id, last.index, FrameKind.PRED_NOISE, noise),
                )
                job.post(update, *frames, preview=True)
        except ValueError as error:  # the pipeline's words for a request it can't serve
            job.post(Error(code="invalid_field", message=str(error), job_id=job.id), last=True)
            return
        except Exception as error:
            log.exception("generation %s failed", job.id)
            message = f"The model stumbled while drawing ({type(error).__name__}: {error})."
            job.post(Error(code="generation_failed", message=message, job_id=job.id), last=True)
            return
        if last is None or last.index + 1 < total:
            job.post(Cancelled(job_id=job.id, steps_done=0 if last is None else last.index + 1), last=True)
            return
        final = to_uint8(last.x_next)
        reveal.record(final, final)
        self._replay.add(job.id, reveal)
        total_ms = (time.perf_counter() - started) * 1000
        timings = Timings(
            queued_ms=(started - job.submitted) * 1000,
            first_step_ms=first_step_ms,
            total_ms=total_ms,
            per_step_ms=total_ms / total,
        )
        done = Done(
            job_id=job.id, seed=job.seed, steps=total, timings=timings, gif_url=REVEAL_GIF_PATH.format(job_id=job.id)
        )
        job.post(*_frames(job.id, total - 1, FrameKind.FINAL, final), done, last=True)


def _frames(job_id: int, step: int, kind: FrameKind, images: np.ndarray) -> list[bytes]:
    """One binary frame per picture in the batch."""
    return [FrameHeader(job_id, step, kind, image=i).pack(encode_png(pixels)) for i, pixels in enumerate(images)]
