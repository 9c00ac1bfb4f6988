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
from functools import cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from resdiff.analysis import DATA_DIR
from resdiff.analysis.force import Opening, opening
from resdiff.diff import Budget, diff, longest_increasing
from resdiff.limits import (
    ALIGN_GRAM_SAMPLE,
    ALIGN_RATIO_CHARS,
    ALIGN_RATIO_WORK,
    ALIGN_SAMPLE_WORDS,
)
from resdiff.model import Method, Paragraph
from resdiff.normalize import normalise

DEFAULT_THRESHOLD = 0.5
# How the evidence of a candidate pair adds up to its score (a logistic model), fitted
# by benchmarks/calibrate_pairs.py on the hand-judged pairs of fixtures/gold/pairs/;
# the bias is moved so that the default threshold suits the one-to-one assignment.
EVIDENCE_WEIGHTS = {
    "ratio": 2.26,
    "words": 5.13,
    "containment": 6.83,
    "overlap": 4.1,
    "length": -1.03,
    "same_opening": 2.18,
    "opening_family": -0.41,
    "in_order": -1.25,
    "diagonal": 4.72,
    "sole": 2.75,
    "same_section": 1.32,
}
EVIDENCE_BIAS = -9.76
# Below both floors no pair is weighed: no hand-judged pair that was one clause fell there.
RATIO_FLOOR = 0.4
CONTAINMENT_FLOOR = 0.1
# A pair found with this score anchors the order evidence of the second round.
ANCHOR_SCORE = 0.9
# Word similarity costs the product of the two lengths in words (bit-parallel in C): a
# pair of paragraphs past this product is compared by characters only.
WORD_SIMILARITY_WORK = 4_000_000
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
    similarity: float | None = None  # how alike the texts read; None: use ``score``
    evidence: Evidence | None = None


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
    _joined: str | None = None

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

    def joined(self) -> str:
        """Every paragraph's words, each paragraph between spaces, one per line (built once):
        one substring count tells in how many paragraphs a run of words stands."""
        if self._joined is None:
            self._joined = "\n".join(f" {' '.join(words)} " for words in self.words)
        return self._joined

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
    fuzzy = _fuzzy_pairs(left, right, pairs, weights, threshold, work)
    pairs.update({i: (j, 1.0) for i, (j, _) in fuzzy.items()})
    groups = [_pair_group(i, j, left, right, fuzzy.get(i)) for i, (j, _) in sorted(pairs.items())]
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


def pair_evidence(
    old: Sequence[Paragraph], new: Sequence[Paragraph]
) -> dict[tuple[int, int], Evidence]:
    """The evidence of every candidate pair that ``align`` weighs in its first round
    (paragraphs with identical text set aside), by (old index, new index).

    For calibrating ``EVIDENCE_WEIGHTS`` (``benchmarks/calibrate_pairs.py``).
    """
    analyser = _Analyser()
    left, right = _Side.of(old, analyser), _Side.of(new, analyser)
    anchored = _anchor_pairs(left.keys, right.keys)
    weights = _ShingleWeights(
        left.grams + right.grams, _unpaired_grams(anchored, left, right), analyser.gram_ids
    )
    taken_new = {j for j, _ in anchored.values()}
    rest_old = [i for i in range(len(old)) if i not in anchored]
    rest_new = [j for j in range(len(new)) if j not in taken_new]
    evidence = candidate_evidence(left, right, rest_old, rest_new, weights, Work())
    window = _OrderWindow([(i, j) for i, (j, _) in anchored.items()], len(old), len(new))
    for (i, j), found in evidence.items():
        window.place(found, i, j)
        found.weigh()
    return evidence


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


def _pair_group(
    i: int, j: int, left: _Side, right: _Side, fuzzy: tuple[int, Evidence] | None
) -> Group:
    if fuzzy is None:
        return Group([i], [j], 1.0, "identical", identical=True, similarity=1.0)
    evidence = fuzzy[1]
    return Group(
        [i], [j], evidence.score, "fuzzy", similarity=evidence.similarity, evidence=evidence
    )


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


