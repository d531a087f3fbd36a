"""Each release transform alone, then the pipeline's error reporting."""

import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tipcourse.authoring import transforms as t
from tipcourse.authoring.release import ReleaseError, student_copy

QUESTION = """%%question
id: ex09-pick
kind: single
prompt: Pick one.
options: {a: "Yes", b: "No"}
answer: b
feedback: {a: SECRET-A, b: SECRET-B}
explanation: SECRET-WHY
"""


def ctx():
    return t.Context("ex09_test.ipynb", index=4)


@pytest.mark.parametrize("tag", ["solution", "Solution", "SOLUTION", "solution ", " Solution"])
def test_the_solution_tag_in_any_case_or_spacing_drops_the_cell(tag):
    cell = new_markdown_cell("worked answer", metadata={"tags": [tag]})
    assert t.drop_solution_cells(cell, ctx()) is None


@pytest.mark.parametrize("tag", ["solutions", "Solutions", "soln", "answer-key", "instructor"])
def test_a_tag_that_looks_like_the_solution_tag_is_an_error(tag):
    c = ctx()
    cell = new_markdown_cell("worked answer", metadata={"tags": [tag]})
    assert t.drop_solution_cells(cell, c) is cell
    assert c.problems == [
        f"ex09_test.ipynb cell 4: tag {tag!r} looks like a solution tag but "
        "is not `solution`; spell it `solution` (to hide the cell) or rename it"
    ]


def test_other_tags_pass():
    c = ctx()
    cell = new_markdown_cell("terms", metadata={"tags": ["glossary-terms"]})
    assert t.drop_solution_cells(cell, c) is cell and c.problems == []


def test_cell_metadata_is_allow_listed():
    cell = new_code_cell(
        "x = 1",
        metadata={
            "tags": ["glossary-terms"],
            "notes": "SECRET",
            "execution": {"t": "1"},
            "slideshow": {"slide_type": "slide", "speaker_notes": "SECRET"},
        },
    )
    assert t.keep_allowed_metadata(cell, ctx()).metadata == {
        "tags": ["glossary-terms"],
        "slideshow": {"slide_type": "slide"},
    }
    odd = new_code_cell("x", metadata={"slideshow": {"slide_type": "SECRET"}})
    assert t.keep_allowed_metadata(odd, ctx()).metadata == {}


def test_outputs_and_attachments_are_cleared():
    cell = new_code_cell(
        "x",
        execution_count=3,
        outputs=[{"output_type": "stream", "name": "stdout", "text": "SECRET"}],
    )
    cell = t.clear_outputs(cell, ctx())
    assert cell.outputs == [] and cell.execution_count is None
    md = new_markdown_cell("![a](attachment:a.png)")
    md["attachments"] = {"a.png": {"image/png": "SECRET"}}
    assert "attachments" not in t.clear_outputs(md, ctx())


@pytest.mark.parametrize(
    "source",
    [
        QUESTION,
        "\n" + QUESTION,
        "\n\n  \n" + QUESTION,
        "%%question   \n" + QUESTION.split("\n", 1)[1],
    ],
)
def test_a_question_cell_is_recognised_as_ipython_recognises_it(source):
    body = t.question_body(source)
    assert body is not None and "id: ex09-pick" in body


@pytest.mark.parametrize(
    "source",
    [
        "x = 1\n%%question\nid: a",
        "# %%question\nid: a",
        "%%questions\nid: a",
        "print('%%question')",
    ],
)
def test_other_cells_are_not_question_cells(source):
    assert t.question_body(source) is None


def test_a_question_cell_loses_its_key_and_the_spec_is_kept():
    c = ctx()
    cell = t.strip_question_keys(new_code_cell("\n" + QUESTION), c)
    assert "SECRET" not in cell.source and "answer" not in cell.source
    assert cell.source.startswith("%%question\nid: ex09-pick")
    assert c.specs[0]["feedback"]["a"] == "SECRET-A" and c.problems == []


@pytest.mark.parametrize(
    "source,problem",
    [
        ("%%question\nid: [unclosed", "question cell cannot be released"),
        ("%%question\n- a list", "question cell cannot be released"),
        (
            "%%question\nid: ex09-x\nkind: single\nprompt: P\noptions: {a: A, b: B}\n",
            "question cell cannot be released",
        ),  # no answer
    ],
)
def test_a_broken_question_cell_is_reported_and_never_copied(source, problem):
    c = ctx()
    assert t.strip_question_keys(new_code_cell(source), c) is None
    assert len(c.problems) == 1 and problem in c.problems[0]
    assert c.problems[0].startswith("ex09_test.ipynb cell 4: ")


