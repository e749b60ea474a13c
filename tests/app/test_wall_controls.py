"""The teacher controls the wall: hiding a picture with the room's key, the blocked-words list on every way a prompt
comes in, and the names students put under their pictures."""

import json
import signal
import sqlite3
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from pydantic_settings import CliApp
from starlette.testclient import WebSocketTestSession
from websockets.sync.client import connect

from app.bench.load import free_port
from app.blocked import DEFAULT_BLOCKED_WORDS, NAME_REFUSAL, PROMPT_REFUSAL, BlockedWords
from app.config import Settings
from app.gallery import Gallery, GalleryRecord
from app.main import create_app
from app.replay import Reveal
from model.pipeline import Pipeline

pytestmark = pytest.mark.timeout(120)

# Made-up words, so the tests hold no offensive ones: the shipped list is checked against itself below.
BLOCKED_LIST = """# our school's list
zorblax
snorgle   # a comment after a word
big grumble
"""
PER_MINUTE = 10  # Settings().wrong_guesses_per_minute


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    blocked = tmp_path / "blocked.txt"
    blocked.write_text(BLOCKED_LIST)
    return Settings(max_steps=50, heartbeat_seconds=30, gallery_dir=tmp_path / "gallery", blocked_words=blocked)


def _open_room(teacher: WebSocketTestSession) -> dict:
    assert teacher.receive_json()["type"] == "hello"
    teacher.send_json({"type": "open_room"})
    return teacher.receive_json()


def _join(student: WebSocketTestSession, code: str, name: str | None = None) -> None:
    assert student.receive_json()["type"] == "hello"
    student.send_json({"type": "join_room", "code": code})
    assert student.receive_json()["type"] == "joined"
    if name is not None:
        student.send_json({"type": "set_name", "name": name})
        assert student.receive_json()["type"] == "named"


# ----------------------------------------------------------------------------------------------
# Hiding a picture
# ----------------------------------------------------------------------------------------------


def test_only_the_rooms_teacher_hides_a_picture_and_it_leaves_every_listing_and_route(
    client: TestClient, receive_until, generate
):
    with (
        client.websocket_connect("/ws") as teacher,
        client.websocket_connect("/ws") as another_teacher,
        client.websocket_connect("/ws") as student,
    ):
        room, other = _open_room(teacher), _open_room(another_teacher)
        code = room["code"]
        _join(student, code)
        for prompt, seed in (("a green frog", 1), ("a red apple", 2)):
            student.send_json(generate(prompt=prompt, seed=seed))
            receive_until(student, "done")

    apple = next(i for i in client.get(f"/api/gallery?room={code}").json() if i["record"]["prompt"] == "a red apple")
    assert apple["hidden"] is False
    assert [i["id"] for i in client.get(f"/api/rooms/{code}/latest").json()] == [apple["id"]]
    hide = f"/api/gallery/{apple['id']}/hide"
    for key in (None, "not-the-key", other["key"]):  # nobody, a guess, and the teacher of another room
        headers = {"teacher-key": key} if key else {}
        assert client.post(hide, json={"hidden": True}, headers=headers).status_code == 403
    assert client.post("/api/gallery/999999/hide", json={}, headers={"teacher-key": room["key"]}).status_code == 404

    hidden = client.post(hide, json={"hidden": True}, headers={"teacher-key": room["key"]})
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True

    # the wall and the teacher's grid show the student's newest picture that is not hidden
    assert [i["record"]["prompt"] for i in client.get(f"/api/rooms/{code}/latest").json()] == ["a green frog"]
    for listing in ("/api/gallery", f"/api/gallery?room={code}", f"/api/gallery?room={code.lower()}"):
        assert apple["id"] not in [i["id"] for i in client.get(listing).json()], listing
    for page in ("/gallery", f"/gallery?room={code}"):
        text = client.get(page).text
        assert "a green frog" in text and "a red apple" not in text, page
    for route in (apple["picture_url"], apple["download_url"], apple["reveal_url"]):
        assert client.get(route).status_code == 404, route
        assert client.get(route, headers={"teacher-key": other["key"]}).status_code == 404, route
        assert client.get(route, headers={"teacher-key": room["key"]}).status_code == 200, route

    shown_again = client.post(hide, json={"hidden": False}, headers={"teacher-key": room["key"]})
    assert shown_again.status_code == 200 and shown_again.json()["hidden"] is False
    assert client.get(apple["picture_url"]).status_code == 200


