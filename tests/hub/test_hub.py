"""A class on a real JupyterHub (`make hub-test`): two students log in, follow an nbgitpuller
link to the student handout, answer and submit exercise 01; a restart of one's server keeps
the answers; each student's files are in their own home; the lecturer collects and grades.

The hub (tests/hub/jupyterhub_config.py) is the pinned JupyterHub with configurable-http-proxy
from package-lock.json, on free loopback ports, with the dummy authenticator and the simple
local spawner, every home in a temporary folder; it is stopped and removed whatever happens.
"""

import csv
import json
import re
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import psutil
import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, Lab
from hub import ROOT, running_hub

pytestmark = pytest.mark.browser

EXERCISE = "exercises/ex01_palermo_definition.ipynb"
STUDENTS = {  # hub user: (student id, the option chosen for the consent question)
    "amina": ("2301001", "Art. 3(b)"),
    "budi": ("2301002", "Art. 3(c)"),
}
QUESTION = "ex01-consent-paragraph"


@pytest.fixture(scope="module")
def handout(tmp_path_factory):
    """The student edition as `make handout` writes it: a git repository of one commit."""
    out = tmp_path_factory.mktemp("handout")
    done = subprocess.run(
        [sys.executable, "-m", "tipcourse", "handout", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"make handout failed:\n{done.stdout}{done.stderr}"
    return out / "tipcourse-handout"


@pytest.fixture(scope="module")
def hub():
    with running_hub(list(STUDENTS)) as running:
        yield running
    assert running.left_over == [], "the hub left processes running; they were killed"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():  # make hub-test finds or installs one
        pytest.fail(f"Chromium not found at {CHROMIUM}: set TIPCOURSE_CHROMIUM", pytrace=False)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def pull_link(hub_url: str, repo: Path) -> str:
    """The nbgitpuller link of docs/HUB.md, to a local clone of the handout."""
    query = urllib.parse.urlencode(
        {
            "repo": repo.as_uri(),
            "branch": "main",
            "urlpath": f"lab/tree/{repo.name}/{EXERCISE}",
        }
    )
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


class HubLab(Lab):
    """The Lab helpers of tests/browser.py, behind the hub (its login cookie, no token)."""

    def open(self, path: str):
        self.page.goto(f"{self.base}/lab/tree/{path}?reset")
        self.wait_open()

    def wait_open(self):
        self.page.wait_for_function("window.jupyterapp && window.jupyterapp.shell", timeout=90_000)
        self.page.locator(".jp-NotebookPanel").first.wait_for(timeout=90_000)
        self.wait_idle()


def log_in_and_pull(page, hub_url: str, user: str, link: str):
    """What a student does: open the link, sign in, launch the server if asked, wait while
    nbgitpuller clones the handout and JupyterLab opens the exercise."""
    page.goto(link)
    page.locator("#username_input").fill(user)
    page.locator("#password_input").fill("any password")  # the dummy authenticator's rule
    page.locator("#login_submit").click()
    deadline = time.monotonic() + 240
    while "/lab/tree/" not in page.url:
        if time.monotonic() > deadline:
            raise AssertionError(f"{user} never reached JupyterLab; at {page.url}")
        start = page.locator("#start")  # "Launch Server": the hub asks before it starts one
        if start.count() and start.is_visible():
            start.click()
        page.wait_for_timeout(500)
    assert page.url.startswith(f"{hub_url}/user/{user}/lab/tree/tipcourse-handout/")


def run_exercise(lab):
    """Restart and run all, then wait for the last cell's output (the submit panel) or an
    error: Lab.run_all can return while the first cells still run after a cold start."""
    lab.run_all()
    page = lab.page
    done = page.locator(".jp-OutputArea-output", has_text="Submit exercise ex01").or_(
        page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    )
    done.first.wait_for(timeout=180_000)
    lab.wait_idle()
    assert lab.problems() == []


def submit_panel(lab):
    panel = lab.page.locator(".jp-OutputArea-output", has_text="Submit exercise ex01")
    panel.first.scroll_into_view_if_needed()
    return panel.first


def answer_and_submit(lab, student_id: str, option: str) -> str:
    box = lab.question(QUESTION)
    box.get_by_text(option, exact=True).click()
    box.get_by_role("button", name="Save answer").click()
    box.locator(".tipcourse-feedback", has_text="Saved").wait_for()
    panel = submit_panel(lab)
    field = panel.get_by_placeholder("your student id")
    field.fill(student_id)
    field.press("Tab")
    panel.get_by_role("button", name="Submit").click()
    # the other questions are unanswered: the first press lists them, the second submits
    panel.get_by_role("button", name="Submit anyway").click()
    panel.get_by_text("Submitted.", exact=False).wait_for()
    return panel.text_content()


def listing(folder: Path) -> list[tuple[str, int]]:
    """Files under `folder` with their modification times ([] if there is none)."""
    return sorted((str(p), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file())


def home_files(home: Path) -> list[str]:
    answers = home / "tipcourse-answers"
    return sorted(p.relative_to(answers).as_posix() for p in answers.rglob("*.json"))


def test_two_students_pull_answer_submit_restart_and_are_collected(hub, browser, handout):
    own_answers = Path.home() / "tipcourse-answers"  # the real user's: never touched
    before = listing(own_answers)
    link = pull_link(hub.url, handout)
    labs = {}
    for user, (student_id, option) in STUDENTS.items():
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(60_000)
        log_in_and_pull(page, hub.url, user, link)
        lab = labs[user] = HubLab(page, f"{hub.url}/user/{user}", "")
        lab.wait_open()
        run_exercise(lab)
        receipt = answer_and_submit(lab, student_id, option)
        home = hub.homes / user
        assert f"{home}/tipcourse-answers/submissions/ex01__{student_id}.json" in receipt
        lab.screenshot(f"hub-{user}-submitted")

    for user, (student_id, option) in STUDENTS.items():
        home = hub.homes / user
        clone = home / "tipcourse-handout"
        assert (clone / ".git").is_dir() and (clone / EXERCISE).is_file()
        assert not (clone / "tipcourse-answers").exists()  # answers live outside the clone
        saved = json.loads((home / "tipcourse-answers" / "ex01.json").read_text())
        assert saved["answers"][QUESTION]["response"] == ("b" if option.endswith("(b)") else "c")
        submission = json.loads(
            (home / "tipcourse-answers" / "submissions" / f"ex01__{student_id}.json").read_text()
        )
        assert submission["student_id"] == student_id
        assert set(submission["answers"]) == {QUESTION}
        # only this student's files in this home; nothing of theirs elsewhere
        assert home_files(home) == [
            "ex01.json",
            "learner.json",
            "student.json",
            f"submissions/ex01__{student_id}.json",
        ]

    # A restart of amina's server (as the idle culler or an administrator stops it): a new
    # process, and her answer and student id come back.
    old_pid, new_pid = hub.restart("amina")
    assert new_pid != old_pid and not psutil.pid_exists(old_pid)
    lab = labs["amina"]
    lab.open(f"tipcourse-handout/{EXERCISE}")
    run_exercise(lab)
    restored = lab.question(QUESTION)
    chosen = restored.locator("label:has(input[type=radio]:checked)")
    assert chosen.count() == 1 and chosen.text_content().strip() == STUDENTS["amina"][1]
    assert "Restored your saved answer" in restored.locator(".tipcourse-feedback").text_content()
    assert submit_panel(lab).get_by_placeholder("your student id").input_value() == "2301001"
    lab.screenshot("hub-amina-restarted")

    # The lecturer collects from the homes and grades the collection.
    collected, graded = hub.folder / "collected" / "ex01", hub.folder / "graded"
    tipcourse = [sys.executable, "-m", "tipcourse"]
    done = subprocess.run(
        [*tipcourse, "collect", str(hub.homes), "--exercise", "ex01", "--out", str(collected)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "collected 2 ex01 file(s) of 2 user(s)" in done.stdout
    done = subprocess.run(
        [
            *tipcourse,
            "grade",
            str(collected),
            "--person-folders",
            "--exercise",
            "ex01",
            "--keys",
            str(ROOT / "solutions" / "keys"),
            "--out",
            str(graded),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with open(graded / "gradebook.csv", encoding="utf-8", newline="") as fh:
        rows = {row["student_id"]: row for row in csv.DictReader(fh)}
    assert set(rows) == {"2301001", "2301002"}
    assert rows["2301001"][QUESTION] != rows["2301002"][QUESTION]  # 3(b) is right, 3(c) wrong
    assert float(rows["2301001"][QUESTION]) > 0 and float(rows["2301002"][QUESTION]) == 0
    assert re.fullmatch(r"\d+(\.\d+)?", rows["2301001"]["total"])
    assert listing(own_answers) == before
