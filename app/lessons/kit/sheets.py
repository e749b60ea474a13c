"""Many small pictures as one PNG "sheet": a row per kind of picture, a column per moment."""

import base64

import numpy as np
import torch
from fastapi.responses import Response

from app.imaging import encode_png
from model.images import to_uint8


def sheet_png(rows: list[torch.Tensor]) -> bytes:
    """Rows of equally long batches (N, 3, H, W) in [-1, 1] → one PNG of N·W × rows·H pixels."""
    strips = [np.concatenate(list(to_uint8(row)), axis=1) for row in rows]  # each (H, N·W, 3)
    return encode_png(np.concatenate(strips, axis=0))


def png_response(data: bytes) -> Response:
    """A PNG the browser may keep: the same query always gives the same picture."""
    return Response(data, media_type="image/png", headers={"Cache-Control": "private, max-age=600"})


def png_data_urls(pictures: torch.Tensor) -> list[str]:
    """Small pictures (N, 3, H, W) in [-1, 1] as PNG data URLs, for JSON answers about a few 32×32 pictures."""
    return [f"data:image/png;base64,{base64.b64encode(encode_png(pixels)).decode()}" for pixels in to_uint8(pictures)]


AMBER = torch.tensor([255, 181, 71]) / 255  # the page's colour for dust and for attention


def heat_overlays(picture: torch.Tensor, heat: torch.Tensor) -> torch.Tensor:
    """One picture (1, 3, H, W) in [-1, 1], dimmed, under amber light where each map (T, H, W) in [0, 1] is high."""
    dimmed = (picture.cpu() + 1) / 2 * 0.35  # (1, 3, H, W) in [0, 1]
    lit = dimmed + heat[:, None] * AMBER[None, :, None, None]  # (T, 3, H, W)
    return lit.clamp(0, 1) * 2 - 1
