"""Test-wide setup: every kernel and test writes into a throw-away folder, never the repo or a
student's answers (nbval's kernels inherit this environment; the variables are the ones a
hermetic execution sets, tipcourse/authoring/execute.py)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tipcourse.authoring.execute import hermetic_vars
from tipcourse.quiz.store import ANSWERS_DIR_ENV

_TMP = Path(tempfile.mkdtemp(prefix="tipcourse-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
os.environ.update(hermetic_vars(_TMP))
os.environ["TIPCOURSE_VALIDATE"] = "always"  # the tests validate every data load (tipcourse.data)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Each notebook nbval runs gets an answers folder of its own, set before its kernel
    starts, so that it runs as on a fresh copy of the course: the two editions of a lesson
    share one answers file, and one must not see the answers the other saved."""
    path = getattr(item, "path", None)
    if path is not None and path.suffix == ".ipynb":
        name = "__".join(Path(path).resolve().parts[-3:])
        os.environ[ANSWERS_DIR_ENV] = str(_TMP / "answers-of" / name)
