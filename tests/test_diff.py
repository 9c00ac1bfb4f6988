"""The bounded token diff (resdiff/diff.py): difflib's result while cheap, a valid and
sensible diff beyond, and Myers' method finding a shortest edit script."""

from __future__ import annotations

from difflib import SequenceMatcher

import pytest
from conftest import DERIVED_HRC, HRC
from hypothesis import given
from hypothesis import strategies as st

from resdiff.diff import Budget, _myers, diff, opcodes
from resdiff.normalize import token_key
from resdiff.redline import spans

# Few distinct tokens, so that repeats (and missing unique anchors) are common.
TOKENS = st.lists(st.sampled_from(["the", "of", "States", "Urges", ",", ";", "2019"]), max_size=40)


def _valid(blocks: list[tuple[int, int, int]], a: list[str], b: list[str]) -> None:
    """Equal runs hold equal tokens, in increasing order on both sides, without overlap."""
    end_a = end_b = 0
    for i, j, size in blocks:
        assert size > 0 and i >= end_a and j >= end_b
        assert a[i : i + size] == b[j : j + size]
        end_a, end_b = i + size, j + size


def _lcs(a: list[str], b: list[str]) -> int:
    """Length of a longest common subsequence, by dynamic programming."""
    row = [0] * (len(b) + 1)
    for x in a:
        previous_diagonal = 0
        for j, y in enumerate(b, 1):
            previous_diagonal, row[j] = (
                row[j],
                (previous_diagonal + 1 if x == y else max(row[j], row[j - 1])),
            )
    return row[-1]


@given(TOKENS, TOKENS)
def test_anchored_diff_is_a_valid_diff(a: list[str], b: list[str]) -> None:
    found = diff(a, b, Budget(exact_pairs=0))  # no exact work left: the anchored method
    _valid(found.blocks, a, b)
    rebuilt: list[str] = []
    for op, a1, a2, b1, b2 in opcodes(found.blocks, len(a), len(b)):
        assert (op == "equal") == (a[a1:a2] == b[b1:b2] and a2 > a1)
        rebuilt += b[b1:b2]
    assert rebuilt == b


@given(TOKENS, TOKENS)
def test_myers_finds_a_shortest_edit_script(a: list[str], b: list[str]) -> None:
    blocks, edits = _myers(a, b, most_edits=len(a) + len(b))
    assert blocks is not None
    _valid(blocks, a, b)
    matched = sum(size for _, _, size in blocks)
    assert matched == _lcs(a, b)
    assert edits == len(a) + len(b) - 2 * matched


def test_myers_gives_up_past_its_edit_limit() -> None:
    assert _myers(["a"] * 50, ["b"] * 50, most_edits=10) == (None, 10)


def _keys(text: str) -> list[str]:
    return [token_key(span.strip()) for span in spans(text)]


@pytest.mark.parametrize("paragraph", range(0, 60, 7))
def test_ordinary_paragraphs_keep_difflibs_diff(paragraph: int) -> None:
    """Real paragraph pairs (41/3 against its derived variant) take the exact path."""
    old = HRC.read_text(encoding="utf-8").split("\n\n")
    new = DERIVED_HRC.read_text(encoding="utf-8").split("\n\n")
    a, b = _keys(old[paragraph]), _keys(new[paragraph + 1])
    found = diff(a, b)
    assert found.method == "exact"
    expected = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()[:-1]
    assert found.blocks == [tuple(block) for block in expected]


def test_budget_of_exact_work_runs_out() -> None:
    budget = Budget(exact_pairs=150)
    assert diff(["a"] * 10, ["a"] * 10, budget).method == "exact"  # 100 pairs spent
    assert diff(["a"] * 10, ["b"] * 10, budget).method == "anchored"  # 100 more do not fit
