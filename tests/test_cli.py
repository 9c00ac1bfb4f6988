"""The command line: exit codes, report formats, options, errors, terminal safety."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DERIVED_HRC, FIXTURES, HRC, replace_once

from resdiff.cli import main

SUMMARY_KEYS = {
    "unchanged",
    "reworded",
    "added",
    "removed",
    "moved",
    "split",
    "merged",
    "technical",
    "renumbered",
}
CHANGE_KEYS = {
    "label",
    "kind",
    "moved",
    "technical",
    "similarity",
    "score",
    "method",
    "old",
    "new",
    "old_text",
    "new_text",
    "redline",
    "parts",
}
PARAGRAPH_KEYS = {"label", "section", "number", "text", "subitems", "footnotes"}
ESC = "\x1b"


def run(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env, catch_exceptions=False)


def assert_one_line_error(result, *names: str) -> str:
    """Exit 2, nothing on stdout, one 'resdiff: error: ...' line naming each of ``names``."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("resdiff: error: ")
    assert "Traceback" not in result.stderr
    for name in names:
        assert name in lines[0]
    return lines[0]


# --------------------------------------------------------------------------- exit codes


def test_same_file_exits_0():
    result = run("compare", HRC, HRC)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "resdiff: A/HRC/RES/41/3 -> A/HRC/RES/41/3"
    assert lines[1].startswith("62 unchanged, 0 reworded, 0 added, 0 removed, 0 moved")
    assert result.stderr == ""


def test_differences_exit_1():
    result = run("compare", HRC, DERIVED_HRC, "--no-color")
    assert result.exit_code == 1
    out = result.stdout
    assert "57 unchanged, 4 reworded (2 technical), 1 added, 1 removed, 1 moved" in out
    assert "Renumbered: 21-32 -> 22-33" in out
    assert "[-Urges-]{+Encourages+} States to continue to support the funds;" in out
    assert "{+deep+}" in out
    assert "- OP33 (removed)" in out and "+ OP21  added" in out
    assert "= PP27 -> PP4  unchanged, moved" in out


