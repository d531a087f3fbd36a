"""The student handout: the course without its keys, as a folder, a zip and a git repository
with a fresh history of one commit (so no key survives in an earlier commit).

    python -m tipcourse handout --out DIR [--overwrite]      (make handout)

It holds what a student needs (`INCLUDE`: lessons, exercises, data, the package, the
environment files, README, the student-facing docs) and never what `EXCLUDE` names
(solutions, keys, lesson plans, the grading guide, tests). Before anything is written, every
file of the handout is scanned for text that belongs to a key: the explanations, feedback,
rubric criteria and model answers of `solutions/keys/`, the cells tagged `solution` and the
solution regions of `solutions/`. A text of at least `MIN_WORDS` words found anywhere stops
the handout, naming the file and the text.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..paths import ROOT
from .transforms import MARKER, normal_tag

NAME = "tipcourse-handout"
INCLUDE = (
    "README.md",
    "environment.yml",
    "pyproject.toml",
    "constraints.txt",
    "Makefile",
    "postBuild",
    ".gitignore",
    "notebooks/*.ipynb",  # and notebooks/id/, the Indonesian edition
    "exercises/*.ipynb",
    "data/*",
    "tipcourse/*",
    "docs/*",
    "tools/*",  # the Makefile's helpers (choosing the Python, finding a browser)
)
EXCLUDE = (
    "solutions/*",
    "instructor/*",
    "tests/*",
    ".ci/*",
    "*/__pycache__/*",
    "*.pyc",
    "notebooks/*.md",
    "locale/*",  # the content catalogues: those of solutions/ hold keys
)
MIN_WORDS = 5  # a shorter key text ("An act.") is not evidence of a leak
FIXED_DATE = "2026-01-01T00:00:00+00:00"  # the one commit's date: the repository is reproducible
ZIP_TIME = (2026, 1, 1, 0, 0, 0)


class HandoutError(Exception):
    """The handout was not written; the message says why (a leak, a folder in the way)."""


@dataclass(frozen=True)
class Secret:
    text: str
    origin: str  # where it comes from, for the message


# --- what goes in -------------------------------------------------------------------------------


def handout_files(root: Path = ROOT) -> list[str]:
    """Paths (relative, '/'-separated) of the files that go into the handout."""
    return [
        p
        for p in _tracked(root)
        if any(fnmatch.fnmatch(p, pat) for pat in INCLUDE)
        and not any(fnmatch.fnmatch(p, pat) for pat in EXCLUDE)
    ]


def _tracked(root: Path) -> list[str]:
    """The repository's tracked files (so stray local files never travel), or every file."""
    if (root / ".git").exists():
        out = subprocess.run(
            ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True
        )
        return sorted(p for p in out.stdout.decode().split("\0") if p and (root / p).is_file())
    return sorted(
        str(p.relative_to(root)).replace(os.sep, "/")
        for p in root.rglob("*")
        if p.is_file() and ".git" not in p.parts
    )


# --- what must not ------------------------------------------------------------------------------


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def key_secrets(root: Path = ROOT) -> list[Secret]:
    """Texts of the exercise keys and of the instructor's parts of the solution notebooks."""
    from ..quiz.schema import KEY_FIELDS

    found = []
    for path in sorted((root / "solutions" / "keys").glob("*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        specs = list(key.get("questions", []))
        for texts in key.get("translations", {}).values():  # {language: {id: texts}}
            specs += [{"id": qid, **fields} for qid, fields in texts.items()]
        for spec in specs:
            for name in KEY_FIELDS:
                for text in _strings(spec.get(name)):
                    found.append(Secret(text, f"{path.name} {spec.get('id')} {name}"))
    for path in sorted((root / "solutions").glob("*.ipynb")) + sorted(
        (root / "solutions").glob("*/*.ipynb")
    ):
        found += _notebook_secrets(path)
    return [s for s in found if len(_words(s.text)) >= MIN_WORDS]


def _notebook_secrets(path: Path) -> list[Secret]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        source = "".join(cell.get("source", ""))
        tags = [normal_tag(t) for t in cell.get("metadata", {}).get("tags", [])]
        if "solution" in tags:
            found.append(Secret(source, f"{path.name} cell {i} (tagged solution)"))
            continue
        inside, region = False, []
        for line in source.split("\n"):
            marker = MARKER.match(line)
            if marker:
                inside = marker.group(1).lower() == "begin"
                if not inside and region:
                    found.append(
                        Secret("\n".join(region), f"{path.name} cell {i} (solution region)")
                    )
                    region = []
            elif inside:
                region.append(line)
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _file_text(path: Path) -> str:
    """The text a reader could see: for a notebook, every string in it except images."""
    raw = path.read_bytes()
    if path.suffix == ".ipynb":
        nb = json.loads(raw.decode("utf-8"))
        for cell in nb.get("cells", []):
            for output in cell.get("outputs", []):
                output.get("data", {}).pop("image/png", None)
        return "\n".join(_strings(nb))
    return raw.decode("utf-8", errors="ignore")


def find_leaks(root: Path, files: list[str], secrets: list[Secret]) -> list[str]:
    """`file: "text…" (origin)` for every secret found in a file (as a run of its words)."""
    n = MIN_WORDS
    leaks = []
    for name in files:
        words = _words(_file_text(root / name))
        grams = {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
        joined = " " + " ".join(words) + " "
        for secret in secrets:
            sw = _words(secret.text)
            if (
                all(tuple(sw[i : i + n]) in grams for i in range(0, len(sw) - n + 1, n))
                and " " + " ".join(sw) + " " in joined
            ):
                shown = " ".join(secret.text.split())
                leaks.append(
                    f"{name}: \"{shown[:80]}{'…' if len(shown) > 80 else ''}\" ({secret.origin})"
                )
    return leaks


# --- writing ------------------------------------------------------------------------------------


def build(out: Path, root: Path = ROOT, overwrite: bool = False) -> Path:
    """Write DIR/tipcourse-handout/ (a git repository of one commit) and its zip."""
    files = handout_files(root)
    leaks = find_leaks(root, files, key_secrets(root))
    if leaks:
        raise HandoutError(
            "Key material found in files of the handout; nothing was written. "
            "Move it to solutions/ (or instructor/), or reword it:\n  " + "\n  ".join(leaks)
        )
    folder = Path(out) / NAME
    if folder.exists() and not overwrite:
        raise HandoutError(f"{folder} already exists; use --overwrite to replace it.")
    shutil.rmtree(folder, ignore_errors=True)
    for name in files:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)
    _zip(folder, files, Path(out) / f"{NAME}.zip")
    _commit(folder)
    return folder


def _zip(folder: Path, files: list[str], target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in files:  # fixed times: the same course gives the same zip
            info = zipfile.ZipInfo(f"{NAME}/{name}", ZIP_TIME)
            info.external_attr = ((folder / name).stat().st_mode & 0o777) << 16
            archive.writestr(info, (folder / name).read_bytes(), zipfile.ZIP_DEFLATED)


def _commit(folder: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": FIXED_DATE, "GIT_COMMITTER_DATE": FIXED_DATE}
    who = [
        "-c",
        "user.name=tipcourse handout",
        "-c",
        "user.email=handout@tipcourse.invalid",
        "-c",
        "init.defaultBranch=main",
        "-c",
        "commit.gpgsign=false",
    ]
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        ["commit", "-q", "-m", "Student edition of the course (no solutions or keys)"],
    ):
        subprocess.run(["git", *who, *args], cwd=folder, env=env, check=True, capture_output=True)
