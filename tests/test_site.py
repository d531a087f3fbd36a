"""The reading copy (`make site`): Sphinx with sphinx-book-theme and myst-nb.

Unit tests for the pieces (lesson info, alt texts, text versions, the staging copy of a
notebook, the home page), then the site built into a temporary folder by the command line and
checked as files (every page, no solution, no question source, nothing remote, links resolve,
the table of contents in the lesson order), then opened in headless Chromium with the network
off at 1366x768 and at 390x844: every page loads from file:// alone, widgets render from saved
state, every question reads as text, no horizontal overflow, every option and label readable,
plots scaled to the column, search works, no console errors, and axe-core finds no serious or
critical problem beyond the few documented in KNOWN_AXE below. The Indonesian edition
(notebooks/id, exercises/id) is built beside it, in build/site/id, and checked the same way:
its pages in Indonesian (`lang`, navigation, alt text, search), linked to the English.
"""

import contextlib
import html
import io
import json
import re
import runpy
import subprocess
from itertools import pairwise
from pathlib import Path

import nbformat
import pytest
from browser import Offline
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tipcourse.__main__ import main
from tipcourse.publish import site

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
DOCS = [f"notebooks/{p.stem}.html" for p in LESSONS] + [
    f"exercises/{p.stem}.html" for p in EXERCISES
]
PAGES = ["index.html", *DOCS]
# The Indonesian edition: the same page names under id/ (exercises/id is written by `release`).
ID_LESSONS = sorted((ROOT / "notebooks" / "id").glob("*.ipynb"))
ID_EXERCISES = sorted((ROOT / "exercises" / "id").glob("*.ipynb"))
ID_DOCS = [f"id/notebooks/{p.stem}.html" for p in ID_LESSONS] + [
    f"id/exercises/{p.stem}.html" for p in ID_EXERCISES
]
ID_PAGES = ["id/index.html", *ID_DOCS]
# Words of the English site's own (its chrome, the theme's, the reading copy's) that an
# Indonesian page must not show, with the Indonesian it shows instead (None: no fixed one).
ENGLISH_CHROME = {
    "Skip to main content": "Langsung ke isi utama",
    "Back to top": "Kembali ke atas",
    "Toggle primary sidebar": "Buka atau tutup bilah sisi utama",
    "Color mode": "Mode warna",
    "Print to PDF": "Cetak ke PDF",
    "Search...": "Cari...",
    "Text version:": None,
    "Scroll sideways": None,
    "What it covers": None,
    "Graded exercises": None,
}
SIZES = {"1366x768": (1366, 768), "390x844": (390, 844)}
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
# The course draws its plots at 100 dpi: their tick labels (11 pt, seaborn's notebook context)
# are 15.3 px high, their smallest text (8 pt: the source line, a timeline's labels) 11.1 px.
# Shown at 70% or more of their size (tipcourse.css), that is at least 10.7 px and 7.8 px: on a
# phone a plot keeps that width and scrolls sideways in its own box rather than shrink to the
# column (at 390 px a 900 px plot would be shown at 0.39: 4-6 px text).
LEGIBLE_SCALE = 0.7

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


def question_specs(path: Path, language: str = "en") -> list[dict]:
    """The specs (without keys) of the questions a notebook asks, in order (a lesson's from
    the bank of its language)."""
    from tipcourse.authoring.transforms import question_body
    from tipcourse.quiz.banks import load_bank, parse_yaml

    nb = nbformat.read(path, as_version=4)
    specs = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for qid in re.findall(r"""course\.ask\(\s*["']([\w-]+)["']""", cell.source):
            specs.append(load_bank(qid[:3], language)[qid])
        body = question_body(cell.source)
        if body:
            specs.append(parse_yaml(body))
    return specs


