"""Where a streamed step's time goes: `python -m app.bench.split [--model-path FOLDER]`. Prints numbers; asserts
nothing.

Times each part of a lone run alone, on this thread, the fastest of many tries (a busy neighbour only ever adds
time): the sampler's step (network and sampler arithmetic), painting x_t and x̂0 by the decoder and by the step
painter, the frames' pixels and PNGs, and what a run does once (the text encoder, the last step's painting, filing in
the gallery). `app.bench.stream` measures the whole run; this says which part to make cheaper.
"""

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import torch

from app.drawing import NOISE_DISPLAY_SCALE
from app.gallery import Gallery, GalleryRecord
from app.imaging import encode_png
from app.protocol import settings_of
from app.replay import Reveal
from model.autoencoder import latent_tiles
from model.images import to_uint8
from model.loading import load_pipeline
from model.pipeline import GenerationRequest, Pipeline

PROMPT = "a smiling cat face"


def fastest_ms(work: Callable[[], object], tries: int) -> float:
    """The fastest of `tries` timed calls after one warm-up, in ms."""
    work()
    times = []
    for _ in range(tries):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times) * 1000


def say(part: str, ms: float) -> None:
    print(f"{part:<52} {ms:7.2f} ms")


def painting_parts(pipeline: Pipeline, request: GenerationRequest) -> dict[str, Callable[[], object]]:
    """What showing one step of a sketchbook team's run costs, part by part, on a step a quarter of the way in."""
    steps = list(pipeline.team_steps(request))
    step = steps[len(steps) // 4]
    shown_rows = torch.cat([step.x_t, step.pred_x0])  # (2, C, h, w): what a step paints
    last_rows = torch.cat([step.x_t, step.pred_x0, step.x_next])  # the last step paints the picture too
    shown = pipeline.shown(step, request)
    parts: dict[str, Callable[[], object]] = {
        "painting x_t and x0 by the decoder": lambda: pipeline.to_pictures(shown_rows),
        "painting x_t and x0 by the step painter": lambda: pipeline.paint_step(shown_rows),
        "the last step painted by the decoder (3 rows)": lambda: pipeline.to_pictures(last_rows),
        "three frames to 8 bits and the sketch's tiles": lambda: (
            to_uint8(shown.x_t),
            to_uint8(shown.pred_x0),
            to_uint8(shown.pred_noise / NOISE_DISPLAY_SCALE),
            to_uint8(latent_tiles(step.x_t, pipeline.image_size)),
        ),
    }
    if pipeline.step_painter is None:
        del parts["painting x_t and x0 by the step painter"]
    return parts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model-path", type=Path, help="a weights folder (default: the shipped weights)")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--tries", type=int, default=100)
    args = parser.parse_args()

    pipeline = load_pipeline(args.model_path)
    print(f"machine: {torch.get_num_threads()} torch threads on {pipeline.device}; fastest of {args.tries} tries")
    for team in pipeline.backbones:
        request = GenerationRequest(PROMPT, num_inference_steps=args.steps, seed=1, backbone=team)
        whole = fastest_ms(lambda: list(pipeline.team_steps(request)), max(3, args.tries // 20))  # noqa: B023
        print(f"{team}: {args.steps} sampler steps {whole:.1f} ms, {whole / args.steps:.1f} ms a step")
        if pipeline.team(team).draws_in_latent:
            for part, work in painting_parts(pipeline, request).items():
                say(f"  {part}", fastest_ms(work, args.tries))
    pixels = to_uint8(pipeline.sample(GenerationRequest(PROMPT, num_inference_steps=2)))
    say("four PNG frames", fastest_ms(lambda: [encode_png(pixels[0]) for _ in range(4)], args.tries))
    say("the text encoder", fastest_ms(lambda: pipeline.clip.condition([PROMPT]), args.tries))
    reveal = Reveal(file_stem="bench")
    for _ in range(args.steps):
        reveal.record(pixels, pixels)
    record = GalleryRecord(
        **settings_of(GenerationRequest(PROMPT)), queued_ms=0.0, total_ms=0.0, room=None, author="", nickname=""
    )
    with tempfile.TemporaryDirectory() as folder:
        gallery = Gallery(Path(folder))
        filing = fastest_ms(lambda: gallery.add(record, pixels, reveal), max(5, args.tries // 5))
    say("filing in the gallery (PNG, npz, fsyncs)", filing)


if __name__ == "__main__":
    main()
