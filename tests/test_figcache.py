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
