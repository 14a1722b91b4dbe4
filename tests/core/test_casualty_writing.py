"""How reporters write of the killed and the wounded, each rule with sentences written for it (invented places,
people and figures)."""

from __future__ import annotations

from datetime import date

import pytest

from stream.core.extract import extract
from stream.core.extract.actors import Actor, Actors
from stream.core.places import Gazetteer
from tests.builders import article


def tolls(gazetteer: Gazetteer, text: str, published: str | None = "2024-06-10") -> list[tuple[int, int, str]]:
    """(killed, injured, side) of every incident the text reports."""
    return [(e.killed or 0, e.injured or 0, e.side) for e in extract(article(text, published), gazetteer)
            if e.type == "casualties" and not e.cumulative]


@pytest.mark.parametrize(("text", "found"), [
    ("Doctors said 14 villagers sustained serious injuries in the shelling of Lwe Kone on Monday.",
     [(0, 14, "civilian")]),
    ("Six soldiers suffered gunshot wounds when the convoy was ambushed near Lwe Kone on Monday.",
     [(0, 6, "military")]),
    # What they suffered is not always a wound: losses are no head count.
    ("Six battalions suffered heavy losses near Lwe Kone on Monday.", []),
])
def test_victims_who_sustained_or_suffered_injuries_are_the_injured(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


def test_a_neutral_word_takes_the_side_of_the_part_it_includes(gazetteer: Gazetteer) -> None:
    text = ("The shell killed two farmers in Lwe Kone on Monday, while nine others, including three nurses, "
            "sustained injuries.")
    assert tolls(gazetteer, text) == [(2, 0, "civilian"), (0, 9, "civilian")]


def places_of(gazetteer: Gazetteer, text: str) -> list[str | None]:
    return [e.place.name if e.place else None for e in extract(article(text), gazetteer) if e.type == "casualties"]


@pytest.mark.parametrize("dateline", ["KALAY: ", "MONYWA: ", "KALAY - ", "MONYWA — "])
def test_a_dateline_in_capitals_with_a_colon_or_a_dash_is_where_the_story_was_filed(
        gazetteer: Gazetteer, dateline: str) -> None:
    text = f"{dateline}Four soldiers died on Monday in an assault on the northern town of Kawlin, the army said."
    assert places_of(gazetteer, text) == ["Kawlin"]


@pytest.mark.parametrize(("text", "found"), [
    # The list a governing noun opens is one toll of one side, as a list after a verb is.
    ("A shell on Monday claimed the lives of two more boys, four women and a man in Lwe Kone village.",
     [(7, 0, "civilian")]),
    ("The blast caused the deaths of five other pupils and two teachers in Lwe Kone on Monday.",
     [(7, 0, "civilian")]),
])
def test_victims_listed_after_a_noun_of_death_are_one_toll(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


def test_a_count_added_to_one_told_before_keeps_the_side_of_who_they_are(gazetteer: Gazetteer) -> None:
    assert tolls(gazetteer, "Shelling in Lwe Kone on Monday killed three more soldiers, the army said.") == [
        (3, 0, "military")]


def test_those_who_told_of_the_dead_are_not_the_dead(gazetteer: Gazetteer) -> None:
    text = "Two medics and three police sources told reporters that nine people were killed in Lwe Kone on Monday."
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [9]


@pytest.mark.parametrize("earlier", [
    "Initial reports had said five villagers were killed.",
    "Officials had earlier put the toll at five dead.",
    "An earlier toll of five dead was revised after nightfall.",
])
def test_a_first_report_gives_way_to_the_toll_as_it_stands(gazetteer: Gazetteer, earlier: str) -> None:
    text = f"Shelling killed nine villagers in Lwe Kone on Monday, medics said.\n\n{earlier}"
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [9]


def test_another_sources_higher_count_stands_in_place_of_the_first(gazetteer: Gazetteer) -> None:
    # Not beside it: a desk would hear of 39 dead that no one counted.
    text = ("Shelling killed nine villagers in Lwe Kone on Monday, medics said.\n\n"
            "Some unverified accounts gave a toll of about 30.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [30]


@pytest.mark.parametrize(("text", "found"), [
    # A part of the dead, and who they were; the colon then tells how that part died, not more dead.
    ("Troops raided Lwe Kone village on Monday. Soldiers killed 14 villagers and militiamen there. Six of those "
     "killed were militiamen: two were killed in the fighting while four others were beaten to death. Eight "
     "villagers were shot dead, a witness said.",
     [(6, 0, "resistance"), (8, 0, "civilian")]),
    # Parts of several sides, or at several places, are the breakdown: they stay, and the whole goes.
    ("Seven villagers were killed on Monday: four died in Kawlin and three were shot dead in Tamu.",
     [(4, 0, "civilian"), (3, 0, "civilian")]),
    ("Twelve people died in Lwe Kone on Monday: five soldiers were killed in the ambush and seven villagers died in "
     "the shelling.",
     [(5, 0, "military"), (7, 0, "civilian")]),
])
def test_a_part_of_the_dead_told_by_who_they_were_and_how_they_died(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


@pytest.mark.parametrize("listener", ["The Irrawaddy", "Mandalay radio", "Kalay"])
def test_whom_a_source_told_is_never_where_the_dead_fell(gazetteer: Gazetteer, listener: str) -> None:
    text = f"Troops shelled Kawlin on Monday. Nine villagers were killed, a medic told {listener}."
    assert places_of(gazetteer, text) == ["Kawlin"]


def test_up_to_and_more_than_one_figure_are_two_accounts(gazetteer: Gazetteer) -> None:
    text = ("A spokesman said strikes killed up to 40 soldiers near Kawlin on Monday.\n\n"
            "A second outlet said more than 40 soldiers had been killed near Kawlin on Monday.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [40, 40]


@pytest.mark.parametrize(("text", "killed"), [
    # One sentence telling when each died tells one toll.
    ("Three soldiers died on the spot near Kawlin on Monday and two more died later in hospital.", [5]),
    ("Mortars hit Kawlin on Monday. Four villagers were killed instantly, while one more died at the district "
     "hospital.", [5]),
    # After a toll, when some of them died, or the dead pointed back at, are that toll again.
    ("Shelling killed nine villagers in Kawlin on Sunday.\n\nThree women were killed instantly, a witness said.", [9]),
    ("Shelling killed eight villagers in Kawlin on Sunday.\n\nThe first six dead were from one family.", [8]),
    # ... but not a separate incident.
    ("Shelling killed nine villagers in Kawlin on Sunday.\n\nSeparately, three farmers were killed instantly by a "
     "mine near the river.", [9, 3]),
])
def test_deaths_told_by_when_they_came_are_one_toll(gazetteer: Gazetteer, text: str, killed: list[int]) -> None:
    assert [k for k, _, _ in tolls(gazetteer, text) if k] == killed


def test_a_toll_told_again_with_its_day_is_dated_that_day(gazetteer: Gazetteer) -> None:
    text = ("Shelling killed seven villagers in Kawlin over the weekend, residents said.\n\n"
            "Five villagers were killed instantly on Saturday night, while two more died in hospital.")
    events = [e for e in extract(article(text, "2024-06-10"), gazetteer) if e.type == "casualties"]
    assert [(e.killed, e.event_date) for e in events] == [(7, date(2024, 6, 8))]


def test_a_quote_that_names_no_place_tells_the_toll_again(gazetteer: Gazetteer) -> None:
    text = ("Six villagers were killed and eleven wounded by a shell fired into Kawlin on Saturday, residents said.\n\n"
            "A resident said the shell was fired from the base at Tamu.\n\n"
            "\u201cEleven are wounded and six dead,\u201d the resident said.")
    assert sorted(tolls(gazetteer, text)) == [(0, 11, "civilian"), (6, 0, "civilian")]


def test_two_people_killed_one_each_are_two_deaths(gazetteer: Gazetteer) -> None:
    text = ("Troops shot dead a farmer in Kawlin on Sunday, residents said.\n\n"
            "A teacher was shot dead at a checkpoint on Sunday night, his family said.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [1, 1]


def test_a_line_wrapped_mid_sentence_is_one_sentence(gazetteer: Gazetteer) -> None:
    text = ("Shells hit a camp near Kawlin on Monday night, killing at least 14\n"
            "people, among them six children, and leaving 20 others\n"
            "wounded, a camp leader said.")
    assert tolls(gazetteer, text) == [(14, 0, "civilian"), (0, 20, "civilian")]


def test_the_dead_of_a_camp_for_the_displaced_are_no_displacement(gazetteer: Gazetteer) -> None:
    text = "Shelling killed at least 17 villagers in a displaced persons camp near Kawlin on Monday."
    assert [e.type for e in extract(article(text), gazetteer) if e.type == "displacement"] == []


def test_a_vague_toll_that_names_no_victims_gives_way_to_the_count(gazetteer: Gazetteer) -> None:
    text = ("Army drone kills dozens in Kawlin\n\n"
            "Residents said up to 40 villagers were killed when a drone struck Kawlin market on Monday.")
    assert tolls(gazetteer, text) == [(40, 0, "civilian")]


@pytest.mark.parametrize(("text", "found"), [
    # The aside of a part, without its commas, before the verb.
    ("In Kawlin, three people including one girl were killed and nine were injured on Monday.",
     [(3, 0, "civilian"), (0, 9, "civilian")]),
    # The part named is only the list up to its verb: the troops who fired are no victims.
    ("Four villagers, including a nun, were killed when soldiers opened fire in Kawlin on Monday.",
     [(4, 0, "civilian")]),
    # A fighter's death as the group tells it.
    ("Two fighters laid down their lives in the battle for Kawlin on Monday, the group said.",
     [(2, 0, "resistance")]),
])
def test_how_a_part_of_the_victims_and_a_fighters_death_are_told(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


def test_deaths_in_other_towns_are_no_breakdown_of_a_toll_at_one(gazetteer: Gazetteer) -> None:
    text = ("In Kawlin, two villagers were killed by troops on Sunday.\n\n"
            "In Monywa, a woman was shot dead at a checkpoint on Sunday.\n\n"
            "In Tamu, a farmer was shot dead on Sunday.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [2, 1, 1]


def test_people_are_of_no_known_side_where_the_dead_were_of_several(gazetteer: Gazetteer) -> None:
    text = ("Shelling killed five villagers in Kawlin on Monday, medics said.\n\n"
            "Three soldiers were also killed in the fighting there on Monday.\n\n"
            "Nine people were wounded, medics said.")
    assert tolls(gazetteer, text)[-1] == (0, 9, "unknown")


@pytest.mark.parametrize(("text", "found"), [
    ("Two soldiers lost their lives in the battle for Kawlin on Monday.", [(2, 0, "military")]),
    ("Three villagers perished in Kawlin on Monday.", [(3, 0, "civilian")]),
])
def test_a_verb_of_death_ends_the_victims_phrase(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


def test_the_dead_of_two_named_groups_of_one_side_are_each_groups_toll(gazetteer: Gazetteer) -> None:
    groups = Actors([Actor("Hill Brigade", "resistance", ("HB",)), Actor("Valley Front", "resistance", ("VF",))])
    text = "Four HB fighters and one VF member were killed near Kawlin on Monday, the groups said."
    events = [e for e in extract(article(text), gazetteer, groups) if e.type == "casualties"]
    assert [(e.killed, e.side) for e in events] == [(4, "resistance"), (1, "resistance")]


@pytest.mark.parametrize(("text", "found"), [
    ("The number of villagers killed in the strike on Kawlin on Monday has risen to at least 45, medics said.",
     [(45, 0, "civilian")]),
    ("A female Lwe Kone villager in Kawlin township was killed in a strike on Monday.", [(1, 0, "civilian")]),
    ("Two farmers from Kawlin were shot dead on Monday, relatives said.", [(2, 0, "civilian")]),
    ("A blind farmer from Kawlin Township in the Sagaing Region has been shot dead by soldiers.",
     [(1, 0, "civilian")]),
])
def test_a_toll_told_by_its_number_and_victims_told_by_where_they_lived(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


def test_a_part_of_the_dead_told_by_what_befell_them_points_back(gazetteer: Gazetteer) -> None:
    text = ("The toll of the strike on Kawlin on Monday rose to 90, medics said.\n\n"
            "More than 80 of the villagers killed had been buried by Tuesday.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [90]


@pytest.mark.parametrize(("text", "found"), [
    ("Two KNDF fighters were hurt while the troops suffered at least four injuries near Kawlin on Monday.",
     [(0, 2, "resistance"), (0, 4, "military")]),
    ("The fighters said they shot dead eight soldiers and left 15 wounded near Kawlin on Monday.",
     [(8, 0, "military"), (0, 15, "military")]),
])
def test_wounds_counted_by_a_noun_are_of_the_group_named_last_before_them(
        gazetteer: Gazetteer, text: str, found: list[tuple[int, int, str]]) -> None:
    assert tolls(gazetteer, text) == found


def test_a_paragraph_opened_by_another_incident_tells_that_incident(gazetteer: Gazetteer) -> None:
    text = ("The strike on the school killed four teachers on Monday, a relative said.\n\n"
            "In another attack on Monday, a drone struck a market near Kawlin. Residents said four traders were "
            "killed there.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [4, 4]


def test_counted_victims_killed_with_uncounted_others_are_counted(gazetteer: Gazetteer) -> None:
    text = "The army said three soldiers and several rebel fighters were killed near Kawlin on Monday."
    assert tolls(gazetteer, text) == [(3, 0, "military")]


def test_a_toll_told_where_the_story_was_is_no_total_of_tolls_told_elsewhere(gazetteer: Gazetteer) -> None:
    text = ("Shelling hit Kawlin on Monday. Another 40 villagers were wounded there, medics said.\n\n"
            "In Tamu, 16 others were injured on Monday.\n\n"
            "In Monywa, 22 people were injured on Monday.")
    assert [injured for _, injured, _ in tolls(gazetteer, text)] == [40, 16, 22]


@pytest.mark.parametrize(("text", "killed"), [
    ("Fighters said they recovered the bodies of 14 soldiers after taking the Kawlin outpost on Monday.", [14]),
    # After a toll, "the bodies of" some of them points back at it.
    ("Six fighters were killed in the raid on Kawlin on Monday.\n\nThe bodies of four fighters were buried on "
     "Tuesday.", [6]),
])
def test_the_bodies_of_the_dead_are_a_toll_or_point_back_at_one(
        gazetteer: Gazetteer, text: str, killed: list[int]) -> None:
    assert [k for k, _, _ in tolls(gazetteer, text)] == killed


def test_a_paragraph_turning_back_to_last_week_tells_no_new_toll(gazetteer: Gazetteer) -> None:
    text = ("Troops shelled Kawlin on Sunday, killing four villagers, residents said.\n\n"
            "Last week, clashes broke out in two villages near Tamu over three days. Around 14 soldiers were "
            "reportedly killed in the fighting.")
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [4]


def test_a_lede_of_last_week_is_the_news(gazetteer: Gazetteer) -> None:
    text = "Shelling killed seven villagers in Kawlin late last week, residents said on Monday."
    assert [killed for killed, _, _ in tolls(gazetteer, text)] == [7]
