"""export-bank: every bank and exercise key in Moodle XML and GIFT, read back by parsers that
share no code with the writers.

Moodle XML is parsed with lxml. GIFT has no maintained Python parser that reads Moodle's own
syntax (pygiftparser 1.1 rejects negative numbers and the `~#feedback` of a numerical
question, which Moodle itself exports), so `read_gift` below reads a file the way Moodle's
importer does (question/format/gift/format.php: escape placeholders, the first `{` and `}`,
`####` general feedback, the order of its type tests, answers split on `=` and `~`), and a
small bank's GIFT, checked by hand against that importer, is a fixture file
(tests/fixtures/export_sample.gift).
"""

import itertools
import math
import re
from pathlib import Path

import pytest
from lxml import etree

from tipcourse.__main__ import main as cli
from tipcourse.quiz import export
from tipcourse.quiz.questions import check, validate_spec
from tipcourse.ui import markdown

FIXTURE = Path(__file__).parent / "fixtures" / "export_sample.gift"
BANKS = export.bank_ids()
ALL = [(bank, spec) for bank in BANKS for spec in export.load_questions(bank)]
MOODLE_FRACTIONS = [1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333]
MOODLE_FRACTIONS += [0.3, 0.25, 0.2, 0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0]

# A small bank with every kind and every field the export maps; its GIFT is the fixture.
SAMPLE = [
    {
        "id": "x01-single",
        "kind": "single",
        "prompt": "Braces {a}, tilde ~, equals =, hash #, colon : and <b>&</b> & 3 < 4 ]]> end",
        "points": 2,
        "options": {"a": "x = 1", "b": "#2 {b}"},
        "answer": "b",
        "feedback": {"a": "Not ~ this.", "b": "Right: {b}."},
        "explanation": "Because *b*.",
        "hint": "Look at b.",
    },
    {
        "id": "x01-multiple",
        "kind": "multiple",
        "prompt": "Pick the means.",
        "options": {"a": "Deception", "b": "Recruitment", "c": "Coercion"},
        "answer": ["a", "c"],
        "feedback": {"a": "A means.", "b": "An act.", "c": "A means."},
    },
    {
        "id": "x01-numeric",
        "kind": "numeric",
        "prompt": "Rate?",
        "answer": -27.5,
        "tolerance": 0.05,
        "unit": "%",
        "wrong_values": [
            {"value": 27.5, "feedback": "Mind the sign."},
            {"min": 100, "max": 200, "feedback": "That is a count: divide."},
        ],
        "feedback": {"correct": "Right.", "incorrect": "Check the year."},
    },
    {
        "id": "x01-text",
        "kind": "text",
        "prompt": "Term?",
        "answer": ["penjeratan utang", "debt*bondage"],
        "feedback": {"correct": "Yes.", "incorrect": "No: see Art. 1."},
    },
    {
        "id": "x01-categorize",
        "kind": "categorize",
        "prompt": "Sort.",
        "points": 3,
        "items": {"x": "Recruited", "y": "Deceived"},
        "categories": {"act": "Act", "means": "Means", "purpose": "Purpose"},
        "answer": {"x": "act", "y": "means"},
        "feedback": {"x": "An act.", "y": "A means."},
        "explanation": "Act and means.",
    },
    {
        "id": "x01-order",
        "kind": "order",
        "prompt": "Order.",
        "items": {"p": "UU 21/2007", "q": "Palermo Protocol"},
        "answer": ["q", "p"],
        "feedback": {"correct": "Right.", "incorrect": "The Protocol came first."},
    },
    {
        "id": "x01-open",
        "kind": "open",
        "prompt": "Discuss.",
        "points": 4,
        "min_words": 50,
        "rubric": [
            {"criterion": "Names act, means and purpose", "points": 3},
            {"criterion": "Cites the law: UU 21/2007", "points": 1},
        ],
        "explanation": "Model: recruitment by deception.",
    },
]
for _spec in SAMPLE:
    validate_spec(_spec)


