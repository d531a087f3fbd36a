"""Lesson plans (instructor/lesson_plans/): one per lesson (a lesson in two parts, NN_1_* and
NN_2_*, has one plan for both), with the agreed sections,
session tables whose minutes add up to 90 and 180, and only question ids that exist.

The checks are plain functions that return a list of problems, so that the last test can
show each of them failing on a deliberately broken plan.
"""

import json
import re
from pathlib import Path

import pytest

from tipcourse.authoring.lint import bank_ids, prose_objectives
from tipcourse.authoring.markers import markers
from tipcourse.quiz.banks import lessons, load_bank

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "instructor" / "lesson_plans"
NOTEBOOKS = ROOT / "notebooks"
KEYS = ROOT / "solutions" / "keys"

SESSIONS = {"90-minute session": 90, "3-hour session": 180}
SECTIONS = (
    *SESSIONS,
    "Discussion questions",
    "What to watch for with a distressing subject",
    "Assessment",
)
# The Indonesian plans (instructor/lesson_plans/id/, written by `translate`) have the same
# structure under these fixed headings: the checks read a plan through this table.
INDONESIAN = {
    "90-minute session": "Sesi 90 menit",
    "3-hour session": "Sesi 3 jam",
    "Discussion questions": "Pertanyaan diskusi",
    "What to watch for with a distressing subject": (
        "Hal yang perlu diperhatikan pada topik yang berat"
    ),
    "Assessment": "Penilaian",
    "Learning objectives": "Tujuan pembelajaran",
}
QUESTION_ID = re.compile(r"\b(?:l\d\d|ex\d\d)-[a-z0-9-]+")
TOTAL = re.compile(r"(?:Exercise total: (\d+) points|Total latihan: (\d+) poin)")
NUMBERED = re.compile(r"^\d+\.\s", re.M)


def lesson_notebooks(folder=NOTEBOOKS):
    return sorted(folder.glob("[0-9][0-9]_*.ipynb"))


def lessons_in(folder=NOTEBOOKS):
    """{"05": [its notebooks: the lesson, or its parts in order]} for a folder of lessons."""
    found = {}
    for notebook in lesson_notebooks(folder):
        found.setdefault(notebook.stem[:2], []).append(notebook)
    return found


def plan_folder(folder):
    return PLANS / "id" if folder.name == "id" else PLANS


def plan_for(folder, number):
    """The plan of lesson `number` (its file NN_<slug>.md), in the language of `folder`."""
    (plan,) = plan_folder(folder).glob(f"{number}_*.md")
    return plan


def english_headings(text):
    """An Indonesian plan with its fixed headings put back in English, so that one set of
    checks reads both editions; an English plan unchanged."""
    for english, indonesian in INDONESIAN.items():
        text = re.sub(rf"^## {re.escape(indonesian)}\s*$", f"## {english}", text, flags=re.M)
    return re.sub(r"^\| menit \|", "| minutes |", text, flags=re.M)


def key(number):
    """The answer key of exercise `number` ('01'), or None if the lesson has no exercise."""
    path = KEYS / f"ex{number}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def known_ids():
    ids = {qid for lesson in lessons() for qid in load_bank(lesson)}
    for path in KEYS.glob("ex[0-9][0-9].json"):
        ids |= {q["id"] for q in json.loads(path.read_text(encoding="utf-8"))["questions"]}
    return ids


def sections(text):
    """{heading: body} for every level-2 heading (`## heading`) of a Markdown text."""
    parts = re.split(r"^## +(.+?)\s*$", text, flags=re.M)
    return {heading: body for heading, body in zip(parts[1::2], parts[2::2], strict=True)}


def table_minutes(body):
    """The minutes of each row of the first Markdown table in `body`.

    The table's first column must be headed `minutes` and hold a whole number in every row.
    Raises ValueError otherwise, or if there is no table.
    """
    lines = body.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("|")), None)
    if start is None:
        raise ValueError("no table")
    rows = []
    for line in lines[start:]:
        if not line.lstrip().startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    header, separator, body_rows = rows[0], rows[1] if len(rows) > 1 else [], rows[2:]
    if header[0].lower() != "minutes":
        raise ValueError(f"first column is headed {header[0]!r}, not 'minutes'")
    if not separator or not all(set(cell) <= set(":-") and cell for cell in separator):
        raise ValueError("the header is not followed by a separator row")
    if not body_rows:
        raise ValueError("the table has no rows")
    minutes = []
    for row in body_rows:
        if not row[0].isdigit() or int(row[0]) == 0:
            raise ValueError(
                f"row {row[:2]} does not start with a positive whole number of minutes"
            )
        minutes.append(int(row[0]))
    return minutes


