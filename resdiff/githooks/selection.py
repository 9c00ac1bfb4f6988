"""Which files are resolution texts, and how strictly to check each one.

Read from the ``[tool.resdiff]`` table of pyproject.toml or a .resdiff.toml
(``resdiff.config.load_settings``):

``patterns``
    file-name patterns of resolution texts (default ``*.txt *.md *.docx
    *.pdf``). A pattern without "/" matches the file name in any folder, as
    in .gitattributes; one with "/" matches the whole path from the
    repository root.
``folder``
    only files under this folder (relative to the repository root) are
    checked; default: the whole repository.
``disable``
    rule ids to switch off (``resdiff check --list-rules`` lists them).
``status``
    ``"draft"`` (default) or ``"adopted"``: the status of every text.
``adopted``
    path patterns of adopted texts (``["adopted/*"]``); those are checked
    for negotiation residue whatever ``status`` says.

A text whose symbol the configured archive (``resdiff archive``) records as
adopted is checked as adopted too.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path, PurePosixPath

from resdiff.check import STATUSES, validate_rule_ids
from resdiff.config import Settings
from resdiff.errors import ResdiffError, UsageError

DEFAULT_PATTERNS: tuple[str, ...] = ("*.txt", "*.md", "*.docx", "*.pdf")


@dataclass(slots=True, frozen=True)
class Selection:
    """The resolution-text settings of one repository (or folder)."""

    patterns: tuple[str, ...] = DEFAULT_PATTERNS
    folder: str = ""
    disable: frozenset[str] = frozenset()
    status: str = "draft"
    adopted: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> Selection:
        """Build a selection from loaded settings, rejecting malformed values."""
        status = str(settings.get("status", "draft"))
        if status not in STATUSES:
            raise UsageError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        folder = PurePosixPath(str(settings.get("folder", "") or ".")).as_posix()
        return cls(
            patterns=_strings(settings, "patterns") or DEFAULT_PATTERNS,
            folder="" if folder == "." else folder.strip("/"),
            disable=validate_rule_ids(_strings(settings, "disable")),
            status=status,
            adopted=_strings(settings, "adopted"),
        )

    def selects(self, path: str) -> bool:
        """True when ``path`` (relative to the repository root, "/"-separated) is checked.

        >>> Selection(folder="drafts").selects("drafts/S 2019 90.txt")
        True
        >>> Selection(folder="drafts").selects("notes/S_2019_90.txt")
        False
        """
        if self.folder and not path.startswith(f"{self.folder}/"):
            return False
        return matches(path, self.patterns)

    def is_adopted(self, path: str, symbol: str | None = None) -> bool:
        """True when the text at ``path`` is to be checked as an adopted resolution.

        It is when the settings say so (``status``, ``adopted`` patterns) or
        when the configured archive records ``symbol`` as adopted.
        """
        if self.status == "adopted" or matches(path, self.adopted):
            return True
        return archive_status(symbol) == "adopted"


def matches(path: str, patterns: tuple[str, ...]) -> bool:
    """Match ``path`` against gitattributes-like patterns.

    >>> matches("drafts/a.md", ("*.md",)), matches("drafts/a.md", ("adopted/*",))
    (True, False)
    """
    name = PurePosixPath(path).name
    for pattern in patterns:
        target = path if "/" in pattern else name
        if fnmatchcase(target, pattern.lstrip("/")):
            return True
    return False


def archive_status(symbol: str | None) -> str | None:
    """The status the configured archive records for ``symbol``, or None.

    None as well when no archive is configured (``RESDIFF_ARCHIVE`` or the
    ``archive`` setting), when it cannot be opened, or when it does not hold
    the symbol. GitPython is loaded only when an archive is configured.
    """
    if not symbol:
        return None
    from resdiff.archive.location import configured_archive

    path = configured_archive()
    if path is None:
        return None
    from resdiff.archive import Archive

    try:
        archive = Archive(path)
    except ResdiffError:
        return None
    try:
        meta = archive.meta_at("HEAD", symbol)
    except ResdiffError:
        return None
    finally:
        archive.close()
    return None if meta is None else str(meta.status)


def relative_posix(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, "/"-separated (raise ``UsageError`` when outside)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path}: not inside the repository {root}") from None


def _strings(settings: Settings, key: str) -> tuple[str, ...]:
    value = settings.get(key, ())
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, (list, tuple)):
        raise UsageError(f"setting {key!r} must be a list of strings")
    return tuple(str(v) for v in value)