def html(text: str) -> str:
    return markdown(text).strip()


def inline(text: str) -> str:
    h = html(text)
    return h[3:-4] if h.startswith("<p>") and h.endswith("</p>") and h.count("<p>") == 1 else h


def points(spec: dict) -> float:
    return float(spec.get("points", 1))


def percent_close(fraction: float, expected: float) -> bool:
    return abs(fraction - expected) < 1e-5  # Moodle's own test (match_grade_options)


# --- Moodle XML, read with lxml ---------------------------------------------------------------


def read_xml(text: str) -> list[dict]:
    root = etree.fromstring(text.encode("utf-8"))
    assert root.tag == "quiz"
    questions = []
    for q in root.findall("question"):
        data = {"type": q.get("type")}
        if data["type"] == "category":
            data["category"] = q.findtext("category/text")
            questions.append(data)
            continue
        data["name"] = q.findtext("name/text")
        data["questiontext"] = q.findtext("questiontext/text")
        assert q.find("questiontext").get("format") == "html"
        data["generalfeedback"] = q.findtext("generalfeedback/text") or ""
        data["defaultgrade"] = float(q.findtext("defaultgrade"))
        for tag in (
            "single",
            "usecase",
            "gradingtype",
            "selecttype",
            "layouttype",
            "showunits",
            "correctfeedback/text",
            "incorrectfeedback/text",
            "partiallycorrectfeedback/text",
            "graderinfo/text",
            "minwordlimit",
            "shownumcorrect",
        ):
            if q.find(tag) is not None:
                data[tag.split("/")[0]] = q.findtext(tag) or ""
        data["answers"] = [
            {
                "text": a.findtext("text") or "",
                "fraction": float(a.get("fraction")) / 100,
                "feedback": a.findtext("feedback/text") or "",
                "tolerance": float(a.findtext("tolerance"))
                if a.find("tolerance") is not None
                else None,
            }
            for a in q.findall("answer")
        ]
        data["subquestions"] = [
            (s.findtext("text") or "", s.findtext("answer/text") or "")
            for s in q.findall("subquestion")
        ]
        data["hints"] = [h.findtext("text") for h in q.findall("hint")]
        questions.append(data)
    return questions


# --- GIFT, read as Moodle's importer reads it --------------------------------------------------

_ESCAPES = {
    ":": "\x01",
    "#": "\x02",
    "=": "\x03",
    "{": "\x04",
    "}": "\x05",
    "~": "\x06",
    "n": "\x07",
}
_WEIGHT = re.compile(r"^%-*([0-9]{1,2})\.?([0-9]*)%")


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\x00")
    for char, placeholder in _ESCAPES.items():
        text = text.replace("\\" + char, placeholder)
    return text.replace("\x00", "\\")


def _post(text: str) -> str:
    for char, placeholder in _ESCAPES.items():
        text = text.replace(placeholder, "\n" if char == "n" else char)
    return text


def _with_format(text: str) -> str:
    text = text.strip()
    if text.startswith("[html]"):
        text = text[len("[html]") :]
    return _post(text).strip()


def _weight(answer: str) -> tuple[float, str]:
    end = answer.index("%", 1)
    return float(answer[1:end]) / 100, answer[end + 1 :]


def _comment(answer: str) -> tuple[str, str]:
    text, _, feedback = answer.partition("#")
    return _with_format(text), _with_format(feedback)


