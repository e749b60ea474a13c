"""WordNet's plain text read by byte offset: the sense a child means, its gloss's first clause and its kind."""

from pathlib import Path

import pytest

from model.data.wordnet import WordNet

# (lexicographer file, words, hypernym's key or None, gloss); keys stand for byte offsets worked out below
SYNSETS = {
    "canine": ("05", ["canine", "canid"], None, "a mammal with teeth for eating meat"),
    "dog": ("05", ["dog", "domestic_dog"], "canine", 'a member of the genus Canis (from wolves); "the dog barked"'),
    "hotdog": ("13", ["frank", "hotdog", "dog"], None, "a smooth-textured sausage"),
    "ski": ("06", ["ski"], None, "narrow runners used in pairs for gliding over snow"),
}  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    lines, offsets, position = {}, {}, len("  1 This software and database is licensed.\n")
    for key in SYNSETS:  # offsets first: a line holds the fixed-width offsets of its pointers
        offsets[key] = position
        position += len(_line(key, {k: 0 for k in SYNSETS}))
    for key in SYNSETS:
        lines[key] = _line(key, offsets)
    (tmp_path / "data.noun").write_text("  1 This software and database is licensed.\n" + "".join(lines.values()))
    index = {"dog": ["dog", "hotdog"], "frank": ["hotdog"], "ski": ["ski"], "canine": ["canine"]}
    (tmp_path / "index.noun").write_text(
        "  1 This software and database is licensed.\n"
        + "".join(f"{lemma} n {len(keys)} 1 @ {len(keys)} 0 {' '.join(f'{offsets[k]:08d}' for k in keys)}  \n"
                  for lemma, keys in sorted(index.items()))
    )  # fmt: skip
    return tmp_path


def _line(key: str, offsets: dict[str, int]) -> str:
    lexicographer, words, hypernym, gloss = SYNSETS[key]
    pointers = f"001 @ {offsets[hypernym]:08d} n 0000" if hypernym else "000"
    listed = " ".join(f"{word} 0" for word in words)
    return f"{offsets[key]:08d} {lexicographer} n {len(words):02x} {listed} {pointers} | {gloss}  \n"


def test_the_most_frequent_sense_in_the_categorys_file_wins(folder: Path):
    wordnet = WordNet(folder)
    assert wordnet.sense("dog", "animal").words == ("dog", "domestic dog")
    assert wordnet.sense("dog", "food").words == ("frank", "hotdog", "dog")
    assert wordnet.sense("dog").words == ("dog", "domestic dog")  # no category: the most frequent


def test_a_gloss_keeps_its_first_clause_without_asides_and_knows_its_kind(folder: Path):
    dog = WordNet(folder).sense("dog", "animal")
    assert dog.gloss == "a member of the genus Canis"
    assert dog.kind_of == "canine"


def test_a_plural_falls_back_to_its_singular_and_an_unknown_word_has_no_sense(folder: Path):
    wordnet = WordNet(folder)
    assert wordnet.sense("skis", "sport").gloss == "narrow runners used in pairs for gliding over snow"
    assert wordnet.sense("zorblax") is None
