"""The teams learning beside the text tower in `distil_phrasings`, so a colour can bind: a frozen team has never
drawn a blue car, and no condition the encoder makes draws one (model card, trials 4 and 5).

A team learns from pictures only: the recoloured ones told their colour sentence through the student ("a blue
car"), and the originals told their plain name through the frozen teacher, so the names it drew stay drawn. Both
are scored against the exact posterior mean of their (thing, colour) or thing (posterior_target.py), at a low rate
of the team's own. The phrasing loss never moves a team: it teaches the words, and a team could meet it by
ignoring them.
"""

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import numpy as np
import torch

from model.checkpoint import save_checkpoint, save_tensors
from model.clip import Clip
from model.data.concepts import CONCEPTS
from model.pipeline import Pipeline
from model.training.ema import EMA
from model.training.posterior_target import PosteriorMean
from model.training.train import restore_training_state, training_loss, training_state

MIN_SNR, SNR_FLOOR = 5.0, 1.0  # as the teams were trained (train.py's defaults)


def picture_keys(concept_ids: Sequence[int] | np.ndarray | torch.Tensor, colour_items: list[dict]) -> list[str]:
    """What the posterior mean conditions on, one key a picture: the thing for an original ("car"), the colour
    and the thing for a recoloured one ("blue car"), so "car" keeps its own colours."""
    recoloured = [f"{item['colour']} {item['concept']}" for item in colour_items]
    return [CONCEPTS[int(i)].name for i in concept_ids] + recoloured


def picture_posterior(pictures: torch.Tensor, keys: list[str]) -> tuple[PosteriorMean, dict[str, int]]:
    """The exact posterior mean over the originals and recolours (N, C, h, w), and each key's row."""
    index = {key: row for row, key in enumerate(dict.fromkeys(["", *keys]))}
    return PosteriorMean(pictures, [[key] for key in keys], index), index


class TeamTuning:
    """The picture losses of every team, and for the `learning` ones (none: all frozen) an optimizer, an average
    and saved weights."""

    def __init__(
        self, pipeline: Pipeline, learning: list[str], teacher: Clip, posterior: PosteriorMean,
        index: dict[str, int], lr: float, ema_decay: float,
    ):  # fmt: skip
        self.pipeline, self.posterior, self.index = pipeline, posterior, index
        self.networks = {team: pipeline.team(team).network.requires_grad_(True) for team in learning}
        self.optimizers = {
            team: torch.optim.AdamW(network.parameters(), lr=lr, weight_decay=0.01)
            for team, network in self.networks.items()
        }
        self.emas = {team: EMA(network, ema_decay) for team, network in self.networks.items()}
        with torch.no_grad():
            self.names = teacher.condition([c.name for c in CONCEPTS])  # (410, ...) the plain names, told once

    def picture_loss(
        self, team: str, x0: torch.Tensor, condition, keys: list[str], generator: torch.Generator
    ) -> torch.Tensor:
        """The team's denoising loss on pictures (B, C, h, w) told `condition`, against the posterior mean of
        their keys."""
        config = self.pipeline.team(team).config
        alpha_bars = self.pipeline.team(team).training_schedule().alphas_cumprod.float()
        mean = partial(self.posterior, caption_ids=torch.tensor([self.index[key] for key in keys]))
        network = self.networks.get(team, self.pipeline.team(team).network)
        return training_loss(network, config, x0, condition, alpha_bars, generator, MIN_SNR, SNR_FLOOR, mean, 1.0)

    def names_loss(self, team: str, x0: torch.Tensor, concept_ids: torch.Tensor, generator: torch.Generator):
        """Original pictures (B, C, h, w) told their plain names by the teacher: what keeps the names drawn."""
        keys = [CONCEPTS[int(i)].name for i in concept_ids]
        return self.picture_loss(team, x0, self.names[concept_ids], keys, generator)

    def zero_grad(self) -> None:
        for optimizer in self.optimizers.values():
            optimizer.zero_grad(set_to_none=True)

    def step(self, team: str, lr: float) -> None:
        """One step of the team that was taught through this step, if it learns, then its average."""
        if team not in self.networks:
            return
        for group in self.optimizers[team].param_groups:
            group["lr"] = lr
        torch.nn.utils.clip_grad_norm_(self.networks[team].parameters(), 1.0)
        self.optimizers[team].step()
        self.emas[team].update(self.networks[team])

    def restore(self, out: Path) -> None:
        for team, network in self.networks.items():
            restore_training_state(_state_path(out, team), network, self.emas[team], self.optimizers[team])

    def save(self, out: Path, step: int, seconds: float) -> None:
        """Each team's resumable state and its averaged weights, with the config it was loaded with."""
        for team, network in self.networks.items():
            ema, optimizer = self.emas[team], self.optimizers[team]
            save_tensors(_state_path(out, team), training_state(network, ema, optimizer, step, seconds))
            config = self.pipeline.team(team).config.to_dict()
            save_checkpoint(out / f"{team}.safetensors", ema.model, kind="denoiser", config=config)


def _state_path(out: Path, team: str) -> Path:
    return out / f"state_{team}.safetensors"
