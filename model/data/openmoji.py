"""OpenMoji (CC BY-SA 4.0) comes from the npm registry, pinned by version and hash, unpacked once into a cache."""

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VERSION = "17.0.0"
INTEGRITY = "sha512-EBnYrNGdcdw+OSXmENeNE1yBNRu6tOraTmoOyUbJkTmvT/+XETp8RZLSJFzD3lrPc5N9CzsyPnRTk0Vp4UaI9w=="
SOURCE = {
    "name": "OpenMoji",
    "version": VERSION,
    "licence": "CC BY-SA 4.0",
    "package": f"npm openmoji@{VERSION}",
    "integrity": INTEGRITY,
    "homepage": "https://openmoji.org",
}
_MEMBERS = ("package/color/svg/", "package/data/openmoji.csv", "package/LICENSE.txt")


def default_sources_dir() -> Path:
    """Where downloaded sources are cached, beside the built dataset."""
    return Path.home() / ".cache" / "dust-to-detail" / "sources"


def openmoji_package(cache_dir: Path | None = None) -> Path:
    """Return the unpacked package directory, fetching it with `npm pack` on first use."""
    cache_dir = cache_dir or default_sources_dir()
    package = cache_dir / f"openmoji-{VERSION}" / "package"
    if package.is_dir():
        return package
    tarball = cache_dir / f"openmoji-{VERSION}.tgz"
    if not tarball.exists():
        _npm_pack(cache_dir)
    _verify(tarball)
    _unpack(tarball, package.parent)
    return package


def _npm_pack(cache_dir: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        raise FileNotFoundError("npm is needed to fetch OpenMoji; install Node.js/npm")
    cache_dir.mkdir(parents=True, exist_ok=True)
    spec = f"openmoji@{VERSION}"
    command = [npm, "pack", spec, "--pack-destination", str(cache_dir), "--silent"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=600)  # npm's own errors go to stderr


def _verify(tarball: Path) -> None:
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != INTEGRITY:
        raise ValueError(f"{tarball} does not match the pinned openmoji@{VERSION} integrity; delete it and rebuild")


def _unpack(tarball: Path, target: Path) -> None:
    """Extract only what the build reads, into a temporary folder renamed into place so a crash leaves no half copy."""
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
    try:
        with tarfile.open(tarball) as archive:
            members = [m for m in archive.getmembers() if m.name.startswith(_MEMBERS)]
            archive.extractall(staging, members=members, filter="data")
        staging.chmod(0o755)  # mkdtemp's private mode would hide the cache from other users
        staging.rename(target)
    except OSError:
        if not target.is_dir():  # a concurrent build winning the rename is fine
            raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
