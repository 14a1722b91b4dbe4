"""A damaged store: what writes refuses it at start and says what to do; what reads says why it cannot, never
with a traceback."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest

from stream.embedded.store import EventStore
from stream.errors import StoreError
from tests.cli_helpers import cli
from tests.conftest import DEFAULT_RULES, SEEDS

PAGE = 4096


def signalfire(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=300)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    db = tmp_path / "s.db"
    assert signalfire("replay", SEEDS, "--db", db, "--rules", DEFAULT_RULES).returncode == 0
    assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0  # all of it in the file
    return db


def _offset_of(db: Path, marker: bytes) -> int:
    at = db.read_bytes().find(marker)
    assert at > 0, marker
    return at


def test_a_store_that_fails_its_quick_check_is_refused_to_whatever_writes(seeded: Path) -> None:
    page = _offset_of(seeded, b'"type":"alert"') // PAGE
    with seeded.open("r+b") as f:  # a page of the log zeroed, as a bad disk or a torn copy leaves it
        f.seek(page * PAGE)
        f.write(bytes(PAGE))
    damaged = seeded.read_bytes()
    writes: list[list[str | Path]] = [
        ["replay", SEEDS / "000_fea956a0d0718a2c.txt", "--db", seeded, "--rules", DEFAULT_RULES],
        ["silence", "add", "deaths-per-region-day", "--until", "2024-12-31", "--db", seeded, "--rules", DEFAULT_RULES],
        ["deadletters", "retry", "--db", seeded]]
    for command in writes:
        done = signalfire(*command)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (command, done.stderr[-1500:])
        assert f"error: {seeded}: the store is damaged (SQLite's quick_check: " in done.stderr, done.stderr
        assert "nothing was written to it" in done.stderr and ".recover" in done.stderr
    assert seeded.read_bytes() == damaged  # replay went on appending to the damaged file


def test_a_record_that_cannot_be_read_is_an_error_that_says_so(seeded: Path) -> None:
    at = _offset_of(seeded, b'"type":"alert"')
    with seeded.open("r+b") as f:  # bytes flipped inside a record: SQLite's pages are whole, the text is not
        f.seek(at + 20)
        f.write(b"\xff\xfe\xfd")
    reads: list[list[str | Path]] = [["alerts", "--db", seeded], ["stats", "--db", seeded, "--rules", DEFAULT_RULES]]
    for command in reads:
        done = signalfire(*command)
        assert done.returncode == 1 and "Traceback" not in done.stderr, (command, done.stderr[-1500:])
        assert f"error: {seeded}: a record of the store cannot be read" in done.stderr, done.stderr


async def test_a_tracking_position_beyond_the_log_is_an_error(seeded: Path) -> None:
    # New articles were stored after it and never extracted, without a word.
    with sqlite3.connect(seeded) as conn:
        end = conn.execute("SELECT MAX(position) FROM log").fetchone()[0]
        conn.execute("UPDATE tracking SET position = 1000000 WHERE stage = 'extract'")
    with pytest.raises(StoreError) as caught:
        await EventStore.open(seeded, check=True)
    assert str(caught.value) == (
        f"{seeded}: the extract stage is recorded at log position 1,000,000, past the end of the log ({end:,}): "
        "what is stored from now on would never be extracted. The store was edited or damaged: restore it from a "
        "backup")
    reader = await EventStore.open(seeded)  # a reader reads on
    assert await reader.count("alerts") > 0
    await reader.close()
    done = signalfire("replay", SEEDS / "000_fea956a0d0718a2c.txt", "--db", seeded, "--rules", DEFAULT_RULES)
    assert done.returncode == 1 and "past the end of the log" in done.stderr, done.stderr[-1500:]
