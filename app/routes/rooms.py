"""Rooms over HTTP: the QR code a teacher shows, and the grid of each student's latest picture."""

import io
from typing import Annotated

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from app.deps import AddressDep, GalleryDep, GuessesDep, OptionsDep, RoomsDep, SettingsDep
from app.network import join_base
from app.rooms import TEACHER, Room
from app.routes.gallery import GalleryItem, on_show
from app.routes.page import templates

router = APIRouter()


def open_room(code: str, rooms: RoomsDep, guesses: GuessesDep, address: AddressDep) -> Room:
    """The open room the path's code names; a code that names none counts as a wrong guess (app/ratelimit.py)."""
    room = guesses.guess(address, lambda: rooms.get(code))
    if room is None:
        raise HTTPException(404, f"There is no open room “{code}”.")
    return room


OpenRoomDep = Annotated[Room, Depends(open_room)]


class JoinAddress(BaseModel):
    """Where students join a room, as its link and QR code show it."""

    url: str
    advice: str | None  # why students could not reach it, and what to do; None when they can


@router.get("/api/rooms/{code}/join")
def join_address(room: OpenRoomDep, request: Request, settings: SettingsDep) -> JoinAddress:
    """The room's address for students: the LAN address when the teacher opened the page on this laptop."""
    base, advice = join_base(request.url.hostname or "", request.url.port, request.url.scheme, settings.host)
    return JoinAddress(url=base + room.join_path, advice=advice)


@router.get("/api/rooms/{code}/qr.svg", response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
def qr(room: OpenRoomDep, request: Request, settings: SettingsDep) -> Response:
    """The join address as a QR code, drawn server-side as SVG so the page needs no library."""
    address = join_address(room, request, settings).url
    buffer = io.BytesIO()
    qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
    return Response(buffer.getvalue(), media_type="image/svg+xml")


@router.get("/rooms/{code}/wall", response_class=HTMLResponse)
def wall(room: OpenRoomDep, request: Request) -> HTMLResponse:
    """The class wall for the projector: every student's latest picture, large, refreshing by itself."""
    return templates.TemplateResponse(request, "wall.html", {"room": room.code})


@router.get("/api/rooms/{code}/latest")
def latest(room: OpenRoomDep, gallery: GalleryDep, options: OptionsDep) -> list[GalleryItem]:
    """Each student's newest finished picture in the room that its teacher has not hidden, newest first: the wall
    and the teacher's grid."""
    entries = gallery.latest_by_author(room.code, skip_author=TEACHER)
    return [GalleryItem.of(entry) for entry in entries if on_show(entry, options)]
