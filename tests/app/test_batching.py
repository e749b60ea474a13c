"""Step-level batching: a run's steps are the same alone or sharing passes, and one bad run fails alone."""

import threading

import pytest
import torch

from app.batcher import Batcher, ParkedCall
from app.engine import decoder_paints
from model.pipeline import GenerationRequest, Pipeline
from model.samplers import Step

pytestmark = pytest.mark.timeout(120)

MIXED = [
    GenerationRequest("a red apple", num_inference_steps=6, guidance_scale=3.0, seed=1, sampler="ddim"),
    GenerationRequest("a smiling cat", num_inference_steps=4, guidance_scale=1.0, seed=2, num_images=2),
    GenerationRequest("a tree", negative_prompt="snow", num_inference_steps=5, seed=3, schedule="cosine"),
    GenerationRequest("the sun", num_inference_steps=3, guidance_scale=5.0, seed=4, sampler="ddim", backbone="dit"),
    GenerationRequest("a boat", num_inference_steps=5, seed=5, sampler="ddpm"),
]


def _drain_batched(
    pipeline: Pipeline, requests: list[GenerationRequest]
) -> tuple[list[list[Step]], list[int], list[int]]:
    """Run every request on its own thread with a Batcher; tick whenever every live run has parked a call.

    Returns each run's steps and the calls in each network pass and in each painting pass.
    """
    lock = threading.Condition()
    batcher = Batcher(lock)
    results: list[list[Step]] = [[] for _ in requests]
    finished = [False] * len(requests)

    def run(i: int) -> None:
        results[i] = list(pipeline.generate(requests[i], forward=batcher.forward, run_painter=batcher.paint))
        with lock:
            finished[i] = True
            lock.notify_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    network_passes, painting_passes = [], []
    while True:
        with lock:
            lock.wait_for(lambda: all(finished) or len(batcher.pending) == finished.count(False), timeout=10)
            if all(finished):
                break
            calls = batcher.take(max_rows=1000, painting=bool(batcher.parked(painting=True)))
        (painting_passes if calls[0].painting else network_passes).append(len(calls))
        batcher.run(calls)
    for thread in threads:
        thread.join()
    return results, network_passes, painting_passes


def test_every_step_is_the_same_alone_or_batched_with_other_settings(pipeline):
    alone = [list(pipeline.generate(request)) for request in MIXED]
    batched, network_passes, painting_passes = _drain_batched(pipeline, MIXED)
    assert max(network_passes) >= 3, "the runs never shared a forward pass"
    if pipeline.sketchbook is None:
        assert painting_passes == []
    else:  # every step of every run is painted, and the runs' paintings share passes as their steps do
        assert sum(painting_passes) == sum(len(steps) for steps in batched)
        assert max(painting_passes) >= 3, "the runs never shared a painting pass"
    for solo, shared in zip(alone, batched):
        assert len(solo) == len(shared)
        for a, b in zip(solo, shared):
            for name in ("x_t", "pred_x0", "pred_noise", "x_next"):
                torch.testing.assert_close(getattr(a, name), getattr(b, name), atol=1e-5, rtol=1e-4)


