"""A Stable Diffusion folder served as our Pipeline: one team, our samplers and guidance, and diffusers' own
StableDiffusionPipeline on the same folder as the known answer."""

from pathlib import Path

import pytest
import torch

from model.capabilities import HasCrossAttention, HasKeyholes, HasPatches
from model.folder.diffusers_unet import FOLDER_KIND, FOLDER_LABEL
from model.loading import load_pipeline
from model.pipeline import GenerationRequest, Pipeline
from model.samplers import SAMPLERS

diffusers = pytest.importorskip("diffusers")


def test_the_folder_is_one_team_drawing_in_its_vae_latents(sd_pipeline: Pipeline):
    team = sd_pipeline.team("sd")
    assert sd_pipeline.backbones == ("sd",) and sd_pipeline.trained and sd_pipeline.no_dust is None
    assert (team.label, team.kind, team.draws_in_latent) == (FOLDER_LABEL, FOLDER_KIND, True)
    offers = [isinstance(team.network, capability) for capability in (HasKeyholes, HasCrossAttention, HasPatches)]
    assert offers == [True, True, False], "the lessons look inside it as inside our U-Net"
    assert (team.config.schedule, team.config.num_timesteps, team.config.prediction) == ("scaled_linear", 1000, "eps")
    assert (team.config.image_size, team.config.channels, sd_pipeline.image_size) == (8, 4, 16)
    assert sd_pipeline.max_prompt_tokens == 75


def test_load_pipeline_knows_a_stable_diffusion_folder_by_its_model_index(sd_folder: Path):
    assert load_pipeline(sd_folder, "cpu").backbones == ("sd",)


@pytest.mark.parametrize("sampler", SAMPLERS)
def test_every_sampler_draws_with_and_without_guidance(sd_pipeline: Pipeline, sampler: str):
    finals = []
    for guidance in (1.0, 5.0):
        request = GenerationRequest(
            "a smiling cat",
            num_inference_steps=3,
            guidance_scale=guidance,
            sampler=sampler,
            backbone="sd",
            num_images=2,
        )
        steps = list(sd_pipeline.generate(request))
        assert [step.index for step in steps] == [0, 1, 2]
        assert all(step.latent is not None and step.latent.shape == (2, 4, 8, 8) for step in steps)
        final = steps[-1].x_next  # (2, 3, 16, 16), painted by the VAE's decoder
        assert final.shape == (2, 3, 16, 16) and torch.isfinite(final).all() and final.abs().max() <= 1
        finals.append(final)
    assert not torch.allclose(*finals), "guidance changes the picture"


THEIR_SAMPLERS = {  # ours → theirs on our grid: timesteps "trailing" from 999, the last step onto the clean picture
    "ddim": ("DDIMScheduler", {"timestep_spacing": "trailing", "set_alpha_to_one": True}),
    "dpmpp_2m": ("DPMSolverMultistepScheduler", {"timestep_spacing": "trailing", "final_sigmas_type": "zero"}),
}


@pytest.mark.parametrize("sampler", THEIR_SAMPLERS)
@pytest.mark.parametrize("steps", [4, 10])
@pytest.mark.filterwarnings("ignore:__array__ implementation:DeprecationWarning")  # inside diffusers' DPM-Solver
def test_a_guided_run_is_diffusers_own_stable_diffusion_pipeline(
    sd_pipeline: Pipeline, their_pipeline, sampler: str, steps: int
):
    request = GenerationRequest(
        "a smiling cat", num_inference_steps=steps, guidance_scale=3.0, seed=3, sampler=sampler, backbone="sd"
    )
    ours = sd_pipeline.sample(request)  # (1, 3, 16, 16) in [-1, 1]
    name, settings = THEIR_SAMPLERS[sampler]
    scheduler = getattr(diffusers, name).from_config(their_pipeline.scheduler.config, **settings)
    theirs = diffusers.StableDiffusionPipeline(**{**their_pipeline.components, "scheduler": scheduler})
    theirs.set_progress_bar_config(disable=True)
    drawn = theirs(
        "a smiling cat",
        num_inference_steps=steps,
        guidance_scale=3.0,
        latents=sd_pipeline.team("sd").initial_noise(3, 1),  # the same starting dust
        height=16,
        width=16,
        output_type="pt",
    ).images  # (1, 3, 16, 16) in [0, 1]
    assert torch.allclose(ours, drawn * 2 - 1, atol=1e-5)
