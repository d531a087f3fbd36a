"""Questions of a lesson bank or an exercise key in Moodle XML and in GIFT, for a Moodle quiz.

    python -m tipcourse export-bank lNN|exNN --format moodle-xml|gift --out FILE [--overwrite]

Both formats are written as Moodle's own importers read them (question/format/xml and
question/format/gift in Moodle's source; the ordering question type's XML is that of
qtype_ordering, a standard plugin of Moodle 4.4 and later). Every text is the course's Markdown
converted to HTML (`format="html"`, GIFT `[html]`); the question id is the question's name.

| kind       | Moodle question type                                                             |
|------------|----------------------------------------------------------------------------------|
| single     | multichoice, one answer: 100 on the key, 0 elsewhere; feedback per option         |
| multiple   | multichoice, several answers: each right option +100/k, each wrong one -100/k     |
|            | (k right options), so Moodle's sum, kept within 0..1, is the course's score       |
| numeric    | numerical: the answer with its tolerance, then each `wrong_values` entry at 0     |
|            | with its feedback, then `*` with the incorrect feedback (Moodle takes the first   |
|            | answer that matches, as the course does)                                          |
| text       | shortanswer, case-insensitive: every accepted variant at 100, then `*` at 0       |
| categorize | matching: each item a subquestion whose answer is its category's label; a        |
|            | category no item belongs to is an extra answer; per-item feedback goes into the   |
|            | general feedback (Moodle's matching has none per subquestion)                     |
| order      | ordering (XML only): all items, absolute-position grading; GIFT has no ordering   |
|            | question, so the GIFT file says so in a comment and the command warns             |
| open       | essay: the rubric and the model answer in the grader information                  |

`explanation` is the general feedback of every question (for open, also the model answer);
`hint` is a Moodle hint (XML only; Moodle shows hints in "interactive with multiple tries").
`points` is the default mark in XML; GIFT has no syntax for it (every question imports as
1 point: set the marks in the quiz). Where the formats cannot say what the course does, the
question text does (a numeric question's unit) or the grader information (an open question's
`min_words`: not Moodle's word limit, which would count a shorter essay as not answered).
GIFT has no grader information either: there the rubric follows the model answer in the
general feedback. Moodle compares short answers ignoring case only, not accents or
punctuation as the course does.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from decimal import Decimal
from html import escape
from pathlib import Path

from ..paths import ROOT
from .banks import lessons, load_bank
from .schema import check_unique_ids, validate_spec

FORMATS = ("moodle-xml", "gift")
KEYS = ROOT / "solutions" / "keys"
CATEGORY = "$course$/top/tipcourse/{bank}"  # where Moodle files the questions ("from file")

# Moodle accepts only these grades for an answer (question_bank::fraction_options_full), in
# percent, and their negatives; an import with any other grade fails.
MOODLE_PERCENTS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20) + (
    16.66667,
    14.28571,
    12.5,
    11.11111,
    10,
    5,
    0,
)


class ExportError(ValueError):
    """A bank cannot be exported (unknown id, or a question the format cannot hold)."""


# --- the banks -------------------------------------------------------------------------------


def bank_ids() -> list[str]:
    """Every bank that can be exported: the lessons' (lNN) and the exercise keys (exNN)."""
    exercises = sorted(p.stem for p in KEYS.glob("ex*.json")) if KEYS.is_dir() else []
    return lessons() + exercises


def load_questions(bank: str) -> list[dict]:
    """The question specs of a lesson bank (`l01`) or an exercise key (`ex01`), in order."""
    if bank in lessons():
        return list(load_bank(bank).values())
    path = KEYS / f"{bank}.json"
    if not re.fullmatch(r"ex[0-9]+", bank) or not path.is_file():
        raise ExportError(
            f"unknown bank {bank!r}; the known ones are {', '.join(bank_ids()) or 'none'} "
            "(exercise keys are written by `make release`)"
        )
    document = json.loads(path.read_text(encoding="utf-8"))
    if document.get("exercise") != bank or not isinstance(document.get("questions"), list):
        raise ExportError(f'{path}: expected {{"exercise": "{bank}", "questions": [...]}}')
    for spec in document["questions"]:
        validate_spec(spec, where=path.name)
    check_unique_ids((path.name, spec) for spec in document["questions"])
    return document["questions"]


