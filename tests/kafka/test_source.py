"""The Kafka tests' processes run the session's copy of the code, whatever is edited in the tree meanwhile."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SEEDS
from tests.kafka.conftest import Deployment

# Where a process found the command line's code.
WHERE = "import sys, stream.cli; print(sys.modules['stream.cli.main'].__file__)"


def test_a_deployments_commands_workers_and_rules_come_from_its_source(source: Path, tmp_path: Path) -> None:
    deployment = Deployment("kafka://127.0.0.1:9", tmp_path, source)  # no broker needed: nothing connects
    assert source != ROOT and (source / "stream" / "cli" / "main.py").read_bytes() == \
        (ROOT / "stream" / "cli" / "main.py").read_bytes()
    commands = deployment.python("-c", WHERE).stdout.strip()
    # As start_worker runs a worker: a script outside the source, in the deployment's own folder.
    workers = subprocess.run([sys.executable, "-c", WHERE], cwd=deployment.workdir, env=deployment.env,
                             capture_output=True, text=True, check=True).stdout.strip()
    assert Path(commands).is_relative_to(source) and Path(workers).is_relative_to(source), (commands, workers)
    assert deployment.rules is not None and deployment.rules.is_relative_to(source) and deployment.rules.is_file()
    assert deployment.ours(SEEDS).is_relative_to(source) and any(deployment.ours(SEEDS).iterdir())
