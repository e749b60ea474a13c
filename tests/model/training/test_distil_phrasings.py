"""Distilling phrasings: nothing to learn when the student is told the names, and only the text tower learns."""

import copy

import pytest
import torch

from model.checkpoint import load_state_dict
from model.lessons.words import load_vocabulary
from model.loading import tiny_pipeline
from model.training.distil_phrasings import _save, phrasing_loss
from model.training.ema import EMA
from model.training.train import restore_training_state, seconds_trained
from model.training.unknown_words import stand_in_id


def test_the_names_cost_nothing_and_a_sentence_teaches_only_the_text_tower():
    pipeline = tiny_pipeline(latent=True)
    team = pipeline.team("unet").network
    for p in team.parameters():  # as if trained: a fresh network's zero-initialised outputs would ignore the words
        torch.nn.init.normal_(p, std=0.2)
        p.requires_grad_(False)
    student = copy.deepcopy(pipeline.clip)
    book = pipeline.sketchbook.config
    x0 = torch.randn(4, book.latent_channels, book.latent_size, book.latent_size)
    names = ["dog"] * 4

    same = phrasing_loss(student, pipeline.clip, pipeline, "unet", x0, names, names, torch.Generator().manual_seed(0))
    assert same.item() == pytest.approx(0.0, abs=1e-12)

    sentences = ["that friendly dog", "a dog please", "two dogs", "my dog"]
    loss = phrasing_loss(
        student, pipeline.clip, pipeline, "unet", x0, sentences, names, torch.Generator().manual_seed(0)
    )
    loss.backward()
    assert loss.item() > 0
    assert student.model.transformer.resblocks[0].attn.in_proj_weight.grad.abs().sum() > 0
    assert all(p.grad is None for p in team.parameters()) and all(p.grad is None for p in pipeline.clip.parameters())


def test_a_saved_run_resumes_where_it_stopped_and_records_the_words_it_taught(tmp_path):
    pipeline = tiny_pipeline(latent=True)
    student = copy.deepcopy(pipeline.clip).train()
    student.model.visual.requires_grad_(False)
    trained = [p for p in student.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trained, lr=1e-3)
    ema = EMA(student.model, 0.9)
    student.condition_with_grad(["that friendly dog"]).pooled.sum().backward()
    optimizer.step()
    ema.update(student.model)
    _save(tmp_path, student, ema, optimizer, 7, 12.5, ["dog", "a friendly dog please"])

    again = copy.deepcopy(pipeline.clip).train()
    again.model.visual.requires_grad_(False)
    again_optimizer = torch.optim.AdamW([p for p in again.parameters() if p.requires_grad], lr=1e-3)
    again_ema = EMA(again.model, 0.9)
    step = restore_training_state(tmp_path / "state.safetensors", again.model, again_ema, again_optimizer)
    assert step == 7 and seconds_trained(tmp_path / "state.safetensors") == 12.5
    for p, q in zip(student.model.parameters(), again.model.parameters()):
        assert torch.equal(p, q)
    first = next(iter(again_optimizer.state.values()))
    assert torch.equal(first["exp_avg"], next(iter(optimizer.state.values()))["exp_avg"])
    saved = load_state_dict(tmp_path / "clip.safetensors", copy.deepcopy(pipeline.clip.model))
    assert all(torch.equal(saved[k].float(), v.half().float()) for k, v in ema.model.state_dict().items()), "the EMA"
    assert load_vocabulary(tmp_path) == {"a", "dog", "friendly", "please"}


def test_a_run_that_taught_the_stand_in_saves_every_untaught_token_with_its_row_and_keeps_its_own_state(tmp_path):
    pipeline = tiny_pipeline(latent=True)
    student = copy.deepcopy(pipeline.clip).train()
    optimizer = torch.optim.AdamW([p for p in student.parameters() if p.requires_grad], lr=1e-3)
    ema = EMA(student.model, 0.9)
    _save(tmp_path, student, ema, optimizer, 1, 1.0, ["a friendly dog"], tie_untaught=True)

    saved = load_state_dict(tmp_path / "clip.safetensors", copy.deepcopy(pipeline.clip.model))["token_embedding.weight"]
    averaged = ema.model.token_embedding.weight.detach().half().float()
    encode = student.tokenizer.encode
    for word in ("a", "friendly", "dog"):
        assert torch.equal(saved[encode(word)].float(), averaged[encode(word)])
    stand_in = averaged[stand_in_id(student)]
    assert torch.equal(saved[encode("adorable")[0]].float(), stand_in)
    assert not torch.equal(ema.model.token_embedding.weight[encode("adorable")[0]].half().float(), stand_in)
