"""Attention weights, which SDPA never materialises, recomputed by forward hooks from outside the model."""

import threading
from collections.abc import Callable

import torch

from model.layers import Attention


class AttentionRecorder:
    """Hands `on_map` the weights softmax(q·kᵀ/√d) (B, heads, N, L) of every call to the given modules.

    Only calls from the thread that made the recorder count: the serving engine may run the same
    network at the same time, and its runs must neither be recorded nor slowed down much.
    """

    def __init__(self, modules: list[Attention], on_map: Callable[[torch.Tensor], None]):
        self.on_map = on_map
        self._thread = threading.get_ident()
        self._handles = [module.register_forward_hook(self._record, with_kwargs=True) for module in modules]

    def __enter__(self) -> "AttentionRecorder":
        return self

    def __exit__(self, *exc: object) -> None:
        for handle in self._handles:
            handle.remove()

    def _record(self, module: Attention, args: tuple, kwargs: dict, output: torch.Tensor) -> None:
        if threading.get_ident() != self._thread:
            return
        x, context, mask = (*args, None, None)[:3]
        self.on_map(module.weights(x, kwargs.get("context", context), kwargs.get("mask", mask)))
