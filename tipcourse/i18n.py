"""The language of everything the course's code shows: widgets, aids, the grader's feedback.

English is the source language. A notebook chooses its language when it starts
(`course.start_lesson("l01", language="id")`); the grader switches per submission with
`using(code)`. Strings are marked `_("...")` (or `ngettext`) where they are written and looked
up in `tipcourse/locale/<code>/LC_MESSAGES/tipcourse.mo`, compiled from the `.po` next to it by
`python -m tipcourse translate` (committed, checked by `translate --check`). The standard
library's gettext reads it, so a lesson imports nothing more for it.
"""

from __future__ import annotations

import contextlib
import gettext as _gettext
from collections.abc import Iterator
from functools import cache
from pathlib import Path

LANGUAGES = {"en": "English", "id": "Bahasa Indonesia"}
SOURCE = "en"
DOMAIN = "tipcourse"
LOCALE_DIR = Path(__file__).with_name("locale")

_current = SOURCE


def check(code: str) -> str:
    """`code` if the course speaks it, else a ValueError naming the languages it speaks."""
    if code not in LANGUAGES:
        names = ", ".join(f"{k} ({v})" for k, v in LANGUAGES.items())
        raise ValueError(f"Unknown language {code!r}: the course is in {names}.")
    return code


@cache
def _translation(code: str) -> _gettext.NullTranslations:
    if code == SOURCE:
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def catalogue_files(code: str) -> list[Path]:
    """The compiled catalogue that `code`'s strings come from (none for English)."""
    return [] if code == SOURCE else [LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"]


def set_language(code: str) -> None:
    global _current
    _current = check(code)


def language() -> str:
    return _current


@contextlib.contextmanager
def using(code: str) -> Iterator[None]:
    """Show strings in `code` inside the block (the grader, one submission at a time)."""
    global _current
    before, _current = _current, check(code)
    try:
        yield
    finally:
        _current = before


def _(message: str) -> str:
    return _translation(_current).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation(_current).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a string for extraction where it is defined; translate it with `_` where shown."""
    return message
