"""Speed and memory of resdiff compare, against baselines measured in the same run.

Usage: python benchmarks/speed.py [--quick] [--no-growth]

Prints:
1. whole-process ``resdiff compare`` on two documents of 1,000 real paragraphs
   (10 % of them edited), wall time and peak memory, against a naive aligner
   that scores every pair with difflib's ``SequenceMatcher.ratio``;
2. how parse + compare time (in process) and peak memory (whole process) grow
   from 100 to 20,000 paragraphs (5,000 with ``--quick``);
3. in-process compare of two versions of resolution 41/3 (about 20 KB);
4. start-up: an everyday whole-process compare (41/3 against an edited copy)
   against ``python -c "import click, rapidfuzz"``.
Figures are medians of several runs; ratios are against baselines run here.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import FIXTURES, Item, load_items, source_documents, write_text

from resdiff.compare import compare
from resdiff.normalize import normalise
from resdiff.parse import parse

RESDIFF = [sys.executable, "-m", "resdiff.cli"]


def paragraph_pool() -> list[str]:
    """Every distinct real paragraph available (fixtures, plus the corpus when present)."""
    seen: dict[str, None] = {}
    for path in source_documents(include_corpus=True):
        for item in load_items(path):
            seen.setdefault(item.text, None)
    return list(seen)


def document_pair(pool: list[str], size: int, rng: random.Random) -> tuple[str, str]:
    """Old and new texts of ``size`` operative paragraphs; 10 % of new ones edited."""
    base = [pool[k % len(pool)] + ("" if k < len(pool) else f" ({k})") for k in range(size)]
    rng.shuffle(base)
    old = [Item("operative", text) for text in base]
    new = [Item("operative", text) for text in base]
    for _ in range(max(1, size // 40)):
        k = rng.randrange(len(new))
        words = new[k].text.split()
        words.insert(rng.randrange(len(words)), "further")
        new[k].text = " ".join(words)
        del new[rng.randrange(len(new))]
        new.insert(rng.randrange(len(new)), Item("operative", rng.choice(pool) + " (inserted)"))
        moved = new.pop(rng.randrange(len(new)))
        new.insert(rng.randrange(len(new)), moved)
    return write_text(old, rng, style="plain"), write_text(new, rng, style="plain")


# A small launcher times the command and reads its peak memory: a child forked
# straight from this (large) process would report this process's memory as its peak.
_LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss / 1024)
"""


def run_process(args: list[str]) -> tuple[float, float]:
    """Run a command; return its wall time (s) and peak resident memory (MiB)."""
    output = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *args], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(output[0]), float(output[1])


def median_process(args: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and the largest peak memory over ``repeat`` runs."""
    runs = [run_process(args) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def naive_seconds(old: list[str], new: list[str], sample: int, rng: random.Random) -> float:
    """Time for difflib ratio over all old x new pairs (extrapolated from a sample)."""
    pairs = [(rng.choice(old), rng.choice(new)) for _ in range(sample)]
    start = time.perf_counter()
    for a, b in pairs:
        SequenceMatcher(None, a, b).ratio()
    per_pair = (time.perf_counter() - start) / sample
    return per_pair * len(old) * len(new)


def in_process(old_text: str, new_text: str, repeat: int) -> float:
    """Median seconds for parse + compare of two texts, in this process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        compare(parse(old_text), parse(new_text))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Run every measurement and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    parser.add_argument("--no-growth", action="store_true", help="leave out section 2")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    # As installed: byte-compiled (a PYTHONDONTWRITEBYTECODE shell would compile resdiff's
    # modules again in every measured process).
    package = Path(__file__).resolve().parent.parent / "resdiff"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True)
    rng = random.Random(1)
    pool = paragraph_pool()
    print(f"paragraph pool: {len(pool)} real paragraphs\n")
    with tempfile.TemporaryDirectory() as folder:
        whole_process(pool, rng, Path(folder), repeat)
        if not args.no_growth:
            growth(pool, rng, Path(folder), repeat, args.quick)
        resolution_pair(Path(folder), repeat)


