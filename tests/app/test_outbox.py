"""The per-connection outbox: bounded for a slow reader, and never loses what matters."""

import asyncio
import contextlib

from app.outbox import Batch, Outbox


def _drain(outbox: Outbox) -> list[Batch]:
    async def take_all() -> list[Batch]:
        batches = []
        while True:
            try:
                batches.append(await asyncio.wait_for(outbox.get(), 0.01))
            except TimeoutError:
                return batches

    return asyncio.run(take_all())


def test_a_reader_that_never_reads_keeps_only_the_newest_previews_but_every_essential():
    outbox = Outbox(max_previews=4)
    outbox.put(("start",))
    for step in range(1000):
        outbox.put((f"step {step}", b"x_t", b"x0"), preview=True)
    outbox.put((b"final", "done"))

    batches = _drain(outbox)
    assert [b.payloads[0] for b in batches] == ["start", "step 996", "step 997", "step 998", "step 999", b"final"]
    assert batches[-1].payloads == (b"final", "done")
    assert outbox.dropped == 996


def test_a_reader_that_keeps_up_loses_nothing():
    async def read_as_written() -> list[Batch]:
        received = []
        for step in range(50):
            outbox.put((f"step {step}",), preview=True)
            received.append(await outbox.get())
        return received

    outbox = Outbox(max_previews=2)
    assert [b.payloads[0] for b in asyncio.run(read_as_written())] == [f"step {i}" for i in range(50)]
    assert outbox.dropped == 0


def test_essentials_between_previews_keep_their_place():
    outbox = Outbox(max_previews=1)
    outbox.put(("step 0",), preview=True)
    outbox.put(("queued",))
    outbox.put(("step 1",), preview=True)
    assert [b.payloads[0] for b in _drain(outbox)] == ["queued", "step 1"]


def test_get_waits_for_a_put_and_survives_cancellation():
    async def scenario() -> Batch:
        outbox = Outbox(max_previews=1)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(outbox.get(), 0.01)
        waiter = asyncio.create_task(outbox.get())
        await asyncio.sleep(0)
        outbox.put(("hello",))
        return await waiter

    assert asyncio.run(scenario()).payloads == ("hello",)
