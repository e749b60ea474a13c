"""Builds the FastAPI app: settings, the model loaded once in the lifespan, routes and static files."""

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from app.config import PAGE_DIR, Settings
from app.engine import Engine
from app.gallery import GALLERY_DATABASE, Budget, Gallery
from app.headers import GuardedApp
from app.hosts import HostAllowList
from app.lessons.kit.gate import LessonGate, LessonsBusy
from app.options import build_options
from app.ratelimit import GuessLimit, TooManyGuesses
from app.replay import ReplayStore
from app.room_store import RoomStore
from app.rooms import Rooms
from app.routes import gallery, health, jobs, lessons, options, page, rooms, schedule, ws
from model.loading import load_pipeline
from model.pipeline import Pipeline


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The app; tests pass `tiny_pipeline()` (model/loading.py), otherwise the lifespan loads `settings.model_path`."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = pipeline or load_pipeline(settings.model_path, device=settings.device)
        loaded.warm_up()
        app.state.settings = settings
        app.state.pipeline = loaded  # the lessons run the model directly, through the gate
        app.state.lesson_gate = LessonGate(settings.max_lesson_runs, settings.max_lesson_waiting)
        app.state.options = build_options(settings, loaded)
        app.state.replay = ReplayStore(settings.replay_max_jobs, settings.replay_max_bytes)
        budget = Budget(max_entries=settings.gallery_max_entries, max_bytes=settings.gallery_max_bytes)
        app.state.gallery = Gallery(settings.gallery_dir, budget)
        room_store = RoomStore(settings.gallery_dir / GALLERY_DATABASE)
        app.state.rooms = Rooms(
            per_address=settings.rooms_per_address, idle_seconds=settings.room_idle_hours * 3600, store=room_store
        )
        app.state.guesses = GuessLimit(settings.wrong_guesses_per_minute)  # shared by HTTP and the sockets
        app.state.connections = 0  # open WebSockets of every route, counted on the event loop by app/admission.py
        app.state.engine = Engine(
            loaded,
            app.state.replay,
            app.state.gallery,
            max_queue=settings.max_queue,
            max_batch_rows=settings.max_batch_rows,
            previews=settings.outbox_previews,
            busy_paint_every=settings.busy_paint_every,
        )
        app.state.engine.start()
        try:
            yield
        finally:
            app.state.engine.close()
            app.state.gallery.close()
            room_store.close()

    app = GuardedApp(title="Dust to Detail", lifespan=lifespan)
    for module in (page, health, options, schedule, jobs, ws, lessons):
        app.include_router(module.router)
    for module in (gallery, rooms):  # classroom: the gallery and teachers' rooms
        app.include_router(module.router)

    @app.exception_handler(LessonsBusy)
    async def lessons_busy(_: Request, busy: LessonsBusy) -> JSONResponse:
        return JSONResponse({"detail": str(busy)}, status_code=503, headers={"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_: Request, invalid: RequestValidationError) -> JSONResponse:
        """FastAPI's own 422 echoes the input back as JSON, and failed with a 500 on bytes that are not UTF-8 or on
        NaN and infinity (which JSON cannot carry)."""
        readable = {
            bytes: lambda raw: raw.decode("utf-8", "replace"),
            float: lambda number: number if math.isfinite(number) else str(number),
        }
        return JSONResponse({"detail": jsonable_encoder(invalid.errors(), custom_encoder=readable)}, status_code=422)

    @app.exception_handler(TooManyGuesses)
    async def too_many_guesses(_: Request, refused: TooManyGuesses) -> JSONResponse:
        headers = {"Retry-After": str(refused.retry_after)}
        return JSONResponse({"detail": str(refused)}, status_code=429, headers=headers)

    app.mount("/static", StaticFiles(directory=PAGE_DIR / "static"), name="static")
    app.add_middleware(HostAllowList, extra=settings.allowed_hosts)  # inside GuardedApp's headers: its 400 has them
    return app
