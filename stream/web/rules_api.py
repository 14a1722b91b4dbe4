"""The rules page's API: the rules in force with their recent alerts and verdicts, a candidate file checked,
back-tested on the store's history and applied (written whole, kept, recorded), and the applies made."""

from __future__ import annotations

import asyncio
import re
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from stream.core.rules.schema import RuleSet
from stream.notify.dispatch import utc_now
from stream.web.live import BacktestBusy, DeskBase, RulesReadOnly
from stream.web.params import Refused, read_body, read_model
from stream.web.policy import guarded

MAX_CANDIDATE_BODY = 8 * 1024 * 1024  # a rules file holds 1 MiB at most; JSON may escape each of its characters


class CandidateIn(BaseModel):
    """A candidate rules file as the page sends it; ``by`` (who applies it) is needed to apply."""

    model_config = ConfigDict(extra="forbid")
    text: str
    by: str | None = Field(default=None, min_length=1, max_length=200)


def located_problems(filename: str, problems: list[str]) -> list[dict[str, Any]]:
    """Each problem as ``rules check`` prints it (FILE:LINE:COL: key.path: what to fix), with its line and column
    apart, for the page to point at them."""
    at = re.compile(re.escape(filename) + r":([0-9]+):([0-9]+): (.*)", re.S)
    out = []
    for problem in problems:
        found = at.match(problem)
        line, col, message = (int(found[1]), int(found[2]), found[3]) if found else (None, None, problem)
        out.append({"line": line, "col": col, "message": message, "text": problem})
    return out


def _desk(request: Request) -> DeskBase:
    return cast(DeskBase, request.app.state.desk)


async def in_force(request: Request) -> Response:
    desk = _desk(request)
    watcher = desk.rules
    rules = watcher.current
    return JSONResponse({
        "path": str(watcher.path), "version": rules.version, "editable": desk.editable, "text": watcher.text,
        "rules": [{"id": r.id, "kind": r.kind, "title": r.title, "severity": r.severity, "enabled": r.enabled,
                   "review": r.review, "channels": list(r.channels)} for r in rules.rules],
        "stats": await desk.rule_stats(),
    })


async def check(request: Request) -> Response:
    _, rules, problems = await _candidate(request)
    return JSONResponse({"ok": rules is not None, "problems": problems, "version": rules.version if rules else None,
                         "rules": len(rules.rules) if rules else None})


async def backtest(request: Request) -> Response:
    desk = _desk(request)
    _, rules, problems = await _candidate(request)
    if rules is None:
        return JSONResponse({"error": "the candidate has problems", "problems": problems}, status_code=422)
    try:
        result = await desk.backtest(rules)
    except RulesReadOnly as exc:
        raise Refused(409, str(exc)) from None
    except BacktestBusy as exc:
        raise Refused(503, str(exc)) from None
    return JSONResponse({"baseline": desk.rules.current.version, "candidate": rules.version, **result})


async def apply(request: Request) -> Response:
    given, rules, problems = await _candidate(request)
    if rules is None:
        return JSONResponse({"error": "the candidate has problems: it was not applied", "problems": problems},
                            status_code=422)
    if not given.by:
        return JSONResponse({"error": "by: who applies the rules (it is recorded)"}, status_code=422)
    try:
        record = await _desk(request).apply_rules(given.text, rules, given.by, utc_now())
    except RulesReadOnly as exc:
        raise Refused(409, str(exc)) from None
    return JSONResponse(record.model_dump(mode="json", exclude={"type"}), status_code=201)


async def history(request: Request) -> Response:
    return JSONResponse({"applied": await _desk(request).rules_history()})


async def _candidate(request: Request) -> tuple[CandidateIn, RuleSet | None, list[dict[str, Any]]]:
    """The candidate of the body, checked in a thread (a large file does not hold the event loop): the rules, or
    None, and its problems located."""
    given = read_model(CandidateIn, await read_body(request, MAX_CANDIDATE_BODY))
    watcher = _desk(request).rules
    rules, problems = await asyncio.to_thread(watcher.check, given.text)
    return given, rules, located_problems(str(watcher.path), problems)


# The routes of the rules page's API; guarded asks for the token as the rest of the API does.
ROUTES: list[BaseRoute] = [
    Route("/api/rules", guarded(in_force, write=False), methods=["GET"]),
    Route("/api/rules/history", guarded(history, write=False), methods=["GET"]),
    Route("/api/rules/check", guarded(check, write=False), methods=["POST"]),
    Route("/api/rules/backtest", guarded(backtest, write=True), methods=["POST"]),
    Route("/api/rules/apply", guarded(apply, write=True), methods=["POST"]),
]
