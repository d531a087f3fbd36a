"""The lesson checker: the committed lessons pass, and each check fails, with the exact line, on a
small synthetic lesson that breaks its rule."""

import json
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tipcourse.__main__ import main
from tipcourse.authoring import lint

BANK = ("l09-a", "l09-b", "l09-c")
NAME = "notebooks/09_test.md"
META = {
    "id": "l09",
    "minutes": 30,
    "objectives": [
        {"text": "define a thing", "questions": ["l09-a"]},
        {"text": "apply the rule to a case", "questions": ["l09-b", "l09-c"]},
        {"text": "evaluate a claim", "questions": ["l09-a", "l09-c"]},
    ],
}
OBJECTIVES = """## Learning objectives

By the end of this lesson you can:

1. **define** a thing (question 1);
2. **apply** the rule to a case
   (questions 2, 3);
3. **evaluate** a claim (questions 1, 3)."""
SETUP = 'from tipcourse import course, data, plots\ncourse.start_lesson("l09")\nplots.style()'
PLOT = 'ax = table.plot.bar()\nplots.finish(ax, "Title", "x (unit)", "y (unit)", "source")'
PLOT_TEXT = "*What the plot shows:* three bars.\n\n**Takeaway:** the middle bar is tallest."


def good_cells():
    return [
        new_markdown_cell("# 09 A test lesson\n\nWhat it covers. About 30 minutes."),
        new_markdown_cell("> **Content note.** Nothing distressing."),
        new_markdown_cell(OBJECTIVES),
        new_code_cell(SETUP),
        new_markdown_cell("## A section\n\n### A part of it"),
        new_code_cell('course.ask("l09-a")'),
        new_code_cell(PLOT),
        new_markdown_cell(PLOT_TEXT),
        new_code_cell('course.ask("l09-b")\n'),
        new_code_cell('course.ask("l09-c")'),
        new_markdown_cell("## Key points\n\n- one\n\n## Sources\n\n- a paper"),
    ]


def lesson(cells=None, meta=META, bank=BANK):
    metadata = {"tipcourse": json.loads(json.dumps(meta))} if meta is not None else {}
    nb = new_notebook(cells=good_cells() if cells is None else cells, metadata=metadata)
    return lint.Lesson(NAME, nb, bank)


def problems_of(check, cells=None, meta=META, bank=BANK):
    return [f"{NAME}:{where}: {problem}" for where, problem in check(lesson(cells, meta, bank))]


def replaced(index, cell):
    cells = good_cells()
    cells[index] = cell
    return cells


# --- the repository ---------------------------------------------------------------------------


def test_the_lessons_pass_lint(capsys):
    assert main(["lint"]) == 0
    assert capsys.readouterr().out == f"lint: {len(lint.lesson_paths())} lesson(s), no problems\n"


def test_every_bank_id_is_recorded_as_released():
    """New questions are recorded when they are added (`python -m tipcourse lint --record`),
    so that removing one later is caught."""
    recorded = {qid for _, qid in lint.recorded_ids(lint.record_path())}
    for path in lint.lesson_paths():
        lesson_id = f"l{path.name[:2]}"
        assert set(lint.bank_ids(lesson_id)) <= recorded, lesson_id


def test_the_synthetic_lesson_passes():
    assert lint.lint_lesson(lesson()) == []


# --- each check fails on a lesson that breaks its rule -----------------------------------------


def test_title_line():
    assert problems_of(lint.check_title, replaced(0, new_markdown_cell("# A test lesson"))) == [
        f"{NAME}:cell 1: the lesson must open with its title line '# 09 <title>'"
    ]
    assert problems_of(
        lint.check_title, replaced(0, new_markdown_cell("# 09 A test\n\nText."))
    ) == [
        (
            f"{NAME}:cell 1: the title must be followed by a line on what the lesson covers and "
            "how long it takes ('About 60 minutes.')"
        )
    ]
    assert problems_of(lint.check_title, meta={**META, "minutes": 45}) == [
        f"{NAME}:cell 1: the title line says 30 minutes, the metadata 45"
    ]


def test_content_note():
    assert problems_of(lint.check_content_note, replaced(1, new_markdown_cell("> A quote."))) == [
        (
            f"{NAME}:notebook: no content note (a blockquote starting '> **Content note.**') before "
            "'## Learning objectives'"
        )
    ]


