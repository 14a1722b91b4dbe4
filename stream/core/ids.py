"""Deterministic content-hash ids, so the same input always yields the same records."""

from __future__ import annotations

import hashlib
import json
from typing import Any

# One encoder for every id: ``json.dumps`` with options builds a new one per call.
_ENCODER = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))


def content_id(prefix: str, *parts: Any) -> str:
    """A short stable id from any JSON-serialisable parts, e.g. ``content_id("ev", article, span)``."""
    try:
        blob = "\x1f".join(parts)  # all strings: the common case, and a hot path (alerts, corroborations)
    except TypeError:
        blob = _ENCODER.encode(parts)
    return f"{prefix}-{hashlib.blake2b(blob.encode(), digest_size=10).hexdigest()}"
