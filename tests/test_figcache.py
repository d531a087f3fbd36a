"""Course figures kept between kernels (tipcourse.figcache): drawn once per version of what they
are drawn from, drawn again on any change, and never trusted when the file is not a whole PNG."""

import matplotlib
import pytest

matplotlib.use("Agg")

from tipcourse import data, figcache, i18n, plots, timeline  # noqa: E402

PNG = figcache.SIGNATURE + b"pixels" + figcache.END


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of the test's own, with the cache switched on (conftest turns it off)."""
    monkeypatch.setenv(data.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(data.VALIDATE_ENV, raising=False)
    return tmp_path / "cache" / "figures"


class Renderer:
    def __init__(self, result=PNG):
        self.calls, self.result = 0, result

    def __call__(self):
        self.calls += 1
        return self.result


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "code.py"
    path.write_text("drawing code, version 1")
    return path


def test_a_figure_is_drawn_once_and_then_read_from_the_cache(cache, source):
    render = Renderer()
    assert figcache.png(("plot", 1), render, [source]) == PNG
    assert figcache.png(("plot", 1), render, [source]) == PNG
    assert render.calls == 1
    assert len(list(cache.glob("*.png"))) == 1
    assert not list(cache.glob(".*"))  # no temporary file left


def test_other_data_code_or_style_draws_it_again(cache, source):
    render = Renderer()
    figcache.png(("plot", 1), render, [source])
    figcache.png(("plot", 2), render, [source])  # other rows or options
    assert render.calls == 2
    source.write_text("drawing code, version 2")
    figcache.png(("plot", 1), render, [source])
    assert render.calls == 3
    with matplotlib.rc_context({"font.size": 20}):  # another plot style
        figcache.png(("plot", 1), render, [source])
    assert render.calls == 4


def test_a_damaged_file_is_drawn_again_and_replaced(cache, source):
    render = Renderer()
    figcache.png("k", render, [source])
    (path,) = cache.glob("*.png")
    path.write_bytes(PNG[:-3])  # cut short, as by a full disk
    assert figcache.png("k", render, [source]) == PNG
    assert render.calls == 2
    assert path.read_bytes() == PNG


def test_no_cache_when_the_tests_ask_for_it(cache, source, monkeypatch):
    monkeypatch.setenv(data.VALIDATE_ENV, "always")
    render = Renderer()
    figcache.png("k", render, [source])
    figcache.png("k", render, [source])
    assert render.calls == 2
    assert not cache.exists()


def test_an_unwritable_cache_or_a_missing_source_only_means_drawing(tmp_path, source, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(data.CACHE_DIR_ENV, str(blocker))
    monkeypatch.delenv(data.VALIDATE_ENV, raising=False)
    render = Renderer()
    assert figcache.png("k", render, [source]) == PNG
    assert figcache.png("k", render, [tmp_path / "gone.py"]) == PNG
    assert render.calls == 2


def test_the_oldest_files_go_beyond_the_limit(cache, source, monkeypatch):
    monkeypatch.setattr(figcache, "LIMIT", 3)
    render = Renderer()
    for n in range(5):
        figcache.png(("plot", n), render, [source])
    assert len(list(cache.glob("*.png"))) == 3
    figcache.png(("plot", 4), render, [source])  # the newest is kept
    assert render.calls == 5


def test_the_timeline_png_is_the_same_drawn_or_cached_and_differs_by_language(cache):
    rows = timeline.filter_timeline(data.load("legal_timeline"), levels="national")
    plots.clear_cache()
    drawn = timeline.figure_png(rows)
    plots.clear_cache()  # as a new kernel: only the file is left
    assert timeline.figure_png(rows) == drawn
    assert len(list(cache.glob("*.png"))) == 1
    plots.clear_cache()
    with i18n.using("id"):
        assert timeline.figure_png(rows) != drawn
    assert len(list(cache.glob("*.png"))) == 2
    plots.clear_cache()


# --- lesson plots: a finished figure kept between kernels (plots.finish) ----------------------


def bars(values=(3, 1, 2)):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.bar(["a", "b", "c"], list(values))
    return fig, ax


def test_a_figures_key_is_its_content():
    assert plots.figure_key(bars()[0]) == plots.figure_key(bars()[0])  # not memory addresses
    assert plots.figure_key(bars()[0]) != plots.figure_key(bars((3, 1, 5))[0])
    fig, ax = bars()
    ax.set_title("another")
    assert plots.figure_key(fig) != plots.figure_key(bars()[0])
    from matplotlib.ticker import FuncFormatter

    fig, ax = bars()
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: f"{y:.0f}"))
    assert plots.figure_key(fig) is None  # cannot be pickled: drawn as usual


