"""Folders we cannot serve are refused at load, before any weights load, in a sentence that says why."""

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from model.folder.check import SUPPORTED, FolderError
from model.folder.loading import load_folder_pipeline
from model.loading import load_pipeline

pytest.importorskip("diffusers")


def _edit(folder: Path, name: str, change: Callable[[dict], None]) -> None:
    path = folder / name
    config = json.loads(path.read_text())
    change(config)
    path.write_text(json.dumps(config))


def _pickle_only(folder: Path) -> None:
    (folder / "unet" / "diffusion_pytorch_model.safetensors").unlink()
    (folder / "unet" / "diffusion_pytorch_model.bin").write_bytes(b"not even a pickle: it must never be opened")


BROKEN: dict[str, tuple[Callable[[Path], None], str]] = {
    "no model_index.json": (lambda f: (f / "model_index.json").unlink(), "it has no model_index.json"),
    "index not JSON": (lambda f: (f / "model_index.json").write_text("{"), "model_index.json is not valid JSON"),
    "part not named": (lambda f: _edit(f, "model_index.json", lambda c: c.pop("vae")), "names no vae"),
    "part missing": (lambda f: [p.unlink() for p in (f / "vae").iterdir()], "it has no vae/config.json"),
    "no weights": (lambda f: (f / "text_encoder" / "model.safetensors").unlink(), "text_encoder/ has no weights"),
    "pickle weights only": (_pickle_only, "only pickle weights (diffusion_pytorch_model.bin)"),
    "transformer (SD3, Flux)": (
        lambda f: _edit(f, "model_index.json", lambda c: c.update(transformer=["diffusers", "SD3Transformer2DModel"])),
        "it has a transformer/ (SD3Transformer2DModel)",
    ),
    "second text encoder (SDXL)": (
        lambda f: _edit(f, "model_index.json", lambda c: c.update(text_encoder_2=["transformers", "CLIPTextModel"])),
        "it has a text_encoder_2/ (CLIPTextModel)",
    ),
    "not a conditional U-Net": (
        lambda f: _edit(f, "model_index.json", lambda c: c.update(unet=["diffusers", "UNet2DModel"])),
        "its unet/ is a UNet2DModel, not a UNet2DConditionModel",
    ),
    "added conditioning (SDXL)": (
        lambda f: _edit(f, "unet/config.json", lambda c: c.update(addition_embed_type="text_time")),
        "conditioning besides the prompt ({'addition_embed_type': 'text_time'})",
    ),
    "inpainting U-Net": (
        lambda f: _edit(f, "unet/config.json", lambda c: c.update(in_channels=9)),
        "reads 9 and writes 4 channels but the VAE's latents have 4",
    ),
    "text of another width": (
        lambda f: _edit(f, "unet/config.json", lambda c: c.update(cross_attention_dim=64)),
        "attends to text 64 wide but its text encoder gives 32",
    ),
    "foreign noise schedule": (
        lambda f: _edit(f, "scheduler/scheduler_config.json", lambda c: c.update(beta_end=0.02)),
        "its noise schedule (num_train_timesteps 1000, beta_start 0.00085, beta_end 0.02, beta_schedule scaled_linear",
    ),
    "unknown prediction": (
        lambda f: _edit(f, "scheduler/scheduler_config.json", lambda c: c.update(prediction_type="flow")),
        "its scheduler predicts 'flow'",
    ),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_folder_is_refused_with_what_is_wrong_and_what_is_supported(folder_copy: Path, case: str):
    breaks, sentence = BROKEN[case]
    breaks(folder_copy)
    with pytest.raises(FolderError) as refused:
        load_folder_pipeline(folder_copy, "cpu")
    assert sentence in str(refused.value) and str(refused.value).endswith(SUPPORTED + ".")
    assert isinstance(refused.value, ValueError), "the app's start-up reports every ValueError in one sentence"


def test_a_folder_that_is_neither_kind_says_both(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="neither a Dust to Detail weights folder .* nor a Stable Diffusion"):
        load_pipeline(tmp_path, "cpu")


def test_without_the_sd_extra_a_folder_says_how_to_install_it(sd_folder: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(sys.modules, "diffusers", None)  # as if `pip install -e '.[sd]'` had not run
    with pytest.raises(FolderError, match=r"needs diffusers and transformers: pip install -e '\.\[sd\]'"):
        load_folder_pipeline(sd_folder, "cpu")
