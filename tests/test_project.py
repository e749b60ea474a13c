"""The project's front door: the README's two commands, CI, and the Dockerfile all agree."""

import re
import tomllib
from pathlib import Path

from app.config import Settings

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(), flags=re.S)


def test_readme_has_exactly_two_commands_install_and_start_then_test():
    start, test = _readme_commands()
    assert "pip install" in start and "dust-to-detail" in start
    assert "pytest" in test


def test_ci_runs_the_readmes_test_command():
    assert _readme_commands()[1] in (ROOT / ".ci" / "run").read_text()


def test_dockerfile_runs_the_real_entry_point_on_the_settings_port():
    dockerfile = (ROOT / "Dockerfile").read_text()
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    entry = re.search(r'CMD \["([^"]+)"\]', dockerfile).group(1)
    assert entry in scripts and scripts[entry] == "app.__main__:main"
    port = Settings.model_fields["port"].default
    assert f"EXPOSE {port}" in dockerfile and f"DUST_PORT={port}" in dockerfile
