"""The course's plot helpers: layout inside the canvas, one drawing per PNG, the PNG cache."""
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
