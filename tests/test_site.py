"""The offline static site and the slides (`make site`, `make slides`).

Unit tests for the pieces (slide metadata, links, alt texts), then the site and the decks built
into a temporary folder and opened in headless Chromium with the network off: every page loads
from file:// alone, plots show, widgets render from saved state, every question reads as text,
no console errors, and axe-core finds no serious or critical problem beyond the few documented
in KNOWN_AXE below.
"""

import html
import json
import re
import subprocess
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tipcourse.__main__ import main
from tipcourse.publish import site, slides

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
PAGES = (
    ["index.html"]
    + [f"notebooks/{p.stem}.html" for p in LESSONS]
    + [f"exercises/{p.stem}.html" for p in EXERCISES]
)

# Serious or critical axe findings that remain, each with where it comes from and why it is not
# fixed here. Matched by rule id and by a CSS selector the failing element lies inside.
KNOWN_AXE = {
    (
        "aria-input-field-name",
        ".noUi-handle",
    ): "ipywidgets' range slider (noUiSlider, drawn by the widget manager) gives its handles "
    "role=slider but no accessible name; the same in JupyterLab; upstream, not our HTML.",
    (
        "image-alt",
        ".widget-output",
    ): "a plot inside an ipywidgets Output widget is drawn by the widget manager from the saved "
    "state, which has no alt text; the widget module that draws it must describe it.",
}


def ensure_node_modules():
    """The site copies its browser files from node_modules (make runs `npm ci` first)."""
    if not (ROOT / "node_modules" / ".installed").exists() or not AXE.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True
        )
        (ROOT / "node_modules" / ".installed").touch()


def question_specs(path: Path) -> list[dict]:
    """The specs (without keys) of the questions a notebook asks, in order."""
    from tipcourse.authoring.transforms import question_body
    from tipcourse.quiz.banks import load_bank, parse_yaml

    nb = nbformat.read(path, as_version=4)
    specs = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for qid in re.findall(r"""course\.ask\(\s*["']([\w-]+)["']""", cell.source):
            specs.append(load_bank(qid[:3])[qid])
        body = question_body(cell.source)
        if body:
            specs.append(parse_yaml(body))
    return specs


def plain_start(markdown: str, length: int = 40) -> str:
    """The first words of a Markdown text as a reader sees them."""
    from tipcourse.authoring.lint import plain

    return " ".join(plain(markdown).split())[:length]


# --- slide metadata ---------------------------------------------------------------------------


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
    lesson = tmp_path / LESSONS[1].name
    plain = nbformat.read(LESSONS[1], as_version=4)
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


# --- site pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "before, after",
    [
        ('<a href="01_palermo_definition.ipynb">', '<a href="01_palermo_definition.html">'),
        ('<a href="02_x.ipynb#learning-objectives">', '<a href="02_x.html#learning-objectives">'),
        ('<a href="../exercises/ex01_x.ipynb">', '<a href="../exercises/ex01_x.html">'),
        ('<a href="https://example.org/a.ipynb">', '<a href="https://example.org/a.ipynb">'),
        ('<a href="#a.ipynb">', '<a href="#a.ipynb">'),
        ('<p>see x.ipynb</p>', '<p>see x.ipynb</p>'),
    ],
)
def test_rewrite_links(before, after):
    assert site.rewrite_links(before) == after


def test_rewrite_links_for_slides():
    assert (
        site.rewrite_links('<a href="01_x.ipynb">', ".slides.html") == '<a href="01_x.slides.html">'
    )


def test_lesson_info_from_the_metadata_and_the_first_markdown_cell():
    nb = new_notebook(
        cells=[
            new_code_cell("x"),
            new_markdown_cell(
                "# 03 Counting the hidden: figures\n\nHow many people\nare trafficked?\n\nMore."
            ),
        ],
        metadata={"tipcourse": {"id": "l03", "minutes": 75, "objectives": []}},
    )
    assert site.lesson_info(nb, "03_x") == {
        "number": "03",
        "title": "Counting the hidden: figures",
        "heading": "03 Counting the hidden: figures",
        "description": "How many people are trafficked?",
        "minutes": 75,
    }
    exercise = new_notebook(
        cells=[new_markdown_cell("# Exercise 01: What is it?")],
        metadata={"tipcourse": {"id": "ex01"}},
    )
    assert site.lesson_info(exercise, "ex01_x")["title"] == "What is it?"
    # The number is the metadata's, not the heading's; the file name's where there is none.
    nb.metadata.tipcourse.id = "l04"
    assert site.lesson_info(nb, "03_x")["number"] == "04"
    del nb.metadata["tipcourse"]
    assert site.lesson_info(nb, "03_x")["number"] == "03"
    assert site.lesson_info(nb, "03_x")["minutes"] is None
    glossary = new_notebook(
        cells=[new_markdown_cell("# Appendix: Glossary")],
        metadata={"tipcourse": {"id": "glossary"}},
    )
    assert site.lesson_info(glossary, "appendix_glossary")["number"] == ""


