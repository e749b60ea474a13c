"""Is this a Stable Diffusion folder we can serve? Answered from its JSON and file names, before any weights load."""

import json
from pathlib import Path
from typing import Any

MODEL_INDEX = "model_index.json"
SUPPORTED = (
    "Supported: a Stable Diffusion 1.x, 2.x or Turbo folder as diffusers saves it, with model_index.json, "
    "unet/ (UNet2DConditionModel), vae/ (AutoencoderKL), text_encoder/ (CLIPTextModel), tokenizer/ (CLIPTokenizer) "
    "and scheduler/, every model's weights in .safetensors"
)
PARTS: dict[str, tuple[str, ...]] = {  # the parts we use, and the classes each may be (none listed: any)
    "unet": ("UNet2DConditionModel",),
    "vae": ("AutoencoderKL",),
    "text_encoder": ("CLIPTextModel",),
    "tokenizer": ("CLIPTokenizer", "CLIPTokenizerFast"),
    "scheduler": (),  # only its training noise schedule is read; our samplers do the sampling
}
UNUSED = ("safety_checker", "feature_extractor", "image_encoder")  # a pipeline's extras we may leave unloaded
MODELS = {"unet": "diffusion_pytorch_model", "vae": "diffusion_pytorch_model", "text_encoder": "model"}
PICKLES = (".bin", ".ckpt", ".pt", ".pth", ".pkl")  # weights that run code when they load
EXTRA_CONDITIONING = ("addition_embed_type", "class_embed_type", "encoder_hid_dim_type", "time_cond_proj_dim")


class FolderError(ValueError):
    """A folder we cannot serve: what is wrong with it, and what is supported."""

    def __init__(self, folder: Path, problem: str):
        super().__init__(f"{folder} cannot be served: {problem}. {SUPPORTED}.")


def read_config(folder: Path, name: str) -> dict[str, Any]:
    """One of the folder's JSON files (e.g. "unet/config.json"), or a FolderError saying it is missing or broken."""
    path = folder / name
    if not path.is_file():
        raise FolderError(folder, f"it has no {name}")
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FolderError(folder, f"its {name} is not valid JSON ({error})") from None


def check_folder(folder: Path) -> None:
    """Raise a FolderError naming the first thing we cannot serve: parts, classes, weights, or how they fit."""
    index = read_config(folder, MODEL_INDEX)
    declared = {name: entry for name, entry in index.items() if not name.startswith("_") and _is_part(entry)}
    for name, (_, cls) in declared.items():
        if name not in PARTS and name not in UNUSED:
            raise FolderError(folder, f"it has a {name}/ ({cls}), which no Stable Diffusion 1.x or 2.x model has")
    for name, classes in PARTS.items():
        if name not in declared:
            raise FolderError(folder, f"its {MODEL_INDEX} names no {name}")
        if classes and declared[name][1] not in classes:
            raise FolderError(folder, f"its {name}/ is a {declared[name][1]}, not a {' or '.join(classes)}")
    for name in MODELS:
        _check_weights(folder, name)
    if not any((folder / "tokenizer" / file).is_file() for file in ("tokenizer.json", "vocab.json")):
        raise FolderError(folder, "its tokenizer/ has neither tokenizer.json nor vocab.json")
    _check_fit(folder)


def _is_part(entry: object) -> bool:
    """A model_index entry naming a loaded part: [library, class], not [null, null] or a setting."""
    return isinstance(entry, list) and len(entry) == 2 and all(isinstance(word, str) for word in entry)


def _check_weights(folder: Path, name: str) -> None:
    """The part's config is there and its weights are safetensors; pickles are refused before anything loads."""
    read_config(folder, f"{name}/config.json")
    files = [path.name for path in (folder / name).iterdir()]
    if any(file.endswith(".safetensors") for file in files):
        return
    pickles = sorted(file for file in files if file.endswith(PICKLES))
    if pickles:
        raise FolderError(
            folder,
            f"its {name}/ has only pickle weights ({', '.join(pickles)}), which can run code as they load; "
            "save them as .safetensors (diffusers: save_pretrained(..., safe_serialization=True))",
        )
    raise FolderError(folder, f"its {name}/ has no weights ({MODELS[name]}.safetensors)")


def _check_fit(folder: Path) -> None:
    """The U-Net reads only the prompt, draws in the VAE's latents, and attends to text as wide as the encoder's."""
    unet = read_config(folder, "unet/config.json")
    extras = {key: unet[key] for key in EXTRA_CONDITIONING if unet.get(key) is not None}
    if extras or unet.get("num_class_embeds") is not None:
        raise FolderError(
            folder,
            f"its U-Net takes conditioning besides the prompt ({extras or 'class labels'}), as Stable Diffusion XL, "
            "upscaling and consistency-distilled models do",
        )
    latent = read_config(folder, "vae/config.json").get("latent_channels", 4)
    channels = (unet.get("in_channels", 4), unet.get("out_channels", 4))
    if channels != (latent, latent):
        raise FolderError(
            folder,
            f"its U-Net reads {channels[0]} and writes {channels[1]} channels but the VAE's latents have {latent} "
            "(an inpainting or depth model?)",
        )
    width = read_config(folder, "text_encoder/config.json").get("hidden_size")
    if unet.get("cross_attention_dim") != width:
        raise FolderError(
            folder,
            f"its U-Net attends to text {unet.get('cross_attention_dim')} wide but its text encoder gives {width}",
        )
