"""Pixels to bytes: PNG frames for the stream and the animated GIF of a whole reveal."""

import io

import numpy as np
from PIL import Image, ImageDraw

GIF_GAP = 4  # pixels of background between the panels of a GIF frame, after upscaling
GIF_BACKGROUND = (16, 18, 27)  # the page's ink colour, so the GIF sits well on slides
GIF_LABEL_HEIGHT = 16  # the band above the panels that names each one
GIF_LABEL_COLOUR = (238, 241, 247)  # the page's text colour
DOWNLOAD_PIXELS = 512  # a downloaded picture is enlarged to about this side, as the main page's PNG is


def encode_png(pixels: np.ndarray) -> bytes:
    """(H, W, 3) uint8 to PNG; level 1 because frames are tiny and speed beats the last few bytes."""
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def download_png(pixels: np.ndarray, target: int = DOWNLOAD_PIXELS) -> bytes:
    """(H, W, 3) uint8 to a PNG enlarged nearest-neighbour to about `target` pixels a side, crisp for slides."""
    scale = max(1, round(target / pixels.shape[1]))
    enlarged = Image.fromarray(pixels).resize(
        (pixels.shape[1] * scale, pixels.shape[0] * scale), Image.Resampling.NEAREST
    )
    return encode_png(np.asarray(enlarged))


def reveal_gif(
    panels: list[list[np.ndarray]], scale: int, frame_ms: int, hold_ms: int, labels: tuple[str, ...] = ()
) -> bytes:
    """An animated GIF with one frame per step, each a grid of panels, the last held for `hold_ms`.

    panels[frame] holds one (B, H, W, 3) uint8 array per column (e.g. x_t and predicted x0); the
    batch goes down the rows, and `labels` name the columns in a band above them. Upscaling is
    nearest-neighbour so every model pixel stays a crisp square.
    """
    frames = [_grid(columns, scale, labels) for columns in panels]
    durations = [frame_ms] * (len(frames) - 1) + [hold_ms]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0)
    return buffer.getvalue()


def _grid(columns: list[np.ndarray], scale: int, labels: tuple[str, ...] = ()) -> Image.Image:
    """Lay a frame out: a band of labels, then columns side by side, batch items stacked, all upscaled by `scale`."""
    batch, height, width, _ = columns[0].shape
    cell_w, cell_h = width * scale, height * scale
    top = GIF_LABEL_HEIGHT if labels else 0
    size = (len(columns) * (cell_w + GIF_GAP) + GIF_GAP, top + batch * (cell_h + GIF_GAP) + GIF_GAP)
    canvas = Image.new("RGB", size, GIF_BACKGROUND)
    draw = ImageDraw.Draw(canvas)
    for col, label in enumerate(labels):
        draw.text((GIF_GAP + col * (cell_w + GIF_GAP), 2), label, fill=GIF_LABEL_COLOUR)
    for col, images in enumerate(columns):
        for row, pixels in enumerate(images):
            tile = Image.fromarray(pixels).resize((cell_w, cell_h), Image.Resampling.NEAREST)
            canvas.paste(tile, (GIF_GAP + col * (cell_w + GIF_GAP), top + GIF_GAP + row * (cell_h + GIF_GAP)))
    return canvas
