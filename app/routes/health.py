"""Liveness for whoever runs the server (and for tests that wait for it to come up)."""

from fastapi import APIRouter

from app.deps import EngineDep

router = APIRouter()


@router.get("/healthz")
def healthz(engine: EngineDep) -> dict[str, str | bool]:
    """Answers only once the lifespan has loaded the model, so a 200 means ready to draw."""
    return {"status": "ok", "idle": engine.idle()}
