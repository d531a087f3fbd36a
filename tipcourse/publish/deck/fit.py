"""A slide that does not fit: shown at the dense size, else split into slides that each fit,
filled evenly ("(continued)" on the later ones)."""

from __future__ import annotations

from dataclasses import replace

from ...i18n import _
from .geometry import DENSE, FONT
from .measure import block_height, budget, slide_height
from .model import Block, Slide
from .text import SENTENCE


def continued(title: str) -> str:
    return _("{title} (continued)").format(title=title)


def fit(slide: Slide) -> list[Slide]:
    """`slide`, or the dense size of it, or it split into slides that each fit, filled evenly
    (a paragraph too long for one slide is cut at sentences; sticky blocks repeat)."""
    if slide_height(slide) <= budget():
        return [slide]
    dense = replace(slide, dense=True)
    if slide_height(dense) <= budget():
        return [dense]
    blocks = [piece for b in slide.blocks for piece in _pieces(b, dense)]
    pages = _pack(dense, blocks, budget())
    for limit in range(int(budget() / len(pages)), int(budget()), 10):
        even = _pack(dense, blocks, limit)
        if len(even) == len(pages):
            pages = even
            break
    return [
        replace(
            dense,
            title=slide.title if n == 0 else continued(slide.title),
            blocks=page,
            notes=slide.notes if n == 0 else "",
        )
        for n, page in enumerate(pages)
    ]


def _pack(slide: Slide, blocks: list[Block], limit: float) -> list[list[Block]]:
    """Blocks into pages no taller than `limit` (a page takes at least one block)."""
    font = DENSE if slide.dense else FONT
    empty = slide_height(replace(slide, blocks=[], title=continued(slide.title)))
    pages: list[list[Block]] = [[]]
    sticky: list[Block] = []  # repeated at the top of every later page
    used = empty
    for block in blocks:
        tall = block_height(block, font)
        if len(pages[-1]) > len(sticky) and used + tall > limit:
            pages.append(list(sticky))
            used = empty + sum(block_height(b, font) for b in sticky)
        pages[-1].append(block)
        used += tall
        if block.sticky:
            sticky.append(block)
    return pages


def _pieces(block: Block, dense: Slide) -> list[Block]:
    """A block too tall for a slide of its own, cut into sentences."""
    alone = replace(dense, blocks=[block], title=continued(dense.title))
    if block.kind in ("image", "table") or slide_height(alone) <= budget():
        return [block]
    sentences = SENTENCE.split(block.text)
    half = len(sentences) // 2 or 1
    if len(sentences) < 2:
        return [block]
    first = replace(block, text=" ".join(sentences[:half]))
    second = replace(block, text=" ".join(sentences[half:]), mark="")
    return _pieces(first, dense) + _pieces(second, dense)
