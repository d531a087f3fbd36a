"""Reading a lesson plan (`parse_plan`): the rows of its 90-minute session table, its
discussion questions with their notes, the content note to read out and what to watch for, the
formative check. Its sections are found by the fixed words of its language (the plan's folder:
instructor/lesson_plans/ or id/; authoring/markers.py)."""

from __future__ import annotations

import re

from ...authoring.markers import PlanMarkers, plan_markers
from .model import Discussion, Plan, Row


def sections(markdown: str) -> dict[str, str]:
    """`## Heading` -> its text, for every second-level heading."""
    found: dict[str, str] = {}
    for match in re.finditer(r"(?m)^## (.+)\n((?:(?!^## ).*\n?)*)", markdown):
        found[match.group(1).strip()] = match.group(2)
    return found


def _section(found: dict[str, str], start: str) -> str | None:
    return next((text for name, text in found.items() if name.startswith(start)), None)


def parse_plan(text: str, language: str = "en") -> Plan:
    """A lesson plan -> its session rows, discussion questions and notes on the subject.
    What is missing is listed in `problems` (the deck is made without it)."""
    marks, found = plan_markers(language), sections(text)
    plan = Plan(language=language)
    session = _section(found, marks.session)
    if session is None:
        plan.problems.append(f"no `## {marks.session}` section")
    else:
        plan.rows = _rows(session)
        if not plan.rows:
            plan.problems.append(f"no table rows under `## {marks.session}`")
    questions = _section(found, marks.discussions)
    if questions is None:
        plan.problems.append(f"no `## {marks.discussions}` section")
    else:
        plan.discussions = _discussions(questions)
    _read_watch(plan, _section(found, marks.watch), marks)
    formative = re.search(rf"(?ms)^{re.escape(marks.formative)}.*", found.get(marks.assessment, ""))
    plan.formative = formative.group(0).strip() if formative else ""
    return plan


def _read_watch(plan: Plan, watch: str | None, marks: PlanMarkers) -> None:
    if watch is None:
        plan.problems.append(f"no `## {marks.watch}` section")
        return
    plan.read_out, plan.watch = _watch(watch, marks)
    if not plan.read_out:
        plan.problems.append(f"no **{marks.read_out}:** under `## {marks.watch}`")


def _rows(table: str) -> list[Row]:
    rows = []
    for line in table.splitlines():
        if not line.startswith("|"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) != 4 or not re.fullmatch(r"\d+", cells[0]):
            continue  # the header, the rule, or a row of another shape
        rows.append(Row(int(cells[0]), *cells[1:]))
    return rows


def _discussions(text: str) -> list[Discussion]:
    found = []
    for match in re.finditer(r"(?ms)^(\d+)\.\s+(.*?)(?=^\d+\.\s|\Z)", text):
        body = " ".join(match.group(2).split())
        bold = re.match(r"\*\*(.+?)\*\*\s*(.*)", body)
        question, notes = (bold.group(1), bold.group(2)) if bold else _first_question(body)
        found.append(Discussion(int(match.group(1)), question, notes))
    return found


def _first_question(body: str) -> tuple[str, str]:
    end = body.find("?") + 1 or len(body)
    return body[:end], body[end:].strip()


def _watch(text: str, marks: PlanMarkers) -> tuple[str, str]:
    """(the content note to read out, the other bullets)."""
    read_out, rest = "", []
    label = re.compile(rf"\*\*{re.escape(marks.read_out)}\b.*?\*\*:?")
    for item in (i.strip() for i in re.split(r"(?m)^- ", text.strip()) if i.strip()):
        item = " ".join(item.split())
        found = label.match(item)
        if found and not read_out:
            said = item[found.end() :].strip()
            quoted = re.search(r'["“](.*)["”]', said)
            read_out = quoted.group(1) if quoted else said
        else:
            rest.append("- " + item)
    return read_out, "\n".join(rest)
