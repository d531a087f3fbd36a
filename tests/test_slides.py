"""The seminar decks (`make slides`) and the slide metadata for RISE.

The decks are made from the lesson notebook, its question bank and its lesson plan (the
tipcourse/publish/deck package turns them into slides as plain data, slides.py renders
reveal.js). The unit tests below check that model on small made-up sources and on the
committed lessons; the browser tests open every built deck in Chromium at 1280x720 with the
network cut off and measure every slide. The Indonesian edition (notebooks/id, banks/id,
lesson_plans/id) is read by the Indonesian fixed words and written in Indonesian throughout,
into build/slides/id.
"""

from __future__ import annotations

import base64
import html
import re
import struct
import subprocess
import zlib
from pathlib import Path

import nbformat
import pytest
from browser import Offline
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tipcourse import i18n
from tipcourse.__main__ import main
from tipcourse.authoring.markers import markers, plan_markers
from tipcourse.publish import deck, slides

ROOT = Path(__file__).resolve().parent.parent
LESSONS = slides.lessons(ROOT / "notebooks")
ID_LESSONS = slides.lessons(ROOT / "notebooks" / "id")
# A deck per lesson (a lesson in parts makes one): (deck name, its notebooks, language).
SEMINARS = [
    (name, notebooks, language)
    for language in ("en", "id")
    for name, notebooks in slides.seminars(slides.EDITIONS[language])
]
# Words the deck writes itself: none may show in an Indonesian deck (outside the notes, which
# carry the plan's text; NOTE_WORDS are the deck's own words there).
DECK_WORDS = [
    "Self-check ",
    "Discuss in pairs",
    "Takeaway:",
    "(continued)",
    "Learning objectives",
    "Key points",
    "If time allows",
    "After class",
    "For self-study",
    "In the notebook:",
    "Today:",
    "more rows in the lesson",
    "-minute seminar",
    "By the end of this session",
    "Composite case",
    "seminar slides",
]
NOTE_WORDS = ["Read the content note aloud", "From the plan:", "Students see the options"]
CONTINUED = {"en": "(continued)", "id": "(lanjutan)"}  # a split slide's title ends so
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//|@import\s+url\(\s*["']?https?:""")


def ensure_node_modules():
    """The decks copy reveal.js from node_modules (make runs `npm ci` first)."""
    if not (ROOT / "node_modules" / "reveal.js" / "dist" / "reveal.js").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True
        )


def png(width: int, height: int) -> str:
    """A valid grey PNG of the given size, base64 (as a notebook stores it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + b"\x88" * width for _ in range(height))
    data = (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
    return base64.b64encode(data).decode()


# --- made-up sources --------------------------------------------------------------------------

PLAN = """# Lesson plan 09: A lesson

## 90-minute session

| minutes | activity | what the lecturer does | what students do |
|---|---|---|---|
| 5 | Opening | Reads the content note below; states the objectives. | Open lesson 09. |
| 20 | The definition: `l09-pick` | Reads Art. 3(a) aloud. Runs `l09-pick`; a show of hands first. Discussion question 1. | Answer alone, then compare. |
| 15 | Cases: `l09-sort` | Shows *A worked case*; `l09-sort` in pairs. Sets `l09-later` as homework. | Sort the facts \\| then explain. |
| 50 | Close | Formative check below. | Exit check. |

## Discussion questions

1. **Why is consent irrelevant once a means is used?**
   A strong answer: agreement obtained by deception is not free. *Misconception:* that a yes
   ends the matter.
2. **Is a debt a means?**
   A strong answer: not on its own (`l09-sort`).
3. **What would you ask next?**
   A strong answer: what the sources cannot say.

## What to watch for with a distressing subject

- **Content note to read out** (in your own words): "We name the forms, never describe them."
- **Composite cases are fictional:** say so.

## Assessment

**Formative check for the end of class** (three minutes):

1. Which paragraph decides? (Art. 3(b).)
"""

BANK = {
    "l09-pick": {
        "id": "l09-pick",
        "kind": "single",
        "prompt": "*Composite case (fictional).* Ana agreed to the job. Does that matter?",
        "options": {"a": "Yes: she agreed", "b": "No: she was deceived", "c": "Only for children"},
        "answer": "b",
        "feedback": {"a": "Consent is irrelevant.", "b": "Right: deception.", "c": "No."},
        "explanation": "Art. 3(b).",
    },
    "l09-sort": {
        "id": "l09-sort",
        "kind": "categorize",
        "prompt": "Sort each fact.",
        "items": {"offer": "The recruiter signs her up", "lie": "He lies about the work"},
        "categories": {"act": "Act", "means": "Means"},
        "answer": {"offer": "act", "lie": "means"},
        "feedback": {"offer": "Recruitment.", "lie": "Deception."},
    },
    "l09-later": {
        "id": "l09-later",
        "kind": "numeric",
        "prompt": "How many means?",
        "answer": 9,
        "unit": "means",
    },
}


# A DataFrame's HTML as pandas writes it: the names of the index in a header row of their own,
# a rowspan in the index.
FRAME = """<div><style scoped>.dataframe tbody tr th { vertical-align: top; }</style>
<table border="1" class="dataframe">
  <thead>
    <tr style="text-align: right;"><th></th><th>year</th><th>cases</th></tr>
    <tr><th>element</th><th></th><th></th></tr>
  </thead>
  <tbody>
    <tr><th rowspan="2" valign="top">means</th><td>2019</td><td>1,021</td></tr>
    <tr><td>2020</td><td>&lt;5</td></tr>
    <tr><th>act &amp; purpose</th><td>2021</td><td>12</td></tr>
  </tbody>
</table></div>"""


def table_cell(html: str = FRAME) -> nbformat.NotebookNode:
    return new_code_cell(
        "frame",
        outputs=[new_output("execute_result", data={"text/html": html, "text/plain": "..."})],
    )


def lesson_notebook():
    plot = new_code_cell(
        'ax = df.plot()\nplots.finish(ax, "Nine means", "element", "count", "data: x")',
        outputs=[new_output("display_data", data={"image/png": png(60, 30)})],
    )
    widget = new_code_cell(
        "course.palermo_aid()",
        outputs=[
            new_output(
                "display_data",
                data={"application/vnd.jupyter.widget-view+json": {"model_id": "x"}},
            )
        ],
    )
    nb = new_notebook(
        cells=[
            new_markdown_cell("# 09 A lesson\n\nWhat it is about. About 90 minutes."),
            new_markdown_cell("> **Content note.** This lesson names forms of exploitation."),
            new_markdown_cell("## Learning objectives\n\n1. **identify** the means"),
            new_code_cell(
                'from tipcourse import course, data, plots\ncourse.start_lesson("l09")\n'
                "plots.style()"
            ),
            new_markdown_cell(
                "## The definition\n\n> \"'Trafficking in persons' shall mean ...\"\n>\n"
                "> (Palermo Protocol, 2000, Art. 3(a))"
            ),
            plot,
            new_markdown_cell(
                "*What the plot shows:* a bar per element.\n\n**Takeaway:** the means are many."
            ),
            table_cell(),
            new_code_cell('course.ask("l09-pick")'),
            new_markdown_cell("## Cases\n\n### A worked case"),
            new_markdown_cell("*Composite case (fictional).* Budi, 30, is offered a job."),
            widget,
            new_code_cell('course.ask("l09-sort")'),
            new_markdown_cell("## Going further"),
            table_cell(FRAME.replace("means", "not shown")),  # no row takes it up
            new_markdown_cell("*Composite case (fictional).* Sari, 19, goes abroad."),
            new_code_cell('course.ask("l09-later")'),
            new_markdown_cell("## Key points\n\n- One means is enough.\n- Consent is irrelevant."),
        ]
    )
    nb.metadata["tipcourse"] = {
        "id": "l09",
        "minutes": 90,
        "objectives": [{"text": "identify the means", "questions": ["l09-pick"]}],
    }
    return nb


@pytest.fixture
def made_up():
    lesson = deck.read_lesson(lesson_notebook(), "09_a_lesson")
    plan = deck.parse_plan(PLAN)
    return lesson, plan, deck.deck(lesson, BANK, plan, ["**means** (*cara*): how"])


# The same made-up lesson in Indonesian: its plan with the Indonesian fixed headings and labels
# (authoring/markers.py), its notebook with the Indonesian markers and `language: id`.
PLAN_ID = """# Rencana pelajaran 09: Sebuah pelajaran

