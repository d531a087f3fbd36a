"""Fixtures shared by the tests: the browser's JupyterLab, and the grader tests' key folder."""

import json
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


@pytest.fixture
def keys(tmp_path):
    """A keys folder holding test_grading's key of every question kind (ex90); a test module
    with keys of its own defines its own `keys`."""
    from test_grading import KEY

    folder = tmp_path / "keys"
    folder.mkdir()
    (folder / "ex90.json").write_text(json.dumps(KEY), encoding="utf-8")
    return folder


@pytest.fixture
def grade_args(tmp_path, keys):
    """`grade_args(subs, out)`: the `grade` command's arguments for one submissions folder, the
    `keys` fixture's keys and an output folder `out` under tmp_path."""
    import argparse

    def make(submissions: Path, out: str = "out") -> argparse.Namespace:
        return argparse.Namespace(
            submissions=[submissions],
            out=tmp_path / out,
            keys=keys,
            manual=None,
            overwrite=False,
            exercise=None,
            roster=None,
            person_folders=False,
        )

    return make
