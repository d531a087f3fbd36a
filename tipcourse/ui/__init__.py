"""Widget building blocks shared by every widget of the course: shared layout and style models,
Markdown to HTML, the feedback box, and a deterministic text/plain.

Every widget has a short, deterministic text/plain (`__repr__`): it is what a reader sees
where widgets cannot render, and what nbval compares.
"""

from __future__ import annotations

import functools

import ipywidgets as w


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


def message_html(messages: list[str], css: str = "") -> str:
    items = "".join(f"<li>{markdown(m)}</li>" for m in messages if m)
    return f'<div class="tipcourse-feedback {css}"><ul>{items}</ul></div>'


def number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


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
