"""The sentences a class types, drawn from pure dust at the app's defaults and judged: the thing by the
independent judge, the colour by hue. Every sentence comes from the held-out phrasings, descriptions and
(thing, colour) pairs that training never sees.

    python -m model.training.natural_prompts --weights model/weights --judge runs/judge/judge.safetensors --stride 4
"""

import argparse
import json
import random
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import torch

from model.data.concepts import CONCEPTS, SYNONYM_PROMPTS, Concept
from model.data.descriptions import HELD_OUT_DESCRIPTIONS
from model.data.phrasings import HELD_OUT, held_out_colour, plural, with_article
from model.data.recolour import colour_of
from model.images import to_uint8
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import GenerationRequest, Pipeline
from model.training.grids import drawers, pictures_for
from model.training.judge import load_judge, predict

KINDS = ("article", "adjective", "request", "plural", "kid word", "description", "usual colour", "new colour")
_KID_WORDS = dict((concept, word) for word, concept in SYNONYM_PROMPTS)


@dataclass(frozen=True)
class NaturalPrompt:
    kind: str
    prompt: str
    concept: int  # index into CONCEPTS: the thing the judge must read
    colour: str | None = None  # the colour it must come out in, judged by hue


def natural_suite(stride: int = 1) -> list[NaturalPrompt]:
    """One held-out sentence of every kind that fits each of every `stride`-th concept, the same every time."""
    suite = []
    for index in range(0, len(CONCEPTS), stride):
        concept = CONCEPTS[index]
        for kind in KINDS:
            made = _sentence(kind, concept, random.Random(f"{kind}/{concept.name}"))
            if made is not None:
                prompt, colour = made
                suite.append(NaturalPrompt(kind, prompt, index, colour))
    return suite


def _sentence(kind: str, concept: Concept, rng: random.Random) -> tuple[str, str | None] | None:
    name, split = concept.name, HELD_OUT
    if kind == "article":
        return f"{rng.choice(split.determiners)} {name}", None
    if kind == "adjective":
        return with_article(f"{rng.choice(split.adjectives)} {name}"), None
    if kind == "request":
        return rng.choice(split.requests).format(with_article(name)), None
    if kind == "plural":
        return f"{rng.choice(split.counts)} {plural(name)}", None
    if kind == "kid word" and name in _KID_WORDS:
        return with_article(f"{rng.choice(split.adjectives)} {_KID_WORDS[name]}"), None
    if kind == "description" and name in HELD_OUT_DESCRIPTIONS:
        return HELD_OUT_DESCRIPTIONS[name], None
    if kind == "usual colour" and concept.colour:
        return rng.choice(split.requests).format(with_article(f"{concept.colour} {name}")), concept.colour
    if kind == "new colour":
        colour = held_out_colour(concept)
        return with_article(f"{colour} {name}"), colour
    return None


@torch.no_grad()
def judge_suite(pipeline: Pipeline, judge, model: str, suite: list[NaturalPrompt], seeds: int, guidance: float):
    """Per prompt and seed: (thing right, colour right or None where no colour was asked)."""
    results = []
    for item in suite:
        pictures = pictures_for(pipeline, model, item.prompt, seeds, guidance)
        read = predict(judge, pictures).argmax(-1).tolist()
        colours = [colour_of(picture) for picture in to_uint8(pictures)]
        for thing, colour in zip(read, colours):
            results.append((thing == item.concept, None if item.colour is None else colour == item.colour))
    return results


def table(suite: list[NaturalPrompt], results: list[tuple[bool, bool | None]], seeds: int) -> dict[str, dict]:
    """By kind: the share of pictures showing the thing, and for colour kinds the colour and both together."""
    by_kind: dict[str, list[tuple[bool, bool | None]]] = defaultdict(list)
    for i, item in enumerate(suite):
        by_kind[item.kind] += results[i * seeds : (i + 1) * seeds]
    rows = {}
    for kind in KINDS:
        if not (marks := by_kind.get(kind)):
            continue
        row = {"pictures": len(marks), "thing": float(np.mean([thing for thing, _ in marks]))}
        if marks[0][1] is not None:
            row["colour"] = float(np.mean([bool(colour) for _, colour in marks]))
            row["both"] = float(np.mean([thing and bool(colour) for thing, colour in marks]))
        rows[kind] = row
    everything = [thing for kind in rows for thing, _ in by_kind[kind]]
    rows["all kinds"] = {"pictures": len(everything), "thing": float(np.mean(everything))}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--judge", type=Path, required=True)
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--stride", type=int, default=1, help="every Nth concept (a quicker look)")
    parser.add_argument("--guidance", type=float, default=GenerationRequest.guidance_scale, help="default: the app's")
    parser.add_argument("--models", nargs="*", default=["unet", "dit"], help="teams, or students: dit-quick")
    parser.add_argument("--out", type=Path, required=True, help="where natural.json goes")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    pipeline = load_pipeline(args.weights, device="cpu")
    judge = load_judge(args.judge)
    suite = natural_suite(args.stride)
    report: dict = {"settings": vars(args) | {"weights": str(args.weights), "judge": str(args.judge)}}
    report["settings"]["out"] = str(args.out)
    report["suite"] = [asdict(item) for item in suite]
    for model in [m for m in args.models if m in drawers(pipeline)]:
        start = time.time()
        results = judge_suite(pipeline, judge, model, suite, args.seeds, args.guidance)
        report[model] = {"kinds": table(suite, results, args.seeds), "marks": results}
        print(f"{model}: {len(suite)} prompts × {args.seeds} seeds in {time.time() - start:.0f} s")
        for kind, row in report[model]["kinds"].items():
            extra = f", colour {100 * row['colour']:.1f} %, both {100 * row['both']:.1f} %" if "both" in row else ""
            print(f"  {kind:13s} thing {100 * row['thing']:5.1f} % of {row['pictures']}{extra}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "natural.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
