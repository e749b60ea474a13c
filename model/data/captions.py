"""Many phrasings per picture, so a text encoder meets the words children actually type, not only Unicode's names."""

import unicodedata

from model.data.catalog import Emoji
from model.data.concepts import Concept

MAX_CAPTIONS = 20
TEMPLATES = ("a picture of {}", "{} emoji", "a drawing of {}", "a cartoon of {}")
SYNONYM_TEMPLATES = ("{} emoji", "{} picture")  # grammatical for adjectives too: "a happy emoji", "a sunny picture"
# Unicode names use these for filled versus outlined glyphs, not for colour: "black sun with rays" is a yellow sun
_MISLEADING_NAME_WORDS = frozenset({"black", "white"})


def captions_for(emoji: Emoji, concept: Concept | None) -> list[str]:
    """Names first, then template phrases and keywords, lower-cased, without repeats, at most MAX_CAPTIONS."""
    primary = concept.name if concept else emoji.name
    names = [primary, emoji.name, *(concept.synonyms if concept else ()), _unicode_name(emoji.emoji)]
    phrases = [template.format(_with_article(noun)) for noun in dict.fromkeys(names[:2]) for template in TEMPLATES]
    if concept and concept.colour:
        phrases.insert(len(TEMPLATES), _with_article(f"{concept.colour} {primary}"))
    others = [name for name in names[2:] if name]
    phrases += [SYNONYM_TEMPLATES[i % 2].format(_with_article(name)) for i, name in enumerate(others)]
    captions = (" ".join(text.replace("’", "'").lower().split()) for text in (*names, *phrases, *emoji.tags))
    return list(dict.fromkeys(caption for caption in captions if caption))[:MAX_CAPTIONS]


def _unicode_name(emoji: str) -> str:
    """The character's Unicode name where it is a single code point and the name does not mislead."""
    base = emoji.replace("\ufe0f", "")
    name = unicodedata.name(base, "").lower() if len(base) == 1 else ""
    return "" if _MISLEADING_NAME_WORDS & set(name.split()) else name


def _with_article(noun: str) -> str:
    """Prefix "a" or "an" ("an apple", "a unicorn"), or nothing for a plural like "grapes"."""
    if noun.endswith("s") and not noun.endswith(("ss", "us", "is")):
        return noun
    vowel_sound = noun[:1] in "aeiou" and not noun.startswith(("uni", "use", "eu", "one"))
    return f"{'an' if vowel_sound else 'a'} {noun}"