## Sesi 90 menit

| menit | kegiatan | yang dilakukan dosen | yang dilakukan mahasiswa |
|---|---|---|---|
| 5 | Pembukaan | Membacakan catatan konten di bawah; menyampaikan tujuan. | Membuka pelajaran 09. |
| 20 | Definisinya: `l09-pick` | Membacakan Pasal 3(a). Menjalankan `l09-pick`; angkat tangan dulu. Pertanyaan diskusi 1. | Menjawab sendiri, lalu membandingkan. |
| 15 | Kasus: `l09-sort` | Menunjukkan *Sebuah kasus yang dikerjakan*; `l09-sort` berpasangan. Menetapkan `l09-later` sebagai pekerjaan rumah. | Memilah fakta \\| lalu menjelaskan. |
| 50 | Penutup | Cek formatif di bawah. | Cek akhir. |

## Pertanyaan diskusi

1. **Mengapa persetujuan tidak relevan begitu suatu cara digunakan?**
   Jawaban yang kuat: persetujuan yang diperoleh dengan penipuan tidak bebas.
2. **Apakah utang merupakan cara?**
   Jawaban yang kuat: tidak dengan sendirinya (`l09-sort`).
3. **Apa yang akan Anda tanyakan berikutnya?**
   Jawaban yang kuat: apa yang tidak dapat dikatakan sumber.

## Hal yang perlu diperhatikan pada topik yang berat

- **Catatan konten untuk dibacakan:** "Kita menyebut bentuk-bentuknya, tanpa menggambarkannya."
- **Kasus gabungan bersifat fiktif:** nyatakan hal itu.

## Penilaian

**Cek formatif untuk akhir kelas** (tiga menit):

