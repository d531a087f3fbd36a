"""The lesson checker (`python -m tipcourse lint [paths...]`): what docs/AUTHORING.md asks of a
lesson, checked in its text source.

It reads the MyST Markdown sources `notebooks/NN_*.md` through jupytext, not the `.ipynb`: the
`.md` is what authors edit, so lint judges the text before anyone executes or re-pairs the
notebook, and it needs no outputs (a plot is recognised by the code that draws it). An `.ipynb`
given on the command line is read as it is, and there an image output also counts as a plot.

Each check takes a `Lesson` and returns `(where, problem)` pairs, `where` being `cell N`
(counted from 1, the same in both files of a pair), `metadata` or `notebook`; `lint` prints
them as `file:where: problem`. Question ids are the lesson's contract with saved answers and
gradebook columns, so lint also fails when an id recorded as released (the record
`tipcourse/banks/released_ids.txt`, the exercise outlines `tipcourse/outlines/`) is missing
from its bank or solution notebook.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from nbformat import NotebookNode

from ..paths import BANKS, ROOT
from .markers import MARKERS, Markers, language_of, markers

# NN_<slug> is a lesson; NN_K_<slug> is part K of lesson NN (a 90-minute lesson is opened as
# two notebooks, so that each runs in the time a student waits for; docs/AUTHORING.md).
LESSON_FILE = re.compile(r"(\d\d)(?:_(\d))?_[\w-]+\.(?:md|ipynb)")
ASK = re.compile(r"""\bcourse\.ask\(\s*["']([^"']+)["']""")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
ITEM = re.compile(r"^\d+\.\s+(.*?)(?=^\d+\.\s|^\s*$|\Z)", re.MULTILINE | re.DOTALL)
NUMBER = re.compile(r"(\d+)(?:\s*[-–]\s*(\d+))?")
FIGURE = re.compile(
    r"\bplots\.finish\(|\bplt\.(?:subplots|figure)\(|\.plot(?:\.\w+)?\(|"
    r"\bprogress\.draw\("
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z])")
SETUP_IMPORTS = {"course", "data", "plots"}

Finding = tuple[str, str]


@dataclass
class Lesson:
    """One lesson notebook, with what the checks compare it to."""

    name: str  # as shown in problems, e.g. notebooks/01_palermo_definition.md
    nb: NotebookNode
    bank: tuple[str, ...]  # the ids of tipcourse/banks/lNN.yaml, in order

    @property
    def number(self) -> str:
        return lesson_number(Path(self.name))

    @property
    def part(self) -> int:
        """K of part K (NN_K_<slug>), 0 for a lesson in one notebook."""
        return lesson_part(Path(self.name))

    @property
    def id(self) -> str:
        return f"l{self.number}"

    @property
    def meta(self) -> dict:
        meta = self.nb.metadata.get("tipcourse")
        return meta if isinstance(meta, dict) else {}

    @property
    def bank_file(self) -> str:
        return f"tipcourse/banks/{self.id}.yaml"

    @property
    def language(self) -> str:
        return language_of(self.nb)

    @property
    def marks(self) -> Markers:
        """The fixed words of its structure in its language (authoring.markers)."""
        return markers(self.language)


def minutes_pattern(marks: Markers) -> re.Pattern:
    return re.compile(rf"\b(\d+)\s+{marks.minutes}\b")


def citation_pattern(marks: Markers) -> re.Pattern:
    words = "|".join(dict.fromkeys((re.escape(marks.questions), re.escape(marks.question))))
    return re.compile(rf"\s*\(({words})\s+([^()]*)\)")


def takeaway_pattern(marks: Markers) -> re.Pattern:
    label = re.escape(marks.takeaway.rstrip(":"))
    return re.compile(rf"^\*\*{label}:?\*\*:?(.*?)(?:\n\s*\n|\Z)", re.MULTILINE | re.DOTALL)


# --- reading ----------------------------------------------------------------------------------


def read_notebook(path: Path) -> NotebookNode:
    """A lesson's .md (through jupytext) or .ipynb (nbformat) as a notebook node."""
    if path.suffix == ".md":
        import jupytext

        return jupytext.read(path)
    import nbformat

    return nbformat.read(path, as_version=4)


def bank_ids(lesson: str, banks: Path = BANKS) -> tuple[str, ...]:
    """The question ids of a bank in order (read as YAML only: validating the specs is the
    bank loader's job, and a lint of the structure should not stop at a bad feedback text)."""
    from ..quiz.banks import parse_yaml

    path = banks / f"{lesson}.yaml"
    if not path.exists():
        return ()
    specs = parse_yaml(path.read_text(encoding="utf-8")) or []
    return tuple(s["id"] for s in specs if isinstance(s, dict) and "id" in s)


def display_name(path: Path, root: Path = ROOT) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def lesson_number(path: Path) -> str:
    """ "01" for notebooks/01_x.md (or .ipynb); "" for a file that is not a lesson."""
    match = LESSON_FILE.fullmatch(Path(path).name)
    return match.group(1) if match else ""


def lesson_part(path: Path) -> int:
    """2 for notebooks/05_2_x.md; 0 for a lesson in one notebook (or not a lesson)."""
    match = LESSON_FILE.fullmatch(Path(path).name)
    return int(match.group(2)) if match and match.group(2) else 0


def load_lesson(path: Path, root: Path = ROOT) -> Lesson:
    number = lesson_number(path)
    bank = bank_ids(f"l{number}", root / "tipcourse" / "banks") if number else ()
    return Lesson(display_name(path, root), read_notebook(Path(path)), bank)


# --- helpers on cells -------------------------------------------------------------------------


def at(index: int, problem: str) -> Finding:
    return f"cell {index + 1}", problem


def markdown_cells(nb: NotebookNode) -> list[tuple[int, str]]:
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "markdown"]


