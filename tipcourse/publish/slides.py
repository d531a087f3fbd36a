"""Slides: a seminar deck per lesson, offline in reveal.js; and the notebook itself live in RISE.

`build(out)` makes `<out>/NN_x.slides.html` for every lesson `notebooks/NN_x.ipynb` (one deck
for a lesson in parts, `NN_1_*` and `NN_2_*`, named as its plan: a seminar is the whole lesson)
from three structured sources, read at build time so that content edits flow in: the committed,
executed notebook, its question bank (`tipcourse/banks/lNN.yaml`) and its 90-minute lesson plan
(`instructor/lesson_plans/NN_x.md`); another edition passes its own folders (`Sources`).
`build_editions(out)` (`make slides`) writes the English decks into `out` and the Indonesian
ones (`EDITIONS["id"]`: notebooks/id, banks/id, lesson_plans/id) into `out/id`, in Indonesian
throughout: a lesson without an Indonesian plan gets the deck made without one. The `deck`
package turns the sources into a list of slides (plain data) and `render` writes them as
reveal.js HTML, loaded from a copy of `node_modules/reveal.js` next to the decks (the
Indonesian decks share the English ones'), so nothing comes from the network. No code, no prompts, no widget: a self-check is a question slide with its answer
on a fragment, a table is the cell's saved output, and the speaker view (press S) carries the
plan's notes.

For a live notebook, RISE in JupyterLab: authors do not tag cells. `with_slide_types(nb)`
derives the slide metadata in a copy of the notebook: a markdown cell that starts with a `#` or
`##` heading opens a slide, `###` a sub-slide, the setup cell (the first code cell, when it only
imports and starts the lesson) is skipped, everything else continues the current slide. A cell
that already has `slideshow.slide_type` keeps it. `write_metadata(paths)` writes the derived
types into the notebooks themselves.
"""

from __future__ import annotations

import copy
import csv
import html
import json
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..authoring.markers import language_of, markers
from ..i18n import _, using
from ..paths import BANKS, BUILD, DATA, NODE_MODULES, ROOT
from . import deck as model

DEFAULT_OUT = BUILD / "slides"
REVEAL = "reveal.js"  # <out>/reveal.js/{dist,plugin/notes}
REVEAL_ASSETS = {
    "dist": "reveal.js/dist",
    "plugin/notes": "reveal.js/plugin/notes",
    "plugin/zoom": "reveal.js/plugin/zoom",
}
MARKER = ".tipcourse-build"  # in every output folder: a build may empty it
PLANS = Path("instructor") / "lesson_plans"
LESSON = re.compile(r"\d\d_\w+")
PART_TITLE = re.compile(r",\s+(?:part|bagian)\s+\d+:.*$")  # "# 05 Indonesia, part 1: law"
WHOLE_LESSON = {"This part ": "This lesson ", "Bagian ini ": "Pelajaran ini "}  # content notes
HEADING = re.compile(r"(#{1,6})\s")
SETUP_CALL = re.compile(r"\bstart_(lesson|assignment|solution)\(")
IMPORT = re.compile(r"(from\s+\S+\s+)?import\s")
LINK = re.compile(r'(\b(?:href|src)=")([^":#?]+?)\.ipynb((?:#[^"]*)?")')
DECK_LINK = re.compile(r'((?:href|src)=")([^":#?/]+)\.slides\.html')  # to another deck


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


# --- rendering ---------------------------------------------------------------------------------