def reading(text: str) -> str:
    """Text as compared here: one line, straight quotes (Sphinx prints typographic ones)."""
    text = text.translate(str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-"}))
    return " ".join(text.split())


def plain_start(markdown: str, length: int = 40) -> str:
    """The first words of a Markdown text as a reader sees them."""
    from tipcourse.authoring.lint import plain

    return reading(plain(markdown))[:length]


def page_text(page: str) -> str:
    """The text of an HTML page (tags and scripts dropped, entities decoded)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return reading(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def notebook_of(name: str) -> Path:
    """The notebook a page is made from: notebooks/x.html <- notebooks/x.ipynb, and
    id/notebooks/x.html <- notebooks/id/x.ipynb."""
    parts = Path(name).with_suffix(".ipynb").parts
    return ROOT / parts[1] / "id" / parts[2] if parts[0] == "id" else ROOT.joinpath(*parts)


# --- site pieces ------------------------------------------------------------------------------


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
    entry = site.entry(LESSONS[1], "notebooks")
    index = site.index_page([("Lessons", [entry])])
    assert "| # | Title | What it covers | Minutes |" in index
    row = next(line for line in index.splitlines() if f"]({entry['doc']}.ipynb)" in line)
    assert row.startswith(f"| {entry['number']} |") and row.endswith(f"| {entry['minutes']} |")
    assert f":caption: Lessons\n\n{entry['doc']}\n" in index  # the toctree, in the same order


@pytest.mark.parametrize(
    "text",
    [
        "Rp150 million * 2 [see](x) <b> _a_ `c` #1 | 3. - + ! \\ ~ {x} $5",
        "1. Not a list: a plain line",
        "% not a comment",
    ],
)
def test_escaped_text_reads_as_written(text):
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(site.escape_markdown(text))
    assert rendered == f"<p>{html.escape(text, quote=False)}</p>\n"


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
            new_code_cell("x = 1"),
        ]
    )
    nb = nbformat.from_dict(nb)
    assert site.alt_texts(nb) == {
        0: "bars for 2017 to 2022, from ntt_cases.",
        2: "Plot: Poverty rate",
    }
    assert site.plot_title('plots.finish(ax, f"{AREA}: poverty", "year", "%", "src")') == ""


def test_empty_header_cells_become_data_cells():
    assert (
        site.empty_header_cells('<tr><th></th><th class="blank" >&nbsp;</th><th>year</th>')
        == '<tr><td></td><td class="blank"></td><th>year</th>'
    )


def test_a_text_version_is_a_container_around_the_markdown_else_the_plain_text():
    markdown = "**Question 1 of 2 · Single choice**\n\nIs ```x``` a fence?\n% of households"
    text = site.text_version({"text/markdown": markdown, "text/plain": "ignored"})
    first, *body, last = text.strip().splitlines()
    assert first == "````{container} tipcourse-text-version" and last == "````"
    assert body[:2] == ["**Text version:**", ""]
    assert "Is ```x``` a fence?" in body and "\\% of households" in body  # not a MyST comment
    plain = site.text_version({"text/plain": "Explorer: *area* (run it)\n(second line)"})
    assert "Explorer\\: \\*area\\* \\(run it\\)\\\n\\(second line\\)" in plain
    assert site.text_version({"image/png": "iVBOR"}) is None


def test_the_reading_copy_of_a_notebook():
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    question = new_code_cell(
        "%%question\nid: ex09-x\nkind: single\n",
        metadata={"jupyter": {"source_hidden": True}},
        outputs=[
            new_output(
                "execute_result",
                data={
                    "application/vnd.jupyter.widget-view+json": view,
                    "text/markdown": "**Question 1 of 1**\n\nWhich one?",
                    "text/plain": "Question 1 of 1 [Single choice] ex09-x: Which one?",
                },
                execution_count=2,
            )
        ],
    )
    table = new_code_cell(
        "df", outputs=[new_output("execute_result", data={"text/html": "<tr><th></th>"})]
    )
    plot = new_code_cell(
        "plots.finish(ax, 'T', 'x', 'y', 's')",
        outputs=[new_output("display_data", data={"image/png": "iVBOR"})],
    )
    nb = new_notebook(
        cells=[question, table, plot, new_markdown_cell("*What the plot shows:* a line.")],
        metadata={
            "tipcourse": {"id": "ex09"},
            "jupytext": {},
            "kernelspec": {"name": "py", "display_name": "Python"},
        },
    )
    copy = site.reading_copy(nbformat.from_dict(nb))
    assert "remove-input" in copy.cells[0].metadata["tags"]
    widget, text = copy.cells[0].outputs
    assert set(widget.data) == {"application/vnd.jupyter.widget-view+json", "text/plain"}
    assert text.output_type == "display_data" and "Which one?" in text.data["text/markdown"]
    assert copy.cells[1].outputs[0].data["text/html"] == "<tr><td></td>"
    assert copy.cells[2].metadata["mystnb"]["image"]["alt"] == "a line."
    assert set(copy.metadata) == {"kernelspec"}


# --- the built site -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    """The site, built by the command line into a temporary folder; and what the build said."""
    ensure_node_modules()
    out = tmp_path_factory.mktemp("site") / "site"
    said = io.StringIO()
    with contextlib.redirect_stdout(said):
        assert main(["site", "--out", str(out)]) == 0
    return out, said.getvalue()


def read(out: Path, name: str) -> str:
    return (out / name).read_text(encoding="utf-8")


def test_the_build_is_clean_and_writes_only_its_folder(built_site):
    out, said = built_site
    assert re.search(rf"site: {len(PAGES)} pages in {out} \(\d+\.\d s\)", said), said
    assert re.search(rf"site: {len(ID_PAGES)} pages in {out / 'id'} \(\d+\.\d s\)", said)
    assert "WARNING" not in said and "ERROR" not in said, said  # Sphinx's warnings
    assert [p.name for p in out.parent.iterdir()] == ["site"]  # nothing beside it
    for folder in (out, out / "id"):
        assert (folder / site.MARKER).exists()
        for name in site.UNUSED:
            assert not (folder / name).exists(), name
    assert not list(out.rglob("*.ipynb")), "no notebook is copied into the site"
    assert not list(out.rglob("sphinx.mo")) and not list(out.rglob("theme.po"))  # conf.py


def test_a_build_never_empties_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="choose another --out"):
        site.build(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_every_lesson_and_exercise_has_a_page_and_no_solution_is_published(built_site):
    out, _ = built_site
    published = {str(p.relative_to(out)) for p in out.glob("*/*.html")} | {"index.html"}
    assert published - {"id/index.html", "id/search.html"} == set(PAGES)
    indonesian = {str(p.relative_to(out)) for p in out.glob("id/*/*.html")} | {"id/index.html"}
    assert indonesian == set(ID_PAGES)
    assert (out / "search.html").exists() and (out / "searchindex.js").exists()
    assert not (out / "solutions").exists()
    for name in PAGES + ID_PAGES:
        text = read(out, name)
        assert not re.search(r'(?:href|src)="[^"]*solutions/', text), name
        assert "KEY (instructor copy)" not in text and "Answer key (instructor copy)" not in text


def test_a_questions_source_is_not_on_the_page(built_site):
    out, _ = built_site
    hidden = 0
    for path in EXERCISES + LESSONS:
        text = read(out, f"{path.parent.name}/{path.stem}.html")
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.metadata.get("jupyter", {}).get("source_hidden"):
                first = cell.source.splitlines()[0]
                assert html.escape(first) not in text and first not in text, (path.name, first)
                hidden += 1
    assert hidden > 0


def test_index_maps_every_lesson_with_its_title_and_description(built_site):
    out, _ = built_site
    index = read(out, "index.html")
    assert '<html lang="en"' in index and "<main" in index and "<h1>" in index
    text = page_text(index)
    for path in LESSONS + EXERCISES:
        info = site.lesson_info(nbformat.read(path, as_version=4), path.stem)
        assert f'href="{path.parent.name}/{path.stem}.html"' in index
        assert reading(info["title"]) in text
        assert reading(site.plain(info["description"]))[:40] in text, path.name


def test_the_table_of_contents_and_previous_next_follow_the_lesson_order(built_site):
    out, _ = built_site
    nav = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', read(out, "index.html"), re.S)
    assert re.findall(r'href="([^"#]+\.html)"', nav.group(0)) == DOCS
    for before, page, after in zip(PAGES[:-1], DOCS, [*DOCS[1:], None], strict=True):
        text = read(out, page)
        prev = re.search(r'class="left-prev"\s+href="([^"]+)"', text)
        assert (out / page).parent.joinpath(prev.group(1)).resolve() == (out / before).resolve()
        following = re.search(r'class="right-next"\s+href="([^"]+)"', text)
        if after is None:
            assert following is None
        else:
            target = (out / page).parent.joinpath(following.group(1)).resolve()
            assert target == (out / after).resolve(), page


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


def test_pages_and_styles_load_nothing_from_the_network(built_site):
    """Nothing a page or a style sheet loads points off the machine (the browser tests check it
    at run time)."""
    out, _ = built_site
    for name in [*PAGES, "search.html", *ID_PAGES, "id/search.html"]:
        assert remote_references(read(out, name)) == [], name
    for css in (out / site.STATIC).rglob("*.css"):
        found = re.findall(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8"))
        assert found == [], css
    # What the configuration has pages load (the widget manager, require.js, MathJax for a
    # page with math) is in the site's _static/.
    conf = runpy.run_path(str(site.CONF_DIR / "conf.py"))
    for asset in [*conf["nb_ipywidgets_js"], conf["mathjax_path"], "html-manager/embed-amd.js"]:
        assert "//" not in asset and (out / site.STATIC / asset).exists(), asset


def test_links_and_sources_resolve(built_site):
    out, _ = built_site
    for name in [*PAGES, "search.html", *ID_PAGES, "id/search.html"]:
        page = out / name
        for ref in re.findall(r'(?:href|src)="([^":#?]+)(?:[#?][^"]*)?"', page.read_text()):
            assert (page.parent / ref).resolve().exists(), f"{name}: {ref}"


def test_every_plot_is_in_a_labelled_box_that_knows_its_width(built_site):
    out, _ = built_site
    boxed = 0
    for name in DOCS:
        page = read(out, name)
        images = re.findall(r"<img [^>]*tipcourse-plot[^>]*>", page)
        boxes = re.findall(
            r'<div class="tipcourse-plot-box" role="region" tabindex="0" aria-label="Plot (\d+): '
            r'[^"]+" style="--tipcourse-plot-width: (\d+)px"><a [^>]*><img ([^>]*)>',
            page,
        )
        assert len(boxes) == len(images), name
        assert [int(n) for n, _, _ in boxes] == list(range(1, len(boxes) + 1))
        for _, width, tag in boxes:
            assert f'width="{width}"' in tag and int(width) > 0, name
        boxed += len(boxes)
    assert boxed > 0


def test_a_box_is_named_after_the_plots_title_else_its_description():
    assert site.short("one line per instrument or event from 1979 to 2026, earliest at the top.")
    assert site.short("A plot. More.") == "A plot"
    long = site.short("word " * 30)
    assert long.endswith("…") and len(long) <= 61


def test_an_edition_is_staged_from_its_own_folders(tmp_path):
    """Another edition (the Indonesian one: notebooks/id, exercises/id) is staged the same way
    from its own folders, in pages with the same names."""
    lessons = tmp_path / "notebooks" / "id"
    lessons.mkdir(parents=True)
    (lessons / LESSONS[1].name).write_bytes(LESSONS[1].read_bytes())
    sections = [site.Section("notebooks", "Pelajaran", lessons)]
    assert site.notebook_files(ROOT, sections) == {"notebooks": [lessons / LESSONS[1].name]}
    docs = site.stage(tmp_path / "src", ROOT, sections)
    assert docs == [f"notebooks/{LESSONS[1].stem}"]
    assert (tmp_path / "src" / "notebooks" / LESSONS[1].name).exists()
    assert ":caption: Pelajaran" in (tmp_path / "src" / "index.md").read_text(encoding="utf-8")
    assert site.notebook_files()["notebooks"] == LESSONS  # the default: the repository's


@pytest.mark.parametrize(
    "lessons, folder, language", [(LESSONS, "", "en"), (ID_LESSONS, "id/", "id")], ids=["en", "id"]
)
def test_plots_have_alt_text_from_the_lessons_text_alternatives(
    built_site, lessons, folder, language
):
    out, _ = built_site
    prefix, described = site.alt_prefix(language), 0
    assert prefix == (site.ALT_PREFIX if language == "en" else "*Apa yang ditunjukkan grafik:*")
    for lesson in lessons:
        page = read(out, f"{folder}notebooks/{lesson.stem}.html")
        images = re.findall(r"<img [^>]*>", page)
        plots = [tag for tag in images if "tipcourse-plot" in tag]
        alts = [html.unescape(re.search(r'alt="([^"]*)"', tag).group(1)) for tag in plots]
        assert all(alts) and len(plots) == len(images), lesson.name
        cells = nbformat.read(lesson, as_version=4).cells
        for before, cell in pairwise(cells):
            drawn = any("image/png" in o.get("data", {}) for o in before.get("outputs", []))
            if drawn and cell.source.startswith(prefix):
                paragraph = re.split(r"\n\s*\n", cell.source[len(prefix) :].strip())[0]
                start = site.plain(paragraph)[:50]
                assert any(alt.startswith(start) for alt in alts), (lesson.name, start)
                described += 1
    assert described > 0


def test_the_search_index_holds_every_page(built_site):
    out, _ = built_site
    index = read(out, "searchindex.js")
    titles = json.loads(re.search(r'"titles":(\[.*?\])', index).group(1))
    for path in LESSONS + EXERCISES:
        heading = site.lesson_info(nbformat.read(path, as_version=4), path.stem)["heading"]
        assert reading(heading) in [reading(t) for t in titles], heading


def test_the_indonesian_search_index_holds_every_page_in_its_own_words(built_site):
    """Sphinx has no Indonesian search: conf.py's SearchIndonesian indexes words as written
    (lower case, no English stemmer) without the commonest function words."""
    out, _ = built_site
    index = read(out, "id/searchindex.js")
    titles = [reading(t) for t in json.loads(re.search(r'"titles":(\[.*?\])', index).group(1))]
    for path in ID_LESSONS + ID_EXERCISES:
        heading = site.lesson_info(nbformat.read(path, as_version=4), path.stem)["heading"]
        assert reading(heading) in titles, heading
    terms = json.loads(re.search(r'"terms":(\{.*?\})', index).group(1))
    assert "perdagangan" in terms and "palermo" in terms  # "perdagang" under English rules
    assert "yang" not in terms and "dan" not in terms
    assert '"yang"' in read(out, "id/_static/language_data.js")


def test_links_between_notebooks_follow_the_sites_layout(tmp_path):
    """A lesson of notebooks/id links to ../../exercises/id/ex01.ipynb; on the site the
    sections are side by side (notebooks/, exercises/), so the link becomes ../exercises/."""
    source = (
        "[ex](../../exercises/id/ex01_x.ipynb#part-a), [next](02_y.ipynb), "
        "[web](https://x.org/a.ipynb), [data](../../data/x.csv)"
    )
    nb = new_notebook(cells=[new_markdown_cell(source), new_code_cell("# [no](02_y.ipynb)")])
    folders = {
        tmp_path / "notebooks" / "id": "notebooks",
        tmp_path / "exercises" / "id": "exercises",
    }
    lesson = tmp_path / "notebooks" / "id" / "01_x.ipynb"
    moved = site.staged_links(nb, lesson, "notebooks", folders)
    assert moved.cells[0].source == source.replace("../../exercises/id/", "../exercises/")
    assert moved.cells[1].source == "# [no](02_y.ipynb)"


def test_the_start_pages_link_the_two_editions(built_site):
    out, _ = built_site
    english, indonesian = read(out, "index.html"), read(out, "id/index.html")
    assert '<a href="id/index.html" hreflang="id" lang="id">Bahasa Indonesia</a>' in english
    assert '<a href="../index.html" hreflang="en" lang="en">English</a>' in indonesian
    assert "This course in another language:" in page_text(english)
    assert "Mata kuliah ini dalam bahasa lain:" in page_text(indonesian)


def chrome_text(page: str) -> str:
    """What a page shows and names besides the notebook's own text: the theme's words, the
    labels of its controls, and the words the reading copy adds (text versions, plot hints)."""
    labels = re.findall(r'(?:aria-label|title|placeholder)="([^"]*)"', page)
    added = re.findall(
        r'class="(?:tipcourse-plot-hint|caption-text)">([^<]*)<'
        r'|tipcourse-text-version docutils container">\s*<p><strong>([^<]*)</strong>',
        page,
    )
    outside = re.sub(r"<article\b.*?</article>", " ", page, flags=re.S)
    words = [*labels, *(a or b for a, b in added)]
    return page_text(outside) + " " + reading(html.unescape(" ".join(words)))


def test_the_indonesian_edition_is_in_indonesian(built_site):
    out, _ = built_site
    assert len(ID_LESSONS) >= 9, "notebooks/id has the Indonesian lessons"
    for name in ID_PAGES:
        page = read(out, name)
        assert re.match(r'\s*<!DOCTYPE html>\s*<html lang="id"', page), name
        text = chrome_text(page)
        for english, indonesian in ENGLISH_CHROME.items():
            assert english not in text, (name, english)
            assert indonesian is None or indonesian in text, (name, indonesian)
    nav = re.search(r'<nav class="bd-links bd-docs-nav".*?</nav>', read(out, "id/index.html"), re.S)
    captions = re.findall(r'class="caption-text">([^<]*)<', nav.group(0))
    assert (
        captions == ["Pelajaran", "Latihan bernilai (salinan mahasiswa)"][: 1 + bool(ID_EXERCISES)]
    )
    assert re.findall(r'href="([^"#]+\.html)"', nav.group(0)) == [d[3:] for d in ID_DOCS]
    index = page_text(read(out, "id/index.html"))
    assert "Perdagangan orang di Asia Tenggara, Indonesia, dan NTT" in index
    assert "| # | Judul |" not in index and "Yang dibahas" in index  # a table, in Indonesian
    boxes = re.findall(
        r'aria-label="([^"]*)" style="--tipcourse-plot-width',
        read(out, f"id/notebooks/{ID_LESSONS[1].stem}.html"),
    )
    assert boxes and all(re.match(r"Grafik \d+: \S", b) for b in boxes), boxes


# --- in the browser, network off --------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(built_site):
    from browser import chromium_browser

    with chromium_browser() as chromium:
        yield chromium


def wait_for_widgets(page, offline, timeout=30_000):
    """Until every saved widget view has been drawn by the widget manager (views whose model is
    missing are never drawn, so this fails for them)."""
    from playwright.sync_api import TimeoutError

    try:
        # The widget manager draws each view into a new .widget-subarea just before its script.
        page.wait_for_function(
            f"""() => [...document.querySelectorAll('{WIDGET_VIEW}')]
                 .every(s => {{ const v = s.previousElementSibling;
                               return v && v.classList.contains('widget-subarea')
                                      && v.children.length > 0; }})""",
            timeout=timeout,
        )
    except TimeoutError:
        pytest.fail(
            f"widget views not drawn in {timeout / 1000:.0f} s; console errors: "
            f"{page.errors}; network requests: {offline.requests}"
        )


def axe_violations(page) -> list[str]:
    """Serious and critical axe findings, minus the documented KNOWN_AXE ones."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (known) => {
        // preload: false, else axe fetches every style sheet with an XMLHttpRequest (for its
        // css-orientation-lock rule), which a browser refuses for file:// URLs.
        const result = await axe.run(document, {resultTypes: ['violations'], preload: false});
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


# What a reader cannot read: the page wider than the window; an option or label whose text is
# cut (an ellipsis) or runs out of its box, or whose box overlaps another option's.
LAYOUT_PROBLEMS = """() => {
  const out = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    out.push(`page ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
  }
  const shown = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const name = e => `"${(e.textContent || '').trim().slice(0, 50)}"`;
  const labels = [...document.querySelectorAll(
    '.widget-radio-box label, .widget-checkbox .widget-label-basic, .jupyter-widgets .widget-label,'
    + ' .jupyter-widgets button')].filter(shown);
  for (const e of labels) {
    if (e.scrollWidth > e.clientWidth + 1) out.push(`cut across: ${name(e)}`);
    if (e.scrollHeight > e.clientHeight + 1) out.push(`runs out of its box: ${name(e)}`);
  }
  const groups = document.querySelectorAll('.widget-radio-box, .widget-vbox, .widget-hbox');
  for (const group of groups) {
    const boxes = [...group.children].filter(shown).map(k => [k, k.getBoundingClientRect()]);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const [a, r] = boxes[i], [b, s] = boxes[j];
      const x = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const y = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (x > 1 && y > 1) out.push(`overlap: ${name(a)} and ${name(b)}`);
    }
  }
  return out;
}"""

# Every plot: its width, its scale, its column and its box (which scrolls sideways where the
# plot is wider than the column), the box's name and tab stop, the hint under it, and whether
# the plot links to its full-size image.
PLOTS = """() => [...document.querySelectorAll('img.tipcourse-plot, .widget-output img')]
  .map(img => { const article = img.closest('article'), style = getComputedStyle(article);
    const column = article.clientWidth - parseFloat(style.paddingLeft)
                   - parseFloat(style.paddingRight);
    const width = img.getBoundingClientRect().width, box = img.closest('.tipcourse-plot-box');
    const hint = box && box.nextElementSibling;
    return {src: img.src.slice(-20), width, natural: img.naturalWidth, column,
            scale: width / img.naturalWidth, plot: img.classList.contains('tipcourse-plot'),
            link: (img.closest('a') || {}).href || '',
            box: box && {width: box.getBoundingClientRect().width, inner: box.clientWidth,
                         scrolls: box.scrollWidth > box.clientWidth + 1,
                         role: box.getAttribute('role'), name: box.getAttribute('aria-label'),
                         tab: box.getAttribute('tabindex'),
                         hint: hint && hint.classList.contains('tipcourse-plot-hint')
                               && getComputedStyle(hint).display !== 'none'
                               && hint.getBoundingClientRect().height > 0}}; })"""


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", PAGES + ID_PAGES)
def test_page_reads_offline(built_site, browser, name, size):
    out, _ = built_site
    language = "id" if name.startswith("id/") else "en"
    offline = Offline(browser, SIZES[size])
    page = offline.open(out / name)
    try:
        assert page.evaluate("document.documentElement.lang") == language
        views = page.locator(WIDGET_VIEW).count()
        if views:
            wait_for_widgets(page, offline)
        text = page.inner_text("body")
        assert "Error displaying widget" not in text and "Traceback" not in text

        # Plots show, with an alt text (those of the notebook's outputs: not the one drawn
        # inside an Output widget, see KNOWN_AXE).
        images = page.evaluate(
            "[...document.querySelectorAll('article img')]"
            ".map(i => [i.naturalWidth, i.alt, !!i.closest('.jupyter-widgets')])"
        )
        assert all(width > 0 for width, _, _ in images), images
        assert all(alt for _, alt, in_widget in images if not in_widget), images

        # Plots scaled to the column, never wider than drawn nor shown below LEGIBLE_SCALE: a
        # plot wider than its column (on a phone) scrolls sideways in its box, a labelled
        # region the keyboard reaches, with a hint under it; the notebook's plots link to
        # their full-size image.
        for plot in page.evaluate(PLOTS):
            box = plot["box"]
            named = box and box["name"].startswith("Plot " if language == "en" else "Grafik ")
            assert named and box["role"] == "region", plot
            assert box["width"] <= plot["column"] + 1, plot
            legible = max(plot["natural"] * LEGIBLE_SCALE, box["inner"])
            assert abs(plot["width"] - min(plot["natural"], legible)) <= 1, plot
            assert plot["scale"] >= LEGIBLE_SCALE - 0.01, plot
            assert box["scrolls"] == (plot["width"] > box["inner"] + 1), plot
            assert box["hint"] == box["scrolls"] and (box["tab"] == "0") == box["scrolls"], plot
            if plot["plot"]:
                assert plot["link"].endswith(".png"), plot

        assert page.evaluate(LAYOUT_PROBLEMS) == []

        # Every question reads as text (the text version under each widget).
        if not name.endswith("index.html"):
            flat = reading(text)
            for spec in question_specs(notebook_of(name), language):  # its prompt in full
                assert plain_start(spec["prompt"]) in flat, f"{spec['id']} is not in {name}"
            assert page.locator(".tipcourse-text-version").count() == views

        assert axe_violations(page) == []
        assert page.errors == [], page.errors
        assert offline.requests == [], f"network requests: {offline.requests}"
    finally:
        offline.context.close()


@pytest.mark.browser
def test_a_plot_scrolls_sideways_on_a_phone_by_touch_or_keyboard(built_site, browser):
    """At 390 px, lesson 05's timeline (880 px drawn) keeps a legible width in its own box: the
    page does not scroll sideways, the box does, from the keyboard too; a tap opens the image."""
    out, _ = built_site
    offline = Offline(browser, SIZES["390x844"])
    page = offline.open(out / "notebooks" / f"{LESSONS[5].stem}.html")
    try:
        box = page.locator(".tipcourse-plot-box.tipcourse-scrolls").first
        box.wait_for()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width == page.evaluate("document.documentElement.clientWidth") == 390
        box.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.tipcourse-plot-box.tipcourse-scrolls').scrollLeft > 0"
        )
        assert page.evaluate("document.documentElement.scrollLeft") == 0
        assert box.locator("a").first.get_attribute("href").endswith(".png")
        assert "Scroll sideways" in box.locator("xpath=following-sibling::p[1]").inner_text()
        assert page.errors == [] and offline.requests == []
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
        assert radios.first.locator("input[type=radio]").count() >= 2
        assert page.locator(".jupyter-widgets .widget-button").first.is_visible()
        # the text version follows its widget
        follows = page.evaluate(
            f"[...document.querySelectorAll('{WIDGET_VIEW}')].every(s =>"
            " s.nextElementSibling && s.nextElementSibling.classList.contains("
            "'tipcourse-text-version'))"
        )
        assert follows
        assert page.errors == [] and offline.requests == []
    finally:
        offline.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "folder, query, lesson",
    [("", "Palermo", LESSONS[1]), ("id/", "perdagangan orang", ID_LESSONS[1])],
    ids=["en", "id"],
)
def test_search_works_offline(built_site, browser, size, folder, query, lesson):
    out, _ = built_site
    offline = Offline(browser, SIZES[size])
    page = offline.open(out / folder / "search.html", f"?q={query}")
    try:
        page.locator("#search-results ul.search li").first.wait_for(timeout=30_000)
        found = page.eval_on_selector_all(
            "#search-results ul.search li a", "links => links.map(a => a.href)"
        )
        wanted = f"{folder}notebooks/{lesson.stem}.html"
        assert any(href.endswith(wanted) for href in found), found
        assert page.evaluate(LAYOUT_PROBLEMS) == []
        assert axe_violations(page) == []
        assert page.errors == [], page.errors
        assert offline.requests == [], f"network requests: {offline.requests}"
    finally:
        offline.context.close()


