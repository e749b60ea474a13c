"""Train our small CLIP contrastively on (emoji picture, caption) pairs with open_clip's model and loss.

python -m model.training.train_clip --out runs/clip --minutes 8
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
from model.data.concepts import CONCEPTS
from model.data.dataset import default_data_dir, load_emoji_dataset
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


@torch.no_grad()
def zero_shot_accuracy(clip: open_clip.CLIP, tokenizer, data: PictureCaptions) -> float:
    """Top-1 over concept pictures: which of "a picture of a {concept}" fits each picture best."""
    clip.eval()
    keep = np.flatnonzero(data.concept_ids >= 0)
    text = clip.encode_text(tokenizer([f"a picture of a {c.name}" for c in CONCEPTS]), normalize=True)
    image = clip.encode_image(data.pictures[keep], normalize=True)
    predicted = (image @ text.T).argmax(dim=1).numpy()
    clip.train()
    return float((predicted == data.concept_ids[keep]).mean())


def clip_loss_step(clip, tokenizer, loss_fn, data, batch_indices, rng, generator, bf16: bool) -> torch.Tensor:
    """One contrastive loss on a batch of pictures, each with a freshly sampled caption."""
    images = augment(data.pictures[batch_indices], generator)
    text = tokenizer(data.random_captions(batch_indices, rng))
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        image_features, text_features, logit_scale = clip(images, text)
    return loss_fn(image_features.float(), text_features.float(), logit_scale)


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
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng, generator = random.Random(args.seed), torch.Generator().manual_seed(args.seed)
    dataset = load_emoji_dataset(args.data)
    clip = create_clip(args.model, args.init).train()
    image_size = clip.visual.image_size[0] if isinstance(clip.visual.image_size, tuple) else clip.visual.image_size
    data = PictureCaptions.from_arrays(
        dataset.images, [dataset.captions(i) for i in range(len(dataset.items))], dataset.concept_indices(), image_size
    )
    tokenizer = open_clip.get_tokenizer(args.model)
    loss_fn = open_clip.ClipLoss()
    optimizer = torch.optim.AdamW(clip.parameters(), lr=args.lr, weight_decay=0.1, betas=(0.9, 0.98))
    print(f"{len(data)} pictures, {sum(p.numel() for p in clip.parameters()) / 1e6:.1f} M parameters", flush=True)

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
            accuracy = zero_shot_accuracy(clip, tokenizer, data)
            log.append(
                {
                    "step": step,
                    "seconds": round(elapsed),
                    "loss": round(loss.item(), 4),
                    "zero_shot_top1": round(accuracy, 4),
                }
            )
            print(
                f"step {step} {elapsed:.0f}s loss {loss.item():.3f} lr {lr:.2e} "
                f"{step * args.batch / elapsed:.0f} img/s zero-shot top-1 {accuracy:.3f}",
                flush=True,
            )

    args.out.mkdir(parents=True, exist_ok=True)
    save_checkpoint(args.out / "clip.safetensors", clip, kind="clip", config={"model_name": args.model})
    final = {
        "steps": step,
        "minutes": round((time.time() - start) / 60, 1),
        "zero_shot_top1": zero_shot_accuracy(clip, tokenizer, data),
        "log": log,
    }
    (args.out / "clip_log.json").write_text(json.dumps(final, indent=1))
    print(f"saved {args.out / 'clip.safetensors'}; zero-shot top-1 {final['zero_shot_top1']:.3f}")


if __name__ == "__main__":
    main()
