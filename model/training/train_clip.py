"""Train our small CLIP contrastively on (emoji picture, caption) pairs with open_clip's model and loss.

python -m model.training.train_clip --out runs/clip --minutes 8
python -m model.training.train_clip --out runs/clip-v2 --sentences 24 --descriptions --recolour 2 \
    --hold-out-style fluent
python -m model.training.train_clip --out runs/clip-pictures --init model/weights/clip.safetensors \
    --picture-tower-only --sentences 24 --recolour 2 --hold-out-style fluent

The meters (`clip_meters`) read the held-out style's concept pictures when one is held out, else the training ones.
"""

import argparse
import json
import math
import random
import time
from pathlib import Path

import numpy as np
import open_clip
import torch
import torch.nn.functional as F

from model.checkpoint import save_checkpoint
from model.clip import create_clip
from model.data.dataset import EmojiDataset, default_data_dir, joined, load_emoji_dataset
from model.data.sentences import recoloured, with_sentences
from model.data.wordnet import wordnet
from model.training.clip_meters import clip_meters
from model.training.pictures import PictureCaptions


def augment(pictures: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Small random zoom and shift: the same emoji drawn a little bigger, smaller or off-centre."""
    n = pictures.shape[0]
    scale = 1 + (torch.rand(n, generator=generator) - 0.5) * 0.3
    shift = (torch.rand(n, 2, generator=generator) - 0.5) * 0.2
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = theta[:, 1, 1] = scale
    theta[:, :, 2] = shift
    grid = F.affine_grid(theta, list(pictures.shape), align_corners=False)
    # Pad with white (+1), the emoji's background, rather than black.
    return F.grid_sample(pictures - 1, grid, align_corners=False, padding_mode="zeros") + 1


def clip_loss_step(clip, tokenizer, loss_fn, data, batch_indices, rng, generator, bf16: bool) -> torch.Tensor:
    """One contrastive loss on a batch of pictures, each with a freshly sampled caption."""
    images = augment(data.pictures[batch_indices], generator)
    text = tokenizer(data.random_captions(batch_indices, rng))
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        image_features, text_features, logit_scale = clip(images, text)
    return loss_fn(image_features.float(), text_features.float(), logit_scale)


def trained_weights(clip: open_clip.CLIP, picture_tower_only: bool) -> list[torch.nn.Parameter]:
    """The weights a run moves: all, or the picture tower and the temperature alone, so the picture tower learns to
    meet a text tower that stays exactly as the teams read it (its projected pooled embedding is their condition)."""
    if picture_tower_only:
        clip.requires_grad_(False)
        clip.visual.requires_grad_(True)
        clip.logit_scale.requires_grad_(True)
    return [p for p in clip.parameters() if p.requires_grad]


def _pictures(dataset: EmojiDataset, size: int) -> PictureCaptions:
    captions = [dataset.captions(i) for i in range(len(dataset.items))]
    return PictureCaptions.from_arrays(dataset.images, captions, dataset.concept_indices(), size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=Path("runs/clip"))
    parser.add_argument("--model", default="dust-clip")
    parser.add_argument("--minutes", type=float, default=8.0)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--bf16", action="store_true", help="bf16 autocast (about 1.5x faster on CPUs with AVX512-BF16)"
    )
    parser.add_argument("--init", type=Path, default=None, help="start from these CLIP weights (.safetensors)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sentences", type=int, default=0, help="also N sentences people type per concept picture")
    parser.add_argument("--descriptions", action="store_true", help="with --sentences: WordNet glosses too")
    parser.add_argument("--recolour", type=int, default=0, help="up to N recoloured copies of each concept picture")
    parser.add_argument("--hold-out-style", help="train without this style; the meters read its pictures")
    parser.add_argument(
        "--picture-tower-only", action="store_true", help="with --init: the text tower stays as it is (the teams')"
    )
    args = parser.parse_args()
    if args.picture_tower_only and args.init is None:
        parser.error("--picture-tower-only trains a picture tower to meet a given text tower: give --init")

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng, generator = random.Random(args.seed), torch.Generator().manual_seed(args.seed)
    dataset = load_emoji_dataset(args.data)
    held = np.array([item["style"] == args.hold_out_style for item in dataset.items])
    dataset, unseen = dataset.subset(~held), dataset.subset(held & (dataset.concept_indices() >= 0))
    if args.sentences:
        dataset = with_sentences(dataset, args.sentences, wordnet() if args.descriptions else None)
    if args.recolour:
        dataset = joined(dataset, recoloured(dataset, args.recolour, args.sentences or 8))
    clip = create_clip(args.model, args.init).train()
    image_size = clip.visual.image_size[0] if isinstance(clip.visual.image_size, tuple) else clip.visual.image_size
    data = _pictures(dataset, image_size)
    metered = data if not len(unseen) else _pictures(unseen, image_size)
    keep = np.flatnonzero(metered.concept_ids >= 0)
    tokenizer = open_clip.get_tokenizer(args.model)
    loss_fn = open_clip.ClipLoss()
    trained = trained_weights(clip, args.picture_tower_only)
    optimizer = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.1, betas=(0.9, 0.98))
    print(f"{len(data)} pictures, {sum(p.numel() for p in trained) / 1e6:.1f} M parameters trained", flush=True)

    start, step, log = time.time(), 0, []
    budget = args.minutes * 60
    while time.time() - start < budget:
        progress = (time.time() - start) / budget
        lr = args.lr * min(1.0, (step + 1) / args.warmup) * 0.5 * (1 + math.cos(math.pi * progress))
        for group in optimizer.param_groups:
            group["lr"] = lr
        batch = torch.randperm(len(data), generator=generator)[: args.batch]
        loss = clip_loss_step(clip, tokenizer, loss_fn, data, batch, rng, generator, args.bf16)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            clip.logit_scale.clamp_(0, math.log(100))
        step += 1
        if step % 50 == 0:
            elapsed = time.time() - start
            meters = clip_meters(clip, tokenizer, metered.pictures[keep], metered.concept_ids[keep])
            log.append({"step": step, "seconds": round(elapsed), "loss": round(loss.item(), 4)} | meters)
            print(
                f"step {step} {elapsed:.0f}s loss {loss.item():.3f} lr {lr:.2e} "
                f"{step * args.batch / elapsed:.0f} img/s " + " ".join(f"{k} {v:.3f}" for k, v in meters.items()),
                flush=True,
            )

    args.out.mkdir(parents=True, exist_ok=True)
    save_checkpoint(args.out / "clip.safetensors", clip, kind="clip", config={"model_name": args.model})
    final = {
        "steps": step,
        "minutes": round((time.time() - start) / 60, 1),
        "metered_on": f"unseen style {args.hold_out_style}" if len(unseen) else "the training pictures",
        "meters": clip_meters(clip, tokenizer, metered.pictures[keep], metered.concept_ids[keep]),
        "args": {k: str(v) for k, v in vars(args).items()},
        "log": log,
    }
    (args.out / "clip_log.json").write_text(json.dumps(final, indent=1))
    print(f"saved {args.out / 'clip.safetensors'}; {final['metered_on']}: {final['meters']}")


if __name__ == "__main__":
    main()
