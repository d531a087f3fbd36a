"""The student handout holds no key in any form, and neither do exercises/ and the site.

A marker string is planted in every key field of every question kind and in every solution
region and solution cell, in every spelling an author might use; none may reach a student.
"""

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tipcourse.authoring import handout, release
from tipcourse.paths import NODE_MODULES, ROOT

MARK = "ZQXLEAK"

QUESTIONS = [
    {
        "id": "ex90-single",
        "kind": "single",
        "prompt": "Pick.",
        "options": {"a": "A", "b": "B"},
        "answer": "b",
        "feedback": {"a": f"{MARK} single feedback a", "b": f"{MARK} feedback b"},
        "explanation": f"{MARK} single explanation",
    },
    {
        "id": "ex90-multiple",
        "kind": "multiple",
        "prompt": "Pick.",
        "options": {"a": "A", "b": "B", "c": "C"},
        "answer": ["a", "c"],
        "feedback": {k: f"{MARK} multiple {k}" for k in "abc"},
        "explanation": f"{MARK} multi",
    },
    {
        "id": "ex90-numeric",
        "kind": "numeric",
        "prompt": "How many?",
        "answer": 9,
        "tolerance": 0.5,
        "feedback": {"correct": f"{MARK} num right", "incorrect": f"{MARK} num wrong"},
        "wrong_values": [
            {"value": 90, "feedback": f"{MARK} wrong value"},
            {"min": 100, "max": 200, "feedback": f"{MARK} wrong range"},
        ],
        "explanation": f"{MARK} numeric explanation of the right answer",
    },
    {
        "id": "ex90-text",
        "kind": "text",
        "prompt": "Which term?",
        "answer": [f"{MARK}term", "other term"],
        "feedback": {"correct": f"{MARK} text right", "incorrect": f"{MARK} text wrong"},
    },
    {
        "id": "ex90-categorize",
        "kind": "categorize",
        "prompt": "Sort.",
        "items": {"x": "X", "y": "Y"},
        "categories": {"p": "P", "q": "Q"},
        "answer": {"x": "p", "y": "q"},
        "feedback": {"x": f"{MARK} item x", "y": f"{MARK} item y"},
        "explanation": f"{MARK} categorize explanation",
    },
    {
        "id": "ex90-order",
        "kind": "order",
        "prompt": "Order.",
        "items": {"p": "P", "q": "Q", "r": "R"},
        "answer": ["q", "p", "r"],
        "feedback": {"correct": f"{MARK} order right", "incorrect": f"{MARK} order wrong"},
        "explanation": f"{MARK} order explanation",
    },
    {
        "id": "ex90-open",
        "kind": "open",
        "prompt": "Discuss.",
        "points": 3,
        "rubric": [
            {"criterion": f"{MARK} rubric one", "points": 2},
            {"criterion": f"{MARK} rubric two", "points": 1},
        ],
        "explanation": f"{MARK} model answer",
    },
]
MARKERS = [
    ("# BEGIN SOLUTION", "# END SOLUTION"),
    ("### BEGIN SOLUTION", "### END SOLUTION"),
    ("#BEGIN SOLUTION", "#END SOLUTION"),
    ("# begin solution", "# end solution"),
    ("#  BEGIN  SOLUTION", "#  END  SOLUTION"),
    ("    # Begin Solution", "    # End Solution"),
]
TAGS = ["solution", "Solution", "SOLUTION", "solution "]


def question_cell(spec: dict, blank_line: bool) -> nbformat.NotebookNode:
    import yaml

    return new_code_cell(
        ("\n" if blank_line else "")
        + "%%question\n"
        + yaml.safe_dump(spec, allow_unicode=True, sort_keys=False)
    )


def solution_notebook() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell("# Exercise 90"),
        new_code_cell('from tipcourse import course\ncourse.start_solution("ex90")'),
    ]
    cells += [question_cell(spec, blank_line=i % 2 == 1) for i, spec in enumerate(QUESTIONS)]
    for n, (begin, end) in enumerate(MARKERS):
        indent = begin[: len(begin) - len(begin.lstrip())]
        body = f"{indent}answer = '{MARK} region {n}'"
        cells.append(new_code_cell(f"answer = None\n{begin}\n{body}\n{end}\nprint(answer)"))
    cells.append(
        new_markdown_cell(
            f"Notes:\n<!-- BEGIN SOLUTION -->\n{MARK} md region\n<!-- END SOLUTION -->"
        )
    )
    cells += [
        new_markdown_cell(f"{MARK} worked answer, tag {tag!r}", metadata={"tags": [tag]})
        for tag in TAGS
    ]
    cells[0].metadata["instructor_note"] = f"{MARK} cell metadata"
    cells[0]["attachments"] = {"a.png": {"image/png": MARK}}
    cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text=f"{MARK} output")]
    cells[2].execution_count = 1
    return new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3"},
            "widgets": {"state": MARK},
            "notes": f"{MARK} notebook metadata",
            "tipcourse": {"id": "ex90", "notes": f"{MARK} course metadata"},
        },
    )


