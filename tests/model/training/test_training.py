"""Training steps reduce their losses on a tiny batch (the CLIP, the denoisers, the judge)."""

import dataclasses
import random

import open_clip
import pytest
import torch
from safetensors.torch import save_file
from torch import nn

import model.checkpoint as checkpoint_module
from model.autoencoder import AUTOENCODER_PRESETS, Autoencoder
from model.backbones import backbone_preset, build_backbone
from model.checkpoint import load_state_dict, save_checkpoint, save_tensors
from model.clip import create_clip
from model.conditioning import TextCondition
from model.config import ModelConfig
from model.schedules import make_schedule
from model.training.ema import EMA
from model.training.pictures import PictureCaptions
from model.training.train import (
    encode_pictures,
    learning_rate,
    restore_training_state,
    saved_weight_names,
    seconds_trained,
    start_from_weights,
    training_loss,
    training_state,
)
from model.training.train_clip import clip_loss_step, trained_weights
from model.training.whitening import (
    fit_token_whitening,
    folded_parameters,
    pooled_folded_parameters,
    reads_whitened_pooled,
    reads_whitened_tokens,
)


def _pictures(n: int) -> PictureCaptions:
    """n flat-coloured pictures: easy to tell apart after any zoom or shift."""
    generator = torch.Generator().manual_seed(0)
    colours = torch.rand(n, 1, 1, 3, generator=generator) * 255
    images = colours.expand(n, 32, 32, 3).to(torch.uint8).numpy()
    captions = [[f"emoji number {i}", f"picture {i}"] for i in range(n)]
    return PictureCaptions.from_arrays(images, captions, torch.arange(n).numpy(), 32)


def _contrastive_losses(clip, optimizer: torch.optim.Optimizer, steps: int) -> list[float]:
    """The tiny CLIP's contrastive loss at each of `steps` steps on eight flat-coloured pictures."""
    tokenizer, loss_fn, data = open_clip.get_tokenizer("dust-clip-tiny"), open_clip.ClipLoss(), _pictures(8)
    batch, rng, generator = torch.arange(8), random.Random(0), torch.Generator().manual_seed(0)
    losses = []
    for _ in range(steps):
        loss = clip_loss_step(clip, tokenizer, loss_fn, data, batch, rng, generator, bf16=False)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def test_a_picture_tower_taught_alone_meets_the_text_tower_and_leaves_it_exactly_as_the_teams_read_it():
    torch.manual_seed(0)
    clip = create_clip("dust-clip-tiny").train()
    text_tower = {k: v.clone() for k, v in clip.state_dict().items() if not k.startswith("visual.")}
    picture_tower = {k: v.clone() for k, v in clip.visual.state_dict().items()}
    optimizer = torch.optim.AdamW(trained_weights(clip, picture_tower_only=True), lr=2e-3, weight_decay=0.1)
    losses = _contrastive_losses(clip, optimizer, 40)
    assert sum(losses[-5:]) / 5 < 0.7 * sum(losses[:5]) / 5
    moved = {k for k, v in clip.state_dict().items() if k in text_tower and not torch.equal(v, text_tower[k])}
    assert moved == {"logit_scale"}
    assert any(not torch.equal(v, picture_tower[k]) for k, v in clip.visual.state_dict().items())


def test_clip_step_reduces_the_contrastive_loss():
    torch.manual_seed(0)
    clip = create_clip("dust-clip-tiny").train()
    losses = _contrastive_losses(clip, torch.optim.AdamW(clip.parameters(), lr=2e-3), 60)
    assert sum(losses[-5:]) / 5 < 0.5 * sum(losses[:5]) / 5


@pytest.mark.parametrize("objective", ["diffusion", "no_dust"])
def test_denoiser_training_reduces_the_loss(objective):
    torch.manual_seed(0)
    config = ModelConfig(backbone=backbone_preset("unet-tiny"), image_size=16, text_dim=8, objective=objective)
    model = build_backbone(config)
    x0 = torch.rand(8, 3, 16, 16) * 2 - 1
    cond = TextCondition(torch.randn(8, 3, 8), torch.ones(8, 3, dtype=torch.bool), torch.randn(8, 8))
    alpha_bars = make_schedule("cosine").alphas_cumprod.float()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    losses = []
    for step in range(150):
        loss = training_loss(model, config, x0, cond, alpha_bars, torch.Generator().manual_seed(step % 4), 5.0)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert sum(losses[-10:]) < 0.5 * sum(losses[:10])


