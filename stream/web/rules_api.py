"""The rules page's API: the rules in force with their recent alerts and verdicts, a candidate file checked,
back-tested on the store's history and applied (written whole, kept, recorded), and the applies made."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from stream.core.rules.schema import RuleSet
from stream.notify.dispatch import utc_now
from stream.web.live import BacktestBusy, DeskBase, RulesReadOnly

MAX_CANDIDATE_BODY = 8 * 1024 * 1024  # a rules file holds 1 MiB at most; JSON may escape each of its characters
Handler = Callable[[Request], Awaitable[Response]]


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


def rules_routes(desk: DeskBase, guarded: Callable[[Handler, bool], Handler]) -> list[Route]:
    """The routes of the rules page's API; ``guarded`` asks for the token as the rest of the API does."""
    async def in_force(request: Request) -> Response:
        watcher = desk.rules
        rules = watcher.current
        return JSONResponse({
            "path": str(watcher.path), "version": rules.version, "editable": desk.editable, "text": watcher.text,
            "rules": [{"id": r.id, "kind": r.kind, "title": r.title, "severity": r.severity, "enabled": r.enabled,
                       "review": r.review, "channels": list(r.channels)} for r in rules.rules],
            "stats": await desk.rule_stats(),
        })

    async def candidate(request: Request) -> tuple[CandidateIn, RuleSet | None, list[dict[str, Any]]]:
        body = await _body(request)
        if body is None:
            raise _Answer(413, {"error": f"the body is over {MAX_CANDIDATE_BODY:,} bytes"})
        try:
            given = CandidateIn.model_validate_json(body or b"{}")
        except ValidationError as exc:
            problem = exc.errors()[0]
            raise _Answer(422, {"error": f"{'.'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}"}
                          ) from None
        rules, problems = await asyncio.to_thread(desk.rules.check, given.text)
        return given, rules, located_problems(str(desk.rules.path), problems)

    async def check(request: Request) -> Response:
        _, rules, problems = await candidate(request)
        return JSONResponse({"ok": rules is not None, "problems": problems,
                             "version": rules.version if rules else None,
                             "rules": len(rules.rules) if rules else None})

    async def backtest(request: Request) -> Response:
        _, rules, problems = await candidate(request)
        if rules is None:
            return JSONResponse({"error": "the candidate has problems", "problems": problems}, status_code=422)
        result = await desk.backtest(rules)
        return JSONResponse({"baseline": desk.rules.current.version, "candidate": rules.version, **result})

    async def apply(request: Request) -> Response:
        given, rules, problems = await candidate(request)
        if rules is None:
            return JSONResponse({"error": "the candidate has problems: it was not applied", "problems": problems},
                                status_code=422)
        if not given.by:
            return JSONResponse({"error": "by: who applies the rules (it is recorded)"}, status_code=422)
        record = await desk.apply_rules(given.text, rules, given.by, utc_now())
        return JSONResponse(record.model_dump(mode="json", exclude={"type"}), status_code=201)

    async def history(request: Request) -> Response:
        return JSONResponse({"applied": await desk.rules_history()})

    def answering(handler: Handler) -> Handler:
        async def endpoint(request: Request) -> Response:
            try:
                return await handler(request)
            except _Answer as exc:
                return JSONResponse(exc.body, status_code=exc.status)
            except RulesReadOnly as exc:
                return JSONResponse({"error": str(exc)}, status_code=409)
            except BacktestBusy as exc:
                return JSONResponse({"error": str(exc)}, status_code=503)

        return endpoint

    return [
        Route("/api/rules", guarded(answering(in_force), False), methods=["GET"]),
        Route("/api/rules/history", guarded(answering(history), False), methods=["GET"]),
        Route("/api/rules/check", guarded(answering(check), False), methods=["POST"]),
        Route("/api/rules/backtest", guarded(answering(backtest), True), methods=["POST"]),
        Route("/api/rules/apply", guarded(answering(apply), True), methods=["POST"]),
    ]


class _Answer(Exception):
    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("error"))
        self.status, self.body = status, body


async def _body(request: Request) -> bytes | None:
    """The request body, or None past the limit (not read further)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_CANDIDATE_BODY:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_CANDIDATE_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
