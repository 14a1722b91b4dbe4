"""What Signalfire answers on fixed inputs, written to a folder, so two versions of the code can be compared byte
for byte.

Each answer comes from the whole command a user runs, so the check holds whatever the modules are called:
``signalfire extract --all`` and ``signalfire replay --json`` on every set of an eval folder, ``rules backtest
--json`` on a store of 30,000 recorded events under a candidate that lowers the displacement threshold, and what
``/api/alerts`` (in several queries) and ``/api/alerts.geojson`` serve from a replayed store.

    python -m bench.same_outputs write before/ --eval ../shared/eval    # on the old code
    python -m bench.same_outputs check before/ --eval ../shared/eval    # on the new: lists every answer that differs

The 30,000-event store is built once, by ``write``, and kept in the folder: ``check`` reads the same file.
"""

from __future__ import annotations

import argparse
import asyncio
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import httpx

from tests.web.test_serve import AUTH, served

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["/api/alerts", "/api/alerts?limit=5", "/api/alerts?tier=review", "/api/alerts?tier=sent",
           "/api/alerts?rule=mass-displacement", "/api/alerts?severity=high&since=2020-01-01", "/api/alerts.geojson",
           "/api/alerts?limit=0"]
# A candidate that differs from the default rules where a backtest shows it: more displacement alerts.
CANDIDATE_THRESHOLD = ("threshold: 10000", "threshold: 5000")


def signalfire(*args: str, cwd: Path = ROOT) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run([sys.executable, "-m", "stream.cli", *args], cwd=cwd, env=env, capture_output=True,
                          check=False)
    if done.returncode not in (0, 1):  # 1: alerts raised (replay), a difference found (backtest)
        raise RuntimeError(f"signalfire {' '.join(args)} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    return done.stdout


def served_answers(db: Path) -> dict[str, bytes]:
    """What a server started on ``db`` (the tests' own launcher) answers to every query of QUERIES: the body, and
    before it the status when that is not 200."""
    with served(db) as base:
        answers = {query: httpx.get(f"{base}{query}", headers=AUTH, timeout=30) for query in QUERIES}
    return {query: answer.content if answer.status_code == 200 else f"{answer.status_code} ".encode() + answer.content
            for query, answer in answers.items()}


def build_store(path: Path) -> None:
    from bench.backtest_million import build  # the benchmark's store of N events, seeded

    asyncio.run(build(path, 30_000))


def answers(folder: Path, eval_dir: Path, store: Path) -> dict[str, bytes]:
    """Every answer, by file name."""
    rules = ROOT / "rules" / "default.yaml"
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as scratch:
        tmp = Path(scratch)
        for gold in sorted(eval_dir.glob("*.jsonl")):
            out[f"extract-{gold.stem}.jsonl"] = signalfire("extract", "--all", str(gold))
            db = tmp / f"{gold.stem}.db"
            out[f"replay-{gold.stem}.jsonl"] = signalfire("replay", str(gold), "--db", str(db), "--json")
            for query, body in served_answers(db).items():
                name = query.strip("/").replace("/", "_").replace("?", "-").replace("=", "_").replace(".", "_")
                out[f"{name}-{gold.stem}.json"] = body
        candidate = tmp / "candidate.yaml"
        text = rules.read_text()
        if CANDIDATE_THRESHOLD[0] not in text:
            raise RuntimeError(f"rules/default.yaml no longer says {CANDIDATE_THRESHOLD[0]!r}: update the candidate")
        candidate.write_text(text.replace(*CANDIDATE_THRESHOLD, 1))
        copy = tmp / "history.db"  # a backtest only reads, but a copy keeps the kept store untouched whatever runs
        shutil.copy(store, copy)
        out["backtest-30000.json"] = signalfire("rules", "backtest", str(candidate), "--db", str(copy), "--json")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["write", "check"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = parser.parse_args()
    store = args.folder / "history-30000.db"
    if args.mode == "write":
        args.folder.mkdir(parents=True, exist_ok=True)
        if not store.exists():
            build_store(store)
        for name, body in answers(args.folder, args.eval, store).items():
            (args.folder / name).write_bytes(body)
        print(f"wrote {len(list(args.folder.glob('*.json*')))} answers to {args.folder}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        now = Path(scratch)
        for name, body in answers(args.folder, args.eval, store).items():
            (now / name).write_bytes(body)
        names = sorted(p.name for p in now.iterdir())
        kept = sorted(p.name for p in args.folder.glob("*.json*"))
        _, differ, missing = filecmp.cmpfiles(args.folder, now, sorted(set(names) | set(kept)), shallow=False)
        for name in differ + missing:
            print(f"differs: {name}")
        print(f"{len(names) - len(differ) - len(missing)} of {len(set(names) | set(kept))} answers identical")
        sys.exit(1 if differ or missing else 0)


if __name__ == "__main__":
    main()
