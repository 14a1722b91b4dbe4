"""Takes the README's screenshot of the desk's page (docs/desk.png) from the real page on the seeds.

    .venv/bin/python docs/screenshot.py [OUT.png]

It runs `signalfire serve --watch seeds` on a fresh store in a temporary folder (a free port, a token of its own),
records two desk actions over the API so that the list shows desk states (the seizure of Kawlin acknowledged, the
deaths in Sagaing assigned), opens the page in Debian's headless Chromium (chromium and chromium-driver), enters
the token, chooses the deaths in Sagaing (an alert placed at a region, on the map at the region's centre) and
saves the window. tests/web/test_screenshot.py runs it too, so that it keeps working.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SEEDED = 6  # the alerts the seeds raise
CHOSEN = "killed in Sagaing"  # the alert whose sources and evidence the screenshot shows
WINDOW = (1500, 900)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _until(check: Callable[[], Any], what: str, timeout: float = 30.0) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = check()
        except httpx.TransportError:
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"never came: {what}")
        time.sleep(0.1)


@contextmanager
def _serving(folder: Path, token: str) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "SIGNALFIRE_TOKEN": token}
    server = subprocess.Popen([sys.executable, "-m", "stream.cli", "serve", "--db", str(folder / "s.db"),
                               "--rules", str(ROOT / "rules" / "default.yaml"), "--port", str(port),
                               "--watch", str(ROOT / "seeds")], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: server.poll() is not None or httpx.get(f"{base}/readyz", timeout=1).status_code == 200,
               "a ready server")
        if server.poll() is not None:
            raise RuntimeError(f"signalfire serve ended with {server.returncode}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def _browser() -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--hide-scrollbars",
                     f"--window-size={WINDOW[0]},{WINDOW[1]}"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)


def take(out: Path) -> Path:
    """The desk's page on the seeds, saved as a PNG at ``out``."""
    token = secrets.token_hex(16)
    auth = {"Authorization": f"Bearer {token}"}
    with tempfile.TemporaryDirectory(prefix="signalfire-screenshot-") as folder, _serving(Path(folder), token) as base:
        alerts = _until(lambda: (found := httpx.get(f"{base}/api/alerts", headers=auth).json()["alerts"])
                        and len(found) >= SEEDED and found, "the seeds' alerts")
        by_title = {alert["title"]: alert["id"] for alert in alerts}
        seizure = next(i for t, i in by_title.items() if "seized" in t)
        deaths = next(i for t, i in by_title.items() if CHOSEN in t)
        for alert_id, action, extra in ((seizure, "ack", {"note": "confirmed by phone"}),
                                        (deaths, "assign", {"assignee": "desk-2"})):
            httpx.post(f"{base}/api/alerts/{alert_id}/{action}", json={"by": "desk-7", **extra},
                       headers=auth).raise_for_status()
        driver = _browser()
        try:
            driver.set_script_timeout(10)
            driver.get(base)

            def true(script: str) -> Any:
                return _until(lambda: driver.execute_script(script), script, timeout=15)

            true("return !document.getElementById('login').hidden")
            driver.execute_script("document.getElementById('token').value = arguments[0];"
                                  "document.getElementById('token-form').requestSubmit()", token)
            true("return document.getElementById('live').textContent === 'live'")
            true(f"return document.querySelectorAll('#map path.alert-marker').length === {len(alerts)}")
            true("return document.querySelectorAll('#map path.leaflet-interactive').length > 100")  # the outlines
            true("return document.querySelectorAll('#timeline rect.day').length > 0")
            driver.execute_script("[...document.querySelectorAll('#alerts li')]"
                                  ".find(li => li.textContent.includes(arguments[0])).click()", CHOSEN)
            true("return document.querySelector('#detail mark') && document.querySelector('#sources li')")
            time.sleep(0.3)  # the chosen row's colour and the map's last paint
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))
        finally:
            driver.quit()
    return out


if __name__ == "__main__":
    print(take(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "desk.png"))
