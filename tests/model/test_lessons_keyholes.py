"""Keyholes and patches: receptive fields and self-attention maps, against known answers."""

import copy

import torch
from torch import nn

from model.config import ModelConfig
from model.lessons.keyholes import Keyhole, down_path_keyholes, patch_attention
from model.loading import tiny_pipeline
from model.unet import UNet, UNetConfig


def _footprint(stack: nn.Module, size: int = 64) -> int:
    """The side of the input square that the centre output of a conv stack depends on, by autograd."""
    x = torch.randn(1, 1, size, size, requires_grad=True)
    out = stack(x)
    out[0, 0, out.shape[2] // 2, out.shape[3] // 2].backward()
    touched = x.grad[0, 0].abs().sum(0).nonzero()
    return int(touched.max() - touched.min() + 1)


def _conv_stack(brushes: int) -> nn.Sequential:
    """The U-Net's first `brushes` down-path convolutions as plain ones: all 3×3, with stride 2 where a level ends."""
    return nn.Sequential(*[_conv(stride) for stride in _BRUSH_STRIDES[:brushes]])


def _conv(stride: int) -> nn.Conv2d:
    conv = nn.Conv2d(1, 1, 3, stride=stride, padding=1)
    nn.init.constant_(conv.weight, 1.0)
    return conv


_BRUSH_STRIDES = [1] * 5 + [2] + [1] * 4  # UNetConfig(channel_mults=(1, 2)): stem, 4 convs, downsample, 4 convs


def level_ends(keyholes: list[Keyhole]) -> list[tuple[int, int, bool]]:
    """(resolution, size, attention at that level) where each level's last block ends: the old per-level view."""
    ends = [k for k, after in zip(keyholes, [*keyholes[1:], None]) if after is None or after.level != k.level]
    return [(k.resolution, k.size, any(j.attention for j in keyholes if j.level == k.level)) for k in ends]


def _our_keyholes(arch: UNetConfig, image_size: int) -> list[Keyhole]:
    """Our U-Net's keyholes, from the down path the network it builds declares (model/capabilities.py)."""
    return down_path_keyholes(UNet(ModelConfig(backbone=arch, image_size=image_size)).down_path(), image_size)


def test_keyholes_of_the_default_u_net():
    keyholes = _our_keyholes(UNetConfig(), 32)
    assert level_ends(keyholes) == [(32, 11, False), (16, 29, True), (8, 65, True)]
    assert [k.size for k in keyholes[:6]] == [3, 5, 7, 9, 11, 13]
    assert not any(k.anywhere for k in keyholes if k.level == 0)


def test_the_sketch_team_sees_a_small_keyhole_first_and_attention_soon_after():
    """Team CNN on the 8×8 sketch: brushes of 3, 5 and 7 cells, then attention that looks anywhere."""
    keyholes = _our_keyholes(UNetConfig(channel_mults=(1, 2), num_res_blocks=2, attention_levels=(0, 1)), 8)
    assert [(k.size, k.attention, k.anywhere) for k in keyholes[:5]] == [
        (3, False, False), (5, False, False), (7, False, False), (7, True, True), (9, False, True)
    ]  # fmt: skip
    assert len(keyholes) == 14 and keyholes[-1].size == 29 and [k.layer for k in keyholes] == list(range(14))


def test_keyholes_match_the_footprint_of_a_real_conv_stack():
    brushes = [k for k in _our_keyholes(UNetConfig(channel_mults=(1, 2), num_res_blocks=2), 32) if not k.attention]
    assert len(brushes) == len(_BRUSH_STRIDES)
    for count, keyhole in enumerate(brushes, start=1):
        assert _footprint(_conv_stack(count), size=96) == keyhole.size


def test_a_patch_attends_with_weights_that_sum_to_one_and_hooks_are_removed():
    pipeline = tiny_pipeline()
    net, config = pipeline.team("dit").network, pipeline.team("dit").config
    grid = 32 // config.backbone.patch_size
    weights = patch_attention(net, torch.randn(1, 3, 32, 32), 500.0, pipeline.clip.condition(["a cat"]), 5)
    assert weights.shape == (grid, grid) and torch.isclose(weights.sum(), torch.tensor(1.0))
    assert all(not block.self_attn._forward_hooks for block in net.blocks)


def test_queries_of_zero_attend_evenly():
    pipeline = tiny_pipeline()
    net = copy.deepcopy(pipeline.team("dit").network)
    for block in net.blocks:
        nn.init.zeros_(block.self_attn.to_q.weight)
        nn.init.zeros_(block.self_attn.to_q.bias)
    weights = patch_attention(net, torch.randn(1, 3, 32, 32), 500.0, pipeline.clip.condition(["a cat"]), 0)
    assert torch.allclose(weights, torch.full_like(weights, 1 / weights.numel()))
