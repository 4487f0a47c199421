import os
import shutil

import pytest

from .live import Client, Server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(autouse=True)
def no_client_outlives_its_test():
    yield
    Client.stop_all()


@pytest.fixture
def server(tmp_path):
    srv = Server(tmp_path / "bowtie.db").start()
    yield srv
    srv.stop()


@pytest.fixture
def clients(server):
    made: list[Client] = []

    def connect(**kwargs) -> Client:
        client = Client(server, **kwargs).connect()
        made.append(client)
        return client
    yield connect
    for client in made:
        client.disconnect()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. Skipped when absent, except in CI."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing in CI (apt-get install chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser):
    """New isolated browser pages (each its own profile: its own participant)."""
    contexts = []

    def open_page(viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 800})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.errors = errors
        return page
    yield open_page
    for context in contexts:
        context.close()
