"""The forward process as a slider (DDPM Eq. 4) and SDEdit's way back from the middle of it.

Slider position 0 is the clean picture; position i (1 … K) is the noise level of step K − i of a
K-step run, so the dust on screen at position p is exactly where a clean-up of the last p steps starts.
"""

from collections.abc import Iterator

import torch

from model.diffusion import q_sample
from model.samplers import Denoiser, Step, ddim, inference_timesteps
from model.schedules import NoiseSchedule


def slider_timesteps(schedule: NoiseSchedule, num_steps: int) -> list[int]:
    """Timesteps for slider positions 1 … K (little dust → all dust): a K-step run's, in reverse."""
    return inference_timesteps(schedule.num_timesteps, num_steps)[::-1]


def slider_alpha_bars(schedule: NoiseSchedule, num_steps: int) -> torch.Tensor:
    """ᾱ at every slider position 0 … K, shape (K + 1,); position 0 is the clean picture (ᾱ = 1)."""
    alpha_bars = schedule.alphas_cumprod[slider_timesteps(schedule, num_steps)]
    return torch.cat([torch.ones(1, dtype=alpha_bars.dtype), alpha_bars])


def sprinkle(x0: torch.Tensor, noise: torch.Tensor, alpha_bars: torch.Tensor) -> torch.Tensor:
    """x_t = √ᾱ·x0 + √(1−ᾱ)·ε for every ᾱ with the same ε: x0 and noise (1, C, H, W) → (len(ᾱ), C, H, W)."""
    count = alpha_bars.shape[0]
    return q_sample(x0.expand(count, -1, -1, -1), alpha_bars.float(), noise.expand(count, -1, -1, -1))


def clean_up(
    denoiser: Denoiser, x_t: torch.Tensor, schedule: NoiseSchedule, num_steps: int, start: int
) -> Iterator[Step]:
    """SDEdit (Meng et al. 2022): denoise x_t at slider position `start` with the last `start` DDIM steps.

    DDIM with η = 0 (Song et al. 2021, Eq. 12) keeps the way back deterministic; `start` = 0 yields nothing.
    """
    if not 0 <= start <= num_steps:
        raise ValueError(f"start must be between 0 and {num_steps}, got {start}")
    return ddim(denoiser, x_t, schedule, num_steps, start_index=num_steps - start)
