"""Seeds: the one range a run may ask for, and the seed of each picture of a run."""

MAX_SEED = 2**31 - 1  # one range everywhere: it fits a JavaScript number and a u32 without surprises
PICTURES_APART = 256  # runs of up to this many pictures at seeds closer than 2²³ never share a picture's dust


def picture_seed(seed: int, picture: int) -> int:
    """The seed of a run's picture: its own seed for the first, and for the others one from 2³¹ up, which no run
    can ask for (a CPU generator reads only a seed's low 32 bits, so they stay below 2³²)."""
    return seed if picture == 0 else MAX_SEED + 1 + (seed * PICTURES_APART + picture) % (MAX_SEED + 1)
