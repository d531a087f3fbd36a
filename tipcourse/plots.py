"""One look for every plot: a colour-blind-safe palette, a title, labelled axes, a source line.

Lessons call `style()` once, draw with seaborn or matplotlib, then `finish(...)`.
"""
from __future__ import annotations

PALETTE = "colorblind"  # seaborn's colour-blind-safe palette (Okabe-Ito-like), used everywhere


def style():
    import seaborn as sns

    sns.set_theme(style="whitegrid", palette=PALETTE, context="notebook")


def finish(ax, title: str, xlabel: str, ylabel: str, source: str):
    """Title, axis labels (with units) and a source line under the plot."""
    ax.set_title(title, loc="left", fontsize=12, fontweight="bold")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.figure.text(0.01, -0.02, f"Source: {source}", ha="left", va="top", fontsize=8,
                   color="#444444", wrap=True)
    ax.figure.tight_layout()


def colours(n: int):
    """The first n colours of the course palette (for plots drawn with pandas/matplotlib)."""
    import seaborn as sns

    return sns.color_palette(PALETTE, n)
