"""Rasterise one emoji per style, then frame every style identically: tight crop, square margin, white ground."""

import hashlib
import io
import json
import subprocess
from pathlib import Path
from typing import Protocol

import numpy as np
import resvg_py
from PIL import Image, ImageDraw, ImageFont, features

from model.data import openmoji, sources
from model.data.catalog import Emoji

NOTO_FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
NOTO_PIXELS = 109  # the only size of the CBDT bitmap strikes; FreeType refuses any other
SVG_PIXELS = 288  # 4x OpenMoji's 72-unit view box, comfortably above any training size
MARGIN = 0.06  # white border on each side, as a fraction of the glyph's longer side


class Renderer(Protocol):
    """One style: an RGBA picture of an emoji, or None where the style has no glyph for it."""

    source: dict[str, str]  # provenance and licence, for the manifest

    def __call__(self, emoji: Emoji) -> Image.Image | None: ...


class NotoRenderer:
    """Draws with the Noto Color Emoji bitmap font from Debian's fonts-noto-color-emoji."""

    def __init__(self, font_path: Path = NOTO_FONT) -> None:
        if not font_path.exists():
            raise FileNotFoundError(f"{font_path} is missing; install Debian's fonts-noto-color-emoji")
        if not features.check("raqm"):  # without shaping, ZWJ and keycap sequences fall apart into several glyphs
            raise RuntimeError("Pillow cannot find libraqm's dependencies; install Debian's libfribidi0")
        self.font = ImageFont.truetype(str(font_path), NOTO_PIXELS, layout_engine=ImageFont.Layout.RAQM)
        self.glyph_advance = self.font.getlength("\U0001f600")
        self.source = {
            "name": "Noto Color Emoji",
            "licence": "SIL Open Font License 1.1",
            "package": f"Debian fonts-noto-color-emoji {_debian_version('fonts-noto-color-emoji')}",
            "sha256": hashlib.sha256(font_path.read_bytes()).hexdigest(),
        }

    def __call__(self, emoji: Emoji) -> Image.Image | None:
        if self.font.getlength(emoji.emoji) > self.glyph_advance:  # a sequence the font cannot join into one glyph
            return None
        _, _, right, bottom = self.font.getbbox(emoji.emoji)
        canvas = Image.new("RGBA", (int(right), int(bottom)))
        ImageDraw.Draw(canvas).text((0, 0), emoji.emoji, font=self.font, embedded_color=True)
        return canvas if canvas.getbbox() else None  # a missing glyph draws nothing


class OpenMojiRenderer:
    """Draws OpenMoji's colour SVGs with resvg."""

    source = openmoji.SOURCE

    def __init__(self, package: Path) -> None:
        self.svg_dir = package / "color" / "svg"

    def __call__(self, emoji: Emoji) -> Image.Image | None:
        path = self.svg_dir / f"{emoji.hexcode}.svg"
        if not path.exists():
            return None
        png = resvg_py.svg_to_bytes(svg_path=str(path), width=SVG_PIXELS, height=SVG_PIXELS)
        return Image.open(io.BytesIO(png)).convert("RGBA")


def hexcode_candidates(hexcode: str) -> list[str]:
    """The file names other sets may use for an emoji: lower case, with or without FE0F, with or without
    leading zeros (Twemoji writes "2764", "23-20e3"; Fluent drops every FE0F), most exact first."""
    parts = hexcode.lower().split("-")
    without_fe0f = [p for p in parts if p != "fe0f"]
    variants = [parts, without_fe0f, [p.lstrip("0") for p in parts], [p.lstrip("0") for p in without_fe0f]]
    return list(dict.fromkeys("-".join(v) for v in variants))


def _render_svg(svg: str) -> Image.Image:
    png = resvg_py.svg_to_bytes(svg_string=svg, width=SVG_PIXELS, height=SVG_PIXELS)
    return Image.open(io.BytesIO(png)).convert("RGBA")


class TwemojiRenderer:
    """Draws Twemoji's SVGs (one file per emoji, named by lower-case code points) with resvg."""

    source = sources.TWEMOJI_SOURCE

    def __init__(self, package: Path) -> None:
        self.files = {path.stem: path for path in package.glob("*.svg")}

    def __call__(self, emoji: Emoji) -> Image.Image | None:
        name = next((n for n in hexcode_candidates(emoji.hexcode) if n in self.files), None)
        return None if name is None else _render_svg(self.files[name].read_text(encoding="utf-8"))


class FluentFlatRenderer:
    """Draws Microsoft's Fluent Emoji (flat) from its Iconify JSON: each icon is an SVG body on a 32-unit box."""

    source = sources.FLUENT_FLAT_SOURCE

    def __init__(self, package: Path) -> None:
        icons = json.loads((package / "icons.json").read_text(encoding="utf-8"))
        self.icons, self.box = icons["icons"], (icons.get("width", 16), icons.get("height", 16))
        self.names = json.loads((package / "chars.json").read_text(encoding="utf-8"))  # code points → icon name

    def __call__(self, emoji: Emoji) -> Image.Image | None:
        name = next((self.names[n] for n in hexcode_candidates(emoji.hexcode) if n in self.names), None)
        if name is None or name not in self.icons:
            return None
        icon = self.icons[name]
        width, height = icon.get("width", self.box[0]), icon.get("height", self.box[1])
        svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}">{icon["body"]}</svg>'
        return _render_svg(svg)


def frame(picture: Image.Image, size: int, margin: float = MARGIN) -> np.ndarray:
    """Crop to the drawn pixels, centre on a white square with a margin, and resize: an (size, size, 3) uint8 array."""
    glyph = picture.crop(picture.getbbox())
    side = round(max(glyph.size) * (1 + 2 * margin))
    square = Image.new("RGBA", (side, side), "white")
    square.alpha_composite(glyph, ((side - glyph.width) // 2, (side - glyph.height) // 2))
    return np.asarray(square.convert("RGB").resize((size, size), Image.Resampling.LANCZOS))


def _debian_version(package: str) -> str:
    try:
        command = ["dpkg-query", "--show", "--showformat=${Version}", package]
        result = subprocess.run(command, check=False, capture_output=True, text=True)
    except FileNotFoundError:
        return "unknown"
    return result.stdout.strip() or "unknown"
