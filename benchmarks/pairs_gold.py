"""Accuracy of resdiff compare on real version pairs with hand-judged answers.

Usage: python benchmarks/pairs_gold.py [--details]

Every file in fixtures/gold/pairs/ names an older and a newer real text (in
fixtures/) and lists, as judged by reading both, which paragraphs pair
(the same clause, kept or reworded), which were added, removed, moved, split
or merged, and the borderline judgements a reasonable reader could make
either way. The two texts are compared exactly as ``resdiff compare`` does and
each reported change is mapped to the gold identities: operative paragraphs by
their printed number, preambular ones by their order in the parsed preamble.
When the parse does not give the gold's paragraphs (other counts, or first
words that differ), the pair is reported as a parse mismatch and paragraphs
are matched by their first words instead; paragraphs that match nothing count
as wrong wherever they appear.

Scored per group (GA annual revisions, GA draft -> adopted, Security Council
series, the trap pair of two different resolutions on one country) and per
kind: pairs (split and merge members included), added, removed, moved (as
pairs), split and merged (a reported split or merge matches a gold one with
the same single paragraph and at least two of its members). Borderline
judgements are neutral: such a pair counts neither as found wrongly nor as
missed, and its paragraphs are left out of the added / removed scores; a
split or merge with a borderline member is left out of the split / merge
scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from resdiff.compare import compare
from resdiff.model import Document, Paragraph
from resdiff.parse import parse

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLD = FIXTURES / "gold" / "pairs"
GROUPS = ("ga-annual", "ga-draft", "sc-series", "trap")
KINDS = ("pairs", "added", "removed", "moved", "split", "merged")
Pair = tuple[str, str]


@dataclass
class Counts:
    """True, found and right items of one kind."""

    true: int = 0
    found: int = 0
    right: int = 0

    def add(self, true: set[object], found: set[object]) -> None:
        """Count one pair's gold and found items."""
        self.true += len(true)
        self.found += len(found)
        self.right += len(true & found)

    def scores(self) -> tuple[float, float, float]:
        """Precision, recall and F1 (1.0 when there is nothing to find and nothing found)."""
        precision = self.right / self.found if self.found else 1.0
        recall = self.right / self.true if self.true else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class PairResult:
    """The outcome of one gold pair."""

    name: str
    group: str
    parse_status: str
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in KINDS})
    misses: list[str] = field(default_factory=list)


def first_words(text: str, count: int = 3) -> str:
    """The first words of a paragraph, folded for comparison (case, punctuation, hyphens)."""
    folded = unicodedata.normalize("NFKC", text).lower()
    words = re.findall(r"[^\W_]+", folded)
    return " ".join(words[:count])


def body_paragraphs(document: Document) -> list[Paragraph]:
    """The preambular and operative paragraphs, in reading order."""
    return [p for p in document.paragraphs if p.section in ("preamble", "operative")]


def identify(document: Document, gold_words: dict[str, str]) -> tuple[dict[int, str | None], str]:
    """Map each parsed paragraph (by id) to its gold label; also return the parse status."""
    paragraphs = body_paragraphs(document)
    by_position = _positional_labels(paragraphs)
    matches = all(
        label in gold_words and first_words(p.text) == first_words(gold_words[label])
        for p, label in zip(paragraphs, by_position, strict=True)
    )
    if matches and sorted(by_position) == sorted(gold_words):
        return {id(p): label for p, label in zip(paragraphs, by_position, strict=True)}, "ok"
    parsed_pp = sum(p.section == "preamble" for p in paragraphs)
    parsed_op = len(paragraphs) - parsed_pp
    gold_pp = sum(label.startswith("PP") for label in gold_words)
    status = f"parse mismatch (PP {parsed_pp}/{gold_pp}, OP {parsed_op}/{len(gold_words) - gold_pp}"
    if (parsed_pp, len(paragraphs)) == (gold_pp, len(gold_words)):
        differing = next(
            label
            for p, label in zip(paragraphs, by_position, strict=True)
            if label not in gold_words or first_words(p.text) != first_words(gold_words[label])
        )
        status += f"; first difference at {differing}"
    return _labels_by_first_words(paragraphs, gold_words), status + ")"


