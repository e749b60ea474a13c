"""Build either team's backbone from its config; both share forward(x, t, cond)."""

from torch import nn

from model.config import DiTConfig, ModelConfig, UNetConfig
from model.dit import DiT
from model.unet import UNet


def build_backbone(config: ModelConfig) -> nn.Module:
    if isinstance(config.backbone, UNetConfig):
        return UNet(config)
    if isinstance(config.backbone, DiTConfig):
        return DiT(config)
    raise TypeError(f"unknown backbone config {type(config.backbone).__name__}")
