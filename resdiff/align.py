"""Align the paragraphs of two versions of a resolution.

Method
------
Paragraphs are compared by their normalised text (see ``resdiff.normalize``),
so line wrapping, page furniture, footnote-marker style, emphasis and the
printed number never make two paragraphs differ. The aligner then works in
five steps:

1. **Anchors.** Paragraphs whose normalised texts are identical are paired
   first, through a hash table: in a yearly revision most paragraphs are
   unchanged, so this step does most of the work in O(n). Spaces and hyphens
   are left out of this comparison: extractors break words ("securi ty") and
   drop the hyphen of a word split at a line end ("goodneighbourliness"), and
   neither is a change of the text.
2. **Candidates.** For the paragraphs left over, every old paragraph is scored
   against every new one with ``rapidfuzz.fuzz.ratio`` (one C call per old
   paragraph over all new ones) and with a *containment* score: the share of
   the shorter paragraph's word 3-grams found in the longer one, each n-gram
   weighted by its rarity across both documents (so stock formulae such as
   "in the field of human rights" count little) and damped for paragraphs of
   a few words. Containment finds clauses that grew or shrank two to four
   times between versions, where ``ratio`` alone fails. The score of a pair is
   the larger of the two, less a small penalty when the pair crosses sections.
3. **Assignment.** Candidate pairs at or above the threshold are accepted
   greedily from the best score down (ties go to the pair closest in relative
   position), giving a one-to-one pairing that allows any reordering.
4. **Moves.** The longest increasing subsequence of the pairs (by old index,
   in new order) is the part of the document that kept its order; every other
   pair is *moved*. Renumbering keeps the order, so it is never a move.
5. **Splits and merges.** An unpaired paragraph that shares a clause-sized run
   of rare words (at least ``CLAUSE_WORDS`` words, found with difflib on word
   keys) with a paragraph on the other side joins that paragraph's group: one
   old paragraph and several new ones is a *split*, several old and one new a
   *merge*.

Cost: each distinct paragraph text is normalised once, and its 3-grams are
numbered so that set work hashes ints. O(n) for the anchors; O(r_old * r_new)
string comparisons in C for the r unmatched paragraphs while that product stays
under ``DENSE_PAIRS``, and above it only the pairs whose weighted containment
reaches ``BLOCKING_CONTAINMENT`` (blocking), so a 20,000-paragraph comparison
never scores a dense matrix. N-gram containment goes through an inverted index
and only touches pairs that share an n-gram; rarity weights are counted only
for the 3-grams of unpaired paragraphs; the search for a split's partner skips
3-grams held by more than ``STOCK_PHRASE_PARAGRAPHS`` paragraphs, and so, when
blocking, does the search for candidate pairs.

Bounds for long paragraphs (``resdiff.limits``): ``fuzz.ratio`` costs the product
of the two lengths, so it is computed only while that product, summed over the
comparison, stays under ``ALIGN_RATIO_WORK`` and, for one pair, under
``ALIGN_RATIO_CHARS`` squared; other pairs are scored by containment alone. A
paragraph of more than ``ALIGN_SAMPLE_WORDS`` words keeps one 3-gram in
``ALIGN_GRAM_SAMPLE`` (chosen by the first word's CRC, the same on both sides),
and the longest common run of two long paragraphs comes from the bounded diff of
``resdiff.diff``. Each of these is recorded in ``Alignment.notes``.
"""

from __future__ import annotations

import itertools
import math
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from rapidfuzz import fuzz, process

from resdiff.diff import Budget, diff
from resdiff.limits import (
    ALIGN_GRAM_SAMPLE,
    ALIGN_RATIO_CHARS,
    ALIGN_RATIO_WORK,
    ALIGN_SAMPLE_WORDS,
)
from resdiff.model import Method, Paragraph
from resdiff.normalize import normalise

