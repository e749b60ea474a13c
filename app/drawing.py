"""What a run's own thread does: paint, encode and post every step its sampler yields, file the result.

The sampler runs a step or two ahead on a thread of its own (app/ahead.py), so the network computes step k + 1
while step k is painted and sent; every step is still painted for a lone run."""

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import torch

from app.ahead import ahead
from app.batcher import BatcherClosed
from app.gallery import Gallery, GalleryRecord
from app.imaging import encode_png
from app.job import Job
from app.naming import file_stem
from app.protocol import (
    REVEAL_GIF_PATH,
    Cancelled,
    Done,
    Error,
    FrameHeader,
    FrameKind,
    PromptReading,
    Started,
    StepUpdate,
    Timings,
)
from app.replay import ReplayStore, Reveal
from model.autoencoder import latent_tiles
from model.clip import Clip
from model.denoiser import Forward
from model.images import to_uint8
from model.lessons.words import best_matching, things_named, untaught_words
from model.pipeline import Pipeline
from model.samplers import Step
from model.sketchbook import RunPainter
from model.team import Team

log = logging.getLogger(__name__)

SAMPLER_LEAD = 2  # steps the sampler may run ahead of the painting and sending of frames
NOISE_DISPLAY_SCALE = 3.0  # ε ~ N(0, 1): dividing by 3 fits ±3σ into the picture's [-1, 1]


@dataclass(frozen=True)
class Drawer:
    """What every run's thread draws with: the pipeline, the engine's batched hooks, and where finished runs go."""

    pipeline: Pipeline
    forward: Forward  # runs the network (the engine batches it across runs)
    run_painter: RunPainter  # runs the sketchbook's painters (batched likewise)
    paints: Callable[[int], bool]  # which steps are painted (the cheap preview shows the others)
    generated: Callable[[Job], None]  # a run needs the network no more: called before anything final is posted
    replay: ReplayStore
    gallery: Gallery

    def draw(self, job: Job) -> None:
        """Draw one run, posting every step; ends it with done, cancelled or error."""
        started = time.perf_counter()
        team = self.pipeline.team(job.request.backbone)  # a name the socket checked against the options
        reading = read_prompt(self.pipeline, job.request.prompt)
        job.post(self._started(job, team, reading), start=True)
        reveal = Reveal(file_stem=file_stem(job.request.prompt, job.seed))
        try:
            last, first_step_ms = self._steps(job, reveal, started)
        except BatcherClosed:  # the server is shutting down: the run ends as if cancelled
            self._end(job, Cancelled(job_id=job.id, steps_done=job.steps_done))
        except ValueError as error:  # the pipeline's words for a request it can't serve
            self._end(job, Error(code="invalid_field", message=str(error), job_id=job.id))
        except Exception as error:
            log.exception("generation %s failed", job.id)
            message = f"The model stumbled while drawing ({type(error).__name__}: {error})."
            self._end(job, Error(code="generation_failed", message=message, job_id=job.id))
        else:
            if last is None or last.index + 1 < job.request.num_inference_steps:
                self._end(job, Cancelled(job_id=job.id, steps_done=job.steps_done))
            else:
                self._finish(job, last, reveal, reading, started, first_step_ms)

    def _started(self, job: Job, team: Team, reading: PromptReading | None) -> Started:
        request = job.request
        return Started(
            job_id=job.id,
            total_steps=request.num_inference_steps,
            image_size=self.pipeline.image_size,
            num_images=request.num_images,
            seed=job.seed,
            sampler=request.sampler,
            backbone=team.name,
            schedule=team.schedule_name(request.schedule),
            sketchbook=team.draws_in_latent,
            reading=reading,
        )

    def _steps(self, job: Job, reveal: Reveal, started: float) -> tuple[Step | None, float]:
        """Post every step's update and frames as it comes; the last step, and when the first came (ms)."""
        last: Step | None = None
        first_step_ms = 0.0
        first_posted = threading.Event()
        sampled_steps = ahead(self._sampled(job, first_posted), SAMPLER_LEAD, name=f"dust-sampler-{job.id}")
        try:
            for sampled in sampled_steps:
                last = self.pipeline.shown(sampled, job.request, self.paints, self.run_painter)
                elapsed_ms = (time.perf_counter() - started) * 1000
                first_step_ms = first_step_ms or elapsed_ms
                self._post_step(job, reveal, last, elapsed_ms)
                first_posted.set()
        finally:
            first_posted.set()  # a sampler still waiting for the first frame goes on to its end
            sampled_steps.close()
        return last, first_step_ms

    def _post_step(self, job: Job, reveal: Reveal, step: Step, elapsed_ms: float) -> None:
        """One step's update and its frames: x_t, x̂0, the dust, and the sketch for a sketchbook team."""
        dusty, guess = to_uint8(step.x_t), to_uint8(step.pred_x0)
        noise = to_uint8(step.pred_noise / NOISE_DISPLAY_SCALE)
        reveal.record(dusty, guess)
        update = StepUpdate(
            job_id=job.id,
            index=step.index,
            timestep=step.timestep,
            sigma=step.sigma,
            alpha_bar=step.alpha_bar,
            elapsed_ms=elapsed_ms,
            preview=step.preview,
        )
        frames = (
            *_frames(job.id, step.index, FrameKind.X_T, dusty),
            *_frames(job.id, step.index, FrameKind.PRED_X0, guess),
            *_frames(job.id, step.index, FrameKind.PRED_NOISE, noise),
        )
        if step.latent is not None:
            sketch = to_uint8(latent_tiles(step.latent, self.pipeline.image_size))
            frames += tuple(_frames(job.id, step.index, FrameKind.LATENT, sketch))
        job.steps_done = step.index + 1
        job.post(update, *frames, preview=True)

    def _sampled(self, job: Job, first_posted: threading.Event) -> Iterator[Step]:
        """The run's steps in its team's own space, as fast as the network answers, once the first step's frames
        are out (what a waiting student sees first shares the cores with nothing); when they stop (done,
        cancelled or failed), the network is told the run needs it no more."""
        try:
            for step in self.pipeline.team_steps(job.request, self.forward):
                yield step
                first_posted.wait()
                if job.cancelled():
                    return
        finally:
            self.generated(job)

    def _end(self, job: Job, message: Cancelled | Error) -> None:
        """End a run that did not finish (the sampler has told the network it is free of it)."""
        job.post(message, last=True)

    def _finish(
        self, job: Job, last: Step, reveal: Reveal, reading: PromptReading | None, started: float, first_step_ms: float
    ) -> None:
        """The finished picture: kept for replay and in the gallery, then posted with `done`."""
        total = job.request.num_inference_steps
        final = to_uint8(last.x_next)
        reveal.record(final, final)
        self.replay.add(job.id, reveal)
        total_ms = (time.perf_counter() - started) * 1000
        timings = Timings(
            queued_ms=(started - job.submitted) * 1000,
            first_step_ms=first_step_ms,
            total_ms=total_ms,
            per_step_ms=total_ms / total,
        )
        final_frames = _frames(job.id, total - 1, FrameKind.FINAL, final)
        _file(self.gallery, job, final, reveal, timings)
        done = Done(
            job_id=job.id,
            seed=job.seed,
            steps=total,
            timings=timings,
            gif_url=REVEAL_GIF_PATH.format(job_id=job.id),
            file_stem=reveal.file_stem,
            drew=_drew(self.pipeline, reading, last.x_next[:1]),
        )
        job.post(*final_frames, done, last=True)


