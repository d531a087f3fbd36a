"""What the notebooks call.

Lessons:      course.start_lesson("l01"); course.ask("l01-consent")
Exercises:    course.start_assignment("ex01") (solutions: start_solution); then cells starting
              with %%question (YAML spec);
              course.record("ex01-q5", value) records a value computed with pandas.
              The last cell: course.submit_panel().
Decision aids: course.palermo_aid(), course.forced_labour_aid().
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import i18n
from .i18n import _
from .quiz.banks import load_bank, parse_yaml
from .quiz.questions import (
    AnswerFormatError,
    SpecError,
    describe_key,
    parse_response,
    validate_spec,
)
from .quiz.store import AnswerStore
from .ui import as_typed, times

if TYPE_CHECKING:
    from .quiz.submit_panel import SubmitPanel
    from .quiz.widget import QuestionWidget
    from .ui.aids import ForcedLabourAid, PalermoAid


@dataclass
class Session:
    notebook: str
    mode: str  # "selfcheck" or "assignment"
    store: AnswerStore
    specs: dict = field(default_factory=dict)
    # The widget last shown for each question, so that `record` can show what it saved there.
    widgets: dict = field(default_factory=dict)
    language: str = "en"  # what its widgets show and its submission records (tipcourse.i18n)


_session: Session | None = None


def _current() -> Session:
    if _session is None:
        raise RuntimeError(
            _("Run the first code cell of the notebook first (it starts the lesson).")
        )
    return _session


def _notice(message: str) -> None:
    from IPython.display import HTML, display

    note = _("Note:")
    display(HTML(f'<div class="tipcourse-warning" role="alert"><b>{note}</b> {message}</div>'))


def _start(
    notebook: str, mode: str, specs: dict, language: str, store_id: str | None = None
) -> None:
    import pandas as pd

    from . import kernel
    from .ui import tables

    pd.set_option("display.max_colwidth", None)  # tables of definitions must not be cut off
    tables.install()
    kernel.skip_empty_flushes()
    global _session
    i18n.set_language(language)
    store = AnswerStore(store_id or notebook)
    _session = Session(notebook, mode, store, language=language, specs=specs)
    if _session.store.warning:
        _notice(_session.store.warning)


def start_lesson(lesson: str, language: str = "en") -> None:
    """Open the lesson's answers file and question bank (in `language`: en, id). Both editions
    of a lesson share one answers file: question ids and keys are the same."""
    _start(lesson, "selfcheck", dict(load_bank(lesson, i18n.check(language))), language)


def start_assignment(exercise: str, language: str = "en") -> None:
    """Open the exercise's answers file and enable %%question cells."""
    _start(exercise, "assignment", {}, i18n.check(language))
    _register_magic()


def start_solution(exercise: str, language: str = "en") -> None:
    """The instructor's copy of an exercise: its answers go to a separate file, keys are shown.

    `release` turns this call into start_assignment in the student copy.
    """
    _start(exercise, "assignment", {}, i18n.check(language), store_id=f"{exercise}-solution")
    _register_magic()


def _position(notebook: str, qid: str) -> tuple[int, int] | None:
    """(n, total) of a question in its notebook's outline: "Question n of total"."""
    from .quiz.outline import number

    return number(notebook, qid)


def ask(qid: str) -> QuestionWidget:
    """The self-check widget of a question from the lesson's bank, numbered by its position."""
    from .quiz.widget import QuestionWidget

    session = _current()
    if qid not in session.specs:
        raise KeyError(
            _("No question {question} in the bank of {notebook}").format(
                question=repr(qid), notebook=session.notebook
            )
        )
    widget = QuestionWidget(
        session.specs[qid], session.store, "selfcheck", number=_position(session.notebook, qid)
    )
    session.widgets[qid] = widget
    return widget


def question(text: str) -> QuestionWidget:
    """The assignment widget of a %%question cell (YAML). With a key: the instructor's view."""
    from IPython import get_ipython

    from .quiz.schema import KEY_FIELDS
    from .quiz.widget import QuestionWidget

    session = _current()
    shell = get_ipython()
    # TRANSLATORS: %%question is the cell magic's name: keep it as it is.
    where = _("{notebook}, %%question cell").format(notebook=session.notebook) + (
        f" In [{shell.execution_count}]" if shell is not None else ""
    )
    spec = parse_yaml(text)
    if not isinstance(spec, dict):
        raise SpecError(
            _("{where}: a %%question cell must hold a YAML mapping (id, kind, prompt, ...)").format(
                where=where
            )
        )
    # A solution cell holds the key, a student copy none of it: half a key is a mistake.
    validate_spec(spec, with_key=any(k in spec for k in KEY_FIELDS), where=where)
    exercise = session.notebook.removesuffix("-solution")
    if not spec["id"].startswith(f"{exercise}-"):
        raise SpecError(
            _("{where}: question id {question} must start with '{exercise}-'").format(
                where=where, question=repr(spec["id"]), exercise=exercise
            )
        )
    session.specs[spec["id"]] = spec
    has_key = "answer" in spec or "rubric" in spec
    widget = QuestionWidget(
        spec,
        session.store,
        "assignment",
        key_lines=describe_key(spec) if has_key else None,
        number=_position(exercise, spec["id"]),
    )
    session.widgets[spec["id"]] = widget
    return widget


def record(qid: str, value: object) -> None:
    """Save a value computed in code (a data task) as the answer to a question."""
    session = _current()
    if qid not in session.specs:
        raise KeyError(
            _("No question {question} above in this notebook; run its cell first").format(
                question=repr(qid)
            )
        )
    try:
        response = parse_response(session.specs[qid], value)
    except AnswerFormatError as err:
        print(_("Not saved yet ({question}): {error}").format(question=qid, error=err))
        return
    entry = session.store.record(qid, response)
    shown = as_typed(response) if isinstance(response, float) else repr(response)
    if qid in session.widgets:
        session.widgets[qid].recorded(entry)
    if session.store.problem:
        print(
            _("Kept {value} as your answer to {question}, but: {problem}").format(
                value=shown, question=qid, problem=session.store.problem
            )
        )
        return
    print(
        _("Saved {value} as your answer to {question} (saved {times}).").format(
            value=shown, question=qid, times=times(entry["attempts"])
        )
    )


def submit_panel() -> SubmitPanel:
    """The last cell of an exercise: student id, completeness check, submission file."""
    from .quiz.submit_panel import SubmitPanel

    return SubmitPanel(_current())


def palermo_aid() -> PalermoAid:
    from .ui.aids import PalermoAid

    return PalermoAid()


def forced_labour_aid() -> ForcedLabourAid:
    from .ui.aids import ForcedLabourAid

    return ForcedLabourAid()


def _register_magic() -> None:
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.register_magic_function(lambda line, cell: question(cell), "cell", "question")
