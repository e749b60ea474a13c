"""Rooms over HTTP: the QR code a teacher shows, and the grid of each student's latest picture."""

import io

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from app.deps import GalleryDep, RoomsDep, SettingsDep
from app.network import join_base
from app.rooms import TEACHER, Room, Rooms
from app.routes.gallery import GalleryItem
from app.routes.page import templates

router = APIRouter()


class JoinAddress(BaseModel):
    """Where students join a room, as its link and QR code show it."""

    url: str
    advice: str | None  # why students could not reach it, and what to do; None when they can


@router.get("/api/rooms/{code}/join")
def join_address(code: str, request: Request, rooms: RoomsDep, settings: SettingsDep) -> JoinAddress:
    """The room's address for students: the LAN address when the teacher opened the page on this laptop."""
    room = _open(rooms, code)
    base, advice = join_base(request.url.hostname or "", request.url.port, request.url.scheme, settings.host)
    return JoinAddress(url=base + room.join_path, advice=advice)


@router.get("/api/rooms/{code}/qr.svg", response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
def qr(code: str, request: Request, rooms: RoomsDep, settings: SettingsDep) -> Response:
    """The join address as a QR code, drawn server-side as SVG so the page needs no library."""
    address = join_address(code, request, rooms, settings).url
    buffer = io.BytesIO()
    qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
    return Response(buffer.getvalue(), media_type="image/svg+xml")


@router.get("/rooms/{code}/wall", response_class=HTMLResponse)
def wall(code: str, request: Request, rooms: RoomsDep) -> HTMLResponse:
    """The class wall for the projector: every student's latest picture, large, refreshing by itself."""
    return templates.TemplateResponse(request, "wall.html", {"room": _open(rooms, code).code})


@router.get("/api/rooms/{code}/latest")
def latest(code: str, rooms: RoomsDep, gallery: GalleryDep) -> list[GalleryItem]:
    """Each student's newest finished picture in the room, newest first: the teacher's grid."""
    entries = gallery.latest_by_author(_open(rooms, code).code, skip_author=TEACHER)
    return [GalleryItem.of(entry) for entry in entries]


def _open(rooms: Rooms, code: str) -> Room:
    room = rooms.get(code)
    if room is None:
        raise HTTPException(404, f"There is no open room “{code}”.")
    return room
