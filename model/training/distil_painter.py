"""Distil the sketchbook's decoder into the step painter (model/step_painter.py), on the latents runs really show.

    python -m model.training.distil_painter --weights model/weights --minutes 10 --out runs/painter

The latents are the states every team (and its student) passes through while drawing: x_t, x̂0 and x_next of each
step, for prompts, seeds, samplers, step counts and hints drawn at random, so the painter learns the noisy and the
blurry latents a live run shows, not only finished pictures. The targets are the sketchbook decoder's paintings of
the same latents. A second set of runs, from other seeds, is held out; the error on it, against the decoder and
beside the cheap linear preview's, is printed per kind of latent and written to `<out>/distil_painter_log.json`.
Writes `<out>/step-painter.safetensors`, which ships beside the sketchbook.
"""

import argparse
import json
import math
import random
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

from model.checkpoint import save_checkpoint
from model.data.concepts import CONCEPTS
from model.data.sentences import spoken_captions
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import GenerationRequest, Pipeline, quick_request
from model.samplers import SAMPLERS
from model.sketchbook import Decode
from model.step_painter import StepPainter, StepPainterConfig
from model.training.train import learning_rate

STATES = ("x_t", "pred_x0", "x_next")  # what a step shows: the dusty state, the guess, and the next state
STEP_COUNTS = (2, 4, 8, 12, 20, 30, 50)
PICTURES_PER_RUN = 8


def random_request(pipeline: Pipeline, rng: random.Random, seed: int) -> GenerationRequest:
    """A run as the page might ask for one: any team or its student, any sampler, step count and hint."""
    concept = rng.choice(CONCEPTS)
    prompt = rng.choice([concept.name, *spoken_captions(concept, 4)])
    team = pipeline.team(rng.choice(pipeline.backbones))
    request = GenerationRequest(
        prompt=prompt,
        num_inference_steps=rng.choice(STEP_COUNTS),
        guidance_scale=rng.choice([0.0, 1.0, 2.0, 2.0, 4.0, 7.5]),
        seed=seed,
        sampler=rng.choice(list(SAMPLERS)),
        backbone=team.name,
        num_images=PICTURES_PER_RUN,
    )
    if team.quick is not None and rng.random() < 0.2:
        return quick_request(request, team.quick.config.distilled_steps)
    return request


@torch.no_grad()
def shown_latents(pipeline: Pipeline, runs: int, seed: int) -> dict[str, torch.Tensor]:
    """Every latent state of `runs` random runs, by kind: {state: (N, C, h, w)}."""
    rng = random.Random(seed)
    states: dict[str, list[torch.Tensor]] = {state: [] for state in STATES}
    for run in range(runs):
        for step in pipeline.team_steps(random_request(pipeline, rng, seed * 100_000 + run)):
            for state in STATES:
                states[state].append(getattr(step, state))
    return {state: torch.cat(latents) for state, latents in states.items()}


@torch.no_grad()
def painting_error(paint: Decode, decode: Decode, latents: torch.Tensor, batch: int = 256) -> dict[str, float]:
    """Mean colour error (0–255, per pixel and channel) and PSNR (dB, pictures in [-1, 1]) of `paint` against
    the decoder."""
    absolute = squared = values = 0.0
    for chunk in latents.split(batch):
        difference = paint(chunk).float() - decode(chunk).float()
        absolute += float(difference.abs().sum())
        squared += float(difference.pow(2).sum())
        values += difference.numel()
    psnr = 10 * math.log10(4.0 / (squared / values))  # the paper spans 2, so the peak signal is 2² = 4
    return {
        "colour_error": round(absolute / values * 127.5, 2),
        "psnr_db": round(psnr, 2),
    }


def gathered_latents(pipeline: Pipeline, args: argparse.Namespace) -> dict[str, torch.Tensor]:
    """The latents to learn from with the decoder's paintings of them (`latents`, `targets`) and the held-out
    latents by state; kept in `--cache` (safetensors), so equal-budget trials learn from the same ones."""
    if args.cache is not None and args.cache.is_file():
        return load_file(args.cache)
    gathered = {
        f"held_{state}": held for state, held in shown_latents(pipeline, args.held_out_runs, args.seed + 1).items()
    }
    latents = torch.cat(list(shown_latents(pipeline, args.runs, seed=args.seed).values()))  # (N, C, h, w)
    with torch.no_grad():
        targets = torch.cat([pipeline.to_pictures(chunk) for chunk in latents.split(256)]).half()  # (N, 3, S, S)
    gathered |= {"latents": latents, "targets": targets}
    if args.cache is not None:
        args.cache.parent.mkdir(parents=True, exist_ok=True)
        save_file(gathered, str(args.cache))
    return gathered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--widths", type=int, nargs="+", default=list(StepPainterConfig.widths))
    parser.add_argument("--blocks-per-level", type=int, default=StepPainterConfig.blocks_per_level)
    parser.add_argument("--runs", type=int, default=400, help="random runs whose latents it learns from")
    parser.add_argument("--held-out-runs", type=int, default=60)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--cache", type=Path, help="the gathered latents, reused by later trials (safetensors)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    pipeline = load_pipeline(args.weights, device="cpu")
    started = time.time()
    gathered = gathered_latents(pipeline, args)
    latents, targets = gathered.pop("latents"), gathered.pop("targets")
    held_out = gathered
    print(f"{len(latents)} latents to learn from, {sum(map(len, held_out.values()))} held out, "
          f"gathered in {time.time() - started:.0f} s", flush=True)  # fmt: skip

    if pipeline.sketchbook is None:
        parser.error(f"{args.weights} has no sketchbook: its teams draw pictures, and nothing needs painting")
    config = StepPainterConfig(pipeline.sketchbook.config.latent_channels, tuple(args.widths), args.blocks_per_level)
    painter = StepPainter(config).train()
    optimizer = torch.optim.AdamW(painter.parameters(), lr=args.lr, weight_decay=0.0)
    log: list[dict] = []
    start, step = time.time(), 0
    while time.time() - start < args.minutes * 60:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(args.lr, step, 100, (time.time() - start) / (args.minutes * 60), 0.02)
        batch = torch.randint(len(latents), (args.batch,))
        loss = F.l1_loss(painter.raw_decode(latents[batch]), targets[batch].float())
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        step += 1
        if step % 200 == 0:
            log.append({"batch": step, "seconds": round(time.time() - start), "loss": round(loss.item(), 5)})
            print(json.dumps(log[-1]), flush=True)
    painter.eval()
    report = {
        state: {
            "step_painter": painting_error(painter, pipeline.to_pictures, held),
            "linear_preview": painting_error(pipeline.preview, pipeline.to_pictures, held),
        }
        for state, held in ((name.removeprefix("held_"), held) for name, held in held_out.items())
    }
    print(json.dumps(report, indent=1))
    args.out.mkdir(parents=True, exist_ok=True)
    save_checkpoint(args.out / "step-painter.safetensors", painter, "step_painter", config.to_dict())
    settings = {key: str(value) if isinstance(value, Path) else value for key, value in vars(args).items()}
    log_path = args.out / "distil_painter_log.json"
    counts = {"latents": len(latents), "held_out_latents": sum(map(len, held_out.values()))}  # the cache's, if given
    log_path.write_text(json.dumps({"args": settings, **counts, "log": log, "held_out": report}, indent=1))


if __name__ == "__main__":
    main()