1. Paragraf mana yang menentukan? (Pasal 3(b).)
"""

INDONESIAN = {
    "# 09 A lesson\n\nWhat it is about. About 90 minutes.": (
        "# 09 Sebuah pelajaran\n\nTentang apa pelajaran ini. Sekitar 90 menit."
    ),
    "> **Content note.** This lesson names forms of exploitation.": (
        "> **Catatan konten.** Pelajaran ini menyebut bentuk-bentuk eksploitasi."
    ),
    "## Learning objectives\n\n1. **identify** the means": (
        "## Tujuan pembelajaran\n\n1. **mengidentifikasi** cara"
    ),
    "## The definition\n\n> \"'Trafficking in persons' shall mean ...\"\n>\n"
    "> (Palermo Protocol, 2000, Art. 3(a))": (
        "## Definisinya\n\n> \"'Perdagangan orang' berarti ...\"\n>\n"
        "> (Protokol Palermo, 2000, Pasal 3(a))"
    ),
    "*What the plot shows:* a bar per element.\n\n**Takeaway:** the means are many.": (
        "*Apa yang ditunjukkan grafik:* satu batang per unsur.\n\n**Intinya:** caranya banyak."
    ),
    "## Cases\n\n### A worked case": "## Kasus\n\n### Sebuah kasus yang dikerjakan",
    "*Composite case (fictional).* Budi, 30, is offered a job.": (
        "*Kasus gabungan (fiktif).* Budi, 30, ditawari pekerjaan."
    ),
    "## Going further": "## Lebih lanjut",
    "*Composite case (fictional).* Sari, 19, goes abroad.": (
        "*Kasus gabungan (fiktif).* Sari, 19, pergi ke luar negeri."
    ),
    "## Key points\n\n- One means is enough.\n- Consent is irrelevant.": (
        "## Poin-poin penting\n\n- Satu cara sudah cukup.\n- Persetujuan tidak relevan."
    ),
}


def lesson_notebook_id():
    nb = lesson_notebook()
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = INDONESIAN[cell.source]
    nb.metadata["tipcourse"]["language"] = "id"
    return nb


BANK_ID = {
    "l09-pick": {
        **BANK["l09-pick"],
        "prompt": "*Kasus gabungan (fiktif).* Ana menyetujui pekerjaan itu. Apakah itu penting?",
        "options": {"a": "Ya: ia setuju", "b": "Tidak: ia ditipu", "c": "Hanya untuk anak"},
        "feedback": {"a": "Persetujuan tidak relevan.", "b": "Benar: penipuan.", "c": "Tidak."},
        "explanation": "Pasal 3(b).",
    },
    "l09-sort": {
        **BANK["l09-sort"],
        "prompt": "Pilah setiap fakta.",
        "items": {"offer": "Perekrut mendaftarkannya", "lie": "Ia berbohong tentang pekerjaan"},
        "categories": {"act": "Tindakan", "means": "Cara"},
        "feedback": {"offer": "Perekrutan.", "lie": "Penipuan."},
    },
    "l09-later": {**BANK["l09-later"], "prompt": "Berapa banyak cara?", "unit": "cara"},
}


@pytest.fixture
def made_up_id():
    lesson = deck.read_lesson(lesson_notebook_id(), "09_a_lesson")
    plan = deck.parse_plan(PLAN_ID, "id")
    return lesson, plan, deck.deck(lesson, BANK_ID, plan, ["**cara** (*means*): bagaimana"])


def kinds(slides_: list[deck.Slide]) -> list[str]:
    return [s.kind for s in slides_]


# --- reading the sources ----------------------------------------------------------------------


def test_a_lesson_is_read_into_what_slides_show():
    lesson = deck.read_lesson(lesson_notebook(), "09_a_lesson")
    assert (lesson.number, lesson.title) == ("09", "A lesson")
    assert lesson.content_note == "This lesson names forms of exploitation."
    assert lesson.objectives == ["identify the means"]
    assert [(i.kind, i.text[:20]) for i in lesson.items] == [
        ("quote", "\"'Trafficking in per"),
        ("plot", "the means are many."),
        ("table", ""),
        ("question", "l09-pick"),
        ("case", "Budi, 30, is offered"),
        ("live", ""),
        ("question", "l09-sort"),
        ("table", ""),
        ("case", "Sari, 19, goes abroa"),
        ("question", "l09-later"),
    ]
    quote, plot = lesson.items[:2]
    assert quote.cite == "Palermo Protocol, 2000, Art. 3(a)"
    assert (plot.alt, plot.size) == ("a bar per element.", (60, 30))
    assert lesson.key_points == ["One means is enough.", "Consent is irrelevant."]


def test_a_plan_is_read_into_rows_discussions_and_notes():
    plan = deck.parse_plan(PLAN)
    assert plan.problems == []
    assert [(r.minutes, r.activity) for r in plan.rows] == [
        (5, "Opening"),
        (20, "The definition: `l09-pick`"),
        (15, "Cases: `l09-sort`"),
        (50, "Close"),
    ]
    assert plan.rows[2].students == "Sort the facts | then explain."  # an escaped pipe
    assert [(d.number, d.question) for d in plan.discussions] == [
        (1, "Why is consent irrelevant once a means is used?"),
        (2, "Is a debt a means?"),
        (3, "What would you ask next?"),
    ]
    assert plan.discussions[0].notes.startswith("A strong answer: agreement obtained")
    assert plan.read_out == "We name the forms, never describe them."
    assert plan.watch == "- **Composite cases are fictional:** say so."
    assert plan.formative.startswith("**Formative check") and "(Art. 3(b).)" in plan.formative


def test_a_plan_without_structure_is_reported_not_fatal():
    plan = deck.parse_plan("# A plan\n\nSome prose.\n")
    assert plan.rows == [] and plan.discussions == []
    assert len(plan.problems) == 3 and "90-minute session" in plan.problems[0]
    lesson = deck.read_lesson(lesson_notebook(), "09_a_lesson")
    made = deck.deck(lesson, BANK, plan)  # a row per section that asks questions
    assert kinds(made)[:2] == ["opening", "objectives"]
    assert sum(s.kind == "question" for s in made) == 3
    assert "key-points" in kinds(made)


@pytest.mark.parametrize(
    "activity, title",
    [
        ("Live self-checks `l01-elements` and `l01-means-which`", "Live self-checks"),
        ("Consent and children: `l01-consent`, `l01-child-age`, `l01-child-rule`", None),
        ("A human-rights approach: `l04-a`, `l04-b`; civil society: `l04-c`", None),
        ("The papers: `l03-a`, `l03-b` (and `l03-c` if time allows)", "The papers"),
        ("The 11 indicators: Worked case A, then `l02-case-b`", None),
        ("Pairs: `ex07-new-case-elements`, `ex07-new-case-verdict`", "Pairs"),
        ("Why NTT? `l06-red-zone`", "Why NTT?"),
    ],
)
def test_activity_titles_lose_their_question_ids(activity, title):
    expected = {
        "Consent and children: `l01-consent`, `l01-child-age`, `l01-child-rule`": (
            "Consent and children"
        ),
        "A human-rights approach: `l04-a`, `l04-b`; civil society: `l04-c`": (
            "A human-rights approach; civil society"
        ),
        "The 11 indicators: Worked case A, then `l02-case-b`": "The 11 indicators: Worked case A",
    }.get(activity, title)
    assert deck.strip_ids(activity) == expected


def test_live_ids_leave_out_what_is_set_for_later():
    row = deck.Row(
        10,
        "Scope: `l01-a`",
        "Runs `l01-b` (a show of hands). Sets `l01-c` and `l01-d` as self-study. "
        "`l01-e` at home. Then `l01-f`.",
        "",
    )
    assert deck.live_ids(row) == ["l01-a", "l01-b", "l01-f"]


# --- the deck ---------------------------------------------------------------------------------


def test_the_deck_follows_the_plan(made_up):
    lesson, plan, made = made_up
    assert kinds(made) == [
        "opening",  # the content note first
        "objectives",
        "agenda",
        "activity",  # The definition
        "quote",
        "plot",
        "table",  # the cell's output, not its code
        "question",
        "discussion",  # named by the row
        "activity",  # Cases
        "case",
        "question",
        "discussion",  # cites l09-sort: if time allows
        "activity",  # Close
        "key-points",
        "divider",  # what no row takes up
        "discussion",
        "case",  # but not the table of a part no row takes up
        "terms",
    ]
    opening = made[0]
    assert opening.title == "A lesson" and opening.timebox == "Opening · 5 min"
    assert "This lesson names forms of exploitation." in opening.blocks[1].text
    assert '"We name the forms, never describe them."' in opening.notes
    assert "Composite cases are fictional" in opening.notes
    agenda = [b.text for b in made[2].blocks]
    assert agenda[:2] == ["**0:00** Opening (5 min)", "**0:05** The definition (20 min)"]
    activity = made[3]
    assert (activity.title, activity.timebox) == ("The definition", "0:05–0:25 · 20 min")
    assert activity.notes.startswith("Reads Art. 3(a) aloud.")
    assert made[4].timebox == "The definition · 20 min"
    assert (made[6].title, made[6].timebox) == ("The definition", made[4].timebox)
    assert (made[8].title, made[8].timebox) == ("Discussion question 1", made[4].timebox)
    assert made[12].timebox == "If time allows · Cases · 15 min"
    assert "Live in the notebook (needs a kernel): the section *A worked case*." in made[9].notes
    assert "**Formative check" in made[13].notes
    assert made[16].title == "Discussion question 3" and made[16].timebox == "After class"
    assert "Sari, 19" in made[17].blocks[1].text and made[17].timebox == "For self-study"


def test_a_self_check_is_a_question_labelled_by_text_with_the_answer_on_a_fragment(made_up):
    _, _, made = made_up
    question = next(s for s in made if s.kind == "question")
    assert question.title == "Self-check 1 of 3"
    options = [(b.text, b.mark) for b in question.blocks if b.kind == "option"]
    assert options == [
        ("Yes: she agreed", ""),
        ("No: she was deceived", "✓"),
        ("Only for children", ""),
    ]
    assert "- ✓ *No: she was deceived*: Right: deception." in question.notes
    assert "From the plan: Runs `l09-pick`; a show of hands first." in question.notes
    assert "name them by their text" in question.notes
    sort = [s for s in made if s.kind == "question"][1]
    assert [(b.text, b.mark) for b in sort.blocks if b.kind == "option"] == [
        ("The recruiter signs her up", "→ Act"),
        ("He lies about the work", "→ Means"),
    ]
    assert [b.text for b in sort.blocks if b.kind == "chips"] == ["Act · Means"]


@pytest.mark.parametrize(
    "spec, answer",
    [
        ({"kind": "numeric", "answer": 9, "unit": "means"}, "**Answer:** 9 means"),
        ({"kind": "text", "answer": ["penampungan", "harbouring"]}, "*penampungan* / *harbouring*"),
        ({"kind": "order", "items": {"x": "X", "y": "Y"}, "answer": ["y", "x"]}, None),
        ({"kind": "open", "explanation": "A model answer."}, None),
    ],
)
def test_every_kind_of_question_has_its_answer_on_a_fragment_or_in_the_notes(spec, answer):
    spec = {"id": "l09-q", "prompt": "A question?", **spec}
    (slide,) = deck.question_slides(spec, 2, 5, "")
    answers = [b.text for b in slide.blocks if b.kind == "answer"]
    if answer:
        assert answers and answer in answers[0]
    elif spec["kind"] == "order":
        assert [(b.text, b.mark) for b in slide.blocks if b.kind == "option"] == [
            ("X", "#2"),
            ("Y", "#1"),
        ]
    else:  # an open answer is written in the notebook; the model answer is the lecturer's
        assert answers == [] and "Model answer: A model answer." in slide.notes


def test_every_slide_fits_by_estimate_and_long_content_is_split():
    long = [f"Point {n}: " + "a sentence of some length that goes on. " * 6 for n in range(12)]
    pages = deck.bullet_slides("key-points", "Key points", long)
    assert len(pages) > 1
    assert all(deck.slide_height(p) <= deck.budget() for p in pages)
    assert [b.text for p in pages for b in p.blocks] == long  # nothing lost, in order
    assert pages[1].title == "Key points (continued)" and pages[1].notes == ""
    one = deck.fit(deck.Slide("p", "One long paragraph", [deck.Block("p", long[0] * 16)]))
    assert len(one) > 1 and all(deck.slide_height(p) <= deck.budget() for p in one)
    spec = {
        "id": "l09-many",
        "kind": "categorize",
        "prompt": "Sort them.",
        "items": {f"i{n}": f"Item {n}: " + "words " * 30 for n in range(10)},
        "categories": {"a": "One", "b": "Two"},
        "answer": {f"i{n}": "a" for n in range(10)},
    }
    parts = deck.question_slides(spec, 1, 1, "")
    assert len(parts) > 1
    assert all(any(b.kind == "chips" for b in p.blocks) for p in parts)  # categories repeat
    assert sum(b.kind == "option" for p in parts for b in p.blocks) == 10


def test_a_rendered_deck_has_no_code_no_prompts_and_nothing_remote(made_up):
    _, _, made = made_up
    page = slides.render(made, "09 A lesson")
    assert "<pre" not in page and "In&nbsp;[" not in page and "In [" not in page
    assert "course.ask" not in page and "start_lesson" not in page
    assert "widget-view+json" not in page
    assert REMOTE.findall(page) == []
    assert page.count("<section") == len(made)
    assert page.count('<aside class="notes">') == sum(bool(s.notes) for s in made)
    assert 'class="fragment mark short" data-fragment-index="0">✓</span>' in page
    assert re.search(r'<img src="data:image/png;base64,[^"]+" alt="a bar per element\."', page)


# --- the Indonesian edition -------------------------------------------------------------------


def shown_text(slides_: list[deck.Slide]) -> str:
    """What the slides show (not their notes), as Markdown."""
    parts = [t for s in slides_ for t in (s.title, s.timebox, *(b.text for b in s.blocks))]
    return "\n".join(parts)


def test_an_indonesian_plan_is_read_by_its_own_fixed_words():
    plan = deck.parse_plan(PLAN_ID, "id")
    assert plan.problems == [] and plan.language == "id"
    assert [(r.minutes, deck.strip_ids(r.activity, "id")) for r in plan.rows] == [
        (5, "Pembukaan"),
        (20, "Definisinya"),
        (15, "Kasus"),
        (50, "Penutup"),
    ]
    assert [d.number for d in plan.discussions] == [1, 2, 3]
    assert plan.read_out == "Kita menyebut bentuk-bentuknya, tanpa menggambarkannya."
    assert plan.watch == "- **Kasus gabungan bersifat fiktif:** nyatakan hal itu."
    assert plan.formative.startswith("**Cek formatif") and "(Pasal 3(b).)" in plan.formative
    assert deck.live_ids(plan.rows[2], "id") == ["l09-sort"]  # l09-later: pekerjaan rumah
    assert deck.strip_ids(
        "Makalah: `l03-a`, `l03-b` (dan `l03-c` bila waktu memungkinkan)", "id"
    ) == ("Makalah")
    english = deck.parse_plan(PLAN_ID)  # read by the English words, it has no structure
    assert english.rows == [] and len(english.problems) == 3
    assert deck.parse_plan(PLAN).problems == []


def test_an_indonesian_deck_follows_its_plan_as_the_english_one_does(made_up, made_up_id):
    _, _, english = made_up
    lesson, _, made = made_up_id
    assert lesson.language == "id" and lesson.content_note.startswith("Pelajaran ini")
    assert [i.kind for i in lesson.items] == [i.kind for i in made_up[0].items]
    assert kinds(made) == kinds(english)
    opening = made[0]
    assert (opening.title, opening.timebox) == ("Sebuah pelajaran", "Pembukaan · 5 menit")
    assert opening.blocks[0].text == "Pelajaran 09 · seminar 90 menit"
    assert opening.blocks[1].text.startswith("**Catatan konten.** Pelajaran ini")
    assert '"Kita menyebut bentuk-bentuknya, tanpa menggambarkannya."' in opening.notes
    assert made[1].title == "Tujuan pembelajaran"
    assert made[1].blocks[0].text == "Di akhir sesi ini Anda dapat:"
    assert made[2].title == "Hari ini: 90 menit"
    assert [b.text for b in made[2].blocks][:2] == [
        "**0:00** Pembukaan (5 menit)",
        "**0:05** Definisinya (20 menit)",
    ]
    assert (made[3].title, made[3].timebox) == ("Definisinya", "0:05–0:25 · 20 menit")
    assert made[5].blocks[1].text == "**Intinya:** caranya banyak."
    assert made[7].title == "Uji mandiri 1 dari 3"
    assert "Dari rencana pembelajaran: Menjalankan `l09-pick`; angkat tangan dulu." in (
        made[7].notes
    )
    assert (made[8].title, made[8].timebox) == ("Pertanyaan diskusi 1", made[4].timebox)
    assert made[8].blocks[1].text == "Diskusikan berpasangan, lalu sampaikan kepada kelas."
    assert made[10].title == "Sebuah kasus gabungan"
    assert made[12].timebox == "Bila waktu memungkinkan · Kasus · 15 menit"
    assert "**Cek formatif" in made[13].notes
    assert made[14].title == "Poin-poin penting"
    assert (made[16].title, made[16].timebox) == ("Pertanyaan diskusi 3", "Sesudah kelas")
    assert made[17].timebox == "Untuk belajar mandiri"
    text = shown_text(made)
    assert [w for w in DECK_WORDS if w in text] == []
    assert [w for w in NOTE_WORDS if w in "\n".join(s.notes for s in made)] == []


def test_an_indonesian_deck_renders_in_indonesian(made_up_id):
    _, _, made = made_up_id
    page = slides.render(made, "09 Sebuah pelajaran", "id")
    assert page.startswith('<!DOCTYPE html>\n<html lang="id">')
    assert "<b>Kategori:</b>" in page and "Categories:" not in page
    assert slides.render(made, "x").startswith('<!DOCTYPE html>\n<html lang="en">')


def test_the_words_a_deck_writes_follow_its_language():
    """Split slides, a table's note, a question's lead and notes: in the deck's language."""
    item = deck.Item("table", 0, table=deck.read_table(frame(90)))
    spec = {"id": "l09-q", "kind": "numeric", "prompt": "Berapa?", "answer": 9, "unit": "cara"}
    with i18n.using("id"):
        pages = deck.table_slides(item, "Tabel panjang", "")
        (question,) = deck.question_slides(spec, 2, 5, "")
    assert pages[1].title == "Tabel panjang (lanjutan)"
    assert pages[-1].blocks[-1].text.endswith(" baris lagi di pelajaran.")
    assert pages[0].notes.startswith("Tabel yang ditampilkan pelajaran di *Tabel panjang*")
    assert question.title == "Uji mandiri 2 dari 5"
    assert [b.text for b in question.blocks[:1]] == ["Berikan sebuah bilangan dalam cara."]
    assert "**Jawaban:** 9 cara" in [b.text for b in question.blocks]
    assert i18n.language() == "en"  # using() restores the language
    assert deck.table_slides(item, "A long table", "")[1].title == "A long table (continued)"