def code_cells(nb: NotebookNode) -> list[tuple[int, str]]:
    return [(i, c.source) for i, c in enumerate(nb.cells) if c.cell_type == "code"]


def headings(nb: NotebookNode) -> list[tuple[int, int, str]]:
    """(cell index, level, text) of every Markdown heading, outside fenced code blocks."""
    found = []
    for i, source in markdown_cells(nb):
        fenced = False
        for line in source.splitlines():
            if FENCE.match(line):
                fenced = not fenced
            elif not fenced and (match := HEADING.match(line)):
                found.append((i, len(match.group(1)), match.group(2)))
    return found


def heading_cell(nb: NotebookNode, text: str, level: int = 2) -> int | None:
    return next((i for i, lv, t in headings(nb) if lv == level and t == text), None)


def plain(markdown: str) -> str:
    """Markdown -> one line of text without emphasis or code marks, for comparing."""
    text = re.sub(r"[*`]+", "", markdown)
    return " ".join(text.split())


def cited_numbers(citation: str) -> list[int]:
    """`1, 5, 9` -> [1, 5, 9]; `8-13` -> 8..13; words after the numbers are ignored."""
    numbers = []
    for first, last in NUMBER.findall(citation):
        numbers += range(int(first), int(last or first) + 1)
    return numbers


def prose_objectives(
    source: str, marks: Markers = MARKERS["en"]
) -> list[tuple[str, list[int] | None]]:
    """(text without the citation, cited question numbers or None) of each numbered item."""
    items, citation = [], citation_pattern(marks)
    for item in ITEM.findall(source):
        citations = list(citation.finditer(item))
        numbers = cited_numbers(citations[-1].group(2)) if citations else None
        text = citation.sub("", item) if citations else item
        items.append((plain(text).rstrip(";.,: "), numbers))
    return items


def is_plot(cell: NotebookNode) -> bool:
    """A cell that draws a figure: plots.finish, a new figure, a pandas or matplotlib plot call,
    or (in an executed .ipynb) an image output."""
    if cell.cell_type != "code":
        return False
    images = any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
    return images or bool(FIGURE.search(cell.source))


def sentences(text: str) -> int:
    return len([s for s in SENTENCE_END.split(" ".join(text.split())) if s.strip()])


# --- the checks -------------------------------------------------------------------------------


def check_title(lesson: Lesson) -> list[Finding]:
    """`# NN Title`, then a line on what the lesson covers and how long it takes."""
    cells = lesson.nb.cells
    source = cells[0].source.strip() if cells and cells[0].cell_type == "markdown" else ""
    first, _, rest = source.partition("\n")
    if not re.match(rf"# {lesson.number} \S", first):
        return [at(0, f"the lesson must open with its title line '# {lesson.number} <title>'")]
    paragraph = rest.strip().split("\n\n")[0]
    found = minutes_pattern(lesson.marks).findall(paragraph)
    if not paragraph or not found:
        return [
            at(
                0,
                "the title must be followed by a line on what the lesson covers and how "
                f"long it takes ('{lesson.marks.duration}')",
            )
        ]
    minutes = lesson.meta.get("minutes")
    if minutes is not None and found[-1] != str(minutes):
        return [at(0, f"the title line says {found[-1]} minutes, the metadata {minutes}")]
    return []


