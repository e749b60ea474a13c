"""Team CNN: a text-conditioned U-Net (Ho et al. 2020; Nichol & Dhariwal 2021; Rombach et al. 2022).

Convolutions see a small neighbourhood ("keyhole") that widens level by level; self-attention at
the low resolutions links far-apart regions; cross-attention lets every pixel read the prompt.
"""

from dataclasses import dataclass, field
from typing import Literal

import torch
from torch import nn

from model.capabilities import CrossAttention, DownPath
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.layers import Attention, ConditionEmbedder, TokenWhitening, our_weights


@dataclass(frozen=True)
class UNetConfig:
    """Team CNN: a residual conv U-Net with attention at the low resolutions."""

    kind: Literal["unet"] = field(default="unet", init=False)
    base_channels: int = 64  # width at full resolution
    channel_mults: tuple[int, ...] = (1, 2, 2)  # width multiplier per level; each level halves the size
    num_res_blocks: int = 2  # residual blocks per level on the way down
    attention_levels: tuple[int, ...] = (1, 2)  # levels with self- and cross-attention
    num_heads: int = 4


PRESETS = {
    "unet-tiny": UNetConfig(
        base_channels=16, channel_mults=(1, 2), num_res_blocks=1, attention_levels=(1,), num_heads=2
    ),
    # ~5 M parameters: what a 2-core CPU trains in about an hour at 32×32.
    "unet-small": UNetConfig(base_channels=48, channel_mults=(1, 2, 2), num_res_blocks=2, attention_levels=(2,)),
    # For the 8×8×4 sketchbook latent: every level sees the whole picture, so attention is everywhere.
    "unet-latent": UNetConfig(base_channels=96, channel_mults=(1, 2), num_res_blocks=2, attention_levels=(0, 1)),
}


def _norm(channels: int) -> nn.GroupNorm:
    """GroupNorm with the most groups (up to 32) that divide the width."""
    groups = next(g for g in range(min(32, channels), 0, -1) if channels % g == 0)
    return nn.GroupNorm(groups, channels)


def _zero(module: nn.Module) -> nn.Module:
    """Start a residual branch at zero so every block begins as the identity."""
    for p in module.parameters():
        nn.init.zeros_(p)
    return module


class ResBlock(nn.Module):
    """Two 3×3 convolutions, with the step/prompt embedding as a scale and shift (FiLM)."""

    def __init__(self, in_channels: int, out_channels: int, emb_dim: int):
        super().__init__()
        self.in_layers = nn.Sequential(
            _norm(in_channels), nn.SiLU(), nn.Conv2d(in_channels, out_channels, 3, padding=1)
        )
        self.emb = nn.Sequential(nn.SiLU(), nn.Linear(emb_dim, 2 * out_channels))
        self.out_norm = _norm(out_channels)
        self.out_layers = nn.Sequential(nn.SiLU(), _zero(nn.Conv2d(out_channels, out_channels, 3, padding=1)))
        self.skip = nn.Identity() if in_channels == out_channels else nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x: torch.Tensor, emb: torch.Tensor) -> torch.Tensor:
        h = self.in_layers(x)  # (B, C_out, H, W)
        scale, shift = self.emb(emb)[:, :, None, None].chunk(2, dim=1)
        h = self.out_norm(h) * (1 + scale) + shift
        return self.skip(x) + self.out_layers(h)


