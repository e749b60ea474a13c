import torch

from model.layers import Attention


def test_attention_weights_are_the_ones_sdpa_uses():
    torch.manual_seed(0)
    attention = Attention(16, num_heads=4, context_dim=8)
    x, context = torch.randn(2, 5, 16), torch.randn(2, 3, 8)
    mask = torch.tensor([[True, True, False], [True, True, True]])
    weights = attention.weights(x, context, mask)  # (B, h, N, L)
    assert weights.shape == (2, 4, 5, 3)
    assert torch.allclose(weights.sum(-1), torch.ones(2, 4, 5))
    assert torch.all(weights[0, :, :, 2] == 0), "a masked-out token gets no weight"
    v = attention.to_kv(context).chunk(2, dim=-1)[1].unflatten(-1, (4, -1)).transpose(1, 2)  # (B, h, L, d)
    by_hand = attention.proj((weights @ v).transpose(1, 2).flatten(2))
    assert torch.allclose(by_hand, attention(x, context, mask), atol=1e-5)
