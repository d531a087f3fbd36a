"""Where things are: the repository's folders, named once for every module."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent  # the repository (the package is installed in editable mode)
DATA = ROOT / "data"
BANKS = PACKAGE / "banks"
NODE_MODULES = ROOT / "node_modules"
BUILD = ROOT / "build"
