"""Wire copy's names and times: a group or a common word read as a town, a place taken from another time's
sentence, a month naming a fight, and divisions of another country. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.extract import extract
from stream.core.extract.context import article_contexts
from stream.core.places import Gazetteer
from stream.core.records import Casualties, Displacement, TerritorySeized
from stream.reference.actors import default_actors
from tests.builders import article


def _events(text: str, gazetteer: Gazetteer, **fields: object) -> list:
    return [e for e in extract(article(text, "2025-06-11", **fields), gazetteer, default_actors()) if not e.negated]


def _killed(text: str, gazetteer: Gazetteer, **fields: object) -> list[Casualties]:
    return [e for e in _events(text, gazetteer, **fields) if isinstance(e, Casualties) and e.killed
            and not e.cumulative and not e.historical]


def test_a_name_before_the_word_for_its_officials_or_members_is_a_group_not_a_town(gazetteer: Gazetteer) -> None:
    # Taliban is also a village in Turkey, and Turkey is named as a mediator: neither makes it the place.
    text = ("Afghan border guards killed 14 smugglers in Kandahar province on Sunday, the Taliban administration's "
            "spokesman said. Turkey and Qatar urged both sides to talk.")
    assert [(e.killed, e.place.country if e.place else None) for e in _killed(text, gazetteer)] == [
        (14, "Afghanistan")]
    # Gang is also a town in the United States, which the story names.
    text = ("PORT-AU-PRINCE, June 9 - Gang members killed 15 people in Cabaret on Sunday, police said. The United "
            "States condemned the killings.")
    assert [(e.killed, e.place.country if e.place else None) for e in _killed(text, gazetteer)] == [(15, "Haiti")]


def test_an_opening_word_the_article_writes_in_lower_case_is_that_word(gazetteer: Gazetteer) -> None:
    # "Gang" opens a sentence as any word does; "the gang" later says what it is.
    text = ("PORT-AU-PRINCE, June 9 - Gang violence killed 15 people in Cabaret on Sunday, police said.\n\n"
            "The United States has sanctioned the gang's leaders.")
    named = [m.place.name for ctx in article_contexts(article(text, "2025-06-11"), gazetteer) for m in ctx.mentions]
    assert "Cabaret" in named and "Gang" not in named


def test_a_lede_without_a_place_takes_none_from_a_sentence_of_another_time(gazetteer: Gazetteer) -> None:
    text = ("Gunmen ambushed an army convoy on Sunday, killing 16 soldiers, officials said.\n\n"
            "In March, talks in Qatar between the two sides collapsed.")
    killed = _killed(text, gazetteer)
    assert [e.killed for e in killed] == [16]
    assert killed[0].place is None or killed[0].place.country != "Qatar"


def test_a_month_naming_a_fight_dates_what_it_did(gazetteer: Gazetteer) -> None:
    text = ("Clashes killed 12 people in Sweida on Monday, a monitor said. The March fighting killed more than "
            "900 people, most of them civilians.")
    assert [e.killed for e in _killed(text, gazetteer)] == [12]
    past = [e for e in _events(text, gazetteer) if isinstance(e, Casualties) and e.killed == 900]
    assert [(e.event_date.month, e.date_precision) for e in past] == [(3, "month")]
    # A march is no month: "the march" on a town dates nothing.
    text = "The march on Sweida went on. Clashes killed 12 people there on Monday."
    assert [e.killed for e in _killed(text, gazetteer)] == [12]


def test_a_village_put_in_a_division_of_another_country_lies_there(gazetteer: Gazetteer) -> None:
    # Pokrovsk is also an old name of a Russian city; the division named after the village settles it.
    text = ("KYIV, June 9 - Russia's defence ministry said on Monday its forces had taken the village of Novyi Dim "
            "near Pokrovsk in the Donetsk region.")
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [(e.place.name, e.place.admin1, e.place.country) for e in taken if e.place] == [
        ("Novyi Dim", "Donetsk", "Ukraine")]


def test_a_town_after_its_state_s_possessive_lies_in_that_state(gazetteer: Gazetteer) -> None:
    # A larger Bijapur lies in another state; the possessive names the one meant.
    text = ("RAIPUR, India, June 9 - Maoist rebels killed 12 policemen in an ambush in Chhattisgarh's Bijapur "
            "district on Monday, police said.")
    assert [(e.place.name, e.place.admin1) for e in _killed(text, gazetteer) if e.place] == [
        ("Bijapur", "Chhattisgarh")]


def test_one_figure_for_the_dead_and_the_captured_is_doubted_as_a_toll(gazetteer: Gazetteer) -> None:
    text = "The rebels said more than 120 soldiers were killed or captured when they overran a base near Kyaukme."
    killed = [e for e in _events(text, gazetteer) if isinstance(e, Casualties) and e.killed]
    assert [e.killed for e in killed] == [120]
    assert killed[0].doubts == ("one figure for the dead and the wounded, captured or missing together: "
                                "'killed or captured'",)


def test_those_who_fled_and_have_not_returned_are_a_stock_not_a_flight(gazetteer: Gazetteer) -> None:
    def displaced(text: str) -> list[int]:
        return [e.displaced for e in _events(text, gazetteer) if isinstance(e, Displacement)]

    assert displaced("Some 25,000 people who fled the fighting in Mogok last year have not returned.") == []
    assert displaced("About 18,000 residents who fled Kutkai in March remain displaced, a relief group said.") == []
    # The flight itself, and what is said of it after, stay the news.
    assert displaced("Some 25,000 people fled Mogok on Sunday and cannot return home, a relief group said.") == [25000]


def test_an_aside_about_the_place_taken_does_not_date_the_taking(gazetteer: Gazetteer) -> None:
    text = "The army said it had retaken the town of Pekon, which rebels overran in March."
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized) and e.place
             and e.place.name == "Pekon"]
    assert taken and all(not e.historical for e in taken)
    assert taken[0].event_date == date(2025, 6, 11)


def test_the_land_a_group_s_branch_is_named_by_is_not_where_it_struck(gazetteer: Gazetteer) -> None:
    text = ("OUAGADOUGOU, June 9 - Jihadists attacked an army base in Djibo on Saturday, security sources said.\n\n"
            "JNIM, al Qaeda's affiliate in the Sahel, said in a statement it had killed 60 soldiers.")
    assert [(e.killed, e.place.name if e.place else None) for e in _killed(text, gazetteer)] == [(60, "Djibo")]


def test_the_paragraph_after_the_lede_without_a_day_or_place_of_its_own_is_the_lede_s_day(
        gazetteer: Gazetteer) -> None:
    # Published on a Wednesday: the wounded are Sunday's, as the dead are, not the day of the article.
    text = ("Gunmen killed 14 villagers in Kawlin on Sunday, residents said.\n\n"
            "More than 20 people were wounded, they said.")
    hurt = [e for e in _events(text, gazetteer) if isinstance(e, Casualties)]
    assert {(e.killed, e.injured): e.event_date for e in hurt} == {
        (14, None): date(2025, 6, 8), (None, 20): date(2025, 6, 8)}


def test_a_town_no_gazetteer_knows_lies_in_the_dateline_s_country_not_where_people_fled(
        gazetteer: Gazetteer) -> None:
    text = ("JUBA, June 9 - Thousands crossed into Ethiopia's Gambella region, the United Nations said.\n\n"
            "The army said it had recaptured the town of Wadakona.")
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [(e.place.name, e.place.admin1, e.place.country) for e in taken if e.place] == [
        ("Wadakona", None, "South Sudan")]


def test_a_town_two_named_countries_share_is_the_one_where_the_story_was_filed(gazetteer: Gazetteer) -> None:
    # A Russian city was once called Pokrovsk too, and is larger.
    text = ("KYIV, June 9 - Russian shelling killed 12 civilians in Pokrovsk on Monday, officials said. Russia "
            "denied targeting civilians.")
    assert [(e.place.name, e.place.admin1) for e in _killed(text, gazetteer) if e.place] == [("Pokrovsk", "Donetsk")]


def test_a_larger_toll_from_a_second_voice_replaces_the_lede_s_rather_than_adding_to_it(gazetteer: Gazetteer) -> None:
    # Published on a Wednesday: the relief group's count is of Friday's strike, and is its toll.
    text = ("A drone struck a market in Kutkai on Friday, killing at least 31 people, a rescue worker said.\n\n"
            "A local relief group put the death toll at 34 and said many people were still missing.")
    assert [(e.killed, e.place.name if e.place else None, e.event_date) for e in _killed(text, gazetteer)] == [
        (34, "Kutkai", date(2025, 6, 6))]


def test_a_liveblog_s_clock_time_is_no_figure(gazetteer: Gazetteer) -> None:
    text = "12:30 - Doctors say shelling killed 12 civilians in the main market of Kadugli this morning."
    assert [e.killed for e in _killed(text, gazetteer)] == [12]


def test_a_year_naming_a_fight_dates_what_it_did(gazetteer: Gazetteer) -> None:
    text = ("Air force strikes killed 45 gunmen near Tsafe on Sunday, the military said. Rights groups recalled a "
            "2023 bombing in Kaduna that killed 85 people at a festival.")
    assert [e.killed for e in _killed(text, gazetteer)] == [45]


def test_the_first_taking_dated_after_a_comma_is_dated_so(gazetteer: Gazetteer) -> None:
    text = ("Junta troops retook Kawlin on Tuesday, residents said.\n\nKawlin was the first district town captured "
            "by resistance forces after the coup, in November 2023.\n\nMore than 15,000 people fled the town "
            "during the fighting, an aid group said.")
    events = _events(text, gazetteer)
    taken = [e for e in events if isinstance(e, TerritorySeized) and not e.historical]
    assert [e.side for e in taken] == ["military"]
    # The year written in the sentence before is no passage of figures the flight would belong to.
    assert [(e.displaced, e.cumulative) for e in events if isinstance(e, Displacement)] == [(15000, False)]


def test_flight_from_floods_is_not_flight_from_war_and_a_lightning_offensive_is_war(gazetteer: Gazetteer) -> None:
    def displaced(text: str) -> list[int]:
        return [e.displaced for e in _events(text, gazetteer) if isinstance(e, Displacement)]

    assert displaced("Flooding after days of heavy rain displaced more than 15,000 people in Uvira on Sunday.") == []
    assert displaced("A lightning rebel offensive displaced more than 15,000 people in Uvira on Sunday.") == [15000]


def test_the_towns_a_road_runs_between_are_not_taken_with_it(gazetteer: Gazetteer) -> None:
    text = "The rebels said on Monday they had taken control of a stretch of the road linking Kyaukme and Hsipaw."
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert taken and all(any("an end of the road taken" in d for d in e.doubts) for e in taken)


def test_the_villages_of_a_list_lie_in_the_division_named_after_the_last(gazetteer: Gazetteer) -> None:
    text = ("MOSCOW, June 9 - Russia's defence ministry said on Monday its forces had captured the villages of "
            "Rivne and Novoselivka in Ukraine's Zaporizhzhia region.")
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized) and e.place]
    assert {(e.place.name, e.place.admin1) for e in taken} == {("Rivne", "Zaporizhzhia"),
                                                               ("Novoselivka", "Zaporizhzhia")}


def test_where_people_sheltered_is_not_where_the_story_goes_on(gazetteer: Gazetteer) -> None:
    text = ("More than 20,000 residents have fled Bhamo since rebels attacked the town on Wednesday.\n\n"
            "Most have sheltered in Myitkyina and in villages along the Irrawaddy, a volunteer said.\n\n"
            "Jets bombed several wards, killing at least 16 civilians, residents said.")
    assert [(e.killed, e.place.name if e.place else None) for e in _killed(text, gazetteer)] == [(16, "Bhamo")]


def test_a_toll_told_again_place_by_place_adds_no_dead(gazetteer: Gazetteer) -> None:
    # Published on a Wednesday: the places' counts are Saturday's toll again, on Saturday.
    text = ("Airstrikes on two villages in Khin-U Township killed 22 civilians on Saturday, residents said.\n\n"
            "Fifteen people were killed in Lin Tha village and seven in Kyee Pin village, they said. Two militiamen "
            "were also killed.")
    killed = _killed(text, gazetteer)
    assert sorted(e.killed for e in killed) == [2, 22]
    assert {e.event_date for e in killed} == {date(2025, 6, 7)}
    # Figures of the dead and the hurt that happen to add up to a toll before are another incident's.
    text = ("Troops shot dead 17 protesters in Monywa on Sunday.\n\nIn Pakokku, three people died and 14 others were "
            "hurt when police fired on a crowd.")
    assert sorted(e.killed for e in _killed(text, gazetteer)) == [3, 17]


def test_the_one_who_told_it_is_no_victim(gazetteer: Gazetteer) -> None:
    text = "Fighters attacked an outpost near Hpapun on Sunday, killing 11 soldiers, a rebel officer said."
    assert [e.killed for e in _killed(text, gazetteer)] == [11]
    text = "The ambush near Hpapun on Sunday killed 18 soldiers and wounded 12, one source said."
    hurt = [e.injured for e in _events(text, gazetteer) if isinstance(e, Casualties) and e.injured]
    assert hurt == [12]


def test_a_base_named_for_its_unit_near_a_town_is_the_units_by_the_town(gazetteer: Gazetteer) -> None:
    # The news names such a site by its unit and the town ("the LIB 512 base near Kani"): the taking is told as the
    # post's, with the town it stands by, and sent: the town is not said to have fallen.
    text = ("Resistance forces overran the base of the junta's Light Infantry Battalion (LIB) 512 near Kani on "
            "Sunday, a local defence force said.")
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [e.place.name for e in taken if e.place] == ["Light Infantry Battalion (LIB) 512 base near Kani"]
    assert [(e.place.admin1, e.place.precision) for e in taken if e.place] == [("Sagaing", "facility")]
    assert not any(e.doubts for e in taken)


def test_goods_seized_where_a_town_is_named_are_no_taking(gazetteer: Gazetteer) -> None:
    text = "Customs officers seized a shipment of rifles bound for the rebels at Port Sudan on Sunday."
    assert [e for e in _events(text, gazetteer, title="Sudan") if isinstance(e, TerritorySeized)] == []
    # A word of goods that begins a town's description is the town's: "the gold-mining town of X" is taken.
    text = "GOMA, Congo, June 9 - Rebels took control of the gold-mining town of Lubutu on Sunday, an official said."
    assert [e.place.name for e in _events(text, gazetteer) if isinstance(e, TerritorySeized) and e.place] == [
        "Lubutu"]


def test_a_clause_in_the_past_perfect_dates_its_own_taking_not_the_sentence_s(gazetteer: Gazetteer) -> None:
    # Published on a Wednesday.
    text = "The army retook Pekon on Monday from rebels who had seized the town in March."
    taken = {e.side: e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)}
    assert not taken["military"].historical and taken["military"].event_date == date(2025, 6, 9)
    assert taken["resistance"].historical
    text = "The army said it had regained control of Pekon, pushing back rebels who had captured it in March."
    taken = {e.side: e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)}
    assert not taken["military"].historical


def test_a_single_strike_keeps_its_day(gazetteer: Gazetteer) -> None:
    # "single" is one strike here, not a comparison whose words date nothing; a month before, it is history.
    text = "A monitoring group said a single strike on a festival in Kani on May 6 killed 40 people."
    assert _killed(text, gazetteer) == []
    past = [e for e in _events(text, gazetteer) if isinstance(e, Casualties) and e.killed == 40]
    assert [e.event_date for e in past] == [date(2025, 5, 6)]


def test_most_of_a_town_s_people_is_no_count_of_who_fled(gazetteer: Gazetteer) -> None:
    text = "Residents said most of the town's 30,000 people had fled before the rebels entered Indaw on Monday."
    assert [e for e in _events(text, gazetteer) if isinstance(e, Displacement)] == []


def test_the_week_s_dead_so_far_are_a_running_count(gazetteer: Gazetteer) -> None:
    text = ("Artillery killed three villagers in Myingyan on Monday. Together with other attacks, at least 11 "
            "civilians have been killed in the area this week.")
    assert [e.killed for e in _killed(text, gazetteer)] == [3]


def test_a_story_of_a_disaster_counts_no_dead_of_war_unless_a_sentence_names_violence(gazetteer: Gazetteer) -> None:
    text = ("The earthquake flattened much of Sagaing on Friday, officials said.\n\nRescuers pulled 14 bodies from "
            "a collapsed monastery on Saturday.\n\nA junta airstrike on a village near Sagaing killed 12 people on "
            "Sunday, residents said.")
    assert [e.killed for e in _killed(text, gazetteer)] == [12]
    # A lede of war keeps every toll.
    text = ("Junta airstrikes killed 12 people near Sagaing on Sunday, residents said.\n\nRescuers pulled 14 bodies "
            "from a collapsed monastery on Monday.")
    assert sorted(e.killed for e in _killed(text, gazetteer)) == [12, 14]


def test_a_figure_an_earlier_version_of_the_story_gave_is_withdrawn(gazetteer: Gazetteer) -> None:
    text = ("An earlier version of this story said 30 people were killed in an airstrike on Kalewa on Sunday. The "
            "correct figure is 13, rescue workers said.")
    assert [e.killed for e in _killed(text, gazetteer) if e.killed == 30] == []


def test_since_launching_an_offensive_dates_the_offensive_not_the_news(gazetteer: Gazetteer) -> None:
    text = ("The alliance said on Sunday it had captured Kunlong in northern Shan State, adding to the towns it has "
            "taken since launching its offensive on May 27.")
    taken = [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized)]
    assert [(e.place.name, e.historical, e.event_date) for e in taken if e.place] == [
        ("Kunlong", False, date(2025, 6, 8))]


def test_a_piece_told_from_an_anniversary_recounts_what_has_no_day_of_its_own(gazetteer: Gazetteer) -> None:
    text = ("Two years after rebels launched their offensive in northern Shan State, the region is calm.\n\n"
            "The offensive displaced more than 200,000 people and killed hundreds of civilians, according to aid "
            "groups.\n\nOn Monday, jets bombed a village near Kutkai, killing 12 people, residents said.")
    events = [e for e in _events(text, gazetteer) if isinstance(e, (Casualties, Displacement))]
    recounted = {(getattr(e, "killed", None), getattr(e, "displaced", None)): any("recounts" in d for d in e.doubts)
                 for e in events}
    assert recounted == {(100, None): True, (None, 200000): True, (12, None): False}


def test_a_larger_total_over_a_wider_scope_is_no_account_of_the_toll_before_it(gazetteer: Gazetteer) -> None:
    text = ("A strike on a market in Monywa on Tuesday killed 19 people.\n\nOver the week, at least 60 civilians were "
            "killed in airstrikes across the country, according to our count.")
    assert [e.killed for e in _killed(text, gazetteer)] == [19]


def test_villages_on_a_town_s_outskirts_are_not_the_town(gazetteer: Gazetteer) -> None:
    text = ("MAPUTO, June 9 - Insurgents occupied villages on the outskirts of Mocimboa da Praia on Sunday, "
            "residents said.")
    assert [e for e in _events(text, gazetteer) if isinstance(e, TerritorySeized) and e.place
            and e.place.name.startswith("Mocimboa")] == []


def test_a_tally_over_the_past_weeks_is_a_running_count(gazetteer: Gazetteer) -> None:
    text = "The army said on Saturday it had killed 45 militants near Djibo over the past two weeks."
    assert _killed(text, gazetteer) == []


def test_a_day_told_as_the_next_is_counted_from_the_day_before_it(gazetteer: Gazetteer) -> None:
    # Published on Wednesday June 11: the raid on the 6th, the ambush the day after it.
    text = ("Rebels raided an outpost near Kawlin on June 6 and the next morning ambushed a supply column on the "
            "road to Wuntho, killing 11 soldiers.")
    assert [(e.killed, e.event_date) for e in _killed(text, gazetteer)] == [(11, date(2025, 6, 7))]
    text = ("Rebels raided an outpost near Kawlin on June 6, their spokesman said.\n\n"
            "Two days later, artillery fire on the village killed 12 people.")
    assert [(e.killed, e.event_date) for e in _killed(text, gazetteer)] == [(12, date(2025, 6, 8))]
    # A sentence may open on the count, capitalised.
    text = ("Rebels raided an outpost near Kawlin on June 6, their spokesman said.\n\n"
            "Next morning, artillery fire on the village killed 12 people.")
    assert [(e.killed, e.event_date) for e in _killed(text, gazetteer)] == [(12, date(2025, 6, 7))]
    # Never past the article's own day.
    text = "Rebels raided an outpost near Kawlin on Wednesday. The following day, shelling killed 12 people there."
    assert [(e.killed, e.event_date) for e in _killed(text, gazetteer)] == [(12, date(2025, 6, 11))]


def test_the_first_of_a_series_told_is_dated_by_its_own_day(gazetteer: Gazetteer) -> None:
    # "first" here counts the attacks told, it compares nothing: its date stands.
    text = ("Two attacks hit the district last week. The first came on June 3, when gunmen killed 14 people at a "
            "market in Kawlin.")
    assert [(e.killed, e.event_date) for e in _killed(text, gazetteer)] == [(14, date(2025, 6, 3))]
