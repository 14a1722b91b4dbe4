"""The HTTP API of ``signalfire serve``: alerts, articles in, the desk's actions, a live feed, health and metrics."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from stream.core.articles import article_from_json, dead_letter
from stream.core.records import Article, DeadLetter
from stream.core.review import VERDICTS, VerdictRefused
from stream.core.views import AlertQuery
from stream.errors import BadArticle
from stream.notify.dispatch import utc_now
from stream.control.silences import SilenceRefused
from stream.web.live import DeskBase, SilencesElsewhere
from stream.web.openapi import openapi
from stream.web.params import BadQuery, alert_query
from stream.web.policy import HostChecked, HostNames, Policed
from stream.web.rules_api import rules_routes
from stream.web.shown import feature

STATIC = Path(__file__).parent / "static"  # the page and its vendored assets, shipped in the package
MAX_BODY = 8 * 1024 * 1024  # a batch of articles, each at most 1 MB
MAX_ACTION_BODY = 16 * 1024
KEEPALIVE_S = 15.0
# What a desk does to an alert: the first three to any, a verdict (confirm, reject) to one held for review.
ACTIONS = ("ack", "assign", "dismiss", *VERDICTS)
Handler = Callable[[Request], Awaitable[Response]]


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


class Refused(Exception):
    """A request refused: its HTTP status and what to put right."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def build_app(desk: DeskBase, token: str | None, open_reads: bool = False, hosts: HostNames | None = None
              ) -> Starlette:
    """The API over ``desk``. Writes need ``Authorization: Bearer <token>``; so do reads unless ``open_reads``.
    Without a token every write is refused: the service never takes anonymous writes. A request must name the
    server by one of ``hosts`` (an address or localhost otherwise)."""

    def guarded(handler: Handler, write: bool) -> Handler:
        async def endpoint(request: Request) -> Response:
            if write or not open_reads:
                given = request.headers.get("authorization", "")
                if token is None or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                    why = "set SIGNALFIRE_TOKEN to accept writes" if token is None else "a valid bearer token"
                    return JSONResponse({"error": f"unauthorised: this needs {why}"}, status_code=401,
                                        headers={"WWW-Authenticate": "Bearer"})
            try:
                return await handler(request)
            except Refused as exc:
                return JSONResponse({"error": exc.message}, status_code=exc.status)
            except ClientDisconnect:  # gone, or cut off mid-body by the server: no one to answer
                return Response(status_code=400)

        return endpoint

    async def list_alerts(request: Request) -> Response:
        query = _query(request)
        views = await desk.alerts(query)
        # A full page may have more behind it: its last alert is the cursor of the next (``before``).
        return JSONResponse({"alerts": views, "next": views[-1]["id"] if len(views) == query.limit else None})

    async def geojson(request: Request) -> Response:
        # An alert placed at a state, region or country is at its area's centre, marked so (``centroid``).
        features = [f for view in await desk.alerts(_query(request)) if (f := feature(view)) is not None]
        return JSONResponse({"type": "FeatureCollection", "features": features},
                            media_type="application/geo+json")

    async def one_alert(request: Request) -> Response:
        view = await desk.alert(request.path_params["alert_id"])
        if view is None:
            raise Refused(404, f"no alert {request.path_params['alert_id']}")
        return JSONResponse(view)

    async def post_articles(request: Request) -> Response:
        body = await _body(request, MAX_BODY)
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
        letters = await desk.post(inputs)
        refused = {letter.id for letter in letters}
        return JSONResponse({
            "articles": [item.id for item in inputs if isinstance(item, Article) and item.id not in refused],
            "dead_letters": [{"id": letter.id, "origin": letter.origin, "reason": letter.reason} for letter in letters],
        }, status_code=202)

    def act(action: str) -> Handler:
        async def handler(request: Request) -> Response:
            given = _model(ActionIn, await _body(request, MAX_ACTION_BODY))
            if action == "assign" and not given.assignee:
                raise Refused(422, "assignee: whom the alert is assigned to")
            if action == "reject" and not (given.note or "").strip():
                raise Refused(422, "note: why the alert is rejected (a rejection needs a reason)")
            try:
                record = await desk.act(request.path_params["alert_id"], action, given.by, given.note,
                                        given.assignee, utc_now())
            except VerdictRefused as exc:  # not held for review, or judged already: the first verdict stands
                raise Refused(409, str(exc)) from None
            if record is None:
                raise Refused(404, f"no alert {request.path_params['alert_id']}")
            return JSONResponse(record.model_dump(mode="json", exclude={"type"}), status_code=201)

        return handler

    async def list_silences(request: Request) -> Response:
        return JSONResponse({"silences": await desk.silences()})

    async def add_silence(request: Request) -> Response:
        given = _model(SilenceIn, await _body(request, MAX_ACTION_BODY))
        try:
            record = await desk.silence(given.rule, given.match, given.until, given.reason, utc_now())
        except SilencesElsewhere as exc:
            raise Refused(409, str(exc)) from None
        except SilenceRefused as exc:
            raise Refused(422, str(exc)) from None
        return JSONResponse(record.model_dump(mode="json", exclude={"type"}), status_code=201)

    async def expire_silence(request: Request) -> Response:
        try:
            record = await desk.expire(request.path_params["silence_id"], utc_now())
        except SilencesElsewhere as exc:
            raise Refused(409, str(exc)) from None
        except SilenceRefused as exc:
            raise Refused(409 if "already" in str(exc) else 404, str(exc)) from None
        return JSONResponse(record.model_dump(mode="json", exclude={"type"}))

    async def live(request: Request) -> Response:
        queue = desk.subscribe()

        async def events() -> AsyncIterator[str]:
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

        return StreamingResponse(events(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def metrics(request: Request) -> Response:
        return Response(await desk.render_metrics(),
                        media_type="text/plain; version=0.0.4; charset=utf-8")

    document = openapi(ActionIn, SilenceIn)

    async def described(request: Request) -> Response:
        return JSONResponse(document)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "alive"})

    async def readyz(request: Request) -> Response:
        why = await desk.ready()
        if why is not None:
            return JSONResponse({"status": "not ready", **why}, status_code=503)
        return JSONResponse({"status": "ready", "rules_version": desk.rules.current.version})

    async def page(request: Request) -> Response:
        # The page holds no data (it asks the API, with the token); its policy is on every response (Policed).
        return FileResponse(STATIC / "desk.html")

    async def rules_page(request: Request) -> Response:
        return FileResponse(STATIC / "rules.html")

    routes = [
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
        *(Route(f"/api/alerts/{{alert_id}}/{action}", guarded(act(action), write=True), methods=["POST"])
          for action in ACTIONS),
        Route("/api/silences", guarded(list_silences, write=False), methods=["GET"]),
        Route("/api/silences", guarded(add_silence, write=True), methods=["POST"]),
        Route("/api/silences/{silence_id}/expire", guarded(expire_silence, write=True), methods=["POST"]),
        *rules_routes(desk, guarded),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Policed),
                                                    Middleware(HostChecked, names=hosts or HostNames())])


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


M = TypeVar("M", bound=BaseModel)


def _model(model: type[M], body: bytes) -> M:
    """The body read as ``model``, or a 422 naming the first field that is wrong."""
    try:
        return model.model_validate_json(body or b"{}")
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise Refused(422, f"{'.'.join(map(str, problem['loc'])) or 'body'}: {problem['msg']}") from None


async def _body(request: Request, limit: int) -> bytes:
    """The request body, refused past ``limit`` bytes without reading the rest."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Refused(413, f"the body is over {limit:,} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(413, f"the body is over {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)

