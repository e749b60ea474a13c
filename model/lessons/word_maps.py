"""Where each word lands: cross-attention maps per prompt token, summed over U-Net layers and steps."""

from dataclasses import dataclass, replace

import torch
import torch.nn.functional as F

from model.capabilities import HasCrossAttention
from model.lessons.attention import AttentionRecorder
from model.pipeline import GenerationRequest, Pipeline


@dataclass(frozen=True)
class WordMaps:
    tokens: list[str]  # the prompt's tokens, as the tokenizer cut it
    maps: torch.Tensor  # (T, H, W) how much each token was looked at from each pixel, each stretched to [0, 1]
    picture: torch.Tensor  # (1, 3, H, W) the finished picture the maps belong to


@torch.no_grad()
def word_maps(pipeline: Pipeline, request: GenerationRequest) -> WordMaps:
    """DAAM (Tang et al. 2023): upsample every U-Net cross-attention map of the prompted pass and add them up."""
    cnn = pipeline.team_with(HasCrossAttention)
    if cnn is None or not isinstance(cnn.network, HasCrossAttention):
        raise ValueError("this model has no U-Net, whose cross-attention the maps show")
    attention = cnn.network.cross_attention()
    size = pipeline.image_size
    tokens = pipeline.clip.token_strings(request.prompt)
    total = torch.zeros(len(tokens), size, size)

    def add(weights: torch.Tensor) -> None:
        per_token = weights[-1].mean(0)[:, 1 : 1 + len(tokens)]  # prompted item, heads averaged, past start-of-text
        side = int(per_token.shape[0] ** 0.5)
        maps = per_token.T.reshape(len(tokens), 1, side, side).float()  # (T, 1, h, w)
        total.add_(F.interpolate(maps, size=(size, size), mode="bilinear").squeeze(1).cpu())

    with AttentionRecorder(attention.layers, add, attention.weights_of):
        picture = pipeline.sample(replace(request, backbone=cnn.name, num_images=1))
    low, high = total.flatten(1).amin(1)[:, None, None], total.flatten(1).amax(1)[:, None, None]
    return WordMaps(tokens, (total - low) / (high - low).clamp_min(1e-12), picture)
