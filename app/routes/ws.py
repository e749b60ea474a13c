"""The live stream: WebSocket /ws speaks the protocol in app/protocol.py (see docs/protocol.md)."""

from urllib.parse import urlsplit

from fastapi import APIRouter, WebSocket

from app.deps import EngineDep, OptionsDep, RoomsDep, SettingsDep
from app.session import Session

router = APIRouter()

TRY_AGAIN_LATER = 1013  # RFC 6455: the server is overloaded


@router.websocket("/ws")
async def stream(
    websocket: WebSocket, engine: EngineDep, rooms: RoomsDep, options: OptionsDep, settings: SettingsDep
) -> None:
    """Refuse pages from other sites (WebSockets skip CORS) and connections past the cap, then serve this tab."""
    origin, host = websocket.headers.get("origin"), websocket.headers.get("host", "")
    if not _origin_allowed(origin, host, settings.allowed_origins):
        await websocket.close(code=1008, reason="This page's origin may not use the stream.")
        return
    state = websocket.app.state
    if state.connections >= settings.max_connections:
        await websocket.accept()  # accept first, so the page can read the reason instead of a failed handshake
        await websocket.close(code=TRY_AGAIN_LATER, reason="The class is full right now; try again in a minute.")
        return
    state.connections += 1
    try:
        await websocket.accept()
        await Session(websocket, engine, rooms, options, settings).run()
    finally:
        state.connections -= 1


def _origin_allowed(origin: str | None, host: str, allowed: list[str]) -> bool:
    """Same host as the server, a configured origin, or no Origin at all (not a browser, so no CSWSH)."""
    if origin is None or "*" in allowed or origin in allowed:
        return True
    return urlsplit(origin).netloc == host
