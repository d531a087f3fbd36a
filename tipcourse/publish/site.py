"""The reading copy: the course as a Sphinx site with sphinx-book-theme and myst-nb.

`build(out)` stages the committed, executed notebooks of `notebooks/` and `exercises/` (student
copies; never `solutions/`; another edition passes its own folders as `sections`) in a temporary
source folder, with a home page whose tables and table of contents follow the lesson order, and
runs Sphinx on it with the configuration in `book/conf.py`. Nothing is executed (`nb_execution_mode = "off"`). The staging copy of a
notebook (`reading_copy`) differs from the committed one in what the page needs: a question's
source (hidden in the student copy) is left off, every plot gets the alt text of its "*What the
plot shows:*" cell, every widget is followed by its text version (a question's text/markdown,
else its text/plain), and pandas' empty header cells become data cells. Saved widget state
renders with the widget manager and require.js copied from `node_modules/` (`npm ci`) into
`<out>/_static/`: nothing is loaded from the network, and Sphinx's search works from file://.
Each plot goes in a box of its own (`PlotBox`, `box_plots`, wired up in conf.py), which on a
phone scrolls sideways so the plot keeps a legible size (book/_static/tipcourse.css).

`build_editions(out)` (`make site`) writes the English site into `out` and the Indonesian one
(`EDITIONS["id"]`: notebooks/id, exercises/id) into `out/id`, each start page linking to the
other. An edition is built in its language (`i18n.using`): the site's own words through
gettext, Sphinx's `language` (its own words and the theme's; the search by `SearchIndonesian`,
conf.py), the alt text from the "What the plot shows:" cell of the notebook's language. Links
between notebooks follow the site's layout (`staged_links`: from notebooks/id,
`../../exercises/id/ex01_x.ipynb` is `../exercises/ex01_x.ipynb` on the site).
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import nbformat
from docutils import nodes

from ..authoring.markers import language_of, markers
from ..i18n import LANGUAGES, N_, _, using
from ..paths import BUILD, NODE_MODULES, ROOT

DEFAULT_OUT = BUILD / "site"
CONF_DIR = Path(__file__).resolve().parent / "book"  # conf.py and the course's CSS and JS
# Shown through `_` (the edition's language); conf.py shows COURSE and FOOTER.
COURSE = N_("Trafficking in persons in Southeast Asia, Indonesia and NTT")
INTRO = N_(
    "An open Jupyter course: the offline reading copy. Widgets show their saved state, with a "
    "text version under each; to answer the questions, open the notebooks in JupyterLab "
    "(`make lab`)."
)
FOOTER = N_(
    "Course content: CC BY 4.0. Code: MIT. Every figure comes from the course's data package "
    "(<code>data/</code>), with its sources."
)


@dataclass(frozen=True)
class Section:
    """A part of the site: its folder there (the pages' URLs), its caption on the home page and
    in the table of contents, and the folder of committed notebooks it is made from (default:
    the repository's folder of the same name; another edition passes its own, such as
    notebooks/id). solutions/ is never a section."""

    folder: str
    caption: str
    source: Path | None = None

    def notebooks(self, root: Path = ROOT) -> list[Path]:
        """Its notebooks, in file-name order (the lesson order); a relative `source` is in
        `root`."""
        return sorted((Path(root) / (self.source or self.folder)).glob("*.ipynb"))


SECTIONS = (
    Section("notebooks", N_("Lessons")),
    Section("exercises", N_("Graded exercises (student copies)")),
)


@dataclass(frozen=True)
class Edition:
    """A language's site: its sections, and where its start page links to the others (the
    path from its start page to theirs, by language)."""

    language: str
    sections: tuple[Section, ...]
    others: tuple[tuple[str, str], ...] = ()


EDITIONS = {
    "en": Edition("en", SECTIONS, (("id", "id/index.html"),)),
    "id": Edition(
        "id",
        tuple(Section(s.folder, s.caption, Path(s.folder) / "id") for s in SECTIONS),
        (("en", "../index.html"),),
    ),
}
STATIC = "_static"
MARKER = ".tipcourse-build"  # in every output folder: a build may empty it
# <out>/_static/<name>: <source in node_modules>
ASSETS = {
    "require.js": "requirejs/require.js",
    "html-manager": "@jupyter-widgets/html-manager/dist",
    "mathjax/tex-chtml-full.js": "mathjax/es5/tex-chtml-full.js",
    "mathjax/output/chtml/fonts/woff-v2": "mathjax/es5/output/chtml/fonts/woff-v2",
}
# Only what the pages load: the AMD bundle of the widget manager and its fonts.
ASSET_SKIP = ("*.map", "embed.js", "libembed-amd.js", "*.LICENSE.txt")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
TEXT_VERSION = "tipcourse-text-version"
ALT_PREFIX = "*What the plot shows:*"  # the English; alt_prefix(language) for another
TITLE = re.compile(
    r"""(?:finish\(\s*\w+\s*,|set_title\(|suptitle\()\s*(f?)(["'])(.*?)(?<!\\)\2""", re.S
)
EMPTY_TH = re.compile(r"<th((?:\s+[\w-]+=\"[^\"]*\")*)\s*>(?:\s|&nbsp;)*</th>")
PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")  # ASCII punctuation: each can be escaped
NOTEBOOK_LINK = re.compile(r"(\]\()([^)\s:]+?\.ipynb)((?:#[^)\s]*)?\))")  # a relative one
# What Sphinx writes that a reader does not need (source copies, the build's bookkeeping, the
# theme's template macros).
UNUSED = (
    ".buildinfo",
    "objects.inv",
    "_sources",
    ".doctrees",
    "_static/webpack-macros.html",
    "_static/sbt-webpack-macros.html",
)


# --- reading a notebook -------------------------------------------------------------------------


def notebook_files(
    root: Path = ROOT, sections: Sequence[Section] = SECTIONS
) -> dict[str, list[Path]]:
    """The notebooks to publish, by section folder, in file-name order (the lesson order)."""
    return {section.folder: section.notebooks(root) for section in sections}


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
    prefix = re.match(rf"(?:Exercise\s+|Latihan\s+)?{number}[\s:.]+", heading) if number else None
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


def escape_markdown(text: str) -> str:
    """Plain text that Markdown shows as it is (every ASCII punctuation mark escaped)."""
    return PUNCTUATION.sub(r"\\\1", text)


def alt_prefix(language: str) -> str:
    """The italic start of the cell that describes a plot, in `language`."""
    return f"*{markers(language).plot_text}*"


def alt_texts(nb: nbformat.NotebookNode) -> dict[int, str]:
    """{cell index: alt text} for every code cell with an image/png output: the first paragraph
    of the "*What the plot shows:*" markdown cell that follows it (the authoring convention;
    in the notebook's language), else the plot's title."""
    prefix, alts = alt_prefix(language_of(nb)), {}
    for i, cell in enumerate(nb.cells):
        outputs = cell.get("outputs", []) if cell.cell_type == "code" else []
        if not any("image/png" in o.get("data", {}) for o in outputs):
            continue
        following = next((c for c in nb.cells[i + 1 :] if c.cell_type == "markdown"), None)
        if following is not None and following.source.lstrip().startswith(prefix):
            text = following.source.lstrip()[len(prefix) :]
            alts[i] = plain(re.split(r"\n\s*\n", text.strip())[0])  # its first paragraph
        else:
            title = plot_title(cell.source)
            said = _("Plot: {title}").format(title=title)
            alts[i] = said if title else _("Plot (described in the text around it)")
    return alts


def empty_header_cells(page: str) -> str:
    """An empty <th> (the corner of a pandas table) becomes a <td>: a header cell with no text
    names nothing, and screen readers announce it as a blank header (axe: empty-table-header)."""
    return EMPTY_TH.sub(r"<td\1></td>", page)


def text_version(data: dict) -> str | None:
    """The text version shown under a widget, as MyST Markdown: a container (class
    tipcourse-text-version) holding the widget's text/markdown (a question: its prompt in full,
    its options and state), else its text/plain; None when it has neither."""
    if data.get("text/markdown"):
        body = "".join(data["text/markdown"])
        body = re.sub(r"(?m)^(?=[%+(])", "\\\\", body)  # no MyST comment, block break or target
    elif data.get("text/plain"):
        lines = "".join(data["text/plain"]).strip().splitlines()
        body = "\\\n".join(escape_markdown(line) for line in lines)  # hard line breaks
    else:
        return None
    fence = "`" * max(3, 1 + max((len(r) for r in re.findall(r"`+", body)), default=0))
    label = _("**Text version:**")
    return f"{fence}{{container}} {TEXT_VERSION}\n{label}\n\n{body}\n{fence}\n"


def reading_copy(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The notebook as the site shows it (changes and returns `nb`, a copy read for the
    purpose): see the module's docstring."""
    alts = alt_texts(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.metadata.get("jupyter", {}).get("source_hidden"):
            tags = cell.metadata.setdefault("tags", [])
            tags.append("remove-input")  # a question's source is machinery, not the page
        if i in alts:
            # scale 100: width and height as drawn, and Sphinx links the image to its full size
            image = {"alt": alts[i], "classes": "tipcourse-plot", "scale": "100"}
            cell.metadata["mystnb"] = {"image": image}
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                data["text/html"] = empty_header_cells("".join(data["text/html"]))
            outputs.append(output)
            if WIDGET_VIEW in data:
                text = text_version(data)
                data.pop("text/markdown", None)  # shown by the text version
                if text:
                    outputs.append(
                        nbformat.v4.new_output(
                            "display_data", data={"text/markdown": text}, metadata={}
                        )
                    )
        cell.outputs = outputs
    # The course metadata would show as front matter; jupytext's pairing is of no use here.
    for key in ("tipcourse", "jupytext"):
        nb.metadata.pop(key, None)
    return nb


# --- plots on a narrow screen -------------------------------------------------------------------

PLOT_CLASS = "tipcourse-plot"
BOX_CLASS = "tipcourse-plot-box"
HINT = N_("Scroll sideways to see all of the plot, or tap it to open it full size.")


class PlotBox(nodes.General, nodes.Element):
    """A plot's own box on the page: on a screen narrower than the plot at a legible size it
    scrolls sideways (book/_static/tipcourse.css, tipcourse-plots.js), so the page never does.
    Attributes: `label` (its accessible name), `width` (the image's natural width, px)."""


def visit_plot_box(translator: object, node: PlotBox) -> None:
    # A labelled region the keyboard can focus (tabindex; the script keeps it only where the
    # box scrolls), so that arrow keys scroll it; the width sets the legible minimum in CSS.
    translator.body.append(
        f'<div class="{BOX_CLASS}" role="region" tabindex="0" '
        f'aria-label="{html.escape(node["label"])}" '
        f'style="--tipcourse-plot-width: {int(node["width"])}px">'
    )


def depart_plot_box(translator: object, node: PlotBox) -> None:
    hint = html.escape(_(HINT))
    translator.body.append(f'</div>\n<p class="tipcourse-plot-hint">{hint}</p>\n')


def short(text: str, length: int = 60) -> str:
    """The first sentence or clause of `text`, cut at a word to `length` characters at most."""
    first = re.split(r"(?<=[.;:,])\s", text.strip(), maxsplit=1)[0].rstrip(".;:,")
    if len(first) <= length:
        return first
    return first[: first.rfind(" ", 0, length)] + "…"


def box_plots(app: object, doctree: nodes.document, docname: str) -> None:
    """Put every plot of a page (an image with class tipcourse-plot) in a PlotBox, named after
    the plot's title in its code cell ("Plot 2: Poverty rate by regency"), else after the start
    of its alt text."""
    from sphinx.util.images import get_image_size

    plots = [i for i in doctree.findall(nodes.image) if PLOT_CLASS in i.get("classes", [])]
    for n, image in enumerate(plots, 1):
        path = Path(app.srcdir) / image.get("candidates", {}).get("*", image["uri"])
        size = get_image_size(path) or (0, 0)
        cell = image.parent
        while cell is not None and "cell" not in cell.get("classes", []):
            cell = cell.parent
        code = next(cell.findall(nodes.literal_block), None) if cell is not None else None
        title = plot_title(code.astext()) if code is not None else ""
        label = _("Plot {n}: {name}").format(n=n, name=title or short(image.get("alt", "")))
        box = PlotBox(label=label, width=size[0])
        image.replace_self(box)
        box.append(image)


# --- the staging folder -------------------------------------------------------------------------


def entry(path: Path, folder: str) -> dict:
    """What the home page and the table of contents need about one notebook (read as JSON:
    fast)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    first = [
        {"cell_type": "markdown", "source": "".join(c["source"])}  # a string or lines
        for c in document["cells"]
        if c["cell_type"] == "markdown"
    ][:1]
    nb = nbformat.from_dict({"cells": first, "metadata": document.get("metadata", {})})
    return {**lesson_info(nb, path.stem), "path": path, "doc": f"{folder}/{path.stem}"}


def index_page(
    sections: list[tuple[str, list[dict]]], others: Sequence[tuple[str, str]] = ()
) -> str:
    """The home page in MyST Markdown: per section, a table of number, title (a link), a
    one-line description and minutes, and a hidden toctree in the same order (the sidebar);
    under the introduction, links to the other editions' start pages (`others`: language,
    path)."""
    parts = [f"# {escape_markdown(_(COURSE))}", "", _(INTRO), ""]
    if others:
        parts += [edition_links(others), ""]
    head = _("| # | Title | What it covers | Minutes |")
    toctrees = []
    for caption, entries in sections:
        if not entries:
            continue
        caption = _(caption)
        parts += [f"## {escape_markdown(caption)}", "", head, "|---|---|---|---|"]
        for e in entries:
            title = escape_markdown(e["title"])
            parts.append(
                f"| {e['number'] or '–'} | [{title}]({e['doc']}.ipynb) "
                f"| {escape_markdown(plain(e['description']))} | {e['minutes'] or '–'} |"
            )
        parts.append("")
        docs = "\n".join(e["doc"] for e in entries)
        toctrees.append(f"```{{toctree}}\n:hidden:\n:caption: {caption}\n\n{docs}\n```\n")
    return "\n".join(parts + toctrees)


def edition_links(others: Sequence[tuple[str, str]]) -> str:
    """A line linking to the other editions, each named in its own language (raw HTML, so
    that the link carries that language and is not read as a document of this site)."""
    links = ", ".join(
        f'<a href="{html.escape(path)}" hreflang="{code}" lang="{code}">{LANGUAGES[code]}</a>'
        for code, path in others
    )
    return _("This course in another language: {links}").format(links=links)


def staged_links(
    nb: nbformat.NotebookNode, path: Path, folder: str, folders: dict[Path, str]
) -> nbformat.NotebookNode:
    """Links between notebooks as the site has them: a notebook of notebooks/id links to
    `../../exercises/id/ex01.ipynb`, which is `../exercises/ex01.ipynb` on the site (`folders`:
    each section's source folder -> its folder on the site; `folder` is this one's)."""

    def move(match: re.Match) -> str:
        linked = _normal(path.parent / match.group(2))
        there = folders.get(linked.parent)
        if there is None:
            return match.group(0)
        moved = linked.name if there == folder else f"../{there}/{linked.name}"
        return match.group(1) + moved + match.group(3)

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK.sub(move, cell.source)
    return nb


def _normal(path: Path) -> Path:
    """`path` absolute, without `..` (not resolving links: the folders are named as given)."""
    return Path(os.path.normpath(path.absolute()))


def stage(
    src: Path,
    root: Path = ROOT,
    parts: Sequence[Section] = SECTIONS,
    others: Sequence[tuple[str, str]] = (),
) -> list[str]:
    """Write the Sphinx source folder: index.md and the reading copy of every notebook.
    Returns the documents, in the order of the table of contents."""
    sections, docs = [], []
    folders = {_normal(Path(root) / (p.source or p.folder)): p.folder for p in parts}
    for part in parts:
        folder, caption = part.folder, part.caption
        entries = [entry(path, folder) for path in part.notebooks(root)]
        for e in entries:
            target = src / f"{e['doc']}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            # nbformat.v4's reader and writer do not validate: the committed notebooks are
            # valid (make notebooks), and validating each would add seconds to the build.
            nb = nbformat.v4.reads(e["path"].read_text(encoding="utf-8"))
            nb = staged_links(reading_copy(nb), e["path"], folder, folders)
            target.write_text(nbformat.v4.writes(nb), encoding="utf-8")
            docs.append(e["doc"])
        sections.append((caption, entries))
    (src / "index.md").write_text(index_page(sections, others), encoding="utf-8")
    return docs


# --- building -----------------------------------------------------------------------------------


def check_assets(node_modules: Path = NODE_MODULES) -> None:
    """The browser files the pages load are in node_modules, else FileNotFoundError."""
    missing = [src for src in ASSETS.values() if not (node_modules / src).exists()]
    if missing:
        raise FileNotFoundError(
            f"{node_modules} lacks {', '.join(missing)}: run `npm ci` in {ROOT} (or `make site`)"
        )


def copy_assets(out: Path, node_modules: Path = NODE_MODULES) -> None:
    """Copy the browser files the pages load from node_modules into <out>/_static/."""
    check_assets(node_modules)
    for name, src in ASSETS.items():
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


def check_out(out: Path) -> Path:
    """`out` may be written: missing, empty, or written by a build (its MARKER). Any other
    folder is refused, so a mistyped --out never deletes anything else."""
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(
            f"{out} is not empty and was not written by a build of the "
            "site or the slides: choose another --out"
        )
    return out


def sphinx_build(
    src: Path, html: Path, doctrees: Path, workers: int = 1, language: str = "en"
) -> list[str]:
    """Run Sphinx (html builder) on `src` with book/conf.py (its `language` overridden: the
    search's stemmer and the theme's labels); return its warnings."""
    import warnings as python_warnings

    from sphinx.application import Sphinx
    from sphinx.deprecation import RemovedInSphinx11Warning
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    warnings = io.StringIO()
    # docutils_namespace undoes the registrations of a build (as sphinx-build does), so a
    # second build in one process (the tests, a lecturer's session) does not warn about each.
    with python_warnings.catch_warnings(), patch_docutils(CONF_DIR), docutils_namespace():
        # The theme and myst-parser use APIs that Sphinx 11 removes: theirs to change.
        python_warnings.filterwarnings("ignore", category=RemovedInSphinx11Warning)
        app = Sphinx(
            srcdir=src,
            confdir=CONF_DIR,
            outdir=html,
            doctreedir=doctrees,
            buildername="html",
            status=None,
            warning=warnings,
            freshenv=True,
            parallel=workers,
            confoverrides={"language": language},
        )
        app.build()
    if app.statuscode:
        raise RuntimeError(f"Sphinx failed:\n{warnings.getvalue()}")
    return [line for line in warnings.getvalue().splitlines() if line.strip()]


def build(
    out: Path,
    root: Path = ROOT,
    node_modules: Path = NODE_MODULES,
    workers: int = 1,
    sections: Sequence[Section] = SECTIONS,
    language: str = "en",
    others: Sequence[tuple[str, str]] = (),
    keep: Sequence[str] = (),
) -> list[Path]:
    """Write the site into `out` (replaced once the new build is complete); return the pages
    of the notebooks, the home page first. `sections` and `language` make another edition
    (see EDITIONS), `others` the links from its start page to the other editions'; the
    folders `keep` of the old `out` (another edition built into it) are kept.
    `workers` > 1 runs Sphinx in parallel: no faster on the course's two shared cores
    (measured: 13.4 s against 12.2 s serial)."""
    started = time.monotonic()
    out = check_out(out)
    check_assets(node_modules)
    out.parent.mkdir(parents=True, exist_ok=True)
    # myst-nb writes next to Sphinx's output folder (jupyter_execute/): all in a temporary
    # folder beside `out`, moved into place at the end, so a failed build leaves the old site.
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
    try:
        with using(language):  # the site's own words, in the pages and in conf.py
            docs = stage(work / "src", root, sections, others)
            html = work / "html"
            warnings = sphinx_build(work / "src", html, work / "doctrees", workers, language)
        _finish(html, node_modules)
        for name in keep:  # moved into the new site, if a build wrote them
            if (out / name / MARKER).exists() and not (html / name).exists():
                (out / name).rename(html / name)
        if out.exists():
            shutil.rmtree(out)
        html.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for line in warnings:
        print(f"site: {line}")
    pages = [out / "index.html", *(out / f"{doc}.html" for doc in docs)]
    print(f"site: {len(pages)} pages in {out} ({time.monotonic() - started:.1f} s)")
    return pages


def _finish(html: Path, node_modules: Path) -> None:
    """Sphinx's output as published: what a reader does not need removed, the browser files
    copied in, the build's marker written."""
    for name in UNUSED:
        path = html / name
        shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
    copy_assets(html, node_modules)
    (html / MARKER).write_text("Written by `python -m tipcourse site`; emptied by each build.\n")


def build_edition(
    out: Path, language: str, root: Path = ROOT, node_modules: Path = NODE_MODULES
) -> list[Path]:
    """One edition of EDITIONS into `out` (the English keeps the Indonesian inside it)."""
    edition = EDITIONS[language]
    inner = [path.split("/")[0] for _code, path in edition.others if not path.startswith("..")]
    return build(
        out,
        root,
        node_modules,
        sections=edition.sections,
        language=language,
        others=edition.others,
        keep=inner,
    )


def build_editions(out: Path, root: Path = ROOT, node_modules: Path = NODE_MODULES) -> list[Path]:
    """The English site into `out`, then the Indonesian one into `out/id` (each start page
    links to the other's)."""
    pages = build_edition(out, "en", root, node_modules)
    return pages + build_edition(out / "id", "id", root, node_modules)
