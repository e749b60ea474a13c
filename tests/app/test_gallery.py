"""The gallery keeps every finished picture, and a server killed mid-write restarts with it intact."""

import dataclasses
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from PIL import Image

from app.gallery import Budget, Gallery, GalleryRecord
from app.replay import Reveal

pytestmark = pytest.mark.timeout(120)

RECORD = GalleryRecord(
    prompt="a red apple",
    negative_prompt="",
    steps=3,
    guidance_scale=3.0,
    seed=7,
    sampler="ddim",
    backbone="unet",
    schedule=None,
    num_images=2,
    queued_ms=1.0,
    total_ms=20.0,
    room=None,
    author="a1",
)

# Files a record forever, as fast as it can, until it is killed.
WRITER = """
import sys, dataclasses
import numpy as np
from pathlib import Path
from app.gallery import Gallery, GalleryRecord
from app.replay import Reveal
from app.gallery import Budget
budget = Budget(max_entries=int(sys.argv[2])) if len(sys.argv) > 2 else None  # a small one evicts all the time
gallery = Gallery(Path(sys.argv[1]), budget)
record = GalleryRecord("a cat", "", 3, 3.0, 1, "ddim", "unet", None, 1, 1.0, 2.0, None, "w")
pixels = np.random.default_rng(0).integers(0, 255, (1, 32, 32, 3), dtype=np.uint8)
reveal = Reveal([pixels] * 20, [pixels] * 20)
print("writing", flush=True)  # imports done: the kill lands while rows are being written
n = 0
while True:
    gallery.add(dataclasses.replace(record, seed=n), pixels, reveal)
    n += 1
"""


def _pictures(n: int = 2) -> np.ndarray:
    return np.random.default_rng(n).integers(0, 255, (n, 32, 32, 3), dtype=np.uint8)


@pytest.mark.parametrize("record", [RECORD, dataclasses.replace(RECORD, quick=True)], ids=["plain", "quick"])
def test_a_record_keeps_its_picture_its_reveal_and_its_settings(tmp_path: Path, record: GalleryRecord):
    gallery = Gallery(tmp_path)
    final = _pictures()
    entry_id = gallery.add(record, final, Reveal([final, final], [final, final]))
    entry = gallery.get(entry_id)
    assert entry is not None and entry.record == record and entry.record.settings()["quick"] is record.quick
    stored = np.asarray(Image.open(gallery.picture(entry)))
    assert stored.shape == (32, 64, 3) and (stored[:, :32] == final[0]).all()
    assert len(gallery.reveal(entry).dusty) == 2
    gallery.close()


def test_listings_by_room_and_each_authors_latest(tmp_path: Path):
    gallery = Gallery(tmp_path)
    final = _pictures(1)
    reveal = Reveal([final], [final])
    ids = [
        gallery.add(RECORD.__class__(**{**RECORD.__dict__, "room": room, "author": author}), final, reveal)
        for room, author in [("ROOM", "ann"), ("ROOM", "bob"), ("ROOM", "ann"), (None, "cy")]
    ]
    assert [e.id for e in gallery.entries()] == ids[::-1]
    assert [e.id for e in gallery.entries("ROOM")] == ids[2::-1]
    assert [e.id for e in gallery.latest_by_author("ROOM")] == [ids[2], ids[1]]
    gallery.close()


def test_leftovers_of_a_crash_are_swept_at_start(tmp_path: Path):
    Gallery(tmp_path).close()
    (tmp_path / "half.png.tmp").write_bytes(b"half")
    (tmp_path / "orphan.png").write_bytes(b"no row points here")
    Gallery(tmp_path).close()
    assert not (tmp_path / "half.png.tmp").exists() and not (tmp_path / "orphan.png").exists()


