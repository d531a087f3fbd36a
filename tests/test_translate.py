"""The Indonesian edition: segments, catalogues, the written files, one key for two languages."""

from __future__ import annotations

import copy
import json

import pytest
from babel.messages.catalog import Catalog

from tipcourse import translate
from tipcourse.authoring import release
from tipcourse.paths import ROOT
from tipcourse.translate import catalogues, documents, segments


def same(text: str, note: str) -> str:
    return text


def marked(text: str, note: str) -> str:
    return f"ID[{text}]"


# --- segments ---------------------------------------------------------------------------------

MARKDOWN = """# A heading

A paragraph
over two lines.

```{note}
Inside a directive

with a blank line.
```

| a table | row |
|---|---|
| x | y |
"""


def test_markdown_blocks_join_back_to_the_text():
    pieces = segments.markdown_blocks(MARKDOWN)
    assert "".join(p for p, _ in pieces) == MARKDOWN
    blocks = [p for p, is_block in pieces if is_block]
    assert len(blocks) == 4  # heading, paragraph, the fenced block whole, the table
    assert blocks[2].startswith("```{note}") and blocks[2].rstrip().endswith("```")


def test_markdown_translates_each_block_and_keeps_the_blank_lines():
    out = segments.markdown(MARKDOWN, marked)
    assert out.count("ID[") == 4
    assert "ID[A paragraph\nover two lines.]\n\n" in out
    assert segments.markdown(MARKDOWN, same) == MARKDOWN


CODE = '''# Two lines of one
#    sentence.
rows = data.load("legal_timeline")
kept = rows[rows["instrument"].str.contains("No. 29|Palermo")]
ax = kept.plot.bar(x="year", y="count")
plots.finish(ax, "Laws by year, 2000-2026", "year of the law", "laws (count)")
print("Saved to the folder")  # a tail comment
label = {"a key with space": "a shown value"}
'''


def test_python_translates_what_a_reader_sees_only():
    asked = []

    def record(text: str, note: str) -> str:
        asked.append(text)
        return text

    assert segments.python(CODE, record) == CODE
    assert "Laws by year, 2000-2026" in asked and "year of the law" in asked
    assert "Saved to the folder" in asked and "a shown value" in asked
    assert "Two lines of one\nsentence." in asked and "a tail comment" in asked
    # matched against data or names a file: never asked
    for kept in ("legal_timeline", "No. 29|Palermo", "instrument", "a key with space"):
        assert kept not in asked


def test_python_writes_translations_back_as_valid_code():
    out = segments.python(CODE, lambda t, n: t.replace("Laws", 'Undang-undang "UU"'))
    compile(out, "cell", "exec")
    assert "Undang-undang \\\"UU\\\" by year" in out or "'Undang-undang \"UU\" by year" in out
    assert 'data.load("legal_timeline")' in out


def test_python_comment_block_keeps_its_lines():
    out = segments.python(CODE, lambda t, n: "Baris satu\nbaris dua" if "\n" in t else t)
    assert out.startswith("# Baris satu\n# baris dua\nrows =")


def test_code_that_does_not_parse_is_left_alone():
    assert (
        segments.python("%matplotlib inline\nx = 'a b'", marked) == "%matplotlib inline\nx = 'a b'"
    )


def test_spec_translates_text_and_never_the_key():
    spec = {
        "id": "l01-x",
        "kind": "single",
        "points": 1,
        "prompt": "Which one?",
        "options": {"a": "One", "b": "Two"},
        "answer": "a",
        "feedback": {"a": "Yes.", "b": "No."},
        "explanation": "Because.",
    }
    out = segments.spec(spec, marked)
    assert out["options"] == {"a": "ID[One]", "b": "ID[Two]"}
    assert out["answer"] == "a" and out["id"] == "l01-x" and out["points"] == 1
    assert out["feedback"]["b"] == "ID[No.]" and out["explanation"] == "ID[Because.]"
    assert spec["options"]["a"] == "One"  # the English spec is untouched


def test_numeric_and_open_specs_keep_values_and_points():
    spec = {
        "id": "ex01-n",
        "kind": "numeric",
        "prompt": "How many?",
        "answer": 9,
        "wrong_values": [{"value": 8, "feedback": "One short."}],
        "rubric": [{"criterion": "Names the law.", "points": 2}],
    }
    out = segments.spec(spec, marked)
    assert out["wrong_values"] == [{"value": 8, "feedback": "ID[One short.]"}]
    assert out["rubric"] == [{"criterion": "ID[Names the law.]", "points": 2}]


# --- catalogues -------------------------------------------------------------------------------


def _catalogue(entries: dict[str, tuple[str, bool]]) -> Catalog:
    catalog = catalogues.new_catalogue("id")
    for msgid, (msgstr, fuzzy) in entries.items():
        catalog.add(msgid, msgstr, flags=["fuzzy"] if fuzzy else [])
    return catalog


def test_a_fuzzy_or_empty_translation_is_never_shown():
    catalog = _catalogue({"Old": ("Lama", True), "New": ("", False), "Kept": ("Tetap", False)})
    assert catalogues.translations(catalog) == {"Kept": "Tetap"}


