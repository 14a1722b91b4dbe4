"""/metrics counts dead letters by a bounded kind of reason: a thousand inputs refused each for a reason of its own
(a date, a size, a column) make a handful of series, not a thousand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from replay.sources import read_inputs
from stream.control.watch import RulesWatcher
from stream.core.records import DeadLetter
from stream.embedded.store import EventStore
from stream.web.metrics import OTHER, REASON_KINDS, Metrics, by_kind, reason_kind
from tests.conftest import DEFAULT_RULES


def bad_lines(n: int) -> list[bytes]:
    """``n`` inputs, each refused for a reason worded its own way."""
    lines: list[bytes] = []
    for i in range(n):
        match i % 8:
            case 0:  # dated after the day it came, a different day each
                lines.append(json.dumps({"published": f"{2031 + i // 365}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                         "text": "Soldiers shot dead twelve villagers in Kawlin township."}).encode())
            case 1:
                lines.append(b'{"text": "broken' + b"x" * i)  # invalid JSON, its column differing
            case 2:
                lines.append(json.dumps({"published": f"not a date {i}", "text": "x" * 40}).encode())
            case 3:
                lines.append(json.dumps({"text": "x" * 40, "source": [i]}).encode())  # 'source' must be a string
            case 4:
                lines.append(json.dumps({"id": f"a{i}"}).encode())  # no text
            case 5:
                lines.append(json.dumps({"text": "x" * (1_048_576 + i)}).encode())  # too large, by its own size
            case 6:
                lines.append(json.dumps([i]).encode())
            case _:
                lines.append(json.dumps({"published": f"18{i % 100:02d}-01-01", "text": "x" * 40}).encode())
    return lines


async def test_a_thousand_bad_inputs_make_a_bounded_number_of_series(tmp_path: Path) -> None:
    archive = tmp_path / "bad.jsonl"
    archive.write_bytes(b"\n".join(bad_lines(1_000)) + b"\n")
    letters = [item for item in read_inputs([archive], received=date(2026, 1, 1)) if isinstance(item, DeadLetter)]
    assert len(letters) == 1_000 and len({letter.reason for letter in letters}) > 300  # raw, they would be series
    store = await EventStore.open(tmp_path / "s.db")
    await store.append([("deadletters", letter) for letter in letters])
    counts = by_kind(await store.counts("deadletters", "reason"))
    await store.close()
    assert sum(counts.values()) == 1_000 and OTHER not in {kind for (kind,) in counts}
    text = Metrics().render({"dead_letters": counts}, RulesWatcher(DEFAULT_RULES, {}, None)).decode()  # type: ignore[arg-type]
    series = [line for line in text.splitlines() if line.startswith("signalfire_dead_letters_total{")]
    assert len(series) == len(counts) <= len(REASON_KINDS) + 1
    assert {line.split('"')[1] for line in series} == {"bad_date", "not_json", "bad_field", "no_text", "too_large"}


@pytest.mark.parametrize(("reason", "kind"), [
    ("too large: 1,048,600 bytes (the limit is 1,048,576)", "too_large"),
    ("binary content: NUL bytes are not text", "binary"),
    ("not UTF-8 text: invalid byte at offset 7", "not_utf8"),
    ("not valid JSON: Expecting value at column 3", "not_json"),
    ("not an article: JSON nested too deeply", "not_json"),
    ("a JSON article must be an object, not list", "not_json"),
    ("missing 'text': every article needs its text", "no_text"),
    ("'text' is empty or shorter than 20 characters", "no_text"),
    ("'published' 2031-05-01 lies after the day the article was received (2026-01-01); ...", "bad_date"),
    ("'received' is not an ISO date: 'x'", "bad_date"),
    ("'title' holds a lone surrogate (\\udc80) at character 3", "lone_surrogate"),
    ("'source' must be a string, not int", "bad_field"),
    ("duplicate id 'a1': the store holds another article under it; give this one its own id", "duplicate_id"),
    ("unknown schema version 9; this worker reads version 1", "unknown_schema"),
    ("extraction failed on article 'art-1': ValueError: boom", "extraction_failed"),
    ("a link that cannot be fetched: not http(s)", "bad_link"),
    ("something nobody wrote yet", "other"),
])
def test_each_reason_the_code_gives_has_its_kind(reason: str, kind: str) -> None:
    assert reason_kind(reason) == kind
