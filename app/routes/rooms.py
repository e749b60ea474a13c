"""Rooms over HTTP: the QR code a teacher shows, and the grid of each student's latest picture."""

import io

import qrcode
import qrcode.image.svg
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from app.deps import GalleryDep, RoomsDep
from app.rooms import TEACHER, Room, Rooms
from app.routes.gallery import GalleryItem

router = APIRouter()


@router.get("/api/rooms/{code}/qr.svg", response_class=Response, responses={200: {"content": {"image/svg+xml": {}}}})
def qr(code: str, request: Request, rooms: RoomsDep) -> Response:
    """The join address as a QR code, drawn server-side as SVG so the page needs no library."""
    room = _open(rooms, code)
    address = str(request.base_url).rstrip("/") + room.join_path
    buffer = io.BytesIO()
    qrcode.make(address, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
    return Response(buffer.getvalue(), media_type="image/svg+xml")


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
