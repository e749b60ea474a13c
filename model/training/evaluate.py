"""Honest evaluation of every shipped model over the concept set (issue: "Honest evaluation").

    python -m model.training.evaluate --weights model/weights --judge runs/judge/judge.safetensors

For each of U-Net, DiT and no-dust: judge top-1/top-5 (an independent CNN classifier, not our
CLIP), CLIP score, diversity across seeds per prompt (two ways: dust-clip's image embeddings, and
the judge's features, which tell emoji apart far better), and accuracy on synonym prompts; beside the
same figures for real pictures (one per style of each concept), and the variety scale calibrated on
real pictures: eight copies of one picture, the styles of one concept, eight different concepts.
Prints a table and writes evaluation.json next to the weights.
"""

import argparse
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch

from model.clip import clip_with_pictures
from model.data.concepts import CONCEPTS, SYNONYM_PROMPTS
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.lessons.diversity import VARIETY_SCALE_FILE
from model.lessons.diversity import variety as picture_variety
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.metrics import clip_score, mean_pairwise_distance, top_k_accuracy
from model.pipeline import GenerationRequest, Pipeline
from model.training.grids import GRID_PROMPTS, drawers, pictures_for, save_sample_grid
from model.training.judge import load_judge, predict
from model.training.pictures import PictureCaptions

DEFAULTS = GenerationRequest(prompt="")  # the app's default sampler, steps and guidance


@dataclass
class Scores:
    judge_top1: float
    judge_top5: float
    clip_score: float
    diversity: float  # mean pairwise CLIP-image cosine distance across seeds of one prompt
    variety: float  # the same over the judge's features
    distinct: float  # the lesson's "about N different pictures" among the seeds of one prompt (mean)
    synonym_top1: float | None = None
    misses: dict = field(default_factory=dict)  # `where_missed`: by category, and the concepts drawn wrong

    def row(self, name: str) -> str:
        synonym = "—" if self.synonym_top1 is None else f"{100 * self.synonym_top1:.1f} %"
        return (
            f"| {name} | {100 * self.judge_top1:.1f} % | {100 * self.judge_top5:.1f} % | "
            f"{self.clip_score:.1f} | {self.diversity:.3f} | {self.variety:.3f} | {self.distinct:.2f} | {synonym} |"
        )


@torch.no_grad()
def embedding_variety(pictures: torch.Tensor, group: int, pipeline: Pipeline, judge) -> tuple[float, float]:
    """Mean pairwise distance within consecutive groups of `group` pictures: (dust-clip, judge features)."""
    clip = clip_with_pictures(pipeline.clip).encode_image(pictures)
    features = judge.features(pictures)
    clip_variety, judge_variety = (
        float(mean_pairwise_distance(e.reshape(-1, group, e.shape[-1])).mean()) for e in (clip, features)
    )
    return clip_variety, judge_variety


@torch.no_grad()
def score(pictures: torch.Tensor, labels: torch.Tensor, seeds: int, pipeline: Pipeline, judge) -> Scores:
    """pictures (N·seeds, 3, S, S) grouped by prompt; labels (N·seeds,) concept indices."""
    logits = predict(judge, pictures)
    clip = clip_with_pictures(pipeline.clip)
    image = clip.encode_image(pictures)
    text = clip.encode_text([f"a picture of a {CONCEPTS[i].name}" for i in labels.tolist()])
    diversity, judged_variety = embedding_variety(pictures, seeds, pipeline, judge)
    return Scores(
        judge_top1=top_k_accuracy(logits, labels, 1),
        judge_top5=top_k_accuracy(logits, labels, 5),
        clip_score=float(clip_score(image, text).mean()),
        diversity=diversity,
        variety=judged_variety,
        distinct=mean_distinct(pictures, seeds),
        misses=where_missed(logits, labels, seeds),
    )


def where_missed(logits: torch.Tensor, labels: torch.Tensor, seeds: int) -> dict:
    """Judge top-1 by category, and every concept read wrong at least once with what the judge read instead,
    worst first: where the next trial should look. logits (N·seeds, concepts), labels (N·seeds,) grouped by prompt."""
    by_category: dict[str, list[bool]] = defaultdict(list)
    missed = []
    for read, label in zip(logits.argmax(-1).split(seeds), labels.split(seeds)):
        concept = CONCEPTS[int(label[0])]
        hits = (read == label).tolist()
        by_category[concept.category] += hits
        if not all(hits):
            wrong = [CONCEPTS[int(r)].name for r, hit in zip(read, hits) if not hit]
            missed.append({"concept": concept.name, "hits": sum(hits), "read_as": wrong})
    return {
        "top1_by_category": {c: round(float(np.mean(h)), 3) for c, h in sorted(by_category.items())},
        "missed": sorted(missed, key=lambda miss: miss["hits"]),
    }


def mean_distinct(pictures: torch.Tensor, group: int) -> float:
    """The lesson's "about N different pictures", averaged over consecutive groups of `group` pictures."""
    return float(np.mean([picture_variety(chunk).distinct for chunk in pictures.split(group)]))


