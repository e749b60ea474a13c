"""Team Transformer: a Diffusion Transformer (Peebles & Xie 2023) with cross-attention to the prompt.

The picture is cut into patches; every patch can look at every other patch from the first block,
so the layout is decided globally. Blocks are adaLN-Zero (DiT Sec. 3.2) with a cross-attention
layer to the prompt's tokens between self-attention and the MLP, as in PixArt-α.
"""

import functools
from dataclasses import dataclass, field
from typing import Literal, cast

import torch
from torch import nn

from model.conditioning import TextCondition
from model.config import ModelConfig
from model.layers import Attention, ConditionEmbedder, TokenWhitening


@dataclass(frozen=True)
class DiTConfig:
    """Team Transformer: a Diffusion Transformer over image patches (Peebles & Xie 2023)."""

    kind: Literal["dit"] = field(default="dit", init=False)
    patch_size: int = 2  # pixels per patch side
    hidden_size: int = 256
    depth: int = 6  # transformer blocks
    num_heads: int = 4
    mlp_ratio: float = 4.0


PRESETS = {
    "dit-tiny": DiTConfig(patch_size=4, hidden_size=32, depth=2, num_heads=2),
    # ~5 M parameters: what a 2-core CPU trains in about an hour at 32×32.
    "dit-small": DiTConfig(patch_size=4, hidden_size=192, depth=6, num_heads=4),
    # For the 8×8×4 sketchbook latent: 2×2 latent patches, 16 tokens.
    "dit-latent": DiTConfig(patch_size=2, hidden_size=320, depth=6, num_heads=5),
    "dit-latent-p1": DiTConfig(patch_size=1, hidden_size=256, depth=6, num_heads=4),  # trial: 64 tokens, not 16
}


def modulate(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    return x * (1 + scale[:, None]) + shift[:, None]


@functools.lru_cache(maxsize=16)
def sincos_pos_embed(dim: int, grid: int) -> torch.Tensor:
    """Fixed 2-D sine-cosine position embedding (MAE/DiT), shape (grid², dim); works at any size."""
    quarter = dim // 4
    omega = 1.0 / 10_000 ** (torch.arange(quarter, dtype=torch.float64) / quarter)
    ys, xs = torch.meshgrid(
        torch.arange(grid, dtype=torch.float64), torch.arange(grid, dtype=torch.float64), indexing="ij"
    )
    parts = [f(pos.flatten()[:, None] * omega[None]) for pos in (ys, xs) for f in (torch.sin, torch.cos)]
    return torch.cat(parts, dim=1).float()


class DiTBlock(nn.Module):
    """adaLN-Zero self-attention and MLP, with cross-attention to the prompt in between."""

    def __init__(self, dim: int, num_heads: int, text_dim: int, mlp_ratio: float):
        super().__init__()
        self.norm_self = nn.LayerNorm(dim, elementwise_affine=False, eps=1e-6)
        self.self_attn = Attention(dim, num_heads)
        self.norm_cross = nn.LayerNorm(dim, eps=1e-6)
        self.cross_attn = Attention(dim, num_heads, context_dim=text_dim)
        self.norm_mlp = nn.LayerNorm(dim, elementwise_affine=False, eps=1e-6)
        hidden = int(dim * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(approximate="tanh"), nn.Linear(hidden, dim))
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))

    def forward(self, x: torch.Tensor, c: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        shift_sa, scale_sa, gate_sa, shift_mlp, scale_mlp, gate_mlp = self.adaLN_modulation(c).chunk(6, dim=1)
        x = x + gate_sa[:, None] * self.self_attn(modulate(self.norm_self(x), shift_sa, scale_sa))  # (B, T, D)
        x = x + self.cross_attn(self.norm_cross(x), cond.tokens, cond.mask)
        return x + gate_mlp[:, None] * self.mlp(modulate(self.norm_mlp(x), shift_mlp, scale_mlp))


class FinalLayer(nn.Module):
    """adaLN, then a linear map from each token back to its patch of pixels."""

    def __init__(self, dim: int, patch_size: int, channels: int):
        super().__init__()
        self.norm = nn.LayerNorm(dim, elementwise_affine=False, eps=1e-6)
        self.linear = nn.Linear(dim, patch_size * patch_size * channels)
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(dim, 2 * dim))

    def forward(self, x: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        shift, scale = self.adaLN_modulation(c).chunk(2, dim=1)
        return self.linear(modulate(self.norm(x), shift, scale))


class DiT(nn.Module):
    """forward(x (B, C, H, W), t (B,), cond) → network output (B, C, H, W); it offers patches (capabilities.py)."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        arch = config.backbone
        assert isinstance(arch, DiTConfig)
        self.patch_size, self.channels, dim = arch.patch_size, config.channels, arch.hidden_size
        self.x_embedder = nn.Conv2d(config.channels, dim, arch.patch_size, stride=arch.patch_size)
        self.embed = ConditionEmbedder(dim, config.text_dim, whiten_pooled=config.pooled_whitening)
        self.whitening = TokenWhitening(config.text_dim) if config.text_whitening else None
        self.blocks = nn.ModuleList(
            DiTBlock(dim, arch.num_heads, config.text_dim, arch.mlp_ratio) for _ in range(arch.depth)
        )
        self.final_layer = FinalLayer(dim, arch.patch_size, config.channels)
        self.initialize_weights()

    def initialize_weights(self) -> None:
        """DiT's init: Xavier linears, patch embed like a linear, and zeroed adaLN and output (adaLN-Zero)."""
        for module in self.modules():
            if isinstance(module, nn.Linear):
                nn.init.xavier_uniform_(module.weight)
                nn.init.zeros_(module.bias)
        nn.init.xavier_uniform_(self.x_embedder.weight.view(self.x_embedder.weight.shape[0], -1))
        zeroed = [block.adaLN_modulation[-1] for block in cast(list[DiTBlock], self.blocks)]
        for layer in [*zeroed, self.final_layer.adaLN_modulation[-1], self.final_layer.linear]:
            for parameter in layer.parameters():
                nn.init.zeros_(parameter)

    def forward(self, x: torch.Tensor, t: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        b, _, h, w = x.shape
        p = self.patch_size
        tokens = self.x_embedder(x).flatten(2).transpose(1, 2)  # (B, T, D), T = H·W / p²
        if h != w:
            raise ValueError(f"DiT expects square pictures, got {h}×{w}")
        tokens = tokens + sincos_pos_embed(tokens.shape[-1], h // p).to(tokens)
        c = self.embed(t, cond)  # (B, D)
        if self.whitening is not None:
            cond = self.whitening(cond)
        for block in self.blocks:
            tokens = block(tokens, c, cond)
        patches = self.final_layer(tokens, c)  # (B, T, p·p·C)
        patches = patches.reshape(b, h // p, w // p, p, p, self.channels)
        return torch.einsum("bhwpqc->bchpwq", patches).reshape(b, self.channels, h, w)

    def patch_attention(self) -> list[nn.Module]:
        """Every block's self-attention, where the patches look at each other."""
        return [block.self_attn for block in cast(list[DiTBlock], self.blocks)]
