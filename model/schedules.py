"""Named noise schedules: the "dusty clock" that says how much picture is left at each timestep.

Schedules are pure functions of their name and length, computed once in float64 and never edited
once committed (a trained checkpoint depends on them), as in OpenAI's improved-diffusion.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

MAX_BETA = 0.999  # Nichol & Dhariwal 2021, Sec. 3.2: clip betas so the last steps stay invertible


@dataclass(frozen=True)
class NoiseSchedule:
    """A discrete variance-preserving schedule over `num_timesteps` steps."""

    name: str
    betas: torch.Tensor  # (T,) float64

    @property
    def num_timesteps(self) -> int:
        return self.betas.shape[0]

    @property
    def alphas_cumprod(self) -> torch.Tensor:
        """ᾱ_t: the fraction of the picture's variance left at step t, shape (T,)."""
        return torch.cumprod(1.0 - self.betas, dim=0)

    def snr(self) -> torch.Tensor:
        """Signal-to-noise ratio ᾱ_t / (1 - ᾱ_t), shape (T,)."""
        alpha_bar = self.alphas_cumprod
        return alpha_bar / (1.0 - alpha_bar)

    def sigmas(self) -> torch.Tensor:
        """Noise level σ_t = sqrt((1 - ᾱ_t) / ᾱ_t) in the variance-exploding view, shape (T,)."""
        return self.snr().rsqrt()


def _betas_from_alpha_bar(alpha_bar: Callable[[float], float], num_timesteps: int) -> torch.Tensor:
    """Discretise a continuous ᾱ(s), s in [0, 1] (improved-diffusion's betas_for_alpha_bar)."""
    betas = [
        min(1.0 - alpha_bar((i + 1) / num_timesteps) / alpha_bar(i / num_timesteps), MAX_BETA)
        for i in range(num_timesteps)
    ]
    return torch.tensor(betas, dtype=torch.float64)


def linear_betas(num_timesteps: int) -> torch.Tensor:
    """Ho et al. 2020 (DDPM): betas from 1e-4 to 0.02, rescaled so any length matches T=1000."""
    scale = 1000 / num_timesteps
    return torch.linspace(scale * 1e-4, scale * 0.02, num_timesteps, dtype=torch.float64).clamp_max(MAX_BETA)


def scaled_linear_betas(num_timesteps: int, start: float = 0.00085, end: float = 0.012) -> torch.Tensor:
    """Rombach et al. 2022 (latent diffusion, Stable Diffusion 1.x and 2.x): betas linear in their square root.

    Written as LDM and diffusers ("scaled_linear") write it, with the same ends at any length, so a Stable
    Diffusion folder's clock is exactly this one.
    """
    return torch.linspace(start**0.5, end**0.5, num_timesteps, dtype=torch.float64).pow(2)


def cosine_betas(num_timesteps: int, offset: float = 0.008) -> torch.Tensor:
    """Nichol & Dhariwal 2021, Eq. 17: ᾱ(s) = cos²((s + offset) / (1 + offset) · π/2)."""

    def alpha_bar(s: float) -> float:
        return math.cos((s + offset) / (1 + offset) * math.pi / 2) ** 2

    return _betas_from_alpha_bar(alpha_bar, num_timesteps)


def sigmoid_betas(num_timesteps: int, start: float = 0.0, end: float = 3.0, tau: float = 0.3) -> torch.Tensor:
    """Chen 2023, "On the importance of noise scheduling", Alg. 1: a sigmoid-shaped ᾱ(s).

    The defaults are one of the noisier settings Chen compares (noisier suits bigger pictures): it hides the picture
    fastest of our clocks. With start −3, end 3, τ 1 it would run within 0.02 of cosine all the way, so the Clock
    lesson could not show them apart.
    """
    v_start, v_end = _sigmoid(start / tau), _sigmoid(end / tau)

    def alpha_bar(s: float) -> float:
        value = (v_end - _sigmoid((s * (end - start) + start) / tau)) / (v_end - v_start)
        return max(value, 1e-9)

    return _betas_from_alpha_bar(alpha_bar, num_timesteps)


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


_BETAS: dict[str, Callable[[int], torch.Tensor]] = {
    "linear": linear_betas,
    "cosine": cosine_betas,
    "sigmoid": sigmoid_betas,
    "scaled_linear": scaled_linear_betas,
}
SCHEDULES: tuple[str, ...] = tuple(_BETAS)


def make_schedule(name: str, num_timesteps: int = 1000) -> NoiseSchedule:
    """Build a schedule by name; an unknown name raises a ValueError that lists the known ones."""
    if name not in _BETAS:
        raise ValueError(f"unknown noise schedule {name!r}; choose one of {', '.join(SCHEDULES)}")
    if num_timesteps < 1:
        raise ValueError(f"a schedule needs at least one timestep, got {num_timesteps}")
    return NoiseSchedule(name=name, betas=_BETAS[name](num_timesteps))