def _positional_labels(paragraphs: list[Paragraph]) -> list[str]:
    labels, ordinal = [], 0
    for paragraph in paragraphs:
        if paragraph.section == "preamble":
            ordinal += 1
            labels.append(f"PP{ordinal}")
        else:
            labels.append(f"OP{paragraph.number or '?'}")
    return labels


def _labels_by_first_words(
    paragraphs: list[Paragraph], gold_words: dict[str, str]
) -> dict[int, str | None]:
    """Match parsed paragraphs to gold labels with the same first words, in reading order."""
    order = list(gold_words)
    folded = {label: first_words(words) for label, words in gold_words.items()}
    used: set[str] = set()
    labels: dict[int, str | None] = {}
    last = -1
    for paragraph in paragraphs:
        words = first_words(paragraph.text)
        candidates = [label for label in order if folded[label] == words and label not in used]
        after = [label for label in candidates if order.index(label) > last]
        chosen = (after or candidates or [None])[0]
        labels[id(paragraph)] = chosen
        if chosen is not None:
            used.add(chosen)
            last = order.index(chosen)
    return labels


def score_pair(path: Path) -> PairResult:
    """Compare one gold pair's texts with resdiff and count hits and misses per kind."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    old_doc = parse(FIXTURES / gold["old"])
    new_doc = parse(FIXTURES / gold["new"])
    old_ids, old_status = identify(old_doc, gold["old_paragraphs"])
    new_ids, new_status = identify(new_doc, gold["new_paragraphs"])
    status = "ok" if old_status == new_status == "ok" else _status(old_status, new_status)
    result = PairResult(path.stem, gold["group"], status)
    found = _found(compare(old_doc, new_doc).changes, old_ids, new_ids)
    true = _truth(gold)
    neutral_pairs = {(b["old"], b["new"]) for b in gold["borderline"]}
    neutral_old = {b["old"] for b in gold["borderline"]}
    neutral_new = {b["new"] for b in gold["borderline"]}
    for kind in KINDS:
        wanted, got = true[kind], found[kind]
        if kind in ("pairs", "moved"):
            wanted, got = wanted - neutral_pairs, got - neutral_pairs
        elif kind == "added":
            wanted, got = wanted - neutral_new, got - neutral_new
        elif kind == "removed":
            wanted, got = wanted - neutral_old, got - neutral_old
        else:
            wanted = {u for u in wanted if not _members(u) & neutral_pairs}
            got = {u for u in got if not _members(u) & neutral_pairs}
            got = {_match_unit(u, wanted) for u in got}
        result.counts[kind].add(wanted, got)
        result.misses += [f"{kind}: missed {_show(x)}" for x in sorted(wanted - got, key=str)]
        result.misses += [f"{kind}: wrong {_show(x)}" for x in sorted(got - wanted, key=str)]
    return result


def _status(old_status: str, new_status: str) -> str:
    parts = [f"old {old_status}" if old_status != "ok" else "", f"new {new_status}"]
    if new_status == "ok":
        parts[1] = ""
    return "; ".join(p for p in parts if p)


def _truth(gold: dict) -> dict[str, set]:  # type: ignore[type-arg]
    """The gold items per kind: pairs include split and merge members."""
    pairs: set[Pair] = {(o, n) for o, n in gold["pairs"]}
    splits = {("split", s["old"], tuple(sorted(s["new"]))) for s in gold["split"]}
    merges = {("merged", m["new"], tuple(sorted(m["old"]))) for m in gold["merged"]}
    for unit in splits | merges:
        pairs |= _members(unit)
    return {
        "pairs": pairs,
        "added": set(gold["added"]),
        "removed": set(gold["removed"]),
        "moved": {(o, n) for o, n in gold["moved"]},
        "split": splits,
        "merged": merges,
    }


def _found(changes, old_ids, new_ids) -> dict[str, set]:  # type: ignore[no-untyped-def, type-arg]
    """What resdiff reported, in gold labels; unmatched paragraphs become '?<label>'."""
    found: dict[str, set] = {kind: set() for kind in KINDS}  # type: ignore[type-arg]
    for change in changes:
        olds = [old_ids.get(id(p)) or f"?{p.label}" for p in change.old]
        news = [new_ids.get(id(p)) or f"?{p.label}" for p in change.new]
        members = {(o, n) for o in olds for n in news}
        found["pairs"] |= members
        if change.moved:
            found["moved"] |= members
        if change.kind == "added":
            found["added"].update(news)
        elif change.kind == "removed":
            found["removed"].update(olds)
        elif change.kind == "split":
            found["split"].add(("split", olds[0], tuple(sorted(news))))
        elif change.kind == "merged":
            found["merged"].add(("merged", news[0], tuple(sorted(olds))))
    return found


def _members(unit: tuple[str, str, tuple[str, ...]]) -> set[Pair]:
    kind, single, many = unit
    if kind == "split":
        return {(single, n) for n in many}
    return {(o, single) for o in many}


def _match_unit(unit, wanted):  # type: ignore[no-untyped-def]
    """A reported split or merge counts as a gold one with the same single paragraph and at
    least two of its members."""
    for gold in wanted:
        if gold[:2] == unit[:2] and len(set(gold[2]) & set(unit[2])) >= 2:
            return gold
    return unit


def _show(item: object) -> str:
    if isinstance(item, tuple) and len(item) == 2:
        return f"{item[0]} -> {item[1]}"
    if isinstance(item, tuple):
        kind, single, many = item
        return (
            f"{single} -> {'+'.join(many)}" if kind == "split" else f"{'+'.join(many)} -> {single}"
        )
    return str(item)


def print_tables(results: list[PairResult], details: bool) -> None:
    """Print one line per gold pair, then P/R/F1 per group and kind."""
    print_pairs(results, details)
    print()
    print_groups(results)
    mismatched = sum(r.parse_status != "ok" for r in results)
    print(f"\n{len(results)} pairs, {mismatched} with a parse mismatch")


def print_pairs(results: list[PairResult], details: bool) -> None:
    """One line per gold pair: pairing, added and removed F1 and the parse status."""
    print(f"{'pair':34} {'group':9} {'pair F1':>7} {'add F1':>6} {'rm F1':>6}  parse")
    for r in results:
        f1 = {k: r.counts[k].scores()[2] for k in ("pairs", "added", "removed")}
        print(
            f"{r.name:34} {r.group:9} {f1['pairs']:7.3f} {f1['added']:6.3f} {f1['removed']:6.3f}"
            f"  {r.parse_status}"
        )
        if details:
            for line in r.misses:
                print(f"    {line}")


def print_groups(results: list[PairResult]) -> None:
    """Counts and P/R/F1 per group and kind, summed over the group's pairs."""
    columns = ("true", "found", "right", "P", "R", "F1")
    header = f"{'group':9} {'kind':8} " + " ".join(f"{c:>6}" for c in columns)
    print(header)
    print("-" * len(header))
    totals: dict[str, dict[str, Counts]] = defaultdict(lambda: {k: Counts() for k in KINDS})
    for r in results:
        for kind, counts in r.counts.items():
            total = totals[r.group][kind]
            total.true, total.found = total.true + counts.true, total.found + counts.found
            total.right += counts.right
    for group in (g for g in GROUPS if g in totals):
        for kind in KINDS:
            c = totals[group][kind]
            numbers = " ".join(f"{n:6d}" for n in (c.true, c.found, c.right))
            scores = " ".join(f"{x:6.3f}" for x in c.scores())
            print(f"{group:9} {kind:8} {numbers} {scores}")


def main() -> None:
    """Score every gold pair and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="list every miss per pair")
    args = parser.parse_args()
    paths = sorted(GOLD.glob("*.json"))
    if not paths:
        sys.exit(f"no gold files in {GOLD}")
    results = [score_pair(p) for p in paths]
    results.sort(key=lambda r: (GROUPS.index(r.group), r.name))
    print_tables(results, args.details)


if __name__ == "__main__":
    main()
