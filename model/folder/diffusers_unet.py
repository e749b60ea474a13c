"""A folder's U-Net as a team's network: our backbones' `forward(x, t, cond)`, and a kind of its own."""

from dataclasses import dataclass, field
from typing import Final, Literal

import torch
from torch import nn

from model.conditioning import TextCondition

FOLDER_KIND: Final = "diffusers_unet"  # not "unet": the lessons that look inside our U-Net must not be handed this one
FOLDER_TEAM = "sd"  # what requests and the page call it
FOLDER_LABEL = "Stable Diffusion — Team CNN in latent space"


@dataclass(frozen=True)
class FolderUNetConfig:
    """The backbone config of a folder's team: its architecture is the folder's own unet/config.json."""

    kind: Literal["diffusers_unet"] = field(default=FOLDER_KIND, init=False)


class FolderUNet(nn.Module):
    """diffusers' UNet2DConditionModel, reading the prompt's token states through cross-attention."""

    def __init__(self, unet: nn.Module):
        super().__init__()
        self.unet = unet

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        """x (B, C, h, w) latents, t (B,) training timesteps, cond.tokens (B, 77, D) → (B, C, h, w)."""
        return self.unet(x, t, encoder_hidden_states=cond.tokens).sample