def read_gift(text: str) -> list[dict]:
    blocks, block = [], []
    for line in text.splitlines() + [""]:
        if line.strip():
            block.append(" " if line.strip().startswith("//") else line)
        elif block:
            blocks.append(block)
            block = []
    questions = []
    for lines in blocks:
        text = _pre("\n".join(lines).strip())
        if not text:
            continue
        if text.startswith("$CATEGORY:"):
            questions.append({"type": "category", "category": text[len("$CATEGORY:") :].strip()})
            continue
        assert text.startswith("::")
        name, text = text[2:].split("::", 1)
        start, end = text.index("{"), text.index("}")
        assert end == len(text) - 1, "answers follow the question text"
        answertext = text[start + 1 : end].strip()
        data = {"name": _post(name), "questiontext": _with_format(text[:start]), "answers": []}
        assert text.strip().startswith("[html]")
        data["generalfeedback"] = ""
        if "####" in answertext:
            cut = answertext.rindex("####")
            data["generalfeedback"] = _with_format(answertext[cut + 4 :])
            answertext = answertext[:cut].strip()
        if answertext == "":
            data["type"] = "essay"
        elif answertext.startswith("#"):
            data["type"] = "numerical"
            body, tilde, wrong = answertext[1:].partition("~")
            for answer in filter(None, (a.strip() for a in body.split("="))):
                fraction, answer = _weight(answer) if _WEIGHT.match(answer) else (1.0, answer)
                value, feedback = _comment(answer)
                if ".." in value:
                    low, high = map(float, value.split(".."))
                    value, tolerance = (low + high) / 2, (high - low) / 2
                else:
                    value, _, tolerance = value.partition(":")
                    value, tolerance = float(value), float(tolerance or 0)
                data["answers"].append(
                    {
                        "text": value,
                        "tolerance": tolerance,
                        "fraction": fraction,
                        "feedback": feedback,
                    }
                )
            if tilde:
                feedback = _comment(wrong)[1]
                data["answers"].append(
                    {"text": "*", "tolerance": 0, "fraction": 0.0, "feedback": feedback}
                )
        elif "~" in answertext:
            data["type"] = "multichoice"
            data["single"] = "true" if "=" in answertext else "false"
            for answer in filter(
                None, (a.strip() for a in answertext.replace("=", "~=").split("~"))
            ):
                if answer.startswith("="):
                    fraction, answer = 1.0, answer[1:]
                elif _WEIGHT.match(answer):
                    fraction, answer = _weight(answer)
                else:
                    fraction = 0.0
                label, feedback = _comment(answer)
                data["answers"].append({"text": label, "fraction": fraction, "feedback": feedback})
        elif "=" in answertext and "->" in answertext:
            data["type"] = "matching"
            data["subquestions"] = []
            for answer in filter(None, (a.strip() for a in answertext.split("="))):
                stem, _, label = answer.partition("->")
                data["subquestions"].append((_with_format(stem), _post(label).strip()))
        else:
            data["type"] = "shortanswer"
            for answer in filter(None, (a.strip() for a in answertext.split("="))):
                fraction, answer = _weight(answer) if _WEIGHT.match(answer) else (1.0, answer)
                label, feedback = _comment(answer)
                data["answers"].append({"text": label, "fraction": fraction, "feedback": feedback})
        questions.append(data)
    return questions


# --- what every question must read back as -----------------------------------------------------

QTYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "numeric": "numerical",
    "text": "shortanswer",
    "categorize": "matching",
    "order": "ordering",
    "open": "essay",
}


def expected_fractions(spec: dict) -> dict[str, float]:
    """The course's scoring as Moodle grades: single all or nothing; multiple +-1/k."""
    if spec["kind"] == "single":
        return {o: 1.0 if o == spec["answer"] else 0.0 for o in spec["options"]}
    k = len(spec["answer"])
    return {o: (1 if o in spec["answer"] else -1) / k for o in spec["options"]}


def outcome_html(spec: dict, outcome: str) -> str:
    text = spec.get("feedback", {}).get(outcome)
    return html(text) if text else ""


