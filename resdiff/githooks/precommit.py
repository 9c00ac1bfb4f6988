"""The pre-commit check: staged resolution texts are checked and compared with HEAD.

For every staged path that the settings select (``selection.Selection``)
the hook reads the index blob - not the working-tree file, which may hold
unstaged edits - parses it, runs ``resdiff.check`` and compares it with the
version in HEAD (the old path for a rename; nothing before the first commit).
It prints one short block per file: the clause-level summary (counts and the
labels reworded, added and removed) and the findings. Findings of error
severity block the commit; warnings are only shown. A selected file that is
not a resolution at all (a README.md) is skipped with a note.

When the pre-commit framework runs the hook it passes file names and has
already stashed unstaged changes; ``run_files`` then reads those files from
the working tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from resdiff.check import Finding, check_document
from resdiff.compare import compare
from resdiff.config import load_settings
from resdiff.errors import ResdiffError
from resdiff.githooks import git
from resdiff.githooks.git import SUBMODULE_MODE, SYMLINK_MODE, StagedChange
from resdiff.githooks.selection import Selection, relative_posix
from resdiff.model import Change, Comparison, Document
from resdiff.parse import parse
from resdiff.readers import check_file_name, read_bytes, read_data
from resdiff.renderers.common import change_title, counted, renumbering_text
from resdiff.renderers.kinds import COUNT_ORDER
from resdiff.safety import quote_name, visible_line

MAX_LABELS = 10
MAX_FULL_FILES = 6
STATUS_WORDS = {"A": "new file", "M": "modified", "R": "renamed", "D": "deleted", "T": "modified"}


@dataclass(slots=True)
class FileReport:
    """What the hook found for one staged file."""

    path: str
    status: str
    old_path: str | None = None
    findings: list[Finding] = field(default_factory=list)
    comparison: Comparison | None = None
    document: Document | None = None
    note: str | None = None
    failure: str | None = None

    @property
    def errors(self) -> list[Finding]:
        """The findings that block the commit."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def blocks(self) -> bool:
        """True when this file stops the commit (error findings or an unreadable text)."""
        return bool(self.errors) or self.failure is not None


@dataclass(slots=True)
class HookReport:
    """The reports for all selected files of one commit."""

    files: list[FileReport] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        """True when the commit must not go ahead."""
        return any(f.blocks for f in self.files)


@dataclass(slots=True, frozen=True)
class _Version:
    """One side of a comparison: content, or None when the side does not exist."""

    data: bytes | None
    name: str


# --------------------------------------------------------------------------- running


def run_staged(root: Path | None = None) -> HookReport:
    """Check the staged versions of the selected files of the repository at ``root``."""
    top = git.toplevel(root)
    selection = Selection.from_settings(load_settings(top))
    changes = [c for c in git.staged_changes(top) if _wanted(c, selection)]
    ids = [i for c in changes for i in (c.old_blob, c.new_blob) if i]
    blobs = git.read_blobs(ids, top)
    report = HookReport()
    for change in changes:
        old = _Version(blobs.get(change.old_blob or ""), change.old_path or change.path)
        new = _Version(blobs.get(change.new_blob or ""), change.path)
        report.files.append(_file_report(change, old, new, selection))
    return report


def run_files(paths: list[str], root: Path | None = None) -> HookReport:
    """Check the named working-tree files (as the pre-commit framework passes them)."""
    top = git.toplevel(root)
    selection = Selection.from_settings(load_settings(top))
    names = [relative_posix(Path(check_file_name(p)), top) for p in paths]
    names = [n for n in dict.fromkeys(names) if selection.selects(n)]
    in_head = git.head_blobs(names, top)
    blobs = git.read_blobs(list(in_head.values()), top)
    report = HookReport()
    for name in names:
        change = StagedChange("M" if name in in_head else "A", name)
        old = _Version(blobs.get(in_head.get(name, "")), name)
        new = _Version(read_bytes(top / name), name)
        report.files.append(_file_report(change, old, new, selection))
    return report


def _wanted(change: StagedChange, selection: Selection) -> bool:
    if change.new_mode in (SUBMODULE_MODE, SYMLINK_MODE):
        return False
    return selection.selects(change.path)


def _file_report(
    change: StagedChange, old: _Version, new: _Version, selection: Selection
) -> FileReport:
    report = FileReport(change.path, change.status, change.old_path)
    if new.data is None:
        return report  # deleted: nothing to check
    if not new.data.strip():
        report.note = "empty; not checked"
        return report
    try:
        raw = read_data(new.name, new.data)
        document = parse(raw)
    except ResdiffError as exc:
        report.failure = str(exc)
        return report
    if not _looks_like_resolution(document):
        report.note = "not a resolution text; not checked"
        return report
    report.document = document
    report.findings = check_document(
        document,
        text=raw.text,
        adopted=selection.is_adopted(change.path, document.symbol),
        disable=selection.disable,
    )
    report.comparison, report.note = _against_head(old, document)
    return report


