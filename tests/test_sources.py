"""Text sources: every lesson and solution notebook is in step with the MyST Markdown file
authors edit; sync brings a notebook in step and keeps the outputs of unchanged cells."""

import jupytext
import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tipcourse.authoring import sources
from tipcourse.authoring.execute import KERNELSPEC
from tipcourse.paths import ROOT


def test_every_notebook_is_in_step_with_its_md():
    problems = sources.out_of_step([ROOT / folder for folder in sources.PAIRED_FOLDERS])
    assert problems == [], "\n".join(problems) + "\nRun `make notebooks` / `make release`."


def test_the_paired_folders_hold_pairs_and_exercises_none():
    for folder in sources.PAIRED_FOLDERS:
        notebooks = sorted((ROOT / folder).glob("*.ipynb"))
        assert notebooks and all(sources.is_text_source(nb.with_suffix(".md")) for nb in notebooks)
    assert not list((ROOT / "exercises").glob("*.md"))


def source_notebook():
    nb = new_notebook(
        cells=[
            new_markdown_cell("# A lesson", metadata={"slideshow": {"slide_type": "slide"}}),
            new_code_cell("print('hello')", metadata={"tags": ["keep"]}),
            new_markdown_cell("The end."),
        ]
    )
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["jupytext"] = {"formats": "ipynb,md:myst"}
    return nb


@pytest.fixture
def pair(tmp_path):
    """notebooks/01_x.md and its synced .ipynb, with an output on the code cell, in tmp_path."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    md = folder / "01_x.md"
    md.write_text(jupytext.writes(source_notebook(), fmt="md:myst"), encoding="utf-8")
    assert sources.is_text_source(md)
    sources.sync(md)
    ipynb = md.with_suffix(".ipynb")
    nb = nbformat.read(ipynb, as_version=4)
    nb.cells[1].outputs = [new_output("stream", name="stdout", text="hello\n")]
    nb.cells[1].execution_count = 1
    nbformat.write(nb, ipynb)
    return md, ipynb


def test_a_synced_pair_is_in_step(pair):
    md, ipynb = pair
    assert sources.out_of_step([md.parent]) == []
    assert sources.out_of_step([ipynb]) == [] and sources.out_of_step([md]) == []
    nb = nbformat.read(ipynb, as_version=4)
    assert [c.id for c in nb.cells] == ["01-x-00", "01-x-01", "01-x-02"]
    assert nb.cells[1].metadata == {"tags": ["keep"]}


def test_changing_a_line_of_the_md_is_reported_naming_the_file(pair):
    md, ipynb = pair
    md.write_text(
        md.read_text(encoding="utf-8").replace("The end.", "The very end."), encoding="utf-8"
    )
    (problem,) = sources.out_of_step([md.parent])
    assert str(ipynb) in problem and "01_x.md" in problem and "cell 2 (markdown): source" in problem


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda t: t.replace(":tags: [keep]", ":tags: [other]"), "cell 1 (code): metadata differs"),
        (lambda t: t + "\n+++\n\nA new cell.\n", "3 cells, its .md has 4"),
    ],
)
def test_metadata_and_new_cells_are_differences(pair, change, expected):
    md, _ = pair
    md.write_text(change(md.read_text(encoding="utf-8")), encoding="utf-8")
    (problem,) = sources.out_of_step([md.parent])
    assert expected in problem


def test_timings_and_outputs_are_not_differences(pair):
    md, ipynb = pair
    nb = nbformat.read(ipynb, as_version=4)
    nb.cells[1].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00Z"}
    nb.cells[1].metadata["scrolled"] = True
    nb.cells[1].outputs = []
    nbformat.write(nb, ipynb)
    assert sources.out_of_step([md.parent]) == []


def test_sync_keeps_unchanged_outputs_and_gives_deterministic_ids(pair):
    md, ipynb = pair
    md.write_text(
        md.read_text(encoding="utf-8").replace(
            "The end.", "The end.\n\n+++\n\nA new cell.\n\n```{code-cell} ipython3\n1 + 1\n```"
        ),
        encoding="utf-8",
    )
    assert sources.sync(md) is True
    first = ipynb.read_bytes()
    nb = nbformat.read(ipynb, as_version=4)
    assert [c.id for c in nb.cells] == [f"01-x-0{i}" for i in range(5)]
    assert nb.cells[1].outputs[0].text == "hello\n"  # the unchanged cell keeps its output
    assert nb.cells[4].source == "1 + 1" and nb.cells[4].outputs == []
    assert sources.out_of_step([md.parent]) == []
    assert sources.sync(md) is False and ipynb.read_bytes() == first
    ipynb.unlink()  # built from the .md alone: the same cells and ids
    sources.sync(md)
    rebuilt = nbformat.read(ipynb, as_version=4)
    assert [(c.id, c.source) for c in rebuilt.cells] == [(c.id, c.source) for c in nb.cells]


@pytest.mark.parametrize("folder", sources.PAIRED_FOLDERS)
def test_a_notebook_without_its_md_is_reported(tmp_path, folder):
    (tmp_path / folder).mkdir(parents=True)
    lone = tmp_path / folder / "ex09_lone.ipynb"
    nbformat.write(source_notebook(), lone)
    (problem,) = sources.out_of_step([tmp_path / folder])
    assert str(lone) in problem and "ex09_lone.md" in problem
    (problem,) = sources.out_of_step([lone])
    assert str(lone) in problem


def test_exercises_are_generated_and_have_no_md(tmp_path):
    (tmp_path / "exercises").mkdir()
    nbformat.write(source_notebook(), tmp_path / "exercises" / "ex09_lone.ipynb")
    assert sources.out_of_step([tmp_path / "exercises"]) == []
    assert sources.out_of_step([tmp_path / "exercises" / "ex09_lone.ipynb"]) == []


def test_an_md_without_its_notebook_is_reported(pair):
    md, ipynb = pair
    ipynb.unlink()
    (problem,) = sources.out_of_step([md.parent])
    assert "01_x.md" in problem and "01_x.ipynb" in problem


def test_a_plain_markdown_file_is_not_a_source(tmp_path):
    (tmp_path / "README.md").write_text("# Notes\n", encoding="utf-8")
    assert not sources.is_text_source(tmp_path / "README.md")
    assert sources.out_of_step([tmp_path]) == []
