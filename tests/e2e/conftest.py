"""Real-browser journeys: Playwright driving Debian's chromium against live_server."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parents[2]
# Screenshots of each step: CI keeps its artifacts folder; `scripts/screenshots` sends
# them to docs/images for the user guide instead.
SHOTS = Path(os.environ.get("SCREENSHOT_DIR") or ROOT / "ci-artifacts" / "e2e")


# Each module: pytestmark = E2E (committed data, as the live server's thread needs).
E2E = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: CI must run the browser journeys")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the Django calls the tests
    # make (load the demo, read rows back) are plain synchronous code and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class Journey:
    """A browser page plus the habits of a user: log in, look, take a screenshot."""

    def __init__(self, browser, live_server, name, width=1366, height=768):
        self.context = browser.new_context(
            viewport={"width": width, "height": height},
            accept_downloads=True,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
        )
        self.page = self.context.new_page()
        self.url = live_server.url
        self.name = name
        self.step = 0

    def go(self, path):
        response = self.page.goto(self.url + path)
        return response

    def login(self, username, password="HamLiem2023!"):
        self.go("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("input[type=submit]")
        self.page.wait_for_load_state()

    def shot(self, label):
        self.step += 1
        SHOTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
        self.page.screenshot(
            path=str(SHOTS / f"{self.name}-{self.step:02d}-{slug}.png"), full_page=True
        )

    def text(self, selector="body"):
        return self.page.inner_text(selector)

    def close(self):
        self.context.close()


@pytest.fixture
def demo_live(transactional_db):
    call_command("load_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def journey(browser, live_server, demo_live, request):
    opened = []

    def open_journey(name, **kwargs):
        item = Journey(browser, live_server, name, **kwargs)
        opened.append(item)
        return item

    yield open_journey
    for item in opened:
        item.close()
