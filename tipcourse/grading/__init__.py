"""The grader: submission files in, gradebook and feedback out. Answers are graded as data.

    python -m tipcourse grade SUBMISSIONS... --out DIR [--keys solutions/keys]
                              [--manual filled-manual.csv] [--overwrite]

SUBMISSIONS are submission files (see `submission`) or folders, searched recursively for
`*.json` (hidden files and folders, such as `.ipynb_checkpoints`, are skipped; symbolic
links are never followed). Each
submission is checked against `<keys>/<exercise>.json`, written by `make release`.

Nothing from a submission is ever imported or executed: a file is read as at most
`MAX_BYTES` bytes of UTF-8 JSON and its answers are compared with the key by
`questions.check`. No pickle, no eval, no notebook is opened as code. So a grader run is safe
on untrusted files and takes milliseconds per student; code questions are out of scope.

DIR receives (see docs/GRADING.md for the columns):
    gradebook.csv   one row per student and exercise
    feedback/       <exercise>__<safe id>.md, one readable file per student and exercise
    manual.csv      every open response with its rubric and an empty score column
    errors.csv      every file that could not be graded, and why; other notes on the batch

Decisions on bad input (each problem has a row in errors.csv; the rest of the batch is graded):
- not JSON, not UTF-8, over 1 MB, or JSON of the wrong shape: not graded;
- an exercise without a key in --keys: not graded;
- two submissions of one student for one exercise: the latest `submitted_at` is graded,
  the others are listed in errors.csv and the graded row is flagged;
- unknown question ids: ignored and flagged;
- an answer of the wrong type (e.g. a dict for a single choice): 0 points for that question,
  the reason in the feedback, and the row flagged; the rest of the submission is graded;
- a checksum that does not match the answers: flagged, still graded.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .manual import apply_manual, read_manual
from .model import MAX_BYTES, GradingError, Report

__all__ = ["MAX_BYTES", "GradingError", "Report", "grade", "main"]
from .reading import load_batch, load_keys
from .reports import check_out_dir, summary_lines, write_outputs
from .scoring import grade_submission


# --- the run -----------------------------------------------------------------------------------

def grade(paths, out: Path, keys_dir: Path = Path("solutions/keys"), manual: Path | None = None,
          overwrite: bool = False) -> Report:
    """Grade a batch and write DIR. Everything is read before anything is written, so a
    filled-in manual.csv inside DIR survives --overwrite."""
    out = Path(out)
    keys = load_keys(keys_dir)
    manual_input = read_manual(manual) if manual else []
    check_out_dir(out, overwrite)
    submissions, problems = load_batch(paths, keys, out)
    graded = sorted((grade_submission(s, keys[s.exercise]) for s in submissions),
                    key=lambda g: (g.submission.exercise, g.submission.student_id))
    problems += apply_manual(graded, manual_input, str(manual)) if manual else []
    write_outputs(out, keys, graded, problems)
    return Report(out, graded, problems)


def main(args) -> int:
    """The `grade` command. Exit 0: all graded; 1: graded, with problems in errors.csv;
    2: nothing done (the message says why)."""
    try:
        report = grade(args.submissions, args.out, args.keys, args.manual, args.overwrite)
    except GradingError as err:
        print(f"grade: {err}", file=sys.stderr)
        return 2
    print("\n".join(summary_lines(report)))
    return 1 if report.problems else 0
