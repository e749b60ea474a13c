"""What the pipeline and the lessons ask of a text encoder: our `Clip`, or a Stable Diffusion folder's CLIP."""

from collections.abc import Iterator
from typing import Protocol

import torch
from torch import nn

from model.conditioning import TextCondition


class TextEncoder(Protocol):
    """Turns prompts into the condition the teams read; scoring pictures against words is `Clip`'s alone."""

    @property
    def context_length(self) -> int: ...  # tokens it reads, start and end of text included

    @property
    def empty(self) -> TextCondition: ...  # the empty prompt, for classifier-free guidance

    def condition(self, prompts: list[str]) -> TextCondition: ...

    def tokenize(self, prompts: list[str]) -> torch.Tensor: ...  # (B, context_length) token ids

    def token_strings(self, prompt: str) -> list[str]: ...  # the pieces the tokenizer cut the prompt into

    def parameters(self, recurse: bool = True) -> Iterator[nn.Parameter]: ...
