"""Screenshots of the app drawing prompts with a weights folder, as a visitor sees them (for the model card).

    python scripts/screenshot_app.py --weights model/weights --out model/weights/screenshots "a dog" "a rocket"

Serves the weights on a loopback port, draws each prompt with each team in headless Chromium
(Debian's /usr/bin/chromium) and saves one full-page PNG per prompt and team.
"""

import argparse
import re
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from app.config import Settings
from app.main import create_app
from app.server import BackgroundServer
from model.loading import load_pipeline

CHROMIUM = "/usr/bin/chromium"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("prompts", nargs="+")
    parser.add_argument("--weights", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--teams", nargs="+", default=["unet", "dit"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="with the Quick switch on (the teams' few-step students)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    pipeline = load_pipeline(args.weights, device="cpu")
    server = BackgroundServer(lambda: create_app(Settings(gallery_dir=Path(tempfile.mkdtemp())), pipeline))
    server.start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_context(viewport={"width": 1280, "height": 860}).new_page()
            page.goto(server.url)
            page.wait_for_selector('#status[data-state="online"]')
            for team in args.teams:
                page.click(f'#backbone [data-value="{team}"]')
                if args.quick and page.get_attribute("#quick", "aria-pressed") != "true":
                    page.click("#quick")
                for prompt in args.prompts:
                    page.fill("#seed", str(args.seed))
                    page.fill("#prompt", prompt)
                    page.press("#prompt", "Enter")
                    page.wait_for_function(
                        "() => document.getElementById('progress-text').textContent.startsWith('Done')"
                    )
                    page.wait_for_timeout(300)
                    name = re.sub(r"[^a-z0-9]+", "-", prompt.lower()).strip("-")
                    lane = "-quick" if args.quick else ""
                    page.screenshot(path=str(args.out / f"app-{team}{lane}-{name}.png"))
                    print(f"{team}: {prompt}", flush=True)
            browser.close()
    finally:
        server.stop()


if __name__ == "__main__":
    main()
