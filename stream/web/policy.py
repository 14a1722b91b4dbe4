"""What every answer of the server holds to: the page's Content-Security-Policy and nosniff on each response,
requests by a Host name that only DNS rebinding would send refused before they reach a route, and the bearer token
that a guarded route asks for."""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The page runs no script but its own files, and no other site may frame it (frame-ancestors is not covered by
# default-src, and is ignored in a <meta>: only a header can say it).
CONTENT_SECURITY_POLICY = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                           "frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CONTENT_SECURITY_POLICY.encode()), (b"x-content-type-options", b"nosniff")]
ALLOWED_HOSTS_ENV = "SIGNALFIRE_ALLOWED_HOSTS"
_NAME = re.compile(r"(\*\.)?[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*")
_HOST = re.compile(r"(?P<name>\[[0-9a-f:.]+\]|[^:\[\]]*)(:[0-9]{1,5})?")
Handler = Callable[[Request], Awaitable[Response]]


class Policed:
    """Every response the app sends carries ``HEADERS``, static files and refusals included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                given = {name for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in given)]
            await send(message)

        await self.app(scope, receive, with_policy)


@dataclass(frozen=True)
class HostNames:
    """The Host names a request may give. A page that rebinds its own name to this server's address makes the
    browser send that name: such a name is refused unless the operator allowed it. An address (any) and localhost
    are always answered, as no rebinding page can be reached by them; so is a request naming no host, which no
    browser sends. ``*.example.org`` allows the names under example.org."""

    names: frozenset[str] = frozenset()

    @classmethod
    def of(cls, listen: str, allowed: Iterable[str] = (), env: str | None = None) -> HostNames:
        """The names of a server listening on ``listen`` (a name there is one), those ``allowed`` and those of
        the environment's ``SIGNALFIRE_ALLOWED_HOSTS`` (separated by commas or spaces). ValueError for one
        that is not a host name."""
        given = [listen, *allowed, *(env or "").replace(",", " ").split()]
        names = {_normal(name) for name in given if name and not _is_address(name)}
        wrong = sorted(name for name in names if not _NAME.fullmatch(name))
        if wrong:
            raise ValueError(f"{wrong[0]!r} is not a host name (a name like desk.example.org, or *.example.org)")
        return cls(frozenset(names))

    def allows(self, host: str | None) -> bool:
        if host is None:
            return True
        found = _HOST.fullmatch(host.strip().lower())
        if found is None:
            return False
        name = _normal(found["name"].strip("[]"))
        if _is_address(name) or name == "localhost" or name.endswith(".localhost"):
            return True
        if not _NAME.fullmatch(name) or name.startswith("*."):
            return False
        return name in self.names or any(name.endswith(allowed[1:]) for allowed in self.names
                                         if allowed.startswith("*."))


class HostChecked:
    """Requests by a Host name that ``names`` does not allow get a 421, which says how to allow it."""

    def __init__(self, app: ASGIApp, names: HostNames) -> None:
        self.app = app
        self.names = names

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = Headers(scope=scope).get("host")
            if not self.names.allows(host):
                await _refuse(send, host or "")
                return
        await self.app(scope, receive, send)


def guarded(handler: Handler, write: bool) -> Handler:
    """``handler`` behind the token of the app's state (``token``): a write always needs ``Authorization: Bearer
    <token>``, a read unless the state's ``open_reads``. Without a token every write is refused: the service never
    takes anonymous writes."""

    async def endpoint(request: Request) -> Response:
        state = request.app.state
        if write or not state.open_reads:
            token: str | None = state.token
            given = request.headers.get("authorization", "")
            if token is None or not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                why = "set SIGNALFIRE_TOKEN to accept writes" if token is None else "a valid bearer token"
                return JSONResponse({"error": f"unauthorised: this needs {why}"}, status_code=401,
                                    headers={"WWW-Authenticate": "Bearer"})
        return await handler(request)

    return endpoint


async def _refuse(send: Send, host: str) -> None:
    shown = _HOST.fullmatch(host.strip().lower())
    name = _normal(shown["name"]) if shown else host
    body = json.dumps({"error": f"Host {name[:100]!r} is not a name of this server: name it with --allowed-host "
                                f"or {ALLOWED_HOSTS_ENV}"}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 421, "headers": [
        (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _normal(name: str) -> str:
    return name.strip().lower().rstrip(".")


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True
