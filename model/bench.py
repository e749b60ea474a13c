"""Speed of each backbone and preset on this machine (prints, asserts nothing).

    python -m model.bench [--device auto] [--repeats 5]

For each backbone × preset: parameters, ms per forward at batch 1 and 16, and ms per full
25-step guided DPM-Solver++ sampling of one picture.
"""

import argparse
import time

import torch

from model.backbones import build_backbone
from model.conditioning import TextCondition
from model.config import BACKBONE_PRESETS, BackboneConfig, ModelConfig
from model.denoiser import ModelDenoiser
from model.device import resolve_device
from model.guidance import classifier_free_guidance
from model.samplers import dpmpp_2m, sample
from model.schedules import make_schedule

TEXT_DIM, TOKENS = 256, 16


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


def bench_preset(arch: BackboneConfig, image_size: int, repeats: int, device: torch.device) -> dict[str, float]:
    """Parameters (M), ms per forward at batch 1 and 16, ms per 25-step guided sampling."""
    config = ModelConfig(backbone=arch, image_size=image_size, text_dim=TEXT_DIM)
    net = build_backbone(config).to(device).eval()
    row = {"params": sum(p.numel() for p in net.parameters()) / 1e6}
    for batch in (1, 16):
        x = torch.randn(batch, 3, image_size, image_size, device=device)
        t, cond = torch.full((batch,), 500.0, device=device), _condition(batch, device)
        row[f"forward_b{batch}"] = _timed_ms(lambda: net(x, t, cond), repeats, device)  # noqa: B023
    schedule = make_schedule("cosine")
    denoiser = ModelDenoiser(net, config, schedule, schedule)
    guided = classifier_free_guidance(denoiser, _condition(1, device), _condition(1, device), 3.0, TextCondition.cat)
    noise = torch.randn(1, 3, image_size, image_size, device=device)
    row["sample_25"] = _timed_ms(lambda: sample(dpmpp_2m, guided, noise, schedule, 25), max(1, repeats // 2), device)
    return row


@torch.no_grad()
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--image-size", type=int, default=32)
    args = parser.parse_args()
    device = resolve_device(args.device)
    print(f"device: {device}, threads: {torch.get_num_threads()}, image {args.image_size}×{args.image_size}")
    print(f"{'preset':<12} {'params':>8} {'fwd b=1':>10} {'fwd b=16':>10} {'25 steps+CFG':>14}")
    for name, arch in BACKBONE_PRESETS.items():
        r = bench_preset(arch, args.image_size, args.repeats, device)
        forward = f"{r['forward_b1']:>8.1f}ms {r['forward_b16']:>8.1f}ms"
        print(f"{name:<12} {r['params']:>7.2f}M {forward} {r['sample_25']:>12.0f}ms")


if __name__ == "__main__":
    main()
