"""A Stable Diffusion folder's cross-attention, read from outside its U-Net, for the word maps (DAAM)."""

from typing import Any

import torch


def folder_weights(module: Any, args: tuple, kwargs: dict) -> torch.Tensor:
    """softmax(q·kᵀ·scale) (B, heads, N, L) of a call to diffusers' `Attention` (typed Any: diffusers is an extra),
    as its own processor computes it."""
    hidden = args[0] if args else kwargs["hidden_states"]  # (B, N, C) pixel tokens
    context = kwargs.get("encoder_hidden_states", args[1] if len(args) > 1 else None)
    if context is None:
        context = hidden
    elif module.norm_cross is not None:
        context = module.norm_encoder_hidden_states(context)
    query, key = module.head_to_batch_dim(module.to_q(hidden)), module.head_to_batch_dim(module.to_k(context))
    return module.get_attention_scores(query, key, None).unflatten(0, (-1, module.heads))
