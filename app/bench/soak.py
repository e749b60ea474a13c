"""Soak benchmark: `python -m app.bench.soak [--tiny] [--runs 1000] [--clients 32]`. Prints figures; asserts nothing.

A whole term in minutes: K clients draw until `--runs` runs have finished, with mixed settings (both
teams, every sampler, 1–4 pictures, 4–20 steps); some runs are cancelled mid-run, and some clients
disconnect mid-run and come back. The server is the real app in a child process (load.py's). It
prints runs finished, cancelled and abandoned, frames lost, p50/p95 first frame and done, pictures per
second, and the server's resident memory, open file descriptors and threads at the start, after every
100 finished runs and at the end: memory that keeps growing, or descriptors or threads that pile up,
would show there.
"""

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field

from websockets.asyncio.client import connect

from app.bench.load import free_port, one_run, percentiles, wait_healthy
from app.server import WS_MAX_BYTES

PROMPTS = ["a smiling cat face", "a red apple", "a green tree", "a blue fish", "a rocket", "a pizza", "the sun"]
CANCEL_SHARE, LEAVE_SHARE = 0.1, 0.05  # of runs: cancelled mid-run, or the client leaves mid-run


@dataclass
class Tally:
    target: int
    finished: int = 0
    cancelled: int = 0
    abandoned: int = 0
    frames_lost: int = 0
    pictures: int = 0
    first_frame_s: list[float] = field(default_factory=list)
    done_s: list[float] = field(default_factory=list)


def vitals(pid: int) -> str:
    """Resident memory, open descriptors and threads of a process (Linux /proc)."""
    with open(f"/proc/{pid}/status") as status:
        fields_ = dict(line.split(":", 1) for line in status)
    rss = int(fields_["VmRSS"].split()[0]) / 1024
    return f"RSS {rss:6.0f} MiB, fds {len(os.listdir(f'/proc/{pid}/fd')):4d}, threads {int(fields_['Threads']):3d}"


async def one_client(url: str, index: int, options: dict, tally: Tally, pid: int) -> None:
    """Draws run after run with mixed settings until the tally is full; reconnects after leaving mid-run."""
    rng = random.Random(index)
    teams = [choice["name"] for choice in options["backbones"]]
    samplers = [choice["name"] for choice in options["samplers"]]
    while tally.finished < tally.target:
        async with connect(url, max_size=WS_MAX_BYTES, compression=None, open_timeout=60) as websocket:
            await websocket.recv()  # hello
            while tally.finished < tally.target:
                message = {
                    "type": "generate",
                    "prompt": rng.choice(PROMPTS),
                    "seed": rng.randrange(10**6),
                    "steps": rng.randint(4, 20),
                    "num_images": rng.randint(1, 4),
                    "backbone": rng.choice(teams),
                    "sampler": rng.choice(samplers),
                }
                fate = rng.random()
                if not await run_with_fate(websocket, message, fate, tally, pid):
                    break  # left mid-run: a new connection, as a student reloading the page


async def run_with_fate(websocket, message: dict, fate: float, tally: Tally, pid: int) -> bool:
    """One run to its end, perhaps cancelled or walked away from at its second step; False when the client
    walked away (its socket is then closed)."""

    async def at_step(steps: int) -> bool:
        if steps == 2 and fate < LEAVE_SHARE:
            await websocket.close()
            return False
        if steps == 2 and fate < LEAVE_SHARE + CANCEL_SHARE:
            await websocket.send(json.dumps({"type": "cancel"}))
        return True

    run = await one_run(websocket, message, at_step)
    if run.ended == "error":
        raise RuntimeError("the server refused a valid run")
    tally.abandoned += run.ended == "left"
    tally.cancelled += run.ended == "cancelled"
    if run.finished:
        tally.finished += 1
        tally.pictures += run.pictures
        tally.frames_lost += run.frames_lost
        tally.first_frame_s.append(run.first_frame_s)
        tally.done_s.append(run.done_s)
        if tally.finished % 100 == 0:  # printed as it is taken, so a soak stopped early still tells its story
            print(f"server after {tally.finished:5d} runs: {vitals(pid)}", flush=True)
    return run.ended != "left"


async def soak(url: str, clients: int, tally: Tally, pid: int) -> None:
    with urllib.request.urlopen(url.replace("ws://", "http://").replace("/ws", "/api/options"), timeout=10) as reply:
        options = json.load(reply)
    await asyncio.gather(*(one_client(url, i, options, tally, pid) for i in range(clients)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tiny", action="store_true", help="use the tiny untrained preset")
    parser.add_argument("--runs", type=int, default=1000, help="finished runs to wait for")
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "app.bench.load", "--serve", str(port), "--max-batch-rows", "64"]
    server = subprocess.Popen(command + (["--tiny"] if args.tiny else []), env={**os.environ, "PYTHONUNBUFFERED": "1"})
    tally = Tally(target=args.runs)
    try:
        wait_healthy(port, server)
        print(f"server at start:      {vitals(server.pid)}", flush=True)
        started = time.perf_counter()
        asyncio.run(soak(f"ws://127.0.0.1:{port}/ws", args.clients, tally, server.pid))
        wall = time.perf_counter() - started
        time.sleep(2)  # let the server finish what the last clients left behind
        end = vitals(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=60)
    first, done = percentiles(tally.first_frame_s), percentiles(tally.done_s)
    model = "tiny untrained preset" if args.tiny else "shipped weights"
    print(f"soak: {model}, {args.clients} clients, {wall:.0f} s")
    print(f"runs finished {tally.finished}, cancelled {tally.cancelled}, abandoned mid-run {tally.abandoned}")
    print(f"frames lost {tally.frames_lost}; {tally.pictures / wall:.2f} pictures/s")
    print(f"first frame p50/p95 {first[0]:.2f}/{first[1]:.2f} s; done p50/p95 {done[0]:.2f}/{done[1]:.2f} s")
    print(f"server at the end:    {end}")


if __name__ == "__main__":
    main()
