import torch

from model.conditioning import TextCondition
from model.layers import Attention, TokenWhitening


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


def test_token_whitening_centres_and_scales_only_the_tokens():
    whitening = TokenWhitening(4)
    whitening.mean.copy_(torch.tensor([1.0, 2.0, 3.0, 4.0]))
    whitening.matrix.copy_(torch.diag(torch.tensor([2.0, 1.0, 0.5, 1.0])))
    cond = TextCondition(torch.full((2, 3, 4), 5.001), torch.ones(2, 3, dtype=torch.bool), torch.randn(2, 4))
    with torch.autocast("cpu", dtype=torch.bfloat16):  # it stays in fp32: small differences must survive
        white = whitening(cond)
    assert torch.allclose(white.tokens[0, 0], torch.tensor([8.002, 3.001, 1.0005, 1.001]), rtol=0, atol=1e-5)
    assert white.mask is cond.mask and white.pooled is cond.pooled
