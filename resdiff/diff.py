"""Diff two token sequences with bounded cost: difflib where it is cheap, anchors beyond.

difflib's ``SequenceMatcher`` (``autojunk=False``) gives the redlines resdiff
has always shown, but its cost grows with the product of the two lengths: one
250 KB paragraph against a copy with one word changed took 67 s. So:

1. While the product of the lengths stays under ``REDLINE_EXACT_PAIRS`` (and the
   comparison's ``Budget`` of exact work lasts), the diff is difflib's, exactly
   as before. Every paragraph of a real resolution is in this case.
2. Above it, the diff is *anchored*: the common head and tail are matched, then
   the tokens found exactly once on each side, in the longest run that keeps
   their order (the patience method), split the rest into stretches, recursively.
   A stretch small enough goes to difflib; one with no unique token is diffed
   by Myers' O(ND) method while that stays under ``REDLINE_MYERS_STEPS``; past
   that, it is shown replaced whole (the only coarse case, counted in
   ``Diff.replaced``).

Cost of the anchored method: linear in the tokens for the head, tail and
counting, O(k log k) for the k anchors, plus the bounded difflib and Myers
work on stretches.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from resdiff.limits import (
    REDLINE_EXACT_PAIRS,
    REDLINE_EXACT_PAIRS_PER_DOCUMENT,
    REDLINE_MYERS_STEPS,
)

Opcode = tuple[Literal["replace", "delete", "insert", "equal"], int, int, int, int]
Block = tuple[int, int, int]  # a run of equal tokens: start in a, start in b, length
Method = Literal["exact", "anchored"]
# Myers keeps one frontier per edit: past this many edits its memory, not only its time,
# grows too much, and the stretch is shown replaced whole.
MYERS_MAX_EDITS = 1_000


@dataclass(slots=True)
class Budget:
    """The work one comparison may still spend: exact (difflib) work as a sum of length
    products, and Myers work as a sum of stretch length times edits."""

    exact_pairs: int = REDLINE_EXACT_PAIRS_PER_DOCUMENT
    myers_steps: int = REDLINE_MYERS_STEPS

    def take(self, pairs: int) -> bool:
        """Spend ``pairs`` of exact work if it fits under both limits; say whether it did."""
        if pairs > REDLINE_EXACT_PAIRS or pairs > self.exact_pairs:
            return False
        self.exact_pairs -= pairs
        return True


@dataclass(slots=True)
class Diff:
    """The equal runs of two sequences, and how they were found."""

    blocks: list[Block]
    method: Method
    replaced: int = 0  # tokens (both sides) in stretches shown replaced whole

    def opcodes(self, n: int, m: int) -> list[Opcode]:
        """The edit script, in the form of ``SequenceMatcher.get_opcodes``."""
        return opcodes(self.blocks, n, m)


def diff(a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget | None = None) -> Diff:
    """The equal runs of ``a`` and ``b``: difflib's when cheap, else anchored (see module)."""
    budget = budget if budget is not None else Budget()
    if budget.take(len(a) * len(b)):
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        blocks = [tuple(block) for block in matcher.get_matching_blocks()[:-1]]
        return Diff(blocks, "exact")  # type: ignore[arg-type]
    found = _Anchored(a, b, budget)
    return Diff(found.run(), "anchored", found.replaced)


def opcodes(blocks: list[Block], n: int, m: int) -> list[Opcode]:
    """Turn equal runs (sorted, not overlapping) into equal/replace/delete/insert opcodes.

    >>> opcodes([(0, 0, 2), (3, 2, 1)], 4, 4)
    [('equal', 0, 2, 0, 2), ('delete', 2, 3, 2, 2), ('equal', 3, 4, 2, 3), ('insert', 4, 4, 3, 4)]
    """
    result: list[Opcode] = []
    i = j = 0
    for start_a, start_b, size in [*blocks, (n, m, 0)]:
        if i < start_a and j < start_b:
            result.append(("replace", i, start_a, j, start_b))
        elif i < start_a:
            result.append(("delete", i, start_a, j, start_b))
        elif j < start_b:
            result.append(("insert", i, start_a, j, start_b))
        if size:
            result.append(("equal", start_a, start_a + size, start_b, start_b + size))
        i, j = start_a + size, start_b + size
    return result


