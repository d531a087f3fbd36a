"""Normalising an executed notebook: executing an unchanged notebook gives the same bytes."""

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from tipcourse.authoring import normalise as norm
from tipcourse.authoring.execute import KERNELSPEC, execute_notebook, hermetic_env

VIEW, STATE = norm.WIDGET_VIEW, norm.WIDGET_STATE


def model(name, **state):
    return {
        "model_name": name,
        "model_module": "@jupyter-widgets/controls",
        "model_module_version": "2.0.0",
        "state": {"_model_name": name, **state},
    }


def view(model_id):
    return new_output(
        "display_data",
        data={
            "text/plain": "VBox()",
            VIEW: {"model_id": model_id, "version_major": 2, "version_minor": 0},
        },
    )


def widget_notebook():
    """Two displayed boxes sharing a layout, an Output widget holding a widget, and a model
    nothing displays; ids random-looking, state in no particular order."""
    nb = new_notebook(
        cells=[
            new_markdown_cell("# Title", id="random01"),
            new_code_cell(
                "box",
                id="random02",
                execution_count=1,
                metadata={
                    "execution": {"iopub.status.busy": "2026-01-01T00:00:00Z"},
                    "ExecuteTime": {"end_time": "2026-01-01T00:00:01Z"},
                    "tags": ["keep"],
                },
                outputs=[view("f00d")],
            ),
            new_code_cell(
                "other, out", id="random03", execution_count=2, outputs=[view("beef"), view("0ut")]
            ),
        ]
    )
    nb.metadata["language_info"] = {
        "name": "python",
        "version": "3.11.7",
        "pygments_lexer": "ipython3",
    }
    nb.metadata["widgets"] = {
        STATE: {
            "version_major": 2,
            "version_minor": 0,
            "state": {
                "1a70": model("LayoutModel", width="10em"),
                "beef": model("HBoxModel", children=["IPY_MODEL_c0de"], layout="IPY_MODEL_1a70"),
                "c0de": model("ButtonModel", description="b", layout="IPY_MODEL_1a70"),
                "0ut": model("OutputModel", outputs=[view("c0de")], layout="IPY_MODEL_1a70"),
                "f00d": model(
                    "VBoxModel",
                    children=["IPY_MODEL_beef", "IPY_MODEL_c0de"],
                    layout="IPY_MODEL_1a70",
                ),
                "dead": model("LinkModel", source=["IPY_MODEL_c0de", "value"], target=["x", "y"]),
            },
        }
    }
    return nb


def ids_in(nb):
    """Every model id the notebook names anywhere (outputs, state keys, references)."""
    text = json.dumps(nb)
    state = norm.widget_state(nb)
    refs = {r for c in nb.cells for r in norm.model_refs(c.get("outputs", []))}
    refs |= {r for m in state.values() for r in norm.model_refs(m)}
    return set(state), refs, text


def test_widget_ids_are_renumbered_in_order_of_appearance():
    nb = widget_notebook()
    mapping = norm.renumber_widgets(nb, "01-palermo-d")
    # Displayed first (f00d, then what it refers to, depth first), then beef, 0ut; then the rest.
    order = ["f00d", "beef", "c0de", "1a70", "0ut", "dead"]
    assert list(mapping) == order
    assert list(mapping.values()) == [norm.widget_id("01-palermo-d", n) for n in range(6)]
    assert all(len(v) == 32 and int(v, 16) >= 0 for v in mapping.values())
    assert nb.cells[1].outputs[0].data[VIEW]["model_id"] == mapping["f00d"]
    assert nb.cells[2].outputs[1].data[VIEW]["model_id"] == mapping["0ut"]


