"""HTTP fuzz at scale: `python -m app.bench.http_fuzz [--requests 10000] [--seed 0]`. Prints counts; asserts nothing.

Starts the real server (uvicorn, in a child process on loopback, the tiny model, a gallery folder with a
canary file beside it) and sends every GET and POST route its OpenAPI schema declares generated paths,
queries, headers and bodies: odd path parameters, unknown and out-of-range query values, path traversal,
wrong methods, odd Host headers, JSON and bytes of every kind. Each answer is checked for a server error
(any 5xx but the lesson gate's 503 "busy"), a Python traceback, and anything read from outside the
gallery: the canary, /etc/passwd, the app's own source. At the end the server must still answer.
`python -m app.bench.fuzz` does the same for the WebSocket messages; tests/app/test_http_fuzz.py runs this
generator for a few hundred requests in the suite.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from websockets.sync.client import connect
from websockets.typing import Origin

from app.bench.fuzz import odd_text, odd_value
from app.bench.load import free_port, wait_healthy

BUSY = 503  # the lessons' gate answers "busy, try again" when its queue is full: by design, not a failure
OUTSIDE = [b"root:x:0:0", b"class Settings(BaseSettings)"]  # /etc/passwd and app/config.py: never served
OUTSIDE_FILES = ["etc/passwd", "app/config.py"]
TRAVERSALS = ["..", "%2e%2e", "%252e%252e", "..%2f..", "..\\..", "....//", ".%00.", "%c0%ae%c0%ae", "/", "//"]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]
HOSTS = ["evil.example", "localhost", "[::1]", "127.0.0.1.evil.example", "", "a" * 300, "127.0.0.1:99999"]
CONTENT_TYPES = ["application/json", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]


@dataclass(frozen=True)
class Route:
    method: str
    path: str  # with {parameters}
    query: list[str]  # the query parameters it reads


@dataclass(frozen=True)
class FuzzRequest:
    method: str
    target: str  # path and query, as sent
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


EXTRA_ROUTES = [Route("GET", "/static/{path}", []), Route("GET", "/docs", []), Route("GET", "/openapi.json", [])]


def routes_of(schema: dict) -> list[Route]:
    """Every GET and POST route in an OpenAPI schema, and the few routes it leaves out (static files, docs)."""
    routes = list(EXTRA_ROUTES)
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            query = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            routes.append(Route(method.upper(), path, query))
    return routes


def odd_segment(rng: random.Random, canary: str) -> str:
    """A path parameter: a number of any size, odd text, a room code, or a way out of the folder to a file that must
    never be served (`canary` is its path from the root, without the leading slash)."""
    return rng.choice(
        [
            lambda: str(rng.randint(-(2**70), 2**70)),
            lambda: str(rng.randint(-2, 5)),
            lambda: quote(odd_text(rng), safe=""),
            lambda: rng.choice(["QQQQ", "dust", "smiley", "style.css", "js/main.js"]),
            lambda: "/".join([rng.choice(TRAVERSALS)] * rng.randrange(1, 12) + [rng.choice(OUTSIDE_FILES + [canary])]),
            lambda: quote("x" * rng.randrange(1000, 8000)),
        ]
    )()


def random_request(rng: random.Random, routes: list[Route], canary: str) -> tuple[str, FuzzRequest]:
    """(category, request): a declared route with odd parameters, or odd in its method, Host or body."""
    route = rng.choice(routes)
    path = route.path
    while "{" in path:
        start, end = path.index("{"), path.index("}")
        path = path[:start] + odd_segment(rng, canary) + path[end + 1 :]
    names = route.query + [odd_text(rng)[:10] for _ in range(rng.randrange(2))]
    query = {name: json.dumps(odd_value(rng)).strip('"') for name in rng.sample(names, rng.randrange(len(names) + 1))}
    target = path + ("?" + urlencode(query) if query else "")
    category = rng.choice(["route", "route", "route", "method", "host", "body"])
    if category == "method":
        return category, FuzzRequest(rng.choice(METHODS), target)
    if category == "host":
        return category, FuzzRequest(route.method, target, {"Host": rng.choice(HOSTS)})
    if category == "body":
        body = rng.choice([json.dumps(odd_value(rng)).encode(), rng.randbytes(rng.randrange(300)), b"{" * 5000])
        headers = {"Content-Type": rng.choice(CONTENT_TYPES), "teacher-key": odd_text(rng).encode().hex()[:64]}
        return category, FuzzRequest(rng.choice(["POST", route.method]), target, headers, body)
    return category, FuzzRequest(route.method, target)


def problems(status: int, body: bytes, canary_text: bytes) -> list[str]:
    """What is wrong with one answer: a server error, a traceback, or something read from outside the gallery."""
    found = []
    if status >= 500 and status != BUSY:
        found.append(f"status {status}")
    if b"Traceback (most recent call last)" in body:
        found.append("a traceback")
    if any(secret in body for secret in [canary_text, *OUTSIDE]):
        found.append("a file from outside the gallery")
    return found


def draw_one_picture(port: int) -> None:
    """A finished run, so the gallery's picture and reveal routes have something to serve."""
    with connect(f"ws://127.0.0.1:{port}/ws", origin=Origin(f"http://127.0.0.1:{port}")) as socket:
        socket.recv(timeout=10)  # hello
        socket.send(json.dumps({"type": "generate", "prompt": "a red apple", "steps": 3, "seed": 1}))
        while not (isinstance(message := socket.recv(timeout=60), str) and json.loads(message)["type"] == "done"):
            pass


