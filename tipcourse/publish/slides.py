"""Slides: every lesson as a reveal.js deck that works offline, and the same deck live in RISE.

Authors do not tag cells. `with_slide_types(nb)` derives the slide metadata in a copy of the
notebook: a markdown cell that starts with a `#` or `##` heading opens a slide, `###` a
sub-slide, the setup cell (the first code cell, when it only imports and starts the lesson) is
skipped, everything else continues the current slide. A cell that already has
`slideshow.slide_type` keeps it. `build(out)` converts the lessons of `notebooks/` with
nbconvert's SlidesExporter against reveal.js, require.js and the widget manager copied from
`node_modules/` next to the decks. `write_metadata(paths)` writes the derived types into the
notebooks themselves, so that RISE in JupyterLab shows the same deck.
"""

from __future__ import annotations

import copy
import re
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

import nbformat

from ..paths import BUILD, NODE_MODULES, ROOT
from . import site

if TYPE_CHECKING:  # nbconvert is imported when the first deck is made
    from nbconvert import SlidesExporter

DEFAULT_OUT = BUILD / "slides"
REVEAL = "reveal.js"  # <out>/reveal.js/{dist,plugin/notes}
REVEAL_ASSETS = {"dist": "reveal.js/dist", "plugin/notes": "reveal.js/plugin/notes"}
STATIC_ASSETS = {**site.ASSETS, "jquery.min.js": "jquery/dist/jquery.min.js"}
HEADING = re.compile(r"(#{1,6})\s")
SETUP_CALL = re.compile(r"\bstart_(lesson|assignment|solution)\(")
IMPORT = re.compile(r"(from\s+\S+\s+)?import\s")

# nbconvert's reveal template, with the site's offline blocks and reveal.js started without the
# MathJax 2 calls of the stock template (MathJax 3 typesets once, on load).
SLIDES_TEMPLATE = (
    "{%- extends 'index.html.j2' -%}"
    + site.OFFLINE_BLOCKS
    + """
{%- block html_head_css -%}
<style type="text/css">{{ resources.tipcourse.css }}</style>
{%- endblock html_head_css -%}
{%- block footer_js -%}
<script>
require({waitSeconds: 30},
  ["{{ resources.reveal.url_prefix }}/dist/reveal.js",
   "{{ resources.reveal.url_prefix }}/plugin/notes/notes.js"],
  function (Reveal, RevealNotes) {
    Reveal.initialize({controls: true, progress: true, history: true, hash: true,
                       transition: "{{ resources.reveal.transition }}", slideNumber: "c/t",
                       plugins: [RevealNotes], width: 1100, height: 750});
    // A slide taller than the screen scrolls rather than being cut off.
    function scrollTall() {
      var limit = $(".reveal").height() * 0.95;
      $("section.present").find("section").addBack().filter(function () {
        return $(this).height() > limit; })
        .css({"height": "95vh", "overflow-y": "auto"});
    }
    Reveal.on("ready", scrollTall);
    Reveal.on("slidechanged", scrollTall);
  });
</script>
{%- endblock footer_js -%}
"""
)


# --- slide metadata ---------------------------------------------------------------------------


def is_setup(cell: nbformat.NotebookNode) -> bool:
    """The setup cell: imports and start_lesson / start_assignment / start_solution, and nothing
    a reader needs to see (a first code cell that shows a widget is not a setup cell)."""
    if cell.cell_type != "code" or not SETUP_CALL.search(cell.source):
        return False
    lines = [
        ln.strip()
        for ln in cell.source.splitlines()
        if ln.strip() and not ln.strip().startswith("#")
    ]
    return all(
        IMPORT.match(ln) or SETUP_CALL.search(ln) or ln.startswith("plots.style(") for ln in lines
    )


def derived_slide_type(cell: nbformat.NotebookNode, setup: bool = False) -> str:
    """The slide type the build gives a cell that has none of its own."""
    if cell.cell_type == "markdown":
        match = HEADING.match(cell.source.lstrip())
        if match:
            return {1: "slide", 2: "slide", 3: "subslide"}.get(len(match.group(1)), "-")
    if setup:
        return "skip"
    return "-"


def explicit_slide_type(cell: nbformat.NotebookNode) -> str | None:
    return cell.get("metadata", {}).get("slideshow", {}).get("slide_type")


