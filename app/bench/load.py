"""Load benchmark: `python -m app.bench.load [--tiny] [--clients 1,8,32,64] [--teams dit unet]`. Prints numbers;
asserts nothing.

For each team (default: every team of the model, one after the other) and each K it starts the real server (uvicorn,
in a child process on loopback) twice: once with step-level batching and once serving one run at a time
(`max_batch_rows=1`). K WebSocket clients each draw the same prompt set, one run after another. It reports runs
completed, frames lost, p50/p95 time to first frame and to done, aggregate pictures per second, the server's peak
memory (VmHWM), and the batching gain: batched throughput ÷ one-at-a-time throughput under the same load.

It also measures the batching limit of this machine, in the same run: the per-row time of a team's
forward pass at the batch one-at-a-time serving forms (one guided run: 2 rows) ÷ its per-row time at the
largest batch the engine forms under each load (K runs of 2 rows, up to `max_batch_rows`). Batching the
network cannot beat that ratio, so the gain is also printed as a fraction of it (the figure that travels
between a 2-core CPU, where the limit is small, and a GPU, where it is large). The fraction can pass
100 %: the runs' sketchbook paintings share passes too, and each run's frame work overlaps the others'
network pass, and the network's limit counts neither. The limit against a 1-row batch is printed too;
no server can reach it, since even one run alone is a batch of 2 rows.
"""

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import torch
import uvicorn
from websockets.asyncio.client import connect

from app.config import Settings
from app.main import create_app
from app.options import page_backbone
from app.server import WS_MAX_BYTES, server_config
from model.loading import load_pipeline, tiny_pipeline
from model.pipeline import GenerationRequest, Pipeline

PROMPTS = ["a smiling cat face", "a red apple", "a green tree", "a blue fish"]
ROWS_PER_RUN = 2  # a guided run asks for the unguided and the prompted guess in one call; a quick run, 1
TINY_QUICK_STEPS = 2  # the tiny preset's students, for --tiny --quick
PREVIEW_KINDS = 3  # x_t, predicted x0 and predicted noise for every step; a sketchbook team adds its latent


@dataclass(frozen=True)
class RunResult:
    ended: str  # done, cancelled, error, or "left" when the client walked away mid-run
    finished: bool
    first_frame_s: float
    done_s: float
    frames_lost: int  # frames a finished run should have sent but did not
    pictures: int


@dataclass(frozen=True)
class LoadResult:
    runs: list[RunResult]
    wall_s: float
    peak_rss_mib: float


async def one_run(websocket, message: dict, on_step: Callable[[int], Awaitable[bool]] | None = None) -> RunResult:
    """Send one generate and read until it ends, counting frames; `on_step(steps seen)` may act mid-run
    (send a cancel, say) and returns False when the client walks away (the run then ends as "left")."""
    started = time.perf_counter()
    first_frame, frames, kinds, steps, total = 0.0, 0, PREVIEW_KINDS, 0, message["steps"]
    await websocket.send(json.dumps(message))
    while True:
        data = await websocket.recv()
        if isinstance(data, bytes):
            frames += 1
            first_frame = first_frame or time.perf_counter() - started
            continue
        reply = json.loads(data)
        if reply["type"] == "start":
            kinds += bool(reply.get("sketchbook"))
            total = reply["total_steps"]  # a quick run's are its student's, whatever the message asked
        if reply["type"] == "step" and on_step is not None:
            steps += 1
            if not await on_step(steps):
                return RunResult("left", False, first_frame, time.perf_counter() - started, 0, 0)
        if reply["type"] in ("done", "cancelled", "error"):
            finished = reply["type"] == "done"
            expected = total * kinds * message["num_images"] + message["num_images"]
            lost = expected - frames if finished else 0
            elapsed = time.perf_counter() - started
            return RunResult(reply["type"], finished, first_frame, elapsed, lost, message["num_images"])


