"""The grader: submission files in, gradebook and feedback out. Answers are graded as data.

    python -m tipcourse grade SUBMISSIONS... --out DIR [--keys solutions/keys]
        [--exercise exNN] [--roster worksheet.csv] [--person-folders]
        [--manual filled-manual.csv] [--overwrite]

SUBMISSIONS are submission files (see `quiz.submission`) or folders, searched recursively for
`*.json` (hidden files and folders are skipped; links and special files are never followed
or opened). Nothing from a submission is ever imported or executed: a file is read as at
most `MAX_BYTES` bytes of UTF-8 JSON nested at most `MAX_DEPTH` deep, and its answers are
compared with the key (`solutions/keys/exNN.json`, written by `make release`).

The modules, in the order a run uses them:
    reading     keys; finding files and where each came from; reading one file as data
    scoring     every question of the key against the saved answers
    batch       reading and scoring every file in one pass (large batches: forked workers)
    selection   one submission per student and exercise, or a conflict (never a silent choice)
    manual      merging the lecturer's scores of open responses (bound to the text scored)
    reports     gradebook.csv, manual.csv, errors.csv, feedback/<exercise>__<id>.md
                (feedback files written by forked workers: parallel)
    lms         the gradebook as Moodle's or Canvas's grade import reads it (--lms)
    analysis    item_analysis.csv/.md: facility, discrimination, option shares, alpha

Every problem is a row of errors.csv and the rest of the batch is graded. Exit codes (also in
instructor/GRADING.md): 0 all graded; 1 graded, with problems or conflicts in errors.csv;
2 nothing done (bad arguments, no keys, output folder in the way); 3 internal error (a bug:
the outputs may be incomplete; the message names a log file with the details).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import sys
import tempfile
import traceback
from collections.abc import Iterator
from pathlib import Path

from . import reports  # noqa: F401  (grading.reports.feedback_name in tests)
from .analysis import figure_helper, write_item_analysis
from .batch import graded_submission, read_and_score
from .manual import apply_manual, read_manual
from .model import MAX_BYTES, GradingError, Report
from .reading import BatchOptions, find_submissions, load_keys, read_roster
from .reports import check_out_dir, summary_lines, write_outputs
from .selection import select

__all__ = ["MAX_BYTES", "BatchOptions", "GradingError", "Report", "grade", "main"]
EXIT_OK, EXIT_PROBLEMS, EXIT_NOTHING_DONE, EXIT_INTERNAL = 0, 1, 2, 3


# --- the run -----------------------------------------------------------------------------------


def grade(
    paths: list,
    out: Path,
    keys_dir: Path = Path("solutions/keys"),
    manual: Path | None = None,
    overwrite: bool = False,
    options: BatchOptions | None = None,
    now: dt.datetime | None = None,
    lms: str | None = None,
) -> Report:
    """Grade a batch and write DIR. Everything is read before anything is written, so a
    filled-in manual.csv inside DIR survives --overwrite. `lms` ("moodle" or "canvas") also
    writes that LMS's gradebook (grading.lms)."""
    with _without_gc():
        return _grade(paths, Path(out), keys_dir, manual, overwrite, options, now, lms)


@contextlib.contextmanager
def _without_gc() -> Iterator[None]:
    """A batch makes hundreds of thousands of small objects that live until the end; Python's
    cycle collector would rescan them all again and again (it tripled the run time of 10,000
    submissions). The batch makes no reference cycles, so it is paused for the run."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _grade(
    paths: list,
    out: Path,
    keys_dir: Path,
    manual: Path | None,
    overwrite: bool,
    options: BatchOptions | None,
    now: dt.datetime | None,
    lms: str | None = None,
) -> Report:
    keys = load_keys(keys_dir)
    manual_input = read_manual(manual) if manual else []
    check_out_dir(out, overwrite)
    options = options or BatchOptions()
    found, problems = find_submissions(paths, skip=out, person_folders=options.person_folders)
    # Started first, the figures' helper imports matplotlib while the batch is read.
    with figure_helper(len(found)) as ahead:
        submissions, more = read_and_score(found, keys, options)
        problems += more
        chosen = select(submissions, now or dt.datetime.now(dt.UTC))
        graded = sorted(
            (graded_submission(s, keys[s.exercise]) for s in chosen.kept),
            key=lambda g: (g.submission.exercise, g.submission.student_id),
        )
        problems += chosen.problems
        problems += apply_manual(graded, manual_input, str(manual)) if manual else []
        write_outputs(
            out,
            keys,
            graded,
            chosen.conflicts,
            problems,
            lms=lms,
            meanwhile=lambda: write_item_analysis(out, graded, ahead),
        )
    return Report(out, graded, problems, chosen.conflicts)


def main(args: argparse.Namespace) -> int:
    """The `grade` command; returns one of the EXIT_ codes (see the module docstring)."""
    try:
        options = BatchOptions(
            args.exercise, read_roster(args.roster) if args.roster else None, args.person_folders
        )
        report = grade(
            args.submissions,
            args.out,
            args.keys,
            args.manual,
            args.overwrite,
            options,
            lms=getattr(args, "lms", None),
        )
    except GradingError as err:
        print(f"grade: {err}", file=sys.stderr)
        return EXIT_NOTHING_DONE
    except Exception as err:  # a bug: one clear line, the details in a file
        with tempfile.NamedTemporaryFile(
            "w", prefix="tipcourse-grade-", suffix=".log", delete=False
        ) as log:
            traceback.print_exc(file=log)
        print(
            f"grade: internal error ({type(err).__name__}: {err}). This is a bug in the "
            f"grader, not in the submissions; details in {log.name}. Please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    print("\n".join(summary_lines(report)))
    return EXIT_PROBLEMS if report.problems or report.conflicts else EXIT_OK
