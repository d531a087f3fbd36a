"""Sphinx configuration of the reading copy (`python -m tipcourse site`, tipcourse/publish/site.py).

The source folder is a staging copy that site.py writes (index.md and the prepared notebooks);
this folder holds only the configuration, the course's own CSS and JavaScript (_static/) and
one theme component (_templates/). Notebooks are never executed: their committed outputs are
the page. Everything a page loads is in the site's
_static/ folder: the widget manager, require.js and MathJax are copied there from node_modules
by site.py, and the theme ships its own fonts and scripts.
"""

from sphinx.application import Sphinx

from tipcourse.publish.site import COURSE, FOOTER

project = COURSE
html_title = COURSE
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
    "extra_footer": FOOTER,
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


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", print_only, priority=900)  # after the theme's buttons
