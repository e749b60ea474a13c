"""Pixels to bytes: PNG frames for the stream and the animated GIF of a whole reveal."""

import io

import numpy as np
from PIL import Image

GIF_GAP = 4  # pixels of background between the panels of a GIF frame, after upscaling
GIF_BACKGROUND = (16, 18, 27)  # the page's ink colour, so the GIF sits well on slides


def encode_png(pixels: np.ndarray) -> bytes:
    """(H, W, 3) uint8 to PNG; level 1 because frames are tiny and speed beats the last few bytes."""
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def reveal_gif(panels: list[list[np.ndarray]], scale: int, frame_ms: int, hold_ms: int) -> bytes:
    """An animated GIF with one frame per step, each a grid of panels, the last held for `hold_ms`.

    panels[frame] holds one (B, H, W, 3) uint8 array per column (e.g. x_t and predicted x0); the
    batch goes down the rows. Upscaling is nearest-neighbour so every model pixel stays a crisp square.
    """
    frames = [_grid(columns, scale) for columns in panels]
    durations = [frame_ms] * (len(frames) - 1) + [hold_ms]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0)
    return buffer.getvalue()


def _grid(columns: list[np.ndarray], scale: int) -> Image.Image:
    """Lay a frame out: columns side by side, batch items stacked, all upscaled by `scale`."""
    batch, height, width, _ = columns[0].shape
    cell_w, cell_h = width * scale, height * scale
    size = (len(columns) * (cell_w + GIF_GAP) + GIF_GAP, batch * (cell_h + GIF_GAP) + GIF_GAP)
    canvas = Image.new("RGB", size, GIF_BACKGROUND)
    for col, images in enumerate(columns):
        for row, pixels in enumerate(images):
            tile = Image.fromarray(pixels).resize((cell_w, cell_h), Image.Resampling.NEAREST)
            canvas.paste(tile, (GIF_GAP + col * (cell_w + GIF_GAP), GIF_GAP + row * (cell_h + GIF_GAP)))
    return canvas