def section_problems(text):
    found = sections(text)
    return [f"missing section '## {name}'" for name in SECTIONS if name not in found]


def session_problems(text):
    found, problems = sections(text), []
    for name, expected in SESSIONS.items():
        if name not in found:
            problems.append(f"missing section '## {name}'")
            continue
        try:
            total = sum(table_minutes(found[name]))
        except ValueError as error:
            problems.append(f"{name}: {error}")
            continue
        if total != expected:
            problems.append(f"{name}: the blocks add up to {total} minutes, not {expected}")
    return problems


def id_problems(text, known):
    mentioned = {qid.rstrip("-") for qid in QUESTION_ID.findall(text)}
    return [f"unknown question id {qid}" for qid in sorted(mentioned - known)]


def discussion_problems(text):
    body = sections(text).get("Discussion questions", "")
    count = len(NUMBERED.findall(body))
    return [] if 4 <= count <= 6 else [f"{count} numbered discussion questions, not 4-6"]


def assessment_problems(text, number):
    body, exercise = sections(text).get("Assessment", ""), key(number)
    if exercise is None:
        return (
            []
            if "no graded exercise" in body or "tidak memiliki latihan bernilai" in body
            else ["lesson without an exercise must say 'no graded exercise'"]
        )
    problems = []
    stated = [a or b for a, b in TOTAL.findall(body)]
    total = sum(q["points"] for q in exercise["questions"])
    if stated != [str(total)]:
        problems.append(f"Assessment states total {stated}, the key's total is {total}")
    for question in exercise["questions"]:
        if question["kind"] == "open" and question["id"] not in body:
            problems.append(f"Assessment does not name the open question {question['id']}")
    return problems


def lesson_metadata(notebooks):
    """The lesson's `tipcourse` metadata (id, minutes, objectives with question ids); for a
    lesson in parts, its parts' objectives in order and their minutes added up."""
    metas = [
        json.loads(nb.read_text(encoding="utf-8"))["metadata"].get("tipcourse", {})
        for nb in notebooks
    ]
    return {
        **metas[0],
        "minutes": sum(m.get("minutes", 0) for m in metas),
        "objectives": [o for m in metas for o in m.get("objectives", [])],
    }


def objective_problems(text, meta):
    """The plan's objectives ("As in the notebook") cite the numbers of the lesson's metadata
    questions: their positions in the bank ("(questions 1, 2)", in Indonesian "(soal 1, 2)")."""
    bank = bank_ids(meta["id"])
    marks = markers(meta.get("language"))
    prose = prose_objectives(sections(text).get("Learning objectives", ""), marks)
    if len(prose) != len(meta["objectives"]):
        return [f"{len(prose)} objectives, the lesson has {len(meta['objectives'])}"]
    problems = []
    for n, ((_, cited), objective) in enumerate(
        zip(prose, meta["objectives"], strict=True), start=1
    ):
        expected = sorted(bank.index(q) + 1 for q in objective["questions"])
        if sorted(set(cited or [])) != expected:
            problems.append(f"objective {n} cites {cited}, the lesson {expected}")
    return problems


def live_use_problems(text, number):
    """The sessions use the lesson's own self-checks, and its exercise where there is one."""
    found = sections(text)
    sessions = "".join(found.get(name, "") for name in SESSIONS)
    used = set(QUESTION_ID.findall(sessions))
    problems = []
    if not used & set(load_bank(f"l{number}")):
        problems.append(f"the sessions use no self-check question of l{number}")
    exercise = key(number)
    if exercise and not used & {q["id"] for q in exercise["questions"]}:
        problems.append(f"the sessions give no part of ex{number} to do in class")
    return problems


LESSON_PARAMS = [
    pytest.param(folder, number, id=f"{prefix}{number}")
    for folder, prefix in ((NOTEBOOKS, ""), (NOTEBOOKS / "id", "id-"))
    for number in lessons_in(folder)
]


def plan_text(folder, number):
    return english_headings(plan_for(folder, number).read_text(encoding="utf-8"))


