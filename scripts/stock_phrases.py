"""Write resdiff/data/stock_phrases.txt: the word 3-grams that many resolutions share.

Usage: python scripts/stock_phrases.py [CORPUS]   (default: ../shared/corpus)

Every General Assembly and Security Council text of the corpus (``ga/``,
``ga80/``, ``unsc/``, ``unsc-historic/``) is parsed; each word 3-gram of its
paragraphs (in the normalised form the aligner uses) is counted once per
document. A 3-gram found in at least ``MIN_DOCUMENTS`` documents is a stock
phrase ("requests the secretary-general", "decides to remain", "of the united
nations"): two clauses that share it share a formula, not content. The file
lists each such 3-gram with the number of documents that hold it; the aligner
weighs shared 3-grams down by that number (see ``resdiff.align``).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from resdiff.errors import ResdiffError
from resdiff.normalize import normalise
from resdiff.parse import parse

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resdiff" / "data" / "stock_phrases.txt"
FOLDERS = {"ga": "*.txt", "ga80": "*.md", "unsc": "*.txt", "unsc-historic": "*.txt"}
MIN_DOCUMENTS = 20


def document_grams(path: Path) -> set[tuple[str, ...]]:
    """The distinct word 3-grams of one document's paragraphs."""
    grams: set[tuple[str, ...]] = set()
    for paragraph in parse(path).paragraphs:
        words = normalise(paragraph.full_text()).split()
        grams.update(zip(words, words[1:], words[2:], strict=False))
    return grams


def main() -> None:
    """Count 3-grams over the corpus and write the stock-phrase file."""
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    counts: Counter[tuple[str, ...]] = Counter()
    documents = 0
    for folder, pattern in FOLDERS.items():
        for path in sorted((corpus / folder).glob(pattern)):
            try:
                counts.update(document_grams(path))
            except ResdiffError:
                continue
            documents += 1
    if not documents:
        sys.exit(f"no documents under {corpus}")
    lines = [
        "# Word 3-grams held by many UN resolutions (stock phrases), written by",
        "# scripts/stock_phrases.py: documents<TAB>3-gram. The first line is the corpus size.",
        f"{documents}\t*",
    ]
    common = [(n, gram) for gram, n in counts.items() if n >= MIN_DOCUMENTS]
    lines += [f"{n}\t{' '.join(gram)}" for n, gram in sorted(common, key=lambda x: (-x[0], x[1]))]
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(common)} stock 3-grams from {documents} documents -> {TARGET}")


if __name__ == "__main__":
    main()
