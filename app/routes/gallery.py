"""The gallery: every finished picture with its prompt, settings and seed, as a page and as JSON.

A room's teacher may hide any picture of the room (with the room's key, never in a URL): it leaves every listing,
and its picture and animation are served to that teacher only. Pictures whose words the blocked-words list
refuses (app/blocked.py; a school may add a word after a picture was drawn) are left out the same way.
"""

from typing import Annotated
from urllib.parse import urlencode

import numpy as np
from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from PIL import Image
from pydantic import BaseModel

from app.deps import AddressDep, GalleryDep, GuessesDep, OptionsDep, RoomsDep
from app.gallery import GalleryEntry, GalleryRecord
from app.imaging import DOWNLOAD_PIXELS, download_png
from app.naming import file_stem
from app.protocol import Options
from app.rooms import Room
from app.routes.page import templates

router = APIRouter()

RoomQuery = Query(None, max_length=16, description="only this room's pictures")
BeforeQuery = Query(None, ge=0, le=2**63 - 1, description="only pictures older than this picture number")
GALLERY_PAGE = 100  # pictures on one page of /gallery; "Older pictures" shows the next ones
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
    hidden: bool  # hidden by its room's teacher (only the answer to `hide` can say so: listings leave these out)

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
            hidden=entry.hidden,
        )


def on_show(entry: GalleryEntry, options: Options) -> bool:
    """Whether a listing may show the picture: its room's teacher has not hidden it, and none of its words is
    blocked (the list may have grown since it was drawn)."""
    record = entry.record
    return not entry.hidden and not options.blocks(record.prompt, record.negative_prompt, record.nickname)


TeacherKey = Annotated[str, Header(description="the key of a teacher's open room (never in a URL)")]


def taught_room(rooms: RoomsDep, guesses: GuessesDep, address: AddressDep, teacher_key: TeacherKey = "") -> Room | None:
    """The open room whose key the request carries; a wrong key counts as a wrong guess (app/ratelimit.py)."""
    return guesses.guess(address, lambda: rooms.by_key(teacher_key)) if teacher_key else None


TaughtRoomDep = Annotated[Room | None, Depends(taught_room)]


def shown_entry(
    entry_id: EntryId,
    gallery: GalleryDep,
    options: OptionsDep,
    rooms: RoomsDep,
    guesses: GuessesDep,
    address: AddressDep,
    teacher_key: TeacherKey = "",
) -> GalleryEntry:
    """The picture, for anyone while it is on show; once hidden, only for its room's teacher, and 404 to others."""
    entry = _found(gallery.get(entry_id))
    if on_show(entry, options):
        return entry
    room = taught_room(rooms, guesses, address, teacher_key)
    if room is None or room.code != entry.record.room:
        raise HTTPException(404, "There is no such picture in the gallery.")
    return entry


ShownEntryDep = Annotated[GalleryEntry, Depends(shown_entry)]


class Pin(BaseModel):
    pinned: bool = True


class Hide(BaseModel):
    hidden: bool = True


@router.post("/api/gallery/{entry_id}/pin")
def pin(entry_id: EntryId, body: Pin, gallery: GalleryDep, teacher: TaughtRoomDep) -> GalleryItem:
    """A teacher keeps a picture whatever the budget (or lets it go again); a wrong key counts as a wrong guess."""
    if teacher is None:
        raise HTTPException(403, "Only a teacher with an open room can pin pictures.")
    if not gallery.pin(entry_id, body.pinned):
        raise HTTPException(404, "There is no such picture in the gallery.")
    return GalleryItem.of(_found(gallery.get(entry_id)))


@router.post("/api/gallery/{entry_id}/hide")
def hide(entry_id: EntryId, body: Hide, gallery: GalleryDep, teacher: TaughtRoomDep) -> GalleryItem:
    """A room's teacher takes one of the room's pictures off the wall, the class grid and the gallery (or puts it
    back); a wrong key counts as a wrong guess."""
    if teacher is None:
        raise HTTPException(403, "Only the teacher of an open room can hide its pictures.")
    entry = gallery.get(entry_id)
    if entry is None:
        raise HTTPException(404, "There is no such picture in the gallery.")
    if entry.record.room != teacher.code:
        raise HTTPException(403, "A teacher can hide only their own room's pictures.")
    gallery.hide(entry_id, body.hidden)
    return GalleryItem.of(_found(gallery.get(entry_id)))


@router.get("/api/gallery")
def listing(
    gallery: GalleryDep,
    options: OptionsDep,
    room: str | None = RoomQuery,
    limit: int = Query(100, ge=1, le=500),
    before: int | None = BeforeQuery,
) -> list[GalleryItem]:
    """Newest first, all rooms or one; `before` pages back to older pictures."""
    entries = gallery.entries(room and room.upper(), limit, before)
    return [GalleryItem.of(entry) for entry in entries if on_show(entry, options)]


@router.get("/gallery", response_class=HTMLResponse)
def page(
    request: Request,
    gallery: GalleryDep,
    options: OptionsDep,
    room: str | None = RoomQuery,
    before: int | None = BeforeQuery,
) -> HTMLResponse:
    """The gallery as plain server-rendered markup, a page of pictures at a time: works without any script."""
    room = room and room.upper()
    entries = gallery.entries(room, GALLERY_PAGE + 1, before)  # one more says whether older pictures remain
    shown = entries[:GALLERY_PAGE]
    newest = urlencode({"room": room}) if room else ""
    older = (
        urlencode({**({"room": room} if room else {}), "before": shown[-1].id}) if len(entries) > GALLERY_PAGE else None
    )
    items = [GalleryItem.of(entry) for entry in shown if on_show(entry, options)]
    context = {"items": items, "room": room, "paged": before is not None, "older": older, "newest": newest}
    return templates.TemplateResponse(request, "gallery.html", context)


@router.get(
    "/api/gallery/{entry_id}/picture.png", response_class=Response, responses={200: {"content": {"image/png": {}}}}
)
def picture(
    entry: ShownEntryDep,
    gallery: GalleryDep,
    size: int | None = Query(None, ge=1, le=DOWNLOAD_PIXELS, description="enlarge to about this many pixels a side"),
) -> Response:
    """The picture as drawn, or enlarged nearest-neighbour for a download."""
    name = f"{file_stem(entry.record.prompt, entry.record.seed)}.png"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    if size is None:
        return FileResponse(gallery.picture(entry), media_type="image/png", headers=headers)
    pixels = np.asarray(Image.open(gallery.picture(entry)).convert("RGB"))
    return Response(download_png(pixels, size), media_type="image/png", headers=headers)


@router.get("/api/gallery/{entry_id}/reveal.gif", response_class=Response)
def reveal(entry: ShownEntryDep, gallery: GalleryDep, options: OptionsDep) -> Response:
    """The stored reveal as a looping GIF, rendered on request (it is kept as compact arrays)."""
    gif = gallery.reveal(entry).gif(options.image_size)
    headers = {"Content-Disposition": f'attachment; filename="{file_stem(entry.record.prompt, entry.record.seed)}.gif"'}
    return Response(gif, media_type="image/gif", headers=headers)


def _found(entry: GalleryEntry | None) -> GalleryEntry:
    if entry is None:
        raise HTTPException(404, "There is no such picture in the gallery.")
    return entry
