"""Every command's help gives a value's kind where it helps (a path, a number's range, DATE, URL) and none beside a
flag, which takes no value."""

import re

import pytest
import typer.main
from typer.testing import CliRunner

from stream.cli import app


def commands(group: object = None, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    group = group or typer.main.get_command(app)
    found = [path] if path else []
    for name, sub in getattr(group, "commands", {}).items():
        found += commands(sub, (*path, name)) if hasattr(sub, "commands") else [(*path, name)]
    return found


@pytest.mark.parametrize("command", commands(), ids=" ".join)
def test_help_shows_no_bool_beside_flags_and_names_what_each_value_is(command: tuple[str, ...]) -> None:
    shown = CliRunner().invoke(app, [*command, "--help"], terminal_width=120)
    assert shown.exit_code == 0, shown.output
    assert "<bool>" not in shown.output
    assert not re.search(r"^\s+--[\w-]+ <str>", shown.output, re.M), shown.output  # say DATE, URL, NAME...
    for flag in ("--help", "--json", "--once", "--force", "--silenced", "--open-reads"):
        for line in shown.output.splitlines():
            assert not re.match(rf"\s+{flag}\s+<", line), line


def test_a_valued_option_still_says_what_it_takes() -> None:
    shown = CliRunner().invoke(app, ["alerts", "--help"], terminal_width=120).output
    assert re.search(r"--db <path>", shown) and re.search(r"--since DATE", shown) and re.search(r"--limit <int", shown)
