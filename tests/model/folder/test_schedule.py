"""A folder's noise schedule is one of our named schedules, with diffusers' own ᾱ_t as the known answer."""

import json
from pathlib import Path

import pytest
import torch

from model.folder.schedule import folder_clock
from model.schedules import make_schedule

diffusers = pytest.importorskip("diffusers")

THEIRS_AND_OURS = [  # a scheduler config's clock → the named schedule with the same ᾱ_t
    ({"beta_schedule": "scaled_linear", "beta_start": 0.00085, "beta_end": 0.012}, "scaled_linear"),  # SD 1.x, 2.x
    ({"beta_schedule": "linear", "beta_start": 0.0001, "beta_end": 0.02}, "linear"),  # DDPM
    ({"beta_schedule": "squaredcos_cap_v2"}, "cosine"),  # improved DDPM
]


@pytest.mark.parametrize(("theirs", "ours"), THEIRS_AND_OURS)
@pytest.mark.parametrize("scheduler", ["DDIMScheduler", "PNDMScheduler", "EulerDiscreteScheduler"])
def test_our_schedule_has_the_alpha_bars_of_the_folders_scheduler(theirs: dict, ours: str, scheduler: str):
    alpha_bars = getattr(diffusers, scheduler)(**theirs).alphas_cumprod.double()  # (1000,), their float32
    assert torch.allclose(make_schedule(ours).alphas_cumprod, alpha_bars, rtol=2e-5, atol=1e-9)


@pytest.mark.parametrize(("theirs", "ours"), THEIRS_AND_OURS)
@pytest.mark.parametrize(("prediction_type", "prediction"), [("epsilon", "eps"), ("v_prediction", "v")])
def test_a_scheduler_config_is_read_as_our_schedule_and_prediction(
    tmp_path: Path, theirs: dict, ours: str, prediction_type: str, prediction: str
):
    config = {"_class_name": "PNDMScheduler", "num_train_timesteps": 1000, "prediction_type": prediction_type, **theirs}
    (tmp_path / "scheduler").mkdir()
    (tmp_path / "scheduler" / "scheduler_config.json").write_text(json.dumps(config))
    clock = folder_clock(tmp_path)
    assert (clock.schedule, clock.num_timesteps, clock.prediction) == (ours, 1000, prediction)


def test_trained_betas_equal_to_ours_are_ours(tmp_path: Path):
    betas = make_schedule("scaled_linear").betas.tolist()
    (tmp_path / "scheduler").mkdir()
    (tmp_path / "scheduler" / "scheduler_config.json").write_text(json.dumps({"trained_betas": betas}))
    assert folder_clock(tmp_path).schedule == "scaled_linear"
