"""Accuracy of resdiff compare on synthetic revisions of real resolutions.

Usage: python benchmarks/accuracy.py [--seeds N] [--fixtures-only] [--blocking]

For every real resolution (the fixtures, plus ../shared/corpus when present)
and every edit kind, a case is built with known truth (see synthetic.py); the
texts are parsed and compared exactly as ``resdiff compare`` does, and the
result is scored:

- pairing precision / recall / F1 over (old paragraph, new paragraph) pairs,
  split and merge members included;
- added / removed: F1 over paragraphs reported added or removed;
- moved: precision / recall of the moved flag;
- split / merge: share of true splits and merges reported as such;
- false changes on re-wrap-only cases: paragraphs reported as anything but
  unchanged when only wrapping, page furniture and page breaks differ.

Documents the fixtures hold are reported apart from the held-out corpus
documents the tests never saw.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import EDIT_KINDS, FIXTURES, Case, load_items, make_case, source_documents

import resdiff.align
from resdiff.compare import compare
from resdiff.normalize import normalise
from resdiff.parse import parse


@dataclass
class Tally:
    """Counts accumulated over cases."""

    true_pairs: int = 0
    found_pairs: int = 0
    right_pairs: int = 0
    true_unpaired: int = 0
    found_unpaired: int = 0
    right_unpaired: int = 0
    true_moved: int = 0
    found_moved: int = 0
    right_moved: int = 0
    structural_true: int = 0
    structural_found: int = 0
    rewrap_paragraphs: int = 0
    rewrap_false: int = 0
    segment_errors: int = 0
    cases: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name, value in vars(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.failures.extend(other.failures)


def score_case(case: Case) -> Tally:
    """Compare the case's texts with resdiff and count hits and misses against the truth."""
    tally = Tally(cases=1)
    old_doc, new_doc = parse(case.old_text), parse(case.new_text)
    old_ids = _identify(old_doc, case.old_items)
    new_ids = _identify(new_doc, case.new_items)
    if old_ids is None or new_ids is None:
        tally.segment_errors += 1
        tally.failures.append(f"{case.name}: segmentation differs from the truth")
        if case.kind == "rewrap":  # what a user would see: every reported change is false
            changes = compare(old_doc, new_doc).changes
            tally.rewrap_paragraphs += len(case.new_items)
            tally.rewrap_false += sum(1 for c in changes if c.kind != "unchanged" or c.moved)
        return tally
    comparison = compare(old_doc, new_doc)
    found: set[tuple[int, int]] = set()
    found_unpaired: set[tuple[str, int]] = set()
    found_moved: set[int] = set()
    structural = 0
    for change in comparison.changes:
        olds = [old_ids[id(p)] for p in change.old]
        news = [new_ids[id(p)] for p in change.new]
        found.update((i, j) for i in olds for j in news)
        if change.kind == "added":
            found_unpaired.add(("new", news[0]))
        elif change.kind == "removed":
            found_unpaired.add(("old", olds[0]))
        if change.moved:
            found_moved.update(news)
        if change.kind in ("split", "merged"):
            structural += 1
        if case.kind == "rewrap":
            tally.rewrap_paragraphs += len(news) or 1
            if change.kind != "unchanged" or change.moved:
                tally.rewrap_false += 1
                tally.failures.append(f"{case.name}: false {change.kind} {change.new_label}")
    truth = case.true_pairs()
    true_unpaired = {("new", j) for j, it in enumerate(case.new_items) if not it.origins}
    paired_old = {i for i, _ in truth}
    true_unpaired |= {("old", i) for i in range(len(case.old_items)) if i not in paired_old}
    tally.true_pairs, tally.found_pairs, tally.right_pairs = (
        len(truth),
        len(found),
        len(truth & found),
    )
    tally.true_unpaired, tally.found_unpaired = len(true_unpaired), len(found_unpaired)
    tally.right_unpaired = len(true_unpaired & found_unpaired)
    tally.true_moved, tally.found_moved = len(case.moved), len(found_moved)
    tally.right_moved = len(case.moved & found_moved)
    if case.kind in ("split", "merge"):
        tally.structural_true = _structural_truth(case)
        tally.structural_found = min(structural, tally.structural_true)
    for pair in sorted(truth - found)[:3]:
        tally.failures.append(f"{case.name}: missed pair {pair}")
    for pair in sorted(found - truth)[:3]:
        tally.failures.append(f"{case.name}: false pair {pair}")
    return tally


