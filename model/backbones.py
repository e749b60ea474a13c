"""The backbone registry: every kind of team, the name a class knows it by, its config and its network.

All share `forward(x, t, cond)`. Adding a backbone is one module (its config dataclass with a `kind`,
its presets and its network) and one line in `BACKBONES`; checkpoints name their kind, so loading
finds it from here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from torch import nn

from model import dit, unet
from model.config import BackboneConfig, ModelConfig


@dataclass(frozen=True)
class Backbone:
    label: str  # what the page and the lessons call the team
    hint: str  # how the page describes its kind of network
    config: type  # the frozen dataclass that configures it
    network: Callable[[ModelConfig], nn.Module]
    presets: dict[str, Any]


BACKBONES: dict[str, Backbone] = {
    "unet": Backbone(
        "Team CNN",
        "a U-Net: looks at the picture through small sliding windows",
        unet.UNetConfig,
        unet.UNet,
        unet.PRESETS,
    ),
    "dit": Backbone(
        "Team Transformer",
        "a DiT: cuts the picture into patches that talk to each other",
        dit.DiTConfig,
        dit.DiT,
        dit.PRESETS,
    ),
}
BACKBONE_PRESETS: dict[str, BackboneConfig] = {
    name: preset for backbone in BACKBONES.values() for name, preset in backbone.presets.items()
}


def backbone_preset(name: str) -> BackboneConfig:
    """Look a backbone preset up by name."""
    if name not in BACKBONE_PRESETS:
        raise ValueError(f"unknown backbone preset {name!r}; choose one of {', '.join(BACKBONE_PRESETS)}")
    return BACKBONE_PRESETS[name]


def build_backbone(config: ModelConfig) -> nn.Module:
    if config.backbone.kind not in BACKBONES:
        raise TypeError(f"unknown backbone kind {config.backbone.kind!r}; choose one of {', '.join(BACKBONES)}")
    return BACKBONES[config.backbone.kind].network(config)


def config_from_dict(data: dict[str, Any]) -> ModelConfig:
    """A `ModelConfig` from a checkpoint's JSON: the backbone's `kind` picks its config class."""
    backbone = dict(data["backbone"])
    kind = backbone.pop("kind")
    if kind not in BACKBONES:
        raise ValueError(f"a checkpoint of an unknown backbone kind {kind!r}; this code knows {', '.join(BACKBONES)}")
    backbone = {k: tuple(v) if isinstance(v, list) else v for k, v in backbone.items()}
    return ModelConfig(**{**data, "backbone": BACKBONES[kind].config(**backbone)})