def assert_question(spec: dict, q: dict, fmt: str) -> None:
    kind = spec["kind"]
    assert q["name"] == spec["id"]
    assert q["type"] == QTYPES[kind]
    assert q["questiontext"].startswith(html(spec["prompt"]))
    if kind == "numeric" and spec.get("unit"):
        assert spec["unit"] in q["questiontext"][len(html(spec["prompt"])) :]
    if fmt == "xml":
        assert q["defaultgrade"] == points(spec)
        if spec.get("hint") and kind != "open":
            assert q["hints"] == [html(spec["hint"])]
    explanation = html(spec["explanation"]) if spec.get("explanation") else ""
    if kind in ("categorize", "open"):
        assert q["generalfeedback"].startswith(explanation)
    else:
        assert q["generalfeedback"] == explanation
    feedback = spec.get("feedback", {})
    if kind in ("single", "multiple"):
        assert q["single"] == ("true" if kind == "single" else "false")
        fractions = expected_fractions(spec)
        assert [a["text"] for a in q["answers"]] == [inline(v) for v in spec["options"].values()]
        assert [a["feedback"] for a in q["answers"]] == [
            inline(feedback[o]) for o in spec["options"]
        ]
        for answer, opt in zip(q["answers"], spec["options"], strict=True):
            assert percent_close(answer["fraction"], fractions[opt]), (spec["id"], opt)
            assert any(percent_close(abs(answer["fraction"]), f) for f in MOODLE_FRACTIONS)
        positive = sum(a["fraction"] for a in q["answers"] if a["fraction"] > 0)
        assert round(positive, 2) == 1.0  # Moodle's own check of a multiple-answer question
    elif kind == "numeric":
        first, *rest = q["answers"]
        assert (float(first["text"]), first["tolerance"], first["fraction"]) == (
            float(spec["answer"]),
            float(spec.get("tolerance", 0)),
            1.0,
        )
        assert first["feedback"] == outcome_html(spec, "correct")
        wrong = [a for a in rest if a["text"] != "*"]
        assert len(wrong) == len(spec.get("wrong_values", []))
        assert all(a["fraction"] == 0 for a in rest)
        if feedback.get("incorrect"):
            assert rest[-1]["text"] == "*" and rest[-1]["feedback"] == outcome_html(
                spec, "incorrect"
            )
    elif kind == "text":
        variants = spec["answer"] if isinstance(spec["answer"], list) else [spec["answer"]]
        right = [a for a in q["answers"] if a["fraction"] == 1.0]
        assert [a["text"].replace("\\*", "*") for a in right] == [v.strip() for v in variants]
        assert all(a["feedback"] == outcome_html(spec, "correct") for a in right)
        others = [a for a in q["answers"] if a["fraction"] != 1.0]
        if feedback.get("incorrect"):
            assert others == [
                {
                    **others[0],
                    "text": "*",
                    "fraction": 0.0,
                    "feedback": outcome_html(spec, "incorrect"),
                }
            ]
        if fmt == "xml":
            assert q["usecase"] == "0"
    elif kind == "categorize":
        pairs = [
            (inline(label), spec["categories"][spec["answer"][i]])
            for i, label in spec["items"].items()
        ]
        extra = [
            ("", label)
            for c, label in spec["categories"].items()
            if c not in spec["answer"].values()
        ]
        assert q["subquestions"] == pairs + extra
        for item in spec["items"]:
            assert inline(feedback[item]) in q["generalfeedback"]
    elif kind == "order":
        assert fmt == "xml"
        assert [a["text"] for a in q["answers"]] == [
            inline(spec["items"][i]) for i in spec["answer"]
        ]
        assert [round(a["fraction"] * 100) for a in q["answers"]] == list(
            range(1, len(spec["answer"]) + 1)
        )
        assert (q["gradingtype"], q["selecttype"]) == ("ABSOLUTE_POSITION", "ALL")
        assert q["shownumcorrect"] == "1"  # ordering reads the value, not the empty element
        assert q["correctfeedback"] == outcome_html(spec, "correct")
        assert q["incorrectfeedback"] == outcome_html(spec, "incorrect")
    elif kind == "open":
        info = q["graderinfo"] if fmt == "xml" else q["generalfeedback"]
        for row in spec["rubric"]:
            assert inline(row["criterion"]) in info
        if fmt == "xml":
            assert explanation in info and q["minwordlimit"] == ""


