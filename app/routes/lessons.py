"""The lesson pages, story order first; each lesson's compute routes and the live socket come with it."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.deps import OptionsDep
from app.lessons import registry
from app.lessons.kit import live
from app.lessons.registry import LESSONS
from app.routes.page import templates

router = APIRouter()
router.include_router(registry.router)
router.include_router(live.router)


@router.get("/lessons", response_class=HTMLResponse)
def how_it_works(request: Request, options: OptionsDep) -> HTMLResponse:
    """How it works: the lessons tied together in story order, with the loaded model's sketchbook shape."""
    shape = {"sketchbook": options.sketchbook, "image_size": options.image_size}
    return templates.TemplateResponse(request, "lessons/index.html", {"lessons": LESSONS, **shape})


@router.get("/lessons/{slug}", response_class=HTMLResponse)
def lesson(request: Request, slug: str, options: OptionsDep) -> HTMLResponse:
    """One lesson's page; its script drives it from the model's routes."""
    if slug not in LESSONS:
        raise HTTPException(404, "There is no lesson by that name.")
    # the page's sliders and fields end where the server's checks do, and start where the main page does
    limits = {
        "max_guidance": options.limits.max_guidance_scale,
        "default_guidance": options.defaults.guidance_scale,
        "max_prompt_chars": options.limits.max_prompt_chars,
        "max_seed": options.limits.max_seed - LESSONS[slug].seeds_after,
        "lesson_steps": options.lessons.steps,
    }
    return templates.TemplateResponse(request, f"lessons/{slug}.html", {"lessons": LESSONS, "slug": slug, **limits})