DEFAULT_THRESHOLD = 0.5
CROSS_SECTION_PENALTY = 0.1
SHINGLE = 3
SHORT_PARAGRAPH_WORDS = 12
CLAUSE_WORDS = 8
CLAUSE_CANDIDATES = 8
# A 3-gram held by more paragraphs than this is a stock phrase: it cannot tell which
# paragraph carries a clause, and in a very long document it would make the search
# for a split's partner visit most of the document.
STOCK_PHRASE_PARAGRAPHS = 100
# Up to this many unpaired old x new pairs, every pair is scored; above it, only
# pairs that share a word 3-gram (two clauses with none in common are not one
# clause reworded), so the cost follows the text, not the square of its length.
DENSE_PAIRS = 250_000
# When blocking, a pair is scored only when this share of the shorter paragraph's
# 3-gram weight is shared: pairs joined by a stock phrase alone ("of the United
# Nations") are most candidate pairs of a long document and are not one clause.
BLOCKING_CONTAINMENT = 0.05


@dataclass(slots=True)
class Group:
    """Old and new paragraph indices paired together, with how and how well."""

    old: list[int]
    new: list[int]
    score: float
    method: Method
    moved: bool = False
    identical: bool = False


@dataclass(slots=True)
class Alignment:
    """The outcome of ``align``: paired groups plus the unpaired paragraphs."""

    groups: list[Group] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    added: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # where a coarser method was used


RATIO_NOTE = (
    f"long paragraphs: pairs with a paragraph of more than {ALIGN_RATIO_CHARS} characters, "
    "or past the comparison's similarity work limit, were scored by shared 3-word "
    "sequences only"
)
SAMPLE_NOTE = (
    f"paragraphs of more than {ALIGN_SAMPLE_WORDS} words were compared on one in "
    f"{ALIGN_GRAM_SAMPLE} of their 3-word sequences"
)
RUN_NOTE = "long paragraphs: their longest shared run of words was found by the bounded diff"


@dataclass(slots=True)
class Work:
    """The similarity work one comparison may still spend, and the coarser methods used."""

    ratio: int = ALIGN_RATIO_WORK
    notes: set[str] = field(default_factory=set)
    diff_budget: Budget = field(default_factory=Budget)

    def ratio_allowed(self, a: str, b: str) -> bool:
        """Whether ``fuzz.ratio(a, b)`` fits the limits; if so its cost is spent."""
        cost = len(a) * len(b)
        if max(len(a), len(b)) > ALIGN_RATIO_CHARS or cost > self.ratio:
            self.notes.add(RATIO_NOTE)
            return False
        self.ratio -= cost
        return True


def similarity(a: str, b: str, work: Work) -> float:
    """``fuzz.ratio`` (0..1) of two normalised texts within ``work``; beyond it, the same
    measure from the bounded word diff (twice the characters of the shared words over
    the characters of both)."""
    if work.ratio_allowed(a, b):
        return fuzz.ratio(a, b) / 100.0
    words_a, words_b = a.split(), b.split()
    found = diff(words_a, words_b, work.diff_budget)
    shared = sum(len(w) + 1 for i, _, size in found.blocks for w in words_a[i : i + size])
    return min(1.0, 2 * shared / max(len(a) + len(b), 1))


Gram = int  # a word 3-gram, numbered by ``_Analyser`` in order of first sight


@dataclass(slots=True)
class _Side:
    paragraphs: Sequence[Paragraph]
    texts: list[str]
    words: list[list[str]]
    grams: list[set[Gram]]
    keys: list[str]  # the texts without spaces and hyphens: equal keys, same words

    @classmethod
    def of(cls, paragraphs: Sequence[Paragraph], analyser: _Analyser) -> _Side:
        """The normalised texts, words and 3-grams of ``paragraphs``."""
        analysed = [analyser.analyse(p.full_text()) for p in paragraphs]
        texts = [text for text, _, _ in analysed]
        return cls(
            paragraphs,
            texts,
            [words for _, words, _ in analysed],
            [grams for _, _, grams in analysed],
            [text.replace(" ", "").replace("-", "") for text in texts],
        )

    def index(
        self, members: Iterable[int], wanted: set[Gram] | None = None
    ) -> dict[Gram, list[int]]:
        """3-gram -> the paragraphs among ``members`` that hold it (only ``wanted`` 3-grams)."""
        result: dict[Gram, list[int]] = defaultdict(list)
        for k in members:
            held = self.grams[k] if wanted is None else self.grams[k] & wanted
            for gram in held:
                result[gram].append(k)
        return result


