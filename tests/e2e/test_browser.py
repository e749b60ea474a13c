"""The page in a real headless Chromium against a live server running the tiny model."""

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from app.config import Settings
from app.lessons.registry import LESSONS
from app.main import create_app
from app.protocol import FrameHeader, FrameKind, ImageFormat
from app.server import BackgroundServer
from model.loading import tiny_pipeline
from model.pipeline import Pipeline
from model.weights_folder import WeightsFolder

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", Path(__file__).parent / "artifacts"))

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM}; install Debian's `chromium`"),
    pytest.mark.timeout(90),
]

# Reads a canvas back as bytes, so tests compare what the class actually sees.
CANVAS_PIXELS = "id => Array.from(document.getElementById(id).getContext('2d').getImageData(0, 0, 32, 32).data)"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return tiny_pipeline()


@pytest.fixture
def live(pipeline: Pipeline, tmp_path: Path) -> Iterator[BackgroundServer]:
    # A busy CI machine can fall behind the tiny model; these tests scrub every step, so none may be shed
    # (shedding previews for slow clients is tested in tests/app/test_outbox.py).
    settings = Settings(heartbeat_seconds=1.0, gallery_dir=tmp_path, outbox_previews=1000)
    server = BackgroundServer(lambda: create_app(settings, pipeline))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watch_console(page: Page) -> list[str]:
    """Script errors and console errors, as they happen: a page the CSP blocks says so only in the console."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    return errors


@contextmanager
def watched_pages(browser) -> Iterator[Callable[..., Page]]:
    """Opens pages, each in a fresh context (keyword arguments go to `new_context`); on leaving, closes them and
    fails on any error their consoles showed."""
    opened: list[tuple[BrowserContext, list[str]]] = []

    def open_(**context_args) -> Page:
        context = browser.new_context(**context_args)
        page = context.new_page()
        opened.append((context, watch_console(page)))
        return page

    yield open_
    for context, errors in opened:
        context.close()
        assert not errors, f"errors in the page's console: {errors}"


@pytest.fixture
def page(browser, live: BackgroundServer, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The main page, online; on leaving, fails on any console error but those the test's `console_expects`
    marker names (a reconnect the browser logs while a test keeps the server down)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors = watch_console(page)
    page.goto(live.url)
    page.wait_for_selector('#status[data-state="online"]')
    yield page
    context.close()
    marker = request.node.get_closest_marker("console_expects")
    expected = marker.args if marker else ()
    unexpected = [error for error in errors if not any(text in error for text in expected)]
    assert not unexpected, f"errors in the page's console: {unexpected}"


def _draw(page: Page, prompt: str) -> None:
    page.fill("#prompt", prompt)
    page.press("#prompt", "Enter")
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Done')")


def test_type_a_prompt_watch_it_draw_then_scrub_the_timeline(page: Page):
    page.fill("#steps", "12")
    page.dispatch_event("#steps", "input")
    _draw(page, "a smiling cat face")

    final_dust, final_guess = page.evaluate(CANVAS_PIXELS, "dusty"), page.evaluate(CANVAS_PIXELS, "guess")
    for pixels in (final_dust, final_guess):
        assert len(set(pixels)) > 10, "a panel is blank after the run"
    assert page.inner_text("#scrub-label") == "Finished picture"
    assert page.get_attribute("#scrub", "max") == "12"  # 12 steps, then the finished picture

    page.eval_on_selector("#scrub", "s => { s.value = 0; s.dispatchEvent(new Event('input')); }")
    assert page.inner_text("#scrub-label") == "Step 1 of 12"
    first_dust = page.evaluate(CANVAS_PIXELS, "dusty")
    assert first_dust != final_dust, "the finished picture looks like the first dust"

    page.keyboard.press("ArrowRight")
    assert page.inner_text("#scrub-label") == "Step 2 of 12"
    assert page.evaluate(CANVAS_PIXELS, "dusty") != first_dust, "scrubbing did not change the picture"

    page.keyboard.press("Space")
    page.wait_for_function("() => document.getElementById('scrub-label').textContent === 'Finished picture'")

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "after-run.png"), full_page=True)


def test_downloads_are_offered_and_the_gif_is_served(page: Page, live: BackgroundServer):
    _draw(page, "a red apple")
    page.wait_for_selector("#download-png:not([hidden])")
    assert page.is_visible("#download-gif")
    assert page.get_attribute("#download-png", "href").startswith("blob:")
    gif = page.request.get(urljoin(live.url, page.get_attribute("#download-gif", "href")))
    assert gif.ok and gif.headers["content-type"] == "image/gif"


def test_projector_mode_by_keyboard_hides_the_settings(page: Page):
    page.keyboard.press("Escape")  # leave the prompt box, where F is just a letter
    page.keyboard.press("f")
    assert "projector" in page.eval_on_selector("body", "b => b.className")
    assert not page.is_visible(".settings")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "projector.png"))


def test_bad_words_get_a_friendly_message(page: Page):
    page.eval_on_selector("#prompt", "p => p.removeAttribute('maxlength')")
    page.fill("#prompt", "cat " * 100)
    page.press("#prompt", "Enter")
    page.wait_for_selector("#message:not([hidden])")
    assert "characters" in page.inner_text("#message")
    assert page.inner_text("#go") == "Draw it"


def test_a_lost_connection_is_reported_and_comes_back(page: Page, live: BackgroundServer):
    live.stop()
    page.wait_for_selector('#status[data-state="offline"]')
    assert "retrying" in page.inner_text("#status")
    live.start()  # same port: the page's backoff finds it again
    page.wait_for_selector('#status[data-state="online"]', timeout=30_000)
    _draw(page, "a blue fish")


def test_a_teachers_run_shows_up_live_on_a_students_page(browser, page: Page, live: BackgroundServer):
    page.click("#teach")
    page.wait_for_selector("#teacher-side:not([hidden])")
    code = page.inner_text("#room-code")
    assert len(code) == 4 and page.get_attribute("#room-qr", "src").endswith("/qr.svg")

    student_context = browser.new_context(viewport={"width": 1280, "height": 800})
    student = student_context.new_page()
    student.goto(f"{live.url}?room={code}")
    student.wait_for_selector("#student-side:not([hidden])")
    _draw(page, "a sailing boat")
    student.wait_for_function("() => document.getElementById('teacher-caption').textContent.includes('done')")
    # the teacher's run fills the student's big panels, as the student's own runs do
    student.wait_for_function(
        "() => document.getElementById('progress-text').textContent.includes(\"teacher's picture is done\")"
    )
    assert student.get_attribute("#view-teacher", "aria-checked") == "true"
    assert student.inner_text("#scrub-label") == "Finished picture"
    teachers = student.evaluate(CANVAS_PIXELS, "guess")
    assert teachers == page.evaluate(CANVAS_PIXELS, "guess"), "the student does not see the teacher's picture"
    student.screenshot(path=str(ARTIFACTS / "student-watching.png"))

    _draw(student, "a green frog")  # students still draw their own, and watch it
    assert student.get_attribute("#view-mine", "aria-checked") == "true"
    assert student.evaluate(CANVAS_PIXELS, "guess") != teachers
    student.click("#view-teacher")  # the teacher's drawing is one click away
    assert student.evaluate(CANVAS_PIXELS, "guess") == teachers
    page.wait_for_function("() => document.querySelectorAll('#class-grid img').length === 1", timeout=15_000)
    student_context.close()


def test_run_again_from_the_gallery_fills_in_the_same_settings_and_draws(page: Page, live: BackgroundServer):
    page.fill("#seed", "4242")
    _draw(page, "a red apple")
    page.wait_for_selector("#download-gif:not([hidden])")  # the links are named once the PNG is made
    assert page.get_attribute("#download-png", "download") == "dust-to-detail-a-red-apple-seed-4242.png"
    assert page.get_attribute("#download-gif", "download") == "dust-to-detail-a-red-apple-seed-4242.gif"
    first = page.evaluate(CANVAS_PIXELS, "guess")
    page.goto(urljoin(live.url, "gallery"))
    assert "a red apple" in page.inner_text(".gallery-prompt")
    page.click("a.again")
    page.wait_for_selector('#status[data-state="online"]')
    assert page.input_value("#prompt") == "a red apple" and page.input_value("#seed") == "4242"
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Done')")
    assert "seed 4242" in page.inner_text("#progress-text")
    assert page.evaluate(CANVAS_PIXELS, "guess") == first, "the same seed drew another picture"
    assert "prompt=" not in page.url and "seed=" not in page.url, "a reload would draw the same picture again"


def test_a_refused_seed_leaves_no_asking_the_model(page: Page):
    page.eval_on_selector("#seed", "s => s.removeAttribute('max')")
    page.fill("#seed", "99999999999999999999999")
    page.fill("#prompt", "a red apple")
    page.press("#prompt", "Enter")
    page.wait_for_selector("#message:not([hidden])")
    assert "seed" in page.inner_text("#message").lower()
    assert "Asking" not in page.inner_text("#progress-text")
    assert page.inner_text("#go") == "Draw it"


def test_pasting_more_than_fits_says_what_was_left_out(page: Page):
    page.eval_on_selector(
        "#prompt",
        """box => {
        const data = new DataTransfer();
        data.setData("text", "cat ".repeat(200));
        box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }""",
    )
    assert "left out" in page.inner_text("#message")


def test_the_sketchbook_panel_shows_the_latent_only_for_a_team_that_draws_in_one(browser, page: Page, tmp_path: Path):
    assert page.is_hidden("#sketchbook-panel")  # the module's pipeline draws in pixels
    _draw(page, "a red apple")
    assert page.is_hidden("#sketchbook-panel")
    assert page.inner_text("#dusty-hint") == "what the picture looks like right now"

    server = BackgroundServer(lambda: create_app(Settings(gallery_dir=tmp_path), tiny_pipeline(latent=True)))
    server.start()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        latent_page = context.new_page()
        latent_page.goto(server.url)
        latent_page.wait_for_selector('#status[data-state="online"]')
        _draw(latent_page, "a red apple")
        assert latent_page.is_visible("#sketchbook-panel")
        assert "confetti" in latent_page.inner_text("#dusty-hint"), "the page says why early dust looks as it does"
        tiles = latent_page.evaluate(CANVAS_PIXELS, "sketchbook")
        assert len(set(tiles)) > 10, "the sketchbook panel is blank after the run"
        red, green, blue = tiles[0::4], tiles[1::4], tiles[2::4]
        assert red == green == blue, "the latent tiles are grey"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        latent_page.screenshot(path=str(ARTIFACTS / "sketchbook.png"), full_page=True)
    finally:
        context.close()
        server.stop()


def test_a_busy_server_shows_the_quick_preview_between_the_decoders_paintings(browser, tmp_path: Path):
    from websockets.sync.client import connect

    settings = Settings(gallery_dir=tmp_path, busy_paint_every=2, max_steps=1000)
    server = BackgroundServer(lambda: create_app(settings, tiny_pipeline(latent=True)))
    server.start()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        with connect(server.ws_url, origin=server.url.rstrip("/")) as classmate:  # someone else keeps drawing
            classmate.recv(timeout=10)
            classmate.send('{"type": "generate", "prompt": "a long cloud", "steps": 1000}')
            page = context.new_page()
            page.goto(server.url)
            page.wait_for_selector('#status[data-state="online"]')
            page.fill("#steps", "6")
            page.dispatch_event("#steps", "input")
            _draw(page, "a red apple")
        badge = "id => getComputedStyle(document.getElementById(id).parentElement, '::before').content"
        assert page.evaluate(badge, "dusty") == "none", "the finished picture is the decoder's"
        for step, preview in ((0, False), (1, True), (2, False), (3, True)):
            page.eval_on_selector("#scrub", f"s => {{ s.value = {step}; s.dispatchEvent(new Event('input')); }}")
            shown = [page.evaluate(badge, id_) == '"quick preview"' for id_ in ("dusty", "guess")]
            assert shown == [preview, preview], f"step {step + 1}"
        page.eval_on_selector("#scrub", "s => { s.value = 1; s.dispatchEvent(new Event('input')); }")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "quick-preview.png"), full_page=True)
    finally:
        context.close()
        server.stop()


def test_enter_in_the_prompt_box_mid_run_starts_the_new_words(
    page: Page, live: BackgroundServer, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
):
    team_steps = pipeline.team_steps

    def unhurried(request, *args, **kwargs):  # the first run must still be going when Enter comes
        for step in team_steps(request, *args, **kwargs):
            if request.prompt == "a slow grey cloud":
                time.sleep(0.05)
            yield step

    monkeypatch.setattr(pipeline, "team_steps", unhurried)
    page.eval_on_selector("#steps", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    page.fill("#prompt", "a slow grey cloud")
    page.press("#prompt", "Enter")
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Step')")
    page.fill("#prompt", "a quick red kite")
    page.press("#prompt", "Enter")  # still focused in the box, mid-run
    page.wait_for_function(
        "() => document.getElementById('progress-text').textContent.startsWith('Done')", timeout=60_000
    )
    drawn = page.request.get(urljoin(live.url, "api/gallery")).json()
    assert [entry["record"]["prompt"] for entry in drawn] == ["a quick red kite"], "the new words were not drawn"


def test_noise_numbers_read_like_a_person_would(page: Page):
    shown = page.evaluate(
        """async () => {
        const n = await import('/static/js/numbers.js');
        return [n.formatSigma(20291), n.formatSigma(0.523), n.formatSigma(47.2), n.formatSigma(Infinity),
                n.pictureShare(0.00024), n.pictureShare(1)];
    }"""
    )
    assert shown == ["2.0 × 10⁴", "0.52", "47", "∞", "0.0 % picture", "100.0 % picture"]
    page.eval_on_selector("#steps", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    page.fill("#prompt", "a yellow star")
    page.press("#prompt", "Enter")
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Step')")
    text = page.inner_text("#progress-text")
    assert "% picture" in text and "," not in text.split("σ")[-1], text  # no "20,291"
    page.click("#go")  # stop


def test_squint_blurs_the_dusty_paper_by_button_or_key(page: Page):
    blur = "document.getElementById('dusty').computedStyleMap().get('filter').toString()"
    _draw(page, "a red apple")
    assert page.evaluate(blur) == "none"
    page.keyboard.press("s")
    assert "blur" in page.evaluate(blur) and page.get_attribute("#squint", "aria-pressed") == "true"
    assert page.evaluate("document.getElementById('guess').computedStyleMap().get('filter').toString()") == "none"
    page.click("#squint")
    assert page.evaluate(blur) == "none"


def _teach(page: Page) -> str:
    page.click("#teach")
    page.wait_for_selector("#teacher-side:not([hidden])")
    return page.inner_text("#room-code")


def test_a_teacher_on_the_laptop_gets_a_room_link_students_can_reach(browser, tmp_path: Path, monkeypatch):
    import io

    import qrcode
    import qrcode.image.svg

    from app import network

    monkeypatch.setattr(network, "lan_address", lambda: "192.0.2.10")  # documentation range: no real host
    settings = Settings(host="0.0.0.0", gallery_dir=tmp_path)
    server = BackgroundServer(lambda: create_app(settings, tiny_pipeline()), host="0.0.0.0")
    server.start()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(server.url)  # opened on the laptop itself: http://127.0.0.1:…
        page.wait_for_selector('#status[data-state="online"]')
        code = _teach(page)
        expected = f"http://192.0.2.10:{server.port}/?room={code}"
        page.wait_for_function(f"() => document.getElementById('room-join').textContent === {expected!r}")
        assert page.is_hidden("#room-advice")
        buffer = io.BytesIO()
        qrcode.make(expected, image_factory=qrcode.image.svg.SvgPathImage, border=2).save(buffer)
        assert page.request.get(urljoin(server.url, f"api/rooms/{code}/qr.svg")).body() == buffer.getvalue()
    finally:
        context.close()
        server.stop()


def test_a_server_on_loopback_only_tells_the_teacher_how_to_open_it(page: Page):
    _teach(page)
    page.wait_for_selector("#room-advice:not([hidden])")
    assert "--host 0.0.0.0" in page.inner_text("#room-advice")


def test_projector_mode_keeps_the_room_card_on_screen_and_r_tucks_it_away(page: Page):
    code = _teach(page)
    page.keyboard.press("Escape")
    page.keyboard.press("f")
    assert "projector" in page.eval_on_selector("body", "b => b.className")
    box = page.locator("#room-code").bounding_box()
    assert box is not None and box["y"] + box["height"] <= 800 and box["x"] + box["width"] <= 1280, "below the fold"
    assert float(page.eval_on_selector("#room-code", "e => parseFloat(getComputedStyle(e).fontSize)")) >= 64
    assert page.locator("#room-qr").bounding_box()["y"] < 800
    assert page.inner_text("#room-code") == code
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "projector-room.png"))
    page.keyboard.press("r")
    assert page.is_hidden("#room-code")
    page.keyboard.press("r")
    assert page.is_visible("#room-code")


def test_the_class_wall_shows_every_students_latest_picture_large(browser, page: Page, live: BackgroundServer):
    code = _teach(page)
    wall_context = browser.new_context(viewport={"width": 1280, "height": 800})
    student_context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        wall = wall_context.new_page()
        wall.goto(urljoin(live.url, f"rooms/{code}/wall"))
        assert wall.is_visible("#wall-empty")
        student = student_context.new_page()
        student.goto(f"{live.url}?room={code}")
        student.wait_for_selector("#student-side:not([hidden])")
        _draw(student, "a green frog")
        wall.wait_for_selector("#wall-grid img", timeout=15_000)  # it updates by itself
        assert wall.inner_text("#wall-grid .gallery-prompt") == "a green frog"
        assert wall.locator("#wall-grid img").bounding_box()["width"] >= 200, "too small for the back of the room"
        assert wall.is_hidden("#wall-empty")
        wall.keyboard.press("f")
        assert "projector" in wall.eval_on_selector("body", "b => b.className")
        wall.screenshot(path=str(ARTIFACTS / "class-wall.png"))
        assert page.get_attribute("#room-wall", "href") == f"/rooms/{code}/wall"
    finally:
        wall_context.close()
        student_context.close()
    assert page.request.get(urljoin(live.url, "rooms/NOPE/wall")).status == 404


def test_a_teacher_keeps_a_picture_from_the_gallery(page: Page, live: BackgroundServer):
    _teach(page)
    _draw(page, "a red apple")
    page.click("#room-gallery")  # the same tab: it holds the room's key
    page.wait_for_selector("button.pin:not([hidden])")
    page.click("button.pin")
    page.wait_for_selector("button.pin[aria-pressed='true']")
    assert page.request.get(urljoin(live.url, "api/gallery")).json()[0]["pinned"] is True
    student = page.context.browser.new_context().new_page()
    student.goto(urljoin(live.url, "gallery"))
    assert student.is_hidden("button.pin"), "only the teacher's tab may keep pictures"
    student.context.close()


@pytest.mark.console_expects("ERR_CONNECTION_REFUSED")  # a retry that comes while the server is down
def test_a_server_restart_mid_run_is_reported_and_the_page_draws_again(page: Page, live: BackgroundServer):
    page.eval_on_selector("#steps", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    page.fill("#prompt", "a slow grey cloud")
    page.press("#prompt", "Enter")
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Step')")
    live.stop()  # the server goes away mid-run
    page.wait_for_selector('#status[data-state="offline"]')
    assert "dropped while drawing" in page.inner_text("#message")
    assert page.inner_text("#go") == "Draw it", "the page still thinks it is drawing"
    live.start()
    page.wait_for_selector('#status[data-state="online"]', timeout=30_000)
    page.fill("#steps", "8")
    page.dispatch_event("#steps", "input")
    _draw(page, "a blue fish")


def test_the_page_reads_frames_exactly_as_the_server_packs_them(page: Page):
    """frames.js parses headers packed by app/protocol.py, with the layout /api/options publishes."""
    header = FrameHeader(job_id=70_000, step=513, kind=FrameKind.LATENT, image=3, format=ImageFormat.JPEG)
    frame = list(header.pack(b"picture bytes"))
    read = page.evaluate(
        """async (frame) => {
            const { frameReader } = await import("/static/js/frames.js");
            const options = await (await fetch("/api/options")).json();
            const parsed = frameReader(options.frame)(new Uint8Array(frame).buffer);
            return { ...parsed, blob: await parsed.blob.text(), type: parsed.blob.type };
        }""",
        frame,
    )
    assert read == {
        "kind": "latent",
        "image": 3,
        "jobId": 70_000,
        "step": 513,
        "blob": "picture bytes",
        "type": "image/jpeg",
    }


def test_every_page_runs_within_its_content_security_policy(browser, page: Page, live: BackgroundServer):
    """The CSP allows only the app's own files and socket: every page still works, and nothing is refused."""
    code = _teach(page)
    _draw(page, "a red apple")  # the gallery and the wall then have a picture to show
    paths = ["gallery", "lessons", f"rooms/{code}/wall", *(f"lessons/{slug}" for slug in LESSONS)]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        for path in paths:
            visitor = context.new_page()
            errors = watch_console(visitor)
            response = visitor.goto(urljoin(live.url, path))
            assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
            if path.startswith("lessons/"):
                visitor.wait_for_selector("body[data-ready='true']")  # its script ran and fetched what it needs
            visitor.wait_for_load_state("networkidle")
            assert not errors, f"errors in the console of /{path}: {errors}"
            visitor.close()
    finally:
        context.close()


