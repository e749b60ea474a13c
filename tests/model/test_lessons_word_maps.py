"""Cross-attention recorded from outside the model: masked like the model, this thread only, per token."""

import threading

import torch

from model.layers import Attention
from model.lessons.attention import AttentionRecorder
from model.lessons.word_maps import word_maps
from model.loading import tiny_pipeline
from model.pipeline import GenerationRequest


def test_recorded_weights_follow_the_mask_and_sum_to_one():
    attention = Attention(8, 2, context_dim=4)
    x, context = torch.randn(1, 5, 8), torch.randn(1, 3, 4)
    mask = torch.tensor([[True, True, False]])
    maps: list[torch.Tensor] = []
    with AttentionRecorder([attention], maps.append):
        attention(x, context, mask)
    assert maps[0].shape == (1, 2, 5, 3)
    assert torch.allclose(maps[0].sum(-1), torch.ones(1, 2, 5)) and torch.all(maps[0][..., 2] == 0)
    assert not attention._forward_hooks, "the hooks leave with the recorder"


def test_other_threads_are_not_recorded():
    attention = Attention(8, 2)
    maps: list[torch.Tensor] = []
    with AttentionRecorder([attention], maps.append):
        elsewhere = threading.Thread(target=attention, args=(torch.randn(1, 4, 8),))
        elsewhere.start()
        elsewhere.join()
        assert maps == []
        attention(torch.randn(1, 4, 8))
    assert len(maps) == 1


def test_every_token_gets_a_map_of_the_picture():
    pipeline = tiny_pipeline()
    found = word_maps(pipeline, GenerationRequest(prompt="a red apple", num_inference_steps=2))
    assert found.tokens == ["a", "red", "apple"]
    assert found.maps.shape == (3, 32, 32) and found.picture.shape == (1, 3, 32, 32)
    assert torch.allclose(found.maps.flatten(1).amax(1), torch.ones(3))
    assert torch.allclose(found.maps.flatten(1).amin(1), torch.zeros(3)), "each map is stretched to [0, 1]"
