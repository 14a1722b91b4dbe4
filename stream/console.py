"""How alerts look on a terminal (rich) and as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

_COLOURS = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}


def print_json(views: Iterable[dict[str, Any]]) -> None:
    for view in views:
        print(json.dumps(view, ensure_ascii=False, sort_keys=True), flush=True)


def print_alerts(console: Console, views: Iterable[dict[str, Any]]) -> None:
    for view in views:
        console.print(alert_panel(view))


def alert_panel(view: dict[str, Any]) -> Panel:
    body = Text()
    place = view.get("place") or {}
    where = ", ".join(p for p in (place.get("name"), place.get("admin1"), place.get("country")) if p)
    if where:
        body.append("where  ", style="dim").append(where + "\n")
    if view.get("event_date"):
        body.append("when   ", style="dim").append(str(view["event_date"]) + "\n")
    if view.get("figures"):
        body.append("figures ", style="dim").append(
            ", ".join(f"{k} {v:,}" for k, v in view["figures"].items()) + "\n")
    sources = view.get("sources") or []
    body.append("sources ", style="dim").append(
        f"{len(sources)}: " + "; ".join(s.get("url") or s.get("source") or s["article_id"] for s in sources) + "\n")
    for evidence in (view.get("evidence") or [])[:2]:
        body.append("  “" + evidence["sentence"][:240] + "”\n", style="italic")
    silence = view.get("silence")
    if silence:
        body.append("silenced ", style="dim").append(
            f"by {silence['id']} ({json.dumps(silence['match'])} through {silence['until']})"
            + (f": {silence['reason']}" if silence.get("reason") else "") + "\n")
    body.append(f"{view['rule']} · {view['id']}", style="dim")
    severity = view.get("severity", "medium")
    return Panel(body, title=Text(view["title"], style=_COLOURS.get(severity, "")), title_align="left",
                 border_style=_COLOURS.get(severity, ""), subtitle=severity, subtitle_align="right")
