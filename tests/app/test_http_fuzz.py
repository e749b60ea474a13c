"""Generated requests on every route (app/bench/http_fuzz.py's generator, driven by hypothesis): no server error,
no traceback, nothing from outside the gallery, and the server still answers. The bench sends 10,000."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.bench.http_fuzz import problems, random_request, routes_of
from app.config import Settings
from app.main import create_app
from model.loading import tiny_pipeline

pytestmark = pytest.mark.timeout(240)

CANARY_TEXT = b"a line no answer may ever hold"


def test_generated_requests_get_clear_answers_and_never_a_file_from_outside(tmp_path: Path):
    (tmp_path / "canary.txt").write_bytes(CANARY_TEXT)  # beside the gallery folder
    canary = str(tmp_path / "canary.txt").lstrip("/")
    server_settings = Settings(gallery_dir=tmp_path / "gallery", wrong_guesses_per_minute=1_000_000)
    with TestClient(create_app(server_settings, tiny_pipeline())) as client:  # one team kind is enough here
        routes = routes_of(client.get("/openapi.json").json())

        @settings(
            max_examples=1000, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(rng=st.randoms(use_true_random=True))
        def answered_clearly(rng) -> None:
            _, request = random_request(rng, routes, canary)
            response = client.request(request.method, request.target, headers=request.headers, content=request.body)
            assert not problems(response.status_code, response.content, CANARY_TEXT), request

        answered_clearly()
        assert client.get("/healthz").status_code == 200