def test_wrong_keys_to_hide_or_to_see_a_hidden_picture_count_toward_the_wrong_guess_limit(client: TestClient):
    for _ in range(PER_MINUTE):
        assert client.post("/api/gallery/1/hide", json={}, headers={"teacher-key": "guess"}).status_code == 403
    refused = client.post("/api/gallery/1/hide", json={}, headers={"teacher-key": "guess"})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1


def _record(**fields: object) -> GalleryRecord:
    base = GalleryRecord("a red apple", "", 3, 3.0, 7, "ddim", "unet", None, 1, 1.0, 2.0, "K7QX", "s1")
    return GalleryRecord(**{**base.__dict__, **fields})


def _add(gallery: Gallery, record: GalleryRecord) -> int:
    pixels = np.zeros((1, 32, 32, 3), dtype=np.uint8)
    return gallery.add(record, pixels, Reveal([pixels], [pixels]))


def test_a_hidden_picture_and_a_name_are_kept_on_disk_and_older_galleries_gain_their_columns(tmp_path: Path):
    gallery = Gallery(tmp_path)
    old = _add(gallery, _record(prompt="a cat"))
    gallery.close()
    with sqlite3.connect(tmp_path / "gallery.sqlite3") as db:  # as a server from before names and hiding left it
        db.execute("ALTER TABLE pictures DROP COLUMN hidden")
        db.execute("ALTER TABLE pictures DROP COLUMN nickname")
    gallery = Gallery(tmp_path)
    assert gallery.get(old).record.nickname == "" and not gallery.get(old).hidden
    named = _add(gallery, _record(nickname="Ada"))
    assert gallery.hide(named) and not gallery.hide(123456)
    gallery.close()

    gallery = Gallery(tmp_path)  # a restart
    entry = gallery.get(named)
    assert entry is not None and entry.hidden and entry.record.nickname == "Ada"
    assert [e.id for e in gallery.entries()] == [old]
    assert [e.id for e in gallery.latest_by_author("K7QX")] == [old]  # the author's newest that is not hidden
    gallery.close()


