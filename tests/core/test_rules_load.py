"""Rules files: the shipped one loads; each kind of mistake is reported as FILE:LINE:COL: path: message."""

import pytest

from stream.core.rules.load import load_rules
from stream.core.rules.schema import ControlChange, Threshold, WindowSum
from stream.errors import RulesError
from tests.conftest import DEFAULT_RULES


def problems(text: str, env: dict[str, str] | None = None) -> list[str]:
    with pytest.raises(RulesError) as caught:
        load_rules(text, "r.yaml", env)
    return caught.value.problems


def test_the_shipped_rules_load() -> None:
    rules = load_rules(DEFAULT_RULES.read_text(), str(DEFAULT_RULES))
    kinds = {type(rule) for rule in rules.rules}
    assert kinds == {ControlChange, Threshold, WindowSum}
    displacement = next(r for r in rules.rules if isinstance(r, Threshold))
    assert (displacement.field, displacement.threshold) == ("displaced", 10_000)


def test_misspelt_key_suggests_the_right_one() -> None:
    text = "rules:\n  - id: a\n    kind: threshold\n    title: t\n    field: killed\n    treshold: 5\n"
    assert problems(text) == [
        "r.yaml:2:5: rules[0].threshold: missing required option 'threshold'",
        "r.yaml:6:5: rules[0].treshold: unknown key 'treshold'; did you mean 'threshold'?",
    ]


def test_unknown_kind() -> None:
    text = "rules:\n  - id: a\n    kind: windowsum\n    title: t\n"
    assert problems(text) == [
        "r.yaml:3:5: rules[0].kind: unknown kind 'windowsum'; did you mean 'window_sum'? "
        "(kinds: control_change, threshold, window_sum)"]


def test_wrong_type() -> None:
    text = "rules:\n  - id: a\n    kind: threshold\n    title: t\n    field: killed\n    threshold: ten\n"
    assert problems(text) == [
        "r.yaml:6:5: rules[0].threshold: Input should be a valid integer, unable to parse string as an integer, "
        "got 'ten'"]


def test_unknown_channel() -> None:
    text = ("channels:\n  desk: 'json://localhost/x'\nrules:\n"
            "  - {id: a, kind: control_change, title: t, channels: [dsk]}\n")
    assert problems(text) == ["r.yaml:4:56: rules[0].channels[0]: unknown channel 'dsk'; did you mean 'desk'?"]


def test_bad_yaml_syntax() -> None:
    assert problems("rules:\n  - id: a\n   kind: x\n") == [
        "r.yaml:3:4: YAML syntax: expected <block end>, but found '<block mapping start>'"]


def test_unset_environment_variable_in_a_channel() -> None:
    text = "channels:\n  tg: 'tgram://${TG_TOKEN}/123'\nrules: []\n"
    assert problems(text, {}) == [
        "r.yaml:2:3: channels.tg: environment variable TG_TOKEN is not set; export it or remove the channel"]
    rules = load_rules(text, "r.yaml", {"TG_TOKEN": "abc"})
    assert rules.channels == {"tg": "tgram://abc/123"}


def test_unknown_title_placeholder_and_bad_window() -> None:
    text = ("rules:\n  - id: a\n    kind: window_sum\n    title: '{plaec}'\n    field: killed\n"
            "    threshold: 3\n    window: 6h\n")
    assert problems(text) == [
        "r.yaml:4:5: rules[0].title: unknown placeholder {plaec} in the title; known: admin1, by, "
        "country, event_date, field, place, rule, severity, side, sources, type, value, window_end, window_start",
        "r.yaml:7:5: rules[0].window: windows are whole days of event time: write '1d' or more",
    ]


def test_rule_version_changes_with_its_definition() -> None:
    base = "rules:\n  - {id: a, kind: threshold, title: t, field: displaced, threshold: %d}\n"
    assert load_rules(base % 10).rules[0].version != load_rules(base % 11).rules[0].version
    assert load_rules(base % 10).rules[0].version == load_rules(base % 10).rules[0].version
