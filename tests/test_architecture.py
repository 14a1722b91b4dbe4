"""The house as docs/architecture.md describes it: the areas import only what its table allows, and every path the
page names exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "architecture.md"
# What stream/ may hold at its root besides the areas: the package, its errors and two small utilities.
ROOT_MODULES = {"__init__.py", "errors.py", "gcpause.py"}


def allowed() -> dict[str, set[str] | None]:
    """The page's table: each area to the areas it may import (None: every area)."""
    table: dict[str, set[str] | None] = {}
    for line in PAGE.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        area = cells[0].strip("`").rstrip("/").removeprefix("stream/")
        table[area] = None if cells[2] == "every area" else {name.strip() for name in cells[2].split(",")}
    return table


def imported(path: Path) -> set[str]:
    """The areas of stream/ (and replay) a module imports, by their first name under stream."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "stream" and len(parts) > 1:
                names.add(parts[1])
            elif parts[0] == "replay":
                names.add("replay")
    return names


def area_modules(area: str) -> list[Path]:
    folder = ROOT / area if area == "replay" else ROOT / "stream" / area
    return sorted(folder.rglob("*.py"))


def test_the_table_names_every_area_and_no_other() -> None:
    areas = {p.name for p in (ROOT / "stream").iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert set(allowed()) == (areas - {"defaults"}) | {"replay"}


@pytest.mark.parametrize("area", sorted(allowed()))
def test_an_area_imports_only_what_the_page_allows(area: str) -> None:
    may = allowed()[area]
    if may is None:
        return
    wrong = [f"{path.relative_to(ROOT)}: {name}" for path in area_modules(area)
             for name in sorted(imported(path) - may - {area})]
    assert wrong == [], f"{area} imports what docs/architecture.md does not allow it"


def test_neither_kafka_nor_web_imports_the_embedded_runtime() -> None:
    assert "embedded" not in (allowed()["kafka"] or set()) | (allowed()["web"] or set())


def test_stream_holds_no_loose_modules_besides_the_small_ones() -> None:
    assert {p.name for p in (ROOT / "stream").glob("*.py")} == ROOT_MODULES


def test_every_path_the_page_names_exists() -> None:
    named = set(re.findall(r"`((?:stream|replay|tests|docs|bench)/[\w/.]*)`", PAGE.read_text()))
    assert len(named) > 20
    assert sorted(p for p in named if not (ROOT / p).exists()) == []


def test_every_page_the_code_cites_exists() -> None:
    cited = {(path, page) for folder in ("stream", "replay", "bench") for path in (ROOT / folder).rglob("*.py")
             for page in re.findall(r"\bdocs/[\w/.-]+\.md\b", path.read_text())}
    assert sorted(f"{path.relative_to(ROOT)}: {page}" for path, page in cited if not (ROOT / page).exists()) == []
