"""Rules text to a RuleSet, or a RulesError whose every line reads ``FILE:LINE:COL: key.path: what to fix``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, MappingStartEvent, ScalarEvent

from stream.core.rules.depth import MAX_DEPTH, too_deep
from stream.core.rules.schema import (
    ControlChange,
    Match,
    RuleSet,
    Silence,
    Spike,
    Threshold,
    WindowCount,
    WindowSum,
)
from stream.errors import RulesError

KINDS: dict[str, type[BaseModel]] = {"control_change": ControlChange, "threshold": Threshold,
                                     "window_sum": WindowSum, "window_count": WindowCount, "spike": Spike}
_ENV = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
# Variables a rules file may read besides SIGNALFIRE_*: a comma-separated list, set where the service starts.
ENV_ALLOW = "SIGNALFIRE_RULES_ENV"
# The settings Signalfire itself reads: never a channel's, whatever their prefix or the allow list says. The API
# token in a channel URL would go to whoever the URL names. (A test checks that every name the code reads is here.)
OWN_SETTINGS = frozenset({
    "SIGNALFIRE_TOKEN", ENV_ALLOW, "SIGNALFIRE_ALLOWED_HOSTS", "SIGNALFIRE_BROKER", "SIGNALFIRE_RULES",
    "SIGNALFIRE_DATA_DIR", "SIGNALFIRE_TOPIC_PREFIX", "SIGNALFIRE_APP_ID", "SIGNALFIRE_PARTITIONS",
    "SIGNALFIRE_SESSION_TIMEOUT", "SIGNALFIRE_GRACE", "SIGNALFIRE_CACHE", "SIGNALFIRE_ACTORS",
    "SIGNALFIRE_INSTANCE_ID",
})
Loc = tuple[int | str, ...]


def parse_yaml(text: str, filename: str) -> Any:
    """YAML with its line marks kept, or a RulesError that points at what to fix; never a traceback."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_RULES_BYTES:
        raise RulesError([f"{filename}:1:1: (file): {size:,} bytes; a rules file holds {MAX_RULES_BYTES:,} at most"])
    deep = too_deep(text)
    if deep is not None:
        raise RulesError([_too_deep(filename, *deep)])
    try:
        problems = _unsafe_nodes(text, filename)
        if problems:
            raise RulesError(problems)
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RulesError([f"{filename}:{line}:{col}: YAML syntax: {exc.problem or exc.context}"]) from None
    except RulesError:
        raise
    except Exception as exc:  # anything else the YAML library raises is a refusal, with what it said
        raise RulesError([f"{filename}:1:1: YAML: {type(exc).__name__}: {exc}"]) from None


# A rules file is a few kilobytes: a megabyte is a mistake or an attack, refused before it is parsed.
MAX_RULES_BYTES = 1 << 20
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _too_deep(filename: str, line: int, col: int) -> str:
    return (f"{filename}:{line}:{col}: (file): nested more than {MAX_DEPTH} levels deep; a rules file needs a few "
            "(a rule, its match, a list in it): write the value out flatter")


def _unsafe_nodes(text: str, filename: str) -> list[str]:
    """Aliases, impossible dates and nesting too deep, found in the parse events before anything is built."""
    problems: list[str] = []
    depth = 0
    # Each open collection: whether it is a mapping, and the nodes read in it so far (a mapping's even ones are keys).
    open_nodes: list[list[Any]] = []
    for event in YAML(typ="rt").parse(text):
        if len(problems) >= 10:
            break  # a bomb holds thousands of aliases: the first ten say enough
        mark = event.start_mark
        depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
        if depth > MAX_DEPTH:  # stopped at once: building a node this deep recurses as deep
            return [*problems, _too_deep(filename, mark.line + 1, mark.column + 1)]
        if isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent)) and open_nodes:
            mapping, read = open_nodes[-1]
            if mapping and read % 2 == 0 and isinstance(event, CollectionStartEvent):
                # A mapping or list as a key ("{{x}: 1}"): hashing one nested a dozen deep takes the YAML library
                # seconds, and no rule has such a key.
                return [*problems, f"{filename}:{mark.line + 1}:{mark.column + 1}: (file): a mapping or list used "
                                   "as a key; a rules file's keys are words: write the key as one"]
            open_nodes[-1][1] = read + 1
        if isinstance(event, CollectionStartEvent):
            open_nodes.append([isinstance(event, MappingStartEvent), 0])
        elif isinstance(event, CollectionEndEvent):
            open_nodes.pop()
        # Aliases let a few bytes of YAML stand for gigabytes ("billion laughs"); a rules file needs none.
        if isinstance(event, AliasEvent):
            problems.append(f"{filename}:{mark.line + 1}:{mark.column + 1}: YAML alias *{event.anchor}: anchors and "
                            "aliases are not accepted in a rules file; write the value out")
        elif isinstance(event, ScalarEvent) and event.style is None and _DATE_LIKE.match(event.value):
            try:
                date.fromisoformat("-".join(part.zfill(2) for part in event.value.split("-")))
            except ValueError as exc:
                problems.append(f"{filename}:{mark.line + 1}:{mark.column + 1}: {event.value} is not a date "
                                f"({exc}); write a real day as YYYY-MM-DD")
    return problems


