"""Every operative number printed at a line start is read as a paragraph, in every fixture.

The printed numbers are found here by a scan independent of the parser: numbers
"12." at line starts (alone on their line or before the text) that run 1, 2, 3 ...
(one number may be missing, as when extraction lost a line). Documents whose
numbering restarts (annexes, numbered lists inside a paragraph) are not judged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES

from resdiff.parse import parse

_PRINTED = re.compile(r"^\s*(\d{1,3})\.(?:\s|$)")


def printed_sequence(text: str) -> list[int] | None:
    """The numbers 1, 2, 3 ... printed at line starts, or None when numbering restarts."""
    found: list[int] = []
    for line in text.splitlines():
        match = _PRINTED.match(line)
        if not match:
            continue
        number = int(match.group(1))
        previous = found[-1] if found else 0
        if previous < number <= previous + 2 and (previous or number == 1):
            found.append(number)
        elif number == 1 and previous > 2:
            return None
    return found


def resolution_texts() -> list[Path]:
    paths = [*FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md"), *FIXTURES.glob("ga/*.txt")]
    judged = []
    for path in sorted(paths):
        text = path.read_text(encoding="utf-8")
        if "amendment to" in text[:3000] or not printed_sequence(text):
            continue
        judged.append(path)
    return judged


@pytest.mark.parametrize(
    "path", resolution_texts(), ids=lambda p: p.relative_to(FIXTURES).as_posix()
)
def test_every_printed_operative_number_is_a_paragraph(path):
    expected = printed_sequence(path.read_text(encoding="utf-8"))
    assert expected
    document = parse(path)
    numbers = [int(p.number) for p in document.paragraphs if p.number and p.section != "annex"]
    # run-in paragraphs ("...; 13. Welcomes") are read too: the printed ones are a subset
    assert set(expected) <= set(numbers)
    assert numbers == sorted(numbers)


def test_the_fixtures_judged_cover_both_layouts_of_numbers():
    layouts = {getattr(parse(path).layout, "numbers", None) for path in resolution_texts()}
    assert {"alone", "inline"} <= layouts