class _SmallMemory(torch.nn.Module):
    """Doubles its input, but runs out of GPU memory on batches of more than two rows."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[int] = []

    def forward(self, x, t, cond):
        if x.shape[0] > 2:
            raise torch.cuda.OutOfMemoryError("CUDA out of memory (pretend)")
        self.batches.append(x.shape[0])
        return x * 2


class _Flaky(torch.nn.Module):
    """Doubles its input, but refuses any batch holding the value 666."""

    def forward(self, x, t, cond):
        if (x == 666).any():
            raise RuntimeError("cursed input")
        return x * 2


def _answer_together(pipeline: Pipeline, net: torch.nn.Module, inputs: list[torch.Tensor]) -> dict[int, object]:
    """Park one forward call per input on its own thread, run them as one batch, collect answers or errors."""
    lock = threading.Condition()
    batcher = Batcher(lock)
    cond = pipeline.clip.condition(["x"])
    answers: dict[int, object] = {}

    def call(i: int) -> None:
        try:
            answers[i] = batcher.forward(net, inputs[i], torch.zeros(1), cond)
        except RuntimeError as error:
            answers[i] = error

    threads = [threading.Thread(target=call, args=(i,)) for i in range(len(inputs))]
    for thread in threads:
        thread.start()
    with lock:
        lock.wait_for(lambda: len(batcher.pending) == len(inputs), timeout=10)
        calls = batcher.take(max_rows=100, painting=False)
    batcher.run(calls)
    for thread in threads:
        thread.join()
    return answers


def test_a_failing_call_fails_alone_and_the_rest_of_its_batch_is_answered(pipeline):
    inputs = [torch.full((1, 3, 2, 2), value) for value in (1.0, 666.0, 3.0, 4.0)]
    answers = _answer_together(pipeline, _Flaky(), inputs)
    assert isinstance(answers[1], RuntimeError) and "cursed" in str(answers[1])
    for i in (0, 2, 3):
        torch.testing.assert_close(answers[i], inputs[i] * 2)


def test_out_of_memory_is_retried_in_smaller_batches(pipeline):
    net = _SmallMemory()
    inputs = [torch.full((1, 3, 2, 2), float(value)) for value in range(5)]
    answers = _answer_together(pipeline, net, inputs)
    for i, x in enumerate(inputs):
        torch.testing.assert_close(answers[i], x * 2)
    assert sum(net.batches) == 5 and max(net.batches) <= 2


def test_a_tick_takes_the_oldest_calls_for_one_network_up_to_the_row_cap(pipeline):
    batcher = Batcher(threading.Condition())
    unet, dit = (pipeline.team(name).network for name in ("unet", "dit"))
    cond = pipeline.clip.condition(["x"])
    batcher.pending = [
        ParkedCall(net, torch.zeros(rows, 3, 2, 2), torch.zeros(rows), cond)
        for net, rows in [(unet, 2), (dit, 1), (unet, 2), (unet, 2)]
    ]
    first = batcher.take(max_rows=4, painting=False)
    assert [c.net for c in first] == [unet, unet] and len(batcher.pending) == 2
    assert [c.net for c in batcher.take(max_rows=4, painting=False)] == [dit]
    assert [c.net for c in batcher.take(max_rows=1, painting=False)] == [unet]  # bigger than the cap: runs alone


def test_paintings_and_network_calls_are_taken_apart_for_their_own_workers(pipeline):
    batcher = Batcher(threading.Condition())
    unet, cond = pipeline.team("unet").network, pipeline.clip.condition(["x"])
    forward = ParkedCall(unet, torch.zeros(2, 3, 2, 2), torch.zeros(2), cond)
    paintings = [ParkedCall(pipeline.to_pictures, torch.zeros(1, 4, 2, 2)) for _ in range(2)]
    batcher.pending = [forward, *paintings]
    assert batcher.parked(painting=True) == paintings and batcher.parked(painting=False) == [forward]
    assert batcher.take(max_rows=8, painting=True) == paintings  # the same decoder, though each call named it afresh
    assert batcher.take(max_rows=8, painting=False) == [forward]


def test_the_decoder_paints_at_the_models_cadence_alone_and_every_few_steps_on_a_busy_server():
    assert all(decoder_paints(index, runs=1, model_paint_every=1, busy_paint_every=4) for index in range(10))
    busy = [decoder_paints(index, runs=3, model_paint_every=1, busy_paint_every=4) for index in range(9)]
    assert busy == [True, False, False, False, True, False, False, False, True]
    assert all(decoder_paints(index, runs=5, model_paint_every=1, busy_paint_every=1) for index in range(10))
    big_vae = [
        decoder_paints(index, runs, model_paint_every=5, busy_paint_every=4) for runs in (1, 2) for index in range(6)
    ]
    assert big_vae == [True, False, False, False, False, True] * 2  # its own cadence is already the sparser one
