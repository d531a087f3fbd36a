"""Item analysis after grading (grading/analysis.py): a class whose statistics are worked out
by hand below, the small-class and zero-variance rules, and the files of a grading run."""

import json
import math
import re
import subprocess
import sys

import pytest
from test_grading import KEY, RIGHT, rows, submit

from tipcourse.grading import analysis, grade

NAN = re.compile(r"\bnan\b", re.IGNORECASE)  # a NaN printed anywhere

# A key of five auto-graded questions (ids carry their exercise, as released keys do).
KEY91 = {
    "exercise": "ex91",
    "questions": [
        {
            "id": "ex91-a",
            "kind": "single",
            "prompt": "Is consent irrelevant once deception is used?",
            "points": 1,
            "options": {"a": "No", "b": "Yes", "c": "Only for adults"},
            "answer": "b",
        },
        {
            "id": "ex91-b",
            "kind": "multiple",
            "prompt": "Which are means?",
            "points": 2,
            "options": {"a": "Deception", "b": "Recruitment", "c": "Coercion", "d": "Harbouring"},
            "answer": ["a", "c"],
        },
        {
            "id": "ex91-c",
            "kind": "numeric",
            "prompt": "Poverty rate (%)?",
            "points": 1,
            "answer": 21.09,
            "tolerance": 0.01,
        },
        {
            "id": "ex91-d",
            "kind": "text",
            "prompt": "Term for debt bondage?",
            "points": 1,
            "answer": ["penjeratan utang", "debt bondage"],
        },
        {
            "id": "ex91-e",
            "kind": "single",
            "prompt": "Which year?",
            "points": 1,
            "options": {"x": "2005", "y": "2007", "z": "2009"},
            "answer": "z",
        },
    ],
}

