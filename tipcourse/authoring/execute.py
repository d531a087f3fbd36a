"""Execute notebooks hermetically: a throw-away answers folder and IPython profile, so running
a notebook for a commit, a release or a benchmark never reads or writes a student's answers."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import nbformat

from ..quiz.store import ANSWERS_DIR_ENV

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


@contextlib.contextmanager
def hermetic_env():
    """Environment variables for a kernel that touches nothing outside a temporary folder."""
    saved = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="tipcourse-run-") as tmp:
        os.environ.update({
            ANSWERS_DIR_ENV: str(Path(tmp) / "answers"),
            "IPYTHONDIR": str(Path(tmp) / "ipython"),
            "MPLCONFIGDIR": str(Path(tmp) / "matplotlib"),
            "JUPYTER_PLATFORM_DIRS": "1",
        })
        try:
            yield Path(tmp)
        finally:
            os.environ.clear()
            os.environ.update(saved)


def execute_notebook(nb: nbformat.NotebookNode, cwd: Path, timeout: int = 180):
    """Run every cell of `nb` in place (outputs and widget state are stored in it)."""
    from nbclient import NotebookClient

    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    with hermetic_env():
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       resources={"metadata": {"path": str(cwd)}}).execute()
    return nb


def execute_file(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    execute_notebook(nb, cwd=path.parent)
    nbformat.write(nb, path)
