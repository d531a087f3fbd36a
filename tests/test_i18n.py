"""The interface in Indonesian: what the widgets, aids and grader show goes through gettext, and
the catalogue (tipcourse/locale) is complete, current and consistent with the code."""

import ast
import datetime as dt
import string
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

import tipcourse
from tipcourse import i18n, law
from tipcourse.course import Session
from tipcourse.grading.model import Graded, QuestionGrade, Submission
from tipcourse.grading.reports import feedback_markdown
from tipcourse.quiz.store import AnswerStore
from tipcourse.quiz.submit_panel import SubmitPanel
from tipcourse.quiz.widget import QuestionWidget
from tipcourse.ui import times
from tipcourse.ui.aids import PalermoAid

PACKAGE = Path(tipcourse.__file__).parent
LOCALE = PACKAGE / "locale"
POT = LOCALE / "tipcourse.pot"
PO = LOCALE / "id" / "LC_MESSAGES" / "tipcourse.po"
MO = PO.with_suffix(".mo")
# The interface's strings as `python -m tipcourse translate` extracts them (its own code aside).
KEYWORDS = ["--no-default-keywords", "-k", "_", "-k", "N_", "-k", "ngettext:1,2"]
MAPPING = "[ignore: translate/**.py]\n[python: **.py]\n"

SINGLE = {
    "id": "ex90-consent",
    "kind": "single",
    "prompt": "Pick one",
    "options": {"a": "A", "b": "B"},
    "answer": "b",
}


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


def catalogue():
    with open(PO, "rb") as fh:
        return read_po(fh, locale="id")


def messages():
    return [m for m in catalogue() if m.id]


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture
def answers_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TIPCOURSE_ANSWERS_DIR", str(tmp_path))
    return tmp_path


# --- what a student sees ---------------------------------------------------------------------


def test_a_question_checks_and_answers_in_indonesian(tmp_path):
    with i18n.using("id"):
        widget = QuestionWidget(SINGLE, AnswerStore("ex90", tmp_path))
        assert widget.button.description == "Periksa"
        widget.children[1].value = "a"
        widget.button.click()
        feedback = widget.feedback.value
    assert "Belum benar (0 dari 1); percobaan ke-1." in feedback
    assert "Bukan yang ini." in feedback and "Not" not in feedback


def test_an_assignment_question_saves_in_indonesian(tmp_path):
    with i18n.using("id"):
        widget = QuestionWidget(SINGLE, AnswerStore("ex90", tmp_path), mode="assignment")
        assert widget.button.description == "Simpan jawaban"
        widget.children[1].value = "b"
        widget.button.click()
        assert "Tersimpan (disimpan satu kali)" in widget.feedback.value
        assert repr(widget).startswith("[Pilihan tunggal] ex90-consent")


def test_english_stays_the_default(tmp_path):
    assert i18n.language() == "en"
    widget = QuestionWidget(SINGLE, AnswerStore("ex90", tmp_path))
    assert widget.button.description == "Check"
    assert times(1) == "once" and times(3) == "3 times"


def test_palermo_reasons_are_indonesian():
    with i18n.using("id"):
        verdict = law.palermo_test("recruitment", "abuse_of_vulnerability", "forced_labour", 30)
        text = str(verdict)
    assert text.startswith("Definisi terpenuhi.")
    assert "perekrutan" in text and "penyalahgunaan posisi rentan" in text
    assert "kerja paksa" in text and "Pasal 3(b)" in text
    assert "Definition" not in text and "Art." not in text


def test_the_palermo_aid_speaks_indonesian():
    with i18n.using("id"):
        aid = PalermoAid()
    assert "Perdagangan orang (Protokol Palermo, Pasal 3): tidak terpenuhi." in aid.verdict.value
    assert aid.means["abuse_of_vulnerability"].description == "penyalahgunaan posisi rentan"
    assert aid.acts["harbouring"].description == "penampungan"


def test_element_labels_read_as_their_ids_in_english():
    ids = [*law.ACTS, *law.MEANS, *law.PURPOSES, *law.C29_EXCEPTIONS]
    assert sorted(law.LABELS) == sorted(ids)
    assert all(law.label(v) == v.replace("_", " ") for v in ids)


def test_the_submit_panel_is_indonesian(answers_home):
    store = AnswerStore("ex90", answers_home)
    session = Session("ex90", "assignment", store, specs={"ex90-consent": SINGLE})
    with i18n.using("id"):
        panel = SubmitPanel(session)
        assert panel.button.description == "Kirim"
        assert panel.student_id.description == "NIM:"
        assert "Kirim latihan ex90" in panel.children[0].value
        panel.submit()
        assert "Ketik NIM Anda terlebih dahulu." in panel.result.value
        panel.student_id.value = "S1"
        outcome = panel.submit()
        assert not outcome.submitted and panel.button.description == "Tetap kirim"
        assert "1 dari 1 soal belum memiliki jawaban tersimpan: ex90-consent." in outcome.lines[0]
        outcome = panel.submit()
    assert outcome.submitted and outcome.lines[0].startswith("**Terkirim.**")


