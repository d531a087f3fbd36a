"""The seminar decks (`make slides`) and the slide metadata for RISE.

The decks are made from the lesson notebook, its question bank and its lesson plan
(tipcourse/publish/deck.py turns them into slides as plain data, slides.py renders reveal.js).
The unit tests below check that model on small made-up sources and on the committed lessons;
the browser tests open every built deck in Chromium at 1280x720 with the network cut off and
measure every slide.
"""

from __future__ import annotations

import base64
import re
import struct
import subprocess
import zlib
from pathlib import Path

import nbformat
import pytest
from browser import Offline
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tipcourse.__main__ import main
from tipcourse.publish import deck, slides

ROOT = Path(__file__).resolve().parent.parent
LESSONS = slides.lessons(ROOT)
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
            new_code_cell('course.ask("l09-pick")'),
            new_markdown_cell("## Cases\n\n### A worked case"),
            new_markdown_cell("*Composite case (fictional).* Budi, 30, is offered a job."),
            widget,
            new_code_cell('course.ask("l09-sort")'),
            new_markdown_cell("## Going further"),
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
        ("question", "l09-pick"),
        ("case", "Budi, 30, is offered"),
        ("live", ""),
        ("question", "l09-sort"),
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
        "case",
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
    assert (made[7].title, made[7].timebox) == ("Discussion question 1", made[4].timebox)
    assert made[11].timebox == "If time allows · Cases · 15 min"
    assert "Live in the notebook (needs a kernel): the section *A worked case*." in made[8].notes
    assert "**Formative check" in made[12].notes
    assert made[15].title == "Discussion question 3" and made[15].timebox == "After class"
    assert "Sari, 19" in made[16].blocks[1].text and made[16].timebox == "For self-study"


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


# --- the committed lessons --------------------------------------------------------------------


@pytest.mark.parametrize("notebook", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_deck_carries_its_sources(notebook):
    made, title, problems = slides.lesson_deck(notebook, ROOT)
    nb = nbformat.read(notebook, as_version=4)
    lesson = deck.read_lesson(nb, notebook.stem)
    plan = deck.parse_plan((ROOT / slides.PLANS / f"{notebook.stem}.md").read_text())
    assert problems == [], problems
    assert made[0].kind == "opening" and lesson.content_note
    assert lesson.content_note.split()[0] in made[0].blocks[1].text
    objectives = next(s for s in made if s.kind == "objectives")
    expected = [o["text"] for o in nb.metadata["tipcourse"]["objectives"]]
    assert [plain_start(b.text) for b in objectives.blocks[1:]] == [
        plain_start(e) for e in expected
    ]
    # every plot of the lesson, once, with its takeaway
    plots = [s for s in made if s.kind == "plot"]
    assert len(plots) == sum(i.kind == "plot" for i in lesson.items) > 0
    assert all(s.blocks[1].text.startswith("**Takeaway:** ") for s in plots)
    # every discussion question, with its strong answer in the notes
    talks = [s for s in made if s.kind == "discussion"]
    assert [int(s.title.split()[-1]) for s in sorted(talks, key=lambda s: s.title)] == sorted(
        d.number for d in plan.discussions
    )
    assert all(s.notes for s in talks)
    # the plan's rows as activities with their time boxes; questions shown once
    opening = "content note" in (plan.rows[0].activity + plan.rows[0].lecturer).lower()
    activities = [s.title for s in made if s.kind == "activity"]
    assert activities == [deck.strip_ids(r.activity) for r in plan.rows[opening:]]
    shown = [s.notes.split("`")[1] for s in made if s.kind == "question" and s.notes]
    assert len(shown) == len(set(shown)) > 0
    assert made[-1].kind == "terms" or any(s.kind == "key-points" for s in made)
    assert all(deck.slide_height(s) <= deck.budget() for s in made)


def plain_start(markdown: str) -> str:
    return deck.plain(markdown)[:30].lower()


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
    assert [d.name for d in decks] == [f"{p.stem}.slides.html" for p in LESSONS]
    for asset in ("dist/reveal.js", "dist/theme/white.css", "plugin/notes/notes.js"):
        assert (out / "reveal.js" / asset).exists(), asset
    for page in decks:
        text = page.read_text()
        assert REMOTE.findall(text) == [], page.name
        assert "<pre" not in text and "widget-view+json" not in text, page.name


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


# Each slide shown in turn: its height in the slide's own pixels (reveal.js scales the
# 1280x720 slide to the window) and whether it lies inside the window.
MEASURE = """() => {
  const out = [], slides = Reveal.getSlides();
  for (let i = 0; i < slides.length; i++) {
    Reveal.slide(i);
    const s = slides[i], box = s.getBoundingClientRect();
    out.push({i, kind: s.dataset.kind, title: (s.querySelector('h1, h2') || {}).textContent,
              height: s.scrollHeight, bottom: box.bottom, right: box.right,
              code: s.querySelectorAll('pre, .jp-InputPrompt, .prompt, .jupyter-widgets').length});
  }
  return out; }"""


@pytest.mark.browser
@pytest.mark.parametrize("stem", [p.stem for p in LESSONS])
def test_every_slide_fits_1280x720_offline(built, browser, stem):
    out, _ = built
    offline = Offline(browser, (1280, 720))
    try:
        page = open_deck(offline, out / f"{stem}.slides.html")
        measured = page.evaluate(MEASURE)
        tallest = max(m["height"] for m in measured)
        print(f"{stem}: {len(measured)} slides, tallest {tallest} px")
        too_tall = [m for m in measured if m["height"] > 720 or m["bottom"] > 720]
        assert too_tall == [], too_tall
        assert all(m["right"] <= 1280 for m in measured)
        assert [m for m in measured if m["code"]] == []
        assert page.errors == [], page.errors
        assert offline.requests == [], f"network requests: {offline.requests}"
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


def test_links_to_a_lesson_point_at_its_deck():
    assert slides.rewrite_links('<a href="01_x.ipynb#a">') == '<a href="01_x.slides.html#a">'
    assert slides.rewrite_links('<a href="https://x.org/a.ipynb">') == (
        '<a href="https://x.org/a.ipynb">'
    )
