"""The one rule against cross-site WebSocket hijacking (WebSockets skip CORS), for every socket route."""

from urllib.parse import urlsplit

from fastapi import WebSocket


def origin_allowed(websocket: WebSocket, allowed: list[str]) -> bool:
    """Same host as the server, a configured origin, or no Origin at all (not a browser, so no CSWSH)."""
    origin = websocket.headers.get("origin")
    if origin is None or "*" in allowed or origin in allowed:
        return True
    return urlsplit(origin).netloc == websocket.headers.get("host", "")