def read_prompt(pipeline: Pipeline, prompt: str) -> PromptReading | None:
    """The words of the prompt the teams were never taught, and the things it names; None for weights that did
    not record what they were taught (a Stable Diffusion folder), which also draw several things at once."""
    taught = pipeline.weights.vocabulary
    if taught is None:
        return None
    return PromptReading(untaught=untaught_words(prompt, taught), things=things_named(prompt, pipeline.weights.things))


def _drew(pipeline: Pipeline, reading: PromptReading | None, picture: torch.Tensor) -> str | None:
    """Which of two or more named things the first picture shows, where our CLIP can read pictures."""
    if reading is None or len(reading.things) < 2 or not isinstance(pipeline.clip, Clip):
        return None
    return best_matching(pipeline.clip, reading.things, picture)


def _file(gallery: Gallery, job: Job, final: np.ndarray, reveal: Reveal, timings: Timings) -> None:
    """Keep the picture for good; a full disk or a locked database costs the gallery entry, never the run."""
    try:
        gallery.add(GalleryRecord.of(job, timings), final, reveal)
    except (OSError, sqlite3.Error):
        log.exception("could not file run %s in the gallery", job.id)


def _frames(job_id: int, step: int, kind: FrameKind, images: np.ndarray) -> list[bytes]:
    """One binary frame per picture in the batch."""
    return [FrameHeader(job_id, step, kind, image=i).pack(encode_png(pixels)) for i, pixels in enumerate(images)]
