"""Keyholes and patches: how much of the picture each part of each team can see."""

from dataclasses import dataclass

import torch
from torch import nn

from model.capabilities import DownPath, HasPatches
from model.lessons.attention import AttentionRecorder


@dataclass(frozen=True)
class Keyhole:
    """What Team CNN can see of its input after one more layer of its down path."""

    layer: int  # position on the down path, from 0
    level: int
    resolution: int  # the layer's feature map is resolution × resolution
    size: int  # side of the convolutions' receptive field so far, in input cells (may exceed the input)
    attention: bool  # this layer is self-attention, not a 3×3 brush
    anywhere: bool  # an attention layer at or before this one: from here on it can look anywhere


def down_path_keyholes(path: DownPath, image_size: int) -> list[Keyhole]:
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
    for level in range(path.levels):
        for _ in range(path.res_blocks):
            for _ in range(2):
                size += 2 * jump
                add(level, size)
            if level in path.attention_levels:
                add(level, size, attention=True)
        if level < path.levels - 1:
            size, jump = size + 2 * jump, jump * 2
            add(level + 1, size)
    return keyholes


@torch.no_grad()
def patch_attention(net: nn.Module, x_t: torch.Tensor, timestep: float, cond: object, patch: int) -> torch.Tensor:
    """How much patch `patch` of a DiT looks at every patch, averaged over heads and blocks: (grid, grid), sums to 1."""
    assert isinstance(net, HasPatches), "only a network with patches has patch attention"
    rows: list[torch.Tensor] = []  # per block: (N,), the tapped patch's row, averaged over heads
    with AttentionRecorder(net.patch_attention(), lambda w: rows.append(w[0, :, patch].mean(0))):
        net(x_t, torch.full((x_t.shape[0],), timestep, device=x_t.device), cond)
    weights = torch.stack(rows).mean(0)  # (N,)
    grid = int(weights.shape[0] ** 0.5)
    return weights.reshape(grid, grid)
