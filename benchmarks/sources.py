"""Agreed-language sources at scale: index build and lookup with 10,000 documents.

Usage: python benchmarks/sources.py [--documents N] [--queries N] [--work DIR] [--seed N]

Building 10,000 git commits would take most of an hour, so the archive *index*
(``resdiff.archive.sources.SourceIndex``, the file ``refresh`` keeps in
``.git/resdiff/``) is built directly from generated documents, bypassing git;
the lookup is the real code path (``SourceIndex.lookup``, as ``resdiff
sources`` calls it for each new paragraph).

Documents are made of real paragraphs (the fixtures, plus ``shared/corpus``
when present): each is a real resolution padded with paragraphs of other
resolutions to about 50 paragraphs, and half of its paragraphs are reworded
(a word in twelve replaced, inserted or deleted, a year changed), so that most
archived paragraphs are distinct near-copies of each other, as in a real
archive where agreed language comes back every year with small edits.

A query is a real resolution (not archived as such) in which ``COPIED``
paragraphs are replaced by lightly reworded copies of reworded paragraphs of
random archived documents (the true sources), and ``OTHER_NEW`` more are
reworded; these are its new paragraphs. Prints: index build time, size on
disk, lookup latency per query file (median and max over the queries), per
paragraph, and how often the true source ranked first.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import reword_words, source_documents

from resdiff.archive.sources import Source, SourceIndex, document_paragraphs
from resdiff.parse import parse

PARAGRAPHS_PER_DOCUMENT = 50
REWORD_SHARE = 0.5
COPIED = 3
OTHER_NEW = 7
_YEAR_RE = re.compile(r"\b(19|20)\d\d\b")

Paragraphs = list[tuple[str, str]]  # (label, text)


def reword(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """A light rewording (see synthetic.reword_words) with one year changed."""
    text = reword_words(text, rng, vocabulary)
    return _YEAR_RE.sub(lambda m: str(rng.randrange(1990, 2030)), text, count=1)


def load_pool() -> list[Paragraphs]:
    """The paragraphs of every real resolution available."""
    pool = []
    for path in source_documents():
        paragraphs = [(label, text) for label, text in document_paragraphs(parse(path)) if text]
        if len(paragraphs) >= 5:
            pool.append(paragraphs)
    return pool


def generate(
    pool: list[Paragraphs], rng: random.Random, vocabulary: list[str]
) -> tuple[Paragraphs, set[int]]:
    """One archived document (a real one, padded, half its paragraphs reworded) and the
    positions of its reworded paragraphs."""
    base = list(rng.choice(pool))
    while len(base) < PARAGRAPHS_PER_DOCUMENT:
        base.append(rng.choice(rng.choice(pool)))
    base = base[: max(PARAGRAPHS_PER_DOCUMENT, len(base) // 2)]
    reworded = {k for k in range(len(base)) if rng.random() < REWORD_SHARE}
    paragraphs = [
        (f"P{k + 1}", reword(text, rng, vocabulary) if k in reworded else text)
        for k, (_, text) in enumerate(base)
    ]
    return paragraphs, reworded


def build(path: Path, documents: list[Paragraphs]) -> float:
    """Index ``documents`` (symbols D/1, D/2 ...) into a fresh index at ``path``; seconds."""
    started = time.perf_counter()
    index = SourceIndex(path)
    with index.writing():
        for number, paragraphs in enumerate(documents, start=1):
            index.add_document(f"blob{number}", paragraphs)
        index.set_symbols({f"D/{n}": f"blob{n}" for n in range(1, len(documents) + 1)})
        index.set_head("benchmark")
    index.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    index.close()
    return time.perf_counter() - started


def make_query(
    pool: list[Paragraphs],
    documents: list[Paragraphs],
    reworded: list[set[int]],
    rng: random.Random,
    vocabulary: list[str],
) -> tuple[list[str], list[tuple[str, str, str, str]]]:
    """The new paragraphs of one query text, and (query text, symbol, label, source text)
    of the copies."""
    base = rng.choice(pool)
    new = [reword(text, rng, vocabulary) for _, text in rng.sample(base, min(OTHER_NEW, len(base)))]
    truths = []
    while len(truths) < COPIED:
        number = rng.randrange(len(documents))
        k = rng.randrange(len(documents[number]))
        label, text = documents[number][k]
        if k not in reworded[number] or len(text.split()) < 12:
            continue  # only reworded paragraphs have one true source
        copy = reword(text, rng, vocabulary)
        truths.append((copy, f"D/{number + 1}", label, text))
        new.append(copy)
    rng.shuffle(new)
    return new, truths


def run_queries(path: Path, queries: list, top: int = 3) -> tuple[list[float], list[int]]:
    """Latency per query file (s), and for each copy: 1 when its true source ranked first,
    2 when another source tied with it for first, 3 when it was in the top 3, else 0."""
    index = SourceIndex(path)
    latencies, outcomes = [], []
    for new, truths in queries:
        started = time.perf_counter()
        found = {text: index.lookup(text, top=top) for text in new}
        latencies.append(time.perf_counter() - started)
        outcomes.extend(_outcome(found[copy], *truth) for copy, *truth in truths)
    index.close()
    return latencies, outcomes


def _outcome(sources: list[Source], symbol: str, label: str, truth: str) -> int:
    keys = [(s.symbol, s.label) for s in sources]
    if not keys or (symbol, label) not in keys:
        return 0
    if keys[0] == (symbol, label):
        return 1
    tied = next(s.score for s in sources if (s.symbol, s.label) == (symbol, label))
    return 2 if tied >= sources[0].score else 3


def main() -> None:
    """Build the index, run the queries, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, help="Keep the index here (default: a temp dir).")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = load_pool()
    vocabulary = [w for paragraphs in pool for _, t in paragraphs for w in t.split()][:50_000]
    generated = [generate(pool, rng, vocabulary) for _ in range(args.documents)]
    documents = [paragraphs for paragraphs, _ in generated]
    reworded = [positions for _, positions in generated]
    work = args.work or Path(tempfile.mkdtemp(prefix="resdiff-sources-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "sources.sqlite"
    for leftover in work.glob("sources.sqlite*"):
        leftover.unlink()
    paragraphs = sum(len(d) for d in documents)
    print(
        f"pool: {len(pool)} real resolutions; archive: {args.documents} documents, "
        f"{paragraphs} paragraphs"
    )
    seconds = build(path, documents)
    size = sum(f.stat().st_size for f in work.glob("sources.sqlite*"))
    print(f"index build: {seconds:.1f} s, {size / 2**20:.0f} MiB on disk")
    queries = [make_query(pool, documents, reworded, rng, vocabulary) for _ in range(args.queries)]
    run_queries(path, queries[:1])  # warm the page cache once, as a second lookup would
    latencies, outcomes = run_queries(path, queries)
    per_paragraph = statistics.median(latencies) / (COPIED + OTHER_NEW)
    print(
        f"lookup of {COPIED + OTHER_NEW} new paragraphs per file, {len(latencies)} files: "
        f"median {statistics.median(latencies):.3f} s, max {max(latencies):.3f} s "
        f"({per_paragraph * 1000:.0f} ms per paragraph)"
    )
    total = len(outcomes)
    first, tied = outcomes.count(1), outcomes.count(2)
    in_top = total - outcomes.count(0)
    print(
        f"true source ranked first: {first}/{total} ({first / total:.0%}); "
        f"tied for first with an equally similar paragraph: {tied}; "
        f"in the top 3: {in_top}/{total}"
    )
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
