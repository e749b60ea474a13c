"""The folder's U-Net as our network: one denoising step equals diffusers' scheduler on the U-Net's own output."""

import json
from pathlib import Path

import pytest
import torch

from model.denoiser import ModelDenoiser
from model.folder.loading import load_folder_pipeline
from model.pipeline import Pipeline

diffusers = pytest.importorskip("diffusers")


def _one_step(pipeline: Pipeline, folder: Path, t: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Our x̂0 at timestep t, and diffusers' DDIM `pred_original_sample` from the U-Net output and its ᾱ_t."""
    team = pipeline.team("sd")
    x = torch.randn(2, 4, 8, 8, generator=torch.Generator().manual_seed(t))  # (B, C, h, w) latents
    cond = pipeline.clip.condition(["a smiling cat", "a red apple"])
    training = team.training_schedule()
    ours = ModelDenoiser(team.network, team.config, training, training)(x, t, cond).x0
    with torch.no_grad():
        output = team.network.unet(x, t, encoder_hidden_states=cond.tokens).sample
    scheduler = diffusers.DDIMScheduler.from_pretrained(folder / "scheduler", local_files_only=True)
    scheduler.set_timesteps(10)
    return ours, scheduler.step(output, t, x).pred_original_sample


@pytest.mark.parametrize("t", [999, 500, 20])
def test_an_epsilon_step_estimates_what_diffusers_does(sd_pipeline: Pipeline, sd_folder: Path, t: int):
    ours, theirs = _one_step(sd_pipeline, sd_folder, t)
    assert torch.allclose(ours, theirs, rtol=1e-4, atol=1e-5)


def test_a_v_prediction_folder_is_read_as_v(folder_copy: Path):
    config_path = folder_copy / "scheduler" / "scheduler_config.json"
    config_path.write_text(json.dumps({**json.loads(config_path.read_text()), "prediction_type": "v_prediction"}))
    pipeline = load_folder_pipeline(folder_copy, "cpu")
    assert pipeline.team("sd").config.prediction == "v"
    for t in (999, 500, 20):
        ours, theirs = _one_step(pipeline, folder_copy, t)
        assert torch.allclose(ours, theirs, rtol=1e-4, atol=1e-5)
