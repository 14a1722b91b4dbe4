"""signalfire run as a system runs a service: stdin at its end (systemd, nohup, cron, `< /dev/null`) never stops it,
SIGTERM does, at once and with exit 0; a restart folds what the store holds unfolded and sends nothing twice;
`run --once` folds what is pending and exits; `replay` without PATH never re-reads seeds into a store that has
articles."""

from __future__ import annotations

import json
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO

import pytest

from stream.core.articles import article_from_json
from stream.embedded.store import EventStore
from tests.app.test_service import wait_for
from tests.cli_helpers import cli, stored_alerts
from tests.conftest import ROOT, SEEDS, Receiver

KAWLIN = ("Resistance forces captured the town of Kawlin in Sagaing region on Monday after four days of fighting, "
          "residents and a spokesman for the fighters said. The town's police station fell on Sunday night.")


def rules_to(tmp_path: Path, receiver: Receiver) -> Path:
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"channels:\n  desk: '{receiver.url}'\nrules:\n"
                     "  - {id: seized, kind: control_change, title: '{place} seized', channels: [desk],\n"
                     "     match: {type: territory_seized}}\n")
    return rules


@contextmanager
def service(tmp_path: Path, stdin: int | IO[bytes], *args: str | Path) -> Iterator[subprocess.Popen[bytes]]:
    """`signalfire run ARGS` started as a service is: its stdin given, its output in files of the test's."""
    out, errors = (tmp_path / "out").open("ab"), (tmp_path / "err").open("ab")
    proc = subprocess.Popen(cli("run", *args), stdin=stdin, stdout=out, stderr=errors, cwd=tmp_path)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def printed(tmp_path: Path) -> list[dict]:
    return [json.loads(line) for line in (tmp_path / "out").read_text().splitlines() if line.startswith("{")]


def stop(proc: subprocess.Popen[bytes]) -> float:
    """SIGTERM, then the seconds it took to exit (it must, with 0)."""
    asked = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=10) == 0
    return time.monotonic() - asked


@pytest.mark.parametrize("stdin", ["devnull", "closed pipe"])
def test_a_service_with_stdin_at_its_end_keeps_running_until_sigterm_and_a_restart_sends_nothing_twice(
        tmp_path: Path, receiver: Receiver, stdin: str) -> None:
    inbox, db = tmp_path / "inbox", tmp_path / "s.db"
    inbox.mkdir()
    args = ("--watch", inbox, "--db", db, "--rules", rules_to(tmp_path, receiver), "--json", "--interval", "0.2")
    source = subprocess.DEVNULL if stdin == "devnull" else subprocess.PIPE
    with service(tmp_path, source, *args) as proc:
        if proc.stdin is not None:
            proc.stdin.close()  # cron's stdin: a pipe that ends at once
        wait_for(lambda: "signalfire running" in (tmp_path / "err").read_text(), "the service to start")
        time.sleep(3)
        assert proc.poll() is None, (tmp_path / "err").read_text()  # stdin ended long ago; the service runs on
        (inbox / "kawlin.txt").write_text(" date 2023-11-07\n" + KAWLIN)
        wait_for(lambda: len(printed(tmp_path)) == 1, "the dropped article's alert", timeout=30)
        wait_for(lambda: len(receiver.received) == 1, "its delivery", timeout=30)
        assert stop(proc) < 10
    [alert] = printed(tmp_path)
    assert alert["title"] == "Kawlin seized"
    assert [m["title"] for m in receiver.received] == ["Kawlin seized"]

    with service(tmp_path, subprocess.DEVNULL, *args) as again:  # the same folder, read again from the start
        wait_for(lambda: (tmp_path / "err").read_text().count("signalfire running") == 2, "the second start")
        time.sleep(2)
        assert again.poll() is None
        stop(again)
    assert len(printed(tmp_path)) == 1 and len(receiver.received) == 1  # nothing raised, printed or sent twice
    assert stored_alerts(db)[0]["id"] == alert["id"]


