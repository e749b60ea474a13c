"""Keyholes and patches: how much of the picture each part of each team can see."""

from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from model.dit import DiTBlock
from model.folder.network import FolderUNet
from model.lessons.attention import AttentionRecorder
from model.unet import UNetConfig


@dataclass(frozen=True)
class Keyhole:
    """What one U-Net level sees of the input, on the way down."""

    level: int
    resolution: int  # the level's feature map is resolution × resolution
    size: int  # side of its convolutions' receptive field, in input pixels (may exceed the picture)
    attention: bool  # the level also has self-attention, so it can look anywhere


FOLDER_DOWN_BLOCKS = {"CrossAttnDownBlock2D", "DownBlock2D"}  # diffusers' down blocks built like our levels


def unet_keyholes(arch: UNetConfig, image_size: int) -> list[Keyhole]:
    """Our U-Net's keyholes (model/unet.py builds the down path `down_path_keyholes` describes)."""
    return down_path_keyholes(len(arch.channel_mults), arch.num_res_blocks, arch.attention_levels, image_size)


def folder_keyholes(network: FolderUNet, latent_size: int) -> list[Keyhole] | None:
    """A Stable Diffusion folder's U-Net keyholes, in latent cells; None where its down path is not ours.

    diffusers' UNet2DConditionModel builds the same path as ours from its config: a 3×3 `conv_in`, two 3×3
    convs per ResnetBlock2D, and a 3×3 stride-2 Downsample2D after every down block but the last.
    """
    config: Any = network.unet.config  # diffusers' FrozenDict, read by attribute
    blocks, per_level = list(config.down_block_types), config.layers_per_block
    if isinstance(per_level, (list, tuple)):
        per_level = per_level[0] if len(set(per_level)) == 1 else None
    if config.conv_in_kernel != 3 or per_level is None or not set(blocks) <= FOLDER_DOWN_BLOCKS:
        return None
    attention = tuple(level for level, kind in enumerate(blocks) if kind == "CrossAttnDownBlock2D")
    return down_path_keyholes(len(blocks), per_level, attention, latent_size)


def down_path_keyholes(
    levels: int, res_blocks: int, attention_levels: tuple[int, ...], image_size: int
) -> list[Keyhole]:
    """Receptive field after each down level: every 3×3 conv adds 2·jump, a stride-2 conv doubles the jump.

    The stem is one 3×3 conv; each ResBlock has two 3×3 convs (its skip is 1×1); each level but the
    last ends in a 3×3 stride-2 downsampling conv (Araujo et al. 2019, "Computing receptive fields").
    """
    size, jump, keyholes = 3, 1, []
    for level in range(levels):
        size += res_blocks * 2 * 2 * jump
        keyholes.append(Keyhole(level, image_size // 2**level, size, level in attention_levels))
        size, jump = size + 2 * jump, jump * 2
    return keyholes


@torch.no_grad()
def patch_attention(net: nn.Module, x_t: torch.Tensor, timestep: float, cond: object, patch: int) -> torch.Tensor:
    """How much patch `patch` of a DiT looks at every patch, averaged over heads and blocks: (grid, grid), sums to 1."""
    rows: list[torch.Tensor] = []  # per block: (N,), the tapped patch's row, averaged over heads
    attentions = [m.self_attn for m in net.modules() if isinstance(m, DiTBlock)]
    with AttentionRecorder(attentions, lambda w: rows.append(w[0, :, patch].mean(0))):
        net(x_t, torch.full((x_t.shape[0],), timestep, device=x_t.device), cond)
    weights = torch.stack(rows).mean(0)  # (N,)
    grid = int(weights.shape[0] ** 0.5)
    return weights.reshape(grid, grid)
