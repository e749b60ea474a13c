"""DNS rebinding: a page under another name that resolves to this laptop gets nothing, over HTTP or a socket."""

import socket

import pytest

from app.hosts import allowed_host, host_name

pytestmark = pytest.mark.timeout(120)

REBINDING = ["evil.example", "127.0.0.1.evil.example", "localhost.evil.example:8000", "", "[::1"]


@pytest.mark.parametrize("host", REBINDING)
def test_a_page_under_another_name_is_refused_over_http_with_the_setting_to_change(served, host: str):
    status, headers, body = served.ask("/api/options", host, headers={"Origin": f"http://{host}"})
    assert status == 400
    assert "DUST_ALLOWED_HOSTS" in body.decode(), "the refusal names the setting that would let it in"
    assert headers["X-Frame-Options"] == "DENY", "the refusal carries the protective headers too"


@pytest.mark.parametrize("path", ["/ws", "/ws/lessons"])
def test_a_page_under_another_name_cannot_open_a_socket(served, path: str):
    assert served.handshake(path, "evil.example", origin="http://evil.example") == 400


def test_this_machine_its_loopback_names_and_the_schools_name_are_served(served):
    port = served.port
    for host in [f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", socket.gethostname(), served.school_name]:
        assert served.ask("/api/options", host)[0] == 200, host
        assert served.handshake("/ws", host, origin=f"http://{host}") == 101, host


@pytest.mark.parametrize("origin", ["http://evil.example", "null", "http://localhost:1"])
def test_an_allowed_host_still_needs_a_page_of_its_own_to_open_a_socket(served, origin: str):
    assert served.handshake("/ws", f"127.0.0.1:{served.port}", origin=origin) == 403


def test_host_names_are_read_without_port_brackets_or_final_dot():
    assert [host_name(h) for h in ["LocalHost:80", "[::1]:8000", "dust.school.", "[::1", "a:b:c"]] == [
        "localhost",
        "::1",
        "dust.school",
        "",
        "a:b:c",
    ]
    assert allowed_host("192.0.2.9", arrived_at="192.0.2.9", extra=[]), "the address the student typed"
    assert not allowed_host("192.0.2.9", arrived_at="192.0.2.10", extra=[])
    assert allowed_host("anything.example", arrived_at="", extra=["*"])
