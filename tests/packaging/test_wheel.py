"""A plain (non-editable) install serves the page: templates and scripts ship inside the package."""

import os
import shutil
import site
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


@pytest.mark.timeout(600)
def test_an_installed_wheel_serves_the_page_its_scripts_and_a_lesson(tmp_path: Path):
    source = tmp_path / "source"  # what git tracks, so no build leftovers or training runs ride along
    for name in subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, source / name, follow_symlinks=False)
    build = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path)]  # as `pip install .` builds
    subprocess.run([*build, str(source)], check=True, cwd=tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The packages of whichever Python runs the tests (a virtual environment's too, which --system-site-packages
    # would miss), behind the new environment's own: the wheel installed there is the copy imported.
    inner = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(inner) / "outer-packages.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    wheel = next(tmp_path.glob("dust_to_detail-*.whl"))
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], check=True)
    where = subprocess.run(
        [str(python), "-c", "import app; print(app.__file__)"], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout
    assert where.startswith(str(venv)), f"the installed copy must be the one imported, not the checkout: {where}"

    port = _free_port()
    env = {**os.environ, "DUST_PORT": str(port), "DUST_GALLERY_DIR": str(tmp_path / "gallery")}
    server = subprocess.Popen([str(venv / "bin" / "dust-to-detail")], cwd=tmp_path, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "the installed server exited"
            try:
                _get(f"http://127.0.0.1:{port}/healthz")
                break
            except OSError:
                assert time.monotonic() < deadline, "the installed server never answered"
                time.sleep(0.5)
        for path, marker in [
            ("/", b'id="prompt"'),
            ("/static/js/main.js", b"import"),
            ("/static/style.css", b"{"),
            ("/lessons/dust", b"js/lessons/dust.js"),
            ("/static/js/lessons/dust.js", b"import"),
        ]:
            status, body = _get(f"http://127.0.0.1:{port}{path}")
            assert status == 200 and marker in body, path
    finally:
        server.terminate()
        server.wait(timeout=30)
