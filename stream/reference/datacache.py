"""A cache on disk of tables built from installed data files, rebuilt whenever a source file or the format changes."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import logging
import marshal
import os
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from stream.errors import StoreError

log = logging.getLogger(__name__)


def cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """``SIGNALFIRE_CACHE``, else ``$XDG_CACHE_HOME/signalfire``, else ``~/.cache/signalfire``."""
    if environ.get("SIGNALFIRE_CACHE"):
        return Path(environ["SIGNALFIRE_CACHE"])
    return Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "signalfire"


def package_file(package: str, *parts: str, missing: str) -> Path:
    """A data file inside an installed package, found through its import spec without importing it.

    Data packages often pull in pandas or scipy on import; only their files are wanted here.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise StoreError(missing)
    return Path(list(spec.submodule_search_locations)[0]).joinpath(*parts)


# Sources smaller than this (the code that builds a table) are identified by content, larger ones by size and time.
_HASHED_BELOW = 1 << 20
# A cache file left unwritten this long belongs to a version no longer run: removed when another is written.
STALE_AFTER_S = 30 * 24 * 3600


# The code files that build tables, as they were when imported: see ``running_code``.
_CODE: dict[Path, bytes] = {}


def running_code(*modules: Path) -> None:
    """Keep the text of these code files as imported. A table a process builds later (a country's, the first time
    a story names it) is built by the code it is running, whatever the files on disk say by then: an upgrade or a
    checkout under a running service may have changed or briefly removed them, which must neither stop the build
    nor file the table under the new code's key."""
    for module in modules:
        _CODE.setdefault(module, module.read_bytes())


def _fingerprint(name: str, sources: Sequence[Path]) -> str:
    """What the cached value depends on: two checkouts of the same code and data share one file."""
    digest = hashlib.sha256(f"{name}\0{sys.version_info[:2]}".encode())
    for source in sources:
        code = _CODE.get(source)
        if code is not None:
            digest.update(b"\0" + code)
            continue
        stat = source.stat()
        if stat.st_size < _HASHED_BELOW:
            digest.update(b"\0" + source.read_bytes())
        else:
            digest.update(f"\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:20]


def cached(name: str, sources: Sequence[Path], build: Callable[[], Any]) -> Any:
    """``build()``, read from the cache when its sources are unchanged since it was written.

    ``sources`` are the data files read and the module that reads them: editing either rebuilds.
    The value must be made of what ``marshal`` stores (tuples, lists, dicts, strings, numbers,
    None): reading it back is ten times faster than querying SQLite or parsing JSON again. A cache
    that cannot be read or written costs only the build; it never stops the caller.
    """
    path = cache_dir() / f"{name}-{_fingerprint(name, sources)}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.warning("rebuilding the unreadable cache %s: %s", path, exc)
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole then renamed: a process reading meanwhile sees the old file or the new, never half.
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as out:
            try:
                out.write(marshal.dumps(value))
            except OSError:
                os.unlink(out.name)
                raise
        os.replace(out.name, path)
    except OSError as exc:
        log.warning("cannot write the cache %s (%s): each run will build it again", path, exc)
        return value
    # Only long-unused versions go: two installs side by side must not remove each other's in turn.
    for old in path.parent.glob(f"{name}-*.marshal"):
        with contextlib.suppress(OSError):  # another process may be removing it too
            if time.time() - old.stat().st_mtime > STALE_AFTER_S:
                old.unlink()
    return value
