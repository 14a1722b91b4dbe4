"""The on-disk cache of built tables: read back while its sources stand, rebuilt when they change or it breaks."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import pytest

from stream.reference.datacache import STALE_AFTER_S, cached
from stream.reference.gazetteer import _mimu_path, _tables, mimu_entries
from stream.reference.world import _read_world


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SIGNALFIRE_CACHE", str(folder))
    return folder


class Builder:
    def __init__(self, source: Path) -> None:
        self.source, self.calls = source, 0

    def __call__(self) -> dict[str, list[tuple[str, int]]]:
        self.calls += 1
        return {"rows": [(line, len(line)) for line in self.source.read_text().splitlines()]}


def test_a_second_read_comes_from_the_cache_file(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "towns.txt"
    source.write_text("Hpakant\nLashio\n")
    build = Builder(source)
    first = cached("towns", [source], build)
    second = cached("towns", [source], build)
    assert first == second == {"rows": [("Hpakant", 7), ("Lashio", 6)]}
    assert build.calls == 1
    assert [p.name.startswith("towns-") for p in cache.iterdir()] == [True]


def test_a_changed_source_rebuilds_and_long_unused_versions_go(cache: Path, tmp_path: Path) -> None:
    source = tmp_path / "towns.txt"
    source.write_text("Hpakant\n")
    build = Builder(source)
    cached("towns", [source], build)
    source.write_text("Hpakant\nMyitkyina\n")
    assert cached("towns", [source], build) == {"rows": [("Hpakant", 7), ("Myitkyina", 9)]}
    assert build.calls == 2
    # Both versions stay while both may be in use (two installs side by side) ...
    first, second = sorted(cache.glob("towns-*.marshal"), key=lambda p: p.stat().st_mtime_ns)
    month_ago = time.time() - STALE_AFTER_S - 60
    os.utime(first, (month_ago, month_ago))
    source.write_text("Lashio\n")
    cached("towns", [source], build)
    # ... until one has gone unwritten for a month.
    assert not first.exists() and second.exists()
    assert len(list(cache.glob("towns-*.marshal"))) == 2


def test_the_same_code_and_data_share_one_file(cache: Path, tmp_path: Path) -> None:
    for checkout in ("a", "b"):
        (tmp_path / checkout).mkdir()
        (tmp_path / checkout / "build.py").write_text("ROWS = 1\n")
    cached("towns", [tmp_path / "a" / "build.py"], lambda: "from a")
    assert cached("towns", [tmp_path / "b" / "build.py"], lambda: "from b") == "from a"


def test_a_broken_cache_file_is_rebuilt_with_a_warning(cache: Path, tmp_path: Path,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    source = tmp_path / "towns.txt"
    source.write_text("Lashio\n")
    build = Builder(source)
    cached("towns", [source], build)
    (file,) = cache.glob("towns-*.marshal")
    file.write_bytes(file.read_bytes()[:5])
    with caplog.at_level(logging.WARNING, logger="stream.reference.datacache"):
        assert cached("towns", [source], build) == {"rows": [("Lashio", 6)]}
    assert build.calls == 2
    assert "rebuilding the unreadable cache" in caplog.text
    assert cached("towns", [source], build) == {"rows": [("Lashio", 6)]}
    assert build.calls == 2  # the rebuilt file is good again


def test_a_cache_that_cannot_be_written_still_returns_the_value(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("SIGNALFIRE_CACHE", str(blocker / "cache"))
    source = tmp_path / "towns.txt"
    source.write_text("Lashio\n")
    build = Builder(source)
    with caplog.at_level(logging.WARNING, logger="stream.reference.datacache"):
        assert cached("towns", [source], build) == {"rows": [("Lashio", 6)]}
        assert cached("towns", [source], build) == {"rows": [("Lashio", 6)]}
    assert build.calls == 2
    assert "cannot write the cache" in caplog.text


def test_the_gazetteer_and_world_towns_survive_the_round_trip(cache: Path) -> None:
    path = _mimu_path()
    tables = _tables(path)
    assert cached("mimu", [Path(path)], lambda: tables) == tables
    assert cached("mimu", [Path(path)], lambda: ([], {})) == tables  # read back, not rebuilt
    rows, villages = tables
    assert len(rows) + sum(map(len, villages.values())) == len(mimu_entries(path))
    cities, divisions = _read_world()
    assert cached("towns", [Path(path)], lambda: (cities, divisions))[0]["IN"][:3] == cities["IN"][:3]
    assert cached("towns", [Path(path)], dict)[1]["UA"] == divisions["UA"]


def test_a_table_built_late_is_keyed_by_the_code_imported_even_when_its_file_is_gone(cache: Path,
                                                                                     tmp_path: Path) -> None:
    from stream.reference.datacache import running_code

    # A service builds a country's table long after start, while an upgrade replaces its code files on disk.
    data, code = tmp_path / "towns.txt", tmp_path / "builder.py"
    data.write_text("Hpakant\n")
    code.write_text("# the code that was imported\n")
    running_code(code)
    build = Builder(data)
    first = cached("towns", [data, code], build)
    code.unlink()  # removed for a moment by a checkout, or replaced by newer code
    assert cached("towns", [data, code], build) == first and build.calls == 1
    code.write_text("# newer code, not running\n")
    assert cached("towns", [data, code], build) == first and build.calls == 1