@pytest.mark.parametrize("bank", BANKS)
def test_moodle_xml_round_trip(bank):
    specs = export.load_questions(bank)
    category, *questions = read_xml(export.to_moodle_xml(specs, bank))
    assert category == {"type": "category", "category": f"$course$/top/tipcourse/{bank}"}
    assert [q["name"] for q in questions] == [s["id"] for s in specs]
    for spec, q in zip(specs, questions, strict=True):
        assert_question(spec, q, "xml")


@pytest.mark.parametrize("bank", BANKS)
def test_gift_round_trip(bank):
    specs = export.load_questions(bank)
    text = export.to_gift(specs, bank)
    category, *questions = read_gift(text)
    assert category == {"type": "category", "category": f"$course$/top/tipcourse/{bank}"}
    kept = [s for s in specs if s["kind"] != "order"]
    assert [q["name"] for q in questions] == [s["id"] for s in kept]
    for spec, q in zip(kept, questions, strict=True):
        assert_question(spec, q, "gift")
    for spec in specs:
        if spec["kind"] == "order":
            assert f"// {spec['id']} (order," in text and "NOT EXPORTED" in text
    assert export.unsupported(specs, "gift") == [s["id"] for s in specs if s["kind"] == "order"]
    assert export.unsupported(specs, "moodle-xml") == []


def test_every_kind_is_in_the_repository():
    assert {spec["kind"] for _, spec in ALL} == set(QTYPES)


# --- scoring: Moodle's arithmetic on the exported grades is the course's ----------------------


def moodle_multichoice_score(answers: list[dict], chosen: set[int]) -> float:
    """qtype_multichoice (several answers): the sum of the chosen grades, within 0..1."""
    return min(1.0, max(0.0, sum(answers[i]["fraction"] for i in chosen)))


@pytest.mark.parametrize("fmt", ["xml", "gift"])
def test_partial_credit_matches_the_course_for_every_choice(fmt):
    for bank in BANKS:
        specs = export.load_questions(bank)
        read = (
            read_xml(export.to_moodle_xml(specs))
            if fmt == "xml"
            else read_gift(export.to_gift(specs))
        )
        by_name = {q["name"]: q for q in read}
        for spec in specs:
            if spec["kind"] != "multiple":
                continue
            options = list(spec["options"])
            answers = by_name[spec["id"]]["answers"]
            for size in range(1, len(options) + 1):
                for chosen in itertools.combinations(range(len(options)), size):
                    course = check({**spec, "points": 1}, [options[i] for i in chosen]).score
                    moodle = moodle_multichoice_score(answers, set(chosen))
                    assert math.isclose(moodle, course, abs_tol=1e-4), (spec["id"], chosen)


def test_choosing_everything_scores_zero_when_wrong_options_outweigh():
    spec = {**SAMPLE[1], "options": {**SAMPLE[1]["options"], "d": "Harbouring"}}
    spec["feedback"] = {**spec["feedback"], "d": "An act."}
    (q,) = read_xml(export.to_moodle_xml([spec]))
    assert [a["fraction"] for a in q["answers"]] == [0.5, -0.5, 0.5, -0.5]
    assert moodle_multichoice_score(q["answers"], {0, 1, 2, 3}) == 0
    assert moodle_multichoice_score(q["answers"], {0, 2}) == 1


def test_fractions_moodle_accepts():
    for k in range(1, 11):
        spec = {
            "id": "x-many",
            "kind": "multiple",
            "options": {f"o{i}": f"Option {i}" for i in range(k + 1)},
            "answer": [f"o{i}" for i in range(k)],
        }
        shares = export.choice_percents(spec)
        assert math.isclose(sum(v for v in shares.values() if v > 0), 100, abs_tol=1e-3)
        assert shares[f"o{k}"] == -shares["o0"]
    eleven = {
        **spec,
        "options": {f"o{i}": "x" for i in range(12)},
        "answer": [f"o{i}" for i in range(11)],
    }
    with pytest.raises(export.ExportError, match="Moodle does not accept"):
        export.choice_percents(eleven)