# --- shared pieces ---------------------------------------------------------------------------


def _html(text: str) -> str:
    """Markdown to HTML (the widgets' converter), without the trailing newline."""
    from ..ui import markdown  # lazy: ipywidgets comes with it

    return markdown(text).strip()


def _inline(text: str) -> str:
    """A label or a short text as HTML without the paragraph around a single paragraph."""
    html = _html(text)
    match = re.fullmatch(r"<p>(.*)</p>", html, re.S)
    return match.group(1) if match and "<p>" not in match.group(1) else html


def _number(value: float) -> str:
    """A number as Moodle reads it: no exponent, no needless digits (2302, 27.5, -0.19)."""
    text = f"{float(value):.12g}"
    return format(Decimal(text), "f") if "e" in text else text


def _percent(value: float) -> str:
    """A grade in percent with Moodle's five decimals (33.33333, -50, 100)."""
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _points(spec: dict) -> str:
    return _number(spec.get("points", 1))


def choice_percents(spec: dict) -> dict[str, float]:
    """{option id: grade in percent} of a single or multiple question, as Moodle stores it.

    multiple: each right option earns 1/k of the points and each wrong one costs 1/k (k the
    number of right options), never below 0: the course's scoring, which Moodle's sum of
    the chosen grades, kept within 0..100 %, reproduces. (Choosing every option scores 0 only
    where there are at least as many wrong options as right ones, as in the course.)
    """
    key = spec["answer"]
    if spec["kind"] == "single":
        return {opt: 100.0 if opt == key else 0.0 for opt in spec["options"]}
    share = float(_percent(100 / len(key)))
    if not any(abs(share - allowed) < 1e-3 for allowed in MOODLE_PERCENTS):
        raise ExportError(
            f"question {spec['id']}: {len(key)} right options make a grade of {share}% per "
            "option, which Moodle does not accept (1 to 10 or 20 right options can be exported)"
        )
    return {opt: share if opt in key else -share for opt in spec["options"]}


def _variants(spec: dict) -> list[str]:
    answer = spec["answer"]
    return list(answer) if isinstance(answer, list) else [answer]


def _shortanswer_text(variant: str) -> str:
    """A literal `*` in a short answer is `\\*` (a bare `*` is Moodle's wildcard)."""
    return variant.strip().replace("*", "\\*")


def _wrong_values(spec: dict) -> list[tuple[float, float, str]]:
    """(value, tolerance, feedback) of each typical wrong answer; a range [min, max] is its
    midpoint with half its width as tolerance."""
    tolerance = float(spec.get("tolerance", 0))
    rows = []
    for entry in spec.get("wrong_values", []):
        if "value" in entry:
            rows.append((float(entry["value"]), tolerance, entry["feedback"]))
        else:
            low, high = float(entry["min"]), float(entry["max"])
            rows.append(((low + high) / 2, (high - low) / 2, entry["feedback"]))
    return rows


def _question_html(spec: dict) -> str:
    """The prompt, and what the format has no field for: the unit, the least words."""
    html = _html(spec["prompt"])
    if spec["kind"] == "numeric" and spec.get("unit"):
        html += f"\n<p>Unit: {escape(spec['unit'])}. Type the number only.</p>"
    return html


def _categorize_feedback(spec: dict) -> str:
    """The explanation, then why each item belongs where it does."""
    parts = [_html(spec["explanation"])] if spec.get("explanation") else []
    feedback = spec.get("feedback", {})
    lines = [
        f"<li><strong>{_inline(label)}</strong> → {escape(spec['categories'][spec['answer'][item]])}"
        + (f": {_inline(feedback[item])}" if feedback.get(item) else "")
        + "</li>"
        for item, label in spec["items"].items()
    ]
    return "\n".join(parts + ["<ul>", *lines, "</ul>"])


