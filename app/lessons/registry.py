"""Every lesson, in story order; their routes and live runs are gathered from here.

A new lesson is one module in this folder exporting `LESSON` (and its `router`, if it computes), its
page `templates/lessons/<slug>.html`, its script `static/js/lessons/<slug>.js`, and one line below.
"""

from fastapi import APIRouter

from app.lessons import clock, diversity, dust, guidance, keyholes, sketchbook, skipping, teams, words
from app.lessons.kit.lanes import LiveRun

STORY_ORDER = (dust, clock, teams, keyholes, words, guidance, diversity, sketchbook, skipping)
LESSONS = {lesson.slug: lesson for lesson in (module.LESSON for module in STORY_ORDER)}
LIVE_RUNS: dict[str, LiveRun] = {name: run for lesson in LESSONS.values() for name, run in lesson.live.items()}

router = APIRouter()
for lesson in LESSONS.values():
    if lesson.router is not None:
        router.include_router(lesson.router)
