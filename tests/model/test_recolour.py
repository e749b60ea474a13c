"""Recolouring moves the main colour only; the hue reading names the colour a picture came out in."""

import numpy as np
import pytest

from model.data.recolour import HUES, colour_of, main_hue, recolour

RGB = {"red": (230, 20, 20), "orange": (240, 130, 10), "yellow": (240, 220, 10), "green": (30, 200, 40),
       "blue": (30, 70, 230), "purple": (140, 40, 220)}  # fmt: skip


def _picture(thing: tuple[int, int, int], size: int = 16) -> np.ndarray:
    """A thing in one colour with a black outline and a grey patch, on white paper."""
    picture = np.full((size, size, 3), 255, np.uint8)
    picture[4:12, 4:12] = thing
    picture[3, 3:13] = 0
    picture[12:14, 12:14] = 128
    return picture


@pytest.mark.parametrize("colour", list(RGB))
def test_a_plain_colour_reads_as_its_name(colour):
    assert colour_of(_picture(RGB[colour])) == colour


def test_black_white_and_grey_have_no_main_colour():
    grey = _picture((128, 128, 128))
    assert main_hue(grey) is None and colour_of(grey) is None and recolour(grey, "blue") is None


@pytest.mark.parametrize("target", list(HUES))
def test_recolouring_moves_the_thing_and_leaves_outline_paper_and_grey(target):
    before = _picture(RGB["red"])
    after = recolour(before, target)
    assert colour_of(after) == target
    untouched = np.ones(before.shape[:2], bool)
    untouched[4:12, 4:12] = False
    assert np.array_equal(after[untouched], before[untouched])


def test_recolouring_keeps_the_shading():
    picture = _picture(RGB["red"])
    picture[8:12, 4:12] = (120, 10, 10)  # the thing's shadow side
    after = recolour(picture, "blue").astype(int)
    assert after[5, 5].sum() > after[10, 5].sum() + 100  # the lit side stays lighter than the shadow