# --- the committed lessons --------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, notebooks, language", SEMINARS, ids=[f"{n}-{lang}" for n, _, lang in SEMINARS]
)
def test_each_lesson_deck_carries_its_sources(name, notebooks, language):
    sources = slides.EDITIONS[language]
    made, title, problems = slides.lesson_deck(notebooks, sources)
    nb = slides.joined([slides.read_notebook(p) for p in notebooks])
    lesson = deck.read_lesson(nb, name)
    assert lesson.language == language
    plan_text = (sources.plans / f"{name}.md").read_text(encoding="utf-8")
    plan = deck.parse_plan(plan_text, language)
    assert problems == [], problems
    continued = CONTINUED[language]
    assert made[0].kind == "opening" and lesson.content_note
    assert lesson.content_note.split()[0] in made[0].blocks[1].text
    objectives = next(s for s in made if s.kind == "objectives")
    expected = [o["text"] for o in nb.metadata["tipcourse"]["objectives"]]
    assert [plain_start(b.text) for b in objectives.blocks[1:]] == [
        plain_start(e) for e in expected
    ]
    # every plot of the lesson, once (a tall one in parts), with its takeaway, as large as the
    # slide allows and never too small to read
    plots = [s for s in made if s.kind == "plot"]
    firsts = [s for s in plots if not s.title.endswith(continued)]
    assert len(firsts) == sum(i.kind == "plot" for i in lesson.items) > 0
    takeaway = f"**{markers(language).takeaway}** "
    assert all(s.blocks[1].text.startswith(takeaway) for s in plots)
    for s in plots:
        image = s.blocks[0]
        room_w, room_h = deck.plot_room(s.title, s.timebox, s.blocks[1])
        assert image.size[0] >= 0.9 * room_w or image.size[1] >= 0.9 * room_h, s.title
        assert image.size[0] / deck.png_size(image.image)[0] >= deck.MIN_PLOT_SCALE - 0.01
    # the table of every part a row of the plan takes up, from the saved output
    where = deck.assign(lesson, plan.rows, language)
    covered = [i for n, i in enumerate(lesson.items) if i.kind == "table" and where[n] is not None]
    tables = [s for s in made if s.kind == "table" and not s.title.endswith(continued)]
    assert len(tables) == len(covered)
    # every discussion question, with its strong answer in the notes
    talks = [s for s in made if s.kind == "discussion"]
    assert [int(s.title.split()[-1]) for s in sorted(talks, key=lambda s: s.title)] == sorted(
        d.number for d in plan.discussions
    )
    assert all(s.notes for s in talks)
    # the plan's rows as activities with their time boxes; questions shown once
    said = plan_markers(language).content_note
    opening = said in (plan.rows[0].activity + plan.rows[0].lecturer).lower()
    activities = [s.title for s in made if s.kind == "activity"]
    assert activities == [deck.strip_ids(r.activity, language) for r in plan.rows[opening:]]
    shown = [s.notes.split("`")[1] for s in made if s.kind == "question" and s.notes]
    assert len(shown) == len(set(shown)) > 0
    assert made[-1].kind == "terms" or any(s.kind == "key-points" for s in made)
    assert all(deck.slide_height(s) <= deck.budget() for s in made)


