"""The actor registry: named groups from YAML over the role words, extendable by operators."""

import pytest

from stream.actors import load_actors
from stream.core.extract import extract
from stream.core.extract.actors import ROLE_WORDS, Actor
from stream.core.extract.registry import parse_actors, registry
from stream.core.places import Gazetteer
from stream.errors import RulesError
from tests.builders import article


@pytest.mark.parametrize(("phrase", "side", "name"), [
    ("the SAC", "military", "Tatmadaw"),
    ("KIA officers", "resistance", "Kachin Independence Army"),
    ("fighters of the Rapid Support Forces", "resistance", "Rapid Support Forces"),
    ("M23 rebels", "resistance", "M23"),
    ("HTS", "resistance", "Hayat Tahrir al-Sham"),
])
def test_shipped_registry_names_groups_and_sides(phrase: str, side: str, name: str) -> None:
    actors = load_actors()
    actor = actors.actor_in(phrase)
    assert actors.side_of(phrase) == side and actor is not None and actor.name == name


def test_every_name_of_every_shipped_group_is_found() -> None:
    # Only groups whose first word stands in a phrase are searched: every alias must still be found.
    actors = load_actors()
    for actor in actors.named:
        for name in (actor.name, *actor.aliases):
            for phrase in (name, f"fighters of the {name} said", f"({name})-led forces"):
                assert actors.actor_in(phrase) is not None, phrase
                assert actors.side_of(phrase) is not None, phrase


def test_the_first_group_in_registry_order_gives_the_side() -> None:
    actors = load_actors()
    assert actors.side_of("KIA and junta troops") == "resistance"
    assert actors.sides_in("KIA and junta troops") == {"resistance", "military"}


def test_acronyms_match_in_capitals_only() -> None:
    actors = load_actors()
    assert actors.actor_in("the AA said") is not None
    assert actors.actor_in("a visa application") is None


def test_an_operator_file_adds_and_replaces_entries(tmp_path) -> None:
    extra = tmp_path / "desk.yaml"
    extra.write_text("actors:\n"
                     "  - {name: Tatmadaw, side: military, aliases: [Sit-Tat]}\n"
                     "  - {name: Zomi Revolutionary Army, side: resistance, aliases: [ZRA]}\n")
    actors = load_actors((extra,))
    assert actors.side_of("the ZRA") == "resistance" and actors.side_of("Sit-Tat troops") == "military"
    # The replaced Tatmadaw entry keeps only the operator's aliases.
    assert actors.actor_in("the SAC") is None


def test_seizures_record_the_registry_name(gazetteer: Gazetteer) -> None:
    [event] = extract(article("The TNLA seized Kutkai on Monday.", "2024-03-08"), gazetteer, load_actors())
    assert (event.type, event.side, event.by) == ("territory_seized", "resistance", "Ta'ang National Liberation Army")


def test_later_layers_win() -> None:
    first = [Actor("Group X", "resistance", ("GX",))]
    second = [Actor("Group X", "military", ("GX",))]
    assert registry(first, second).side_of("GX patrols") == "military"
    assert ROLE_WORDS.side_of("GX patrols") is None


def test_bad_entries_are_reported_with_file_line_and_fix() -> None:
    text = ("actors:\n"
            "  - {name: Good, side: resistance}\n"
            "  - {name: Bad, side: rebels}\n"
            "  - {name: Worse, side: military, alias: [W]}\n")
    with pytest.raises(RulesError) as caught:
        parse_actors(text, "desk.yaml")
    assert caught.value.problems == [
        "desk.yaml:3:5: actors[1].side: 'rebels' is not a side; use one of military, police, resistance, civilian, "
        "mixed, unknown",
        "desk.yaml:4:5: actors[2].alias: unknown key; use one of aliases, country, name, side",
    ]