def _looks_like_resolution(document: Document) -> bool:
    """A resolution has paragraphs and an opening line or a preamble ("Recalling ...")."""
    return bool(document.paragraphs) and (document.opening is not None or bool(document.preamble))


def _against_head(old: _Version, new: Document) -> tuple[Comparison | None, str | None]:
    if old.data is None:
        return None, None
    try:
        old_document = parse(read_data(old.name, old.data))
    except ResdiffError as exc:
        return None, f"HEAD version not compared: {exc}"
    if not old_document.paragraphs:
        return None, "HEAD version holds no resolution paragraphs; not compared"
    return compare(old_document, new), None


# --------------------------------------------------------------------------- report


def render_report(report: HookReport) -> str:
    """The hook's output: one short block per file, then a verdict when the commit is blocked.

    A commit of more than ``MAX_FULL_FILES`` texts gets a compact block per
    file (the counts and the errors only), so the output stays about one screen.
    """
    if not report.files:
        return ""
    compact = len(report.files) > MAX_FULL_FILES
    lines: list[str] = []
    for file in report.files:
        lines.extend(_file_lines(file, compact=compact))
    if report.blocked:
        lines.extend(["", _verdict(report)])
    # File names are quoted where they are written; every line is then kept to one line
    # of visible characters, whatever a document or a message holds.
    return "\n".join(visible_line(line) for line in lines) + "\n"


def _file_lines(file: FileReport, *, compact: bool) -> list[str]:
    lines = [f"resdiff: {quote_name(file.path)} ({_status_text(file)})"]
    if file.failure:
        lines.append(f"  error: {file.failure}")
    if file.note:
        lines.append(f"  {file.note}")
    if file.comparison is not None:
        summary = clause_summary(file.comparison)
        lines.extend(f"  {line}" for line in (summary[:1] if compact else summary))
    elif file.document is not None and file.status in "AR":
        lines.append(f"  {_paragraph_counts(file.document)}")
    shown = file.errors if compact else file.findings
    lines.extend(f"  {finding.render(quote_name(file.path))}" for finding in shown)
    hidden = len(file.findings) - len(shown)
    if hidden:
        lines.append(f"  ({hidden} {'warning' if hidden == 1 else 'warnings'} not shown)")
    return lines


def _status_text(file: FileReport) -> str:
    word = STATUS_WORDS.get(file.status, "changed")
    if file.status == "R" and file.old_path:
        return f"renamed from {quote_name(file.old_path)}"
    return word


def _paragraph_counts(document: Document) -> str:
    return (
        f"{counted(len(document.paragraphs), 'paragraph')}: {len(document.preamble)} preambular, "
        f"{len(document.operative)} operative"
    )


def clause_summary(comparison: Comparison) -> list[str]:
    """Counts per kind of change, then the labels reworded, added, removed, split, merged."""
    counts = comparison.summary()
    kinds = [kind for kind in COUNT_ORDER if kind != "technical"]
    lines = [", ".join(f"{counts[k]} {k}" for k in kinds if counts[k] or k in kinds[:4])]
    for kind in ("reworded", "added", "removed", "split", "merged"):
        labels = [_change_label(c) for c in comparison.changes if c.kind == kind]
        if labels:
            lines.append(f"{kind}: {_label_list(labels)}")
    moved = [_change_label(c) for c in comparison.changes if c.moved]
    if moved:
        lines.append(f"moved: {_label_list(moved)}")
    if comparison.renumbered:
        lines.append(f"renumbered: {renumbering_text(comparison.renumbered)}")
    return lines


def _change_label(change: Change) -> str:
    """The change's label; a removed paragraph listed under "removed:" needs no mark."""
    return change_title(change) if change.new else change.old_label


def _label_list(labels: list[str]) -> str:
    shown = ", ".join(labels[:MAX_LABELS])
    rest = len(labels) - MAX_LABELS
    return f"{shown} and {rest} more" if rest > 0 else shown


def _verdict(report: HookReport) -> str:
    errors = sum(len(f.errors) + (f.failure is not None) for f in report.files)
    blocking = sum(f.blocks for f in report.files)
    noun = "error" if errors == 1 else "errors"
    files = "file" if blocking == 1 else "files"
    return (
        f"resdiff: commit blocked: {errors} {noun} in {blocking} {files} (warnings do not block). "
        "Fix the text, switch a rule off with disable = [...] in [tool.resdiff], "
        "or commit with --no-verify."
    )