def test_finish_outside_a_notebook_cell_lays_out_and_keeps_nothing(cache):
    fig, ax = bars()
    plots.finish(ax, "Title", "x (unit)", "y (unit)", "a source")
    assert getattr(fig, plots.FINISHED) and getattr(fig, plots.KEY, None) is None
    assert ax.get_title(loc="left") == "Title" and fig.texts  # laid out here and now
    assert not cache.exists()


def test_a_figure_whose_kept_png_is_gone_is_laid_out_and_drawn_after_all():
    done, pending = bars(), bars()
    plots.finish(done[1], "Title", "x (unit)", "y (unit)", "a source")
    fig, ax = pending  # as finish leaves a figure whose PNG is in the cache: not laid out
    setattr(
        fig, plots.PENDING, lambda: plots._lay_out(ax, "Title", "x (unit)", "y (unit)", "a source")
    )
    fig.stale = False
    setattr(fig, plots.FINISHED, True)
    assert plots.png(fig) == plots.png(done[0])
    assert getattr(fig, plots.PENDING) is None


PLOT_CELLS = [
    "from tipcourse import plots\nimport matplotlib.pyplot as plt\nplots.style()",
    'kept, ax = plt.subplots(figsize=(4, 3))\nax.bar(["a", "b"], [2, 1])\n'
    'plots.finish(ax, "Kept", "x (unit)", "y (unit)", "a source")',
    'fig, ax = plt.subplots(figsize=(4, 3))\nax.bar(["a", "b"], [2, 1])\n'
    'plots.finish(ax, "Changed after finish", "x (unit)", "y (unit)", "a source")\n'
    "ax.set_ylim(0, 5)",
    "kept.axes[0].set_ylim(0, 4)\ndisplay(kept)",  # changed by a later cell: drawn anew
]


def run_plot_cells(folder):
    """The cells in a real kernel with `folder` as its cache; their PNG outputs."""
    import nbformat
    from nbclient import NotebookClient

    from tipcourse.authoring.execute import hermetic_env

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in PLOT_CELLS])
    with hermetic_env({data.CACHE_DIR_ENV: str(folder), data.VALIDATE_ENV: ""}):
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    return [
        [o["data"]["image/png"] for o in c.outputs if "image/png" in o.get("data", {})]
        for c in nb.cells
    ]


def test_a_cell_ending_with_finish_is_drawn_once_and_then_read_from_the_cache(tmp_path):
    """Kernels sharing a cache: the cell that ends with finish() is drawn by the first, its PNG
    kept byte for byte, and read (not drawn) by the second; a cell that changes its figure
    after finish() keeps none."""
    import base64

    first = run_plot_cells(tmp_path)
    (kept,) = (tmp_path / "figures").glob("*.png")  # the first plot only
    assert len(first[1]) == len(first[2]) == 1 and first[1] != first[2]
    assert base64.b64decode(first[1][0]) == kept.read_bytes()
    again = run_plot_cells(tmp_path)
    assert again[:3] == first[:3]
    other = base64.b64decode(first[2][0])  # a whole PNG, but not this figure's
    kept.write_bytes(other)
    second = run_plot_cells(tmp_path)
    assert base64.b64decode(second[1][0]) == other  # read from the cache: pyplot drew nothing
    assert second[2] == first[2] and len(list((tmp_path / "figures").glob("*.png"))) == 1
    # The kept figure, changed and shown again by a later cell, is drawn anew (in the second
    # kernel laid out only then, for its new limits), never taken from the cache.
    for run in (first, again, second):
        assert len(run[3]) == 1 and run[3][0] not in (first[1][0], second[1][0])


def test_the_explorers_first_view_is_kept_and_a_students_changes_are_not(cache):
    from tipcourse import explorer

    plots.clear_cache()
    picture = explorer.plot(["Sabu Raijua", "Kota Kupang"], "unemployment")
    (kept,) = cache.glob("*.png")
    assert kept.read_bytes() == picture.png
    widget = explorer.Explorer(areas=["Sabu Raijua", "Kota Kupang"], indicator="unemployment")
    assert len(list(cache.glob("*.png"))) == 1  # the same first view, read back
    widget.areas.value = ("Sabu Raijua",)  # a change: drawn in this kernel only
    assert len(list(cache.glob("*.png"))) == 1
    plots.clear_cache()