# The class: each student's answers (None: not answered) and, after #, the scores they earn.
#                     a     b                c        d               e       scores a b c d e
CLASS = {
    "S01": ("b", ["a"], 21.09, "debt bondage", "y"),  # 1 1 1 1 0 = 4
    "S02": ("b", ["a", "c"], 12.5, "debt bondage", "y"),  # 1 2 0 1 0 = 4
    "S03": ("b", ["c"], "21,09", "Debt Bondage", "y"),  # 1 1 1 1 0 = 4
    "S04": (
        "a",
        ["a", "b", "c"],
        21.09,
        "debt bondage",
        "z",
    ),  # 0 1 1 1 1 = 4 (b: 2 right - 1 wrong)
    "S05": ("b", ["a"], 21.09, "debt bondage", "x"),  # 1 1 1 1 0 = 4
    "S06": (None, None, 12.5, "debt bondage", "x"),  # 0 0 0 1 0 = 1
    "S07": ("a", ["b"], 21.09, "debt bondage", "x"),  # 0 0 1 1 0 = 2
    "S08": ("a", ["b"], 21.09, "debt bondage", "x"),  # 0 0 1 1 0 = 2
    "S09": ("a", ["b"], 21.09, "debt bondage", "x"),  # 0 0 1 1 0 = 2
    "S10": ("a", ["b"], 21.09, "debt bondage", "x"),  # 0 0 1 1 0 = 2
}
SCORES = {  # the same scores, per question: the plain lists the hand computations use
    "ex91-a": [1, 1, 1, 0, 1, 0, 0, 0, 0, 0],
    "ex91-b": [1, 2, 1, 1, 1, 0, 0, 0, 0, 0],
    "ex91-c": [1, 0, 1, 1, 1, 0, 1, 1, 1, 1],
    "ex91-d": [1] * 10,
    "ex91-e": [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
}
TOTALS = [4, 4, 4, 4, 4, 1, 2, 2, 2, 2]

# Facility = mean score / points:
#   a 4/10 = 0.4;  b (1+2+1+1+1)/10 / 2 = 0.3;  c 8/10 = 0.8;  d 10/10 = 1;  e 1/10 = 0.1.
FACILITY = {"ex91-a": 0.4, "ex91-b": 0.3, "ex91-c": 0.8, "ex91-d": 1.0, "ex91-e": 0.1}

# Discrimination: r between the question and rest = total - question, with
# Sxy = sum(x*rest) - n*mean(x)*mean(rest), Sxx = sum(x^2) - n*mean(x)^2, likewise Syy:
#   a: rest 3,3,3,4,3,1,2,2,2,2 (mean 2.5); Sxy = 12 - 10*0.4*2.5 = 2;
#      Sxx = 4 - 1.6 = 2.4; Syy = 69 - 62.5 = 6.5;  r = 2 / sqrt(2.4*6.5) = 0.50637
#   b: rest 3,2,3,3,3,1,2,2,2,2 (mean 2.3); Sxy = 16 - 10*0.6*2.3 = 2.2;
#      Sxx = 8 - 3.6 = 4.4; Syy = 57 - 52.9 = 4.1;  r = 2.2 / sqrt(4.4*4.1) = 0.51797
#   c: rest 3,4,3,3,3,1,1,1,1,1 (mean 2.1); Sxy = 16 - 10*0.8*2.1 = -0.8;
#      Sxx = 8 - 6.4 = 1.6; Syy = 57 - 44.1 = 12.9;  r = -0.8 / sqrt(1.6*12.9) = -0.17609
#   d: every student scored 1: zero variance, no r
#   e: rest 4,4,4,3,4,1,2,2,2,2 (mean 2.8); Sxy = 3 - 10*0.1*2.8 = 0.2;
#      Sxx = 1 - 0.1 = 0.9; Syy = 90 - 78.4 = 11.6;  r = 0.2 / sqrt(0.9*11.6) = 0.06190
DISCRIMINATION = {
    "ex91-a": 2 / math.sqrt(2.4 * 6.5),
    "ex91-b": 2.2 / math.sqrt(4.4 * 4.1),
    "ex91-c": -0.8 / math.sqrt(1.6 * 12.9),
    "ex91-d": None,
    "ex91-e": 0.2 / math.sqrt(0.9 * 11.6),
}
# Alpha over k = 5: the sums of squares (the n - 1 of the variances cancels) of the items are
# 2.4 + 4.4 + 1.6 + 0 + 0.9 = 9.3; of the totals 97 - 10*2.9^2 = 12.9;
# alpha = 5/4 * (1 - 9.3/12.9) = 4.5/12.9 = 15/43 = 0.34884.
ALPHA = 15 / 43
FLAGS = {
    "ex91-a": ["distractor never chosen: c"],
    "ex91-b": ["distractor never chosen: d"],
    "ex91-c": ["low discrimination", "negative discrimination"],
    "ex91-d": ["too easy"],
    "ex91-e": ["too hard", "low discrimination"],
}
# Option shares of the 10 students (S06 answered neither a nor b, so a's shares sum to 0.9;
# in b a student may choose several options).
SHARES = {
    ("ex91-a", "a"): (5, False),  # S04, S07-S10
    ("ex91-a", "b"): (4, True),  # S01, S02, S03, S05
    ("ex91-a", "c"): (0, False),
    ("ex91-b", "a"): (4, True),  # S01, S02, S04, S05
    ("ex91-b", "b"): (5, False),  # S04, S07-S10
    ("ex91-b", "c"): (3, True),  # S02, S03, S04
    ("ex91-b", "d"): (0, False),
    ("ex91-e", "x"): (6, False),  # S05-S10
    ("ex91-e", "y"): (3, False),  # S01-S03
    ("ex91-e", "z"): (1, True),  # S04
}


def independent_r(x: list, y: list) -> float | None:
    """Pearson's r from plain lists, written out (a second implementation, not the module's)."""
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return None if sxx == 0 or syy == 0 else sxy / math.sqrt(sxx * syy)


def class_answers(student: str) -> dict:
    return dict(zip([q["id"] for q in KEY91["questions"]], CLASS[student], strict=True))


@pytest.fixture
def keys(tmp_path):
    folder = tmp_path / "keys"
    folder.mkdir()
    for doc in (KEY, KEY91):
        (folder / f"{doc['exercise']}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


def run_class(tmp_path, keys, students=tuple(CLASS), out="out", **kwargs):
    subs = tmp_path / "subs"
    for student in students:
        submit(subs, student, class_answers(student), exercise="ex91")
    return grade([subs], tmp_path / out, keys, **kwargs)


def by_id(report) -> dict:
    (ex,) = analysis.analyse(report.graded)
    return ex, {item.question_id: item for item in ex.items}


# --- the statistics, against the hand computations ---------------------------------------------


def test_the_hand_computations_agree_with_an_independent_implementation():
    for qid, scores in SCORES.items():
        rest = [t - s for t, s in zip(TOTALS, scores, strict=True)]
        expected = DISCRIMINATION[qid]
        got = independent_r(scores, rest)
        assert got == pytest.approx(expected, abs=1e-12) if expected is not None else got is None
    items = [sum((s - sum(v) / 10) ** 2 for s in v) for v in SCORES.values()]
    totals = sum((t - sum(TOTALS) / 10) ** 2 for t in TOTALS)
    assert 5 / 4 * (1 - sum(items) / totals) == pytest.approx(ALPHA, abs=1e-12)


def test_facility_discrimination_flags_and_alpha_of_a_known_class(tmp_path, keys):
    report = run_class(tmp_path, keys)
    for qid, scores in SCORES.items():  # the grader scored the class as planned
        assert [g.grades[list(SCORES).index(qid)].score for g in report.graded] == scores
    ex, items = by_id(report)
    assert (ex.exercise, ex.n, ex.k) == ("ex91", 10, 5)
    for qid, item in items.items():
        assert (item.n, item.n_pending) == (10, 0)
        assert item.facility == pytest.approx(FACILITY[qid], abs=1e-9)
        if DISCRIMINATION[qid] is None:
            assert item.discrimination is None
        else:
            assert item.discrimination == pytest.approx(DISCRIMINATION[qid], abs=1e-9)
        assert item.flags == FLAGS[qid], qid
    assert "zero variance" in " ".join(items["ex91-d"].notes)
    assert ex.alpha == pytest.approx(ALPHA, abs=1e-9) and ex.alpha_note == ""
    assert items["ex91-c"].wrong_answers == [("12.5", 2)]  # S02 and S06


def test_score_distribution_of_a_known_class(tmp_path, keys):
    ex, _ = by_id(run_class(tmp_path, keys))
    # maximum 1+2+1+1+1 = 6; percents 100*total/6: five at 66.67, one 16.67, four 33.33.
    assert ex.percents == pytest.approx([100 * t / 6 for t in TOTALS], abs=1e-9)
    d = ex.distribution
    assert d["mean"] == pytest.approx(100 * 2.9 / 6, abs=1e-9)  # 29 points / 10 students
    assert d["median"] == pytest.approx((100 * 2 / 6 + 100 * 4 / 6) / 2, abs=1e-9)  # 5th, 6th
    assert d["sd"] == pytest.approx(100 * math.sqrt(12.9 / 9) / 6, abs=1e-9)  # sample SD
    assert (d["min"], d["max"]) == pytest.approx((100 / 6, 400 / 6), abs=1e-9)
    # bins of 10 points: 16.67 in 10-20, 33.33 in 30-40, 66.67 in 60-70
    assert analysis.histogram(ex.percents) == [0, 1, 0, 4, 0, 0, 5, 0, 0, 0]
    assert analysis.histogram([0, 9.99, 10, 99.9, 100]) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]


def test_the_csv_files_hold_the_same_numbers(tmp_path, keys):
    report = run_class(tmp_path, keys)
    table = {r["question_id"]: r for r in rows(report.out / "item_analysis.csv")}
    assert list(table) == list(SCORES)
    for qid, row in table.items():
        assert row["exercise"] == "ex91" and row["n"] == "10" and row["n_pending"] == "0"
        assert float(row["facility"]) == pytest.approx(FACILITY[qid], abs=1e-3)
        if DISCRIMINATION[qid] is None:
            assert row["discrimination"] == "" and "zero variance" in row["note"]
        else:  # a negative r is a number, not text with a leading '
            assert float(row["discrimination"]) == pytest.approx(DISCRIMINATION[qid], abs=1e-3)
        assert row["flags"] == "; ".join(FLAGS[qid])
    assert table["ex91-b"]["points"] == "2" and table["ex91-b"]["mean_score"] == "0.6"
    options = {(r["question_id"], r["option"]): r for r in rows(report.out / "item_options.csv")}
    assert set(options) == set(SHARES)
    for (qid, option), (count, is_key) in SHARES.items():
        row = options[qid, option]
        assert row["exercise"] == "ex91" and row["count"] == str(count)
        assert float(row["share"]) == pytest.approx(count / 10, abs=1e-9)
        assert row["is_key"] == ("true" if is_key else "false")
    assert options["ex91-a", "c"]["label"] == "Only for adults"
    text = (report.out / "item_analysis.csv").read_text(encoding="utf-8")
    assert not NAN.search(text) and "'-" not in text


# --- small classes, zero variance, open responses ---------------------------------------------


def test_fewer_than_10_students_gives_the_note_but_still_facility_and_shares(tmp_path, keys):
    report = run_class(tmp_path, keys, students=list(CLASS)[:9])  # S10 left out
    ex, items = by_id(report)
    assert ex.n == 9 and ex.alpha is None and ex.alpha_note == analysis.FEW_STUDENTS
    assert analysis.FEW_STUDENTS == "fewer than 10 students: coefficients not computed"
    for item in items.values():
        assert item.discrimination is None and analysis.FEW_STUDENTS in item.notes
    assert items["ex91-a"].facility == pytest.approx(4 / 9, abs=1e-9)
    assert items["ex91-c"].facility == pytest.approx(7 / 9, abs=1e-9)
    shares = {o.option: o.share for o in items["ex91-a"].options}
    assert shares == pytest.approx({"a": 4 / 9, "b": 4 / 9, "c": 0.0}, abs=1e-9)
    assert "distractor never chosen: c" in items["ex91-a"].flags
    assert "too easy" in items["ex91-d"].flags and "too hard" in items["ex91-e"].flags
    md = (report.out / "item_analysis.md").read_text(encoding="utf-8")
    assert md.count("fewer than 10 students: coefficients not computed") >= 6  # alpha, 5 items
    assert "Fewer than 10 students: no figures drawn" in md and not NAN.search(md)
    assert not list(report.out.rglob("*.png"))
    for row in rows(report.out / "item_analysis.csv"):
        assert row["discrimination"] == "" and "fewer than 10 students" in row["note"]


def test_zero_variance_everywhere_leaves_coefficients_empty_with_notes(tmp_path, keys):
    subs = tmp_path / "subs"
    for i in range(12):  # twelve identical submissions
        submit(subs, f"T{i:02d}", class_answers("S01"), exercise="ex91")
    report = grade([subs], tmp_path / "out", keys)
    ex, items = by_id(report)
    assert ex.alpha is None and "zero variance" in ex.alpha_note
    for item in items.values():
        assert item.discrimination is None
        assert any("zero variance" in note for note in item.notes), item.question_id
    for row in rows(report.out / "item_analysis.csv"):
        assert row["discrimination"] == "" and "zero variance" in row["note"]
    md = (report.out / "item_analysis.md").read_text(encoding="utf-8")
    assert "alpha not computed" in md and not NAN.search(md)
    assert (
        "no scatter plot" in md and not (report.out / "item_analysis" / "ex91_items.png").exists()
    )


def test_the_score_matrix_and_the_edge_cases_of_the_coefficients(tmp_path, keys):
    report = run_class(tmp_path, keys)
    (matrix,) = analysis.score_matrices(report.graded).values()
    assert matrix.exercise == "ex91" and matrix.students == list(CLASS)
    assert matrix.question_ids == list(SCORES) and matrix.auto == [0, 1, 2, 3, 4]
    assert matrix.scores.T.tolist() == list(SCORES.values())
    assert analysis.score_matrices([]) == {} and analysis.analyse([]) == []
    one = matrix.scores[:, [0]]  # a single auto-graded question: no rest, no alpha
    assert analysis.discrimination(one, [0], 0) == (
        None,
        "no other auto-graded question: discrimination not computed",
    )
    alpha, note = analysis.cronbach_alpha(one)
    assert alpha is None and note == "fewer than 2 auto-graded questions: alpha not computed"
    assert analysis.pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0, abs=1e-12)
    assert analysis.pearson([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0, abs=1e-12)
    assert analysis.pearson([1, 1, 1], [2, 4, 6]) is None and analysis.pearson([1], [2]) is None


def test_unscored_open_responses_are_left_out_of_their_question(tmp_path, keys):
    subs = tmp_path / "subs"
    for i in range(12):
        submit(subs, f"P{i:02d}", RIGHT if i < 6 else {**RIGHT, "ex90-single": "a"})
    report = grade([subs], tmp_path / "out", keys)
    row = {r["question_id"]: r for r in rows(report.out / "item_analysis.csv")}["ex90-open"]
    assert (row["n"], row["n_pending"], row["facility"], row["discrimination"]) == (
        "12",
        "12",
        "",
        "",
    )
    assert "12 open response(s) not scored yet" in row["note"]
    # The lecturer scores 8 of the 12 (4 points each): 4,4,4,4,2,2,2,2 -> facility 24/8/4 = 0.75.
    for g, score in zip(report.graded[:8], [4, 4, 4, 4, 2, 2, 2, 2], strict=True):
        (q,) = [q for q in g.grades if q.spec["kind"] == "open"]
        q.score, q.status = float(score), "scored"
    (ex,) = analysis.analyse(report.graded)
    (item,) = [i for i in ex.items if i.kind == "open"]
    assert (item.n, item.n_pending) == (12, 4)
    assert item.facility == pytest.approx(0.75, abs=1e-9)
    assert item.discrimination is None and analysis.FEW_STUDENTS in item.notes  # 8 < 10 scored
    assert ex.k == 6  # alpha over the six auto-graded questions only
    assert ex.pending_students == 4


# --- the files of a run ------------------------------------------------------------------------


def test_a_grading_run_writes_the_report_and_its_figures(tmp_path, keys):
    report = run_class(tmp_path, keys)
    out = report.out
    for name in ("item_analysis.csv", "item_options.csv", "item_analysis.md"):
        assert (out / name).is_file()
    figures = sorted(p.name for p in (out / "item_analysis").iterdir())
    assert figures == ["ex91_items.png", "ex91_scores.png"]
    for name in figures:
        assert (out / "item_analysis" / name).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    md = (out / "item_analysis.md").read_text(encoding="utf-8")
    assert "](item_analysis/ex91_scores.png)" in md and "](item_analysis/ex91_items.png)" in md
    assert md.count("*Alt text:*") == 2
    for line in md.splitlines():  # under each image, its alt text
        if line.startswith("!["):
            following = md.splitlines()[md.splitlines().index(line) + 2]
            assert following.startswith("*Alt text:*")
    assert "Cronbach's alpha over 5 auto-graded question(s): 0.349" in md
    assert "| 10 student(s) | 48.3 | 50.0 | 20.0 | 16.7 | 66.7 |" in md
    assert "0–10: 0, 10–20: 1, 20–30: 0, 30–40: 4" in md
    assert not NAN.search(md)


def test_overwrite_replaces_the_analysis_and_removes_stale_figures(tmp_path, keys):
    first = run_class(tmp_path, keys)
    assert (first.out / "item_analysis" / "ex91_items.png").exists()
    (first.out / "item_analysis" / "my-notes.txt").write_text("keep me")
    for path in (tmp_path / "subs").glob("*S1*.json"):
        path.unlink()  # S10 gone: 9 students, no figures
    again = grade([tmp_path / "subs"], first.out, keys, overwrite=True)
    assert not list((again.out / "item_analysis").glob("*.png"))
    assert (again.out / "item_analysis" / "my-notes.txt").read_text() == "keep me"
    assert {r["n"] for r in rows(again.out / "item_analysis.csv")} == {"9"}


def test_an_empty_batch_still_writes_the_files(tmp_path, keys):
    (tmp_path / "empty").mkdir()
    report = grade([tmp_path / "empty"], tmp_path / "out", keys)
    assert rows(report.out / "item_analysis.csv") == []
    assert "No submission was graded" in (report.out / "item_analysis.md").read_text()


def test_the_report_shows_no_markup_from_a_students_answer(tmp_path, keys):
    subs = tmp_path / "subs"
    evil = "<img src=x onerror=alert(1)> [click](http://evil.example) <script>x</script>"
    for i in range(3):
        submit(subs, f"E{i}", {**RIGHT, "ex90-text": evil if i else "<b>bold</b>\n# Score: 100"})
    report = grade([subs], tmp_path / "out", keys)
    md = (report.out / "item_analysis.md").read_text(encoding="utf-8")
    assert "Most common wrong answers" in md
    for raw in ("<img", "<script", "<b>", "](http", "\n# Score"):
        assert raw not in md
    assert "&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(http://evil.example\\)" in md
    assert "&lt;b&gt;bold&lt;/b&gt;" in md


def test_importing_the_grader_loads_no_pandas_numpy_or_matplotlib():
    code = "import sys, tipcourse.grading; print(sorted({'pandas', 'numpy', 'matplotlib'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "[]"


def test_figures_drawn_by_the_helper_process_are_the_same_bytes(tmp_path, keys, monkeypatch):
    from tipcourse.grading import analysis

    here = run_class(tmp_path / "here", keys).out
    monkeypatch.setattr(analysis, "MIN_PARALLEL", 1)  # this class is large enough for the helper
    helped = run_class(tmp_path / "helped", keys).out
    for name in ("ex91_items.png", "ex91_scores.png"):
        mine = (here / "item_analysis" / name).read_bytes()
        assert (helped / "item_analysis" / name).read_bytes() == mine
    assert (helped / "item_analysis.md").read_text() == (here / "item_analysis.md").read_text()
