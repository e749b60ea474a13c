"""Rooms: a teacher's runs stream live to joined students, who still draw their own; the teacher sees their grid."""

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.timeout(60)


def test_a_teachers_run_streams_to_students_who_still_draw_their_own(client: TestClient, receive_until, generate):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as student:
        for socket in (teacher, student):
            socket.receive_json()
        teacher.send_json({"type": "open_room"})
        room = teacher.receive_json()
        assert room["type"] == "room" and len(room["code"]) == 4 and room["join_url"] == f"/?room={room['code']}"
        student.send_json({"type": "join_room", "code": room["code"].lower()})
        assert student.receive_json() == {"type": "joined", "code": room["code"]}

        teacher.send_json(generate(prompt="a sailing boat", steps=6, seed=1))
        teachers = receive_until(teacher, "done")
        watched = receive_until(student, "done")
        broadcast = watched.of_type("broadcast")[0]
        job_id = teachers.of_type("start")[0]["job_id"]
        assert broadcast == {"type": "broadcast", "job_id": job_id, "code": room["code"], "prompt": "a sailing boat"}
        assert [m["index"] for m in watched.of_type("step")] == list(range(6))
        assert len(watched.frames) == len(teachers.frames)

        student.send_json(generate(prompt="a green frog", steps=3, seed=2))
        own = receive_until(student, "done")
        assert own.messages[0]["type"] == "accepted" and own.of_type("done")[0]["job_id"] != job_id

        [latest] = client.get(f"/api/rooms/{room['code']}/latest").json()
        assert latest["record"]["prompt"] == "a green frog" and latest["record"]["room"] == room["code"]
        assert {i["record"]["prompt"] for i in client.get(f"/api/gallery?room={room['code']}").json()} == {
            "a sailing boat",
            "a green frog",
        }
        qr = client.get(f"/api/rooms/{room['code']}/qr.svg")
        assert qr.status_code == 200 and qr.headers["content-type"] == "image/svg+xml" and b"<svg" in qr.content


def test_a_student_joining_mid_run_catches_up_from_the_latest_steps(client: TestClient, receive_until, generate):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as student:
        for socket in (teacher, student):
            socket.receive_json()
        teacher.send_json({"type": "open_room"})
        code = teacher.receive_json()["code"]
        teacher.send_json(generate(steps=60, seed=3))
        receive_until(teacher, "step")
        student.send_json({"type": "join_room", "code": code})
        watched = receive_until(student, "done")
        assert [m["type"] for m in watched.messages[:3]] == ["joined", "broadcast", "start"]
        assert watched.of_type("step")[-1]["index"] == 59


def test_a_teacher_reconnecting_with_the_key_keeps_the_room(client: TestClient):
    with client.websocket_connect("/ws") as teacher:
        teacher.receive_json()
        teacher.send_json({"type": "open_room"})
        first = teacher.receive_json()
    with client.websocket_connect("/ws") as teacher:
        teacher.receive_json()
        teacher.send_json({"type": "open_room", "key": first["key"]})
        assert teacher.receive_json()["code"] == first["code"]


def test_unknown_rooms_are_explained(client: TestClient, ws):
    ws.send_json({"type": "join_room", "code": "ZZZZ"})
    error = ws.receive_json()
    assert error["code"] == "no_room" and "ZZZZ" in error["message"]
    assert client.get("/api/rooms/ZZZZ/qr.svg").status_code == 404


def test_a_student_who_joins_again_gets_one_stream_not_two(client: TestClient, receive_until, generate, settings):
    with client.websocket_connect("/ws") as teacher, client.websocket_connect("/ws") as student:
        for socket in (teacher, student):
            socket.receive_json()
        teacher.send_json({"type": "open_room"})
        code = teacher.receive_json()["code"]
        teacher.send_json(generate(steps=settings.max_steps, seed=4))
        receive_until(teacher, "step")
        student.send_json({"type": "join_room", "code": code})
        receive_until(student, "step")
        student.send_json({"type": "join_room", "code": code})
        receive_until(student, "joined")
        for _ in range(5):
            receive_until(teacher, "step")
        teacher.send_json({"type": "cancel"})
        watched = receive_until(student, "cancelled")
        indices = [m["index"] for m in watched.of_type("step")]
        assert len(indices) > 3 and indices == sorted(set(indices)), indices


def test_a_student_who_moves_rooms_hears_nothing_more_from_the_old_one(
    client: TestClient, receive_until, generate, settings
):
    with (
        client.websocket_connect("/ws") as first_teacher,
        client.websocket_connect("/ws") as second_teacher,
        client.websocket_connect("/ws") as student,
    ):
        codes = []
        for teacher in (first_teacher, second_teacher):
            teacher.receive_json()
            teacher.send_json({"type": "open_room"})
            codes.append(teacher.receive_json()["code"])
        student.receive_json()
        first_teacher.send_json(generate(steps=settings.max_steps, seed=4))
        old_run = receive_until(first_teacher, "step").of_type("start")[0]["job_id"]
        student.send_json({"type": "join_room", "code": codes[0]})
        receive_until(student, "step")
        student.send_json({"type": "join_room", "code": codes[1]})
        receive_until(student, "joined")
        second_teacher.send_json(generate(steps=3, seed=5))
        watched = receive_until(student, "done")
        first_teacher.send_json({"type": "cancel"})
        receive_until(first_teacher, "cancelled")
    assert watched.of_type("broadcast")[0]["code"] == codes[1]
    assert all(m.get("job_id") != old_run for m in watched.messages)
    assert all(header.job_id != old_run for header, _ in watched.frames)
