"""No raw control character, bidi control or live link from a document or a file name
reaches a terminal, a commit message, a hook report, textconv output or markdown.

The property test drives every writer in process with generated text and names; the
other tests run the real program (git, the installed hook, the diff driver, a pseudo
terminal) and check the exact output.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

from conftest import FIXTURES, replace_once
from hooks.repo_helpers import Repo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resdiff.archive.meta import VersionMeta
from resdiff.archive.plan import Planned, commit_message
from resdiff.check import Finding
from resdiff.compare import compare
from resdiff.githooks.diffdriver import _header, document_lines
from resdiff.githooks.precommit import FileReport, HookReport, render_report
from resdiff.parse import parse_text
from resdiff.renderers import RenderOptions, render
from resdiff.renderers.document import document_text
from resdiff.safety import markdown_text, quote_name, visible

SC = FIXTURES / "S_2018_95.txt"
# What a terminal, a viewer or a bidi-aware display would act on (resdiff.safety's list,
# written out again here so that the test does not take the code's word for it).
RAW = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff]"
)
HOSTILE = "\x1b\x07\x00\r\x0b\x0c\x7f\x85\x9b\u061c\u200e\u200f\u202a\u202e\u2066\u2069\u2028\u2029"
OWN_COLOURS = re.compile(r"\x1b\[[0-9;]*m")  # the text report's own colours, with --color

hostile_text = st.text(st.one_of(st.sampled_from(HOSTILE), st.characters()), max_size=30)
hostile_name = st.text(
    st.one_of(st.sampled_from(HOSTILE + '\n\t"\\\udcff'), st.characters()), min_size=1, max_size=20
)


def _documents(inserted: str, name: str) -> tuple[object, object]:
    """S/2018/95 and a copy with ``inserted`` typed into two paragraphs, named ``name``."""
    text = SC.read_text(encoding="utf-8")
    new = replace_once(text, "Decides to remain seized", f"Decides {inserted} to remain seized")
    new = new.replace("its intention", f"its {inserted} intention")
    old_doc, new_doc = parse_text(text), parse_text(new)
    old_doc.path, new_doc.path = f"old {name}", name
    return old_doc, new_doc


def _planned(title: str, source: str) -> Planned:
    meta = VersionMeta(
        symbol="S/2018/95",
        title=title,
        body="Security Council",
        date=None,
        status="draft",
        series=None,
        predecessor=None,
        source_name=source,
        source_sha256="0" * 64,
        source_format="text",
        parser_version="1",
    )
    return Planned("S_2018_95", meta, "text", b"original", "added", source)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text, hostile_name)
def test_no_writer_emits_a_raw_control_character(inserted: str, name: str) -> None:
    old_doc, new_doc = _documents(inserted, name)
    comparison = compare(old_doc, new_doc)
    outputs = {
        fmt: str(render(comparison, fmt, RenderOptions(explain=True)))
        for fmt in ("text", "markdown", "json", "html")
    }
    coloured = str(render(comparison, "text", RenderOptions(color=True)))
    outputs["text --color"] = OWN_COLOURS.sub("", coloured)
    outputs["parse"] = document_text(new_doc)
    outputs["textconv"] = "\n".join(document_lines(new_doc))
    finding = Finding("operative-numbering", "error", "OP1", 3, f"message {inserted}")
    report = FileReport(name, "R", old_path=f"old {name}", findings=[finding])
    report.comparison, report.failure = comparison, f"{name}: failed {inserted}"
    outputs["hook report"] = render_report(HookReport([report]))
    old_side, new_side = ("1" * 40, "100644"), ("2" * 40, "100644")
    rename = ["similarity index 90%\n"]
    outputs["diff header"] = _header(name, f"new {name}", old_side, new_side, rename)
    outputs["commit message"] = commit_message([_planned(f"Title {inserted}", name)], {})
    for writer, output in outputs.items():
        assert not RAW.search(output), (writer, RAW.search(output))
    # Each name on the line that belongs to it, quoted when needed: no line forged.
    assert outputs["hook report"].startswith(f"resdiff: {quote_name(name)} (renamed from ")
    assert outputs["diff header"].splitlines() == [
        f"diff --resdiff {quote_name(f'a/{name}')} {quote_name(f'b/new {name}')}",
        "similarity index 90%",
        "index 1111111..2222222 100644",
    ]


# --------------------------------------------------------------------------- exact outputs


def test_markdown_leaves_no_link_mention_reference_or_emoji_live() -> None:
    typed = (
        "see https://example.org/x?a=1 and www.un.org, ask @octocat or @un/team, "
        "fixes #123 and owner/repo#45, GH-6, !7 :tada:"
    )
    assert markdown_text(typed) == (
        "see `https://example.org/x?a=1` and `www.un.org`, ask `@octocat` or `@un/team`, "
        "fixes `#123` and `owner/repo#45`, `GH-6`, `!7` `:tada:`"
    )


def test_markdown_report_shows_typed_links_as_code(tmp_path: Path) -> None:
    text = SC.read_text(encoding="utf-8")
    new = replace_once(
        text,
        "Decides to remain seized",
        "Decides (see www.un.org/sc, thanks @chair, closes #12 :+1:) to remain seized",
    )
    path = tmp_path / "new.txt"
    path.write_text(new, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "compare", SC, path, "--format", "markdown"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1, done.stderr
    assert "**(see `www.un.org/sc`, thanks `@chair`, closes `#12` `:+1:`)**" in done.stdout


def test_textconv_shows_c1_bidi_and_line_separators(tmp_path: Path) -> None:
    """Paragraph lines of a resolution and the text of any other file alike."""
    text = SC.read_text(encoding="utf-8")
    resolution = tmp_path / "S_2018_95.txt"
    edited = replace_once(text, "Decides to remain", "Decides \x9b2J \u202eto remain")
    resolution.write_text(edited, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    prose = "Notes of the meeting, not a resolution.\n" * 20
    notes.write_text("Agenda\u2028item 4\u2029\x1b]0;title\x07\n" + prose, encoding="utf-8")
    command = [sys.executable, "-m", "resdiff.cli", "textconv"]
    shown = [
        subprocess.run([*command, path], capture_output=True, text=True).stdout
        for path in (resolution, notes)
    ]
    assert "\nOP4: Decides \\x9b2J <U+202E>to remain seized of the matter.\n" in shown[0]
    assert shown[1] == "Agenda<U+2028>item 4<U+2029>\\x1b]0;title\\x07\n" + prose
    assert not RAW.search(shown[0] + shown[1])


HOSTILE_NAME = "\x1b]0;pwned\x07draft\nresdiff: forged.txt (new file)\u202e.txt"
QUOTED_NAME = '"\\x1b]0;pwned\\x07draft\\x0aresdiff: forged.txt (new file)<U+202E>.txt"'


def test_hook_report_quotes_a_hostile_file_name(tmp_path: Path) -> None:
    """A staged name with an OSC sequence (set the terminal title), a newline (a forged
    report line) and a bidi override: one quoted line, nothing acted on."""
    repo = Repo(tmp_path / "repo", tmp_path / "home")
    repo.install_hook()
    repo.write(HOSTILE_NAME, SC.read_text(encoding="utf-8"))
    repo.git("add", "--", HOSTILE_NAME)
    done = repo.commit("draft")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert f"resdiff: {QUOTED_NAME} (new file)\n" in output
    assert "\nresdiff: forged.txt" not in output
    assert not RAW.search(output)


def test_git_diff_header_quotes_a_hostile_file_name(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "repo", tmp_path / "home")
    assert repo.resdiff("install-diff-driver").returncode == 0
    repo.write(HOSTILE_NAME, SC.read_text(encoding="utf-8"))
    repo.git("add", "--", HOSTILE_NAME)
    repo.commit("base", "--no-verify", check=True)
    repo.write(HOSTILE_NAME, (FIXTURES / "S_2020_110.txt").read_text(encoding="utf-8"))
    out = repo.git("diff").stdout
    quoted = QUOTED_NAME[1:-1]
    assert out.splitlines()[0] == f'diff --resdiff "a/{quoted}" "b/{quoted}"'
    assert not RAW.search(out)


def _archive_with(tmp_path: Path, original: str, title: str) -> Path:
    archive = tmp_path / "archive"
    source = tmp_path / "S_2018_95.txt"
    source.write_text(original, encoding="utf-8")
    for args in (
        ["archive", "init", archive],
        ["archive", "add", "--archive", archive, "--title", title, source],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "resdiff.cli", *args], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
    return archive


def test_archive_commit_message_shows_controls(tmp_path: Path) -> None:
    archive = _archive_with(tmp_path, SC.read_text(encoding="utf-8"), "Sudan\x9b2J \u202eTitle")
    message = subprocess.run(
        ["git", "log", "-1", "--format=%B"], cwd=archive, capture_output=True, text=True
    ).stdout
    assert "\nSudan\\x9b2J <U+202E>Title\n" in message
    assert not RAW.search(message)


def test_archive_show_original_on_a_terminal_shows_controls(tmp_path: Path) -> None:
    """On a terminal the original's controls are shown; through a pipe it is byte for byte."""
    original = replace_once(
        SC.read_text(encoding="utf-8"), "Decides to remain", "Decides \x9b2J\u202e to remain"
    )
    archive = _archive_with(tmp_path, original, "Sudan")
    command = [sys.executable, "-m", "resdiff.cli", "archive", "show", "--archive", archive]
    piped = subprocess.run([*command, "S/2018/95", "--original"], capture_output=True)
    assert piped.stdout == original.encode("utf-8")
    leader, follower = pty.openpty()
    try:
        shown = subprocess.run(
            [*command, "S/2018/95", "--original"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env={**os.environ, "NO_COLOR": "1"},
            timeout=60,
        )
        os.close(follower)
        follower = -1
        data = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the other end is closed
                break
            if not chunk:
                break
            data += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert shown.returncode == 0, shown.stderr
    text = data.decode("utf-8").replace("\r\n", "\n")
    assert "Decides \\x9b2J<U+202E> to remain" in text
    assert not RAW.search(text)


def test_json_keeps_the_text_exactly(tmp_path: Path) -> None:
    """JSON is data: unsafe characters are \\u escapes that decode to the text as typed."""
    text = SC.read_text(encoding="utf-8")
    new = replace_once(text, "Decides to remain", "Decides \x9b2J\u202e to remain")
    path = tmp_path / "new.txt"
    path.write_text(new, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "resdiff.cli", "compare", SC, path, "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert not RAW.search(done.stdout)
    texts = [c["new"]["text"] for c in json.loads(done.stdout)["changes"] if c["new"]]
    assert "Decides \x9b2J\u202e to remain seized of the matter." in texts
    assert visible("\x9b\u202e") == "\\x9b<U+202E>"