def send(connection: http.client.HTTPConnection, request: FuzzRequest) -> tuple[int, bytes]:
    headers = {"Host": f"127.0.0.1:{connection.port}", **request.headers}
    connection.request(request.method, request.target, request.body or None, headers)
    response = connection.getresponse()
    return response.status, response.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # the child process
    parser.add_argument("--gallery", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        from app.bench.load import serve

        serve(args.serve, tiny=True, max_batch_rows=8, gallery=args.gallery)
        return
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="dust-http-fuzz-"))
    canary_text = secrets.token_hex(16).encode()
    (folder / "canary.txt").write_bytes(canary_text)  # beside the gallery: no answer may ever contain it
    canary = str(folder / "canary.txt").lstrip("/")
    port = free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "DUST_WRONG_GUESSES_PER_MINUTE": "1000000"}  # reach past the limit
    command = [sys.executable, "-m", "app.bench.http_fuzz", "--serve", str(port), "--gallery", str(folder / "gallery")]
    server = subprocess.Popen(command, env=env)
    statuses: Counter[int] = Counter()
    sent: Counter[str] = Counter()
    found: Counter[str] = Counter()
    examples: dict[str, FuzzRequest] = {}  # the first request behind each kind of problem
    dropped = 0
    try:
        wait_healthy(port, server)
        draw_one_picture(port)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        routes = routes_of(json.loads(send(connection, FuzzRequest("GET", "/openapi.json"))[1]))
        started = time.perf_counter()
        for _ in range(args.requests):
            category, request = random_request(rng, routes, canary)
            sent[category] += 1
            try:
                status, body = send(connection, request)
            except (http.client.HTTPException, OSError):
                dropped += 1  # the server closed the connection (e.g. after a malformed request): open another
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                continue
            statuses[status] += 1
            for problem in problems(status, body, canary_text):
                found[problem] += 1
                examples.setdefault(problem, request)
        seconds = time.perf_counter() - started
        afterwards = send(connection, FuzzRequest("GET", "/healthz"))[0]
    finally:
        alive = server.poll() is None
        server.terminate()
        server.wait(timeout=60)
    print(f"{args.requests} requests over {len(routes)} routes in {seconds:.0f} s (seed {args.seed})")
    print("sent:", dict(sorted(sent.items())))
    print("answers by status:", dict(sorted(statuses.items())))
    print(f"connections the server closed: {dropped}")
    print("problems:", dict(found) or "none", *(f"\n  first {k}: {v}" for k, v in examples.items()))
    print(f"server alive afterwards: {alive}; /healthz answered {afterwards}")


if __name__ == "__main__":
    main()
