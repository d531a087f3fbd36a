"""The cell transforms of `release`, in order: each takes one cell of a solution notebook and
returns the student's version of it, or None to drop it (like nbgrader's preprocessors).

Each transform is small and tested alone (tests/test_transforms.py). A transform that finds a
cell it cannot handle safely calls `ctx.fail(...)`: the problem is reported by notebook and
cell, and release writes nothing for that notebook. Matching is deliberately generous: a
marker or tag spelt any way an author might spell it is recognised, and something that looks
like a marker or tag but is not one is an error, never silently copied.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from nbformat import NotebookNode

from ..quiz.questions import SpecError, student_spec, validate_spec

PLACEHOLDER = "# Your code here"
MARKDOWN_PLACEHOLDER = "*Write your answer here.*"
SOLUTION_TAG = "solution"
# Tags that are not the solution tag but look as if the author meant one.
_SOLUTION_LIKE = re.compile(r"solu|soln|answer|key|instructor|teacher|hidden|private", re.I)
# `# BEGIN SOLUTION`, `### BEGIN SOLUTION` (nbgrader), `#begin solution`, `<!-- BEGIN SOLUTION -->`.
MARKER = re.compile(r"^\s*(?:#+|<!--)\s*(begin|end)[\s_-]*solution\b.*$", re.I)
MARKER_WORDS = re.compile(r"\b(begin|end)[\s_-]*solution\b", re.I)
CELL_METADATA = ("tags", "slideshow")
SLIDE_TYPES = ("slide", "subslide", "fragment", "skip", "notes", "-")


@dataclass
class Context:
    """One notebook's release: where we are, what was found, what went wrong."""

    notebook: str
    index: int = 0
    specs: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fail(self, message: str) -> None:
        self.problems.append(f"{self.notebook} cell {self.index}: {message}")


Transform = Callable[[NotebookNode, Context], "NotebookNode | None"]


# --- tags and metadata -----------------------------------------------------------------------


def normal_tag(tag: str) -> str:
    return " ".join(str(tag).split()).casefold()


def drop_solution_cells(cell: NotebookNode, ctx: Context) -> NotebookNode | None:
    """A cell tagged `solution` (any case or spacing) is instructor material: dropped."""
    tags = [normal_tag(t) for t in cell.metadata.get("tags", [])]
    if SOLUTION_TAG in tags:
        return None
    odd = [t for t in cell.metadata.get("tags", []) if _SOLUTION_LIKE.search(str(t))]
    if odd:
        ctx.fail(
            f"tag {odd[0]!r} looks like a solution tag but is not `solution`; "
            "spell it `solution` (to hide the cell) or rename it"
        )
    return cell


def keep_allowed_metadata(cell: NotebookNode, ctx: Context) -> NotebookNode:
    """Only tags and a valid slide type survive; anything else an author stored is dropped."""
    kept = {}
    if cell.metadata.get("tags"):
        kept["tags"] = list(cell.metadata["tags"])
    slide = cell.metadata.get("slideshow", {})
    if isinstance(slide, dict) and slide.get("slide_type") in SLIDE_TYPES:
        kept["slideshow"] = {"slide_type": slide["slide_type"]}
    cell.metadata = NotebookNode(kept)
    return cell


def clear_outputs(cell: NotebookNode, ctx: Context) -> NotebookNode:
    """Outputs come from executing the student copy, never from the solution."""
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
    cell.pop("attachments", None)  # pasted images may show a worked answer
    return cell


# --- question cells --------------------------------------------------------------------------


def _as_ipython_runs_it(source: str) -> ast.Module | None:
    """The cell as the Python IPython would run (cell magics turned into calls), parsed; None
    if it does not parse."""
    from IPython.core.inputtransformer2 import TransformerManager

    try:
        return ast.parse(TransformerManager().transform_cell(source))
    except (SyntaxError, ValueError):
        return None


def question_body(source: str) -> str | None:
    """The YAML of a `%%question` cell, recognised exactly as IPython recognises a cell magic
    (leading blank lines and indentation removed first); None for any other cell."""
    tree = _as_ipython_runs_it(source)
    if tree is None or len(tree.body) != 1 or not isinstance(tree.body[0], ast.Expr):
        return None
    call = tree.body[0].value
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "run_cell_magic"
        and len(call.args) == 3
        and all(isinstance(a, ast.Constant) for a in call.args)
        and call.args[0].value == "question"
    ):
        return call.args[2].value
    return None


