"""Training descriptions: three for every concept, never naming it, never echoing a held-out description."""

import re

import pytest

from model.data.concepts import CONCEPTS, SYNONYM_PROMPTS
from model.data.descriptions import HELD_OUT_DESCRIPTIONS
from model.data.phrasings import plural
from model.data.training_descriptions import TRAINING_DESCRIPTIONS


def _names(concept) -> set[str]:
    """Every word that names the concept: its name, its synonyms, its kid word, and their plurals."""
    names = {concept.name, *concept.synonyms, *(word for word, name in SYNONYM_PROMPTS if name == concept.name)}
    return {form.lower() for name in names for form in (name, plural(name))}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9'-]+", text.lower())


def _runs(text: str, length: int = 4) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_every_concept_has_three_different_descriptions_and_no_key_is_unknown():
    names = [concept.name for concept in CONCEPTS]
    assert set(TRAINING_DESCRIPTIONS) == set(names)
    for name, descriptions in TRAINING_DESCRIPTIONS.items():
        assert len(descriptions) == 3, name
        assert len(set(descriptions)) == 3, name


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda concept: concept.name)
def test_no_description_names_its_concept(concept):
    for description in TRAINING_DESCRIPTIONS[concept.name]:
        text = description.lower()
        named = [name for name in _names(concept) if re.search(rf"\b{re.escape(name)}\b", text)]
        assert not named, (description, named)


def test_no_description_repeats_or_echoes_a_held_out_one():
    """Not its own concept's held-out description, nor any other's: four words in a row would teach its wording."""
    held_out = set(HELD_OUT_DESCRIPTIONS.values())
    for name, descriptions in TRAINING_DESCRIPTIONS.items():
        for description in descriptions:
            assert description not in held_out, (name, description)
            for held_name, held in HELD_OUT_DESCRIPTIONS.items():
                shared = _runs(description) & _runs(held)
                assert not shared, (name, description, held_name, shared)


def test_the_run_check_catches_four_words_in_a_row():
    assert _runs("a pet that barks loudly") & _runs("a pet that barks and wags its tail")
    assert not _runs("a pet that sleeps") & _runs("a pet that barks and wags its tail")


def test_every_description_is_short_lower_case_and_unpunctuated_at_the_end():
    for name, descriptions in TRAINING_DESCRIPTIONS.items():
        for description in descriptions:
            assert 3 <= len(description.split()) <= 14, (name, description)
            assert description == description.lower(), (name, description)
            assert description == description.strip() and not description.endswith("."), (name, description)
