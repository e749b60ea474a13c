"""What the pipeline asks of a sketchbook: our `Autoencoder`, or a Stable Diffusion folder's VAE."""

from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

import torch

from model.autoencoder import AutoencoderConfig
from model.device import autocast
from model.samplers import Step
from model.step_painter import StepPainter


class Sketchbook(Protocol):
    """Folds pictures into the latent space a team draws in, and paints latents back as pictures."""

    @property
    def config(self) -> AutoencoderConfig: ...  # its picture and latent sizes

    def encode(self, pictures: torch.Tensor) -> torch.Tensor: ...  # (B, 3, S, S) in [-1, 1] → (B, C, S/f, S/f)

    def decode(self, latents: torch.Tensor) -> torch.Tensor: ...  # (B, C, S/f, S/f) → (B, 3, S, S) in [-1, 1]


Decode = Callable[[torch.Tensor], torch.Tensor]  # latents → pictures: a decoder, or a server's batched call of it
RunPainter = Callable[[Decode, torch.Tensor], torch.Tensor]  # runs a decoder on latents (a server batches the calls)


@torch.no_grad()
def paint(painter: Sketchbook | StepPainter, latents: torch.Tensor) -> torch.Tensor:
    """(B, C, h, w) latents → (B, 3, S, S) pictures painted by a decoder, in half precision on a GPU."""
    with autocast(latents.device):
        return painter.decode(latents).float()


@torch.no_grad()
def painted(step: Step, decode: Decode, preview: Decode, paint: bool = True, last: bool = True) -> Step:
    """A sketchbook step as the page shows it, the latent x_t kept beside the pictures.

    With `paint`, the decoder paints x_t and x̂0, else the cheap `preview` shows them; x_next is painted at the
    `last` step (it is the finished picture) and previewed before it (it is the next x_t). The dust is the
    difference x_t − x̂0 of what is shown. The decoder's rows go in one batched call."""
    n = step.x_t.shape[0]
    states = (step.x_t, step.pred_x0, step.x_next)  # each (B, C, h, w)
    by_decoder = (paint, paint, last)
    rows = [state for state, painting in zip(states, by_decoder) if painting]
    decoded = iter(decode(torch.cat(rows)).split(n) if rows else ())
    x_t, pred_x0, x_next = (
        next(decoded) if painting else preview(state) for state, painting in zip(states, by_decoder)
    )
    return replace(
        step, x_t=x_t, pred_x0=pred_x0, pred_noise=x_t - pred_x0, x_next=x_next, latent=step.x_t, preview=not paint
    )
