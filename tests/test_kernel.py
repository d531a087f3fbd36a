"""The lesson kernel's empty flushes (tipcourse.kernel): skipped, while output is flushed as
before and keeps its order."""

import sys
import types

import nbformat
from nbclient import NotebookClient

from tipcourse import kernel
from tipcourse.authoring.execute import hermetic_env


class FakeStream:
    calls = 0

    def __init__(self, buffered=False, echo=None):
        self._buffers = {"parent": "text"} if buffered else {}
        self.echo = echo

    def flush(self):
        FakeStream.calls += 1


def test_a_flush_with_nothing_buffered_returns_at_once(monkeypatch):
    module = types.ModuleType("ipykernel.iostream")
    module.OutStream = FakeStream
    monkeypatch.setitem(sys.modules, "ipykernel.iostream", module)
    monkeypatch.setattr(FakeStream, "flush", FakeStream.flush)
    FakeStream.calls = 0
    assert kernel.skip_empty_flushes() and kernel.skip_empty_flushes()  # patched once
    FakeStream().flush()
    assert FakeStream.calls == 0
    FakeStream(buffered=True).flush()
    FakeStream(echo=sys.__stderr__).flush()  # an echo stream is flushed as before
    assert FakeStream.calls == 2


def test_nothing_to_patch_outside_a_kernel(monkeypatch):
    monkeypatch.delitem(sys.modules, "ipykernel.iostream", raising=False)
    assert kernel.skip_empty_flushes() is False


def test_in_a_lesson_kernel_output_keeps_its_order(tmp_path):
    cells = [
        'from tipcourse import course\ncourse.start_lesson("l00")\n'
        "from ipykernel.iostream import OutStream\nprint(OutStream.flush.skips_empty)",
        'print("one")\ndisplay("two")\nprint("three", flush=True)\nimport sys\n'
        'print("four", file=sys.stderr)\ndisplay("five")',
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    with hermetic_env():
        NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert nb.cells[0].outputs[0]["text"] == "True\n"
    shown = [o.get("text") or o["data"]["text/plain"] for o in nb.cells[1].outputs]
    assert shown == ["one\n", "'two'", "three\n", "four\n", "'five'"]
