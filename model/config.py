"""Configs are frozen dataclasses; presets are data; every checkpoint carries its own config as JSON.

Each backbone's own config (its `kind`, widths, depths) and presets live in its module; `model.backbones`
registers them and rebuilds a `ModelConfig` from a checkpoint's JSON.
"""

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Objective = Literal["diffusion", "no_dust"]
Space = Literal["pixels", "latent"]


class BackboneConfig(Protocol):
    """A backbone's frozen dataclass config; `kind` names its entry in `model.backbones.BACKBONES`."""

    @property
    def kind(self) -> str: ...


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
    text_whitening: bool = False  # cross-attention reads the prompt's tokens whitened (`layers.TokenWhitening`)
    pooled_whitening: bool = False  # the timestep embedding reads the pooled prompt whitened (`layers.Whitening`)
    distilled_steps: int = 0  # a few-step student (`training/distil_steps.py`): the DDIM steps it draws in; 0: none
    distilled_guidance: float = 0.0  # the guidance scale its teacher drew with, baked into the student

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
