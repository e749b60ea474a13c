"""The weights that ship: they load offline and draw a picture of the right shape."""

import json
import socket
from pathlib import Path

import pytest
import torch
import torch.nn.functional as F
from safetensors.torch import load_file

from model.checkpoint import read_metadata
from model.lessons.diversity import draw_without_dust
from model.loading import DEFAULT_WEIGHTS_DIR, load_pipeline
from model.pipeline import GenerationRequest, Pipeline, quick_request


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network access attempted during an offline test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_shipped_weights_are_fp16_safetensors_with_configs():
    files = sorted(DEFAULT_WEIGHTS_DIR.glob("*.safetensors"))
    expected = {
        "clip.safetensors",
        "autoencoder.safetensors",
        "unet.safetensors",
        "dit.safetensors",
        "nodust.safetensors",
        "unet-quick.safetensors",
        "dit-quick.safetensors",
        "step-painter.safetensors",
    }
    assert {f.name for f in files} >= expected
    for path in files:
        kind, config = read_metadata(path)
        assert kind in {"clip", "denoiser", "autoencoder", "step_painter"} and config
        floats = {t.dtype for t in load_file(path).values() if t.is_floating_point()}
        assert floats == {torch.float16}, f"{path.name} stores {floats}"
    assert not list(DEFAULT_WEIGHTS_DIR.glob("*.pt")) and not list(DEFAULT_WEIGHTS_DIR.glob("*.bin"))


def test_default_pipeline_loads_offline_and_draws(no_network):
    pipeline = load_pipeline(device="cpu")
    assert pipeline.trained and set(pipeline.backbones) == {"unet", "dit"}
    assert pipeline.sketchbook is not None and all(team.draws_in_latent for team in pipeline.teams.values())
    assert all(team.quick is not None and team.quick.is_student for team in pipeline.teams.values()), "a quick lane"
    assert pipeline.step_painter is not None, "the steps are painted by the step painter"
    for backbone in pipeline.backbones:
        steps = list(pipeline.generate(GenerationRequest("a red apple", backbone=backbone, num_inference_steps=3)))
        picture = steps[-1].x_next
        assert picture.shape == (1, 3, pipeline.image_size, pipeline.image_size)
        assert torch.isfinite(picture).all()
    same = draw_without_dust(pipeline, "a red apple", 3)
    assert torch.allclose(same[0], same[2])  # the no-dust model draws one picture, whatever the seed


GOLDEN = Path(__file__).with_name("golden_weights.json")


def fingerprint(pipeline: Pipeline) -> dict[str, list[float]]:
    """Each team's seeded 3-step picture of "a red apple", its student's quick one, the no-dust picture and the step
    painter's painting of seeded dust, pooled to 4×4 per channel."""
    pictures = {
        team: pipeline.sample(GenerationRequest("a red apple", backbone=team, num_inference_steps=3, seed=7))
        for team in pipeline.backbones
    }
    for team in pipeline.teams.values():
        if team.quick is not None:
            asked = GenerationRequest("a red apple", backbone=team.name, seed=7)
            pictures[f"{team.name}-quick"] = pipeline.sample(quick_request(asked, team.quick.config.distilled_steps))
    pictures["nodust"] = draw_without_dust(pipeline, "a red apple")
    if pipeline.sketchbook is not None and pipeline.step_painter is not None:
        book = pipeline.sketchbook.config
        side = book.latent_size
        dust = torch.randn(1, book.latent_channels, side, side, generator=torch.Generator().manual_seed(7))
        pictures["step-painter"] = pipeline.paint_step(dust)
    return {name: F.adaptive_avg_pool2d(p.float(), 4).flatten().tolist() for name, p in pictures.items()}


def test_the_shipped_weights_draw_what_they_drew_when_they_shipped(no_network):
    """Silent drift in loading, schedules, samplers, guidance or the decoder changes these numbers.
    New weights: `python -m tests.model.test_weights` writes the new golden values."""
    golden = json.loads(GOLDEN.read_text())
    found = fingerprint(load_pipeline(device="cpu"))
    assert set(found) == set(golden)
    for name, values in found.items():
        assert torch.allclose(torch.tensor(values), torch.tensor(golden[name]), atol=2e-3), name


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(fingerprint(load_pipeline(device="cpu")), indent=1) + "\n")
    print(f"wrote {GOLDEN}")