def _grader_info(spec: dict, model_answer: bool = True) -> str:
    """An open question's rubric (and model answer), for whoever scores the essay."""
    rows = [
        f"<li>{_inline(row['criterion'])} ({_number(row['points'])} pt)</li>"
        for row in spec["rubric"]
    ]
    html = f"<p><strong>Rubric</strong> ({_points(spec)} points):</p>\n<ul>\n" + "\n".join(rows)
    html += "\n</ul>"
    if spec.get("min_words"):
        html += f"\n<p>The course flags an answer of fewer than {spec['min_words']} words.</p>"
    if model_answer and spec.get("explanation"):
        html += "\n<p><strong>Model answer:</strong></p>\n" + _html(spec["explanation"])
    return html


def _explanation(spec: dict) -> str:
    return _html(spec["explanation"]) if spec.get("explanation") else ""


def _outcome(spec: dict, outcome: str) -> str:
    text = spec.get("feedback", {}).get(outcome, "")
    return _html(text) if text else ""


def unsupported(questions: list[dict], fmt: str) -> list[str]:
    """Ids of the questions `fmt` cannot hold (skipped with a comment in the file)."""
    return [q["id"] for q in questions if fmt == "gift" and q["kind"] == "order"]


# --- Moodle XML ------------------------------------------------------------------------------

_XML_INVALID = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _cdata(text: str) -> str:
    """Any text inside an XML element: one CDATA section (split around a `]]>`), without the
    control characters XML 1.0 does not allow."""
    text = _XML_INVALID.sub("", text)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>" if text else ""


def _xml_text(tag: str, html: str, indent: str = "    ", fmt: str | None = "html") -> list[str]:
    """`<tag format="html"><text>…</text></tag>`."""
    attribute = f' format="{fmt}"' if fmt else ""
    return [
        f"{indent}<{tag}{attribute}>",
        f"{indent}  <text>{_cdata(html)}</text>",
        f"{indent}</{tag}>",
    ]


def _xml_answer(
    fraction: str, text: str, feedback: str, fmt: str | None, extra: list[str]
) -> list[str]:
    attribute = f' format="{fmt}"' if fmt else ""
    return [
        f'    <answer fraction="{fraction}"{attribute}>',
        f"      <text>{_cdata(text)}</text>",
        *_xml_text("feedback", feedback, "      "),
        *extra,
        "    </answer>",
    ]


def _xml_combined(
    correct: str = "",
    partly: str = "",
    incorrect: str = "",
    shownumcorrect: str = "<shownumcorrect/>",
) -> list[str]:
    """The feedback for a right, partly right and wrong response; show how many are right
    (multichoice and matching read the empty element, ordering reads its value)."""
    return (
        _xml_text("correctfeedback", correct)
        + _xml_text("partiallycorrectfeedback", partly)
        + _xml_text("incorrectfeedback", incorrect)
        + [f"    {shownumcorrect}"]
    )


def _xml_choice(spec: dict) -> list[str]:
    percents = choice_percents(spec)
    lines = [
        f"    <single>{'true' if spec['kind'] == 'single' else 'false'}</single>",
        "    <shuffleanswers>false</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
        "    <showstandardinstruction>1</showstandardinstruction>",
        *_xml_combined(),
    ]
    feedback = spec.get("feedback", {})
    for opt, label in spec["options"].items():
        why = _inline(feedback[opt]) if feedback.get(opt) else ""
        lines += _xml_answer(_percent(percents[opt]), _inline(label), why, "html", [])
    return lines


