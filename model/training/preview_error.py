"""How far the sketchbook's quick look is from the decoder's painting, on the concept pictures' latents.

    python -m model.training.preview_error --weights model/weights

Prints the mean colour error per pixel and channel (0–255) of `Pipeline.preview` against the decoder.
"""

import argparse
from pathlib import Path

import torch

from model.data.dataset import default_data_dir, load_emoji_dataset
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.training.pictures import PictureCaptions


@torch.no_grad()
def preview_error(weights: Path, data: Path) -> float:
    pipeline = load_pipeline(weights, device="cpu")
    dataset = load_emoji_dataset(data)
    dataset = dataset.subset(dataset.concept_indices() >= 0)
    pictures = PictureCaptions.from_arrays(
        dataset.images, [[]] * len(dataset), dataset.concept_indices(), pipeline.image_size
    ).pictures
    latents = pipeline.to_latent(pictures)
    return float((pipeline.preview(latents) - pipeline.to_pictures(latents)).abs().mean() * 127.5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--weights", type=Path, default=DEFAULT_WEIGHTS_DIR)
    parser.add_argument("--data", type=Path, default=default_data_dir())
    args = parser.parse_args()
    print(
        f"mean colour error of the quick look against the painting: {preview_error(args.weights, args.data):.1f} of 255"
    )


if __name__ == "__main__":
    main()
