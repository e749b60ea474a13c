"""A folder's cross-attention read from outside: the weights reproduce what diffusers' own layer returned."""

import pytest
import torch

from model.folder.attention import folder_weights
from model.lessons.word_maps import word_maps
from model.pipeline import GenerationRequest, Pipeline

pytest.importorskip("diffusers")


def test_the_weights_are_the_ones_each_cross_attention_layer_used(sd_pipeline: Pipeline):
    network = sd_pipeline.team("sd").network
    layers = network.cross_attention().layers
    calls: list[tuple] = []
    handles = [
        layer.register_forward_hook(lambda m, a, k, out: calls.append((m, a, k, out)), with_kwargs=True)
        for layer in layers
    ]
    cond = sd_pipeline.clip.condition(["a smiling cat", "a red apple"])
    with torch.no_grad():
        network(torch.randn(2, 4, 8, 8), torch.tensor([500, 500]), cond)
        for handle in handles:
            handle.remove()
        assert len(layers) == len(calls) == 4  # the tiny U-Net's down block 1, middle 1, up block 2 (one per ResBlock)
        for layer, args, kwargs, output in calls:
            weights = folder_weights(layer, args, kwargs)  # (B, heads, N, L)
            assert weights.shape[:2] == (2, layer.heads) and weights.shape[-1] == cond.tokens.shape[1]
            assert torch.allclose(weights.sum(-1), torch.ones(weights.shape[:-1]), atol=1e-5)
            values = layer.head_to_batch_dim(layer.to_v(kwargs["encoder_hidden_states"]))  # (B·h, L, d)
            mixed = layer.batch_to_head_dim(torch.bmm(weights.flatten(0, 1), values))  # (B, N, C)
            assert torch.allclose(layer.to_out[0](mixed), output, atol=1e-5)


def test_a_folder_s_u_net_maps_every_token_over_the_picture(sd_pipeline: Pipeline):
    found = word_maps(sd_pipeline, GenerationRequest(prompt="a red apple", num_inference_steps=2))
    size = sd_pipeline.image_size
    assert found.tokens == sd_pipeline.clip.token_strings("a red apple")
    assert found.maps.shape == (len(found.tokens), size, size) and found.picture.shape == (1, 3, size, size)
    assert torch.allclose(found.maps.flatten(1).amax(1), torch.ones(len(found.tokens)))
