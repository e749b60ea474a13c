"""How people ask for a picture: determiners, adjectives, counts and requests around a thing's name.

Every word list comes in two splits. Training captions are drawn from `TRAINING`; `HELD_OUT` holds
determiners, adjectives, counts and requests that training never sees, so an evaluation on it measures
whether the model learned to read a new sentence, not whether it memorised the captions it was shown.
"""

import random
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import inflect

from model.data.concepts import Concept
from model.lessons.words import words_of


@dataclass(frozen=True)
class Phrasings:
    """One split of the ways to ask: each word list is used as it stands, never mixed across splits."""

    determiners: tuple[str, ...]  # before a singular noun, besides "a"/"an": "the dog", "my dog"
    adjectives: tuple[str, ...]  # words that do not change which thing it is: "a happy dog"
    counts: tuple[str, ...]  # before a plural: "two dogs"
    requests: tuple[str, ...]  # frames around a noun phrase: "can you draw {}"


TRAINING = Phrasings(
    determiners=("the", "my", "this", "one", "his", "her", "another", "any", "each"),
    adjectives=(
        "happy", "little", "big", "cute", "small", "nice", "funny", "pretty", "cool", "tiny", "huge", "silly",
        "good", "great", "old", "new", "cuddly", "scary", "magic", "favourite", "favorite", "tasty", "fast",
        "shiny", "fluffy", "sleepy", "brave", "strange", "fancy", "simple", "awesome", "amazing", "wild", "lucky",
        "gentle", "clever", "proud", "lonely", "tall", "real", "special", "perfect", "normal", "yummy", "grumpy",
    ),
    counts=(
        "two", "three", "some", "lots of", "many", "six", "seven", "eight", "ten", "a couple of", "a bunch of",
        "loads of", "a lot of", "plenty of", "a group of", "heaps of", "more",
    ),
    requests=(
        "{}", "a picture of {}", "draw {}", "please draw {}", "can you draw {}", "show me {}", "make {}",
        "i want {}", "a drawing of {}", "paint {}", "an image of {}", "i would like {}", "draw me {}", "create {}",
        "here is {}", "look at {}", "{} please", "a photo of {}", "a cartoon of {}", "{} emoji", "colour in {}",
        "color in {}", "i want to see {}", "draw a picture of {}", "can i have {}", "please make {}",
        "i need {}", "draw us {}", "show us {}", "please show me {}", "make me {}", "a painting of {}",
        "a doodle of {}", "doodle {}", "imagine {}", "how about {}", "what does {} look like", "can we see {}",
        "can you show me {}", "this is {}", "it's {}", "a poster of {}", "an illustration of {}", "what about {}",
        "we want {}", "draw me a picture of {}",
    ),
)  # fmt: skip

HELD_OUT = Phrasings(
    determiners=("that", "your", "our", "their"),
    adjectives=("adorable", "beautiful", "friendly", "lovely", "wonderful", "sweet"),
    counts=("four", "a few", "several", "five"),
    requests=(
        "can you make {}", "could you please draw {}", "i'd love to see {}", "give me a picture of {}",
        "let's draw {}", "sketch {}", "generate {}", "show me a drawing of {}",
    ),
)  # fmt: skip

# The colours a picture can be recoloured to and asked for; each is a hue the hue judge can tell apart.
COLOURS = ("red", "orange", "yellow", "green", "blue", "purple")


@cache
def _english() -> inflect.engine:
    return inflect.engine()


def with_article(noun: str) -> str:
    """ "a dog", "an apple", "a unicorn"; a plural name such as "grapes" stands alone."""
    return noun if is_plural(noun) else _english().a(noun)


def is_plural(noun: str) -> bool:
    """True for a name that is already plural ("grapes", "fireworks"), not for "bus" or "octopus"."""
    last = noun.split()[-1]
    if not last.endswith("s") or last.endswith(("ss", "us", "is")):
        return False
    singular = _english().singular_noun(last)
    return (bool(singular) and singular != last) or _english().plural_noun(last) == last


def plural(noun: str) -> str:
    """ "dogs", "mice", "polar bears"; a name that is already plural stays as it is."""
    return noun if is_plural(noun) else _english().plural_noun(noun)


def natural_captions(
    nouns: Sequence[str], split: Phrasings, count: int, seed: str, colour: str | None = None
) -> list[str]:
    """`count` different sentences about one thing, drawn from `split`, the same every time for one `seed`.

    `nouns` are the thing's names, its own name first (drawn half the time); a `colour` goes in front of
    the noun of every sentence ("can you draw a blue car"), for a picture recoloured to it.
    """
    rng = random.Random(seed)
    sentences: dict[str, None] = {}
    for _ in range(count * 20):
        if len(sentences) == count:
            break
        noun = nouns[0] if len(nouns) == 1 or rng.random() < 0.5 else rng.choice(nouns[1:])
        sentences[_sentence(rng, split, noun, colour)] = None
    return list(sentences)


def _sentence(rng: random.Random, split: Phrasings, noun: str, colour: str | None) -> str:
    """One noun phrase (article, determiner or count; maybe an adjective; the colour), maybe in a request."""
    words = [colour] if colour else []
    if rng.random() < 0.4:
        words.insert(0, rng.choice(split.adjectives))
    shape = rng.random()
    if shape < 0.2:
        phrase = " ".join([rng.choice(split.counts), *words, plural(noun)])
    else:
        named = " ".join([*words, noun])
        phrase = f"{rng.choice(split.determiners)} {named}" if shape < 0.5 else with_article(named)
    return _spaced(rng.choice(split.requests).format(phrase))


def _spaced(text: str) -> str:
    return " ".join(text.split())


@cache
def held_out_words() -> frozenset[str]:
    """The words only `HELD_OUT` uses ("their", "adorable", "several", "sketch"): no training text may hold them in
    any role, or the suite would test words training has seen ("a dog on your lap" teaches "your dog").

    Except "that": it is how a description is said ("a bird that cannot fly", as the held-out descriptions are too),
    a relative pronoun, not the determiner the suite asks for ("that dog")."""
    return frozenset(_words(HELD_OUT)) - frozenset(_words(TRAINING)) - {"that"}


def _words(split: Phrasings) -> list[str]:
    texts = [*split.determiners, *split.adjectives, *split.counts, *(r.replace("{}", " ") for r in split.requests)]
    return [word for text in texts for word in text.split()]


def free_of_held_out_words(text: str) -> bool:
    """Whether a training text (a description, a gloss) may be used: it holds no word only the held-out split uses."""
    return held_out_words().isdisjoint(words_of(text))  # "a five-pointed star" holds "five"


def held_out_colour(concept: Concept) -> str:
    """The one colour this thing is never shown or named in during training: its (thing, colour) pair tests
    whether a colour word binds to a thing it never came with. Different things hold out different colours."""
    choices = [colour for colour in COLOURS if colour != concept.colour]
    return choices[zlib.crc32(concept.name.encode()) % len(choices)]


def training_colours(concept: Concept) -> tuple[str, ...]:
    """The colours a thing's recoloured pictures may take in training: all but its usual and its held-out one."""
    return tuple(c for c in COLOURS if c not in (concept.colour, held_out_colour(concept)))


def concept_sentences(concept: Concept, count: int, colour: str | None = None) -> list[str]:
    """Training sentences for a concept's pictures (recoloured to `colour` when given), the same for every style."""
    nouns = (concept.name, *concept.synonyms)
    return natural_captions(nouns, TRAINING, count, seed=f"{concept.name}/{colour}", colour=colour)