class SpatialTransformer(nn.Module):
    """Self-attention over pixels, then cross-attention from pixels to the prompt's tokens."""

    def __init__(self, channels: int, text_dim: int, num_heads: int):
        super().__init__()
        self.norm_in = _norm(channels)
        self.norm_self, self.norm_cross, self.norm_mlp = (nn.LayerNorm(channels) for _ in range(3))
        self.self_attn = Attention(channels, num_heads)
        self.cross_attn = Attention(channels, num_heads, context_dim=text_dim)
        self.mlp = nn.Sequential(nn.Linear(channels, 4 * channels), nn.GELU(), nn.Linear(4 * channels, channels))
        self.proj_out = _zero(nn.Linear(channels, channels))

    def forward(self, x: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        b, c, h, w = x.shape
        tokens = self.norm_in(x).flatten(2).transpose(1, 2)  # (B, H·W, C)
        tokens = tokens + self.self_attn(self.norm_self(tokens))
        tokens = tokens + self.cross_attn(self.norm_cross(tokens), cond.tokens, cond.mask)
        tokens = tokens + self.mlp(self.norm_mlp(tokens))
        return x + self.proj_out(tokens).transpose(1, 2).reshape(b, c, h, w)


class Level(nn.Module):
    """A residual block, optionally followed by attention, at one resolution."""

    def __init__(
        self, in_channels: int, out_channels: int, emb_dim: int, attention: bool, config: UNetConfig, text_dim: int
    ):
        super().__init__()
        self.res = ResBlock(in_channels, out_channels, emb_dim)
        self.attn = SpatialTransformer(out_channels, text_dim, config.num_heads) if attention else None

    def forward(self, x: torch.Tensor, emb: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        x = self.res(x, emb)
        return x if self.attn is None else self.attn(x, cond)


class UNet(nn.Module):
    """forward(x (B, C, H, W), t (B,), cond) → network output (B, C, H, W); it offers keyholes and cross-attention
    (model/capabilities.py)."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        arch = config.backbone
        assert isinstance(arch, UNetConfig)
        self.arch = arch
        base, emb_dim = arch.base_channels, 4 * arch.base_channels
        self.embed = ConditionEmbedder(emb_dim, config.text_dim, whiten_pooled=config.pooled_whitening)
        self.whitening = TokenWhitening(config.text_dim) if config.text_whitening else None
        self.input = nn.Conv2d(config.channels, base, 3, padding=1)

        self.down, self.downsample = nn.ModuleList(), nn.ModuleList()
        skip_channels, ch = [base], base
        for level, mult in enumerate(arch.channel_mults):
            blocks = nn.ModuleList()
            for _ in range(arch.num_res_blocks):
                blocks.append(Level(ch, base * mult, emb_dim, level in arch.attention_levels, arch, config.text_dim))
                ch = base * mult
                skip_channels.append(ch)
            self.down.append(blocks)
            is_last = level == len(arch.channel_mults) - 1
            self.downsample.append(nn.Identity() if is_last else nn.Conv2d(ch, ch, 3, stride=2, padding=1))
            if not is_last:
                skip_channels.append(ch)

        self.mid = nn.ModuleList(
            [Level(ch, ch, emb_dim, True, arch, config.text_dim), Level(ch, ch, emb_dim, False, arch, config.text_dim)]
        )

        self.up, self.upsample = nn.ModuleList(), nn.ModuleList()
        for level, mult in reversed(list(enumerate(arch.channel_mults))):
            blocks = nn.ModuleList()
            for _ in range(arch.num_res_blocks + 1):
                blocks.append(
                    Level(
                        ch + skip_channels.pop(),
                        base * mult,
                        emb_dim,
                        level in arch.attention_levels,
                        arch,
                        config.text_dim,
                    )
                )
                ch = base * mult
            self.up.append(blocks)
            self.upsample.append(
                nn.Identity()
                if level == 0
                else nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(ch, ch, 3, padding=1))
            )
        self.output = nn.Sequential(_norm(ch), nn.SiLU(), _zero(nn.Conv2d(ch, config.channels, 3, padding=1)))

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        emb = self.embed(t, cond)  # (B, 4·base)
        if self.whitening is not None:
            cond = self.whitening(cond)
        h = self.input(x)  # (B, base, H, W)
        skips = [h]
        for blocks, downsample in zip(self.down, self.downsample):
            for block in blocks.children():
                h = block(h, emb, cond)
                skips.append(h)
            if not isinstance(downsample, nn.Identity):
                h = downsample(h)  # (B, C, H/2, W/2)
                skips.append(h)
        for block in self.mid:
            h = block(h, emb, cond)
        for blocks, upsample in zip(self.up, self.upsample):
            for block in blocks.children():
                h = block(torch.cat([h, skips.pop()], dim=1), emb, cond)
            h = upsample(h)
        return self.output(h)  # (B, C, H, W)

    def down_path(self) -> DownPath:
        """The down path __init__ builds, for the keyholes."""
        return DownPath(len(self.arch.channel_mults), self.arch.num_res_blocks, self.arch.attention_levels)

    def cross_attention(self) -> CrossAttention:
        """Every SpatialTransformer's cross-attention (down, middle, up), for the word maps."""
        layers = [m.cross_attn for m in self.modules() if isinstance(m, SpatialTransformer)]
        return CrossAttention(layers, our_weights)
