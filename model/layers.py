"""Building blocks both teams share: the timestep/text embedding and attention to the prompt."""

import math

import torch
import torch.nn.functional as F
from torch import nn

from model.conditioning import TextCondition


def timestep_embedding(t: torch.Tensor, dim: int, max_period: float = 10_000.0) -> torch.Tensor:
    """Sinusoidal embedding of (B,) timesteps → (B, dim), as in the Transformer and DDPM."""
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, device=t.device, dtype=torch.float32) / half)
    args = t.float()[:, None] * freqs[None]
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class ConditionEmbedder(nn.Module):
    """Timestep plus pooled prompt → one vector that steers every block (DiT's c = t + y).

    With `whiten_pooled`, the normed pooled prompt is whitened before its projection: dust-clip's pooled
    embeddings of the 410 concept names span about seven directions ("bread" and "cheese" at cosine 0.99).
    """

    def __init__(self, dim: int, text_dim: int, frequency_dim: int = 256, whiten_pooled: bool = False):
        super().__init__()
        self.frequency_dim = frequency_dim
        self.time_mlp = nn.Sequential(nn.Linear(frequency_dim, dim), nn.SiLU(), nn.Linear(dim, dim))
        self.text_proj = nn.Sequential(nn.LayerNorm(text_dim), nn.Linear(text_dim, dim))
        self.pooled_whitening = Whitening(text_dim) if whiten_pooled else None  # between the norm and the projection

    def forward(self, t: torch.Tensor, cond: TextCondition) -> torch.Tensor:
        norm, projection = self.text_proj
        pooled = norm(cond.pooled)  # (B, text_dim)
        if self.pooled_whitening is not None:
            pooled = self.pooled_whitening.whiten(pooled)
        return self.time_mlp(timestep_embedding(t, self.frequency_dim)) + projection(pooled)  # (B, dim)


class Whitening(nn.Module):
    """A fixed ZCA whitening, (x − mean) @ matrix over the last dimension, fitted once to the training captions."""

    mean: torch.Tensor
    matrix: torch.Tensor

    def __init__(self, dim: int):
        super().__init__()
        self.register_buffer("mean", torch.zeros(dim))
        self.register_buffer("matrix", torch.eye(dim))  # symmetric: Σ^-1/2 of the fitted vectors

    def whiten(self, x: torch.Tensor) -> torch.Tensor:
        """(..., dim) → (..., dim) in x's dtype, computed in fp32: the point is the small directions."""
        with torch.autocast(x.device.type, enabled=False):
            return ((x.float() - self.mean.float()) @ self.matrix.float()).to(x.dtype)


class TokenWhitening(Whitening):
    """A fixed ZCA whitening of the prompt's token embeddings, fitted once to the training captions.

    A small CLIP trained on a few thousand captions puts almost all of its tokens' variance in a handful of
    directions ("ship" and "dress" at cosine 0.99); whitened, the directions that tell words apart are as
    large as the rest, so cross-attention learns them at the same pace; and bf16, which rounds a raw token to
    about 0.4 % of its norm (the size of its faintest directions), no longer blurs them.
    """

    def forward(self, cond: TextCondition) -> TextCondition:
        return TextCondition(self.whiten(cond.tokens), cond.mask, cond.pooled)  # tokens (B, L, D)


class Attention(nn.Module):
    """Multi-head attention from queries (B, N, dim) to a context (B, L, context_dim), via SDPA."""

    def __init__(self, dim: int, num_heads: int, context_dim: int | None = None):
        super().__init__()
        if dim % num_heads:
            raise ValueError(f"width {dim} is not divisible by {num_heads} heads")
        self.num_heads = num_heads
        self.to_q = nn.Linear(dim, dim)
        self.to_kv = nn.Linear(context_dim or dim, 2 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(
        self, x: torch.Tensor, context: torch.Tensor | None = None, mask: torch.Tensor | None = None
    ) -> torch.Tensor:
        q, k, v = self._project(x, context)
        attn_mask = None if mask is None else mask[:, None, None, :]  # (B, 1, 1, L), True = attend
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
        return self.proj(out.transpose(1, 2).flatten(2))  # (B, N, dim)

    def weights(
        self, x: torch.Tensor, context: torch.Tensor | None = None, mask: torch.Tensor | None = None
    ) -> torch.Tensor:
        """softmax(q·kᵀ/√d) (B, h, N, L): what SDPA computes but never returns, for the lessons' maps."""
        q, k, _ = self._project(x, context)
        scores = q @ k.transpose(-1, -2) / q.shape[-1] ** 0.5  # (B, h, N, L)
        if mask is not None:
            scores = scores.masked_fill(~mask[:, None, None, :], float("-inf"))
        return scores.float().softmax(dim=-1)

    def _project(
        self, x: torch.Tensor, context: torch.Tensor | None
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Queries (B, h, N, d) from x; keys and values (B, h, L, d) from the context (x itself if None)."""
        context = x if context is None else context
        q = self.to_q(x).unflatten(-1, (self.num_heads, -1)).transpose(1, 2)
        k, v = (z.unflatten(-1, (self.num_heads, -1)).transpose(1, 2) for z in self.to_kv(context).chunk(2, dim=-1))
        return q, k, v


def our_weights(module: nn.Module, args: tuple, kwargs: dict) -> torch.Tensor:
    """The weights of a call to our `Attention(x, context, mask)`, from the arguments a forward hook sees."""
    assert isinstance(module, Attention), "our_weights reads our own Attention layers"
    x, context, mask = (*args, None, None)[:3]
    return module.weights(x, kwargs.get("context", context), kwargs.get("mask", mask))
