"""The answers store: one JSON file per notebook, written atomically on every answer.

Where: `$TIPCOURSE_ANSWERS_DIR` if set, else `~/tipcourse-answers/`. File: `<notebook>.json`:

    {"format": 1, "notebook": "l01",
     "answers": {"l01-consent": {"response": "b", "attempts": 2, "saved_at": "...",
                                 "score": 1.0, "points": 1.0}}}

Nothing a student gave is ever lost:
- every save re-reads the file and merges under a lock (`filelock`), so two kernels or two
  browser tabs on one notebook do not erase each other's answers;
- a file that cannot be read, or that holds entries of the wrong shape, is moved aside
  (`<notebook>.corrupt-<time>-<n>.json`, never over another) and its good entries are kept;
- when the file cannot be written (a read-only folder, a folder where the file should be, a
  lock held too long), the answer stays in memory, `problem` says why in words, and the next
  save that succeeds writes it too;
- temporary files left by a killed kernel are removed when the notebook is opened again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from ..i18n import _

ANSWERS_DIR_ENV = "TIPCOURSE_ANSWERS_DIR"
SHUFFLE_ENV = "TIPCOURSE_SHUFFLE"  # "0": options in the authored order (executing for the repo)
LEARNER_FILE = "learner.json"
FORMAT = 1
LOCK_TIMEOUT = 10  # seconds; a save waits this long for another kernel's save
STALE_TEMP = 60  # seconds; an older temporary file is a killed writer's leftover


def answers_dir() -> Path:
    configured = os.environ.get(ANSWERS_DIR_ENV)
    return Path(configured) if configured else Path.home() / "tipcourse-answers"


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


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


_SESSION_KEYS: dict[Path, str] = {}  # where learner.json cannot be read or written


def learner_key(directory: Path | None = None) -> str | None:
    """This learner's random key, made once per answers folder (`learner.json`): it orders the
    options of every question (`questions.option_order`). None when `TIPCOURSE_SHUFFLE=0`.
    A folder where it cannot be kept gets a key for this session only: never an error."""
    if os.environ.get(SHUFFLE_ENV) == "0":
        return None
    folder = Path(directory or answers_dir())
    path = folder / LEARNER_FILE
    for _attempt in range(2):
        try:
            key = json.loads(path.read_text(encoding="utf-8"))["learner_key"]
            if isinstance(key, str) and re.fullmatch(r"[0-9a-f]{32}", key):
                return key
            break
        except FileNotFoundError:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                with open(path, "x", encoding="utf-8") as fh:  # two kernels: one key wins
                    json.dump({"learner_key": secrets.token_hex(16)}, fh)
            except FileExistsError:
                continue
            except OSError:
                break
        except (OSError, ValueError, KeyError, TypeError):
            break
    return _SESSION_KEYS.setdefault(folder, secrets.token_hex(16))


def move_aside(path: Path, stem: str) -> Path:
    """Rename `path` to a free `<stem>.corrupt-<time>-<n>.json` beside it (never over one)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(1, 10_000):
        aside = path.with_name(f"{stem}.corrupt-{stamp}-{n}.json")
        try:
            os.link(path, aside)  # fails if `aside` exists: no overwrite, even in a race
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links
            if aside.exists():
                continue
            os.replace(path, aside)
            return aside
        path.unlink()
        return aside
    raise OSError(_("no free name to move {path} aside").format(path=path))


def _valid_entry(entry: object) -> bool:
    return (
        isinstance(entry, dict)
        and "response" in entry
        and isinstance(entry.get("attempts", 1), int)
    )