@pytest.mark.parametrize("prediction", ["eps", "x0", "v"])
def test_a_posterior_that_returns_the_dusted_picture_leaves_the_loss_unchanged(prediction):
    """The exact-posterior path converts its mean to the noise it implies; fed the true picture it
    must reproduce the plain loss, and fed anything else it must not."""
    config = ModelConfig(backbone=backbone_preset("unet-tiny"), image_size=16, text_dim=8, prediction=prediction)
    model = build_backbone(config)
    x0 = torch.rand(4, 3, 16, 16) * 2 - 1
    cond = TextCondition(torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), torch.randn(4, 8))
    alpha_bars = make_schedule("cosine").alphas_cumprod.float()

    def loss(posterior):
        generator = torch.Generator().manual_seed(7)
        return training_loss(model, config, x0, cond, alpha_bars, generator, 5.0, 1.0, posterior, 1.0).item()

    plain = training_loss(model, config, x0, cond, alpha_bars, torch.Generator().manual_seed(7), 5.0, 1.0).item()
    assert loss(lambda x_t, alpha_bar: x0) == pytest.approx(plain, rel=1e-4)
    assert loss(lambda x_t, alpha_bar: torch.zeros_like(x0)) != pytest.approx(plain, rel=1e-2)


def test_ema_warm_up_tracks_the_early_model():
    model = torch.nn.Linear(1, 1, bias=False)
    torch.nn.init.zeros_(model.weight)
    ema = EMA(model, decay=0.999)
    with torch.no_grad():
        model.weight.fill_(1.0)
    for _ in range(100):
        ema.update(model)
    # Without the warm-up, 100 updates at 0.999 would leave the average at 1 - 0.999**100 ≈ 0.10.
    assert ema.model.weight.item() > 0.9


def test_learning_rate_warms_up_then_decays_to_the_final_fraction():
    assert learning_rate(1e-3, 0, 100, 0.0, None) == pytest.approx(1e-5)
    assert learning_rate(1e-3, 500, 100, 0.7, None) == pytest.approx(1e-3)
    assert learning_rate(1e-3, 500, 100, 0.0, 0.1) == pytest.approx(1e-3)
    assert learning_rate(1e-3, 500, 100, 0.5, 0.1) == pytest.approx(0.55e-3)
    assert learning_rate(1e-3, 500, 100, 1.0, 0.1) == pytest.approx(1e-4)
    assert learning_rate(1e-3, 500, 100, 1.3, 0.1) == pytest.approx(1e-4)  # past the budget: stays at the floor


def test_training_can_start_from_saved_weights_of_the_same_config_only(tmp_path):
    config = ModelConfig(backbone=backbone_preset("unet-tiny"), image_size=16, text_dim=8)
    saved = build_backbone(config)
    save_checkpoint(tmp_path / "unet.safetensors", saved, kind="denoiser", config=config.to_dict())
    model = build_backbone(config)
    ema = EMA(model)
    start_from_weights(tmp_path / "unet.safetensors", model, ema, config, whitening=None)
    for ours, theirs, averaged in zip(model.parameters(), saved.parameters(), ema.model.parameters()):
        assert torch.equal(ours, theirs.half().float())
        assert torch.equal(averaged, ours)
    other = ModelConfig(backbone=backbone_preset("unet-tiny"), image_size=16, text_dim=8, prediction="eps")
    with pytest.raises(ValueError, match="was trained as"):
        start_from_weights(tmp_path / "unet.safetensors", model, ema, other, whitening=None)
    whitened = dataclasses.replace(config, text_whitening=True)
    with pytest.raises(ValueError, match="was trained as"):  # whitened, but nothing to whiten with
        start_from_weights(tmp_path / "unet.safetensors", build_backbone(whitened), ema, whitened, whitening=None)


def test_weights_trained_on_raw_tokens_start_a_whitened_run_drawing_what_they_drew(tmp_path):
    torch.manual_seed(0)
    config = ModelConfig(backbone=backbone_preset("dit-tiny"), image_size=16, text_dim=8)
    saved = build_backbone(config).eval()
    for p in saved.parameters():  # adaLN-Zero would hide the prompt
        torch.nn.init.normal_(p, std=0.2)
    save_checkpoint(tmp_path / "dit.safetensors", saved, kind="denoiser", config=config.to_dict())
    captions = TextCondition(2 + torch.randn(64, 3, 8), torch.ones(64, 3, dtype=torch.bool), torch.randn(64, 8))
    whitened = dataclasses.replace(config, text_whitening=True)
    model = build_backbone(whitened).eval()
    start_from_weights(tmp_path / "dit.safetensors", model, EMA(model), whitened, fit_token_whitening(captions))
    x, t, cond = torch.randn(4, 3, 16, 16), torch.tensor([0, 300, 600, 999]), captions[torch.arange(4)]
    with torch.no_grad():
        saved.load_state_dict(load_state_dict(tmp_path / "dit.safetensors", saved))  # the fp16-rounded weights
        assert torch.allclose(model(x, t, cond), saved(x, t, cond), atol=1e-4)


