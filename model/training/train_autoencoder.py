"""Train the sketchbook autoencoder on every emoji picture we build (all styles), MSE + L1.

    python -m model.training.train_autoencoder --preset small-32 --out runs/ae --minutes 20

Holds out every 10th emoji (in every style) and reports their PSNR per style, with a picture of
originals over reconstructions; the latent statistics are measured on the training pictures at the end.
"""

import argparse
import json
import math
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

from model.autoencoder import AUTOENCODER_PRESETS, Autoencoder
from model.checkpoint import save_checkpoint
from model.data.dataset import EmojiDataset, default_data_dir, load_emoji_dataset
from model.images import to_uint8
from model.training.ema import EMA
from model.training.pictures import resize_pictures
from model.training.precision import choose_step_way

HELD_OUT_EVERY = 10


def held_out_mask(dataset: EmojiDataset) -> np.ndarray:
    """Every 10th emoji by hexcode, in all its styles, so no style of a held-out emoji is ever trained on."""
    hexcodes = sorted({item["hexcode"] for item in dataset.items})
    held = set(hexcodes[::HELD_OUT_EVERY])
    return np.array([item["hexcode"] in held for item in dataset.items])


def psnr(reconstruction: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Per-picture PSNR in dB for pictures in [-1, 1] (peak-to-peak 2)."""
    mse = (reconstruction.clamp(-1, 1) - target).pow(2).flatten(1).mean(1)
    return 10 * torch.log10(4 / mse.clamp_min(1e-10))


@torch.no_grad()
def reconstruct(model: Autoencoder, pictures: torch.Tensor, batch: int = 256) -> torch.Tensor:
    return torch.cat(
        [model.raw_decode(model.raw_encode(pictures[i : i + batch])) for i in range(0, len(pictures), batch)]
    )


def reconstruction_loss(model: Autoencoder, pictures: torch.Tensor) -> torch.Tensor:
    latents = model.raw_encode(pictures)
    out = model.raw_decode(latents).float()
    return F.mse_loss(out, pictures) + F.l1_loss(out, pictures) + 1e-4 * latents.float().pow(2).mean()


def save_reconstructions(model: Autoencoder, pictures: torch.Tensor, path: Path) -> None:
    """Originals (top row) over reconstructions (bottom row)."""
    rows = [pictures, reconstruct(model, pictures).clamp(-1, 1)]
    grid = np.concatenate([np.concatenate(list(to_uint8(row)), axis=1) for row in rows], axis=0)
    Image.fromarray(grid).save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", choices=sorted(AUTOENCODER_PRESETS), default="small-32")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=20.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--precision", choices=["auto", "fp32", "bf16"], default="auto")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    config = AUTOENCODER_PRESETS[args.preset]
    dataset = load_emoji_dataset(args.data)
    held = held_out_mask(dataset)
    pictures = resize_pictures(dataset.images, config.image_size)
    train, test = pictures[~held], pictures[held]
    test_styles = np.array([item["style"] for item in dataset.items])[held]
    print(f"{len(train)} training pictures, {len(test)} held out, {config}", flush=True)

    model = Autoencoder(config).train()
    ema = EMA(model, 0.999)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    generator = torch.Generator().manual_seed(args.seed)

    def train_step(use_bf16: bool) -> None:
        batch = train[torch.randint(len(train), (args.batch,), generator=generator)]
        batch = torch.where(torch.rand(len(batch), 1, 1, 1, generator=generator) < 0.5, batch, batch.flip(-1))
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):
            loss = reconstruction_loss(model, batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        ema.update(model)

    use_bf16 = choose_step_way(args.precision, lambda way: train_step(way.bf16), attention=False).bf16
    print(f"precision: {'bf16 autocast' if use_bf16 else 'fp32'}", flush=True)

    start, step, budget = time.time(), 0, args.minutes * 60
    while (elapsed := time.time() - start) < budget:
        for group in optimizer.param_groups:  # cosine decay over the time budget to 2 %
            group["lr"] = args.lr * (0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * elapsed / budget)))
        train_step(use_bf16)
        step += 1
        if step % 200 == 0:
            score = psnr(reconstruct(ema.model, test[:256]), test[:256]).mean()
            print(f"step {step} {elapsed:.0f}s held-out PSNR {score:.2f} dB", flush=True)

    final = ema.model
    final.set_latent_statistics(torch.cat([final.raw_encode(train[i : i + 256]) for i in range(0, len(train), 256)]))
    scores = psnr(reconstruct(final, test), test)
    report = {
        "preset": args.preset,
        "config": config.to_dict(),
        "steps": step,
        "minutes": args.minutes,
        "precision": "bf16" if use_bf16 else "fp32",
        "held_out_psnr": round(float(scores.mean()), 2),
        "held_out_psnr_by_style": {
            s: round(float(scores[test_styles == s].mean()), 2) for s in sorted(set(test_styles))
        },
        "latent_std": [round(float(v), 4) for v in final.latent_std],
    }
    print(json.dumps(report), flush=True)
    (args.out / "autoencoder_report.json").write_text(json.dumps(report, indent=1) + "\n")
    save_checkpoint(args.out / "autoencoder.safetensors", final, kind="autoencoder", config=config.to_dict())
    save_reconstructions(final, test[:: max(1, len(test) // 16)][:16], args.out / "reconstructions.png")


if __name__ == "__main__":
    main()
