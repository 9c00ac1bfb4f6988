"""git's external diff protocol and textconv filter, for resolution texts.

External diff (``diff.resdiff.command``, or ``GIT_EXTERNAL_DIFF``): git runs
the command once per changed path with seven arguments::

    path old-file old-hex old-mode new-file new-hex new-mode

(nine for a rename: the new path and git's rename header follow; one - the
path - for an unmerged path). ``old-file``/``new-file`` is ``/dev/null`` when
the side does not exist. ``external_diff`` prints a git-style header and the
clause-level comparison (changes only). A side that is not a resolution, or
cannot be read, falls back to a plain unified diff of the extracted text, so
a ``diff=resdiff`` attribute on ``*.txt`` never hides a change. The driver
always succeeds: git stops the whole diff when an external command fails.

Textconv (``diff.resdiff.textconv``): ``textconv`` prints one paragraph per
line, labelled (``OP3: Decides ...``), so that ``git log -p`` and ``git diff
--no-ext-diff --word-diff`` show paragraph-level diffs for text, markdown,
PDF and DOCX alike. The paragraph text is normalised for reading, not for
matching: line wrapping, page furniture, hyphenation and markdown emphasis
are gone; case and wording are kept, since changing them is an edit. The
label is what the document prints: an operative paragraph its number
(``OP3``), a preambular paragraph only ``PP`` - preambular paragraphs carry
no number, and a positional one would make every later line differ when a
paragraph is inserted.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from resdiff.compare import compare
from resdiff.errors import ResdiffError, UsageError
from resdiff.gitcommand import GitError, git
from resdiff.model import Document, Paragraph
from resdiff.normalize import strip_emphasis
from resdiff.parse import parse
from resdiff.readers import RawDocument, read, read_bytes, read_data
from resdiff.renderers import RenderOptions, render
from resdiff.safety import one_line, quote_name, visible, visible_line

NULL = "/dev/null"


@dataclass(slots=True)
class _Side:
    """One side of the diff: its extracted text and parse, or why it has none."""

    name: str
    raw: RawDocument | None = None
    document: Document | None = None
    problem: str | None = None
    missing: bool = False

    @property
    def is_resolution(self) -> bool:
        return self.missing or bool(self.document and self.document.paragraphs)


def external_diff(args: list[str], *, color: bool = False) -> str:
    """The report for one path of ``git diff``, from the 1, 7 or 9 arguments git passes."""
    if len(args) == 1:
        return f"* Unmerged path {quote_name(args[0])}\n"
    if len(args) not in (7, 9):
        raise UsageError(f"git-diff takes 1, 7 or 9 arguments from git, not {len(args)}")
    path, old_file, old_hex, old_mode, new_file, new_hex, new_mode = args[:7]
    new_path = args[7] if len(args) == 9 else path
    header = _header(path, new_path, (old_hex, old_mode), (new_hex, new_mode), args[8:])
    old, new = _read_side(old_file, path), _read_side(new_file, new_path)
    if old.is_resolution and new.is_resolution and not (old.missing and new.missing):
        old_doc = old.document or Document(path=NULL)
        new_doc = new.document or Document(path=NULL)
        comparison = compare(old_doc, new_doc)
        options = RenderOptions(color=color, only_changes=True)
        return header + str(render(comparison, "text", options))
    return header + _plain_diff(old, new, path, new_path)


def _header(
    path: str, new_path: str, old: tuple[str, str], new: tuple[str, str], rename: list[str]
) -> str:
    lines = [f"diff --resdiff {quote_name(f'a/{path}')} {quote_name(f'b/{new_path}')}"]
    if rename:
        lines.extend(visible_line(line) for line in rename[0].rstrip("\n").split("\n"))
    if old[1] == ".":
        lines.append(f"new file mode {new[1]}")
    elif new[1] == ".":
        lines.append(f"deleted file mode {old[1]}")
    elif old[1] != new[1]:
        lines.extend([f"old mode {old[1]}", f"new mode {new[1]}"])
    if old[0] != new[0] and _known(old[0]) and _known(new[0]):
        mode = f" {new[1]}" if old[1] == new[1] else ""
        lines.append(f"index {old[0][:7]}..{new[0][:7]}{mode}")
    return "\n".join(lines) + "\n"


def _known(sha: str) -> bool:
    """False for the "." or all-zero id git passes for a missing side or a working-tree file."""
    return sha != "." and set(sha) != {"0"}


def _read_side(file: str, name: str) -> _Side:
    side = _Side(name)
    if file == NULL:
        side.missing = True
        return side
    try:
        side.raw = read_data(name, read_bytes(file))
        side.document = parse(side.raw)
    except ResdiffError as exc:
        side.problem = str(exc)
    return side


def _plain_diff(old: _Side, new: _Side, path: str, new_path: str) -> str:
    old_name = NULL if old.missing else quote_name(f"a/{path}")
    new_name = NULL if new.missing else quote_name(f"b/{new_path}")
    if (old.problem and not old.raw) or (new.problem and not new.raw):
        return f"Binary files {old_name} and {new_name} differ\n"
    before = _visible_lines(old.raw.text) if old.raw else []
    after = _visible_lines(new.raw.text) if new.raw else []
    lines = difflib.unified_diff(before, after, old_name, new_name)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


# --------------------------------------------------------------------------- colour


def git_wants_colour(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the ``git diff`` that runs the driver asks for colour, as git decides for its
    own output.

    ``--color``/``--color=always`` or ``--no-color``/``--color=never`` on git's
    command line decide (read from the process table where the system has one:
    git passes no option to an external diff). Else ``color.diff`` (or
    ``color.ui``) as ``git config --get-colorbool`` reads it, "auto" meaning
    colour when git writes to a terminal or to its pager and ``NO_COLOR`` is
    unset.
    """
    env = os.environ if environ is None else environ
    terminal = _to_terminal(env) and not env.get("NO_COLOR")
    asked = _colour_option(_git_arguments())
    if asked is not None:
        return asked == "always" or (asked == "auto" and terminal)
    default = "true" if terminal else "false"
    try:
        found = git("config", "--get-colorbool", "color.diff", default, timeout=10)
    except (OSError, GitError):
        return False
    return found.strip() == b"true"


