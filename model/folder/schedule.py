"""A folder's noise schedule in our words: which of our named schedules it is, and what its U-Net predicts.

The pipeline, the page and the clock lesson know schedules by name, so a folder's schedule is not copied in as
bare numbers: diffusers computes its ᾱ_t from the scheduler config, and the named schedule with the same ᾱ_t
is the team's. Stable Diffusion 1.x, 2.x and Turbo all train on "scaled_linear".
"""

from dataclasses import dataclass
from pathlib import Path

import torch

from model.diffusion import Prediction
from model.folder.check import FolderError, read_config
from model.schedules import SCHEDULES, make_schedule

PREDICTIONS: dict[str, Prediction] = {"epsilon": "eps", "v_prediction": "v", "sample": "x0"}  # diffusers → ours
SCHEDULE_KEYS = (  # what sets a scheduler's training noise levels; the rest only says how it samples
    "num_train_timesteps",
    "beta_start",
    "beta_end",
    "beta_schedule",
    "trained_betas",
    "rescale_betas_zero_snr",
)
SAME_ALPHA_BAR = 1e-4  # relative: diffusers works in float32, we in float64


@dataclass(frozen=True)
class FolderClock:
    """The noise schedule a folder's U-Net was trained on, and its output."""

    schedule: str  # one of SCHEDULES
    num_timesteps: int
    prediction: Prediction


def folder_clock(folder: Path) -> FolderClock:
    """Read scheduler/scheduler_config.json; a FolderError when its schedule or prediction is not one of ours."""
    config = read_config(folder, "scheduler/scheduler_config.json")
    prediction = config.get("prediction_type", "epsilon")
    if prediction not in PREDICTIONS:
        raise FolderError(folder, f"its scheduler predicts {prediction!r}, not one of {', '.join(PREDICTIONS)}")
    theirs = their_alphas_cumprod(folder, {key: config[key] for key in SCHEDULE_KEYS if key in config})
    for name in SCHEDULES:
        if torch.allclose(make_schedule(name, len(theirs)).alphas_cumprod, theirs, rtol=SAME_ALPHA_BAR, atol=1e-9):
            return FolderClock(name, len(theirs), PREDICTIONS[prediction])
    settings = ", ".join(f"{key} {config[key]}" for key in SCHEDULE_KEYS if key in config and key != "trained_betas")
    raise FolderError(folder, f"its noise schedule ({settings}) is none of ours ({', '.join(SCHEDULES)})")


def their_alphas_cumprod(folder: Path, settings: dict) -> torch.Tensor:
    """ᾱ_t (T,) in float64, as diffusers computes it from a scheduler's settings."""
    from diffusers import DDPMScheduler  # the `sd` extra, imported only when a folder is served

    try:
        return DDPMScheduler(**settings).alphas_cumprod.double()
    except (NotImplementedError, ValueError, TypeError) as error:
        raise FolderError(folder, f"its scheduler's noise schedule cannot be read ({error})") from None
