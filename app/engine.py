"""The engine: one worker thread runs every active run's network call in one batched pass, another their paintings.

It shares the pipeline with the lessons, whose work goes through the lesson gate (app/lessons/kit/gate.py) on
threads of their own; the engine batches the drawing runs of the main page and the rooms.

Each admitted run draws on its own thread (app/drawing.py) with `Batcher.forward` as its network hook and
`Batcher.paint` running its sketchbook's painters (the step painter, the decoder). Its sampler runs a step or two
ahead, so its painting of one step and its network call for the next wait on different workers and overlap (a core
each on a 2-core machine). The network worker admits waiting runs first come, first served while their rows fit
`max_batch_rows`, then runs a tick as soon as every sampling run has parked its next call (or the parked calls fill
a batch): runs join at the next tick and leave when they finish, which is continuous batching. The painter paints
whatever paintings wait, in one pass. `max_batch_rows=1` serves one run at a time, the old behaviour and the
benchmark's baseline.
"""

import threading
from collections import deque

import torch

from app.batcher import Batcher
from app.drawing import Drawer
from app.gallery import Gallery
from app.job import Job, Ticket, encode
from app.outbox import Payload
from app.protocol import Accepted, Cancelled, ProtocolError, Queued
from app.replay import ReplayStore
from model.pipeline import GenerationRequest, Pipeline


def decoder_paints(index: int, runs: int, model_paint_every: int, busy_paint_every: int) -> bool:
    """Whether step `index` of a sketchbook run is painted, by the step painter or the decoder (the cheap preview
    shows the steps between).

    While one run has the server, every `model_paint_every`-th step (the model's own cadence: every step for
    our small sketchbook). When `runs` run or wait, at most every `busy_paint_every`-th: paintings share
    passes too, but a decoder batches worse than the network on a CPU and would eat what batching saves.
    """
    every = model_paint_every if runs <= 1 else max(model_paint_every, busy_paint_every)
    return index % every == 0


