"""What a weights folder holds beside its checkpoints, read once when it loads (model/loading.py)."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WeightsFolder:
    path: Path | None = None  # where the weights came from; None for a model built in memory (tiny, training)
    vocabulary: frozenset[str] | None = None  # the words the teams were taught, when training recorded them
    things: tuple[str, ...] = ()  # the names of the things they draw, when training recorded them
    variety_scale: dict[str, float] | None = None  # the Variety lesson's score on real pictures, when measured
    paint_every: int = 1  # a lone run's decoder paints every this many steps; a big VAE takes more
