"""Weights folder → `Pipeline`: every safetensors file is recognised by the kind its metadata names.

A folder holds a `clip` checkpoint (the text encoder), denoisers (each a team, named by its backbone's
kind; the one trained with the `no_dust` objective is the no-dust model; one whose config says `distilled_steps` is
a team's few-step student, its quick lane), optionally an `autoencoder` (the sketchbook) and a `step_painter`
distilled from its decoder, and beside them `vocabulary.json` and `variety_scale.json`. A folder with a
`model_index.json` is a Stable Diffusion folder instead, served by `model.folder`.
"""

import logging
from dataclasses import replace
from pathlib import Path

import torch

from model.autoencoder import AUTOENCODER_PRESETS, Autoencoder, AutoencoderConfig
from model.backbones import BACKBONES, backbone_preset, build_backbone, config_from_dict
from model.checkpoint import load_state_dict, read_metadata
from model.clip import Clip, create_clip
from model.config import ModelConfig
from model.device import resolve_device
from model.folder.check import MODEL_INDEX
from model.folder.loading import load_folder_pipeline
from model.lessons.diversity import load_variety_scale
from model.lessons.words import load_things, load_vocabulary
from model.pipeline import Pipeline
from model.sketchbook import Sketchbook
from model.step_painter import StepPainter, StepPainterConfig
from model.team import Team
from model.weights_folder import WeightsFolder

DEFAULT_WEIGHTS_DIR = Path(__file__).parent / "weights"

log = logging.getLogger(__name__)


def _checked_metadata(path: str | Path, kind: str) -> dict:
    found, config = read_metadata(path)
    if found != kind:
        raise ValueError(f"{path} holds a {found!r} checkpoint, not a {kind}")
    return config


def load_team(path: str | Path, device: torch.device, sketchbook: Sketchbook | None = None) -> Team:
    """Rebuild a backbone from a checkpoint's own config and load its weights; a team that draws in the
    sketchbook's latent space is given the `sketchbook`."""
    config = config_from_dict(_checked_metadata(path, "denoiser"))
    network = build_backbone(config)
    network.load_state_dict(load_state_dict(path, network))
    name = "nodust" if config.objective == "no_dust" else config.backbone.kind
    return Team(name, network.to(device).eval(), config, sketchbook if config.space == "latent" else None)


def load_clip(path: str | Path, device: torch.device) -> Clip:
    model_name = _checked_metadata(path, "clip")["model_name"]
    return Clip(create_clip(model_name, path), model_name).to(device)


def load_autoencoder(path: str | Path, device: torch.device) -> Autoencoder:
    """The sketchbook, with its latent scale, from its own checkpoint."""
    model = Autoencoder(AutoencoderConfig.from_dict(_checked_metadata(path, "autoencoder")))
    model.load_state_dict(load_state_dict(path, model))
    return model.to(device).eval()


def load_step_painter(path: str | Path, device: torch.device, sketchbook: Sketchbook) -> StepPainter:
    """The small decoder that paints a run's steps before the last, for the sketchbook it was distilled from."""
    config = StepPainterConfig.from_dict(_checked_metadata(path, "step_painter"))
    if (config.latent_channels, len(config.widths)) != (
        sketchbook.config.latent_channels,
        len(sketchbook.config.widths),
    ):
        raise ValueError(f"{path} paints latents of another shape than this sketchbook's")
    model = StepPainter(config)
    model.load_state_dict(load_state_dict(path, model))
    return model.to(device).eval()


def read_weights_folder(folder: Path) -> WeightsFolder:
    """What training and evaluation wrote beside the checkpoints."""
    return WeightsFolder(folder, load_vocabulary(folder), load_things(folder), load_variety_scale(folder))