def plain_start(markdown: str) -> str:
    return deck.plain(markdown)[:30].lower()


# --- tables and plots -------------------------------------------------------------------------


def texts(rows: list[list[deck.Cell]]) -> list[list[str]]:
    return [[c.text or f"({c.carried})" if c.carried else c.text for c in row] for row in rows]


def test_a_dataframe_output_is_a_table_slide_without_its_code(made_up):
    _, _, made = made_up
    (slide,) = [s for s in made if s.kind == "table"]  # the other table's part is in no row
    table = slide.blocks[0].table
    assert (slide.title, slide.timebox) == ("The definition", "The definition · 20 min")
    assert texts(table.head) == [["element", "year", "cases"]]  # pandas' two header rows in one
    assert texts(table.body) == [
        ["means", "2019", "1,021"],
        ["(means)", "2020", "<5"],  # covered by the rowspan above
        ["act & purpose", "2021", "12"],
    ]
    assert table.numeric == [False, True, True] and table.font == deck.TABLE_FONTS[0]
    assert len(slide.blocks) == 1  # nothing left out, nothing to say under it
    page = slides.render(made, "09 A lesson")
    assert '<th scope="col">element</th>' in page and '<th scope="row">means</th>' in page
    assert '<td class="num">&lt;5</td>' in page and ">frame<" not in page


def frame(rows: int, text: str = "a short entry", columns: int = 2) -> str:
    """A DataFrame's HTML: a default index (0, 1, 2 ...), `columns` columns, a rowspan."""
    head = "".join(f"<th>column {c}</th>" for c in range(columns))
    body = "".join(
        f"<tr><th>{n}</th>"
        + (
            '<td rowspan="3">spans three rows</td>'
            if n == 10
            else ""
            if n in (11, 12)
            else f"<td>{text} {n}</td>"
        )
        + "".join(f"<td>{n * c}</td>" for c in range(1, columns))
        + "</tr>"
        for n in range(rows)
    )
    return f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>"


def test_a_default_index_is_left_out_and_rowspans_are_spread():
    table = deck.read_table(frame(14))
    assert texts(table.head) == [["column 0", "column 1"]]
    assert texts(table.body)[9:13] == [
        ["a short entry 9", "9"],
        ["spans three rows", "10"],
        ["(spans three rows)", "11"],
        ["(spans three rows)", "12"],
    ]
    assert table.numeric == [False, True]
    assert deck.read_table("<p>no table</p>") is None


@pytest.mark.parametrize("rows", [30, 90])
def test_a_long_table_is_split_then_capped(rows):
    item = deck.Item("table", 0, table=deck.read_table(frame(rows)))
    pages = deck.table_slides(item, "A long table", "Tables · 10 min")
    assert len(pages) == deck.MAX_TABLE_SLIDES
    assert [p.title for p in pages] == ["A long table", "A long table (continued)"]
    assert all(deck.slide_height(p) <= deck.budget() for p in pages)
    parts = [p.blocks[0].table for p in pages]
    assert all(texts(t.head) == [["column 0", "column 1"]] for t in parts)  # on every slide
    assert all(t.font == deck.TABLE_SPLIT_FONT for t in parts)
    shown = [row[1].text for t in parts for row in t.body]
    assert shown == [str(n) for n in range(len(shown))]  # in order, none twice
    if rows == 30:  # all of it, as many rows on each slide
        assert len(shown) == 30 and abs(len(parts[0].body) - len(parts[1].body)) <= 1
        assert all(len(p.blocks) == 1 for p in pages)
    else:
        assert pages[-1].blocks[-1].text == f"{rows - len(shown)} more rows in the lesson."
    # a rowspan cut by the slide's edge shows its text again on the next slide
    first = parts[1].body[0]
    if parts[0].body[-1][1].text in ("10", "11"):
        assert first[0].text == "spans three rows"