def whole_process(pool: list[str], rng: random.Random, folder: Path, repeat: int) -> None:
    """1,000 x 1,000 paragraphs: resdiff compare against the naive all-pairs aligner."""
    old_text, new_text = document_pair(pool, 1000, rng)
    old_path, new_path = folder / "old.txt", folder / "new.txt"
    old_path.write_text(old_text, encoding="utf-8")
    new_path.write_text(new_text, encoding="utf-8")
    seconds, memory = median_process([*RESDIFF, "compare", str(old_path), str(new_path)], repeat)
    base, _ = median_process([sys.executable, "-c", "import click, rapidfuzz"], repeat)
    old_paras = [normalise(p.full_text()) for p in parse(old_text).paragraphs]
    new_paras = [normalise(p.full_text()) for p in parse(new_text).paragraphs]
    naive = naive_seconds(old_paras, new_paras, 20000, rng)
    print("1. whole-process compare, 1,000 x 1,000 paragraphs")
    print(f"   resdiff compare: {seconds:.3f} s, peak {memory:.0f} MiB")
    print(f'   python -c "import click, rapidfuzz" in the same run: {base:.3f} s')
    print(f"   naive difflib ratio over all pairs (from 20,000 timed pairs): {naive:.1f} s")
    print(f"   speed-up: {naive / seconds:.0f}x\n")


def growth(pool: list[str], rng: random.Random, folder: Path, repeat: int, quick: bool) -> None:
    """Parse + compare time (in process) and whole-process peak memory, 100 to 20,000
    paragraphs; the 20,000 x 20,000 target is under 10 s and under 1 GiB."""
    print("2. growth: in-process parse + compare time; whole-process resdiff compare peak memory")
    previous = None
    for size in (100, 1000, 5000) if quick else (100, 1000, 5000, 10000, 20000):
        old_text, new_text = document_pair(pool, size, rng)
        seconds = in_process(old_text, new_text, 1 if size > 1000 else repeat)
        old_path, new_path = folder / f"old-{size}.txt", folder / f"new-{size}.txt"
        old_path.write_text(old_text, encoding="utf-8")
        new_path.write_text(new_text, encoding="utf-8")
        whole, memory = run_process([*RESDIFF, "compare", str(old_path), str(new_path)])
        ratio = (
            f" ({seconds / previous[1]:.1f}x time for {size / previous[0]:.0f}x paragraphs)"
            if previous
            else ""
        )
        print(
            f"   {size:6,d} paragraphs: {seconds:7.2f} s in process{ratio};"
            f" whole process {whole:6.2f} s, peak {memory:4.0f} MiB"
        )
        previous = (size, seconds)
    print()


def resolution_pair(folder: Path, repeat: int) -> None:
    """41/3 against an edited copy: in-process time and whole-process start-up ratio."""
    original = (FIXTURES / "A_HRC_RES_41_3.txt").read_text(encoding="utf-8")
    edited = (
        original.replace("*Urges* States to continue", "*Encourages* States to continue")
        .replace("forty-fourth session", "forty-seventh session")
        .replace("23. *Urges*", "23. *Urges*")
    )
    edited_path = folder / "A_HRC_RES_41_3.edited.txt"
    edited_path.write_text(edited, encoding="utf-8")
    seconds = in_process(original, edited, repeat * 3)
    print("3. resolution 41/3 (20 KB) against an edited copy, in-process")
    print(f"   parse + compare: {seconds * 1000:.1f} ms\n")
    base, _ = median_process([sys.executable, "-c", "import click, rapidfuzz"], repeat * 2)
    command = [*RESDIFF, "compare", str(FIXTURES / "A_HRC_RES_41_3.txt"), str(edited_path)]
    whole, memory = median_process(command, repeat * 2)
    print("4. start-up: everyday whole-process compare")
    print(f'   python -c "import click, rapidfuzz": {base * 1000:.0f} ms')
    print(f"   resdiff compare 41/3 vs edited copy: {whole * 1000:.0f} ms, peak {memory:.0f} MiB")
    print(f"   ratio: {whole / base:.2f}x")


if __name__ == "__main__":
    main()
