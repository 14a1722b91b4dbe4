"""Hot reload of the rules file, for every runtime: a changed file takes effect once settled and valid."""

from __future__ import annotations

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


class RulesWatcher:
    """Re-reads the rules file when its content changes and has settled; only a valid file replaces the rules."""

    def __init__(self, path: Path, env: Mapping[str, str], current: RuleSet,
                 clock: Callable[[], float] = time.monotonic, settle: float = SETTLE_S) -> None:
        self.path = path
        self.env = env
        self.current = current
        self._clock, self._settle = clock, settle
        self._digest = self._read_digest()
        self._changed: tuple[str, float] | None = None  # a new content, and when it was first seen
        self.reloads = self.refusals = 0  # what /metrics reports

    def _read_digest(self) -> str | None:
        try:
            return hashlib.sha256(self.path.read_bytes()).hexdigest()
        except OSError:
            return None

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
            if not rules.rules and not _NO_RULES.search(text):
                raise RulesError([f"{self.path}:1:1: rules: the new file has no rules; write 'rules: []' to mean it"])
        except (RulesError, OSError, UnicodeDecodeError) as exc:
            problems = exc.problems if isinstance(exc, RulesError) else [f"{self.path}: {exc}"]
            for problem in problems:
                log.error("%s", problem)
            log.error("%s: refused; keeping the last good rules (version %s)", self.path, self.current.version)
            self.refusals += 1
            return None
        self.current = rules
        self.reloads += 1
        log.warning("%s: rules reloaded (version %s, %d rules)", self.path, rules.version, len(rules.rules))
        return rules
