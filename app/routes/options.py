"""What the page may ask for: backbones, samplers, schedules, limits and defaults."""

from fastapi import APIRouter

from app.deps import OptionsDep
from app.protocol import Options

router = APIRouter()


@router.get("/api/options")
def options(options: OptionsDep) -> Options:
    """The same object every `generate` message is checked against, so page and server agree."""
    return options
