"""Test-wide setup: every kernel and test writes into a throw-away folder, never the repo or a
student's answers (nbval's kernels inherit this environment)."""
import atexit
import os
import shutil
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="tipcourse-tests-"))
atexit.register(shutil.rmtree, _TMP, ignore_errors=True)
os.environ["TIPCOURSE_ANSWERS_DIR"] = str(_TMP / "answers")
os.environ["IPYTHONDIR"] = str(_TMP / "ipython")
os.environ["MPLCONFIGDIR"] = str(_TMP / "matplotlib")
os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
