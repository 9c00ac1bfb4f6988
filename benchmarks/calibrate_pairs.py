"""Fit the weights of the aligner's pairing evidence on the hand-judged pairs.

Usage: python benchmarks/calibrate_pairs.py [--cross-validate]

For every gold pair in fixtures/gold/pairs/, the two texts are parsed and
``resdiff.align.pair_evidence`` gives the evidence of every candidate pair the
aligner weighs (character and word similarity, weighted containment and
overlap of rare 3-grams, length ratio, opening phrase, order between anchored
neighbours, section). A candidate is a positive when the gold pairs it (split
and merge members included), neutral when the gold lists it as borderline,
and a negative otherwise. A logistic regression (L2-regularised, fitted by
Newton's method, no dependency) gives one weight per kind of evidence; the
script prints them in the form ``resdiff/align.py`` holds them, with how
many positives and negatives score on each side of 0.5.

``--cross-validate`` also scores each gold pair end to end (as
benchmarks/pairs_gold.py does) with weights fitted on the other pairs only:
the figure to expect on pairs outside the gold set.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs_gold import FIXTURES, GOLD, GROUPS, KINDS, Counts, identify, score_pair

import resdiff.align as align
from resdiff.parse import parse

FEATURES = tuple(align.EVIDENCE_WEIGHTS)
Row = tuple[str, list[float], float]  # gold pair name, features, label


def evidence_rows(path: Path) -> list[Row]:
    """Features and labels of every candidate pair of one gold pair (neutral ones left out)."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    old, new = parse(FIXTURES / gold["old"]), parse(FIXTURES / gold["new"])
    old_ids, _ = identify(old, gold["old_paragraphs"])
    new_ids, _ = identify(new, gold["new_paragraphs"])
    positive = {tuple(pair) for pair in gold["pairs"]}
    for split in gold["split"]:
        positive |= {(split["old"], n) for n in split["new"]}
    for merge in gold["merged"]:
        positive |= {(o, merge["new"]) for o in merge["old"]}
    neutral = {(b["old"], b["new"]) for b in gold["borderline"]}
    rows: list[Row] = []
    for (i, j), evidence in align.pair_evidence(old.paragraphs, new.paragraphs).items():
        key = (old_ids.get(id(old.paragraphs[i])), new_ids.get(id(new.paragraphs[j])))
        if key in neutral:
            continue
        features = list(evidence.features().values())
        rows.append((path.stem, features, 1.0 if key in positive else 0.0))
    return rows


