"""Downloads are named after what was drawn and how to draw it again: the prompt's words and the seed."""

import re
import unicodedata

MAX_WORDS_CHARS = 40


def file_stem(prompt: str, seed: int) -> str:
    """'dust-to-detail-a-red-apple-seed-4242' for ("A red apple!", 4242); words without Latin letters read 'picture'."""
    plain = unicodedata.normalize("NFKD", prompt).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:MAX_WORDS_CHARS].rstrip("-")
    return f"dust-to-detail-{words or 'picture'}-seed-{seed}"
