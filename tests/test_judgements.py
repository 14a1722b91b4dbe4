"""The desk's judgements in backtests: a real store replayed from articles written here, its held alerts
confirmed and rejected over the API, then `rules backtest` counts what the desk had judged among the alerts a
candidate adds, removes and changes, and estimates each rule's precision under both files as this test does by
hand; `alerts --judged` and `judgements export` read the verdicts back."""

import asyncio
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from stream.app.desk import Desk
from stream.control.watch import RulesWatcher
from stream.core.rules.load import load_rules
from stream.embedded.pipeline import Pipeline
from stream.embedded.store import EventStore
from stream.reference.gazetteer import default_gazetteer
from stream.web.app import build_app
from stream.web.metrics import Metrics
from tests.cli_helpers import cli

# Every alert held for review, so the desk can judge each. The rules the store ran under, and the two files a
# backtest compares: the candidate makes seizures critical (changed), lowers the displacement threshold to 5,000
# (adds) and raises the deaths threshold to 20 (removes); 'flight' is the same in both (folded once, shared).
RULES = """
rules:
  - {{id: seized, kind: control_change, severity: {severity}, title: '{{place}} seized', review: always,
     match: {{type: territory_seized}}}}
  - {{id: fled, kind: threshold, title: '{{value}} fled {{place}}', field: displaced, threshold: {fled},
     review: always, match: {{type: displacement}}}}
  - {{id: deaths, kind: window_sum, title: '{{value}} killed in {{admin1}}', field: killed, threshold: {deaths},
     group_by: [admin1], window: 1d, review: always, match: {{type: casualties}}}}
  - {{id: flight, kind: threshold, title: 'flight from {{place}}', field: displaced, threshold: 1000,
     review: always, match: {{type: displacement}}}}
"""
STORE_RULES = RULES.format(severity="high", fled=5_000, deaths=10)
BASELINE = RULES.format(severity="high", fled=10_000, deaths=10)
CANDIDATE = RULES.format(severity="critical", fled=5_000, deaths=20)


def story(n: int, day: str, outlet: str, text: str) -> dict[str, str]:
    return {"id": f"n{n}", "source": outlet, "published": day, "text": text}


NEWS = [
    story(1, "2024-02-06", "Delta Wire", "Town changes hands\n\nResistance fighters seized the town of Tamu in Sagaing "
                                         "Region on Monday after a week of fighting, residents said."),
    story(2, "2024-02-13", "Hill Post", "Base falls\n\nResistance forces captured the town of Falam in Chin State on "
                                        "Monday, a spokesperson for the Chin resistance said."),
    story(3, "2024-03-05", "Delta Wire", "Families flee shelling\n\nAbout 6,000 people fled their homes in Hpakant "
                                         "Township in Kachin State on Monday as shelling spread, aid workers said."),
    story(4, "2024-03-12", "Hill Post", "Villagers flee\n\nAbout 8,000 people fled their homes in Mindat Township in "
                                        "Chin State on Monday, local aid groups said."),
    story(5, "2024-03-19", "Delta Wire", "Exodus from Lashio\n\nAbout 15,000 people fled their homes in Lashio "
                                         "Township in Shan State on Monday as fighting neared the city."),
    story(6, "2024-03-26", "Hill Post", "Thousands displaced\n\nAbout 12,000 people fled their homes in Kutkai "
                                        "Township in Shan State on Monday, the United Nations said."),
    story(7, "2024-04-02", "Delta Wire", "Ambush on convoy\n\nTwelve soldiers were killed on Monday when resistance "
                                         "fighters ambushed a military convoy near Kawlin in Sagaing Region."),
    story(8, "2024-04-09", "Hill Post", "Airstrike on market\n\nA military airstrike killed 25 civilians at a market "
                                        "in Hpakant Township in Kachin State on Monday, residents said."),
    story(9, "2024-04-16", "Delta Wire", "Clashes in Chin\n\nFourteen soldiers were killed on Monday in clashes with "
                                         "resistance fighters near Hakha in Chin State, the Chin resistance said."),
]
# What the desk said of each alert it judged (the 14 killed in Chin it has not judged yet).
VERDICTS = {
    "Tamu seized": "confirm", "Falam seized": "reject",
    "6,000 fled Hpakant": "confirm", "8,000 fled Mindat": "reject", "15,000 fled Lashio": "confirm",
    "12,000 fled Kutkai": "confirm",
    "12 killed in Sagaing": "reject", "25 killed in Kachin": "confirm",
    "flight from Hpakant": "confirm", "flight from Mindat": "reject", "flight from Lashio": "confirm",
    "flight from Kutkai": "confirm",
}


@dataclass(frozen=True)
class Judged:
    folder: Path
    db: Path
    ids: dict[str, str]  # title: alert id


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> Judged:
    folder = tmp_path_factory.mktemp("judged")
    db, rules, news = folder / "s.db", folder / "store.yaml", folder / "news.jsonl"
    rules.write_text(STORE_RULES)
    news.write_text("".join(json.dumps(item) + "\n" for item in NEWS))
    replayed = run("replay", news, "--db", db, "--rules", rules, "--json")
    assert replayed.returncode == 0, replayed.stderr
    raised = [json.loads(line) for line in replayed.stdout.splitlines()]
    ids = {alert["title"]: alert["id"] for alert in raised}
    assert len(ids) == 13 and {alert["tier"] for alert in raised} == {"review"}
    asyncio.run(judge_over_the_api(db, rules, ids))
    return Judged(folder, db, ids)


