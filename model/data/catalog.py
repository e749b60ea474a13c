"""The emoji to draw, with their CLDR names and keywords, read from OpenMoji's copy of the Unicode emoji list."""

import csv
from dataclasses import dataclass
from pathlib import Path

# OpenMoji's own inventions, regional-indicator letters, flags and skin-tone/hair swatches are not pictures of things
_SKIPPED_GROUPS = frozenset({"extras-openmoji", "extras-unicode", "flags", "component"})
_SKIPPED_SUBGROUPS = frozenset({"family"})  # multi-person sequences: tiny figures, many near-duplicates
_SKIN_TONES = range(0x1F3FB, 0x1F3FF + 1)


@dataclass(frozen=True)
class Emoji:
    """One emoji of the catalogue."""

    emoji: str  # the character sequence
    hexcode: str  # OpenMoji's file name, e.g. "1F436" or "1F43B-200D-2744-FE0F"
    name: str  # CLDR short name, e.g. "dog face"
    tags: tuple[str, ...]  # CLDR keywords then OpenMoji's own tags


def emoji_key(text: str) -> str:
    """Identity of an emoji regardless of variation selectors, which sources add or drop inconsistently."""
    return text.replace("\ufe0f", "")


def load_catalog(package: Path) -> list[Emoji]:
    """Read every Unicode emoji worth drawing, in Unicode's order, without skin-tone variants."""
    with open(package / "data" / "openmoji.csv", encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return [
        Emoji(row["emoji"], row["hexcode"], row["annotation"], _split_tags(row["tags"], row["openmoji_tags"]))
        for row in rows
        if row["group"] not in _SKIPPED_GROUPS
        and row["subgroups"] not in _SKIPPED_SUBGROUPS
        and not row["skintone"]
        and not any(ord(char) in _SKIN_TONES for char in row["emoji"])
    ]


def _split_tags(*fields: str) -> tuple[str, ...]:
    tags = (tag.strip() for field in fields for tag in field.split(","))
    return tuple(dict.fromkeys(tag for tag in tags if tag))
