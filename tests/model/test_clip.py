import open_clip
import pytest
import torch
from safetensors.torch import save_file

from model.clip import Clip, create_clip


@pytest.fixture(scope="module")
def encoder() -> Clip:
    torch.manual_seed(0)
    return Clip(create_clip("dust-clip-tiny"), "dust-clip-tiny")


def test_embeddings_are_deterministic(encoder):
    a, b = encoder.condition(["a red apple"]), encoder.condition(["a red apple"])
    assert torch.equal(a.tokens, b.tokens) and torch.equal(a.pooled, b.pooled)


def test_different_prompts_differ(encoder):
    cond = encoder.condition(["a red apple", "a rocket in space"])
    assert not torch.allclose(cond.pooled[0], cond.pooled[1])
    assert cond.tokens.shape == (2, encoder.context_length, encoder.width)


def test_mask_covers_start_words_and_end(encoder):
    cond = encoder.condition(["a red apple", ""])
    assert cond.mask.sum(dim=1).tolist() == [5, 2]
    assert torch.equal(encoder.empty.pooled, encoder.condition([""]).pooled)


def test_overlong_prompts_are_truncated(encoder):
    cond = encoder.condition(["dog " * 500])
    assert cond.tokens.shape[1] == encoder.context_length and bool(cond.mask.all())
    assert len(encoder.token_strings("dog " * 500)) == encoder.context_length - 2


def test_token_strings_show_the_words(encoder):
    assert encoder.token_strings("A cute PUPPY!") == ["a", "cute", "puppy", "!"]


def test_standard_architecture_loads_a_local_safetensors_file(tmp_path):
    """A user's real CLIP weights: a standard open_clip name plus a local file, never a download."""
    torch.manual_seed(1)
    original = open_clip.create_model("ViT-S-32", pretrained=None).eval()
    path = tmp_path / "vit-s-32.safetensors"
    save_file({k: v.contiguous() for k, v in original.state_dict().items()}, str(path))
    loaded = Clip(create_clip("ViT-S-32", path), "ViT-S-32")
    reference = Clip(original, "ViT-S-32")
    assert torch.equal(loaded.condition(["a dog"]).pooled, reference.condition(["a dog"]).pooled)


def test_pickle_weights_are_refused(tmp_path):
    path = tmp_path / "weights.pt"
    path.write_bytes(b"not even read")
    with pytest.raises(ValueError, match="safetensors"):
        create_clip("dust-clip-tiny", path)
