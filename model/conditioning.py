"""The text condition every backbone receives: CLIP token embeddings plus the pooled embedding."""

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class TextCondition:
    """A batch of encoded prompts."""

    tokens: torch.Tensor  # (B, L, D) token-level embeddings, attended to by cross-attention
    mask: torch.Tensor  # (B, L) bool, True where a real token (up to and including end-of-text) stands
    pooled: torch.Tensor  # (B, D) the CLIP text embedding of the whole prompt

    def __len__(self) -> int:
        return self.tokens.shape[0]

    def to(self, device: torch.device | str, dtype: torch.dtype | None = None) -> "TextCondition":
        return TextCondition(self.tokens.to(device, dtype), self.mask.to(device), self.pooled.to(device, dtype))

    def repeat(self, times: int) -> "TextCondition":
        """Each prompt `times` times in a row, for several seeds of one prompt."""
        return TextCondition(
            self.tokens.repeat_interleave(times, 0),
            self.mask.repeat_interleave(times, 0),
            self.pooled.repeat_interleave(times, 0),
        )

    def __getitem__(self, index: torch.Tensor | slice) -> "TextCondition":
        return TextCondition(self.tokens[index], self.mask[index], self.pooled[index])

    @staticmethod
    def cat(*conditions: "TextCondition") -> "TextCondition":
        return TextCondition(
            torch.cat([c.tokens for c in conditions]),
            torch.cat([c.mask for c in conditions]),
            torch.cat([c.pooled for c in conditions]),
        )
