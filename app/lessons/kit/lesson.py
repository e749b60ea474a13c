"""A lesson as one unit: its page, its story line, its compute routes and its live runs."""

from collections.abc import Mapping
from dataclasses import dataclass, field

from fastapi import APIRouter

from app.lessons.kit.lanes import LiveRun


@dataclass(frozen=True)
class Lesson:
    slug: str  # its page /lessons/<slug>: templates/lessons/<slug>.html and static/js/lessons/<slug>.js
    title: str
    menu: str  # the short name in the menu
    summary: str  # one line on the story page
    router: APIRouter | None = None  # its compute routes, if it has any
    live: Mapping[str, LiveRun] = field(default_factory=dict)  # runs it streams over /ws/lessons, by name
    seeds_after: int = 0  # seeds its runs use after the one typed (the Variety grid's), kept under the seed limit
