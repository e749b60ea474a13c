"""Downloads of finished runs, served from the engine's short memory of recent reveals."""

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import Response

from app.deps import OptionsDep, ReplayDep
from app.protocol import REVEAL_GIF_PATH

router = APIRouter()


@router.get(REVEAL_GIF_PATH, response_class=Response, responses={200: {"content": {"image/gif": {}}}})
def reveal(
    job_id: int,
    replay: ReplayDep,
    options: OptionsDep,
    fps: int = Query(8, ge=1, le=30, description="steps shown per second"),
) -> Response:
    """The whole reveal as a looping GIF: the dusty paper beside the model's guess, every step."""
    recorded = replay.get(job_id)
    if recorded is None:
        raise HTTPException(404, "That run is no longer kept; draw it again (the same seed gives the same picture).")
    gif = recorded.gif(options.image_size, fps)
    headers = {"Content-Disposition": f'attachment; filename="{recorded.file_stem}.gif"'}
    return Response(gif, media_type="image/gif", headers=headers)