def test_long_cells_are_cut_only_when_the_table_would_not_fit():
    words = "a long description of what this row counts and where it comes from " * 4
    small = deck.Item("table", 0, table=deck.read_table(frame(3, words)))
    (slide,) = deck.table_slides(small, "Three rows", "")
    assert slide.blocks[0].table.body[0][0].text.startswith(words.strip())  # in full
    many = deck.Item("table", 0, table=deck.read_table(frame(40, words)))
    pages = deck.table_slides(many, "Forty rows", "")
    cut = [c.text for p in pages for row in p.blocks[0].table.body for c in row[:1] if c.text]
    cut = [text for text in cut if text != "spans three rows"]
    assert all(len(text) <= deck.CELL_CHARS and text.endswith("…") for text in cut)
    assert "long entries shortened (…), in full in the lesson" in pages[-1].blocks[-1].text
    assert all(deck.slide_height(p) <= deck.budget() for p in pages)


def test_a_table_too_wide_for_the_slide_loses_columns_from_the_right():
    wide = deck.read_table(frame(4, "Pemberdayaan", columns=40))
    (slide,) = deck.table_slides(deck.Item("table", 0, table=wide), "Wide", "")
    table = slide.blocks[0].table
    assert table.more_columns == 40 - table.columns > 0
    assert sum(table.widths) <= deck.BODY_WIDTH
    assert f"{table.more_columns} more columns in the lesson" in slide.blocks[-1].text


def test_text_widths_follow_the_font():
    assert deck.text_px("iiii", 20) < deck.text_px("mmmm", 20) < deck.text_px("mmmm", 20, True)
    assert deck.wrapped_lines("word " * 40, 20, 200) > deck.wrapped_lines("word " * 40, 20, 400)
    assert deck.wrapped_lines("a" * 100, 20, 100) >= 10  # a word too long breaks


def test_a_plot_fills_the_room_under_its_title_with_its_takeaway_beneath():
    for width, height in ((900, 450), (640, 480), (500, 1400)):  # the last: no rows to cut
        item = deck.Item("plot", 0, text="it rises.", alt="a line.", image=png(width, height))
        item.size = (width, height)
        (slide,) = deck.plot_slides(item, "A plot", "Plots · 5 min")
        image, takeaway = slide.blocks
        room_w, room_h = deck.plot_room("A plot", "Plots · 5 min", takeaway)
        assert image.size[0] >= 0.9 * room_w or image.size[1] >= 0.9 * room_h
        assert image.size[0] <= room_w and image.size[1] <= room_h
        assert takeaway.text == "**Takeaway:** it rises." and deck.slide_height(slide) <= 680


def line_chart(width: float, height: float) -> str:
    """A tall line chart with grid lines, drawn at 100 dpi: no gap between rows to cut at."""
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    ax = fig.subplots()
    x = np.linspace(0, 20, 400)
    ax.plot(np.sin(x), x)
    ax.grid(True)
    out = io.BytesIO()
    FigureCanvasAgg(fig).print_png(out)
    return base64.b64encode(out.getvalue()).decode()


def test_the_lesson_05_timeline_is_shown_in_parts_large_enough_to_read():
    notebook = next(p for p in LESSONS if p.stem.startswith("05_"))
    lesson = deck.read_lesson(slides.read_notebook(notebook), notebook.stem)
    tallest = max((i for i in lesson.items if i.kind == "plot"), key=lambda i: i.size[1])
    width, height = tallest.size
    heading = lesson.parts[tallest.part].heading
    room_w, room_h = deck.plot_room(heading, "A row · 10 min", deck.Block("p", tallest.text))
    assert min(room_w / width, room_h / height) < deck.MIN_PLOT_SCALE  # whole, too small
    parts = deck.plot_slides(tallest, heading, "A row · 10 min")
    assert 2 <= len(parts) <= deck.MAX_BANDS
    assert [p.title for p in parts] == [heading] + [f"{heading} (continued)"] * (len(parts) - 1)
    drawn = [deck.png_size(p.blocks[0].image) for p in parts]
    assert all(w == width for w, _ in drawn) and sum(h for _, h in drawn) > height
    for slide, (w, _) in zip(parts, drawn, strict=True):
        image = slide.blocks[0]
        assert image.size[0] / w >= deck.MIN_PLOT_SCALE
        assert image.size[1] >= 0.9 * room_h or image.size[0] >= 0.9 * room_w
        assert slide.blocks[1].text.startswith("**Takeaway:**")
        assert deck.slide_height(slide) <= deck.budget()
    assert parts[0].blocks[0].alt.startswith(f"Part 1 of {len(parts)} of the plot: one line")
    # a line chart is never cut: it has no gaps between rows
    assert deck.plot_bands(line_chart(5, 14), 2) is None


# --- building ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The decks, built by the command line into a temporary folder."""
    ensure_node_modules()
    out = tmp_path_factory.mktemp("slides") / "slides"
    assert main(["slides", "--out", str(out)]) == 0
    return out, sorted(out.glob("*.slides.html"))


def test_a_deck_per_lesson_with_reveal_js_beside_it(built):
    out, decks = built
    assert [d.name for d in decks] == [f"{name}.slides.html" for name, _ in slides.seminars()]
    for asset in ("dist/reveal.js", "dist/theme/white.css", "plugin/notes/notes.js"):
        assert (out / "reveal.js" / asset).exists(), asset
    for page in decks:
        text = page.read_text()
        assert REMOTE.findall(text) == [], page.name
        assert "<pre" not in text and "widget-view+json" not in text, page.name


def test_the_indonesian_decks_are_in_id_in_indonesian(built):
    """build/slides/id: a deck per Indonesian lesson, loading the English decks' reveal.js,
    its own words in Indonesian (none of the deck's English words, notes aside)."""
    out, _ = built
    decks = sorted((out / "id").glob("*.slides.html"))
    seminars = slides.seminars(slides.EDITIONS["id"])
    assert [d.name for d in decks] == [f"{name}.slides.html" for name, _ in seminars]
    assert len(decks) >= 9 and not (out / "id" / "reveal.js").exists()
    for page in decks:
        text = page.read_text(encoding="utf-8")
        assert text.startswith('<!DOCTYPE html>\n<html lang="id">'), page.name
        refs = re.findall(r'(?:src|href)="(\.\./reveal\.js/[^"]+)"', text)
        assert refs and all((page.parent / ref).resolve().exists() for ref in refs), page.name
        shown = re.sub(r'<aside class="notes">.*?</aside>', "", text, flags=re.S)
        assert [w for w in DECK_WORDS if html.unescape(w) in html.unescape(shown)] == [], page.name
        assert re.search(r"<h2>Uji mandiri 1 dari \d+</h2>", text), page.name
        assert "<h2>Tujuan pembelajaran</h2>" in text and "<h2>Poin-poin penting</h2>" in text
    with_plan = [n for n, _ in seminars if (slides.EDITIONS["id"].plans / f"{n}.md").exists()]
    assert len(with_plan) == len(seminars)
    for name in with_plan:  # a plan's Indonesian session: its rows, its discussions
        text = (out / "id" / f"{name}.slides.html").read_text(encoding="utf-8")
        assert "<h2>Hari ini: " in text and "<h2>Pertanyaan diskusi 1</h2>" in text, name


