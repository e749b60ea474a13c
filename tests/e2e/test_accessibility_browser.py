"""Every page, checked by axe-core in headless Chromium against a live server: no serious or critical fault."""

# ruff: noqa: F811  (the browser and server fixtures are imported by name, which is how pytest finds them)

from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import Page
from test_browser import _draw, browser, live, page, pipeline, pytestmark, watch_console  # noqa: F401

from app.lessons.registry import LESSONS
from app.server import BackgroundServer

# axe-core, vendored (tests/e2e/vendor/README.md): a fresh CI machine needs neither Node nor the npm registry.
AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()

# axe cannot tell the contrast of text over a gradient (it says "incomplete", not "violation"), and this design
# paints the page and the Draw button with gradients. So before axe runs, each gradient is flattened to the one
# colour it shows that is worst for its element's text: its lightest under light text, its darkest under dark text.
FLATTEN_GRADIENTS = """() => {
    const channels = (color) => color.match(/[\\d.]+/g).map(Number);
    const luminance = (color) => {
        const [r, g, b] = channels(color).slice(0, 3).map((value) => {
            const share = value / 255;
            return share <= 0.03928 ? share / 12.92 : ((share + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const opaque = (color) => (channels(color)[3] ?? 1) === 1;
    const contrast = (a, b) => {
        const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (light + 0.05) / (dark + 0.05);
    };
    for (const element of document.querySelectorAll("*")) {
        const style = getComputedStyle(element);
        if (!style.backgroundImage.includes("gradient")) continue;
        const stops = style.backgroundImage.match(/rgba?\\([^)]*\\)/g) ?? [];
        const shown = [...stops, style.backgroundColor].filter(opaque);
        if (!shown.length) continue;
        const worst = shown.reduce((a, b) => (contrast(a, style.color) <= contrast(b, style.color) ? a : b));
        element.style.transition = "none"; // else the button's colour fades in while axe reads it
        element.style.backgroundImage = "none";
        element.style.backgroundColor = worst;
    }
}"""

SERIOUS_VIOLATIONS = """async () => {
    const { violations } = await axe.run(document, { resultTypes: ["violations"] });
    return violations
        .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
        .flatMap(({ id, nodes }) => nodes.map((node) => `${id}: ${node.target.join(" ")}: ${node.failureSummary}`));
}"""


def _serious_faults(page: Page) -> list[str]:
    """axe's serious and critical violations on the page as it is now. axe goes in by `evaluate`: `add_script_tag`
    inlines the file into a <script>, which the page's CSP (script-src 'self') refuses."""
    page.evaluate(AXE)
    page.evaluate(FLATTEN_GRADIENTS)
    return page.evaluate(SERIOUS_VIOLATIONS)


def test_the_main_page_for_a_teacher_a_student_and_the_projector(browser, page: Page, live: BackgroundServer):
    assert not _serious_faults(page), "before a run"
    page.click("#teach")
    page.wait_for_selector("#teacher-side:not([hidden])")
    code = page.inner_text("#room-code")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        student = context.new_page()
        errors = watch_console(student)
        student.goto(f"{live.url}?room={code}")
        student.wait_for_selector("#student-side:not([hidden])")
        _draw(student, "a green frog")  # the teacher's class grid then shows a picture
        page.wait_for_function("() => document.querySelectorAll('#class-grid img').length === 1", timeout=15_000)
        _draw(page, "a red apple")
        student.wait_for_function("() => document.getElementById('teacher-caption').textContent.includes('done')")
        assert not _serious_faults(student), "a student's page"
        assert not errors, f"errors in the student's console: {errors}"
    finally:
        context.close()
    assert not _serious_faults(page), "the teacher's page after a run"
    page.keyboard.press("Escape")
    page.keyboard.press("f")
    assert not _serious_faults(page), "projector mode"


def test_the_gallery_the_wall_and_every_lesson(browser, page: Page, live: BackgroundServer):
    page.click("#teach")
    page.wait_for_selector("#teacher-side:not([hidden])")
    code = page.inner_text("#room-code")
    _draw(page, "a red apple")  # the gallery and the wall then have a picture to show
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    faults = {}
    try:
        for path in ["gallery", f"rooms/{code}/wall", "lessons", *(f"lessons/{slug}" for slug in LESSONS)]:
            visitor = context.new_page()
            errors = watch_console(visitor)
            visitor.goto(urljoin(live.url, path))
            if path.startswith("lessons/"):
                visitor.wait_for_selector("body[data-ready='true']")
            visitor.wait_for_load_state("networkidle")
            faults[path] = _serious_faults(visitor)
            assert not errors, f"errors in the console of /{path}: {errors}"
            visitor.close()
    finally:
        context.close()
    assert not any(faults.values()), {path: found for path, found in faults.items() if found}


def test_axe_reads_the_contrast_of_text_on_the_pages_gradient(page: Page):
    """Without the flattening, faint text over the page's gradient is only "incomplete" to axe, and would pass."""
    page.eval_on_selector(
        ".tagline",
        "tagline => { const line = tagline.parentElement.appendChild(document.createElement('p'));"
        " line.id = line.textContent = 'faint'; line.style.color = '#303646'; }",
    )
    faults = _serious_faults(page)
    assert any(fault.startswith("color-contrast: #faint:") for fault in faults), faults