D = model  # the geometry the deck's estimates assume (deck/geometry.py)
CSS = f"""
.reveal-viewport {{ --r-main-font-size: {D.FONT}px; --r-main-color: #1a1a1a;
  --r-heading-color: #0b3d6b; --r-link-color: #0b57a3; }}
.reveal .slides {{ text-align: left; }}
.reveal .slides > section {{ box-sizing: border-box; width: {D.WIDTH}px;
  padding: {D.PAD_TOP}px {D.PAD_X}px 0; font-size: {D.FONT}px; line-height: {D.LINE}; }}
.reveal .slides > section.dense {{ font-size: {D.DENSE}px; }}
.reveal h1, .reveal h2 {{ font-size: {D.TITLE_FONT}px; line-height: {D.TITLE_LINE};
  margin: 0 0 {D.TITLE_GAP}px; text-transform: none; font-weight: 600; letter-spacing: 0; }}
.reveal p, .reveal li {{ line-height: {D.LINE}; margin: 0 0 {D.GAP}em; }}
.reveal ul, .reveal ol {{ display: block; margin: 0 0 0 {D.INDENT}em; padding: 0; }}
.reveal li {{ margin-bottom: {D.GAP}em; }}
.reveal li p {{ margin: 0; }}
.reveal .timebox {{ font-size: {D.TIMEBOX_FONT}px; line-height: 2; margin: 0; color: #555; }}
.reveal .lead {{ font-size: 0.8em; color: #555; }}
.reveal blockquote {{ box-sizing: border-box; width: auto; margin: 0 0 {D.GAP}em;
  padding: 0.3em 0.6em 0.3em calc({D.INDENT}em - 6px); border-left: 6px solid #0b57a3;
  background: #f3f6fa; box-shadow: none; font-style: normal; }}
.reveal blockquote p {{ margin: 0 0 {D.GAP}em; }}
.reveal blockquote p:last-child {{ margin-bottom: 0; }}
.reveal .chips {{ font-size: 0.8em; color: #333; }}
.reveal .chips b {{ font-weight: 600; }}
.reveal .mark {{ color: #1b5e20; font-weight: 600; }}
.reveal .mark.short {{ white-space: nowrap; }}
.reveal .answer {{ color: #1b5e20; }}
.reveal img {{ display: block; margin: 0 0 8px; max-width: 100%; }}
.reveal table.data {{ table-layout: fixed; border-collapse: collapse; margin: 0 0 8px;
  line-height: {D.TABLE_LINE}; }}
.reveal table.data th, .reveal table.data td {{ box-sizing: border-box;
  padding: {D.CELL_PAD_Y}px {D.CELL_PAD_X}px; border: 0; border-bottom: 1px solid #d0d7de;
  text-align: left; vertical-align: top; overflow-wrap: anywhere; line-height: {D.TABLE_LINE}; }}
.reveal table.data thead th {{ border-bottom: 2px solid #555; vertical-align: bottom;
  padding-bottom: {D.CELL_PAD_Y - 1}px; }}
.reveal table.data th {{ font-weight: 600; }}
.reveal table.data .num {{ text-align: right; font-variant-numeric: tabular-nums; }}
.reveal code {{ font-size: 0.9em; }}
.reveal .slide-number {{ font-size: 14px; }}
"""

PAGE = """<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="{reveal}/dist/reset.css">
<link rel="stylesheet" href="{reveal}/dist/reveal.css">
<link rel="stylesheet" href="{reveal}/dist/theme/white.css">
<style>{css}</style>
</head>
<body>
<div class="reveal"><div class="slides">
{slides}
</div></div>
<script src="{reveal}/dist/reveal.js"></script>
<script src="{reveal}/plugin/notes/notes.js"></script>
<script src="{reveal}/plugin/zoom/zoom.js"></script>
<script>
Reveal.initialize({{width: {width}, height: {height}, margin: 0.04, center: false, hash: true,
  slideNumber: "c/t", transition: "none", controlsTutorial: false, plugins: [RevealNotes, RevealZoom]}});
</script>
</body>
</html>
"""

_MD = None


def markdown(text: str, inline: bool = False) -> str:
    """Markdown -> HTML (CommonMark with tables; the course's own text, so HTML passes)."""
    global _MD
    if _MD is None:
        from markdown_it import MarkdownIt

        _MD = MarkdownIt("commonmark", {"html": True}).enable("table")
    out = _MD.renderInline(text) if inline else _MD.render(text)
    return rewrite_links(out)


def rewrite_links(page: str) -> str:
    """A link to another lesson points at its deck: `x.ipynb#a` -> `x.slides.html#a`."""
    return LINK.sub(lambda m: f"{m.group(1)}{m.group(2)}.slides.html{m.group(3)}", page)


def to_decks(page: str, decks: dict[str, str]) -> str:
    """Links to a part of a lesson point at the lesson's deck (`{part stem: deck name}`)."""
    return DECK_LINK.sub(
        lambda m: f"{m.group(1)}{decks.get(m.group(2), m.group(2))}.slides.html", page
    )


