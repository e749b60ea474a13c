"""Small, exact metrics for the honest evaluation: accuracy, CLIP score and diversity."""

import torch
import torch.nn.functional as F


def top_k_accuracy(logits: torch.Tensor, labels: torch.Tensor, k: int) -> float:
    """Fraction of rows whose label is among the k largest logits; logits (N, C), labels (N,)."""
    top = logits.topk(k, dim=1).indices
    return float((top == labels[:, None]).any(dim=1).float().mean())


def clip_score(image_embeddings: torch.Tensor, text_embeddings: torch.Tensor) -> torch.Tensor:
    """100·max(cos, 0) per row (Hessel et al. 2021, as torchmetrics computes it); inputs (N, D)."""
    return 100 * F.cosine_similarity(image_embeddings, text_embeddings, dim=-1).clamp_min(0)


def mean_pairwise_distance(embeddings: torch.Tensor) -> torch.Tensor:
    """Mean cosine distance between every pair within each group; (G, K, D) → (G,). Identical → 0."""
    unit = F.normalize(embeddings, dim=-1)
    similarity = unit @ unit.transpose(1, 2)  # (G, K, K)
    k = embeddings.shape[1]
    off_diagonal = similarity.sum(dim=(1, 2)) - similarity.diagonal(dim1=1, dim2=2).sum(dim=1)
    return (1 - off_diagonal / (k * (k - 1))).clamp_min(0)


def vendi_score_of_kernel(kernel: torch.Tensor) -> float:
    """Friedman & Dieng 2023: exp(entropy of the eigenvalues of K/n) for an (N, N) kernel with a unit diagonal,
    the effective number of distinct samples (1 when all are alike, N when none is)."""
    eigenvalues = torch.linalg.eigvalsh(kernel.double() / len(kernel)).clamp_min(0)
    eigenvalues = eigenvalues[eigenvalues > 1e-12]
    return float(torch.exp(-(eigenvalues * eigenvalues.log()).sum()))
