"""Hot reload of the rules file, for every runtime: a changed file takes effect once settled and valid."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from stream.control.rules_file import rules_from
from stream.core.rules.schema import RuleSet
from stream.errors import RulesError

log = logging.getLogger("signalfire")

# A changed rules file is read once it has stayed the same this long: an editor or a copy may still be
# writing it, and half a file is often a valid, smaller one.
SETTLE_S = 0.5
# An empty rule set is taken only when the file says so in so many words.
_NO_RULES = re.compile(r"^rules:\s*\[\s*\]\s*(?:#.*)?$", re.M)


def _whole(text: str) -> bool:
    """Whether the file says it was written to its end: its last line is YAML's end of document, '...'. No wait
    can tell a writer's pause from its end; this line can."""
    return text.rstrip().rpartition("\n")[2].partition(" #")[0].strip() == "..."


class RulesWatcher:
    """Re-reads the rules file when its content changes and has settled; only a valid file replaces the rules."""

    def __init__(self, path: Path, env: Mapping[str, str], current: RuleSet,
                 clock: Callable[[], float] = time.monotonic, settle: float = SETTLE_S) -> None:
        self.path = path
        self.env = env
        self.current = current
        self._clock, self._settle = clock, settle
        self._digest = self._read_digest()
        try:  # once the rules in force end with '...', a file without it is one not yet written to its end
            self.text = path.read_text(encoding="utf-8")  # the file of the rules in force, as the rules page shows it
        except (OSError, UnicodeDecodeError):
            self.text = ""
        self._ended = _whole(self.text)
        self._changed: tuple[str, float] | None = None  # a new content, and when it was first seen
        self._applied: RuleSet | None = None  # rules written by apply(), for the next poll to hand over at once
        self._lock = threading.Lock()  # apply() runs on the event loop, poll() in a worker thread
        self.reloads = self.refusals = 0  # what /metrics reports

    def _read_digest(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

    async def reload(self) -> RuleSet | None:
        """``poll`` in a worker thread: reading and checking a changed file (up to 1 MiB of YAML) never holds up
        the event loop that the service's other work (the web API, the outbox) runs on."""
        return await asyncio.to_thread(self.poll)

    def check(self, text: str) -> tuple[RuleSet | None, list[str]]:
        """A candidate file's rules, or every problem a reload would refuse it for (as FILE:LINE:COL), named as
        the file in force. A file cannot be cut when apply() writes it, so only its content is judged."""
        try:
            rules = rules_from(text, self.path, self.env)
        except RulesError as exc:
            return None, exc.problems
        if not rules.rules and not _NO_RULES.search(text):
            return None, [f"{self.path}:1:1: rules: the new file has no rules; write 'rules: []' to mean it"]
        return rules, []

    def apply(self, text: str, rules: RuleSet) -> None:
        """The file was just written whole with ``text`` (checked: ``rules``): the next poll hands the rules over
        without waiting for the file to settle."""
        with self._lock:
            self._applied = rules
            self._digest, self._changed = hashlib.sha256(text.encode("utf-8")).hexdigest(), None
            self.text, self._ended = text, _whole(text)

    @property
    def applying(self) -> bool:
        """Rules written by apply() that the service has not taken yet."""
        return self._applied is not None

    def poll(self) -> RuleSet | None:
        """The new rules when the file changed to a valid one; None when unchanged, unsettled or refused."""
        with self._lock:
            applied, self._applied = self._applied, None
        if applied is not None:
            self.current = applied
            self.reloads += 1
            log.warning("%s: rules applied (version %s, %d rules)", self.path, applied.version, len(applied.rules))
            return applied
        digest = self._read_digest()
        if digest is None or digest == self._digest:
            self._changed = None
            return None
        now = self._clock()
        if self._changed is None or self._changed[0] != digest:
            self._changed = (digest, now)
            return None
        if now - self._changed[1] < self._settle:
            return None
        self._digest, self._changed = digest, None
        try:
            text = self.path.read_text(encoding="utf-8")
            rules = rules_from(text, self.path, self.env)
            unfinished = self._unfinished(text, rules)
            if unfinished:
                raise RulesError([unfinished])
        except (RulesError, OSError, UnicodeDecodeError) as exc:
            problems = exc.problems if isinstance(exc, RulesError) else [f"{self.path}: {exc}"]
            for problem in problems:
                log.error("%s", problem)
            log.error("%s: refused; keeping the last good rules (version %s)", self.path, self.current.version)
            self.refusals += 1
            return None
        self.current, self._ended, self.text = rules, _whole(text), text
        self.reloads += 1
        log.warning("%s: rules reloaded (version %s, %d rules)", self.path, rules.version, len(rules.rules))
        return rules

    def _unfinished(self, text: str, rules: RuleSet) -> str | None:
        """Why a valid new file may be one cut while it is written, or None. A file that ends with '...' is
        whole. Once the rules in force ended so, one that does not is cut, wherever the cut fell; before that,
        one that leaves out a rule in force is taken for cut, since a copy stalled at a rule's end is a valid,
        shorter file that no wait tells apart."""
        if not rules.rules and not _NO_RULES.search(text):
            return f"{self.path}:1:1: rules: the new file has no rules; write 'rules: []' to mean it"
        if _whole(text):
            return None
        end = f"{self.path}:{text.count(chr(10)) + 1}:1"
        if self._ended:
            return (f"{end}: (file): the rules in force end with a line '...' and this file does not: it may be cut "
                    "while it is written; end it with '...' when it is whole")
        kept = {rule.id for rule in rules.rules}
        left_out = [rule.id for rule in self.current.rules if rule.id not in kept]
        if left_out and rules.rules:
            return (f"{end}: rules: the new file leaves out rules in force ({', '.join(left_out)}): a file cut while "
                    "it is written looks like this; if you mean it, end the file with a line '...' (YAML's end of "
                    "document)")
        return None
