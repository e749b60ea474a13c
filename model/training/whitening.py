"""Fit the prompt's whitenings to the training captions, and switch trained weights onto them unchanged.

Two whitenings: the tokens cross-attention reads (`text_whitening`) and the pooled prompt the timestep/prompt
embedding reads (`pooled_whitening`). Folding one in rewrites the projection after it, so the network computes what
it did; only the coordinates the optimizer steps in change.
"""

from collections.abc import Iterable

import torch
import torch.nn.functional as F
from torch import nn

from model.conditioning import TextCondition
from model.layers import Whitening

WhiteningFit = tuple[torch.Tensor, torch.Tensor]  # (mean (D,), matrix (D, D))
WHITENING_KEYS = ("whitening.matrix", "whitening.mean")  # the buffers of a model built with `text_whitening`
POOLED_WHITENING_KEYS = ("embed.pooled_whitening.matrix", "embed.pooled_whitening.mean")  # with `pooled_whitening`


def reads_whitened_tokens(weight_names: Iterable[str]) -> bool:
    """Whether weights with these names were saved by a model that whitens the prompt's tokens."""
    return set(WHITENING_KEYS) <= set(weight_names)


def reads_whitened_pooled(weight_names: Iterable[str]) -> bool:
    """Whether weights with these names were saved by a model that whitens the pooled prompt."""
    return set(POOLED_WHITENING_KEYS) <= set(weight_names)


def fit_whitening(vectors: torch.Tensor, floor: float = 1e-4) -> WhiteningFit:
    """Mean (D,) and ZCA matrix Σ^-1/2 (D, D) of these vectors (N, D).

    Eigenvalues are raised by `floor`·(the largest), so directions the captions never use stay small.
    """
    vectors = vectors.double()
    mean = vectors.mean(0)
    values, eigenvectors = torch.linalg.eigh(torch.cov((vectors - mean).T))
    values = values.clamp_min(0) + floor * values.max()
    return mean.float(), ((eigenvectors * values.rsqrt()) @ eigenvectors.T).float()


def fit_token_whitening(captions: TextCondition, floor: float = 1e-4) -> WhiteningFit:
    """The whitening of every real token of these captions."""
    return fit_whitening(captions.tokens[captions.mask], floor)  # (N, D) tokens


@torch.no_grad()
def fit_pooled_whitening(
    weights: dict[str, torch.Tensor], captions: TextCondition, floor: float = 1e-4
) -> WhiteningFit:
    """The whitening of these captions' pooled embeddings as the embedder's norm in these weights hands them on."""
    pooled = captions.pooled.float()  # (N, D)
    scale, shift = (weights[f"embed.text_proj.0.{k}"].float() for k in ("weight", "bias"))
    normed = F.layer_norm(pooled, pooled.shape[-1:], scale, shift)
    return fit_whitening(normed, floor)


@torch.no_grad()
def install_token_whitening(model: nn.Module, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """Store the fitted whitening in a model built with `text_whitening` (it travels in its checkpoint)."""
    _install(getattr(model, "whitening", None), "text_whitening", mean, matrix)


@torch.no_grad()
def install_pooled_whitening(model: nn.Module, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """Store the fitted whitening in a model built with `pooled_whitening` (it travels in its checkpoint)."""
    _install(getattr(getattr(model, "embed", None), "pooled_whitening", None), "pooled_whitening", mean, matrix)


def _install(whitening: object, flag: str, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    if not isinstance(whitening, Whitening):
        raise ValueError(f"this model was built without {flag}")
    whitening.mean.copy_(mean)
    whitening.matrix.copy_(matrix)


@torch.no_grad()
def refit_whitenings(model: nn.Module, captions: TextCondition) -> None:
    """Point a trained model's whitenings at another text encoder's captions, its weights unchanged: whitened, the
    new encoder's tokens (and pooled prompt) have the spread the weights were trained on, zero mean and unit
    covariance, though not the same meanings, so a team moves to a new encoder from a sound start."""
    if isinstance(getattr(model, "whitening", None), Whitening):
        install_token_whitening(model, *fit_token_whitening(captions))
    if isinstance(getattr(getattr(model, "embed", None), "pooled_whitening", None), Whitening):
        install_pooled_whitening(model, *fit_pooled_whitening(model.state_dict(), captions))


def folded_parameters(network: nn.Module) -> list[nn.Parameter]:
    """The parameters `fold_token_whitening` rewrites: every cross-attention's key/value projection."""
    return [p for name, p in network.named_parameters() if name.split(".")[-3:-1] == ["cross_attn", "to_kv"]]


def pooled_folded_parameters(network: nn.Module) -> list[nn.Parameter]:
    """The parameters `fold_pooled_whitening` rewrites: the pooled prompt's projection, weight and bias."""
    return list(network.get_submodule("embed.text_proj.1").parameters())


@torch.no_grad()
def fold_token_whitening(model: nn.Module, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """Give a model trained on raw tokens whitened ones without changing what it computes."""
    install_token_whitening(model, mean, matrix)
    projections = folded_parameters(model)  # [weight, bias] of each cross-attention
    if not projections:
        raise ValueError("this model has no cross-attention to the prompt's tokens to fold the whitening into")
    _fold(projections, mean, matrix)


@torch.no_grad()
def fold_pooled_whitening(model: nn.Module, mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """Give a model trained on the raw pooled prompt a whitened one without changing what it computes."""
    install_pooled_whitening(model, mean, matrix)
    _fold(pooled_folded_parameters(model), mean, matrix)


def _fold(projections: list[nn.Parameter], mean: torch.Tensor, matrix: torch.Tensor) -> None:
    """With z = Σ^-1/2 (x − μ), each projection A·x + c after the whitening becomes A·Σ^1/2·z + (c + A·μ)."""
    inverse = torch.linalg.inv(matrix.double())
    for weight, bias in zip(projections[::2], projections[1::2], strict=True):
        bias.add_((weight.double() @ mean.double()).to(weight.dtype))
        weight.copy_(weight.double() @ inverse)


def load_switching_to_whitening(
    network: nn.Module,
    weights: dict[str, torch.Tensor],
    tokens: WhiteningFit | None,
    pooled: WhiteningFit | None = None,
) -> list[nn.Parameter]:
    """Load weights into a network; weights trained without a whitening the network reads are switched onto it
    unchanged: the prompt's tokens onto `tokens`, the pooled prompt onto `pooled` (each a mean and matrix).
    Returns the parameters the switch rewrote: optimizer moments of the old coordinates do not fit them."""
    switch_tokens = tokens is not None and not reads_whitened_tokens(weights)
    switch_pooled = pooled is not None and not reads_whitened_pooled(weights)
    missing = (WHITENING_KEYS if switch_tokens else ()) + (POOLED_WHITENING_KEYS if switch_pooled else ())
    loaded = network.load_state_dict(weights, strict=False)
    if sorted(loaded.missing_keys) != sorted(missing) or loaded.unexpected_keys:
        raise ValueError(f"these weights do not fit the network: {loaded}")
    rewritten = []
    if tokens is not None and switch_tokens:
        fold_token_whitening(network, *tokens)
        rewritten += folded_parameters(network)
    if pooled is not None and switch_pooled:
        fold_pooled_whitening(network, *pooled)
        rewritten += pooled_folded_parameters(network)
    return rewritten
