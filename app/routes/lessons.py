"""The lesson pages, story order first, and the lesson compute routes they call."""

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from app.routes import lessons_diversity, lessons_dust, lessons_keyholes, lessons_live, lessons_words
from app.routes.page import templates

router = APIRouter()
router.include_router(lessons_dust.router)
router.include_router(lessons_live.router)
router.include_router(lessons_words.router)
router.include_router(lessons_diversity.router)
router.include_router(lessons_keyholes.router)

LESSONS = {  # slug: (title, short name for the menu, one line for the story page), in story order
    "dust": ("Sprinkling dust", "Dust", "Watch a picture disappear under dust, then let the model clean it up."),
    "clock": ("The dusty clock", "Clock", "Different clocks decide how fast the dust piles up."),
    "teams": ("Team CNN vs Team Transformer", "Two teams", "Two kinds of model clean the same dust, side by side."),
    "keyholes": ("Keyholes and patches", "Keyholes", "How much of the picture each team can see at once."),
    "words": ("Words to pictures", "Words", "How the model reads your words, and how well its picture matches them."),
    "guidance": ("Teacher's hints", "Hints", "How much the words steer each guess, from 0 (ignore them) to 15."),
    "diversity": ("Dust vs memorising", "Variety", "Why starting from dust gives a different picture every time."),
}


@router.get("/lessons", response_class=HTMLResponse)
def how_it_works(request: Request) -> HTMLResponse:
    """How it works: the lessons tied together in story order."""
    return templates.TemplateResponse(request, "lessons/index.html", {"lessons": LESSONS})


@router.get("/lessons/{slug}", response_class=HTMLResponse)
def lesson(request: Request, slug: str) -> HTMLResponse:
    """One lesson's page; its script drives it from the model's routes."""
    if slug not in LESSONS:
        raise HTTPException(404, "There is no lesson by that name.")
    return templates.TemplateResponse(request, f"lessons/{slug}.html", {"lessons": LESSONS, "slug": slug})