_Analysed = tuple[str, list[str], set[Gram]]


class _Analyser:
    """Normalises paragraph texts and numbers their word 3-grams, once per distinct text.

    Between two versions most paragraphs are identical, so the second version
    costs little. 3-grams are numbered so that the set and index work that
    follows hashes small ints, not tuples of strings; the numbering follows the
    text, so the results do not depend on ``PYTHONHASHSEED``.
    """

    def __init__(self) -> None:
        self._seen: dict[str, _Analysed] = {}
        self.gram_ids: dict[tuple[str, ...], Gram] = {}
        self._numbers = itertools.count()
        self.sampled = False

    def analyse(self, full_text: str) -> _Analysed:
        """Normalised text, its words and its numbered 3-grams."""
        found = self._seen.get(full_text)
        if found is None:
            text = normalise(full_text)
            words = _words(text)
            # A 3-gram seen before keeps its number; a new one takes the next unused
            # number (numbers are unique, not dense). map() keeps the loop in C.
            grams = set(map(self.gram_ids.setdefault, self._shingles(words), self._numbers))
            found = self._seen[full_text] = (text, words, grams)
        return found

    def _shingles(self, words: list[str]) -> Iterable[tuple[str, ...]]:
        """The 3-grams of ``words``; above ``ALIGN_SAMPLE_WORDS`` words, the sample whose
        first word's CRC-32 is a multiple of ``ALIGN_GRAM_SAMPLE`` (a deterministic choice,
        the same in every paragraph, so shared 3-grams stay shared)."""
        if len(words) <= ALIGN_SAMPLE_WORDS:
            return shingles(words)
        self.sampled = True
        kept = {w for w in set(words) if zlib.crc32(w.encode("utf-8")) % ALIGN_GRAM_SAMPLE == 0}
        return (gram for gram in zip(words, words[1:], words[2:], strict=False) if gram[0] in kept)


_SPLIT_STEP = 1 << 20


def _words(text: str) -> list[str]:
    """``text.split()``; a long text is split a megabyte at a time with each distinct word
    kept once, so that its words take a list of pointers rather than millions of strings."""
    if len(text) <= _SPLIT_STEP:
        return text.split()
    distinct: dict[str, str] = {}
    words: list[str] = []
    start = 0
    while start < len(text):
        end = text.find(" ", min(start + _SPLIT_STEP, len(text)))
        end = len(text) if end < 0 else end
        piece = text[start:end].split()
        words.extend(map(distinct.setdefault, piece, piece))
        start = end + 1
    return words


def align(
    old: Sequence[Paragraph], new: Sequence[Paragraph], threshold: float = DEFAULT_THRESHOLD
) -> Alignment:
    """Pair the paragraphs of ``old`` with those of ``new``.

    Returns groups of paired indices (one-to-one, split or merge) and the
    indices left unpaired on each side (removed, added).
    """
    analyser = _Analyser()
    work = Work()
    left, right = _Side.of(old, analyser), _Side.of(new, analyser)
    pairs = _anchor_pairs(left.keys, right.keys)
    unpaired = _unpaired_grams(pairs, left, right)
    weights = _ShingleWeights(left.grams + right.grams, unpaired, analyser.gram_ids)
    pairs.update(_fuzzy_pairs(left, right, pairs, weights, threshold, work))
    groups = [_pair_group(i, j, score, left, right) for i, (j, score) in sorted(pairs.items())]
    _mark_moves(groups)
    removed = [i for i in range(len(old)) if i not in pairs]
    paired_new = {j for j, _ in pairs.values()}
    added = [j for j in range(len(new)) if j not in paired_new]
    groups, removed, added = _find_splits_and_merges(
        groups, removed, added, left, right, weights, work
    )
    if analyser.sampled:
        work.notes.add(SAMPLE_NOTE)
    return Alignment(groups, removed, added, sorted(work.notes))


