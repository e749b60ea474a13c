"""The folder's U-Net as our network: one denoising step equals diffusers' scheduler on the U-Net's own output,
and the down path it declares is the one its convolutions build."""

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from torch import nn

from model.denoiser import ModelDenoiser
from model.folder.diffusers_unet import FolderUNet
from model.folder.loading import load_folder_pipeline
from model.lessons.keyholes import Keyhole, down_path_keyholes
from model.pipeline import Pipeline
from tests.model.test_lessons_keyholes import level_ends

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


def _keyholes(network: FolderUNet, latent_size: int) -> list[Keyhole]:
    """Its keyholes, from the down path it declares (model/capabilities.py)."""
    path = network.down_path()
    assert path is not None
    return down_path_keyholes(path, latent_size)


class _ConfigOnly(nn.Module):
    """A U-Net with only a diffusers config: enough for keyholes, without building its weights."""

    def __init__(self, **config):
        super().__init__()
        self.config = SimpleNamespace(conv_in_kernel=3, **config)


SD_15_DOWN_PATH = {  # Stable Diffusion 1.5's unet/config.json (latents 64×64 for 512-pixel pictures)
    "layers_per_block": 2,
    "down_block_types": ["CrossAttnDownBlock2D"] * 3 + ["DownBlock2D"],
}


def test_the_keyholes_of_stable_diffusion_1_5_in_latent_cells():
    keyholes = _keyholes(FolderUNet(_ConfigOnly(**SD_15_DOWN_PATH)), 64)
    assert level_ends(keyholes) == [
        (64, 11, True),
        (32, 29, True),
        (16, 65, True),
        (8, 137, False),
    ]


@pytest.mark.parametrize(
    "change", [{"conv_in_kernel": 7}, {"layers_per_block": [1, 2, 2, 2]}, {"down_block_types": ["SimpleDownBlock2D"]}]
)
def test_a_u_net_not_built_like_ours_has_no_down_path_to_count(change: dict):
    unet = _ConfigOnly(**SD_15_DOWN_PATH)
    vars(unet.config).update(change)
    assert FolderUNet(unet).down_path() is None


def _conv_fields(unet: nn.Module) -> list[int]:
    """Receptive field after each down block of a real diffusers U-Net, from its own conv layers in order."""
    size, jump, fields = unet.conv_in.kernel_size[0], unet.conv_in.stride[0], []
    for block in unet.down_blocks:
        for conv in [conv for resnet in block.resnets for conv in (resnet.conv1, resnet.conv2)]:
            size, jump = size + (conv.kernel_size[0] - 1) * jump, jump * conv.stride[0]
        fields.append(size)
        for conv in [down.conv for down in block.downsamplers or []]:
            size, jump = size + (conv.kernel_size[0] - 1) * jump, jump * conv.stride[0]
    return fields


def test_its_keyholes_match_the_convolutions_of_a_real_diffusers_u_net():
    torch.manual_seed(0)
    unet = diffusers.UNet2DConditionModel(
        sample_size=16,
        block_out_channels=(32, 32, 64),
        layers_per_block=2,
        down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=32,
        attention_head_dim=8,
    )
    keyholes = _keyholes(FolderUNet(unet), 16)
    ends = level_ends(keyholes)
    assert [size for _, size, _ in ends] == _conv_fields(unet) == [11, 29, 65]
    assert [(resolution, attention) for resolution, _, attention in ends] == [(16, True), (8, True), (4, False)]
