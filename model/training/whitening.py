"""Fit the prompt-token whitening to the training captions, and switch trained weights onto it unchanged."""

from collections.abc import Iterable

import torch
from torch import nn

from model.conditioning import TextCondition
from model.layers import TokenWhitening

Whitening = tuple[torch.Tensor, torch.Tensor]  # (mean (D,), matrix (D, D))
WHITENING_KEYS = ("whitening.matrix", "whitening.mean")  # the buffers of a model built with `text_whitening`


def reads_whitened_tokens(weight_names: Iterable[str]) -> bool:
    """Whether weights with these names were saved by a model that whitens the prompt's tokens."""
    return set(WHITENING_KEYS) <= set(weight_names)


def fit_token_whitening(captions: TextCondition, floor: float = 1e-4) -> Whitening:
    """Mean (D,) and ZCA matrix Σ^-1/2 (D, D) of every real token of these captions.

    Eigenvalues are raised by `floor`·(the largest), so directions the captions never use stay small.
    """
    tokens = captions.tokens[captions.mask].double()  # (N, D)
    mean = tokens.mean(0)
    values, vectors = torch.linalg.eigh(torch.cov((tokens - mean).T))
    values = values.clamp_min(0) + floor * values.max()
    return mean.float(), ((vectors * values.rsqrt()) @ vectors.T).float()


@torch.no_grad()
def install_token_whitening(model: nn.Module, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """Store the fitted whitening in a model built with `text_whitening` (it travels in its checkpoint)."""
    whitening = getattr(model, "whitening", None)
    if not isinstance(whitening, TokenWhitening):
        raise ValueError("this model was built without text_whitening")
    whitening.mean.copy_(mean)
    whitening.matrix.copy_(matrix)


def folded_parameters(network: nn.Module) -> list[nn.Parameter]:
    """The parameters `fold_token_whitening` rewrites: every cross-attention's key/value projection."""
    return [p for name, p in network.named_parameters() if name.split(".")[-3:-1] == ["cross_attn", "to_kv"]]


@torch.no_grad()
def fold_token_whitening(model: nn.Module, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """Give a model trained on raw tokens whitened ones without changing what it computes.

    With z = Σ^-1/2 (x − μ), every cross-attention's key/value projection A·x + c becomes A·Σ^1/2·z + (c + A·μ);
    only the coordinates the optimizer steps in change.
    """
    install_token_whitening(model, mean, matrix)
    projections = folded_parameters(model)  # [weight, bias] of each cross-attention
    if not projections:
        raise ValueError("this model has no cross-attention to the prompt's tokens to fold the whitening into")
    inverse = torch.linalg.inv(matrix.double())
    for weight, bias in zip(projections[::2], projections[1::2], strict=True):
        bias.add_((weight.double() @ mean.double()).to(weight.dtype))
        weight.copy_(weight.double() @ inverse)


def load_switching_to_whitening(
    network: nn.Module, weights: dict[str, torch.Tensor], whitening: Whitening | None
) -> bool:
    """Load weights into a network; weights trained on raw tokens are switched onto `whitening` unchanged.
    True when they were switched."""
    if whitening is None or reads_whitened_tokens(weights):
        network.load_state_dict(weights)
        return False
    loaded = network.load_state_dict(weights, strict=False)
    if sorted(loaded.missing_keys) != sorted(WHITENING_KEYS) or loaded.unexpected_keys:
        raise ValueError(f"these weights do not fit the network: {loaded}")
    fold_token_whitening(network, *whitening)
    return True
