"""Words a school keeps off the projector: a plain-text list, one word or phrase a line, `#` starts a comment.

A prompt (or a student's name) that holds a listed word is refused before anything is drawn or stored. Words
match whole, in any case, and with a plural `s` or `es` ("cat" blocks "Cats" and "CAT", not "category"); the
words of a phrase may be spaced any way. The list is never published (it is not in /api/options).
"""

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

DEFAULT_BLOCKED_WORDS = Path(__file__).with_name("blocked_words.txt")  # shipped in the package; a school edits it
PROMPT_REFUSAL = "Let's choose different words — try another prompt."
NAME_REFUSAL = "Let's choose a different name — try another one."


class BlockedWords:
    """The list, compiled into one pattern; an empty list blocks nothing."""

    def __init__(self, entries: Iterable[str] = ()) -> None:
        phrases = {tuple(entry.casefold().split()) for entry in entries} - {()}
        # longest first, so "big grumble" is tried before "big"; letters and digits around a match mean it is
        # part of another word ("Scunthorpe"), anything else (spaces, punctuation, underscores) does not
        alternatives = sorted((r"\s+".join(map(re.escape, words)) for words in phrases), key=len, reverse=True)
        self._pattern = (
            re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?:e?s)?(?![^\W_])", re.IGNORECASE)
            if alternatives
            else None
        )

    @classmethod
    def parse(cls, text: str) -> "BlockedWords":
        """A list as the file holds it: one entry a line, blank lines and `#` comments ignored."""
        return cls(line.split("#", 1)[0] for line in text.splitlines())

    @classmethod
    def read(cls, path: Path) -> "BlockedWords":
        return cls.parse(path.read_text(encoding="utf-8"))

    def found_in(self, text: str) -> bool:
        """Whether `text` holds a listed word; full-width and other look-alike letters count as the plain ones."""
        return self._pattern is not None and self._pattern.search(unicodedata.normalize("NFKC", text)) is not None