@dataclass(slots=True)
class Evidence:
    """What speaks for two paragraphs being one clause, and the score it adds up to.

    ``ratio`` is the character similarity of the normalised texts, ``words``
    the same over words; ``containment`` the weighted share of the shorter
    paragraph's 3-grams found in the longer one and ``overlap`` the weighted
    share of all their 3-grams that both hold (3-grams weighted by rarity in
    both documents and in the corpus, so stock formulae weigh little);
    ``length`` the shorter length over the longer, in words; ``opening``
    whether both open with the same phrase ("same"), phrases of one family
    ("family"), different ones ("other") or an unlisted one ("unknown");
    ``in_order`` whether the pair keeps the order of its anchored neighbours,
    ``diagonal`` how near the two stand to the same place in the gap between
    those neighbours, counted from its start or from its end, whichever is
    nearer (1 at the same place, 0 out of order) and ``sole``
    whether each is the only unpaired paragraph of that gap on its side;
    ``same_section`` whether both are preambular, operative or annex.
    ``score`` is the logistic combination of these (``EVIDENCE_WEIGHTS``).
    """

    ratio: float
    words: float
    containment: float
    overlap: float
    length: float
    opening: str
    in_order: bool = True
    same_section: bool = True
    diagonal: float = 0.0
    sole: bool = False
    score: float = 0.0

    @property
    def similarity(self) -> float:
        """How alike the texts read: the character ratio, or the containment of a clause
        that grew or shrank."""
        return max(self.ratio, self.containment)

    def features(self) -> dict[str, float]:
        """The evidence as the numbers ``EVIDENCE_WEIGHTS`` weighs, by name."""
        return {
            "ratio": self.ratio,
            "words": self.words,
            "containment": self.containment,
            "overlap": self.overlap,
            "length": self.length,
            "same_opening": float(self.opening == "same"),
            "opening_family": float(self.opening in ("same", "family")),
            "in_order": float(self.in_order),
            "diagonal": self.diagonal,
            "sole": float(self.sole),
            "same_section": float(self.same_section),
        }

    def weigh(self) -> float:
        """Set and return ``score``: the logistic of the weighted evidence."""
        z = EVIDENCE_BIAS + sum(
            EVIDENCE_WEIGHTS[name] * value for name, value in self.features().items()
        )
        self.score = 1.0 / (1.0 + math.exp(-z))
        return self.score


def _fuzzy_pairs(
    left: _Side,
    right: _Side,
    anchored: dict[int, tuple[int, float]],
    weights: _ShingleWeights,
    threshold: float,
    work: Work,
) -> dict[int, tuple[int, Evidence]]:
    """Pair the paragraphs the anchors left, from the evidence of each candidate pair.

    Two rounds: the order evidence of the first is measured against the
    identical paragraphs; that of the second also against the pairs the first
    round found with a high score.
    """
    taken_new = {j for j, _ in anchored.values()}
    rest_old = [i for i in range(len(left.texts)) if i not in anchored]
    rest_new = [j for j in range(len(right.texts)) if j not in taken_new]
    if not rest_old or not rest_new:
        return {}
    evidence = candidate_evidence(left, right, rest_old, rest_new, weights, work)
    fixed = [(i, j) for i, (j, _) in anchored.items()]
    chosen: dict[int, tuple[int, float]] = {}
    for _ in range(2):
        strong = [(i, j) for i, (j, score) in chosen.items() if score >= ANCHOR_SCORE]
        window = _OrderWindow(fixed + strong, len(left.texts), len(right.texts))
        scores: dict[tuple[int, int], float] = {}
        for (i, j), found in evidence.items():
            window.place(found, i, j)
            if found.weigh() >= threshold:
                scores[(i, j)] = found.score
        chosen = _assign(scores, len(left.texts), len(right.texts))
    return {i: (j, evidence[(i, j)]) for i, (j, _) in chosen.items()}


