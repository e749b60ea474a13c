"""Training curves: the meters a run wrote (`meters.jsonl`), drawn against the pictures it has seen.

    python -m model.training.curves runs/dit/meters.jsonl runs/unet/meters.jsonl --out curves.png

`train.py` redraws `curves.png` beside its `meters.jsonl` at every checkpoint; several files give one line each,
labelled by their folder's name.
"""

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only, no display
import matplotlib.pyplot as plt  # noqa: E402

METERS = {"judge_top1": ("judge top-1", "-"), "nearest_concept": ("nearest concept", ":")}


def read_meters(path: Path) -> list[dict[str, float]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def plot_curves(runs: dict[str, list[dict[str, float]]], out: Path, title: str = "drawn from pure noise") -> None:
    """One line per run and meter: accuracy (%) against pictures seen (millions)."""
    figure, axes = plt.subplots(figsize=(7, 4), dpi=110)
    for colour, (label, meters) in zip(plt.rcParams["axes.prop_cycle"].by_key()["color"], runs.items()):
        seen = [m["images_seen"] / 1e6 for m in meters]
        for key, (name, style) in METERS.items():
            values = [100 * m[key] for m in meters if key in m]
            if len(values) == len(seen):
                axes.plot(seen, values, style, marker="o", markersize=3, color=colour, label=f"{label}: {name}")
    axes.set(xlabel="pictures seen (millions)", ylabel="% of probe concepts", ylim=(0, 100), title=title)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out)
    plt.close(figure)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("meters", nargs="+", type=Path, help="meters.jsonl files, one line each")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--title", default="drawn from pure noise")
    args = parser.parse_args()
    plot_curves({path.parent.name: read_meters(path) for path in args.meters}, args.out, args.title)


if __name__ == "__main__":
    main()
