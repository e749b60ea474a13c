import pytest
import torch

from model.backbones import BACKBONE_PRESETS, backbone_preset, build_backbone
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.diffusion import diffusion_loss, q_sample
from model.schedules import make_schedule

TEXT_DIM = 32


def _cond(batch: int, length: int = 5) -> TextCondition:
    mask = torch.arange(length)[None].repeat(batch, 1) < 3
    return TextCondition(torch.randn(batch, length, TEXT_DIM), mask, torch.randn(batch, TEXT_DIM))


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
@pytest.mark.parametrize("size,batch", [(16, 1), (32, 3), (64, 2)])
def test_output_matches_input_shape(preset, size, batch):
    net = build_backbone(ModelConfig(backbone=backbone_preset(preset), image_size=size, text_dim=TEXT_DIM))
    x = torch.randn(batch, 3, size, size)
    assert net(x, torch.rand(batch) * 999, _cond(batch)).shape == x.shape


@pytest.mark.parametrize("size", ["tiny", "small"])
def test_both_teams_have_similar_sizes(size):
    counts = [
        sum(
            p.numel()
            for p in build_backbone(ModelConfig(backbone=BACKBONE_PRESETS[f"{team}-{size}"], text_dim=256)).parameters()
        )
        for team in ("unet", "dit")
    ]
    assert max(counts) / min(counts) < 4 if size == "tiny" else max(counts) / min(counts) < 1.5


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
def test_padding_tokens_are_ignored(preset):
    net = build_backbone(ModelConfig(backbone=backbone_preset(preset), text_dim=TEXT_DIM)).eval()
    for p in net.parameters():  # zero-initialised output layers would hide any dependence on the prompt
        torch.nn.init.normal_(p, std=0.05)
    x, t, cond = torch.randn(1, 3, 32, 32), torch.tensor([500.0]), _cond(1)
    changed = cond.tokens.clone()
    changed[:, 3:] += 10  # only tokens behind the mask
    same = net(x, t, TextCondition(changed, cond.mask, cond.pooled))
    assert torch.allclose(net(x, t, cond), same, atol=1e-5)
    changed[:, 0] += 10
    assert not torch.allclose(net(x, t, cond), net(x, t, TextCondition(changed, cond.mask, cond.pooled)), atol=1e-3)


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
def test_one_batch_overfits(preset):
    config = ModelConfig(backbone=backbone_preset(preset), text_dim=TEXT_DIM, image_size=16)
    net = build_backbone(config)
    alpha_bars = make_schedule("cosine").alphas_cumprod.float()
    x0 = torch.rand(4, 3, 16, 16) * 2 - 1
    noise, t, cond = torch.randn_like(x0), torch.tensor([100, 300, 500, 700]), _cond(4)
    x_t = q_sample(x0, alpha_bars[t], noise)
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    losses = []
    for _ in range(300):
        loss = diffusion_loss(net(x_t, t.float(), cond), x0, noise, alpha_bars[t], "v", min_snr_gamma=None)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0] / 10
