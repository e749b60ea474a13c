"""How anisotropic the frozen text encoder's tokens and pooled prompts are, and what whitening them does to words a
team confused.

    python -m model.training.token_spectrum --clip model/weights/clip.safetensors

Prints how the training captions' token and pooled-prompt variance spread over directions, then, for pairs of words,
the cosine of their word tokens and of their normed pooled prompts, raw and whitened (`model.training.whitening`, as
`train.py --whiten-text` and `--whiten-pooled` fit them; the pooled prompt through a fresh embedder's norm).
"""

import argparse
from pathlib import Path

import torch
import torch.nn.functional as F

from model.conditioning import TextCondition
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.layers import TokenWhitening, Whitening
from model.loading import load_clip
from model.training.train import CaptionBank
from model.training.whitening import fit_token_whitening, fit_whitening

CONFUSED = ["ship:dress", "sneaker:dress", "sheep:snowflake", "sun:sunflower", "cloud:rain", "trumpet:star"]
CONFUSED_POOLED = ["bread:cheese", "coffee:scooter", "octopus:heart", "teapot:glasses", "raccoon:video game"]


def word_cosine(cond: TextCondition, first: int, second: int) -> float:
    """Cosine of two prompts' word tokens, each averaged between start- and end-of-text."""
    words = [cond.tokens[i, 1 : int(cond.mask[i].sum()) - 1].mean(0) for i in (first, second)]
    return float(F.cosine_similarity(words[0], words[1], dim=0))


def spread(vectors: torch.Tensor) -> str:
    """How the variance of vectors (N, D) spreads over directions: the six largest shares and the participation
    ratio (how many directions it effectively uses)."""
    values = torch.linalg.eigvalsh(torch.cov(vectors.double().T)).flip(0)
    shares = ", ".join(f"{v:.1%}" for v in (values[:6] / values.sum()).tolist())
    ratio = float(values.sum() ** 2 / (values**2).sum())
    return f"the six largest directions hold {shares} of the variance; participation ratio {ratio:.1f} of {len(values)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clip", type=Path, required=True)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument(
        "--pairs", nargs="*", default=CONFUSED + CONFUSED_POOLED + ["dog:cat"], help="word pairs as a:b"
    )
    args = parser.parse_args()

    clip = load_clip(args.clip, torch.device("cpu"))
    dataset = load_emoji_dataset(args.data)
    table = CaptionBank(clip, [dataset.captions(int(i)) for i in (dataset.concept_indices() >= 0).nonzero()[0]]).table
    tokens = table.tokens[table.mask].double()  # (N, D): every real token of every training caption
    print(f"{len(table)} captions, {len(tokens)} tokens of width {tokens.shape[1]}")
    print(f"tokens: {spread(tokens)}")
    mean_norm, token_norm = float(tokens.mean(0).norm()), float(tokens.norm(dim=1).mean())
    print(f"the mean token's norm {mean_norm:.1f}; a token's, on average, {token_norm:.1f}")
    normed = F.layer_norm(table.pooled, table.pooled.shape[-1:])  # (N, D): as a fresh embedder's norm hands it on
    print(f"pooled prompts, normed: {spread(normed)}")

    whitening, pooled_whitening = TokenWhitening(clip.width), Whitening(clip.width)
    whitening.mean, whitening.matrix = fit_token_whitening(table)
    pooled_whitening.mean, pooled_whitening.matrix = fit_whitening(normed)  # as `fit_pooled_whitening`, untrained norm
    pairs = [pair.split(":") for pair in args.pairs]
    raw = clip.condition([word for pair in pairs for word in pair])
    white = whitening(raw)
    pooled = F.layer_norm(raw.pooled, raw.pooled.shape[-1:])
    print("| words | tokens, raw | whitened | pooled prompt, raw | whitened |\n|---|---|---|---|---|")
    for i, (first, second) in enumerate(pairs):
        cosines = [word_cosine(cond, 2 * i, 2 * i + 1) for cond in (raw, white)]
        cosines += [
            F.cosine_similarity(p[2 * i], p[2 * i + 1], dim=0).item() for p in (pooled, pooled_whitening.whiten(pooled))
        ]
        print(f"| {first} / {second} | " + " | ".join(f"{c:.3f}" for c in cosines) + " |")


if __name__ == "__main__":
    main()