def _unpaired_grams(anchored: dict[int, tuple[int, float]], left: _Side, right: _Side) -> set[Gram]:
    """The 3-grams of every paragraph the anchors left unpaired, on either side."""
    taken_new = {j for j, _ in anchored.values()}
    grams: set[Gram] = set()
    for i, held in enumerate(left.grams):
        if i not in anchored:
            grams |= held
    for j, held in enumerate(right.grams):
        if j not in taken_new:
            grams |= held
    return grams


def _pair_group(i: int, j: int, score: float, left: _Side, right: _Side) -> Group:
    same = left.keys[i] == right.keys[j]
    return Group([i], [j], score, "identical" if same else "fuzzy", identical=same)


# --------------------------------------------------------------------------- 1. anchors


def _anchor_pairs(old: list[str], new: list[str]) -> dict[int, tuple[int, float]]:
    """Pair identical texts; repeated texts pair in order of appearance."""
    positions: dict[str, list[int]] = defaultdict(list)
    for j, text in enumerate(new):
        positions[text].append(j)
    pairs: dict[int, tuple[int, float]] = {}
    for i, text in enumerate(old):
        free = positions.get(text)
        if text and free:
            pairs[i] = (free.pop(0), 1.0)
    return pairs


# --------------------------------------------------------------------------- 2-3. fuzzy pairs


def _fuzzy_pairs(
    left: _Side,
    right: _Side,
    anchored: dict[int, tuple[int, float]],
    weights: _ShingleWeights,
    threshold: float,
    work: Work,
) -> dict[int, tuple[int, float]]:
    taken_new = {j for j, _ in anchored.values()}
    rest_old = [i for i in range(len(left.texts)) if i not in anchored]
    rest_new = [j for j in range(len(right.texts)) if j not in taken_new]
    if not rest_old or not rest_new:
        return {}
    candidates = _score_candidates(left, right, rest_old, rest_new, weights, threshold, work)
    return _assign(candidates, len(left.texts), len(right.texts))


def _score_candidates(
    left: _Side,
    right: _Side,
    rest_old: list[int],
    rest_new: list[int],
    weights: _ShingleWeights,
    threshold: float,
    work: Work,
) -> dict[tuple[int, int], float]:
    dense = len(rest_old) * len(rest_new) <= DENSE_PAIRS
    containment = weights.containment_pairs(left, right, rest_old, rest_new, blocking=not dense)
    if dense:
        scores = _all_ratios(left, right, rest_old, rest_new, threshold, work)
    else:  # block: only pairs that share more than stock phrases are scored
        shared = (pair for pair, value in containment.items() if value >= BLOCKING_CONTAINMENT)
        scores = _ratios_of(left, right, shared, threshold, work)
    for pair, value in containment.items():
        scores[pair] = max(scores.get(pair, 0.0), value)
    result: dict[tuple[int, int], float] = {}
    for (i, j), score in scores.items():
        if left.paragraphs[i].section != right.paragraphs[j].section:
            score -= CROSS_SECTION_PENALTY
        if score >= threshold:
            result[(i, j)] = score
    return result


def _all_ratios(
    left: _Side,
    right: _Side,
    rest_old: list[int],
    rest_new: list[int],
    threshold: float,
    work: Work,
) -> dict[tuple[int, int], float]:
    """``fuzz.ratio`` of every old/new pair, one C call per old paragraph; when that would
    pass the ratio work, of the pairs within it only."""
    scores: dict[tuple[int, int], float] = {}
    everything = _dense_fits(left, right, rest_old, rest_new, work)
    for i in rest_old:
        text = left.texts[i]
        allowed = rest_new if everything else _within(text, right, rest_new, work)
        if not allowed:
            continue  # rapidfuzz would still build its tables for ``text``
        choices = [right.texts[j] for j in allowed]
        for _, ratio, k in process.extract(
            text, choices, scorer=fuzz.ratio, limit=None, score_cutoff=threshold * 100
        ):
            scores[(i, allowed[k])] = ratio / 100.0
    return scores


