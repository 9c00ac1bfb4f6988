"""Archive speed: bulk import against a naive loop, and predecessor lookup at scale.

Usage: python benchmarks/archive.py [--quick] [--versions N] [--documents N] [--work DIR]

Prints:
1. importing 1,000 versions (real resolution texts with generated edits) with
   ``resdiff archive import`` (one commit), against a naive loop that stores
   them one by one with ``Archive.add`` (one commit each), both measured here
   as whole processes: wall time, peak memory of the largest process, ratio;
2. ``find-predecessor`` with 10,000 archived documents: the first lookup
   (which signs what the index lacks), then every query of the corpus
   series (the newer draft of each series pair, and the derived 41/3 text,
   whose predecessor is 41/3), timed in-process, plus one whole-process
   ``resdiff archive find-predecessor``; and whether the true predecessor
   ranked first.

The texts are the corpus (``shared/corpus``) when present, else the fixtures.
Generated versions apply the edits of ``synthetic.py`` (rewording, technical
changes, deletions, insertions of real paragraphs from other texts, moves,
splits, merges) to real texts. For the lookup, the newer draft of each series
is the query and is not archived, and no generated version is made from a
series member or from 41/3, so that "the true predecessor" stays well defined:
a generated near-copy of the predecessor would be an equally good answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import CORPUS, EDITS, FIXTURES, Item, items_of, write_text

from resdiff.archive.store import Archive
from resdiff.parse import parse

SERIES = [tuple(pair) for pair in json.loads((FIXTURES / "series.json").read_text())]
DERIVED_HRC = FIXTURES / "derived" / "A_HRC_RES_41_3.derived-reworded.txt"
RESDIFF = [sys.executable, "-m", "resdiff.cli"]

NAIVE_LOOP = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from resdiff.archive.store import AddRequest, Archive

    archive = Archive(sys.argv[1])
    for path in sorted(Path(sys.argv[2]).glob("*.txt")):
        archive.add(AddRequest(path))
    archive.close()
    """
)


# --------------------------------------------------------------------------- texts


def real_texts() -> dict[str, Path]:
    """Name (file stem) -> path of every real resolution text available."""
    folders = [CORPUS / "unsc", CORPUS / "ga80", CORPUS / "hrc"] if CORPUS.is_dir() else [FIXTURES]
    texts = {}
    for folder in folders:
        for path in sorted(folder.glob("*")):
            if path.suffix in (".txt", ".md") and path.name != "README.md":
                texts.setdefault(path.name.split(".")[0], path)
    return texts