async def one_client(url: str, index: int, prompts: int, steps: int, team: str, quick: bool) -> list[RunResult]:
    """A student drawing the prompt set, one run after another, with seeds nobody else uses."""
    async with connect(url, max_size=WS_MAX_BYTES, compression=None, open_timeout=60) as websocket:
        await websocket.recv()  # hello
        results = []
        for turn in range(prompts):
            message = {
                "type": "generate",
                "prompt": PROMPTS[turn % len(PROMPTS)],
                "steps": steps,
                "seed": index * 1000 + turn,
                "num_images": 1,
                "backbone": team,
                "quick": quick,
            }
            results.append(await one_run(websocket, message))
        return results


async def drive(
    url: str, clients: int, prompts: int, steps: int, team: str, quick: bool = False
) -> tuple[list[RunResult], float]:
    started = time.perf_counter()
    per_client = await asyncio.gather(*(one_client(url, i, prompts, steps, team, quick) for i in range(clients)))
    return [run for runs in per_client for run in runs], time.perf_counter() - started


def load(args: argparse.Namespace, clients: int, max_batch_rows: int, team: str) -> LoadResult:
    """Start a server child with this batching cap, drive it with `clients` clients, stop it."""
    port = free_port()
    command = [sys.executable, "-m", "app.bench.load", "--serve", str(port), "--max-batch-rows", str(max_batch_rows)]
    command += (["--tiny"] if args.tiny else []) + (["--quick"] if args.quick else [])
    server = subprocess.Popen(command, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        wait_healthy(port, server)
        url, steps = f"ws://127.0.0.1:{port}/ws", args.steps
        asyncio.run(drive(url, 1, 1, steps, team, args.quick))  # warm-up, not counted
        runs, wall = asyncio.run(drive(url, clients, args.prompts, steps, team, args.quick))
        return LoadResult(runs, wall, _peak_rss_mib(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=60)


@torch.no_grad()
def batching_limits(
    pipeline: Pipeline, name: str, batches: list[int], seconds: float = 3.0, quick: bool = False
) -> dict[int, float]:
    """Per-row forward time at batch 1 ÷ per-row time at each batch, for the team `name` (or its student).

    Each time is the fastest of the passes made in `seconds` (at least 5): timing noise only ever adds,
    and a median of a few batch-1 passes on a shared 2-core machine wandered from 2.7× to 6.5×.
    """
    team = pipeline.team(name)
    team = team.quick if quick and team.quick is not None else team
    net, config = team.network, team.config

    def per_row(batch: int) -> float:
        x = torch.randn(batch, config.channels, config.image_size, config.image_size)
        t, cond = torch.full((batch,), 500.0), pipeline.clip.condition(["a red apple"]).repeat(batch)
        net(x, t, cond)  # warm-up
        times: list[float] = []
        deadline = time.perf_counter() + seconds
        while len(times) < 5 or time.perf_counter() < deadline:
            started = time.perf_counter()
            net(x, t, cond)
            times.append((time.perf_counter() - started) / batch)
        return min(times)

    alone = per_row(1)
    return {rows: alone / per_row(rows) for rows in batches}


def report(clients: int, label: str, result: LoadResult) -> float:
    """Print one line for a load; returns pictures per second."""
    done = [r for r in result.runs if r.finished]
    throughput = sum(r.pictures for r in done) / result.wall_s
    first = percentiles([r.first_frame_s for r in done])
    total = percentiles([r.done_s for r in done])
    lost = sum(r.frames_lost for r in done)
    print(
        f"K={clients:<3} {label:<20} runs {len(done):>4}/{len(result.runs):<4} lost frames {lost:>3}"
        f"  first frame p50/p95 {first[0]:6.2f}/{first[1]:6.2f} s  done p50/p95 {total[0]:6.2f}/{total[1]:6.2f} s"
        f"  {throughput:6.2f} pictures/s  server peak {result.peak_rss_mib:6.0f} MiB"
    )
    return throughput


def serve(port: int, tiny: bool, max_batch_rows: int, gallery: Path | None = None, quick: bool = False) -> None:
    """The child: the real app on loopback, with a throwaway gallery unless one is given; `quick` gives the tiny
    preset's teams their students."""
    pipeline = tiny_pipeline(quick_steps=TINY_QUICK_STEPS if quick else 0) if tiny else None
    with tempfile.TemporaryDirectory() as throwaway:
        settings = Settings(
            max_batch_rows=max_batch_rows,
            max_queue=1024,
            max_connections=1024,
            gallery_dir=gallery or Path(throwaway),
            messages_per_second=1000,
        )
        uvicorn.Server(server_config(create_app(settings, pipeline), "127.0.0.1", port, "warning")).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="use the tiny untrained preset")
    parser.add_argument("--clients", default="1,8,32,64", help="comma-separated numbers of concurrent clients")
    parser.add_argument("--prompts", type=int, default=len(PROMPTS), help="runs each client draws in turn")
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument(
        "--batched-rows", type=int, default=Settings().max_batch_rows, help="max_batch_rows when batching"
    )
    parser.add_argument("--teams", nargs="*", help="the teams to load, one after the other (default: every team)")
    parser.add_argument("--quick", action="store_true", help="draw with the teams' few-step students (quick switch)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # internal: run the server child on this port
    parser.add_argument("--max-batch-rows", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.tiny, args.max_batch_rows, quick=args.quick)
        return

    model = "tiny untrained preset" if args.tiny else "shipped weights"
    pipeline = tiny_pipeline(quick_steps=TINY_QUICK_STEPS) if args.tiny else load_pipeline(device="cpu")
    guidance = GenerationRequest.guidance_scale
    teams = args.teams or list(pipeline.backbones)
    rows_per_run = 1 if args.quick else ROWS_PER_RUN
    if args.quick:
        teams = [team for team in teams if pipeline.team(team).quick is not None]
        steps = {team: pipeline.team(team).quick.config.distilled_steps for team in teams}  # type: ignore[union-attr]
        way = f"the students (quick): {steps} steps, guidance baked in (1 row per run)"
    else:
        way = f"{args.steps} steps, guidance {guidance:g} (2 rows per run)"
    print(
        f"model: {model}, teams {', '.join(teams) or 'none with a student'} (the page starts on"
        f" {page_backbone(pipeline)}); {args.prompts} runs per client, {way}"
    )
    print(f"machine: {os.cpu_count()} CPUs, {torch.get_num_threads()} torch threads, CUDA {torch.cuda.is_available()}")
    loads = [int(k) for k in args.clients.split(",")]
    largest = {clients: min(rows_per_run * clients, args.batched_rows) for clients in loads}  # what the engine forms
    for team in teams:
        limits = batching_limits(pipeline, team, sorted({rows_per_run, *largest.values()}), quick=args.quick)
        for rows, limit in limits.items():
            print(
                f"{team}: batching limit of this machine at {rows:>2} rows: {limit / limits[rows_per_run]:.2f}x"
                f" against one run ({rows_per_run} rows), {limit:.2f}x against 1 row (per-row forward time)"
            )
        for clients in loads:
            batched = report(clients, f"{team} batched", load(args, clients, args.batched_rows, team))
            serial = report(clients, f"{team} one by one", load(args, clients, 1, team))
            gain, limit = batched / serial, limits[largest[clients]] / limits[rows_per_run]
            print(
                f"{team}: K={clients:<3} batching gain {gain:5.2f}x = {100 * gain / limit:.0f} % of the machine's"
                f" limit at {largest[clients]} rows ({limit:.2f}x)"
            )


def percentiles(values: list[float]) -> tuple[float, float]:
    if len(values) < 2:
        return (values[0], values[0]) if values else (float("nan"), float("nan"))
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return statistics.median(values), cuts[18]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(port: int, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server child exited")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the server child did not start")


def _peak_rss_mib(pid: int) -> float:
    """VmHWM: the most resident memory the server process ever had (Linux)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


if __name__ == "__main__":
    main()
