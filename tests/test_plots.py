"""The course's plot helpers: layout inside the canvas, one drawing per PNG, the PNG cache."""

import os

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from tipcourse import plots  # noqa: E402

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def finished_figure(source="a source line"):
    fig = Figure(figsize=(6, 3))
    FigureCanvasAgg(fig)  # as in a notebook: a raster canvas
    ax = fig.add_subplot()
    ax.plot([2012, 2017], [1, 2])
    plots.finish(ax, "A title", "year", "rate (%)", source)
    return fig, ax


def test_finish_labels_the_plot_and_keeps_everything_inside_the_canvas():
    long_source = "a long source line, " * 12
    fig, ax = finished_figure(long_source)
    assert ax.get_title(loc="left") == "A title"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("year", "rate (%)")
    source = fig.texts[-1].get_text()
    assert source.split() == f"Source: {long_source}".split() and source.count("\n") >= 1
    renderer = fig.canvas.get_renderer()
    canvas, content = fig.bbox_inches, fig.get_tightbbox(renderer)  # both in inches
    assert content.x0 >= canvas.x0 and content.y0 >= canvas.y0
    assert content.x1 <= canvas.x1 and content.y1 <= canvas.y1
    # The source line, wrapped to the figure's width, sits below the axes and their labels.
    assert fig.texts[-1].get_window_extent(renderer).y1 < ax.get_tightbbox(renderer).y0
    assert getattr(fig, plots.FINISHED)


def test_png_draws_a_changed_figure_and_reuses_an_unchanged_drawing(monkeypatch):
    fig, _ = finished_figure()
    first = plots.png(fig)
    assert first.startswith(PNG_SIGNATURE)
    calls = []
    original = fig.canvas.draw
    monkeypatch.setattr(fig.canvas, "draw", lambda: calls.append(1) or original())
    assert plots.png(fig) == first and calls == []  # unchanged: the pixels are reused
    fig.axes[0].set_title("Another title", loc="left")
    assert plots.png(fig) != first and calls == [1]


def test_inline_formatter_keeps_the_default_for_figures_not_finished():
    import base64

    plain = Figure(figsize=(3, 2))
    plain.add_subplot().plot([1, 2])
    fig, _ = finished_figure()
    for figure in (plain, fig):
        assert base64.b64decode(plots._inline_png(figure)).startswith(PNG_SIGNATURE)


def test_cached_png_renders_once_per_key():
    plots.clear_cache()
    calls = []

    def render():
        calls.append(1)
        return b"png"

    assert plots.cached_png(("test", 1), render) == b"png"
    assert plots.cached_png(("test", 1), render) == b"png" and len(calls) == 1
    plots.cached_png(("test", 2), render)
    assert len(calls) == 2
    for i in range(plots._PNG_CACHE_SIZE + 5):  # the cache stays bounded
        plots.cached_png(("fill", i), render)
    assert len(plots._PNG_CACHE) == plots._PNG_CACHE_SIZE
    plots.clear_cache()


def test_picture_is_an_image_with_a_text_version():
    picture = plots.Picture(b"\x89PNG...", "A plot of two lines")
    assert picture._repr_png_() == b"\x89PNG..."
    assert repr(picture) == "A plot of two lines"


def test_a_long_title_over_long_labels_stays_inside_the_figure():
    # As in lesson 04: long y labels push the axes right, and the title starts at the axes.
    fig = Figure(figsize=(8, 5))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.scatter(range(10), range(10))
    ax.set_yticks(
        range(10),
        [f"An organisation's activity with a long name, row {i}" for i in range(10)],
        fontsize=8,
    )
    plots.finish(
        ax,
        "Twenty years of regional and international response to trafficking",
        "year",
        "activity (one row each)",
        "a source",
    )
    renderer = fig.canvas.get_renderer()
    assert fig.get_tightbbox(renderer).x1 <= fig.bbox_inches.x1
    assert fig.get_tightbbox(renderer).x0 >= fig.bbox_inches.x0
    title = ax.get_title(loc="left")
    assert "\n" not in title  # moved left, not wrapped: it fits the figure's width

    narrow = Figure(figsize=(4, 3))  # a title wider than the whole figure: two lines
    FigureCanvasAgg(narrow)
    small = narrow.add_subplot()
    small.plot([1, 2])
    plots.finish(
        small,
        "A title that is much too long for a figure that is this narrow",
        "x",
        "y",
        "a source",
    )
    assert "\n" in small.get_title(loc="left")
    box = narrow.get_tightbbox(narrow.canvas.get_renderer())
    assert box.x0 >= narrow.bbox_inches.x0 and box.x1 <= narrow.bbox_inches.x1