class _OrderWindow:
    """Where a paragraph may stand and keep the order of the anchored pairs around it.

    The anchors kept are a longest run of ``pairs`` in order on both sides;
    between two consecutive anchors lies a *gap* of unpaired paragraphs on
    each side.
    """

    def __init__(self, pairs: list[tuple[int, int]], n_old: int, n_new: int) -> None:
        by_new = sorted(pairs, key=lambda pair: pair[1])
        keep = set(longest_increasing([i for i, _ in by_new]))
        kept = [pair for k, pair in enumerate(by_new) if k in keep]
        self.new = [j for _, j in kept]
        self.old = [i for i, _ in kept]
        self.n_old = n_old
        paired_old, paired_new = {i for i, _ in pairs}, {j for _, j in pairs}
        self.free_old = [i for i in range(n_old) if i not in paired_old]
        self.free_new = [j for j in range(n_new) if j not in paired_new]

    def place(self, found: Evidence, i: int, j: int) -> None:
        """Set the order evidence of the pair (old ``i``, new ``j``); an anchor that is
        this very pair does not count."""
        k = bisect_left(self.new, j)
        own = k < len(self.new) and self.new[k] == j and self.old[k] == i
        following = k + 1 if own else k
        before = self.old[k - 1] if k else -1
        after = self.old[following] if following < len(self.old) else self.n_old
        found.in_order = before < i < after
        if not found.in_order:
            found.diagonal, found.sole = 0.0, False
            return
        new_before = self.new[k - 1] if k else -1
        new_after = self.new[following] if following < len(self.new) else math.inf
        old_rank, old_size = _rank(self.free_old, i, before, after, own)
        new_rank, new_size = _rank(self.free_new, j, new_before, new_after, own)
        from_start = abs(old_rank - new_rank)
        from_end = abs((old_size - old_rank) - (new_size - new_rank))
        found.diagonal = 1.0 - min(from_start, from_end) / max(old_size, new_size)
        found.sole = old_size == new_size == 1


def _rank(free: list[int], k: int, low: float, high: float, own: bool) -> tuple[int, int]:
    """The place of ``k`` among the ``free`` positions strictly between ``low`` and
    ``high``, and how many there are (``k`` counted in when it is not free but ``own``)."""
    start = bisect_left(free, low + 1) if low >= 0 else 0
    end = bisect_left(free, high) if high != math.inf else len(free)
    return bisect_left(free, k) - start, max(end - start + int(own), 1)


def candidate_evidence(
    left: _Side,
    right: _Side,
    rest_old: list[int],
    rest_new: list[int],
    weights: _ShingleWeights,
    work: Work,
) -> dict[tuple[int, int], Evidence]:
    """The evidence of every old/new pair close enough to be worth weighing.

    A pair is weighed when its character ratio reaches ``RATIO_FLOOR`` or its
    containment ``CONTAINMENT_FLOOR``; below both, no hand-judged pair was one
    clause.
    """
    if not rest_old or not rest_new:
        return {}
    dense = len(rest_old) * len(rest_new) <= DENSE_PAIRS
    shared = weights.shared_pairs(left, right, rest_old, rest_new, blocking=not dense)
    if dense:
        ratios = _all_ratios(left, right, rest_old, rest_new, RATIO_FLOOR, work)
    else:  # block: only pairs that share more than stock phrases are scored
        blocked = (pair for pair, s in shared.items() if s.containment >= BLOCKING_CONTAINMENT)
        ratios = _ratios_of(left, right, blocked, RATIO_FLOOR, work)
    for pair, found in shared.items():
        if found.containment >= CONTAINMENT_FLOOR and pair not in ratios:
            ratios[pair] = similarity(left.texts[pair[0]], right.texts[pair[1]], work)
    openings = _Openings(left, right)
    result: dict[tuple[int, int], Evidence] = {}
    for (i, j), ratio in ratios.items():
        common = shared.get((i, j))
        old_words, new_words = left.words[i], right.words[j]
        result[(i, j)] = Evidence(
            ratio=ratio,
            words=_word_similarity(old_words, new_words, ratio),
            containment=common.containment if common else 0.0,
            overlap=common.overlap if common else 0.0,
            length=min(len(old_words), len(new_words)) / max(len(old_words), len(new_words), 1),
            opening=openings.compare(i, j),
            same_section=left.paragraphs[i].section == right.paragraphs[j].section,
        )
    return result


