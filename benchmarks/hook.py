"""Cost of the resdiff pre-commit hook on a typical commit, against ``git commit`` without it.

Usage: python benchmarks/hook.py [--runs N] [--quick]

Two identical repositories hold every fixture text (the Human Rights Council
resolution, the Security Council drafts, the General Assembly resolutions and
the four official PDFs); one has the hook installed by ``resdiff
install-hook``. Each run changes one resolution and commits it in both
repositories, alternating between resolution 41/3 and its derived reworded
variant (fixtures/derived/), so that every commit checks one text and
compares it with HEAD (62 paragraphs, 4 reworded, 1 added, 1 removed, 1
moved). A second series does the same with one PDF (S/2018/95 <-> S/2020/110,
the same series of Security Council drafts).

Prints the median wall time of ``git commit`` without and with the hook, the
time the hook adds and the ratio, and whether the added time is under the
0.5 s target.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TARGET_SECONDS = 0.5
TEXT_PAIR = (
    FIXTURES / "A_HRC_RES_41_3.txt",
    FIXTURES / "derived/A_HRC_RES_41_3.derived-reworded.txt",
)
PDF_PAIR = (FIXTURES / "pdf/S_2018_95.pdf", FIXTURES / "pdf/S_2020_110.pdf")


def git_env(home: Path) -> dict[str, str]:
    """git without the user's configuration and without GIT_* variables from outside."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(home / "gitconfig"))
    return env


def run(args: list[str], cwd: Path, env: dict[str, str]) -> None:
    """Run a command, failing loudly."""
    subprocess.run(args, cwd=cwd, env=env, check=True, capture_output=True)


def make_repo(path: Path, env: dict[str, str], *, hook: bool) -> Path:
    """A repository holding every fixture text, committed once; with the hook when asked."""
    path.mkdir(parents=True)
    run(["git", "init", "-q", "-b", "main"], path, env)
    run(["git", "config", "user.name", "Benchmark"], path, env)
    run(["git", "config", "user.email", "bench@example.org"], path, env)
    for source in [*FIXTURES.glob("*.txt"), *FIXTURES.glob("*.md"), *FIXTURES.glob("pdf/*.pdf")]:
        if source.name != "README.md":
            shutil.copy(source, path / source.name)
    shutil.copy(TEXT_PAIR[0], path / "resolution.txt")
    shutil.copy(PDF_PAIR[0], path / "draft.pdf")
    run(["git", "add", "."], path, env)
    run(["git", "commit", "-q", "--no-verify", "-m", "base"], path, env)
    if hook:
        run([sys.executable, "-m", "resdiff.cli", "install-hook"], path, env)
    return path


def timed_commit(repo: Path, name: str, source: Path, env: dict[str, str]) -> float:
    """Replace ``name`` with ``source``, stage it, and time ``git commit`` alone."""
    shutil.copy(source, repo / name)
    run(["git", "add", name], repo, env)
    start = time.perf_counter()
    done = subprocess.run(
        ["git", "commit", "-q", "-m", f"update {name}"], cwd=repo, env=env, capture_output=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"commit failed in {repo}:\n{done.stdout!r}\n{done.stderr!r}")
    return elapsed


def series(plain: Path, hooked: Path, name: str, pair: tuple[Path, Path], runs: int, env):
    """Median commit times (without hook, with hook) over ``runs`` alternating changes."""
    without, with_hook = [], []
    for index in range(runs):
        source = pair[(index + 1) % 2]
        without.append(timed_commit(plain, name, source, env))
        with_hook.append(timed_commit(hooked, name, source, env))
    return statistics.median(without), statistics.median(with_hook)


def report(title: str, without: float, with_hook: float) -> bool:
    """Print one series; True when the added time meets the target."""
    added = with_hook - without
    ok = added < TARGET_SECONDS
    print(f"{title}")
    print(f"  git commit without hook   {without * 1000:8.1f} ms (median)")
    print(f"  git commit with hook      {with_hook * 1000:8.1f} ms (median)")
    print(f"  added by the hook         {added * 1000:8.1f} ms   ratio {with_hook / without:5.2f}x")
    print(f"  target: under {TARGET_SECONDS:.1f} s added   {'met' if ok else 'NOT MET'}")
    return ok


def main() -> int:
    """Build the repositories, run both series and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=21, help="commits per series (default 21)")
    parser.add_argument("--quick", action="store_true", help="7 commits per series")
    options = parser.parse_args()
    runs = 7 if options.quick else options.runs
    with tempfile.TemporaryDirectory(prefix="resdiff-hook-bench-") as folder:
        base = Path(folder)
        env = git_env(base / "home")
        (base / "home").mkdir()
        plain = make_repo(base / "plain", env, hook=False)
        hooked = make_repo(base / "hooked", env, hook=True)
        print(f"python {sys.version.split()[0]}, {runs} commits per series\n")
        text = series(plain, hooked, "resolution.txt", TEXT_PAIR, runs, env)
        ok_text = report("One text resolution changed (41/3, 62 paragraphs)", *text)
        print()
        pdf = series(plain, hooked, "draft.pdf", PDF_PAIR, runs, env)
        ok_pdf = report("One PDF changed (S/2018/95 <-> S/2020/110, 2 pages)", *pdf)
    return 0 if ok_text and ok_pdf else 1


if __name__ == "__main__":
    sys.exit(main())
