"""The folder's CLIP text model behind our text-encoder surface: diffusers' own prompt encoding is the known answer."""

import pytest
import torch

from model.pipeline import Pipeline

pytest.importorskip("diffusers")


def test_the_condition_is_what_diffusers_feeds_the_unet(sd_pipeline: Pipeline, their_pipeline):
    prompts = ["a smiling cat", "a red apple on a table"]
    cond = sd_pipeline.clip.condition(prompts)
    theirs, _ = their_pipeline.encode_prompt(prompts, "cpu", 1, False)  # (2, 77, 32)
    assert cond.tokens.shape == (2, 77, 32) and torch.allclose(cond.tokens, theirs, atol=1e-6)
    ids = their_pipeline.tokenizer(prompts, padding="max_length", max_length=77, return_tensors="pt").input_ids
    assert torch.allclose(cond.pooled, their_pipeline.text_encoder(ids).pooler_output, atol=1e-6)  # (2, 32)
    pieces = [len(sd_pipeline.clip.token_strings(prompt)) for prompt in prompts]
    assert cond.mask.sum(1).tolist() == [n + 2 for n in pieces], "start of text, the prompt's tokens, end of text"


def test_the_empty_prompt_is_computed_once(sd_pipeline: Pipeline):
    empty = sd_pipeline.clip.empty
    assert empty is sd_pipeline.clip.empty and torch.equal(empty.tokens, sd_pipeline.clip.condition([""]).tokens)


def test_tokens_are_shown_as_the_tokenizer_cut_them_and_long_prompts_are_cut_at_the_context(sd_pipeline: Pipeline):
    assert sd_pipeline.clip.token_strings("a smiling cat!") == ["a", "sm", "il", "ing", "c", "at", "!"]
    ids = sd_pipeline.clip.tokenize(["cat " * 100])  # (1, 77)
    assert ids.shape == (1, 77) and ids[0, -1] == sd_pipeline.clip.tokenizer.eos_token_id, "end of text kept"
