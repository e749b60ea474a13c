import time

import pytest
import torch
import torch.nn.functional as F
from torch.nn.attention import SDPBackend

from model.training.precision import StepWay, choose_step_way

FLASH_BF16, MATH_BF16 = StepWay(True), StepWay(True, SDPBackend.MATH)
FLASH_FP32, MATH_FP32 = StepWay(False), StepWay(False, SDPBackend.MATH)


def _step_taking(seconds: dict[StepWay, float], calls: list[StepWay], busy: range = range(0)):
    """A training step of known length per way; calls numbered in `busy` run ten times slower (a neighbour)."""

    def step(way: StepWay) -> None:
        slowdown = 10 if len(calls) in busy else 1
        calls.append(way)
        time.sleep(slowdown * seconds[way])

    return step


@pytest.mark.parametrize("winner", [FLASH_FP32, MATH_FP32, FLASH_BF16, MATH_BF16])
def test_auto_keeps_whichever_way_ran_fastest_here(winner: StepWay):
    seconds = {way: 0.001 if way == winner else 0.015 for way in (FLASH_FP32, MATH_FP32, FLASH_BF16, MATH_BF16)}
    calls: list[StepWay] = []
    assert choose_step_way("auto", _step_taking(seconds, calls), repeats=2) == winner
    assert calls == [FLASH_FP32, MATH_FP32, FLASH_BF16, MATH_BF16] * 3  # a warm-up and two timed steps, in turns


def test_a_burst_of_other_work_during_the_trial_does_not_decide_it():
    calls: list[StepWay] = []
    seconds = {FLASH_FP32: 0.02, FLASH_BF16: 0.005}
    # timed fp32 first and then bf16, the burst would fall on most bf16 steps (10 × 5 ms = 50 ms > fp32's 20 ms)
    step = _step_taking(seconds, calls, busy=range(4, 8))
    assert choose_step_way("auto", step, attention=False, repeats=4) == FLASH_BF16


@pytest.mark.parametrize(("asked", "bf16"), [("bf16", True), ("fp32", False)])
def test_an_asked_precision_times_only_the_attention_kernels(asked: str, bf16: bool):
    calls: list[StepWay] = []
    seconds = {StepWay(bf16): 0.015, StepWay(bf16, SDPBackend.MATH): 0.001}
    assert choose_step_way(asked, _step_taking(seconds, calls), repeats=1) == StepWay(bf16, SDPBackend.MATH)
    assert {way.bf16 for way in calls} == {bf16}


@pytest.mark.parametrize(("asked", "bf16"), [("bf16", True), ("fp32", False)])
def test_an_asked_precision_without_attention_runs_no_trial_steps(asked: str, bf16: bool):
    calls: list[StepWay] = []
    assert choose_step_way(asked, _step_taking({}, calls), attention=False) == StepWay(bf16)
    assert calls == []


def _attention_ops(way: StepWay, q, k, v, mask) -> tuple[torch.Tensor, set[str]]:
    """Attention run the way `way` says, and the names of the attention kernels that ran."""
    with torch.profiler.profile() as profiler, way.attention_kernel():
        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    return out, {event.name for event in profiler.events() if "_scaled_dot_product" in event.name}


def test_the_math_kernel_runs_when_asked_and_computes_the_same_attention():
    q, k, v = torch.randn(3, 2, 4, 64, 24).unbind(0)  # (B, heads, tokens, d), a U-Net level's attention
    mask = torch.rand(2, 1, 1, 64) < 0.7
    mask[..., 0] = True
    default, default_ops = _attention_ops(FLASH_FP32, q, k, v, mask)
    math, math_ops = _attention_ops(MATH_FP32, q, k, v, mask)
    assert math_ops == {"aten::_scaled_dot_product_attention_math"} and default_ops != math_ops
    assert torch.allclose(math, default, atol=1e-5)
    assert str(MATH_BF16) == "bf16 autocast, math attention" and str(FLASH_FP32) == "fp32, default attention"