def tiny_pipeline(
    seed: int = 0,
    device: str = "cpu",
    image_size: int = 32,
    latent: bool = False,
    quick_steps: int = 0,
    step_painter: bool = False,
) -> Pipeline:
    """A tiny random pipeline that runs in milliseconds, for tests and for a first start;
    `latent`: both teams draw in a tiny untrained sketchbook (`step_painter`: with a random step painter);
    `quick_steps`: each team has a random few-step student that draws in that many steps."""
    torch.manual_seed(seed)
    target = resolve_device(device)
    clip = Clip(create_clip("dust-clip-tiny"), "dust-clip-tiny").to(target)
    sketchbook, side, channels, painter = None, image_size, 3, None
    if latent:
        sketchbook = Autoencoder(replace(AUTOENCODER_PRESETS["tiny"], image_size=image_size)).to(target).eval()
        side, channels = sketchbook.config.latent_size, sketchbook.config.latent_channels
        if step_painter:
            painter = StepPainter(StepPainterConfig(channels, widths=(4, 8, 8))).to(target).eval()
    teams = []
    for name in BACKBONES:
        config = ModelConfig(
            backbone=backbone_preset(f"{name}-tiny"),
            image_size=side,
            channels=channels,
            text_dim=clip.width,
            space="latent" if latent else "pixels",
        )
        network, quick = build_backbone(config).to(target).eval(), None
        if quick_steps:
            student = replace(config, distilled_steps=quick_steps, distilled_guidance=2.0)
            quick = Team(name, build_backbone(student).to(target).eval(), student, sketchbook)
        teams.append(Team(name, network, config, sketchbook, quick=quick))
    return Pipeline(clip, teams, trained=False, sketchbook=sketchbook, step_painter=painter)


def load_pipeline(path: str | Path | None = None, device: str = "auto") -> Pipeline:
    """Load a weights folder (default: the shipped model/weights) or a Stable Diffusion folder (its
    model_index.json says so); the tiny untrained preset if no weights ship."""
    folder = Path(path) if path is not None else DEFAULT_WEIGHTS_DIR
    target = resolve_device(device)
    if (folder / MODEL_INDEX).is_file():
        return load_folder_pipeline(folder, target)
    kinds = {file: read_metadata(file)[0] for file in sorted(folder.glob("*.safetensors"))}
    by_kind = {kind: [file for file, k in kinds.items() if k == kind] for kind in set(kinds.values())}
    if not by_kind.get("clip"):
        if path is not None:
            raise FileNotFoundError(
                f"{folder} is neither a Dust to Detail weights folder (it has no CLIP checkpoint) "
                f"nor a Stable Diffusion folder (it has no {MODEL_INDEX})"
            )
        log.warning("no trained weights in %s; using the tiny UNTRAINED preset (it draws noise)", folder)
        return tiny_pipeline(device=str(target))
    if any(len(by_kind.get(kind, [])) > 1 for kind in ("clip", "autoencoder", "step_painter")):
        raise ValueError(f"{folder} holds more than one text encoder, sketchbook or step painter")
    sketchbook = load_autoencoder(by_kind["autoencoder"][0], target) if by_kind.get("autoencoder") else None
    painter = None
    if by_kind.get("step_painter"):
        if sketchbook is None:
            raise ValueError(f"{folder} holds a step painter but no sketchbook for it to paint")
        painter = load_step_painter(by_kind["step_painter"][0], target, sketchbook)
    denoisers = [load_team(file, target, sketchbook) for file in by_kind.get("denoiser", [])]
    loaded = [t for t in denoisers if not t.is_student]
    students = [t for t in denoisers if t.is_student]
    for group in (loaded, students):
        if len({t.name for t in group}) < len(group):
            raise ValueError(f"{folder} holds two checkpoints of one team: {', '.join(t.name for t in group)}")
    quick = {t.name: t for t in students}
    if orphans := set(quick) - {t.name for t in loaded}:
        raise ValueError(f"{folder} holds a few-step student of no team it has: {', '.join(sorted(orphans))}")
    teams = sorted(
        (replace(t, quick=quick.get(t.name)) for t in loaded if t.name != "nodust"),
        key=lambda t: list(BACKBONES).index(t.name),
    )
    no_dust = [t for t in loaded if t.name == "nodust"]
    clip = load_clip(by_kind["clip"][0], target)
    no_dust_team = no_dust[0] if no_dust else None
    return Pipeline(
        clip, teams, no_dust_team, sketchbook=sketchbook, weights=read_weights_folder(folder), step_painter=painter
    )