def test_every_lesson_has_one_plan_and_every_plan_a_lesson():
    for folder in (NOTEBOOKS, NOTEBOOKS / "id"):
        numbers = set(lessons_in(folder))
        plans = [p.stem[:2] for p in plan_folder(folder).glob("[0-9][0-9]_*.md")]
        assert len(numbers) >= 9, f"expected lessons 00-08 in {folder}"
        assert numbers - set(plans) == set(), "lessons without a plan"
        assert set(plans) - numbers == set(), "plans without a lesson (renumbered?)"
        assert sorted(plans) == sorted(set(plans)), "a lesson with two plans"


def test_a_lesson_in_parts_adds_its_parts_objectives_and_minutes():
    split = [nbs for nbs in lessons_in().values() if len(nbs) > 1]
    assert split, "no lesson in parts"
    parts = split[0]
    merged = lesson_metadata(parts)
    one, two = lesson_metadata(parts[:1]), lesson_metadata(parts[1:])
    assert merged["objectives"] == one["objectives"] + two["objectives"]
    assert merged["minutes"] == one["minutes"] + two["minutes"] == 90


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_plan_has_the_sections(folder, number):
    text = plan_text(folder, number)
    assert section_problems(text) == []
    assert "SAPA 129" in sections(text)["What to watch for with a distressing subject"]


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_session_tables_add_up_to_90_and_180_minutes(folder, number):
    assert session_problems(plan_text(folder, number)) == []


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_every_question_id_exists(folder, number):
    text = plan_text(folder, number)
    assert QUESTION_ID.search(text), "the plan names no question at all"
    assert id_problems(text, known_ids()) == []


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_objectives_cite_the_lessons_question_numbers(folder, number):
    text = plan_text(folder, number)
    assert objective_problems(text, lesson_metadata(lessons_in(folder)[number])) == []


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_plan_links_each_notebook_of_its_lesson(folder, number):
    text = plan_text(folder, number)
    for notebook in lessons_in(folder)[number]:
        assert f"{notebook.stem}.ipynb" in text, f"the plan does not name {notebook.name}"


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_sessions_use_the_lessons_questions(folder, number):
    assert live_use_problems(plan_text(folder, number), number) == []


@pytest.mark.parametrize(("folder", "number"), LESSON_PARAMS)
def test_discussion_and_assessment(folder, number):
    text = plan_text(folder, number)
    assert discussion_problems(text) == []
    assert assessment_problems(text, number) == []


def test_index_links_every_plan_and_the_readme_links_the_index():
    index = (PLANS / "README.md").read_text(encoding="utf-8")
    for number in lessons_in():
        plan = plan_for(NOTEBOOKS, number)
        assert f"({plan.name})" in index, f"index has no link to {plan.name}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(instructor/lesson_plans/README.md)" in readme


BROKEN = """# Lesson plan 01

## 90-minute session

| minutes | activity | lecturer | students |
|---|---|---|---|
| 40 | a | b | c |
| 45 | use `l01-consent` and `l01-no-such-question` | b | c |

## 3-hour session

| block | activity |
|---|---|
| 180 | a |

## Discussion questions

1. One question only.

## Assessment

Exercise total: 3 points.
"""


def test_the_checks_catch_a_broken_plan():
    """Each check fails on a plan with the faults it is meant to find."""
    assert "missing section '## What to watch for with a distressing subject'" in section_problems(
        BROKEN
    )
    problems = session_problems(BROKEN)
    assert "90-minute session: the blocks add up to 85 minutes, not 90" in problems
    assert any(p.startswith("3-hour session: first column is headed 'block'") for p in problems)
    assert id_problems(BROKEN, known_ids()) == ["unknown question id l01-no-such-question"]
    assert discussion_problems(BROKEN) == ["1 numbered discussion questions, not 4-6"]
    assessment = assessment_problems(BROKEN, "01")
    assert any("total ['3']" in p for p in assessment)
    assert "Assessment does not name the open question ex01-apply" in assessment
    meta = {"id": "l01", "objectives": [{"questions": ["l01-consent"]}]}
    assert objective_problems(
        "## Learning objectives\n\n1. **apply** it (question 2).\n", meta
    ) == ["objective 1 cites [2], the lesson [3]"]
    assert objective_problems(BROKEN, meta) == ["0 objectives, the lesson has 1"]
    assert live_use_problems(BROKEN, "02") == [
        "the sessions use no self-check question of l02",
        "the sessions give no part of ex02 to do in class",
    ]
    with pytest.raises(ValueError, match="no table"):
        table_minutes("no table here")
    with pytest.raises(ValueError, match="positive whole number"):
        table_minutes("| minutes | a |\n|---|---|\n| ten | x |\n")
