"""A store damaged on disk while `signalfire serve` runs: reads answer 503 with what to do, the log has one line
and no traceback, and the server goes on answering until its own loop meets the damage and stops."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from tests.cli_helpers import cli
from tests.conftest import DEFAULT_RULES, SEEDS
from tests.web.test_serve import AUTH, served

PAGE = 4096
ALERT = b'"type":"alert"'


def _flipped(data: bytearray) -> None:
    # Bytes flipped inside an alert's JSON: SQLite's pages are whole, its json_extract fails on the text.
    at = data.find(ALERT) + 20
    data[at:at + 3] = b"\xff\xfe\xfd"


def _zeroed(data: bytearray) -> None:
    # The page holding an alert zeroed, as a bad disk or a torn copy leaves it: SQLite's own error.
    start = data.find(ALERT) // PAGE * PAGE
    data[start:start + PAGE] = bytes(PAGE)


def _renamed(data: bytearray) -> None:
    # Still JSON, no longer an alert (a key it needs is gone): the store's decoding refuses it (DamagedRecord).
    at = data.find(b'"title":', data.find(ALERT))
    data[at:at + 8] = b'"titlx":'


DAMAGES: dict[str, tuple[Callable[[bytearray], None], str]] = {
    "flipped": (_flipped, "a record of the store cannot be read (malformed JSON)"),
    "zeroed": (_zeroed, "a record of the store cannot be read (database disk image is malformed)"),
    "renamed": (_renamed, "a record of the store cannot be read (Field required)"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_store_damaged_while_served_is_answered_503_with_what_to_do(tmp_path: Path, damage: str) -> None:
    db, log = tmp_path / "s.db", tmp_path / "serve.log"
    replayed = subprocess.run(cli("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES), capture_output=True,
                              text=True, timeout=300)
    assert replayed.returncode in (0, 1), replayed.stderr[-1500:]  # 1: alerts were raised
    damaged, said = DAMAGES[damage]
    # The service's own loop polls the store rarely here: once it reads a damaged page it stops, with the same
    # message on stderr (a writer never goes on writing to a damaged store). What is tested is what the API
    # answers meanwhile, however long "meanwhile" is.
    with served(db, "--interval", "600", log=log) as base:
        data = bytearray(db.read_bytes())
        damaged(data)
        db.write_bytes(bytes(data))  # in place: the server's connections hold the file open
        for _ in range(3):
            answer = httpx.get(f"{base}/api/alerts", headers=AUTH)
            assert answer.status_code == 503, answer.text
            assert answer.json() == {"error": answer.json()["error"]}
            error = answer.json()["error"]
            assert error.startswith(f"{db}: {said}"), error
            assert "the store is damaged. Restore it from a backup" in error
            assert f"sqlite3 {db} .recover | sqlite3 recovered.db" in error
            assert answer.headers["x-content-type-options"] == "nosniff"  # still through the server's policy
        assert httpx.get(f"{base}/api/alerts", params={"limit": "0"}, headers=AUTH).status_code == 400
        assert httpx.get(f"{base}/api/alerts").status_code == 401  # the token is asked first, as before
        assert httpx.get(f"{base}/healthz").json() == {"status": "alive"}
        time.sleep(0.2)  # the log is written by the server's process
        written = log.read_text()
    assert "Traceback" not in written and "Exception in ASGI application" not in written, written[-3000:]
    errors = [line for line in written.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and f"{db}: {said}" in errors[0], written[-3000:]
