"""Wrap a backbone as a denoiser for the samplers: noise level in, Estimate of x0 and ε out."""

from collections.abc import Callable

import numpy as np
import torch
from torch import nn

from model.conditioning import TextCondition
from model.config import ModelConfig
from model.device import autocast
from model.diffusion import Estimate, estimate_from_output
from model.schedules import NoiseSchedule

Forward = Callable[[nn.Module, torch.Tensor, torch.Tensor, TextCondition], torch.Tensor]


def direct_forward(net: nn.Module, x: torch.Tensor, t: torch.Tensor, cond: TextCondition) -> torch.Tensor:
    """Evaluate the network right here; a serving engine may instead batch calls from many runs."""
    return net(x, t, cond)


class ModelDenoiser:
    """Evaluate a trained network on any sampling schedule by matching noise levels.

    The network knows the timesteps of its training schedule; a step of another schedule is fed
    the training timestep with the same log-SNR, so switching schedules at sampling is meaningful.
    """

    def __init__(
        self,
        net: nn.Module,
        config: ModelConfig,
        training: NoiseSchedule,
        sampling: NoiseSchedule,
        forward: Forward = direct_forward,
    ):
        self.net, self.config, self.forward = net, config, forward
        self.sampling_alpha_bars = sampling.alphas_cumprod
        self._train_log_snr = training.snr().log().numpy()  # decreasing in t
        self.same_schedule = training.name == sampling.name and training.num_timesteps == sampling.num_timesteps

    def network_timestep(self, t: int) -> float:
        """The (fractional) training timestep whose noise level equals step t of the sampling schedule."""
        if self.same_schedule:
            return float(t)
        alpha_bar = float(self.sampling_alpha_bars[t])
        log_snr = np.log(alpha_bar / (1 - alpha_bar))
        grid = self._train_log_snr[::-1]  # increasing, for np.interp
        steps = np.arange(len(grid))[::-1].astype(np.float64)
        return float(np.interp(log_snr, grid, steps))

    @torch.no_grad()
    def __call__(self, x: torch.Tensor, t: int, cond: TextCondition) -> Estimate:
        timesteps = torch.full((x.shape[0],), self.network_timestep(t), device=x.device)
        alpha_bar = torch.full((x.shape[0],), float(self.sampling_alpha_bars[t]), device=x.device)
        with autocast(x.device):
            output = self.forward(self.net, x, timesteps, cond).float()  # (B, C, H, W)
        return estimate_from_output(output, x, alpha_bar, self.config.prediction)
