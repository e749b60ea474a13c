"""Where each word lands: cross-attention maps per prompt token, summed over U-Net layers and steps."""

from dataclasses import dataclass, replace

import torch
import torch.nn.functional as F
from torch import nn

from model.folder.attention import cross_attentions, folder_weights
from model.folder.diffusers_unet import FolderUNet
from model.lessons.attention import AttentionRecorder, WeightsOf, our_weights
from model.pipeline import GenerationRequest, Pipeline
from model.team import Team
from model.unet import SpatialTransformer


@dataclass(frozen=True)
class WordMaps:
    tokens: list[str]  # the prompt's tokens, as the tokenizer cut it
    maps: torch.Tensor  # (T, H, W) how much each token was looked at from each pixel, each stretched to [0, 1]
    picture: torch.Tensor  # (1, 3, H, W) the finished picture the maps belong to


@torch.no_grad()
def word_maps(pipeline: Pipeline, request: GenerationRequest) -> WordMaps:
    """DAAM (Tang et al. 2023): upsample every U-Net cross-attention map of the prompted pass and add them up."""
    cnn = pipeline.cnn_team()
    if cnn is None:
        raise ValueError("this model has no U-Net, whose cross-attention the maps show")
    modules, weights_of = _cross_attention(cnn)
    size = pipeline.image_size
    tokens = pipeline.clip.token_strings(request.prompt)
    total = torch.zeros(len(tokens), size, size)

    def add(weights: torch.Tensor) -> None:
        per_token = weights[-1].mean(0)[:, 1 : 1 + len(tokens)]  # prompted item, heads averaged, past start-of-text
        side = int(per_token.shape[0] ** 0.5)
        maps = per_token.T.reshape(len(tokens), 1, side, side).float()  # (T, 1, h, w)
        total.add_(F.interpolate(maps, size=(size, size), mode="bilinear").squeeze(1).cpu())

    with AttentionRecorder(modules, add, weights_of):
        picture = pipeline.sample(replace(request, backbone=cnn.name, num_images=1))
    low, high = total.flatten(1).amin(1)[:, None, None], total.flatten(1).amax(1)[:, None, None]
    return WordMaps(tokens, (total - low) / (high - low).clamp_min(1e-12), picture)


def _cross_attention(cnn: Team) -> tuple[list[nn.Module], WeightsOf]:
    """A U-Net team's cross-attention layers, and how to read their weights."""
    if isinstance(cnn.network, FolderUNet):
        return cross_attentions(cnn.network), folder_weights
    return [m.cross_attn for m in cnn.network.modules() if isinstance(m, SpatialTransformer)], our_weights
