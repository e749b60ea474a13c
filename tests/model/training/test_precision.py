import time

import pytest

from model.training.precision import choose_bf16


def _step_taking(fp32_seconds: float, bf16_seconds: float, calls: list[bool]):
    def step(use_bf16: bool) -> None:
        calls.append(use_bf16)
        time.sleep(bf16_seconds if use_bf16 else fp32_seconds)

    return step


@pytest.mark.parametrize(("fp32", "bf16", "expected"), [(0.02, 0.001, True), (0.001, 0.02, False)])
def test_auto_keeps_whichever_ran_faster_here(fp32, bf16, expected):
    calls: list[bool] = []
    assert choose_bf16("auto", _step_taking(fp32, bf16, calls), repeats=2) is expected
    assert calls == [False] * 3 + [True] * 3  # one warm-up and two timed steps each way


@pytest.mark.parametrize(("asked", "expected"), [("bf16", True), ("fp32", False)])
def test_an_explicit_choice_runs_no_trial_steps(asked, expected):
    calls: list[bool] = []
    assert choose_bf16(asked, _step_taking(0.0, 0.0, calls)) is expected
    assert calls == []