def test_state_keys_and_every_reference_inside_it_are_rewritten():
    nb = widget_notebook()
    mapping = norm.renumber_widgets(nb, "x")
    keys, refs, text = ids_in(nb)
    assert keys == set(mapping.values()) and refs <= keys
    for old in mapping:
        assert f'"{old}"' not in text and f"IPY_MODEL_{old}" not in text
    state = norm.widget_state(nb)
    assert list(state) == sorted(state)  # the state is rebuilt in number order
    vbox = state[mapping["f00d"]]["state"]
    assert vbox["children"] == [f"IPY_MODEL_{mapping['beef']}", f"IPY_MODEL_{mapping['c0de']}"]
    assert vbox["layout"] == f"IPY_MODEL_{mapping['1a70']}"
    held = state[mapping["0ut"]]["state"]["outputs"][0]["data"][VIEW]["model_id"]
    assert held == mapping["c0de"]  # an Output widget's outputs name models by model_id
    link = state[mapping["dead"]]["state"]
    assert link["source"] == [f"IPY_MODEL_{mapping['c0de']}", "value"] and link["target"] == [
        "x",
        "y",
    ]


def test_normalise_drops_timings_and_patch_version_and_numbers_cells():
    nb = norm.normalise(widget_notebook(), name="ex01_palermo_definition.ipynb")
    assert [c.id for c in nb.cells] == ["ex01-palermo-00", "ex01-palermo-01", "ex01-palermo-02"]
    assert nb.cells[1].metadata == {"tags": ["keep"]}
    assert nb.metadata["language_info"] == {"name": "python", "pygments_lexer": "ipython3"}
    assert norm.machine_traces(nb) == []
    nbformat.validate(nb)


def test_the_prefix_comes_from_the_name_or_from_the_cell_ids():
    assert norm.id_prefix("notebooks/02_forced_labour.ipynb") == "02-forced-la"
    assert norm.id_prefix("ex02_forced_labour") == "ex02-forced-"
    nb = norm.normalise(widget_notebook(), name="ex02_forced_labour")
    assert norm.infer_prefix(nb) == "ex02-forced-"  # a student copy keeps its solution's ids
    nb.cells.pop(0)
    norm.normalise(nb)
    assert [c.id for c in nb.cells] == ["ex02-forced--00", "ex02-forced--01"]
    assert norm.infer_prefix(new_notebook(cells=[new_code_cell("1", id="a1b2c3d4")])) == "cell"


def test_normalise_is_idempotent():
    once = nbformat.writes(norm.normalise(widget_notebook(), name="07_ntt_cases"))
    twice = nbformat.writes(norm.normalise(nbformat.reads(once, as_version=4), name="07_ntt_cases"))
    assert once == twice


def test_the_same_notebook_with_other_random_ids_normalises_to_the_same_bytes():
    nb = widget_notebook()
    other = json.dumps(nb)
    for old, new in [
        ("f00d", "9a9a"),
        ("beef", "7b7b"),
        ("c0de", "5c5c"),
        ("1a70", "3d3d"),
        ("0ut", "1e1e"),
        ("dead", "0f0f"),
        ("random", "xyzzy"),
    ]:
        other = other.replace(f'"{old}', f'"{new}').replace(f"IPY_MODEL_{old}", f"IPY_MODEL_{new}")
    other = nbformat.from_dict(json.loads(other))
    shuffled = dict(reversed(list(norm.widget_state(other).items())))
    other.metadata["widgets"][STATE]["state"] = shuffled
    assert nbformat.writes(other) != nbformat.writes(nb)
    assert nbformat.writes(norm.normalise(other, "a")) == nbformat.writes(norm.normalise(nb, "a"))


def test_run_specific_paths_are_scrubbed_from_outputs():
    warning = (
        "/tmp/ipykernel_4242/1234567.py:3: FutureWarning: old\n"
        "saved in /tmp/tipcourse-run-ab_c12/answers/l01.json\n"
    )
    nb = new_notebook(
        cells=[
            new_code_cell(
                "x",
                outputs=[
                    new_output("stream", name="stderr", text=warning),
                    new_output(
                        "error",
                        ename="E",
                        evalue="/tmp/tipcourse-tests-q1/x",
                        traceback=["File /tmp/ipykernel_1/22.py, line 1"],
                    ),
                ],
            )
        ]
    )
    norm.normalise(nb, "n")
    stream, error = nb.cells[0].outputs
    assert stream.text == "<cell>:3: FutureWarning: old\nsaved in <tmp>/answers/l01.json\n"
    assert error.evalue == "<tmp>/x" and error.traceback == ["File <cell>, line 1"]