def check_content_note(lesson: Lesson) -> list[Finding]:
    """A content-note blockquote before the learning objectives."""
    marks = lesson.marks
    stop = heading_cell(lesson.nb, marks.objectives)
    before = [s for i, s in markdown_cells(lesson.nb) if stop is None or i < stop]
    start = f"> **{marks.content_note}**"
    if any(s.lstrip().startswith(start) for s in before):
        return []
    note = f"no content note (a blockquote starting '{start}') before '## {marks.objectives}'"
    return [("notebook", note)]


def check_metadata(lesson: Lesson) -> list[Finding]:
    """tipcourse: {id, minutes, objectives: [{text, questions}]}, the questions in the bank."""
    if not lesson.meta:
        return [("metadata", "no 'tipcourse' mapping (id, minutes, objectives)")]
    problems = []
    if lesson.meta.get("id") != lesson.id:
        problems.append(f"tipcourse.id is {lesson.meta.get('id')!r}, not '{lesson.id}'")
    minutes = lesson.meta.get("minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
        problems.append(f"tipcourse.minutes must be a whole number of minutes, not {minutes!r}")
    problems += objective_metadata_problems(lesson)
    return [("metadata", p) for p in problems]


def objective_metadata_problems(lesson: Lesson) -> list[str]:
    objectives = lesson.meta.get("objectives")
    low = 2 if lesson.part else 3  # half a lesson may have two
    if not isinstance(objectives, list) or not low <= len(objectives) <= 5:
        count = len(objectives) if isinstance(objectives, list) else 0
        return [f"tipcourse.objectives has {count} objectives, not {low}-5"]
    problems = []
    for n, objective in enumerate(objectives, start=1):
        objective = objective if isinstance(objective, dict) else {}
        questions = objective.get("questions")
        if not isinstance(objective.get("text"), str) or not objective["text"].strip():
            problems.append(f"objective {n} has no text")
        if not isinstance(questions, list) or not questions:
            problems.append(f"objective {n} is assessed by no question (questions: [ids])")
            continue
        problems += [
            f"objective {n}: {qid} is not a question of {lesson.bank_file}"
            for qid in questions
            if qid not in lesson.bank
        ]
    return problems


def check_objectives(lesson: Lesson) -> list[Finding]:
    """The prose list of objectives says what the metadata says, citing the question numbers
    (positions in the bank) of the metadata's question ids."""
    index = heading_cell(lesson.nb, lesson.marks.objectives)
    if index is None:
        return [("notebook", f"no '## {lesson.marks.objectives}' section")]
    prose = prose_objectives(lesson.nb.cells[index].source, lesson.marks)
    meta = lesson.meta.get("objectives")
    if not isinstance(meta, list) or not lesson.meta:
        return []  # check_metadata reports it
    if len(prose) != len(meta):
        return [at(index, f"the prose lists {len(prose)} objectives, the metadata {len(meta)}")]
    problems = []
    for n, ((text, cited), objective) in enumerate(zip(prose, meta, strict=True), start=1):
        problems += objective_problems(lesson, n, text, cited, objective)
    return [at(index, p) for p in problems]


def objective_problems(
    lesson: Lesson, n: int, text: str, cited: list[int] | None, objective: dict
) -> list[str]:
    objective = objective if isinstance(objective, dict) else {}
    problems = []
    if plain(str(objective.get("text", ""))) != text:
        problems.append(f"objective {n} reads differently in the metadata: {text!r}")
    ids = [q for q in objective.get("questions") or [] if q in lesson.bank]
    expected = sorted(lesson.bank.index(q) + 1 for q in ids)
    if cited is None:
        problems.append(
            f"objective {n} cites no questions: add '({_cite(expected, lesson.marks)})'"
        )
    elif sorted(set(cited)) != expected:
        problems.append(
            f"objective {n} cites {_cite(sorted(set(cited)), lesson.marks)}; its questions "
            f"{', '.join(ids)} are {_cite(expected, lesson.marks)}"
        )
    return problems


def _cite(numbers: list[int], marks: Markers) -> str:
    word = marks.question if len(numbers) == 1 else marks.questions
    return f"{word} {', '.join(map(str, numbers))}"


def check_setup_cell(lesson: Lesson) -> list[Finding]:
    """The first code cell imports course, data and plots (and other tipcourse modules if the
    lesson needs them), starts the lesson and sets the plot style: nothing else."""
    cells = code_cells(lesson.nb)
    if not cells:
        return [("notebook", "no code cell: the first one must start the lesson")]
    index, source = cells[0]
    lines = [line.rstrip() for line in source.strip().splitlines()]
    match = re.fullmatch(r"from tipcourse import ([\w, ]+)", lines[0]) if lines else None
    names = {n.strip() for n in match.group(1).split(",")} if match else set()
    language = "" if lesson.language == "en" else f', language="{lesson.language}"'
    start = f'course.start_lesson("{lesson.id}"{language})'
    if SETUP_IMPORTS <= names and lines[1:] == [start, "plots.style()"]:
        return []
    return [
        at(
            index,
            "the first code cell must be exactly `from tipcourse import course, data, "
            f"plots` (more tipcourse modules may be added), "
            f"`{start}`, `plots.style()`",
        )
    ]


def check_plots(lesson: Lesson) -> list[Finding]:
    """Every plot: then a `*What the plot shows:*` cell with a one-sentence **Takeaway:**."""
    cells, problems = lesson.nb.cells, []
    plot_text = f"*{lesson.marks.plot_text}*"
    for i, cell in enumerate(cells):
        if not is_plot(cell):
            continue
        after = cells[i + 1] if i + 1 < len(cells) else None
        if (
            after is None
            or after.cell_type != "markdown"
            or not after.source.lstrip().startswith(plot_text)
        ):
            problems.append(
                at(
                    i,
                    f"a plot must be followed by a markdown cell starting "
                    f"'{plot_text}' (its text alternative)",
                )
            )
            continue
        problems += [at(i + 1, p) for p in takeaway_problems(after.source, lesson.marks)]
    return problems


def takeaway_problems(source: str, marks: Markers = MARKERS["en"]) -> list[str]:
    match = takeaway_pattern(marks).search(source)
    if not match or not match.group(1).strip():
        label = f"**{marks.takeaway}**"
        return [f"the plot's description needs a one-sentence '{label}' paragraph"]
    count = sentences(match.group(1))
    return [] if count == 1 else [f"the takeaway has {count} sentences, not one"]


def check_end_sections(lesson: Lesson) -> list[Finding]:
    """`## Key points`, then `## Sources`."""
    names = (lesson.marks.key_points, lesson.marks.sources)
    key, sources = (heading_cell(lesson.nb, h) for h in names)
    problems = [
        ("notebook", f"no '## {name}' section")
        for name, index in zip(names, (key, sources), strict=True)
        if index is None
    ]
    if key is not None and sources is not None and sources < key:
        problems.append(at(sources, f"'## {names[1]}' must come after '## {names[0]}'"))
    return problems


def check_headings(lesson: Lesson) -> list[Finding]:
    """One `#` (the title, first), then no level skipped: JupyterLab's outline is the lesson's."""
    problems, previous = [], 0
    for index, level, text in headings(lesson.nb):
        if level == 1 and previous:
            problems.append(at(index, f"a second level-1 heading '# {text}' (a lesson has one)"))
        elif not previous and level != 1:
            problems.append(
                at(index, f"the first heading '{'#' * level} {text}' must be the level-1 title")
            )
        elif previous and level > previous + 1:
            problems.append(
                at(
                    index,
                    f"heading '{'#' * level} {text}' skips a level after a "
                    f"level-{previous} heading",
                )
            )
        previous = level
    return problems


def asked(nb: NotebookNode) -> list[tuple[int, str]]:
    """(cell index, id) of every course.ask("id") call, in order."""
    return [(i, qid) for i, source in code_cells(nb) for qid in ASK.findall(source)]


def check_questions(lesson: Lesson) -> list[Finding]:
    """Every bank question asked exactly once, in the bank's order (the widgets' numbers are
    positions in the bank), and nothing asked that the bank lacks. A part asks some of them:
    `part_problems` checks that the parts of a lesson together ask each once, in order."""
    problems, first = [], {}
    for index, qid in asked(lesson.nb):
        if qid not in lesson.bank:
            problems.append(
                at(index, f"course.ask(\"{qid}\"): no such question in {lesson.bank_file}")
            )
        elif qid in first:
            problems.append(at(index, f"{qid} is asked again (first in cell {first[qid] + 1})"))
        else:
            first[qid] = index
    if not lesson.part:
        problems += [
            ("notebook", f"{qid} of {lesson.bank_file} is never asked")
            for qid in lesson.bank
            if qid not in first
        ]
    return problems + order_problems(lesson, first)


def order_problems(lesson: Lesson, first: dict[str, int]) -> list[Finding]:
    """The first question asked out of the bank's order (one is enough to fix the rest)."""
    expected = [q for q in lesson.bank if q in first]
    for got, want in zip(first, expected, strict=False):
        if got != want:
            return [
                at(
                    first[got],
                    f"{got} is asked before {want}, but comes after it in "
                    f"{lesson.bank_file}: put the bank in the lesson's order",
                )
            ]
    return []


def part_problems(parts: list[Lesson]) -> list[str]:
    """The parts of one lesson (in one folder, in part order): numbered 1, 2, ... without a
    gap, and together asking every bank question once, part 1's before part 2's."""
    lesson, names = parts[0], [p.name for p in parts]
    problems = []
    if [p.part for p in parts] != list(range(1, len(parts) + 1)):
        numbers = ", ".join(str(p.part) for p in parts)
        problems.append(
            f"{lesson.name}: lesson {lesson.number}'s parts are {numbers}, not 1, 2, ..."
        )
    asked_by: dict[str, str] = {}
    for part in parts:
        for _, qid in asked(part.nb):
            if asked_by.get(qid, part.name) != part.name:
                problems.append(f"{part.name}: {qid} is asked again (first in {asked_by[qid]})")
            asked_by.setdefault(qid, part.name)
    problems += [
        f"{lesson.name}: {qid} of {lesson.bank_file} is asked in none of its parts"
        for qid in lesson.bank
        if qid not in asked_by
    ]
    order = [asked_by[q] for q in lesson.bank if q in asked_by]
    if order != sorted(order, key=names.index):
        problems.append(
            f"{lesson.name}: the parts ask {lesson.bank_file} out of its order (part 1 asks "
            "its first questions, part 2 the next ones)"
        )
    return problems


def lesson_parts(lessons: list[Lesson], root: Path = ROOT) -> list[list[Lesson]]:
    """Every part of each lesson that has a part among `lessons` (a sibling part not among
    them read from the same folder, so that one part can be linted alone), in part order."""
    loaded = {p.name: p for p in lessons}
    folders = {(root / Path(p.name).parent, p.number) for p in lessons if p.part}
    return [
        [
            loaded.get(display_name(path, root)) or load_lesson(path, root)
            for path in source_files(folder, f"{number}_[0-9]_*")
        ]
        for folder, number in sorted(folders)
    ]


CHECKS: tuple[Callable[[Lesson], list[Finding]], ...] = (
    check_title,
    check_content_note,
    check_metadata,
    check_objectives,
    check_setup_cell,
    check_plots,
    check_end_sections,
    check_headings,
    check_questions,
)


def lint_lesson(lesson: Lesson) -> list[str]:
    """Every problem of one lesson, as `file:where: problem` lines, in cell order per check."""
    return [
        f"{lesson.name}:{where}: {problem}" for check in CHECKS for where, problem in check(lesson)
    ]


# --- released question ids --------------------------------------------------------------------


def record_path(root: Path = ROOT) -> Path:
    return root / "tipcourse" / "banks" / "released_ids.txt"


def recorded_ids(record: Path) -> list[tuple[str, str]]:
    """(file:line, id) of every id in the record of released ids."""
    if not record.exists():
        return []
    lines = record.read_text(encoding="utf-8").splitlines()
    return [
        (f"{display_name(record)}:{n}", line.strip())
        for n, line in enumerate(lines, 1)
        if line.strip() and not line.startswith("#")
    ]


def outline_ids(root: Path = ROOT) -> list[tuple[str, str]]:
    """(file:question N, id) of the questions of the exercise outlines written by release."""
    found = []
    for path in sorted((root / "tipcourse" / "outlines").glob("ex*.json")):
        questions = json.loads(path.read_text(encoding="utf-8"))["questions"]
        found += [
            (f"{display_name(path)}:question {n}", q["id"])
            for n, q in enumerate(questions, start=1)
        ]
    return found


def released_problems(current: dict[str, Iterable[str]], root: Path = ROOT) -> list[str]:
    """Released ids (the record, the outlines) of the notebooks in `current` ({"l01": the ids
    it has now, ...}) that are gone."""
    problems = []
    for where, qid in recorded_ids(record_path(root)) + outline_ids(root):
        notebook = qid.split("-", 1)[0]
        if notebook in current and qid not in set(current[notebook]):
            problems.append(
                f"{where}: released question {qid} is gone from {notebook} (saved "
                "answers and gradebook columns use its id: keep it)"
            )
    return problems


def exercise_specs(path: Path) -> list[dict]:
    """The specs (with keys) of the %%question cells of a solution notebook, in order."""
    from ..quiz.banks import parse_yaml
    from .transforms import question_body

    specs = []
    for cell in read_notebook(path).cells:
        body = question_body(cell.source) if cell.cell_type == "code" else None
        spec = parse_yaml(body) if body else None
        if isinstance(spec, dict) and "id" in spec:
            specs.append(spec)
    return specs


def exercise_ids(path: Path) -> list[str]:
    """The ids of the %%question cells of a solution notebook, in order."""
    return [str(spec["id"]) for spec in exercise_specs(path)]


def current_ids(
    lessons: list[Lesson], root: Path = ROOT, exercises: bool = True
) -> dict[str, list[str]]:
    """What each notebook asks now: the linted lessons' banks and (if `exercises`) every
    solution notebook's %%question ids."""
    current = {lesson.id: list(lesson.bank) for lesson in lessons}
    if exercises:
        for path in source_files(root / "solutions", "ex[0-9][0-9]_*"):
            current[path.name[:4]] = exercise_ids(path)
    return current


def record_released(root: Path = ROOT) -> list[str]:
    """Add every current bank id and exercise-outline id to the record; return those added.
    Run it when a version of the course goes out: ids are only ever added."""
    record = record_path(root)
    known = {qid for _, qid in recorded_ids(record)}
    now = [
        qid
        for path in sorted((root / "tipcourse" / "banks").glob("l*.yaml"))
        for qid in bank_ids(path.stem, path.parent)
    ]
    now += [qid for _, qid in outline_ids(root)]
    added = [qid for qid in dict.fromkeys(now) if qid not in known]
    if added:
        text = record.read_text(encoding="utf-8") if record.exists() else RECORD_HEADER
        record.write_text(text.rstrip("\n") + "\n" + "\n".join(added) + "\n", encoding="utf-8")
    return added


RECORD_HEADER = """\
# Question ids that have been released. Saved answers and gradebook columns hang on these ids,
# so `python -m tipcourse lint` fails when one of them is no longer in its bank (lessons) or in
# its solution notebook (exercises). Only ever add ids: `python -m tipcourse lint --record`.
"""


# --- running ----------------------------------------------------------------------------------


def source_files(folder: Path, pattern: str) -> list[Path]:
    """The .md sources matching pattern; an .ipynb where it has no .md."""
    found = {p.stem: p for p in folder.glob(f"{pattern}.ipynb")}
    found.update({p.stem: p for p in folder.glob(f"{pattern}.md")})
    return [found[stem] for stem in sorted(found)]


def lesson_paths(root: Path = ROOT) -> list[Path]:
    """The lessons, English then Indonesian (notebooks/id/, checked with its own words)."""
    return source_files(root / "notebooks", "[0-9][0-9]_*") + source_files(
        root / "notebooks" / "id", "[0-9][0-9]_*"
    )


def lint(paths: list[Path] | None = None, root: Path = ROOT) -> tuple[list[str], int]:
    """(problems, lessons checked). Without paths: every lesson, every released id of lessons
    and exercises, and the answer cues and skills course-wide (authoring.cues); with paths:
    those lessons and their released ids."""
    chosen = [Path(p) for p in paths] if paths else lesson_paths(root)
    problems = [
        f"{p}: not a lesson (notebooks/NN_<slug>.md)" for p in chosen if not lesson_number(p)
    ]
    lessons = [load_lesson(p, root) for p in chosen if lesson_number(p)]
    for lesson in lessons:
        problems += lint_lesson(lesson)
    for parts in lesson_parts(lessons, root):
        problems += part_problems(parts)
    problems += released_problems(current_ids(lessons, root, exercises=not paths), root)
    if not paths:
        from .cues import problems as cue_problems

        problems += cue_problems(root)
    return problems, len(lessons)


def main(paths: list[Path] | None = None, record: bool = False) -> int:
    """The command: problems on stdout and exit 1, or a one-line summary and exit 0."""
    if record:
        added = record_released()
        print(f"recorded {len(added)} new released question id(s) in {display_name(record_path())}")
        return 0
    problems, count = lint(paths)
    for problem in problems:
        print(problem)
    if problems:
        print(f"lint: {len(problems)} problem(s) in {count} lesson(s)", file=sys.stderr)
        return 1
    print(f"lint: {count} lesson(s), no problems")
    return 0
