"""Wire copy, eighteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from tests.builders import dead_in, takings_in, tolls_in


def test_a_side_saying_it_had_killed_gives_the_killers_count(gazetteer: Gazetteer) -> None:
    # The attackers claim the raid, "saying it had killed more than 50": their word beside the source's 30.
    text = ("At least 30 soldiers were killed when gunmen overran an army post near Kani on Saturday, a security "
            "source said. The group claimed the attack, saying it had killed \"more than 50 soldiers\".")
    assert tolls_in(text, gazetteer) == [30]
    # Alone, the side's word is the story's only toll.
    text = "The group claimed an attack on an army post near Kani on Saturday, saying it had killed 50 soldiers."
    assert tolls_in(text, gazetteer) == [50]


def test_a_name_after_a_rank_or_a_form_of_address_is_a_persons(gazetteer: Gazetteer) -> None:
    # Police ranks and forms of address open a person's name, whatever town the surname shares.
    for text in ("The spokesman of the state police command, ASP Musa Kani, confirmed the attack.",
                 "Mallam Sani Monywa, a community leader, said the village was burnt.",
                 "Gunmen attacked the market on Friday, Mr Ahmed Budalin said."):
        assert "Kani" not in [m.place.name for m in find_places(text, gazetteer)], text
        assert "Monywa" not in [m.place.name for m in find_places(text, gazetteer)], text
        assert "Budalin" not in [m.place.name for m in find_places(text, gazetteer)], text
    # The town named without one is still the town.
    text = "The police command in Kani confirmed the attack."
    assert [m.place.name for m in find_places(text, gazetteer)] == ["Kani"]


def test_a_story_filed_from_a_bureau_abroad_lies_where_its_places_are(gazetteer: Gazetteer) -> None:
    # A Cairo dateline over Gaza's towns: Rafah is the Gaza city, not its Egyptian namesake.
    text = ("CAIRO, May 3 (Reuters) - Israeli troops took control of the city of Rafah on Saturday, the military "
            "said, as strikes killed 14 people in Gaza's Khan Younis and six in Nuseirat.")
    assert [(e.place.name, e.place.country) for e in takings_in(text, gazetteer)] == [
        ("Rafah", "Palestinian Territory")]
    # A story whose places lie in the bureau's own country stays there.
    text = "CAIRO, May 3 (Reuters) - Police killed 14 militants in Rafah in North Sinai on Saturday, officials said."
    assert [(e.place.name, e.place.country) for e in dead_in(text, gazetteer) if e.place] == [("Rafah", "Egypt")]


def test_a_crossing_taken_is_the_crossing(gazetteer: Gazetteer) -> None:
    # "The Gaza side of the Rafah border crossing": Rafah's crossing changed hands, not a town called Gaza.
    for text in ("JERUSALEM (Reuters) - Israeli troops seized the Gaza side of the Rafah border crossing with Egypt "
                 "on Tuesday, the military said.",
                 "Israeli tanks took control of the Rafah crossing in southern Gaza on Tuesday."):
        assert [e.place.name for e in takings_in(text, gazetteer)] == ["Rafah crossing"], text
    # The town itself, taken, is the town.
    text = "Israeli troops took control of the city of Rafah in southern Gaza on Tuesday."
    assert [e.place.name for e in takings_in(text, gazetteer)] == ["Rafah"]
