"""The rules file: read and checked the one way every runtime and command reads it, and written in place of the one
in force whole or not at all, the previous kept as a numbered copy."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet


def rules_from(text: str, path: Path, env: Mapping[str, str]) -> RuleSet:
    """The rules ``text`` says, read as the file at ``path`` (which every problem names, as FILE:LINE:COL): the
    variables of channel URLs from ``env``, each channel checked by the notifier that will send to it. Raises
    RulesError with every problem found."""
    from stream.notify.apprise_channel import channel_problem  # apprise: loaded only once rules are read

    return load_rules(text, str(path), env, channel_problem)


def read_rules_file(path: Path, env: Mapping[str, str]) -> RuleSet:
    """The rules of the file at ``path`` (``rules_from``); OSError when it cannot be read."""
    return rules_from(path.read_text(encoding="utf-8"), path, env)


def backups(path: Path) -> list[Path]:
    """The numbered copies beside ``path`` (``rules.yaml.1``, ``.2``, ...), oldest first."""
    pattern = re.compile(re.escape(path.name) + r"\.([0-9]+)")
    numbered = [(int(m.group(1)), p) for p in path.parent.iterdir() if (m := pattern.fullmatch(p.name))]
    return [p for _, p in sorted(numbered)]


def replace_rules(path: Path, text: str) -> Path | None:
    """Write ``text`` as the file at ``path``: into a temporary file in the same folder, flushed to disk, then
    renamed over it, so that a reader (the service's reload) sees the old file or the new, never a part. The
    previous file is kept first as the next numbered copy (the highest number the newest); its path, or None
    when there was no file."""
    backup = None
    if path.exists():
        taken = backups(path)
        number = int(taken[-1].name.rpartition(".")[2]) + 1 if taken else 1
        backup = path.with_name(f"{path.name}.{number}")
        _write_whole(backup, path.read_bytes(), exclusive=True)
    _write_whole(path, text.encode("utf-8"))
    return backup


def _write_whole(path: Path, data: bytes, exclusive: bool = False) -> None:
    if exclusive and path.exists():
        raise FileExistsError(f"{path}: a backup of that number exists already")
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(OSError):  # the new file keeps the old one's permissions
            os.chmod(temporary, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:  # the rename itself, on disk
        os.fsync(folder)
    finally:
        os.close(folder)
