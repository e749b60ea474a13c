"""Conversions between model tensors in [-1, 1] and 8-bit pictures."""

import numpy as np
import torch


def to_uint8(x: torch.Tensor) -> np.ndarray:
    """(B, 3, H, W) in [-1, 1] → (B, H, W, 3) uint8 (in numpy: tiny torch ops cost ms under load)."""
    pixels = x.detach().float().cpu().permute(0, 2, 3, 1).numpy()
    return np.rint((np.clip(pixels, -1, 1) + 1) * 127.5).astype(np.uint8)


def from_uint8(images: np.ndarray) -> torch.Tensor:
    """(B, H, W, 3) uint8 → (B, 3, H, W) float32 in [-1, 1]."""
    return torch.from_numpy(np.ascontiguousarray(images)).permute(0, 3, 1, 2).float() / 127.5 - 1
