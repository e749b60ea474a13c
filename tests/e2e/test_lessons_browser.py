"""The lesson pages in a real headless Chromium against a live server running the tiny model."""

# ruff: noqa: F811  (the browser and server fixtures are imported by name, which is how pytest finds them)

import json
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page
from test_browser import (  # noqa: F401
    ARTIFACTS,
    CANVAS_PIXELS,
    browser,
    live,
    pipeline,
    pytestmark,
    watch_console,
    watched_pages,
)

from app.server import BackgroundServer
from model.loading import read_weights_folder, tiny_pipeline
from model.pipeline import GenerationRequest
from model.weights_folder import WeightsFolder

SCHEDULE_PIXELS = (
    "name => Array.from(document.querySelector(`canvas[data-schedule='${name}']`)"
    ".getContext('2d').getImageData(0, 0, 32, 32).data)"
)
CHANGED = f"([id, before]) => ({CANVAS_PIXELS})(id).join() !== before"


@pytest.fixture(params=[{"width": 1280, "height": 800}, {"width": 390, "height": 844}], ids=["desktop", "phone"])
def viewport(request) -> dict:
    return request.param


@pytest.fixture
def open_lesson(browser, live: BackgroundServer, viewport: dict) -> Iterator[Callable[[str], Page]]:
    """Opens lesson pages, ready when their script says so; fails the test on any error in their console."""
    with watched_pages(browser) as new_page:

        def open_(path: str) -> Page:
            page = new_page(viewport=viewport)
            page.goto(live.url + path)
            if path != "lessons":
                page.wait_for_selector("body[data-ready='true']")
            return page

        yield open_


@pytest.fixture
def dust(open_lesson: Callable[[str], Page]) -> Page:
    return open_lesson("lessons/dust")


@pytest.fixture
def clock(open_lesson: Callable[[str], Page]) -> Page:
    return open_lesson("lessons/clock")


def _label(page: Page, id_: str) -> str:
    return page.inner_text(f"#{id_}")


def _fits(page: Page) -> None:
    assert page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"


def test_sprinkle_dust_by_keyboard_then_clean_it_up(dust: Page, viewport: dict):
    clean = dust.evaluate(CANVAS_PIXELS, "dusty")
    assert _label(dust, "amount-label") == "Clean picture"
    dust.focus("#amount")
    dust.keyboard.press("ArrowRight")
    assert _label(dust, "amount-label").startswith("Step 1 of 20")
    a_little = dust.evaluate(CANVAS_PIXELS, "dusty")
    assert a_little != clean, "the slider did not sprinkle any dust"

    dust.keyboard.press("Space")  # play: sprinkle step by step to the end
    dust.wait_for_function("() => document.getElementById('amount-label').textContent.startsWith('Step 20 of 20')")
    all_dust = dust.evaluate(CANVAS_PIXELS, "dusty")
    differences = [sum(abs(a - b) for a, b in zip(pixels, clean)) for pixels in (a_little, all_dust)]
    assert differences[0] < differences[1], "more dust should hide more of the picture"
    assert "t = 999" in _label(dust, "numbers")

    for _ in range(12):
        dust.keyboard.press("ArrowLeft")
    assert _label(dust, "amount-label").startswith("Step 8 of 20")
    start = dust.evaluate(CANVAS_PIXELS, "dusty")
    dust.keyboard.press("Enter")  # clean it up from here
    dust.wait_for_function("() => document.getElementById('cleaned').dataset.column === '8'")
    assert _label(dust, "clean-hint") == "clean again after 8 steps"
    assert dust.evaluate(CANVAS_PIXELS, "cleaned") != start, "cleaning up did not change the picture"
    _fits(dust)
    dust.screenshot(path=str(ARTIFACTS / f"lesson-dust-{viewport['width']}.png"), full_page=True)