def test_machine_traces_name_folders_and_times_the_author_must_fix(tmp_path):
    nb = new_notebook(
        cells=[
            new_code_cell(
                "x",
                outputs=[
                    new_output(
                        "stream",
                        name="stdout",
                        text=f"read {tmp_path}/data.csv at 2026-12-01 08:42\n",
                    )
                ],
            )
        ]
    )
    found = norm.machine_traces(nb, folders=[str(tmp_path)])
    assert found == [
        f"cell 0 ({nb.cells[0].id}) names the folder {tmp_path}",
        f"cell 0 ({nb.cells[0].id}) holds the time 2026-12-01 08:42",
    ]
    assert norm.machine_traces(widget_notebook(), folders=["/nowhere"]) == [
        "cell 1 (random02) holds the time 2026-01-01T00:00:00",
        "cell 1 (random02) holds the time 2026-01-01T00:00:01",
    ]


WIDGET_CODE = """\
import ipywidgets as w
layout = w.Layout(width="12em")
box = w.VBox([w.Button(description="Check", layout=layout), w.Label("label", layout=layout)])
box"""
OUTPUT_CODE = """\
out = w.Output()
with out:
    display(w.Checkbox(description="inside"))
print("printed")
out"""


def tiny_notebook():
    nb = new_notebook(
        cells=[new_markdown_cell("# Tiny"), new_code_cell(WIDGET_CODE), new_code_cell(OUTPUT_CODE)]
    )
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    return nb


def test_two_executions_give_the_same_bytes(tmp_path):
    """One raw nbclient run, one through execute_notebook: after normalising, byte-identical,
    and nothing of either run's ids or times is left."""
    from nbclient import NotebookClient

    raw = tiny_notebook()
    with hermetic_env():
        NotebookClient(
            raw, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
        ).execute()
    first = tmp_path / "first.ipynb"
    nbformat.write(raw, first)
    second = tmp_path / "tiny.ipynb"
    nbformat.write(execute_notebook(tiny_notebook(), cwd=tmp_path, name="tiny"), second)

    raw_ids = set(norm.widget_state(raw))
    assert len(raw_ids) >= 7 and "execution" in raw.cells[1].metadata
    assert not raw_ids & set(norm.widget_state(nbformat.read(second, as_version=4)))

    renormalised = norm.normalise(nbformat.read(first, as_version=4), name="tiny")
    assert norm.notebook_text(renormalised).encode() == second.read_bytes()
    assert norm.normalise_file(second) is False  # already normalised: bytes untouched
    text = second.read_text()
    assert not any(i in text for i in raw_ids) and "iopub" not in text
    assert norm.machine_traces(renormalised, folders=[str(tmp_path)]) == []
    out_model = [
        m for m in norm.widget_state(renormalised).values() if m["model_name"] == "OutputModel"
    ]
    assert out_model and list(norm.model_refs(out_model[0]["state"]["outputs"]))


@pytest.mark.parametrize("field", ["outputs", "state"])
def test_a_model_the_state_lacks_is_renumbered_like_the_others(field):
    nb = widget_notebook()
    if field == "outputs":
        nb.cells[2].outputs.append(view("gone"))
    else:
        norm.widget_state(nb)["c0de"]["state"]["tooltip"] = "IPY_MODEL_gone"
    mapping = norm.renumber_widgets(nb, "p")
    new = mapping["gone"]
    if field == "outputs":
        assert nb.cells[2].outputs[-1].data[VIEW]["model_id"] == new
    else:
        assert norm.widget_state(nb)[mapping["c0de"]]["state"]["tooltip"] == f"IPY_MODEL_{new}"
    assert new not in norm.widget_state(nb)


def test_nbval_sanitizes_fresh_outputs_to_what_normalise_commits():
    import configparser
    from pathlib import Path

    config = configparser.ConfigParser()
    config.read(Path(__file__).with_name("sanitize.cfg"), encoding="utf-8")
    rules = {(s["regex"], s["replace"]) for s in map(config.__getitem__, config.sections())}
    assert (norm.IPYKERNEL_FILE.pattern, norm.IPYKERNEL_FILE_TEXT) in rules
    assert (norm.RUN_FOLDER.pattern, norm.RUN_FOLDER_TEXT) in rules
