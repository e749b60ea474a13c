"""What a network lets the lessons look at inside it. Each backbone declares what it has by offering the methods of a
protocol here; a lesson asks `isinstance(team.network, HasKeyholes)`, never which class the network is."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

import torch
from torch import nn

WeightsOf = Callable[[nn.Module, tuple, dict], torch.Tensor]  # (module, call args, call kwargs) → (B, h, N, L)


@dataclass(frozen=True)
class DownPath:
    """A U-Net's down path as keyholes are counted on it (model/lessons/keyholes.py): a 3×3 stem, `res_blocks`
    ResBlocks of two 3×3 convs per level, attention after each at `attention_levels`, a 3×3 stride-2 conv between
    levels."""

    levels: int
    res_blocks: int
    attention_levels: tuple[int, ...]


@dataclass(frozen=True)
class CrossAttention:
    """The layers where a network's pixels read the prompt's tokens, and how to recompute a call's weights."""

    layers: Sequence[nn.Module]
    weights_of: WeightsOf


@runtime_checkable
class HasKeyholes(Protocol):
    """A U-Net: what each layer of its down path can see (the Keyholes lesson)."""

    def down_path(self) -> DownPath | None: ...  # None: its down path is not built like ours, so it is not counted


@runtime_checkable
class HasCrossAttention(Protocol):
    """A U-Net whose pixels read the prompt through cross-attention (the word maps)."""

    def cross_attention(self) -> CrossAttention: ...


@runtime_checkable
class HasPatches(Protocol):
    """A transformer that cuts its input into patches that attend to each other (the Keyholes lesson's patches)."""

    patch_size: int  # cells of its input per patch side

    def patch_attention(self) -> list[nn.Module]: ...  # its self-attention layers, first block first
