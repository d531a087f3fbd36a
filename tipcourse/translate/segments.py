"""What a translator translates in each kind of text, and putting the translations back.

Every function here takes a `translate(text, note) -> str` that returns the translation of one
segment (or the English when there is none), and returns the text rebuilt from the translated
segments; extraction is the same walk with a `translate` that records what it is asked.

- Markdown: one segment per block (the lines between blank lines; a fenced block whole).
- A question spec: its text fields (`SPEC_TEXT`), never its ids, kinds, points or key.
- Python: comments, and string constants a reader sees (text with a space), except those the
  code matches against data (`data.load`, `.isin`, a subscript, ...).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable

Translate = Callable[[str, str], str]

FENCE = re.compile(r"^\s*(```+|~~~+|:::+)")
BLANK = re.compile(r"^\s*$")


# --- Markdown ---------------------------------------------------------------------------------


def markdown_blocks(text: str) -> list[tuple[str, bool]]:
    """`text` cut into (piece, is_block): blocks to translate and the blank lines between them,
    which joined give `text` back."""
    lines = text.splitlines(keepends=True)
    pieces: list[tuple[str, bool]] = []
    block: list[str] = []
    fence = None
    for line in lines:
        if fence is None and BLANK.match(line):
            if block:
                pieces.append(("".join(block), True))
                block = []
            pieces.append((line, False))
            continue
        block.append(line)
        opened = FENCE.match(line)
        if fence is None and opened:
            fence = opened.group(1)[:3]
        elif fence is not None and opened and opened.group(1).startswith(fence) and len(block) > 1:
            fence = None
    if block:
        pieces.append(("".join(block), True))
    return pieces


def markdown(text: str, translate: Translate, note: str = "Markdown") -> str:
    out = []
    for piece, is_block in markdown_blocks(text):
        if not is_block:
            out.append(piece)
            continue
        body = piece.rstrip("\n")
        tail = piece[len(body) :]
        out.append((translate(body, note) if _has_words(body) else body) + tail)
    return "".join(out)


def _has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", text))


# --- question specs ---------------------------------------------------------------------------

# Fields whose values are text for the student: (field, how its value holds text).
SPEC_TEXT = {
    "prompt": "text",
    "hint": "text",
    "unit": "text",
    "explanation": "text",
    "options": "values",
    "items": "values",
    "categories": "values",
    "feedback": "values",
    "wrong_values": "feedback",
    "rubric": "criterion",
}


def spec(spec_: dict, translate: Translate) -> dict:
    """A copy of a question spec with its text fields translated; everything else the same."""
    out = dict(spec_)
    qid = spec_.get("id", "?")
    for name, how in SPEC_TEXT.items():
        value = spec_.get(name)
        note = f"{qid}: {name}"
        if how == "text" and isinstance(value, str):
            out[name] = translate(value, note)
        elif how == "values" and isinstance(value, dict):
            out[name] = {
                k: translate(v, f"{note} {k}") if isinstance(v, str) else v
                for k, v in value.items()
            }
        elif isinstance(value, list):
            out[name] = [
                {**row, how: translate(row[how], f"{note} {how}")}
                if isinstance(row, dict) and isinstance(row.get(how), str)
                else row
                for row in value
            ]
    return out


# --- Python -----------------------------------------------------------------------------------

CODE_NOTE = (
    "Python in a code cell: translate what a reader sees (titles, labels, sentences); "
    "copy unchanged what the code matches against (column names, data values, patterns)"
)
# Calls whose string arguments the code matches against data or names a file or question.
MATCHED_CALLS = {
    "load",
    "ask",
    "record",
    "start_lesson",
    "start_assignment",
    "start_solution",
    "isin",
    "contains",
    "startswith",
    "endswith",
    "match",
    "query",
    "eval",
    "citation",
    "caveats",
    "set_index",
    "sort_values",
    "groupby",
    "drop",
    "get",
    "pivot",
    "pivot_table",
    "merge",
}


# Calls whose string arguments are shown (a plot's title and axis labels), even one word long.
SHOWN_CALLS = {
    "finish",
    "set_title",
    "set_xlabel",
    "set_ylabel",
    "suptitle",
    "to_frame",
    "print",
}
SHOWN_KEYWORDS = {"title", "xlabel", "ylabel", "label", "caption"}


def python(source: str, translate: Translate) -> str:
    """`source` with its comments and reader-facing strings translated. Code that does not
    parse (IPython magics) is left as it is."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source
    source = _replace_strings(source, tree, translate)
    return _replace_comments(source, translate)


