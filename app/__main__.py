"""`python -m app` (or `dust-to-detail`): start the server and say where to point the browser."""

import logging
import sys

import uvicorn
from pydantic_settings import CliApp

from app.config import Settings
from app.main import create_app
from app.network import lan_address
from app.server import server_config
from model.loading import load_pipeline


def main() -> None:
    """Read settings (env, .env, then --flags), load the model, print the address, serve until Ctrl+C.

    The model loads before the server starts, so a folder it cannot serve is one sentence, not a traceback.
    """
    settings = CliApp.run(Settings)
    logging.basicConfig(format="%(levelname)s:  %(name)s: %(message)s")  # warnings from everyone
    logging.getLogger("app").setLevel(logging.INFO)  # and our own notes, e.g. slow clients
    print(f"Dust to Detail: loading the model, then open http://{_display_host(settings.host)}:{settings.port}")
    try:
        pipeline = load_pipeline(settings.model_path, device=settings.device)
    except (ValueError, FileNotFoundError) as problem:
        sys.exit(f"Dust to Detail cannot start: {problem}")
    uvicorn.Server(server_config(create_app(settings, pipeline), settings.host, settings.port)).run()


def _display_host(host: str) -> str:
    """The address students can type: for 0.0.0.0, this machine's LAN address."""
    if host not in ("0.0.0.0", "::"):
        return host
    return lan_address() or "127.0.0.1"


if __name__ == "__main__":
    main()
