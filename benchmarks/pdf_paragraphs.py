"""How many of each twin's paragraphs the PDF reader rebuilds (run by hand).

    python benchmarks/pdf_paragraphs.py [CORPUS_DIR] [-v]

CORPUS_DIR defaults to ../shared/corpus/unsc (relative to the project root);
the script skips with a message when it is absent. For every corpus PDF it
splits the reader's text into paragraphs (blocks between blank lines; the
footnotes the reader returns count as paragraphs too, "marker text") and
reports the share of the ``.txt`` twin's paragraphs matched by some PDF
paragraph with rapidfuzz ``fuzz.ratio >= 95`` after normalisation (see
``pdf_twins.normalise``). Target: >= 98% per file. ``-v`` lists the twin
paragraphs that found no match, with the best candidate.

A second table runs the whole pipeline: ``resdiff.parse`` on the PDF and on its
twin, aligned with ``resdiff.compare``. "same" is the share of the twin's
parsed paragraphs paired one-to-one, in order, with a PDF paragraph of
similarity >= 0.95 (the paragraph sequence matches); "identical" the share
whose normalised texts are equal (the comparison would report them unchanged).

Result (pdfminer.six 20260107): min 91.4%, mean 98.7%, overall 799/820 =
97.4%; 19 of 26 files at 100%. The 21 unmatched twin paragraphs (in
S/2016/1100, S/2017/77, S/2018/221, S/2018/693, S/2018/1021, S/2022/501 and
S/2024/557) are all twin artefacts, checked one by one with ``-v``: several
numbered paragraphs on one twin line ("...; 10. Confirms ...; 11. ..."), a
heading run into the next paragraph ("Dialogue (two months) 5."), sub-items
starting lowercase ("(i) how ...; and/or (ii) ..."), a line break after ", "
before a capital ("in Bor,\nBentiu"), page furniture typed into the twin
("22-09852 (E) 230622 Pleese recycle"), and one twin paragraph whose wording
differs from the PDF.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pdf_twins import (
    PROJECT_ROOT,
    blank_line_paragraphs,
    corpus_dir,
    corpus_pdfs,
    normalise,
    twin_paragraphs,
)
from rapidfuzz import fuzz, process

THRESHOLD = 95.0
TARGET = 0.98


def split_pdf(path: Path) -> list[str]:
    """The reader's paragraphs for ``path``: text blocks, then footnotes."""
    from resdiff.readers import pdf

    raw = pdf.read(path, path.read_bytes())
    notes = [f"{note.marker} {note.text}" for note in raw.footnotes]
    return blank_line_paragraphs(raw.text) + notes


def split_twin(path: Path) -> list[str]:
    """The twin's paragraphs for ``path`` (its ``.txt`` file)."""
    return twin_paragraphs(path.with_suffix(".txt").read_text(encoding="utf-8"))


def unmatched(twin: list[str], candidates: list[str]) -> list[tuple[str, str, float]]:
    """Twin paragraphs with no candidate at ``THRESHOLD``: (twin, best candidate, score)."""
    choices = [normalise(c) for c in candidates]
    misses: list[tuple[str, str, float]] = []
    for paragraph in twin:
        best = process.extractOne(normalise(paragraph), choices, scorer=fuzz.ratio)
        if best is None or best[1] < THRESHOLD:
            misses.append((paragraph, best[0] if best else "", best[1] if best else 0.0))
    return misses


def report_file(name: str, total: int, misses: list[tuple[str, str, float]], verbose: bool) -> None:
    """Print one table row, and the misses when ``verbose``."""
    share = 1 - len(misses) / total if total else 1.0
    flag = "" if share >= TARGET else "  < target"
    print(f"{name:18} {total - len(misses):5}/{total:<5} {share:7.1%}{flag}")
    if verbose:
        for paragraph, best, score in misses:
            print(f"    twin: {paragraph[:110]!r}")
            print(f"    best: {best[:110]!r} ({score:.0f})")


def parsed_shares(path: Path) -> tuple[int, int, int]:
    """Twin paragraphs parsed, paired in sequence with the PDF's, and identical to them."""
    from resdiff.compare import compare
    from resdiff.parse import parse

    comparison = compare(parse(path.with_suffix(".txt")), parse(path))
    twin = len(comparison.old.paragraphs)
    same = sum(
        1
        for c in comparison.changes
        if len(c.old) == 1 and len(c.new) == 1 and not c.moved and c.similarity >= 0.95
    )
    identical = sum(1 for c in comparison.changes if c.kind == "unchanged" and not c.moved)
    return twin, same, identical


def report_parsed(corpus: Path) -> None:
    """The table of the whole pipeline (parse + compare) against each twin."""
    print(f"\n{'file':18} {'twin':>5} {'same':>7} {'identical':>10}")
    totals = [0, 0, 0]
    worst = 1.0
    for path in corpus_pdfs(corpus):
        twin, same, identical = parsed_shares(path)
        totals = [totals[0] + twin, totals[1] + same, totals[2] + identical]
        worst = min(worst, same / twin if twin else 1.0)
        flag = "" if twin and same / twin >= TARGET else "  < target"
        print(f"{path.stem:18} {twin:5} {same / twin:7.1%} {identical / twin:10.1%}{flag}")
    twin, same, identical = totals
    print(
        f"overall: same {same}/{twin} = {same / twin:.1%} (min {worst:.1%}), "
        f"identical {identical}/{twin} = {identical / twin:.1%}"
    )


def main(argv: list[str]) -> int:
    """Score every corpus PDF and print the table with min / mean / overall."""
    verbose = "-v" in argv
    corpus = corpus_dir([a for a in argv if a != "-v"])
    if corpus is None:
        return 0
    sys.path.insert(0, str(PROJECT_ROOT))
    logging.disable(logging.WARNING)
    shares: list[float] = []
    found = total = 0
    print(f"{'file':18} {'matched':>11} {'share':>7}")
    for path in corpus_pdfs(corpus):
        twin = split_twin(path)
        misses = unmatched(twin, split_pdf(path))
        report_file(path.stem, len(twin), misses, verbose)
        shares.append(1 - len(misses) / len(twin) if twin else 1.0)
        found += len(twin) - len(misses)
        total += len(twin)
    if shares:
        print(
            f"min {min(shares):.1%}  mean {sum(shares) / len(shares):.1%}  "
            f"overall {found}/{total} = {found / total:.1%}"
        )
    report_parsed(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