def test_the_committed_lessons_carry_their_metadata():
    for path in LESSONS:
        entry = site.entry(path, "notebooks")
        if path.stem[:2].isdigit():
            assert entry["number"] == path.stem[:2] and entry["minutes"] > 0, path.name
    index = site.index_page([("Lessons", [site.entry(LESSONS[1], "notebooks")])])
    minutes = site.entry(LESSONS[1], "notebooks")["minutes"]
    assert '<th scope="col">Minutes</th>' in index and f"<td>{minutes}</td>" in index


def test_alt_text_from_the_text_alternative_else_the_title():
    png = {
        "output_type": "display_data",
        "data": {"image/png": "iVBOR", "text/plain": "<Figure>"},
        "metadata": {},
    }
    nb = new_notebook(
        cells=[
            new_code_cell(
                'plots.finish(ax, "Cases by year", "year", "cases", "src")', outputs=[png]
            ),
            new_markdown_cell(
                "*What the plot shows:* bars for **2017** to 2022,\nfrom `ntt_cases`.\n\n"
                "**Takeaway:** not part of the alt text."
            ),
            new_code_cell("ax.set_title('Poverty rate')", outputs=[json.loads(json.dumps(png))]),
            new_markdown_cell("**Takeaway:** something."),
        ]
    )
    nb = nbformat.from_dict(nb)
    assert site.add_alt_texts(nb) == 2
    assert (
        nb.cells[0].outputs[0].metadata["tipcourse_alt"] == "bars for 2017 to 2022, from ntt_cases."
    )
    assert nb.cells[2].outputs[0].metadata["tipcourse_alt"] == "Plot: Poverty rate"
    assert site.plot_title('plots.finish(ax, f"{AREA}: poverty", "year", "%", "src")') == ""


def test_empty_header_cells_become_data_cells():
    assert (
        site.empty_header_cells('<tr><th></th><th class="blank" >&nbsp;</th><th>year</th>')
        == '<tr><td></td><td class="blank"></td><th>year</th>'
    )


def test_math_is_detected_but_not_dollar_amounts():
    md = lambda s: new_notebook(cells=[new_markdown_cell(s)])  # noqa: E731
    assert site.has_math(md(r"a rate $r = k/n$ per year"))
    assert site.has_math(md("$$x^2$$"))
    assert not site.has_math(md("profits of US$ 150 billion and US$ 236 billion"))


# --- the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The site, built by the command line into a temporary folder."""
    ensure_node_modules()
    out = tmp_path_factory.mktemp("site") / "site"
    assert main(["site", "--out", str(out)]) == 0
    pages = [
        out / "index.html",
        *sorted(out.glob("notebooks/*.html")),
        *sorted(out.glob("exercises/*.html")),
    ]
    return out, pages


