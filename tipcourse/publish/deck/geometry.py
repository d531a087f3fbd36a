"""The numbers of a slide's layout (slides.py's CSS uses the same) and the advance widths of
its font, from which text is measured."""

from __future__ import annotations

WIDTH, HEIGHT = 1280, 720
PAD_X, PAD_TOP, PAD_BOTTOM = 56, 24, 40  # the bottom keeps clear of the slide number
FONT, DENSE = 26, 22  # body text, px; a slide that does not fit tries the dense size
LINE = 1.3  # line height, em
GAP = 0.45  # space after a paragraph or list item, em
TITLE_FONT, TITLE_LINE, TITLE_GAP = 36, 1.15, 14
TIMEBOX_FONT = 18
CHAR = 0.5  # mean advance of a character, em (Source Sans Pro is about 0.46: a margin)
INDENT = 1.6  # em, a list item's or a quotation's indent
BODY_WIDTH = WIDTH - 2 * PAD_X

TABLE_FONTS = (20, 18, 16)  # px, tried in turn for one slide; 16 is the floor
TABLE_SPLIT_FONT = 18  # a table that needs more than one slide at 16 px is split at this size
TABLE_LINE = 1.25  # line height, em
CELL_PAD_X, CELL_PAD_Y = 8, 4  # px; a row also has a 1 px rule under it
# The advance widths of Source Sans Pro (reveal.js's theme font, from node_modules) for the
# characters " " to "~", in thousandths of an em, regular and semibold (table headers), as
# Chromium measures them: a table is laid out from the widths of its text, with WIDTH_SLACK to
# spare, and any other character is taken as OTHER_ADVANCE.
ADVANCE = {
    False: [
        int(n)
        for n in """202 289 425 497 497 824 609 249 303 303 418 497 249 311 249 350
497 497 497 497 497 497 497 497 497 497 249 249 497 497 497 425 847 544 588 571 615 527 494 617
652 263 480 579 486 727 647 664 576 664 581 534 536 645 515 786 513 476 539 303 350 303 497 500
542 512 555 456 555 496 292 504 544 246 247 495 255 829 547 542 555 550 347 419 338 544 467 718
446 467 425 303 241 303 497""".split()
    ],
    True: [
        int(n)
        for n in """205 315 482 513 513 841 639 275 324 324 438 513 275 322 275 344
513 513 513 513 513 513 513 513 513 513 275 275 513 513 513 444 875 558 597 576 625 538 510 628
663 282 494 597 502 745 656 674 592 674 599 545 546 655 536 800 541 501 540 324 344 324 513 500
549 523 564 462 564 507 317 520 558 262 263 522 271 843 560 549 564 561 373 431 361 556 495 748
481 495 443 324 255 324 513""".split()
    ],
}
OTHER_ADVANCE, WIDTH_SLACK = 600, 1.04
LONGEST_WORD = 12  # em: a longer word may break anywhere (CSS overflow-wrap: anywhere)
