"""Render the catalogue in each requested style to images.npy, items.json and manifest.json: same inputs, same bytes."""

import json
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from model.data import openmoji, sources
from model.data.captions import captions_for
from model.data.catalog import Emoji, emoji_key, load_catalog
from model.data.concepts import CONCEPTS
from model.data.render import FluentFlatRenderer, NotoRenderer, OpenMojiRenderer, Renderer, TwemojiRenderer, frame

# Each style's renderer, given the OpenMoji package (the catalogue) and the sources cache.
RENDERERS: dict[str, Callable[[Path, Path | None], Renderer]] = {
    "noto": lambda package, cache: NotoRenderer(),
    "openmoji": lambda package, cache: OpenMojiRenderer(package),
    "twemoji": lambda package, cache: TwemojiRenderer(sources.TWEMOJI.fetch(cache)),
    "fluent": lambda package, cache: FluentFlatRenderer(sources.FLUENT_FLAT.fetch(cache)),
}
STYLES = tuple(RENDERERS)
FORMAT_VERSION = 1

Log = Callable[[str], None]


def build_dataset(
    out_dir: Path,
    size: int = 64,
    styles: Iterable[str] = STYLES,
    limit: int | None = None,
    only: Sequence[str] | None = None,
    sources_dir: Path | None = None,
    log: Log = print,
) -> dict:
    """Build the dataset into out_dir and return its manifest; `limit` keeps the first emoji, `only` the listed ones."""
    requested = set(styles)
    if not requested or requested - set(STYLES):
        raise ValueError(f"styles must be some of {STYLES}, got {sorted(requested)}")
    styles = [style for style in STYLES if style in requested]  # canonical order, whatever order they were asked in
    package = openmoji.openmoji_package(sources_dir)
    catalog = _select(load_catalog(package), limit, only)
    if not catalog:
        raise ValueError("no emoji selected")
    renderers = {style: RENDERERS[style](package, sources_dir) for style in styles}
    images, items = [], []
    for style, render in renderers.items():
        style_images, style_items = _draw(style, render, catalog, size, log)
        images += style_images
        items += style_items
    manifest = {
        "format_version": FORMAT_VERSION,
        "size": size,
        "count": len(items),
        "counts": {style: sum(item["style"] == style for item in items) for style in styles},
        "concepts": {
            "total": len(CONCEPTS),
            **{style: len({i["concept"] for i in items if i["style"] == style and i["concept"]}) for style in styles},
        },
        "sources": {style: render.source for style, render in renderers.items()},
        "captions": {
            "names_and_keywords": f"CLDR annotations and tags from OpenMoji {openmoji.VERSION} data/openmoji.csv",
            "unicodedata_version": unicodedata.unidata_version,
            "concept_words": "a concept's name or synonym captions that concept's pictures only",
        },
        "args": {"size": size, "styles": styles, "limit": limit, "only": None if only is None else list(only)},
    }
    _write(out_dir, np.stack(images), items, manifest)
    return manifest


def _select(catalog: list[Emoji], limit: int | None, only: Sequence[str] | None) -> list[Emoji]:
    if only is not None:
        wanted = {emoji_key(text) for text in only}
        catalog = [emoji for emoji in catalog if emoji_key(emoji.emoji) in wanted]
    return catalog[:limit]


def _draw(style: str, render: Renderer, catalog: list[Emoji], size: int, log: Log) -> tuple[list, list[dict]]:
    """Every emoji the style has a glyph for, framed, with its item record."""
    concepts = {emoji_key(concept.emoji): concept for concept in CONCEPTS}
    images, items = [], []
    for done, emoji in enumerate(catalog, 1):
        if (picture := render(emoji)) is not None:
            concept = concepts.get(emoji_key(emoji.emoji))
            images.append(frame(picture, size))
            items.append(
                {
                    "emoji": emoji.emoji,
                    "hexcode": emoji.hexcode,
                    "style": style,
                    "name": emoji.name,
                    "concept": concept.name if concept else None,
                    "captions": captions_for(emoji, concept),
                }
            )
        if done % 500 == 0 or done == len(catalog):
            log(f"{style}: {done}/{len(catalog)} emoji looked at, {len(items)} drawn")
    return images, items


def _write(out_dir: Path, images: np.ndarray, items: list[dict], manifest: dict) -> None:
    """Manifest last, so a directory with a manifest holds a complete dataset."""
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "manifest.json").unlink(missing_ok=True)
    np.save(out_dir / "images.npy", images)
    for name, data in (("items.json", items), ("manifest.json", manifest)):
        (out_dir / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