def render_blocks(blocks: list[model.Block]) -> str:
    """Blocks -> HTML; consecutive items of a list, options or quotations share one element."""
    out: list[str] = []
    groups: list[tuple[str, list[model.Block]]] = []
    for block in blocks:
        if groups and groups[-1][0] == block.kind and block.kind in LISTS:
            groups[-1][1].append(block)
        else:
            groups.append((block.kind, [block]))
    for kind, group in groups:
        out.append(LISTS[kind](group) if kind in LISTS else _single(group[0]))
    return "\n".join(out)


def _items(tag: str, css: str = "") -> Callable[[list[model.Block]], str]:
    def render(group: list[model.Block]) -> str:
        items = []
        for b in group:
            value = f' value="{html.escape(b.mark)}"' if tag == "ol" and b.mark else ""
            mark = ""
            if css and b.mark:
                short = " short" if len(b.mark) < 6 else ""
                mark = (
                    f' <span class="fragment mark{short}" data-fragment-index="0">'
                    f"{html.escape(b.mark)}</span>"
                )
            items.append(f"<li{value}>{markdown(b.text, inline=True)}{mark}</li>")
        cls = f' class="{css}"' if css else ""
        return f"<{tag}{cls}>" + "".join(items) + f"</{tag}>"

    return render


LISTS = {
    "bullet": _items("ul"),
    "number": _items("ol"),
    "option": _items("ul", "options"),
    "quote": lambda g: "<blockquote>" + "".join(markdown(b.text) for b in g) + "</blockquote>",
}


def _single(block: model.Block) -> str:
    if block.kind == "lead":
        return f'<p class="lead">{markdown(block.text, inline=True)}</p>'
    if block.kind == "chips":
        label = html.escape(_("Categories:"))
        return f'<p class="chips"><b>{label}</b> {markdown(block.text, inline=True)}</p>'
    if block.kind == "answer":
        inner = markdown(block.text, inline=True)
        return f'<p class="fragment answer" data-fragment-index="0">{inner}</p>'
    if block.kind == "table" and block.table is not None:
        return render_table(block.table)
    if block.kind == "image":
        w, h = block.size
        return (
            f'<img src="data:image/png;base64,{block.image}" alt="{html.escape(block.alt)}" '
            f'width="{w}" height="{h}">'
        )
    return markdown(block.text)


def render_table(table: model.Table) -> str:
    """A table at its laid-out size: fixed column widths, so the browser wraps its text where
    the deck's estimate does (deck/measure.py); header cells are column (thead) or row (tbody)
    headers."""
    cols = "".join(f'<col style="width: {w}px">' for w in table.widths)
    rows = []
    for section, scope in ((table.head, "col"), (table.body, "row")):
        html_rows = []
        for row in section:
            cells, col = [], 0
            for cell in row:
                tag = "th" if cell.header or scope == "col" else "td"
                attrs = f' scope="{scope}"' if tag == "th" and cell.text else ""
                attrs += f' colspan="{cell.span}"' if cell.span > 1 else ""
                if cell.span == 1 and col < len(table.numeric) and table.numeric[col]:
                    attrs += ' class="num"'
                cells.append(f"<{tag}{attrs}>{html.escape(cell.text)}</{tag}>")
                col += cell.span
            html_rows.append("<tr>" + "".join(cells) + "</tr>")
        tag = "thead" if scope == "col" else "tbody"
        rows.append(f"<{tag}>" + "".join(html_rows) + f"</{tag}>" if html_rows else "")
    style = f"font-size: {table.font}px; width: {sum(table.widths)}px"
    return f'<table class="data" style="{style}"><colgroup>{cols}</colgroup>{"".join(rows)}</table>'


def render_slide(slide: model.Slide, first: bool = False) -> str:
    cls = f"slide-{slide.kind}" + (" dense" if slide.dense else "")
    heading = "h1" if first else "h2"
    parts = [f'<section class="{cls}" data-kind="{slide.kind}">']
    if slide.timebox:
        parts.append(f'<p class="timebox">{html.escape(slide.timebox)}</p>')
    parts.append(f"<{heading}>{markdown(slide.title, inline=True)}</{heading}>")
    parts.append(render_blocks(slide.blocks))
    if slide.notes:
        parts.append(f'<aside class="notes">{markdown(slide.notes)}</aside>')
    parts.append("</section>")
    return "\n".join(parts)


