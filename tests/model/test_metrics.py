import pytest
import torch

from model.metrics import clip_score, mean_pairwise_distance, top_k_accuracy, vendi_score_of_kernel


def test_accuracy_on_a_known_case():
    logits = torch.tensor([[0.1, 0.9, 0.0], [0.8, 0.1, 0.5], [0.2, 0.3, 0.4]])
    labels = torch.tensor([1, 2, 0])
    assert top_k_accuracy(logits, labels, 1) == pytest.approx(1 / 3)
    assert top_k_accuracy(logits, labels, 2) == pytest.approx(2 / 3)
    assert top_k_accuracy(logits, labels, 3) == 1.0


def test_identical_pictures_have_no_diversity_and_orthogonal_ones_full():
    same = torch.ones(1, 4, 8)
    orthogonal = torch.eye(4)[None]  # four mutually orthogonal embeddings
    assert mean_pairwise_distance(same).item() == pytest.approx(0, abs=1e-6)
    assert mean_pairwise_distance(orthogonal).item() == pytest.approx(1)
    assert vendi_score_of_kernel(torch.ones(4, 4)) == pytest.approx(1)  # all alike: one picture
    assert vendi_score_of_kernel(torch.eye(4)) == pytest.approx(4)  # none alike: four
    two_pairs = torch.block_diag(torch.ones(2, 2), torch.ones(2, 2))
    assert vendi_score_of_kernel(two_pairs) == pytest.approx(2)


def test_clip_score_is_scaled_cosine_clipped_at_zero():
    a = torch.tensor([[1.0, 0.0], [1.0, 0.0]])
    b = torch.tensor([[1.0, 1.0], [-1.0, 0.0]])
    assert clip_score(a, b).tolist() == pytest.approx([100 / 2**0.5, 0.0])