def _xml_numeric(spec: dict) -> list[str]:
    def answer(fraction: str, value: str, tolerance: float, feedback: str) -> list[str]:
        return _xml_answer(
            fraction, value, feedback, None, [f"      <tolerance>{_number(tolerance)}</tolerance>"]
        )

    lines = answer(
        "100", _number(spec["answer"]), float(spec.get("tolerance", 0)), _outcome(spec, "correct")
    )
    for value, tolerance, feedback in _wrong_values(spec):
        lines += answer("0", _number(value), tolerance, _html(feedback))
    if spec.get("feedback", {}).get("incorrect"):
        lines += answer("0", "*", 0, _outcome(spec, "incorrect"))
    return lines + ["    <showunits>3</showunits>", "    <unitsleft>0</unitsleft>"]


def _xml_text_kind(spec: dict) -> list[str]:
    lines = ["    <usecase>0</usecase>"]
    for variant in _variants(spec):
        lines += _xml_answer("100", _shortanswer_text(variant), _outcome(spec, "correct"), None, [])
    if spec.get("feedback", {}).get("incorrect"):
        lines += _xml_answer("0", "*", _outcome(spec, "incorrect"), None, [])
    return lines


def _xml_categorize(spec: dict) -> list[str]:
    lines = ["    <shuffleanswers>false</shuffleanswers>", *_xml_combined()]
    used = set(spec["answer"].values())
    pairs = [
        (_inline(label), spec["categories"][spec["answer"][item]])
        for item, label in spec["items"].items()
    ]
    pairs += [("", label) for cat, label in spec["categories"].items() if cat not in used]
    for stem, label in pairs:
        lines += [
            '    <subquestion format="html">',
            f"      <text>{_cdata(stem)}</text>",
            "      <answer>",
            f"        <text>{_cdata(label)}</text>",
            "      </answer>",
            "    </subquestion>",
        ]
    return lines


def _xml_order(spec: dict) -> list[str]:
    items = spec["answer"]
    lines = [
        "    <layouttype>VERTICAL</layouttype>",
        "    <selecttype>ALL</selecttype>",
        f"    <selectcount>{len(items)}</selectcount>",
        "    <gradingtype>ABSOLUTE_POSITION</gradingtype>",
        "    <showgrading>SHOW</showgrading>",
        "    <numberingstyle>none</numberingstyle>",
        *_xml_combined(
            _outcome(spec, "correct"),
            _outcome(spec, "incorrect"),
            _outcome(spec, "incorrect"),
            "<shownumcorrect>1</shownumcorrect>",
        ),
    ]
    for position, item in enumerate(items, start=1):
        lines += [
            f'    <answer fraction="{position}" format="html">',
            f"      <text>{_cdata(_inline(spec['items'][item]))}</text>",
            "    </answer>",
        ]
    return lines


def _xml_open(spec: dict) -> list[str]:
    return [
        "    <responseformat>editor</responseformat>",
        "    <responserequired>1</responserequired>",
        "    <responsefieldlines>15</responsefieldlines>",
        "    <minwordlimit></minwordlimit>",
        "    <maxwordlimit></maxwordlimit>",
        "    <attachments>0</attachments>",
        "    <attachmentsrequired>0</attachmentsrequired>",
        "    <maxbytes>0</maxbytes>",
        "    <filetypeslist></filetypeslist>",
        *_xml_text("graderinfo", _grader_info(spec)),
        *_xml_text("responsetemplate", ""),
    ]


_XML_KINDS: dict[str, tuple[str, Callable[[dict], list[str]]]] = {
    "single": ("multichoice", _xml_choice),
    "multiple": ("multichoice", _xml_choice),
    "numeric": ("numerical", _xml_numeric),
    "text": ("shortanswer", _xml_text_kind),
    "categorize": ("matching", _xml_categorize),
    "order": ("ordering", _xml_order),
    "open": ("essay", _xml_open),
}