def test_a_build_never_empties_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="choose another --out"):
        site.build(tmp_path)
    with pytest.raises(FileExistsError):
        slides.build(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_every_lesson_and_exercise_has_a_page_and_no_solution_is_published(built_site):
    out, pages = built_site
    assert sorted(str(p.relative_to(out)) for p in pages) == sorted(PAGES)
    assert not (out / "solutions").exists()
    for page in pages:
        text = page.read_text()
        assert not re.search(r'href="[^"]*solutions/', text), page
        assert "KEY (instructor copy)" not in text and "Answer key (instructor copy)" not in text


def test_index_maps_every_lesson_with_its_title_and_description(built_site):
    out, _ = built_site
    index = (out / "index.html").read_text()
    assert '<html lang="en">' in index and "<main>" in index and "<h1>" in index
    for path in LESSONS + EXERCISES:
        info = site.lesson_info(nbformat.read(path, as_version=4), path.stem)
        assert f'href="{path.parent.name}/{path.stem}.html"' in index
        assert html.escape(info["title"]) in index
        assert html.escape(site.plain(info["description"])[:40]) in index


def remote_references(page: str) -> list[str]:
    """Quoted URLs of other machines (script and style sources, URLs built in scripts, CSS
    url(...)), outside links (<a href>) and the widgets' saved data."""
    page = re.sub(
        r'<script type="application/vnd\.jupyter\.widget-(?:state|view)\+json">.*?'
        r"</script>",
        "",
        page,
        flags=re.S,
    )
    page = re.sub(r"<a\b[^>]*>", "", page)
    return re.findall(r"""["'(]\s*(?:https?:)?//[\w-]+\.[\w.-]+[^"')\s]*""", page)


def test_remote_references_are_found():
    assert remote_references("<script src='https://cdn.example.org/x.js'></script>")
    assert remote_references("var src = 'https://unpkg.com/@jupyter-widgets/html-manager';")
    assert remote_references("@import url(//fonts.googleapis.com/css?family=Lato);")
    assert not remote_references('<a href="https://www.ilo.org/x">ILO</a> (see https://bps.go.id)')
    assert not remote_references('<span class="s2">"//"</span>')


def test_pages_load_nothing_from_the_network(built_site):
    """Nothing a page loads points off the machine (the browser tests check it at run time)."""
    out, pages = built_site
    for page in pages:
        assert remote_references(page.read_text()) == [], page
    assert (out / site.STATIC / "html-manager" / "embed-amd.js").exists()
    assert (out / site.STATIC / "require.js").exists()


def test_links_between_pages_resolve(built_site):
    out, pages = built_site
    for page in pages:
        for href in re.findall(r'href="([^":#?]+\.html)(?:#[^"]*)?"', page.read_text()):
            assert (page.parent / href).resolve().exists(), f"{page.name}: {href}"


def test_plots_have_alt_text_from_the_lessons_text_alternatives(built_site):
    out, _ = built_site
    described = 0
    for lesson in LESSONS:
        page = (out / "notebooks" / f"{lesson.stem}.html").read_text()
        images = [tag for tag in re.findall(r"<img [^>]*>", page) if 'src="data:image/png' in tag]
        alts = [html.unescape(re.search(r"""alt=(["'])(.*?)\1""", tag).group(2)) for tag in images]
        assert all(alts) and "No description has been provided" not in page, lesson.name
        cells = nbformat.read(lesson, as_version=4).cells
        for before, cell in pairwise(cells):
            drawn = any("image/png" in o.get("data", {}) for o in before.get("outputs", []))
            if drawn and cell.source.startswith(site.ALT_PREFIX):
                paragraph = re.split(r"\n\s*\n", cell.source[len(site.ALT_PREFIX) :].strip())[0]
                start = site.plain(paragraph)[:50]
                assert any(alt.startswith(start) for alt in alts), (lesson.name, start)
                described += 1
    assert described > 0


# --- in the browser, network off --------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(built_site):
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run make test (tools/ensure-browser finds or "
            "installs one) or set TIPCOURSE_CHROMIUM",
            pytrace=False,
        )
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Offline:
    """A browser context that serves file:// only; every other request is aborted and noted."""

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.requests: list[str] = []
        self.context.route("**/*", self._route)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, path: Path):
        page = self.context.new_page()
        page.errors = []
        page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
        page.on("pageerror", lambda e: page.errors.append(f"page error: {e}"))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        return page


def wait_for_widgets(page, offline, timeout=30_000):
    """Until every saved widget view has been drawn by the widget manager (views whose model is
    missing are never drawn, so this fails for them)."""
    from playwright.sync_api import TimeoutError

    try:
        _wait_for_views(page, timeout)
    except TimeoutError:
        pytest.fail(
            f"widget views not drawn in {timeout / 1000:.0f} s; console errors: "
            f"{page.errors}; network requests: {offline.requests}"
        )


def _wait_for_views(page, timeout):
    # The widget manager draws each view into a new .widget-subarea just before its script.
    page.wait_for_function(
        """() => [...document.querySelectorAll(
                    'script[type="application/vnd.jupyter.widget-view+json"]')]
                 .every(s => { const v = s.previousElementSibling;
                               return v && v.classList.contains('widget-subarea')
                                      && v.children.length > 0; })""",
        timeout=timeout,
    )