def test_update_marks_a_changed_english_fuzzy_and_keeps_the_old_translation():
    current = _catalogue({"The law was passed in 2007.": ("UU disahkan pada 2007.", False)})
    new = catalogues.template([("The law was passed in April 2007.", "Markdown")])
    fresh = catalogues.updated(current, new)
    message = fresh["The law was passed in April 2007."]
    assert message.fuzzy and message.string == "UU disahkan pada 2007."
    assert catalogues.translations(fresh) == {}
    cov = catalogues.coverage(fresh, new)
    assert (cov.total, cov.translated, cov.fuzzy, cov.missing) == (1, 0, 1, 0)


def test_a_catalogue_is_byte_stable():
    catalog = _catalogue({"A": ("B", False)})
    first = catalogues.dumps(catalog)
    again = catalogues.dumps(catalogues.read_bytes(first, "id"))
    assert first == again and b"POT-Creation-Date: 2026-01-01" in first


def test_no_catalogue_keeps_a_previous_english_as_a_comment():
    """A translator who resolves a fuzzy entry by hand must delete its `#|` previous-English
    lines; one left half-deleted is read back as a translator comment ("# |"), which `update`
    rewrites on every run, so the rebuild no longer reproduces the catalogue."""
    left = [
        f"{path.relative_to(ROOT)}: {message.id[:50]!r}"
        for path in sorted((ROOT / "locale").glob("*/*/*.po"))
        for message in catalogues.read(path, path.parts[-3])
        if message.id and message.user_comments
    ]
    assert left == []
    broken = catalogues.read_bytes(b'# | msgid "Old"\nmsgid "New"\nmsgstr "Baru"\n', "id")
    assert broken["New"].user_comments == ['| msgid "Old"']  # what the test looks for


# --- documents --------------------------------------------------------------------------------


def _doc(group: str, stem: str) -> documents.Document:
    return next(
        d for d in documents.documents("id") if d.group == group and d.source.stem.startswith(stem)
    )


def test_a_lesson_in_english_words_has_the_english_cells():
    import jupytext

    doc = _doc("notebooks", "01_")
    english = jupytext.read(doc.source, fmt="md:myst")
    written = jupytext.reads(doc.render(same), fmt="md:myst")
    assert written.metadata["tipcourse"]["language"] == "id"
    assert len(written.cells) == len(english.cells)
    for a, b in zip(english.cells, written.cells, strict=True):
        if 'course.start_lesson("l01")' in a.source:
            assert 'course.start_lesson("l01", language="id")' in b.source
        elif a.cell_type == "markdown":
            assert documents.LINK.sub("", a.source) == documents.LINK.sub("", b.source)
        else:
            assert a.source == b.source


def test_links_point_at_the_same_languages_copies():
    doc = _doc("notebooks", "00_")
    text = doc._links(
        "[ex](../exercises/ex01_palermo_definition.ipynb) [d](../data/x.csv) "
        "[l](01_palermo_definition.ipynb) [w](https://example.org/a)"
    )
    assert "(../../exercises/id/ex01_palermo_definition.ipynb)" in text
    assert "(../../data/x.csv)" in text
    assert "(01_palermo_definition.ipynb)" in text and "(https://example.org/a)" in text


def test_a_bank_in_english_words_is_the_english_bank():
    from tipcourse.quiz.banks import parse_yaml

    doc = _doc("banks", "l01")
    assert parse_yaml(doc.render(same)) == parse_yaml(doc.source.read_text(encoding="utf-8"))


def test_a_written_bank_keeps_ids_and_keys_with_indonesian_text():
    from tipcourse.quiz.banks import load_bank

    english, indonesian = load_bank("l01"), load_bank("l01", "id")
    assert list(english) == list(indonesian)
    for qid, spec in english.items():
        assert release._skeleton(spec) == release._skeleton(indonesian[qid]), qid


# --- one key, two languages -------------------------------------------------------------------


def test_a_translation_that_changes_a_key_is_refused():
    english = json.loads((ROOT / "solutions" / "keys" / "ex01.json").read_text())["questions"]
    other = copy.deepcopy(english)
    assert release.translation_problems("id/ex01", english, other) == []
    choice = next(s for s in other if s["kind"] in ("single", "numeric"))
    choice["answer"] = "zz" if choice["kind"] == "single" else 12345
    problems = release.translation_problems("id/ex01", english, other)
    assert len(problems) == 1 and choice["id"] in problems[0]
    assert release.translation_problems("id/ex01", english, other[1:])


def test_the_key_holds_each_languages_texts():
    key = json.loads((ROOT / "solutions" / "keys" / "ex01.json").read_text())
    ids = [q["id"] for q in key["questions"]]
    assert list(key["translations"]["id"]) == ids
    assert all("prompt" in texts for texts in key["translations"]["id"].values())


# --- the repository ---------------------------------------------------------------------------


def test_every_catalogue_and_translated_file_is_in_step():
    problems, report = translate.check("id")
    assert problems == [], "\n".join(problems)
    assert len(report) == len(documents.documents("id")) + 1  # and the interface's


@pytest.mark.parametrize("doc", documents.documents("id"), ids=lambda d: d.catalogue.name)
def test_every_catalogue_is_complete(doc):
    catalog = catalogues.read(doc.catalogue, "id")
    cov = catalogues.coverage(catalog, translate.document_template(doc))
    assert (cov.fuzzy, cov.missing) == (0, 0), f"{doc.catalogue}: {cov}"
