"""The one page a class sees."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.config import PAGE_DIR

router = APIRouter()
templates = Jinja2Templates(directory=PAGE_DIR / "templates")


@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> HTMLResponse:
    """Controls are filled in by static/js from /api/options, so the template stays plain markup."""
    return templates.TemplateResponse(request, "index.html")
