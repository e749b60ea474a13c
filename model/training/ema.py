"""An exponential moving average of weights with a warm-up, so early averages forget the random init."""

import copy
from typing import Generic, TypeVar

import torch
from torch import nn

M = TypeVar("M", bound=nn.Module)


class EMA(Generic[M]):
    """decay_t = min(decay, (1 + t) / (10 + t)): a plain EMA at 0.999 would still hold ~37% of the
    untrained weights after 1,000 updates; the warm-up makes the average track the early model."""

    def __init__(self, model: M, decay: float = 0.999):
        self.model: M = copy.deepcopy(model).eval().requires_grad_(False)
        self.decay = decay
        self.updates = 0

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        self.updates += 1
        decay = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for ema_p, p in zip(self.model.parameters(), model.parameters()):
            ema_p.lerp_(p.detach(), 1 - decay)
        for ema_b, b in zip(self.model.buffers(), model.buffers()):
            ema_b.copy_(b)