def _three_steps_saved(path, cond: TextCondition) -> tuple[ModelConfig, nn.Module, EMA, torch.optim.Optimizer]:
    """A tiny U-Net run of three steps on these prompts, its training state saved at `path`."""
    torch.manual_seed(0)
    config = ModelConfig(backbone=backbone_preset("unet-tiny"), image_size=16, text_dim=8)
    model, x0 = build_backbone(config), torch.rand(4, 3, 16, 16) * 2 - 1
    ema, optimizer = EMA(model), torch.optim.AdamW(model.parameters(), lr=1e-2)
    for _ in range(3):
        training_loss(
            model, config, x0, cond, make_schedule("cosine").alphas_cumprod.float(), torch.Generator(), 5.0
        ).backward()
        optimizer.step()
        ema.update(model)
    save_file(training_state(model, ema, optimizer, step=3), str(path))
    return config, model, ema, optimizer


def test_a_resumed_run_has_the_same_weights_average_moments_and_step(tmp_path):
    cond = TextCondition(torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), torch.randn(4, 8))
    config, model, ema, optimizer = _three_steps_saved(tmp_path / "state.safetensors", cond)
    fresh = build_backbone(config)
    fresh_ema, fresh_optimizer = EMA(fresh), torch.optim.AdamW(fresh.parameters(), lr=1e-2)
    assert restore_training_state(tmp_path / "state.safetensors", fresh, fresh_ema, fresh_optimizer) == 3
    assert fresh_ema.updates == 3
    for ours, theirs in zip(fresh.state_dict().values(), model.state_dict().values()):
        assert torch.equal(ours, theirs)
    for ours, theirs in zip(fresh_ema.model.state_dict().values(), ema.model.state_dict().values()):
        assert torch.equal(ours, theirs)
    for ours, theirs in zip(fresh.parameters(), model.parameters()):
        for name in ("exp_avg", "exp_avg_sq", "step"):
            assert torch.equal(fresh_optimizer.state[ours][name], optimizer.state[theirs][name])


def test_a_run_on_raw_tokens_resumes_on_whitened_ones_with_fresh_moments_for_the_refolded_projections(tmp_path):
    cond = TextCondition(2 + torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), torch.randn(4, 8))
    config, model, ema, optimizer = _three_steps_saved(tmp_path / "state.safetensors", cond)
    whitened = build_backbone(dataclasses.replace(config, text_whitening=True))
    resumed_ema, resumed_optimizer = EMA(whitened), torch.optim.AdamW(whitened.parameters(), lr=1e-2)
    whitening = fit_token_whitening(cond)
    assert (
        restore_training_state(tmp_path / "state.safetensors", whitened, resumed_ema, resumed_optimizer, whitening) == 3
    )
    x, t = torch.randn(2, 3, 16, 16), torch.tensor([100, 900])
    with torch.no_grad():
        assert torch.allclose(whitened(x, t, cond[torch.arange(2)]), model(x, t, cond[torch.arange(2)]), atol=1e-4)
        assert torch.allclose(
            resumed_ema.model(x, t, cond[torch.arange(2)]), ema.model(x, t, cond[torch.arange(2)]), atol=1e-4
        )
    refolded = {id(p) for p in folded_parameters(whitened)}
    assert len(refolded) == 4 * 2  # weight and bias of the tiny U-Net's four cross-attentions (down, middle, 2 up)
    for ours, theirs in zip(whitened.parameters(), model.parameters()):
        assert (ours in resumed_optimizer.state) == (id(ours) not in refolded)
        if id(ours) not in refolded:
            assert torch.equal(resumed_optimizer.state[ours]["exp_avg"], optimizer.state[theirs]["exp_avg"])


def test_sketchbook_training_data_are_the_encoded_pictures():
    sketchbook = Autoencoder(AUTOENCODER_PRESETS["tiny"]).eval()
    pictures = _pictures(5).pictures
    latents = encode_pictures(sketchbook, pictures, batch=2)
    assert latents.shape == (5, 4, 8, 8)
    assert torch.allclose(latents, sketchbook.encode(pictures), atol=1e-4)


def test_a_saved_state_says_whether_it_reads_whitened_tokens_so_a_resume_goes_on_as_it_was(tmp_path):
    cond = TextCondition(2 + torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), torch.randn(4, 8))
    config, *_ = _three_steps_saved(tmp_path / "raw.safetensors", cond)
    assert not reads_whitened_tokens(saved_weight_names(tmp_path / "raw.safetensors"))
    whitened = build_backbone(dataclasses.replace(config, text_whitening=True))
    ema, optimizer = EMA(whitened), torch.optim.AdamW(whitened.parameters(), lr=1e-2)
    restore_training_state(tmp_path / "raw.safetensors", whitened, ema, optimizer, fit_token_whitening(cond))
    save_file(training_state(whitened, ema, optimizer, step=3), str(tmp_path / "whitened.safetensors"))
    assert reads_whitened_tokens(saved_weight_names(tmp_path / "whitened.safetensors"))
    again = build_backbone(dataclasses.replace(config, text_whitening=True))  # no fit: the state carries its own
    resumed_optimizer = torch.optim.AdamW(again.parameters(), lr=1e-2)
    assert restore_training_state(tmp_path / "whitened.safetensors", again, EMA(again), resumed_optimizer) == 3
    assert torch.equal(again.whitening.matrix, whitened.whitening.matrix)


