"""Widgets: they collect an answer and show a result. All logic lives in questions, store, law.

Every widget has a short, deterministic text/plain (`__repr__`): it is what a reader sees
where widgets cannot render, and what nbval compares.
"""
from __future__ import annotations

import functools

import ipywidgets as w

from . import law
from .questions import AnswerFormatError, check, parse_response, word_count
from .store import AnswerStore

KIND_LABELS = {
    "single": "Single choice", "multiple": "Multiple select (tick all that apply)",
    "numeric": "Number", "text": "Short answer", "categorize": "Sort into categories",
    "order": "Put in order", "open": "Open response",
}


@functools.cache
def _layout(**css) -> w.Layout:
    """One Layout per distinct css, shared: ipywidgets would otherwise give every widget its own
    layout model (one more message to the browser and more state in the notebook)."""
    return w.Layout(**css)


@functools.cache
def _style(kind: type):
    return kind()


def _make(cls, layout: w.Layout | None = None, **kwargs):
    """A `cls` widget whose layout and style models are shared with its siblings."""
    style = cls.class_traits().get("style")
    if style is not None and "style" not in kwargs:
        kwargs["style"] = _style(style.klass)
    return cls(layout=layout or _layout(), **kwargs)


WIDE = _layout(width="auto", max_width="100%")


def markdown(text: str) -> str:
    import mistune  # installed with nbconvert; imported on first use only

    return mistune.html(text)


def message_html(messages: list[str], css: str = "") -> str:
    items = "".join(f"<li>{markdown(m)}</li>" for m in messages if m)
    return f'<div class="tipcourse-feedback {css}"><ul>{items}</ul></div>'


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _plain(text: str, limit: int = 100) -> str:
    first = " ".join(text.split())
    return first if len(first) <= limit else first[: limit - 1] + "…"


# --- input controls, one per kind: (widget, get, set) ---------------------------------------

def _radio(spec):
    box = _make(w.RadioButtons, options=[(label, key) for key, label in spec["options"].items()],
                value=None, layout=WIDE, description="Answer:")
    return box, lambda: box.value, lambda v: setattr(box, "value", v)


def _checkboxes(spec):
    boxes = {key: _make(w.Checkbox, description=label, value=False, indent=False, layout=WIDE)
             for key, label in spec["options"].items()}

    def get():
        return [k for k, b in boxes.items() if b.value]

    def set_(values):
        for k, b in boxes.items():
            b.value = k in values

    return _make(w.VBox, children=list(boxes.values())), get, set_


def _text_input(spec, placeholder):
    box = _make(w.Text, placeholder=placeholder, continuous_update=False, description="Answer:",
                layout=_layout(width="24em"))
    parts = [box] + ([_make(w.Label, value=spec["unit"])] if spec.get("unit") else [])
    return _make(w.HBox, children=parts), lambda: box.value, lambda v: setattr(box, "value", str(v))


def _dropdowns(spec):
    choices = [("— choose —", "")] + [(label, key) for key, label in spec["categories"].items()]
    drops = {}
    rows = []
    for n, (key, label) in enumerate(spec["items"].items(), start=1):
        # A distinct label per dropdown, matching the numbered item, for screen readers.
        drops[key] = _make(w.Dropdown, options=choices, value="", description=f"Item {n}:",
                           layout=_layout(width="22em"))
        rows += [_make(w.HTML, value=markdown(f"{n}. {label}")), drops[key]]

    def set_(mapping):
        for k, d in drops.items():
            d.value = mapping.get(k, "")

    return _make(w.VBox, children=rows), lambda: {k: d.value for k, d in drops.items()}, set_


def _orderer(spec):
    items = spec["items"]
    order = list(items)
    select = _make(w.Select, rows=len(order), layout=WIDE, description="Order:")
    up = _make(w.Button, description="Move up", icon="arrow-up")
    down = _make(w.Button, description="Move down", icon="arrow-down")

    def refresh(selected=None):
        select.options = [(f"{i + 1}. {items[k]}", k) for i, k in enumerate(order)]
        select.value = selected

    def move(step):
        key = select.value
        if key is None:
            return
        i = order.index(key)
        j = min(max(i + step, 0), len(order) - 1)
        order[i], order[j] = order[j], order[i]
        refresh(key)

    up.on_click(lambda _: move(-1))
    down.on_click(lambda _: move(1))

    def set_(values):
        order[:] = list(values)
        refresh()

    refresh()
    buttons = _make(w.HBox, children=[up, down])
    return _make(w.VBox, children=[select, buttons]), lambda: list(order), set_


