"""Suite-wide settings, and the tiny Stable Diffusion folder the model and app tests both serve."""

from pathlib import Path

import pytest
import torch

# The test models are tiny: a second thread buys nothing, and when the browser, the live server and
# the tests share two cores, OpenMP threads waiting on each other can make a step 20× slower.
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def sd_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Stable Diffusion folder as diffusers saves it (tests/tiny_sd_folder.py); needs the `sd` extra."""
    pytest.importorskip("diffusers")
    pytest.importorskip("transformers")
    from tests.tiny_sd_folder import build_tiny_sd_folder

    return build_tiny_sd_folder(tmp_path_factory.mktemp("sd") / "tiny-sd")
