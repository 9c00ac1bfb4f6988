"""Archive speed: bulk import against a naive loop, and predecessor lookup at scale.

Usage: python benchmarks/archive.py [--quick] [--versions N] [--documents N] [--work DIR]
                                   [--only 1,2,3,4]

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
   ranked first;
3. the archive at scale: at 10,000 documents, against the same measurements
   at a tenth of that (1,000 documents, from the same files) in the same run,
   so that the ratio shows how each figure grows with 10x the documents:
   import time and throughput (documents/s); one more ``archive add`` as a
   whole process and in process; ``archive list``, ``archive log SYMBOL`` and
   ``archive verify`` as whole processes; size on disk without ``git gc``
   (``.git``, its objects and index, and the working tree) and file count;
   the size of the root tree and of the objects one ``add`` writes;
   then, for reference, ``archive log`` in the 1,000-commit archive of the
   naive loop (its cost follows commits, not documents), and ``git gc``
   on the large archive (time and packed size);
4. the General Assembly corpus (``shared/corpus/ga``, when present), with
   ``series.tsv`` as the answer key: ``archive import`` of the whole folder
   (whole process: time, counts, why files were rejected); the series it
   found (pairs of documents put in one series, against the key: precision
   and recall; key series found exactly) and the predecessor it recorded for
   each document; then the predecessor lookup (``find-predecessor``, the
   file's own symbol left out) for every document the key gives a
   predecessor, first in that archive and then with synthetic documents
   added up to ``--documents`` (versions of the Security Council and Human
   Rights Council texts, never of General Assembly ones, so that no
   near-copy competes with the true predecessor): top-1 share, the misses
   listed, and the time per lookup in process and as whole ``resdiff``
   processes, against ``python -c "import click, rapidfuzz"`` in the same run.

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

from resdiff.archive.store import AddRequest, Archive
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
    """Run a command; return wall time (s) and peak RSS of its largest process (MiB).

    Its output goes to a temporary file (shown when it fails), not to /dev/null.
    """
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            args, cwd=cwd, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            output.seek(0)
            tail = output.read()[-2000:].decode("utf-8", "replace")
            raise SystemExit(f"command failed ({status}): {' '.join(args)}\n{tail}")
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


def bench_import(work: Path, count: int, rounds: int, rng: random.Random) -> Path:
    """Bulk import against the naive one-commit-per-file loop, on the same files.

    Returns the last naive archive (one commit per document).
    """
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
    return work / "naive"


# --------------------------------------------------------------------------- 2. predecessor


Query = tuple[Path, str, str | None]  # file, true predecessor, the file's own symbol


def build_large_archive(
    work: Path, documents: int, rng: random.Random
) -> tuple[Path, list[Query], float]:
    """An archive of ``documents`` documents, the series queries to run against it, and
    how long its ``archive import`` took (s)."""
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
    return archive, queries, elapsed


def bench_predecessor(work: Path, documents: int, rng: random.Random) -> tuple[Path, float]:
    """find-predecessor latency and accuracy with ``documents`` archived documents.

    Returns the archive and how long its import took (s).
    """
    archive_path, queries, imported = build_large_archive(work, documents, rng)
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
    return archive_path, imported


# --------------------------------------------------------------------------- 3. scale


Figures = dict[str, float]


def disk_usage(path: Path, *, skip: str | None = None) -> tuple[int, int, int]:
    """Bytes allocated on disk, bytes in the files, and number of files under ``path``.

    ``skip`` names a folder left out.
    """
    allocated, apparent, files = 0, 0, 0
    for folder, subfolders, names in os.walk(path):
        if skip in subfolders:
            subfolders.remove(skip)
        for name in names:
            status = os.lstat(os.path.join(folder, name))
            allocated += status.st_blocks * 512
            apparent += status.st_size
            files += 1
    return allocated, apparent, files


def median_process(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time (s) and largest peak RSS (MiB) of ``runs`` runs of a command."""
    results = [run_process(args) for _ in range(runs)]
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def scale_figures(archive_path: Path, symbol: str, extra: list[Path], tag: str) -> Figures:
    """Size on disk, then list, log and verify, then one more add (3 each), in ``archive_path``;
    and the objects each add wrote.

    ``extra`` are texts not yet archived; they are added as S/ADD/<tag>/<k>.
    """
    figures: Figures = {}
    git_dir = archive_path / ".git"
    figures["git MiB"] = disk_usage(git_dir)[0] / 2**20
    figures["objects MiB"] = disk_usage(git_dir / "objects")[0] / 2**20
    figures["index MiB"] = (git_dir / "index").stat().st_size / 2**20
    tree_bytes, tree_apparent, tree_files = disk_usage(archive_path, skip=".git")
    figures["tree MiB"], figures["tree files"] = tree_bytes / 2**20, tree_files
    figures["tree apparent MiB"] = tree_apparent / 2**20
    where = ["--archive", str(archive_path)]
    figures["list s"], figures["list MiB"] = median_process(
        [*RESDIFF, "archive", "list", *where], 3
    )
    figures["log s"], _ = median_process([*RESDIFF, "archive", "log", symbol, *where], 3)
    figures["verify s"], figures["verify MiB"] = median_process(
        [*RESDIFF, "archive", "verify", *where], 1
    )
    tree = subprocess.run(
        ["git", "cat-file", "-s", "HEAD^{tree}"], cwd=archive_path, capture_output=True, text=True
    )
    figures["root tree KiB"] = int(tree.stdout) / 2**10
    objects_before = disk_usage(git_dir / "objects")[0]
    adds = []
    for k, path in enumerate(extra[:3]):
        command = ["archive", "add", str(path), "--symbol", f"S/ADD/{tag}/{k}", *where]
        adds.append(run_process([*RESDIFF, *command])[0])
    figures["add s"] = statistics.median(adds)
    archive = Archive(archive_path)
    in_process = []
    for k, path in enumerate(extra[3:6], start=3):
        start = time.perf_counter()
        archive.add(AddRequest(path, symbol=f"S/ADD/{tag}/{k}"))
        in_process.append(time.perf_counter() - start)
    archive.close()
    figures["add in-process s"] = statistics.median(in_process)
    added = disk_usage(git_dir / "objects")[0] - objects_before
    figures["per add KiB"] = added / (len(adds) + len(in_process)) / 2**10
    return figures