def lesson_variety_scale(pictures: torch.Tensor, per_concept: int) -> dict[str, float]:
    """What the Variety lesson shows beside its numbers: its score on real emoji (pictures grouped by concept)."""
    firsts = pictures[::per_concept]
    by_concept = pictures.reshape(-1, per_concept, *pictures.shape[1:])
    return {
        "8 copies of one picture": picture_variety(firsts[:1].repeat(8, 1, 1, 1)).distinct,
        "2 styles of one emoji": mean_distinct(by_concept[:, :2].flatten(0, 1), 2),
        f"its {per_concept} styles": mean_distinct(pictures, per_concept),
        "8 different emoji": mean_distinct(firsts[: len(firsts) // 8 * 8], 8),
    }


def real_pictures(pipeline: Pipeline, data_dir: Path, per_concept: int) -> tuple[torch.Tensor, torch.Tensor]:
    """`per_concept` real pictures (one a style) of every concept that has as many, grouped: (N·k, 3, S, S), (N·k,)."""
    dataset = load_emoji_dataset(data_dir)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    data = PictureCaptions.from_arrays(
        dataset.images, [[]] * len(dataset.items), dataset.concept_indices(), pipeline.image_size
    )
    by_concept = {i: np.flatnonzero(data.concept_ids == i)[:per_concept] for i in range(len(CONCEPTS))}
    keep = [i for i, idx in by_concept.items() if len(idx) == per_concept]
    order = torch.from_numpy(np.concatenate([by_concept[i] for i in keep]))
    return data.pictures[order], torch.from_numpy(data.concept_ids[order.numpy()]).long()


def variety_scale(
    pictures: torch.Tensor, per_concept: int, pipeline: Pipeline, judge
) -> dict[str, tuple[float, float]]:
    """What the variety numbers mean, on real pictures: copies of one picture, the styles of one concept,
    and eight different concepts (one style); each as (dust-clip, judge features)."""
    firsts = pictures[::per_concept]  # one picture of each concept
    eights = firsts[: len(firsts) // 8 * 8]
    return {
        "8 copies of one picture": embedding_variety(firsts[:1].repeat(8, 1, 1, 1), 8, pipeline, judge),
        f"the {per_concept} styles of one concept": embedding_variety(pictures, per_concept, pipeline, judge),
        "8 different concepts": embedding_variety(eights, 8, pipeline, judge),
    }


def evaluate_model(pipeline: Pipeline, judge, model: str, seeds: int, stride: int, guidance: float) -> Scores:
    concepts = CONCEPTS[::stride]
    pictures = torch.cat([pictures_for(pipeline, model, c.name, seeds, guidance) for c in concepts])
    labels = torch.arange(0, len(CONCEPTS), stride).repeat_interleave(seeds)
    scores = score(pictures, labels, seeds, pipeline, judge)
    index = {c.name: i for i, c in enumerate(CONCEPTS)}
    synonyms = SYNONYM_PROMPTS[::stride]
    synonym_pictures = torch.cat([pictures_for(pipeline, model, prompt, 1, guidance) for prompt, _ in synonyms])
    synonym_labels = torch.tensor([index[name] for _, name in synonyms])
    scores.synonym_top1 = top_k_accuracy(predict(judge, synonym_pictures), synonym_labels, 1)
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--judge", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--seeds", type=int, default=4)
    parser.add_argument("--stride", type=int, default=1, help="every Nth concept and synonym (a quicker look)")
    parser.add_argument("--guidance", type=float, default=DEFAULTS.guidance_scale, help="default: the app's")
    parser.add_argument("--models", nargs="*", help="only these (unet, dit, dit-quick, nodust); default: all")
    parser.add_argument("--out", type=Path, help="where evaluation.json and the grids go; default: --weights")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    out = args.out or args.weights
    out.mkdir(parents=True, exist_ok=True)

    torch.set_num_threads(args.threads)
    pipeline = load_pipeline(args.weights, device="cpu")
    judge = load_judge(args.judge)
    real, real_labels = real_pictures(pipeline, args.data, args.seeds)
    results = {"real pictures": score(real, real_labels, args.seeds, pipeline, judge)}
    scale = variety_scale(real, args.seeds, pipeline, judge)
    for name, (clip_variety, judge_variety) in scale.items():
        print(f"variety of {name}: dust-clip {clip_variety:.3f}, judge features {judge_variety:.3f}")
    lesson_scale = lesson_variety_scale(real, args.seeds)
    print("the Variety lesson's scale on real emoji:", json.dumps(lesson_scale))
    (out / VARIETY_SCALE_FILE).write_text(
        json.dumps({k: round(v, 2) for k, v in lesson_scale.items()}, indent=1) + "\n"
    )
    for model in [m for m in drawers(pipeline) if not args.models or m in args.models]:
        start = time.time()
        results[model] = evaluate_model(pipeline, judge, model, args.seeds, args.stride, args.guidance)
        save_sample_grid(pipeline, model, out / f"samples_{model}.png", seeds=4, guidance=args.guidance)
        weakest = sorted(results[model].misses["top1_by_category"].items(), key=lambda item: item[1])[:3]
        print(f"{model}: {time.time() - start:.0f} s; weakest categories {weakest}", flush=True)
    header = [
        "| | judge top-1 | judge top-5 | CLIP score | diversity (dust-clip) | variety (judge) "
        "| different pictures (lesson) | synonyms top-1 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    table = "\n".join(header + [s.row(name) for name, s in results.items()])
    print(table)
    settings = {
        "sampler": DEFAULTS.sampler,
        "steps": DEFAULTS.num_inference_steps,  # a student's (dit-quick) are its own, with DDIM, its guidance baked in
        "guidance_scale": args.guidance,
        "seeds": args.seeds,
        "grid_prompts": GRID_PROMPTS,
        "concepts": len(CONCEPTS[:: args.stride]),
        "synonym_prompts": len(SYNONYM_PROMPTS[:: args.stride]),
    }
    report = {
        "settings": settings,
        "results": {k: vars(v) for k, v in results.items()},
        "variety_scale": scale,
        "lesson_variety_scale": lesson_scale,
        "table": table,
    }
    (out / "evaluation.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
