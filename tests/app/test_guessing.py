"""Room codes and teachers' keys cannot be walked through: wrong guesses per address are limited, then 429."""

import json

import pytest
from websockets.sync.client import connect

from app.ratelimit import GuessLimit, TooManyGuesses

pytestmark = pytest.mark.timeout(120)

PER_MINUTE = 10  # the default of DUST_WRONG_GUESSES_PER_MINUTE


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _ask_socket(port: int, message: dict) -> dict:
    with connect(f"ws://127.0.0.1:{port}/ws", origin=f"http://127.0.0.1:{port}") as socket:
        socket.recv(timeout=10)  # hello
        socket.send(json.dumps(message))
        return json.loads(socket.recv(timeout=10))


def test_wrong_room_codes_get_a_polite_429_then_the_socket_refuses_too(served):
    opened = _ask_socket(served.port, {"type": "open_room"})
    statuses = [served.ask(f"/api/rooms/Q{n:03d}/join")[0] for n in range(PER_MINUTE)]
    assert statuses == [404] * PER_MINUTE
    status, headers, body = served.ask("/api/rooms/QQQQ/join")
    assert status == 429
    assert 1 <= int(headers["Retry-After"]) <= 60 / PER_MINUTE
    assert "try again in" in json.loads(body)["detail"]
    assert served.ask(f"/api/rooms/{opened['code']}/join")[0] == 429, "a right guess while waiting is no answer"
    refused = _ask_socket(served.port, {"type": "join_room", "code": opened["code"]})
    assert (refused["type"], refused["code"]) == ("error", "rate_limited")
    assert _ask_socket(served.port, {"type": "open_room"})["type"] == "room", "opening a room is no guess"


def test_only_wrong_guesses_count_and_the_allowance_comes_back():
    clock = Clock()
    guesses = GuessLimit(PER_MINUTE, clock)
    for _ in range(100):
        assert guesses.guess("student", lambda: "room") == "room"  # a whole class joining behind one address
    for _ in range(PER_MINUTE):
        assert guesses.guess("script", lambda: None) is None
    with pytest.raises(TooManyGuesses) as refused:
        guesses.guess("script", lambda: "room")
    assert refused.value.retry_after == 60 / PER_MINUTE
    assert guesses.guess("student", lambda: "room") == "room", "other addresses are not slowed"
    clock.now += 60 / PER_MINUTE
    assert guesses.guess("script", lambda: None) is None  # one more guess per 6 s
    with pytest.raises(TooManyGuesses):
        guesses.guess("script", lambda: None)


def test_a_wrong_teachers_key_counts_as_a_guess(client):
    for _ in range(PER_MINUTE):
        assert client.post("/api/gallery/1/pin", json={}, headers={"teacher-key": "guess"}).status_code == 403
    refused = client.post("/api/gallery/1/pin", json={}, headers={"teacher-key": "guess"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