# Says what is wrong with a channel URL, or None when the notifier can use it (the adapter's own check).
ChannelCheck = Callable[[str], "str | None"]


def load_rules(text: str, filename: str = "<rules>", env: Mapping[str, str] | None = None,
               channel_check: ChannelCheck | None = None) -> RuleSet:
    """Parse and validate a rules file; channel URLs take ``${VAR}`` from ``env`` and pass ``channel_check``."""
    try:
        return _load_rules(text, filename, env, channel_check)
    except RulesError:
        raise
    except Exception as exc:  # a loader bug is still a refusal with where and what, never a crash
        raise RulesError([f"{filename}:1:1: (file): cannot be loaded: {type(exc).__name__}: {exc}"]) from None


def _load_rules(text: str, filename: str, env: Mapping[str, str] | None, channel_check: ChannelCheck | None) -> RuleSet:
    data = parse_yaml(text, filename)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise RulesError([f"{filename}:1:1: (top): the file must be a mapping with 'channels' and 'rules'"])
    problems = _expand_env(data, filename, env or {})
    try:
        rules = RuleSet.model_validate(_plain(data))
    except ValidationError as exc:
        described = [describe(error, data, filename) for error in exc.errors()]
        problems += sorted(described, key=_line_order)
        raise RulesError(problems) from None
    problems += _check_references(rules, data, filename)
    for name, url in rules.channels.items() if channel_check else ():
        problem = channel_check(url)  # type: ignore[misc]
        if problem:
            line, col = _position(data, ("channels", name))
            problems.append(f"{filename}:{line}:{col}: channels.{name}: {problem}")
    if problems:
        raise RulesError(problems)
    return rules


def _line_order(problem: str) -> tuple[int, int]:
    _, line, col, _ = problem.split(":", 3)
    return int(line), int(col)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _expand_env(data: Any, filename: str, env: Mapping[str, str]) -> list[str]:
    channels = data.get("channels")
    problems: list[str] = []
    if not isinstance(channels, dict):
        return problems
    allowed = {name.strip() for name in env.get(ENV_ALLOW, "").split(",") if name.strip()}
    for name, url in list(channels.items()):
        if not isinstance(url, str):
            continue
        # Whoever edits the rules file must not be able to send any secret of the process to a URL of theirs.
        own = [v for v in _ENV.findall(url) if v in OWN_SETTINGS]
        if own:
            line, col = _position(data, ("channels", name))
            problems.append(f"{filename}:{line}:{col}: channels.{name}: ${{{own[0]}}} is one of Signalfire's own "
                            "settings, not a channel's secret: give the channel a variable of its own "
                            f"(SIGNALFIRE_<CHANNEL>_..., or one listed in {ENV_ALLOW})")
            continue
        refused = [v for v in _ENV.findall(url) if not v.startswith("SIGNALFIRE_") and v not in allowed]
        if refused:
            line, col = _position(data, ("channels", name))
            problems.append(f"{filename}:{line}:{col}: channels.{name}: ${{{refused[0]}}} is not a variable a "
                            f"rules file may read: name it SIGNALFIRE_..., or list it in {ENV_ALLOW} where the "
                            "service starts")
            continue
        missing = [v for v in _ENV.findall(url) if v not in env]
        if missing:
            line, col = _position(data, ("channels", name))
            problems.append(f"{filename}:{line}:{col}: channels.{name}: environment variable "
                            f"{', '.join(missing)} is not set; export it or remove the channel")
            continue
        channels[name] = _ENV.sub(lambda m: env[m.group(1)], url)
    return problems


