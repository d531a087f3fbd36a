"""The question widget: it collects an answer and shows a result. The logic lives in
`questions` (checking) and `store` (saving)."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from ..i18n import N_, _, ngettext
from ..ui import (
    WIDE,
    PlainText,
    as_typed,
    make,
    markdown,
    message_html,
    number,
    plain_line,
    shared_layout,
    times,
)
from .questions import (
    AnswerFormatError,
    Response,
    Result,
    check,
    option_order,
    parse_response,
    too_short,
    word_count,
)
from .store import AnswerStore, learner_key

KIND_LABELS = {  # shown with _(): translated when a widget is drawn
    "single": N_("Single choice"),
    "multiple": N_("Multiple select (tick all that apply)"),
    "numeric": N_("Number"),
    "text": N_("Short answer"),
    "categorize": N_("Sort into categories"),
    "order": N_("Put in order"),
    "open": N_("Open response"),
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind])


# --- input controls, one per kind: (widget, get, set) ---------------------------------------

# The widget, a function reading its raw value, and one showing a saved response in it.
Control = tuple[w.Widget, Callable[[], object], Callable[[Response], None]]


def _radio(spec: dict, order: list[str]) -> Control:
    box = make(
        w.RadioButtons,
        options=[(spec["options"][key], key) for key in order],
        value=None,
        layout=WIDE,
        description=_("Answer:"),
    )
    return box, lambda: box.value, lambda v: setattr(box, "value", v)


def _checkboxes(spec: dict, order: list[str]) -> Control:
    boxes = {
        key: make(
            w.Checkbox, description=spec["options"][key], value=False, indent=False, layout=WIDE
        )
        for key in order
    }

    def get() -> list[str]:
        return [k for k, b in boxes.items() if b.value]

    def set_(values: list[str]) -> None:
        for k, b in boxes.items():
            b.value = k in values

    return make(w.VBox, children=list(boxes.values())), get, set_


def _text_input(spec: dict, placeholder: str) -> Control:
    box = make(
        w.Text,
        placeholder=placeholder,
        continuous_update=False,
        description=_("Answer:"),
        layout=shared_layout(width="24em"),
    )
    parts = [box] + ([make(w.Label, value=spec["unit"])] if spec.get("unit") else [])
    return (
        make(w.HBox, children=parts),
        lambda: box.value,
        lambda v: setattr(box, "value", as_typed(v)),
    )


def _dropdowns(spec: dict, order: list[str]) -> Control:
    choices = [(_("— choose —"), "")] + [(label, key) for key, label in spec["categories"].items()]
    drops = {}
    rows = []
    for n, key in enumerate(order, start=1):
        label = spec["items"][key]
        # A distinct label per dropdown, matching the numbered item, for screen readers.
        drops[key] = make(
            w.Dropdown,
            options=choices,
            value="",
            description=_("Item {n}:").format(n=n),
            layout=shared_layout(width="22em"),
        )
        rows += [make(w.HTML, value=markdown(f"{n}. {label}")), drops[key]]

    def set_(mapping: dict[str, str]) -> None:
        for k, d in drops.items():
            d.value = mapping.get(k, "")

    return make(w.VBox, children=rows), lambda: {k: d.value for k, d in drops.items()}, set_


def _orderer(spec: dict) -> Control:
    items = spec["items"]
    order = list(items)
    select = make(w.Select, rows=len(order), layout=WIDE, description=_("Order:"))
    up = make(w.Button, description=_("Move up"), icon="arrow-up")
    down = make(w.Button, description=_("Move down"), icon="arrow-down")

    def refresh(selected: str | None = None) -> None:
        select.options = [(f"{i + 1}. {items[k]}", k) for i, k in enumerate(order)]
        select.value = selected

    def move(step: int) -> None:
        key = select.value
        if key is None:
            return
        i = order.index(key)
        j = min(max(i + step, 0), len(order) - 1)
        order[i], order[j] = order[j], order[i]
        refresh(key)

    up.on_click(lambda _: move(-1))
    down.on_click(lambda _: move(1))

    def set_(values: list[str]) -> None:
        order[:] = list(values)
        refresh()

    refresh()
    buttons = make(w.HBox, children=[up, down])
    return make(w.VBox, children=[select, buttons]), lambda: list(order), set_


def _textarea(spec: dict) -> Control:
    area = make(
        w.Textarea,
        placeholder=_("Write your answer here."),
        continuous_update=False,
        layout=shared_layout(width="100%", height="9em"),
        description=_("Answer:"),
    )
    count = make(w.Label, value=_words_label(0, spec.get("min_words")))
    area.observe(
        lambda ch: setattr(
            count, "value", _words_label(word_count(ch["new"]), spec.get("min_words"))
        ),
        "value",
    )

    def set_(text: str) -> None:
        area.value = text

    return make(w.VBox, children=[area, count]), lambda: area.value, set_


def _words_label(n: int, least: int | None) -> str:
    """The live count under an open answer's box: "12 words (this question asks ...)"."""
    if least:
        return _("{n} words (this question asks for at least {least})").format(n=n, least=least)
    return _("{n} words").format(n=n)


