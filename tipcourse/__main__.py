"""Command line: python -m tipcourse {setup-lab, execute, notebooks, release, handout, lint,
grade, collect, export-bank, bench, site, slides} ... (`python -m tipcourse COMMAND --help`
for each)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tipcourse")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup-lab", help="write JupyterLab settings overrides into this environment")
    run = sub.add_parser("execute", help="execute notebooks in place, hermetically, normalised")
    run.add_argument("notebooks", nargs="+", type=Path)
    nbs = sub.add_parser(
        "notebooks", help="sync notebooks from their .md and execute them in place, normalised"
    )
    nbs.add_argument(
        "paths", nargs="*", type=Path, help=".md or .ipynb files, or folders (default: notebooks/)"
    )
    nbs.add_argument(
        "--check",
        action="store_true",
        help="only report the notebooks that differ from their .md (no kernel; "
        "default: notebooks/ and solutions/)",
    )
    nbs.add_argument(
        "--rebuild-check",
        action="store_true",
        help="only report the files `make notebooks release` would change, "
        "building in a temporary copy of the repository",
    )
    rel = sub.add_parser("release", help="write exercises/ and the keys from solutions/")
    rel.add_argument(
        "exercises", nargs="*", help="only these exercise ids (e.g. ex02); default all"
    )
    rel.add_argument(
        "--check",
        action="store_true",
        help="only report whether exercises/ is what release would write",
    )
    han = sub.add_parser(
        "handout",
        help="the student edition: a folder, a zip and a git "
        "repository of one commit, without keys",
    )
    han.add_argument(
        "--out",
        type=Path,
        default=ROOT / "build",
        help="folder for tipcourse-handout/ and tipcourse-handout.zip (default: build/)",
    )
    han.add_argument("--overwrite", action="store_true", help="replace an earlier handout")
    sub.add_parser("bench", help="time every notebook against a bare kernel")
    gra = sub.add_parser("grade", help="grade submission files (as data) into a gradebook")
    gra.add_argument("submissions", nargs="+", type=Path, help="submission files or folders")
    gra.add_argument(
        "--out",
        type=Path,
        required=True,
        help="folder for gradebook.csv, feedback/, manual.csv, errors.csv",
    )
    gra.add_argument(
        "--keys",
        type=Path,
        default=Path("solutions/keys"),
        help="folder of answer keys exNN.json (default: solutions/keys)",
    )
    gra.add_argument("--manual", type=Path, help="a filled-in manual.csv: open-response scores")
    gra.add_argument(
        "--exercise",
        metavar="exNN",
        help="grade only this exercise; files of other exercises are reported",
    )
    gra.add_argument(
        "--roster",
        type=Path,
        help="the LMS participant list (Moodle's grading worksheet): flags a file "
        "whose student id is not its folder's participant",
    )
    gra.add_argument(
        "--person-folders",
        action="store_true",
        help="every subfolder holds one person's files (detected for Moodle)",
    )
    gra.add_argument(
        "--overwrite", action="store_true", help="replace the outputs of an earlier run in --out"
    )
    gra.add_argument(
        "--lms",
        choices=("moodle", "canvas"),
        help="also write gradebook_moodle.csv or gradebook_canvas.csv, shaped for that LMS's "
        "grade import (instructor/GRADING.md section 7)",
    )
    col = sub.add_parser(
        "collect", help="gather one exercise's submissions from JupyterHub home folders"
    )
    col.add_argument("homes", type=Path, help="the folder of the hub users' homes (e.g. /home)")
    col.add_argument("--exercise", required=True, metavar="exNN", help="the exercise to collect")
    col.add_argument(
        "--out",
        type=Path,
        required=True,
        help="a new folder: <user>/exNN__<id>.json for each file; the report goes beside it",
    )
    col.add_argument(
        "--prefix",
        default="",
        help="a home's folder name is this and the user name (TLJH: jupyter-)",
    )
    col.add_argument(
        "--answers-folder",
        default="tipcourse-answers",
        help="the answers folder inside each home (default: tipcourse-answers)",
    )
    col.add_argument(
        "--roster",
        type=Path,
        help="a CSV of user,student_id: a file whose id is not its user's is not collected",
    )
    col.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an earlier collection in --out (only its users' .json files)",
    )
    exb = sub.add_parser(
        "export-bank", help="write a lesson bank or an exercise key as Moodle XML or GIFT"
    )
    exb.add_argument(
        "bank", metavar="lNN|exNN", help="a lesson bank (l01) or an exercise key (ex01)"
    )
    exb.add_argument("--format", required=True, choices=("moodle-xml", "gift"), dest="fmt")
    exb.add_argument("--out", type=Path, required=True, help="the file to write")
    exb.add_argument("--overwrite", action="store_true", help="replace --out if it exists")
    web = sub.add_parser("site", help="the offline static HTML site of the course")
    web.add_argument(
        "--out",
        type=Path,
        help="output folder (default: build/site; the Indonesian site in its id/)",
    )
    web.add_argument(
        "--language",
        choices=("en", "id"),
        help="only this edition, in its place (English: --out, Indonesian: --out/id); "
        "default: both",
    )
    lin = sub.add_parser("lint", help="check lessons against docs/AUTHORING.md")
    lin.add_argument(
        "--cues",
        action="store_true",
        help="instead, print the answer-cue and skill statistics, course-wide or per bank or "
        "solution file given (plain lint fails beyond the limits)",
    )
    lin.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="lesson sources (notebooks/NN_x.md or .ipynb); default: every lesson",
    )
    lin.add_argument(
        "--record",
        action="store_true",
        help="instead, add the current question ids to the record of released ids",
    )
    tra = sub.add_parser(
        "translate", help="the Indonesian edition from the English and its .po catalogues"
    )
    tra.add_argument(
        "--update", action="store_true", help="first bring the catalogues in step with the English"
    )
    tra.add_argument(
        "--check",
        action="store_true",
        help="write nothing; fail if a catalogue or a translated file is out of step, and "
        "report the share translated, fuzzy and missing",
    )
    sli = sub.add_parser("slides", help="offline reveal.js slides of every lesson")
    sli.add_argument(
        "--out",
        type=Path,
        help="output folder (default: build/slides; the Indonesian decks in its id/)",
    )
    sli.add_argument(
        "--language",
        choices=("en", "id"),
        help="only this edition's decks, straight into --out (default: both)",
    )
    sli.add_argument(
        "--write-metadata",
        nargs="*",
        type=Path,
        metavar="NOTEBOOK",
        help="instead, write the derived slide types into these notebooks "
        "(default: notebooks/*.ipynb), for RISE",
    )
    args = parser.parse_args(argv)

    if args.command == "setup-lab":
        from .authoring.labsetup import write_language_settings, write_overrides

        print(f"JupyterLab settings written to {write_overrides()}")
        print(f"JupyterLab settings in Indonesian (make lab-id) in {write_language_settings()}")
    elif args.command == "execute":
        from .authoring.execute import execute_file

        for path in args.notebooks:
            changed = execute_file(path)
            print(f"executed {path}{'' if changed else ' (unchanged)'}")
    elif args.command == "notebooks":
        from .authoring import sources

        return sources.main(args.paths, check=args.check, rebuild=args.rebuild_check)
    elif args.command == "release":
        from .authoring import release

        if args.check:
            problems = release.check()
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print("Run `make release` to regenerate exercises/.", file=sys.stderr)
                return 1
            print("exercises/ matches solutions/.")
        else:
            try:
                written = release.release(only=tuple(args.exercises))
            except release.ReleaseError as err:
                print(f"release: nothing was written.\n{err}", file=sys.stderr)
                return 1
            for path in written:
                print(f"wrote {path.relative_to(ROOT)}")
    elif args.command == "handout":
        from .authoring import handout

        try:
            folder = handout.build(args.out, overwrite=args.overwrite)
        except handout.HandoutError as err:
            print(f"handout: {err}", file=sys.stderr)
            return 1
        print(f"wrote {folder}/ (a git repository of one commit) and {folder}.zip")
    elif args.command == "bench":
        from .bench.notebooks import main as bench_main

        return bench_main()
    elif args.command == "grade":
        from .grading import main as grade_main

        return grade_main(args)
    elif args.command == "collect":
        from .grading.collect import main as collect_main

        return collect_main(args)
    elif args.command == "export-bank":
        from .quiz import export

        return export.main(args.bank, args.fmt, args.out, overwrite=args.overwrite)
    elif args.command == "site":
        from .publish import site

        try:
            out = args.out or site.DEFAULT_OUT
            if args.language == "en":
                site.build_edition(out, "en")
            elif args.language == "id":
                site.build_edition(out / "id", "id")
            else:
                site.build_editions(out)
        except (FileExistsError, FileNotFoundError) as err:  # a wrong --out, no node_modules
            print(f"site: {err}", file=sys.stderr)
            return 2
    elif args.command == "lint":
        from .authoring import lint

        if args.cues:
            from .authoring import cues

            print("\n".join(cues.report(args.paths)))
            return 0  # a report; plain `lint` fails on what is over the limits
        return lint.main(args.paths, record=args.record)
    elif args.command == "translate":
        from . import translate

        return translate.main(update_first=args.update, check_only=args.check)
    elif args.command == "slides":
        from .publish import slides

        if args.write_metadata is not None:
            paths = args.write_metadata or sorted((ROOT / "notebooks").glob("*.ipynb"))
            for path in slides.write_metadata(paths):
                print(f"wrote slide metadata into {path}")
        elif args.language:
            slides.build(args.out or slides.DEFAULT_OUT, slides.EDITIONS[args.language])
        else:
            slides.build_editions(args.out or slides.DEFAULT_OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
