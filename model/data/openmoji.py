"""OpenMoji (CC BY-SA 4.0): the colour SVGs and the CLDR names and keywords every caption starts from."""

from pathlib import Path

from model.data.npm import NpmPackage

VERSION = "17.0.0"
PACKAGE = NpmPackage(
    name="openmoji",
    version=VERSION,
    integrity="sha512-EBnYrNGdcdw+OSXmENeNE1yBNRu6tOraTmoOyUbJkTmvT/+XETp8RZLSJFzD3lrPc5N9CzsyPnRTk0Vp4UaI9w==",
    members=("package/color/svg/", "package/data/openmoji.csv", "package/LICENSE.txt"),
)
SOURCE = {
    "name": "OpenMoji",
    "version": VERSION,
    "licence": "CC BY-SA 4.0",
    "package": f"npm openmoji@{VERSION}",
    "integrity": PACKAGE.integrity,
    "homepage": "https://openmoji.org",
}


def openmoji_package(cache_dir: Path | None = None) -> Path:
    """Return the unpacked package directory, fetching it with `npm pack` on first use."""
    return PACKAGE.fetch(cache_dir)
