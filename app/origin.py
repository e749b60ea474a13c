"""The one rule against cross-site WebSocket hijacking (WebSockets skip CORS), for every socket route."""

from urllib.parse import urlsplit

from fastapi import WebSocket


def origin_allowed(websocket: WebSocket, allowed: list[str]) -> bool:
    """Same host as the server (app/hosts.py has vetted the Host), a configured origin, or no Origin at all (not a
    browser, so no CSWSH); never `null`, the origin of sandboxed frames and local files, which any site can make."""
    origin = websocket.headers.get("origin")
    if origin is None:
        return True
    if origin == "null":
        return False
    return "*" in allowed or origin in allowed or urlsplit(origin).netloc == websocket.headers.get("host", "")