@pytest.fixture
def course(tmp_path):
    """A small course: the real package, data and one lesson, and the planted solution."""
    root = tmp_path / "course"
    for name in ("tipcourse", "data"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "notebooks").mkdir()
    shutil.copy(ROOT / "notebooks" / "00_start_here.ipynb", root / "notebooks")
    for name in ("README.md", "pyproject.toml", "environment.yml"):
        shutil.copy(ROOT / name, root / name)
    (root / "solutions").mkdir()
    nbformat.write(solution_notebook(), root / "solutions" / "ex90_test.ipynb")
    release.release(root, execute=False)
    return root


def everything(folder: Path) -> str:
    return "\n".join(
        p.read_text(encoding="utf-8", errors="ignore")
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.parts
    )


def test_no_planted_marker_reaches_the_student_copy(course):
    text = (course / "exercises" / "ex90_test.ipynb").read_text(encoding="utf-8")
    assert MARK not in text
    key = json.loads((course / "solutions" / "keys" / "ex90.json").read_text())
    assert len(key["questions"]) == len(QUESTIONS)  # every key is kept for the grader
    assert MARK not in (course / "tipcourse" / "outlines" / "ex90.json").read_text()


def test_no_planted_marker_reaches_the_handout(course, tmp_path):
    folder = handout.build(tmp_path / "out", root=course)
    assert MARK not in everything(folder)
    with zipfile.ZipFile(tmp_path / "out" / "tipcourse-handout.zip") as archive:
        assert not any(
            MARK in archive.read(n).decode("utf-8", "ignore") for n in archive.namelist()
        )
    assert (
        not (folder / "solutions").exists() and (folder / "exercises" / "ex90_test.ipynb").exists()
    )


@pytest.mark.skipif(not (NODE_MODULES / "@jupyter-widgets").exists(), reason="needs npm ci")
def test_no_planted_marker_reaches_the_site(course, tmp_path):
    from tipcourse.publish import site

    site.build(tmp_path / "site", root=course, workers=1)
    assert MARK not in everything(tmp_path / "site")


def test_a_leak_stops_the_handout_naming_file_and_text(course, tmp_path):
    lesson = course / "notebooks" / "00_start_here.ipynb"
    nb = nbformat.read(lesson, as_version=4)
    nb.cells.append(
        new_markdown_cell(
            "As the key says: ZQXLEAK numeric explanation of the right\nanswer, of course."
        )
    )
    nbformat.write(nb, lesson)
    with pytest.raises(handout.HandoutError) as err:
        handout.build(tmp_path / "out", root=course)
    message = str(err.value)
    assert "notebooks/00_start_here.ipynb" in message and "ex90-numeric explanation" in message
    assert not (tmp_path / "out").exists()  # nothing written


def test_the_real_handout_has_no_key_text_and_no_instructor_files():
    files = handout.handout_files(ROOT)
    assert files and not [
        f for f in files if f.startswith(("solutions/", "instructor/", "tests/", ".ci/"))
    ]
    assert "exercises/ex01_palermo_definition.ipynb" in files and "README.md" in files
    assert handout.find_leaks(ROOT, files, handout.key_secrets(ROOT)) == []


def test_the_handout_is_a_repository_of_one_commit(tmp_path):
    folder = handout.build(tmp_path, root=ROOT)
    log = subprocess.run(
        ["git", "-C", str(folder), "log", "--oneline"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(log) == 1
    tracked = subprocess.run(
        ["git", "-C", str(folder), "ls-files"], capture_output=True, text=True, check=True
    ).stdout.split()
    assert sorted(tracked) == handout.handout_files(ROOT)
    with pytest.raises(handout.HandoutError, match="already exists"):
        handout.build(tmp_path, root=ROOT)
    first = (tmp_path / "tipcourse-handout.zip").read_bytes()
    handout.build(tmp_path, root=ROOT, overwrite=True)
    assert (tmp_path / "tipcourse-handout.zip").read_bytes() == first  # reproducible
