"""Configs are frozen dataclasses; presets are data; every checkpoint carries its own config as JSON."""

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

Objective = Literal["diffusion", "no_dust"]
Space = Literal["pixels", "latent"]


@dataclass(frozen=True)
class UNetConfig:
    """Team CNN: a residual conv U-Net with attention at the low resolutions."""

    kind: Literal["unet"] = field(default="unet", init=False)
    base_channels: int = 64  # width at full resolution
    channel_mults: tuple[int, ...] = (1, 2, 2)  # width multiplier per level; each level halves the size
    num_res_blocks: int = 2  # residual blocks per level on the way down
    attention_levels: tuple[int, ...] = (1, 2)  # levels with self- and cross-attention
    num_heads: int = 4


@dataclass(frozen=True)
class DiTConfig:
    """Team Transformer: a Diffusion Transformer over image patches (Peebles & Xie 2023)."""

    kind: Literal["dit"] = field(default="dit", init=False)
    patch_size: int = 2  # pixels per patch side
    hidden_size: int = 256
    depth: int = 6  # transformer blocks
    num_heads: int = 4
    mlp_ratio: float = 4.0


BackboneConfig = UNetConfig | DiTConfig

BACKBONE_PRESETS: dict[str, BackboneConfig] = {
    "unet-tiny": UNetConfig(
        base_channels=16, channel_mults=(1, 2), num_res_blocks=1, attention_levels=(1,), num_heads=2
    ),
    "dit-tiny": DiTConfig(patch_size=4, hidden_size=32, depth=2, num_heads=2),
    # ~5 M parameters each: what a 2-core CPU trains in about an hour at 32×32.
    "unet-small": UNetConfig(base_channels=48, channel_mults=(1, 2, 2), num_res_blocks=2, attention_levels=(2,)),
    "dit-small": DiTConfig(patch_size=4, hidden_size=192, depth=6, num_heads=4),
    # For the 8×8×4 sketchbook latent: every level sees the whole picture, so attention is everywhere.
    "unet-latent": UNetConfig(base_channels=96, channel_mults=(1, 2), num_res_blocks=2, attention_levels=(0, 1)),
    "dit-latent": DiTConfig(patch_size=2, hidden_size=320, depth=6, num_heads=5),
    "dit-latent-p1": DiTConfig(patch_size=1, hidden_size=256, depth=6, num_heads=4),  # trial: 64 tokens, not 16
}


@dataclass(frozen=True)
class ModelConfig:
    """Everything needed to rebuild one denoiser from its weights."""

    backbone: BackboneConfig
    image_size: int = 32  # side of what the network denoises: the picture, or the sketchbook's latent
    channels: int = 3
    space: Space = "pixels"  # "latent": the network draws in the sketchbook and its decoder paints the picture
    text_dim: int = 256  # width of the text encoder's token embeddings
    schedule: str = "cosine"
    num_timesteps: int = 1000
    prediction: Literal["eps", "x0", "v"] = "v"
    objective: Objective = "diffusion"  # "no_dust": regress the picture from the prompt alone

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ModelConfig":
        backbone = dict(data["backbone"])
        kind = backbone.pop("kind")
        backbone_cls = {"unet": UNetConfig, "dit": DiTConfig}[kind]
        backbone = {k: tuple(v) if isinstance(v, list) else v for k, v in backbone.items()}
        return cls(**{**data, "backbone": backbone_cls(**backbone)})


def backbone_preset(name: str) -> BackboneConfig:
    """Look a backbone preset up by name."""
    if name not in BACKBONE_PRESETS:
        raise ValueError(f"unknown backbone preset {name!r}; choose one of {', '.join(BACKBONE_PRESETS)}")
    return BACKBONE_PRESETS[name]