def moodle_numerical(answers: list[dict], value: float) -> dict | None:
    """qtype_numerical: the first answer the value is within the tolerance of (`*`: any)."""
    for answer in answers:
        if answer["text"] == "*":
            return answer
        target, tolerance = float(answer["text"]), answer["tolerance"]
        slack = 1e-12 * max(abs(target), abs(tolerance), 1)
        if target - tolerance - slack <= value <= target + tolerance + slack:
            return answer
    return None


def numeric_samples(spec: dict) -> list[float]:
    answer, tol = float(spec["answer"]), float(spec.get("tolerance", 0))
    step = max(tol, 0.01 * max(abs(answer), 1))
    values = [
        answer,
        answer + tol * 0.999,
        answer - tol * 0.999,
        answer + 2 * step,
        answer - 3 * step,
    ]
    for entry in spec.get("wrong_values", []):
        values += (
            [entry["value"]]
            if "value" in entry
            else [entry["min"], entry["max"], (entry["min"] + entry["max"]) / 2]
        )
    return values


@pytest.mark.parametrize("fmt", ["xml", "gift"])
def test_numeric_tolerance_and_wrong_values_match_the_course(fmt):
    banks = [export.load_questions(b) for b in BANKS] + [SAMPLE]
    for specs in banks:
        read = (
            read_xml(export.to_moodle_xml(specs))
            if fmt == "xml"
            else read_gift(export.to_gift(specs))
        )
        by_name = {q["name"]: q for q in read}
        for spec in (s for s in specs if s["kind"] == "numeric"):
            for value in numeric_samples(spec):
                result = check({**spec, "points": 1}, value)
                answer = moodle_numerical(by_name[spec["id"]]["answers"], value) or {
                    "fraction": 0.0,
                    "feedback": "",  # no answer matched: Moodle marks it wrong, without feedback
                }
                assert answer["fraction"] == result.score, (spec["id"], value)
                assert answer["feedback"] in (
                    html(result.messages[0]),
                    inline(result.messages[0]),
                    "",
                )


def test_numeric_ranges_in_both_formats():
    spec = SAMPLE[2]
    xml = export.to_moodle_xml([spec])
    gift = export.to_gift([spec])
    assert "=%0%100..200#" in gift  # GIFT's own range syntax
    assert "=%100%-27.5:0.05#" in gift and "=%0%27.5:0.05#" in gift
    (q,) = read_xml(xml)
    assert [(a["text"], a["tolerance"]) for a in q["answers"]] == [
        ("-27.5", 0.05),
        ("27.5", 0.05),
        ("150", 50.0),
        ("*", 0.0),
    ]
    for value, feedback in [
        (-27.54, "Right."),
        (27.5, "Mind the sign."),
        (120, "That is a count"),
        (3, "Check"),
    ]:
        assert feedback in moodle_numerical(q["answers"], value)["feedback"]
    assert moodle_numerical(q["answers"], -27.56)["fraction"] == 0


# --- escaping --------------------------------------------------------------------------------


def test_escaping_special_characters():
    spec = SAMPLE[0]
    xml, gift = export.to_moodle_xml([spec]), export.to_gift([spec])
    (x,), (g,) = read_xml(xml), read_gift(gift)
    prompt = html(spec["prompt"])
    assert "<b>&amp;</b> &amp; 3 &lt; 4 ]]&gt; end" in prompt  # mistune keeps the <b>
    assert x["questiontext"] == g["questiontext"] == prompt
    assert (
        [a["text"] for a in x["answers"]]
        == [a["text"] for a in g["answers"]]
        == ["x = 1", "#2 {b}"]
    )
    assert [a["feedback"] for a in g["answers"]] == ["Not ~ this.", "Right: {b}."]
    line = next(line for line in gift.splitlines() if line.startswith("::x01-single::"))
    assert r"Braces \{a\}, tilde \~, equals \=, hash \#, colon \: and <b>&amp;</b>" in line
    assert "\t~x \\= 1#Not \\~ this." in gift and "\t=\\#2 \\{b\\}#Right\\: \\{b\\}." in gift


