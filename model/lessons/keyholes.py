"""Keyholes and patches: how much of the picture each part of each team can see."""

from dataclasses import dataclass

import torch
from torch import nn

from model.dit import DiTBlock
from model.lessons.attention import AttentionRecorder
from model.unet import UNetConfig


@dataclass(frozen=True)
class Keyhole:
    """What one U-Net level sees of the input, on the way down."""

    level: int
    resolution: int  # the level's feature map is resolution × resolution
    size: int  # side of its convolutions' receptive field, in input pixels (may exceed the picture)
    attention: bool  # the level also has self-attention, so it can look anywhere


def unet_keyholes(arch: UNetConfig, image_size: int) -> list[Keyhole]:
    """Receptive field after each down level: every 3×3 conv adds 2·jump, a stride-2 conv doubles the jump.

    The stem is one 3×3 conv; each ResBlock has two 3×3 convs (its skip is 1×1); each level but the
    last ends in a 3×3 stride-2 downsampling conv (Araujo et al. 2019, "Computing receptive fields").
    """
    size, jump, keyholes = 3, 1, []
    for level in range(len(arch.channel_mults)):
        size += arch.num_res_blocks * 2 * 2 * jump
        keyholes.append(Keyhole(level, image_size // 2**level, size, level in arch.attention_levels))
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
