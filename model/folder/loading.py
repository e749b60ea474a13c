"""Stable Diffusion folder → `Pipeline` whose only team is the folder's model, drawn by our samplers and guidance."""

import logging
from pathlib import Path

import torch

from model.config import ModelConfig
from model.device import resolve_device
from model.folder.check import FolderError, check_folder
from model.folder.diffusers_unet import FOLDER_HINT, FOLDER_LABEL, FOLDER_TEAM, FolderUNet, FolderUNetConfig
from model.folder.schedule import folder_clock
from model.folder.text import FolderTextEncoder
from model.folder.vae import FolderSketchbook
from model.pipeline import Pipeline
from model.team import Team
from model.weights_folder import WeightsFolder

log = logging.getLogger(__name__)

PAINT_EVERY = 5  # a real VAE's decode costs about a U-Net step: it paints every 5th step, the cheap preview the rest


def load_folder_pipeline(path: str | Path, device: str | torch.device = "auto") -> Pipeline:
    """Check the folder (a FolderError says what is wrong before any weights load), then load it, safetensors only."""
    folder = Path(path)
    try:
        from diffusers import AutoencoderKL, UNet2DConditionModel  # the `sd` extra
        from transformers import CLIPTextModel, CLIPTokenizer
    except ImportError:
        raise FolderError(folder, "serving it needs diffusers and transformers: pip install -e '.[sd]'") from None
    check_folder(folder)
    clock = folder_clock(folder)
    target = device if isinstance(device, torch.device) else resolve_device(device)
    offline = {"local_files_only": True, "use_safetensors": True}  # nothing is downloaded, no pickle is read
    try:
        unet = UNet2DConditionModel.from_pretrained(folder / "unet", **offline)
        vae = AutoencoderKL.from_pretrained(folder / "vae", **offline)
        text = CLIPTextModel.from_pretrained(folder / "text_encoder", **offline)
        tokenizer = CLIPTokenizer.from_pretrained(folder / "tokenizer", local_files_only=True)
    except (OSError, ValueError) as error:
        raise FolderError(folder, f"its weights did not load ({error})") from None
    latent_side = unet.config.sample_size  # Stable Diffusion 1.5: 64, so 512-pixel pictures
    sketchbook = FolderSketchbook(vae, latent_size=latent_side).to(target).eval()
    config = ModelConfig(
        backbone=FolderUNetConfig(),
        image_size=latent_side,
        channels=unet.config.in_channels,
        space="latent",
        text_dim=unet.config.cross_attention_dim,
        schedule=clock.schedule,
        num_timesteps=clock.num_timesteps,
        prediction=clock.prediction,
    )
    if target.type == "cuda":
        unet.to(memory_format=torch.channels_last)  # faster convolutions on tensor cores
    network = FolderUNet(unet).to(target).eval()
    team = Team(FOLDER_TEAM, network, config, sketchbook, label_override=FOLDER_LABEL, hint_override=FOLDER_HINT)
    weights = WeightsFolder(folder, paint_every=PAINT_EVERY)
    log.info(
        "serving the Stable Diffusion folder %s (%s schedule, %s prediction)", folder, clock.schedule, clock.prediction
    )
    return Pipeline(FolderTextEncoder(text, tokenizer).to(target), [team], sketchbook=sketchbook, weights=weights)
