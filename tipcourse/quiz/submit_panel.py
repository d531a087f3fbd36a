"""The submission panel of an exercise's last cell: student id, Submit, a receipt.

Thin: every decision is in `submission.submit`; this only collects the id and shows lines.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as w

from ..i18n import _
from ..ui import PlainText, message_html
from . import submission

if TYPE_CHECKING:
    from ..course import Session


def download_link(path: Path | None) -> str:
    """A one-click download of the submission file, embedded in the page: the answers folder
    is outside JupyterLab's file browser (and, on Binder or a hub, out of the student's reach),
    so the browser hands the file over instead. Empty when there is no file."""
    if path is None:
        return ""
    try:
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError:
        return ""
    name = html.escape(path.name, quote=True)
    start = (
        f'<a download="{name}" href="data:application/json;base64,{payload}" '
        'style="display:inline-block;padding:0.35em 0.9em;border-radius:3px;'
        'background:#0b57d0;color:#ffffff;text-decoration:none;font-weight:bold">'
    )
    # TRANSLATORS: {link} and {end} open and close the download link; keep them around its words.
    text = _(
        "{link}⬇ Download {name}{end} to hand in (your browser saves it in your Downloads folder)."
    ).format(link=start, name=name, end="</a>")
    return f"<p>{text}</p>"


class SubmitPanel(PlainText, w.VBox):
    """Type the student id once, press Submit, read what was written and where."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.exercise = session.notebook.removesuffix("-solution")
        self.student_id = w.Text(
            value=submission.remembered_student_id(),
            placeholder=_("your student id"),
            description=_("Student id:"),
            continuous_update=True,
            layout=w.Layout(width="24em"),
        )
        self.button = w.Button(
            description=_("Submit"),
            button_style="success",
            tooltip=_("Submit {exercise}").format(exercise=self.exercise),
        )
        self.button.on_click(lambda _: self.submit())
        self.result = w.HTML("")
        self._shown = None  # the questions (unanswered, too short) the student has been shown
        intro = w.HTML(
            _(
                "<b>Submit exercise {exercise}</b>: your saved answers are written to one "
                "file for your lecturer. You can submit again; the newest submission "
                "replaces the earlier one."
            ).format(exercise=self.exercise)
        )
        super().__init__(
            [intro, w.HBox([self.student_id, self.button]), self.result],
            layout=w.Layout(border="1px solid #bbb", padding="0.5em"),
        )

    def submit(self) -> submission.Outcome:
        outcome = submission.submit(self.session, self.student_id.value, self._shown)
        self._shown = None if outcome.submitted else outcome.listed or None
        self.button.description = _("Submit anyway") if self._shown else _("Submit")
        css = "saved" if outcome.submitted else "error"
        self.result.value = message_html(outcome.lines, css) + download_link(outcome.path)
        return outcome

    def __repr__(self) -> str:
        return _(
            "Submit exercise {exercise}: type your student id and press Submit "
            "(run the notebook to submit)"
        ).format(exercise=self.exercise)