def _http(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data, {"content-type": "application/json", **(headers or {})}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_after_a_crash_the_teacher_still_hides_the_rooms_pictures_and_they_stay_hidden(
    tmp_path: Path, start_server: Callable
):
    port = free_port()
    base, url = f"http://127.0.0.1:{port}", f"ws://127.0.0.1:{port}/ws"
    server = start_server(tmp_path, port)
    try:
        with connect(url, origin=base) as teacher, connect(url, origin=base) as student:
            for socket_ in (teacher, student):
                assert json.loads(socket_.recv(timeout=10))["type"] == "hello"
            teacher.send(json.dumps({"type": "open_room"}))
            room = json.loads(teacher.recv(timeout=10))
            student.send(json.dumps({"type": "join_room", "code": room["code"]}))
            assert json.loads(student.recv(timeout=10))["type"] == "joined"
            student.send(json.dumps({"type": "generate", "prompt": "a red apple", "steps": 3, "seed": 1}))
            while True:
                message = student.recv(timeout=30)
                if isinstance(message, str) and json.loads(message)["type"] == "done":
                    break
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    server = start_server(tmp_path, port)
    try:
        [item] = json.loads(_http(f"{base}/api/rooms/{room['code']}/latest")[1])
        status, _ = _http(f"{base}/api/gallery/{item['id']}/hide", "POST", {}, {"teacher-key": room["key"]})
        assert status == 200
        assert json.loads(_http(f"{base}/api/rooms/{room['code']}/latest")[1]) == []
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()
    server = start_server(tmp_path, port)
    try:
        assert json.loads(_http(f"{base}/api/gallery")[1]) == []
        assert _http(f"{base}{item['picture_url']}")[0] == 404
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait()


# ----------------------------------------------------------------------------------------------
# Blocked words
# ----------------------------------------------------------------------------------------------


def test_blocked_words_match_whole_words_in_any_case_and_simple_plurals():
    words = BlockedWords.parse(BLOCKED_LIST)
    for text in ("a Zorblax", "ZORBLAX!", "two zorblaxes", "snorgles at noon", "a big  grumble", "(zorblax)"):
        assert words.found_in(text), text
    for text in ("a zorblaxian hat", "snorgled", "a big cat", "grumble", "our school's list", "a comment"):
        assert not words.found_in(text), text
    assert not BlockedWords.parse("# nothing but a comment\n\n").found_in("anything at all")


def test_the_shipped_list_is_short_blocks_each_of_its_words_and_is_the_default():
    assert Settings().blocked_words == DEFAULT_BLOCKED_WORDS and DEFAULT_BLOCKED_WORDS.is_file()
    entries = [line.split("#")[0].strip() for line in DEFAULT_BLOCKED_WORDS.read_text().splitlines()]
    entries = [entry for entry in entries if entry]
    assert 5 <= len(entries) <= 60
    words = BlockedWords.read(DEFAULT_BLOCKED_WORDS)
    for entry in entries:
        assert words.found_in(f"a {entry.upper()} here") and words.found_in(f"two {entry}s"), entry
    for prompt in ("a smiling cat", "a red apple", "a house by the sea", "Scunthorpe", "a class of glasses"):
        assert not words.found_in(prompt), prompt


def test_the_list_is_a_setting_by_flag_and_environment_and_must_exist(tmp_path: Path, monkeypatch):
    mine = tmp_path / "ours.txt"
    mine.write_text("zorblax\n")
    assert CliApp.run(Settings, cli_args=["--blocked-words", str(mine)]).blocked_words == mine
    monkeypatch.setenv("DUST_BLOCKED_WORDS", str(mine))
    assert Settings().blocked_words == mine
    with pytest.raises(ValidationError):
        Settings(blocked_words=tmp_path / "missing.txt")


@pytest.mark.parametrize(
    "fields",
    [
        {"prompt": "a Zorblax on a hill"},
        {"prompt": "two zorblaxes"},
        {"prompt": "a cat", "negative_prompt": "snorgles"},
    ],
    ids=["word", "plural", "negative-prompt"],
)
def test_a_blocked_prompt_is_refused_kindly_before_drawing_and_never_stored(client: TestClient, ws, generate, fields):
    ws.send_json(generate(**fields))
    assert ws.receive_json() == {"type": "error", "code": "blocked_words", "message": PROMPT_REFUSAL, "job_id": None}
    assert client.get("/api/gallery").json() == []


def test_in_a_room_neither_the_teacher_nor_a_student_can_draw_a_blocked_prompt(
    client: TestClient, receive_until, generate
):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as student:
        code = _open_room(teacher)["code"]
        _join(student, code)
        for who in (teacher, student):
            who.send_json(generate(prompt="a big grumble"))
            assert who.receive_json()["code"] == "blocked_words"
        teacher.send_json(generate(prompt="a sailing boat"))
        receive_until(teacher, "done")
        watched = receive_until(student, "done")
        assert [m["prompt"] for m in watched.of_type("broadcast")] == ["a sailing boat"]  # the refused one never aired
    assert client.get(f"/api/rooms/{code}/latest").json() == []
    assert [i["record"]["prompt"] for i in client.get("/api/gallery").json()] == ["a sailing boat"]


LESSON_ROUTES = [
    "/api/lessons/words?prompt=a zorblax",
    "/api/lessons/word-maps?prompt=a zorblax&steps=1",
    "/api/lessons/diversity?prompt=a zorblax&steps=1",
    "/api/lessons/dust.png?prompt=a zorblax&steps=1",
    "/api/lessons/clean-up.png?example=smiley&steps=1&start=1&words=a zorblax",
    "/api/lessons/patch-attention?example=smiley&steps=1&position=1&words=a zorblax",
]


@pytest.mark.parametrize("route", LESSON_ROUTES, ids=[r.split("?")[0].rsplit("/", 1)[1] for r in LESSON_ROUTES])
def test_the_lessons_refuse_blocked_words_before_drawing(client: TestClient, route: str):
    refused = client.get(route)
    assert refused.status_code == 422 and refused.json() == {"detail": PROMPT_REFUSAL}


def test_the_live_lessons_socket_refuses_blocked_words(client: TestClient, run_lesson):
    steps, pictures, closing = run_lesson(client, lesson="teams", prompt="ZORBLAXES", seed=0, steps=2)
    assert (steps, pictures, closing) == ([], [], {"type": "error", "message": PROMPT_REFUSAL})


def test_pictures_drawn_before_a_word_was_blocked_leave_every_listing(
    settings: Settings, pipeline: Pipeline, receive_until, generate, tmp_path: Path
):
    settings.blocked_words = tmp_path / "empty.txt"
    settings.blocked_words.write_text("")
    with TestClient(create_app(settings, pipeline)) as before:
        with before.websocket_connect("/ws") as teacher, before.websocket_connect("/ws") as student:
            code = _open_room(teacher)["code"]
            _join(student, code)
            student.send_json(generate(prompt="a zorblax"))
            receive_until(student, "done")
        [item] = before.get("/api/gallery").json()
    settings.blocked_words.write_text("zorblax\n")  # the school adds the word, and starts the server again
    with TestClient(create_app(settings, pipeline)) as after:
        assert after.get("/api/gallery").json() == [] and after.get(f"/api/rooms/{code}/latest").json() == []
        assert "zorblax" not in after.get("/gallery").text
        assert after.get(item["picture_url"]).status_code == 404


# ----------------------------------------------------------------------------------------------
# Names under pictures
# ----------------------------------------------------------------------------------------------


def test_a_students_name_is_tidied_stored_with_their_pictures_and_listed_for_the_wall(
    client: TestClient, receive_until, generate
):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as student:
        code = _open_room(teacher)["code"]
        _join(student, code)
        student.send_json({"type": "set_name", "name": "  Zoë   O’Brien-Li "})
        assert student.receive_json() == {"type": "named", "name": "Zoë O’Brien-Li"}
        student.send_json(generate(prompt="a green frog"))
        receive_until(student, "done")
        [shown] = client.get(f"/api/rooms/{code}/latest").json()
        assert shown["record"]["nickname"] == "Zoë O’Brien-Li"

        student.send_json({"type": "set_name", "name": "   "})  # no name after all
        assert student.receive_json() == {"type": "named", "name": ""}
        student.send_json(generate(prompt="a red apple"))
        receive_until(student, "done")
        [shown] = client.get(f"/api/rooms/{code}/latest").json()
        assert (shown["record"]["prompt"], shown["record"]["nickname"]) == ("a red apple", "")

        teacher.send_json({"type": "set_name", "name": "Ms Rivers"})
        assert teacher.receive_json()["type"] == "named"
        teacher.send_json(generate(prompt="a sailing boat"))
        receive_until(teacher, "done")
    teachers = next(i for i in client.get("/api/gallery").json() if i["record"]["prompt"] == "a sailing boat")
    assert teachers["record"]["nickname"] == "", "names are for students' pictures on the wall"


@pytest.mark.parametrize(
    ("name", "code", "words"),
    [
        ("<b>Ada</b>", "invalid_field", "letters"),
        ('Ada" onmouseover="x', "invalid_field", "letters"),
        ("A" * 25, "invalid_field", "24"),
        ("Zorblax", "blocked_words", None),
        ("Big Grumbles", "blocked_words", None),
        (7, "invalid_field", "name"),
    ],
    ids=["markup", "attribute", "too-long", "blocked", "blocked-phrase", "not-text"],
)
def test_names_with_markup_too_long_or_blocked_are_refused_and_the_old_name_stays(
    client: TestClient, receive_until, generate, name, code, words
):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as student:
        room = _open_room(teacher)["code"]
        _join(student, room, name="Ada")
        student.send_json({"type": "set_name", "name": name})
        error = student.receive_json()
        assert (error["type"], error["code"]) == ("error", code)
        assert (words or NAME_REFUSAL) in error["message"]
        student.send_json(generate(prompt="a green frog"))
        receive_until(student, "done")
    [shown] = client.get(f"/api/rooms/{room}/latest").json()
    assert shown["record"]["nickname"] == "Ada"