THEME_SNAPSHOT = """
import json, sys
import matplotlib as mpl
mpl.use("Agg")
mpl.rcdefaults()
if sys.argv[1] == "seaborn":
    import seaborn as sns
    sns.set_theme(style="whitegrid", palette="colorblind", context="notebook")
else:
    from tipcourse import plots
    plots.style()
rc = {k: repr(v) for k, v in mpl.rcParams.items() if k != "image.cmap"}
codes = {c: mpl.colors.to_rgb(c) for c in "bgrmyck"}
print(json.dumps({"rc": rc, "codes": codes, "seaborn": "seaborn" in sys.modules}))
"""


def test_style_sets_what_seaborns_theme_sets_without_importing_seaborn():
    import json
    import subprocess
    import sys

    def snapshot(how):
        out = subprocess.run(
            [sys.executable, "-c", THEME_SNAPSHOT, how], capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout)

    ours, theirs = snapshot("course"), snapshot("seaborn")
    assert not ours["seaborn"]
    changed = {k for k in theirs["rc"] if ours["rc"][k] != theirs["rc"][k]}
    assert changed == set()
    assert ours["codes"] == theirs["codes"]
    assert ours["rc"]["axes.prop_cycle"].count("0.00392156862745098") == 1  # the palette's blue


def test_colours_are_seaborns_colorblind_palette():
    import seaborn as sns

    for n in (1, 3, 10, 12):
        assert plots.colours(n) == list(sns.color_palette("colorblind", n))


DEFERRED_SNAPSHOT = """
import json, sys
from tipcourse import plots
plots.style()
before = "matplotlib" in sys.modules
import matplotlib as mpl
rc = {k: repr(v) for k, v in mpl.rcParams.items() if k != "image.cmap"}
codes = {c: mpl.colors.to_rgb(c) for c in "bgrmyck"}
loader = type(mpl.__spec__.loader).__name__
print(json.dumps({"rc": rc, "codes": codes, "before": before, "loader": loader}))
"""


def test_style_waits_for_matplotlib_and_sets_the_same_look_when_it_is_imported():
    """A lesson that plots nothing never imports matplotlib; one that does gets the look the
    moment matplotlib is imported, as if style() had imported it."""
    import json
    import subprocess
    import sys

    out = subprocess.run(
        [sys.executable, "-c", DEFERRED_SNAPSHOT],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    deferred = json.loads(out.stdout)
    direct = subprocess.run(
        [sys.executable, "-c", THEME_SNAPSHOT, "course"], capture_output=True, text=True, check=True
    )
    direct = json.loads(direct.stdout)
    assert deferred["before"] is False
    assert deferred["loader"] == "SourceFileLoader"  # the module keeps its own loader
    changed = {k for k in direct["rc"] if deferred["rc"][k] != direct["rc"][k]}
    assert changed <= {"backend", "backend_fallback"}  # mpl.use("Agg") in the direct one
    assert deferred["codes"] == direct["codes"]


def test_style_in_a_kernel_imports_nothing_until_a_plot_and_then_shows_finished_figures_fast():
    import nbformat
    from nbclient import NotebookClient

    from tipcourse.authoring.execute import hermetic_env

    cells = [
        "import sys\nfrom tipcourse import plots\nplots.style()\nprint('matplotlib' in sys.modules)",
        "import matplotlib.pyplot as plt\nfrom matplotlib.figure import Figure\n"
        "png = get_ipython().display_formatter.formatters['image/png']\n"
        "print(png.lookup_by_type(Figure) is plots._inline_png)",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    with hermetic_env():
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert [c.outputs[0]["text"] for c in nb.cells] == ["False\n", "True\n"]
