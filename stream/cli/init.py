"""``signalfire init [DIR]``: a desk's own rules and feeds to edit, and a systemd unit that runs them."""

from __future__ import annotations

import getpass
import shlex
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from stream.cli.common import err, fail

UNIT = """\
# Signalfire as a systemd service, written by 'signalfire init'. Install it with
#   sudo cp {unit} /etc/systemd/system/ && sudo systemctl daemon-reload && sudo systemctl enable --now signalfire
# then follow it with: journalctl -u signalfire -f
[Unit]
Description=Signalfire: alerts on conflict news
After=network-online.target
Wants=network-online.target

[Service]
Type=exec
User={user}
WorkingDirectory={folder}
# Channel secrets named in rules.yaml as ${{SIGNALFIRE_...}}: one VAR=value a line in signalfire.env.
EnvironmentFile=-{folder}/signalfire.env
ExecStart={command} run --feeds {feeds} --rules {rules} --db {db}
# SIGTERM: the article in hand is finished, the store flushed, and the service exits 0.
KillSignal=SIGTERM
TimeoutStopSec=60
Restart=on-failure
RestartSec=10

[Install]
WantedBy=multi-user.target
"""


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    folder: Annotated[Path, typer.Argument(metavar="[DIR]", help="Where to write them (default: here).")] = Path("."),
    force: Annotated[bool, typer.Option("--force", help="Overwrite files that are there already.")] = False,
) -> None:
    """Write rules.yaml and feeds.yaml (copies of the packaged defaults, to edit) and signalfire.service, a systemd
    unit running 'signalfire run --feeds ... --db ...' in DIR as the user who ran init. Files that are there
    already are left alone unless --force."""
    from stream.defaults import FEEDS, RULES

    folder = folder.absolute()
    targets = {name: folder / name for name in ("rules.yaml", "feeds.yaml", "signalfire.service")}
    there = [str(path) for path in targets.values() if path.exists()]
    if there and not force:
        raise fail(f"{', '.join(there)}: there already; nothing was written (--force overwrites)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(RULES, targets["rules.yaml"])
        shutil.copyfile(FEEDS, targets["feeds.yaml"])
        targets["signalfire.service"].write_text(unit(folder), encoding="utf-8")
    except OSError as exc:
        raise fail(f"{exc.filename or folder}: cannot write ({exc.strerror})") from None
    for path in targets.values():
        typer.echo(f"wrote {path}")
    err.print("next: edit feeds.yaml (a contact in user_agent) and rules.yaml (channels), check them with "
              f"'signalfire rules check {targets['rules.yaml']}', then install {targets['signalfire.service']}",
              highlight=False, soft_wrap=True)


def unit(folder: Path) -> str:
    """The systemd unit for a desk kept in ``folder``: this installation's signalfire, run as this user."""
    return UNIT.format(unit=_quoted(folder / "signalfire.service"), user=getpass.getuser(), folder=folder,
                       command=_command(), feeds=_quoted(folder / "feeds.yaml"), rules=_quoted(folder / "rules.yaml"),
                       db=_quoted(folder / "signalfire.db"))


def _command() -> str:
    """How this installation is started: its console script beside the interpreter, else the module."""
    script = Path(sys.executable).parent / "signalfire"
    if script.exists():
        return _quoted(script)
    return f"{_quoted(Path(sys.executable))} -m stream.cli"


def _quoted(path: Path) -> str:
    """A path as systemd's command line reads it: quoted when it holds a space."""
    text = str(path)
    return text if text == shlex.quote(text) else '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
