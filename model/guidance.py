"""Classifier-free guidance (Ho & Salimans 2022) as a wrapper around any conditional denoiser."""

from collections.abc import Callable
from typing import TypeVar

import torch

from model.diffusion import Estimate

C = TypeVar("C")  # the condition: text embeddings in this project, any batchable thing in general


def passes_per_step(guidance_scale: float) -> int:
    """Network rows per picture per step: the unguided and the prompted guess, or one at scale 1."""
    return 1 if guidance_scale == 1.0 else 2


def classifier_free_guidance(
    denoiser: Callable[[torch.Tensor, int, C], Estimate],
    cond: C,
    uncond: C,
    guidance_scale: float,
    concat: Callable[[C, C], C],
    observe: Callable[[Estimate | None, Estimate], None] | None = None,
) -> Callable[[torch.Tensor, int], Estimate]:
    """ε̃ = ε_uncond + s·(ε_cond − ε_uncond), with [uncond, cond] in one batched forward.

    Scale 1 is the plain conditional model and costs a single pass; `concat` joins two conditions
    along the batch so the wrapper works with any condition type. `observe` sees the unguided
    (None at scale 1) and conditional estimates of every step, e.g. for a live triptych.
    """
    if passes_per_step(guidance_scale) == 1:

        def conditional(x: torch.Tensor, t: int) -> Estimate:
            est = denoiser(x, t, cond)
            if observe is not None:
                observe(None, est)
            return est

        return conditional
    both = concat(uncond, cond)

    def guided(x: torch.Tensor, t: int) -> Estimate:
        est = denoiser(torch.cat([x, x]), t, both)
        x0_uncond, x0_cond = est.x0.chunk(2)
        eps_uncond, eps_cond = est.eps.chunk(2)
        if observe is not None:
            observe(Estimate(x0_uncond, eps_uncond), Estimate(x0_cond, eps_cond))
        return Estimate(
            x0=x0_uncond + guidance_scale * (x0_cond - x0_uncond),
            eps=eps_uncond + guidance_scale * (eps_cond - eps_uncond),
        )

    return guided
