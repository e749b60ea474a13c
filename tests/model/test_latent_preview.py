"""The sketchbook's cheap preview: a least-squares linear map from latent channels to RGB."""

import torch
import torch.nn.functional as F

from model.latent_preview import LatentPreview

WEIGHT = torch.tensor([[0.5, -0.2, 0.1, 0.0], [0.0, 0.3, -0.4, 0.2], [-0.1, 0.0, 0.2, 0.6]])  # (3, 4)
BIAS = torch.tensor([0.1, -0.2, 0.05])


def linear_decoder(latents: torch.Tensor) -> torch.Tensor:
    """A decoder that is exactly linear per cell: a 1×1 colour map, each cell painted as a 4×4 block."""
    cells = torch.einsum("rc,bchw->brhw", WEIGHT, latents) + BIAS[:, None, None]
    return F.interpolate(cells, scale_factor=4, mode="nearest")


def test_the_fit_recovers_a_linear_decoder_exactly():
    preview = LatentPreview.fit(linear_decoder, latent_channels=4, latent_size=8, image_size=32)
    assert torch.allclose(preview.weight, WEIGHT, atol=1e-5)
    assert torch.allclose(preview.bias, BIAS, atol=1e-5)


def test_a_uniform_latent_previews_as_its_colour_at_the_picture_size():
    preview = LatentPreview.fit(linear_decoder, latent_channels=4, latent_size=8, image_size=32)
    latent = torch.tensor([1.0, 0.0, -1.0, 2.0])[None, :, None, None].expand(2, 4, 8, 8)
    pictures = preview(latent)
    assert pictures.shape == (2, 3, 32, 32)
    colour = (WEIGHT @ torch.tensor([1.0, 0.0, -1.0, 2.0]) + BIAS).clamp(-1, 1)
    assert torch.allclose(pictures, colour[None, :, None, None].expand_as(pictures), atol=1e-5)


def test_the_preview_stays_within_the_picture_range():
    preview = LatentPreview.fit(linear_decoder, latent_channels=4, latent_size=8, image_size=32)
    pictures = preview(100 * torch.randn(3, 4, 8, 8))
    assert pictures.min() >= -1 and pictures.max() <= 1 and (pictures.abs() == 1).any()


def test_the_fit_is_the_same_every_time():
    decoder = torch.nn.Sequential(torch.nn.Conv2d(4, 3, 3, padding=1), torch.nn.Upsample(scale_factor=4))
    with torch.no_grad():
        first = LatentPreview.fit(decoder, 4, 8, 32)
        second = LatentPreview.fit(decoder, 4, 8, 32)
    assert torch.equal(first.weight, second.weight) and torch.equal(first.bias, second.bias)


def test_a_big_latent_is_fitted_on_small_ones_with_the_same_answer():
    sides = []

    def recording_decoder(latents: torch.Tensor) -> torch.Tensor:
        sides.append(latents.shape[-1])
        return linear_decoder(latents)

    preview = LatentPreview.fit(recording_decoder, latent_channels=4, latent_size=64, image_size=512)
    assert sides == [16]  # a Stable Diffusion-sized latent is fitted on 16 × 16 ones
    assert torch.allclose(preview.weight, WEIGHT, atol=1e-5) and preview(torch.zeros(1, 4, 64, 64)).shape[-1] == 512
