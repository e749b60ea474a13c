"""The live stream: WebSocket /ws speaks the protocol in app/protocol.py (see docs/protocol.md)."""

from fastapi import APIRouter, WebSocket

from app.deps import EngineDep, OptionsDep, RoomsDep, SettingsDep
from app.origin import origin_allowed
from app.session import Session

router = APIRouter()

TRY_AGAIN_LATER = 1013  # RFC 6455: the server is overloaded


@router.websocket("/ws")
async def stream(
    websocket: WebSocket, engine: EngineDep, rooms: RoomsDep, options: OptionsDep, settings: SettingsDep
) -> None:
    """Refuse pages from other sites (WebSockets skip CORS) and connections past the cap, then serve this tab."""
    if not origin_allowed(websocket, settings.allowed_origins):
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
