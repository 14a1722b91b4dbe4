"""Content-Encoding undone a piece at a time, every stage's bytes counted: a small answer cannot inflate in memory."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

PIECE = 64 * 1024  # the most one step of inflating may produce before its bytes are counted
ENCODINGS = ("gzip", "x-gzip", "deflate")  # what is offered in Accept-Encoding, and all that is undone


class Undecodable(Exception):
    """An answer that is over the cap once decoded, or cannot be decoded."""


class _Inflate:
    """One gzip or deflate layer; deflate is zlib-wrapped as the RFC says, or raw as some servers send it."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self._raw_fallback = encoding == "deflate"
        self._z = zlib.decompressobj(zlib.MAX_WBITS | 16 if encoding != "deflate" else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        while True:
            try:
                out = self._z.decompress(data, PIECE)
            except zlib.error as exc:
                if not self._raw_fallback:
                    raise Undecodable(f"bad {self.encoding} data: {exc}") from None
                self._raw_fallback = False  # not zlib-wrapped: raw deflate, from the start
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._raw_fallback = False
            data = self._z.unconsumed_tail
            if out:
                yield out
            if not data and len(out) < PIECE:
                return

    def end(self) -> Iterator[bytes]:
        yield from self.feed(b"")
        tail = self._z.flush()
        if tail:
            yield tail


class Decoder:
    """Undoes ``Content-Encoding`` (the last applied first) as the raw bytes arrive. What every stage has
    produced so far, the raw bytes and the final body included, is counted against ``cap`` at each piece, so
    that a bomb stops at the cap: ``gzip, gzip`` over a few kilobytes would otherwise be gigabytes."""

    def __init__(self, content_encoding: str, cap: int) -> None:
        names = [name.strip().lower() for name in content_encoding.split(",")]
        names = [name for name in names if name and name != "identity"]
        for name in names:
            if name not in ENCODINGS:
                raise Undecodable(f"unsupported Content-Encoding '{name}' (only {', '.join(ENCODINGS)} are asked for)")
        self.label = ", ".join(names)
        self._layers = [_Inflate(name) for name in reversed(names)]
        self._totals = [0] * (len(self._layers) + 1)
        self.cap = cap

    def feed(self, raw: bytes) -> Iterator[bytes]:
        """The body's next decoded pieces; Undecodable as soon as any stage passes the cap."""
        yield from self._through(0, raw)

    def end(self) -> Iterator[bytes]:
        """What the layers still hold once the raw bytes have ended."""
        for stage, layer in enumerate(self._layers):
            for out in layer.end():
                self._count(stage + 1, out)
                yield from self._through(stage + 1, out, counted=True)

    def _through(self, stage: int, data: bytes, counted: bool = False) -> Iterator[bytes]:
        if not counted:
            self._count(stage, data)
        if stage == len(self._layers):
            if data:
                yield data
            return
        for out in self._layers[stage].feed(data):
            yield from self._through(stage + 1, out)

    def _count(self, stage: int, data: bytes) -> None:
        self._totals[stage] += len(data)
        if self._totals[stage] > self.cap:
            decoded = f" once decoded (Content-Encoding: {self.label})" if stage else ""
            raise Undecodable(f"too large: over {self.cap:,} bytes{decoded}")