def generate(
    bases: list[list[Item]], donors: list[str], count: int, folder: Path, rng: random.Random
) -> None:
    """Write ``count`` generated versions (S/BENCH/k) of random ``bases`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds = sorted(EDITS)
    for number in range(count):
        items = [Item(it.section, it.text, it.origins) for it in rng.choice(bases)]
        for _ in range(rng.randint(1, 4)):
            EDITS[rng.choice(kinds)](items, donors, rng, set())
        text = write_text(items, rng, style="plain")
        (folder / f"S_BENCH_{number}.txt").write_text(text, encoding="utf-8")


def parsed_items(paths: list[Path]) -> list[list[Item]]:
    """The paragraphs of each text, as ``synthetic`` items."""
    return [items_of(parse(path)) for path in paths]


# --------------------------------------------------------------------------- measuring


def run_process(args: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Run a command; return wall time (s) and peak RSS of its largest process (MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"command failed ({status}): {' '.join(args)}")
    return elapsed, usage.ru_maxrss / 1024


def fresh_archive(path: Path) -> Path:
    """An empty archive at ``path``."""
    if path.exists():
        shutil.rmtree(path)
    Archive.init(path)[0].close()
    return path


def commits(path: Path) -> int:
    """Number of commits in the archive at ``path``."""
    done = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=path, capture_output=True, text=True
    )
    return int(done.stdout)


# --------------------------------------------------------------------------- 1. import


def bench_import(work: Path, count: int, rounds: int, rng: random.Random) -> None:
    """Bulk import against the naive one-commit-per-file loop, on the same files."""
    texts = real_texts()
    bases = parsed_items(list(texts.values()))
    donors = [item.text for base in bases for item in base]
    folder = work / "versions"
    generate(bases, donors, count, folder, rng)
    size = sum(p.stat().st_size for p in folder.iterdir()) / 2**20
    print(f"1. import {count:,} versions ({size:.1f} MiB) of {len(texts)} real texts")
    imports, naive = [], []
    for _ in range(rounds):  # interleaved, so that machine load hits both alike
        archive = fresh_archive(work / "bulk")
        imports.append(
            run_process([*RESDIFF, "archive", "import", str(folder), "--archive", str(archive)])
        )
        assert commits(archive) == 2
        archive = fresh_archive(work / "naive")
        naive.append(run_process([sys.executable, "-c", NAIVE_LOOP, str(archive), str(folder)]))
        assert commits(archive) == count + 1
    bulk_time = statistics.median(t for t, _ in imports)
    naive_time = statistics.median(t for t, _ in naive)
    bulk_memory = max(m for _, m in imports)
    naive_memory = max(m for _, m in naive)
    print(
        f"   resdiff archive import (1 commit):   {bulk_time:7.2f} s   peak {bulk_memory:6.0f} MiB"
    )
    print(
        f"   naive loop of add (1 commit each):  {naive_time:7.2f} s   peak {naive_memory:6.0f} MiB"
    )
    print(
        f"   import is {naive_time / bulk_time:.1f}x faster "
        f"({count / bulk_time:,.0f} vs {count / naive_time:,.0f} versions/s; "
        f"median of {rounds}; target 10x)"
    )


# --------------------------------------------------------------------------- 2. predecessor


Query = tuple[Path, str, str | None]  # file, true predecessor, the file's own symbol


def build_large_archive(work: Path, documents: int, rng: random.Random) -> tuple[Path, list[Query]]:
    """An archive of ``documents`` documents, and the series queries to run against it."""
    texts = real_texts()
    newer = {new for _, new in SERIES}
    protected = {name for pair in SERIES for name in pair} | {"A_HRC_RES_41_3"}
    archived_real = [path for name, path in texts.items() if name not in newer]
    variant_bases = parsed_items([p for n, p in texts.items() if n not in protected])
    donors = [item.text for base in parsed_items(archived_real) for item in base]
    folder = work / "documents"
    generate(variant_bases, donors, documents - len(archived_real), folder, rng)
    for path in archived_real:
        shutil.copy(path, folder / path.name)
    archive = fresh_archive(work / "large")
    elapsed, memory = run_process(
        [*RESDIFF, "archive", "import", str(folder), "--archive", str(archive)]
    )
    print(f"\n2. find-predecessor with {documents:,} archived documents")
    print(f"   (their import: {elapsed:.1f} s, peak {memory:.0f} MiB)")
    queries: list[Query] = [
        (texts[new], old.replace("_", "/"), None) for old, new in SERIES if new in texts
    ]
    queries.append((DERIVED_HRC, "A/HRC/RES/41/3", "A/HRC/41/L.5/Rev.9"))
    return archive, queries


def bench_predecessor(work: Path, documents: int, rng: random.Random) -> None:
    """find-predecessor latency and accuracy with ``documents`` archived documents."""
    archive_path, queries = build_large_archive(work, documents, rng)
    archive = Archive(archive_path)
    start = time.perf_counter()
    archive.find_predecessors(queries[0][0], symbol=queries[0][2])
    first = time.perf_counter() - start
    print(f"   first lookup (loads the index, signs what it lacks): {first:.3f} s")
    timings, hits = [], 0
    for path, truth, symbol in queries:
        start = time.perf_counter()
        ranked = archive.find_predecessors(path, symbol=symbol, top=3)
        timings.append(time.perf_counter() - start)
        best, score = (ranked[0].symbol, ranked[0].score) if ranked else ("-", 0.0)
        hits += best == truth
        mark = "ok " if best == truth else "MISS"
        print(f"   {mark} {path.name:<40} -> {best:<16} {score:.3f}  ({timings[-1]:.3f} s)")
    archive.close()
    command = ["archive", "find-predecessor", str(queries[0][0]), "--archive", str(archive_path)]
    whole, _ = run_process([*RESDIFF, *command])
    median, longest = statistics.median(timings), max(timings)
    print(
        f"   lookup: median {median:.3f} s, max {longest:.3f} s in-process; "
        f"{whole:.2f} s as a whole `resdiff` process (target < 1 s)"
    )
    share = hits / len(queries)
    print(f"   true predecessor first: {hits}/{len(queries)} ({share:.0%}; target 95%)")


def main() -> None:
    """Run both benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 versions, 2,000 documents")
    parser.add_argument("--versions", type=int, help="versions to import (default 1,000)")
    parser.add_argument("--documents", type=int, help="archived documents (default 10,000)")
    parser.add_argument("--rounds", type=int, default=3, help="import/naive rounds (median)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    options = parser.parse_args()
    versions = options.versions or (200 if options.quick else 1000)
    documents = options.documents or (2000 if options.quick else 10000)
    rounds = 1 if options.quick else options.rounds
    with tempfile.TemporaryDirectory(prefix="resdiff-archive-bench-") as temporary:
        work = options.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        print(f"resdiff archive benchmark ({os.cpu_count()} CPUs)\n")
        bench_import(work, versions, rounds, random.Random(1))
        bench_predecessor(work, documents, random.Random(2))


if __name__ == "__main__":
    main()
