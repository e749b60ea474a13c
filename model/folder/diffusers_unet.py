"""A folder's U-Net as a team's network: our backbones' `forward(x, t, cond)`, a kind of its own, and what it lets
the lessons look at (keyholes, cross-attention: model/capabilities.py)."""

from dataclasses import dataclass, field
from typing import Any, Final, Literal

import torch
from torch import nn

from model.capabilities import CrossAttention, DownPath
from model.conditioning import TextCondition
from model.folder.attention import folder_weights

FOLDER_KIND: Final = "diffusers_unet"  # not "unet": it is not built from our registry's configs
FOLDER_TEAM = "sd"  # what requests and the page call it
FOLDER_LABEL = "Stable Diffusion — Team CNN in latent space"
FOLDER_HINT = "a real Stable Diffusion U-Net from your own folder, reading the prompt with its own CLIP"
FOLDER_DOWN_BLOCKS = {"CrossAttnDownBlock2D", "DownBlock2D"}  # diffusers' down blocks built like our levels


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

    def down_path(self) -> DownPath | None:
        """Its down path from its config, None where it is not built like ours.

        diffusers' UNet2DConditionModel builds the same path as ours from its config: a 3×3 `conv_in`, two 3×3
        convs per ResnetBlock2D, and a 3×3 stride-2 Downsample2D after every down block but the last.
        """
        config: Any = self.unet.config  # diffusers' FrozenDict, read by attribute
        blocks, per_level = list(config.down_block_types), config.layers_per_block
        if isinstance(per_level, (list, tuple)):
            per_level = per_level[0] if len(set(per_level)) == 1 else None
        if config.conv_in_kernel != 3 or per_level is None or not set(blocks) <= FOLDER_DOWN_BLOCKS:
            return None
        attention = tuple(level for level, kind in enumerate(blocks) if kind == "CrossAttnDownBlock2D")
        return DownPath(len(blocks), per_level, attention)

    def cross_attention(self) -> CrossAttention:
        """Every transformer block's `attn2`: where its pixels read the prompt's tokens."""
        layers = [module for name, module in self.unet.named_modules() if name.endswith(".attn2")]
        return CrossAttention(layers, folder_weights)
