"""Server settings, read from `DUST_*` environment variables, a `.env` file or the command line."""

from pathlib import Path
from typing import Annotated

from pydantic import Field, FilePath
from pydantic_settings import BaseSettings, SettingsConfigDict

from app.blocked import DEFAULT_BLOCKED_WORDS

PAGE_DIR = (
    Path(__file__).resolve().parent
)  # holds static/ and templates/: links to the repo's folders, copies in a wheel


class Settings(BaseSettings):
    """Everything an operator may tune; the limits are also published to the page via /api/options."""

    model_config = SettingsConfigDict(
        env_prefix="DUST_", env_file=".env", extra="ignore", cli_prog_name="dust-to-detail", cli_kebab_case=True
    )

    host: Annotated[str, Field(description="address to listen on; 0.0.0.0 lets students' devices join")] = "127.0.0.1"
    port: Annotated[int, Field(ge=0, le=65535, description="TCP port")] = 8000
    device: Annotated[str, Field(description="torch device for the model: auto, cpu, cuda")] = "auto"
    model_path: Annotated[
        Path | None,
        Field(
            description="weights folder: ours, or a Stable Diffusion folder with model_index.json "
            "(pip install -e '.[sd]'); empty = the shipped model/weights"
        ),
    ] = None

    max_steps: Annotated[int, Field(ge=1, description="most denoising steps one run may ask for")] = 200
    max_prompt_chars: Annotated[int, Field(ge=1, description="longest prompt (and negative prompt) accepted")] = 200
    max_num_images: Annotated[int, Field(ge=1, description="most pictures drawn side by side in one run")] = 4
    max_message_bytes: Annotated[
        int, Field(ge=1024, description="largest client message; bigger ones get an error")
    ] = 16_384
    max_queue: Annotated[int, Field(ge=1, description="runs waiting server-wide before new ones are refused")] = 32
    allowed_origins: Annotated[
        list[str], Field(description='extra page origins allowed to open /ws; ["*"] allows any')
    ] = []
    allowed_hosts: Annotated[
        list[str],
        Field(
            description="extra names (or addresses) students' browsers may reach this server by, e.g. the school's "
            'own name for this laptop; this computer\'s own names and addresses always work; ["*"] allows any'
        ),
    ] = []

    outbox_previews: Annotated[int, Field(ge=1, description="step previews queued per slow client before dropping")] = 8
    heartbeat_seconds: Annotated[float, Field(gt=0, description="silence before the server sends a heartbeat")] = 5.0
    replay_max_jobs: Annotated[int, Field(ge=1, description="finished runs kept for GIF export")] = 16
    replay_max_bytes: Annotated[int, Field(ge=2**20, description="memory cap for the kept runs")] = 64 * 2**20

    max_batch_rows: Annotated[
        int, Field(ge=1, description="rows in one batched forward pass; 1 serves one run at a time")
    ] = 64
    busy_paint_every: Annotated[
        int,
        Field(
            ge=1,
            description="while several runs share the server, the decoder paints every this many steps of a "
            "sketchbook run and the cheap preview shows the others; 1 paints every step",
        ),
    ] = 4
    max_lesson_runs: Annotated[
        int, Field(ge=1, description="lesson computations running at once; more wait, so live drawing keeps its CPU")
    ] = 2
    max_lesson_waiting: Annotated[
        int, Field(ge=0, description="lesson computations waiting for a turn; past this they are refused (503)")
    ] = 16
    max_connections: Annotated[int, Field(ge=1, description="open WebSockets before new ones are refused")] = 256
    messages_per_second: Annotated[
        float, Field(gt=0, description="steady rate of messages one connection may send")
    ] = 5
    message_burst: Annotated[int, Field(ge=1, description="messages one connection may send at once")] = 20
    idle_timeout_seconds: Annotated[
        float, Field(gt=0, description="a connection with no run that sends nothing this long is closed")
    ] = 1800
    gallery_dir: Annotated[Path, Field(description="where finished pictures are kept")] = (
        Path.home() / ".local/share/dust-to-detail/gallery"
    )
    room_idle_hours: Annotated[float, Field(gt=0, description="a room nobody has been in for this long closes")] = 6.0
    wrong_guesses_per_minute: Annotated[
        int,
        Field(
            ge=1,
            description="wrong room codes and teachers' keys one client address may try a minute; past this it "
            "waits (HTTP 429), so nobody can walk through the codes",
        ),
    ] = 10
    blocked_words: Annotated[
        FilePath,
        Field(
            description="a text file of words no prompt or student's name may hold, one a line, # for comments "
            "(docs/security.md); the default is a short list of offensive words and slurs; an empty file blocks none"
        ),
    ] = DEFAULT_BLOCKED_WORDS
    rooms_per_address: Annotated[
        int, Field(ge=1, description="live rooms one client address may hold; its idle ones close first")
    ] = 4
    gallery_max_entries: Annotated[
        int, Field(ge=1, description="past this many pictures the oldest that are not pinned are removed")
    ] = 2000
    gallery_max_bytes: Annotated[
        int, Field(ge=1, description="past this many bytes on disk the oldest pictures that are not pinned go")
    ] = 500_000_000
