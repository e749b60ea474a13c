"""Load a built emoji dataset: pictures as one uint8 array, with each picture's emoji, style, concept and captions."""

import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.data.concepts import CONCEPTS


def default_data_dir() -> Path:
    """$DUST_DATA_DIR, else a per-user cache: the dataset is built locally and never committed."""
    return Path(os.environ.get("DUST_DATA_DIR") or Path.home() / ".cache" / "dust-to-detail" / "emoji")


@dataclass
class EmojiDataset:
    """Pictures and their records, index-aligned."""

    images: np.ndarray  # (N, S, S, 3) uint8 on a white background
    items: list[dict]  # emoji, hexcode, style, name, concept (or None), captions

    def __len__(self) -> int:
        return len(self.items)

    def captions(self, index: int) -> list[str]:
        return self.items[index]["captions"]

    def concept_indices(self) -> np.ndarray:
        """Each picture's index into CONCEPTS, or -1 where it pictures no concept."""
        position = {concept.name: i for i, concept in enumerate(CONCEPTS)}
        return np.array([position.get(item["concept"], -1) for item in self.items], dtype=np.int64)

    def subset(self, mask: np.ndarray) -> "EmojiDataset":
        """The pictures where a boolean mask is True, or at the given indices."""
        indices = np.flatnonzero(mask) if np.asarray(mask).dtype == bool else np.asarray(mask, dtype=np.int64)
        return EmojiDataset(self.images[indices], [self.items[i] for i in indices])


def joined(*parts: EmojiDataset) -> EmojiDataset:
    """One dataset holding the pictures of every part, in order."""
    return EmojiDataset(np.concatenate([p.images for p in parts]), [item for p in parts for item in p.items])


def load_emoji_dataset(path: str | Path) -> EmojiDataset:
    """Read a directory written by `python -m model.data build`."""
    path = Path(path)
    if not (path / "manifest.json").exists():
        raise FileNotFoundError(f"no complete dataset in {path}; run `python -m model.data build --out {path}`")
    images = np.load(path / "images.npy")
    items = json.loads((path / "items.json").read_text(encoding="utf-8"))
    if len(images) != len(items):
        raise ValueError(f"{path}: {len(images)} images but {len(items)} items")
    return EmojiDataset(images, items)
