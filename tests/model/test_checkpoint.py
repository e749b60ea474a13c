import pytest
import torch

from model.backbones import backbone_preset, build_backbone
from model.checkpoint import load_state_dict, read_metadata, save_checkpoint
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.loading import load_team


@pytest.mark.parametrize("preset", ["unet-tiny", "dit-tiny"])
def test_round_trip_is_bit_identical(tmp_path, preset):
    config = ModelConfig(backbone=backbone_preset(preset), text_dim=16, image_size=16, prediction="eps")
    net = build_backbone(config).eval()
    for p in net.parameters():  # fp16 storage: make the weights exactly representable in fp16
        torch.nn.init.normal_(p, std=0.05)
        p.data = p.data.half().float()
    path = tmp_path / "net.safetensors"
    save_checkpoint(path, net, kind="denoiser", config=config.to_dict())
    team = load_team(path, torch.device("cpu"))
    assert team.config == config and team.name == config.backbone.kind
    x, t = torch.randn(2, 3, 16, 16), torch.tensor([10.0, 900.0])
    cond = TextCondition(torch.randn(2, 4, 16), torch.ones(2, 4, dtype=torch.bool), torch.randn(2, 16))
    assert torch.equal(net(x, t, cond), team.network(x, t, cond))


def test_wrong_shapes_give_a_clear_error(tmp_path):
    small = ModelConfig(backbone=backbone_preset("unet-tiny"), text_dim=16)
    path = tmp_path / "net.safetensors"
    save_checkpoint(path, build_backbone(small), kind="denoiser", config={"unused": True})
    other = build_backbone(ModelConfig(backbone=backbone_preset("unet-tiny"), text_dim=32))
    with pytest.raises(ValueError, match="wrong shapes"):
        load_state_dict(path, other)
    assert read_metadata(path) == ("denoiser", {"unused": True})
