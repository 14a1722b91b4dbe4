"""Shared fixtures: the real gazetteer, rules text, and a real HTTP endpoint receiving notifications."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from stream.core.places import Gazetteer
from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.reference.gazetteer import default_gazetteer

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DEFAULT_RULES = ROOT / "rules" / "default.yaml"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.fixture
def default_rules() -> RuleSet:
    return load_rules(DEFAULT_RULES.read_text(), str(DEFAULT_RULES))


@dataclass
class Receiver:
    """A local HTTP endpoint: records every POST, and refuses the first ``failures`` with a 500."""

    url: str
    received: list[dict[str, Any]] = field(default_factory=list)
    failures: int = 0
    refused: int = 0


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                if state.refused < state.failures:
                    state.refused += 1
                    self.send_response(500)
                    self.end_headers()
                    return
                state.received.append(json.loads(body))
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"json://127.0.0.1:{server.server_address[1]}/alerts"
    yield state
    server.shutdown()
    server.server_close()
