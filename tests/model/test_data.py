"""The emoji dataset: concepts are sound, every concept draws, and a small build is well-formed and reproducible."""

import json
import subprocess

import numpy as np
import pytest

from model.data import CONCEPTS, SYNONYM_PROMPTS, load_emoji_dataset
from model.data.__main__ import main
from model.data.build import build_dataset
from model.data.captions import captions_for
from model.data.catalog import Emoji, emoji_key, load_catalog
from model.data.concepts import concept_by_name, concept_of_word
from model.data.openmoji import openmoji_package
from model.data.render import NotoRenderer, frame, hexcode_candidates

FEW = ("🐶", "🍎", "🚀", "☀️", "🐻‍❄️", "👍🏽", "🗿")  # a ZWJ sequence, a VS16 one, a skin tone, no concept


@pytest.fixture(scope="module")
def package():
    """OpenMoji from the cache, fetched with npm on first use (CI reaches the npm registry)."""
    try:
        return openmoji_package()
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"OpenMoji 17.0.0 is not cached and npm could not fetch it: {error}")


@pytest.fixture(scope="module")
def built(package, tmp_path_factory):
    out = tmp_path_factory.mktemp("emoji")
    manifest = build_dataset(out, size=32, only=FEW, log=lambda _: None)
    return out, manifest


def test_concepts_are_many_and_unambiguous():
    names = [concept.name for concept in CONCEPTS]
    synonyms = [synonym for concept in CONCEPTS for synonym in concept.synonyms]
    assert len(set(names)) == len(names) >= 200
    assert len({emoji_key(concept.emoji) for concept in CONCEPTS}) == len(CONCEPTS)
    assert len(set(synonyms)) == len(synonyms), "a synonym may lead to one concept only"
    assert not set(synonyms) & set(names)
    assert concept_by_name()["dog"].emoji == "🐶"


def test_synonym_prompts_point_at_concepts():
    assert len(SYNONYM_PROMPTS) >= 60
    assert ("puppy", "dog") in SYNONYM_PROMPTS
    for synonym, name in SYNONYM_PROMPTS:
        assert synonym in concept_by_name()[name].synonyms


def test_a_word_that_names_a_concept_captions_only_that_concept():
    sunflower = Emoji("🌻", hexcode="1F33B", name="sunflower", tags=("flower", "plant", "sun", "petals"))
    sun = Emoji("☀️", hexcode="2600", name="sun", tags=("bright", "sun", "sunny", "weather"))
    sad = Emoji("😢", hexcode="1F622", name="crying face", tags=("sad", "tear"))
    assert captions_for(sunflower, concept_by_name()["sunflower"]) == [
        "sunflower", "sun flower", "sunflowers", "a picture of a sunflower", "a sunflower emoji",
        "a drawing of a sunflower", "a cartoon of a sunflower", "a yellow sunflower", "a sun flower emoji",
        "sunflowers picture", "petals",
    ]  # fmt: skip
    assert {"sun", "a picture of a sun", "sunny", "a sunny picture"} <= set(captions_for(sun, concept_by_name()["sun"]))
    sad_captions = captions_for(sad, concept_by_name()["sad face"])  # "crying face" is a concept of its own
    assert "sad face" in sad_captions and "tear" in sad_captions
    assert not any("crying face" in caption for caption in sad_captions)
    dog = Emoji("🐕", hexcode="1F415", name="dog", tags=("pet", "dog"))  # no concept: 🐶 is the dog concept
    assert captions_for(dog, None)[:2] == ["dog", "a picture of a dog"], "an emoji keeps its own name"
    assert captions_for(dog, None)[-1] == "pet"


def test_every_concept_draws_in_noto():
    render = NotoRenderer()
    for concept in CONCEPTS:
        picture = render(Emoji(concept.emoji, hexcode="", name=concept.name, tags=()))
        assert picture is not None, concept
        assert np.mean(frame(picture, 16).min(axis=-1) < 240) > 0.1, concept  # ink covers the frame, not a speck


def test_every_concept_is_in_the_catalogue_and_no_synonym_prompt_is_an_emoji_name(package):
    catalogue = load_catalog(package)
    keys = {emoji_key(emoji.emoji) for emoji in catalogue}
    assert {emoji_key(concept.emoji) for concept in CONCEPTS} <= keys
    assert not {synonym for synonym, _ in SYNONYM_PROMPTS} & {emoji.name.lower() for emoji in catalogue}


def test_build_is_well_formed(built):
    out, manifest = built
    data = load_emoji_dataset(out)
    assert data.images.dtype == np.uint8
    assert data.images.shape == (len(data), 32, 32, 3) == (24, 32, 32, 3)  # 6 emoji in 4 styles, skin tone skipped
    assert manifest["counts"] == {"noto": 6, "openmoji": 6, "twemoji": 6, "fluent": 6}
    assert {item["style"] for item in data.items} == {"noto", "openmoji", "twemoji", "fluent"}
    assert manifest["sources"]["twemoji"]["licence"].startswith("CC BY 4.0")
    assert manifest["sources"]["fluent"]["licence"] == "MIT"
    assert np.all(data.images[:, [0, 0, -1, -1], [0, -1, 0, -1]] == 255), "corners are white"
    assert not any("\U0001f3fd" in item["emoji"] for item in data.items)


def test_items_link_concepts_and_captions(built):
    data = load_emoji_dataset(built[0])
    dogs = [i for i, item in enumerate(data.items) if item["concept"] == "dog"]
    assert len(dogs) == 4  # one a style
    assert all("puppy" in data.captions(i) and "a picture of a dog" in data.captions(i) for i in dogs)
    assert all(0 < len(item["captions"]) <= 20 for item in data.items)
    for item in data.items:  # a word naming a concept captions that concept's pictures only
        assert {concept_of_word().get(caption, item["concept"]) for caption in item["captions"]} <= {item["concept"]}
    indices = data.concept_indices()
    assert set(indices[dogs]) == {CONCEPTS.index(concept_by_name()["dog"])}
    assert (indices == -1).sum() == 4  # the moai is no concept
    noto = data.subset(np.array([item["style"] == "noto" for item in data.items]))
    assert len(noto) == 6 and noto.images.shape[0] == 6


def test_build_is_reproducible(built, tmp_path):
    out, _ = built
    build_dataset(tmp_path, size=32, only=FEW, log=lambda _: None)
    for name in ("images.npy", "items.json", "manifest.json"):
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_cli_builds_one_style(package, tmp_path, capsys):
    main(["build", "--out", str(tmp_path), "--size", "16", "--limit", "3", "--styles", "openmoji"])
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert manifest["counts"] == {"openmoji": 3} and manifest["sources"]["openmoji"]["licence"] == "CC BY-SA 4.0"
    assert "openmoji: 3 pictures" in capsys.readouterr().out


def test_other_sets_file_names_are_found_from_the_catalogue_hexcode():
    assert hexcode_candidates("1F43B-200D-2744-FE0F")[:2] == ["1f43b-200d-2744-fe0f", "1f43b-200d-2744"]
    assert "23-20e3" in hexcode_candidates("0023-FE0F-20E3")  # Twemoji's keycap names drop zeros and FE0F
    assert hexcode_candidates("1F436") == ["1f436"]
