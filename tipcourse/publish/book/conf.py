"""Sphinx configuration of the reading copy (`python -m tipcourse site`, tipcourse/publish/site.py).

The source folder is a staging copy that site.py writes (index.md and the prepared notebooks);
this folder holds only the configuration, the course's own CSS and JavaScript (_static/: the
widget manager's module paths, the plots' scroll boxes) and one theme component (_templates/). Notebooks are never executed: their committed outputs are
the page. Everything a page loads is in the site's
_static/ folder: the widget manager, require.js and MathJax are copied there from node_modules
by site.py, and the theme ships its own fonts and scripts.

site.py runs Sphinx inside `i18n.using(language)` and overrides `language`: the course's own
words here (its title, the footer) are in the edition's language, and an Indonesian site is
searched without the English stemmer and stop words (`SearchIndonesian`).
"""

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.search import SearchLanguage

from tipcourse.i18n import _
from tipcourse.publish.site import (
    COURSE,
    FOOTER,
    PlotBox,
    box_plots,
    depart_plot_box,
    visit_plot_box,
)

project = _(COURSE)
html_title = _(COURSE)
language = "en"
extensions = ["myst_nb"]
exclude_patterns = ["**.ipynb_checkpoints"]

# myst-nb: committed outputs only; widget views and their saved state from local copies.
nb_execution_mode = "off"
nb_merge_streams = True
nb_render_markdown_format = "myst"  # the text versions are MyST (a container with a class)
nb_ipywidgets_js = {
    "require.js": {},
    "tipcourse-widgets.js": {},  # maps the widget manager's AMD names to _static/html-manager
    "html-manager/embed-amd.js": {},
}
mathjax_path = "mathjax/tex-chtml-full.js"  # relative: from _static, never a CDN

html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
templates_path = ["_templates"]  # a theme component with an accessible name that matches
html_css_files = ["tipcourse.css"]
html_js_files = ["tipcourse-plots.js"]  # marks the plot boxes that scroll on a narrow screen
html_use_index = False  # no general index: the course has no index entries
html_copy_source = False  # the notebooks are in the repository; no _sources/ copy
html_show_sourcelink = False
# Search works from file:// (searchindex.js is a script); the summaries under the results would
# fetch() each page, which a browser refuses for file:// URLs.
html_show_search_summary = False
html_context = {"default_mode": "light"}  # the widgets' styles are light
html_theme_options = {
    "home_page_in_toc": False,  # the course title above the table of contents is its link
    "show_toc_level": 2,
    "use_download_button": True,  # print to PDF (no source files are copied)
    "use_fullscreen_button": True,
    "launch_buttons": {},
    "navbar_persistent": [],  # the search field is in the sidebar (and a button on phones)
    "footer_content_items": ["extra-footer.html"],
    "extra_footer": _(FOOTER),
    "search_bar_text": _("Search..."),
}


def print_only(
    app: object, pagename: str, templatename: str, context: dict, doctree: object
) -> None:
    """The theme's download menu: only "print to PDF" (its other entries would link to source
    files, which this site does not copy)."""
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"] = [
                b for b in button["buttons"] if b.get("label") == "download-pdf-button"
            ]


class SearchIndonesian(SearchLanguage):
    """Indonesian for Sphinx's search (which has none of its own, and would take English's
    stemmer): words as written, without the commonest function words."""

    lang = "id"
    language_name = "Indonesian"
    stopwords = frozenset(
        "dan yang di ke dari ini itu untuk dengan pada dalam atau adalah oleh akan tidak juga "
        "sebagai karena bahwa serta tersebut".split()
    )

    def stem(self, word: str) -> str:
        return word.lower()  # as the page's search script looks words up


def theme_words(app: Sphinx) -> None:
    """The theme's words in the site's language where it has no catalogue of its own
    (pydata-sphinx-theme in Indonesian; the components in _templates): locale/<language>/
    LC_MESSAGES/theme.po, compiled into the build's doctree folder."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = Path(__file__).parent / "locale" / app.config.language / "LC_MESSAGES" / "theme.po"
    if not po.exists():
        return
    folder = Path(app.doctreedir) / "locale"
    mo = folder / app.config.language / "LC_MESSAGES" / "sphinx.mo"
    mo.parent.mkdir(parents=True, exist_ok=True)
    with po.open("rb") as source, mo.open("wb") as target:
        write_mo(target, read_po(source, locale=app.config.language))
    app.add_message_catalog("sphinx", str(folder))


def setup(app: Sphinx) -> None:
    app.add_search_language(SearchIndonesian)
    theme_words(app)
    # The words tipcourse-plots.js writes (the box and hint of a plot a widget draws).
    words = {
        "hint": _("Scroll sideways to see all of the plot."),
        "widgetPlot": _("Plot {n} drawn by a widget"),
    }
    app.add_js_file(None, body=f"window.tipcourseWords = {json.dumps(words)};")
    app.connect("html-page-context", print_only, priority=900)  # after the theme's buttons
    # Each plot in a box of its own, which scrolls sideways on a phone (site.py, tipcourse.css).
    app.add_node(PlotBox, html=(visit_plot_box, depart_plot_box))
    app.connect("doctree-resolved", box_plots)
