"""The gallery: every finished picture with its prompt, settings and seed, as a page and as JSON."""

from typing import Annotated
from urllib.parse import urlencode

import numpy as np
from fastapi import APIRouter, Header, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from PIL import Image
from pydantic import BaseModel

from app.deps import AddressDep, GalleryDep, GuessesDep, OptionsDep, RoomsDep
from app.gallery import GalleryEntry, GalleryRecord
from app.imaging import DOWNLOAD_PIXELS, download_png
from app.naming import file_stem
from app.routes.page import templates

router = APIRouter()

RoomQuery = Query(None, max_length=16, description="only this room's pictures")
EntryId = Annotated[int, Path(ge=0, le=2**63 - 1, description="a picture's number (SQLite's row ids fit 64 bits)")]


class GalleryItem(BaseModel):
    """One picture as the gallery page and the teacher's grid read it."""

    id: int
    created: float
    record: GalleryRecord
    picture_url: str
    download_url: str  # the picture enlarged for slides, as the main page's PNG download
    reveal_url: str
    again_url: str  # the main page with this prompt, settings and seed filled in
    pinned: bool  # kept whatever the gallery's budget

    @classmethod
    def of(cls, entry: GalleryEntry) -> "GalleryItem":
        settings = {name: "" if value is None else value for name, value in entry.record.settings().items()}
        return cls(
            id=entry.id,
            created=entry.created,
            record=entry.record,
            picture_url=f"/api/gallery/{entry.id}/picture.png",
            download_url=f"/api/gallery/{entry.id}/picture.png?size={DOWNLOAD_PIXELS}",
            reveal_url=f"/api/gallery/{entry.id}/reveal.gif",
            again_url="/?" + urlencode(settings),
            pinned=entry.pinned,
        )


class Pin(BaseModel):
    pinned: bool = True


@router.post("/api/gallery/{entry_id}/pin")
def pin(
    entry_id: EntryId,
    body: Pin,
    gallery: GalleryDep,
    rooms: RoomsDep,
    guesses: GuessesDep,
    address: AddressDep,
    teacher_key: Annotated[str, Header(description="the key of a teacher's open room")] = "",
) -> GalleryItem:
    """A teacher keeps a picture whatever the budget (or lets it go again); a wrong key counts as a wrong guess."""
    if not teacher_key or not guesses.guess(address, lambda: rooms.teaches(teacher_key)):
        raise HTTPException(403, "Only a teacher with an open room can pin pictures.")
    if not gallery.pin(entry_id, body.pinned):
        raise HTTPException(404, "There is no such picture in the gallery.")
    return GalleryItem.of(_found(gallery.get(entry_id)))


@router.get("/api/gallery")
def listing(
    gallery: GalleryDep, room: str | None = RoomQuery, limit: int = Query(100, ge=1, le=500)
) -> list[GalleryItem]:
    """Newest first, all rooms or one."""
    return [GalleryItem.of(entry) for entry in gallery.entries(room and room.upper(), limit)]


@router.get("/gallery", response_class=HTMLResponse)
def page(request: Request, gallery: GalleryDep, room: str | None = RoomQuery) -> HTMLResponse:
    """The gallery as plain server-rendered markup: works without any script."""
    items = [GalleryItem.of(entry) for entry in gallery.entries(room and room.upper())]
    return templates.TemplateResponse(request, "gallery.html", {"items": items, "room": room and room.upper()})


@router.get(
    "/api/gallery/{entry_id}/picture.png", response_class=Response, responses={200: {"content": {"image/png": {}}}}
)
def picture(
    entry_id: EntryId,
    gallery: GalleryDep,
    size: int | None = Query(None, ge=1, le=DOWNLOAD_PIXELS, description="enlarge to about this many pixels a side"),
) -> Response:
    """The picture as drawn, or enlarged nearest-neighbour for a download."""
    entry = _found(gallery.get(entry_id))
    name = f"{file_stem(entry.record.prompt, entry.record.seed)}.png"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if size is None:
        return FileResponse(gallery.picture(entry), media_type="image/png", headers=headers)
    pixels = np.asarray(Image.open(gallery.picture(entry)).convert("RGB"))
    return Response(download_png(pixels, size), media_type="image/png", headers=headers)


@router.get("/api/gallery/{entry_id}/reveal.gif", response_class=Response)
def reveal(entry_id: EntryId, gallery: GalleryDep, options: OptionsDep) -> Response:
    """The stored reveal as a looping GIF, rendered on request (it is kept as compact arrays)."""
    entry = _found(gallery.get(entry_id))
    gif = gallery.reveal(entry).gif(options.image_size)
    headers = {"Content-Disposition": f'attachment; filename="{file_stem(entry.record.prompt, entry.record.seed)}.gif"'}
    return Response(gif, media_type="image/gif", headers=headers)


def _found(entry: GalleryEntry | None) -> GalleryEntry:
    if entry is None:
        raise HTTPException(404, "There is no such picture in the gallery.")
    return entry
