"""Hot reload of the rules file, for every runtime: a changed file takes effect once settled and valid."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from stream.core.rules.load import load_rules
from stream.core.rules.schema import RuleSet
from stream.errors import RulesError
from stream.notify.apprise_channel import channel_problem

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
            self._ended = _whole(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            self._ended = False
        self._changed: tuple[str, float] | None = None  # a new content, and when it was first seen
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

    def poll(self) -> RuleSet | None:
        """The new rules when the file changed to a valid one; None when unchanged, unsettled or refused."""
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
            rules = load_rules(text, str(self.path), self.env, channel_problem)
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
        self.current, self._ended = rules, _whole(text)
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
