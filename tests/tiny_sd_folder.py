"""A tiny random Stable Diffusion folder, saved by diffusers' own StableDiffusionPipeline, nothing downloaded.

The real classes at toy sizes: a 2-level UNet2DConditionModel on 8×8×4 latents, a 2-level AutoencoderKL
(16-pixel pictures), a 2-layer CLIPTextModel 32 wide, and a CLIPTokenizer whose vocabulary is the first
merges of the BPE table open_clip ships.
"""

import gzip
import json
from pathlib import Path

import open_clip
import torch
from open_clip.tokenizer import bytes_to_unicode

MERGES = 1000  # the first merges of CLIP's BPE table: common words stay whole, the vocabulary stays small
SD_BETAS = {"beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear"}  # Stable Diffusion's


def clip_tokenizer(folder: Path):
    """A CLIPTokenizer from open_clip's BPE table: bytes, bytes ending a word, merges, then the two markers."""
    from transformers import CLIPTokenizer

    table = Path(open_clip.__file__).parent / "bpe_simple_vocab_16e6.txt.gz"
    with gzip.open(table, "rt", encoding="utf-8") as bpe:
        merges = bpe.read().split("\n")[1 : MERGES + 1]  # line 0 is a version note
    units = list(bytes_to_unicode().values())
    vocabulary = [*units, *(u + "</w>" for u in units), *("".join(m.split()) for m in merges)]
    vocabulary += ["<|startoftext|>", "<|endoftext|>"]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps({token: i for i, token in enumerate(vocabulary)}))
    (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n")
    return CLIPTokenizer(str(folder / "vocab.json"), str(folder / "merges.txt"), model_max_length=77)


def tiny_sd_pipeline(scratch: Path, seed: int = 0):
    """diffusers' StableDiffusionPipeline around tiny random parts, with a DDIM scheduler on SD's betas."""
    from diffusers import AutoencoderKL, DDIMScheduler, StableDiffusionPipeline, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel

    torch.manual_seed(seed)
    tokenizer = clip_tokenizer(scratch / "bpe")
    ids = {"bos_token_id": tokenizer.bos_token_id, "eos_token_id": tokenizer.eos_token_id}
    text = CLIPTextModel(
        CLIPTextConfig(
            vocab_size=len(tokenizer),
            hidden_size=32,
            intermediate_size=37,
            num_attention_heads=4,
            num_hidden_layers=2,
            max_position_embeddings=77,
            pad_token_id=tokenizer.pad_token_id,
            **ids,
        )
    )
    unet = UNet2DConditionModel(
        sample_size=8,
        block_out_channels=(32, 64),
        layers_per_block=1,
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=32,
        attention_head_dim=8,
    )
    vae = AutoencoderKL(
        block_out_channels=(32, 64),
        down_block_types=("DownEncoderBlock2D",) * 2,
        up_block_types=("UpDecoderBlock2D",) * 2,
        latent_channels=4,
        norm_num_groups=16,
        sample_size=16,
    )
    scheduler = DDIMScheduler(**SD_BETAS, clip_sample=False, set_alpha_to_one=False, steps_offset=1)
    return StableDiffusionPipeline(
        vae=vae,
        text_encoder=text,
        tokenizer=tokenizer,
        unet=unet,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )


def build_tiny_sd_folder(folder: Path) -> Path:
    """Save the tiny pipeline as a folder (model_index.json, unet/, vae/, text_encoder/, tokenizer/, scheduler/)."""
    tiny_sd_pipeline(folder.parent / f"{folder.name}-scratch").save_pretrained(folder, safe_serialization=True)
    return folder
