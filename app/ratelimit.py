"""Token buckets: one per connection, so one script can't flood the server with messages, and one per client
address for wrong guesses of room codes and teachers' keys, so nobody can walk through them."""

import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
MAX_ADDRESSES = 4096  # guessing addresses remembered; past this those that have waited out their limit are forgotten


class TokenBucket:
    """Allows `burst` messages at once and `rate` per second after that."""

    def __init__(self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._rate = rate
        self._burst = float(burst)
        self._tokens = float(burst)
        self._clock = clock
        self._last = clock()

    def allow(self) -> bool:
        """Spend a token if there is one."""
        self._refill()
        if self._tokens < 1:
            return False
        self._tokens -= 1
        return True

    def retry_after(self) -> float:
        """Seconds until a token is free; 0 when one is."""
        self._refill()
        return max(0.0, (1 - self._tokens) / self._rate)

    def full(self) -> bool:
        """Every token is back: this bucket remembers nothing worth keeping."""
        self._refill()
        return self._tokens >= self._burst

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._last) * self._rate)
        self._last = now


class TooManyGuesses(Exception):
    """One address got room codes or keys wrong too often; `retry_after` is whole seconds to wait."""

    def __init__(self, wait: float) -> None:
        self.retry_after = max(1, math.ceil(wait))
        super().__init__(
            f"Too many wrong room codes from this device; check the code on the board and try again in "
            f"{self.retry_after} seconds."
        )


class GuessLimit:
    """`per_minute` wrong guesses per client address, then one more each 60/per_minute seconds.

    Only wrong guesses count, so a class sharing one address (behind a NAT) is never slowed by joining.
    """

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._per_minute = per_minute
        self._clock = clock
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()  # routes in the threadpool and sockets on the event loop both guess

    def guess(self, address: str, lookup: Callable[[], T]) -> T:
        """`lookup()`, unless `address` must wait (TooManyGuesses); a falsy answer counts as a wrong guess."""
        with self._lock:
            bucket = self._buckets.get(address)
            if bucket is not None and (wait := bucket.retry_after()) > 0:
                raise TooManyGuesses(wait)
        answer = lookup()
        if not answer:
            with self._lock:
                self._bucket(address).allow()
        return answer

    def _bucket(self, address: str) -> TokenBucket:
        if address not in self._buckets and len(self._buckets) >= MAX_ADDRESSES:
            self._buckets = {known: bucket for known, bucket in self._buckets.items() if not bucket.full()}
        return self._buckets.setdefault(address, TokenBucket(self._per_minute / 60, self._per_minute, self._clock))
