"""WordNet 3.0's nouns (Debian's `wordnet-base`, plain text; WordNet licence): a thing's gloss and its kind.

nltk's reader refuses Debian's folder (it lacks `lexnames`), and two of the plain files are all we read:
`index.noun` (lemma → synset byte offsets, most frequent sense first) and `data.noun` (a synset's line at its
offset: lexicographer file, words, pointers, then `| gloss`).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WORDNET_DIR = Path("/usr/share/wordnet")
# The lexicographer files that hold the senses a child means, by concept category (noun.animal is 05, ...);
# a category not listed takes the most frequent sense.
LEXICOGRAPHER_FILES = {
    "animal": ("05",),
    "food": ("13", "20"),  # noun.food, noun.plant
    "nature": ("20", "17", "19"),  # noun.plant, noun.object, noun.phenomenon
    "weather": ("19", "17"),
    "space": ("17", "06"),
    "body": ("08",),
    "character": ("18",),  # noun.person
    "place": ("06", "15"),  # noun.artifact, noun.location
    "vehicle": ("06",),
    "object": ("06",),
    "clothing": ("06",),
    "music": ("06", "10"),
    "sport": ("06", "04"),
}


@dataclass(frozen=True)
class Sense:
    """One noun synset: its words, its gloss's first clause, and the first word of what it is a kind of."""

    words: tuple[str, ...]
    gloss: str
    kind_of: str | None


class WordNet:
    """Noun senses read from a WordNet 3.0 folder of plain-text files."""

    def __init__(self, folder: Path = WORDNET_DIR):
        self.data = folder / "data.noun"
        self.offsets: dict[str, list[int]] = {}
        with open(folder / "index.noun", encoding="utf-8") as index:
            for line in index:
                if line.startswith(" "):  # the licence at the top of the file
                    continue
                fields = line.split()
                count = int(fields[2])
                self.offsets[fields[0]] = [int(offset) for offset in fields[-count:]]

    def senses(self, lemma: str) -> list[tuple[str, Sense]]:
        """(lexicographer file, sense) of a noun, most frequent first (a plural falls back to its singular: "skis");
        none for a word WordNet lacks."""
        key = lemma.replace(" ", "_").lower()
        tried = (key, key.replace("-", "_"), key[:-1] if key.endswith("s") else "")
        offsets = next((self.offsets[k] for k in tried if k in self.offsets), [])
        return [self._read(offset) for offset in offsets]

    def sense(self, lemma: str, category: str | None = None) -> Sense | None:
        """The noun sense a child means: the most frequent one in the category's first lexicographer file that has
        one, else the most frequent of all."""
        senses = self.senses(lemma)
        for wanted in LEXICOGRAPHER_FILES.get(category or "", ()):
            if fitting := [sense for lexicographer, sense in senses if lexicographer == wanted]:
                return fitting[0]
        return senses[0][1] if senses else None

    def _read(self, offset: int) -> tuple[str, Sense]:
        with open(self.data, "rb") as data:
            data.seek(offset)
            line = data.readline().decode("utf-8")
        head, _, gloss = line.partition(" | ")
        fields = head.split()
        count = int(fields[3], 16)
        words = tuple(fields[4 + 2 * i].replace("_", " ").lower() for i in range(count))
        pointers = fields[4 + 2 * count + 1 :]
        hypernym = next((int(pointers[i + 1]) for i in range(0, len(pointers) - 3, 4) if pointers[i] == "@"), None)
        kind_of = self._first_word(hypernym) if hypernym is not None else None
        return fields[1], Sense(words, _first_clause(gloss), kind_of)

    def _first_word(self, offset: int) -> str:
        with open(self.data, "rb") as data:
            data.seek(offset)
            return data.readline().decode("utf-8").split()[4].replace("_", " ").lower()


def _first_clause(gloss: str) -> str:
    """The definition before its first ';' (the rest is more senses' words or quoted examples), without asides
    in brackets."""
    clause = re.sub(r"\s*\([^)]*\)", "", gloss.split(";")[0].split('"')[0])
    return " ".join(clause.split()).rstrip(",")


@cache
def wordnet() -> WordNet:
    """The system's WordNet; a FileNotFoundError says how to install it where it is missing."""
    if not (WORDNET_DIR / "index.noun").exists():
        raise FileNotFoundError(
            f"no WordNet 3.0 in {WORDNET_DIR}: install Debian's wordnet-base (apt-get install wordnet-base)"
        )
    return WordNet()
