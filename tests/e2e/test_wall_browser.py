"""The teacher controls the class wall, in a real headless Chromium: names under the pictures, and a Hide button
that takes a picture off every wall."""

# ruff: noqa: F811  (the browser and server fixtures are imported by name, which is how pytest finds them)

from urllib.parse import urljoin

from playwright.sync_api import Page
from test_browser import ARTIFACTS, _draw, _teach, browser, live, page, pipeline, pytestmark, watch_console  # noqa: F401

from app.server import BackgroundServer

VIEWPORT = {"width": 1280, "height": 800}
STUDENTS = (("Ada", "a green frog"), ("Lin", "a red apple"), ("Zoë", "a blue fish"))


def _prompts(selector: str) -> str:
    """A function string (the CSP allows no eval) listing a grid's prompts, newest first."""
    return f"() => [...document.querySelectorAll('{selector} .gallery-prompt')].map(p => p.textContent)"


def test_a_teacher_hides_a_picture_from_the_wall_and_names_show_under_pictures(
    browser, page: Page, live: BackgroundServer
):
    code = _teach(page)
    contexts, errors = [], []
    try:
        for name, prompt in STUDENTS:
            context = browser.new_context(viewport=VIEWPORT)
            contexts.append(context)
            student = context.new_page()
            errors.append(watch_console(student))
            student.goto(f"{live.url}?room={code}")
            student.wait_for_selector("#student-side:not([hidden])")
            student.fill("#student-name", f"  {name} ")
            student.press("#student-name", "Enter")  # saves the name; it does not draw
            student.wait_for_function(f"() => document.getElementById('name-said').textContent.includes('“{name}”')")
            assert student.is_hidden("#message"), "Enter in the name box went on to draw"
            _draw(student, prompt)

        # the room's wall on the projector: another device, without the key
        projector_context = browser.new_context(viewport=VIEWPORT)
        contexts.append(projector_context)
        projector = projector_context.new_page()
        errors.append(watch_console(projector))
        projector.goto(urljoin(live.url, f"rooms/{code}/wall"))
        projector.wait_for_function(f"() => ({_prompts('#wall-grid')})().length === 3", timeout=15_000)
        names = projector.eval_on_selector_all("#wall-grid .gallery-name", "ps => ps.map(p => p.textContent)")
        assert names == ["Zoë", "Lin", "Ada"], "each student's name under their picture, newest first"
        assert projector.locator("#wall-grid button").count() == 0, "only the teacher's tab can hide pictures"

        # the teacher opens the wall from the room card: a tab of their own, which holds the room's key
        page.context.on("page", lambda opened: errors.append(watch_console(opened)))
        with page.context.expect_page() as opened:
            page.click("#room-wall")
        wall = opened.value
        wall.wait_for_function(f"() => ({_prompts('#wall-grid')})().length === 3", timeout=15_000)
        hide = wall.get_by_role("button", name="Hide the picture “a red apple” by Lin")
        hide.click()
        wall.wait_for_function(f"() => !({_prompts('#wall-grid')})().includes('a red apple')")
        assert wall.eval_on_selector_all("#wall-grid .gallery-name", "ps => ps.map(p => p.textContent)") == [
            "Zoë",
            "Ada",
        ]

        gone = f"() => {{ const shown = ({_prompts('#wall-grid')})(); return shown.length === 2 && "
        gone += "!shown.includes('a red apple'); }"
        projector.wait_for_function(gone, timeout=15_000)  # on its next refresh
        page.wait_for_function(
            f"() => {{ const shown = ({_prompts('#class-grid')})(); return shown.length === 2 && "
            "!shown.includes('a red apple'); }",
            timeout=15_000,
        )
        assert "a red apple" not in page.request.get(urljoin(live.url, "gallery")).text()

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        wall.wait_for_load_state("networkidle")
        wall.screenshot(path=str(ARTIFACTS / "wall-hidden-picture.png"))  # docs/screenshots/ keeps a copy
    finally:
        for context in contexts:
            context.close()
    assert not [error for found in errors for error in found], f"errors in a page's console: {errors}"
