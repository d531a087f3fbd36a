"""tools/find-python and tools/ensure-browser, the Makefile's helpers, on fake interpreters and
browsers (small shell scripts on a PATH of the test's own)."""

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _stub(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def _run(script: str, *args: str, path: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": f"{path}:/usr/bin:/bin", "HOME": str(path), **env}
    return subprocess.run(
        ["sh", str(ROOT / "tools" / script), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=path,
    )


@pytest.fixture
def bin_dir(tmp_path):
    folder = tmp_path / "bin"
    folder.mkdir()
    return folder


def test_find_python_takes_the_first_supported_version(bin_dir):
    _stub(bin_dir, "python3", "exit 1")  # say, 3.10: not supported
    supported = _stub(bin_dir, "python3.12", "exit 0")
    found = _run("find-python", path=bin_dir)
    assert found.returncode == 0 and found.stdout.strip() == str(supported)


def test_find_python_checks_a_named_interpreter_and_fails_without_one(bin_dir):
    old = _stub(bin_dir, "python3.10", "exit 1")
    assert _run("find-python", str(old), path=bin_dir).returncode == 1
    empty = bin_dir / "empty"
    empty.mkdir()
    nothing = subprocess.run(
        ["/bin/sh", str(ROOT / "tools" / "find-python")],
        capture_output=True,
        text=True,
        env={"PATH": str(empty)},
    )
    assert nothing.returncode == 1 and nothing.stdout == ""


def test_the_makefile_names_what_to_install(bin_dir):
    old = _stub(bin_dir, "python3.10", "exit 1")
    result = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "-n", "setup", f"PYTHON={old}", f"VENV={bin_dir}/venv"],
        capture_output=True,
        text=True,
    )
    assert "is not Python 3.11, 3.12 or 3.13" in result.stdout + result.stderr
    assert "make lab PYTHON=python3.12" in result.stdout + result.stderr


def test_ensure_browser_prefers_the_one_named(bin_dir):
    chrome = _stub(bin_dir, "my-chrome", "exit 0")
    found = _run("ensure-browser", path=bin_dir, TIPCOURSE_CHROMIUM=str(chrome))
    assert found.returncode == 0 and found.stdout.strip() == str(chrome)


def test_ensure_browser_refuses_a_named_browser_that_is_not_there(bin_dir):
    found = _run("ensure-browser", path=bin_dir, TIPCOURSE_CHROMIUM=str(bin_dir / "nope"))
    assert found.returncode == 1 and found.stdout == ""
    assert "is not an executable browser" in found.stderr


@pytest.mark.skipif(os.path.exists("/usr/bin/chromium"), reason="a real Chromium is installed")
def test_ensure_browser_says_what_to_run_when_it_cannot_install(bin_dir):
    _stub(bin_dir, "sudo", "exit 1")  # no password-less sudo
    found = _run("ensure-browser", path=bin_dir, PY=str(bin_dir / "no-python"))
    assert found.returncode == 1 and "make test again" in found.stderr