def test_metadata():
    assert problems_of(lint.check_metadata, meta=None) == [
        f"{NAME}:metadata: no 'tipcourse' mapping (id, minutes, objectives)"
    ]
    assert problems_of(lint.check_metadata, meta={**META, "id": "l08", "minutes": "30"}) == [
        f"{NAME}:metadata: tipcourse.id is 'l08', not 'l09'",
        f"{NAME}:metadata: tipcourse.minutes must be a whole number of minutes, not '30'",
    ]
    assert problems_of(
        lint.check_metadata, meta={**META, "objectives": META["objectives"][:2]}
    ) == [f"{NAME}:metadata: tipcourse.objectives has 2 objectives, not 3-5"]
    objectives = [
        {"text": "define a thing", "questions": []},
        {"text": "", "questions": ["l09-b", "l09-zz"]},
        META["objectives"][2],
    ]
    assert problems_of(lint.check_metadata, meta={**META, "objectives": objectives}) == [
        f"{NAME}:metadata: objective 1 is assessed by no question (questions: [ids])",
        f"{NAME}:metadata: objective 2 has no text",
        f"{NAME}:metadata: objective 2: l09-zz is not a question of tipcourse/banks/l09.yaml",
    ]


def test_objectives_in_the_prose():
    wrong = (
        OBJECTIVES.replace("(questions 2, 3)", "(questions 2, 4)")
        .replace("(question 1);", ";")
        .replace("a claim", "the claim")
    )
    assert problems_of(lint.check_objectives, replaced(2, new_markdown_cell(wrong))) == [
        f"{NAME}:cell 3: objective 1 cites no questions: add '(question 1)'",
        (
            f"{NAME}:cell 3: objective 2 cites questions 2, 4; its questions l09-b, l09-c are "
            "questions 2, 3"
        ),
        f"{NAME}:cell 3: objective 3 reads differently in the metadata: 'evaluate the claim'",
    ]
    assert problems_of(
        lint.check_objectives, meta={**META, "objectives": META["objectives"] * 2}
    ) == [f"{NAME}:cell 3: the prose lists 3 objectives, the metadata 6"]
    assert problems_of(lint.check_objectives, replaced(2, new_markdown_cell("## Aims"))) == [
        f"{NAME}:notebook: no '## Learning objectives' section"
    ]


def test_only_lesson_files_are_lessons():
    assert lint.lesson_number(Path("notebooks/01_palermo_definition.md")) == "01"
    assert lint.lesson_number(Path("solutions/ex01_palermo_definition.md")) == ""
    assert lint.lesson_number(Path("notebooks/appendix_glossary.ipynb")) == ""


def test_cited_numbers_and_ranges():
    assert lint.cited_numbers("8-13") == [8, 9, 10, 11, 12, 13]
    assert lint.cited_numbers("12, and the worked case before it") == [12]
    assert lint.prose_objectives("1. **place** Art. 3(b) (questions 1, 4-5);\n")[0] == (
        "place Art. 3(b)",
        [1, 4, 5],
    )


@pytest.mark.parametrize(
    "source",
    [
        'from tipcourse import course, data\ncourse.start_lesson("l09")\nplots.style()',
        'from tipcourse import course, data, plots\ncourse.start_lesson("l01")\nplots.style()',
        SETUP + "\nimport pandas as pd",
    ],
)
def test_setup_cell(source):
    assert problems_of(lint.check_setup_cell, replaced(3, new_code_cell(source))) == [
        (
            f"{NAME}:cell 4: the first code cell must be exactly `from tipcourse import course, data, "
            'plots` (more tipcourse modules may be added), `course.start_lesson("l09")`, '
            "`plots.style()`"
        )
    ]


def test_setup_cell_may_import_more_modules():
    source = SETUP.replace("data, plots", "data, law, plots")
    assert problems_of(lint.check_setup_cell, replaced(3, new_code_cell(source))) == []


