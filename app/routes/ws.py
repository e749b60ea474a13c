"""The live stream: WebSocket /ws speaks the protocol in app/protocol.py (see docs/protocol.md)."""

from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket

from app.deps import EngineDep, OptionsDep, SettingsDep
from app.session import Session

router = APIRouter()


@router.websocket("/ws")
async def stream(websocket: WebSocket, engine: EngineDep, options: OptionsDep, settings: SettingsDep) -> None:
    """Refuse pages from other sites (WebSockets skip CORS), then serve this tab until it leaves."""
    origin, host = websocket.headers.get("origin"), websocket.headers.get("host", "")
    if not _origin_allowed(origin, host, settings.allowed_origins):
        await websocket.close(code=1008, reason="This page's origin may not use the stream.")
        return
    await websocket.accept()
    session = Session(websocket, engine, options, settings.outbox_previews, settings.heartbeat_seconds)
    await session.run()


def _origin_allowed(origin: str | None, host: str, allowed: list[str]) -> bool:
    """Same host as the server, a configured origin, or no Origin at all (not a browser, so no CSWSH)."""
    if origin is None or "*" in allowed or origin in allowed:
        return True
    return urlsplit(origin).netloc == host
