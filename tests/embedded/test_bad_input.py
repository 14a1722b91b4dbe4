"""Bad input goes to the dead-letter stream with its reason, whole, and replay carries on."""

import base64
from pathlib import Path

from replay.pacing import Pacer
from replay.run import replay
from replay.sources import read_inputs
from stream.core.articles import MAX_ARTICLE_BYTES
from stream.core.places import Gazetteer
from stream.core.rules.schema import RuleSet
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore

GOOD = b'{"id": "ok1", "published": "2024-03-08", "text": "Resistance forces captured Kawlin on Monday."}'


async def test_bad_articles_become_dead_letters_and_good_ones_go_on(tmp_path: Path, gazetteer: Gazetteer,
                                                                    default_rules: RuleSet) -> None:
    archive = tmp_path / "mixed.jsonl"
    archive.write_bytes(b"\n".join([
        b"{not json", b'{"title": "no text here"}', GOOD,
        b'{"text": "' + b"x" * (MAX_ARTICLE_BYTES + 1) + b'"}',
    ]) + b"\n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    store = await EventStore.open(tmp_path / "s.db")
    report = await replay(read_inputs([archive, binary]), Pipeline(store, gazetteer, default_rules), Pacer(None))
    letters = {d.origin: d for _, d in await store.read("deadletters")}
    await store.close()
    assert {origin: d.reason for origin, d in letters.items()} == {
        f"{archive}:1": "not valid JSON: Expecting property name enclosed in double quotes at column 2",
        f"{archive}:2": "missing 'text': every article needs its text",
        f"{archive}:4": "too large: 1,000,013 bytes (the limit is 1,000,000)",
        str(binary): "binary content: NUL bytes are not text",
    }
    assert letters[f"{archive}:1"].raw == "{not json"
    assert base64.b64decode(letters[str(binary)].raw) == binary.read_bytes()
    assert (report.articles, report.dead_letters) == (1, 4)
    assert [a.title for a in report.alerts] == ["Kawlin (Sagaing) seized by resistance forces"]
