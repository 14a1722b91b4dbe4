"""Running the command line from tests, as a user would: a subprocess per command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def cli(*args: str | Path) -> list[str]:
    """The argv of a `signalfire` command run with this interpreter."""
    return [sys.executable, "-m", "stream.cli", *map(str, args)]


def stored_alerts(db: Path) -> list[dict]:
    """`signalfire alerts --db DB --json`, parsed."""
    out = subprocess.run(cli("alerts", "--db", db, "--json"), capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]