def _textarea(spec):
    area = _make(w.Textarea, placeholder="Write your answer here.", continuous_update=False,
                 layout=_layout(width="100%", height="9em"), description="Answer:")
    count = _make(w.Label, value="0 words")
    area.observe(lambda ch: setattr(count, "value", f"{word_count(ch['new'])} words"), "value")

    def set_(text):
        area.value = text

    return _make(w.VBox, children=[area, count]), lambda: area.value, set_


def _control(spec):
    kind = spec["kind"]
    if kind == "single":
        return _radio(spec)
    if kind == "multiple":
        return _checkboxes(spec)
    if kind == "numeric":
        return _text_input(spec, "a number, e.g. 3,5 or 3.5")
    if kind == "text":
        return _text_input(spec, "a word or short phrase")
    if kind == "categorize":
        return _dropdowns(spec)
    if kind == "order":
        return _orderer(spec)
    return _textarea(spec)


class PlainText:
    """Use the full `__repr__` as text/plain (ipywidgets would cut it at 110 characters)."""

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle:
            bundle["text/plain"] = repr(self)
        return bundle


# --- the question widget ----------------------------------------------------------------------

class QuestionWidget(PlainText, w.VBox):
    """One question. mode="selfcheck": Check shows feedback. mode="assignment": Save only."""

    def __init__(self, spec: dict, store: AnswerStore, mode: str = "selfcheck",
                 key_lines: list[str] | None = None):
        self.spec, self.store, self.mode, self.key_lines = spec, store, mode, key_lines
        control, self._get, self._set = _control(spec)
        label = "Check" if mode == "selfcheck" else "Save answer"
        self.button = _make(w.Button, description=label, button_style="primary",
                            tooltip=f"{label} ({spec['id']})")
        self.button.on_click(lambda _: self.submit())
        self.feedback = _make(w.HTML, value="")
        head = _make(w.HTML, value=(
            f'<div class="tipcourse-question"><b>{KIND_LABELS[spec["kind"]]}</b> '
            f'<small>({spec["id"]}, {spec.get("points", 1)} pt)</small>'
            f'{markdown(spec["prompt"])}</div>'))
        buttons = [self.button]
        if spec.get("hint"):
            hint = _make(w.Button, description="Hint", tooltip=f"Hint ({spec['id']})")
            hint.on_click(lambda _: self._show(f"Hint: {spec['hint']}", "hint"))
            buttons.append(hint)
        buttons = buttons[0] if len(buttons) == 1 else _make(w.HBox, children=buttons)
        parts = [head, control, buttons, self.feedback]
        if key_lines:  # solution notebooks: the instructor sees the key
            key = message_html(["**Answer key (instructor copy)**", *key_lines], "key")
            parts.append(_make(w.HTML, value=key))
        super().__init__(parts, layout=_layout(border="1px solid #bbb", padding="0.5em",
                                               margin="0.5em 0"))
        self._restore()

    def _restore(self):
        entry = self.store.get(self.spec["id"])
        if entry is None:
            return
        try:
            self._set(entry["response"])
        except Exception:  # a saved response that no longer fits the question: keep it on disk
            self._show("Your saved answer no longer fits this question; it is kept in "
                       f"{self.store.path.name}. Please answer again.", "error")
            return
        if self.mode == "selfcheck":
            self._show_result(check(self.spec, entry["response"]), entry["attempts"])
        else:
            self._show(f"Restored your saved answer (saved {entry['attempts']} time(s)).", "saved")

    def submit(self):
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
            self._show(f"Saved (saved {entry['attempts']} time(s)). You can change it and save "
                       "again until you submit.", "saved")
        return entry

    def _show_result(self, result, attempts):
        if result.manual:  # open response in a lesson: saved, with the model answer
            self.feedback.value = message_html(result.messages + [f"Attempt {attempts}."], "saved")
            return
        head = (f"{result.status.capitalize()} ({_number(result.score)} of "
                f"{_number(result.points)}); attempt {attempts}.")
        self.feedback.value = message_html([f"**{head}**", *result.messages],
                                            result.status.replace(" ", "-"))

    def _show(self, message, css):
        self.feedback.value = message_html([message], css)

    def __repr__(self):
        entry = self.store.get(self.spec["id"])
        state = "not answered yet" if entry is None else f"answered (saved {entry['attempts']} time(s))"
        text = (f"[{KIND_LABELS[self.spec['kind']]}] {self.spec['id']}: "
                f"{_plain(self.spec['prompt'])}\n({state}; run the notebook to answer)")
        if self.key_lines:
            text += "\nKEY (instructor copy): " + " | ".join(_plain(k, 200) for k in self.key_lines)
        return text


