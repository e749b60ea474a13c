"""Finished runs kept briefly in memory, so the page can download a GIF without drawing again."""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from app.imaging import reveal_gif

GIF_TARGET_PIXELS = 192  # each picture is upscaled to about this size, crisp enough for slides
GIF_LABELS = ("the dusty paper", "what the model thinks it is")  # the page's names for the two panels


@dataclass
class Reveal:
    """Every step of one run: what the paper looked like and what the model guessed, then the picture."""

    dusty: list[np.ndarray] = field(default_factory=list)  # (B, H, W, 3) uint8 x_t per step
    guesses: list[np.ndarray] = field(default_factory=list)  # (B, H, W, 3) uint8 predicted x0 per step
    file_stem: str = "dust-to-detail"  # what a download is named: the prompt's words and the seed

    def record(self, dusty: np.ndarray, guess: np.ndarray) -> None:
        self.dusty.append(dusty)
        self.guesses.append(guess)

    def gif(self, image_size: int, fps: int = 8) -> bytes:
        """The whole reveal as a looping GIF: the dusty paper beside the model's guess, every step."""
        panels = [[dusty, guess] for dusty, guess in zip(self.dusty, self.guesses)]
        scale = max(1, GIF_TARGET_PIXELS // image_size)
        return reveal_gif(panels, scale=scale, frame_ms=1000 // fps, hold_ms=2000, labels=GIF_LABELS)

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in self.dusty) + sum(a.nbytes for a in self.guesses)


class ReplayStore:
    """The most recent finished runs, evicting the oldest past `max_jobs` or `max_bytes`.

    Written by each run's own thread and read by request handlers, hence the lock.
    """

    def __init__(self, max_jobs: int, max_bytes: int) -> None:
        self._max_jobs = max_jobs
        self._max_bytes = max_bytes
        self._reveals: OrderedDict[int, Reveal] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, job_id: int, reveal: Reveal) -> None:
        """Keep a run; one bigger than the whole budget is not kept at all."""
        if reveal.nbytes > self._max_bytes:
            return
        with self._lock:
            self._reveals[job_id] = reveal
            total = sum(r.nbytes for r in self._reveals.values())
            while len(self._reveals) > self._max_jobs or total > self._max_bytes:
                _, evicted = self._reveals.popitem(last=False)
                total -= evicted.nbytes

    def get(self, job_id: int) -> Reveal | None:
        with self._lock:
            return self._reveals.get(job_id)
