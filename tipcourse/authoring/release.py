"""Release: write the student copies in `exercises/` from the solution notebooks in `solutions/`.

The solution notebook is the only source. Its cells pass through the ordered transforms of
`authoring.transforms` (solution cells dropped, metadata allow-listed, outputs cleared, question
keys stripped, solution regions replaced, `start_solution` renamed); notebook metadata is
copied by allow-list. Every problem in any cell is reported by notebook and cell, and nothing
is written for a notebook that has one. The student copy is then executed (with no answers,
so nothing can leak through outputs).

Written per exercise: `exercises/exNN_*.ipynb`, `solutions/keys/exNN.json` (every question in
full, for the grader) and `tipcourse/outlines/exNN.json` (ids, kinds, points: no key).
Each language's edition (`solutions/<lang>/`, written by `translate`) gives its student copy
(`exercises/<lang>/`) and, in the same key file, the texts of its questions (`translations`):
one key for both, so its ids, kinds, points and answers must equal the English ones.
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
COURSE_METADATA = ("id", "minutes", "objectives", "language")  # of metadata["tipcourse"]
LANGUAGES = ("en", "id")  # the English first: a translation is checked against it


class ReleaseError(ValueError):
    """A solution notebook cannot be released; the message lists every problem by cell."""


def solution_notebooks(root: Path = ROOT, language: str = "en") -> list[Path]:
    return sorted(_edition(root / "solutions", language).glob("ex*.ipynb"))


def _edition(folder: Path, language: str) -> Path:
    return folder if language == "en" else folder / language


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
    match = re.search(r"(?:^|/)(ex\d\d)_", ctx.notebook)
    seen = set()
    for spec in ctx.specs:
        if spec["id"] in seen:
            ctx.problems.append(f"{ctx.notebook}: question id {spec['id']!r} appears twice")
        if match and not spec["id"].startswith(f"{match.group(1)}-"):
            ctx.problems.append(
                f"{ctx.notebook}: question id {spec['id']!r} must start with '{match.group(1)}-'"
            )
        seen.add(spec["id"])


def key_document(exercise: str, specs: list[dict], translated: dict | None = None) -> dict:
    """The key: every question in full, and per language the texts of its questions."""
    document = {"exercise": exercise, "questions": specs}
    if translated:
        document["translations"] = {
            language: {spec["id"]: _texts(spec) for spec in others}
            for language, others in translated.items()
        }
    return document


def _texts(spec: dict) -> dict:
    from ..translate.segments import SPEC_TEXT

    return {name: spec[name] for name in SPEC_TEXT if name in spec}


def _skeleton(value: object) -> object:
    """A spec with its text left out: what two languages' copies of a question share."""
    from ..translate.segments import SPEC_TEXT

    if isinstance(value, dict) and "id" in value and "kind" in value:
        return {k: (_shape(v) if k in SPEC_TEXT else v) for k, v in value.items()}
    return value


def _shape(value: object) -> object:
    if isinstance(value, str):
        return str
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [
            {k: v for k, v in row.items() if not isinstance(v, str)}
            if isinstance(row, dict)
            else row
            for row in value
        ]
    return value


def translation_problems(name: str, english: list[dict], other: list[dict]) -> list[str]:
    """Where a translated exercise's questions differ from the English other than in text."""
    if [s["id"] for s in english] != [s["id"] for s in other]:
        return [f"{name}: its questions are not the English ones, in the English order"]
    return [
        f"{name}: question {a['id']!r} differs from the English in more than its text "
        "(ids, kinds, points and answers are shared by both languages)"
        for a, b in zip(english, other, strict=True)
        if _skeleton(a) != _skeleton(b)
    ]


def _key_path(root: Path, exercise: str) -> Path:
    return root / "solutions" / "keys" / f"{exercise}.json"


def _outline_path(root: Path, exercise: str) -> Path:
    return outline_path(exercise, root / "tipcourse")


def _exercise_path(root: Path, solution: Path, language: str = "en") -> Path:
    return _edition(root / "exercises", language) / solution.name


def _write_json(path: Path, document: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _editions(root: Path, only: tuple[str, ...]) -> tuple[list[tuple], list[str]]:
    """(jobs, problems): a job (path, exercise, language, student notebook, specs) for each
    solution notebook of each language; a problem for each that cannot be released."""
    jobs, problems = [], []
    english: dict[str, list[dict]] = {}
    for language in LANGUAGES:
        for path in solution_notebooks(root, language):
            exercise = exercise_id(path)
            if only and exercise not in only:
                continue
            where = path.name if language == "en" else path.relative_to(root).as_posix()
            try:
                nb, specs = student_copy(nbformat.read(path, as_version=4), where)
            except ReleaseError as err:
                problems.append(str(err))
                continue
            if language == "en":
                english[exercise] = specs
            elif exercise not in english:
                problems.append(f"{where} has no English solution notebook")
                continue
            else:
                problems += translation_problems(where, english[exercise], specs)
            jobs.append((path, exercise, language, nb, specs))
    return jobs, problems


def _keys(jobs: list[tuple]) -> dict[str, dict]:
    english = {job[1]: job[4] for job in jobs if job[2] == "en"}
    translated: dict[str, dict] = {}
    for _path, exercise, language, _nb, specs in jobs:
        if language != "en":
            translated.setdefault(exercise, {})[language] = specs
    return {ex: key_document(ex, specs, translated.get(ex)) for ex, specs in english.items()}


def release(root: Path = ROOT, execute: bool = True, only: tuple[str, ...] = ()) -> list[Path]:
    """Write the student copies, keys and outlines (all, or the exercise ids in `only`).
    Every notebook is transformed before anything is written, so one bad notebook stops the
    release with nothing half-written."""
    from .execute import execute_notebook

    jobs, problems = _editions(root, only)
    if problems:
        raise ReleaseError("\n".join(problems))
    written = []
    for exercise, document in _keys(jobs).items():
        specs = document["questions"]
        _write_json(_outline_path(root, exercise), outline_document(exercise, specs))
        _write_json(_key_path(root, exercise), document)
        written += [_key_path(root, exercise), _outline_path(root, exercise)]
    for path, _exercise, language, nb, _specs in jobs:
        target = _exercise_path(root, path, language)
        target.parent.mkdir(exist_ok=True)
        if execute:
            execute_notebook(nb, cwd=target.parent, name=target.name)
        nbformat.write(nb, target)
        written.append(target)
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
    jobs, problems = _editions(root, ())
    expected = set()
    for path, _exercise, language, nb, _specs in jobs:
        target = _exercise_path(root, path, language)
        expected.add(target)
        problems += _notebook_problems(root, target, nb)
    for exercise, document in _keys(jobs).items():
        for name, file, want in (
            ("answer key", _key_path(root, exercise), document),
            (
                "outline",
                _outline_path(root, exercise),
                outline_document(exercise, document["questions"]),
            ),
        ):
            if _json_differs(file, want):
                problems.append(f"the {name} {file.name} of {exercise} is missing or out of date")
    for language in LANGUAGES:
        for extra in sorted(_edition(root / "exercises", language).glob("*.ipynb")):
            if extra not in expected:
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