def test_the_page_says_which_words_it_was_never_taught_and_that_it_draws_one_thing(page: Page, pipeline, monkeypatch):
    taught = frozenset({"a", "cat", "wearing", "sunglasses", "and"})
    monkeypatch.setattr(pipeline, "weights", WeightsFolder(vocabulary=taught, things=("cat", "sunglasses")))
    _draw(page, "a cat wearing sunglasses and a zorblax")
    line = page.locator("#reading")
    assert line.is_visible()
    said = line.inner_text()
    assert said.startswith("I was never taught “zorblax”, so I drew from the other words.")
    assert "You named the cat and the sunglasses, but I draw one thing at a time." in said
    assert said.endswith(("This picture looks most like the cat.", "This picture looks most like the sunglasses."))
    page.screenshot(path=str(ARTIFACTS / "reading-line.png"))

    _draw(page, "a cat")
    assert not line.is_visible(), "a prompt in known words about one thing needs no reading line"


def test_enter_right_after_teach_a_class_draws_instead_of_opening_the_room_again(page: Page):
    page.fill("#prompt", "a cat")
    page.click("#teach")
    page.wait_for_selector("#teacher-side:not([hidden])")
    code = page.inner_text("#room-code")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Done')")
    assert page.inner_text("#room-code") == code


