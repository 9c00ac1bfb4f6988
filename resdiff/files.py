"""Writing a file so that a reader sees the old content or the new, never part of it."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def replace_atomically(path: str | os.PathLike[str], content: bytes | Iterable[bytes]) -> None:
    """Write ``content`` (bytes, or chunks of bytes) to ``path`` through a temporary file
    in the same folder, then rename it over ``path``.

    On failure (a full disk, an interrupt) the temporary file is deleted and
    ``path`` is as it was.
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            if isinstance(content, bytes):
                handle.write(content)
            else:
                handle.writelines(content)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