def render(
    slides: list[model.Slide], title: str, language: str = "en", reveal: str = REVEAL
) -> str:
    """The deck as one reveal.js page in `language` (reveal.js at `reveal`, a relative URL)."""
    with using(language):
        body = "\n".join(render_slide(s, first=(i == 0)) for i, s in enumerate(slides))
    return PAGE.format(
        language=language,
        title=html.escape(title),
        reveal=reveal,
        css=CSS,
        slides=body,
        width=D.WIDTH,
        height=D.HEIGHT,
    )


# --- building the decks -----------------------------------------------------------------------


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """A committed notebook, its sources joined (read without validating: the build only
    reads it, and the lessons are validated by their own tests)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    for cell in document.get("cells", []):
        cell["source"] = "".join(cell.get("source", ""))
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                if isinstance(value, list):
                    output["data"][mime] = "".join(value)
    return nbformat.from_dict(document)


def read_bank(path: Path) -> dict[str, dict]:
    """{question id: spec}, in the bank's order; {} when there is no bank."""
    from ..quiz.banks import parse_yaml

    if not path.exists():
        return {}
    specs = parse_yaml(path.read_text(encoding="utf-8")) or []
    return {s["id"]: s for s in specs if isinstance(s, dict) and "id" in s}


def glossary_terms(path: Path, number: str, language: str = "en") -> list[str]:
    """The glossary's terms first taught in lesson `number`, as Markdown lines: in English,
    `**term** (*indonesian*, ABBR): definition`; in Indonesian the Indonesian term first and
    its `definition_id`."""
    if not path.exists() or not number:
        return []
    with path.open(encoding="utf-8", newline="") as f:
        rows = [
            r for r in csv.DictReader(f) if r.get("first_lesson", "").strip() == str(int(number))
        ]
    return [_term(row, language) for row in rows]


def _term(row: dict, language: str) -> str:
    """`**term** (*the other language's term*, ABBR): definition`, the edition's first."""
    name, other, said = row["term"], row.get("indonesian", ""), row["definition"]
    if language == "id":
        said = row.get("definition_id") or said
        if other:
            name, other = other, name
    names = ", ".join(x for x in (f"*{other}*" if other else "", row.get("abbreviation", "")) if x)
    return f"**{name}**" + (f" ({names})" if names else "") + f": {said}"


@dataclass(frozen=True)
class Sources:
    """Where an edition's decks come from: its lessons, lesson plans, question banks and
    glossary, and the language of its plans (their fixed words; a deck's own words are in the
    language of its notebook). The English edition is the default; the Indonesian one is
    `EDITIONS["id"]`."""

    lessons: Path = ROOT / "notebooks"
    plans: Path = ROOT / PLANS
    banks: Path = BANKS
    glossary: Path = DATA / "glossary.csv"
    language: str = "en"


EDITIONS = {
    "en": Sources(),
    "id": Sources(ROOT / "notebooks" / "id", ROOT / PLANS / "id", BANKS / "id", language="id"),
}


