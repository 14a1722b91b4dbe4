"""The apprise adapter: any channel apprise reaches, with its silent failures turned into errors."""

from __future__ import annotations

import apprise

from stream.errors import DeliveryFailed
from stream.notify import Message

_TYPES = {"critical": apprise.NotifyType.FAILURE, "high": apprise.NotifyType.WARNING}


def redacted(url: str) -> str:
    """The URL as apprise prints it with secrets hidden, for logs and errors."""
    ap = apprise.Apprise()
    if ap.add(url):
        return str(ap[0].url(privacy=True))
    return url.split("://", 1)[0] + "://…"


def channel_problem(url: str) -> str | None:
    """What is wrong with a channel URL, or None when apprise can send to it: checked when rules load."""
    if apprise.Apprise().add(url):
        return None
    return (f"apprise cannot use the URL {redacted(url)}: check its scheme and parts against "
            "https://github.com/caronc/apprise/wiki")


class AppriseNotifier:
    """Sends through apprise; its False/None results become DeliveryFailed."""

    async def send(self, url: str, message: Message) -> None:
        ap = apprise.Apprise()
        if not ap.add(url):
            raise DeliveryFailed(f"apprise does not understand the channel URL {redacted(url)}")
        result = await ap.async_notify(
            body=message.body, title=message.title, notify_type=_TYPES.get(message.severity, apprise.NotifyType.INFO))
        if not result:
            status = getattr(result, "status", None)
            detail = f" ({status.name.lower()})" if status is not None else ""
            raise DeliveryFailed(f"{redacted(url)} did not accept the message{detail}")
