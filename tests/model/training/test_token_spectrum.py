import torch

from model.conditioning import TextCondition
from model.training.token_spectrum import spread, word_cosine


def test_word_cosine_reads_the_words_between_start_and_end_of_text():
    start, end = torch.tensor([9.0, 9.0]), torch.tensor([-9.0, 5.0])
    tokens = torch.stack(
        [
            torch.stack([start, torch.tensor([1.0, 0.0]), end, torch.zeros(2)]),  # one word, then padding
            torch.stack([start, torch.tensor([0.0, 1.0]), torch.tensor([2.0, 1.0]), end]),  # two words: mean (1, 1)
        ]
    )
    mask = torch.tensor([[True, True, True, False], [True, True, True, True]])
    cond = TextCondition(tokens, mask, torch.zeros(2, 2))
    assert abs(word_cosine(cond, 0, 1) - 2**-0.5) < 1e-6


def test_spread_counts_the_directions_the_variance_uses():
    vectors = torch.zeros(4000, 4)
    vectors[:, :2] = torch.randn(4000, 2) * torch.tensor([3.0, 3.0])  # two equal directions, two unused
    assert "participation ratio 2.0 of 4" in spread(vectors)
    assert spread(vectors).startswith("the six largest directions hold 5")  # about 50 % each
