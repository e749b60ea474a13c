"""Many phrasings per picture, so a text encoder meets the words children actually type, not only Unicode's names."""

import functools
import unicodedata

from model.data.catalog import Emoji
from model.data.concepts import Concept, concept_of_word

MAX_CAPTIONS = 20
TEMPLATES = ("a picture of {}", "{} emoji", "a drawing of {}", "a cartoon of {}")
SYNONYM_TEMPLATES = ("{} emoji", "{} picture")  # grammatical for adjectives too: "a happy emoji", "a sunny picture"
# Unicode names use these for filled versus outlined glyphs, not for colour: "black sun with rays" is a yellow sun
_MISLEADING_NAME_WORDS = frozenset({"black", "white"})


def captions_for(emoji: Emoji, concept: Concept | None) -> list[str]:
    """Names first, then template phrases and keywords, lower-cased, without repeats, at most MAX_CAPTIONS.

    A name or keyword that names another concept is left out: "sun" is a keyword of 🌻, 🏜️ and 🐫 too, but a
    child who types "sun" means ☀️, and a caption shared by seven concepts teaches a model their average.
    """
    primary = concept.name if concept else emoji.name
    own = functools.partial(_is_own_word, owner=concept.name if concept else None)
    names = [primary, emoji.name] if own(emoji.name) else [primary]
    others = [name for name in (*(concept.synonyms if concept else ()), _unicode_name(emoji.emoji)) if own(name)]
    phrases = [template.format(_with_article(noun)) for noun in dict.fromkeys(names) for template in TEMPLATES]
    if concept and concept.colour:
        phrases.insert(len(TEMPLATES), _with_article(f"{concept.colour} {primary}"))
    phrases += [SYNONYM_TEMPLATES[i % 2].format(_with_article(name)) for i, name in enumerate(others)]
    captions = (_plain(text) for text in (*names, *others, *phrases, *filter(own, emoji.tags)))
    return list(dict.fromkeys(caption for caption in captions if caption))[:MAX_CAPTIONS]


def _plain(text: str) -> str:
    return " ".join(text.replace("’", "'").lower().split())


def _is_own_word(text: str, owner: str | None) -> bool:
    """True unless the text is the name or a synonym of a concept other than `owner`."""
    named = concept_of_word().get(_plain(text))
    return bool(text) and named in (None, owner)


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
