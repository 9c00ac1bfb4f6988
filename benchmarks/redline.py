"""Redline of long paragraphs: the bounded diff against difflib, measured in the same run.

Usage: python benchmarks/redline.py [--quick]

Prints:
1. the word redline of one long paragraph against a copy with one word changed
   (real operative paragraphs of the fixtures run together to 15, 60 and 250 KB),
   in process: resdiff's ``redline`` against difflib's ``SequenceMatcher``
   (``autojunk=False``, the method used for every size before) on the same token
   keys. ``--quick`` leaves out the 250 KB difflib baseline (about 70-120 s);
2. the same with ten words changed at random places;
3. a real clause repeated to 250 KB with three words changed (no word occurs once:
   Myers' method between the common head and tail);
4. whole-process ``resdiff compare`` of the 250 KB pair and of a 5 MB paragraph
   against another resolution: wall time and peak memory.
Figures are single runs; ratios are against the baseline run here.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SC = FIXTURES / "S_2018_95.txt"
sys.path.insert(0, str(ROOT / "tests"))

from conftest import real_paragraphs  # noqa: E402

from resdiff.normalize import token_key  # noqa: E402
from resdiff.redline import redline, spans  # noqa: E402

RESDIFF = [sys.executable, "-m", "resdiff.cli"]
_LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss / 1024)
"""


def long_paragraph(size: int) -> list[str]:
    """Words of the real operative paragraphs run together to about ``size`` characters."""
    pool = " ".join(real_paragraphs()["operative"])
    return " ".join([pool] * (size // len(pool) + 1))[:size].split(" ")


def edited(words: list[str], count: int, rng: random.Random) -> list[str]:
    """``words`` with ``count`` plain words replaced by "Strongly"."""
    result = list(words)
    plain = [k for k, word in enumerate(words) if word.isalpha()]
    for k in sorted(rng.sample(plain, count)) if count > 1 else [plain[len(plain) // 2]]:
        result[k] = "Strongly"
    return result


def timed(function: Callable[[], object]) -> float:
    """Seconds one call of ``function`` takes."""
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def difflib_redline(old: str, new: str) -> None:
    """The old method: difflib on the token keys of both texts."""
    keys_old = [token_key(s.strip()) for s in spans(old)]
    keys_new = [token_key(s.strip()) for s in spans(new)]
    SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes()


def row(label: str, old: str, new: str, baseline: bool) -> None:
    """Print resdiff's redline time against difflib's (when ``baseline``)."""
    ours = timed(lambda: redline(old, new))
    if baseline:
        theirs = timed(lambda: difflib_redline(old, new))
        print(f"{label:<44} {ours:8.3f} s   difflib {theirs:8.2f} s   {theirs / ours:8.0f}x")
    else:
        print(f"{label:<44} {ours:8.3f} s   difflib (skipped)")


def run_process(args: list[object]) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one command."""
    output = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *map(str, args)], capture_output=True, text=True
    ).stdout.split()
    return float(output[0]), float(output[1])


def with_paragraph(folder: Path, name: str, paragraph: str) -> Path:
    """S/2018/95 with its first preambular paragraph replaced by ``paragraph``."""
    lines = SC.read_text(encoding="utf-8").splitlines()
    path = folder / name
    path.write_text("\n".join([lines[0], paragraph, *lines[2:]]) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 250 KB difflib baseline")
    quick = parser.parse_args().quick
    rng = random.Random(250)
    print("1. one word changed in the middle (in process)")
    for size in (15_000, 60_000, 250_000):
        words = long_paragraph(size)
        old, new = " ".join(words), " ".join(edited(words, 1, rng))
        row(f"   {size // 1000} KB paragraph", old, new, baseline=not quick or size < 100_000)
    print("2. ten words changed at random places (in process)")
    for size in (60_000, 250_000):
        words = long_paragraph(size)
        old, new = " ".join(words), " ".join(edited(words, 10, rng))
        row(f"   {size // 1000} KB paragraph", old, new, baseline=not quick or size < 100_000)
    print("3. one real clause repeated, three words changed (in process)")
    recalling = SC.read_text(encoding="utf-8").splitlines()[1].rstrip(",")
    words = ", ".join([recalling] * (250_000 // len(recalling) + 1)).split(" ")
    changed = list(words)
    for k in (len(words) // 4, len(words) // 2, 3 * len(words) // 4):
        changed[k] = "Strongly"
    row("   250 KB repeated clause", " ".join(words), " ".join(changed), baseline=not quick)
    print("4. whole process")
    with tempfile.TemporaryDirectory() as folder:
        words = long_paragraph(250_000)
        old = with_paragraph(Path(folder), "old.txt", " ".join(words))
        new = with_paragraph(Path(folder), "new.txt", " ".join(edited(words, 1, rng)))
        seconds, mib = run_process([*RESDIFF, "compare", old, new])
        print(f"   compare, 250 KB paragraph, one word changed: {seconds:.2f} s, {mib:.0f} MiB")
        huge = ", ".join([recalling] * (5_000_000 // len(recalling) + 1))
        five = with_paragraph(Path(folder), "five.txt", huge)
        seconds, mib = run_process([*RESDIFF, "compare", five, FIXTURES / "S_2020_110.txt"])
        print(f"   compare, 5 MB paragraph against S/2020/110: {seconds:.2f} s, {mib:.0f} MiB")


if __name__ == "__main__":
    main()