@pytest.mark.browser
def test_navigation_on_a_phone_and_in_print(built_site, browser):
    out, _ = built_site
    offline = Offline(browser, SIZES["390x844"])
    page = offline.open(out / "notebooks" / f"{LESSONS[1].stem}.html")
    try:
        # The sidebar is a drawer behind a button; the page outline likewise.
        sidebar = page.locator(".bd-sidebar-primary")
        assert not sidebar.is_visible() or sidebar.bounding_box()["x"] < 0
        page.locator(".primary-toggle").first.click()
        page.locator(".bd-sidebar-primary a[href='02_1_forced_labour_law.html']").wait_for()
        assert page.locator(".bd-sidebar-primary .bd-docs-nav a").count() == len(DOCS)
        page.keyboard.press("Escape")
        assert page.locator(".bd-sidebar-secondary .page-toc a").count() > 3
        # Printed: the theme's title and outline, then the article; no sidebars, buttons or
        # previous/next.
        page.emulate_media(media="print")
        for chrome in (".bd-sidebar-primary", ".bd-sidebar-secondary", ".prev-next-area"):
            assert not page.locator(chrome).first.is_visible(), chrome
        assert page.locator("#jb-print-docs-body h1").is_visible()
        assert page.locator("#jb-print-toc a").count() > 3
        assert page.locator("article section h2").first.is_visible()
        assert page.locator(".tipcourse-text-version").first.is_visible()
        assert page.errors == [] and offline.requests == []
    finally:
        offline.context.close()


def test_sphinx_builds_twice_in_one_process_without_warnings(tmp_path):
    """docutils keeps Sphinx's node registrations per process: without a namespace of its own,
    a second build (the CI suite had one) warns about every node class."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# A page\n\nSome text.\n", encoding="utf-8")
    for n in (1, 2):
        warnings = site.sphinx_build(src, tmp_path / f"html{n}", tmp_path / f"doctrees{n}")
        assert not [w for w in warnings if "already registered" in w], warnings
        assert (tmp_path / f"html{n}" / "index.html").exists()
