"""How fast is grading answers as data, against executing one student notebook?

`run()` grades 10,000 synthetic submissions of one exercise (random valid answers drawn with
a fixed seed from its key) three times, each in a fresh process, reports the median time and
the peak memory (of the grader's process and of its largest worker), and executes
that exercise's student notebook once: the cost a grader that runs every notebook (nbgrader,
otter-grader) pays per submission. Target: the 10,000 graded in under 5 s on a 2-core
machine. `make bench` prints the lines.

The exercise is ex01 when `solutions/keys/ex01.json` exists; otherwise a synthetic exercise
with one question of each kind, so the benchmark runs before any exercise is written.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..paths import ROOT
from ..quiz.submission import build_submission

if TYPE_CHECKING:
    from nbformat import NotebookNode

N_SUBMISSIONS = 10_000
SEED = 20250301
TARGET_SECONDS = 5.0
SYNTHETIC = "ex99"


def synthetic_key() -> dict:
    """A key document with one question of every kind (the benchmark's stand-in exercise)."""
    q = f"{SYNTHETIC}-"
    return {
        "exercise": SYNTHETIC,
        "questions": [
            {
                "id": q + "single",
                "kind": "single",
                "prompt": "Does consent matter once deception was used?",
                "points": 1,
                "options": {"a": "Yes", "b": "No"},
                "answer": "b",
                "feedback": {"a": "Consent is irrelevant once a means was used.", "b": "Right."},
            },
            {
                "id": q + "multiple",
                "kind": "multiple",
                "prompt": "Which are means?",
                "points": 2,
                "options": {
                    "a": "Deception",
                    "b": "Recruitment",
                    "c": "Coercion",
                    "d": "Harbouring",
                },
                "answer": ["a", "c"],
                "feedback": {"a": "A means.", "b": "An act.", "c": "A means.", "d": "An act."},
            },
            {
                "id": q + "numeric",
                "kind": "numeric",
                "prompt": "Poverty rate (%)?",
                "points": 1,
                "answer": 21.09,
                "tolerance": 0.01,
                "unit": "%",
                "feedback": {"correct": "Right.", "incorrect": "Filter the year first."},
            },
            {
                "id": q + "text",
                "kind": "text",
                "prompt": "The Indonesian term for debt bondage?",
                "answer": ["penjeratan utang", "jeratan utang"],
                "explanation": "UU 21/2007.",
            },
            {
                "id": q + "categorize",
                "kind": "categorize",
                "prompt": "Sort the elements.",
                "points": 3,
                "items": {"x": "Recruited", "y": "Deceived", "z": "Forced labour"},
                "categories": {"act": "Act", "means": "Means", "purpose": "Purpose"},
                "answer": {"x": "act", "y": "means", "z": "purpose"},
                "feedback": {"x": "An act.", "y": "A means.", "z": "A purpose."},
            },
            {
                "id": q + "order",
                "kind": "order",
                "prompt": "Put in order.",
                "points": 2,
                "items": {"p": "UU 21/2007", "q": "Palermo Protocol", "r": "UU 18/2017"},
                "answer": ["q", "p", "r"],
            },
            {
                "id": q + "open",
                "kind": "open",
                "prompt": "Discuss the case.",
                "points": 4,
                "rubric": [
                    {"criterion": "Names act, means and purpose", "points": 3},
                    {"criterion": "Cites the law", "points": 1},
                ],
                "explanation": "A model answer.",
            },
        ],
    }


def key_document(root: Path = ROOT) -> dict:
    """ex01's key once the lead has released it; the synthetic key until then."""
    path = root / "solutions" / "keys" / "ex01.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    return synthetic_key()


def random_response(spec: dict, rng: random.Random) -> object:
    """A response of the right shape for the question: right or wrong, at random."""
    kind = spec["kind"]
    if kind == "single":
        return rng.choice(list(spec["options"]))
    if kind == "multiple":
        return rng.sample(list(spec["options"]), rng.randint(1, len(spec["options"])))
    if kind == "numeric":
        tol = float(spec.get("tolerance", 0)) or 1.0
        return round(float(spec["answer"]) + rng.uniform(-3, 3) * tol, 4)
    if kind == "text":
        variants = spec["answer"] if isinstance(spec["answer"], list) else [spec["answer"]]
        return rng.choice([*variants, "something else"])
    if kind == "categorize":
        return {item: rng.choice(list(spec["categories"])) for item in spec["items"]}
    if kind == "order":
        return rng.sample(list(spec["items"]), len(spec["items"]))
    return " ".join(
        rng.choice(["act", "means", "purpose", "consent", "law"])
        for _ in range(rng.randint(20, 120))
    )


def write_submissions(
    document: dict, folder: Path, n: int = N_SUBMISSIONS, seed: int = SEED
) -> list[Path]:
    """n submission files in the format students hand in, with random valid answers."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    qids = [spec["id"] for spec in document["questions"]]
    paths = []
    for i in range(n):
        answers = {
            spec["id"]: {
                "response": random_response(spec, rng),
                "attempts": rng.randint(1, 4),
                "saved_at": "2025-03-01T08:00:00+00:00",
            }
            for spec in document["questions"]
        }
        student = f"S{i:05d}"
        doc = build_submission(
            document["exercise"],
            student,
            answers,
            qids,
            submitted_at=f"2025-03-01T09:{i % 60:02d}:00+00:00",
        )
        path = folder / f"{document['exercise']}__{student}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def student_notebook(document: dict, root: Path = ROOT) -> NotebookNode:
    """The exercise's released student copy, or one built from the key like `release` would."""
    import nbformat

    from ..authoring.release import student_copy

    released = sorted((root / "exercises").glob(f"{document['exercise']}_*.ipynb"))
    if released:
        return nbformat.read(released[0], as_version=4)
    return student_copy(_solution_notebook(document), "synthetic")[0]


def _solution_notebook(document: dict) -> NotebookNode:
    import nbformat
    import yaml

    v4 = nbformat.v4
    cells = [
        v4.new_code_cell(
            f"from tipcourse import course, data\ncourse.start_solution({document['exercise']!r})"
        )
    ]
    cells += [
        v4.new_code_cell("%%question\n" + yaml.safe_dump(spec, sort_keys=False, allow_unicode=True))
        for spec in document["questions"]
    ]
    cells.append(v4.new_code_cell("course.submit_panel()"))
    return v4.new_notebook(cells=cells)


class GradingTime(NamedTuple):
    seconds: float  # the median of the runs
    runs: list[float]
    graded: int  # so that a silent failure cannot pass as speed
    memory: float  # MB: the peak resident memory of the grader's process
    worker_memory: float  # MB: of its largest worker (pages shared with the grader count in both)
    cpu: list[float] = []  # s: CPU time of each run, the grader's and its workers' (user + system)
    load: list[float] = []  # the 1-minute load average as each run started (other work)


def time_grading(document: dict, n: int = N_SUBMISSIONS, repeat: int = 3) -> GradingTime:
    """Grade n submissions `repeat` times, each in a fresh process (as `grade` runs), timing
    everything from reading to writing every output; other work on a shared machine makes
    single runs noisy, hence the median."""
    with tempfile.TemporaryDirectory(prefix="tipcourse-bench-") as tmp:
        tmp = Path(tmp)
        (tmp / "keys").mkdir()
        (tmp / "keys" / f"{document['exercise']}.json").write_text(
            json.dumps(document), encoding="utf-8"
        )
        write_submissions(document, tmp / "submissions", n)
        os.sync()  # the files just written are on disk: their write-back does not slow the run
        runs = [_in_a_fresh_process(tmp, f"out{i}") for i in range(repeat)]
    return GradingTime(
        statistics.median(r["seconds"] for r in runs),
        [r["seconds"] for r in runs],
        min(r["graded"] for r in runs),
        max(r["memory"] for r in runs),
        max(r["worker_memory"] for r in runs),
        [r["cpu"] for r in runs],
        [r["load"] for r in runs],
    )


def _in_a_fresh_process(folder: Path, out: str) -> dict:
    code = "import sys; from tipcourse.bench.grading import grade_once; grade_once(*sys.argv[1:])"
    done = subprocess.run(
        [sys.executable, "-c", code, str(folder), out], capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        raise RuntimeError(f"grading for the benchmark failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def grade_once(folder: str | Path, out: str) -> None:
    """Grade `folder`/submissions into a new folder `folder`/`out` (run by `time_grading` in a
    fresh process) and print the time, the count and the peak memory as JSON."""
    import resource  # Unix only, as is `make bench`

    from ..grading import grade

    folder = Path(folder)
    load = os.getloadavg()[0]
    before = os.times()
    start = time.perf_counter()
    report = grade([folder / "submissions"], folder / out, folder / "keys")
    seconds = time.perf_counter() - start
    after = os.times()
    me, workers = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    result = {  # ru_maxrss is in KB on Linux
        "seconds": seconds,
        "graded": len(report.graded),
        "memory": me.ru_maxrss / 1024,
        "worker_memory": workers.ru_maxrss / 1024,
        "cpu": sum(after[:4]) - sum(before[:4]),  # user and system, this process and children
        "load": load,
    }
    print(json.dumps(result))


def time_execution(nb: NotebookNode) -> float:
    """Seconds to execute the notebook once, kernel start included (as a grader would)."""
    from ..authoring.execute import execute_notebook

    with tempfile.TemporaryDirectory(prefix="tipcourse-bench-nb-") as tmp:
        start = time.perf_counter()
        execute_notebook(nb, cwd=Path(tmp))
        return time.perf_counter() - start


def run(root: Path = ROOT) -> list[str]:
    """Report lines for `make bench`."""
    document = key_document(root)
    exercise, kinds = document["exercise"], sorted({q["kind"] for q in document["questions"]})
    timing = time_grading(document)
    seconds, graded = timing.seconds, timing.graded
    per = seconds / max(graded, 1)
    verdict = "met" if seconds < TARGET_SECONDS and graded == N_SUBMISSIONS else "NOT met"
    lines = [
        f"Grading as data: {graded:,} submissions of {exercise} "
        f"({len(document['questions'])} questions: {', '.join(kinds)}) graded in "
        f"{seconds:.2f} s ({per * 1000:.2f} ms each; the median of "
        f"{', '.join(f'{s:.2f}' for s in timing.runs)} s in fresh processes), peak memory "
        f"{timing.memory:.0f} MB (its largest worker process {timing.worker_memory:.0f} MB); "
        f"target < {TARGET_SECONDS:g} s: {verdict}."
    ]
    if timing.cpu:
        lines.append(
            f"Its CPU time (the grader's process and its workers, user and system; less "
            f"affected by other work on the machine than the time): "
            f"{', '.join(f'{c:.2f}' for c in timing.cpu)} s; the load average as the runs "
            f"started: {', '.join(f'{a:.2f}' for a in timing.load)} on {os.cpu_count()} cores."
        )
    execution = time_execution(student_notebook(document, root))
    lines.append(
        f"Executing the {exercise} student notebook once (a notebook-executing "
        f"grader's cost per submission): {execution:.2f} s; for {N_SUBMISSIONS:,} "
        f"submissions about {execution * N_SUBMISSIONS / 60:.0f} min."
    )
    lines.append(
        f"Ratio: one notebook execution takes as long as grading "
        f"{execution / per:,.0f} submissions as data."
    )
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
