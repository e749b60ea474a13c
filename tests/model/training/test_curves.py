import json

import numpy as np
from PIL import Image

from model.training.curves import plot_curves, read_meters


def test_meters_are_read_back_and_drawn_in_the_runs_colour(tmp_path):
    meters = [
        {"step": 100, "images_seen": 6400, "nearest_concept": 0.25, "judge_top1": 0.5},
        {"step": 200, "images_seen": 12800, "nearest_concept": 0.5, "judge_top1": 0.75},
    ]
    path = tmp_path / "meters.jsonl"
    path.write_text("".join(json.dumps(m) + "\n" for m in meters) + "\n")
    assert read_meters(path) == meters

    plot_curves({"dit": read_meters(path)}, tmp_path / "curves.png")
    pixels = np.asarray(Image.open(tmp_path / "curves.png").convert("RGB")).reshape(-1, 3).astype(int)
    first_colour = np.array([0x1F, 0x77, 0xB4])  # matplotlib's first line colour
    assert (np.abs(pixels - first_colour).sum(axis=1) < 30).sum() > 100
