"""The fixed words of a lesson's structure, per language: the headings and labels that lint
checks and that the reading copy and the slides look for (docs/AUTHORING.md). A translation
uses exactly these, so that every Indonesian lesson reads alike and the tools find its parts.
`plan_markers(language)` gives the same for a lesson plan (instructor/lesson_plans/, id/): the
headings and labels the slides read it by.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Markers:
    content_note: str  # the bold start of the content-note blockquote
    objectives: str  # heading
    plot_text: str  # the italic start of the cell that describes a plot (its alt text)
    takeaway: str  # the bold label of a plot's one-sentence takeaway
    key_points: str  # heading
    sources: str  # heading
    minutes: str  # "About 90 minutes."
    duration: str  # an example of the line under the title
    question: str  # "(question 3)"
    questions: str  # "(questions 1-3)"
    case: str = "Composite case (fictional)."  # the italic start of a composite case
    case_heading: str = "Case"  # a heading that starts with it names a case ("Case A: ...")


MARKERS = {
    "en": Markers(
        "Content note.",
        "Learning objectives",
        "What the plot shows:",
        "Takeaway:",
        "Key points",
        "Sources",
        "minutes",
        "About 60 minutes.",
        "question",
        "questions",
    ),
    "id": Markers(
        "Catatan konten.",
        "Tujuan pembelajaran",
        "Apa yang ditunjukkan grafik:",
        "Intinya:",
        "Poin-poin penting",
        "Sumber",
        "menit",
        "Sekitar 60 menit.",
        "soal",
        "soal",
        case="Kasus gabungan (fiktif).",
        case_heading="Kasus",
    ),
}


def markers(language: str | None) -> Markers:
    return MARKERS.get(language or "en", MARKERS["en"])


def language_of(nb: object) -> str:
    """The language a notebook is in (its `tipcourse.language`, English if none)."""
    meta = getattr(nb, "metadata", {}) or {}
    course = meta.get("tipcourse") if isinstance(meta, dict) else None
    return str(course.get("language", "en")) if isinstance(course, dict) else "en"


@dataclass(frozen=True)
class PlanMarkers:
    """A lesson plan's fixed words: its `##` headings (by their start), the bold labels under
    them, and the words by which a row of its session table says what it takes up."""

    session: str  # the 90-minute session table
    discussions: str  # the discussion questions
    watch: str  # what to watch for with a distressing subject
    assessment: str
    formative: str  # the bold start of the formative check, under the assessment
    read_out: str  # the bold label of the content note to read out, under the watch list
    discussion: str  # "Discussion question 1": a row that names a discussion question
    also: str  # "questions 1 and 2"
    content_note: str  # a row that reads the content note out is the opening
    later: tuple[str, ...]  # a sentence with one of these sets its questions for later
    time_allows: tuple[str, ...]  # "(and `l03-x` if time allows)"
    then: str  # a row's activity "..., then `l02-x`"
    article: str  # a quotation's article, as the plan cites it: "Art. 3(a)"


PLAN_MARKERS = {
    "en": PlanMarkers(
        session="90-minute session",
        discussions="Discussion questions",
        watch="What to watch for with a distressing subject",
        assessment="Assessment",
        formative="**Formative check",
        read_out="Content note to read out",
        discussion="Discussion question",
        also="and",
        content_note="content note",
        later=("self-study", "homework", "at home", "optional", "before class", "for reading"),
        time_allows=("if time allows",),
        then="then",
        article="Art.",
    ),
    "id": PlanMarkers(
        session="Sesi 90 menit",
        discussions="Pertanyaan diskusi",
        watch="Hal yang perlu diperhatikan pada topik yang berat",
        assessment="Penilaian",
        formative="**Cek formatif",
        read_out="Catatan konten untuk dibacakan",
        discussion="Pertanyaan diskusi",
        also="dan",
        content_note="catatan konten",
        later=(
            "belajar mandiri",
            "pekerjaan rumah",
            "di rumah",
            "opsional",
            "sebelum kelas",
            "untuk dibaca",
        ),
        time_allows=("bila waktu memungkinkan", "jika waktu memungkinkan"),
        then="lalu",
        article="Pasal",
    ),
}


def plan_markers(language: str | None) -> PlanMarkers:
    return PLAN_MARKERS.get(language or "en", PLAN_MARKERS["en"])
