"""Test-wide setup: every kernel and test writes into a throw-away folder, never the repo or a
student's answers (nbval's kernels inherit this environment; the variables are the ones a
hermetic execution sets, tipcourse/authoring/execute.py)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from tipcourse.authoring.execute import hermetic_vars

_TMP = Path(tempfile.mkdtemp(prefix="tipcourse-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
os.environ.update(hermetic_vars(_TMP))
os.environ["TIPCOURSE_VALIDATE"] = "always"  # the tests validate every data load (tipcourse.data)
