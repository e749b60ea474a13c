"""The training data: emoji pictures in four styles, with captions, and the concepts a child is likely to ask for."""

from model.data.concepts import CONCEPTS, SYNONYM_PROMPTS, Concept
from model.data.dataset import EmojiDataset, default_data_dir, load_emoji_dataset

__all__ = [
    "CONCEPTS",
    "SYNONYM_PROMPTS",
    "Concept",
    "EmojiDataset",
    "default_data_dir",
    "load_emoji_dataset",
]
