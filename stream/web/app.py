"""The HTTP API of ``signalfire serve``: alerts, articles in, the desk's actions, a live feed, health and metrics."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import AsyncIterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel, ConfigDict, Field
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ExceptionHandler

from stream.control.silences import SilenceRefused
from stream.core.articles import article_from_json, dead_letter
from stream.core.records import Article, DeadLetter
from stream.core.review import VERDICTS, VerdictRefused
from stream.core.views import AlertQuery
from stream.errors import BadArticle, DamagedRecord, unreadable
from stream.notify.dispatch import utc_now
from stream.web import rules_api
from stream.web.live import DeskBase, SilencesElsewhere
from stream.web.openapi import openapi
from stream.web.params import BadQuery, Refused, alert_query, read_body, read_model
from stream.web.policy import HostChecked, HostNames, Policed, guarded
from stream.web.shown import feature

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"  # the page and its vendored assets, shipped in the package
MAX_BODY = 8 * 1024 * 1024  # a batch of articles, each at most 1 MB
MAX_ACTION_BODY = 16 * 1024
KEEPALIVE_S = 15.0
# What a desk does to an alert: the first three to any, a verdict (confirm, reject) to one held for review.
ACTIONS = ("ack", "assign", "dismiss", *VERDICTS)


class ActionIn(BaseModel):
    """What a desk sends to act on an alert."""

    model_config = ConfigDict(extra="forbid")
    by: str = Field(min_length=1, max_length=200)
    note: str | None = Field(default=None, max_length=5000)
    assignee: str | None = Field(default=None, max_length=200)


class SilenceIn(BaseModel):
    """A silence as the API takes it: as `signalfire silence add` does."""

    model_config = ConfigDict(extra="forbid")
    rule: str = Field(min_length=1, max_length=200)
    match: dict[str, str] = Field(default_factory=dict)
    until: date
    reason: str | None = Field(default=None, max_length=2000)


def _desk(request: Request) -> DeskBase:
    return cast(DeskBase, request.app.state.desk)


async def list_alerts(request: Request) -> Response:
    query = _query(request)
    views = await _desk(request).alerts(query)
    # A full page may have more behind it: its last alert is the cursor of the next (``before``).
    return JSONResponse({"alerts": views, "next": views[-1]["id"] if len(views) == query.limit else None})


async def geojson(request: Request) -> Response:
    # An alert placed at a state, region or country is at its area's centre, marked so (``centroid``).
    features = [f for view in await _desk(request).alerts(_query(request)) if (f := feature(view)) is not None]
    return JSONResponse({"type": "FeatureCollection", "features": features}, media_type="application/geo+json")


async def one_alert(request: Request) -> Response:
    view = await _desk(request).alert(request.path_params["alert_id"])
    if view is None:
        raise Refused(404, f"no alert {request.path_params['alert_id']}")
    return JSONResponse(view)


async def post_articles(request: Request) -> Response:
    body = await read_body(request, MAX_BODY)
    try:
        given = json.loads(body)
    except (ValueError, RecursionError):
        raise Refused(400, "the body is not JSON: send one article object or an array of them") from None
    items = given if isinstance(given, list) else [given]
    inputs: list[Article | DeadLetter] = []
    for number, item in enumerate(items):
        raw = _line(item)
        try:
            inputs.append(article_from_json(raw, date.today()))
        except BadArticle as exc:
            inputs.append(dead_letter(raw, f"api:{number}", str(exc)))
    letters = await _desk(request).post(inputs)
    refused = {letter.id for letter in letters}
    return JSONResponse({
        "articles": [item.id for item in inputs if isinstance(item, Article) and item.id not in refused],
        "dead_letters": [{"id": letter.id, "origin": letter.origin, "reason": letter.reason} for letter in letters],
    }, status_code=202)


async def act(request: Request, action: str) -> Response:
    """``action`` (one of ACTIONS) on the alert of the path, recorded."""
    given = read_model(ActionIn, await read_body(request, MAX_ACTION_BODY))
    if action == "assign" and not given.assignee:
        raise Refused(422, "assignee: whom the alert is assigned to")
    if action == "reject" and not (given.note or "").strip():
        raise Refused(422, "note: why the alert is rejected (a rejection needs a reason)")
    alert_id = request.path_params["alert_id"]
    try:
        record = await _desk(request).act(alert_id, action, given.by, given.note, given.assignee, utc_now())
    except VerdictRefused as exc:  # not held for review, or judged already: the first verdict stands
        raise Refused(409, str(exc)) from None
    if record is None:
        raise Refused(404, f"no alert {alert_id}")
    return JSONResponse(record.model_dump(mode="json", exclude={"type"}), status_code=201)


async def list_silences(request: Request) -> Response:
    return JSONResponse({"silences": await _desk(request).silences()})


async def add_silence(request: Request) -> Response:
    given = read_model(SilenceIn, await read_body(request, MAX_ACTION_BODY))
    try:
        record = await _desk(request).silence(given.rule, given.match, given.until, given.reason, utc_now())
    except SilencesElsewhere as exc:
        raise Refused(409, str(exc)) from None
    except SilenceRefused as exc:
        raise Refused(422, str(exc)) from None
    return JSONResponse(record.model_dump(mode="json", exclude={"type"}), status_code=201)


async def expire_silence(request: Request) -> Response:
    try:
        record = await _desk(request).expire(request.path_params["silence_id"], utc_now())
    except SilencesElsewhere as exc:
        raise Refused(409, str(exc)) from None
    except SilenceRefused as exc:
        raise Refused(409 if "already" in str(exc) else 404, str(exc)) from None
    return JSONResponse(record.model_dump(mode="json", exclude={"type"}))


async def live(request: Request) -> Response:
    return StreamingResponse(_raised(_desk(request)), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _raised(desk: DeskBase) -> AsyncIterator[str]:
    """The alerts ``desk`` raises from now on as server-sent events, a keepalive comment in each quiet spell."""
    queue = desk.subscribe()
    try:
        yield "retry: 2000\n\n"
        while True:
            try:
                view = await asyncio.wait_for(queue.get(), timeout=KEEPALIVE_S)
            except TimeoutError:
                yield ": keepalive\n\n"
                continue
            if view is None:  # the service is stopping
                return
            yield f"event: alert\nid: {view['id']}\ndata: {json.dumps(view, ensure_ascii=False)}\n\n"
    finally:
        desk.unsubscribe(queue)


async def metrics(request: Request) -> Response:
    return Response(await _desk(request).render_metrics(), media_type="text/plain; version=0.0.4; charset=utf-8")


async def described(request: Request) -> Response:
    return JSONResponse(request.app.state.document)


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "alive"})


async def readyz(request: Request) -> Response:
    desk = _desk(request)
    why = await desk.ready()
    if why is not None:
        return JSONResponse({"status": "not ready", **why}, status_code=503)
    return JSONResponse({"status": "ready", "rules_version": desk.rules.current.version})


async def page(request: Request) -> Response:
    # The page holds no data (it asks the API, with the token); its policy is on every response (Policed).
    return FileResponse(STATIC / "desk.html")


async def rules_page(request: Request) -> Response:
    return FileResponse(STATIC / "rules.html")


async def refused(request: Request, exc: Exception) -> Response:
    """A request refused by a handler (Refused): its status and what to put right."""
    refusal = cast(Refused, exc)
    return JSONResponse({"error": refusal.message}, status_code=refusal.status)


async def disconnected(request: Request, exc: Exception) -> Response:
    # Gone, or cut off mid-body by the server: no one to answer.
    return Response(status_code=400)


async def store_unreadable(request: Request, exc: Exception) -> Response:
    """A read the store could not answer, its records damaged on disk since it was opened: a 503 that says so and
    what to do, logged as one line without a traceback (the server's log keeps it to one in a spell, OncePer)."""
    message = unreadable(_desk(request).store_name, exc)
    log.error("%s (answered 503)", message)
    return JSONResponse({"error": message}, status_code=503)


def _query(request: Request) -> AlertQuery:
    params = request.query_params
    try:
        return alert_query({name: params.getlist(name) for name in params})
    except BadQuery as exc:
        raise Refused(400, str(exc)) from None


def _line(item: object) -> bytes:
    """An item of a posted body as the JSON line replay would read. A lone surrogate (``"\\ud800"``) stays
    escaped as it came, for the article's checks to refuse it by name: UTF-8 has no bytes for it."""
    try:
        return json.dumps(item, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return json.dumps(item).encode()


ROUTES: list[BaseRoute] = [
    Route("/", page),
    Route("/rules", rules_page),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
    Route("/healthz", healthz),
    Route("/readyz", readyz),
    Route("/openapi.json", described),
    Route("/metrics", guarded(metrics, write=False)),
    Route("/api/alerts", guarded(list_alerts, write=False)),
    Route("/api/alerts.geojson", guarded(geojson, write=False)),
    Route("/api/alerts/{alert_id}", guarded(one_alert, write=False)),
    Route("/api/stream", guarded(live, write=False)),
    Route("/api/articles", guarded(post_articles, write=True), methods=["POST"]),
    *(Route(f"/api/alerts/{{alert_id}}/{action}", guarded(partial(act, action=action), write=True),
            methods=["POST"]) for action in ACTIONS),
    Route("/api/silences", guarded(list_silences, write=False), methods=["GET"]),
    Route("/api/silences", guarded(add_silence, write=True), methods=["POST"]),
    Route("/api/silences/{silence_id}/expire", guarded(expire_silence, write=True), methods=["POST"]),
    *rules_api.ROUTES,
]
# What a handler raises, answered: a refusal with what to fix; a store damaged since it was opened with a 503
# that says what to do (sqlite3's errors on its pages or text, DamagedRecord on a record that no longer decodes).
ANSWERS: dict[Any, ExceptionHandler] = {
    Refused: refused, ClientDisconnect: disconnected, DamagedRecord: store_unreadable,
    sqlite3.DatabaseError: store_unreadable,
}


def build_app(desk: DeskBase, token: str | None, open_reads: bool = False, hosts: HostNames | None = None
              ) -> Starlette:
    """The API over ``desk``. Writes need ``Authorization: Bearer <token>``; so do reads unless ``open_reads``.
    Without a token every write is refused: the service never takes anonymous writes. A request must name the
    server by one of ``hosts`` (an address or localhost otherwise)."""
    app = Starlette(routes=ROUTES, exception_handlers=ANSWERS, middleware=[
        Middleware(Policed), Middleware(HostChecked, names=hosts or HostNames())])
    app.state.desk, app.state.token, app.state.open_reads = desk, token, open_reads
    app.state.document = openapi(ActionIn, SilenceIn)
    return app
