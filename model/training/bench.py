"""Speed of each backbone and preset on this machine (prints, asserts nothing).

    python -m model.training.bench [--device auto] [--repeats 5] [--weights model/weights]

First the shipped model as the app runs it: for each team, the app's default picture (20 DPM-Solver++
steps, the default guidance, every step painted by the sketchbook's decoder) end to end, and the time to its
first step. Then for each backbone × preset: parameters, ms per forward at batch 1 and 16, and ms per
full 25-step guided DPM-Solver++ sampling of one picture (latent presets at the 8×8×4 sketchbook latent).
"""

import argparse
import time

import torch

from model.backbones import BACKBONE_PRESETS, build_backbone
from model.conditioning import TextCondition
from model.config import BackboneConfig, ModelConfig
from model.denoiser import ModelDenoiser
from model.device import resolve_device
from model.guidance import classifier_free_guidance
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import GenerationRequest, Pipeline
from model.samplers import dpmpp_2m, sample
from model.schedules import make_schedule

TEXT_DIM, TOKENS = 256, 16
LATENT_SHAPE = (4, 8)  # channels, side: what the latent presets denoise (the small-32 sketchbook's latent)


def _timed_ms(fn, repeats: int, device: torch.device) -> float:
    """Median wall time of `fn` in milliseconds, after one warm-up call."""
    fn()
    times = []
    for _ in range(repeats):
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        fn()
        if device.type == "cuda":
            torch.cuda.synchronize()
        times.append((time.perf_counter() - start) * 1000)
    return sorted(times)[len(times) // 2]


def _condition(batch: int, device: torch.device) -> TextCondition:
    tokens = torch.randn(batch, TOKENS, TEXT_DIM, device=device)
    mask = torch.ones(batch, TOKENS, dtype=torch.bool, device=device)
    return TextCondition(tokens, mask, torch.randn(batch, TEXT_DIM, device=device))


def bench_pipeline(pipeline: Pipeline, repeats: int) -> dict[str, tuple[float, float]]:
    """Per team: (ms to the first step, ms for the whole default picture), medians, as the app draws them."""
    rows = {}
    for team in pipeline.backbones:
        request = GenerationRequest("a red apple", backbone=team)
        first, total = [], []
        for _ in range(repeats + 1):  # the first run warms up
            start = time.perf_counter()
            for step in pipeline.generate(request):
                if step.index == 0:
                    first.append((time.perf_counter() - start) * 1000)
            total.append((time.perf_counter() - start) * 1000)
        rows[team] = (sorted(first[1:])[repeats // 2], sorted(total[1:])[repeats // 2])
    return rows


def bench_preset(
    arch: BackboneConfig, image_size: int, channels: int, repeats: int, device: torch.device
) -> dict[str, float]:
    """Parameters (M), ms per forward at batch 1 and 16, ms per 25-step guided sampling."""
    config = ModelConfig(backbone=arch, image_size=image_size, channels=channels, text_dim=TEXT_DIM)
    net = build_backbone(config).to(device).eval()
    row = {"params": sum(p.numel() for p in net.parameters()) / 1e6}
    for batch in (1, 16):
        x = torch.randn(batch, channels, image_size, image_size, device=device)
        t, cond = torch.full((batch,), 500.0, device=device), _condition(batch, device)
        row[f"forward_b{batch}"] = _timed_ms(lambda: net(x, t, cond), repeats, device)  # noqa: B023
    schedule = make_schedule("cosine")
    denoiser = ModelDenoiser(net, config, schedule, schedule)
    guided = classifier_free_guidance(denoiser, _condition(1, device), _condition(1, device), 3.0, TextCondition.cat)
    noise = torch.randn(1, channels, image_size, image_size, device=device)
    row["sample_25"] = _timed_ms(lambda: sample(dpmpp_2m, guided, noise, schedule, 25), max(1, repeats // 2), device)
    return row


@torch.no_grad()
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--image-size", type=int, default=32, help="picture side for the pixel presets")
    parser.add_argument("--weights", default=str(DEFAULT_WEIGHTS_DIR), help="the model the app serves")
    args = parser.parse_args()
    device = resolve_device(args.device)
    print(f"device: {device}, threads: {torch.get_num_threads()}")
    pipeline = load_pipeline(args.weights, device=str(device))
    print(
        f"the app's default picture ({pipeline.image_size} px, 20 DPM++ steps, guidance "
        f"{GenerationRequest.guidance_scale:g}, painted every step):"
    )
    for team, (first, total) in bench_pipeline(pipeline, args.repeats).items():
        print(f"  {team:<6} first step {first:>6.1f} ms   whole picture {total:>7.0f} ms")
    print(f"{'preset':<14} {'input':>8} {'params':>8} {'fwd b=1':>10} {'fwd b=16':>10} {'25 steps+CFG':>14}")
    for name, arch in BACKBONE_PRESETS.items():
        channels, side = LATENT_SHAPE if "latent" in name else (3, args.image_size)
        r = bench_preset(arch, side, channels, args.repeats, device)
        forward = f"{r['forward_b1']:>8.1f}ms {r['forward_b16']:>8.1f}ms"
        print(f"{name:<14} {f'{channels}×{side}²':>8} {r['params']:>7.2f}M {forward} {r['sample_25']:>12.0f}ms")


if __name__ == "__main__":
    main()