def _within(text: str, right: _Side, rest_new: list[int], work: Work) -> list[int]:
    """The new paragraphs whose ratio with ``text`` fits the ratio work (spent as taken)."""
    return [j for j in rest_new if work.ratio_allowed(text, right.texts[j])]


def _dense_fits(
    left: _Side, right: _Side, rest_old: list[int], rest_new: list[int], work: Work
) -> bool:
    """Whether scoring every pair stays within the ratio work (then it is spent): no
    paragraph over ``ALIGN_RATIO_CHARS``, and the product of the two sides' total lengths
    within the work left."""
    longest = max(
        max(len(left.texts[i]) for i in rest_old), max(len(right.texts[j]) for j in rest_new)
    )
    cost = sum(len(left.texts[i]) for i in rest_old) * sum(len(right.texts[j]) for j in rest_new)
    if longest > ALIGN_RATIO_CHARS or cost > work.ratio:
        return False
    work.ratio -= cost
    return True


def _ratios_of(
    left: _Side, right: _Side, pairs: Iterable[tuple[int, int]], threshold: float, work: Work
) -> dict[tuple[int, int], float]:
    """``fuzz.ratio`` of the given pairs only (those within the ratio work)."""
    scores: dict[tuple[int, int], float] = {}
    cutoff = threshold * 100
    for i, j in pairs:
        if not work.ratio_allowed(left.texts[i], right.texts[j]):
            continue
        ratio = fuzz.ratio(left.texts[i], right.texts[j], score_cutoff=cutoff)
        if ratio:
            scores[(i, j)] = ratio / 100.0
    return scores


def _assign(
    candidates: dict[tuple[int, int], float], n_old: int, n_new: int
) -> dict[int, tuple[int, float]]:
    """Greedy one-to-one assignment, best score first, nearest position on ties."""

    def priority(item: tuple[tuple[int, int], float]) -> tuple[float, float, int, int]:
        (i, j), score = item
        drift = abs(i / max(n_old, 1) - j / max(n_new, 1))
        return (-round(score, 6), drift, i, j)

    pairs: dict[int, tuple[int, float]] = {}
    used_new: set[int] = set()
    for (i, j), score in sorted(candidates.items(), key=priority):
        if i not in pairs and j not in used_new:
            pairs[i] = (j, score)
            used_new.add(j)
    return pairs


# --------------------------------------------------------------------------- containment