# --- legal decision aids -----------------------------------------------------------------------

def _ticks(values, title):
    boxes = {v: w.Checkbox(description=v.replace("_", " "), value=False, indent=False,
                           layout=WIDE) for v in values}
    return boxes, w.VBox([w.HTML(f"<b>{title}</b>"), *boxes.values()])


class PalermoAid(PlainText, w.VBox):
    """Tick the elements of a case; see whether Art. 3 of the Palermo Protocol is met, and why."""

    def __init__(self):
        self.acts, acts_box = _ticks(law.ACTS, "Act (what was done)")
        self.means, means_box = _ticks(law.MEANS, "Means (how)")
        self.purposes, purposes_box = _ticks(law.PURPOSES, "Purpose (why)")
        self.age_known = w.Checkbox(description="Age is known", value=False, indent=False)
        self.age = w.BoundedIntText(value=25, min=0, max=120, description="Age:",
                                    disabled=True)
        self.verdict = w.HTML("")
        for box in [*self.acts.values(), *self.means.values(), *self.purposes.values(),
                    self.age_known, self.age]:
            box.observe(lambda _: self.update(), "value")
        self.age_known.observe(lambda ch: setattr(self.age, "disabled", not ch["new"]), "value")
        super().__init__([w.HBox([acts_box, means_box, purposes_box]),
                          w.HBox([self.age_known, self.age]), self.verdict])
        self.update()

    def update(self):
        verdict = law.palermo_test(
            acts={k for k, b in self.acts.items() if b.value},
            means={k for k, b in self.means.items() if b.value},
            purposes={k for k, b in self.purposes.items() if b.value},
            age=self.age.value if self.age_known.value else None,
        )
        self.verdict.value = _verdict_html(verdict, "Trafficking in persons (Palermo Art. 3)")
        return verdict

    def __repr__(self):
        return ("Palermo Protocol Art. 3 decision aid: tick act, means, purpose and age "
                "(run the notebook to use it)")


class ForcedLabourAid(PlainText, w.VBox):
    """Answer two questions and pick an exception; see whether C29 Art. 2 is met, and why."""

    def __init__(self):
        self.menace = w.Checkbox(description="exacted under the menace of a penalty",
                                 indent=False, layout=WIDE)
        self.involuntary = w.Checkbox(description="not offered voluntarily", indent=False,
                                      layout=WIDE)
        self.exception = w.Dropdown(
            options=[("none applies", None)] + [(k.replace("_", " "), k) for k in law.C29_EXCEPTIONS],
            value=None, description="Art. 2(2):")
        self.verdict = w.HTML("")
        for box in (self.menace, self.involuntary, self.exception):
            box.observe(lambda _: self.update(), "value")
        super().__init__([self.menace, self.involuntary, self.exception, self.verdict])
        self.update()

    def update(self):
        verdict = law.forced_labour_test(self.involuntary.value, self.menace.value,
                                         self.exception.value)
        self.verdict.value = _verdict_html(verdict, "Forced labour (ILO C29 Art. 2)")
        return verdict

    def __repr__(self):
        return ("ILO C29 Art. 2 decision aid: menace of penalty, voluntariness, exceptions "
                "(run the notebook to use it)")


def _verdict_html(verdict, title):
    head = f"**{title}: {'met' if verdict.met else 'not met'}.**"
    return message_html([head, *verdict.reasons], "met" if verdict.met else "not-met")