def test_pick_another_picture_or_let_the_model_draw_one(dust: Page):
    smiley = dust.evaluate(CANVAS_PIXELS, "dusty")
    dust.get_by_role("radio", name="a red heart").click()
    dust.wait_for_function(CHANGED, arg=["dusty", ",".join(map(str, smiley))])
    assert dust.input_value("#words") == "a red heart"
    heart = dust.evaluate(CANVAS_PIXELS, "dusty")

    dust.fill("#draw-prompt", "a green frog")
    dust.press("#draw-prompt", "Enter")
    dust.wait_for_function(CHANGED, arg=["dusty", ",".join(map(str, heart))])
    assert dust.input_value("#words") == "a green frog"
    assert dust.is_visible("#untrained"), "the tiny model's fog is explained"


def test_the_clock_cursor_moves_every_picture_and_the_chart(clock: Page, viewport: dict):
    chart = clock.eval_on_selector("#clock-chart", "c => c.toDataURL()")
    clean = clock.evaluate(SCHEDULE_PIXELS, "linear")
    assert clean == clock.evaluate(SCHEDULE_PIXELS, "cosine"), "every clock starts from the same clean picture"
    clock.focus("#moment")
    for _ in range(10):
        clock.keyboard.press("ArrowRight")
    assert _label(clock, "moment-label") == "Step 10 of 20"
    assert clock.eval_on_selector("#clock-chart", "c => c.toDataURL()") != chart, "the cursor did not move"
    linear, cosine = clock.evaluate(SCHEDULE_PIXELS, "linear"), clock.evaluate(SCHEDULE_PIXELS, "cosine")
    assert linear != clean and linear != cosine, "the clocks should disagree halfway"
    assert float(clock.inner_text(".clock-value").split("%")[0]) < 20, "the linear clock hides the picture early"
    left = {
        name: float(clock.inner_text(f".clock-panel:has(canvas[data-schedule='{name}']) .clock-value").split("%")[0])
        for name in ("linear", "cosine", "sigmoid", "scaled_linear")
    }
    shares = sorted(left.values())
    assert min(b - a for a, b in zip(shares, shares[1:])) >= 5, f"two clocks keep nearly the same picture: {left}"
    assert "ᾱ" not in clock.inner_text(".clock-value"), "the panels speak to children; the number is a tooltip"
    assert clock.get_attribute(".clock-value", "title").startswith("ᾱ_t = ")

    clock.keyboard.press("Space")
    clock.wait_for_function("() => document.getElementById('moment-label').textContent === 'Step 20 of 20'")
    _fits(clock)
    clock.screenshot(path=str(ARTIFACTS / f"lesson-clock-{viewport['width']}.png"), full_page=True)


def test_how_it_works_tells_the_story_and_projector_mode_enlarges_a_lesson(open_lesson: Callable[[str], Page]):
    page = open_lesson("lessons")
    titles = page.locator(".story-card b").all_inner_texts()
    assert titles == [
        "Sprinkling dust",
        "The dusty clock",
        "Team CNN vs Team Transformer",
        "Keyholes and patches",
        "Words to pictures",
        "Teacher's hints",
        "Dust vs memorising",
        "The sketchbook",
        "Skipping steps",
    ]
    page.click("text=Sprinkling dust")
    page.wait_for_selector("body[data-ready='true']")
    size = page.eval_on_selector(".caption p", "p => parseFloat(getComputedStyle(p).fontSize)")
    page.keyboard.press("f")
    assert "projector" in page.eval_on_selector("body", "b => b.className")
    assert page.eval_on_selector(".caption p", "p => parseFloat(getComputedStyle(p).fontSize)") > size
    assert not page.is_visible(".lesson-nav")
    page.screenshot(path=str(ARTIFACTS / f"lesson-dust-projector-{page.viewport_size['width']}.png"))


# Films a live lesson: every time `element`'s data-step changes, keep what `canvas` shows right then.
RECORD = """([element, canvas]) => {
  window.filmed = [];
  new MutationObserver(() => window.filmed.push(document.querySelector(canvas).toDataURL()))
    .observe(document.querySelector(element), { attributes: true, attributeFilter: ["data-step"] });
}"""


