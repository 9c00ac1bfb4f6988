"""The writer lock of an archive: one ``flock`` on a file inside ``.git``.

Every write (add, import, recovery) holds it from start to end, so writers
queue instead of racing on git's own lock files. ``flock`` locks belong to the
open file, so they are released by the kernel when the holder dies, however
it dies: there is no stale lock to clean up. The lock descriptor is passed on
to the git processes a writer starts; if the writer is killed while git is
committing, the lock stays held until that git process has finished, so the
next writer never sees a half-finished commit.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from resdiff.errors import ResdiffError

DEFAULT_TIMEOUT = 120.0


class LockTimeout(ResdiffError):
    """Another process kept the archive locked for longer than the timeout."""


class ArchiveLock:
    """An exclusive, blocking-with-timeout lock on ``path`` (a context manager)."""

    def __init__(self, path: Path, timeout: float | None = None) -> None:
        self.path = path
        self.timeout = timeout if timeout is not None else _timeout_from_env()
        self.fd: int | None = None

    def acquire(self) -> int:
        """Take the lock, waiting up to ``timeout`` seconds; return the locked descriptor.

        ``path`` is a lock file (made when missing) or a directory (locked as it is).
        """
        if self.path.is_dir():
            fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        deadline = time.monotonic() + self.timeout
        delay = 0.005
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    os.close(fd)
                    raise
            if time.monotonic() >= deadline:
                os.close(fd)
                raise LockTimeout(
                    f"archive is busy: another resdiff process is writing to it "
                    f"(waited {self.timeout:g} s; see RESDIFF_LOCK_TIMEOUT)"
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.1)
        self.fd = fd
        return fd

    def release(self) -> None:
        """Give the lock up (closing the descriptor releases it)."""
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> int:
        return self.acquire()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _timeout_from_env() -> float:
    raw = os.environ.get("RESDIFF_LOCK_TIMEOUT", "")
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT
