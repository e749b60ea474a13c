"""The folder's VAE as the sketchbook: latents scaled by its scaling_factor, and its decoder's pictures."""

import pytest
import torch

from model.pipeline import Pipeline

pytest.importorskip("diffusers")


def test_the_sketchbook_has_the_vaes_sizes(sd_pipeline: Pipeline):
    book = sd_pipeline.sketchbook.config
    assert (book.image_size, book.latent_size, book.latent_channels, book.downsample) == (16, 8, 4, 2)
    assert sd_pipeline.team("sd").pixels_per_cell == 2


def test_encode_and_decode_are_the_vaes_with_its_scale(sd_pipeline: Pipeline, their_pipeline):
    pictures = torch.rand(2, 3, 16, 16, generator=torch.Generator().manual_seed(0)) * 2 - 1  # (B, 3, S, S)
    latents = sd_pipeline.to_latent(pictures)  # (B, 4, 8, 8)
    vae, scale = their_pipeline.vae, their_pipeline.vae.config.scaling_factor
    assert latents.shape == (2, 4, 8, 8) and scale == pytest.approx(0.18215)
    with torch.no_grad():
        assert torch.allclose(latents, vae.encode(pictures).latent_dist.mode() * scale, atol=1e-6)
        painted = vae.decode(latents / scale).sample.clamp(-1, 1)
    assert torch.allclose(sd_pipeline.to_pictures(latents), painted, atol=1e-6)
    assert sd_pipeline.to_pictures(latents).shape == (2, 3, 16, 16)
