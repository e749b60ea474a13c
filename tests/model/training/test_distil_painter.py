"""The step painter's distillation: the latents it learns from are the ones runs show, and its error is measured
against the decoder in known units."""

import pytest
import torch

from model.loading import tiny_pipeline
from model.training.distil_painter import PICTURES_PER_RUN, STATES, painting_error, shown_latents


def test_the_error_of_a_painter_off_by_a_tenth_is_a_tenth_of_the_paper():
    latents = torch.randn(5, 4, 2, 2)

    def decode(z: torch.Tensor) -> torch.Tensor:
        grey = torch.tanh(z.mean(1, keepdim=True)).expand(-1, 3, -1, -1)  # (B, 3, 2, 2)
        return grey.repeat_interleave(4, -1).repeat_interleave(4, -2)  # (B, 3, 8, 8)

    error = painting_error(lambda z: decode(z) + 0.1, decode, latents, batch=2)
    assert error["colour_error"] == pytest.approx(0.1 * 127.5, abs=0.01)
    assert error["psnr_db"] == pytest.approx(10 * torch.log10(torch.tensor(4 / 0.01)).item(), abs=0.01)


def test_it_learns_from_every_state_of_every_step_of_random_runs():
    pipeline = tiny_pipeline(latent=True, quick_steps=2)
    latents = shown_latents(pipeline, runs=3, seed=0)
    assert set(latents) == set(STATES)
    book = pipeline.sketchbook.config
    shapes = {state: tuple(tensor.shape) for state, tensor in latents.items()}
    count = latents["x_t"].shape[0]
    assert count % PICTURES_PER_RUN == 0 and count >= 3 * PICTURES_PER_RUN
    assert set(shapes.values()) == {(count, book.latent_channels, book.latent_size, book.latent_size)}
    assert torch.equal(latents["x_t"], shown_latents(pipeline, runs=3, seed=0)["x_t"]), "the same seed, the same runs"
