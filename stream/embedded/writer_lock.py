"""One writer per store: a lock file beside it, held for as long as a pipeline runs on it."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from stream.errors import StoreError


class WriterLock:
    """An exclusive lock on ``<store>.writer``: a second replay or run on the store is refused, readers are not.

    The operating system drops the lock with the process, so a killed writer never leaves the store locked.
    """

    def __init__(self, store: Path) -> None:
        self.path = Path(f"{store}.writer")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StoreError(f"{self.path.with_suffix('')}: another process (pid {holder}) is writing to this store; "
                             "stop it, or give this one another --db") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
