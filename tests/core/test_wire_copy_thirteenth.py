"""Wire copy, thirteenth round. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.dates import days_counted_from, latest_full_date
from stream.core.places import Gazetteer
from tests.builders import places_taken, takings_in, tolls_in


def test_a_day_a_story_counts_from_is_in_its_past_wherever_it_is_written() -> None:
    # "Since March 2, 2024" starts a period: the same day told again as an attack's is not the story's own day.
    text = ("Officials say 3,000 people have died since March 2, 2024. The war began after a raid on a border post "
            "on March 2, 2024, in which 40 soldiers were killed.")
    assert days_counted_from(text) == {date(2024, 3, 2)}
    assert latest_full_date(text) is None
    # A day of its own is still the story's.
    assert str(latest_full_date(text + " On May 5, 2025, rebels shelled the port.")) == "2025-05-05"


def test_an_undated_storys_recalled_attack_on_the_day_it_counts_from_is_no_news(gazetteer: Gazetteer) -> None:
    text = ("Drone strike on tents kills nine in Khan Younis\n\n"
            "A drone strike on tents in Khan Younis in the Gaza Strip killed nine people on Thursday, medics said.\n\n"
            "The health ministry says more than 40,000 people have been killed in Gaza since October 7, 2023.\n\n"
            "The war began after an attack on southern Israel on October 7, 2023, in which 1,200 people were "
            "killed, according to Israeli figures.")
    # Undated, as a reader reads it: dated only by the day it reached us.
    assert tolls_in(text, gazetteer, published=None, received=date(2026, 12, 2)) == [9]


def test_a_month_and_year_before_an_attack_name_it_as_past(gazetteer: Gazetteer) -> None:
    # "An October 2024 attack": the month names what happened in it, as "the July fighting" does.
    text = ("Gunmen killed six farmers near Saint-Marc, Haiti, on Monday, police said. The same gang was blamed for "
            "an October 2024 attack on a nearby town in which more than 70 people were killed.")
    assert tolls_in(text, gazetteer, published="2025-08-06") == [6]


def test_a_figure_across_townships_no_one_names_is_a_sum(gazetteer: Gazetteer) -> None:
    # "Across the Sagaing Region's southern townships", "across its seven districts": a tally over places unnamed,
    # not the toll of the village the story is at.
    text = ("An air strike on a school in Nyaung Ywa village in Kani Township, Sagaing Region, killed 12 people on "
            "Sunday, residents said.\n\nResidents of Nyaung Ywa fled to the forest. Kani has been raided by army "
            "columns since 2021. Figures gathered by local monitors show dozens of villages torched in the township "
            "and hundreds of civilians killed across the Sagaing Region's northern townships.")
    assert tolls_in(text, gazetteer, published="2025-02-21") == [12]


def test_hills_counted_where_they_stand_are_taken_there(gazetteer: Gazetteer) -> None:
    # "Two hills", "several hills": posts counted, then the place they stand in, known or not to a gazetteer, in the
    # country the story is in.
    lede = "Fighting flared south of Hodeidah in Yemen on Tuesday, a local commander said. "
    for text in (lede + "Houthi fighters took control of several hills in the Wadi Qaniyah area after heavy fighting.",
                 lede + "Houthi fighters seized two hills in Wadi Qaniyah on Tuesday."):
        assert places_taken(text, gazetteer) == ["Wadi Qaniyah"], text
    # "Several" soldiers taken are people.
    text = lede + "Houthi fighters captured several soldiers in Wadi Qaniyah on Tuesday."
    assert places_taken(text, gazetteer) == []


def test_control_recovered_or_restored_is_a_taking(gazetteer: Gazetteer) -> None:
    # An army's words for taking a place back.
    for text in ("The army said on Monday it had recovered control of Kani after rebels held it for a week.",
                 "Troops restored control over Kani on Monday, the regional military command said.",
                 "Government forces re-established control of Kani on Monday, officials said."):
        assert places_taken(text, gazetteer) == ["Kani"], text
    # Order restored is no place taken.
    assert places_taken("Police restored order in Kani on Monday after the protest.", gazetteer) == []


def test_a_taking_told_by_those_called_wrong_is_denied(gazetteer: Gazetteer) -> None:
    # "Anyone who says X has fallen is wrong": the speaker denies it.
    for text in ('"Anyone who says Kani has fallen is wrong," a junta spokesman told reporters on Monday.',
                 "Those who claim the rebels captured Kani are lying, the regional governor said on Monday."):
        assert places_taken(text, gazetteer) == [], text
    text = "Residents said on Monday that Kani has fallen to the resistance."
    assert places_taken(text, gazetteer) == ["Kani"]


def test_what_set_a_war_off_is_its_backstory(gazetteer: Gazetteer) -> None:
    # "The war began after ...", "the war was triggered by ...": how it started, whatever toll that day took, even
    # in an undated story whose one written day it is.
    for backstory in ("The war began after militants stormed border towns on October 7, in which 1,200 people died.",
                      "The war was triggered by a militant raid on October 7, which killed 1,200 people."):
        text = "A drone strike killed four people in Khan Younis on Tuesday, medics said.\n\n" + backstory
        assert tolls_in(text, gazetteer, published=None, received=date(2026, 12, 2)) == [4], backstory
    # Clashes that began after an attack of this week are its news.
    text = "The clashes began after gunmen attacked a police post in Kani on Monday, killing 12 officers."
    assert tolls_in(text, gazetteer, published="2025-06-13") == [12]


def test_an_undated_storys_day_after_since_is_no_day_of_its_news(gazetteer: Gazetteer) -> None:
    # "Since Oct. 8, ... more than 350 were killed": the day a count runs from, not the day an undated story was
    # written, however recent it would make the count.
    text = ("An Israeli strike killed three people in the southern Lebanese town of Bint Jbeil on Tuesday, the health "
            "ministry said.\n\nSince Oct. 8, when the group opened the front, more than 350 people were killed in "
            "Lebanon, according to a tally.")
    assert tolls_in(text, gazetteer, published=None, received=date(2026, 12, 2)) == [3]


def test_a_people_is_no_place_it_is_named_for(gazetteer: Gazetteer) -> None:
    # "The liberation of the Baloch nation": a people, not the province named after it.
    text = ("QUETTA, Pakistan - Fighters of the Baloch Liberation Army attacked a Levies post in Kalat on Monday, "
            "officials said. The group said its fighters died for the liberation of the Baloch nation.")
    assert places_taken(text, gazetteer) == []


def test_a_stretch_of_days_with_an_hour_in_brackets_sums_its_dead(gazetteer: Gazetteer) -> None:
    # A situation report's stretch, each end with its hour: "between 3 May (morning) and 9 May (morning)".
    text = ("According to the health ministry in Gaza, between 3 May (morning) and 9 May (morning), 140 people were "
            "killed and 400 injured.")
    assert tolls_in(text, gazetteer, published="2025-05-10") == []


def test_a_highway_taken_by_its_number_names_a_road(gazetteer: Gazetteer) -> None:
    # "The Quetta-Karachi N-25 highway": the road's number closes its name; the road is no place taken.
    text = ("QUETTA, Pakistan - Fighters said they took control of the Sukkur-Quetta N-65 highway near Sibi on "
            "Monday and blocked it for hours.")
    # Nothing the gate would send: no place at all, or the road's name doubted.
    sent = [e.place.name for e in takings_in(text, gazetteer)
            if e.place and not any("names the road taken" in d for d in e.doubts)]
    assert sent == []