def _xml_question(spec: dict) -> list[str]:
    qtype, body = _XML_KINDS[spec["kind"]]
    general = _categorize_feedback(spec) if spec["kind"] == "categorize" else _explanation(spec)
    lines = [
        f'  <question type="{qtype}">',
        "    <name>",
        f"      <text>{_cdata(spec['id'])}</text>",
        "    </name>",
        *_xml_text("questiontext", _question_html(spec)),
        *_xml_text("generalfeedback", general),
        f"    <defaultgrade>{_points(spec)}</defaultgrade>",
        "    <penalty>0</penalty>",
        "    <hidden>0</hidden>",
        *body(spec),
    ]
    if spec.get("hint") and spec["kind"] != "open":  # an essay has no hints
        lines += _xml_text("hint", _html(spec["hint"]))
    return lines + ["  </question>"]


def to_moodle_xml(questions: list[dict], bank: str | None = None) -> str:
    """The questions as a Moodle XML file (Question bank › Import › Moodle XML format); with
    `bank`, they go into the category tipcourse/<bank> (when "Get category from file" is on)."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    if bank:
        lines += [
            '  <question type="category">',
            "    <category>",
            f"      <text>{_cdata(CATEGORY.format(bank=bank))}</text>",
            "    </category>",
            *_xml_text("info", ""),
            "  </question>",
        ]
    for spec in questions:
        lines += _xml_question(spec)
    return "\n".join(lines + ["</quiz>"]) + "\n"


# --- GIFT ------------------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([~=#{}:])")


def gift_escape(text: str) -> str:
    """Text inside a GIFT question: `\\`, `~ = # { } :` with a backslash; a line break is
    `\\n` (every question stays on its lines: a blank line ends a question)."""
    text = text.replace("\\", "\\\\").replace("\r", "")
    return _GIFT_SPECIAL.sub(r"\\\1", text).replace("\n", "\\n")


def _gift_plain(text: str, spec: dict) -> str:
    """A plain-text answer (short answer, matching): escaped; `->` cannot be escaped in GIFT."""
    if "->" in text:
        raise ExportError(
            f"question {spec['id']}: the answer {text!r} has '->', which GIFT cannot hold"
        )
    return gift_escape(text.strip())


def _gift_feedback(html: str) -> str:
    return f"#{gift_escape(html)}" if html else ""


def _gift_choice(spec: dict) -> list[str]:
    percents, feedback = choice_percents(spec), spec.get("feedback", {})
    lines = []
    for opt, label in spec["options"].items():
        if spec["kind"] == "single":
            mark = "=" if percents[opt] == 100 else "~"
        else:  # no '=' at all: Moodle then allows several answers
            mark = f"~%{_percent(percents[opt])}%"
        why = _inline(feedback[opt]) if feedback.get(opt) else ""
        lines.append(f"\t{mark}{gift_escape(_inline(label))}{_gift_feedback(why)}")
    return lines


def _gift_numeric(spec: dict) -> list[str]:
    tolerance = float(spec.get("tolerance", 0))
    lines = [
        f"\t=%100%{_number(spec['answer'])}:{_number(tolerance)}{_gift_feedback(_outcome(spec, 'correct'))}"
    ]
    for entry in spec.get("wrong_values", []):
        if "value" in entry:
            value = f"{_number(entry['value'])}:{_number(tolerance)}"
        else:
            value = f"{_number(entry['min'])}..{_number(entry['max'])}"
        lines.append(f"\t=%0%{value}{_gift_feedback(_html(entry['feedback']))}")
    if spec.get("feedback", {}).get("incorrect"):
        lines.append(f"\t~{_gift_feedback(_outcome(spec, 'incorrect'))}")
    return lines


def _gift_text(spec: dict) -> list[str]:
    correct = _gift_feedback(_outcome(spec, "correct"))
    lines = [f"\t=%100%{_gift_plain(_shortanswer_text(v), spec)}{correct}" for v in _variants(spec)]
    if spec.get("feedback", {}).get("incorrect"):
        lines.append(f"\t=%0%*{_gift_feedback(_outcome(spec, 'incorrect'))}")
    return lines


def _gift_categorize(spec: dict) -> list[str]:
    used = set(spec["answer"].values())
    lines = [
        f"\t={gift_escape(_inline(label))} -> {_gift_plain(spec['categories'][spec['answer'][item]], spec)}"
        for item, label in spec["items"].items()
    ]
    return lines + [
        f"\t= -> {_gift_plain(label, spec)}"
        for cat, label in spec["categories"].items()
        if cat not in used
    ]


_GIFT_KINDS: dict[str, Callable[[dict], list[str]]] = {
    "single": _gift_choice,
    "multiple": _gift_choice,
    "numeric": _gift_numeric,
    "text": _gift_text,
    "categorize": _gift_categorize,
}


def _gift_question(spec: dict) -> list[str]:
    comment = f"// {spec['id']} ({spec['kind']}, {_points(spec)} pt)"
    if spec["kind"] == "order":
        return [
            comment + ": NOT EXPORTED. GIFT has no ordering question;",
            "// export this bank with --format moodle-xml to include it (Moodle's ordering type).",
        ]
    head = f"::{spec['id']}::[html]{gift_escape(_question_html(spec))}"
    if spec["kind"] == "categorize":
        general = _categorize_feedback(spec)
    elif spec["kind"] == "open":  # GIFT has no grader information: the rubric goes here
        general = "\n".join(p for p in (_explanation(spec), _grader_info(spec, False)) if p)
    else:
        general = _explanation(spec)
    if spec["kind"] == "open":
        return [comment, f"{head}{{####{gift_escape(general)}}}" if general else head + "{}"]
    answers = [{"numeric": "{#"}.get(spec["kind"], "{")]
    answers += _GIFT_KINDS[spec["kind"]](spec)
    if general:
        answers.append(f"\t####{gift_escape(general)}")
    return [comment, head + answers[0], *answers[1:], "}"]


def to_gift(questions: list[dict], bank: str | None = None) -> str:
    """The questions as a GIFT file (Question bank › Import › GIFT format), UTF-8; ordering
    questions are left out with a comment (see `unsupported`)."""
    lines = [
        "// Moodle GIFT format, UTF-8; texts are HTML. GIFT has no marks: every question",
        "// imports as 1 point (the comment above each question gives its points).",
        "",
    ]
    if bank:
        lines += [f"$CATEGORY: {CATEGORY.format(bank=bank)}", ""]
    for spec in questions:
        lines += _gift_question(spec) + [""]
    return "\n".join(lines)


# --- the command -----------------------------------------------------------------------------

WRITERS: dict[str, Callable[[list[dict], str | None], str]] = {
    "moodle-xml": to_moodle_xml,
    "gift": to_gift,
}


def export(bank: str, fmt: str) -> str:
    """The bank's questions in `fmt` (one of FORMATS)."""
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r}; choose {' or '.join(FORMATS)}")
    return WRITERS[fmt](load_questions(bank), bank)


def main(bank: str, fmt: str, out: Path, overwrite: bool = False) -> int:
    """The `export-bank` command: 0 written, 1 nothing written (the message says why)."""
    out = Path(out)
    if out.exists() and not overwrite:
        print(
            f"export-bank: {out} exists; nothing was written (pass --overwrite to replace it).",
            file=sys.stderr,
        )
        return 1
    try:
        questions = load_questions(bank)
        text = WRITERS[fmt](questions, bank)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except (OSError, ValueError) as err:  # ExportError, SpecError and bad JSON are ValueErrors
        print(f"export-bank: nothing was written: {err}", file=sys.stderr)
        return 1
    skipped = unsupported(questions, fmt)
    for qid in skipped:
        print(
            f"export-bank: warning: {qid} skipped: GIFT has no ordering question "
            "(use --format moodle-xml to include it)",
            file=sys.stderr,
        )
    print(f"wrote {out}: {len(questions) - len(skipped)} questions of {bank} as {fmt}")
    return 0
