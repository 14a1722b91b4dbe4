"""Posts taken by the name of the unit that held them. Sentences written for each rule."""

from __future__ import annotations

from stream.core.extract.units import unit_site
from stream.core.places import Gazetteer
from tests.builders import places_taken, takings_in


def test_a_unit_is_read_however_the_story_spells_it() -> None:
    for text, name, unit in (
            ("the headquarters of the regime's Light Infantry Battalion (LIB) 318 on a ridge",
             "Light Infantry Battalion (LIB) 318 headquarters", "LIB318"),
            ("LIB 318 camp near the river", "LIB 318 camp", "LIB318"),
            ("the base of Light Infantry Battalion (318) after a week", "Light Infantry Battalion (318) base",
             "LIB318"),
            ("an Infantry Battalion 61 hilltop outpost", "Infantry Battalion 61 hilltop outpost", "IB61"),
            ("the barracks of the army's 17th Infantry Division", "17th Infantry Division barracks", "ID17"),
            ("the Light Infantry Battalion 318, the last post in the town", "Light Infantry Battalion 318", "LIB318")):
        post = unit_site(text, 0)
        assert post is not None, text
        assert (post.name, post.unit) == (name, unit)


def test_no_unit_without_its_number_and_no_unit_after_other_words() -> None:
    for text in ("a Light Infantry Battalion camp in the hills", "three outposts of LIB 318", "12 soldiers of IB 61",
                 "the town of Hpakant", "Battalion 2,000 strong"):
        assert unit_site(text, 0) is None, text


def test_a_units_post_is_taken_by_the_town_it_stands_at(gazetteer: Gazetteer) -> None:
    # The town is where the post stands, not what changed hands: the alert names the post, then the town as the story
    # spells it, and says where the post stands from it when the story does.
    for text, name in (
            ("The Kachin Independence Army said it captured the base of the junta's Light Infantry Battalion (LIB) "
             "318 on the outskirts of Hpakant on Tuesday.", "Light Infantry Battalion (LIB) 318 base, Hpakant"),
            ("Resistance forces overran the LIB 318 camp near the town of Hpakant on Tuesday, a spokesman said.",
             "LIB 318 camp near Hpakant"),
            ("Fighters seized the headquarters of Light Infantry Battalion 318, about 5 km east of Hpakant, on "
             "Tuesday.", "Light Infantry Battalion 318 headquarters east of Hpakant")):
        assert places_taken(text, gazetteer) == [name], text


def test_a_division_headquarters_taken_in_a_town_abroad(gazetteer: Gazetteer) -> None:
    text = ("KHARTOUM, Sudan (AP) — The Rapid Support Forces said they seized the headquarters of the army's 16th "
            "Infantry Division in Nyala on Tuesday.")
    assert places_taken(text, gazetteer) == ["16th Infantry Division headquarters, Nyala"]


def test_one_units_post_told_two_ways_is_one_place(gazetteer: Gazetteer) -> None:
    # The rest of a story, or another outlet, names the post otherwise: one code, so one alert corroborated.
    text = ("The Arakan Army captured the base of Light Infantry Battalion (LIB) 318 near Ann on Tuesday. "
            "\"Our troops took the LIB 318 headquarters at dawn,\" a spokesman said on Tuesday.")
    codes = {e.place.code for e in takings_in(text, gazetteer) if e.place}
    assert len(codes) == 1 and next(iter(codes)).endswith("/LIB318")


def test_a_townships_post_told_without_the_unit_stays_the_townships(gazetteer: Gazetteer) -> None:
    # The unit's post names itself; an outpost told only by its township may be another post.
    text = ("The Arakan Army seized a junta outpost in Maungdaw Township on Saturday, the group said. "
            "Its fighters also overran the base of Infantry Battalion 318 near Buthidaung on Saturday.")
    assert places_taken(text, gazetteer) == ["Maungdaw", "Infantry Battalion 318 base near Buthidaung"]


def test_people_of_a_unit_taken_are_no_post(gazetteer: Gazetteer) -> None:
    text = "Fighters captured 14 soldiers of Light Infantry Battalion 318 near Hpakant on Tuesday, the KIA said."
    assert places_taken(text, gazetteer) == []
