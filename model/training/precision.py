"""Pick fp32 or bf16 autocast for a CPU training run by timing both: bf16 is ~1.6× faster on CPUs with
AVX512-BF16 and ~8× slower on AVX2-only ones (both measured here), so it is measured, never assumed."""

import time
from collections.abc import Callable


def time_steps(step: Callable[[bool], object], use_bf16: bool, repeats: int) -> float:
    """Seconds per step after one warm-up step."""
    step(use_bf16)
    start = time.perf_counter()
    for _ in range(repeats):
        step(use_bf16)
    return (time.perf_counter() - start) / repeats


def choose_bf16(precision: str, step: Callable[[bool], object], repeats: int = 3) -> bool:
    """ "bf16"/"fp32" as asked; "auto" runs a few real training steps each way and keeps the faster."""
    if precision != "auto":
        return precision == "bf16"
    fp32, bf16 = time_steps(step, False, repeats), time_steps(step, True, repeats)
    print(f"step time: fp32 {fp32 * 1000:.0f} ms, bf16 autocast {bf16 * 1000:.0f} ms", flush=True)
    return bf16 < fp32
