"""`signalfire init DIR`: the desk's own rules and feeds, copies of the packaged ones, and a systemd unit for them."""

import getpass
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli_helpers import cli
from tests.conftest import DEFAULT_RULES, ROOT


def test_init_writes_rules_feeds_and_a_unit_and_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    done = subprocess.run(cli("init", desk), capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (desk / "rules.yaml").read_text() == DEFAULT_RULES.read_text()
    assert (desk / "feeds.yaml").read_text() == (ROOT / "feeds.example.yaml").read_text()
    unit = (desk / "signalfire.service").read_text()
    lines = unit.splitlines()
    assert f"User={getpass.getuser()}" in lines and "Restart=on-failure" in lines
    [start] = [line for line in lines if line.startswith("ExecStart=")]
    assert start.endswith(f" run --feeds {desk}/feeds.yaml --rules {desk}/rules.yaml --db {desk}/signalfire.db")
    assert Path(start.removeprefix("ExecStart=").split(" ")[0]).exists()  # this installation's signalfire
    checked = subprocess.run(cli("rules", "check", desk / "rules.yaml"), capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr

    (desk / "rules.yaml").write_text("rules: []\n")  # the desk's edit
    again = subprocess.run(cli("init", desk), capture_output=True, text=True, cwd=tmp_path)
    assert again.returncode == 1
    assert f"{desk}/rules.yaml, {desk}/feeds.yaml, {desk}/signalfire.service: there already" in again.stderr
    assert (desk / "rules.yaml").read_text() == "rules: []\n"
    forced = subprocess.run(cli("init", desk, "--force"), capture_output=True, text=True, cwd=tmp_path)
    assert forced.returncode == 0 and (desk / "rules.yaml").read_text() == DEFAULT_RULES.read_text()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_the_unit_is_one_systemd_reads_without_a_complaint(tmp_path: Path) -> None:
    subprocess.run(cli("init", tmp_path), check=True, capture_output=True)
    checked = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "signalfire.service")], capture_output=True,
                             text=True)
    assert "signalfire.service:" not in checked.stderr, checked.stderr
