"""Built-in pictures drawn with a few shapes, so the dust lesson has something clean to sprinkle on."""

from collections.abc import Callable

import numpy as np
import torch

from model.images import from_uint8

BACKGROUND = (250, 250, 250)


def _smiley(x: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, tuple[int, int, int]]]:
    """A yellow face with two eyes and a smile."""
    face = x**2 + y**2 < 0.8**2
    eyes = ((x - 0.28) ** 2 + (y + 0.25) ** 2 < 0.12**2) | ((x + 0.28) ** 2 + (y + 0.25) ** 2 < 0.12**2)
    radius = np.sqrt(x**2 + (y - 0.05) ** 2)
    smile = (np.abs(radius - 0.45) < 0.08) & (y > 0.2)
    return [(face, (255, 200, 40)), (eyes | smile, (70, 40, 20))]


def _heart(x: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, tuple[int, int, int]]]:
    """A red heart: the classic implicit curve (x² + y² − 1)³ − x²y³ < 0, flipped upright."""
    u, v = x * 1.25, -(y * 1.25 - 0.15)
    return [((u**2 + v**2 - 1) ** 3 - u**2 * v**3 < 0, (225, 30, 60))]


def _house(x: np.ndarray, y: np.ndarray) -> list[tuple[np.ndarray, tuple[int, int, int]]]:
    """A blue house with a red roof and a yellow door."""
    walls = (np.abs(x) < 0.55) & (y > -0.1) & (y < 0.75)
    roof = (y <= -0.1) & (y > -0.75) & (np.abs(x) < 0.75 * (y + 0.75) / 0.65)
    door = (np.abs(x) < 0.15) & (y > 0.3) & (y < 0.75)
    return [(walls, (60, 120, 230)), (roof, (210, 50, 40)), (door, (255, 210, 60))]


EXAMPLES: dict[str, tuple[str, Callable[..., list]]] = {
    "smiley": ("a smiling face", _smiley),
    "heart": ("a red heart", _heart),
    "house": ("a little house", _house),
}


def draw_example(name: str, size: int = 32) -> torch.Tensor:
    """A built-in picture (1, 3, size, size) in [-1, 1]; an unknown name raises a ValueError."""
    if name not in EXAMPLES:
        raise ValueError(f"there is no built-in picture called {name!r}; choose one of {', '.join(EXAMPLES)}")
    centres = (np.arange(size) + 0.5) / size * 2 - 1
    y, x = np.meshgrid(centres, centres, indexing="ij")  # (H, W) each
    pixels = np.empty((size, size, 3), dtype=np.uint8)
    pixels[:] = BACKGROUND
    for mask, colour in EXAMPLES[name][1](x, y):
        pixels[mask] = colour
    return from_uint8(pixels[None])
