"""The forward process q(x_t | x_0), conversions between what a network predicts, and the training loss.

Everything here follows Ho et al. 2020 (DDPM) and Salimans & Ho 2022 (v-prediction); the loss
weighting is Hang et al. 2023 (min-SNR-γ).
"""

from dataclasses import dataclass
from typing import Literal

import torch

Prediction = Literal["eps", "x0", "v"]
PREDICTIONS: tuple[str, ...] = ("eps", "x0", "v")


def _expand(values: torch.Tensor, like: torch.Tensor) -> torch.Tensor:
    """Broadcast per-sample scalars (B,) over an image batch (B, C, H, W)."""
    return values.to(like.dtype).reshape(-1, *([1] * (like.dim() - 1)))


def q_sample(x0: torch.Tensor, alpha_bar: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
    """Sprinkle dust: x_t = sqrt(ᾱ_t)·x0 + sqrt(1-ᾱ_t)·ε (DDPM Eq. 4); alpha_bar is (B,)."""
    a = _expand(alpha_bar, x0)
    return a.sqrt() * x0 + (1 - a).sqrt() * noise


@dataclass(frozen=True)
class Estimate:
    """What a denoiser thinks at one noisy state: the clean picture and the noise in it."""

    x0: torch.Tensor  # (B, C, H, W)
    eps: torch.Tensor  # (B, C, H, W)


def estimate_from_output(
    output: torch.Tensor, x_t: torch.Tensor, alpha_bar: torch.Tensor, prediction: Prediction
) -> Estimate:
    """Turn a network output (ε, x0 or v) into both x0 and ε, the two things samplers need."""
    a = _expand(alpha_bar, x_t)
    signal, noise_scale = a.sqrt(), (1 - a).sqrt()
    if prediction == "eps":
        eps = output
        x0 = (x_t - noise_scale * eps) / signal
    elif prediction == "x0":
        x0 = output
        eps = (x_t - signal * x0) / noise_scale
    elif prediction == "v":
        # Salimans & Ho 2022, Sec. 4: v = sqrt(ᾱ)·ε − sqrt(1−ᾱ)·x0, stable at both ends of the schedule.
        x0 = signal * x_t - noise_scale * output
        eps = noise_scale * x_t + signal * output
    else:
        raise ValueError(f"unknown prediction type {prediction!r}; choose one of {PREDICTIONS}")
    return Estimate(x0=x0, eps=eps)


def training_target(
    x0: torch.Tensor, noise: torch.Tensor, alpha_bar: torch.Tensor, prediction: Prediction
) -> torch.Tensor:
    """The regression target for each prediction type."""
    if prediction == "eps":
        return noise
    if prediction == "x0":
        return x0
    if prediction == "v":
        a = _expand(alpha_bar, x0)
        return a.sqrt() * noise - (1 - a).sqrt() * x0
    raise ValueError(f"unknown prediction type {prediction!r}; choose one of {PREDICTIONS}")


def min_snr_weight(
    alpha_bar: torch.Tensor, prediction: Prediction, gamma: float | None, floor: float = 0.0
) -> torch.Tensor:
    """Weight each timestep so the loss equals clamp(SNR, floor, γ)·‖x0 error‖² (Hang et al. 2023, Eq. 8).

    With floor = 0 this is min-SNR-γ, whose x0 weight SNR → 0 leaves the noisiest steps, where the
    layout is decided, all but untrained; floor = 1 keeps them at weight 1 (the truncated-SNR
    weighting of Salimans & Ho 2022, Sec. 4). A floor suits v and x0 prediction, not ε.
    """
    if gamma is None:
        return torch.ones_like(alpha_bar)
    snr = alpha_bar / (1 - alpha_bar).clamp_min(1e-12)
    clipped = snr.clamp(min=floor, max=gamma)
    if prediction == "eps":
        return clipped / snr.clamp_min(1e-12)
    if prediction == "v":
        return clipped / (snr + 1)
    return clipped


def diffusion_loss(
    output: torch.Tensor,
    x0: torch.Tensor,
    noise: torch.Tensor,
    alpha_bar: torch.Tensor,
    prediction: Prediction,
    min_snr_gamma: float | None = 5.0,
    snr_floor: float = 0.0,
) -> torch.Tensor:
    """Mean (optionally SNR-weighted) squared error between the network output and its target."""
    target = training_target(x0, noise, alpha_bar, prediction)
    per_sample = (output.float() - target.float()).pow(2).mean(dim=tuple(range(1, x0.dim())))
    return (per_sample * min_snr_weight(alpha_bar, prediction, min_snr_gamma, snr_floor)).mean()
