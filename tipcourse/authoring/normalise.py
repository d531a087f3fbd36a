"""Normalise an executed notebook, so that executing an unchanged notebook gives the same bytes.

Executing a notebook leaves things in it that change on every run:
- timestamps in each code cell's metadata (`execution`, and `ExecuteTime` from JupyterLab);
- random widget model ids, in the outputs (`application/vnd.jupyter.widget-view+json` ->
  `model_id`) and in the saved widget state (keyed by model id; models refer to each other as
  `"IPY_MODEL_<id>"`, and Output widgets hold outputs that name models by `model_id`);
- random cell ids, for the cells jupytext creates from a new Markdown cell;
- the kernel's patch version (`language_info.version`);
- ipykernel's per-cell file names and the hermetic run's temporary folder, in outputs.

`normalise(nb, name)` rewrites all of these from the notebook's name and the order things
appear in it: cell `i` is `<prefix>-<i:02d>` and the n-th widget model is
`widget_id(prefix, n)`, where the prefix comes from the file name (`id_prefix`).
What only the author can fix (a machine's folder or today's date printed by the code) is
reported by `machine_traces`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import nbformat

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
MODEL_REF = "IPY_MODEL_"
# Cell metadata that only records when a cell ran (nbclient; JupyterLab's execute-time).
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime")
# The kernel's language_info.version is the patch release (3.11.7): it would change with the
# machine. Nothing reads it, so it is dropped; the rest of language_info is fixed by ipykernel.
VOLATILE_LANGUAGE_INFO = ("version",)
FALLBACK_PREFIX = "cell"
# ipykernel names each cell's code /tmp/ipykernel_<pid>/<hash>.py in warnings and tracebacks.
_PATH_START = "(?:/[^\\s'\"]*)?"  # the folders before, up to a space or quote
IPYKERNEL_FILE = re.compile(_PATH_START + r"/ipykernel_\d+/\d+\.py")
IPYKERNEL_FILE_TEXT = "<cell>"
# The temporary folder of a hermetic run (execute.hermetic_env) or of the tests (conftest.py).
RUN_FOLDER = re.compile(_PATH_START + r"/tipcourse-(?:run|tests)-[A-Za-z0-9_]+")
RUN_FOLDER_TEXT = "<tmp>"
TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?")
TEXT_MIMES = ("text/plain", "text/html", "text/markdown", "text/latex")


def id_prefix(name: str) -> str:
    """The cell-id prefix of a notebook from its file name: the stem's first 12 characters,
    anything but a letter, digit or '-' made '-' ('01_palermo_definition' -> '01-palermo-d')."""
    return re.sub(r"[^A-Za-z0-9-]", "-", Path(name).stem[:12]) or FALLBACK_PREFIX


def infer_prefix(nb: nbformat.NotebookNode) -> str:
    """The prefix of a notebook whose cells already have `<prefix>-NN` ids (a student copy keeps
    its solution's), else FALLBACK_PREFIX."""
    first = str(nb.cells[0].get("id", "")) if nb.cells else ""
    match = re.fullmatch(r"([A-Za-z0-9-]{1,12})-\d{2,}", first)
    return match.group(1) if match else FALLBACK_PREFIX


def cell_id(prefix: str, index: int) -> str:
    return f"{prefix}-{index:02d}"


def widget_id(prefix: str, n: int) -> str:
    """The n-th widget model id of a notebook: 32 hex digits like a uuid4's, from the prefix
    and the number, so the saved state (written with sorted keys) lists models in order."""
    return hashlib.sha256(prefix.encode()).hexdigest()[:24] + f"{n:08x}"


def renumber_cells(nb: nbformat.NotebookNode, prefix: str) -> None:
    for index, cell in enumerate(nb.cells):
        cell["id"] = cell_id(prefix, index)


def drop_volatile_metadata(nb: nbformat.NotebookNode) -> None:
    for cell in nb.cells:
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    info = nb.metadata.get("language_info")
    if isinstance(info, dict):
        for key in VOLATILE_LANGUAGE_INFO:
            info.pop(key, None)


def widget_state(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The saved widget models by id ({} when there are none)."""
    return nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})


def model_refs(value: Any) -> Iterator[str]:
    """Every model id `value` names, in order (mapping keys sorted, as the file stores them):
    `"IPY_MODEL_<id>"` strings and the `model_id` of widget-view outputs."""
    if isinstance(value, str):
        if value.startswith(MODEL_REF):
            yield value[len(MODEL_REF) :]
    elif isinstance(value, dict):
        for key in sorted(value):
            item = value[key]
            if key == WIDGET_VIEW and isinstance(item, dict) and "model_id" in item:
                yield str(item["model_id"])
            else:
                yield from model_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from model_refs(item)


def widget_order(nb: nbformat.NotebookNode) -> list[str]:
    """Model ids in order of appearance: each widget the outputs display (cell by cell), then
    the models it refers to, depth first; then the models nothing displayed refers to, in the
    order the state holds them (creation order, from nbclient; number order, once normalised)."""
    state = widget_state(nb)
    order: list[str] = []
    seen: set[str] = set()

    def visit(model: str) -> None:
        if model in seen:
            return
        seen.add(model)
        order.append(model)
        for ref in model_refs(state.get(model, {})):
            visit(ref)

    for cell in nb.cells:
        for ref in model_refs(cell.get("outputs", [])):
            visit(ref)
    for model in state:
        visit(model)
    return order


def rewrite_refs(value: Any, mapping: dict[str, str]) -> Any:
    """`value` with every model id that `model_refs` finds replaced through `mapping`."""
    if isinstance(value, str):
        if value.startswith(MODEL_REF) and value[len(MODEL_REF) :] in mapping:
            return MODEL_REF + mapping[value[len(MODEL_REF) :]]
        return value
    if isinstance(value, dict):
        out = type(value)()
        for key, item in value.items():
            if key == WIDGET_VIEW and isinstance(item, dict) and item.get("model_id") in mapping:
                item = type(item)(item)
                item["model_id"] = mapping[item["model_id"]]
                out[key] = item
            else:
                out[key] = rewrite_refs(item, mapping)
        return out
    if isinstance(value, list):
        return [rewrite_refs(item, mapping) for item in value]
    return value


def renumber_widgets(nb: nbformat.NotebookNode, prefix: str) -> dict[str, str]:
    """Give every widget model the id `widget_id(prefix, n)`, n in order of appearance, in the
    outputs and in the saved state (its keys and every reference inside it); the state is
    rebuilt in that order. Returns the mapping old id -> new id."""
    mapping = {old: widget_id(prefix, n) for n, old in enumerate(widget_order(nb))}
    for cell in nb.cells:
        if "outputs" in cell:
            cell["outputs"] = rewrite_refs(cell["outputs"], mapping)
    state = widget_state(nb)
    if state:
        new_state = {mapping[old]: rewrite_refs(model, mapping) for old, model in state.items()}
        nb.metadata["widgets"][WIDGET_STATE]["state"] = nbformat.from_dict(
            dict(sorted(new_state.items()))
        )
    return mapping


def scrub_text(text: str) -> str:
    """`text` without the names that change from run to run: ipykernel's per-cell file names
    (in warnings and tracebacks) become `<cell>`, the hermetic run's temporary folder `<tmp>`.
    (tests/sanitize.cfg maps what nbval's fresh outputs hold to the same.)"""
    return RUN_FOLDER.sub(RUN_FOLDER_TEXT, IPYKERNEL_FILE.sub(IPYKERNEL_FILE_TEXT, text))


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, list):
        return [_scrub(item) for item in value]
    return value


def scrub_outputs(nb: nbformat.NotebookNode) -> None:
    """Scrub the text of every output (streams, text data, tracebacks) and of the outputs that
    Output widgets hold in the saved state."""
    for output in _all_outputs(nb):
        if output.get("output_type") == "stream":
            output["text"] = _scrub(output.get("text", ""))
        elif output.get("output_type") == "error":
            output["traceback"] = _scrub(output.get("traceback", []))
            output["evalue"] = _scrub(output.get("evalue", ""))
        for mime in TEXT_MIMES:
            if mime in output.get("data", {}):
                output["data"][mime] = _scrub(output["data"][mime])


def _all_outputs(nb: nbformat.NotebookNode) -> Iterable[dict]:
    for cell in nb.cells:
        yield from cell.get("outputs", [])
    for model in widget_state(nb).values():
        outputs = model.get("state", {}).get("outputs")
        if isinstance(outputs, list):
            yield from (o for o in outputs if isinstance(o, dict))


def normalise(nb: nbformat.NotebookNode, name: str | None = None) -> nbformat.NotebookNode:
    """Make `nb` (in place, and returned) a function of its cells and outputs alone.

    `name` is the notebook's file name (or stem); without it, the prefix is read from the cell
    ids (`infer_prefix`). Idempotent."""
    prefix = id_prefix(name) if name else infer_prefix(nb)
    drop_volatile_metadata(nb)
    renumber_cells(nb, prefix)
    renumber_widgets(nb, prefix)
    scrub_outputs(nb)
    return nb


def notebook_text(nb: nbformat.NotebookNode) -> str:
    """The file text nbformat.write gives (sorted keys, one-space indent, final newline)."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def normalise_file(path: Path) -> bool:
    """Normalise a notebook file in place; True when its bytes changed."""
    before = path.read_bytes()
    after = notebook_text(normalise(nbformat.read(path, as_version=4), name=path.name)).encode()
    if after != before:
        path.write_bytes(after)
    return after != before


def machine_traces(nb: nbformat.NotebookNode, folders: Iterable[str] = ()) -> list[str]:
    """What in `nb` would differ on another machine or day and normalising does not remove: a
    folder of `folders` (default: the repository, home and temporary folders) or a timestamp,
    in an output or the metadata. Authors fix these in the lesson's code."""
    from ..paths import ROOT

    folders = [
        f.rstrip(os.sep) for f in (folders or (str(ROOT), str(Path.home()), tempfile.gettempdir()))
    ]
    found = []
    texts = [("notebook metadata", json.dumps(nb.metadata, ensure_ascii=False))]
    texts += [
        (
            f"cell {i} ({cell.get('id', '?')})",
            json.dumps([cell.metadata, cell.get("outputs", [])], ensure_ascii=False),
        )
        for i, cell in enumerate(nb.cells)
    ]
    for where, text in texts:
        for folder in folders:
            if re.search(r"(?<![\w.-])" + re.escape(folder) + r"(?![\w.-])", text):
                found.append(f"{where} names the folder {folder}")
        for stamp in sorted(set(TIMESTAMP.findall(text))):
            found.append(f"{where} holds the time {stamp}")
    return found
