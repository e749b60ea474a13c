"""Streaming benchmark: `python -m app.bench.stream [--tiny | --model-path FOLDER]`. Prints numbers; asserts nothing.

Runs the same generation N times through the real WebSocket on loopback (uvicorn in a thread of this
process) and N times as pure sampling (`Pipeline.sample`: the steps and the finished picture, nothing
shown), alternating so both see the same machine state, then reports time to first frame, frames per
second and the streaming overhead ratio: everything showing the steps adds (the step painter's or decoder's
paintings and previews, PNG frames, the socket). With a step painter in the model, it also streams each run with
the decoder painting every step instead, taking turns with the others: the painter's before/after in one run.
"""

import argparse
import json
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from websockets.sync.client import connect

from app.bench.load import TINY_QUICK_STEPS
from app.config import Settings
from app.main import create_app
from app.options import page_backbone
from app.server import WS_MAX_BYTES, BackgroundServer
from model.loading import load_pipeline, tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline, quick_request


@dataclass(frozen=True)
class StreamedRun:
    wall_s: float  # send `generate` → receive `done`
    first_frame_s: float  # send `generate` → first binary frame
    frames: int
    bytes: int


def streamed_run(ws_url: str, message: dict) -> StreamedRun:
    """One generation through /ws, timed from the client's side."""
    frames = size = 0
    first_frame = 0.0
    with connect(ws_url, max_size=WS_MAX_BYTES, compression=None) as socket:
        json.loads(socket.recv())  # hello
        started = time.perf_counter()
        socket.send(json.dumps(message))
        while True:
            data = socket.recv()
            if isinstance(data, bytes):
                frames, size = frames + 1, size + len(data)
                first_frame = first_frame or time.perf_counter() - started
                continue
            kind = json.loads(data)["type"]
            if kind in ("error", "cancelled"):
                raise RuntimeError(f"the benchmark run ended with {data}")
            if kind == "done":
                return StreamedRun(time.perf_counter() - started, first_frame, frames, size)


def direct_run(pipeline: Pipeline, request: GenerationRequest) -> float:
    """The same sampling with nothing shown, on this thread: the steps, then the finished picture painted once."""
    started = time.perf_counter()
    pipeline.sample(request)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="use the tiny untrained preset")
    parser.add_argument(
        "--model-path",
        type=Path,
        help="a weights folder, ours or a Stable Diffusion one (default: the shipped weights)",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each kind (after one warm-up)")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--num-images", type=int, default=1)
    parser.add_argument("--backbone", help="the team to draw with (default: the one the page starts on)")
    parser.add_argument("--sampler", default="dpmpp_2m")
    parser.add_argument("--quick", action="store_true", help="the team's few-step student, as the quick switch draws")
    args = parser.parse_args()

    pipeline = tiny_pipeline(quick_steps=TINY_QUICK_STEPS) if args.tiny else load_pipeline(args.model_path)
    backbone = args.backbone or page_backbone(pipeline)
    message = {
        "type": "generate",
        "prompt": "a smiling cat face",
        "steps": args.steps,
        "seed": 1,
        "num_images": args.num_images,
        "backbone": backbone,
        "sampler": args.sampler,
        "quick": args.quick,
    }
    request = GenerationRequest(
        prompt=message["prompt"],
        num_inference_steps=args.steps,
        seed=1,
        num_images=args.num_images,
        backbone=backbone,
        sampler=args.sampler,
    )
    if args.quick:
        student = pipeline.team(backbone).quick
        if student is None:
            parser.error(f"{pipeline.team(backbone).label} has no few-step student in this model")
        request = quick_request(request, student.config.distilled_steps)
        args.steps = message["steps"] = request.num_inference_steps
        args.sampler = f"{request.sampler} (the student, quick)"
    gallery = tempfile.TemporaryDirectory()  # the benchmark's pictures are not worth keeping
    settings = Settings(max_steps=args.steps, gallery_dir=Path(gallery.name))
    server = BackgroundServer(lambda: create_app(settings, pipeline), log_level="warning")
    server.start()
    try:
        direct_run(pipeline, request), streamed_run(server.ws_url, message)  # warm-up
        direct, streamed, decoder_only = [], [], []
        step_painter = pipeline.step_painter
        for _ in range(args.runs):
            direct.append(direct_run(pipeline, request))
            streamed.append(streamed_run(server.ws_url, message))
            if step_painter is not None:  # the same run with the decoder painting every step, for the before/after
                pipeline.step_painter = None
                decoder_only.append(streamed_run(server.ws_url, message))
                pipeline.step_painter = step_painter
    finally:
        server.stop()
        gallery.cleanup()

    model = "tiny untrained preset" if not pipeline.trained else f"weights from {pipeline.weights.path}"
    wall = statistics.median(r.wall_s for r in streamed)
    plain = statistics.median(direct)
    frames = streamed[0].frames
    print(f"model: {model}, {pipeline.image_size}px, backbone {backbone}, sampler {args.sampler}")
    print(f"machine: {torch.get_num_threads()} torch threads on {pipeline.device}")
    print(f"run: {args.steps} steps x {args.num_images} picture(s), {args.runs} timed runs each (medians)")
    print(f"time to first frame   {statistics.median(r.first_frame_s for r in streamed) * 1000:8.1f} ms")
    print(f"frames per run        {frames:8d}    ({streamed[0].bytes / frames / 1024:.1f} KiB each)")
    print(f"frames per second     {frames / wall:8.1f}")
    print(f"streamed run          {wall * 1000:8.1f} ms")
    print(f"  per step            {wall / args.steps * 1000:8.1f} ms")
    print(f"  per picture         {wall / args.num_images * 1000:8.1f} ms")
    print(f"pure sampling         {plain * 1000:8.1f} ms   (nothing shown: the steps, then the picture)")
    print(f"streaming overhead    {wall / plain:8.2f}x   (medians)")
    if decoder_only:
        slow = statistics.median(r.wall_s for r in decoder_only)
        print(
            f"  decoder every step  {slow * 1000:8.1f} ms   ({slow / plain:.2f}x; fastest"
            f" {min(r.wall_s for r in decoder_only) / min(direct):.2f}x): the steps painted without the step painter"
        )
    fastest_wall, fastest_plain = min(r.wall_s for r in streamed), min(direct)
    print(
        f"fastest runs          {fastest_wall * 1000:8.1f} ms streamed, {fastest_plain * 1000:.1f} ms pure:"
        f" {fastest_wall / fastest_plain:.2f}x (a busy neighbour only ever adds time)"
    )


if __name__ == "__main__":
    main()