def test_moved_only_exits_1(tmp_path):
    text = HRC.read_text(encoding="utf-8")
    first = "Recalling also the United Nations Millennium Declaration"
    second = "Recalling further General Assembly resolution 41/128"
    lines = text.split("\n")
    i, j = (
        lines.index(next(x for x in lines if x.startswith(first))),
        lines.index(next(x for x in lines if x.startswith(second))),
    )
    lines[i], lines[j] = lines[j], lines[i]
    swapped = tmp_path / "swapped.txt"
    swapped.write_text("\n".join(lines), encoding="utf-8")
    result = run("compare", HRC, swapped, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["moved"] == 1
    assert data["summary"]["unchanged"] == 62


# --------------------------------------------------------------------------- formats


def test_json_contract():
    result = run("compare", HRC, DERIVED_HRC, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert set(data["old"]) == {"name", "path", "symbol", "title"}
    assert set(data["new"]) == {"name", "path", "symbol", "title"}
    assert data["old"]["path"] == str(HRC) and data["new"]["path"] == str(DERIVED_HRC)
    assert data["old"]["symbol"] == "A/HRC/RES/41/3"
    assert data["old"]["title"].startswith("41/3. Enhancement of international cooperation")
    assert set(data["summary"]) == SUMMARY_KEYS
    assert data["summary"]["renumbered"] == {str(n): str(n + 1) for n in range(21, 33)}
    assert len(data["changes"]) == 63
    for change in data["changes"]:
        assert set(change) == CHANGE_KEYS | {"force", "draft"}
        assert change["kind"] in {"unchanged", "reworded", "added", "removed", "split", "merged"}
        assert isinstance(change["similarity"], float)
        for side in ("old", "new"):
            if change[side] is not None:
                assert set(change[side]) >= PARAGRAPH_KEYS
        for part in change["redline"]:
            assert part[0] in {"equal", "insert", "delete"} and isinstance(part[1], str)
    added = next(c for c in data["changes"] if c["kind"] == "added")
    assert added["old"] is None and added["new"]["label"] == "OP21"
    op23 = next(c for c in data["changes"] if c["old"] and c["old"]["label"] == "OP23")
    assert ["delete", "Urges"] in op23["redline"]
    assert op23["new"]["number"] == "24"


def test_markdown_report():
    result = run("compare", HRC, DERIVED_HRC, "--format", "markdown")
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith("### resdiff: A/HRC/RES/41/3 → A/HRC/RES/41/3\n")
    assert "| unchanged | reworded | technical | added | removed | moved | split | merged |" in out
    assert "| 57 | 4 | 2 | 1 | 1 | 1 | 0 | 0 |" in out
    assert "**Renumbered:** 21-32 → 22-33" in out
    assert "~~Urges~~**Encourages**" in out
    assert ESC not in out


def test_output_file(tmp_path):
    target = tmp_path / "report.json"
    result = run("compare", HRC, DERIVED_HRC, "--format", "json", "-o", target)
    assert result.exit_code == 1
    assert result.stdout == ""
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["summary"]["added"] == 1
    assert not list(tmp_path.glob(".*.tmp"))  # the temporary file was renamed away


def test_output_file_matches_stdout(tmp_path):
    target = tmp_path / "report.txt"
    run("compare", HRC, DERIVED_HRC, "--output", target)
    assert target.read_text(encoding="utf-8") == run("compare", HRC, DERIVED_HRC).stdout
    assert ESC not in target.read_text(encoding="utf-8")  # no colour in files


def test_output_into_missing_directory(tmp_path):
    target = tmp_path / "no" / "such" / "report.txt"
    assert_one_line_error(run("compare", HRC, DERIVED_HRC, "-o", target), str(target))


def test_only_changes():
    result = run("compare", HRC, DERIVED_HRC, "--format", "json", "--only-changes")
    data = json.loads(result.stdout)
    kinds = [(c["kind"], c["moved"]) for c in data["changes"]]
    assert len(kinds) == 7
    assert ("unchanged", False) not in kinds
    assert ("unchanged", True) in kinds  # a moved paragraph is a change
    assert data["summary"]["unchanged"] == 57  # the counts still cover everything
    text = run("compare", HRC, DERIVED_HRC, "--only-changes", "--no-color").stdout
    assert not any(line.startswith("= OP") for line in text.splitlines())


def test_section_operative():
    result = run("compare", HRC, DERIVED_HRC, "--format", "json", "--section", "operative")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["changes"]
    for change in data["changes"]:
        sides = [p for p in (change["old"], change["new"]) if p]
        assert any(p["section"] == "operative" for p in sides)
    assert data["summary"]["moved"] == 0  # the moved paragraph is preambular
    preamble = json.loads(
        run("compare", HRC, DERIVED_HRC, "--format", "json", "--section", "preamble").stdout
    )
    assert {c["new"]["section"] for c in preamble["changes"]} == {"preamble"}


def test_threshold_option():
    data = json.loads(
        run("compare", HRC, DERIVED_HRC, "--format", "json", "--threshold", "1").stdout
    )
    assert data["threshold"] == 1.0
    assert data["summary"]["reworded"] == 0
    assert data["summary"]["added"] == data["summary"]["removed"] == 5


@pytest.mark.parametrize("value", ["0", "1.5", "high"])
def test_bad_threshold_is_a_usage_error(value):
    result = run("compare", HRC, DERIVED_HRC, "--threshold", value)
    assert result.exit_code == 2
    assert "threshold" in result.stderr
    assert "Traceback" not in result.stderr


def test_explain():
    text = run("compare", HRC, DERIVED_HRC, "--explain", "--no-color").stdout
    assert "[method: identical, similarity 1.00, score 1.00]" in text
    assert "[method: moved, similarity 1.00, score 1.00]" in text
    assert "[method: fuzzy, similarity 0." in text
    assert "[method: none, similarity 0.00, score 0.00]" in text
    markdown = run("compare", HRC, DERIVED_HRC, "--explain", "--format", "markdown").stdout
    assert "method `fuzzy`" in markdown
    assert "method:" not in run("compare", HRC, DERIVED_HRC).stdout


# --------------------------------------------------------------------------- colour


def test_no_color_by_default_when_not_a_terminal():
    assert ESC not in run("compare", HRC, DERIVED_HRC).stdout


def test_no_color_flag_and_env():
    assert ESC not in run("compare", HRC, DERIVED_HRC, "--no-color").stdout
    assert ESC not in run("compare", HRC, DERIVED_HRC, env={"NO_COLOR": "1"}).stdout


def test_color_flag():
    out = run("compare", HRC, DERIVED_HRC, "--color").stdout
    assert "\x1b[31m\x1b[9mUrges\x1b[0m" in out  # deleted: red, struck through
    assert "\x1b[32mEncourages\x1b[0m" in out  # inserted: green
    assert "[-Urges-]" not in out


def test_color_flag_only_colours_text_reports():
    out = run("compare", HRC, DERIVED_HRC, "--color", "--format", "json").stdout
    assert ESC not in out
    json.loads(out)


# --------------------------------------------------------------------------- parse command


def test_parse_json_contract():
    result = run("parse", HRC, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert {"symbol", "body", "title", "paragraphs", "footnotes", "meeting", "vote"} <= set(data)
    assert data["symbol"] == "A/HRC/RES/41/3"
    assert data["body"] == "Human Rights Council"
    assert len(data["paragraphs"]) == 62
    for paragraph in data["paragraphs"]:
        assert set(paragraph) >= PARAGRAPH_KEYS
    assert data["paragraphs"][34]["label"] == "OP7"
    assert data["paragraphs"][34]["number"] == "7"
    assert [f["marker"] for f in data["footnotes"]] == ["1", "2", "3"]
    assert data["meeting"] == "38th meeting 11 July 2019"
    assert data["vote"]["in_favour"] == 28
    assert len(data["vote"]["countries"]["against"]) == 14


def test_parse_text():
    result = run("parse", FIXTURES / "S_2017_77.txt")
    assert result.exit_code == 0
    out = result.stdout
    assert "symbol: S/2017/77" in out
    assert "paragraphs: 28 preambular, " in out
    assert "## Arms embargo" in out
    assert "       (a) Supplies intended solely" in out


def test_parse_output_file(tmp_path):
    target = tmp_path / "parsed.json"
    result = run("parse", HRC, "--format", "json", "-o", target)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["symbol"] == "A/HRC/RES/41/3"


# --------------------------------------------------------------------------- bad inputs


@pytest.fixture
def bad_files(tmp_path):
    files = {
        "directory": tmp_path / "a directory",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "bad-utf8": tmp_path / "bad-utf8.txt",
    }
    files["directory"].mkdir()
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(b"garbage\x00\x01\x02")
    text = HRC.read_text(encoding="utf-8")
    files["bad-utf8"].write_bytes(text[:500].encode() + b"\xff\xfe\xc3\x28" + text[500:].encode())
    return files


@pytest.mark.parametrize("kind", ["directory", "empty", "binary", "bad-utf8"])
@pytest.mark.parametrize("position", ["old", "new", "parse"])
def test_bad_input_is_one_line_error(bad_files, kind, position):
    bad = bad_files[kind]
    if position == "old":
        result = run("compare", bad, HRC)
    elif position == "new":
        result = run("compare", HRC, bad)
    else:
        result = run("parse", bad)
    line = assert_one_line_error(result, str(bad))
    expected = {
        "directory": "is a directory",
        "empty": "is empty",
        "binary": "binary",
        "bad-utf8": "not valid UTF-8",
    }[kind]
    assert expected in line


@pytest.mark.parametrize("position", ["old", "new", "parse"])
def test_missing_file(tmp_path, position):
    missing = tmp_path / "missing.txt"
    if position == "old":
        result = run("compare", missing, HRC)
    elif position == "new":
        result = run("compare", HRC, missing)
    else:
        result = run("parse", missing)
    line = assert_one_line_error(result, str(missing))
    assert "no such file" in line


def test_text_without_resolution_paragraphs(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list for the weekend.\nEggs, milk and bread.\n", encoding="utf-8")
    line = assert_one_line_error(run("compare", notes, HRC), str(notes))
    assert "no resolution paragraphs found" in line


def test_footnotes_only_text_has_no_paragraphs(tmp_path):
    # Only the footnote lines of 41/3: nothing that could be a paragraph.
    notes = tmp_path / "footnotes.txt"
    notes.write_text("¹ See E/CN.4/2001/2.\n\n² A/HRC/40/78.\n", encoding="utf-8")
    line = assert_one_line_error(run("parse", notes), str(notes))
    assert "no resolution paragraphs found" in line


def test_empty_path_argument():
    line = assert_one_line_error(run("compare", "", HRC))
    assert "empty" in line


def test_file_name_starting_with_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(HRC, tmp_path / "-old.txt")
    result = run("compare", "--", "-old.txt", str(HRC))
    assert result.exit_code == 0, result.stderr
    assert run("parse", "--", "-old.txt").exit_code == 0
    # Without "--" the name is read as an option: a usage error, still exit 2.
    assert run("compare", "-old.txt", str(HRC)).exit_code == 2


def test_file_name_with_spaces_and_non_ascii(tmp_path):
    path = tmp_path / "résolution 41-3 (version révisée).txt"
    shutil.copy(DERIVED_HRC, path)
    result = run("compare", HRC, path, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["new"]["path"] == str(path)
    broken = tmp_path / "vide é.txt"
    broken.write_bytes(b"")
    assert_one_line_error(run("compare", HRC, broken), str(broken))


def test_internal_error_is_one_line(monkeypatch):
    # The module, not the function of the same name that the package exports.
    compare_module = importlib.import_module("resdiff.compare")

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(compare_module, "compare", explode)
    line = assert_one_line_error(run("compare", HRC, DERIVED_HRC))
    assert line == "resdiff: error: internal error: RuntimeError: boom"
    debug = run("compare", HRC, DERIVED_HRC, env={"RESDIFF_DEBUG": "1"})
    assert debug.exit_code == 2 and "Traceback" in debug.stderr


# --------------------------------------------------------------------------- terminal safety


@pytest.fixture
def escaped_pair(tmp_path):
    """S/2018/95 -> S/2020/110 with terminal escapes typed into the new text."""
    new = (FIXTURES / "S_2020_110.txt").read_text(encoding="utf-8")
    new = replace_once(new, "Decides to remain seized", "Decides \x1b[31mto remain\x1b[0m seized")
    new = replace_once(new, "Further expresses", "Further \x1b]0;pwned\x07expresses")
    new = replace_once(new, "(S/2020/36)", "(S/2020/36\x1b[2J)")
    path = tmp_path / "S_2020_110.escaped.txt"
    path.write_text(new, encoding="utf-8")
    return FIXTURES / "S_2018_95.txt", path


def test_escapes_in_text_do_not_reach_the_terminal(escaped_pair):
    old, new = escaped_pair
    for args in ([], ["--explain"], ["--only-changes"]):
        out = run("compare", old, new, "--no-color", *args).stdout
        assert ESC not in out and "\x07" not in out
        assert "\\x1b[31m" in out and "\\x1b]0;pwned\\x07" in out  # shown as escapes, inert


def test_escapes_in_text_with_color(escaped_pair):
    old, new = escaped_pair
    out = run("compare", old, new, "--color").stdout
    assert "\x1b[31mto remain" not in out
    assert "\x1b]0;" not in out and "\x07" not in out and "\x1b[2J" not in out


def test_escapes_in_markdown_json_and_parse(escaped_pair):
    old, new = escaped_pair
    markdown = run("compare", old, new, "--format", "markdown").stdout
    assert ESC not in markdown and "\x07" not in markdown
    as_json = run("compare", old, new, "--format", "json").stdout
    assert ESC not in as_json  # escaped as \u001b by the JSON encoder
    assert "\\u001b[31m" in as_json
    parsed = run("parse", new).stdout
    assert ESC not in parsed and "\x07" not in parsed


# --------------------------------------------------------------------------- installed entry point


def _entry_point() -> str:
    candidate = Path(sys.executable).with_name("resdiff")
    found = str(candidate) if candidate.exists() else shutil.which("resdiff")
    if not found:
        pytest.skip("the resdiff entry point is not installed")
    return found


def test_installed_entry_point(tmp_path):
    exe = _entry_point()
    same = subprocess.run([exe, "compare", HRC, HRC], capture_output=True, text=True, timeout=60)
    assert same.returncode == 0, same.stderr
    diff = subprocess.run(
        [exe, "compare", HRC, DERIVED_HRC, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert diff.returncode == 1
    assert json.loads(diff.stdout)["summary"]["removed"] == 1
    bad = subprocess.run(
        [exe, "compare", tmp_path, HRC], capture_output=True, text=True, timeout=60
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0
    assert importlib.metadata.version("resdiff") in version.stdout


def _run_on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(args, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_colour_on_a_terminal_and_no_color():
    exe = _entry_point()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    code, out = _run_on_terminal([exe, "compare", str(HRC), str(DERIVED_HRC)], env)
    assert code == 1
    assert "\x1b[32m" in out  # colour by default on a terminal
    code, out = _run_on_terminal(
        [exe, "compare", str(HRC), str(DERIVED_HRC)], {**env, "NO_COLOR": "1"}
    )
    assert code == 1
    assert ESC not in out
    assert "[-Urges-]{+Encourages+}" in out


def test_output_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "report.md"
    real.write_text("old report\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    result = run("compare", HRC, DERIVED_HRC, "--format", "markdown", "-o", link)
    assert result.exit_code == 1
    assert link.is_symlink() and link.resolve() == real
    report = real.read_text(encoding="utf-8")
    assert "old report" not in report and "forty-seventh" in report  # the derived edit
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.md", "report.md"]


def test_output_to_a_fifo_writes_into_it_and_leaves_it_a_fifo(tmp_path):
    """A device or FIFO (``-o /dev/stdout``) must never be renamed over."""
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("compare", HRC, DERIVED_HRC, "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 1
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and received[0].decode("utf-8").startswith("resdiff: ")
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


@pytest.mark.skipif(
    not (os.path.exists("/dev/full") and stat.S_ISCHR(os.stat("/dev/full").st_mode)),
    reason="needs the /dev/full device",
)
def test_a_full_standard_output_is_a_one_line_error():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "resdiff.cli", "compare", str(HRC), str(DERIVED_HRC)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2
    assert done.stderr == (
        "resdiff: error: cannot write to standard output: No space left on device\n"
    )


def test_a_file_where_a_folder_should_be_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "archive"
    blocker.write_text("not a folder\n", encoding="utf-8")
    line = assert_one_line_error(run("archive", "init", blocker / "inner"))
    assert line == f"resdiff: error: {blocker / 'inner'}: Not a directory"
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_redline_marks_never_look_like_the_brackets_of_a_draft():
    # Negotiation rounds hold square brackets: the marks become {-...-} and the report says so.
    rounds = FIXTURES / "derived" / "A_HRC_RES_41_3.derived-draft-round{}.md"
    out = run(
        "compare", str(rounds).format(1), str(rounds).format(2), "--no-color", "--only-changes"
    ).stdout
    assert "Marks: {-...-} deleted, {+...+} inserted (the texts hold brackets)" in out
    assert "{-[agreed-}{+AGREED+}" in out and "[-[" not in out
    # A resolution without brackets keeps git's word-diff marks, and says nothing.
    plain = run("compare", HRC, DERIVED_HRC, "--no-color").stdout
    assert "[-Urges-]{+Encourages+}" in plain and "Marks:" not in plain


def test_summary_of_substantive_changes_comes_first_and_hide_technical():
    result = run("compare", HRC, DERIVED_HRC, "--no-color", "--only-changes")
    head = result.stdout.split("\n\n")[0].splitlines()
    assert head[head.index("New: OP21") :] == [
        "New: OP21",
        "Removed: OP33",
        "Force: OP8 strengthened: Expresses its concern -> Expresses its deep concern;",
        "  OP23 -> OP24 weakened: Urges -> Encourages",
        "Moved: PP27 -> PP4",
        "Technical only: OP30 -> OP31, OP34",
    ]
    assert "~ OP34  reworded, technical" in result.stdout
    hidden = run("compare", HRC, DERIVED_HRC, "--no-color", "--only-changes", "--hide-technical")
    assert hidden.exit_code == 1
    assert "~ OP34" not in hidden.stdout and "~ OP30 -> OP31" not in hidden.stdout
    assert "~ OP23 -> OP24  reworded" in hidden.stdout  # substantive changes stay
    assert "4 reworded (2 technical)" in hidden.stdout  # and the counts are the same
    data = json.loads(
        run("compare", HRC, DERIVED_HRC, "--format", "json", "--hide-technical").stdout
    )
    assert not any(c["technical"] for c in data["changes"])
