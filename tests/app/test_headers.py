"""Every response of a real server carries the protective headers, and every picture its real content type."""

import json

import pytest
from fastapi.testclient import TestClient

from app.bench.http_fuzz import draw_one_picture
from app.headers import SECURITY_HEADERS
from app.main import create_app

pytestmark = pytest.mark.timeout(180)

SAMPLE_PARAMETERS = {"{entry_id}": "1", "{job_id}": "1", "{code}": "QQQQ", "{slug}": "dust"}
MAGIC = {b"\x89PNG\r\n\x1a\n": "image/png", b"GIF89a": "image/gif", b"<svg": "image/svg+xml"}
EXTRA_REQUESTS = [
    ("GET", "/static/style.css"),
    ("GET", "/static/js/lessons/index.js"),
    ("GET", "/static/../app/config.py"),
    ("GET", "/no/such/page"),
    ("GET", "/api/schedule?steps=-1"),  # refused: 422
    ("PUT", "/"),  # 405
    ("GET", "/api/lessons/dust.png?example=smiley&steps=4"),
    ("GET", "/api/lessons/clean-up.png?example=smiley&steps=4&start=2"),
]


def _every_request(served) -> list[tuple[str, str]]:
    """Each GET and POST route the app declares, its path parameters filled in, then odd and static requests."""
    _, _, body = served.ask("/openapi.json")
    requests = []
    for path, methods in json.loads(body)["paths"].items():
        for template, value in SAMPLE_PARAMETERS.items():
            path = path.replace(template, value)
        requests += [(method.upper(), path) for method in methods if method in ("get", "post")]
    entry = json.loads(served.ask("/api/gallery")[2])[0]
    return [*requests, *EXTRA_REQUESTS, ("GET", entry["picture_url"]), ("GET", entry["reveal_url"])]


def test_every_response_carries_the_protective_headers_and_pictures_their_real_type(served):
    draw_one_picture(served.port)
    seen = set()
    for method, path in _every_request(served):
        status, headers, body = served.ask(path, method=method)
        seen.add(status)
        for name, value in SECURITY_HEADERS.items():
            assert headers[name] == value, f"{method} {path} ({status}) lacks {name}"
        for magic, kind in MAGIC.items():
            if body.startswith(magic):
                assert headers["Content-Type"].startswith(kind), f"{method} {path} is {kind}, not labelled so"
    assert {200, 404, 405, 422} <= seen, "the sweep met answers of every kind"


def test_the_policy_allows_only_the_apps_own_files_and_no_framing(served):
    policy = dict(
        directive.strip().split(" ", 1) for directive in served.ask("/")[1]["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    for directive in ("script-src", "style-src", "connect-src"):
        assert policy[directive] == "'self'", "no inline code, no other site"


def test_the_servers_own_internal_error_carries_the_protective_headers(settings, pipeline):
    app = create_app(settings, pipeline)

    @app.get("/broken")
    def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/broken")
    assert response.status_code == 500
    assert {name: response.headers.get(name) for name in SECURITY_HEADERS} == SECURITY_HEADERS
