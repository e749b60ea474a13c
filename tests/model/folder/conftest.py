"""The tiny Stable Diffusion folder (tests/conftest.py) loaded once, and copies of it to break."""

import shutil
from pathlib import Path

import pytest

from model.folder.loading import load_folder_pipeline
from model.pipeline import Pipeline


@pytest.fixture(scope="session")
def sd_pipeline(sd_folder: Path) -> Pipeline:
    return load_folder_pipeline(sd_folder, "cpu")


@pytest.fixture
def folder_copy(sd_folder: Path, tmp_path: Path) -> Path:
    """A fresh copy of the tiny folder, to change and then load."""
    return Path(shutil.copytree(sd_folder, tmp_path / "copy"))


@pytest.fixture(scope="session")
def their_pipeline(sd_folder: Path):
    """diffusers' own StableDiffusionPipeline on the same folder: the known answers."""
    from diffusers import StableDiffusionPipeline

    pipeline = StableDiffusionPipeline.from_pretrained(sd_folder, local_files_only=True, use_safetensors=True)
    pipeline.set_progress_bar_config(disable=True)
    return pipeline
