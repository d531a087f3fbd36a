"""The code is clean by ruff (pinned; configured in pyproject.toml): lint, then the formatter.

Fix with `ruff check --fix tipcourse tests conftest.py` and `ruff format tipcourse tests
conftest.py` (ruff from the virtualenv: `.venv/bin/ruff`). Notebooks are not checked here.
"""

import subprocess
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PATHS = ["tipcourse", "tests", "conftest.py"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    # --no-cache: nothing is written into the repository (no .ruff_cache).
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--no-cache", *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_pinned_ruff_is_installed_and_configured_in_pyproject():
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    test_pins = pins["optional-dependencies"]["test"]
    assert f"ruff=={version('ruff')}" in test_pins, "run `make setup`: ruff is not the pinned one"
    # A ruff.toml or .ruff.toml would silently take precedence over pyproject.toml.
    assert not [p.name for p in ROOT.glob("*ruff.toml")]


@pytest.mark.parametrize(
    "args",
    [["check", "--output-format", "concise"], ["format", "--check", "--output-format", "concise"]],
    ids=["lint", "format"],
)
def test_ruff_is_clean(args):
    result = _ruff(*args)
    assert result.returncode == 0, f"ruff {' '.join(args)}:\n{result.stdout}{result.stderr}"