def test_plots_need_a_text_alternative_and_a_one_sentence_takeaway():
    assert problems_of(lint.check_plots, replaced(7, new_markdown_cell("Some text."))) == [
        (
            f"{NAME}:cell 7: a plot must be followed by a markdown cell starting '*What the plot "
            "shows:*' (its text alternative)"
        )
    ]
    no_takeaway = new_markdown_cell("*What the plot shows:* three bars.")
    assert problems_of(lint.check_plots, replaced(7, no_takeaway)) == [
        f"{NAME}:cell 8: the plot's description needs a one-sentence '**Takeaway:**' paragraph"
    ]
    two = new_markdown_cell(PLOT_TEXT + " It is. See Art. 3 of No. 29.")
    assert problems_of(lint.check_plots, replaced(7, two)) == [
        f"{NAME}:cell 8: the takeaway has 3 sentences, not one"
    ]


def test_a_figure_is_recognised_by_its_code_or_its_image():
    assert lint.is_plot(new_code_cell("fig, ax = plt.subplots()"))
    assert lint.is_plot(new_code_cell("explorer.plot(['Kupang'], 'poverty')"))
    image = {"output_type": "display_data", "data": {"image/png": "iVBOR"}, "metadata": {}}
    assert lint.is_plot(new_code_cell("show()", outputs=[image]))
    assert not lint.is_plot(new_code_cell('data.load("ntt_poverty").head()'))
    assert not lint.is_plot(new_markdown_cell("plots.finish(ax, ...)"))


def test_key_points_and_sources():
    cells = replaced(10, new_markdown_cell("## Sources\n\n- a paper"))
    assert problems_of(lint.check_end_sections, cells) == [
        f"{NAME}:notebook: no '## Key points' section"
    ]
    ends = [new_markdown_cell("## Sources"), new_markdown_cell("## Key points")]
    cells = good_cells()[:-1] + ends
    assert problems_of(lint.check_end_sections, cells) == [
        f"{NAME}:cell 11: '## Sources' must come after '## Key points'"
    ]


def test_headings_in_order():
    cells = good_cells()
    cells[4] = new_markdown_cell("## A section\n\n#### Too deep\n\n```\n# a code comment\n```")
    cells.insert(5, new_markdown_cell("# A second title"))
    assert problems_of(lint.check_headings, cells) == [
        f"{NAME}:cell 5: heading '#### Too deep' skips a level after a level-2 heading",
        f"{NAME}:cell 6: a second level-1 heading '# A second title' (a lesson has one)",
    ]
    assert problems_of(lint.check_headings, [new_markdown_cell("## Untitled")]) == [
        f"{NAME}:cell 1: the first heading '## Untitled' must be the level-1 title"
    ]


def test_every_bank_question_asked_once_in_bank_order():
    cells = good_cells()
    cells[5].source, cells[8].source = 'course.ask("l09-b")', 'course.ask("l09-a")'
    assert problems_of(lint.check_questions, cells) == [
        (
            f"{NAME}:cell 6: l09-b is asked before l09-a, but comes after it in "
            "tipcourse/banks/l09.yaml: put the bank in the lesson's order"
        )
    ]
    cells = good_cells()
    cells[9].source = 'course.ask("l09-a")\ncourse.ask("l09-x")'
    assert problems_of(lint.check_questions, cells) == [
        f"{NAME}:cell 10: l09-a is asked again (first in cell 6)",
        f'{NAME}:cell 10: course.ask("l09-x"): no such question in tipcourse/banks/l09.yaml',
        f"{NAME}:notebook: l09-c of tipcourse/banks/l09.yaml is never asked",
    ]


def part(number, asks, name=None):
    """Part `number` of lesson 09 asking `asks` (lesson() with one cell per question)."""
    cells = good_cells()[:4] + [new_code_cell(f'course.ask("{q}")') for q in asks]
    nb = new_notebook(cells=cells, metadata={"tipcourse": dict(META)})
    return lint.Lesson(name or f"notebooks/09_{number}_part.md", nb, BANK)


def test_a_part_asks_some_questions_and_may_have_two_objectives():
    one = part(1, ["l09-a", "l09-b"])
    assert one.part == 1 and one.number == "09" and one.id == "l09"
    assert lint.check_questions(one) == []
    one.nb.metadata["tipcourse"]["objectives"] = META["objectives"][:2]
    assert lint.objective_metadata_problems(one) == []
    one.nb.metadata["tipcourse"]["objectives"] = META["objectives"][:1]
    assert lint.objective_metadata_problems(one) == [
        "tipcourse.objectives has 1 objectives, not 2-5"
    ]
    assert lint.lesson_part(Path("notebooks/09_test.md")) == 0


