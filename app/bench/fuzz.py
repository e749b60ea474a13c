"""Fuzz at scale: `python -m app.bench.fuzz [--messages 10000] [--seed 0]`. Prints counts; asserts nothing.

Starts the real server (uvicorn, in a child process on loopback, the tiny model) and sends it random
and malformed messages over real WebSockets: wrong types, huge numbers, NaN and Infinity, deep nesting,
odd unicode, binary frames, oversize frames and floods. After each message a sentinel (a generate with
steps -77, always refused with a sentence naming -77) shows that the connection still answers: every
message must end in answers and the sentinel's error, or in a clean close (then it reconnects). At the
end a normal run must still draw, and the server must still be up.
"""

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from typing import get_args

from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from app.bench.load import free_port, wait_healthy
from app.protocol import ErrorCode

SENTINEL = json.dumps({"type": "generate", "prompt": "x", "steps": -77})
ERROR_CODES = set(get_args(ErrorCode))
KINDS = ["generate", "cancel", "open_room", "join_room", "set_name", "dance", "", None, 7, ["generate"]]
FIELDS = ["prompt", "negative_prompt", "steps", "guidance_scale", "seed", "sampler", "backbone", "num_images",
          "schedule", "code", "key", "colour"]  # fmt: skip


def odd_text(rng: random.Random) -> str:
    """ASCII, other scripts and emoji, mixed."""
    points = [
        rng.choice([rng.randrange(32, 127), rng.randrange(0x80, 0x2FFF), 0x1F600]) for _ in range(rng.randrange(40))
    ]
    return "".join(map(chr, points))


def odd_value(rng: random.Random, depth: int = 0) -> object:
    """A JSON value of any kind, often out of range or of the wrong type."""
    pick = rng.randrange(11 if depth < 3 else 8)
    return [
        lambda: None,
        lambda: rng.choice([True, False]),
        lambda: rng.randint(-(2**70), 2**70),
        lambda: rng.choice([float("nan"), float("inf"), -float("inf"), 1e308, -0.0, 3.5]),
        lambda: rng.randint(-3, 25),
        lambda: odd_text(rng),
        lambda: rng.choice(["ddim", "dpmpp_2m", "unet", "dit", "cosine", "a red apple", "K7QX"]),
        lambda: "\u202e\u0000\ud7ff" * rng.randrange(1, 5),
        lambda: [odd_value(rng, depth + 1) for _ in range(rng.randrange(4))],
        lambda: {rng.choice(FIELDS): odd_value(rng, depth + 1) for _ in range(rng.randrange(4))},
        lambda: odd_value(rng, depth + 1),
    ][pick]()  # fmt: skip


def random_message(rng: random.Random, max_bytes: int) -> tuple[str, str | bytes | list[str]]:
    """(category, payload): one text or binary frame, or a flood (a list of text frames sent back to back)."""
    category = rng.choice(["command", "command", "command", "json", "text", "binary", "nested", "oversize", "flood"])
    if category == "command":
        command = {name: odd_value(rng) for name in rng.sample(FIELDS, rng.randrange(len(FIELDS)))}
        return category, json.dumps({**command, "type": rng.choice(KINDS)})
    if category == "json":
        return category, json.dumps(odd_value(rng))
    if category == "text":
        return category, "".join(chr(rng.randrange(1, 0xD7FF)) for _ in range(rng.randrange(80)))
    if category == "binary":
        return category, rng.randbytes(rng.randrange(200))
    if category == "nested":
        depth = rng.randrange(100, 20_000)
        return category, "[" * depth + "]" * depth if rng.random() < 0.5 else '{"a":' * depth + "1" + "}" * depth
    if category == "oversize":
        size = rng.choice([max_bytes + 1, 4 * max_bytes, 2**20 + 10])  # past the message limit, or the socket's
        return category, json.dumps({"type": "generate", "prompt": "x" * size})
    return category, [json.dumps({"type": rng.choice(["cancel", "join_room", "dance"])}) for _ in range(60)]


def answered(socket: ClientConnection) -> list[dict]:
    """Everything answered before the sentinel's error (frames skipped)."""
    seen: list[dict] = []
    while True:
        data = socket.recv(timeout=30)
        if isinstance(data, bytes):
            continue
        message = json.loads(data)
        if message["type"] == "error" and "-77" in message["message"]:
            return seen
        seen.append(message)


def run_to_end(socket: ClientConnection) -> str:
    """How a run ends: done, error or cancelled."""
    while True:
        data = socket.recv(timeout=60)
        if isinstance(data, str) and (kind := json.loads(data)["type"]) in ("done", "error", "cancelled"):
            return kind


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.serve:
        from app.bench.load import serve

        serve(args.serve, tiny=True, max_batch_rows=8)
        return
    rng = random.Random(args.seed)
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DUST_MAX_STEPS": "3", "DUST_MESSAGE_BURST": "100000"}
    server = subprocess.Popen([sys.executable, "-m", "app.bench.fuzz", "--serve", str(port)], env=env)
    url = f"ws://127.0.0.1:{port}/ws"
    counts: Counter[str] = Counter()  # messages sent, by kind
    answers: Counter[str] = Counter()  # answers, by type
    errors: Counter[str] = Counter()  # error answers, by code
    unanswered = reconnects = 0
    started = time.perf_counter()
    try:
        wait_healthy(port, server)
        sockets = contextlib.ExitStack()  # every connection, closed at the end
        socket = sockets.enter_context(connect(url, max_size=None, open_timeout=30))
        socket.recv(timeout=10)  # hello
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/options", timeout=10) as response:
            max_bytes = json.load(response)["limits"]["max_message_bytes"]
        for _ in range(args.messages):
            category, payload = random_message(rng, max_bytes)
            counts[category] += 1
            try:
                for frame in payload if isinstance(payload, list) else [payload]:
                    socket.send(frame)
                socket.send(SENTINEL)
                for message in answered(socket):
                    answers[message["type"]] += 1
                    if message["type"] == "error":
                        errors[message["code"] if message["code"] in ERROR_CODES else "UNKNOWN CODE"] += 1
                    if message["type"] in ("accepted", "queued"):
                        socket.send(json.dumps({"type": "cancel"}))
            except ConnectionClosed as closed:
                answers[f"closed {closed.rcvd.code if closed.rcvd else 'without a code'}"] += 1
                socket = sockets.enter_context(connect(url, max_size=None, open_timeout=30))
                socket.recv(timeout=10)
                reconnects += 1
            except TimeoutError:
                unanswered += 1
        socket.send(json.dumps({"type": "generate", "prompt": "a red apple", "steps": 3, "seed": 1}))
        normal = run_to_end(socket)
        sockets.close()
    finally:
        alive = server.poll() is None
        server.terminate()
        server.wait(timeout=60)
    seconds = time.perf_counter() - started
    print(f"{args.messages} messages in {seconds:.0f} s over real sockets (seed {args.seed}); server alive: {alive}")
    print("sent:", dict(sorted(counts.items())))
    print("answers:", dict(sorted(answers.items())))
    print("errors by code:", dict(sorted(errors.items())))
    print(f"unanswered (no sentinel reply within 30 s): {unanswered}; reconnects after a clean close: {reconnects}")
    print(f"a normal run afterwards ended with: {normal}")


if __name__ == "__main__":
    main()
