"""Markdown helpers, and a plan's activity as a title (without the question ids it lists)."""

from __future__ import annotations

import re

from ...authoring.markers import plan_markers
from ...i18n import _

QID = re.compile(r"`([a-z]+\d\d-[\w-]+)`")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*`(\"])")


def plain(markdown: str) -> str:
    """Markdown -> the text a reader sees (for sizing and for alt text)."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*`]+|<[^>]+>", "", text)
    return " ".join(text.split())


def paragraphs(markdown: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", markdown) if p.strip()]


def list_items(markdown: str) -> list[str]:
    """The items of a Markdown list (`- x` or `1. x`, continuation lines indented)."""
    items: list[str] = []
    for line in markdown.splitlines():
        start = re.match(r"\s{0,3}(?:[-*]|\d+\.)\s+(.*)", line)
        if start:
            items.append(start.group(1))
        elif items and line.strip():
            items[-1] += " " + line.strip()
    return items


def unquote(block: str) -> str:
    return "\n".join(re.sub(r"^>\s?", "", line) for line in block.splitlines())


def strip_ids(text: str, language: str = "en") -> str:
    """A plan's activity without the question ids it lists: "Consent and children"."""
    marks = plan_markers(language)
    also, then = re.escape(marks.also), re.escape(marks.then)
    later = "|".join(map(re.escape, marks.time_allows))
    text = QID.sub("\0", text)
    text = re.sub(rf"\(\s*(?:{also}\s+)?\0(?:\s*(?:{later}))?\s*\)", "", text)
    text = re.sub(rf"\0(?:\s*(?:,|{also})\s*\0)*", "\0", text)
    text = re.sub(r"[:,]?\s*\0", "", text)
    text = re.sub(r"\s+([;,.])", r"\1", text)
    text = re.sub(rf"[\s:;,]+(?:{then}|{also})?$", "", " ".join(text.split()))
    return re.sub(r"[\s:;,]+$", "", text) or _("Activity")
