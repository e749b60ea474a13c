"""Keyholes and patches: how much of the picture each part of each team can see."""

from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

from model.dit import DiTBlock
from model.folder.diffusers_unet import FolderUNet
from model.lessons.attention import AttentionRecorder
from model.unet import UNetConfig


@dataclass(frozen=True)
class Keyhole:
    """What Team CNN can see of its input after one more layer of its down path."""

    layer: int  # position on the down path, from 0
    level: int
    resolution: int  # the layer's feature map is resolution × resolution
    size: int  # side of the convolutions' receptive field so far, in input cells (may exceed the input)
    attention: bool  # this layer is self-attention, not a 3×3 brush
    anywhere: bool  # an attention layer at or before this one: from here on it can look anywhere


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
    """Receptive field after each layer of the down path: every 3×3 conv adds 2·jump, a stride-2 conv doubles the
    jump, and self-attention sees everything.

    The stem is one 3×3 conv; each ResBlock has two 3×3 convs (its skip is 1×1) and, at an attention level,
    attention after it; each level but the last ends in a 3×3 stride-2 downsampling conv (Araujo et al. 2019,
    "Computing receptive fields").
    """
    keyholes: list[Keyhole] = []

    def add(level: int, size: int, attention: bool = False) -> None:
        anywhere = attention or (bool(keyholes) and keyholes[-1].anywhere)
        keyholes.append(Keyhole(len(keyholes), level, image_size // 2**level, size, attention, anywhere))

    size, jump = 3, 1
    add(0, size)
    for level in range(levels):
        for _ in range(res_blocks):
            for _ in range(2):
                size += 2 * jump
                add(level, size)
            if level in attention_levels:
                add(level, size, attention=True)
        if level < levels - 1:
            size, jump = size + 2 * jump, jump * 2
            add(level + 1, size)
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