def test_feedback_files_are_written_in_the_language_of_the_moment(tmp_path):
    submission = Submission(
        tmp_path / "ex90__S1.json", "ex90", "S1", "2025-03-01T09:30:00+00:00",
        dt.datetime(2025, 3, 1, tzinfo=dt.UTC), {},
    )  # fmt: skip
    grade = QuestionGrade(SINGLE, {"response": "a"}, 0.0, ["Bukan yang ini."], "not correct")
    graded = Graded(submission, [grade], [])
    blocks: dict = {}  # shared, as in a run: a block is kept per language
    with i18n.using("id"):
        indonesian = feedback_markdown(graded, blocks)
    english = feedback_markdown(graded, blocks)
    assert "# Umpan balik latihan ex90: mahasiswa S1" in indonesian
    assert "0 dari 1 poin, belum benar" in indonesian and "Jawaban: b) B" in indonesian
    assert "# Feedback on exercise ex90: student S1" in english
    assert "0 of 1 pt, not correct" in english and "Answer: b) B" in english


def test_using_restores_the_previous_language():
    assert i18n.language() == "en"
    with i18n.using("id"):
        with i18n.using("en"):
            assert i18n.language() == "en"
        assert i18n.language() == "id"
        with pytest.raises(RuntimeError), i18n.using("en"):
            raise RuntimeError("a submission that fails")
        assert i18n.language() == "id"
    assert i18n.language() == "en"
    with pytest.raises(ValueError, match="Unknown language"), i18n.using("xx"):
        pass
    assert i18n.language() == "en"


# --- the catalogue ---------------------------------------------------------------------------


def test_every_string_is_translated_and_none_is_fuzzy():
    entries = messages()
    assert len(entries) > 250
    untranslated = [m.id for m in entries if not all(m.string if m.pluralizable else [m.string])]
    assert untranslated == []
    assert [m.id for m in entries if m.fuzzy] == [] and not catalogue().fuzzy


def test_placeholders_of_every_translation_match_the_english():
    for m in messages():
        if m.pluralizable:
            pairs = [(m.id[0], m.string[0])] + [(m.id[1], s) for s in m.string[1:]]
        else:
            pairs = [(m.id, m.string)]
        for english, indonesian in pairs:
            assert fields(indonesian) == fields(english), english
            indonesian.format(**dict.fromkeys(fields(english), "x"))  # well formed


def test_the_course_terms_are_used():
    strings = {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in messages()}
    text = " ".join(s if isinstance(s, str) else " ".join(s) for s in strings.values())
    assert "perdagangan manusia" not in text.lower()
    for english, indonesian in [
        ("Check", "Periksa"),
        ("Save answer", "Simpan jawaban"),
        ("Submit", "Kirim"),
        ("Correct", "Benar"),
        ("Not correct", "Belum benar"),
        ("Partly correct", "Sebagian benar"),
    ]:
        assert strings[english] == indonesian
    for english, term in [
        ("trafficking", "perdagangan orang"),
        ("forced labour", "kerja paksa"),
        ("vulnerability", "posisi rentan"),
    ]:
        for msgid, msgstr in strings.items():
            if english in msgid.lower():
                assert term in msgstr.lower(), msgid


def msgids(path: Path) -> set:
    with open(path, "rb") as fh:
        return {m.id if isinstance(m.id, str) else tuple(m.id) for m in read_po(fh) if m.id}


def test_every_marked_string_of_the_code_is_in_the_catalogue(tmp_path):
    """Extracted afresh into tmp_path, the code's strings are the committed template's and
    the Indonesian catalogue's, no more and no fewer."""
    fresh, mapping = tmp_path / "tipcourse.pot", tmp_path / "babel.cfg"
    mapping.write_text(MAPPING)
    pybabel("extract", *KEYWORDS, "-F", str(mapping), "-o", str(fresh), str(PACKAGE))
    wanted = msgids(fresh)
    assert len(wanted) > 250
    assert wanted == msgids(POT), "run: python -m tipcourse translate --update"
    assert wanted == msgids(PO), "run: python -m tipcourse translate --update"


def test_no_marked_string_hides_from_the_extractor():
    """Babel does not look inside f-strings: a literal `_()` there would never be translated."""
    found = set()
    for path in set(PACKAGE.rglob("*.py")) - set((PACKAGE / "translate").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
            if node.func.id in ("_", "N_") and literal[:1] == [True]:
                found.add(node.args[0].value)
            if node.func.id == "ngettext" and literal[:2] == [True, True]:
                found.add((node.args[0].value, node.args[1].value))
    assert len(found) > 250
    assert found == msgids(PO)


def test_the_compiled_catalogue_is_the_po_compiled(tmp_path):
    """The .mo the course reads is exactly what Babel compiles from the .po (fuzzy left out)."""
    mo = tmp_path / "tipcourse.mo"
    pybabel("compile", "-l", "id", "-i", str(PO), "-o", str(mo))
    assert mo.read_bytes() == MO.read_bytes(), "run: python -m tipcourse translate"
    with open(MO, "rb") as fh:
        assert len([m for m in read_mo(fh) if m.id]) == len(messages())
