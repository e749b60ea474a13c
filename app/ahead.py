"""Run an iterator on a thread of its own, a few items ahead of its reader.

A run's sampler (its network calls) and what the page is shown of each step (the decoder's painting, PNG frames)
need not wait for each other: with the sampler one or two steps ahead, step k is painted and sent while step k + 1
is computed, on the other core.
"""

import queue
import threading
from collections.abc import Generator, Iterator
from typing import TypeVar

T = TypeVar("T")


def ahead(items: Iterator[T], depth: int, name: str) -> Generator[T, None, None]:
    """Yield what `items` yields, drained on a thread named `name` at most `depth` items ahead of this reader.

    The producer's exception is raised here, the same object; a reader that stops early (or is closed) stops the
    producer at its next item and waits for it, so nothing runs on after the reader has gone.
    """
    # an item rides in a 1-tuple; the end is None, or the producer's error
    buffer: queue.Queue[tuple[T] | BaseException | None] = queue.Queue(maxsize=depth)
    stopped = threading.Event()

    def put(entry: tuple[T] | BaseException | None) -> bool:
        """Hand an entry over unless the reader has gone; False once it has."""
        while not stopped.is_set():
            try:
                buffer.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put((item,)):
                    return
        except BaseException as error:  # handed to the reader, which raises it
            put(error)
        else:
            put(None)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    thread = threading.Thread(target=produce, name=name, daemon=True)
    thread.start()
    try:
        while True:
            entry = buffer.get()
            if entry is None:
                return
            if isinstance(entry, BaseException):
                raise entry
            yield entry[0]
    finally:
        stopped.set()
        thread.join()