def _seed_drawn(page: Page, prompt: str) -> str:
    _draw(page, prompt)
    return page.inner_text("#progress-text").split("with seed ")[1].split(".")[0]


def test_every_press_draws_from_new_dust_until_the_seed_is_locked(page: Page):
    first, second = _seed_drawn(page, "a cat"), _seed_drawn(page, "a cat")
    assert first != second, "pressing Draw again drew from the same dust"
    page.click("#seed-lock")
    assert page.get_attribute("#seed-lock", "aria-pressed") == "true"
    kept = page.input_value("#seed")
    assert _seed_drawn(page, "a cat") == _seed_drawn(page, "a cat") == kept


def test_the_wall_waits_quietly_while_the_server_does_not_answer(browser, page: Page, live: BackgroundServer):
    code = _teach(page)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        wall = context.new_page()
        uncaught: list[str] = []
        wall.on("pageerror", lambda error: uncaught.append(str(error)))
        wall.route("**/latest", lambda route: route.abort())  # as when the laptop's server is down
        wall.goto(urljoin(live.url, f"rooms/{code}/wall"))
        wall.wait_for_function("() => document.getElementById('wall-empty').textContent.includes('not answering')")
        wall.wait_for_timeout(3500)  # past a refresh
        assert not uncaught, f"the wall's refresh threw: {uncaught}"
        wall.unroute("**/latest")
        wall.wait_for_function("() => document.getElementById('wall-empty').textContent.startsWith('Nothing yet')")
    finally:
        context.close()


def test_a_phone_is_told_to_tap_play_not_to_press_space(browser, live: BackgroundServer):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        phone = context.new_page()
        phone.goto(live.url)
        phone.wait_for_selector('#status[data-state="online"]')
        _draw(phone, "a cat")
        assert "Tap ▶ to replay." in phone.inner_text("#progress-text")
        assert "Space" not in phone.inner_text("#progress-text")
    finally:
        context.close()
