"""A thing in a colour it never came in: move a picture's main hue to a named one, leave black, white and grey.

Training on recoloured pictures captioned with their colour ("a blue car") teaches that a colour word
paints the thing rather than replacing it; the same hue reading judges whether a drawing came out in the
colour that was asked for.
"""

import numpy as np
from PIL import Image

# Hue of each colour word, in degrees on the HSV circle.
HUES = {"red": 0.0, "orange": 30.0, "yellow": 55.0, "green": 120.0, "blue": 220.0, "purple": 280.0}
_MIN_SATURATION, _MIN_VALUE = 0.35, 0.25  # below either, a pixel is black, white or grey: it keeps its colour
_BAND = 40.0  # hues within this many degrees of the main one are "the main colour" and move with it
_MIN_COLOURED_SHARE = 0.1  # of the drawn (not white) pixels, for a picture to have a main colour at all


def _hsv(picture: np.ndarray) -> np.ndarray:
    """(H, W, 3) uint8 RGB → (H, W, 3) float HSV: hue in degrees, saturation and value in [0, 1]."""
    hsv = np.asarray(Image.fromarray(picture, "RGB").convert("HSV"), dtype=np.float64) / 255.0
    hsv[..., 0] *= 360.0
    return hsv


def _coloured(hsv: np.ndarray) -> np.ndarray:
    return (hsv[..., 1] >= _MIN_SATURATION) & (hsv[..., 2] >= _MIN_VALUE)


def _hue_distance(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    """Degrees between hues on the circle, 0 to 180."""
    d = np.abs(np.asarray(a) - np.asarray(b)) % 360.0
    return np.minimum(d, 360.0 - d)


def main_hue(picture: np.ndarray) -> float | None:
    """The hue most of the coloured pixels share (a saturation-weighted histogram's peak), or None when the
    picture is mostly black, white and grey."""
    hsv = _hsv(picture)
    coloured = _coloured(hsv)
    drawn = hsv[..., 2] * (1 - hsv[..., 1]) < 0.94  # not the white paper
    if coloured.sum() < _MIN_COLOURED_SHARE * max(drawn.sum(), 1):
        return None
    histogram, edges = np.histogram(hsv[..., 0][coloured], bins=36, range=(0, 360), weights=hsv[..., 1][coloured])
    smoothed = histogram + 0.5 * (np.roll(histogram, 1) + np.roll(histogram, -1))
    peak = int(smoothed.argmax())
    return float((edges[peak] + edges[peak + 1]) / 2)


def colour_of(picture: np.ndarray) -> str | None:
    """The colour word nearest the picture's main hue, or None when it has no main colour."""
    hue = main_hue(picture)
    if hue is None:
        return None
    return min(HUES, key=lambda name: float(_hue_distance(hue, HUES[name])))


def recolour(picture: np.ndarray, colour: str) -> np.ndarray | None:
    """The picture with its main colour moved to `colour`'s hue (shades kept), or None when it has no main colour."""
    hue = main_hue(picture)
    if hue is None:
        return None
    hsv = _hsv(picture)
    # Full weight inside the band, fading to none over the next 20 degrees, so shading keeps its edges.
    weight = np.clip((_BAND + 20.0 - _hue_distance(hsv[..., 0], hue)) / 20.0, 0.0, 1.0) * _coloured(hsv)
    hsv[..., 0] = (hsv[..., 0] + weight * _signed_turn(hue, HUES[colour])) % 360.0
    hsv[..., 0] /= 360.0
    out = Image.fromarray(np.round(hsv * 255).astype(np.uint8), "HSV").convert("RGB")
    return np.asarray(out)


def _signed_turn(start: float, end: float) -> float:
    """The shortest turn in degrees from one hue to another, −180 to 180."""
    return (end - start + 180.0) % 360.0 - 180.0
