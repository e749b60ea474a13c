"""The main page's layout on a teacher's screens: a projector and a laptop, after a real drawing, measured in
headless Chromium against a live server whose tiny team draws in a sketchbook (so every panel shows, as with the
shipped model)."""

# ruff: noqa: F811  (the browser fixture is imported by name, which is how pytest finds it)

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page
from test_browser import ARTIFACTS, _draw, browser, pytestmark, watched_pages  # noqa: F401

from app.config import Settings
from app.main import create_app
from app.server import BackgroundServer
from model.loading import tiny_pipeline
from model.weights_folder import WeightsFolder

PROJECTORS = [(1920, 1080), (1280, 720), (1024, 768)]
LAPTOPS = [(1366, 768), (1440, 900)]
# Names an untaught word and two things, so the reading line under the prompt takes its longest form.
PROMPT = "a red apple and a cat and a zorblax"

# Where everything is, in CSS pixels of the viewport: each picture canvas on the stage with the screen and the panel
# that hold it, the replay bar's controls, the top bar's items and the room card.
LAYOUT = """() => {
    const box = (element) => {
        if (!element || !element.checkVisibility()) return null;
        const { left, top, right, bottom, width, height } = element.getBoundingClientRect();
        return { left, top, right, bottom, width, height };
    };
    const named = (element) => element.id || element.className || element.tagName;
    const byId = (id) => ({ id, box: box(document.getElementById(id)) });
    return {
        viewport: { left: 0, top: 0, right: innerWidth, bottom: innerHeight },
        scrolled: scrollY,
        canvases: [...document.querySelectorAll(".stage .panel:not([hidden]) canvas")].map((canvas) => ({
            id: canvas.id,
            canvas: box(canvas),
            screen: box(canvas.closest(".screen")),
            panel: box(canvas.closest(".panel")),
        })),
        replay: ["play", "scrub", "download-png", "download-gif"].map(byId),
        topbar: [...document.querySelectorAll(".brand, .topbar-actions > *")].map((item) => ({
            id: named(item), box: box(item),
        })),
        room: box(document.getElementById("room-panel")),
        advice: box(document.getElementById("room-advice")),
    };
}"""


def _faults(inner: dict | None, outer: dict | None, what: str) -> list[str]:
    """What keeps `inner` from lying wholly within `outer` (to half a pixel, for rounding) at a size above 0."""
    if inner is None or outer is None:
        return [f"{what}: not shown"]
    if inner["width"] <= 0 or inner["height"] <= 0:
        return [f"{what}: 0 px {_rect(inner)}"]
    edges = {edge: inner[edge] - outer[edge] for edge in ("left", "top")} | {
        edge: outer[edge] - inner[edge] for edge in ("right", "bottom")
    }
    cut = {edge: round(by, 1) for edge, by in edges.items() if by < -0.5}
    return [f"{what} is cut off by {cut} px: {_rect(inner)} in {_rect(outer)}"] if cut else []


def _rect(box: dict) -> str:
    return "[{left:.0f}, {top:.0f}, {right:.0f}, {bottom:.0f}]".format(**box)


def _inside(inner: dict | None, outer: dict | None, what: str) -> None:
    faults = _faults(inner, outer, what)
    assert not faults, faults[0]


def _every_picture_whole(layout: dict) -> None:
    faults = []
    for shown in layout["canvases"]:
        what = f"#{shown['id']}"
        if shown["screen"] is not None:  # the chart has no screen
            faults += _faults(shown["canvas"], shown["screen"], f"{what} in its screen")
        faults += _faults(shown["canvas"], shown["panel"], f"{what} in its panel")
        faults += _faults(shown["canvas"], layout["viewport"], f"{what} in the viewport")
    assert not faults, "pictures cropped or collapsed:\n" + "\n".join(faults)


