"""The offline static site: every lesson and exercise as HTML that reads without a kernel.

`build(out)` converts the committed, executed notebooks of `notebooks/` and `exercises/`
(student copies; never `solutions/`) with nbconvert's HTMLExporter, without running them, and
writes an `index.html` with the lesson map. Saved widget state renders in the browser with the
widget manager and require.js copied from `node_modules/` (`npm ci`) into `<out>/_static/`:
nothing is loaded from the network. Under every widget its text/plain (for a question: kind,
id, prompt and state) is shown as text, so a question reads even where widgets do not render.
Plot images get an `alt` from the "*What the plot shows:*" cell that follows them.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import nbformat

from ..paths import BUILD, NODE_MODULES, ROOT

if TYPE_CHECKING:  # nbconvert is imported when the first page is made
    from nbconvert import HTMLExporter

Job = TypeVar("Job")
Out = TypeVar("Out")

DEFAULT_OUT = BUILD / "site"
COURSE = "Trafficking in persons in Southeast Asia, Indonesia and NTT"
# (folder, heading on the index page); solutions/ is never published.
SECTIONS = (("notebooks", "Lessons"), ("exercises", "Graded exercises (student copies)"))
STATIC = "_static"
MARKER = ".tipcourse-build"  # in every output folder: a build may empty it
MAX_WORKERS = 8
# <out>/_static/<name>: <source in node_modules>
ASSETS = {
    "require.js": "requirejs/require.js",
    "html-manager": "@jupyter-widgets/html-manager/dist",
    "mathjax/tex-chtml-full.js": "mathjax/es5/tex-chtml-full.js",
    "mathjax/output/chtml/fonts/woff-v2": "mathjax/es5/output/chtml/fonts/woff-v2",
}
# Only what the pages load: the AMD bundle of the widget manager and its fonts.
ASSET_SKIP = ("*.map", "embed.js", "libembed-amd.js", "*.LICENSE.txt")
ALT_PREFIX = "*What the plot shows:*"
MATH = re.compile(r"\$\$|\\\(|\\\[|(?<![\\\w])\$[^$\s][^$\n]*(?<![\\\s])\$(?!\w)")
TITLE = re.compile(
    r"""(?:finish\(\s*\w+\s*,|set_title\(|suptitle\()\s*(f?)(["'])(.*?)(?<!\\)\2""", re.S
)
EMPTY_TH = re.compile(r"<th((?:\s+[\w-]+=\"[^\"]*\")*)\s*>(?:\s|&nbsp;)*</th>")
LINK = re.compile(r'(\b(?:href|src)=")([^":#?]+?)\.ipynb((?:#[^"]*)?")')

CSS = """
.tipcourse-nav { font-family: var(--jp-ui-font-family, sans-serif); padding: 0.5em 1em;
  border-bottom: 1px solid #ccc; background: #f7f7f7; }
.tipcourse-nav ul { list-style: none; margin: 0; padding: 0; display: flex; gap: 1.5em;
  flex-wrap: wrap; }
.tipcourse-nav a { color: #0b57a3; }
/* Links in text are underlined, not told apart by colour alone (axe: link-in-text-block). */
body .jp-RenderedHTMLCommon a:link,
body .jp-RenderedHTMLCommon a:visited { text-decoration: underline; }
.tipcourse-text-version { margin: 0.25em 0 0.5em; padding: 0.3em 0.6em; background: #f4f4f4;
  border-left: 3px solid #888; color: #222; font-size: 0.9em; }
.tipcourse-text-version pre { white-space: pre-wrap; margin: 0; font-family: inherit; color: #222; }
.tipcourse-text-version .tipcourse-label { font-weight: bold; }
.tipcourse-text-version, .jupyter-widgets { font-family: var(--jp-ui-font-family, sans-serif); }
/* Prompts ("In [3]:") in a grey that meets WCAG AA contrast (nbconvert's is 2.2:1); on body,
   so that it wins over the theme's :root. */
body.jp-Notebook { --jp-cell-prompt-not-active-font-color: #616161;
  --jp-cell-prompt-not-active-opacity: 1; --jp-cell-inprompt-font-color: #616161;
  --jp-cell-outprompt-font-color: #616161;
  /* Code colours and the green "success" button, darkened to at least 4.5:1 on the cell's grey. */
  --jp-mirror-editor-number-color: #006b00; --jp-mirror-editor-operator-color: #7a1fc2;
  --jp-mirror-editor-comment-color: #356b6b; --jp-success-color1: #2e7d32; }
"""

# Blocks for nbconvert's templates (the site extends "lab", the slides "reveal"): MathJax from
# the local copy and only on pages with math, no Mermaid (it would load from a CDN), the widget
# manager's AMD names mapped to the local copy (it finds its fonts next to its own URL), and
# alt text on plots.
OFFLINE_BLOCKS = """
{%- block html_head_js_mathjax -%}
{%- if resources.tipcourse.math %}
<script>window.MathJax = {tex: {inlineMath: [['$', '$'], ['\\\\(', '\\\\)']],
  displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']], processEscapes: true}};</script>
<script src="{{ resources.tipcourse.static }}/mathjax/tex-chtml-full.js"></script>
{%- endif %}
{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_requirejs -%}
{{ super() }}
<script>
require.config({paths: {
  "@jupyter-widgets/html-manager/dist": "{{ resources.tipcourse.static }}/html-manager",
  "@jupyter-widgets": "{{ resources.tipcourse.static }}/html-manager"}});
</script>
{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block data_png scoped -%}
{%- set alt = output.metadata.get('tipcourse_alt', '') -%}
{{ super() | replace('<img ', '<img alt="' ~ (alt | escape_html) ~ '" ', 1) }}
{%- endblock data_png %}
"""

# The site's page: the lab template, the blocks above, a course navigation bar, and a text
# version under every widget.
PAGE_TEMPLATE = (
    "{%- extends 'index.html.j2' -%}"
    + OFFLINE_BLOCKS
    + """
{%- block extra_css -%}
<style type="text/css">{{ resources.tipcourse.css }}</style>
{%- endblock extra_css -%}
{%- block body_header -%}
<body class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light">
<header class="tipcourse-nav"><nav aria-label="Course"><ul>
{%- for label, href in resources.tipcourse.nav %}
<li><a href="{{ href }}">{{ label | escape_html }}</a></li>
{%- endfor %}
</ul></nav></header>
<main>
{%- endblock body_header -%}
{%- block input_group -%}
{#- a question's source (hidden in the student copy) is machinery: not on the page -#}
{%- if not cell.metadata.get('jupyter', {}).get('source_hidden', False) -%}
{{ super() }}
{%- endif -%}
{%- endblock input_group -%}
{%- block data_widget_view scoped -%}
{#- nbconvert's block, plus the text version inside the output: the widget manager puts the
    view before the script, so the view comes first and the text under it. -#}
{%- set div_id = uuid4() -%}
{%- set datatype = (output.data | filter_data_type)[0] %}
<div id="{{ div_id }}" class="jupyter-widgets jp-OutputArea-output {{ extra_class }}">
<script type="text/javascript">
var element = document.getElementById('{{ div_id }}');
</script>
<script type="{{ datatype }}">
{{ output.data[datatype] | json_dumps | escape_html_script }}
</script>
{%- if 'text/markdown' in output.data %}
<div class="tipcourse-text-version"><span class="tipcourse-label">Text version:</span>
{{ output.data['text/markdown'] | markdown2html }}</div>
{%- elif 'text/plain' in output.data %}
<div class="tipcourse-text-version"><span class="tipcourse-label">Text version:</span>
<pre>{{ output.data['text/plain'] | escape_html }}</pre></div>
{%- endif %}
</div>
{%- endblock data_widget_view -%}
"""
)


# --- reading a notebook -------------------------------------------------------------------------


def notebook_files(root: Path = ROOT) -> dict[str, list[Path]]:
    """The notebooks to publish, by section folder, in file-name order."""
    return {folder: sorted((root / folder).glob("*.ipynb")) for folder, _ in SECTIONS}


def course_metadata(nb: nbformat.NotebookNode) -> dict:
    """The notebook's `tipcourse` metadata (the front matter of its .md): id, minutes,
    objectives; {} when it has none."""
    meta = nb.get("metadata", {}).get("tipcourse")
    return dict(meta) if isinstance(meta, dict) else {}


def notebook_number(meta: dict, stem: str) -> str:
    """ "01" for the id l01 or ex01; without an id, the number the file name starts with."""
    match = re.fullmatch(r"[a-z]+(\d+)", str(meta.get("id", ""))) or re.match(
        r"(?:ex)?(\d\d)_", stem
    )
    return match.group(1) if match else ""


def lesson_info(nb: nbformat.NotebookNode, stem: str) -> dict:
    """Number and minutes from the notebook's metadata; heading, title and a one-line
    description from its first markdown cell.

    `# 01 What is trafficking in persons?` then a paragraph -> ("01", "What is ...", paragraph).
    """
    meta = course_metadata(nb)
    number = notebook_number(meta, stem)
    cell = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    lines = (cell.source if cell else "").strip().splitlines()
    heading = lines[0].lstrip("#").strip() if lines and lines[0].startswith("#") else stem
    prefix = re.match(rf"(?:Exercise\s+)?{number}[\s:.]+", heading) if number else None
    title = heading[prefix.end() :].strip() if prefix else heading
    paragraph = []
    for line in lines[1:]:
        if line.strip():
            paragraph.append(line.strip())
        elif paragraph:
            break
    return {
        "number": number,
        "title": title,
        "heading": heading,
        "description": " ".join(paragraph),
        "minutes": meta.get("minutes"),
    }


def plot_title(source: str) -> str:
    """The title given to plots.finish(ax, "title", ...) or ax.set_title("title") in a cell
    ("" when there is none, or when it is an f-string, whose text is only known at run time)."""
    match = TITLE.search(source)
    return match.group(3) if match and not match.group(1) else ""


def plain(markdown: str) -> str:
    """Markdown -> one line of plain text (for alt attributes and the lesson map)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links keep their text
    text = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"\1", text)  # _emphasis_, not snake_case
    text = re.sub(r"[*`]+", "", text)
    return " ".join(text.split())


def add_alt_texts(nb: nbformat.NotebookNode) -> int:
    """Give every image/png output an alt text: the "*What the plot shows:*" markdown cell that
    follows its cell (the authoring convention), else the plot's title. Returns how many."""
    count = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        images = [o for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
        if not images:
            continue
        following = next((c for c in nb.cells[i + 1 :] if c.cell_type == "markdown"), None)
        if following is not None and following.source.lstrip().startswith(ALT_PREFIX):
            text = following.source.lstrip()[len(ALT_PREFIX) :]
            alt = plain(re.split(r"\n\s*\n", text.strip())[0])  # its first paragraph
        else:
            title = plot_title(cell.source)
            alt = f"Plot: {title}" if title else "Plot (described in the text around it)"
        for output in images:
            output.setdefault("metadata", {})["tipcourse_alt"] = alt
            count += 1
    return count


def has_math(nb: nbformat.NotebookNode) -> bool:
    return any(c.cell_type == "markdown" and MATH.search(c.source) for c in nb.cells)


def rewrite_links(page: str, suffix: str = ".html") -> str:
    """Relative links to notebooks point at their HTML pages: `x.ipynb#a` -> `x.html#a`.
    Absolute URLs (with a scheme, so a ':') are left alone."""
    return LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}{suffix}{m.group(3)}", page)


# --- building -----------------------------------------------------------------------------------


def empty_header_cells(page: str) -> str:
    """An empty <th> (the corner of a pandas table) becomes a <td>: a header cell with no text
    names nothing, and screen readers announce it as a blank header (axe: empty-table-header)."""
    return EMPTY_TH.sub(r"<td\1></td>", page)


def copy_assets(out: Path, node_modules: Path = NODE_MODULES, assets: dict | None = None) -> None:
    """Copy the browser files the pages load from node_modules into <out>/_static/."""
    assets = ASSETS if assets is None else assets
    missing = [src for src in assets.values() if not (node_modules / src).exists()]
    if missing:
        raise FileNotFoundError(
            f"{node_modules} lacks {', '.join(missing)}: run `npm ci` in {ROOT} (or `make site`)"
        )
    for name, src in assets.items():
        target = out / STATIC / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (node_modules / src).is_dir():
            shutil.copytree(
                node_modules / src,
                target,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns(*ASSET_SKIP),
            )
        else:
            shutil.copy2(node_modules / src, target)


_EXPORTER = None


def page_exporter() -> HTMLExporter:
    """The HTMLExporter for every page, made once per process (making it is the slow part)."""
    global _EXPORTER
    if _EXPORTER is None:
        from jinja2 import DictLoader
        from nbconvert import HTMLExporter

        static = f"../{STATIC}"
        _EXPORTER = HTMLExporter(
            extra_loaders=[DictLoader({"tipcourse_page.html.j2": PAGE_TEMPLATE})],
            template_file="tipcourse_page.html.j2",
            require_js_url=f"{static}/require.js",
            widget_renderer_url=f"{static}/html-manager/embed-amd.js",
            mathjax_url=f"{static}/mathjax/tex-chtml-full.js",
            language_code="en",
        )
    return _EXPORTER


def convert(nb: nbformat.NotebookNode, stem: str, nav: list[tuple[str, str]]) -> str:
    """A notebook node -> its HTML page. Changes `nb` (a copy read for the purpose, never
    written back): title, alt texts."""
    info = lesson_info(nb, stem)
    nb.metadata["title"] = f"{info['heading']} | {COURSE}"
    add_alt_texts(nb)
    resources = {
        "metadata": {"name": stem},
        "tipcourse": {"static": f"../{STATIC}", "math": has_math(nb), "css": CSS, "nav": nav},
    }
    body, _ = page_exporter().from_notebook_node(nb, resources=resources)
    return empty_header_cells(rewrite_links(body))


def write_page(job: tuple[Path, Path, list]) -> Path:
    """(notebook file, page file, navigation) -> the page file, written."""
    source, target, nav = job
    nb = nbformat.read(source, as_version=4)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(convert(nb, source.stem, nav), encoding="utf-8")
    return target


def in_parallel(
    function: Callable[[Job], Out], jobs: list[Job], workers: int | None = None
) -> list[Out]:
    """map(function, jobs), one process per core: nbconvert is CPU-bound."""
    workers = min(workers or os.cpu_count() or 1, len(jobs), MAX_WORKERS)
    if workers <= 1:
        return [function(job) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(function, jobs))


def navigation(entries: list[dict], i: int) -> list[tuple[str, str]]:
    """Links at the top of page i of a section: the course map, previous and next."""
    nav = [("Course map", "../index.html")]
    if i > 0:
        nav.append((f"Previous: {entries[i - 1]['heading']}", entries[i - 1]["href_local"]))
    if i + 1 < len(entries):
        nav.append((f"Next: {entries[i + 1]['heading']}", entries[i + 1]["href_local"]))
    return nav


def index_page(sections: list[tuple[str, list[dict]]]) -> str:
    """The lesson map: number, title, one-line description and a link, per section."""
    parts = []
    for heading, entries in sections:
        if not entries:
            continue
        rows = "\n".join(
            f'<tr><td>{html.escape(e["number"] or "–")}</td>'
            f'<td><a href="{html.escape(e["href"])}">{html.escape(e["title"])}</a></td>'
            f'<td>{html.escape(plain(e["description"]))}</td>'
            f'<td>{e["minutes"] or "–"}</td></tr>'
            for e in entries
        )
        parts.append(
            f'<section aria-labelledby="{_slug(heading)}">\n'
            f'<h2 id="{_slug(heading)}">{html.escape(heading)}</h2>\n'
            '<table>\n<thead><tr><th scope="col">#</th><th scope="col">Title</th>'
            '<th scope="col">What it covers</th><th scope="col">Minutes</th></tr>'
            f'</thead>\n<tbody>\n{rows}\n'
            '</tbody>\n</table>\n</section>'
        )
    return INDEX_TEMPLATE.format(course=html.escape(COURSE), sections="\n".join(parts))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{course}: an open Jupyter course</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif;
  max-width: 62em; margin: 0 auto; padding: 0 1em 2em; line-height: 1.5; color: #1a1a1a; }}
header, footer {{ color: #333; }}
table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }}
th, td {{ text-align: left; vertical-align: top; padding: 0.4em 0.6em;
  border-bottom: 1px solid #ccc; }}
a {{ color: #0b57a3; }}
td:nth-child(2) {{ min-width: 14em; }}
</style>
</head>
<body>
<header>
<h1>{course}</h1>
<p>An open Jupyter course: the offline reading copy. Widgets show their saved state; to answer
the questions, open the notebooks in JupyterLab (<code>make lab</code>).</p>
</header>
<main>
{sections}
</main>
<footer>
<p>Course content: CC BY 4.0. Code: MIT. Every figure comes from the course's data package
(<code>data/</code>), with its sources.</p>
</footer>
</body>
</html>
"""


def fresh_folder(out: Path) -> Path:
    """Empty `out` for a build. A folder that is not empty and was not written by a build is
    refused, so a mistyped --out never deletes anything else."""
    out = Path(out)
    if out.exists():
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise FileExistsError(
                f"{out} is not empty and was not written by a build of the "
                "site or the slides: choose another --out"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text(
        "Written by `python -m tipcourse site` or `slides`; emptied by each build.\n"
    )
    return out


def entry(path: Path, folder: str) -> dict:
    """What the index and the navigation need about one notebook (read as JSON: fast)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    first = [
        {"cell_type": "markdown", "source": "".join(c["source"])}  # a string or lines
        for c in document["cells"]
        if c["cell_type"] == "markdown"
    ][:1]
    nb = nbformat.from_dict({"cells": first, "metadata": document.get("metadata", {})})
    info = lesson_info(nb, path.stem)
    return {
        **info,
        "path": path,
        "href": f"{folder}/{path.stem}.html",
        "href_local": f"{path.stem}.html",
    }


def build(
    out: Path, root: Path = ROOT, node_modules: Path = NODE_MODULES, workers: int | None = None
) -> list[Path]:
    """Write the site into `out` (emptied first); return the pages written, index first."""
    started = time.monotonic()
    out = fresh_folder(out)
    copy_assets(out, node_modules)
    jobs, sections = [], []
    for folder, heading in SECTIONS:
        entries = [entry(path, folder) for path in notebook_files(root)[folder]]
        jobs += [
            (e["path"], out / e["href"], navigation(entries, i)) for i, e in enumerate(entries)
        ]
        sections.append((heading, entries))
    written = in_parallel(write_page, jobs, workers)
    (out / "index.html").write_text(index_page(sections), encoding="utf-8")
    print(f"site: {len(written) + 1} pages in {out} ({time.monotonic() - started:.1f} s)")
    return [out / "index.html", *written]