def _word_similarity(old: list[str], new: list[str], ratio: float) -> float:
    """``Indel`` similarity of two word lists (0..1); for very long paragraphs, whose
    product of lengths passes ``WORD_SIMILARITY_WORK``, the character ratio instead."""
    if len(old) * len(new) > WORD_SIMILARITY_WORK:
        return ratio
    return float(Indel.normalized_similarity(old, new))


class _Openings:
    """The opening phrase of each paragraph, read once (see ``resdiff.analysis.force``)."""

    def __init__(self, left: _Side, right: _Side) -> None:
        self.sides = (left, right)
        self.found: tuple[dict[int, Opening | None], dict[int, Opening | None]] = ({}, {})

    def _of(self, side: int, k: int) -> Opening | None:
        known = self.found[side]
        if k not in known:
            known[k] = opening(self.sides[side].paragraphs[k].text)
        return known[k]

    def compare(self, i: int, j: int) -> str:
        """'same', 'family', 'other' or 'unknown' (when either phrase is not listed)."""
        before, after = self._of(0, i), self._of(1, j)
        if before is None or after is None:
            return "unknown"
        if before.phrase == after.phrase:
            return "same"
        return "family" if before.family == after.family else "other"


def _all_ratios(
    left: _Side,
    right: _Side,
    rest_old: list[int],
    rest_new: list[int],
    floor: float,
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
            text, choices, scorer=fuzz.ratio, limit=None, score_cutoff=floor * 100
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
    left: _Side, right: _Side, pairs: Iterable[tuple[int, int]], floor: float, work: Work
) -> dict[tuple[int, int], float]:
    """``fuzz.ratio`` of the given pairs only (those within the ratio work)."""
    scores: dict[tuple[int, int], float] = {}
    cutoff = floor * 100
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


@dataclass(slots=True)
class _Shared:
    """The weighted 3-grams two paragraphs share, as a share of the shorter and of both."""

    containment: float
    overlap: float


@cache
def stock_phrases() -> tuple[dict[str, int], int, int]:
    """The corpus's stock 3-grams (``resdiff/data/stock_phrases.txt``): each one, written
    with single spaces, with the number of documents that hold it; the number of
    documents counted; and the fewest documents a listed phrase has."""
    text = (DATA_DIR / "stock_phrases.txt").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    documents = int(rows[0].split("\t")[0])
    cells = "\t".join(rows[1:]).split("\t")  # count, 3-gram, count, 3-gram, ...
    counts = dict(zip(cells[1::2], map(int, cells[0::2]), strict=True))
    return counts, documents, min(counts.values(), default=1)


def stock_factor(gram: tuple[str, ...]) -> float:
    """How much of its rarity weight a 3-gram keeps: 1 unless it is a stock phrase.

    A 3-gram held by ``d`` of the corpus's ``N`` documents keeps
    ``log(1 + N/d) / log(1 + N/d0)``, where ``d0`` is the fewest documents of a
    listed phrase: 1 for the least common listed phrase, about 0.06 for "the united
    nations".
    """
    counts, documents, fewest = stock_phrases()
    count = counts.get(" ".join(gram))
    if count is None:
        return 1.0
    return min(1.0, math.log(1 + documents / count) / math.log(1 + documents / fewest))


