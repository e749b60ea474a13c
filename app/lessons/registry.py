"""Every lesson, in story order; their routes and live runs are gathered from here.

A new lesson is one module in this folder exporting `LESSON` (and its `router`, if it computes), its
page `templates/lessons/<slug>.html`, its script `static/js/lessons/<slug>.js`, and one line below.
"""

from fastapi import APIRouter

from app.lessons import clock, diversity, dust, guidance, keyholes, teams, words
from app.lessons.lanes import LiveRun

LESSONS = {
    lesson.slug: lesson for lesson in (m.LESSON for m in (dust, clock, teams, keyholes, words, guidance, diversity))
}
LIVE_RUNS: dict[str, LiveRun] = {name: run for lesson in LESSONS.values() for name, run in lesson.live.items()}

router = APIRouter()
for lesson in LESSONS.values():
    if lesson.router is not None:
        router.include_router(lesson.router)
