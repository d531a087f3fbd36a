"""Command line: python -m tipcourse {setup-lab, execute, release, bench, grade, site, slides} ..."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .paths import ROOT


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tipcourse")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("setup-lab", help="write JupyterLab settings overrides into this environment")
    run = sub.add_parser("execute", help="execute notebooks in place, hermetically")
    run.add_argument("notebooks", nargs="+", type=Path)
    rel = sub.add_parser("release", help="write exercises/ and the keys from solutions/")
    rel.add_argument("exercises", nargs="*", help="only these exercise ids (e.g. ex02); default all")
    rel.add_argument("--check", action="store_true",
                     help="only report whether exercises/ is what release would write")
    sub.add_parser("bench", help="time every notebook against a bare kernel")
    gra = sub.add_parser("grade", help="grade submission files (as data) into a gradebook")
    gra.add_argument("submissions", nargs="+", type=Path, help="submission files or folders")
    gra.add_argument("--out", type=Path, required=True,
                     help="folder for gradebook.csv, feedback/, manual.csv, errors.csv")
    gra.add_argument("--keys", type=Path, default=Path("solutions/keys"),
                     help="folder of answer keys exNN.json (default: solutions/keys)")
    gra.add_argument("--manual", type=Path, help="a filled-in manual.csv: open-response scores")
    gra.add_argument("--overwrite", action="store_true",
                     help="replace the outputs of an earlier run in --out")
    web = sub.add_parser("site", help="the offline static HTML site of the course")
    web.add_argument("--out", type=Path, help="output folder (default: build/site)")
    sli = sub.add_parser("slides", help="offline reveal.js slides of every lesson")
    sli.add_argument("--out", type=Path, help="output folder (default: build/slides)")
    sli.add_argument("--write-metadata", nargs="*", type=Path, metavar="NOTEBOOK",
                     help="instead, write the derived slide types into these notebooks "
                          "(default: notebooks/*.ipynb), for RISE")
    args = parser.parse_args(argv)

    if args.command == "setup-lab":
        from .authoring.labsetup import write_overrides

        print(f"JupyterLab settings written to {write_overrides()}")
    elif args.command == "execute":
        from .authoring.execute import execute_file

        for path in args.notebooks:
            execute_file(path)
            print(f"executed {path}")
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
            for path in release.release(only=args.exercises):
                print(f"wrote {path.relative_to(ROOT)}")
    elif args.command == "bench":
        from .bench.notebooks import main as bench_main

        return bench_main()
    elif args.command == "grade":
        from .grading import main as grade_main

        return grade_main(args)
    elif args.command == "site":
        from .publish import site

        site.build(args.out or site.DEFAULT_OUT)
    elif args.command == "slides":
        from .publish import slides

        if args.write_metadata is not None:
            paths = args.write_metadata or sorted((ROOT / "notebooks").glob("*.ipynb"))
            for path in slides.write_metadata(paths):
                print(f"wrote slide metadata into {path}")
        else:
            slides.build(args.out or slides.DEFAULT_OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
