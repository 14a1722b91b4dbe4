"""Polling feeds into articles: new items only, full text where the feed holds a summary, copies marked.

One feed's failure (bad XML, a 404, a timeout, a huge answer) is logged with its name, counted in its state
and retried later with backoff; it never stops the others, and neither does a feed that is slow: each is polled
in a task of its own. One item's bad link or unfetchable page is that item's problem, never its feed's. The
work of parsing and of finding copies is done off the event loop.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from stream.core.articles import article_from_json, dead_letter
from stream.core.ids import content_id
from stream.core.records import Article, CopyOf, DeadLetter
from stream.errors import BadArticle
from stream.feeds.config import Feed, FeedsFile
from stream.feeds.copies import CopyIndex, Original, fingerprint, signature
from stream.feeds.fetch import Fetched, Fetcher, FetchError
from stream.feeds.reach import Reach, Refused, origin
from stream.feeds.state import FeedState, IngestState, Item
from stream.feeds.text import fragment_text, page_text
from stream.feeds.urls import canonical

log = logging.getLogger("signalfire.feeds")
Sink = Callable[[Sequence[Article | DeadLetter]], Awaitable[Any]]
# A feed item with less text than this holds a summary: with full_text: auto, its page is read.
SUMMARY_CHARS = 600
COPIES_KEPT = 50_000  # items the copy index is rebuilt from at a start, and the texts remembered for duplicates
MAX_BACKOFF = 6 * 3600.0  # the longest a failing feed waits, a server's Retry-After included
SAVE_EVERY = 1.0  # seconds: feed states of polls that end within this time are saved in one transaction


@dataclass
class PollReport:
    polled: int = 0
    not_modified: int = 0
    articles: int = 0
    copies: int = 0
    duplicates: int = 0
    dead_letters: int = 0
    skipped: int = 0  # items whose page could not be fetched this time: tried again at the next poll
    failed: list[str] = field(default_factory=list)

    def count(self, other: PollReport) -> None:
        self.articles += other.articles
        self.copies += other.copies
        self.duplicates += other.duplicates
        self.dead_letters += other.dead_letters


class Ingestor:
    """Polls the feeds that are due; what they hold that is new goes to ``sink``."""

    def __init__(self, config: FeedsFile, state: IngestState, fetcher: Fetcher, sink: Sink,
                 clock: Callable[[], float] = time.time, jitter: Callable[[], float] = random.random) -> None:
        self.config, self.state, self.fetcher, self.sink = config, state, fetcher, sink
        self.clock, self.jitter = clock, jitter
        self.states: dict[str, FeedState] = {}
        self.copies = CopyIndex(COPIES_KEPT)
        # fingerprint -> article id, of the latest texts taken in, oldest first
        self.texts: OrderedDict[str, str] = OrderedDict()
        # One thread for the copy index: decisions are made one feed at a time, in the order asked, off the loop.
        self._copier = ThreadPoolExecutor(1, thread_name_prefix="signalfire-copies")
        self._writes: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Feed states and the copy index, as the last run left them."""
        self.states = await self.state.feeds()
        items = await self.state.recent(COPIES_KEPT)
        await asyncio.get_running_loop().run_in_executor(self._copier, self._remember, items)

    def close(self) -> None:
        self._copier.shutdown(wait=False, cancel_futures=True)

    def _remember(self, items: list[Item]) -> None:
        for item in items:
            if not item.signature:
                continue  # a dead letter: remembered so as not to fetch it again, nothing to compare
            original = Original(item.original, item.original_source) if item.original else None
            self.copies.add(item.id, item.signature, item.source, original)
            self._text(item.fingerprint, item.id)

    def _text(self, printed: str, article_id: str) -> None:
        self.texts.setdefault(printed, article_id)
        if len(self.texts) > COPIES_KEPT:
            self.texts.popitem(last=False)

    async def poll_due(self, every: bool = False) -> PollReport:
        """Every feed whose time has come (or ``every`` feed), at once (the fetcher paces each host)."""
        now = self.clock()
        due = [feed for feed in self.config.feeds if every or self._state(feed).next_poll <= now]
        report = PollReport()
        await asyncio.gather(*(self.poll(feed, report) for feed in due))
        await self.state.save([self._state(feed) for feed in due])  # one transaction a round, not one a feed
        return report

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until ``stop``: each feed in a task of its own as soon as it is due, so that a slow feed holds
        up nobody else (the fetcher's per-host limits still apply). At ``stop``, polls still fetching are
        cancelled; one writing its articles finishes writing first."""
        polls: dict[str, asyncio.Task[None]] = {}
        ended: set[str] = set()
        saved_at = time.monotonic()
        stopping = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                now = self.clock()
                for feed in self.config.feeds:
                    if feed.name not in polls and self._state(feed).next_poll <= now:
                        polls[feed.name] = asyncio.create_task(self.poll(feed, PollReport()))
                idle = [self._state(feed).next_poll - now for feed in self.config.feeds if feed.name not in polls]
                wait = min([*idle, 60.0] + ([SAVE_EVERY] if ended else []))
                await asyncio.wait([stopping, *polls.values()], timeout=max(wait, 0.05),
                                   return_when=asyncio.FIRST_COMPLETED)
                ended.update(name for name, task in polls.items() if task.done())
                for name in ended:
                    polls.pop(name, None)
                if ended and time.monotonic() - saved_at >= SAVE_EVERY:
                    await self._save(ended)
                    saved_at = time.monotonic()
        finally:
            stopping.cancel()
            for task in polls.values():
                task.cancel()
            await asyncio.gather(*polls.values(), *self._writes, return_exceptions=True)
            await self._save(ended)

    async def _save(self, names: set[str]) -> None:
        if names:
            await self.state.save([self.states[name] for name in sorted(names)])
            names.clear()

    def _state(self, feed: Feed) -> FeedState:
        return self.states.setdefault(feed.name, FeedState(name=feed.name))

    async def poll(self, feed: Feed, report: PollReport) -> None:
        state = self._state(feed)
        state.polls += 1
        report.polled += 1
        try:
            reach = Reach.of(str(feed.url), feed.allow_private)
            fetched = await self.fetcher.get(str(feed.url), reach, state.etag, state.last_modified)
            if fetched.status == 304:
                state.not_modified += 1
                report.not_modified += 1
                problem = None
            else:
                problem = await self._take(feed, reach, fetched, state, report)
                state.etag, state.last_modified = fetched.etag, fetched.last_modified
        except FetchError as exc:
            self._failed(feed, state, exc.reason, exc.retry_after, report)
        except Refused as exc:  # the feed's own URL has no usable host or port
            self._failed(feed, state, str(exc), None, report)
        except Exception as exc:  # a feed that breaks the parser is this feed's problem, never the others'
            self._failed(feed, state, f"{type(exc).__name__}: {exc}", None, report)
        else:
            if problem:
                self._failed(feed, state, problem, None, report)
            else:
                state.healthy, state.failures, state.last_ok_at = True, 0, _now()
                state.next_poll = self.clock() + feed.interval

    def _failed(self, feed: Feed, state: FeedState, reason: str, retry_after: float | None,
                report: PollReport) -> None:
        log.warning("feed %s: %s", feed.name, reason)
        state.healthy, state.last_error, state.last_error_at = False, reason, _now()
        state.failures += 1
        state.errors += 1
        # Exponential backoff with jitter (0.5x to 1.5x), never sooner than the server asked, if it asked for
        # no more than the longest backoff: a Retry-After of years would silence the feed for good.
        doubled = feed.interval * 2.0 ** min(state.failures - 1, 32)  # bounded: a float would overflow in time
        backoff = min(doubled, MAX_BACKOFF) * (0.5 + self.jitter())
        state.next_poll = self.clock() + max(backoff, min(retry_after or 0.0, MAX_BACKOFF))
        report.failed.append(feed.name)

    async def _take(self, feed: Feed, reach: Reach, fetched: Fetched, state: FeedState, report: PollReport
                    ) -> str | None:
        """The feed's new items into articles; what was wrong with the feed itself, if anything."""
        parsed = await asyncio.to_thread(feedparser.parse, fetched.body, response_headers={
            "content-type": fetched.content_type, "content-location": fetched.url})
        problem = None
        if parsed.bozo:
            if "html" in fetched.content_type and not parsed.version:
                return f"an HTML page where a feed was expected ({parsed.bozo_exception})"
            problem = f"not a well-formed feed: {parsed.bozo_exception}"
            if not parsed.entries:
                return problem
        outlet = feed.outlet or parsed.feed.get("title") or None
        links = [link for link in (_link(fetched.url, entry) for entry in parsed.entries) if link is not None]
        known = await self.state.known([link.id for link in links])
        built: list[tuple[_Link, Article | DeadLetter]] = []
        # Oldest first, so that publication order is the order the feed told them in.
        for link in reversed(links):
            if link.id in known:
                continue
            known.add(link.id)  # the same link twice in one feed
            item = (self._bad_link(feed, link) if link.problem else
                    await self._article(feed, reach, link, outlet, state, report))
            if item is not None:
                built.append((link, item))
            await asyncio.sleep(0)  # a turn for the other feeds between items: a feed of thousands holds no one up
        out, taken, tally = await asyncio.get_running_loop().run_in_executor(
            self._copier, self._decide, feed.name, built)
        report.count(tally)
        await self._write(out, taken)
        state.items += tally.articles
        return problem

    async def _write(self, out: list[Article | DeadLetter], taken: list[Item]) -> None:
        """The feed's articles to the sink, then remembered, each in one go: a crash in between fetches them
        again, and the sink takes an article it already holds as the same article. A write once begun is
        finished, even when its poll is cancelled (``run`` waits for it)."""
        async def write() -> None:
            if out:
                await self.sink(out)
            await self.state.take(taken)

        task = asyncio.ensure_future(write())
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)
        await asyncio.shield(task)

    def _bad_link(self, feed: Feed, link: _Link) -> DeadLetter:
        log.warning("feed %s: item %s: %s", feed.name, link.url[:200], link.problem)
        raw = json.dumps({"url": link.url, "title": link.entry.get("title")}, ensure_ascii=False).encode()
        return dead_letter(raw, f"feed:{feed.name}", str(link.problem))

    async def _article(self, feed: Feed, reach: Reach, link: _Link, outlet: str | None, state: FeedState,
                       report: PollReport) -> Article | DeadLetter | None:
        entry, url = link.entry, link.url
        content = entry["content"][0].get("value", "") if entry.get("content") else entry.get("summary", "")
        text = fragment_text(content or "")
        title = fragment_text(entry.get("title") or "") or None
        published: date | None = _moment(entry.get("published_parsed") or entry.get("updated_parsed"))
        if feed.full_text is True or (feed.full_text == "auto" and len(text) < SUMMARY_CHARS):
            try:
                page = await self.fetcher.get(url, reach)
            except FetchError as exc:
                log.warning("feed %s: item %s: %s; tried again at the next poll", feed.name, url, exc.reason)
                report.skipped += 1
                state.skipped += 1
                return None
            found = await asyncio.to_thread(page_text, page.body.decode(_charset(page.content_type), "replace"), url)
            if found is not None:
                text, title, published = found.text, title or found.title, published or found.published
                outlet = outlet or found.outlet
        body = {"id": link.id, "url": url, "source": outlet, "title": title, "text": text,
                "published": published.isoformat() if published else None}
        raw = json.dumps(body, ensure_ascii=False).encode()
        try:
            return article_from_json(raw, date.today())
        except BadArticle as exc:
            return dead_letter(raw, f"feed:{feed.name}", str(exc))

    def _decide(self, feed: str, built: list[tuple[_Link, Article | DeadLetter]]
                ) -> tuple[list[Article | DeadLetter], list[Item], PollReport]:
        """Whether each item is new, a copy or the same text again. Run on the copy index's one thread, a
        feed's items at a time, so that feeds polled at once never both take one story as its original."""
        out: list[Article | DeadLetter] = []
        taken: list[Item] = []
        tally = PollReport()
        for link, item in built:
            if isinstance(item, DeadLetter):
                out.append(item)
                tally.dead_letters += 1
                taken.append(Item(id=link.id, feed=feed, url=link.url, fingerprint="", signature=b"", source=None,
                                  original=None, original_source=None, taken_at=_now()))
                continue
            printed, sig = fingerprint(item.text), signature(item.text)
            original: Original | None = None
            if printed in self.texts:
                tally.duplicates += 1  # the same text under another link: one article
            else:
                self._text(printed, item.id)
                original = self.copies.original_of(sig, item.source)
                self.copies.add(item.id, sig, item.source, original)
                if original is not None:
                    item = item.model_copy(update={"copy_of": CopyOf(article_id=original.article_id,
                                                                     source=original.source)})
                    tally.copies += 1
                out.append(item)
                tally.articles += 1
            taken.append(Item(id=item.id, feed=feed, url=link.url, fingerprint=printed, signature=sig,
                              source=item.source, original=original.article_id if original else None,
                              original_source=original.source if original else None, taken_at=_now()))
        return out, taken, tally


@dataclass(frozen=True)
class _Link:
    """An item's link: its article id and canonical URL, or the link as given and why it cannot be fetched."""

    id: str
    url: str
    entry: Any
    problem: str | None = None


def _link(base: str, entry: Any) -> _Link | None:
    link = entry.get("link") or entry.get("id")
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    try:
        url = canonical(urljoin(base, link))
        if not url.startswith(("http://", "https://")):
            return None  # mailto:, tag: and other ids that are no page
        origin(url)
    except (ValueError, Refused) as exc:
        return _Link(content_id("art", link), link, entry, f"a link that cannot be fetched: {exc}")
    return _Link(content_id("art", url), url, entry)


def _moment(parsed: Any) -> datetime | None:
    """A feed item's time, which feedparser gives in UTC: its hour tells the day where the story is."""
    if not parsed:
        return None
    try:
        return datetime(parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5], tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        return None


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            try:
                "".encode(value.strip('"'))
                return value.strip('"')
            except LookupError:
                break
    return "utf-8"


def _now() -> datetime:
    return datetime.now(UTC)