def test_the_teams_race_live_with_timings(open_lesson: Callable[[str], Page], viewport: dict):
    page = open_lesson("lessons/teams")
    assert page.locator(".team .panel-title").all_inner_texts() == ["Team CNN", "Team Transformer"]
    page.evaluate(RECORD, ["[data-team='unet']", "[data-team='unet'] canvas"])
    page.press("#prompt", "Enter")
    page.wait_for_selector("[data-winner='true']")
    assert page.get_attribute("[data-team='dit']", "data-step") == "20"
    filmed = page.evaluate("window.filmed")
    assert len(filmed) == 20 and len(set(filmed)) > 10, "the dusty paper did not change step by step"
    times = page.locator(".team-time").all_inner_texts()
    assert all(t.startswith("Finished in ") for t in times) and sum("faster" in t for t in times) == 1
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"lesson-teams-{viewport['width']}.png"), full_page=True)


def test_the_hints_are_taken_apart_then_swept(open_lesson: Callable[[str], Page], viewport: dict):
    page = open_lesson("lessons/guidance")
    cut = "() => [...document.querySelectorAll('.panel-hint')].filter(h => h.scrollWidth > h.clientWidth).length"
    assert page.evaluate(cut) == 0, "a panel's hint is cut off"
    start = GenerationRequest.guidance_scale
    assert page.inner_text("#guidance-value") == f"{start:g}", "it starts where the main page does"
    page.focus("#guidance")
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    assert page.inner_text("#guidance-value") == f"{start - 2:g}"
    page.evaluate(RECORD, ["#guided", "#guided"])
    page.press("#prompt", "Enter")
    page.wait_for_selector("#guided[data-step='20']")
    page.wait_for_selector("#no-words[data-step='20']")  # the same dust with no words, beside the taken-apart run
    filmed = page.evaluate("window.filmed")
    assert len(filmed) == 20 and len(set(filmed)) > 10, "the guided guess did not change step by step"
    assert page.inner_text("#progress") == "Step 20 of 20"
    # the tiny untrained model's words change almost nothing: the panel is painted, near grey
    assert not page.eval_on_selector("#difference", "c => c.classList.contains('blank')"), "the change is not shown"
    assert page.get_attribute("#guidance", "max") == "20", "the hint's limit is the main page's"
    assert "what the words change" in page.inner_text(".lead")

    page.click("#sweep")
    page.wait_for_function("() => document.querySelectorAll('#sweep-row canvas[data-step=\"20\"]').length === 5")
    hints = dict(
        zip(
            page.locator("#sweep-row .panel-title").all_inner_texts(),
            page.locator("#sweep-row .panel-hint").all_inner_texts(),
        )
    )
    assert hints["Hint 2"] == "a gentle hint (the default)", hints  # the server's default, not a number written here
    assert [title for title in hints if "default" in hints[title]] == ["Hint 2"]
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"lesson-guidance-{viewport['width']}.png"), full_page=True)


def test_words_are_read_marked_and_scored_live(
    open_lesson: Callable[[str], Page], viewport: dict, pipeline, monkeypatch
):
    taught = WeightsFolder(vocabulary=frozenset({"a", "happy", "cat"}), things=("cat", "dog", "apple"))
    monkeypatch.setattr(pipeline, "weights", taught)  # as training records it
    page = open_lesson("lessons/words")
    page.fill("#prompt", "a happy blorptastic cat")
    page.press("#prompt", "Enter")
    page.wait_for_function("() => document.getElementById('match-chart').dataset.points === '20'")
    assert page.locator("#words .chip.new").all_inner_texts() == ["blorptastic"]
    assert page.locator("#words .chip.taught").all_inner_texts() == ["a", "happy", "cat"]
    assert page.locator("#tokens .chip").count() > 4
    placed = page.inner_text("#score")
    assert placed.startswith("Step 20 of 20: ") and "3 other things' names" in placed, placed
    assert "1 word it was never taught" in page.inner_text("#token-count")
    page.wait_for_function("() => document.querySelectorAll('#word-maps img').length > 0")
    tokens = page.locator("#tokens .chip").all_inner_texts()
    assert page.locator("#word-maps figcaption").all_inner_texts() == tokens, "one map per piece it reads"
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"lesson-words-{viewport['width']}.png"), full_page=True)