@pytest.fixture(scope="module")
def sketchbook_live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BackgroundServer]:
    pipeline = tiny_pipeline(latent=True)
    pipeline.weights = WeightsFolder(vocabulary=frozenset({"a", "red", "apple", "and", "cat"}), things=("apple", "cat"))
    settings = Settings(gallery_dir=tmp_path_factory.mktemp("gallery"), outbox_previews=1000)
    server = BackgroundServer(lambda: create_app(settings, pipeline))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def screen(browser, sketchbook_live: BackgroundServer) -> Iterator[Callable[[int, int], Page]]:
    """Opens the main page in a window of the given size; fails the test on any error in its console."""
    with watched_pages(browser) as new_page:

        def open_(width: int, height: int) -> Page:
            page = new_page(viewport={"width": width, "height": height})
            page.goto(sketchbook_live.url)
            page.wait_for_selector('#status[data-state="online"]')
            return page

        yield open_


def _projector(page: Page) -> None:
    page.keyboard.press("Escape")  # leave the prompt box, where F is just a letter
    page.keyboard.press("f")
    assert "projector" in page.eval_on_selector("body", "b => b.className")


def _finished(page: Page, name: str) -> dict:
    """Draws, waits for the downloads (the last thing a run adds), and measures the page as the run left it."""
    _draw(page, PROMPT)
    page.wait_for_selector("#download-gif:not([hidden])")
    assert page.is_visible("#sketchbook-panel") and page.is_visible("#reading")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    return page.evaluate(LAYOUT)


@pytest.mark.parametrize(("width", "height"), PROJECTORS, ids=[f"{w}x{h}" for w, h in PROJECTORS])
def test_projector_mode_shows_every_picture_whole_and_the_whole_show_on_screen(
    screen: Callable[[int, int], Page], width: int, height: int
):
    page = screen(width, height)
    _projector(page)
    layout = _finished(page, f"layout-projector-{width}x{height}")
    assert {shown["id"] for shown in layout["canvases"]} == {"dusty", "guess", "noise", "sketchbook", "chart"}
    _every_picture_whole(layout)
    for item in layout["topbar"]:
        _inside(item["box"], layout["viewport"], f"the top bar's {item['id']}")
    for control in layout["replay"]:
        _inside(control["box"], layout["viewport"], f"the replay bar's #{control['id']}")
    assert layout["scrolled"] == 0


def test_projector_mode_keeps_the_room_cards_advice_that_students_cannot_reach_this_address(
    screen: Callable[[int, int], Page],
):
    page = screen(1280, 720)
    page.click("#teach")  # the live server listens on loopback only: the card says how to let students in
    page.wait_for_selector("#room-advice:not([hidden])")
    _projector(page)
    layout = _finished(page, "layout-projector-room-1280x720")
    _inside(layout["room"], layout["viewport"], "the room card")
    _inside(layout["advice"], layout["room"], "the advice in the room card")
    assert "--host 0.0.0.0" in page.inner_text("#room-advice")
    _every_picture_whole(layout)


@pytest.mark.parametrize(("width", "height"), LAPTOPS, ids=[f"{w}x{h}" for w, h in LAPTOPS])
def test_a_laptop_shows_the_finished_picture_and_the_replay_bar_without_scrolling(
    screen: Callable[[int, int], Page], width: int, height: int
):
    page = screen(width, height)
    layout = _finished(page, f"layout-laptop-{width}x{height}")
    assert layout["scrolled"] == 0
    _every_picture_whole(layout)
    for control in layout["replay"]:
        _inside(control["box"], layout["viewport"], f"the replay bar's #{control['id']}")


def test_the_layout_test_reads_a_cut_off_box_as_cut_off():
    """The geometry the tests above rely on: a box hanging over an edge, or collapsed, fails."""
    outer = {"left": 0, "top": 0, "right": 100, "bottom": 100, "width": 100, "height": 100}
    _inside({"left": 10, "top": 10, "right": 90, "bottom": 100.4, "width": 80, "height": 90.4}, outer, "fits")
    with pytest.raises(AssertionError, match="cut off"):
        _inside({"left": 10, "top": 10, "right": 90, "bottom": 140, "width": 80, "height": 130}, outer, "taller")
    with pytest.raises(AssertionError, match="0 px"):
        _inside({"left": 10, "top": 10, "right": 90, "bottom": 10, "width": 80, "height": 0}, outer, "flat")
