"""Pick fp32 or bf16 autocast for a CPU training run by timing both: bf16 is ~1.6× faster on CPUs with
AVX512-BF16 and ~8× slower on AVX2-only ones (both measured here), so it is measured, never assumed."""

import time
from collections.abc import Callable


def fastest_steps(step: Callable[[bool], object], repeats: int) -> tuple[float, float]:
    """Seconds of the fastest fp32 and bf16 step, the two taken in turns after a warm-up step each.

    Taking turns and keeping the fastest lets a neighbour's burst of work slow both ways or neither:
    timing noise only ever adds, and timed one way after the other, a burst picked the wrong one.
    """
    step(False)
    step(True)
    fastest = {False: float("inf"), True: float("inf")}
    for _ in range(repeats):
        for use_bf16 in (False, True):
            start = time.perf_counter()
            step(use_bf16)
            fastest[use_bf16] = min(fastest[use_bf16], time.perf_counter() - start)
    return fastest[False], fastest[True]


def choose_bf16(precision: str, step: Callable[[bool], object], repeats: int = 4) -> bool:
    """ "bf16"/"fp32" as asked; "auto" runs a few real training steps each way and keeps the faster."""
    if precision != "auto":
        return precision == "bf16"
    fp32, bf16 = fastest_steps(step, repeats)
    print(f"fastest step of {repeats}: fp32 {fp32 * 1000:.0f} ms, bf16 autocast {bf16 * 1000:.0f} ms", flush=True)
    return bf16 < fp32