class _ShingleWeights:
    """Word 3-gram rarity weights over the paragraphs of both documents (an IDF), lowered
    for the corpus's stock phrases."""

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
        # rarity in the two documents; ``weight`` also lowers the corpus's stock phrases
        self.local = {s: math.log(1 + total / df) for s, df in frequency.items()}
        named = {number: gram for gram, number in gram_ids.items() if number in frequency}
        self.weight = {s: idf * stock_factor(named[s]) for s, idf in self.local.items()}
        self.top = math.log(1 + total)  # the weight of a rare 3-gram found once
        self.gram_ids = gram_ids

    def shared_pairs(
        self,
        left: _Side,
        right: _Side,
        rest_old: list[int],
        rest_new: list[int],
        *,
        blocking: bool = False,
    ) -> dict[tuple[int, int], _Shared]:
        """Containment (damped for short paragraphs) and overlap of every old/new pair
        sharing a 3-gram.

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
        result: dict[tuple[int, int], _Shared] = {}
        for (i, j), common in shared.items():
            shorter = min(mass_old[i], mass_new[j])
            union = mass_old[i] + mass_new[j] - common
            words = min(len(left.words[i]), len(right.words[j]))
            damping = min(1.0, words / SHORT_PARAGRAPH_WORDS)
            containment = min(1.0, common / shorter) * damping if shorter else 0.0
            result[(i, j)] = _Shared(containment, common / union if union > 0 else 0.0)
        return result

    def _mass(self, grams: set[Gram]) -> float:
        return sum(self.weight.get(g, 0.0) for g in grams)

    def run_weight(self, words: list[str]) -> float:
        """Mean rarity of the 3-grams of a run of words in the two documents, relative to
        the rarest possible (a clause-long run is a clause even when it is a formula of
        many resolutions, as long as the texts compared do not repeat it)."""
        grams = [self.gram_ids.get(gram) for gram in shingles(words)]
        if not grams:
            return 0.0
        weights = (self.local.get(g, self.top) if g is not None else self.top for g in grams)
        return sum(weights) / (len(grams) * self.top)

    def unstock(self, words: list[str]) -> float:
        """The mean weight the corpus leaves to the 3-grams of a run (1: no stock phrase)."""
        grams = shingles(words)
        return sum(map(stock_factor, grams)) / len(grams) if grams else 1.0


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
    keep = set(longest_increasing([g.old[0] for g in by_new]))
    for position, group in enumerate(by_new):
        group.moved = position not in keep
        if group.moved:
            group.method = "moved"


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
    """Attach unpaired paragraphs that carry a clause of a paired one on the other side,
    then join unpaired paragraphs that share clauses with several on the other side.

    An added paragraph joins the group of the old paragraph whose clause it
    carries (a split); a removed paragraph joins the group of the new paragraph
    that carries its clause (a merge). The clause must not also be in the
    group's own partner, else the partner explains it and nothing was split.
    An added paragraph that keeps a clause of each of two or more removed ones
    is their merge, also when the rest of it is new text (a *partial* merge);
    a removed paragraph whose clauses went to two or more added ones is their
    split.
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
    groups += _loose_groups(removed, added, left, right, weights, work)
    for group in groups:
        if len(group.new) > 1:
            group.method = "split"
        elif len(group.old) > 1:
            group.method = "merged"
    return groups, removed, added


def _loose_groups(
    removed: list[int],
    added: list[int],
    left: _Side,
    right: _Side,
    weights: _ShingleWeights,
    work: Work,
) -> list[Group]:
    """Merges of removed paragraphs into one added paragraph, and splits of one removed
    paragraph into added ones, found among unpaired paragraphs only (``removed`` and
    ``added`` lose the paragraphs joined)."""
    groups: list[Group] = []
    if not removed or not added:
        return groups
    removed_index = left.index(removed, _grams_of(right, added))
    for j in list(added):
        runs = _clause_runs(right, j, left, removed_index, weights, work)
        sources = [m for m, _ in runs]
        if len(sources) >= 2:
            groups.append(Group(sorted(sources), [j], _coverage(runs, right.words[j]), "merged"))
            added.remove(j)
            removed[:] = [i for i in removed if i not in sources]
            removed_index = left.index(removed, _grams_of(right, added)) if added else {}
    added_index = right.index(added, _grams_of(left, removed)) if removed and added else {}
    for i in list(removed):
        runs = _clause_runs(left, i, right, added_index, weights, work)
        targets = [m for m, _ in runs]
        if len(targets) >= 2:
            groups.append(Group([i], sorted(targets), _coverage(runs, left.words[i]), "split"))
            removed.remove(i)
            added[:] = [j for j in added if j not in targets]
            added_index = right.index(added, _grams_of(left, removed)) if removed else {}
    return groups