@pytest.mark.parametrize("budget", [[], ["4"]], ids=["writing", "writing-and-evicting"])
def test_a_server_killed_mid_write_restarts_with_the_gallery_intact(tmp_path: Path, budget: list[str]):
    root = Path(__file__).resolve().parents[2]
    killed_with_rows = 0
    for delay in (0.1, 0.4, 0.9):
        command = [sys.executable, "-c", WRITER, str(tmp_path), *budget]
        writer = subprocess.Popen(command, cwd=root, env={**os.environ}, stdout=subprocess.PIPE, text=True)
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        gallery = Gallery(tmp_path)  # what a restarted server does first
        entries = gallery.entries(limit=100_000)
        killed_with_rows += bool(entries)
        for entry in entries:
            Image.open(gallery.picture(entry)).verify()  # every row's files exist and are whole
            assert len(gallery.reveal(entry).guesses) == 20
        gallery.close()
        with sqlite3.connect(tmp_path / "gallery.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        leftovers = {p.name for p in tmp_path.iterdir()} - {f"{e.name}{s}" for e in entries for s in (".png", ".npz")}
        assert all(name.startswith("gallery.sqlite3") for name in leftovers), leftovers
    assert killed_with_rows, "the writer never got a record in before it was killed"


def _fill(gallery: Gallery, count: int) -> list[int]:
    reveal = Reveal([_pictures(1)] * 3, [_pictures(1)] * 3)
    return [gallery.add(dataclasses.replace(RECORD, seed=n), _pictures(), reveal) for n in range(count)]


def _files_on_disk(folder: Path) -> set[str]:
    return {p.stem for p in folder.iterdir() if p.suffix in (".png", ".npz")}


def test_past_its_entry_budget_the_oldest_pictures_go_files_and_rows_together(tmp_path: Path):
    gallery = Gallery(tmp_path, Budget(max_entries=3))
    ids = _fill(gallery, 5)
    kept = gallery.entries()
    assert [e.id for e in kept] == ids[:1:-1]  # the three newest, newest first
    assert _files_on_disk(tmp_path) == {e.name for e in kept}
    assert gallery.usage()[0] == 3


def test_past_its_byte_budget_the_oldest_pictures_go(tmp_path: Path):
    probe = Gallery(tmp_path / "probe")
    _fill(probe, 1)
    one = probe.usage()[1]
    assert one > 0
    gallery = Gallery(tmp_path / "small", Budget(max_bytes=int(2.5 * one)))
    _fill(gallery, 6)
    count, size = gallery.usage()
    assert count == 2 and size <= 2.5 * one


def test_pinned_pictures_stay_whatever_the_budget(tmp_path: Path):
    gallery = Gallery(tmp_path, Budget(max_entries=2))
    first = _fill(gallery, 1)[0]
    assert gallery.pin(first) and not gallery.pin(12345)
    _fill(gallery, 4)
    kept = gallery.entries()
    assert first in [e.id for e in kept] and len(kept) == 2 and gallery.get(first).pinned
    for entry in kept:
        gallery.pin(entry.id)
    _fill(gallery, 1)  # over budget with all but the newest pinned: only unpinned ones go, and it stops
    assert {e.id for e in kept} <= {e.id for e in gallery.entries()}


def test_a_smaller_budget_at_start_trims_the_gallery(tmp_path: Path):
    _fill(Gallery(tmp_path), 4)
    assert Gallery(tmp_path, Budget(max_entries=1)).usage()[0] == 1
    assert len(_files_on_disk(tmp_path)) == 1


def test_a_gallery_from_before_the_budget_gains_its_columns_and_sizes(tmp_path: Path):
    gallery = Gallery(tmp_path)
    _fill(gallery, 2)
    size = gallery.usage()[1]
    gallery.close()
    with sqlite3.connect(tmp_path / "gallery.sqlite3") as db:  # as an older server left it
        db.execute("ALTER TABLE pictures DROP COLUMN bytes")
        db.execute("ALTER TABLE pictures DROP COLUMN pinned")
        db.execute("ALTER TABLE pictures DROP COLUMN quick")
    reopened = Gallery(tmp_path)
    assert reopened.usage() == (2, size)
    assert [entry.record.quick for entry in reopened.entries()] == [False, False], "older runs were not quick"


def test_a_finished_run_lands_in_the_gallery_with_download_and_run_again(
    client: TestClient, ws, receive_until, generate
):
    ws.send_json(generate(prompt="a blue fish", steps=3, seed=5))
    done = receive_until(ws, "done").of_type("done")[0]
    assert done["file_stem"] == "dust-to-detail-a-blue-fish-seed-5"
    [item] = client.get("/api/gallery").json()
    assert item["record"]["prompt"] == "a blue fish" and item["record"]["seed"] == 5
    picture = client.get(item["picture_url"])
    assert picture.status_code == 200 and Image.open(io.BytesIO(picture.content)).size == (32, 32)
    assert 'filename="dust-to-detail-a-blue-fish-seed-5.png"' in picture.headers["content-disposition"]
    download = client.get(item["download_url"])  # enlarged for slides, as the main page's download
    assert Image.open(io.BytesIO(download.content)).size == (512, 512)
    assert 'filename="dust-to-detail-a-blue-fish-seed-5.png"' in download.headers["content-disposition"]
    gif = client.get(item["reveal_url"])
    assert gif.status_code == 200 and gif.content.startswith(b"GIF8")
    assert 'filename="dust-to-detail-a-blue-fish-seed-5.gif"' in gif.headers["content-disposition"]
    assert "seed=5" in item["again_url"] and "prompt=a+blue+fish" in item["again_url"]
    page = client.get("/gallery")
    assert page.status_code == 200 and "a blue fish" in page.text and "Run again with this seed" in page.text
    assert client.get("/api/gallery/999/picture.png").status_code == 404
    assert client.get("/api/gallery?room=NOPE").json() == []


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), sqlite3.OperationalError("disk is full")])
def test_a_gallery_that_cannot_file_the_picture_still_ends_the_run_with_done(
    client: TestClient, ws, receive_until, generate, monkeypatch, failure: Exception
):
    def refuse(*_: object) -> None:
        raise failure

    monkeypatch.setattr(Gallery, "add", refuse)
    ws.send_json(generate(prompt="a full disk", steps=2))
    assert receive_until(ws, "done").of_type("done")
    assert client.get("/api/gallery").json() == []