class _Anchored:
    """The anchored diff of the module docstring, with an explicit stack (no recursion)."""

    def __init__(self, a: Sequence[Hashable], b: Sequence[Hashable], budget: Budget) -> None:
        self.a, self.b, self.budget = a, b, budget
        self.matches: list[Block] = []
        self.replaced = 0

    def run(self) -> list[Block]:
        """Every equal run found, sorted and with touching runs merged."""
        stack = [(0, len(self.a), 0, len(self.b))]
        while stack:
            stack.extend(self._stretch(*stack.pop()))
        return _merged(sorted(self.matches))

    def _stretch(self, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int, int, int]]:
        """Match what can be matched directly in one stretch; return the stretches left."""
        a, b = self.a, self.b
        head = 0
        while alo + head < ahi and blo + head < bhi and a[alo + head] == b[blo + head]:
            head += 1
        if head:
            self.matches.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = 0
        while alo < ahi - tail and blo < bhi - tail and a[ahi - tail - 1] == b[bhi - tail - 1]:
            tail += 1
        if tail:
            ahi, bhi = ahi - tail, bhi - tail
            self.matches.append((ahi, bhi, tail))
        if alo == ahi or blo == bhi:
            return []
        if self.budget.take((ahi - alo) * (bhi - blo)):
            matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            for i, j, size in matcher.get_matching_blocks()[:-1]:
                self.matches.append((alo + i, blo + j, size))
            return []
        anchors = _unique_anchors(a, alo, ahi, b, blo, bhi)
        if anchors:
            return self._between(anchors, alo, ahi, blo, bhi)
        return self._without_anchors(alo, ahi, blo, bhi)

    def _between(
        self, anchors: list[tuple[int, int]], alo: int, ahi: int, blo: int, bhi: int
    ) -> list[tuple[int, int, int, int]]:
        left: list[tuple[int, int, int, int]] = []
        i, j = alo, blo
        for anchor_a, anchor_b in anchors:
            self.matches.append((anchor_a, anchor_b, 1))
            left.append((i, anchor_a, j, anchor_b))
            i, j = anchor_a + 1, anchor_b + 1
        left.append((i, ahi, j, bhi))
        return left

    def _without_anchors(
        self, alo: int, ahi: int, blo: int, bhi: int
    ) -> list[tuple[int, int, int, int]]:
        length = (ahi - alo) + (bhi - blo)
        most_edits = min(MYERS_MAX_EDITS, self.budget.myers_steps // length)
        found, edits = _myers(self.a[alo:ahi], self.b[blo:bhi], most_edits)
        self.budget.myers_steps -= length * edits
        if found is None:
            self.replaced += length
        else:
            self.matches.extend((alo + i, blo + j, size) for i, j, size in found)
        return []


def _unique_anchors(
    a: Sequence[Hashable], alo: int, ahi: int, b: Sequence[Hashable], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Positions (i, j) of tokens found once in ``a[alo:ahi]`` and once in ``b[blo:bhi]``,
    the longest chain of them in the same order on both sides."""
    in_a = Counter(a[alo:ahi])
    in_b = Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1 and in_a[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if a[i] in where_b]
    return [pairs[k] for k in longest_increasing([j for _, j in pairs])]


def longest_increasing(values: list[int]) -> list[int]:
    """Positions of one longest strictly increasing subsequence of ``values``, in order
    (patience sorting, O(n log n)).

    >>> longest_increasing([0, 1, 5, 2, 3, 4])
    [0, 1, 3, 4, 5]
    """
    tails: list[int] = []
    tail_positions: list[int] = []
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[k] = value
            tail_positions[k] = position
        previous[position] = tail_positions[k - 1] if k else -1
    chain: list[int] = []
    position = tail_positions[-1] if tail_positions else -1
    while position >= 0:
        chain.append(position)
        position = previous[position]
    return chain[::-1]


def _myers(
    a: Sequence[Hashable], b: Sequence[Hashable], most_edits: int
) -> tuple[list[Block] | None, int]:
    """The equal runs of a shortest edit script (Myers 1986) and its number of edits, or
    None and the edits tried when it needs more than ``most_edits`` insertions and
    deletions."""
    n, m = len(a), len(b)
    offset = most_edits + 1
    frontier = [0] * (2 * offset + 1)
    history: list[list[int]] = []
    for edits in range(most_edits + 1):
        for k in range(-edits, edits + 1, 2):
            left, right = frontier[offset + k - 1], frontier[offset + k + 1]
            down = k == -edits or (k != edits and left < right)
            x = right if down else left + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            frontier[offset + k] = x
            if x >= n and y >= m:
                history.append(frontier[offset - edits : offset + edits + 1])
                return _myers_path(history, n, m), edits
        history.append(frontier[offset - edits : offset + edits + 1])
    return None, most_edits


def _myers_path(history: list[list[int]], n: int, m: int) -> list[Block]:
    """Walk the saved frontiers back from (n, m), collecting the diagonal runs."""
    blocks: list[Block] = []
    x, y = n, m
    for edits in range(len(history) - 1, -1, -1):
        k = x - y
        if edits == 0:
            if x > 0:
                blocks.append((0, 0, x))
            break
        before = history[edits - 1]  # frontier after edits - 1, indexed from -(edits - 1)

        def reach(diagonal: int, row: list[int] = before, width: int = edits - 1) -> int:
            return row[diagonal + width]

        down = k == -edits or (k != edits and reach(k - 1) < reach(k + 1))
        previous_k = k + 1 if down else k - 1
        start_x = reach(previous_k) if down else reach(previous_k) + 1
        start_y = start_x - k
        if x > start_x:
            blocks.append((start_x, start_y, x - start_x))
        x, y = reach(previous_k), reach(previous_k) - previous_k
    return blocks[::-1]


def _merged(blocks: list[Block]) -> list[Block]:
    """Sorted runs with touching ones joined (difflib reports maximal runs too)."""
    result: list[Block] = []
    for i, j, size in blocks:
        if size <= 0:
            continue
        if result and result[-1][0] + result[-1][2] == i and result[-1][1] + result[-1][2] == j:
            last = result[-1]
            result[-1] = (last[0], last[1], last[2] + size)
        else:
            result.append((i, j, size))
    return result