def _to_terminal(env: Mapping[str, str]) -> bool:
    """True when the output reaches a terminal, directly or through git's pager."""
    return sys.stdout.isatty() or env.get("GIT_PAGER_IN_USE") in ("true", "1")


def _colour_option(arguments: list[str]) -> str | None:
    """'always', 'never' or 'auto' from git's --color options (the last one wins)."""
    found = None
    for argument in arguments:
        if argument == "--":
            break
        if argument in ("--color", "--color=always"):
            found = "always"
        elif argument in ("--no-color", "--color=never"):
            found = "never"
        elif argument == "--color=auto":
            found = "auto"
    return found


def _git_arguments(levels: int = 4) -> list[str]:
    """The command line of the nearest git process among the driver's ancestors (git may
    run the driver through a shell), or [] when there is none or no process table."""
    pid = os.getppid()
    for _ in range(levels):
        proc = Path("/proc") / str(pid)
        try:
            arguments = (proc / "cmdline").read_bytes().split(b"\0")
            status = (proc / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return []
        words = [a.decode("utf-8", "replace") for a in arguments if a]
        if words and os.path.basename(words[0]) == "git":
            return words[1:]
        try:
            pid = int(status.rsplit(")", 1)[1].split()[1])  # the field after the state
        except (IndexError, ValueError):
            return []
        if pid <= 1:
            return []
    return []


def _visible_lines(text: str) -> list[str]:
    """The lines of ``text``, each ending in a line break, unsafe characters shown."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return [visible_line(line) + "\n" for line in lines]


# --------------------------------------------------------------------------- textconv


def textconv(path: str) -> str:
    """One labelled paragraph per line: the form git diffs when resdiff is a textconv filter.

    A file that is not a resolution is printed as extracted; one that cannot
    be read becomes a single line saying why (git stops when a textconv fails).
    """
    try:
        raw = read(path)
        document = parse(raw)
    except ResdiffError as exc:
        return f"[resdiff textconv: {visible_line(str(exc))}]\n"
    if not document.paragraphs:
        text = visible(raw.text)
        return text if text.endswith("\n") else text + "\n"
    return "\n".join(document_lines(document)) + "\n"


def document_lines(document: Document) -> list[str]:
    """The lines ``textconv`` prints: title, one line per paragraph, footnotes, meeting.

    >>> from resdiff.parse import parse
    >>> document_lines(parse("The Security Council,\\n*Recalling* its resolutions,\\n1. Decides;"))
    ['PP: Recalling its resolutions,', 'OP1: Decides;']
    """
    lines = [_clean(" ".join(filter(None, (document.symbol, document.title))))]
    for paragraph in document.paragraphs:
        if paragraph.heading:
            lines.append(f"## {_clean(paragraph.heading)}")
        lines.append(f"{printed_label(paragraph)}: {_clean(paragraph.full_text())}")
    lines.extend(f"FN{note.marker}: {_clean(note.text)}" for note in document.footnotes)
    if document.meeting:
        lines.append(_clean(document.meeting))
    return [line for line in lines if line]


_PREFIX = {"preamble": "PP", "operative": "OP", "annex": "AX"}


def printed_label(paragraph: Paragraph) -> str:
    """The section and printed number of a paragraph: "PP", "OP12", "AX3", "OP" (unnumbered).

    >>> printed_label(Paragraph("OP5~2", "operative", "Decides;", number="5"))
    'OP5'
    """
    return f"{_PREFIX[paragraph.section]}{paragraph.number or ''}"


def _clean(text: str) -> str:
    return one_line(strip_emphasis(text))
