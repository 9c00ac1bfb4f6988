"""Project settings: the ``[tool.resdiff]`` table of pyproject.toml, or a .resdiff.toml.

The nearest file up from the starting folder wins: a ``.resdiff.toml`` (whole
file, or its ``[tool.resdiff]`` table) or a ``pyproject.toml`` that has a
``[tool.resdiff]`` table. Settings are returned as a plain mapping; each
command reads the keys it uses. A key that is not in ``KNOWN_SETTINGS`` (a
misspelling such as ``disabled``) is an error, not ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from resdiff.errors import ResdiffError

# setting -> what it sets (read by resdiff.archive.location and resdiff.githooks.selection)
KNOWN_SETTINGS = {
    "adopted": "path patterns of adopted texts",
    "archive": "the archive's folder",
    "disable": "rule ids that check does not run",
    "folder": "the folder whose files the hook checks",
    "patterns": "file-name patterns of resolution texts",
    "status": "draft or adopted: the status of every text",
}


@dataclass(slots=True, frozen=True)
class Settings:
    """The settings found, and the file they came from (None when there was none)."""

    values: dict[str, Any] = field(default_factory=dict)
    source: Path | None = None

    def get(self, key: str, default: Any = None) -> Any:
        """One setting, or ``default`` when it is not set."""
        return self.values.get(key, default)

    def path(self, key: str) -> Path | None:
        """A setting that names a path, resolved against the settings file's folder."""
        value = self.values.get(key)
        if not value:
            return None
        candidate = Path(str(value)).expanduser()
        if not candidate.is_absolute() and self.source is not None:
            candidate = self.source.parent / candidate
        return candidate


def load_settings(start: Path | None = None) -> Settings:
    """Find and read the nearest resdiff settings above ``start`` (default: the cwd)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        dotfile = candidate / ".resdiff.toml"
        if dotfile.is_file():
            data = _read_toml(dotfile)
            table = data.get("tool", {}).get("resdiff", data)
            return _checked(table, dotfile)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            table = _read_toml(pyproject).get("tool", {}).get("resdiff")
            if isinstance(table, dict):
                return _checked(table, pyproject)
    return Settings()


def _checked(table: dict[str, Any], source: Path) -> Settings:
    """The settings of ``source``; an unknown key is an error that names the known ones."""
    unknown = sorted(key for key in table if key not in KNOWN_SETTINGS)
    if unknown:
        raise ResdiffError(
            f"{source}: unknown setting {unknown[0]!r}; "
            f"known settings: {', '.join(sorted(KNOWN_SETTINGS))}"
        )
    return Settings(dict(table), source)


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib  # only when a settings file exists: it costs start-up

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ResdiffError(f"{path}: cannot read settings: {exc}") from None
