import json

import pytest
import torch

from model.lessons.diversity import VARIETY_SCALE_FILE, load_variety_scale, picture_kernel, variety


def test_copies_are_one_picture_and_far_apart_pictures_are_each_their_own():
    picture = torch.rand(1, 3, 32, 32) * 2 - 1
    copies = variety(picture.repeat(8, 1, 1, 1))
    assert copies.distinct == pytest.approx(1.0) and copies.spread == pytest.approx(0.0, abs=1e-6)
    black_and_white = torch.cat([torch.full((1, 3, 32, 32), -1.0), torch.full((1, 3, 32, 32), 1.0)])
    apart = variety(black_and_white)
    assert apart.distinct == pytest.approx(2.0, abs=1e-6) and apart.spread == pytest.approx(1.0, abs=1e-6)


def test_pixel_noise_barely_counts_but_a_new_layout_does():
    torch.manual_seed(0)
    left = torch.full((1, 3, 32, 32), 1.0)
    left[..., :16] = -1.0
    jittered = (left + 0.05 * torch.randn(4, 3, 32, 32)).clamp(-1, 1)
    assert variety(jittered).distinct < 1.1  # the same drawing, a little dusty
    moved = torch.cat([left, left.flip(-1), left.transpose(-1, -2), left.transpose(-1, -2).flip(-2)])
    assert variety(moved).distinct > 3.0  # four layouts
    kernel = picture_kernel(moved)
    assert torch.allclose(kernel.diagonal(), torch.ones(4)) and torch.allclose(kernel, kernel.T)


def test_the_reference_numbers_come_from_the_weights_folder(tmp_path):
    assert load_variety_scale(None) is None and load_variety_scale(tmp_path) is None
    (tmp_path / VARIETY_SCALE_FILE).write_text(json.dumps({"8 copies of one picture": 1, "8 different emoji": 7.3}))
    assert load_variety_scale(tmp_path) == {"8 copies of one picture": 1.0, "8 different emoji": 7.3}
