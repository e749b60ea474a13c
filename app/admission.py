"""Who may hold a WebSocket, for every socket route: pages of this site, while the server has room."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import WebSocket

from app.config import Settings
from app.origin import origin_allowed

POLICY_VIOLATION = 1008  # RFC 6455
TRY_AGAIN_LATER = 1013  # RFC 6455: the server is overloaded


@asynccontextmanager
async def admitted(websocket: WebSocket, settings: Settings, what: str) -> AsyncIterator[bool]:
    """Accept and count the socket while it is open; False when it was refused (and closed with a reason)."""
    if not origin_allowed(websocket, settings.allowed_origins):
        await websocket.close(code=POLICY_VIOLATION, reason=f"This page's origin may not use {what}.")
        yield False
        return
    state = websocket.app.state
    if state.connections >= settings.max_connections:
        await websocket.accept()  # accept first, so the page can read the reason instead of a failed handshake
        await websocket.close(code=TRY_AGAIN_LATER, reason="The class is full right now; try again in a minute.")
        yield False
        return
    state.connections += 1
    try:
        await websocket.accept()
        yield True
    finally:
        state.connections -= 1
