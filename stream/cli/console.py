"""How alerts look on a terminal (rich) and as JSON lines."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

_COLOURS = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "cyan", "info": "dim"}
_HELD = "bold magenta"  # an alert held for review: unlike any severity, so it is never taken for one sent


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
        body.append("figures ", style="dim").append(figures_text(view) + "\n")
    sources = view.get("sources") or []
    body.append("sources ", style="dim").append(
        f"{len(sources)}: " + "; ".join(s.get("url") or s.get("source") or s["article_id"] for s in sources) + "\n")
    for evidence in (view.get("evidence") or [])[:2]:
        body.append("  “" + evidence["sentence"][:240] + "”\n", style="italic")
    _desk_lines(body, view)
    body.append(f"{view['rule']} · {view['id']}", style="dim")
    severity = view.get("severity", "medium")
    held = view.get("tier") == "review"
    verdict = (view.get("verdict") or {}).get("action")
    state = f" · {verdict}ed" if verdict else " · held for review" if held else ""
    return Panel(body, title=Text(view["title"], style=_COLOURS.get(severity, "")), title_align="left",
                 border_style=_HELD if held else _COLOURS.get(severity, ""), subtitle=severity + state,
                 subtitle_align="right")


def figures_text(view: dict[str, Any]) -> str:
    """The figures as they stand, each that later reports changed with what it was raised with: "killed 17 (was 14)"."""
    raised = view.get("raised_figures") or {}
    return ", ".join(f"{k} {v:,}" + (f" (was {raised[k]:,})" if raised.get(k, v) != v else "")
                     for k, v in view["figures"].items())


def _desk_lines(body: Text, view: dict[str, Any]) -> None:
    """What keeps the alert from its channels, if anything: a silence, or the review it is held for and the
    desk's verdict on it."""
    silence = view.get("silence")
    if silence:
        body.append("silenced ", style="dim").append(
            f"by {silence['id']} ({json.dumps(silence['match'])} through {silence['until']})"
            + (f": {silence['reason']}" if silence.get("reason") else "") + "\n")
    if view.get("tier") != "review":
        return
    verdict = view.get("verdict")
    body.append("held for review ", style=_HELD).append("; ".join(view.get("review") or ()) + (
        "" if verdict else " (not sent until a desk confirms it)") + "\n")
    if verdict:
        body.append("verdict ", style="dim").append(
            f"{verdict['action']}ed by {verdict['by']} at {verdict['at']}"
            + (f": {verdict['note']}" if verdict.get("note") else "") + "\n")
