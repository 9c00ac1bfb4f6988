"""Hostile and odd inputs: each ends in a one-line error or a correct report, within
bounded time and memory (measured on the real `resdiff` process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SC = FIXTURES / "S_2018_95.txt"

# Runs resdiff in a child and prints its wall time and peak memory: a child forked
# from the (larger) pytest process would report pytest's memory as its own peak.
_LAUNCHER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
child = subprocess.run([sys.executable, "-m", "resdiff.cli", *sys.argv[1:]],
                       capture_output=True)
print(json.dumps({"code": child.returncode, "seconds": time.perf_counter() - start,
                  "mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "stdout": child.stdout.decode("utf-8", "replace"),
                  "stderr": child.stderr.decode("utf-8", "replace")}))
"""


def run_bounded(*args: object, seconds: float = 30.0, mib: float = 400.0) -> dict[str, object]:
    """Run `resdiff ARGS`; check it finished within ``seconds`` and ``mib`` of peak memory."""
    done = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=seconds * 2,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout)
    assert float(result["seconds"]) < seconds  # type: ignore[arg-type]
    assert float(result["mib"]) < mib  # type: ignore[arg-type]
    return result


def one_line_error(result: dict[str, object], *fragments: str) -> None:
    assert result["code"] == 2
    stderr = str(result["stderr"])
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("resdiff: error:")
    for fragment in fragments:
        assert fragment in lines[0]


def test_fifo_is_refused(tmp_path):
    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    one_line_error(run_bounded("compare", fifo, SC), "not a regular file")


def test_symlink_loop_is_refused(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    one_line_error(run_bounded("compare", tmp_path / "a.txt", SC), "a.txt", "symbolic links")


def test_utf16_without_bom_is_refused(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(SC.read_text(encoding="utf-8").encode("utf-16-le"))
    one_line_error(run_bounded("compare", path, SC), "utf16.txt")


def test_nul_bytes_are_refused(tmp_path):
    path = tmp_path / "nul.txt"
    path.write_bytes(SC.read_bytes().replace(b"Decides", b"Dec\x00ides", 1))
    one_line_error(run_bounded("compare", path, SC), "NUL")


def test_one_megabyte_paragraph_is_compared(tmp_path):
    # a real preambular paragraph of S/2018/95 repeated to make one paragraph of 1 MB
    lines = SC.read_text(encoding="utf-8").splitlines()
    recalling = lines[1].rstrip(",")
    huge = ", ".join([recalling] * (1_000_000 // len(recalling) + 1)) + ","
    path = tmp_path / "huge.txt"
    path.write_text("\n".join([lines[0], huge, *lines[2:]]) + "\n", encoding="utf-8")
    assert path.stat().st_size > 1_000_000
    result = run_bounded("compare", path, SC, "--format", "json", seconds=30)
    report = json.loads(str(result["stdout"]))
    assert result["code"] == 1
    assert report["summary"]["reworded"] + report["summary"]["removed"] >= 1


def test_deeply_nested_brackets(tmp_path):
    text = SC.read_text(encoding="utf-8").replace(
        "Decides to remain seized", "[" * 500 + "Decides" + "]" * 500 + " to remain seized"
    )
    path = tmp_path / "nested.txt"
    path.write_text(text, encoding="utf-8")
    result = run_bounded("compare", SC, path, "--format", "json")
    assert result["code"] == 1
    assert json.loads(str(result["stdout"]))["summary"]["reworded"] >= 1


def test_right_to_left_and_combining_characters_stay_inert(tmp_path):
    text = SC.read_text(encoding="utf-8").replace(
        "Decides to remain seized",
        "Decides \u202e\u0645\u0631\u062d\u0628\u0627 e\u0301te to remain seized",
    )
    path = tmp_path / "rtl.txt"
    path.write_text(text, encoding="utf-8")
    result = run_bounded("compare", SC, path, "--no-color")
    assert result["code"] == 1
    assert "\u202e" not in str(result["stdout"])  # a bidi override never reaches the terminal
    assert "\u0645\u0631\u062d\u0628\u0627" in str(result["stdout"])
