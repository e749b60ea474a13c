import time

import pytest

from model.training.precision import choose_bf16


def _step_taking(fp32_seconds: float, bf16_seconds: float, calls: list[bool], busy: range = range(0)):
    """A training step of known length; calls numbered in `busy` run ten times slower (a neighbour's burst)."""

    def step(use_bf16: bool) -> None:
        slowdown = 10 if len(calls) in busy else 1
        calls.append(use_bf16)
        time.sleep(slowdown * (bf16_seconds if use_bf16 else fp32_seconds))

    return step


@pytest.mark.parametrize(("fp32", "bf16", "expected"), [(0.02, 0.001, True), (0.001, 0.02, False)])
def test_auto_keeps_whichever_ran_faster_here(fp32, bf16, expected):
    calls: list[bool] = []
    assert choose_bf16("auto", _step_taking(fp32, bf16, calls), repeats=2) is expected
    assert calls == [False, True] * 3  # one warm-up and two timed steps each way, in turns


def test_a_burst_of_other_work_during_the_trial_does_not_decide_it():
    calls: list[bool] = []
    # timed fp32 first and then bf16, the burst falls on most bf16 steps (10 × 5 ms = 50 ms > fp32's 20 ms)
    step = _step_taking(0.02, 0.005, calls, busy=range(4, 8))
    assert choose_bf16("auto", step, repeats=4) is True


@pytest.mark.parametrize(("asked", "expected"), [("bf16", True), ("fp32", False)])
def test_an_explicit_choice_runs_no_trial_steps(asked, expected):
    calls: list[bool] = []
    assert choose_bf16(asked, _step_taking(0.0, 0.0, calls)) is expected
    assert calls == []
