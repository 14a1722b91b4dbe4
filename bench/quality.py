"""Extraction quality on the four labelled sets, as the shared scorers measure it, and the floors CI holds it to.

    python -m bench.quality                 # print a table per set and kind, and any figure below its floor
    python -m bench.quality --write-floors  # rewrite tests/quality_floors.json: the figures reached, less 0.02

Each set is run the way a user runs it: ``signalfire extract SET`` and ``signalfire replay SET --db fresh.db
--json`` as subprocesses of this interpreter, from the repository's root (the default rules), with articles that
carry no date read as received on one fixed day (``RECEIVED``). The outputs are
then scored by ``score.py`` and ``score_alerts.py --json`` from the eval folder beside the repository
(``../shared/eval``): they are the measure, nothing here recounts them. The four sets run concurrently.
tests/test_quality_floor.py calls ``measure`` and ``shortfalls`` from here, so the test and this script
cannot measure differently.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"
FLOORS = ROOT / "tests" / "quality_floors.json"
SETS = {"seeds": "seeds_gold.jsonl", "dev": "dev_gold.jsonl", "dev_world": "dev_world.jsonl", "dev2": "dev2.jsonl"}
SCORERS = ("score.py", "score_alerts.py")
KINDS = ("seizures", "killed", "injured", "displaced", "airstrikes")
MARGIN = 0.02
# The day undated articles reached us, fixed: their events are dated from it, and a weekday they name ("on
# Tuesday") is read against it, so the figures would otherwise move with the day the test runs. A Wednesday.
RECEIVED = "2026-12-02"
# Figures that must stay at or above their floor; trap hits must stay at or below theirs.
RISING = ("macro_f1", "alert_precision", "alert_recall", *(f"f1.{k}" for k in KINDS))
TRAPS = "trap_hits"


class Scores(NamedTuple):
    """One set's two score reports, as the scorers print them with --json."""

    events: dict[str, Any]
    alerts: dict[str, Any]


class Shortfall(NamedTuple):
    set: str
    figure: str
    got: float | None
    floor: float | None

    def __str__(self) -> str:
        if self.figure == TRAPS:
            return f"{self.set} {self.figure}: got {self.got}, at most {self.floor} allowed"
        return f"{self.set} {self.figure}: got {self.got}, floor {self.floor}"


def missing_eval_files(eval_dir: Path) -> list[str]:
    """The scorers and sets absent from ``eval_dir``."""
    return [name for name in (*SCORERS, *SETS.values()) if not (eval_dir / name).is_file()]


def _run(argv: list[str], out: Path) -> None:
    with out.open("w") as stdout:
        done = subprocess.run(argv, cwd=ROOT, stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=900)
    if done.returncode:
        raise RuntimeError(f"{' '.join(argv)} exited {done.returncode}:\n{done.stderr[-3000:]}")


def score_set(name: str, eval_dir: Path, workdir: Path) -> Scores:
    """Extract and replay one set as a user would, then score both outputs with the shared scorers."""
    gold = eval_dir / SETS[name]
    signalfire = [sys.executable, "-m", "stream.cli"]
    events, alerts, db = (workdir / f"{name}.{ext}" for ext in ("events.jsonl", "alerts.jsonl", "db"))
    _run([*signalfire, "extract", str(gold), "--received", RECEIVED], events)
    for stale in workdir.glob(f"{db.name}*"):  # a fresh db, as the alert scorer asks, even in a reused folder
        stale.unlink()
    _run([*signalfire, "replay", str(gold), "--db", str(db), "--json", "--received", RECEIVED], alerts)
    reports = []
    for scorer, output in zip(SCORERS, (events, alerts), strict=True):
        report = workdir / f"{name}.{scorer.removesuffix('.py')}.json"
        _run([sys.executable, str(eval_dir / scorer), str(gold), str(output), "--json"], report)
        reports.append(json.loads(report.read_text()))
    return Scores(*reports)


def measure(eval_dir: Path = EVAL_DIR, workdir: Path | None = None) -> dict[str, Scores]:
    """Every set's scores, the sets run concurrently (each in its own subprocesses) into ``workdir``."""
    with tempfile.TemporaryDirectory(prefix="signalfire-quality-") as scratch:
        where = workdir or Path(scratch)
        with ThreadPoolExecutor(max_workers=len(SETS)) as pool:
            futures = {name: pool.submit(score_set, name, eval_dir, where) for name in SETS}
            return {name: future.result() for name, future in futures.items()}