def bench_scale(
    work: Path, large: Path, documents: int, imported: float, naive: Path, rng: random.Random
) -> None:
    """The archive at ``documents`` documents against a tenth of them, in the same run."""
    small_count = max(documents // 10, 1)
    source = sorted((work / "documents").iterdir())
    small_folder = work / "documents-small"
    small_folder.mkdir(exist_ok=True)
    for path in source[:small_count]:
        shutil.copy(path, small_folder / path.name)
    small = fresh_archive(work / "small")
    small_imported, _ = run_process(
        [*RESDIFF, "archive", "import", str(small_folder), "--archive", str(small)]
    )
    texts = real_texts()
    bases = parsed_items(list(texts.values()))
    donors = [item.text for base in bases for item in base]
    extra_folder = work / "extra"
    generate(bases, donors, 12, extra_folder, rng)
    extra = sorted(extra_folder.iterdir())
    opened = Archive(small)
    symbol = opened.catalogue()[0].symbol  # in both archives
    opened.close()
    rows = [
        (small_count, small_imported, scale_figures(small, symbol, extra[:6], "small")),
        (documents, imported, scale_figures(large, symbol, extra[6:], "large")),
    ]
    print(
        f"\n3. the archive at {documents:,} documents "
        f"(ratio: against {small_count:,} documents, measured in the same run)"
    )
    print(f"   {'':44}{small_count:>12,}{documents:>12,}{'ratio':>9}")

    def line(label: str, values: tuple[float, float], unit: str, digits: int = 2) -> None:
        small_value, large_value = values
        ratio = f"{large_value / small_value:8.1f}x" if small_value else ""
        cells = "".join(f"{v:>{12 - len(unit)}.{digits}f}{unit}" for v in values)
        print(f"   {label:<44}{cells}{ratio}")

    def pair(key: str) -> tuple[float, float]:
        return rows[0][2][key], rows[1][2][key]

    line("archive import, whole process", (rows[0][1], rows[1][1]), " s")
    line("import throughput (documents/s)", (rows[0][0] / rows[0][1], documents / imported), "", 0)
    line("one more archive add, whole process", pair("add s"), " s")
    line("one more add, in process (Archive.add)", pair("add in-process s"), " s", 3)
    line("archive list, whole process", pair("list s"), " s")
    line("archive log SYMBOL, whole process", pair("log s"), " s")
    line("archive verify, whole process", pair("verify s"), " s")
    line("peak memory of archive list (MiB)", pair("list MiB"), "", 0)
    line("peak memory of archive verify (MiB)", pair("verify MiB"), "", 0)
    line(".git on disk, no git gc (MiB)", pair("git MiB"), "", 1)
    line("  of which objects (MiB)", pair("objects MiB"), "", 1)
    line("  of which the index file (MiB)", pair("index MiB"), "", 2)
    line("  root tree object, uncompressed (KiB)", pair("root tree KiB"), "", 0)
    line("  objects written by one add (KiB)", pair("per add KiB"), "", 0)
    line("working tree on disk (MiB)", pair("tree MiB"), "", 1)
    line("  in the files themselves (MiB)", pair("tree apparent MiB"), "", 1)
    line("working tree files", pair("tree files"), "", 0)
    opened = Archive(naive)
    naive_symbol = opened.catalogue()[0].symbol
    opened.close()
    naive_log, _ = median_process(
        [*RESDIFF, "archive", "log", naive_symbol, "--archive", str(naive)], 3
    )
    print(
        f"   archive log SYMBOL with {commits(naive):,} commits "
        f"(the naive loop's archive, one commit per add): {naive_log:.2f} s"
    )
    start = time.perf_counter()
    subprocess.run(["git", "gc", "--quiet"], cwd=large, check=True, input=b"")
    gc_time = time.perf_counter() - start
    packed = disk_usage(large / ".git")[0] / 2**20
    print(
        f"   for reference: git gc of the {documents:,}-document archive takes {gc_time:.1f} s; "
        f".git is then {packed:.1f} MiB"
    )


# --------------------------------------------------------------------------- 4. GA corpus


GA = CORPUS / "ga"
# series.tsv groups documents by a title read from the text, and reads a wrong
# line for some drafts (checked by reading the files): the Fifth Committee's
# drafts "submitted by the Chair of the Committee following [line break]
# informal consultations" all get the title "informal consultations", one
# series of 18 unrelated documents; and so the drafts of these resolutions
# are missing from their series (two more, whose title the key cut at a
# different point, stand alone). The corrected key drops that group and puts
# each of these drafts before the resolution adopted from it, as its title,
# sponsor line and text show.
NOT_A_SERIES = {"informal consultations"}
DRAFT_OF = {
    "A/RES/80/238": "A/C.5/80/L.16",  # Administration of justice at the United Nations
    "A/RES/80/231": "A/C.5/80/L.14",  # Financial reports and audited financial statements ...
    "A/RES/80/234": "A/C.5/80/L.19",  # Pattern of conferences
    "A/RES/80/186": "A/C.3/80/L.59",  # Follow-up to the Fourth World Conference on Women ...
    "A/RES/80/47": "A/C.1/80/L.50",  # Treaty on the South-East Asia Nuclear-Weapon-Free Zone
}


def corrected(key: list[tuple[str, list[str]]]) -> list[tuple[str, list[str]]]:
    """The key with its title-reading errors corrected (``NOT_A_SERIES``, ``DRAFT_OF``)."""
    drafts = set(DRAFT_OF.values())
    fixed = []
    for title, symbols in key:
        if title in NOT_A_SERIES:
            continue
        members = []
        for symbol in symbols:
            if symbol in drafts:
                continue
            if symbol in DRAFT_OF:
                members.append(DRAFT_OF[symbol])
            members.append(symbol)
        fixed.append((title, members))
    return fixed


def ga_key() -> list[tuple[str, list[str]]]:
    """The series of ``series.tsv``: (normalised title, symbols oldest first)."""
    series = []
    for line in (GA / "series.tsv").read_text().splitlines():
        if line.startswith("#") or not line.strip():
            continue
        title, symbols = line.split("\t")
        series.append((title, symbols.split()))
    return series


def ga_file(symbol: str) -> Path:
    """The corpus text of ``symbol`` (the .txt; its PDF twin, when there is one, aside)."""
    return GA / f"{symbol.replace('/', '_')}.txt"


def archive_metas(path: Path) -> dict[str, object]:
    """Symbol -> metadata of every document archived at ``path``."""
    archive = Archive(path)
    try:
        return {m.symbol: m for m in archive.catalogue()}
    finally:
        archive.close()


def series_figures(metas: dict[str, object], key: list[tuple[str, list[str]]]) -> None:
    """Print how the series found compare with the key's, and the predecessors recorded."""
    truth = {symbol: title for title, symbols in key for symbol in symbols}
    archived = sorted(s for s in truth if s in metas)
    pairs_found = pairs_true = both = 0
    for position, a in enumerate(archived):
        for b in archived[position + 1 :]:
            same_key = truth[a] == truth[b]
            same_found = metas[a].series is not None and metas[a].series == metas[b].series
            pairs_true += same_key
            pairs_found += same_found
            both += same_key and same_found
    exact = 0
    multi = [(t, [s for s in symbols if s in metas]) for t, symbols in key]
    multi = [(t, members) for t, members in multi if len(members) >= 2]
    for _, members in multi:
        names = {metas[s].series for s in members}
        if len(names) == 1 and None not in names:
            (name,) = names
            exact += {s for s, m in metas.items() if m.series == name} == set(members)
    print(
        f"   series: {both / max(pairs_found, 1):.1%} of the pairs put in one series are in one "
        f"series of the key (precision), {both / max(pairs_true, 1):.1%} of the key's pairs "
        f"are found (recall); {exact} of {len(multi)} key series with 2+ archived documents "
        "found exactly"
    )
    queries = [(s[i], s[i - 1]) for _, s in key for i in range(1, len(s))]
    both_archived = [(q, t) for q, t in queries if q in metas and t in metas]
    recorded = sum(metas[q].predecessor == t for q, t in both_archived)
    print(
        f"   predecessor recorded by the import: {recorded}/{len(both_archived)} "
        f"({recorded / max(len(both_archived), 1):.1%}) of the key's pairs whose two documents "
        f"are archived ({len(queries)} pairs in the key)"
    )


def lookup_figures(
    path: Path, metas: dict[str, object], key: list[tuple[str, list[str]]], label: str
) -> list[float]:
    """Top-1 of the lookup for every key pair, in process; the misses; the timings."""
    from resdiff.archive.predecessor import predecessors_of_file

    title_of = {symbol: title for title, symbols in key for symbol in symbols}
    queries = [(s[i], s[i - 1]) for _, s in key for i in range(1, len(s))]
    hits, timings, misses = 0, [], []
    for query, truth in queries:
        start = time.perf_counter()
        try:
            ranked = predecessors_of_file(path, str(ga_file(query)), top=1, symbol=query)
        except Exception as exc:  # a text that parses to nothing: no lookup at all
            ranked, reason = [], type(exc).__name__
        else:
            reason = ""
        timings.append(time.perf_counter() - start)
        found = ranked[0].symbol if ranked else "-"
        if found == truth:
            hits += 1
            continue
        why = "not archived (no paragraphs)" if truth not in metas else ""
        why = "the file parses to no paragraphs" if reason else why
        misses.append((query, truth, found, why, title_of[query]))
    both = [(q, t) for q, t in queries if q in metas and t in metas]
    both_hits = sum(1 for q, t in both if (q, t) not in {(m[0], m[1]) for m in misses})
    print(
        f"   {label}: true predecessor first for {hits}/{len(queries)} ({hits / len(queries):.1%})"
        f" of the key's pairs; {both_hits}/{len(both)} ({both_hits / max(len(both), 1):.1%}) "
        "of those whose two documents are archived"
    )
    for query, truth, found, why, title in misses:
        note = f"  [{why}]" if why else ""
        print(f"     miss {query:<15} key {truth:<15} found {found:<15} ({title[:44]}){note}")
    return timings


def bench_ga(work: Path, documents: int, rng: random.Random) -> None:
    """Import the GA corpus, check its series and the predecessor lookup, then at scale."""
    if not (GA / "series.tsv").is_file():
        print("\n4. General Assembly corpus: not present, skipped")
        return
    key = ga_key()
    archive = fresh_archive(work / "ga")
    files = sorted(p for p in GA.iterdir() if p.suffix in (".txt", ".pdf"))
    print(f"\n4. General Assembly corpus: {len(files)} files, series.tsv as the answer key")
    output = work / "ga-import.txt"
    start = time.perf_counter()
    with open(output, "w") as handle:
        done = subprocess.run(
            [*RESDIFF, "archive", "import", str(GA), "--archive", str(archive)],
            stdout=handle,
            stderr=subprocess.STDOUT,
            text=True,
        )
    elapsed = time.perf_counter() - start
    lines = output.read_text().splitlines()
    summary = next((line for line in lines if line.startswith("imported ")), "?")
    print(f"   archive import, whole process: {elapsed:.1f} s (exit {done.returncode})")
    print(f"   {summary.split(': ', 1)[-1]}")
    reasons: dict[str, int] = {}
    for line in lines:
        if line.startswith("rejected "):
            reason = line.rsplit(": ", 1)[-1]
            reason = "the same document in another format" if "another format" in line else reason
            reasons[reason] = reasons.get(reason, 0) + 1
    for reason, count in sorted(reasons.items(), key=lambda item: -item[1]):
        print(f"     rejected {count}: {reason}")
    metas = archive_metas(archive)
    for name, answers in (("series.tsv", key), ("series.tsv corrected", corrected(key))):
        print(f"   against {name}:")
        series_figures(metas, answers)
        label = f"lookup among the {len(metas)} archived documents"
        lookup_figures(archive, metas, answers, label)
    bench_ga_at_scale(work, archive, metas, corrected(key), documents, rng)


def bench_ga_at_scale(
    work: Path,
    archive: Path,
    metas: dict[str, object],
    key: list[tuple[str, list[str]]],
    documents: int,
    rng: random.Random,
) -> None:
    """The same lookups with the archive filled up to ``documents`` documents."""
    extra = documents - len(metas)
    if extra > 0:
        folders = [CORPUS / "unsc", CORPUS / "hrc", CORPUS / "unsc-historic"]
        bases = [p for f in folders for p in sorted(f.glob("*.txt"))]
        items = [found for found in parsed_items(bases) if len(found) >= 3]
        donors = [item.text for base in items for item in base]
        folder = work / "ga-filler"
        generate(items, donors, extra, folder, rng)
        elapsed, memory = run_process(
            [*RESDIFF, "archive", "import", str(folder), "--archive", str(archive)]
        )
        print(f"   {extra:,} synthetic documents added ", end="")
        print(f"(import {elapsed:.1f} s, peak {memory:.0f} MiB)")
    start = time.perf_counter()
    opened = Archive(archive)
    from resdiff.archive.predecessor_index import refresh

    refresh(opened.repo)
    opened.close()
    print(f"   index brought up to date after the import: {time.perf_counter() - start:.2f} s")
    total = len(archive_metas(archive))
    label = f"lookup among {total:,} archived documents, against series.tsv corrected"
    timings = lookup_figures(archive, metas, key, label)
    print(
        f"   lookup in process: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms"
    )
    queries = [s[i] for _, s in key for i in range(1, len(s)) if s[i] in metas]
    sample = rng.sample(queries, min(25, len(queries)))
    baseline = median_process([sys.executable, "-c", "import click, rapidfuzz"], 15)[0]
    wholes = [
        run_process(
            [*RESDIFF, "archive", "find-predecessor", str(ga_file(q)), "--archive", str(archive)]
        )[0]
        for q in sample
    ]
    whole = statistics.median(wholes)
    print(
        f"   lookup as a whole `resdiff archive find-predecessor` process ({len(sample)} files): "
        f"median {whole:.3f} s, max {max(wholes):.3f} s (target 0.2 s); "
        f"`python -c 'import click, rapidfuzz'`: {baseline:.3f} s, ratio {whole / baseline:.1f}x"
    )


def main() -> None:
    """Run the benchmarks and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 versions, 2,000 documents")
    parser.add_argument("--versions", type=int, help="versions to import (default 1,000)")
    parser.add_argument("--documents", type=int, help="archived documents (default 10,000)")
    parser.add_argument("--rounds", type=int, default=3, help="import/naive rounds (median)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    parser.add_argument("--only", default="1,2,3,4", help="sections to run, e.g. 4 or 1,4")
    options = parser.parse_args()
    sections = set(options.only.split(","))
    versions = options.versions or (200 if options.quick else 1000)
    documents = options.documents or (2000 if options.quick else 10000)
    rounds = 1 if options.quick else options.rounds
    with tempfile.TemporaryDirectory(prefix="resdiff-archive-bench-") as temporary:
        work = options.work or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        print(f"resdiff archive benchmark ({os.cpu_count()} CPUs)\n")
        if "1" in sections or "3" in sections:
            naive = bench_import(work, versions, rounds, random.Random(1))
        if "2" in sections or "3" in sections:
            large, imported = bench_predecessor(work, documents, random.Random(2))
        if "3" in sections:
            bench_scale(work, large, documents, imported, naive, random.Random(3))
        if "4" in sections:
            bench_ga(work, documents, random.Random(4))


if __name__ == "__main__":
    main()
