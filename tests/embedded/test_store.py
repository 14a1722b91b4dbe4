"""The event store on a real SQLite file: idempotent appends, tracking in the same transaction."""

import sqlite3
from pathlib import Path

import pytest

from stream.embedded.store import EventStore
from stream.errors import StoreError
from tests.builders import article, killed


async def test_append_is_idempotent_by_stream_and_id(tmp_path: Path) -> None:
    store = await EventStore.open(tmp_path / "s.db")
    a = article("Nine soldiers were killed near Tamu on Tuesday.")
    assert len(await store.append([("articles", a)])) == 1
    assert await store.append([("articles", a)]) == []
    assert [r for _, r in await store.read("articles")] == [a]
    await store.close()


async def test_commit_records_position_with_outputs_and_survives_reopen(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = await EventStore.open(path)
    await store.append([("articles", article("Nine soldiers were killed near Tamu on Tuesday."))])
    event = killed("a1", "2024-01-02", 9)
    await store.commit("extract", 1, [("events", event)])
    await store.close()
    reopened = await EventStore.open(path)
    assert await reopened.position("extract") == 1
    assert [r for _, r in await reopened.read("events")] == [event]
    await reopened.close()


async def test_a_failed_commit_leaves_neither_outputs_nor_position(tmp_path: Path) -> None:
    store = await EventStore.open(tmp_path / "s.db")

    class Broken:
        id = "x"

        def model_dump_json(self) -> str:
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        await store.commit("detect", 7, [("events", killed("a1", "2024-01-02", 9)), ("events", Broken())])  # type: ignore[list-item]
    assert await store.position("detect") == 0 and await store.count("events") == 0
    await store.close()


async def test_a_file_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are not the droids\n" * 100)
    with pytest.raises(StoreError, match="notes.db: not a Signalfire store"):
        await EventStore.open(path)


async def test_a_record_twice_in_one_append_is_new_once_and_the_first_is_kept(tmp_path: Path) -> None:
    store = await EventStore.open(tmp_path / "s.db")
    first = article("Nine soldiers were killed near Tamu on Tuesday.", id="same")
    other = article("Resistance forces captured Kawlin on Monday.", id="same")
    assert await store.append([("articles", first), ("articles", first), ("articles", other)]) == [
        ("articles", first)]
    assert [r for _, r in await store.read("articles")] == [first]
    many = [article(f"Story {n} from Tamu.", id=f"a{n}") for n in range(1, 1202)]  # more than one statement
    assert len(await store.append([("articles", a) for a in many])) == 1201
    assert [r.id for _, r in await store.read("articles", limit=5000)] == ["same", *(a.id for a in many)]
    await store.close()


async def test_article_text_is_kept_compressed_and_a_store_s_older_plain_bodies_still_read(tmp_path: Path) -> None:
    text = " ".join(f"Paragraph {i}: fighting was reported near the town, residents said." for i in range(60))
    new, old = article(text, id="new"), article(text, id="old")
    store = await EventStore.open(tmp_path / "s.db")
    await store.append([("articles", new)])
    await store.close()
    with sqlite3.connect(tmp_path / "s.db") as db:  # as a store written before compression holds an article
        db.execute("INSERT INTO log (stream, id, body) VALUES ('articles', 'old', ?)", (old.model_dump_json(),))
        stored = db.execute("SELECT LENGTH(body), typeof(body) FROM log WHERE id = 'new'").fetchone()
    assert stored[1] == "blob" and stored[0] < len(text) / 3
    store = await EventStore.open(tmp_path / "s.db")
    assert [a for _, a in await store.scan("articles")] == [new, old]
    assert await store.get("articles", "new") == new
    await store.close()
