"""Drive JupyterLab in headless Chromium (Debian's chromium, through Playwright).

The server runs on a free loopback port with a token, on a throw-away copy of the notebooks,
so a browser test never writes into the repo or into a student's answers.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("TIPCOURSE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(
    os.environ.get("TIPCOURSE_ARTIFACTS", Path(tempfile.gettempdir()) / "tipcourse-artifacts")
)
BAD_TEXT = ("Error displaying widget", "Traceback (most recent call last)", "Model not found")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def jupyterlab(folders=("notebooks", "exercises")):
    """Start JupyterLab on a copy of `folders`; yield (base_url, token, root, answers_dir)."""
    tmp = Path(tempfile.mkdtemp(prefix="tipcourse-lab-"))
    root = tmp / "course"
    for folder in folders:
        shutil.copytree(ROOT / folder, root / folder)
    port, token = free_port(), secrets.token_hex(16)
    answers = tmp / "answers"  # its own, so the browser never touches nbval's kernels' answers
    env = dict(
        os.environ,
        TIPCOURSE_ANSWERS_DIR=str(answers),
        JUPYTERLAB_SETTINGS_DIR=str(tmp / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        TIPCOURSE_CACHE_DIR=str(tmp / "cache"),
    )
    # Its kernels run as a student's do after `make setup`: the data validated once, into this
    # lab's cache (tipcourse.data), and figures kept (tipcourse.figcache), not validated at
    # every load as nbval's are; so the seconds the browser tests report are a student's.
    env.pop("TIPCOURSE_VALIDATE", None)
    validate = "from tipcourse import data; data.validate_all()"
    subprocess.run([sys.executable, "-c", validate], env=env, check=True, capture_output=True)
    log = open(tmp / "server.log", "w")
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=",
            "--ServerApp.disable_check_xsrf=False",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, token, server, tmp / "server.log")
        yield base, token, root, answers
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_until_up(base, token, server, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab exited:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"JupyterLab did not answer in {timeout}s:\n{log_path.read_text()[-3000:]}")


class Lab:
    """A JupyterLab page with helpers to run a notebook and find question widgets."""

    def __init__(self, page, base, token):
        self.page, self.base, self.token = page, base, token

    def open(self, path: str):
        self.page.goto(f"{self.base}/lab/tree/{path}?token={self.token}&reset")
        self.page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=60_000)
        self.page.locator(".jp-NotebookPanel").first.wait_for(timeout=60_000)
        self.wait_idle()

    def command(self, name: str):
        # Not awaited: some commands resolve only after a dialog is answered.
        self.page.evaluate("name => { window.jupyterapp.commands.execute(name); }", name)

    def wait_idle(self, timeout=90_000):
        # The kernel indicator in the status bar reads "... | Idle" when nothing runs.
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.jp-StatusBar-TextItem')]"
            ".some(e => /\\|\\s*Idle/.test(e.textContent))",
            timeout=timeout,
        )

    def run_all(self):
        self.start_run_all()
        self.wait_run_all()

    def start_run_all(self):
        """Restart the kernel and run every cell, as a student's Run All; returns at once.
        The outputs are cleared first: the committed notebooks already carry the counts 1..N
        that `wait_run_all` waits for, so it would otherwise return before anything ran."""
        self.command("notebook:clear-all-cell-outputs")
        self.page.wait_for_function(
            "() => { const cells = window.jupyterapp.shell.currentWidget.content.model.cells;"
            " for (let i = 0; i < cells.length; i++) { const c = cells.get(i);"
            "   if (c.type === 'code' && c.executionCount !== null) return false; }"
            " return true; }"
        )
        self.command("notebook:restart-run-all")
        self.page.locator(".jp-Dialog button.jp-mod-accept").click(timeout=15_000)  # "Restart?"
        self.page.locator(".jp-Dialog").wait_for(state="detached")

    def wait_run_all(self):
        # Done when every code cell has its new execution count, 1..N, in order (read from the
        # notebook model: a cell whose input is collapsed, as a question's is, shows no prompt).
        self.page.wait_for_function(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " const cells = w && w.content && w.content.model && w.content.model.cells;"
            " if (!cells) return false; const counts = [];"
            " for (let i = 0; i < cells.length; i++) { const c = cells.get(i);"
            "   if (c.type === 'code') counts.push(c.executionCount); }"
            " return counts.length > 0 && counts.every((n, i) => n === i + 1); }",
            timeout=120_000,
        )
        self.wait_idle()
        self.page.wait_for_timeout(500)  # let the last widget views render

    def save(self):
        self.command("docmanager:save")
        self.page.wait_for_timeout(500)

    def question(self, qid: str):
        """The output area holding the widget of question `qid`."""
        box = self.page.locator(
            ".jp-OutputArea-output", has=self.page.locator(f'[data-question="{qid}"]')
        )
        box.first.wait_for(timeout=30_000)
        box.first.scroll_into_view_if_needed()
        return box.first

    def problems(self) -> list[str]:
        text = self.page.locator(".jp-NotebookPanel:visible").first.text_content()
        found = [bad for bad in BAD_TEXT if bad in text]
        errors = self.page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
        )
        found += [
            f"stderr output: {errors.nth(i).text_content()[:300]}" for i in range(errors.count())
        ]
        return found

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


@contextlib.contextmanager
def chromium_browser():
    """Headless Chromium through Playwright; a clear failure when none is installed."""
    import pytest
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run make test (tools/ensure-browser finds or "
            "installs one) or set TIPCOURSE_CHROMIUM",
            pytrace=False,
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Offline:
    """A browser context that serves file:// only; every other request is aborted and noted."""

    def __init__(self, browser, size: tuple[int, int] = (1366, 768)):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.requests: list[str] = []
        self.context.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, path: Path, query: str = ""):
        """A new page on `path`, loaded; its console and page errors collect in `page.errors`."""
        page = self.context.new_page()
        page.errors = []
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        page.on("pageerror", lambda e: page.errors.append(f"page error: {e}"))
        page.goto(path.as_uri() + query)
        page.wait_for_load_state("load")
        return page