def test_an_indonesian_lesson_without_its_plan_gets_the_deck_without_one(tmp_path, capsys):
    lesson = ID_LESSONS[1]
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / lesson.name).write_bytes(lesson.read_bytes())
    sources = slides.Sources(
        tmp_path / "lessons", tmp_path / "plans", slides.BANKS / "id", language="id"
    )
    (made,) = slides.build(tmp_path / "out", sources, reveal="../reveal.js")
    said = capsys.readouterr().out
    assert (
        f"{tmp_path}/plans/{lesson.stem}.md: no lesson plan (the deck is made without it)" in said
    )
    text = made.read_text(encoding="utf-8")
    assert '<html lang="id">' in text and "Hari ini:" not in text  # no plan, no agenda
    assert "<h2>Uji mandiri 1 dari " in text and not (tmp_path / "out" / "reveal.js").exists()


def test_an_edition_is_built_from_its_own_folders(tmp_path):
    """Another edition (the Indonesian one: notebooks/id, instructor/lesson_plans/id) is built
    the same way from its own lessons, plans and banks."""
    ensure_node_modules()
    lesson = LESSONS[1]
    (tmp_path / "lessons").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "lessons" / lesson.name).write_bytes(lesson.read_bytes())
    plan = (ROOT / slides.PLANS / f"{lesson.stem}.md").read_text(encoding="utf-8")
    first = deck.parse_plan(plan).rows[1].activity
    plan = plan.replace(f"| {first} |", "| Unsur-unsur definisi |", 1)
    (tmp_path / "plans" / f"{lesson.stem}.md").write_text(plan, encoding="utf-8")
    sources = slides.Sources(lessons=tmp_path / "lessons", plans=tmp_path / "plans")
    (made,) = slides.build(tmp_path / "out", sources)
    assert made.name == f"{lesson.stem}.slides.html"
    assert "Unsur-unsur definisi" in made.read_text(encoding="utf-8")
    assert slides.lesson_deck(lesson, sources)[2] == []  # its plan found, in its folder
    missing = slides.Sources(lessons=tmp_path / "lessons", plans=tmp_path / "none")
    assert slides.lesson_deck(lesson, missing)[2] == [
        f"{tmp_path}/none/{lesson.stem}.md: no lesson plan"
    ]


def test_a_build_never_empties_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="choose another --out"):
        slides.build(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


# --- in Chromium, offline, at 1280x720 ----------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from browser import chromium_browser

    with chromium_browser() as chromium:
        yield chromium


def open_deck(offline, path: Path):
    """A deck in a page, once reveal.js has laid it out and its fonts are loaded."""
    page = offline.open(path)
    page.wait_for_function("() => document.querySelector('.reveal.ready')", timeout=30_000)
    page.evaluate("document.fonts.ready")
    return page


def plot_parts(measured: list[dict], continued: str) -> list[list[dict]]:
    """The plot slides of a deck, by plot: one slide, or the slides of its parts (a part
    after the first is the next slide, its title the first's and `continued`)."""
    plots: list[list[dict]] = []
    for m in (m for m in measured if m["kind"] == "plot"):
        first = plots[-1][0] if plots else None
        if (
            first
            and m["i"] == plots[-1][-1]["i"] + 1
            and m["title"] == f"{first['title']} {continued}"
        ):
            plots[-1].append(m)
        else:
            plots.append([m])
    return plots


# Each slide shown in turn: its height in the slide's own pixels (reveal.js scales the
# 1280x720 slide to the window) and whether it lies inside the window.
MEASURE = """() => {
  const out = [], slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i);
    const s = slides[i], box = s.getBoundingClientRect();
    const img = s.querySelector('img'), table = s.querySelector('table');
    out.push({i, kind: s.dataset.kind, title: (s.querySelector('h1, h2') || {}).textContent,
              height: s.scrollHeight, bottom: box.bottom, right: box.right,
              code: s.querySelectorAll('pre, .jp-InputPrompt, .prompt, .jupyter-widgets').length,
              image: img && {width: img.offsetWidth, height: img.offsetHeight,
                             natural: img.naturalWidth},
              table: table && {width: table.offsetWidth,
                               font: parseFloat(getComputedStyle(table.querySelector('td'))
                                                .fontSize)}});
  }
  return out; }"""


@pytest.mark.browser
@pytest.mark.parametrize(
    "stem, notebooks, language", SEMINARS, ids=[f"{n}-{lang}" for n, _, lang in SEMINARS]
)
def test_every_slide_fits_1280x720_offline(built, browser, stem, notebooks, language):
    out, _ = built
    folder = out if language == "en" else out / language
    offline = Offline(browser, (1280, 720))
    try:
        page = open_deck(offline, folder / f"{stem}.slides.html")
        measured = page.evaluate(MEASURE)
        tallest = max(m["height"] for m in measured)
        print(f"{stem}: {len(measured)} slides, tallest {tallest} px")
        too_tall = [m for m in measured if m["height"] > 720 or m["bottom"] > 720]
        assert too_tall == [], too_tall
        assert all(m["right"] <= 1280 for m in measured)
        assert [m for m in measured if m["code"]] == []
        # plots fill the room the title and the takeaway leave (in width or in height), never
        # smaller than legible; a plot shown in parts is shown at one scale (the same text size
        # in every part), its tallest part filling the room. Tables are no wider than the
        # slide, in 16 px text or larger.
        room_w = deck.BODY_WIDTH
        for parts in plot_parts(measured, CONTINUED[language]):
            fills = []
            for m in parts:
                image, room_h = m["image"], deck.budget() - (m["height"] - m["image"]["height"])
                print(f"  plot {m['i']}: {image}, room {room_w}x{room_h}")
                fills.append(image["width"] >= 0.9 * room_w or image["height"] >= 0.9 * room_h)
                assert image["width"] / image["natural"] >= deck.MIN_PLOT_SCALE - 0.01, m
            assert len({m["image"]["width"] for m in parts}) == 1 and any(fills), parts
        tables = [m for m in measured if m["kind"] == "table"]
        assert all(t["table"]["width"] <= room_w and t["table"]["font"] >= 16 for t in tables)
        sources = slides.EDITIONS[language]
        made, _, _ = slides.lesson_deck(notebooks, sources)
        assert len(tables) == sum(s.kind == "table" for s in made)
        assert page.errors == [], page.errors
        assert offline.requests == [], f"network requests: {offline.requests}"
    finally:
        offline.context.close()


@pytest.mark.browser
def test_a_table_slide_shows_the_lessons_table_in_chromium(built, browser):
    """Lesson 06's poverty table (23 areas by 6 years): over two slides, its header on each,
    the numbers right-aligned, nothing cut or wrapped out of its cell."""
    out, _ = built
    offline = Offline(browser, (1280, 720))
    try:
        page = open_deck(offline, out / "06_ntt_causal_factors.slides.html")
        found = page.evaluate(
            """() => Reveal.getSlides().filter(s => s.dataset.kind === 'table'
                 && s.querySelector('thead').textContent.includes('2017')).map(s => {
                 Reveal.slide(Reveal.getIndices(s).h);
                 const cells = [...s.querySelectorAll('th, td')];
                 return {title: s.querySelector('h2').textContent,
                         rows: s.querySelectorAll('tbody tr').length,
                         head: [...s.querySelectorAll('thead th')].map(c => c.textContent),
                         right: getComputedStyle(s.querySelector('td.num')).textAlign,
                         cut: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length}; })"""
        )
        assert len(found) >= 2, found
        assert found[1]["title"] == found[0]["title"] + " (continued)"
        assert found[0]["head"][0] == "area / year" and found[0]["head"][-1] == "2017"
        assert found[0]["head"] == found[1]["head"]
        assert sum(f["rows"] for f in found[:2]) == 23  # the 22 areas and the province
        assert all(f["right"] == "right" and f["cut"] == 0 for f in found)
    finally:
        offline.context.close()


@pytest.mark.browser
def test_the_answer_is_a_fragment_and_the_speaker_view_has_the_plans_notes(built, browser):
    out, _ = built
    offline = Offline(browser, (1280, 720))
    try:
        page = open_deck(offline, out / "01_palermo_definition.slides.html")
        index = page.evaluate(
            "() => Reveal.getSlides().findIndex(s => s.dataset.kind === 'question')"
        )
        page.evaluate(f"Reveal.slide({index})")
        mark = page.locator("section.present .mark").first
        assert not mark.is_visible()  # hidden until the fragment is shown
        page.keyboard.press("ArrowRight")  # the fragment, not the next slide
        page.wait_for_function("() => document.querySelector('section.present .mark.visible')")
        assert page.evaluate("Reveal.getIndices().h") == index
        page.evaluate("Reveal.slide(0)")
        with offline.context.expect_page() as opened:
            page.keyboard.press("s")
        view = opened.value
        notes = view.locator(".speaker-controls-notes .value")
        view.wait_for_function(
            "() => (document.querySelector('.speaker-controls-notes .value') || {})"
            ".textContent?.includes('Read the content note aloud')",
            timeout=20_000,
        )
        plan = (ROOT / slides.PLANS / "01_palermo_definition.md").read_text()
        read_out = deck.parse_plan(plan).read_out
        assert read_out[:60] in " ".join(notes.text_content().split())
        assert offline.requests == [], f"network requests: {offline.requests}"
    finally:
        offline.context.close()


# --- slide metadata for RISE ------------------------------------------------------------------


def deck_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell("# 09 A lesson\n\nWhat it is about."),
            new_markdown_cell("> **Content note.** ..."),
            new_code_cell(
                'from tipcourse import course, data, plots\ncourse.start_lesson("l09")\n'
                "plots.style()"
            ),
            new_markdown_cell("## A section"),
            new_code_cell('course.ask("l09-x")'),
            new_markdown_cell("### A sub-section"),
            new_markdown_cell("#### A minor heading"),
            new_markdown_cell("Text that mentions # not a heading"),
            new_markdown_cell("## Speaker notes", metadata={"slideshow": {"slide_type": "notes"}}),
            new_markdown_cell(
                "## Kept on the slide before", metadata={"slideshow": {"slide_type": "-"}}
            ),
        ]
    )


