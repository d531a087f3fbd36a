"""Release: write the student copies in `exercises/` from the solution notebooks in `solutions/`.

The solution notebook is the only source. Its cells pass through the ordered transforms of
`authoring.transforms` (solution cells dropped, metadata allow-listed, outputs cleared, question
keys stripped, solution regions replaced, `start_solution` renamed); notebook metadata is
copied by allow-list. Every problem in any cell is reported by notebook and cell, and nothing
is written for a notebook that has one. The student copy is then executed (with no answers,
so nothing can leak through outputs).

Written per exercise: `exercises/exNN_*.ipynb`, `solutions/keys/exNN.json` (every question in
full, for the grader) and `tipcourse/outlines/exNN.json` (ids, kinds, points: no key).
`check()` compares sources, keys and outlines (outputs are nbval's job) and names what differs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from ..paths import ROOT
from ..quiz.outline import outline_document, outline_path
from .transforms import Context, apply

# Notebook metadata a student copy may carry; everything else (widget state, jupytext pairing,
# anything an author stored) is dropped.
NOTEBOOK_METADATA = ("kernelspec", "language_info", "tipcourse")
COURSE_METADATA = ("id", "minutes", "objectives")  # of metadata["tipcourse"]


class ReleaseError(ValueError):
    """A solution notebook cannot be released; the message lists every problem by cell."""


def solution_notebooks(root: Path = ROOT) -> list[Path]:
    return sorted((root / "solutions").glob("ex*.ipynb"))


def exercise_id(path: Path) -> str:
    match = re.match(r"(ex\d\d)_", path.name)
    if not match:
        raise ReleaseError(f"{path.name}: solution notebook names start with exNN_")
    return match.group(1)


def student_copy(solution: NotebookNode, where: str = "") -> tuple[NotebookNode, list[dict]]:
    """(student notebook without outputs, the full question specs), or ReleaseError."""
    ctx = Context(where or "notebook")
    cells = []
    for ctx.index, cell in enumerate(solution.cells):
        released = apply(nbformat.from_dict(json.loads(json.dumps(cell))), ctx)
        if released is not None:
            cells.append(released)
    _check_ids(ctx)
    if ctx.problems:
        raise ReleaseError("\n".join(ctx.problems))
    metadata = {k: v for k, v in solution.metadata.items() if k in NOTEBOOK_METADATA}
    if isinstance(metadata.get("tipcourse"), dict):
        metadata["tipcourse"] = {
            k: v for k, v in metadata["tipcourse"].items() if k in COURSE_METADATA
        }
    return nbformat.v4.new_notebook(cells=cells, metadata=metadata), ctx.specs


def _check_ids(ctx: Context) -> None:
    match = re.match(r"(ex\d\d)_", ctx.notebook)
    seen = set()
    for spec in ctx.specs:
        if spec["id"] in seen:
            ctx.problems.append(f"{ctx.notebook}: question id {spec['id']!r} appears twice")
        if match and not spec["id"].startswith(f"{match.group(1)}-"):
            ctx.problems.append(
                f"{ctx.notebook}: question id {spec['id']!r} must start with '{match.group(1)}-'"
            )
        seen.add(spec["id"])


def key_document(exercise: str, specs: list[dict]) -> dict:
    return {"exercise": exercise, "questions": specs}


def _key_path(root: Path, exercise: str) -> Path:
    return root / "solutions" / "keys" / f"{exercise}.json"


def _outline_path(root: Path, exercise: str) -> Path:
    return outline_path(exercise, root / "tipcourse")


def _exercise_path(root: Path, solution: Path) -> Path:
    return root / "exercises" / solution.name


def _write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def release(root: Path = ROOT, execute: bool = True, only: tuple[str, ...] = ()) -> list[Path]:
    """Write the student copies, keys and outlines (all, or the exercise ids in `only`).
    Every notebook is transformed before anything is written, so one bad notebook stops the
    release with nothing half-written."""
    from .execute import execute_notebook

    jobs, problems = [], []
    for path in solution_notebooks(root):
        exercise = exercise_id(path)
        if only and exercise not in only:
            continue
        try:
            jobs.append(
                (path, exercise, *student_copy(nbformat.read(path, as_version=4), path.name))
            )
        except ReleaseError as err:
            problems.append(str(err))
    if problems:
        raise ReleaseError("\n".join(problems))
    written = []
    for path, exercise, nb, specs in jobs:
        _write_json(
            _outline_path(root, exercise), outline_document(exercise, specs)
        )  # widgets number from it
        target = _exercise_path(root, path)
        target.parent.mkdir(exist_ok=True)
        if execute:
            execute_notebook(nb, cwd=target.parent, name=target.name)
        nbformat.write(nb, target)
        _write_json(_key_path(root, exercise), key_document(exercise, specs))
        written += [target, _key_path(root, exercise), _outline_path(root, exercise)]
    if jobs:
        from .lint import record_released

        record_released(root)  # a released id may never disappear (lint checks)
    return written


def _cell_signature(nb: NotebookNode) -> list:
    return [(c.cell_type, c.source, c.metadata.get("tags", [])) for c in nb.cells]


def _json_differs(path: Path, document: dict) -> bool:
    return not path.exists() or json.loads(path.read_text(encoding="utf-8")) != document


def check(root: Path = ROOT) -> list[str]:
    """Problems that make exercises/, the keys or the outlines differ from what release writes."""
    problems, expected = [], set()
    for path in solution_notebooks(root):
        exercise = exercise_id(path)
        try:
            nb, specs = student_copy(nbformat.read(path, as_version=4), path.name)
        except ReleaseError as err:
            problems.append(str(err))
            continue
        target = _exercise_path(root, path)
        expected.add(target.name)
        problems += _notebook_problems(root, target, nb)
        for name, file, document in (
            ("answer key", _key_path(root, exercise), key_document(exercise, specs)),
            ("outline", _outline_path(root, exercise), outline_document(exercise, specs)),
        ):
            if _json_differs(file, document):
                problems.append(f"the {name} {file.name} of {exercise} is missing or out of date")
    for extra in sorted((root / "exercises").glob("*.ipynb")):
        if extra.name not in expected:
            problems.append(f"{extra.relative_to(root)} has no solution notebook")
    return problems


def _notebook_problems(root: Path, target: Path, nb: NotebookNode) -> list[str]:
    name = target.relative_to(root)
    if not target.exists():
        return [f"{name} is missing"]
    current = nbformat.read(target, as_version=4)
    if _cell_signature(current) != _cell_signature(nb):
        return [f"{name} differs from its solution notebook"]
    if any(
        c.cell_type == "code" and c.execution_count is None and c.source.strip()
        for c in current.cells
    ):
        return [f"{name} has unexecuted cells"]
    return []