FSTRING = re.compile(r"\A[fF][rR]?(\"|')(.*)\1\Z", re.S)  # a one-line f-string, its text
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _shown_strings(tree: ast.AST) -> list[ast.expr]:
    """The string constants and f-strings of `tree` that a reader sees."""
    matched: set[int] = set()
    shown: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in MATCHED_CALLS:
                matched.update(id(n) for arg in node.args for n in ast.walk(arg))
            if name in SHOWN_CALLS:
                shown.update(id(arg) for arg in node.args)
            shown.update(id(k.value) for k in node.keywords if k.arg in SHOWN_KEYWORDS)
        elif isinstance(node, ast.Subscript):
            matched.update(id(n) for n in ast.walk(node.slice))
        elif isinstance(node, ast.Compare):
            matched.update(id(n) for n in ast.walk(node))
        elif isinstance(node, ast.Dict):
            matched.update(id(k) for k in node.keys if k is not None)
        elif isinstance(node, ast.JoinedStr):
            matched.update(id(n) for v in node.values for n in ast.walk(v))
    found = []
    for node in ast.walk(tree):
        if id(node) in matched:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = " ".join(v.value for v in node.values if isinstance(v, ast.Constant))
        else:
            continue
        if (" " in text.strip() or id(node) in shown) and _has_words(text):
            found.append(node)
    return found


def _replace_strings(source: str, tree: ast.AST, translate: Translate) -> str:
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line.encode("utf-8")))
    data = source.encode("utf-8")
    spans = []
    for node in sorted(_shown_strings(tree), key=lambda n: (n.lineno, n.col_offset)):
        start = starts[node.lineno - 1] + node.col_offset
        end = starts[node.end_lineno - 1] + node.end_col_offset
        literal = data[start:end].decode("utf-8")
        if isinstance(node, ast.Constant):
            spans.append((start, end, node.value, translate(node.value, CODE_NOTE), None))
            continue
        match = FSTRING.match(literal)
        if match:  # an f-string: its text with the {placeholders} as written
            text = match.group(2)
            spans.append((start, end, text, translate(text, FSTRING_NOTE), literal))
    for start, end, text, translated, literal in reversed(spans):
        if translated == text:
            continue
        new = (
            _literal(translated, data[start:end])
            if literal is None
            else _fstring(literal, text, translated)
        )
        data = data[:start] + new.encode("utf-8") + data[end:]
    return data.decode("utf-8")


FSTRING_NOTE = (
    "A Python f-string in a code cell: translate the words; keep every {placeholder} exactly "
    "as it is (they are filled in by the code), and no quote marks or backslashes"
)


def _fstring(literal: str, text: str, translated: str) -> str:
    """The f-string `literal` with `translated` for its text, if that keeps its placeholders
    and is valid Python; else the English as it was."""
    quote = FSTRING.match(literal).group(1)
    same = sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(translated))
    new = literal[: literal.index(quote)] + quote + translated + quote
    try:
        ast.parse(new)
    except SyntaxError:
        return literal
    return new if same and quote not in translated and "\n" not in translated else literal


def _literal(text: str, original: bytes) -> str:
    """A Python literal of `text`, quoted as the original was where it can be."""
    quote = '"' if original.lstrip(b"rbuf").startswith(b'"') else "'"
    if quote in text or "\\" in text or "\n" in text:
        return repr(text)
    return f"{quote}{text}{quote}"


def _replace_comments(source: str, translate: Translate) -> str:
    """Each comment translated; consecutive comment lines at one indent are one segment (a
    sentence may run over them), written back a line of the translation per line."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return source
    lines = source.splitlines(keepends=True)
    groups: list[list[tokenize.TokenInfo]] = []
    for token in (t for t in tokens if t.type == tokenize.COMMENT):
        whole_line = not lines[token.start[0] - 1][: token.start[1]].strip()
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and whole_line
            and token.start == (last.start[0] + 1, last.start[1])
            and not lines[last.start[0] - 1][: last.start[1]].strip()
        ):
            groups[-1].append(token)
        else:
            groups.append([token])
    texts = ["\n".join(t.string[1:].strip() for t in group) for group in groups]
    shown = [_has_words(text) and not text.startswith(("noqa", "type:", "fmt:")) for text in texts]
    translations = [
        translate(text, "a comment in Python code") if show else text
        for text, show in zip(texts, shown, strict=True)
    ]
    for group, text, translation in reversed(list(zip(groups, texts, translations, strict=True))):
        if translation == text:
            continue
        translated = translation.split("\n")
        first_row, col = group[0].start
        head = lines[first_row - 1][:col]
        tail = lines[group[-1].start[0] - 1][group[-1].end[1] :]
        indent = " " * col
        new = [head + "# " + translated[0]] + [indent + "# " + t for t in translated[1:]]
        lines[first_row - 1 : group[-1].start[0]] = ["\n".join(new) + tail]
    return "".join(lines)