class _ShingleWeights:
    """Word 3-gram rarity weights over the paragraphs of both documents (an IDF)."""

    def __init__(
        self,
        paragraphs: list[set[Gram]],
        wanted: set[Gram],
        gram_ids: dict[tuple[str, ...], Gram],
    ) -> None:
        """Weigh the 3-grams in ``wanted`` by how few of ``paragraphs`` hold them.

        Only the 3-grams of unpaired paragraphs are ever weighed, so only they
        are counted: the anchored bulk of a long document costs one set
        intersection per paragraph.
        """
        frequency: Counter[Gram] = Counter()
        for grams in paragraphs:
            frequency.update(grams & wanted)  # Counter counts in C
        total = max(len(paragraphs), 1)
        self.weight = {s: math.log(1 + total / df) for s, df in frequency.items()}
        self.top = math.log(1 + total)  # the weight of a 3-gram found once
        self._gram_ids = gram_ids

    def containment_pairs(
        self,
        left: _Side,
        right: _Side,
        rest_old: list[int],
        rest_new: list[int],
        *,
        blocking: bool = False,
    ) -> dict[tuple[int, int], float]:
        """Damped, weighted containment for every old/new pair sharing a 3-gram.

        With ``blocking``, only pairs that share a 3-gram held by at most
        ``STOCK_PHRASE_PARAGRAPHS`` new paragraphs are found (then with their whole
        containment, stock phrases included): a phrase in every paragraph of two
        long documents would otherwise make every pair a candidate (5,000 x 5,000
        paragraphs sharing one: 122 s and 6 GB).
        """
        index = right.index(rest_new)
        shared: dict[tuple[int, int], float] = defaultdict(float)
        stock: set[Gram] = set()
        for i in rest_old:
            for gram in left.grams[i]:
                holders = index.get(gram, ())
                if blocking and len(holders) > STOCK_PHRASE_PARAGRAPHS:
                    stock.add(gram)
                    continue
                for j in holders:
                    shared[(i, j)] += self.weight[gram]
        if stock:
            for i, j in list(shared):
                both = left.grams[i] & right.grams[j] & stock
                shared[(i, j)] += sum(self.weight[gram] for gram in both)
        mass_old = {i: self._mass(left.grams[i]) for i in rest_old}
        mass_new = {j: self._mass(right.grams[j]) for j in rest_new}
        result: dict[tuple[int, int], float] = {}
        for (i, j), common in shared.items():
            shorter = min(mass_old[i], mass_new[j])
            words = min(len(left.words[i]), len(right.words[j]))
            damping = min(1.0, words / SHORT_PARAGRAPH_WORDS)
            result[(i, j)] = min(1.0, common / shorter) * damping if shorter else 0.0
        return result

    def _mass(self, grams: set[Gram]) -> float:
        return sum(self.weight.get(g, 0.0) for g in grams)

    def run_weight(self, words: list[str]) -> float:
        """Mean rarity of the 3-grams of a run of words, relative to the rarest possible."""
        grams = [self._gram_ids.get(gram) for gram in shingles(words)]
        if not grams:
            return 0.0
        weights = (self.weight.get(g, self.top) if g is not None else self.top for g in grams)
        return sum(weights) / (len(grams) * self.top)


def shingles(words: list[str]) -> list[tuple[str, ...]]:
    """Word n-grams of a token list (the whole list when it is shorter than n).

    >>> shingles(["urges", "all", "states", "to"])
    [('urges', 'all', 'states'), ('all', 'states', 'to')]
    """
    if len(words) < SHINGLE:
        return [tuple(words)] if words else []
    return list(zip(words, words[1:], words[2:], strict=False))


# --------------------------------------------------------------------------- 4. moves


def _mark_moves(groups: list[Group]) -> None:
    """Flag groups outside the longest run that kept its relative order."""
    by_new = sorted(groups, key=lambda g: g.new[0])
    keep = longest_increasing([g.old[0] for g in by_new])
    for position, group in enumerate(by_new):
        group.moved = position not in keep
        if group.moved:
            group.method = "moved"


def longest_increasing(values: list[int]) -> set[int]:
    """Positions of one longest strictly increasing subsequence of ``values``.

    >>> sorted(longest_increasing([0, 1, 5, 2, 3, 4]))
    [0, 1, 3, 4, 5]
    """
    tails: list[int] = []
    tail_positions: list[int] = []
    previous: list[int] = [-1] * len(values)
    for position, value in enumerate(values):
        k = bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_positions.append(position)
        else:
            tails[k] = value
            tail_positions[k] = position
        previous[position] = tail_positions[k - 1] if k else -1
    chosen: set[int] = set()
    position = tail_positions[-1] if tail_positions else -1
    while position >= 0:
        chosen.add(position)
        position = previous[position]
    return chosen


# --------------------------------------------------------------------------- 5. splits, merges


