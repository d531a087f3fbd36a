"""Widget building blocks shared by every widget of the course: shared layout and style models,
Markdown to HTML, the feedback box, and a deterministic text/plain.

Every widget has a short, deterministic text/plain (`__repr__`): it is what a reader sees
where widgets cannot render, and what nbval compares.
"""

from __future__ import annotations

import functools

import ipywidgets as w

from ..i18n import ngettext


@functools.cache
def shared_layout(**css) -> w.Layout:
    """One Layout per distinct css, shared: ipywidgets would otherwise give every widget its own
    layout model (one more message to the browser and more state in the notebook)."""
    return w.Layout(**css)


@functools.cache
def _shared_style(kind: type) -> w.Widget:
    return kind()


def make(cls: type, layout: w.Layout | None = None, **kwargs) -> w.Widget:
    """A `cls` widget whose layout and style models are shared with its siblings."""
    trait = cls.class_traits().get("style")
    if trait is not None and "style" not in kwargs:
        kwargs["style"] = _shared_style(trait.klass)
    return cls(layout=layout or shared_layout(), **kwargs)


WIDE = shared_layout(width="auto", max_width="100%")


def markdown(text: str) -> str:
    import mistune  # installed with nbconvert; imported on first use only

    return mistune.html(text)


# Each kind of message has a colour, an icon and words (the first line of every message says
# what it is: "Correct (1 of 1)...", "Saved...", "Hint: ..."), so none rests on colour alone.
# Text is #1f1f1f on a light tint (contrast above 12:1); the border carries the colour.
FEEDBACK_STYLES = {
    "correct": ("#1a7f37", "#e9f5ec", "✔"),
    "partly-correct": ("#9a6700", "#fff6dd", "◐"),
    "not-correct": ("#b3261e", "#fdeceb", "✘"),
    "saved": ("#0b57d0", "#eaf1fd", "✓"),
    "too-short": ("#9a6700", "#fff6dd", "⚠"),
    "hint": ("#5f6368", "#f1f3f4", "💡"),
    "error": ("#b3261e", "#fdeceb", "⚠"),
    "key": ("#6a1b9a", "#f5ecf9", "🔑"),
}


def message_html(messages: list[str], css: str = "") -> str:
    items = "".join(f"<li>{markdown(m)}</li>" for m in messages if m)
    border, tint, icon = FEEDBACK_STYLES.get(css, ("#5f6368", "#f1f3f4", ""))
    style = (
        f"border-left:4px solid {border};background:{tint};color:#1f1f1f;"
        "padding:0.25em 0.75em;margin:0.25em 0;border-radius:2px;display:flex;gap:0.5em"
    )
    badge = (
        f'<span aria-hidden="true" style="color:{border};font-weight:bold">{icon}</span>'
        if icon
        else ""
    )
    return (
        f'<div class="tipcourse-feedback {css}" style="{style}">{badge}'
        f'<ul style="margin:0;padding-left:1.2em">{items}</ul></div>'
    )


def number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def as_typed(value: object) -> str:
    """A saved response as a student would type it: 7.0 as "7", 14.13 as "14.13"."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def times(n: int) -> str:
    """ "once", "2 times": how often an answer was saved."""
    # TRANSLATORS: follows "saved" in "(saved once)", "(saved 3 times)".
    return ngettext("once", "{n} times", n).format(n=n)


def plain_line(text: str, limit: int = 100) -> str:
    first = " ".join(text.split())
    return first if len(first) <= limit else first[: limit - 1] + "…"


class PlainText:
    """Use the full `__repr__` as text/plain (ipywidgets would cut it at 110 characters)."""

    def _repr_mimebundle_(self, **kwargs) -> dict | None:
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle:
            bundle["text/plain"] = repr(self)
        return bundle
