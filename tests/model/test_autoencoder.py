import pytest
import torch

from model.autoencoder import AUTOENCODER_PRESETS, Autoencoder, latent_tiles
from model.checkpoint import save_checkpoint
from model.loading import load_autoencoder
from model.training.train_autoencoder import psnr, reconstruction_loss


@pytest.mark.parametrize("preset,latent_shape", [("small-32", (4, 8, 8)), ("small-64", (8, 8, 8)), ("tiny", (4, 8, 8))])
def test_presets_fold_pictures_into_their_latent_and_back(preset, latent_shape):
    config = AUTOENCODER_PRESETS[preset]
    model = Autoencoder(config).eval()
    pictures = torch.rand(2, 3, config.image_size, config.image_size) * 2 - 1
    latents = model.encode(pictures)
    assert latents.shape == (2, *latent_shape) == (2, config.latent_channels, config.latent_size, config.latent_size)
    assert model.decode(latents).shape == pictures.shape


def test_latent_statistics_make_the_latents_zero_mean_unit_variance():
    model = Autoencoder(AUTOENCODER_PRESETS["tiny"]).eval()
    pictures = torch.rand(16, 3, 32, 32) * 2 - 1
    with torch.no_grad():
        model.set_latent_statistics(model.raw_encode(pictures))
        latents = model.encode(pictures)
        assert torch.allclose(latents.mean(dim=(0, 2, 3)), torch.zeros(4), atol=1e-5)
        assert torch.allclose(latents.std(dim=(0, 2, 3)), torch.ones(4), atol=1e-4)
        # decode undoes the normalisation: same picture as the raw path
        assert torch.allclose(
            model.decode(latents), model.raw_decode(model.raw_encode(pictures)).clamp(-1, 1), atol=1e-5
        )


def test_checkpoint_carries_config_and_latent_scale(tmp_path):
    model = Autoencoder(AUTOENCODER_PRESETS["tiny"]).eval()
    with torch.no_grad():
        model.set_latent_statistics(torch.randn(4, 4, 8, 8) * 3 + 1)
    save_checkpoint(
        tmp_path / "ae.safetensors", model, kind="autoencoder", config=model.config.to_dict(), dtype=torch.float32
    )
    loaded = load_autoencoder(tmp_path / "ae.safetensors", torch.device("cpu"))
    assert loaded.config == model.config
    assert torch.equal(loaded.latent_std, model.latent_std) and torch.equal(loaded.latent_mean, model.latent_mean)
    z = torch.randn(1, 4, 8, 8)
    assert torch.equal(loaded.decode(z), model.decode(z))


def test_training_lowers_the_reconstruction_error():
    torch.manual_seed(0)
    model = Autoencoder(AUTOENCODER_PRESETS["tiny"])
    pictures = torch.rand(8, 3, 32, 32).round() * 2 - 1  # flat two-colour blocks after a 4× zoom
    pictures = torch.nn.functional.interpolate(pictures[:, :, ::4, ::4], scale_factor=4)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    losses = []
    for _ in range(60):
        loss = reconstruction_loss(model, pictures)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert sum(losses[-5:]) < 0.5 * sum(losses[:5])


def test_psnr_known_answers():
    target = torch.zeros(2, 3, 4, 4)
    assert torch.allclose(psnr(target + 0.2, target), torch.full((2,), 10 * torch.log10(torch.tensor(4 / 0.04))))
    assert psnr(target, target).min() > 90


def test_latent_tiles_lay_channels_out_as_a_grid_at_three_sigma():
    latents = torch.tensor([-3.0, -1.5, 1.5, 6.0])[None, :, None, None].expand(1, 4, 8, 8)
    tiles = latent_tiles(latents, 32)
    assert tiles.shape == (1, 3, 32, 32)
    assert tiles[0, 0, 0, 0] == -1.0 and tiles[0, 0, 0, 31] == -0.5  # top row: channels 0 and 1
    assert tiles[0, 0, 31, 0] == 0.5 and tiles[0, 0, 31, 31] == 1.0  # 6σ is clamped to white
    assert torch.equal(tiles[:, 0], tiles[:, 2])  # grey
