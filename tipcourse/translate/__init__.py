"""`python -m tipcourse translate`: the course in another language, from the English and
gettext catalogues (docs/TRANSLATING.md).

- `translate --update` brings every catalogue in step with the English: the content's
  (`locale/<lang>/`, one per document, documents.py) and the interface's
  (`tipcourse/locale/`, every `_()` string of the package).
- `translate` writes the translated documents and compiles the interface catalogue (`.mo`).
- `translate --check` changes nothing: it fails when a catalogue is behind the English or a
  written file differs from what `translate` would write, and reports per catalogue the
  share of strings translated, fuzzy (the English changed since) and missing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog

from ..paths import PACKAGE, ROOT
from . import catalogues, documents
from .documents import Document

LANGUAGES = ("id",)
UI_DIR = PACKAGE / "locale"
UI_TEMPLATE = UI_DIR / "tipcourse.pot"
UI_KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def ui_catalogue(language: str) -> Path:
    return UI_DIR / language / "LC_MESSAGES" / "tipcourse.po"


def ui_template() -> Catalog:
    """Every `_()`, `N_()` and `ngettext()` string of the package's code, in file order."""
    from babel.messages.extract import extract_from_dir

    found = extract_from_dir(
        PACKAGE,
        method_map=[("translate/**.py", "ignore"), ("**.py", "python")],
        keywords=UI_KEYWORDS,
        comment_tags=("TRANSLATORS:",),
    )
    catalog = catalogues.new_catalogue()
    for _filename, _lineno, message, comments, context in found:
        catalog.add(message, auto_comments=comments, context=context)
    return catalog


def document_template(doc: Document) -> Catalog:
    found: list[tuple[str, str]] = []

    def record(text: str, note: str) -> str:
        found.append((text, note))
        return text

    doc.render(record)
    return catalogues.template(found)


def written(doc: Document, catalog: Catalog) -> str:
    """The text of `doc.target`, from the translations of `catalog`."""
    table = catalogues.translations(catalog)
    return doc.render(lambda text, note: table.get(text, text))


def _write(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _pairs(language: str) -> Iterator[tuple[Catalog, Path, Path | None, Document | None]]:
    """(template, catalogue path, target path or None, document or None) of everything."""
    for doc in documents.documents(language):
        yield document_template(doc), doc.catalogue, doc.target, doc
    yield ui_template(), ui_catalogue(language), None, None


def update(language: str) -> list[str]:
    changed = []
    for tmpl, po, _target, _doc in _pairs(language):
        fresh = catalogues.updated(catalogues.read(po, language), tmpl)
        if _write(po, catalogues.dumps(fresh)):
            changed.append(_rel(po))
    if _write(UI_TEMPLATE, catalogues.dumps(ui_template())):
        changed.append(_rel(UI_TEMPLATE))
    return changed


def build(language: str) -> list[str]:
    changed = []
    for _tmpl, po, target, doc in _pairs(language):
        catalog = catalogues.read(po, language)
        if doc is None:
            target, data = po.with_suffix(".mo"), catalogues.mo_bytes(catalog)
        else:
            data = written(doc, catalog).encode("utf-8")
        if _write(target, data):
            changed.append(_rel(target))
    return changed


def check(language: str) -> tuple[list[str], list[str]]:
    """(problems, report lines) for `language`; writes nothing."""
    problems, report = [], []
    for tmpl, po, target, doc in _pairs(language):
        catalog = catalogues.read(po, language)
        if not po.exists() or not catalogues.same_messages(catalog, tmpl):
            problems.append(f"{_rel(po)} is behind the English: run `make translate`")
        if doc is None:
            target, want = po.with_suffix(".mo"), catalogues.mo_bytes(catalog)
        else:
            want = written(doc, catalog).encode("utf-8")
        if not target.exists() or target.read_bytes() != want:
            problems.append(f"{_rel(target)} is out of step with {_rel(po)}: run `make translate`")
        cov = catalogues.coverage(catalog, tmpl)
        report.append(
            f"{_rel(po):60} {cov.total:5} strings  {cov.share(cov.translated):>5} translated  "
            f"{cov.share(cov.fuzzy):>4} fuzzy  {cov.share(cov.missing):>4} missing"
        )
    if not UI_TEMPLATE.exists() or UI_TEMPLATE.read_bytes() != catalogues.dumps(ui_template()):
        problems.append(f"{_rel(UI_TEMPLATE)} is behind the code: run `make translate`")
    return problems, report


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def main(update_first: bool = False, check_only: bool = False) -> int:
    status = 0
    for language in LANGUAGES:
        if check_only:
            problems, report = check(language)
            print("\n".join(report))
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                status = 1
            else:
                print(f"{language}: every catalogue and translated file is in step.")
            continue
        changed = (update(language) if update_first else []) + build(language)
        for name in changed:
            print(f"wrote {name}")
        if not changed:
            print(f"{language}: nothing to write.")
    return status