def _control(spec: dict, order: list[str]) -> Control:
    kind = spec["kind"]
    if kind == "single":
        return _radio(spec, order)
    if kind == "multiple":
        return _checkboxes(spec, order)
    if kind == "numeric":
        return _text_input(spec, _("a number, e.g. 3,5 or 3.5"))
    if kind == "text":
        return _text_input(spec, _("a word or short phrase"))
    if kind == "categorize":
        return _dropdowns(spec, order)
    if kind == "order":
        return _orderer(spec)
    return _textarea(spec)


# --- the question widget ----------------------------------------------------------------------


def question_label(position: tuple[int, int] | None, points: float = 1) -> str:
    """ "Question 3 of 12 · 1 point" (without the position when it is not known)."""
    # ngettext chooses by a whole number; a question worth 1.5 points reads "1.5 points".
    worth = ngettext("{points} point", "{points} points", 1 if points == 1 else 2).format(
        points=number(points)
    )
    return f"{_question_of(position)} · {worth}" if position else worth


def _question_of(position: tuple[int, int]) -> str:
    return _("Question {number} of {total}").format(number=position[0], total=position[1])


class QuestionWidget(PlainText, w.VBox):
    """One question. mode="selfcheck": Check shows feedback. mode="assignment": Save only."""

    def __init__(
        self,
        spec: dict,
        store: AnswerStore,
        mode: str = "selfcheck",
        key_lines: list[str] | None = None,
        number: tuple[int, int] | None = None,
    ) -> None:
        self.spec, self.store, self.mode, self.key_lines = spec, store, mode, key_lines
        self.number = number  # (position, total) in the notebook's outline, or None
        # A learner sees the options in an order of their own; the instructor's copy (with the
        # key) in the authored one, which the key's letters refer to.
        self.order = option_order(spec, None if key_lines else learner_key(store.path.parent))
        control, self._get, self._set = _control(spec, self.order)
        # An open answer is never right or wrong: it is saved, then compared with a model.
        label = _("Check") if mode == "selfcheck" and spec["kind"] != "open" else _("Save answer")
        self.button = make(
            w.Button, description=label, button_style="primary", tooltip=f"{label} ({spec['id']})"
        )
        self.button.on_click(lambda _: self.submit())
        self.feedback = make(w.HTML, value="")
        head = make(
            w.HTML,
            value=(
                f'<div class="tipcourse-question" data-question="{spec["id"]}">'
                f"<b>{kind_label(spec['kind'])}</b> "
                f'<small>{question_label(number, spec.get("points", 1))}</small>'
                f'{markdown(spec["prompt"])}</div>'
            ),
        )
        buttons = [self.button]
        if spec.get("hint"):
            word = _("Hint")
            hint = make(w.Button, description=word, tooltip=f"{word} ({spec['id']})")
            hint.on_click(
                lambda _b: self._show(_("Hint: {hint}").format(hint=spec["hint"]), "hint")
            )
            buttons.append(hint)
        buttons = buttons[0] if len(buttons) == 1 else make(w.HBox, children=buttons)
        parts = [head, control, buttons, self.feedback]
        if key_lines:  # solution notebooks: the instructor sees the key
            head = _("Answer key (instructor copy)")
            key = message_html([f"**{head}**", *key_lines], "key")
            parts.append(make(w.HTML, value=key))
        super().__init__(
            parts, layout=shared_layout(border="1px solid #bbb", padding="0.5em", margin="0.5em 0")
        )
        self._restore()

    def _restore(self) -> None:
        entry = self.store.get(self.spec["id"])
        if entry is None:
            return
        try:
            self._set(entry["response"])
        except Exception:  # a saved response that no longer fits the question: keep it on disk
            self._show(
                _(
                    "Your saved answer no longer fits this question; it is kept in "
                    "{file}. Please answer again."
                ).format(file=self.store.path.name),
                "error",
            )
            return
        if self.mode == "selfcheck":
            self._show_result(check(self.spec, entry["response"]), entry["attempts"])
        else:
            self._show_saved(
                _("Restored your saved answer (saved {times}).").format(
                    times=times(entry["attempts"])
                ),
                entry["response"],
            )

    def recorded(self, entry: dict) -> None:
        """Show an answer saved from code (`course.record`) as if it had been typed here."""
        self._set(entry["response"])
        if self.mode == "selfcheck":
            self._show_result(check(self.spec, entry["response"]), entry["attempts"])
        else:
            self._show_saved(
                _("Saved from the code cell below (saved {times}).").format(
                    times=times(entry["attempts"])
                ),
                entry["response"],
            )

    def submit(self) -> dict | None:
        """Validate, save and (self-check) give feedback. Returns the saved entry or None."""
        raw = self._get()
        try:
            response = parse_response(self.spec, raw)
        except AnswerFormatError as err:
            self._show(str(err), "error")
            return None
        if self.mode == "selfcheck":
            result = check(self.spec, response)
            entry = self.store.record(self.spec["id"], response, result.score, result.points)
            self._show_result(result, entry["attempts"])
        else:
            entry = self.store.record(self.spec["id"], response)
            self._show_saved(
                _(
                    "Saved (saved {times}). You can change it and save again until you submit."
                ).format(times=times(entry["attempts"])),
                response,
            )
        if self.store.problem:  # kept in memory, not on disk: the student must know
            self.feedback.value = (
                message_html([f"**{self.store.problem}**"], "error") + self.feedback.value
            )
        return entry

    def _show_saved(self, message: str, response: Response) -> None:
        """The saved message; for an open answer under min_words, the note comes first."""
        note = too_short(self.spec, response)
        if note:
            self.feedback.value = message_html([f"**{note}**", message], "too-short")
        else:
            self._show(message, "saved")

    def _show_result(self, result: Result, attempts: int) -> None:
        if result.manual:  # open response in a lesson: saved, with the model answer
            attempt = _("Attempt {n}.").format(n=attempts)
            self.feedback.value = message_html(result.messages + [attempt], "saved")
            return
        # TRANSLATORS: {status} is "Correct", "Partly correct" or "Not correct"; {n} counts tries.
        head = _("{status} ({score} of {points}); attempt {n}.").format(
            status=result.label,
            score=number(result.score),
            points=number(result.points),
            n=attempts,
        )
        self.feedback.value = message_html(
            [f"**{head}**", *result.messages], result.status.replace(" ", "-")
        )

    def _show(self, message: str, css: str) -> None:
        self.feedback.value = message_html([message], css)

    def _state(self) -> str:
        entry = self.store.get(self.spec["id"])
        if entry is None:
            return _("not answered yet")
        return _("answered (saved {times})").format(times=times(entry["attempts"]))

    def _repr_mimebundle_(self, **kwargs) -> dict | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle:
            bundle["text/markdown"] = self.text_markdown()
        return bundle

    def text_markdown(self) -> str:
        """The question as a reader without a kernel sees it (the static site): the prompt in
        full, the choices or items in the order shown, and its state."""
        spec = self.spec
        position = f"{_question_of(self.number)} · " if self.number else ""
        lines = [f"**{position}{kind_label(spec['kind'])}**", "", spec["prompt"].strip()]
        labels = spec.get("options") or spec.get("items") or {}
        if labels:
            lines += [""] + [f"- {labels[k]}" for k in self.order if k in labels]
        if spec.get("categories"):
            categories = "; ".join(spec["categories"].values())
            lines += ["", _("Categories: {categories}").format(categories=categories)]
        lines += ["", f"*{self._to_answer(self._state())}*"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        state = self._state()
        position = f"{_question_of(self.number)} " if self.number else ""
        text = (
            f"{position}[{kind_label(self.spec['kind'])}] {self.spec['id']}: "
            f"{plain_line(self.spec['prompt'])}\n{self._to_answer(state)}"
        )
        if self.key_lines:
            key = " | ".join(plain_line(k, 200) for k in self.key_lines)
            text += "\n" + _("KEY (instructor copy): {key}").format(key=key)
        return text

    @staticmethod
    def _to_answer(state: str) -> str:
        return _("({state}; run the notebook to answer)").format(state=state)
