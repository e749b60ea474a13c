"""A run's sampler a few steps ahead of its frames: same items in order, a bounded lead, errors and early stops."""

import threading

import pytest

from app.ahead import ahead

pytestmark = pytest.mark.timeout(30)


def test_the_items_come_in_order_from_a_thread_that_runs_ahead_of_the_reader():
    second_made = threading.Event()
    threads = []

    def count():
        for i in range(5):
            threads.append(threading.current_thread().name)
            if i == 1:
                second_made.set()
            yield i

    items = ahead(count(), depth=2, name="producer")
    assert next(items) == 0
    assert second_made.wait(5), "the producer waited for the reader instead of running ahead"
    assert [0, *items] == [0, 1, 2, 3, 4]
    assert set(threads) == {"producer"}


def test_the_producer_stays_within_its_lead():
    made = 0

    def count():
        nonlocal made
        for i in range(50):
            made += 1
            yield i

    for read, _ in enumerate(ahead(count(), depth=2, name="producer"), start=1):
        # `depth` waiting in the buffer, one more made and waiting to be put
        assert made <= read + 2 + 1


def test_the_producers_error_is_raised_to_the_reader_after_its_items():
    crayons = RuntimeError("out of crayons")

    def broken():
        yield 1
        raise crayons

    items = ahead(broken(), depth=2, name="producer")
    assert next(items) == 1
    with pytest.raises(RuntimeError) as raised:
        next(items)
    assert raised.value is crayons


def test_a_reader_that_stops_early_stops_the_producer_and_closes_its_iterator():
    closed = threading.Event()

    def endless():
        try:
            i = 0
            while True:
                yield i
                i += 1
        finally:
            closed.set()

    items = ahead(endless(), depth=2, name="endless producer")
    assert [next(items) for _ in range(3)] == [0, 1, 2]
    items.close()
    assert closed.is_set()  # close() returned only after the producer ended
    assert not any(thread.name == "endless producer" for thread in threading.enumerate())
