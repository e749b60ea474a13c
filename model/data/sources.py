"""The other SVG emoji styles, pinned npm packages whose pictures are openly licensed (see the model card)."""

from model.data.npm import NpmPackage

TWEMOJI = NpmPackage(
    name="@twemoji/svg",
    version="15.0.0",
    integrity="sha512-ZSPef2B6nBaYnfgdTbAy4jgW95o7pi2xPGwGCU+WMTxo7J6B1lMPTWwSq/wTuiMq+N0khQ90CcvYp1wFoQpo/w==",
    members=("package/",),
)
TWEMOJI_SOURCE = {
    "name": "Twemoji",
    "version": TWEMOJI.version,
    "licence": "CC BY 4.0 (graphics; the package's code is MIT)",
    "package": f"npm {TWEMOJI.name}@{TWEMOJI.version}",
    "integrity": TWEMOJI.integrity,
    "homepage": "https://github.com/jdecked/twemoji",
    "credit": "Twemoji by Twitter, Inc and other contributors, CC BY 4.0",
}

FLUENT_FLAT = NpmPackage(
    name="@iconify-json/fluent-emoji-flat",
    version="1.2.6",
    integrity="sha512-RY47RgPb47fYUiyrA64sIOL0+UU02s29sXpNBbIQRBUlPlfNFTKUmZDERGuxDs/7yNGWqQYvuaSYM1M4fRXlUw==",
    members=("package/icons.json", "package/chars.json", "package/info.json"),
)
FLUENT_FLAT_SOURCE = {
    "name": "Fluent Emoji Flat",
    "version": FLUENT_FLAT.version,
    "licence": "MIT",
    "package": f"npm {FLUENT_FLAT.name}@{FLUENT_FLAT.version}",
    "integrity": FLUENT_FLAT.integrity,
    "homepage": "https://github.com/microsoft/fluentui-emoji",
    "credit": "Fluent Emoji by Microsoft Corporation, MIT",
}
