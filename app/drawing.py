"""What a run's own thread does: drain the pipeline's generator, encode and post every step, file the result."""

import logging
import sqlite3
import time
from collections.abc import Callable

import numpy as np
import torch

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
from model.sketchbook import Decode

log = logging.getLogger(__name__)

NOISE_DISPLAY_SCALE = 3.0  # ε ~ N(0, 1): dividing by 3 fits ±3σ into the picture's [-1, 1]


def draw(
    job: Job,
    pipeline: Pipeline,
    forward: Forward,
    decode: Decode,
    paints: Callable[[int], bool],
    generated: Callable[[Job], None],
    replay: ReplayStore,
    gallery: Gallery,
) -> None:
    """Draw one run, posting every step; ends it with done, cancelled or error.

    `forward` runs the network and `decode` the sketchbook's decoder (the engine batches both across runs);
    `paints` says which steps the sketchbook's decoder paints (the cheap preview shows the others);
    `generated` is called once the run needs the network no more, before anything final is posted.
    """
    started = time.perf_counter()
    request = job.request
    total = request.num_inference_steps
    reading = read_prompt(pipeline, request.prompt)
    job.post(
        Started(
            job_id=job.id,
            total_steps=total,
            image_size=pipeline.image_size,
            num_images=request.num_images,
            seed=job.seed,
            sampler=request.sampler,
            backbone=request.backbone,
            schedule=pipeline.schedule_name(request.backbone, request.schedule),
            sketchbook=pipeline.draws_in_latent(request.backbone),
            reading=reading,
        ),
        start=True,
    )
    reveal = Reveal(file_stem=file_stem(request.prompt, job.seed))
    last: Step | None = None
    first_step_ms = 0.0
    try:
        for last in pipeline.generate(
            request, should_stop=job.cancelled, forward=forward, paints=paints, decode=decode
        ):
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
                preview=last.preview,
            )
            frames = (
                *_frames(job.id, last.index, FrameKind.X_T, dusty),
                *_frames(job.id, last.index, FrameKind.PRED_X0, guess),
                *_frames(job.id, last.index, FrameKind.PRED_NOISE, noise),
            )
            if last.latent is not None:
                sketch = to_uint8(latent_tiles(last.latent, pipeline.image_size))
                frames += tuple(_frames(job.id, last.index, FrameKind.LATENT, sketch))
            job.steps_done = last.index + 1
            job.post(update, *frames, preview=True)
    except BatcherClosed:  # the server is shutting down: the run ends as if cancelled
        generated(job)
        job.post(Cancelled(job_id=job.id, steps_done=job.steps_done), last=True)
        return
    except ValueError as error:  # the pipeline's words for a request it can't serve
        generated(job)
        job.post(Error(code="invalid_field", message=str(error), job_id=job.id), last=True)
        return
    except Exception as error:
        generated(job)
        log.exception("generation %s failed", job.id)
        message = f"The model stumbled while drawing ({type(error).__name__}: {error})."
        job.post(Error(code="generation_failed", message=message, job_id=job.id), last=True)
        return
    generated(job)
    if last is None or last.index + 1 < total:
        job.post(Cancelled(job_id=job.id, steps_done=job.steps_done), last=True)
        return
    final = to_uint8(last.x_next)
    reveal.record(final, final)
    replay.add(job.id, reveal)
    total_ms = (time.perf_counter() - started) * 1000
    timings = Timings(
        queued_ms=(started - job.submitted) * 1000,
        first_step_ms=first_step_ms,
        total_ms=total_ms,
        per_step_ms=total_ms / total,
    )
    final_frames = _frames(job.id, total - 1, FrameKind.FINAL, final)
    _file(gallery, job, final, reveal, timings)
    done = Done(
        job_id=job.id,
        seed=job.seed,
        steps=total,
        timings=timings,
        gif_url=REVEAL_GIF_PATH.format(job_id=job.id),
        file_stem=reveal.file_stem,
        drew=_drew(pipeline, reading, last.x_next[:1]),
    )
    job.post(*final_frames, done, last=True)


def read_prompt(pipeline: Pipeline, prompt: str) -> PromptReading | None:
    """The words of the prompt the teams were never taught, and the things it names; None for weights that did
    not record what they were taught (a Stable Diffusion folder), which also draw several things at once."""
    if pipeline.vocabulary is None:
        return None
    return PromptReading(
        untaught=untaught_words(prompt, pipeline.vocabulary), things=things_named(prompt, pipeline.things)
    )


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
