"""The live stream: WebSocket /ws speaks the protocol in app/protocol.py (see docs/protocol.md)."""

from fastapi import APIRouter, WebSocket

from app.admission import admitted
from app.deps import EngineDep, GuessesDep, OptionsDep, RoomsDep, SettingsDep
from app.session import Session

router = APIRouter()


@router.websocket("/ws")
async def stream(
    websocket: WebSocket,
    engine: EngineDep,
    rooms: RoomsDep,
    guesses: GuessesDep,
    options: OptionsDep,
    settings: SettingsDep,
) -> None:
    """Refuse pages from other sites (WebSockets skip CORS) and connections past the cap, then serve this tab."""
    async with admitted(websocket, settings, "the stream") as welcome:
        if welcome:
            await Session(websocket, engine, rooms, guesses, options, settings).run()
