"""A child process's own peak memory, as it reports it: Linux carries the parent's high-water mark into a
child started by vfork and exec, so the ru_maxrss a parent sees can be the parent's own."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Runs a module as ``python -m`` would and, at exit, writes the process's VmHWM (kB) to the file named by
# SIGNALFIRE_PEAK_FILE.
_WRAPPER = """
import atexit, os, runpy, sys
from pathlib import Path

def report():
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(line for line in status if line.startswith("VmHWM:")).split()[1]
    Path(os.environ["SIGNALFIRE_PEAK_FILE"]).write_text(peak)

atexit.register(report)
sys.argv = sys.argv[1:]
runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
"""


class Peak:
    """``argv`` runs ``python -m MODULE ARGS``; ``mb()`` after it exits is its peak resident memory."""

    def __init__(self, module: str, *args: str) -> None:
        handle, name = tempfile.mkstemp(prefix="signalfire-peak-")
        os.close(handle)
        self.file = Path(name)
        self.argv = [sys.executable, "-c", _WRAPPER, module, *args]
        self.env = {**os.environ, "SIGNALFIRE_PEAK_FILE": name}

    def mb(self) -> float:
        try:
            return round(int(self.file.read_text()) / 1024, 1)
        finally:
            self.file.unlink(missing_ok=True)
