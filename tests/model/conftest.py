"""Known answers for the model tests: an exact denoiser for Gaussian data."""

import pytest
import torch

from model.diffusion import Estimate


class GaussianDenoiser:
    """E[x0 | x_t] for data x0 ~ N(mean, std²) per pixel: the optimal denoiser, in closed form."""

    def __init__(self, alpha_bars: torch.Tensor, mean: float, std: float):
        self.alpha_bars, self.mean, self.var = alpha_bars, mean, std**2

    def __call__(self, x: torch.Tensor, t: int) -> Estimate:
        a = float(self.alpha_bars[t])
        gain = a**0.5 * self.var / (a * self.var + 1 - a)
        x0 = self.mean + gain * (x - a**0.5 * self.mean)
        return Estimate(x0=x0, eps=(x - a**0.5 * x0) / (1 - a) ** 0.5)


@pytest.fixture(autouse=True)
def _seeded():
    torch.manual_seed(0)