def figures(scores: Scores) -> dict[str, float | None]:
    """The figures floors are kept for, by name; None where a scorer's report lacks one."""
    found: dict[str, float | None] = {
        "macro_f1": scores.events.get("macro_f1"),
        TRAPS: scores.events.get("trap_hits"),
        "alert_precision": scores.alerts.get("precision"),
        "alert_recall": scores.alerts.get("recall"),
    }
    for kind in KINDS:
        found[f"f1.{kind}"] = (scores.events.get(kind) or {}).get("f1")
    return found


def read_floors(path: Path = FLOORS) -> dict[str, dict[str, float]]:
    """Per set, figure name to floor (for trap hits, the most allowed)."""
    return json.loads(path.read_text())["sets"]


def floors_from(measured: Mapping[str, Scores], margin: float = MARGIN) -> dict[str, dict[str, float]]:
    """Floors at the figures reached less ``margin``; trap hits at the count reached, as a maximum."""
    floors = {}
    for name, scores in measured.items():
        got = figures(scores)
        floors[name] = {f: round(max(0.0, (got[f] or 0.0) - margin), 3) for f in RISING}
        floors[name][TRAPS] = int(got[TRAPS] or 0)
    return floors


def write_floors(measured: Mapping[str, Scores], path: Path = FLOORS) -> None:
    document = {
        "about": "Floors of tests/test_quality_floor.py: per set, the figures the extraction reached less "
                 f"{MARGIN} ({TRAPS}: the count reached, as the most allowed). "
                 "Rewritten from the current figures by: python -m bench.quality --write-floors",
        "sets": floors_from(measured),
    }
    path.write_text(json.dumps(document, indent=2) + "\n")


def shortfalls(measured: Mapping[str, Scores], floors: Mapping[str, Mapping[str, float]]) -> list[Shortfall]:
    """Every figure below its floor (or trap count above its maximum), and every set or figure with no floor."""
    found = []
    for name, scores in measured.items():
        got = figures(scores)
        floor = floors.get(name)
        if floor is None:
            found.append(Shortfall(name, "(no floors recorded for this set)", None, None))
            continue
        for figure in (*RISING, TRAPS):
            value, limit = got[figure], floor.get(figure)
            if limit is None or value is None:
                found.append(Shortfall(name, figure, value, limit))
            elif value > limit if figure == TRAPS else value < limit - 1e-9:
                found.append(Shortfall(name, figure, value, limit))
    return found


def _f(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else "-" if value is None else str(value)


def table(name: str, scores: Scores) -> str:
    ev, al = scores.events, scores.alerts
    lines = [
        f"{name}: {ev.get('articles')} articles, macro F1 {_f(ev.get('macro_f1'))}, trap hits {ev.get('trap_hits')}, "
        f"alert precision {_f(al.get('precision'))} ({al.get('true')} true of {al.get('alerts')}), "
        f"alert recall {_f(al.get('recall'))} ({al.get('heard')} heard of {al.get('due')} due)",
        f"  {'kind':<18}{'P':>7}{'R':>7}{'F1':>7}   {'alerts':>6}{'true':>6}{'due':>6}{'heard':>6}",
    ]
    kinds = [k for k, v in ev.items() if isinstance(v, dict) and "f1" in v]
    kinds += [k for k in al.get("kinds", {}) if k not in kinds]
    for kind in kinds:
        e, a = ev.get(kind) or {}, al.get("kinds", {}).get(kind) or {}
        lines.append(f"  {kind:<18}{_f(e.get('precision')):>7}{_f(e.get('recall')):>7}{_f(e.get('f1')):>7}   "
                     + "".join(f"{_f(a.get(c)):>6}" for c in ("alerts", "true", "due", "heard")))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quality", description=__doc__.split("\n\n")[0])
    parser.add_argument("--write-floors", action="store_true",
                        help=f"rewrite {FLOORS.relative_to(ROOT)} from the current figures less {MARGIN}")
    parser.add_argument("--eval", type=Path, default=EVAL_DIR, help="the eval folder (default: %(default)s)")
    parser.add_argument("--keep", type=Path, help="write the outputs and score reports into this folder")
    args = parser.parse_args(argv)
    if missing := missing_eval_files(args.eval):
        parser.error(f"{args.eval} lacks {', '.join(missing)}")
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    measured = measure(args.eval, args.keep)
    print("\n\n".join(table(name, scores) for name, scores in measured.items()))
    print(f"\nmeasured in {time.perf_counter() - start:.1f} s")
    if args.write_floors:
        write_floors(measured)
        print(f"floors written to {FLOORS.relative_to(ROOT)}: the figures above less {MARGIN}")
    elif FLOORS.is_file():
        below = shortfalls(measured, read_floors())
        print(f"below the floors in {FLOORS.relative_to(ROOT)}:" if below else "every figure is at or above its floor")
        for shortfall in below:
            print(f"  {shortfall}")
        return 1 if below else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
