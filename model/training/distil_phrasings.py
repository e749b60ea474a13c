"""Teach the text tower people's sentences through a frozen team: for "a friendly dog" the team must draw what it
draws for "dog". Only the text tower learns; the team, the picture tower and the plain names' conditions stay.

    python -m model.training.distil_phrasings --weights model/weights --team dit --out runs/distil --minutes 25

The encoder still reads the whole sentence (no word is dropped or mapped before it); it learns that the
harmless words around a thing's name leave the drawing as it was. Training sentences come from
`phrasings.TRAINING` only, so the held-out suite (`natural_prompts`) measures whether that carries over.
Writes clip.safetensors: the trained text tower beside the original picture tower.
"""

import argparse
import copy
import json
import random
import time
from pathlib import Path

import torch
import torch.nn.functional as F

from model.checkpoint import save_checkpoint
from model.clip import Clip
from model.data.concepts import CONCEPTS, concept_by_name
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.data.phrasings import concept_sentences
from model.diffusion import q_sample
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import Pipeline
from model.training.pictures import PictureCaptions
from model.training.train import learning_rate


def phrasing_loss(
    student: Clip, teacher: Clip, pipeline: Pipeline, team: str, x0: torch.Tensor, sentences: list[str],
    names: list[str], generator: torch.Generator,
) -> torch.Tensor:  # fmt: skip
    """How differently the frozen team denoises the same dusty pictures (B, C, h, w) when told `sentences` by the
    student than when told the things' `names` by the teacher, at random timesteps."""
    network, schedule = pipeline.team(team).network, pipeline.team(team).training_schedule()
    alpha_bars = schedule.alphas_cumprod.float()
    t = torch.randint(len(alpha_bars), (x0.shape[0],), generator=generator)
    x_t = q_sample(x0, alpha_bars[t], torch.randn(x0.shape, generator=generator))
    with torch.no_grad():
        target = network(x_t, t.float(), teacher.condition(names))
    return F.mse_loss(network(x_t, t.float(), student.condition_with_grad(sentences)), target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--team", default="dit")
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--minutes", type=float, default=25.0)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--sentences", type=int, default=24, help="training sentences per concept")
    parser.add_argument("--names-share", type=float, default=0.25, help="share of a batch told the plain name")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng, generator = random.Random(args.seed), torch.Generator().manual_seed(args.seed)
    pipeline = load_pipeline(args.weights, device="cpu")
    teacher = pipeline.clip
    if not isinstance(teacher, Clip) or pipeline.sketchbook is None:
        raise SystemExit("distil_phrasings needs our own model: a dust-clip and a sketchbook team")
    for p in pipeline.team(args.team).network.parameters():
        p.requires_grad_(False)
    student = copy.deepcopy(teacher).train()
    for p in student.model.visual.parameters():
        p.requires_grad_(False)
    trained = [p for p in student.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=args.lr, weight_decay=0.01)

    dataset = load_emoji_dataset(args.data)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    pictures = PictureCaptions.from_arrays(dataset.images, [[]] * len(dataset), dataset.concept_indices(), 32)
    with torch.no_grad():
        latents = pipeline.to_latent(pictures.pictures).float()  # (N, C, h, w)
    concepts = concept_by_name()
    sentences = {c.name: concept_sentences(concepts[c.name], args.sentences) for c in CONCEPTS}
    print(f"{len(latents)} pictures, {sum(map(len, sentences.values()))} sentences, {len(trained)} tensors train")

    start, step, log = time.time(), 0, []
    while time.time() - start < args.minutes * 60:
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(args.lr, step, 50, (time.time() - start) / (args.minutes * 60), 0.05)
        batch = torch.randint(len(latents), (args.batch,), generator=generator)
        names = [CONCEPTS[int(pictures.concept_ids[i])].name for i in batch]
        told = [name if rng.random() < args.names_share else rng.choice(sentences[name]) for name in names]
        loss = phrasing_loss(student, teacher, pipeline, args.team, latents[batch], told, names, generator)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trained, 1.0)
        optimizer.step()
        step += 1
        if step % 50 == 0:
            log.append({"step": step, "seconds": round(time.time() - start), "loss": round(loss.item(), 5)})
            print(f"step {step} {time.time() - start:.0f}s loss {loss.item():.5f}", flush=True)

    args.out.mkdir(parents=True, exist_ok=True)
    config = {"model_name": student.model_name}
    save_checkpoint(args.out / "clip.safetensors", student.model.eval(), kind="clip", config=config)
    settings = {k: str(v) for k, v in vars(args).items()}
    (args.out / "distil_log.json").write_text(json.dumps({"args": settings, "steps": step, "log": log}, indent=1))
    print(f"done at step {step}; {args.out / 'clip.safetensors'}")


if __name__ == "__main__":
    main()
