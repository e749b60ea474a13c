"""The sketchbook's cheap preview: a least-squares linear map from latent channels to RGB, fitted on pictures."""

import torch
import torch.nn.functional as F

from model.latent_preview import LatentPreview

WEIGHT = torch.tensor([[0.5, -0.2, 0.1, 0.0], [0.0, 0.3, -0.4, 0.2], [-0.1, 0.0, 0.2, 0.6]])  # (3, 4)
BIAS = torch.tensor([0.1, -0.2, 0.05])


def linear_decoder(latents: torch.Tensor) -> torch.Tensor:
    """A decoder that is exactly linear per cell: a 1×1 colour map, each cell painted as a 4×4 block."""
    cells = torch.einsum("rc,bchw->brhw", WEIGHT, latents) + BIAS[:, None, None]
    return F.interpolate(cells, scale_factor=4, mode="nearest")


def small_encoder(pictures: torch.Tensor) -> torch.Tensor:
    """Pictures (B, 3, S, S) → (B, 4, S/4, S/4) latents within ±0.5: each cell's colour and one product of it."""
    cells = F.avg_pool2d(pictures, 4) / 2  # (B, 3, S/4, S/4)
    return torch.cat([cells, cells[:, :1] * cells[:, 1:2]], dim=1)


def test_the_fit_recovers_a_linear_decoder_exactly():
    preview = LatentPreview.fit(linear_decoder, small_encoder, latent_channels=4, latent_size=8, image_size=32)
    assert torch.allclose(preview.weight, WEIGHT, atol=1e-5)
    assert torch.allclose(preview.bias, BIAS, atol=1e-5)


def test_the_fit_reads_the_latents_pictures_have_not_random_ones():
    def saturating_decoder(latents: torch.Tensor) -> torch.Tensor:
        """Linear for the small latents of pictures; flat beyond ±0.5, where random latents mostly fall."""
        return linear_decoder(latents.clamp(-0.5, 0.5))

    preview = LatentPreview.fit(saturating_decoder, small_encoder, latent_channels=4, latent_size=8, image_size=32)
    assert torch.allclose(preview.weight, WEIGHT, atol=1e-5) and torch.allclose(preview.bias, BIAS, atol=1e-5)


def test_a_uniform_latent_previews_as_its_colour_at_the_picture_size():
    preview = LatentPreview.fit(linear_decoder, small_encoder, latent_channels=4, latent_size=8, image_size=32)
    latent = torch.tensor([1.0, 0.0, -1.0, 2.0])[None, :, None, None].expand(2, 4, 8, 8)
    pictures = preview(latent)
    assert pictures.shape == (2, 3, 32, 32)
    colour = (WEIGHT @ torch.tensor([1.0, 0.0, -1.0, 2.0]) + BIAS).clamp(-1, 1)
    assert torch.allclose(pictures, colour[None, :, None, None].expand_as(pictures), atol=1e-5)


def test_the_preview_stays_within_the_picture_range():
    preview = LatentPreview.fit(linear_decoder, small_encoder, latent_channels=4, latent_size=8, image_size=32)
    pictures = preview(100 * torch.randn(3, 4, 8, 8))
    assert pictures.min() >= -1 and pictures.max() <= 1 and (pictures.abs() == 1).any()


def test_the_fit_is_the_same_every_time():
    decoder = torch.nn.Sequential(torch.nn.Conv2d(4, 3, 3, padding=1), torch.nn.Upsample(scale_factor=4))
    with torch.no_grad():
        first = LatentPreview.fit(decoder, small_encoder, 4, 8, 32)
        second = LatentPreview.fit(decoder, small_encoder, 4, 8, 32)
    assert torch.equal(first.weight, second.weight) and torch.equal(first.bias, second.bias)


def test_a_big_latent_is_fitted_on_small_ones_with_the_same_answer():
    sides = []

    def recording_encoder(pictures: torch.Tensor) -> torch.Tensor:
        sides.append(pictures.shape[-1])
        return small_encoder(F.avg_pool2d(pictures, 2))  # a VAE that folds 8 × 8 pixels into a cell

    preview = LatentPreview.fit(linear_decoder, recording_encoder, latent_channels=4, latent_size=64, image_size=512)
    assert sides == [128]  # a Stable Diffusion-sized model is fitted on 128-pixel pictures, 16 × 16 latents
    assert torch.allclose(preview.weight, WEIGHT, atol=1e-5) and preview(torch.zeros(1, 4, 64, 64)).shape[-1] == 512
