"""The table of event kinds: it agrees with the records' union and the rules schema, refuses a kind it lacks, and a
new kind is one entry in a copy of it (a record class, a finder, a builder), found, built and explained."""

import ast
import re
from pathlib import Path
from typing import Any, Literal, get_args

import pytest

from stream.core.extract import extract, extract_kinds
from stream.core.extract.actors import ROLE_WORDS, Actors
from stream.core.extract.context import SentenceContext
from stream.core.extract.explain import explain_event
from stream.core.extract.findings import Finding
from stream.core.extract.kinds import KINDS, Kind, UnknownKind
from stream.core.extract.passes import PASSES, Passes
from stream.core.places import Gazetteer
from stream.core.records import EVENT_KINDS, EVENT_TYPES, FIGURES, EventBase
from stream.core.rules.schema import EventType, FigureField
from tests.builders import article

EXTRACT = Path(__file__).resolve().parents[2] / "stream" / "core" / "extract"


def test_the_table_is_the_records_union_and_the_rules_schema_kind_for_kind() -> None:
    assert tuple(kind.record for kind in KINDS.values()) == EVENT_KINDS
    assert tuple(KINDS) == tuple(kind.type for kind in KINDS.values()) == EVENT_TYPES == get_args(EventType)
    assert tuple(dict.fromkeys(name for kind in KINDS.values() for name in kind.figures)) == FIGURES == get_args(
        FigureField)


def test_each_kind_s_figures_are_fields_of_its_finding_and_of_its_record() -> None:
    for kind in KINDS.values():
        assert all(name in kind.record.model_fields and hasattr(Finding, name) for name in kind.figures), kind.type


def test_a_kind_the_table_lacks_is_refused_with_the_kinds_it_has() -> None:
    with pytest.raises(UnknownKind) as caught:
        KINDS["clash"]
    assert str(caught.value) == ("no kind of event is called 'clash': add a Kind for it to the table in "
                                 "stream/core/extract/kinds.py (kinds: territory_seized, casualties, displacement, "
                                 "airstrike)")


def test_a_finding_of_a_kind_the_table_lacks_stops_extraction(gazetteer: Gazetteer) -> None:
    def stray(ctx: SentenceContext, actors: Actors) -> list[Finding]:
        return [Finding(type="rumour", start=0, end=4, trigger=ctx.sentence.text[:4])]

    kinds = KINDS.adding(Kind(Shelling, stray, build_shelling))  # its finder reports a type no kind has
    with pytest.raises(UnknownKind, match="no kind of event is called 'rumour'"):
        extract_kinds(article("Four soldiers were killed in Hakha on Monday.", "2024-03-08"), gazetteer,
                      ROLE_WORDS, kinds)


def test_the_passes_are_named_after_their_functions() -> None:
    assert [clean.__name__ for clean in PASSES] == list(Passes._fields)


def _imports(module: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(module.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_finder_imports_another_finder_s_module() -> None:
    finders = {path.stem for path in EXTRACT.glob("*.py") if re.search(r"\bFinding\(\s*type=", path.read_text())}
    assert finders == {"territory", "casualties", "displacement", "airstrikes"}
    for name in finders:
        others = {f"stream.core.extract.{other}" for other in finders - {name}}
        assert not _imports(EXTRACT / f"{name}.py") & others, name


# A fifth kind, written as a newcomer would: a record class, its words, a finder and a builder. Nothing else changes.
class Shelling(EventBase):
    """Artillery fire on a place; ``count`` when the article gives the rounds."""

    type: Literal["shelling"] = "shelling"
    count: int | None = None
    figure_fields = ("count",)


SHELLING_WORDS = re.compile(r"\b(?:shelled|shelling)\b", re.I)


def find_shelling(ctx: SentenceContext, actors: Actors) -> list[Finding]:
    text = ctx.sentence.text
    return [Finding(type="shelling", start=m.start(), end=m.end(), trigger=m.group(0)) for m in
            SHELLING_WORDS.finditer(text)]


def build_shelling(base: dict[str, Any], f: Finding) -> Shelling:
    return Shelling(**base, count=f.count)


def shelling_label(event: Shelling) -> str:
    return f"shelling of {event.place.name if event.place else 'an unknown place'}"


WITH_SHELLING = KINDS.adding(Kind(Shelling, find_shelling, build_shelling, shelling_label, at_place=True))
TEXT = "Artillery units shelled Mindat on Tuesday, and two villagers were killed there."


def test_a_kind_added_to_a_copy_of_the_table_is_found_built_and_explained(gazetteer: Gazetteer) -> None:
    events = extract_kinds(article(TEXT, "2024-03-08"), gazetteer, ROLE_WORDS, WITH_SHELLING)
    [shelling] = [e for e in events if isinstance(e, Shelling)]
    assert (shelling.place and shelling.place.name, shelling.evidence.trigger) == ("Mindat", "shelled")
    assert explain_event(shelling, WITH_SHELLING)[0] == f"shelling of Mindat  [{shelling.id}]"
    # The other kinds are found as ever, and the shipped table knows nothing of the new one.
    assert [e.model_dump() for e in events if not isinstance(e, Shelling)] == [
        e.model_dump() for e in extract(article(TEXT, "2024-03-08"), gazetteer)]
    assert list(KINDS) == ["territory_seized", "casualties", "displacement", "airstrike"]

