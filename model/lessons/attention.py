"""Attention weights, which SDPA never materialises, recomputed by forward hooks from outside the model."""

import threading
from collections.abc import Callable, Sequence

import torch
from torch import nn

from model.capabilities import WeightsOf
from model.layers import our_weights


class AttentionRecorder:
    """Hands `on_map` the weights softmax(q·kᵀ/√d) (B, heads, N, L) of every call to the given modules.

    `weights_of` recomputes them from a call's inputs: ours by default, a Stable Diffusion folder's
    with its U-Net's `cross_attention().weights_of`. Only calls from the thread that made the recorder
    count: the serving engine may run the same network at the same time, and its runs must neither be
    recorded nor slowed down much.
    """

    def __init__(
        self, modules: Sequence[nn.Module], on_map: Callable[[torch.Tensor], None], weights_of: WeightsOf = our_weights
    ):
        self.on_map, self.weights_of = on_map, weights_of
        self._thread = threading.get_ident()
        self._handles = [module.register_forward_hook(self._record, with_kwargs=True) for module in modules]

    def __enter__(self) -> "AttentionRecorder":
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self._handles:
            handle.remove()

    def _record(self, module: nn.Module, args: tuple, kwargs: dict, output: torch.Tensor) -> None:
        if threading.get_ident() != self._thread:
            return
        self.on_map(self.weights_of(module, args, kwargs))