async def test_run_once_folds_what_the_store_holds_unfolded_prints_it_and_exits(tmp_path: Path,
                                                                               receiver: Receiver) -> None:
    """Articles in the log that no pipeline folded (stored by `ingest`, or a `deadletters retry`) are folded at the
    next start, and what they raise is printed and sent: a start never folds them silently."""
    db, rules = tmp_path / "s.db", rules_to(tmp_path, receiver)
    store = await EventStore.open(db)
    await store.append([("articles", article_from_json(json.dumps({"published": "2023-11-07", "text": KAWLIN}).encode(),
                                                       date(2023, 11, 8)))])  # as `ingest --db` appends
    await store.close()
    done = subprocess.run(cli("run", "--once", "--db", db, "--rules", rules, "--json"), capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line)["title"] for line in done.stdout.splitlines()] == ["Kawlin seized"]
    assert [m["title"] for m in receiver.received] == ["Kawlin seized"]
    again = subprocess.run(cli("run", "--once", "--db", db, "--rules", rules, "--json"), capture_output=True,
                           text=True, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert again.returncode == 0 and again.stdout == "" and len(receiver.received) == 1


def test_run_once_reads_a_folder_once_and_exits(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "kawlin.txt").write_text(" date 2023-11-07\n" + KAWLIN)
    (inbox / "wip.txt.partial").write_text("half a story")
    done = subprocess.run(cli("run", "--once", "--watch", inbox, "--db", tmp_path / "s.db", "--json",
                              "--interval", "0.1"), capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Kawlin (Sagaing) seized by resistance forces" in [json.loads(line)["title"]
                                                              for line in done.stdout.splitlines()]
    assert "articles read 1 (1 new)" in done.stderr


def test_run_without_a_source_says_what_to_give(tmp_path: Path) -> None:
    done = subprocess.run(cli("run", "--db", tmp_path / "s.db"), capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, cwd=tmp_path)
    assert done.returncode == 1
    assert "nothing to read: give --watch FOLDER, --feeds FILE or --stdin" in done.stderr


def test_replay_without_path_reads_the_seeds_into_an_empty_store_only(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = subprocess.run(cli("replay", "--db", db, "--json"), capture_output=True, text=True, timeout=120,
                           cwd=tmp_path)  # no seeds/ here: the packaged ones
    assert first.returncode == 0, first.stderr
    assert f"replaying the seed articles in {(ROOT / 'stream' / 'defaults' / 'seeds').resolve()}" in first.stderr
    assert "articles read 5 (5 new)" in first.stderr and first.stdout
    second = subprocess.run(cli("replay", "--db", db, "--json"), capture_output=True, text=True, timeout=120,
                            cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert f"{db} holds 5 article(s): no seeds read" in second.stderr and "replaying the seed" not in second.stderr
    assert second.stdout == "" and "articles read 0 (0 new)" in second.stderr
    named = subprocess.run(cli("replay", SEEDS, "--db", db, "--json"), capture_output=True, text=True, timeout=120)
    assert named.returncode == 0 and "articles read 5 (0 new)" in named.stderr  # a PATH is always read


def test_an_alert_is_told_as_it_stands_when_the_drain_that_raised_it_ends(tmp_path: Path) -> None:
    """The second sentence of the article that raised an alert grows it in the same drain: the console (and the
    desk's live feed, told the same) says 21, not the 12 that crossed the threshold."""
    text = ("Soldiers shot dead 12 villagers in Kawlin township on Tuesday, residents said. "
            "Troops also killed 9 resistance fighters near Kawlin town on Tuesday, the group said.")
    line = json.dumps({"id": "one", "source": "outlet", "published": "2024-03-06", "text": text}) + "\n"
    done = subprocess.run(cli("run", "--stdin", "--db", tmp_path / "s.db", "--json", "--interval", "0.05"),
                          input=line, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [alert] = [json.loads(out) for out in done.stdout.splitlines() if "killed" in out]
    assert (alert["title"], alert["figures"]) == ("21 killed in Sagaing on 2024-03-05", {"killed": 21})
