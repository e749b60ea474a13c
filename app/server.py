"""How the app is served: one uvicorn configuration for every launcher, and a background-thread server."""

import threading
import time
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

WS_MAX_BYTES = 2**20  # above this uvicorn closes the socket (1009); below it, oversized messages get an error


def server_config(app: FastAPI, host: str, port: int, log_level: str = "info") -> uvicorn.Config:
    """The uvicorn settings shared by `python -m app`, the benchmark and the browser tests."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level=log_level,
        ws_max_size=WS_MAX_BYTES,
        ws_per_message_deflate=False,  # frames are PNGs: compressing them again costs time for nothing
    )


class BackgroundServer:
    """uvicorn on a free port in a daemon thread (loopback unless told otherwise); restartable on the same port."""

    def __init__(
        self, make_app: Callable[[], FastAPI], port: int = 0, log_level: str = "info", host: str = "127.0.0.1"
    ) -> None:
        self._make_app = make_app
        self.host = host  # where it listens; the URLs below always use loopback
        self.port = port  # 0 until started: then the free port the OS picked
        self._log_level = log_level
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws"

    def start(self, timeout: float = 30) -> None:
        """Serve a fresh app and return once it accepts connections (the model loads in the lifespan)."""
        self._server = uvicorn.Server(server_config(self._make_app(), self.host, self.port, self._log_level))
        self._thread = threading.Thread(target=self._server.run, name="uvicorn", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.02)
        self.port = self._server.servers[0].sockets[0].getsockname()[1]

    def stop(self) -> None:
        """Ask uvicorn to shut down (cancelling runs in flight) and wait for it."""
        if self._server is None or self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=30)