async def judge_over_the_api(db: Path, rules_path: Path, ids: dict[str, str]) -> None:
    """Each verdict as the desk's page gives it: POST /api/alerts/{id}/confirm or /reject on the service's app."""
    rules = load_rules(rules_path.read_text())
    store = await EventStore.open(db)
    desk = Desk(store, Pipeline(store, default_gazetteer(), rules), RulesWatcher(rules_path, {}, rules), Metrics())
    auth = {"Authorization": "Bearer desk-token"}
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app(desk, token="desk-token")),
                                     base_url="http://localhost") as client:
            for title, action in VERDICTS.items():
                body = {"by": "ana", "note": None if action == "confirm" else f"not so: {title}"}
                answer = await client.post(f"/api/alerts/{ids[title]}/{action}", json=body, headers=auth)
                assert answer.status_code == 201, answer.text
    finally:
        await store.close()


def backtest(judged: Judged, *args: str) -> subprocess.CompletedProcess[str]:
    baseline, candidate = judged.folder / "baseline.yaml", judged.folder / "candidate.yaml"
    baseline.write_text(BASELINE)
    candidate.write_text(CANDIDATE)
    return run("rules", "backtest", candidate, "--db", judged.db, "--baseline", baseline, *args)


def test_a_backtest_counts_the_judged_alerts_that_differ_and_each_rules_precision_under_both_files(
        judged: Judged) -> None:
    done = backtest(judged, "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    titles = {kind: sorted(alert["title"] for alert in result[kind]) for kind in ("added", "removed", "changed")}
    assert titles == {"added": ["6,000 fled Hpakant", "8,000 fled Mindat"],
                      "removed": ["12 killed in Sagaing", "14 killed in Chin"],
                      "changed": ["Falam seized", "Tamu seized"]}
    assert result["unchanged"] == 7  # 15,000 and 12,000 fled, 25 killed in Kachin, the four flights
    # Each alert listed that the desk judged carries its verdict; the one it has not judged, none.
    verdicts = {alert["title"]: alert.get("verdict") for kind in titles for alert in result[kind]}
    assert verdicts == {title: VERDICTS.get(title) for title in verdicts}
    assert result["judged"] == {"added": {"confirmed": 1, "rejected": 1}, "removed": {"confirmed": 0, "rejected": 1},
                                "changed": {"confirmed": 1, "rejected": 1}}

    def estimate(confirmed: int, judged: int) -> dict[str, object]:
        return {"confirmed": confirmed, "rejected": judged - confirmed, "judged": judged,
                "precision": round(confirmed / judged, 4)}

    # By hand, over the alerts each file raises that the desk judged:
    assert result["precision"] == {
        # Tamu confirmed, Falam rejected, under either file (only the severity changes).
        "seized": {"baseline": estimate(1, 2), "candidate": estimate(1, 2)},
        # Baseline (10,000 and up): Lashio and Kutkai, both confirmed. Candidate (5,000 and up): Hpakant and
        # Mindat too, one confirmed and one rejected.
        "fled": {"baseline": estimate(2, 2), "candidate": estimate(3, 4)},
        # Baseline (10 and up): Sagaing rejected, Kachin confirmed (Chin not judged). Candidate (20 and up): Kachin.
        "deaths": {"baseline": estimate(1, 2), "candidate": estimate(1, 1)},
        # The same rule in both: three of four confirmed.
        "flight": {"baseline": estimate(3, 4), "candidate": estimate(3, 4)},
    }
    table = backtest(judged)
    assert table.returncode == 0, table.stderr
    assert "judged by the desk: added 1 confirmed, 1 rejected; removed 0 confirmed, 1 rejected; changed 1 " \
           "confirmed, 1 rejected" in " ".join(table.stdout.split())
    rows = {cells[0]: cells[1:] for line in table.stdout.splitlines()
            if len(cells := [cell.strip() for cell in line.strip("│ ").split("│")]) == 3}
    assert rows["fled"] == ["2/2 = 1.00", "3/4 = 0.75"] and rows["deaths"] == ["1/2 = 0.50", "1/1 = 1.00"]


def test_alerts_judged_lists_the_verdicts_and_judgements_export_writes_them_as_jsonl(judged: Judged) -> None:
    listed = run("alerts", "--db", judged.db, "--judged", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert [(row["title"], row["verdict"]) for row in rows] == list(VERDICTS.items())
    assert {row["by"] for row in rows} == {"ana"}
    assert rows[1]["reason"] == "not so: Falam seized" and rows[0]["reason"] is None
    only = run("alerts", "--db", judged.db, "--judged", "--json", "--rule", "deaths")
    assert [json.loads(line)["title"] for line in only.stdout.splitlines()] == ["12 killed in Sagaing",
                                                                                 "25 killed in Kachin"]
    out = judged.folder / "judgements.jsonl"
    exported = run("judgements", "export", "--db", judged.db, "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert f"12 judgement(s) from {judged.db} written to {out}" in " ".join(exported.stderr.split())
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == rows
    fled = next(line for line in lines if line["title"] == "6,000 fled Hpakant")
    assert (fled["alert"], fled["rule"], fled["figures"], fled["article_ids"], fled["place"]["name"]) == (
        judged.ids["6,000 fled Hpakant"], "fled", {"displaced": 6000}, ["n3"], "Hpakant")
    assert fled["rule_version"].startswith("rv-") and fled["at"].endswith("Z")
