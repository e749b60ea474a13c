"""Our CLIP (open_clip): it turns a prompt into the tokens the backbones attend to, and scores pictures against words.

Our own small CLIP architectures live in clip_configs/ and are registered with open_clip, so
`open_clip.create_model("dust-clip")` builds them like any standard architecture. Weights are read
from safetensors only; a user with real CLIP weights passes a standard architecture name and a
local .safetensors file.
"""

import logging
from functools import cached_property
from pathlib import Path

import open_clip
import torch
from open_clip.transformer import text_global_pool
from torch import nn

from model.checkpoint import load_state_dict
from model.conditioning import TextCondition
from model.text_encoder import TextEncoder

CLIP_CONFIG_DIR = Path(__file__).parent / "clip_configs"
open_clip.add_model_config(CLIP_CONFIG_DIR)
NO_PICTURE_TOWER = (
    "This model's text encoder reads words only (a Stable Diffusion folder has no CLIP picture tower), "
    "so it cannot score how well a picture matches its words."
)


def create_clip(model_name: str, weights: str | Path | None = None) -> open_clip.CLIP:
    """Build an open_clip model by architecture name; load weights from a local safetensors file."""
    # open_clip warns "No pretrained weights loaded ... initialized randomly" because it is not the one
    # loading them; a teacher reading the console should not be told the shipped model is random.
    logging.disable(logging.WARNING)
    try:
        clip = open_clip.create_model(model_name, pretrained=None)
    finally:
        logging.disable(logging.NOTSET)
    if weights is not None:
        clip.load_state_dict(load_state_dict(weights, clip), strict=True)
    return clip.eval()


class Clip(nn.Module):
    """Our CLIP (dust-clip): it conditions the teams on the prompt, and scores how well pictures match words."""

    def __init__(self, model: open_clip.CLIP, model_name: str):
        super().__init__()
        self.model = model
        self.model_name = model_name
        self.tokenizer = open_clip.get_tokenizer(model_name)

    @property
    def context_length(self) -> int:
        return self.model.context_length

    @property
    def width(self) -> int:
        return self.model.token_embedding.weight.shape[1]

    def tokenize(self, prompts: list[str]) -> torch.Tensor:
        """(B, L) token ids; prompts longer than the context are truncated (end-of-text kept)."""
        return self.tokenizer(prompts).to(self.model.token_embedding.weight.device)

    def token_strings(self, prompt: str) -> list[str]:
        """The words as the tokenizer split them, so the page can show what the model reads."""
        ids = self.tokenize([prompt])[0].tolist()
        words = [
            self.tokenizer.decoder[i]
            for i in ids
            if i not in (0, self.tokenizer.sot_token_id, self.tokenizer.eot_token_id)
        ]
        return [w.replace("</w>", "") for w in words]

    @torch.no_grad()
    def condition(self, prompts: list[str]) -> TextCondition:
        """What the teams read: token embeddings (after the final LayerNorm) and the pooled embedding."""
        return self.condition_with_grad(prompts)

    def condition_with_grad(self, prompts: list[str]) -> TextCondition:
        """`condition` with gradients to the text tower, for training it through a frozen team."""
        text = self.tokenize(prompts)  # (B, L)
        clip = self.model
        x = clip.token_embedding(text) + clip.positional_embedding  # (B, L, W)
        x = clip.ln_final(clip.transformer(x, attn_mask=clip.attn_mask))  # (B, L, W)
        pooled = text_global_pool(x, text, clip.text_pool_type)  # (B, W)
        if clip.text_projection is not None:
            pooled = (
                clip.text_projection(pooled)
                if isinstance(clip.text_projection, nn.Linear)
                else pooled @ clip.text_projection
            )
        # Causal attention means tokens after end-of-text carry nothing new; hide them from cross-attention.
        mask = torch.arange(text.shape[1], device=text.device)[None] <= text.argmax(dim=-1)[:, None]
        return TextCondition(tokens=x, mask=mask, pooled=pooled)

    @cached_property
    def empty(self) -> TextCondition:
        """The empty prompt: the "no hint" condition for classifier-free guidance, computed once."""
        return self.condition([""])

    @torch.no_grad()
    def encode_text(self, prompts: list[str]) -> torch.Tensor:
        """(B, D) unit-length CLIP embeddings of the prompts, for scoring pictures against words."""
        return self.model.encode_text(self.tokenize(prompts), normalize=True)

    @torch.no_grad()
    def encode_image(self, pictures: torch.Tensor) -> torch.Tensor:
        """(B, 3, S, S) pictures in [-1, 1] → (B, D) unit-length CLIP embeddings."""
        return self.model.encode_image(pictures.clamp(-1, 1), normalize=True)


def clip_with_pictures(encoder: TextEncoder) -> Clip:
    """The encoder as our CLIP, which also reads pictures; a ValueError says when it reads words only."""
    if not isinstance(encoder, Clip):
        raise ValueError(NO_PICTURE_TOWER)
    return encoder
