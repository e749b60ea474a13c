"""`python -m app`: settings from the command line and environment, and how the server is configured."""

import sys

import pytest
from pydantic_settings import CliApp

from app.__main__ import _display_host, main
from app.config import Settings
from app.main import create_app
from app.server import WS_MAX_BYTES, server_config


def test_flags_and_environment_override_defaults(monkeypatch):
    monkeypatch.setenv("DUST_MAX_STEPS", "50")
    settings = CliApp.run(Settings, cli_args=["--port", "9001", "--host", "0.0.0.0", "--max-num-images", "2"])
    assert (settings.port, settings.host, settings.max_steps, settings.max_num_images) == (9001, "0.0.0.0", 50, 2)


def test_server_config_accepts_messages_larger_than_the_app_limit():
    config = server_config(create_app(), "127.0.0.1", 0)
    assert config.ws_max_size == WS_MAX_BYTES > Settings().max_message_bytes
    assert config.ws_per_message_deflate is False


def test_display_host_names_a_reachable_address():
    assert _display_host("127.0.0.1") == "127.0.0.1"
    assert _display_host("0.0.0.0").count(".") == 3


def test_a_folder_it_cannot_serve_stops_the_start_with_one_sentence(tmp_path, monkeypatch, capsys):
    (tmp_path / "model_index.json").write_text('{"_class_name": "StableDiffusionPipeline"}')
    monkeypatch.setattr(sys, "argv", ["dust-to-detail", "--model-path", str(tmp_path), "--device", "cpu"])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert str(stopped.value.code).startswith(f"Dust to Detail cannot start: {tmp_path} cannot be served: ")


def test_the_model_path_also_comes_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("DUST_MODEL_PATH", str(tmp_path))
    assert CliApp.run(Settings, cli_args=[]).model_path == tmp_path