def test_eight_seeds_against_the_memorising_model(
    open_lesson: Callable[[str], Page], viewport: dict, pipeline, tmp_path, monkeypatch
):
    scale = {"8 copies of one picture": 1.0, "its 4 styles": 3.5, "8 different emoji": 7.3}
    (tmp_path / "variety_scale.json").write_text(json.dumps(scale))
    monkeypatch.setattr(pipeline, "weights", read_weights_folder(tmp_path))  # as if measured for these weights
    page = open_lesson("lessons/diversity")
    page.press("#prompt", "Enter")
    page.wait_for_selector("body[data-drawn='1']")
    first = page.locator("#dust-grid img").evaluate_all("images => images.map(i => i.src)")
    assert len(first) == 8 and len(set(first)) == 8, "eight dusts should give eight pictures"
    assert page.inner_text("#dust-score").startswith("About ")
    assert "8 different emoji: 7.3" in page.inner_text("#variety-scale"), "the number needs its reference points"
    assert "no-dust twin" in page.inner_text("#no-dust-score"), "the tiny model has no twin, and says so"
    page.fill("#seed", "100")
    page.press("#prompt", "Enter")
    page.wait_for_selector("body[data-drawn='2']")
    again = page.locator("#dust-grid img").evaluate_all("images => images.map(i => i.src)")
    assert set(again).isdisjoint(first), "other seeds, other pictures"
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"lesson-diversity-{viewport['width']}.png"), full_page=True)


def test_keyholes_follow_the_spot_and_patches_light_up(open_lesson: Callable[[str], Page], viewport: dict):
    page = open_lesson("lessons/keyholes")
    pixels = "id => document.getElementById(id).toDataURL()"
    keyholes, patches = page.evaluate(pixels, "keyholes"), page.evaluate(pixels, "patches")
    first_look = page.inner_text("#look")
    assert page.locator("#levels li").count() >= 2 and "keyhole" in page.inner_text("#levels")
    info = page.evaluate("() => fetch('/api/lessons/keyholes').then(r => r.json())")
    cell, cells = info["cell_pixels"], info["image_size"] // info["cell_pixels"]

    def keyhole_around(x: int, y: int, size: int) -> str:
        """The cells [left, top, right, bottom) a keyhole of `size` cells covers around the spot, inside the picture."""
        half, (column, row) = (size - 1) // 2, (x // cell, y // cell)
        box = (max(0, column - half), max(0, row - half), min(cells, column + half + 1), min(cells, row + half + 1))
        return ",".join(map(str, box))

    assert "3×3 cells" in page.inner_text("#depth-value")
    assert page.get_attribute("#keyholes", "data-keyhole") == keyhole_around(16, 16, 3), "the first brush: 3×3 cells"
    for _ in range(5):
        page.keyboard.press("ArrowLeft")
    assert page.get_attribute("#keyholes", "data-point") == "11,16"
    assert page.get_attribute("#keyholes", "data-keyhole") == keyhole_around(11, 16, 3), "it follows the spot"
    page.eval_on_selector("#depth", "s => { s.value = 3; s.dispatchEvent(new Event('input')); }")
    assert info["levels"][2]["size"] == 7
    assert page.get_attribute("#keyholes", "data-keyhole") == keyhole_around(11, 16, 7), "3 brushes deep: 7×7 cells"
    page.eval_on_selector("#depth", "s => { s.value = s.max; s.dispatchEvent(new Event('input')); }")
    assert "look anywhere" in page.inner_text("#depth-value"), "the deepest layer is attention"
    page.eval_on_selector("#depth", "s => { s.value = 1; s.dispatchEvent(new Event('input')); }")
    page.wait_for_function("p => document.getElementById('patches').dataset.patch !== p", arg="36")
    assert page.evaluate(pixels, "keyholes") != keyholes, "the keyholes did not follow the spot"
    assert page.inner_text("#look") != first_look
    page.eval_on_selector("#amount", "s => { s.value = 0; s.dispatchEvent(new Event('input')); }")
    assert page.evaluate(pixels, "patches") != patches, "less dust should show a cleaner picture"
    page.click("#patches", position={"x": 5, "y": 5})
    assert page.get_attribute("#keyholes", "data-point") == "0,0"
    _fits(page)
    page.screenshot(path=str(ARTIFACTS / f"lesson-keyholes-{viewport['width']}.png"), full_page=True)