def slide_types(nb: nbformat.NotebookNode) -> list[str]:
    """The slide type of every cell: its own if set, else the derived one."""
    first_code = next((i for i, c in enumerate(nb.cells) if c.cell_type == "code"), None)
    return [
        explicit_slide_type(cell)
        or derived_slide_type(cell, setup=(i == first_code and is_setup(cell)))
        for i, cell in enumerate(nb.cells)
    ]


def with_slide_types(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of `nb` with `slideshow.slide_type` set on every cell (the notebook is unchanged)."""
    nb = copy.deepcopy(nb)
    for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
        cell.setdefault("metadata", {}).setdefault("slideshow", {})["slide_type"] = kind
    return nb


def write_metadata(paths: list[Path]) -> list[Path]:
    """Write the derived slide types into the notebooks (for RISE); return those changed.

    Only types other than "-" (the default) are written, and a cell's own type is kept, so
    running it again changes nothing. Outputs and everything else stay as they are."""
    changed = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        dirty = False
        for cell, kind in zip(nb.cells, slide_types(nb), strict=True):
            if kind != "-" and explicit_slide_type(cell) is None:
                cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}
                dirty = True
        if dirty:
            nbformat.write(nb, path)
            changed.append(Path(path))
    return changed


# --- building the decks -----------------------------------------------------------------------


def copy_assets(out: Path, node_modules: Path = NODE_MODULES) -> None:
    for name, src in REVEAL_ASSETS.items():
        if not (node_modules / src).exists():
            raise FileNotFoundError(f"{node_modules / src} is missing: run `npm ci` in {ROOT}")
        shutil.copytree(
            node_modules / src,
            out / REVEAL / name,
            dirs_exist_ok=True,
            ignore=shutil.ignore_patterns("*.map", "*.esm.js"),
        )
    site.copy_assets(out, node_modules, STATIC_ASSETS)  # the reveal template loads jquery too


_EXPORTER = None


def slides_exporter() -> SlidesExporter:
    """The SlidesExporter, made once per process."""
    global _EXPORTER
    if _EXPORTER is None:
        from jinja2 import DictLoader
        from nbconvert import SlidesExporter

        static = site.STATIC
        _EXPORTER = SlidesExporter(
            extra_loaders=[DictLoader({"tipcourse_slides.html.j2": SLIDES_TEMPLATE})],
            template_file="tipcourse_slides.html.j2",
            reveal_url_prefix=REVEAL,
            reveal_theme="white",
            require_js_url=f"{static}/require.js",
            jquery_url=f"{static}/jquery.min.js",
            widget_renderer_url=f"{static}/html-manager/embed-amd.js",
            mathjax_url=f"{static}/mathjax/tex-chtml-full.js",
            language_code="en",
        )
    return _EXPORTER


def convert(nb: nbformat.NotebookNode, stem: str) -> str:
    """A lesson -> its deck (the slide types are set in a copy)."""
    nb = with_slide_types(nb)
    info = site.lesson_info(nb, stem)
    nb.metadata["title"] = f"{info['heading']} | {site.COURSE}"
    site.add_alt_texts(nb)
    resources = {
        "metadata": {"name": stem},
        "tipcourse": {"static": site.STATIC, "math": site.has_math(nb), "css": site.CSS},
    }
    body, _ = slides_exporter().from_notebook_node(nb, resources=resources)
    return site.rewrite_links(body, ".slides.html")


def write_deck(job: tuple[Path, Path]) -> Path:
    source, target = job
    target.write_text(convert(nbformat.read(source, as_version=4), source.stem), encoding="utf-8")
    return target


def build(
    out: Path = DEFAULT_OUT,
    root: Path = ROOT,
    node_modules: Path = NODE_MODULES,
    workers: int | None = None,
) -> list[Path]:
    """One deck per lesson of notebooks/ into `out` (emptied first): NN_x.slides.html."""
    started = time.monotonic()
    out = site.fresh_folder(out)
    copy_assets(out, node_modules)
    jobs = [
        (path, out / f"{path.stem}.slides.html")
        for path in sorted((root / "notebooks").glob("*.ipynb"))
    ]
    written = site.in_parallel(write_deck, jobs, workers)
    print(f"slides: {len(written)} decks in {out} ({time.monotonic() - started:.1f} s)")
    return written
