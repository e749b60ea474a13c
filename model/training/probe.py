"""Has a denoiser learned the noisiest steps? Its guess of the picture against the best possible guess.

    python -m model.training.probe --weights model/weights

At pure dust nothing of the picture is left, so the best guess of a concept's picture is the
average of that concept's pictures, and a guess that uses the dust instead is worse than even the
average of all pictures. A model there draws the layout its starting dust suggests, whatever the
words; these steps are where a picture's layout is decided. A team that draws in the sketchbook is
probed in its latent space (errors and averages of the encoded pictures).
"""

import argparse
from pathlib import Path

import torch

from model.conditioning import TextCondition
from model.data.concepts import CONCEPTS
from model.data.dataset import default_data_dir, load_emoji_dataset
from model.denoiser import ModelDenoiser
from model.diffusion import q_sample
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.training.pictures import PictureCaptions

PROBE_TIMESTEPS = (999, 900, 800, 700, 500)


def guess_error(denoiser: ModelDenoiser, x0: torch.Tensor, cond: TextCondition, t: int, seed: int = 0) -> float:
    """Mean squared error of the guessed picture to x0 (B, C, H, W) when x0 is dusted to timestep t."""
    alpha_bar = denoiser.sampling_alpha_bars[t].float().repeat(len(x0))
    noise = torch.randn(x0.shape, generator=torch.Generator().manual_seed(seed))
    guess = denoiser(q_sample(x0, alpha_bar, noise), t, cond).x0
    return float((guess.float() - x0).pow(2).mean())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    parser.add_argument("--stride", type=int, default=20, help="every Nth concept")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    pipeline = load_pipeline(args.weights, device="cpu")
    dataset = load_emoji_dataset(args.data)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    data = PictureCaptions.from_arrays(
        dataset.images, [[]] * len(dataset.items), dataset.concept_indices(), pipeline.image_size
    )
    concepts = list(range(0, len(CONCEPTS), args.stride))
    firsts = [int((data.concept_ids == c).nonzero()[0][0]) for c in concepts]
    right = pipeline.clip.condition([CONCEPTS[c].name for c in concepts])
    wrong = right[torch.roll(torch.arange(len(concepts)), 1)]  # each picture with its neighbour's words
    for name, team in pipeline.teams.items():
        pictures = team.to_space(data.pictures)  # (M, C, S, S) in the team's own space
        x0 = pictures[firsts]  # one picture of each probed concept
        concept_means = torch.stack([pictures[torch.from_numpy(data.concept_ids == c)].mean(0) for c in concepts])
        best, average = (concept_means - x0).pow(2).mean(), (pictures.mean(0) - x0).pow(2).mean()
        print(f"{name}, {len(concepts)} concepts; best possible guess at pure dust (the concept's average): "
              f"{best:.3f}; the average of all: {average:.3f}")  # fmt: skip
        print("| model | timestep | error, right words | error, wrong words |\n|---|---|---|---|")
        denoiser = team.denoiser(team.training_schedule())
        for t in PROBE_TIMESTEPS:
            errors = (guess_error(denoiser, x0, words, t) for words in (right, wrong))
            print(f"| {name} | {t} | " + " | ".join(f"{e:.3f}" for e in errors) + " |")


if __name__ == "__main__":
    main()
