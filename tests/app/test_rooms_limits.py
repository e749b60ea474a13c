"""Rooms that survive abuse: rooms in use never close for space, opens are limited per address, idle rooms expire."""

import pytest
from fastapi.testclient import TestClient

from app.room_store import RoomStore
from app.rooms import Rooms, RoomsFull


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_loop_of_opens_from_one_address_closes_only_its_own_idle_rooms():
    clock = Clock()
    rooms = Rooms(max_rooms=100, per_address=3, clock=clock)
    teacher = object()
    live, _ = rooms.open(teacher, "10.0.0.1")
    codes = []
    for _ in range(50):
        clock.now += 1
        room, _ = rooms.open(None, "10.0.0.66")  # a script: no connection stays in its rooms
        codes.append(room.code)
    assert rooms.get(live.code) is live, "another teacher's live room was closed"
    assert [rooms.get(code) is not None for code in codes[-3:]] == [True] * 3
    assert sum(rooms.get(code) is not None for code in codes) == 3, "only the address's newest 3 stay"


def test_rooms_in_use_are_never_closed_and_a_full_address_is_refused():
    rooms = Rooms(per_address=2)
    (first, _), (second, _) = rooms.open(object(), "a"), rooms.open(object(), "a")
    with pytest.raises(RoomsFull, match="2 rooms"):
        rooms.open(object(), "a")
    assert rooms.get(first.code) is first and rooms.get(second.code) is second
    rooms.leave(first, next(iter(first.teachers)))  # the teacher closed that tab
    third, _ = rooms.open(object(), "a")
    assert rooms.get(first.code) is None and rooms.get(third.code) is third


def test_a_full_server_closes_the_longest_idle_room_or_refuses():
    clock = Clock()
    rooms = Rooms(max_rooms=2, per_address=10, clock=clock)
    busy, _ = rooms.open(object(), "a")
    idle, _ = rooms.open(None, "b")
    clock.now += 5
    newest, _ = rooms.open(object(), "c")
    assert rooms.get(idle.code) is None and rooms.get(busy.code) is busy and rooms.get(newest.code) is newest
    with pytest.raises(RoomsFull, match="server"):
        rooms.open(object(), "d")


def test_a_room_with_students_but_no_teacher_stays_and_idle_rooms_expire():
    clock = Clock()
    rooms = Rooms(idle_seconds=60, clock=clock)
    teacher, student = object(), object()
    taught, _ = rooms.open(teacher, "a")
    rooms.join(taught, student)  # type: ignore[arg-type]
    rooms.leave(taught, teacher)
    forgotten, _ = rooms.open(None, "b")
    clock.now += 61
    rooms.open(None, "c")  # opening is when expiry is looked at
    assert rooms.get(taught.code) is taught, "students are still in it"
    assert rooms.get(forgotten.code) is None


def test_a_teacher_reconnecting_with_the_key_gets_the_same_room():
    rooms = Rooms(per_address=1)
    room, key = rooms.open(object(), "a")
    assert rooms.open(object(), "a", key=key) == (room, key)  # not refused: it is no new room
    assert rooms.teaches(key) and not rooms.teaches("nope") and key not in room.key_hash


def test_a_socket_opening_rooms_in_a_loop_cannot_close_another_teachers_live_room(client: TestClient):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as script:
        teacher.receive_json(), script.receive_json()
        teacher.send_json({"type": "open_room"})
        live = teacher.receive_json()
        answers = []
        for n in range(30):
            script.send_json({"type": "open_room", "key": f"guess-{n}"})  # each bogus key asks for a new room
            answers.append(script.receive_json())
        rooms = client.app.state.rooms
        assert rooms.get(live["code"]) is not None
        assert {a["type"] for a in answers} <= {"room", "error"}
        assert {a["code"] for a in answers if a["type"] == "error"} <= {"rate_limited", "rooms_full"}
        still_open = [a["code"] for a in answers if rooms.get(a["code"]) is not None]
        assert len(still_open) < rooms.per_address, "one client address holds at most a few rooms"
        # the script's address has guessed wrong too often; a student on a device of their own still joins
        on_another_device = TestClient(client.app, client=("192.0.2.7", 50000))
        with on_another_device.websocket_connect("/ws") as student:
            student.receive_json()
            student.send_json({"type": "join_room", "code": live["code"]})
            assert student.receive_json() == {"type": "joined", "code": live["code"]}


def test_open_rooms_outlive_the_rooms_object_through_the_store(tmp_path):
    clock = Clock()
    store = RoomStore(tmp_path / "gallery.sqlite3")
    rooms = Rooms(store=store, idle_seconds=10, clock=clock)
    room, key = rooms.open(object(), "a")
    forgotten, _ = rooms.open(None, "b")
    clock.now += 11
    rooms.open(object(), "c")  # the forgotten room expires now, and leaves the store too
    store.close()
    again = Rooms(store=RoomStore(tmp_path / "gallery.sqlite3"))  # a restarted server
    assert again.get(forgotten.code) is None and again.get(room.code) is not None
    restored, same_key = again.open(object(), "d", key=key)
    assert restored.code == room.code and same_key == key
