"""Installed anywhere: the wheel, built from the sources and installed into a fresh venv (no system site packages, so
a file left out of the package data shows), runs from an empty folder on what it ships: replay of the packaged
seeds, init, and run --once on a folder of articles. About two minutes, most of it pip fetching dependencies;
`-m 'not install'` leaves it out, CI runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS

pytestmark = pytest.mark.install


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv holding the wheel built from these sources, and its dependencies."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"  # what the Dockerfile copies: the build writes beside its sources, not in the repo
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for name in ("stream", "replay"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(source)],
                   check=True, capture_output=True, timeout=300)
    [wheel] = (work / "dist").glob("signalfire-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return venv / "bin"


def signalfire(bin_folder: Path, cwd: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SIGNALFIRE_CACHE": str(cwd.parent / "cache")}  # a fresh data cache, as a new desk has
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([str(bin_folder / "signalfire"), *map(str, args)], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, stdin=subprocess.DEVNULL)


def test_the_installed_wheel_replays_its_packaged_seeds_from_an_empty_folder(installed: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    done = signalfire(installed, empty, "replay")
    assert done.returncode == 0, done.stderr
    packaged = installed.parent / "lib"  # the venv's site-packages, never this repository
    [rules_line] = [line for line in done.stderr.splitlines() if line.startswith("rules: ")]
    assert rules_line.startswith(f"rules: {packaged}") and rules_line.endswith("stream/defaults/rules.yaml "
                                                                               "(the packaged defaults: 'signalfire "
                                                                               "init' writes a copy to edit)")
    assert f"replaying the seed articles in {packaged}" in done.stderr
    assert "Kawlin (Sagaing) seized by resistance forces" in done.stdout
    assert "30,000 people displaced near Kawlin" in done.stdout
    assert "articles read 5 (5 new)" in done.stderr
    assert {path.name.split(".")[0] for path in empty.iterdir()} == {"signalfire"}  # the store, and its lock


def test_init_then_run_once_on_a_folder_of_articles(installed: Path, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    made = signalfire(installed, desk, "init")
    assert made.returncode == 0, made.stderr
    assert sorted(path.name for path in desk.iterdir()) == ["feeds.yaml", "rules.yaml", "signalfire.service"]
    assert f"ExecStart={installed / 'signalfire'} run --feeds {desk}/feeds.yaml" in (
        desk / "signalfire.service").read_text()
    inbox = desk / "inbox"
    inbox.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, inbox / seed.name)
    done = signalfire(installed, desk, "run", "--once", "--watch", inbox, "--rules", "rules.yaml", "--json",
                      "--interval", "0.2")
    assert done.returncode == 0, done.stderr
    assert "rules: rules.yaml\n" in done.stderr
    titles = [json.loads(line)["title"] for line in done.stdout.splitlines()]
    assert "Kawlin (Sagaing) seized by resistance forces" in titles
    again = signalfire(installed, desk, "run", "--once", "--watch", inbox, "--rules", "rules.yaml", "--json",
                       "--interval", "0.2")
    assert again.returncode == 0 and again.stdout == ""  # the same folder again: nothing new