def _structural_truth(case: Case) -> int:
    if case.kind == "merge":
        return sum(1 for it in case.new_items if len(it.origins) > 1)
    origins = [next(iter(it.origins)) for it in case.new_items if len(it.origins) == 1]
    return sum(1 for o in set(origins) if origins.count(o) > 1)


def _identify(document, items):  # type: ignore[no-untyped-def]
    """Map each parsed paragraph to its case item by position, checking the text agrees."""
    paragraphs = [p for p in document.paragraphs if p.section in ("preamble", "operative")]
    if len(paragraphs) != len(items):
        return None
    ids = {}
    for k, (paragraph, item) in enumerate(zip(paragraphs, items, strict=True)):
        if normalise(paragraph.full_text()) != normalise(item.text):
            return None
        ids[id(paragraph)] = k
    return ids


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _f1(right: int, found: int, true: int) -> tuple[float, float, float]:
    precision, recall = _ratio(right, found), _ratio(right, true)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run(seeds: int, include_corpus: bool) -> dict[str, dict[str, Tally]]:
    """Build and score every case; tallies by document group and edit kind."""
    paths = source_documents(include_corpus)
    documents = {p: load_items(p) for p in paths}
    documents = {p: items for p, items in documents.items() if len(items) >= 4}
    donors = [it.text for items in documents.values() for it in items if it.section == "operative"]
    fixture_names = {p.name for p in FIXTURES.glob("*")}
    tallies: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for path, items in documents.items():
        group = "fixtures" if path.name in fixture_names else "held-out"
        for kind in EDIT_KINDS:
            for seed in range(seeds):
                rng = random.Random(f"{path.name}/{kind}/{seed}")
                own = [d for d in donors if d not in {it.text for it in items}]
                case = make_case(f"{path.name}/{kind}/{seed}", items, kind, own, rng)
                tallies[group][kind].add(score_case(case))
    return tallies


def print_table(tallies: dict[str, dict[str, Tally]]) -> Tally:
    """Print one row per group and edit kind, then the totals; return the grand total."""
    header = (
        f"{'group':9} {'edit':10} {'cases':>5} {'pair P':>7} {'pair R':>7} {'pair F1':>7} "
        f"{'add/rm F1':>9} {'move P':>7} {'move R':>7} {'spl/mrg':>7} {'false':>7} {'seg err':>7}"
    )
    print(header)
    print("-" * len(header))
    grand = Tally()
    for group, by_kind in sorted(tallies.items()):
        total = Tally()
        for kind in EDIT_KINDS:
            tally = by_kind[kind]
            total.add(tally)
            print(_row(group, kind, tally))
        print(_row(group, "ALL", total))
        grand.add(total)
    print(_row("all", "ALL", grand))
    return grand


def _row(group: str, kind: str, t: Tally) -> str:
    pair = _f1(t.right_pairs, t.found_pairs, t.true_pairs)
    unpaired = _f1(t.right_unpaired, t.found_unpaired, t.true_unpaired)
    moved_p, moved_r = _ratio(t.right_moved, t.found_moved), _ratio(t.right_moved, t.true_moved)
    structural = _ratio(t.structural_found, t.structural_true)
    false_rate = _ratio(t.rewrap_false, t.rewrap_paragraphs) if t.rewrap_paragraphs else 0.0
    return (
        f"{group:9} {kind:10} {t.cases:5d} {pair[0]:7.3f} {pair[1]:7.3f} {pair[2]:7.3f} "
        f"{unpaired[2]:9.3f} {moved_p:7.3f} {moved_r:7.3f} {structural:7.3f} "
        f"{false_rate:7.3%} {t.segment_errors:7d}"
    )


def main() -> None:
    """Parse arguments, run the benchmark, print the table and a sample of failures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, default=3, help="cases per document and edit kind")
    parser.add_argument("--fixtures-only", action="store_true", help="ignore ../shared/corpus")
    parser.add_argument("--failures", type=int, default=15, help="failures to list")
    parser.add_argument(
        "--blocking",
        action="store_true",
        help="score every case with the candidate blocking that very long documents use",
    )
    args = parser.parse_args()
    if args.blocking:
        resdiff.align.DENSE_PAIRS = 0  # every case then takes the long-document path
    grand = print_table(run(args.seeds, not args.fixtures_only))
    if grand.failures and args.failures:
        print(f"\nfirst {args.failures} of {len(grand.failures)} failures:")
        for line in grand.failures[: args.failures]:
            print("  " + line)


if __name__ == "__main__":
    main()
