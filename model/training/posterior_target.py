"""The exact denoiser of a small training set, as a low-variance regression target.

The plain loss regresses the network onto the one picture that was dusted; its minimiser is the
posterior mean E[x0 | x_t, caption] over the training set. With 1,640 pictures that mean can be
computed exactly every step, so regressing onto it removes the target's variance without moving the
optimum (stable target fields, Xu et al. 2023, here with the whole training set as the reference batch).
At pure dust the target becomes the average of the pictures the caption names, which is where the
layout (and so the concept) is decided.
"""

import torch


class PosteriorMean:
    """E[x0 | x_t, caption] under the training set: pictures weighted by p(caption | picture)·N(x_t; √ᾱ x0, 1 − ᾱ)."""

    def __init__(self, pictures: torch.Tensor, captions: list[list[str]], caption_index: dict[str, int]):
        self.flat = pictures.flatten(1).float()  # (N, D)
        self.squared_norms = self.flat.pow(2).sum(1)  # (N,)
        likelihood = torch.zeros(len(caption_index), len(pictures))  # p(caption | picture): captions drawn uniformly
        for j, picture_captions in enumerate(captions):
            for caption in picture_captions:
                likelihood[caption_index[caption], j] += 1 / len(picture_captions)
        likelihood[caption_index[""]] = 1.0  # the dropped prompt says nothing: every picture alike
        # (captions, N), −inf where a caption never names the picture; beside the pictures, on their device
        self.log_likelihood = likelihood.log().to(pictures.device)

    def __call__(self, x_t: torch.Tensor, alpha_bar: torch.Tensor, caption_ids: torch.Tensor) -> torch.Tensor:
        """(B, C, h, w) dusted pictures, (B,) ᾱ_t and (B,) caption rows → (B, C, h, w) posterior means."""
        with torch.autocast(x_t.device.type, enabled=False):  # softmax logits grow as 1/(1 − ᾱ): keep fp32
            return self._mean(x_t.float(), alpha_bar.float(), caption_ids).view_as(x_t)

    def _mean(self, x_t: torch.Tensor, alpha_bar: torch.Tensor, caption_ids: torch.Tensor) -> torch.Tensor:
        signal, variance = alpha_bar.sqrt()[:, None], (1 - alpha_bar)[:, None]
        # −‖x_t − √ᾱ x0_j‖² / 2(1 − ᾱ), less the part that is the same for every j
        closeness = (2 * signal * (x_t.flatten(1) @ self.flat.T) - alpha_bar[:, None] * self.squared_norms) / (
            2 * variance
        )
        weights = torch.softmax(closeness + self.log_likelihood[caption_ids.to(x_t.device)], dim=1)  # (B, N)
        return weights @ self.flat
