"""Without Chromium, the browser tests skip and say which Debian packages to install; under CI they fail instead."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGE_TEST = "tests/web/test_page.py::test_an_alert_appears_on_the_open_page_within_two_seconds_with_its_marker"


def page_test(path: Path, ci: bool) -> subprocess.CompletedProcess[str]:
    """One browser test, run by pytest with a PATH that holds no Chromium."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PATH"] = str(path)
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", PAGE_TEST],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("ci", [False, True], ids=["on a desk", "under CI"])
def test_missing_chromium_is_a_skip_that_names_the_packages_or_a_failure_under_ci(tmp_path: Path, ci: bool) -> None:
    done = page_test(tmp_path, ci)
    assert "apt-get install chromium chromium-driver" in done.stdout, done.stdout
    if ci:
        assert done.returncode == 1 and "1 error" in done.stdout
        assert "CI runs the browser tests and cannot here" in done.stdout
    else:
        assert done.returncode == 0 and "1 skipped" in done.stdout