class Engine:
    """Owns the pipeline, the fair waiting line, the active runs and the batching worker."""

    def __init__(
        self,
        pipeline: Pipeline,
        replay: ReplayStore,
        gallery: Gallery,
        *,
        max_queue: int,
        max_batch_rows: int,
        previews: int,
        busy_paint_every: int = 1,
    ) -> None:
        self._pipeline = pipeline
        self._max_queue = max_queue
        self._max_rows = max_batch_rows
        self._previews = previews
        self._busy_paint_every = busy_paint_every
        self._changed = threading.Condition()
        self._batcher = Batcher(self._changed)
        self._painter_ready = threading.Event()
        self._drawer = Drawer(
            pipeline, self._batcher.forward, self._batcher.paint, self._paints, self._generated, replay, gallery
        )
        self._waiting: deque[Job] = deque()
        self._active: dict[Job, threading.Thread] = {}
        self._shared: dict[GenerationRequest, Job] = {}  # runs with a chosen seed, for identical requests
        self._closed = False
        self._threads = (
            threading.Thread(target=self._work, args=(False,), name="dust-engine", daemon=True),
            threading.Thread(target=self._work, args=(True,), name="dust-painter", daemon=True),
        )
        self.ticks = 0  # batched network passes so far (paintings not counted), for tests and the benchmark

    def start(self) -> None:
        """Start both workers; the painter computes on one core, so the network keeps the others while it paints.

        Torch's thread count belongs to each thread, but setting it also sets the count new threads start with:
        this thread sets it back once the painter has its own."""
        cores = torch.get_num_threads()
        for thread in self._threads:
            thread.start()
        self._painter_ready.wait()
        torch.set_num_threads(cores)

    def close(self) -> None:
        """Cancel everything, release parked calls and wait for the worker and the run threads."""
        with self._changed:
            self._closed = True
            for job in (*self._waiting, *self._active):
                job.cancel()
            threads = list(self._active.values())
            self._changed.notify_all()
        self._batcher.close()
        for worker in self._threads:
            worker.join()
        for thread in threads:
            thread.join(timeout=30)

    def idle(self) -> bool:
        """True when nothing runs or waits: /healthz reports it, tests wait for it after a cancel."""
        with self._changed:
            return not self._active and not self._waiting

    def submit(self, job: Job, ticket: Ticket) -> Job:
        """Queue a run, or join an identical one already going; returns the job the ticket is on.

        Raises ProtocolError when the waiting line is full.
        """
        with self._changed:
            twin = self._shared.get(job.request)
            if twin is not None and twin.attach(ticket, first=self._standing(twin)):
                return twin
            if len(self._waiting) >= self._max_queue:
                raise ProtocolError("queue_full", "Lots of pictures are waiting already; try again in a minute.")
            self._waiting.append(job)
            if job.seed_chosen:
                self._shared[job.request] = job
            self._admit()  # joins the very next tick when its rows fit
            job.attach(ticket, first=self._standing(job))
            self._changed.notify_all()
            return job

    def watch(self, job: Job, ticket: Ticket, first: tuple[Payload, ...] = ()) -> None:
        """Let a room's late joiner see a run already going."""
        with self._changed:
            job.attach(ticket, watcher=True, first=first)

    def unwatch(self, job: Job, ticket: Ticket) -> None:
        """The watcher sees no more of the run; its ticket delivers nothing already on its way."""
        ticket.close()
        job.unwatch(ticket)

    def cancel(self, job: Job, ticket: Ticket) -> None:
        """Take one requester off a run: it hears `cancelled` at once; the run stops when nobody is left."""
        with self._changed:
            ticket.send(job, encode(Cancelled(job_id=job.id, steps_done=job.steps_done)), last=True)
            if not job.detach(ticket):
                return
            job.cancel()
            if self._shared.get(job.request) is job:
                del self._shared[job.request]
            if job in self._waiting:
                self._waiting.remove(job)
                job.post(Cancelled(job_id=job.id, steps_done=0), last=True)  # its watchers
                self._announce_positions()
            self._changed.notify_all()

    def _standing(self, job: Job) -> tuple[Payload, ...]:
        """`accepted` for a run in the batch, else `queued` with its place in line (1 = next in)."""
        if job in self._waiting:
            place = self._waiting.index(job) + 1
            return encode(Queued(job_id=job.id, position=place))
        return encode(Accepted(job_id=job.id))

    def _announce_positions(self) -> None:
        for place, job in enumerate(self._waiting, start=1):
            job.post(Queued(job_id=job.id, position=place))

    def _admit(self) -> None:
        """Move runs from the line into the batch, oldest first, while their rows fit."""
        moved = False
        rows = sum(job.rows for job in self._active)
        while self._waiting and (not self._active or rows + self._waiting[0].rows <= self._max_rows):
            job = self._waiting.popleft()
            rows += job.rows
            job.generating = True
            thread = threading.Thread(target=self._draw, args=(job,), name=f"dust-run-{job.id}", daemon=True)
            self._active[job] = thread
            thread.start()
            moved = True
        if moved:
            self._announce_positions()

    def _ready(self, painting: bool) -> bool:
        """Paint whatever paintings wait; run a network pass once every sampling run has parked its call, or the
        parked calls fill a batch."""
        parked = self._batcher.parked(painting)
        if painting or not parked:
            return bool(parked)
        sampling = sum(job.generating for job in self._active)
        return len(parked) >= sampling or sum(call.rows for call in parked) >= self._max_rows

    def _work(self, painting: bool) -> None:
        """One worker's loop: the network's passes, or (on the other worker, so the two overlap) the paintings."""
        if painting:
            torch.set_num_threads(1)
            self._painter_ready.set()
        while True:
            with self._changed:
                self._admit()
                while not self._closed and not self._ready(painting):
                    self._changed.wait()
                    self._admit()
                if self._closed:
                    return
                calls = self._batcher.take(self._max_rows, painting)
                self.ticks += not painting
            self._batcher.run(calls)

    def _draw(self, job: Job) -> None:
        try:
            self._drawer.draw(job)
        finally:
            with self._changed:
                job.generating = False
                del self._active[job]
                self._changed.notify_all()

    def _paints(self, index: int) -> bool:
        with self._changed:
            runs = len(self._active) + len(self._waiting)
        return decoder_paints(index, runs, self._pipeline.weights.paint_every, self._busy_paint_every)

    def _generated(self, job: Job) -> None:
        """The run needs the network no more: stop waiting for it in ticks, and let new twins start afresh."""
        with self._changed:
            job.generating = False
            if self._shared.get(job.request) is job:
                del self._shared[job.request]
            self._changed.notify_all()
