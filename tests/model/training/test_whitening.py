import dataclasses

import pytest
import torch

from model.backbones import backbone_preset, build_backbone
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.training.whitening import (
    fit_pooled_whitening,
    fit_token_whitening,
    fold_pooled_whitening,
    fold_token_whitening,
    reads_whitened_pooled,
    reads_whitened_tokens,
    refit_whitenings,
)

TEXT_DIM = 16


def anisotropic_captions(batch: int = 64, length: int = 5) -> TextCondition:
    """Tokens like a small CLIP's: a large shared offset, two loud directions, the rest faint."""
    scales = torch.full((TEXT_DIM,), 0.01)
    scales[:2] = torch.tensor([5.0, 2.0])
    tokens = 3.0 + torch.randn(batch, length, TEXT_DIM) * scales
    mask = torch.arange(length) < torch.randint(2, length + 1, (batch, 1))
    return TextCondition(tokens, mask, torch.randn(batch, TEXT_DIM))


def test_fitted_whitening_makes_the_captions_tokens_unit_and_uncorrelated():
    captions = anisotropic_captions(batch=4000)
    mean, matrix = fit_token_whitening(captions, floor=0.0)
    white = (captions.tokens[captions.mask] - mean) @ matrix
    assert torch.allclose(white.mean(0), torch.zeros(TEXT_DIM), atol=1e-3)
    assert torch.allclose(torch.cov(white.T), torch.eye(TEXT_DIM), atol=1e-3)


def test_the_floor_keeps_unused_directions_small():
    captions = anisotropic_captions()
    captions.tokens[..., -1] = 1.0  # a direction no caption varies in
    _, matrix = fit_token_whitening(captions, floor=1e-4)
    assert torch.isfinite(matrix).all()
    assert torch.linalg.eigvalsh(matrix.double()).max() <= 1 / (1e-4 * 25) ** 0.5 * 1.01  # ≤ 1/√(floor·λ_max)


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
def test_folding_the_whitening_in_leaves_the_model_unchanged(preset):
    raw = build_backbone(ModelConfig(backbone=backbone_preset(preset), image_size=8, text_dim=TEXT_DIM)).eval()
    for p in raw.parameters():  # zero-initialised branches would hide the prompt
        torch.nn.init.normal_(p, std=0.2)
    whitened = build_backbone(
        ModelConfig(backbone=backbone_preset(preset), image_size=8, text_dim=TEXT_DIM, text_whitening=True)
    ).eval()
    whitened.load_state_dict(raw.state_dict(), strict=False)  # everything but the whitening's buffers
    captions = anisotropic_captions(batch=4)
    fold_token_whitening(whitened, *fit_token_whitening(anisotropic_captions(batch=256)))
    x, t = torch.randn(4, 3, 8, 8), torch.tensor([10, 300, 600, 990])
    with torch.no_grad():
        before, after = raw(x, t, captions), whitened(x, t, captions)
        assert not torch.allclose(whitened.whitening(captions).tokens, captions.tokens)
    assert before.abs().mean() > 0.1
    assert torch.allclose(before, after, rtol=1e-4, atol=1e-4)


def test_folding_needs_a_model_built_for_it():
    raw = build_backbone(ModelConfig(backbone=backbone_preset("dit-tiny"), image_size=8, text_dim=TEXT_DIM))
    with pytest.raises(ValueError, match="without text_whitening"):
        fold_token_whitening(raw, *fit_token_whitening(anisotropic_captions()))


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
def test_weights_say_whether_their_model_whitens_the_prompts_tokens(preset):
    config = ModelConfig(backbone=backbone_preset(preset), image_size=8, text_dim=TEXT_DIM)
    assert not reads_whitened_tokens(build_backbone(config).state_dict())
    assert reads_whitened_tokens(build_backbone(dataclasses.replace(config, text_whitening=True)).state_dict())


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
def test_folding_the_pooled_whitening_in_leaves_the_model_unchanged_and_whitens_what_its_norm_hands_on(preset):
    config = ModelConfig(backbone=backbone_preset(preset), image_size=8, text_dim=TEXT_DIM)
    raw = build_backbone(config).eval()
    for p in raw.parameters():  # zero-initialised branches would hide the prompt
        torch.nn.init.normal_(p, std=0.2)
    whitened = build_backbone(dataclasses.replace(config, pooled_whitening=True)).eval()
    whitened.load_state_dict(raw.state_dict(), strict=False)  # everything but the whitening's buffers
    tokens = anisotropic_captions(batch=4000)
    fitted = dataclasses.replace(tokens, pooled=tokens.tokens[:, 0])  # pooled prompts as anisotropic as the tokens
    mean, matrix = fit_pooled_whitening(raw.state_dict(), fitted, floor=1e-9)
    fold_pooled_whitening(whitened, mean, matrix)
    with torch.no_grad():
        white = whitened.embed.pooled_whitening.whiten(raw.embed.text_proj[0](fitted.pooled))
        values = torch.linalg.eigvalsh(torch.cov(white.T))  # the norm leaves one direction (its mean) unused
        assert values[0] < 1e-2 and torch.allclose(values[1:], torch.ones(TEXT_DIM - 1), atol=2e-2)
        captions, x, t = fitted[torch.arange(4)], torch.randn(4, 3, 8, 8), torch.tensor([10, 300, 600, 990])
        before, after = raw(x, t, captions), whitened(x, t, captions)
    assert before.abs().mean() > 0.1
    assert torch.allclose(before, after, rtol=1e-4, atol=1e-4)
    assert reads_whitened_pooled(whitened.state_dict()) and not reads_whitened_pooled(raw.state_dict())
    with pytest.raises(ValueError, match="without pooled_whitening"):
        fold_pooled_whitening(raw, mean, matrix)


def test_a_model_moved_to_a_new_encoder_reads_its_tokens_and_pooled_prompt_whitened_weights_unchanged():
    torch.manual_seed(0)
    config = ModelConfig(
        backbone=backbone_preset("unet-tiny"), image_size=16, text_dim=8, text_whitening=True, pooled_whitening=True
    )
    model = build_backbone(config)
    before = {name: p.clone() for name, p in model.named_parameters()}
    new_encoder = TextCondition(
        3 + 2 * torch.randn(256, 3, 8),
        torch.ones(256, 3, dtype=torch.bool),
        1 + torch.randn(256, 8) @ torch.randn(8, 8),
    )
    refit_whitenings(model, new_encoder)
    tokens = model.whitening.whiten(new_encoder.tokens.flatten(0, 1))
    assert torch.allclose(tokens.mean(0), torch.zeros(8), atol=1e-4)
    assert torch.allclose(torch.cov(tokens.T), torch.eye(8), atol=1e-2)
    normed = torch.nn.functional.layer_norm(
        new_encoder.pooled, (8,), *(model.embed.text_proj[0].weight, model.embed.text_proj[0].bias)
    )
    pooled = model.embed.pooled_whitening.whiten(normed)
    assert torch.allclose(pooled.mean(0), torch.zeros(8), atol=1e-4)
    assert all(torch.equal(p, before[name]) for name, p in model.named_parameters())
