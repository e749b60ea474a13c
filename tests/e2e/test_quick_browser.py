"""The quick switch in a real headless Chromium: a few-step student redraws the picture as the words are typed."""

# ruff: noqa: F811  (the browser fixture is imported by name, which is how pytest finds it)

import time
from collections.abc import Iterator
from dataclasses import replace
from itertools import zip_longest
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page
from test_browser import ARTIFACTS, CANVAS_PIXELS, browser, pytestmark, watched_pages  # noqa: F401

from app.config import Settings
from app.main import create_app
from app.server import BackgroundServer
from model.loading import tiny_pipeline

QUICK_STEPS = 2
DONE = "() => document.getElementById('progress-text').textContent.startsWith('Done')"


@pytest.fixture
def quick_live(tmp_path: Path) -> Iterator[BackgroundServer]:
    """A server whose Team Transformer has a few-step student and whose Team CNN has none."""
    pipeline = tiny_pipeline(quick_steps=QUICK_STEPS)
    pipeline.teams["unet"] = replace(pipeline.teams["unet"], quick=None)
    server = BackgroundServer(lambda: create_app(Settings(gallery_dir=tmp_path, outbox_previews=1000), pipeline))
    server.start()
    yield server
    server.stop()


def _open(open_page, server: BackgroundServer) -> Page:
    page = open_page(viewport={"width": 1280, "height": 800})
    page.goto(server.url)
    page.wait_for_selector('#status[data-state="online"]')
    return page


def _drawn(page: Page, server: BackgroundServer) -> list[dict]:
    """The gallery's records, newest first."""
    return [entry["record"] for entry in page.request.get(urljoin(server.url, "api/gallery")).json()]


def _filed(page: Page, server: BackgroundServer, prompt: str) -> list[dict]:
    """The gallery's records once the newest is a picture of `prompt`."""
    deadline = time.monotonic() + 30
    while (drawn := _drawn(page, server))[:1] == [] or drawn[0]["prompt"] != prompt:
        assert time.monotonic() < deadline, f"no picture of “{prompt}” was filed"
        page.wait_for_timeout(100)
    return drawn


def test_quick_on_the_picture_follows_the_words_as_they_are_typed(browser, quick_live: BackgroundServer):
    with watched_pages(browser) as open_page:
        page = _open(open_page, quick_live)
        page.click('#backbone [data-value="unet"]')
        assert page.is_hidden("#quick"), "a team with no student offers no quick switch"
        page.click('#backbone [data-value="dit"]')
        page.click("#quick")
        assert page.get_attribute("#quick", "aria-pressed") == "true"
        assert f"{QUICK_STEPS} steps" in page.inner_text("#quick-hint")
        assert page.is_disabled("#steps") and page.is_disabled("#guidance") and page.is_disabled("#sampler")
        assert page.inner_text("#steps-value") == f"{QUICK_STEPS} (quick)"

        page.click("#prompt")
        page.keyboard.type("a red kite", delay=40)  # no Enter, no button
        page.wait_for_function(DONE)
        assert f"{QUICK_STEPS} steps" in page.inner_text("#progress-text")
        assert page.evaluate("() => document.activeElement.id") == "prompt", "drawing took the cursor from the box"
        assert len(set(page.evaluate(CANVAS_PIXELS, "guess"))) > 10, "the quick picture is blank"
        seed = page.input_value("#seed")

        page.keyboard.type(" and a sun", delay=40)
        drawn = _filed(page, quick_live, "a red kite and a sun")
        page.wait_for_function(DONE)
        assert "a red kite" in [r["prompt"] for r in drawn[1:]]
        assert {(r["quick"], r["steps"], r["guidance_scale"], r["backbone"]) for r in drawn} == {
            (True, QUICK_STEPS, 1.0, "dit")
        }
        assert {str(r["seed"]) for r in drawn} == {seed}, "typing changed the dust, not only the words"
        page.screenshot(path=str(ARTIFACTS / "quick-typing.png"), full_page=True)

        page.keyboard.press("Escape")
        page.keyboard.press("q")  # the key turns it off; Enter then draws at the slider's steps again
        assert page.get_attribute("#quick", "aria-pressed") == "false" and not page.is_disabled("#steps")
        assert page.inner_text("#steps-value") == page.input_value("#steps")


def test_a_class_typing_with_quick_on_each_get_their_own_words(browser, quick_live: BackgroundServer):
    with watched_pages(browser) as open_page:
        students = [_open(open_page, quick_live) for _ in range(3)]
        words = ["a blue car", "a green apple", "a yellow duck"]
        for student in students:
            student.click("#quick")
            student.click("#prompt")
        for typed in zip_longest(*words, fillvalue=""):  # everyone types at once, a letter each in turn
            for student, letter in zip(students, typed, strict=True):
                student.keyboard.type(letter)
        for student, sentence in zip(students, words, strict=True):
            student.wait_for_function(DONE)
            assert student.input_value("#prompt") == sentence
        filed = {}
        deadline = time.monotonic() + 30
        while sorted(filed.values()) != sorted(words) and time.monotonic() < deadline:
            students[0].wait_for_timeout(100)
            filed = {record["author"]: record["prompt"] for record in reversed(_drawn(students[0], quick_live))}
        assert sorted(filed.values()) == sorted(words), "a student's last picture is not of their whole sentence"


def test_the_skipping_lesson_draws_many_small_steps_a_few_big_ones_and_the_student(
    browser, quick_live: BackgroundServer
):
    with watched_pages(browser) as open_page:
        page = open_page(viewport={"width": 1280, "height": 800})
        page.goto(quick_live.url + "lessons/skipping")
        page.wait_for_selector("body[data-ready='true']")
        titles = page.locator(".team .panel-title").all_inner_texts()
        assert titles == ["20 small steps", f"{QUICK_STEPS} big steps", f"{QUICK_STEPS} steps by a student"]
        page.press("#prompt", "Enter")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.team-time')].every(t => t.textContent.startsWith('Finished in'))"
        )
        steps = [page.get_attribute(f"[data-lane='{lane}']", "data-step") for lane in ("many", "rushed", "student")]
        assert steps == ["20", str(QUICK_STEPS), str(QUICK_STEPS)]
        for canvas in page.locator(".team canvas").all():
            assert canvas.evaluate("c => !c.classList.contains('blank')"), "a panel stayed blank"
        page.screenshot(path=str(ARTIFACTS / "lesson-skipping.png"), full_page=True)