@pytest.mark.parametrize(
    "source",
    [
        'course.question("""id: ex09-x\\nanswer: b""")',
        'x = 1\nget_ipython().run_cell_magic("question", "", "answer: b")',
    ],
)
def test_calling_the_question_machinery_directly_is_refused(source):
    c = ctx()
    t.strip_question_keys(new_code_cell(source), c)
    assert "calls the question machinery directly" in c.problems[0]


def test_the_magic_written_out_by_hand_is_a_question_cell():
    body = QUESTION.split("\n", 1)[1]
    source = f"get_ipython().run_cell_magic('question', '', {body!r})"
    assert t.question_body(source) == body


@pytest.mark.parametrize(
    "begin,end",
    [
        ("# BEGIN SOLUTION", "# END SOLUTION"),
        ("#BEGIN SOLUTION", "#END SOLUTION"),
        ("### BEGIN SOLUTION", "### END SOLUTION"),
        ("# begin solution", "# end solution"),
        ("#  BEGIN  SOLUTION", "#  END   SOLUTION"),
        ("# BEGIN_SOLUTION", "# END_SOLUTION"),
        ("    # Begin Solution", "    # End Solution"),
    ],
)
def test_solution_regions_in_every_spelling_are_replaced(begin, end):
    c = ctx()
    cell = new_code_cell(f"answer = None\n{begin}\nanswer = 'SECRET'\n{end}\nprint(answer)")
    out = t.strip_solution_regions(cell, c).source
    assert "SECRET" not in out and c.problems == []
    indent = begin[: len(begin) - len(begin.lstrip())]
    assert out == f"answer = None\n{indent}# Your code here\nprint(answer)"


def test_solution_regions_in_markdown_are_replaced():
    cell = new_markdown_cell("Answer:\n<!-- BEGIN SOLUTION -->\nSECRET\n<!-- END SOLUTION -->")
    assert t.strip_solution_regions(cell, ctx()).source == "Answer:\n*Write your answer here.*"


@pytest.mark.parametrize(
    "source,problem",
    [
        ("# BEGIN SOLUTION\nx = 1", "line 1: BEGIN SOLUTION is never closed"),
        ("x = 1\n# END SOLUTION", "line 2: END SOLUTION without a BEGIN SOLUTION"),
        (
            "# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION",
            "line 2: BEGIN SOLUTION inside another",
        ),
        ("x = 1  # BEGIN SOLUTION", "line 1 mentions a solution marker but is not one"),
    ],
)
def test_malformed_regions_are_reported_by_line(source, problem):
    c = ctx()
    t.strip_solution_regions(new_code_cell(source), c)
    assert any(problem in p for p in c.problems), c.problems


def test_start_solution_becomes_start_assignment():
    cell = new_code_cell('course.start_solution("ex09")')
    assert t.start_assignment(cell, ctx()).source == 'course.start_assignment("ex09")'


def test_every_problem_of_a_notebook_is_reported_at_once():
    nb = new_notebook(
        cells=[
            new_code_cell("%%question\nid: [bad"),
            new_code_cell("# BEGIN SOLUTION\nx = 1"),
            new_markdown_cell("note", metadata={"tags": ["Solutions"]}),
        ]
    )
    with pytest.raises(ReleaseError) as err:
        student_copy(nb, "ex09_test.ipynb")
    lines = str(err.value).splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "ex09_test.ipynb cell 0",
        "ex09_test.ipynb cell 1",
        "ex09_test.ipynb cell 2",
    ]


def test_notebook_metadata_is_allow_listed():
    nb = new_notebook(
        cells=[new_code_cell(QUESTION)],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3"},
            "widgets": {"state": "SECRET"},
            "jupytext": {"formats": "ipynb,md:myst"},
            "instructor_notes": "SECRET",
            "tipcourse": {"id": "ex09"},
        },
    )
    student, _ = student_copy(nb, "ex09_test.ipynb")
    assert set(student.metadata) == {"kernelspec", "tipcourse"}