def test_slide_types_are_derived_from_headings_and_the_setup_cell():
    assert slides.slide_types(deck_notebook()) == [
        "slide",
        "-",
        "skip",
        "slide",
        "-",
        "subslide",
        "-",
        "-",
        "notes",
        "-",
    ]


def test_a_first_code_cell_that_shows_something_is_not_skipped():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Glossary"),
            new_code_cell("from tipcourse import glossary\nglossary.search_box()"),
        ]
    )
    assert slides.slide_types(nb) == ["slide", "-"]
    nb.cells[1].source = 'from tipcourse import course\ncourse.start_assignment("ex09")'
    assert slides.slide_types(nb) == ["slide", "skip"]


def test_with_slide_types_changes_a_copy_only():
    nb = deck_notebook()
    tagged = slides.with_slide_types(nb)
    assert [c.metadata["slideshow"]["slide_type"] for c in tagged.cells][:4] == [
        "slide",
        "-",
        "skip",
        "slide",
    ]
    assert "slideshow" not in nb.cells[0].metadata


def test_write_metadata_into_a_copy_of_a_lesson(tmp_path, capsys):
    source = LESSONS[1]
    lesson = tmp_path / source.name
    plain = nbformat.read(source, as_version=4)
    for cell in plain.cells:  # the committed lessons carry the metadata already; start without
        cell.metadata.pop("slideshow", None)
    nbformat.write(plain, lesson)
    before = nbformat.read(lesson, as_version=4)
    assert main(["slides", "--write-metadata", str(lesson)]) == 0
    assert f"wrote slide metadata into {lesson}" in capsys.readouterr().out
    after = nbformat.read(lesson, as_version=4)
    expected = slides.slide_types(before)
    for old, new, kind in zip(before.cells, after.cells, expected, strict=True):
        assert new.source == old.source and new.get("outputs") == old.get("outputs")
        assert new.metadata.get("slideshow", {}).get("slide_type", "-") == kind
    assert "slide" in expected and "skip" in expected
    assert after.metadata == before.metadata
    assert slides.write_metadata([lesson]) == []  # a second run changes nothing


def test_a_lesson_in_parts_makes_one_deck_named_as_its_plan():
    """A seminar is the whole lesson: its parts' cells in one deck, the lesson's title without
    the part's, every objective, and links to a part pointing at the lesson's deck."""
    (name, parts), *_ = [(n, nbs) for n, nbs in slides.seminars() if len(nbs) > 1]
    assert (ROOT / slides.PLANS / f"{name}.md").exists() and len(parts) == 2
    one, two = (slides.read_notebook(p) for p in parts)
    nb = slides.joined([one, two])
    assert nb.cells[0].source.startswith(f"# {name[:2]} ") and ", part 1:" not in nb.cells[0].source
    assert ", part 1:" in one.cells[0].source  # the parts themselves unchanged
    objectives = [o for p in (one, two) for o in p.metadata["tipcourse"]["objectives"]]
    assert nb.metadata["tipcourse"]["objectives"] == objectives
    assert nb.metadata["tipcourse"]["minutes"] == 90
    setup = next(i for i, c in enumerate(two.cells) if c.cell_type == "code")
    note = slides.content_note(nb)
    kept = [c.source for c in nb.cells if c is not nb.cells[0] and c is not note]
    assert kept == [
        c.source
        for c in one.cells + two.cells[setup:]
        if c is not one.cells[0] and c is not slides.content_note(one)
    ]
    fullest = max(slides.content_note(one).source, slides.content_note(two).source, key=len)
    assert note.source == fullest.replace("This part ", "This lesson ", 1) != fullest
    lesson = deck.read_lesson(nb, name)
    assert lesson.title and ", part" not in lesson.title
    asked = [i.text for i in lesson.items if i.kind == "question"]
    assert asked == list(slides.read_bank(slides.BANKS / f"l{name[:2]}.yaml"))
    decks = {p.stem: name for p in parts}
    page = f'<a href="{parts[1].stem}.slides.html#x">2</a> <a href="01_x.slides.html">'
    assert slides.to_decks(page, decks) == (
        f'<a href="{name}.slides.html#x">2</a> <a href="01_x.slides.html">'
    )


def test_links_to_a_lesson_point_at_its_deck():
    assert slides.rewrite_links('<a href="01_x.ipynb#a">') == '<a href="01_x.slides.html#a">'
    assert slides.rewrite_links('<a href="https://x.org/a.ipynb">') == (
        '<a href="https://x.org/a.ipynb">'
    )
