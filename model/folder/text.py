"""A folder's CLIP text model and tokenizer behind the surface the pipeline and the lessons use of our `Clip`."""

from functools import cached_property
from typing import TYPE_CHECKING

import torch
from torch import nn

from model.conditioning import TextCondition

if TYPE_CHECKING:
    from transformers import CLIPTextModel, CLIPTokenizer


class FolderTextEncoder(nn.Module):
    """Prompts → what the U-Net reads, exactly as diffusers' Stable Diffusion pipeline encodes them."""

    def __init__(self, model: "CLIPTextModel", tokenizer: "CLIPTokenizer"):
        super().__init__()
        self.model = model.eval()
        self.tokenizer = tokenizer

    @property
    def context_length(self) -> int:
        """77 for every Stable Diffusion 1.x and 2.x; a tokenizer saved without its length reads the model's."""
        return min(self.tokenizer.model_max_length, self.model.config.max_position_embeddings)

    def _encoded(self, prompts: list[str]) -> tuple[torch.Tensor, torch.Tensor]:
        """(B, L) token ids padded to the context, and the (B, L) mask of real tokens (end of text included)."""
        found = self.tokenizer(
            prompts, padding="max_length", max_length=self.context_length, truncation=True, return_tensors="pt"
        )
        device = self.model.device
        return found.input_ids.to(device), found.attention_mask.to(device).bool()

    def tokenize(self, prompts: list[str]) -> torch.Tensor:
        """(B, L) token ids; prompts longer than the context are truncated (end of text kept)."""
        return self._encoded(prompts)[0]

    def token_strings(self, prompt: str) -> list[str]:
        """The words as the tokenizer split them, without start and end of text."""
        ids = self.tokenizer(prompt, max_length=self.context_length, truncation=True).input_ids[1:-1]
        return [word.replace("</w>", "") for word in self.tokenizer.convert_ids_to_tokens(ids)]

    @torch.no_grad()
    def condition(self, prompts: list[str]) -> TextCondition:
        """The last hidden states (B, L, D), as Stable Diffusion's U-Net reads them, and the pooled (B, D)."""
        ids, mask = self._encoded(prompts)
        # No attention mask, as diffusers' pipeline calls it: the U-Net was trained on these states.
        out = self.model(input_ids=ids)
        return TextCondition(tokens=out.last_hidden_state, mask=mask, pooled=out.pooler_output)

    @cached_property
    def empty(self) -> TextCondition:
        """The empty prompt: the "no hint" condition for classifier-free guidance, computed once."""
        return self.condition([""])