def _check_references(rules: RuleSet, data: Any, filename: str) -> list[str]:
    """Names that must exist elsewhere in the file: channels of rules, rules of silences; unique rule ids."""
    problems = []
    ids: dict[str, int] = {}
    for i, rule in enumerate(rules.rules):
        if rule.id in ids:
            line, col = _position(data, ("rules", i, "id"))
            problems.append(f"{filename}:{line}:{col}: rules[{i}].id: '{rule.id}' is already the id of "
                            f"rules[{ids[rule.id]}]; ids must be unique")
        ids.setdefault(rule.id, i)
    for i, silence in enumerate(rules.silences):
        if silence.rule not in ids:
            line, col = _position(data, ("silences", i, "rule"))
            hint = _did_you_mean(silence.rule, ids) or f"; rules: {', '.join(ids)}"
            problems.append(f"{filename}:{line}:{col}: silences[{i}].rule: no rule '{silence.rule}'{hint}")
    for i, rule in enumerate(rules.rules):
        for j, name in enumerate(rule.channels):
            if name not in rules.channels:
                line, col = _position(data, ("rules", i, "channels", j))
                hint = _did_you_mean(name, rules.channels) or (
                    f"; defined channels: {', '.join(rules.channels)}" if rules.channels
                    else "; define it under 'channels:'")
                problems.append(f"{filename}:{line}:{col}: rules[{i}].channels[{j}]: unknown channel '{name}'{hint}")
    return problems


def _did_you_mean(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _yaml_path(loc: Loc, data: Any) -> Loc:
    """Drop the union tags pydantic puts in locations ("rules", 0, "window_sum", ...)."""
    path: list[int | str] = []
    node = data
    for i, part in enumerate(loc):
        # The tag stands right after the rule's index, once; a later part with that name is a real key.
        if i == 2 and loc[0] == "rules" and part in KINDS and isinstance(node, dict) and node.get("kind") == part:
            continue
        path.append(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return tuple(path)


def _position(data: Any, path: Loc) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of ``path`` found in the YAML."""
    node: Any = data
    line, col = 1, 1
    for part in path:
        marks = getattr(node, "lc", None)  # ruamel keeps line and column marks on the nodes it loads
        try:
            if marks is not None and isinstance(node, dict) and part in node:
                line, col = marks.key(part)
            elif marks is not None and isinstance(node, list) and isinstance(part, int) and part < len(node):
                line, col = marks.item(part)
            else:
                break
            line, col = line + 1, col + 1
            node = node[part]
        except (AttributeError, KeyError, TypeError):
            break
    return line, col


def _dotted(path: Loc) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"


def _model_at(path: Loc, data: Any) -> type[BaseModel] | None:
    """The model whose fields the mapping at ``path`` holds, for did-you-mean on keys."""
    if not path:
        return RuleSet
    node: Any = data
    for part in path:
        node = node[part] if isinstance(node, (dict, list)) else None  # type: ignore[index]
    if len(path) == 2 and path[0] == "rules":
        return KINDS.get(str(node.get("kind"))) if isinstance(node, dict) else None
    if len(path) == 3 and path[0] == "rules" and path[2] == "match":
        return Match
    if len(path) == 2 and path[0] == "silences":
        return Silence
    return None


def describe(error: Any, data: Any, filename: str,
              model_at: Callable[[Loc, Any], type[BaseModel] | None] = _model_at) -> str:
    """One validation error as ``FILE:LINE:COL: key.path: what to fix``; ``model_at`` names the model whose keys
    a mapping of the file holds, for the did-you-mean of a misspelt key (a rules file's, or another schema's)."""
    path = _yaml_path(tuple(error["loc"]), data)
    kind, message = error["type"], error["msg"]
    if kind == "extra_forbidden":
        model = model_at(path[:-1], data)
        hint = _did_you_mean(str(path[-1]), model.model_fields) if model else ""
        message = f"unknown key '{path[-1]}'{hint}"
    elif kind == "union_tag_invalid":
        got = error["ctx"]["tag"]
        message = f"unknown kind '{got}'{_did_you_mean(got, KINDS)} (kinds: {', '.join(KINDS)})"
        path = (*path, "kind")
    elif kind == "union_tag_not_found":
        message = f"missing 'kind': say which kind of rule this is ({', '.join(KINDS)})"
    elif kind == "missing":
        message = f"missing required option '{path[-1]}'"
    elif kind == "literal_error":
        message = f"{error['input']!r} is not allowed; expected {error['ctx']['expected']}"
    else:
        message = plain_message(error)
    return located(filename, data, path, message)


def plain_message(error: Any) -> str:
    """A validation error said plainly: a validator's own words, or pydantic's with the value it refused."""
    if error["type"] == "value_error":
        return str(error["ctx"]["error"])
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"{error['msg']}, got {error['input']!r}"
    return str(error["msg"])


def located(filename: str, data: Any, path: Loc, message: str) -> str:
    """``FILE:LINE:COL: key.path: message``, the line and column those of ``path`` in the parsed YAML."""
    line, col = _position(data, path)
    return f"{filename}:{line}:{col}: {_dotted(path)}: {message}"
