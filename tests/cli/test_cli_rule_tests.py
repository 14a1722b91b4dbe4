"""`signalfire rules test`: the default rules pass the tests shipped beside them, as CI runs them; a case that
fails prints what it expected against what it raised; a bad tests file is refused with where and what to fix."""

import subprocess
from pathlib import Path

from ruamel.yaml import YAML

from tests.cli_helpers import cli
from tests.conftest import DEFAULT_RULES, ROOT

SHIPPED = ROOT / "rules" / "default.tests.yaml"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cli(*args), capture_output=True, text=True, timeout=120)


def test_the_default_rules_pass_the_tests_shipped_beside_them() -> None:
    cases = YAML(typ="safe").load(SHIPPED.read_text())["cases"]
    kinds = {"place-seized": "control_change", "deaths-per-region-day": "window_sum",
             "mass-displacement": "threshold"}
    covered = {kinds[alert["rule"]] for case in cases for alert in [*case.get("expect", []), *case.get("absent", [])]}
    assert covered == {"control_change", "window_sum", "threshold"}
    assert any("absent" in case for case in cases)
    done = run("rules", "test", SHIPPED)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"{SHIPPED}: {len(cases)} case(s) passed against ")


TESTS = """rules: {rules}
cases:
  - name: two outlets on one day in Sagaing
    events:
      - {{type: casualties, date: 2024-04-09, place: Kale, killed: 8, source: Delta Wire}}
      - {{type: casualties, date: 2024-04-09, place: Kawlin, killed: 5, source: Hill Post}}
    expect:
      - {{rule: deaths-per-region-day, place: Sagaing, date: 2024-04-09, figures: {{killed: {killed}}}}}
  - name: a town taken, read from a file dated by the case
    articles:
      - {{file: articles/tamu.txt, date: 2024-03-05}}
    expect:
      - {{rule: place-seized, place: Tamu, date: 2024-03-04}}
"""


def write_tests(folder: Path, killed: int) -> Path:
    (folder / "articles").mkdir(exist_ok=True)
    (folder / "articles" / "tamu.txt").write_text(
        "Fighting on the Indian border\n\nResistance fighters seized the border town of Tamu in Sagaing Region on "
        "Monday after three days of fighting, local residents said.\n")
    (folder / "mine.yaml").write_text(DEFAULT_RULES.read_text())
    path = folder / "mine.tests.yaml"
    path.write_text(TESTS.format(rules="mine.yaml", killed=killed))
    return path


def test_a_case_whose_figure_is_wrong_fails_with_a_diff_of_what_it_expected_and_what_came(tmp_path: Path) -> None:
    tests = write_tests(tmp_path, killed=12)
    done = run("rules", "test", tests)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        f"FAIL {tests}:3:5: cases[0]: two outlets on one day in Sagaing",
        "    --- expected",
        "    +++ raised",
        "    - {rule: deaths-per-region-day, place: Sagaing, date: 2024-04-09, figures: {killed: 12}}",
        "    + {rule: deaths-per-region-day, place: Sagaing, date: 2024-04-09, figures: {killed: 13}}"]
    assert f"error: {tests}: 1 of 2 case(s) failed against {tmp_path / 'mine.yaml'}" in done.stderr.replace("\n", "")
    fixed = write_tests(tmp_path, killed=13)
    assert run("rules", "test", fixed, "--rules", DEFAULT_RULES).returncode == 0


def test_a_bad_tests_file_is_refused_with_file_line_column_and_what_to_fix(tmp_path: Path) -> None:
    tests = write_tests(tmp_path, killed=13)
    tests.write_text(tests.read_text().replace("figures:", "figure:").replace("place-seized", "place-seize"))
    done = run("rules", "test", tests)
    assert done.returncode == 1 and done.stdout == ""
    assert f"{tests}:8:73: cases[0].expect[0].figure: unknown key 'figure'; did you mean 'figures'?" in done.stderr
    tests.write_text(tests.read_text().replace("figure:", "figures:").replace("tamu.txt", "tamu2.txt"))
    done = run("rules", "test", tests)
    assert done.returncode == 1
    assert (f"{tests}:13:10: cases[1].expect[0].rule: no enabled rule 'place-seize' in {tmp_path / 'mine.yaml'}; "
            "did you mean 'place-seized'?") in done.stderr
    assert f"{tests}:11:10: cases[1].articles[0].file: {tmp_path}/articles/tamu2.txt: no such file" in done.stderr