def _coverage(runs: list[tuple[int, list[str]]], words: list[str]) -> float:
    """The share of ``words`` that the shared runs cover: the score of a loose split or
    merge."""
    return min(1.0, sum(len(run) for _, run in runs) / max(len(words), 1))


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
    for m, run in _clause_runs(own, k, other, other_index, weights, work):
        group = groups[m]
        partners = group.new if own_side == "new" else group.old
        if not any(_contains(own.words[p], run) for p in partners):
            return group
    return None


def _clause_runs(
    own: _Side,
    k: int,
    other: _Side,
    other_index: dict[Gram, list[int]],
    weights: _ShingleWeights,
    work: Work,
) -> list[tuple[int, list[str]]]:
    """The paragraphs of ``other`` (among those indexed) that share a clause-sized run of
    rare words with paragraph ``k`` of ``own``, strongest first, each with the run.

    A run the text repeats in another paragraph (a name: a convention, a body) is
    not a clause, unless it is the whole of paragraph ``k``; between equally strong
    partners the one at the nearest place wins.
    """
    words = own.words[k]
    needed = _clause_size(words)
    sharing: dict[int, float] = defaultdict(float)
    for gram in own.grams[k]:
        holders = other_index.get(gram, ())
        if len(holders) <= STOCK_PHRASE_PARAGRAPHS:
            for m in holders:
                sharing[m] += weights.weight[gram]
    found: list[tuple[float, float, int, list[str]]] = []
    for m in sorted(sharing, key=lambda m: (-sharing[m], m))[:CLAUSE_CANDIDATES]:
        if len(own.grams[k] & other.grams[m]) + SHINGLE - 1 < needed:
            continue  # a common run of n words holds n - 2 common 3-grams (a clause does
            # not repeat a 3-gram of its own), so too few shared 3-grams rule a run out
        run = _longest_common_run(words, other.words[m], work)
        size = sum(1 for w in run if w.isalpha())
        rarity = weights.run_weight(run)
        whole = size >= 0.8 * sum(1 for w in words if w.isalpha())
        if whole:  # all of paragraph k: a formula split off or merged in is still a clause
            if size < needed:
                continue
        elif rarity < 0.5 or size * weights.unstock(run) < needed:
            continue  # too short, once stock phrases count for less
        elif _repeated(run, own) or _repeated(run, other):
            continue  # a name the text repeats (a convention, a body), not a clause
        drift = abs(m / max(len(other.words), 1) - k / max(len(own.words), 1))
        found.append((size * rarity, drift, m, run))
    found.sort(key=lambda item: (-item[0], item[1], item[2]))  # ties: the nearest place
    return [(m, run) for _, _, m, run in found]


def _grams_of(side: _Side, members: list[int]) -> set[Gram]:
    grams: set[Gram] = set()
    for k in members:
        grams |= side.grams[k]
    return grams


def _clause_size(words: list[str]) -> int:
    """Words a shared run needs: a clause, or most of a paragraph shorter than one."""
    alpha = sum(1 for w in words if w.isalpha())
    return min(CLAUSE_WORDS, max(4, math.ceil(0.8 * alpha)))


def _repeated(run: list[str], side: _Side) -> bool:
    """True when ``run`` stands in more than one paragraph of ``side`` (or twice in one)."""
    return side.joined().count(f" {' '.join(run)} ") > 1


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
