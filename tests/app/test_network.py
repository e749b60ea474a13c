import pytest

from app import network
from app.network import LOOPBACK_ADVICE, NO_NETWORK_ADVICE, is_loopback, join_base

LAN = "192.0.2.10"  # TEST-NET-1: documentation only, never a real host


@pytest.fixture
def lan(monkeypatch):
    monkeypatch.setattr(network, "lan_address", lambda: LAN)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("[::1]", True), (LAN, False), ("class.example", False)],
)
def test_loopback_names(host, loopback):
    assert is_loopback(host) is loopback


def test_a_page_opened_on_the_laptop_gives_students_the_lan_address(lan):
    assert join_base("127.0.0.1", 8000, "http", "0.0.0.0") == (f"http://{LAN}:8000", None)
    assert join_base("localhost", 8000, "http", "::") == (f"http://{LAN}:8000", None)


def test_a_page_opened_from_the_network_keeps_its_own_address(lan):
    assert join_base(LAN, 8000, "http", "0.0.0.0") == (f"http://{LAN}:8000", None)
    assert join_base("class.example", None, "https", "0.0.0.0") == ("https://class.example", None)


def test_a_server_on_loopback_only_says_how_to_open_it_to_the_class(lan):
    url, advice = join_base("127.0.0.1", 8000, "http", "127.0.0.1")
    assert url == "http://127.0.0.1:8000" and advice == LOOPBACK_ADVICE and "--host 0.0.0.0" in advice


def test_no_network_at_all_is_said_plainly(monkeypatch):
    monkeypatch.setattr(network, "lan_address", lambda: None)
    assert join_base("127.0.0.1", 8000, "http", "0.0.0.0") == ("http://127.0.0.1:8000", NO_NETWORK_ADVICE)
