"""Pick how a training step runs by timing the candidates on the machine at hand, never assuming.

bf16 autocast is ~1.6× faster than fp32 on CPUs with AVX512-BF16 and ~8× slower on AVX2-only ones; under
bf16 autocast, PyTorch's CPU flash-attention backward took 35 % of a U-Net step, and its plain "math"
attention made both teams' steps ~25 % faster, while under fp32 it was ~5 % slower (all measured here). On an
H200 the default kernel won instead (U-Net 183 against 207 ms with two runs sharing it, DiT 43 against 50 alone;
bf16, batch 1,024).
"""

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from torch.nn.attention import SDPBackend, sdpa_kernel


@dataclass(frozen=True)
class StepWay:
    """One way to run a training step: the precision, and the attention kernel (None: PyTorch's own pick)."""

    bf16: bool
    attention: SDPBackend | None = None

    def __str__(self) -> str:
        kernel = "default" if self.attention is None else self.attention.name.lower()
        return f"{'bf16 autocast' if self.bf16 else 'fp32'}, {kernel} attention"

    @contextlib.contextmanager
    def attention_kernel(self) -> Iterator[None]:
        """Scaled-dot-product attention inside this block runs on this way's kernel."""
        with contextlib.nullcontext() if self.attention is None else sdpa_kernel(self.attention):
            yield


def fastest_steps(ways: list[StepWay], step: Callable[[StepWay], object], repeats: int) -> dict[StepWay, float]:
    """Seconds of each way's fastest step, the ways taken in turns after a warm-up step each.

    Taking turns and keeping the fastest lets a neighbour's burst of work slow all ways or none:
    timing noise only ever adds, and timed one way after the other, a burst picked the wrong one.
    """
    for way in ways:
        step(way)
    fastest = dict.fromkeys(ways, float("inf"))
    for _ in range(repeats):
        for way in ways:
            start = time.perf_counter()
            step(way)
            fastest[way] = min(fastest[way], time.perf_counter() - start)
    return fastest


def choose_step_way(
    precision: str, step: Callable[[StepWay], object], attention: bool = True, repeats: int = 4
) -> StepWay:
    """The fastest way here: "bf16"/"fp32" as asked or both when "auto", each with PyTorch's attention
    kernel and, where the model attends (`attention`), the math kernel too. One candidate runs no trial."""
    precisions = [False, True] if precision == "auto" else [precision == "bf16"]
    kernels = [None, SDPBackend.MATH] if attention else [None]
    ways = [StepWay(bf16, kernel) for bf16 in precisions for kernel in kernels]
    if len(ways) == 1:
        return ways[0]
    seconds = fastest_steps(ways, step, repeats)
    timings = ", ".join(f"{way} {1000 * s:.0f} ms" for way, s in seconds.items())
    print(f"fastest step of {repeats}: {timings}", flush=True)
    return min(ways, key=seconds.__getitem__)