def test_the_parts_of_a_lesson_ask_the_bank_once_in_order():
    first = "notebooks/09_1_part.md"
    assert lint.part_problems([part(1, ["l09-a"]), part(2, ["l09-b", "l09-c"])]) == []
    assert lint.part_problems([part(1, ["l09-a"]), part(2, ["l09-b"])]) == [
        f"{first}: l09-c of tipcourse/banks/l09.yaml is asked in none of its parts"
    ]
    assert lint.part_problems([part(1, ["l09-a", "l09-b"]), part(2, ["l09-b", "l09-c"])]) == [
        f"notebooks/09_2_part.md: l09-b is asked again (first in {first})"
    ]
    assert lint.part_problems([part(1, ["l09-a", "l09-c"]), part(2, ["l09-b"])]) == [
        f"{first}: the parts ask tipcourse/banks/l09.yaml out of its order (part 1 asks its "
        "first questions, part 2 the next ones)"
    ]
    assert lint.part_problems([part(1, ["l09-a"]), part(3, ["l09-b", "l09-c"])]) == [
        f"{first}: lesson 09's parts are 1, 3, not 1, 2, ..."
    ]


def test_one_part_is_linted_with_its_siblings(tmp_path):
    import jupytext

    folder = tmp_path / "notebooks"
    folder.mkdir()
    for number, asks in ((1, ["l09-a"]), (2, ["l09-b"])):
        jupytext.write(part(number, asks).nb, folder / f"09_{number}_part.md", fmt="md:myst")
    (parts,) = lint.lesson_parts([lint.load_lesson(folder / "09_1_part.md", tmp_path)], tmp_path)
    assert [p.name for p in parts] == ["notebooks/09_1_part.md", "notebooks/09_2_part.md"]
    assert [q for p in parts for _, q in lint.asked(p.nb)] == ["l09-a", "l09-b"]


# --- released ids -----------------------------------------------------------------------------


def test_a_released_id_that_is_gone_is_named(tmp_path):
    (tmp_path / "tipcourse" / "banks").mkdir(parents=True)
    (tmp_path / "tipcourse" / "outlines").mkdir()
    (tmp_path / "tipcourse" / "banks" / "released_ids.txt").write_text(
        "# comment\nl09-a\nl09-old\nl08-other\n"
    )
    (tmp_path / "tipcourse" / "outlines" / "ex09.json").write_text(
        json.dumps({"exercise": "ex09", "questions": [{"id": "ex09-q1"}, {"id": "ex09-q2"}]})
    )
    current = {"l09": BANK, "ex09": ["ex09-q1"]}
    assert lint.released_problems(current, tmp_path) == [
        (
            f"{tmp_path}/tipcourse/banks/released_ids.txt:3: released question l09-old is gone from "
            "l09 (saved answers and gradebook columns use its id: keep it)"
        ),
        (
            f"{tmp_path}/tipcourse/outlines/ex09.json:question 2: released question ex09-q2 is gone "
            "from ex09 (saved answers and gradebook columns use its id: keep it)"
        ),
    ]


def test_record_only_adds_ids(tmp_path):
    banks = tmp_path / "tipcourse" / "banks"
    banks.mkdir(parents=True)
    (tmp_path / "tipcourse" / "outlines").mkdir()
    (banks / "l09.yaml").write_text("- id: l09-a\n- id: l09-b\n")
    (banks / "released_ids.txt").write_text("# header\nl09-gone\nl09-a\n")
    assert lint.record_released(tmp_path) == ["l09-b"]
    assert (banks / "released_ids.txt").read_text() == "# header\nl09-gone\nl09-a\nl09-b\n"
    assert lint.record_released(tmp_path) == []


def test_the_command_prints_problems_and_fails(tmp_path, capsys):
    source = tmp_path / "09_test.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("# 09 A test")]), source)
    assert main(["lint", str(source), str(tmp_path / "notes.md")]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{tmp_path / 'notes.md'}: not a lesson (notebooks/NN_<slug>.md)"
    assert f"{source}:metadata: no 'tipcourse' mapping (id, minutes, objectives)" in out