def fit(rows: list[Row], l2: float = 0.1, rounds: int = 25) -> list[float]:
    """Logistic regression by Newton's method with an L2 penalty (bias not penalised):
    [bias, weight per feature]."""
    size = len(FEATURES) + 1
    theta = [0.0] * size
    samples = [([1.0, *features], label) for _, features, label in rows]
    for _ in range(rounds):
        gradient = [l2 * t if k else 0.0 for k, t in enumerate(theta)]
        hessian = [[(l2 if k == m and k else 0.0) for m in range(size)] for k in range(size)]
        for x, y in samples:
            p = 1.0 / (1.0 + math.exp(-sum(t * v for t, v in zip(theta, x, strict=True))))
            for k in range(size):
                gradient[k] += (p - y) * x[k]
                for m in range(size):
                    hessian[k][m] += p * (1 - p) * x[k] * x[m]
        step = _solve(hessian, gradient)
        theta = [t - d for t, d in zip(theta, step, strict=True)]
        if max(abs(d) for d in step) < 1e-6:
            break
    return theta


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve matrix @ x = vector by Gaussian elimination with partial pivoting."""
    n = len(vector)
    rows = [[*matrix[k], vector[k]] for k in range(n)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        if abs(rows[col][col]) < 1e-12:
            continue
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[k][n] / rows[k][k] if abs(rows[k][k]) > 1e-12 else 0.0 for k in range(n)]


OFFSETS = [k * 0.25 for k in range(13)]


def end_to_end(paths: list[Path]) -> dict[str, dict[str, Counts]]:
    """Counts per group and kind of every gold pair compared with the current weights."""
    totals: dict[str, dict[str, Counts]] = defaultdict(lambda: {k: Counts() for k in KINDS})
    for path in paths:
        result = score_pair(path)
        for kind, counts in result.counts.items():
            total = totals[result.group][kind]
            total.true += counts.true
            total.found += counts.found
            total.right += counts.right
    return totals


def choose_offset(theta: list[float], paths: list[Path]) -> float:
    """The bias offset whose neighbourhood (itself and the offsets either side) has the
    best mean pairing F1: a lone peak next to a drop is not chosen."""
    means = []
    for offset in OFFSETS:
        apply([theta[0] + offset, *theta[1:]])
        totals = end_to_end(paths)
        means.append(sum(t["pairs"].scores()[2] for t in totals.values()) / len(totals))
        print(f"offset {offset:4.2f}: mean pairing F1 {means[-1]:.4f}")
    smoothed = [
        sum(means[max(k - 1, 0) : k + 2]) / len(means[max(k - 1, 0) : k + 2])
        for k in range(len(means))
    ]
    return OFFSETS[max(range(len(OFFSETS)), key=lambda k: (round(smoothed[k], 6), -k))]


def apply(theta: list[float]) -> None:
    """Make the aligner use these weights."""
    align.EVIDENCE_BIAS = round(theta[0], 2)
    align.EVIDENCE_WEIGHTS = {
        name: round(w, 2) for name, w in zip(FEATURES, theta[1:], strict=True)
    }


def show(theta: list[float], rows: list[Row]) -> None:
    """The weights as align.py holds them, and the split of positives and negatives."""
    print("EVIDENCE_WEIGHTS = {")
    for name, weight in zip(FEATURES, theta[1:], strict=True):
        print(f'    "{name}": {weight:.2f},')
    print("}")
    print(f"EVIDENCE_BIAS = {theta[0]:.2f}")
    table: dict[tuple[float, bool], int] = defaultdict(int)
    for _, features, label in rows:
        z = theta[0] + sum(w * v for w, v in zip(theta[1:], features, strict=True))
        table[(label, z >= 0)] += 1
    print(
        f"positives: {table[(1.0, True)]} score >= 0.5, {table[(1.0, False)]} below; "
        f"negatives: {table[(0.0, True)]} score >= 0.5, {table[(0.0, False)]} below"
    )


def cross_validate(paths: list[Path], rows: list[Row], offset: float) -> None:
    """Score each gold pair end to end with weights fitted on the other pairs (the bias
    moved by ``offset``, chosen on all pairs)."""
    totals: dict[str, dict[str, Counts]] = defaultdict(lambda: {k: Counts() for k in KINDS})
    saved = (align.EVIDENCE_BIAS, dict(align.EVIDENCE_WEIGHTS))
    for path in paths:
        theta = fit([row for row in rows if row[0] != path.stem])
        apply([theta[0] + offset, *theta[1:]])
        result = score_pair(path)
        for kind, counts in result.counts.items():
            total = totals[result.group][kind]
            total.true += counts.true
            total.found += counts.found
            total.right += counts.right
    align.EVIDENCE_BIAS, align.EVIDENCE_WEIGHTS = saved
    print("\nleave-one-pair-out, end to end:")
    for group in (g for g in GROUPS if g in totals):
        line = []
        for kind in ("pairs", "added", "removed", "merged"):
            precision, recall, f1 = totals[group][kind].scores()
            line.append(f"{kind} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
        print(f"{group:9} " + "; ".join(line))


def main() -> None:
    """Fit on every gold pair and print the weights (and, if asked, cross-validate)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cross-validate", action="store_true")
    args = parser.parse_args()
    paths = sorted(GOLD.glob("*.json"))
    rows = [row for path in paths for row in evidence_rows(path)]
    print(f"{len(rows)} candidate pairs from {len(paths)} gold pairs")
    saved = (align.EVIDENCE_BIAS, dict(align.EVIDENCE_WEIGHTS))
    theta = fit(rows)
    offset = choose_offset(theta, paths)
    align.EVIDENCE_BIAS, align.EVIDENCE_WEIGHTS = saved
    print(f"bias offset {offset:.2f}")
    show([theta[0] + offset, *theta[1:]], rows)
    if args.cross_validate:
        cross_validate(paths, rows, offset)


if __name__ == "__main__":
    main()
