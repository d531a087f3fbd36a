"""Release writes student copies without any answer, and --check catches drift."""

import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tipcourse.authoring import release

ROOT = Path(__file__).resolve().parent.parent
KEY_WORDS = ("answer:", "feedback:", "explanation:", "rubric:", "tolerance:")

QUESTION = """%%question
id: ex09-pick
kind: single
prompt: |
  Two lines
  of prompt.
options: {a: "Yes", b: "No"}
answer: b
feedback: {a: SECRET-A, b: SECRET-B}
explanation: SECRET-WHY
"""


def solution_notebook():
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("# Exercise 09"),
        new_code_cell('from tipcourse import course\ncourse.start_solution("ex09")'),
        new_code_cell(QUESTION),
        new_code_cell(
            'answer = None\n# BEGIN SOLUTION\nanswer = "SECRET-CODE"\n# END SOLUTION\nprint(answer)'
        ),
        new_markdown_cell("SECRET-NOTES", metadata={"tags": ["solution"]}),
    ]
    nb.cells[2].outputs = [{"output_type": "stream", "name": "stdout", "text": "SECRET-OUTPUT"}]
    nb.cells[2].execution_count = 3
    nb.metadata["widgets"] = {"state": "SECRET-STATE"}
    return nb


def test_student_copy_contains_no_key_in_any_form():
    student, specs = release.student_copy(solution_notebook(), "ex09")
    text = nbformat.writes(student)
    assert "SECRET" not in text
    for word in KEY_WORDS:
        assert word not in student.cells[2].source
    assert specs[0]["answer"] == "b" and specs[0]["feedback"]["a"] == "SECRET-A"


def test_student_copy_keeps_prompt_options_and_runs():
    student, _ = release.student_copy(solution_notebook(), "ex09")
    cells = student.cells
    assert len(cells) == 4  # the tagged solution note is gone
    assert 'course.start_assignment("ex09")' in cells[1].source
    assert cells[2].source.startswith("%%question\nid: ex09-pick")
    assert "prompt: |\n  Two lines\n  of prompt." in cells[2].source  # readable block, as written
    assert cells[3].source == "answer = None\n# Your code here\nprint(answer)"
    assert all(c.get("outputs", []) == [] for c in cells if c.cell_type == "code")
    # the question's YAML is machinery: collapsed in JupyterLab, left off the site
    assert cells[2].metadata["jupyter"] == {"source_hidden": True}
    assert "jupyter" not in cells[3].metadata  # an answer cell stays open


@pytest.mark.parametrize(
    "source,message",
    [
        ("# BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n# END SOLUTION", "without"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another"),
    ],
)
def test_broken_solution_markers_are_named(source, message):
    nb = solution_notebook()
    nb.cells[3].source = source
    with pytest.raises(ValueError, match=message):
        release.student_copy(nb, "ex09.ipynb")


def test_duplicate_question_ids_are_refused():
    nb = solution_notebook()
    nb.cells.append(new_code_cell(QUESTION))
    with pytest.raises(ValueError, match="appears twice"):
        release.student_copy(nb, "ex09.ipynb")


def test_a_question_without_its_answer_is_refused():
    nb = solution_notebook()
    nb.cells[2].source = QUESTION.replace("answer: b\n", "")
    with pytest.raises(ValueError, match="answer is missing"):
        release.student_copy(nb, "ex09.ipynb")


@pytest.fixture
def course_copy(tmp_path):
    for folder in ("solutions", "exercises", "tipcourse/outlines", "tipcourse/banks"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_check_passes_on_the_repo():
    assert release.check() == []


def test_check_names_an_edited_exercise(course_copy):
    path = next((course_copy / "exercises").glob("ex01_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\nEdited by hand."
    nbformat.write(nb, path)
    assert release.check(course_copy) == [
        f"exercises/{path.name} differs from its solution notebook"
    ]


def test_check_names_a_stale_key_and_a_stray_exercise(course_copy):
    key = course_copy / "solutions" / "keys" / "ex01.json"
    doc = json.loads(key.read_text())
    doc["questions"][0]["answer"] = "changed"
    key.write_text(json.dumps(doc))
    shutil.copy(
        next((course_copy / "exercises").glob("ex01_*.ipynb")),
        course_copy / "exercises" / "ex99_orphan.ipynb",
    )
    problems = release.check(course_copy)
    assert "the answer key ex01.json of ex01 is missing or out of date" in problems
    assert "exercises/ex99_orphan.ipynb has no solution notebook" in problems


def test_release_writes_exercise_and_key(course_copy):
    for path in (course_copy / "exercises").glob("*.ipynb"):
        path.unlink()
    shutil.rmtree(course_copy / "solutions" / "keys")
    written = release.release(course_copy, execute=False, only=("ex01",))
    names = sorted(str(p.relative_to(course_copy)) for p in written)
    name = next((course_copy / "solutions").glob("ex01_*.ipynb")).name
    assert names == [
        f"exercises/{name}",
        f"exercises/id/{name}",  # the Indonesian edition, from solutions/id/
        "solutions/keys/ex01.json",
        "tipcourse/outlines/ex01.json",
    ]
    key = json.loads((course_copy / "solutions" / "keys" / "ex01.json").read_text())
    assert key["exercise"] == "ex01" and all("id" in q for q in key["questions"])
    ids = [q["id"] for q in key["questions"]]
    assert list(key["translations"]["id"]) == ids  # one key, the texts of both languages


def test_a_translation_whose_key_differs_is_not_released(course_copy):
    path = next((course_copy / "solutions" / "id").glob("ex01_*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if c.source.startswith("%%question") and "answer:" in c.source)
    nb.cells[nb.cells.index(cell)].source = re.sub(
        r"points: \d+", "points: 99", cell.source, count=1
    )
    nbformat.write(nb, path)
    with pytest.raises(release.ReleaseError, match="differs from the English in more than"):
        release.release(course_copy, execute=False, only=("ex01",))
    assert release.check(course_copy) != []
