"""An independent judge: a small CNN classifier, trained on real pictures with strong augmentation,
that says which concept a generated picture shows. It is not the generator's own CLIP, so a model
cannot score well by fooling the encoder it was conditioned on.

    python -m model.training.judge --out runs/judge --minutes 6
    python -m model.training.judge --out runs/judge-no-fluent --hold-out-style fluent   # is it more than memory?

A judge trained on every style has seen every real picture, so its 100 % on them is a ceiling; one
trained without a style and scored on that style says how well it recognises a drawing it never saw.
"""

import argparse
import json
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from model.checkpoint import load_state_dict, read_metadata, save_checkpoint
from model.data.concepts import CONCEPTS
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.metrics import top_k_accuracy
from model.training.pictures import PictureCaptions


class Judge(nn.Module):
    """A compact VGG-style classifier for 32×32 pictures → concept logits."""

    def __init__(self, num_classes: int, width: int = 32):
        super().__init__()

        def block(c_in: int, c_out: int) -> nn.Sequential:
            return nn.Sequential(
                nn.Conv2d(c_in, c_out, 3, padding=1, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(),
                nn.Conv2d(c_out, c_out, 3, padding=1, bias=False),
                nn.BatchNorm2d(c_out),
                nn.ReLU(),
            )

        self.features = nn.Sequential(
            nn.AvgPool2d(2),  # 16×16: enough to tell 410 emoji apart, and 4× cheaper on a CPU
            block(3, width), nn.MaxPool2d(2),  # 8×8
            block(width, 2 * width), nn.MaxPool2d(2),  # 4×4
            block(2 * width, 4 * width), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )  # fmt: skip
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(4 * width, num_classes))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))  # (B, num_classes)


def strong_augment(x: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Zoom, shift, small rotation, colour jitter, blur and pixel noise: the ways a drawing can be off."""
    n = x.shape[0]
    angle = (torch.rand(n, generator=generator) - 0.5) * 0.5
    scale = 0.8 + torch.rand(n, generator=generator) * 0.45
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0], theta[:, 0, 1] = scale * torch.cos(angle), -scale * torch.sin(angle)
    theta[:, 1, 0], theta[:, 1, 1] = scale * torch.sin(angle), scale * torch.cos(angle)
    theta[:, :, 2] = (torch.rand(n, 2, generator=generator) - 0.5) * 0.3
    x = F.grid_sample(x - 1, F.affine_grid(theta, list(x.shape), align_corners=False), align_corners=False) + 1
    x = x * (0.8 + 0.4 * torch.rand(n, 3, 1, 1, generator=generator)) + 0.2 * (
        torch.rand(n, 1, 1, 1, generator=generator) - 0.5
    )
    blurred = F.avg_pool2d(F.pad(x, (1, 1, 1, 1), mode="replicate"), 3, stride=1)
    x = torch.where(torch.rand(n, 1, 1, 1, generator=generator) < 0.3, blurred, x)
    x = x + torch.randn(x.shape, generator=generator) * 0.1 * torch.rand(n, 1, 1, 1, generator=generator)
    return x.clamp(-1, 1)


def turn_hue(x: torch.Tensor, turns: torch.Tensor) -> torch.Tensor:
    """(B, 3, H, W) in [-1, 1] with each picture's colours turned by `turns` (B,) of a full circle about the grey
    axis: a blue car is still a car, so a judge that must read recoloured things learns shapes, not hues."""
    angle = 2 * torch.pi * turns  # (B,)
    axis = torch.full((3,), 3**-0.5)
    cross = torch.tensor([[0.0, -axis[2], axis[1]], [axis[2], 0.0, -axis[0]], [-axis[1], axis[0], 0.0]])
    cos, sin = angle.cos()[:, None, None], angle.sin()[:, None, None]
    rotation = cos * torch.eye(3) + sin * cross + (1 - cos) * torch.outer(axis, axis)  # (B, 3, 3), Rodrigues
    return torch.einsum("bij,bjhw->bihw", rotation, x).clamp(-1, 1)


def load_judge(path: str | Path) -> Judge:
    kind, config = read_metadata(path)
    if kind != "judge":
        raise ValueError(f"{path} holds a {kind!r} checkpoint, not a judge")
    judge = Judge(config["num_classes"], config["width"])
    judge.load_state_dict(load_state_dict(path, judge))
    return judge.eval()


@torch.no_grad()
def predict(judge: Judge, pictures: torch.Tensor, batch: int = 256) -> torch.Tensor:
    """Concept logits for (N, 3, 32, 32) pictures in [-1, 1]."""
    return torch.cat([judge(pictures[i : i + batch]) for i in range(0, len(pictures), batch)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, default=Path("runs/judge"))
    parser.add_argument("--minutes", type=float, default=6.0)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--hue-turns", type=float, default=0.0, help="share of each batch with its colours turned at random"
    )
    parser.add_argument("--hold-out-style", help="train without this style and report top-1 on it")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    generator = torch.Generator().manual_seed(0)
    dataset = load_emoji_dataset(args.data)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    held = np.array([item["style"] == args.hold_out_style for item in dataset.items])
    unseen_style, dataset = dataset.subset(held), dataset.subset(~held)
    data = PictureCaptions.from_arrays(dataset.images, [[]] * len(dataset.items), dataset.concept_indices(), 32)
    labels = torch.from_numpy(data.concept_ids).long()
    judge = Judge(len(CONCEPTS))
    optimizer = torch.optim.AdamW(judge.parameters(), lr=2e-3, weight_decay=5e-4)
    start, step = time.time(), 0
    while time.time() - start < args.minutes * 60:
        batch = torch.randint(len(data), (args.batch,), generator=generator)
        pictures = strong_augment(data.pictures[batch], generator)
        turned = (torch.rand(args.batch, generator=generator) < args.hue_turns).float()
        pictures = turn_hue(pictures, turned * torch.rand(args.batch, generator=generator))
        loss = F.cross_entropy(judge(pictures), labels[batch], label_smoothing=0.1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        step += 1
        if step % 100 == 0:
            print(f"step {step} {time.time() - start:.0f}s loss {loss.item():.3f}", flush=True)
    judge.eval()
    augmented = strong_augment(data.pictures, torch.Generator().manual_seed(1))
    accuracy = {
        "clean": float((predict(judge, data.pictures).argmax(1) == labels).float().mean()),
        "augmented": float((predict(judge, augmented).argmax(1) == labels).float().mean()),
        "colours turned a third": top_k_accuracy(
            predict(judge, turn_hue(data.pictures, torch.full((len(labels),), 1 / 3))), labels, 1
        ),
    }
    if held.any():
        unseen = PictureCaptions.from_arrays(
            unseen_style.images, [[]] * len(unseen_style), unseen_style.concept_indices(), 32
        )
        unseen_labels = torch.from_numpy(unseen.concept_ids).long()
        accuracy[f"unseen style {args.hold_out_style}"] = top_k_accuracy(
            predict(judge, unseen.pictures), unseen_labels, 1
        )
    save_checkpoint(
        args.out / "judge.safetensors",
        judge,
        kind="judge",
        config={"num_classes": len(CONCEPTS), "width": 32},
        dtype=torch.float32,
    )
    (args.out / "judge_log.json").write_text(json.dumps({"steps": step, "accuracy_on_real": accuracy}, indent=1))
    print(f"judge accuracy on real pictures: {accuracy}")


if __name__ == "__main__":
    main()