def test_a_run_on_the_raw_pooled_prompt_resumes_on_a_whitened_one_drawing_what_it_drew(tmp_path):
    cond = TextCondition(torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), 2 + torch.randn(4, 8))
    config, model, ema, optimizer = _three_steps_saved(tmp_path / "raw.safetensors", cond)
    captions = TextCondition(torch.randn(64, 3, 8), torch.ones(64, 3, dtype=torch.bool), 2 + torch.randn(64, 8) * 0.3)
    whitened = build_backbone(dataclasses.replace(config, pooled_whitening=True))
    resumed_ema, resumed_optimizer = EMA(whitened), torch.optim.AdamW(whitened.parameters(), lr=1e-2)
    restore_training_state(tmp_path / "raw.safetensors", whitened, resumed_ema, resumed_optimizer, None, captions)
    x, t = torch.randn(2, 3, 16, 16), torch.tensor([100, 900])
    with torch.no_grad():
        assert torch.allclose(whitened(x, t, cond[torch.arange(2)]), model(x, t, cond[torch.arange(2)]), atol=1e-4)
        assert torch.allclose(
            resumed_ema.model(x, t, cond[torch.arange(2)]), ema.model(x, t, cond[torch.arange(2)]), atol=1e-4
        )
    assert torch.equal(resumed_ema.model.embed.pooled_whitening.matrix, whitened.embed.pooled_whitening.matrix)
    refolded = {id(p) for p in pooled_folded_parameters(whitened)}
    assert len(refolded) == 2  # the pooled prompt's projection: weight and bias
    assert all((p in resumed_optimizer.state) == (id(p) not in refolded) for p in whitened.parameters())
    save_file(training_state(whitened, resumed_ema, resumed_optimizer, 3), str(tmp_path / "whitened.safetensors"))
    names = saved_weight_names(tmp_path / "whitened.safetensors")
    assert reads_whitened_pooled(names) and not reads_whitened_tokens(names)


def test_a_saved_state_counts_the_seconds_it_trained_so_one_cosine_can_span_several_runs(tmp_path):
    cond = TextCondition(torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), torch.randn(4, 8))
    _, model, ema, optimizer = _three_steps_saved(tmp_path / "counted.safetensors", cond)
    older = training_state(model, ema, optimizer, 3)
    del older["seconds"]  # a state saved before the seconds were counted
    save_file(older, str(tmp_path / "older.safetensors"))
    assert seconds_trained(tmp_path / "older.safetensors") == 0.0
    save_file(training_state(model, ema, optimizer, 3, seconds=5400.25), str(tmp_path / "state.safetensors"))
    assert seconds_trained(tmp_path / "state.safetensors") == 5400.25
    assert restore_training_state(tmp_path / "state.safetensors", model, ema, optimizer) == 3
    # 90 minutes into a 180-minute cosine to 10 %: the rate is halfway down, as if one run had never stopped
    assert learning_rate(1e-3, 5000, 100, 5400.25 / (180 * 60), 0.1) == pytest.approx(0.55e-3, rel=1e-4)


def test_a_run_stopped_while_writing_its_state_keeps_the_last_whole_one(tmp_path, monkeypatch):
    cond = TextCondition(torch.randn(4, 3, 8), torch.ones(4, 3, dtype=torch.bool), torch.randn(4, 8))
    path = tmp_path / "state.safetensors"
    _, model, ema, optimizer = _three_steps_saved(path, cond)
    save_tensors(path, training_state(model, ema, optimizer, 3, seconds=60.0))

    def stopped_halfway(state: dict[str, torch.Tensor], filename: str, metadata: dict | None = None) -> None:
        save_file(state, filename, metadata=metadata)
        with open(filename, "r+b") as f:
            f.truncate(f.seek(0, 2) // 2)
        raise KeyboardInterrupt  # the session's end, mid-write

    monkeypatch.setattr(checkpoint_module, "save_file", stopped_halfway)
    with pytest.raises(KeyboardInterrupt):
        save_tensors(path, training_state(model, ema, optimizer, 4, seconds=120.0))
    assert seconds_trained(path) == 60.0
    assert restore_training_state(path, model, ema, optimizer) == 3