class AnswerStore:
    """The saved answers of one notebook."""

    def __init__(self, notebook: str, directory: Path | None = None) -> None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", notebook):
            raise ValueError(
                f"Notebook id must be lower-case letters, digits, '-' or '_': {notebook!r}"
            )
        self.notebook = notebook
        self.path = Path(directory or answers_dir()) / f"{notebook}.json"
        self.warning = ""  # something the student must know about the file (shown once)
        self.problem = ""  # why the last save could not be written ("" once it could)
        self.unsaved: set[str] = set()  # answers held in memory only
        self._recovered = False  # good entries rescued from a file moved aside
        self._remove_stale_temps()
        self.answers = self._read()
        if self._recovered:
            self.unsaved.update(self.answers)
            self._write_locked()

    # --- reading ---------------------------------------------------------------------------

    def _read(self) -> dict:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except (OSError, UnicodeDecodeError) as err:
            if isinstance(err, UnicodeDecodeError):
                return self._set_aside(err, {})
            self.warning = _(
                "Your saved answers in {path} cannot be read ({reason}). Nothing was changed "
                "there; answers you give now are kept while the notebook is open."
            ).format(path=self.path, reason=_why(err))
            return {}
        try:
            data = json.loads(text)
        except ValueError as err:
            return self._set_aside(err, {})
        answers = data.get("answers") if isinstance(data, dict) else None
        if not isinstance(answers, dict):
            return self._set_aside(ValueError(_("not an answers file")), {})
        good = {qid: e for qid, e in answers.items() if isinstance(qid, str) and _valid_entry(e)}
        if len(good) != len(answers):
            wrong = len(answers) - len(good)
            return self._set_aside(
                ValueError(_("{n} entries of the wrong shape").format(n=wrong)), good
            )
        return good

    def _set_aside(self, err: Exception, kept: dict) -> dict:
        """Move an unreadable file aside, keeping the entries that could be read."""
        try:
            aside = move_aside(self.path, self.notebook)
        except OSError as move_error:
            self.warning = _(
                "Your saved answers file {path} could not be read ({error}) and could not "
                "be moved aside ({reason}). It is left as it is; new answers are kept while "
                "the notebook is open."
            ).format(path=self.path, error=err, reason=_why(move_error))
            self.unsaved.update(kept)
            return kept
        if kept:
            message = _(
                "Your saved answers file {path} could not be read ({error}). It was kept as "
                "{aside} in the same folder and nothing in it was deleted; the {n} answers "
                "that could be read are kept. Ask your lecturer if you need the old answers "
                "back."
            )
        else:
            message = _(
                "Your saved answers file {path} could not be read ({error}). It was kept as "
                "{aside} in the same folder and nothing in it was deleted. Ask your lecturer "
                "if you need the old answers back."
            )
        self.warning = message.format(path=self.path, error=err, aside=aside.name, n=len(kept))
        self._recovered = bool(kept)  # written by __init__, or by the save that read it
        self.unsaved.update(kept)
        return kept

    def _remove_stale_temps(self) -> None:
        try:
            for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
                if time.time() - tmp.stat().st_mtime > STALE_TEMP:
                    tmp.unlink(missing_ok=True)
        except OSError:
            pass  # a folder we cannot list: the first save will say why

    # --- writing ---------------------------------------------------------------------------

    def get(self, qid: str) -> dict | None:
        return self.answers.get(qid)

    def record(
        self, qid: str, response: object, score: float | None = None, points: float | None = None
    ) -> dict:
        """Save a response, counting the attempt; returns the saved entry. If the file cannot
        be written, the entry is kept in memory and `problem` says why."""
        from filelock import FileLock, Timeout

        previous = self.answers.get(qid, {})
        entry = {
            "response": response,
            "attempts": previous.get("attempts", 0) + 1,
            "saved_at": now(),
        }
        if score is not None:
            entry.update(score=score, points=points)
        self.answers[qid] = entry
        self.unsaved.add(qid)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(self._lock_path(), timeout=LOCK_TIMEOUT):
                self._merge_disk()
                entry = self.answers[qid]
                self._write()
        except Timeout:
            self._failed(
                _("another notebook kept the answers file locked for {n} seconds").format(
                    n=LOCK_TIMEOUT
                )
            )
        except OSError as err:
            self._failed(_why(err))
        return entry

    def _lock_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.lock")

    def _merge_disk(self) -> None:
        """Answers another kernel saved since we read: theirs count, except the ones we hold
        unsaved (ours are newer). Attempts add up from the file's count."""
        disk = self._read()
        for qid, theirs in disk.items():
            if qid not in self.unsaved:
                self.answers[qid] = theirs
            elif isinstance(self.answers.get(qid), dict):
                mine = self.answers[qid]
                mine["attempts"] = max(mine["attempts"], theirs.get("attempts", 0) + 1)

    def _write(self) -> None:
        write_json_atomic(
            self.path, {"format": FORMAT, "notebook": self.notebook, "answers": self.answers}
        )
        self.unsaved.clear()
        self.problem = ""

    def _write_locked(self) -> None:
        from filelock import FileLock, Timeout

        try:
            with FileLock(self._lock_path(), timeout=LOCK_TIMEOUT):
                self._write()
        except (OSError, Timeout) as err:
            self._failed(_why(err))

    def _failed(self, why: str) -> None:
        self.problem = _(
            "Not written to disk: {reason}. Your answer is kept while this notebook stays "
            "open ({n} unsaved), and is written with your next answer once {folder} can be "
            "written to. Ask your lecturer if this message stays."
        ).format(reason=why, n=len(self.unsaved), folder=self.path.parent)


def _why(err: BaseException) -> str:
    if isinstance(err, IsADirectoryError):
        return _("{path} is a folder, not a file").format(path=err.filename)
    if isinstance(err, PermissionError):
        folder = Path(err.filename or "").parent or _("the folder")
        return _("no permission to write in {folder}").format(folder=folder)
    if isinstance(err, OSError) and err.strerror:
        return f"{err.strerror} ({err.filename})" if err.filename else err.strerror
    return str(err) or type(err).__name__