def axe_violations(page) -> list[str]:
    """Serious and critical axe findings, minus the documented KNOWN_AXE ones."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (known) => {
        const result = await axe.run(document, {resultTypes: ['violations']});
        const out = [];
        for (const v of result.violations) {
          if (!['serious', 'critical'].includes(v.impact)) continue;
          for (const n of v.nodes) {
            const el = document.querySelector(n.target[0]);
            const isKnown = known.some(([rule, inside]) =>
              rule === v.id && el && el.closest(inside));
            if (!isKnown) {
              out.push(`${v.id} (${v.impact}): ${n.target.join(' ')} ${n.html.slice(0, 120)}`);
            }
          }
        }
        return out; }""",
        [list(k) for k in KNOWN_AXE],
    )
    return found


@pytest.mark.browser
@pytest.mark.parametrize("name", PAGES)
def test_page_reads_offline(built_site, browser, name):
    out, _ = built_site
    offline = Offline(browser)
    page = offline.open(out / name)
    try:
        views = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
        if views:
            wait_for_widgets(page, offline)
        text = page.inner_text("body")
        assert "Error displaying widget" not in text and "Traceback" not in text

        # Plots show: every image from an image/png output has loaded; those of the notebook's
        # outputs (not drawn inside a widget, see KNOWN_AXE) have an alt text.
        images = page.evaluate(
            "[...document.querySelectorAll('img[src^=\"data:image/png\"]')]"
            ".map(i => [i.naturalWidth, i.alt, !!i.closest('.jupyter-widgets')])"
        )
        assert all(width > 0 for width, _, _ in images), images
        assert all(alt for _, alt, in_widget in images if not in_widget), images

        # Every question reads as text (the text version under each widget).
        if name != "index.html":
            notebook = ROOT / name.replace(".html", ".ipynb")
            flat = " ".join(text.split())
            for spec in question_specs(notebook):  # its prompt in full, not its internal id
                assert plain_start(spec["prompt"]) in flat, f"{spec['id']} is not in {name}"
            assert page.locator(".tipcourse-text-version").count() == views

        assert axe_violations(page) == []
        assert page.errors == [], page.errors
        assert offline.requests == [], f"network requests: {offline.requests}"
    finally:
        offline.context.close()


@pytest.mark.browser
def test_lesson_01_widgets_render_from_saved_state(built_site, browser):
    out, _ = built_site
    offline = Offline(browser)
    page = offline.open(out / "notebooks" / f"{LESSONS[1].stem}.html")
    try:
        wait_for_widgets(page, offline)
        radios = page.locator(".widget-radio-box")
        assert radios.count() > 0
        assert (
            "consent is irrelevant" in radios.first.inner_text()
            or radios.locator("input[type=radio]").count() >= 2
        )
        assert page.locator(".jupyter-widgets .widget-button").first.is_visible()
        assert page.errors == [] and offline.requests == []
    finally:
        offline.context.close()


# --- slides -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_slides(tmp_path_factory):
    ensure_node_modules()
    out = tmp_path_factory.mktemp("slides") / "slides"
    return out, slides.build(out)


def test_a_deck_per_lesson_with_a_slide_per_heading(built_slides):
    out, decks = built_slides
    assert [d.name for d in decks] == [f"{p.stem}.slides.html" for p in LESSONS]
    assert (out / "reveal.js" / "dist" / "reveal.js").exists()
    html = decks[1].read_text()
    expected = slides.slide_types(nbformat.read(LESSONS[1], as_version=4)).count("slide")
    assert len(re.findall(r"<section\b", html)) >= expected
    assert "start_lesson" not in html  # the setup cell is skipped
    for deck in decks:
        assert remote_references(deck.read_text()) == [], deck


@pytest.mark.browser
def test_deck_runs_offline(built_slides, browser):
    out, decks = built_slides
    offline = Offline(browser)
    page = offline.open(decks[1])
    try:
        page.wait_for_function("() => document.querySelector('.reveal.ready')", timeout=30_000)
        wait_for_widgets(page, offline)
        first = page.url
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => location.href !== {json.dumps(first)}", timeout=10_000)
        assert page.locator(".reveal .slides > section").count() >= 5
        assert page.errors == [], page.errors
        assert offline.requests == [], f"network requests: {offline.requests}"
    finally:
        offline.context.close()
