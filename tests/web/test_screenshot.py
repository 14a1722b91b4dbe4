"""docs/screenshot.py, which takes the README's screenshot of the desk's page on the seeds, keeps working."""

import importlib.util
import struct
from pathlib import Path

from tests.conftest import ROOT
from tests.web.test_page import pytestmark  # noqa: F401  # Chromium and its driver, or skipped


def test_the_readmes_screenshot_is_taken_from_the_real_page_on_the_seeds(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("screenshot", ROOT / "docs" / "screenshot.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = script.take(tmp_path / "desk.png")
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width == script.WINDOW[0] and 600 < height <= script.WINDOW[1]