def _find_splits_and_merges(
    groups: list[Group],
    removed: list[int],
    added: list[int],
    left: _Side,
    right: _Side,
    weights: _ShingleWeights,
    work: Work,
) -> tuple[list[Group], list[int], list[int]]:
    """Attach unpaired paragraphs that carry a clause of a paired one on the other side.

    An added paragraph joins the group of the old paragraph whose clause it
    carries (a split); a removed paragraph joins the group of the new paragraph
    that carries its clause (a merge). The clause must not also be in the
    group's own partner, else the partner explains it and nothing was split.
    """
    by_old = {g.old[0]: g for g in groups}
    by_new = {g.new[0]: g for g in groups}
    old_index = left.index(by_old, _grams_of(right, added)) if added else {}
    new_index = right.index(by_new, _grams_of(left, removed)) if removed else {}
    for j in list(added):
        found = _clause_partner(right, j, left, old_index, by_old, "new", weights, work)
        if found is not None:
            found.new = sorted([*found.new, j])
            added.remove(j)
    for i in list(removed):
        found = _clause_partner(left, i, right, new_index, by_new, "old", weights, work)
        if found is not None and len(found.new) == 1:
            found.old = sorted([*found.old, i])
            removed.remove(i)
    for group in groups:
        if len(group.new) > 1:
            group.method = "split"
        elif len(group.old) > 1:
            group.method = "merged"
    return groups, removed, added


def _clause_partner(
    own: _Side,
    k: int,
    other: _Side,
    other_index: dict[Gram, list[int]],
    groups: dict[int, Group],
    own_side: str,
    weights: _ShingleWeights,
    work: Work,
) -> Group | None:
    """The group whose paragraph on the other side shares the strongest rare clause with
    paragraph ``k`` of ``own`` (the side named ``own_side``).

    The clause must not already be in the group's own paragraphs on that side.
    """
    words = own.words[k]
    needed = _clause_size(words)
    sharing: dict[int, float] = defaultdict(float)
    for gram in own.grams[k]:
        holders = other_index.get(gram, ())
        if len(holders) <= STOCK_PHRASE_PARAGRAPHS:
            for m in holders:
                sharing[m] += weights.weight[gram]
    best: tuple[float, Group] | None = None
    for m in sorted(sharing, key=lambda m: (-sharing[m], m))[:CLAUSE_CANDIDATES]:
        if len(own.grams[k] & other.grams[m]) + SHINGLE - 1 < needed:
            continue  # a common run of n words holds n - 2 common 3-grams (a clause does
            # not repeat a 3-gram of its own), so too few shared 3-grams rule a run out
        run = _longest_common_run(words, other.words[m], work)
        size = sum(1 for w in run if w.isalpha())
        rarity = weights.run_weight(run)
        if size < needed or rarity < 0.5:
            continue
        group = groups[m]
        partners = group.new if own_side == "new" else group.old
        if any(_contains(own.words[p], run) for p in partners):
            continue
        strength = size * rarity
        if best is None or strength > best[0]:
            best = (strength, group)
    return best[1] if best else None


def _grams_of(side: _Side, members: list[int]) -> set[Gram]:
    grams: set[Gram] = set()
    for k in members:
        grams |= side.grams[k]
    return grams


def _clause_size(words: list[str]) -> int:
    """Words a shared run needs: a clause, or most of a paragraph shorter than one."""
    alpha = sum(1 for w in words if w.isalpha())
    return min(CLAUSE_WORDS, max(4, math.ceil(0.8 * alpha)))


def _contains(words: list[str], run: list[str]) -> bool:
    return f" {' '.join(run)} " in f" {' '.join(words)} "


def _longest_common_run(a: list[str], b: list[str], work: Work) -> list[str]:
    """The longest run of words in both lists: difflib's while the product of the lengths
    fits the exact work left (``resdiff.diff.Budget``), else the longest equal run of the
    bounded diff."""
    if work.diff_budget.take(len(a) * len(b)):
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        match = matcher.find_longest_match(0, len(a), 0, len(b))
        return a[match.a : match.a + match.size]
    work.notes.add(RUN_NOTE)
    blocks = diff(a, b, work.diff_budget).blocks
    start, _, size = max(blocks, key=lambda block: block[2], default=(0, 0, 0))
    return a[start : start + size]