def test_only_a_teacher_pins_a_picture(client: TestClient, ws, receive_until, generate):
    ws.send_json(generate(prompt="a blue fish", steps=2))
    receive_until(ws, "done")
    [item] = client.get("/api/gallery").json()
    assert item["pinned"] is False
    url = f"/api/gallery/{item['id']}/pin"
    assert client.post(url, json={"pinned": True}).status_code == 403
    assert client.post(url, json={"pinned": True}, headers={"teacher-key": "guess"}).status_code == 403
    _, key = client.app.state.rooms.open()
    pinned = client.post(url, json={"pinned": True}, headers={"teacher-key": key})
    assert pinned.status_code == 200 and pinned.json()["pinned"] is True
    assert client.get("/api/gallery").json()[0]["pinned"] is True
    assert client.post("/api/gallery/999/pin", json={"pinned": True}, headers={"teacher-key": key}).status_code == 404


def test_the_gallery_page_goes_back_to_older_pictures_a_page_at_a_time(tmp_path: Path):
    from app.config import Settings
    from app.main import create_app
    from app.routes.gallery import GALLERY_PAGE
    from model.loading import tiny_pipeline

    gallery, final = Gallery(tmp_path), _pictures(1)
    ids = [gallery.add(dataclasses.replace(RECORD, seed=n), final, Reveal([final], [final])) for n in range(105)]
    gallery.close()
    with TestClient(create_app(Settings(gallery_dir=tmp_path), tiny_pipeline())) as client:
        newest = client.get("/gallery").text
        assert newest.count('class="gallery-item"') == GALLERY_PAGE and f'data-id="{ids[-1]}"' in newest
        older = newest.split('class="ghost older" href="')[1].split('"')[0]
        assert older == f"/gallery?before={ids[-GALLERY_PAGE]}"
        back = client.get(older).text
        assert [f'data-id="{i}"' in back for i in ids[:5]] == [True] * 5 and back.count('class="gallery-item"') == 5
        assert "Older pictures" not in back and "Newest pictures" in back
        assert len(client.get("/api/gallery", params={"before": ids[2]}).json()) == 2
