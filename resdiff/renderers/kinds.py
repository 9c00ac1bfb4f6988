"""How every report shows the kinds of change: one table of order, signs and colours.

A comparison counts its changes by kind (``Comparison.summary``): the six
kinds of ``resdiff.model.CHANGE_KINDS`` and the two flags ``moved`` and
``technical``. Each has a one-character *sign* (text reports, the HTML
overview strip, the evolution grid), a *colour* for HTML reports (the
Okabe-Ito palette, told apart with the common kinds of colour blindness) and
a terminal colour for the coloured text report. ``COUNT_ORDER`` is the order
in which reports list the counts.

>>> " ".join(f"{STYLES[kind].sign}{kind}" for kind in COUNT_ORDER)
'=unchanged ~reworded ~technical +added -removed ↕moved <split >merged'
"""

from __future__ import annotations

from dataclasses import dataclass

from resdiff.model import CountKey

RED, GREEN, YELLOW, DIM = "\x1b[31m", "\x1b[32m", "\x1b[33m", "\x1b[2m"


@dataclass(slots=True, frozen=True)
class KindStyle:
    """How reports show one kind of change (or one flag: moved, technical)."""

    sign: str  # one character
    colour: str  # CSS colour of HTML reports
    terminal: str  # ANSI colour of the text report's heading line


STYLES: dict[CountKey, KindStyle] = {
    "unchanged": KindStyle("=", "#d3d8de", DIM),
    "reworded": KindStyle("~", "#8f5aa8", YELLOW),
    "technical": KindStyle("~", "#c8b7d3", YELLOW),
    "added": KindStyle("+", "#0072b2", GREEN),
    "removed": KindStyle("-", "#d55e00", RED),
    "moved": KindStyle("↕", "#1d232b", YELLOW),
    "split": KindStyle("<", "#009e73", YELLOW),
    "merged": KindStyle(">", "#56b4e9", YELLOW),
}
COUNT_ORDER: tuple[CountKey, ...] = tuple(STYLES)


def css_variables(prefix: str) -> str:
    """The colours as CSS custom properties named ``--<prefix><kind>``.

    >>> css_variables("k-").split("; ")[:2]
    ['--k-unchanged: #d3d8de', '--k-reworded: #8f5aa8']
    """
    return "; ".join(f"--{prefix}{kind}: {style.colour}" for kind, style in STYLES.items()) + ";"


def legend(kinds: tuple[CountKey, ...]) -> str:
    """Signs and names: '~ reworded  + added  - removed'.

    >>> legend(("reworded", "added"))
    '~ reworded  + added'
    """
    return "  ".join(f"{STYLES[kind].sign} {kind}" for kind in kinds)