def _calls_question(source: str) -> bool:
    """True if code calls the question machinery directly (course.question or
    run_cell_magic("question", ...)), which would put a key where release cannot strip it."""
    tree = _as_ipython_runs_it(source)
    if tree is None:
        return "question" in source
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name == "question" or (
                name == "run_cell_magic"
                and node.args
                and getattr(node.args[0], "value", None) == "question"
            ):
                return True
    return False


def dump_question(spec: dict) -> str:
    """A `%%question` cell holding `spec`; multi-line strings stay readable blocks."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    Dumper.add_representer(str, text)
    return "%%question\n" + yaml.dump(
        spec, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=88
    ).rstrip("\n")


def strip_question_keys(cell: NotebookNode, ctx: Context) -> NotebookNode | None:
    """A `%%question` cell keeps what a student needs; the full spec goes to the key file."""
    if cell.cell_type != "code":
        return cell
    body = question_body(cell.source)
    if body is None:
        if _calls_question(cell.source):
            ctx.fail(
                "calls the question machinery directly; write the question as a "
                "`%%question` cell so release can remove its key"
            )
        return cell
    from ..quiz.banks import parse_yaml

    try:
        spec = parse_yaml(body)
        if not isinstance(spec, dict):
            raise SpecError("a %%question cell must hold a YAML mapping (id, kind, prompt, ...)")
        validate_spec(spec, where=f"{ctx.notebook} cell {ctx.index}")
    except Exception as err:  # YAML errors and SpecError alike: report, never copy the cell
        ctx.fail(f"question cell cannot be released: {str(err).splitlines()[0]}")
        return None
    ctx.specs.append(spec)
    cell.source = dump_question(student_spec(spec))
    # The YAML is machinery: JupyterLab shows the input collapsed, the static site not at all.
    cell.metadata["jupyter"] = {"source_hidden": True}
    return cell


# --- solution regions ------------------------------------------------------------------------


def strip_solution_regions(cell: NotebookNode, ctx: Context) -> NotebookNode:
    """Lines between BEGIN and END SOLUTION markers become a placeholder."""
    placeholder = PLACEHOLDER if cell.cell_type == "code" else MARKDOWN_PLACEHOLDER
    out, inside, opened = [], False, 0
    for number, line in enumerate(cell.source.split("\n"), 1):
        match = MARKER.match(line)
        if match is None and MARKER_WORDS.search(line):
            ctx.fail(
                f"line {number} mentions a solution marker but is not one: {line.strip()!r}; "
                "write `# BEGIN SOLUTION` / `# END SOLUTION` on lines of their own"
            )
            continue
        if match and match.group(1).lower() == "begin":
            if inside:
                ctx.fail(
                    f"line {number}: BEGIN SOLUTION inside another solution region "
                    f"(opened on line {opened})"
                )
            inside, opened = True, number
            out.append(line[: len(line) - len(line.lstrip())] + placeholder)
        elif match:
            if not inside:
                ctx.fail(f"line {number}: END SOLUTION without a BEGIN SOLUTION above it")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        ctx.fail(f"line {opened}: BEGIN SOLUTION is never closed with END SOLUTION")
    cell.source = "\n".join(out)
    return cell


def start_assignment(cell: NotebookNode, ctx: Context) -> NotebookNode:
    """The solution's `course.start_solution(` becomes the student's `course.start_assignment(`."""
    if cell.cell_type == "code":
        cell.source = cell.source.replace("course.start_solution(", "course.start_assignment(")
    return cell


TRANSFORMS: tuple[Transform, ...] = (
    drop_solution_cells,
    keep_allowed_metadata,
    clear_outputs,
    strip_question_keys,
    strip_solution_regions,
    start_assignment,
)


def apply(
    cell: NotebookNode, ctx: Context, transforms: tuple[Transform, ...] = TRANSFORMS
) -> NotebookNode | None:
    for transform in transforms:
        cell = transform(cell, ctx)
        if cell is None:
            return None
    return cell
