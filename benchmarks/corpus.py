"""Structure of ``resdiff.parse`` over a whole corpus of real documents, and extractor agreement.

Usage: python benchmarks/corpus.py [--corpus DIR] [--folders ga unsc ...] [--no-extractors]

Reads the project's corpus (``../shared/corpus`` beside the checkout, or ``--corpus``) and
prints, per folder and in all:

1. *Structure*, with the proxies the corpus's own checker uses, no hand labels needed:
   - documents refused (no paragraphs), amendments named as such apart;
   - operative count against the printed sequence: the numbered operative paragraphs
     parsed, against the numbers 1..N printed at line starts ("12." alone on its line
     counts; one missing number tolerated); documents whose numbering restarts are not
     judged. A run-in paragraph ("...; 13. Welcomes") or a number that lost its period
     is counted by the parser but not by the proxy, and an annex with its own numbers
     is annex, not operative: the disagreements are listed so a reader can judge them;
   - paragraphs holding page furniture or footnote text: a "____" rule, the document's
     job number, or one of its footnote lines;
   - documents with structure warnings (``Document.warnings``).
2. *Extractor agreement*: for every PDF with a text twin, the PDF read by resdiff
   against that text, against ``pdftotext`` and against ``pdftotext -layout`` (when
   poppler is installed): the share of paragraphs ``compare`` reports unchanged.
3. Parse time: median and slowest document, in process.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from resdiff.compare import compare
from resdiff.errors import ResdiffError
from resdiff.model import Document
from resdiff.parse import parse

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
FOLDERS = ("ga", "unsc-historic", "unsc", "ga80", "hrc")
_PRINTED = re.compile(r"^\s*(\d{1,3})\.(?:\s|$)")
_FOOTNOTE_LINE = re.compile(
    r"^\s*\d{1,2}\s+(See|A/|E/|S/|Resolution|Official Records|Ibid|United Nations, Treaty)"
)
_JOB = re.compile(r"\b(\d{2}-\d{5})\b")


def printed_sequence(text: str) -> int | None:
    """How many numbers 1, 2, 3 ... are printed at line starts (one may be missing);
    None when the numbering restarts or there is none."""
    previous = count = restarts = 0
    for line in text.splitlines():
        match = _PRINTED.match(line)
        if not match:
            continue
        number = int(match.group(1))
        if previous < number <= previous + 2 and (previous or number == 1):
            previous, count = number, count + 1
        elif number == 1 and previous > 2:
            restarts += 1
    return None if restarts or count == 0 else count


def leaked(document: Document, text: str) -> int:
    """Paragraphs (with their sub-items) that hold a rule, the job number or a footnote line."""
    job = _JOB.search("\n".join(text.splitlines()[:25]))
    notes = [
        line.strip()[:40]
        for line in text.splitlines()
        if _FOOTNOTE_LINE.match(line) and len(line.strip()) > 25
    ]
    count = 0
    for paragraph in document.paragraphs:
        body = paragraph.full_text()
        if "____" in body or (job and job.group(1) in body) or any(n in body for n in notes):
            count += 1
    return count


def structure(corpus: Path, folders: list[str]) -> None:
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    disagreements: list[str] = []
    times: list[tuple[float, str]] = []
    for folder in folders:
        for path in sorted([*corpus.glob(f"{folder}/*.txt"), *corpus.glob(f"{folder}/*.md")]):
            text = path.read_text(encoding="utf-8", errors="replace")
            row = totals[folder]
            row["documents"] += 1
            start = time.perf_counter()
            try:
                document = parse(path)
            except ResdiffError:
                row["refused"] += 1
                continue
            times.append((time.perf_counter() - start, path.name))
            if not document.paragraphs:
                row["amendments" if document.amends else "refused"] += 1
                continue
            row["paragraphs"] += len(document.paragraphs)
            row["leaks"] += leaked(document, text)
            row["warned"] += bool(document.warnings)
            want = printed_sequence(text)
            if want:
                row["judged"] += 1
                got = sum(1 for p in document.operative if p.number)
                if got == want:
                    row["right"] += 1
                else:
                    disagreements.append(f"{folder}/{path.name}: parsed {got}, printed 1..{want}")
    print("Structure (proxies of the corpus checker)")
    print(
        f"{'folder':15} {'docs':>5} {'refused':>7} {'amend.':>6} {'ops = printed':>16} "
        f"{'furniture/footnote in paragraphs':>34} {'warned':>7}"
    )
    grand: dict[str, int] = defaultdict(int)
    for folder, row in totals.items():
        for key, value in row.items():
            grand[key] += value
        _structure_row(folder, row)
    _structure_row("all", grand)
    print("operative counts that differ from the printed-number proxy:")
    for line in disagreements:
        print("   ", line)
    if times:
        durations = sorted(t for t, _ in times)
        slowest = max(times)
        print(
            f"parse time in process: median {statistics.median(durations) * 1000:.1f} ms, "
            f"slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})"
        )


def _structure_row(name: str, row: dict[str, int]) -> None:
    judged, paragraphs = row["judged"], row["paragraphs"]
    ops = f"{row['right']}/{judged} ({row['right'] / max(1, judged):.3f})"
    leaks = f"{row['leaks']}/{paragraphs} ({row['leaks'] / max(1, paragraphs):.4f})"
    print(
        f"{name:15} {row['documents']:>5} {row['refused']:>7} {row['amendments']:>6} "
        f"{ops:>16} {leaks:>34} {row['warned']:>7}"
    )


def unchanged_share(old: Path, new: Path) -> tuple[int, int]:
    comparison = compare(parse(old), parse(new))
    same = sum(1 for c in comparison.changes if c.kind == "unchanged" and not c.moved)
    return same, len(comparison.changes)


def extractors(corpus: Path, folders: list[str]) -> None:
    pdfs = sorted(p for folder in folders for p in corpus.glob(f"{folder}/*.pdf"))
    poppler = shutil.which("pdftotext")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    worst: list[tuple[float, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            texts = {}
            twin = pdf.with_suffix(".txt")
            if twin.exists():
                texts["text twin"] = twin
            if poppler:
                for name, flags in (("pdftotext", []), ("pdftotext -layout", ["-layout"])):
                    out = Path(tmp) / f"{pdf.stem}.{name.replace(' ', '')}.txt"
                    subprocess.run([poppler, *flags, str(pdf), str(out)], check=True)
                    texts[name] = out
            for name, path in texts.items():
                same, total = unchanged_share(pdf, path)
                totals[name][0] += same
                totals[name][1] += total
                worst.append((same / max(1, total), f"{pdf.parent.name}/{pdf.name}", name))
    print(f"\nExtractor agreement: {len(pdfs)} PDFs, the PDF against texts made of it")
    for name, (same, total) in totals.items():
        print(f"    {name:18} {same}/{total} paragraphs unchanged ({same / max(1, total):.3f})")
    print("    lowest:")
    for share, pdf, name in sorted(worst)[:8]:
        print(f"        {share:.3f}  {pdf} vs {name}")
    if not poppler:
        print("    (pdftotext not installed: poppler-utils gives the other two columns)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--folders", nargs="*", default=list(FOLDERS))
    parser.add_argument("--no-extractors", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}: give --corpus DIR")
    structure(args.corpus, args.folders)
    if not args.no_extractors:
        extractors(args.corpus, args.folders)


if __name__ == "__main__":
    main()
