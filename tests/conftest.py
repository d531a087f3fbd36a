"""Fixtures shared by the browser tests."""

from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, Lab, jupyterlab


@pytest.fixture(scope="module")
def lab():
    """A JupyterLab page in headless Chromium, and the server's own answers folder."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():  # make test finds or installs one; fail loudly, never skip
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run make test (tools/ensure-browser finds or "
            "installs one) or set TIPCOURSE_CHROMIUM",
            pytrace=False,
        )
    with jupyterlab() as (base, token, root, answers), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        yield Lab(page, base, token), answers
        browser.close()
