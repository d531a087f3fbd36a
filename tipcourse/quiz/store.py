"""The answers store: one JSON file per notebook, written atomically on every answer.

Where: `$TIPCOURSE_ANSWERS_DIR` if set, else `~/tipcourse-answers/`. File: `<notebook>.json`:

    {"format": 1, "notebook": "l01",
     "answers": {"l01-consent": {"response": "b", "attempts": 2, "saved_at": "...",
                                 "score": 1.0, "points": 1.0}}}

A file that cannot be read is moved aside (`<notebook>.corrupt-<time>.json`), never overwritten,
and the student is told where it went.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from pathlib import Path

ANSWERS_DIR_ENV = "TIPCOURSE_ANSWERS_DIR"
FORMAT = 1


def answers_dir() -> Path:
    configured = os.environ.get(ANSWERS_DIR_ENV)
    return Path(configured) if configured else Path.home() / "tipcourse-answers"


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def write_json_atomic(path: Path, payload: dict) -> None:
    """Write to a temporary file beside `path`, then rename it over: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class AnswerStore:
    """The saved answers of one notebook."""

    def __init__(self, notebook: str, directory: Path | None = None):
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", notebook):
            raise ValueError(f"Notebook id must be lower-case letters, digits, '-' or '_': {notebook!r}")
        self.notebook = notebook
        self.path = Path(directory or answers_dir()) / f"{notebook}.json"
        self.warning = ""  # set when a corrupt file was moved aside
        self.answers = self._read()

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
                raise ValueError("not an answers file")
            return data["answers"]
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError) as err:
            return self._move_aside(err)

    def _move_aside(self, err: Exception) -> dict:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.notebook}.corrupt-{stamp}.json")
        os.replace(self.path, aside)
        self.warning = (
            f"Your saved answers file {self.path} could not be read ({err}). It was kept as "
            f"{aside.name} in the same folder and nothing in it was deleted; new answers go to "
            "a fresh file. Ask your lecturer if you need the old answers back."
        )
        return {}

    def get(self, qid: str) -> dict | None:
        return self.answers.get(qid)

    def record(self, qid: str, response, score: float | None = None,
               points: float | None = None) -> dict:
        """Save a response, counting the attempt; returns the saved entry."""
        # Re-read first: the same notebook may be open in a second kernel.
        self.answers = {**self.answers, **self._read()}
        previous = self.answers.get(qid, {})
        entry = {"response": response, "attempts": previous.get("attempts", 0) + 1,
                 "saved_at": now()}
        if score is not None:
            entry.update(score=score, points=points)
        self.answers[qid] = entry
        self.save()
        return entry

    def save(self) -> None:
        write_json_atomic(self.path, {"format": FORMAT, "notebook": self.notebook,
                                      "answers": self.answers})