def shown(path: Path) -> str:
    """A path as a message names it: from the repository if it is in it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def lesson_deck(
    notebook: Path | list[Path], sources: Sources = Sources()
) -> tuple[list[model.Slide], str, list[str]]:
    """(slides, page title, problems) for one lesson notebook (or a lesson's parts) and its
    bank and plan."""
    notebooks = notebook if isinstance(notebook, list) else [notebook]
    return _lesson_deck(deck_name(notebooks, sources), notebooks, sources)[1:]


def seminars(sources: Sources = Sources()) -> list[tuple[str, list[Path]]]:
    """(deck name, notebooks) per lesson of `sources`: a lesson's parts make one deck."""
    by_number: dict[str, list[Path]] = {}
    for notebook in lessons(sources.lessons):
        by_number.setdefault(notebook.stem[:2], []).append(notebook)
    return [(deck_name(nbs, sources), nbs) for _, nbs in sorted(by_number.items())]


def deck_name(notebooks: list[Path], sources: Sources) -> str:
    """The notebook's stem; for a lesson in parts, its plan's (NN_x.md), or part 1's."""
    plans = sorted(sources.plans.glob(f"{notebooks[0].stem[:2]}_*.md"))
    return plans[0].stem if len(notebooks) > 1 and plans else notebooks[0].stem


def joined(parts: list[nbformat.NotebookNode]) -> nbformat.NotebookNode:
    """A lesson's parts as one notebook for its deck: part 1 whole, with the lesson's title and
    the fullest of the parts' content notes (each names what its part covers), said of the
    lesson; each later part from its setup cell on (its title, content note and objectives
    are part 1's again); the objectives of all parts in order, their minutes added up."""
    nb = copy.deepcopy(parts[0])
    title = nb.cells[0].source.split("\n", 1)
    nb.cells[0].source = "\n".join([PART_TITLE.sub("", title[0]), *title[1:]])
    notes = [content_note(p) for p in parts]
    if len(parts) > 1 and all(notes):
        fullest = max(notes, key=lambda c: len(c.source)).source
        for part, whole in WHOLE_LESSON.items():
            fullest = fullest.replace(part, whole, 1)
        content_note(nb).source = fullest
    metas = [p.metadata.get("tipcourse") or {} for p in parts]
    nb.metadata["tipcourse"] = {
        **metas[0],
        "minutes": sum(m.get("minutes") or 0 for m in metas),
        "objectives": [o for m in metas for o in m.get("objectives") or []],
    }
    for part in parts[1:]:
        start = next(i for i, c in enumerate(part.cells) if c.cell_type == "code")
        nb.cells += copy.deepcopy(part.cells[start:])
    return nb


def content_note(nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The markdown cell of a lesson's content note (a blockquote opening with its label)."""
    start = f"> **{markers(language_of(nb)).content_note}**"
    cells = (c for c in nb.cells if c.cell_type == "markdown")
    return next((c for c in cells if c.source.lstrip().startswith(start)), None)


def _lesson_deck(
    name: str, notebooks: list[Path], sources: Sources
) -> tuple[model.Lesson, list[model.Slide], str, list[str]]:
    nb = joined([read_notebook(p) for p in notebooks])
    lesson = model.read_lesson(nb, name)
    meta_id = str((nb.metadata.get("tipcourse") or {}).get("id", f"l{lesson.number}"))
    bank = read_bank(sources.banks / f"{meta_id}.yaml")
    plan_path = sources.plans / f"{name}.md"
    if plan_path.exists():
        plan = model.parse_plan(plan_path.read_text(encoding="utf-8"), sources.language)
    else:
        plan = model.Plan(problems=["no lesson plan"], language=sources.language)
    problems = [f"{shown(plan_path)}: {p}" for p in plan.problems]
    terms = glossary_terms(sources.glossary, lesson.number, lesson.language)
    slides = model.deck(lesson, bank, plan, terms)
    with using(lesson.language):
        title = _("{number} {title}: seminar slides")
    return lesson, slides, title.format(number=lesson.number, title=lesson.title), problems


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
    (out / MARKER).write_text("Written by `python -m tipcourse slides`; emptied by each build.\n")
    return out


def lessons(folder: Path = Sources.lessons) -> list[Path]:
    """The lesson notebooks of `folder` (`NN_x.ipynb`; the appendix has no seminar)."""
    return sorted(p for p in Path(folder).glob("*.ipynb") if LESSON.fullmatch(p.stem))


def build(
    out: Path = DEFAULT_OUT,
    sources: Sources = Sources(),
    node_modules: Path = NODE_MODULES,
    reveal: str | None = None,
) -> list[Path]:
    """One deck per lesson of `sources` into `out` (emptied first): NN_x.slides.html, with a
    copy of reveal.js beside them, or loading the one at `reveal` (a relative URL)."""
    started = time.monotonic()
    out = fresh_folder(out)
    if reveal is None:
        copy_assets(out, node_modules)
    written, decks = [], seminars(sources)
    parts = {nb.stem: name for name, notebooks in decks for nb in notebooks}
    for name, notebooks in decks:
        lesson, slides, title, problems = _lesson_deck(name, notebooks, sources)
        for problem in problems:
            print(f"slides: {problem} (the deck is made without it)")
        target = out / f"{name}.slides.html"
        page = to_decks(render(slides, title, lesson.language, reveal or REVEAL), parts)
        target.write_text(page, encoding="utf-8")
        written.append(target)
    print(f"slides: {len(written)} decks in {out} ({time.monotonic() - started:.1f} s)")
    return written


def build_editions(out: Path = DEFAULT_OUT, node_modules: Path = NODE_MODULES) -> list[Path]:
    """The English decks into `out`, the Indonesian ones into `out/id` (sharing reveal.js)."""
    written = build(out, EDITIONS["en"], node_modules)
    return written + build(out / "id", EDITIONS["id"], node_modules, reveal=f"../{REVEAL}")
