"""Distilling phrasings: nothing to learn when the student is told the names, and only the text tower learns."""

import copy

import pytest
import torch

from model.pipeline import Pipeline
from model.training.distil_phrasings import phrasing_loss


def test_the_names_cost_nothing_and_a_sentence_teaches_only_the_text_tower():
    pipeline = Pipeline.tiny(latent=True)
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