def test_xml_keeps_cdata_terminators_and_drops_forbidden_characters():
    spec = {**SAMPLE[0], "prompt": "a <!-- ]]> --> b \x0b c <![CDATA[ d"}
    (q,) = read_xml(export.to_moodle_xml([spec]))
    assert q["questiontext"] == html(spec["prompt"]).replace("\x0b", "")
    assert "]]>" in q["questiontext"] and "\x0b" not in q["questiontext"]


def test_gift_escape_backslash_and_newlines():
    assert export.gift_escape("a\\b\nc:d\r") == "a\\\\b\\nc\\:d"
    assert _post(_pre(export.gift_escape("x\\{y}\n~=#:"))) == "x\\{y}\n~=#:"


def test_short_answers_keep_a_literal_asterisk():
    (x,) = read_xml(export.to_moodle_xml([SAMPLE[3]]))
    assert [a["text"] for a in x["answers"]] == ["penjeratan utang", "debt\\*bondage", "*"]
    with pytest.raises(export.ExportError, match="->"):
        export.to_gift([{**SAMPLE[3], "answer": "a -> b"}])


# --- the fixture, checked by hand ----------------------------------------------------------


def test_gift_matches_the_hand_checked_fixture():
    assert export.to_gift(SAMPLE, "x01") == FIXTURE.read_text(encoding="utf-8")


def test_fixture_reads_back():
    questions = read_gift(FIXTURE.read_text(encoding="utf-8"))
    assert [q.get("name") for q in questions[1:]] == [
        s["id"] for s in SAMPLE if s["kind"] != "order"
    ]
    for spec, q in zip([s for s in SAMPLE if s["kind"] != "order"], questions[1:], strict=True):
        assert_question(spec, q, "gift")


def test_sample_in_xml():
    questions = read_xml(export.to_moodle_xml(SAMPLE, "x01"))[1:]
    for spec, q in zip(SAMPLE, questions, strict=True):
        assert_question(spec, q, "xml")


# --- the command -----------------------------------------------------------------------------


def test_cli_writes_refuses_to_overwrite_and_warns(tmp_path, capsys):
    out = tmp_path / "ex01.gift"
    assert cli(["export-bank", "ex01", "--format", "gift", "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "ex01-instruments-order skipped" in captured.err and "moodle-xml" in captured.err
    assert out.read_text(encoding="utf-8") == export.to_gift(export.load_questions("ex01"), "ex01")
    out.write_text("keep me", encoding="utf-8")
    assert cli(["export-bank", "ex01", "--format", "gift", "--out", str(out)]) == 1
    assert "--overwrite" in capsys.readouterr().err and out.read_text() == "keep me"
    xml = tmp_path / "l01.xml"
    assert cli(["export-bank", "l01", "--format", "moodle-xml", "--out", str(xml)]) == 0
    assert capsys.readouterr().err == ""
    assert (
        cli(["export-bank", "ex01", "--format", "moodle-xml", "--out", str(out), "--overwrite"])
        == 0
    )
    assert read_xml(out.read_text(encoding="utf-8"))[1]["name"] == "ex01-rina-elements"


def test_cli_unknown_bank_lists_the_known_ones(tmp_path, capsys):
    out = tmp_path / "x.xml"
    assert cli(["export-bank", "l99", "--format", "moodle-xml", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "unknown bank 'l99'" in err and "l01" in err and "ex01" in err
    assert not out.exists()
    with pytest.raises(SystemExit):
        cli(["export-bank", "l01", "--format", "qti", "--out", str(out)])
