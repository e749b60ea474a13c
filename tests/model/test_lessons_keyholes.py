"""Keyholes and patches: receptive fields and self-attention maps, against known answers."""

import copy
from types import SimpleNamespace

import pytest
import torch
from torch import nn

from model.folder.diffusers_unet import FolderUNet
from model.lessons.keyholes import folder_keyholes, patch_attention, unet_keyholes
from model.pipeline import Pipeline
from model.unet import UNetConfig


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


def _level_ends(keyholes: list) -> list[tuple[int, int, bool]]:
    """(resolution, size, attention at that level) where each level's last block ends: the old per-level view."""
    ends = [k for k, after in zip(keyholes, [*keyholes[1:], None]) if after is None or after.level != k.level]
    return [(k.resolution, k.size, any(j.attention for j in keyholes if j.level == k.level)) for k in ends]


def test_keyholes_of_the_default_u_net():
    keyholes = unet_keyholes(UNetConfig(), 32)
    assert _level_ends(keyholes) == [(32, 11, False), (16, 29, True), (8, 65, True)]
    assert [k.size for k in keyholes[:6]] == [3, 5, 7, 9, 11, 13]
    assert not any(k.anywhere for k in keyholes if k.level == 0)


def test_the_sketch_team_sees_a_small_keyhole_first_and_attention_soon_after():
    """Team CNN on the 8×8 sketch: brushes of 3, 5 and 7 cells, then attention that looks anywhere."""
    keyholes = unet_keyholes(UNetConfig(channel_mults=(1, 2), num_res_blocks=2, attention_levels=(0, 1)), 8)
    assert [(k.size, k.attention, k.anywhere) for k in keyholes[:5]] == [
        (3, False, False), (5, False, False), (7, False, False), (7, True, True), (9, False, True)
    ]  # fmt: skip
    assert len(keyholes) == 14 and keyholes[-1].size == 29 and [k.layer for k in keyholes] == list(range(14))


def test_keyholes_match_the_footprint_of_a_real_conv_stack():
    brushes = [k for k in unet_keyholes(UNetConfig(channel_mults=(1, 2), num_res_blocks=2), 32) if not k.attention]
    assert len(brushes) == len(_BRUSH_STRIDES)
    for count, keyhole in enumerate(brushes, start=1):
        assert _footprint(_conv_stack(count), size=96) == keyhole.size


class _ConfigOnly(nn.Module):
    """A U-Net with only a diffusers config: enough for keyholes, without building its weights."""

    def __init__(self, **config):
        super().__init__()
        self.config = SimpleNamespace(conv_in_kernel=3, **config)


SD_15_DOWN_PATH = {  # Stable Diffusion 1.5's unet/config.json (latents 64×64 for 512-pixel pictures)
    "layers_per_block": 2,
    "down_block_types": ["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"],
}


def test_keyholes_of_stable_diffusion_1_5_in_latent_cells():
    keyholes = folder_keyholes(FolderUNet(_ConfigOnly(**SD_15_DOWN_PATH)), 64)
    assert keyholes is not None
    assert _level_ends(keyholes) == [
        (64, 11, True),
        (32, 29, True),
        (16, 65, True),
        (8, 137, False),
    ]


@pytest.mark.parametrize(
    "change", [{"conv_in_kernel": 7}, {"layers_per_block": [1, 2, 2, 2]}, {"down_block_types": ["SimpleDownBlock2D"]}]
)
def test_a_folder_u_net_not_built_like_ours_has_no_keyholes(change: dict):
    unet = _ConfigOnly(**SD_15_DOWN_PATH)
    vars(unet.config).update(change)
    assert folder_keyholes(FolderUNet(unet), 64) is None


def _conv_fields(unet: nn.Module) -> list[int]:
    """Receptive field after each down block of a real diffusers U-Net, from its own conv layers in order."""
    size, jump, fields = unet.conv_in.kernel_size[0], unet.conv_in.stride[0], []
    for block in unet.down_blocks:
        for conv in [conv for resnet in block.resnets for conv in (resnet.conv1, resnet.conv2)]:
            size, jump = size + (conv.kernel_size[0] - 1) * jump, jump * conv.stride[0]
        fields.append(size)
        for conv in [down.conv for down in block.downsamplers or []]:
            size, jump = size + (conv.kernel_size[0] - 1) * jump, jump * conv.stride[0]
    return fields


def test_folder_keyholes_match_the_convolutions_of_a_real_diffusers_u_net():
    diffusers = pytest.importorskip("diffusers")
    torch.manual_seed(0)
    unet = diffusers.UNet2DConditionModel(
        sample_size=16,
        block_out_channels=(32, 32, 64),
        layers_per_block=2,
        down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=32,
        attention_head_dim=8,
    )
    keyholes = folder_keyholes(FolderUNet(unet), 16)
    assert keyholes is not None
    ends = _level_ends(keyholes)
    assert [size for _, size, _ in ends] == _conv_fields(unet) == [11, 29, 65]
    assert [(resolution, attention) for resolution, _, attention in ends] == [(16, True), (8, True), (4, False)]


def test_a_patch_attends_with_weights_that_sum_to_one_and_hooks_are_removed():
    pipeline = Pipeline.tiny()
    net, config = pipeline.team("dit").network, pipeline.team("dit").config
    grid = 32 // config.backbone.patch_size
    weights = patch_attention(net, torch.randn(1, 3, 32, 32), 500.0, pipeline.encode(["a cat"]), 5)
    assert weights.shape == (grid, grid) and torch.isclose(weights.sum(), torch.tensor(1.0))
    assert all(not block.self_attn._forward_hooks for block in net.blocks)


def test_queries_of_zero_attend_evenly():
    pipeline = Pipeline.tiny()
    net = copy.deepcopy(pipeline.team("dit").network)
    for block in net.blocks:
        nn.init.zeros_(block.self_attn.to_q.weight)
        nn.init.zeros_(block.self_attn.to_q.bias)
    weights = patch_attention(net, torch.randn(1, 3, 32, 32), 500.0, pipeline.encode(["a cat"]), 0)
    assert torch.allclose(weights, torch.full_like(weights, 1 / weights.numel()))
