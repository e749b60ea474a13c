"""Request dependencies: what the lifespan put on `app.state`, typed, for routes to declare."""

from typing import Annotated

from fastapi import Depends
from starlette.requests import HTTPConnection

from app.config import Settings
from app.engine import Engine
from app.gallery import Gallery
from app.protocol import Options
from app.ratelimit import GuessLimit
from app.replay import ReplayStore
from app.rooms import Rooms


def get_settings(connection: HTTPConnection) -> Settings:
    return connection.app.state.settings


def get_engine(connection: HTTPConnection) -> Engine:
    return connection.app.state.engine


def get_options(connection: HTTPConnection) -> Options:
    return connection.app.state.options


def get_replay(connection: HTTPConnection) -> ReplayStore:
    return connection.app.state.replay


def get_gallery(connection: HTTPConnection) -> Gallery:
    return connection.app.state.gallery


def get_rooms(connection: HTTPConnection) -> Rooms:
    return connection.app.state.rooms


def get_guesses(connection: HTTPConnection) -> GuessLimit:
    return connection.app.state.guesses


def get_address(connection: HTTPConnection) -> str:
    """The client's address, which wrong guesses are counted against."""
    return connection.client.host if connection.client else ""


SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
OptionsDep = Annotated[Options, Depends(get_options)]
ReplayDep = Annotated[ReplayStore, Depends(get_replay)]
GalleryDep = Annotated[Gallery, Depends(get_gallery)]
RoomsDep = Annotated[Rooms, Depends(get_rooms)]
GuessesDep = Annotated[GuessLimit, Depends(get_guesses)]
AddressDep = Annotated[str, Depends(get_address)]