@pytest.mark.parametrize(
    ("levels", "patch_size", "said"),
    [(None, 4, "only one team"), (None, None, "neither of our two teams")],
    ids=["no-cnn", "a-folder-model"],
)
def test_keyholes_without_a_team_say_so(browser, live: BackgroundServer, levels, patch_size, said):
    """A model without one or both of our teams (a Stable Diffusion folder has neither) still opens the lesson."""
    context = browser.new_context()
    body = json.dumps({"image_size": 32, "levels": levels, "patch_size": patch_size})
    context.route("**/api/lessons/keyholes", lambda route: route.fulfill(content_type="application/json", body=body))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live.url + "lessons/keyholes")
    page.wait_for_selector("body[data-ready='true']")
    page.keyboard.press("ArrowLeft")
    assert not errors, errors
    assert said in page.inner_text("#message")
    assert "no Team CNN" in page.inner_text("#levels")
    assert ("no Team Transformer" in page.inner_text("#look")) == (patch_size is None)
    context.close()


def test_squinting_blurs_the_dusty_paper_and_back(dust: Page):
    blur = "document.getElementById('dusty').computedStyleMap().get('filter').toString()"
    assert dust.evaluate(blur) == "none"
    dust.click("#squint")
    assert "blur" in dust.evaluate(blur) and dust.get_attribute("#squint", "aria-pressed") == "true"
    dust.keyboard.press("s")
    assert dust.evaluate(blur) == "none" and dust.get_attribute("#squint", "aria-pressed") == "false"


def test_a_refused_lesson_socket_says_so(browser, tmp_path):
    from websockets.sync.client import connect

    from app.config import Settings
    from app.main import create_app

    server = BackgroundServer(lambda: create_app(Settings(max_connections=1, gallery_dir=tmp_path), tiny_pipeline()))
    server.start()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        with connect(server.ws_url, origin=server.url.rstrip("/")) as occupant:  # the class is full
            occupant.recv(timeout=10)
            page = context.new_page()
            page.goto(server.url + "lessons/teams")
            page.wait_for_selector("body[data-ready='true']")
            page.press("#prompt", "Enter")
            page.wait_for_selector("#message:not([hidden])")
            assert page.inner_text("#message").strip(), "a refused socket left the page silent"
    finally:
        context.close()
        server.stop()


def test_the_sketchbook_shows_each_teams_sketch_quick_look_and_paintings(browser, open_lesson, tmp_path):
    from app.config import Settings
    from app.main import create_app

    plain = open_lesson("lessons/sketchbook")  # the module's server draws in pixels
    assert "no sketchbook" in plain.inner_text("#message")
    pipeline = tiny_pipeline(latent=True, step_painter=True)
    server = BackgroundServer(lambda: create_app(Settings(gallery_dir=tmp_path), pipeline))
    server.start()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url + "lessons/sketchbook")
        page.wait_for_selector("body[data-ready='true']")
        page.press("#prompt", "Enter")
        page.wait_for_function(
            "() => document.querySelectorAll('.team-time').length === 2 && "
            "[...document.querySelectorAll('.team-time')].every(t => t.textContent.startsWith('Step 20 of 20'))"
        )
        assert page.locator(".team .panel-title").all_inner_texts() == ["Team CNN", "Team Transformer"]
        assert "small painter" in page.inner_text(".team-time >> nth=0")
        assert page.locator(".team canvas").count() == 2 * 5, "the step painter's look beside the other four"
        assert page.locator(".team canvas.blank").count() == 0, "every look of every team is drawn"
        _fits(page)
        page.screenshot(path=str(ARTIFACTS / "lesson-sketchbook.png"), full_page=True)
        assert not errors, f"errors in the page's console: {errors}"
    finally:
        context.close()
        server.stop()


