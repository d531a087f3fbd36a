"""gettext catalogues (`.po`) with Babel: the template of a document, bringing a catalogue in
step with it, the translations it holds, and how much of it is translated.

A translation is used only when it is not fuzzy and its msgid is the current English exactly,
so an English sentence that changed is shown in English until a translator has looked at it
(`update` keeps the old translation as fuzzy, with the previous English beside it).
Every file is written without dates or line numbers, so an unchanged catalogue gives the same
bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)  # no date churn in the files


def new_catalogue(language: str | None = None) -> Catalog:
    catalog = Catalog(
        locale=language,
        project="tipcourse",
        version="1",
        copyright_holder="the tipcourse authors",
        msgid_bugs_address="",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=None,
        last_translator=None,
        charset="utf-8",
    )
    return catalog


def template(messages: Iterable[tuple[str, str]]) -> Catalog:
    """A catalogue of (msgid, note) in reading order, each msgid once (the first note)."""
    catalog = new_catalogue()
    for msgid, note in messages:
        if msgid not in catalog:
            catalog.add(msgid, auto_comments=[note] if note else [])
    return catalog


def read(path: Path, language: str) -> Catalog:
    if not path.exists():
        return new_catalogue(language)
    return read_bytes(path.read_bytes(), language)


def read_bytes(data: bytes, language: str) -> Catalog:
    catalog = read_po(io.BytesIO(data), locale=language)
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    return catalog


def updated(current: Catalog, template_: Catalog) -> Catalog:
    """`current` in step with `template_`: new msgids added empty, a changed one kept as fuzzy
    with its old English (Babel's fuzzy matching), vanished ones dropped."""
    current.update(template_, no_fuzzy_matching=False, update_header_comment=False)
    current.obsolete.clear()
    for message in current:
        if message.id and message.id in template_:
            message.auto_comments = list(template_[message.id].auto_comments)
    return current


def dumps(catalog: Catalog) -> bytes:
    catalog.creation_date = catalog.revision_date = FIXED_DATE
    out = io.BytesIO()
    write_po(
        out,
        catalog,
        width=0,
        no_location=True,
        omit_header=False,
        sort_output=False,
        ignore_obsolete=True,
        include_previous=True,
    )
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def translations(catalog: Catalog) -> dict[str, str]:
    """{English: translation} of the entries a reader may be shown (translated, not fuzzy)."""
    return {
        m.id: m.string
        for m in catalog
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


@dataclass(frozen=True)
class Coverage:
    total: int
    translated: int
    fuzzy: int

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.fuzzy

    def share(self, n: int) -> str:
        return f"{100 * n / self.total:.0f}%" if self.total else "-"


def coverage(catalog: Catalog, template_: Catalog) -> Coverage:
    """How much of `template_` `catalog` translates (a fuzzy entry is not translated)."""
    ids = [m.id for m in template_ if m.id]
    fuzzy = sum(1 for i in ids if i in catalog and catalog[i].fuzzy and catalog[i].string)
    done = sum(1 for i in ids if i in catalog and catalog[i].string and not catalog[i].fuzzy)
    return Coverage(len(ids), done, fuzzy)


def same_messages(catalog: Catalog, template_: Catalog) -> bool:
    """Whether `catalog` has exactly the template's msgids (it was updated after the English
    last changed)."""
    return {m.id for m in catalog if m.id} == {m.id for m in template_ if m.id}
