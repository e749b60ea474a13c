"""The dataset captioned as people ask: sentences around each concept picture, and recoloured copies named
by their colour, both drawn from the training split of `phrasings` only."""

import numpy as np

from model.data.concepts import Concept, concept_by_name
from model.data.dataset import EmojiDataset
from model.data.phrasings import concept_sentences, free_of_held_out_words, training_colours
from model.data.recolour import recolour
from model.data.training_descriptions import TRAINING_DESCRIPTIONS
from model.data.wordnet import WordNet


def with_sentences(dataset: EmojiDataset, per_concept: int, wordnet: WordNet | None = None) -> EmojiDataset:
    """Each concept picture's captions and `per_concept` sentences about its concept (the same for every style),
    and with `wordnet` its concept's descriptions."""
    concepts = concept_by_name()
    items = [
        item | {"captions": [*item["captions"], *spoken_captions(concepts[item["concept"]], per_concept, wordnet)]}
        if item["concept"]
        else item
        for item in dataset.items
    ]
    return EmojiDataset(dataset.images, items)


def spoken_captions(concept: Concept, per_concept: int, wordnet: WordNet | None = None) -> list[str]:
    """`per_concept` training sentences about a concept; with `wordnet`, its descriptions too: the gloss there and
    those written for training, less any holding a word of the held-out split."""
    if wordnet is None:
        return concept_sentences(concept, per_concept)
    sense = wordnet.sense(concept.name, concept.category)
    glosses = [sense.gloss] if sense and sense.gloss else []
    described = [text for text in (*glosses, *TRAINING_DESCRIPTIONS[concept.name]) if free_of_held_out_words(text)]
    return [*concept_sentences(concept, per_concept), *described]


def recoloured(dataset: EmojiDataset, per_picture: int, sentences: int) -> EmojiDataset:
    """Up to `per_picture` copies of each concept picture in its training colours, captioned only with sentences
    that name the colour; pictures with no main colour (black, white and grey) have none."""
    concepts = concept_by_name()
    images, items = [], []
    for image, item in zip(dataset.images, dataset.items):
        if not item["concept"]:
            continue
        concept = concepts[item["concept"]]
        colours = training_colours(concept)
        start = sum(map(ord, item["style"])) % len(colours)  # styles of one emoji start at different colours
        for colour in (colours[(start + i) % len(colours)] for i in range(min(per_picture, len(colours)))):
            if (painted := recolour(image, colour)) is None:
                break
            images.append(painted)
            items.append(item | {"colour": colour, "captions": concept_sentences(concept, sentences, colour)})
    empty = np.zeros((0, *dataset.images.shape[1:]), dtype=dataset.images.dtype)
    return EmojiDataset(np.stack(images) if images else empty, items)