LIST_DETAIL = json.dumps({"detail": [{"loc": ["query", "prompt"], "msg": "Field required", "type": "missing"}]})


@pytest.mark.parametrize(
    ("lesson", "route", "act"),
    [
        ("words", "**/api/lessons/words?*", lambda page: page.click("#go")),
        ("keyholes", "**/api/lessons/patch-attention?*", lambda page: page.keyboard.press("ArrowLeft")),
        ("diversity", "**/api/lessons/diversity?*", lambda page: page.click("#go")),
    ],
)
def test_a_refusal_whose_detail_is_a_list_is_said_in_words(browser, live: BackgroundServer, lesson, route, act):
    """FastAPI answers a malformed query with a list of field errors: the shared getJSON says them, never
    "[object Object]" (what the words and keyholes scripts showed with their own fetch code)."""
    context = browser.new_context()
    page = context.new_page()
    errors = watch_console(page)
    page.goto(live.url + f"lessons/{lesson}")
    page.wait_for_selector("body[data-ready='true']")
    page.route(route, lambda answer: answer.fulfill(status=422, content_type="application/json", body=LIST_DETAIL))
    act(page)
    page.wait_for_function("() => !document.getElementById('message').hidden")
    assert page.inner_text("#message") == "Field required"
    assert all("status of 422" in error for error in errors), errors  # the refused fetch, and nothing else
    context.close()


def test_the_lesson_pages_limits_come_from_the_server(browser, tmp_path, monkeypatch):
    """maxlength, the seed's max and the lessons' steps are the server's, not numbers written in a page or script."""
    from app import main
    from app.config import Settings
    from app.options import build_options
    from app.protocol import LessonSettings
    from model.seeds import MAX_SEED

    steps = 7
    lessons = {"lessons": LessonSettings(steps=steps)}
    monkeypatch.setattr(main, "build_options", lambda *args: build_options(*args).model_copy(update=lessons))
    settings = Settings(max_prompt_chars=37, gallery_dir=tmp_path)
    server = BackgroundServer(lambda: main.create_app(settings, tiny_pipeline()))
    server.start()
    context = browser.new_context()
    page = context.new_page()
    errors = watch_console(page)
    try:
        for lesson in ("words", "guidance", "teams", "sketchbook", "diversity"):
            page.goto(server.url + f"lessons/{lesson}")
            page.wait_for_selector("body[data-ready='true']")
            assert page.get_attribute("#prompt", "maxlength") == "37"
            grid = 8 if lesson == "diversity" else 0  # the Variety grid draws the typed seed and the 7 after it
            assert page.get_attribute("#seed", "max") == str(MAX_SEED - grid), lesson
        for lesson, slider in (("dust", "amount"), ("clock", "moment"), ("keyholes", "amount")):
            page.goto(server.url + f"lessons/{lesson}")
            page.wait_for_selector("body[data-ready='true']")
            assert page.get_attribute(f"#{slider}", "max") == str(steps), f"{lesson}: its slider ends at the steps"
        page.goto(server.url + "lessons/teams")
        page.wait_for_selector("body[data-ready='true']")
        page.click("#go")
        page.wait_for_selector("section[data-winner]")
        ran = page.eval_on_selector_all("section[data-team]", "sections => sections.map(s => s.dataset.step)")
        assert ran == [str(steps)] * 2, "the race runs the server's steps"
        assert not errors, errors
    finally:
        context.close()
        server.stop()
