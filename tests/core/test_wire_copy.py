"""How wire copy from many conflicts is written: datelines, dates told by month and year, a second voice's toll,
and names shared by many villages. Each rule has sentences written for it (invented incidents and figures)."""

from __future__ import annotations

from datetime import date

import pytest

from stream.core.extract import extract
from stream.core.extract.build import RECOUNTED
from stream.core.extract.doubts import SEQUEL
from stream.core.extract.framing import dating_text
from stream.core.places import Gazetteer
from stream.core.records import Casualties, TerritorySeized
from stream.reference.actors import default_actors
from tests.builders import article


def _seizures(text: str, gazetteer: Gazetteer, **fields: object) -> list[TerritorySeized]:
    return [e for e in extract(article(text, "2025-06-11", **fields), gazetteer)
            if isinstance(e, TerritorySeized) and not e.negated]


def _killed(text: str, gazetteer: Gazetteer, **fields: object) -> list[Casualties]:
    return [e for e in extract(article(text, "2025-06-11", **fields), gazetteer)
            if isinstance(e, Casualties) and e.killed and not e.cumulative]


def test_a_month_and_year_date_their_own_sentence_not_the_day_before(gazetteer: Gazetteer) -> None:
    # The sentence before names a day; this one writes its own month and year, and its taking is history.
    text = ("Shelling went on around Kostiantynivka in eastern Ukraine on Monday. Russian troops captured Toretsk "
            "in February 2024 and have pressed west since.")
    taken = _seizures(text, gazetteer)
    assert [e.place.name for e in taken if e.place] == ["Toretsk"]
    assert taken[0].historical
    assert (taken[0].event_date.year, taken[0].event_date.month) == (2024, 2)


def test_a_taking_earlier_this_year_is_history(gazetteer: Gazetteer) -> None:
    text = "Fighting flared near Kalewa on Monday. The rebels seized Mawlaik earlier this year, residents said."
    assert [e.place.name for e in _seizures(text, gazetteer) if not e.historical and e.place] == []


def test_a_dateline_with_its_country_is_where_the_story_was_filed(gazetteer: Gazetteer) -> None:
    text = ("BENI, Congo, June 9 - Militants killed 14 farmers on Sunday in a night raid on a farm outside Oicha, "
            "a local official said.")
    killed = _killed(text, gazetteer)
    assert [(e.killed, e.place.name if e.place else None) for e in killed] == [(14, "Oicha")]


def test_congo_alone_is_the_democratic_republic(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("Congo") == "Democratic Republic of the Congo"
    assert gazetteer.country("Republic of Congo") == "Republic of the Congo"
    text = "Rebels killed 14 villagers near Lubero in eastern Congo on Sunday, a local official said."
    assert [e.place.country for e in _killed(text, gazetteer) if e.place] == ["Democratic Republic of the Congo"]


def test_a_second_voice_putting_the_toll_lower_is_an_account_of_it(gazetteer: Gazetteer) -> None:
    # The headline and the lede tell 30; the police's lower figure, two sentences on, is their count of the same dead.
    text = ("Gunmen killed at least 30 people in night raids on two farming villages in Plateau state, Nigeria, on "
            "Friday, a council official said. Witnesses said the raiders set fire to homes as families fled. Police "
            "confirmed the raids but put the toll at 21.")
    killed = _killed(text, gazetteer, title="Gunmen kill 30 in raids on Nigerian villages")
    assert [e.killed for e in killed] == [30]


def test_a_village_name_shared_across_the_country_lies_in_the_township_named_with_it(gazetteer: Gazetteer) -> None:
    # Many villages bear this name, and a ward of Bago too; the one struck is in the Rakhine township named beside it.
    text = "A junta air strike on Tuesday hit Hpa Yar Gyi village in Ramree Township, killing nine villagers."
    places = {(e.place.name, e.place.admin1) for e in extract(article(text, "2025-06-11"), gazetteer) if e.place}
    assert places == {("Hpa Yar Gyi", "Rakhine")}


def test_a_figure_the_war_displaced_or_killed_is_its_whole_toll(gazetteer: Gazetteer) -> None:
    # After a strike on a camp, a war-long figure in the next sentence is carried to the camp's place: it is no flight
    # from there.
    text = ("Shells hit the Abu Tiraz camp in North Darfur, Sudan, on Tuesday, killing 11 people. More than 9 million "
            "Sudanese have been displaced by the war, and the conflict has killed tens of thousands.")
    events = extract(article(text, "2025-06-11"), gazetteer)
    assert [(type(e).__name__, e.cumulative) for e in events if getattr(e, "displaced", None)] == [
        ("Displacement", True)]
    assert [e.killed for e in events if isinstance(e, Casualties) and e.killed and not e.cumulative] == [11]


def test_a_division_abroad_is_found_however_the_news_spells_it(gazetteer: Gazetteer) -> None:
    # GeoNames writes "Lower Shabeelle"; the type word after the name says a division is meant.
    somalia = frozenset({"Somalia"})
    place = gazetteer.resolve("Lower Shabelle", "admin1", countries=somalia)
    assert place is not None and (place.precision, place.country) == ("admin1", "Somalia")
    assert gazetteer.resolve("Lower Shabelle", countries=somalia) is None  # without a type word, no guess
    text = ("Militants stormed an army post in Dhagahtur in Somalia's Lower Shabelle region on Friday and killed "
            "12 soldiers, officials said.")
    killed = _killed(text, gazetteer)
    assert [(e.killed, e.place.admin1 if e.place else None) for e in killed] == [(12, place.admin1)]


def test_a_town_put_in_a_division_of_its_country_lies_there(gazetteer: Gazetteer) -> None:
    # Ukraine has many towns of this name; the largest lies in Kharkiv region.
    def taken(region: str) -> tuple[str | None, str | None]:
        text = f"Russian troops took the village of Andriivka in Ukraine's {region} region on Monday, Moscow said."
        places = [e.place for e in _seizures(text, gazetteer) if e.place]
        assert len(places) == 1
        return places[0].admin1, places[0].code

    assert taken("Donetsk")[0] == "Donetsk"  # a town of that name in the division: it is the one meant
    assert taken("Sumy") == ("Sumy", None)  # none known there: the name is placed in the division, unlisted


def test_the_headline_names_the_story_s_country_too(gazetteer: Gazetteer) -> None:
    # The body names only the town and its region; the headline names the country its towns are looked up in.
    text = "Paramilitary fighters shelled a market in El Obeid on Sunday, killing 23 people, medics said."
    killed = _killed(text, gazetteer, title="Sudan's paramilitaries shell market")
    assert [(e.killed, e.place.country if e.place else None) for e in killed] == [(23, "Sudan")]


def test_civilians_take_no_town(gazetteer: Gazetteer) -> None:
    # The victims stand nearest the verb of taking; the taker is named at the sentence's start.
    text = ("The Rapid Support Forces killed dozens of people at a clinic in Bara, Sudan, on Monday after seizing "
            "the town, a rights group said.")
    taken = [e for e in extract(article(text, "2025-06-11"), gazetteer, default_actors())
             if isinstance(e, TerritorySeized)]
    assert [(e.place.name, e.side) for e in taken if e.place] == [("Bara", "resistance")]


def test_a_country_across_the_border_is_not_where_the_town_lies(gazetteer: Gazetteer) -> None:
    text = ("Rebels pushed on from Bunia in Congo on Thursday. They also seized Mahagi Port, a fishing town on the "
            "border with Uganda, on Monday, residents said.")
    taken = _seizures(text, gazetteer)
    assert [(e.place.name, e.place.country) for e in taken if e.place] == [
        ("Mahagi Port", "Democratic Republic of the Congo")]


def test_the_day_an_offensive_began_does_not_date_what_it_took(gazetteer: Gazetteer) -> None:
    text = ("Rebels said on Sunday they had taken control of Kalewa, after an offensive that began on May 20 to "
            "open the road.")
    taken = _seizures(text, gazetteer)
    assert [(e.place.name, e.event_date.isoformat()) for e in taken if e.place] == [("Kalewa", "2025-06-08")]


def test_the_day_a_statement_was_made_does_not_date_its_event(gazetteer: Gazetteer) -> None:
    # 2025-06-11 is a Wednesday: the statement came on Monday, the killing on Saturday.
    text = "The army said on Monday that gunmen had killed 14 farmers in a raid on Kalewa on Saturday."
    assert [(e.killed, e.event_date.isoformat()) for e in _killed(text, gazetteer)] == [(14, "2025-06-07")]


def test_news_spellings_of_towns_resolve_to_the_gazetteer_s(gazetteer: Gazetteer) -> None:
    assert {e.name for e in gazetteer.candidates("Hsenwi", fuzzy=False)} == {"Hseni"}
    assert {e.name for e in gazetteer.candidates("Taungup", fuzzy=False)} == {"Toungup"}


def test_a_sentence_opening_on_a_part_of_the_toll_adds_no_dead(gazetteer: Gazetteer) -> None:
    text = ("Strikes across the district killed at least 44 people on Sunday, officials said. Thirty-one of them "
            "were killed near a food distribution point in Kalewa, they said.")
    assert [e.killed for e in _killed(text, gazetteer)] == [44]


def test_a_capital_s_dateline_names_the_story_s_country(gazetteer: Gazetteer) -> None:
    # The body names no country: only its capital's dateline says where Kharkiv is looked up.
    text = ("KYIV, March 12 - A missile struck an apartment block in Kharkiv on Monday, killing 14 people, the "
            "regional governor said.")
    killed = _killed(text, gazetteer)
    assert [(e.killed, e.place.name if e.place else None, e.place.country if e.place else None)
            for e in killed] == [(14, "Kharkiv", "Ukraine")]
    assert gazetteer.capital_of("Kyiv") == "Ukraine" and gazetteer.capital_of("Kharkiv") is None


def test_a_town_followed_by_its_country_lies_in_that_country(gazetteer: Gazetteer) -> None:
    # Khartoum has a district of this name; the story names Sudan too, but the town is put in South Sudan.
    text = ("Soldiers clashed with a militia in Nasir, South Sudan, on Monday, killing 19 people. Refugees from "
            "Sudan's war have crowded the area.")
    killed = _killed(text, gazetteer)
    assert [(e.killed, e.place.name if e.place else None, e.place.country if e.place else None)
            for e in killed] == [(19, "Nasir", "South Sudan")]


def test_where_officials_spoke_from_is_not_where_it_happened(gazetteer: Gazetteer) -> None:
    text = ("Gunmen attacked a cattle camp near Bor, South Sudan, on Monday, killing 23 herders, officials in Juba "
            "said.")
    assert [(e.killed, e.place.name if e.place else None) for e in _killed(text, gazetteer)] == [(23, "Bor")]


def test_a_taking_told_as_one_more_step_with_no_time_is_held_for_review(gazetteer: Gazetteer) -> None:
    def doubted(text: str) -> list[tuple[str, bool]]:
        return [(e.place.name, any(d.startswith(SEQUEL) for d in e.doubts)) for e in _seizures(text, gazetteer)
                if e.place and not e.historical]

    recap = ("Rebels have won ground across the north.\n\nThe rebels overran Tamu first. They also captured Kalewa. "
             "They then seized Mawlaik, a river town.")
    assert doubted(recap) == [("Tamu", False), ("Kalewa", True), ("Mawlaik", True)]
    # Given a day, or told in the lede, "also" is the day's news.
    assert doubted("Rebels took Tamu on Monday.\n\nThey also captured Kalewa on Tuesday.") == [
        ("Tamu", False), ("Kalewa", False)]
    assert doubted("Rebels took Tamu and also captured Kalewa, residents said.") == [("Tamu", False), ("Kalewa", False)]


@pytest.mark.parametrize(("text", "taken"), [
    ("Rebels took Tamu on Monday, residents said.", ["Tamu"]),
    ("The army took back Kalewa overnight.", ["Kalewa"]),
    # "took" before a place that does not end its phrase, or before no place, reports no taking; nor does it past the
    # lede without a day of its own, as analyses recount a war.
    ("Fighting has raged for a year.\n\nIn the north, the rebels took Kalewa after months of fighting.", []),
    ("Gunmen took Kalewa residents hostage on Monday.", []),
    ("Fighters took part in clashes near Tamu on Monday.", []),
])
def test_took_before_a_known_place_is_a_taking(gazetteer: Gazetteer, text: str, taken: list[str]) -> None:
    assert [e.place.name for e in _seizures(text, gazetteer) if e.place] == taken


@pytest.mark.parametrize(("text", "flights"), [
    # The period or the total is another clause's: the day's flight stands.
    ("Fighting near Kalewa on Monday forced 12,000 people to flee, and the UN says 3.5 million are now displaced "
     "nationwide.", [(12000, False), (3500000, True)]),
    ("Fighting in Kalewa on Monday displaced 11,000 residents, bringing the number displaced in the township this "
     "year to 40,000.", [(11000, False)]),
    # How many displaced people live somewhere is a stock, not a flight.
    ("Around 18,000 displaced people live in camps around Kalewa, the relief committee said on Monday.", []),
    ("Some 12,000 IDPs are sheltering in monasteries in Kalewa, a volunteer said on Monday.", []),
    ("There are now more than 25,000 internally displaced people in Kani Township, aid groups said.", []),
    ("Kani Township is home to some 30,000 displaced people, aid workers said on Monday.", []),
    ("An estimated 40,000 IDPs in Kani Township face food shortages, the UN said on Monday.", []),
    ("Around 20,000 refugees returned to Kalewa on Monday after the fighting ended.", []),
    # The displaced told arriving, or left by the fighting, fled.
    ("About 15,000 displaced people arrived in Mindat on Monday.", [(15000, False)]),
    ("The fighting left 12,000 displaced people in Kani on Monday.", [(12000, False)]),
])
def test_a_flight_is_read_in_its_own_clause(gazetteer: Gazetteer, text: str, flights: list[tuple[int, bool]]) -> None:
    events = extract(article(text, "2025-12-03"), gazetteer)
    assert [(e.displaced, e.cumulative) for e in events if getattr(e, "displaced", None)] == flights


def test_accents_fold_in_the_names_of_places_abroad(gazetteer: Gazetteer) -> None:
    cambodia = frozenset({"Cambodia"})
    # GeoNames writes the province with accents; the news writes it in plain letters, spelt one of several ways.
    for news in ("Otar Meanchey", "Otdar Meanchey", "Oddar Meanchey"):
        place = gazetteer.resolve(news, "admin1", countries=cambodia)
        assert place is not None and place.code == "KH.27", news
    # A town GeoNames also spells in plain letters is named so.
    town = gazetteer.resolve("Tillaberi", countries=frozenset({"Niger"}))
    assert town is not None and town.name.isascii()


@pytest.mark.parametrize(("text", "aimed"), [
    ("The junta launched a counteroffensive on Monday to retake Kalewa.", True),
    ("Rebels said on Monday they were close to capturing Kalewa.", True),
    ("Rebels said on Monday they were on the verge of seizing Kalewa.", True),
    ("Rebels managed to capture Kalewa on Monday.", False),
    ("Rebels went on to seize Kalewa on Monday.", False),
    ("Kalewa on Monday became the first town in the region to fall to the rebels.", False),
])
def test_a_taking_aimed_at_is_not_one_done(gazetteer: Gazetteer, text: str, aimed: bool) -> None:
    taken = [e for e in extract(article(text, "2025-12-03"), gazetteer) if isinstance(e, TerritorySeized)]
    assert [e.place.name for e in taken if e.place and not e.hypothetical] == ([] if aimed else ["Kalewa"])


def test_a_weekday_before_a_verb_of_statement_dates_the_statement(gazetteer: Gazetteer) -> None:
    # 2025-06-11 is a Wednesday: the condemnation came on Tuesday, the killing on Sunday.
    text = "The United Nations on Tuesday condemned a raid on Kalewa that killed 14 farmers on Sunday."
    assert [(e.killed, e.event_date.isoformat()) for e in _killed(text, gazetteer)] == [(14, "2025-06-08")]


@pytest.mark.parametrize(("text", "toll"), [
    ("At least 35 civilians have been killed by shelling in the township since the handover, the group said.", True),
    ("Fighters said they had killed more than 30 soldiers in ambushes since the column left Tagaung.", True),
    # A period that starts on a day of the news is the incident's own.
    ("Twelve people have been killed since the fighting began on Friday, medics said.", False),
])
def test_a_count_in_the_perfect_since_an_undated_event_is_a_running_toll(gazetteer: Gazetteer, text: str,
                                                                          toll: bool) -> None:
    events = [e for e in extract(article(text, "2025-12-03"), gazetteer) if isinstance(e, Casualties) and e.killed]
    assert [e.cumulative for e in events] == [toll]


@pytest.mark.parametrize("text", [
    "The rebels seized Kyaukme in August 2024 but handed the town back under a truce.",
    "The rebels hold most of the state after capturing Ann, the seat of the western command, in December last year.",
])
def test_a_taking_dated_by_its_month_and_year_in_an_undated_article_is_history(gazetteer: Gazetteer,
                                                                                text: str) -> None:
    undated = extract(article(text, None, received=date(2026, 12, 2)), gazetteer)
    assert [e.historical for e in undated if isinstance(e, TerritorySeized)] == [True]


@pytest.mark.parametrize(("text", "taken"), [
    ("Kalewa is now under the control of the rebels, residents said on Monday.", [("Kalewa", "resistance")]),
    ("Kalewa is now in rebel hands, residents said on Monday.", [("Kalewa", "resistance")]),
    ("Rebels raised their flag over Kalewa on Monday.", [("Kalewa", "resistance")]),
    # Who holds a place, told in passing, is no taking; nor is anything else in someone's hands.
    ("Kalewa, which is now in rebel hands, was bombed on Monday.", []),
    ("Aid is now in the hands of local groups in Kalewa, officials said on Monday.", []),
])
def test_a_place_now_held_or_flagged_changed_hands(gazetteer: Gazetteer, text: str,
                                                   taken: list[tuple[str, str]]) -> None:
    found = extract(article(text, "2025-12-03"), gazetteer, default_actors())
    assert [(e.place.name, e.side) for e in found if isinstance(e, TerritorySeized) and e.place] == taken


@pytest.mark.parametrize(("text", "held"), [
    # A taking told as the time of another thing, or as a period's course, waits for a person.
    ("When rebels took Kalewa, jets flattened the market.", True),
    ("The army lost Kalewa, Mawlaik and Mingin within a year.", True),
    # Given its day, or told as the day's news, it is sent.
    ("When rebels took Kalewa on Monday, junta troops fled to Mawlaik.", False),
    ("Rebels took Kalewa on Monday after a week of fighting, residents said.", False),
])
def test_a_taking_told_as_a_time_or_a_period_s_course_is_held(gazetteer: Gazetteer, text: str, held: bool) -> None:
    taken = [e for e in extract(article(text, "2025-12-03"), gazetteer) if isinstance(e, TerritorySeized)]
    assert taken and {any(d.startswith(SEQUEL) for d in e.doubts) for e in taken} == {held}


@pytest.mark.parametrize("text", [
    "More than 3 million people were displaced by the end of the year, the UN said.",
    "Fighting near Kalewa on Monday was part of a war that has uprooted 1.2 million people, the UN said.",
    "Kalewa was shelled again on Monday; more than 50,000 people were killed in the war, monitors say.",
])
def test_figures_no_incident_of_the_news_reaches_are_a_war_s_toll(gazetteer: Gazetteer, text: str) -> None:
    figures = [e for e in extract(article(text, "2025-12-03"), gazetteer)
               if getattr(e, "displaced", None) or getattr(e, "killed", None)]
    assert figures and all(e.cumulative for e in figures)


def test_towns_listed_after_the_plural_noun_are_each_taken(gazetteer: Gazetteer) -> None:
    text = "Sudan's army said on Monday it had seized the towns of Um Sumeima and Kazgil in North Kordofan."
    assert [(e.place.name, e.place.admin1) for e in _seizures(text, gazetteer) if e.place] == [
        ("Um Sumeima", "North Kordofan"), ("Kazgil", "North Kordofan")]


@pytest.mark.parametrize("text", [
    "Troops displaced 40 families near settlements in the Jordan Valley on Monday, a rights group said.",
    "Gunmen attacked fishing islands in Lake Chad on Monday, killing 12, officials said.",
])
def test_a_valley_or_a_lake_is_not_the_country_named_in_it(gazetteer: Gazetteer, text: str) -> None:
    places = [e.place for e in extract(article(text, "2025-06-11"), gazetteer) if e.place]
    assert not any(p.precision == "country" and p.name in ("Jordan", "Chad") for p in places)


@pytest.mark.parametrize(("text", "killed"), [
    # The whole incident may stand between a toll's noun and its figure.
    ("The death toll from Sunday's attack by gunmen on the Kalma camp in South Darfur, Sudan, has risen to 47, a "
     "local committee said on Tuesday.", [47]),
    # An army's word for the enemies it killed.
    ("Two soldiers were killed and 12 attackers neutralised when gunmen ambushed a convoy near Djibo on Monday, the "
     "army said.", [2, 12]),
])
def test_tolls_as_wire_copy_writes_them(gazetteer: Gazetteer, text: str, killed: list[int]) -> None:
    assert [e.killed for e in _killed(text, gazetteer)] == killed


@pytest.mark.parametrize(("text", "fled"), [
    ("Some 30,000 people had crossed into Burundi since Wednesday, aid groups said on Friday.", [30000]),
    ("About 25,000 people arrived in camps around Maiduguri this week after attacks on their villages.", [25000]),
    ("Authorities evacuated 40,000 residents from villages near the front line on Monday.", [40000]),
    ("An estimated 50,000 people streamed out of Kalewa on Monday as rebels advanced.", [50000]),
    # Soldiers crossing, and the wounded evacuated, are no flight.
    ("About 3,000 soldiers crossed into Burundi on Monday.", []),
    ("Helicopters evacuated 40 wounded soldiers from the base on Monday.", []),
])
def test_flight_told_as_crossing_arriving_evacuating_or_streaming_out(gazetteer: Gazetteer, text: str,
                                                                     fled: list[int]) -> None:
    found = extract(article(text, "2025-12-05"), gazetteer, default_actors())
    assert [e.displaced for e in found if getattr(e, "displaced", None)] == fled


def test_the_coup_told_beside_a_taking_does_not_date_it(gazetteer: Gazetteer) -> None:
    # The first sentence dates the news; the second writes the coup's month, which dates the coup, not the taking.
    text = ("Fighting raged across the district on Monday, residents said. Kalewa was seized by rebels in a four-day "
            "offensive after the army ousted the elected government of the country in February 2021.")
    assert [(e.place.name, e.historical) for e in _seizures(text, gazetteer) if e.place] == [("Kalewa", False)]
    assert "elected" not in dating_text(text)


@pytest.mark.parametrize(("title", "text", "held"), [
    ("Analysis: why the army is losing the north", "Rebels captured Kalewa and Mawlaik on Monday.", True),
    ("The army is losing the north", "Opinion\n\nRebels captured Kalewa and Mawlaik on Monday.", True),
    # News about an analysis is news.
    ("Rebels take two towns", "Analysis of satellite images shows rebels captured Kalewa on Monday.", False),
])
def test_a_piece_labelled_as_analysis_or_opinion_recounts_and_waits_for_a_person(
        gazetteer: Gazetteer, title: str, text: str, held: bool) -> None:
    taken = [e for e in extract(article(text, "2025-12-03", title=title), gazetteer) if isinstance(e, TerritorySeized)]
    assert taken and {any(d.startswith(RECOUNTED) for d in e.doubts) for e in taken} == {held}


@pytest.mark.parametrize(("text", "killed"), [
    # One of the strikes a toll summed before it is a part of that toll.
    ("Strikes killed at least 25 people across the district on Monday, medics said. One strike hit a house in "
     "Kalewa, killing 11 members of a family.", [25]),
    # Told first, it gives way to the larger toll told just after it with no place of its own: the day's whole.
    ("One strike hit a house in Kalewa on Monday, killing 11. Strikes killed 25 across the district that day.",
     [25]),
    # With no larger toll beside it, it stands.
    ("One strike hit a house in Kalewa on Monday, killing 11. Medics said the wounded were taken to Monywa.", [11]),
])
def test_one_of_the_strikes_told_after_their_toll_adds_no_dead(gazetteer: Gazetteer, text: str,
                                                               killed: list[int]) -> None:
    assert [e.killed for e in _killed(text, gazetteer)] == killed


def test_another_before_a_verb_and_a_figure_is_another_attack_not_another_victim(gazetteer: Gazetteer) -> None:
    text = "One attack killed 30 people in Kalewa on Monday. Another killed 40 in Tamu."
    assert sorted(e.killed for e in _killed(text, gazetteer)) == [30, 40]
    assert [e.killed for e in _killed("Two villagers died on Monday. Another was killed on Tuesday.", gazetteer)] == [
        2, 1]


@pytest.mark.parametrize(("text", "killed"), [
    ("At least 40 people have died of cholera in camps near Kalewa this week, medics said on Monday.", []),
    ("Floods killed 25 people in Kani Township on Monday, officials said.", []),
    ("A boat carrying people fleeing the fighting capsized on Monday, killing 30.", []),
    ("At least 15 people were killed in a road accident near Kalewa on Monday.", []),
    # Violence told beside a disaster, or in a place a disaster marks, is still violence.
    ("Troops shelled Kalewa on Monday, killing 12, as floods cut off the road to Mawlaik.", [12]),
    ("Gunmen killed 25 villagers in famine-hit Kani Township on Monday.", [25]),
])
def test_deaths_no_one_s_violence_caused_are_no_toll(gazetteer: Gazetteer, text: str, killed: list[int]) -> None:
    assert [e.killed for e in _killed(text, gazetteer)] == killed


@pytest.mark.parametrize(("text", "done"), [
    ("Rebels stormed Kalewa on Monday but were pushed back by troops.", False),
    ("Reports that rebels had captured Kalewa on Monday were false, the army said.", False),
    # The defenders pushed back, or the report of a taking confirmed, leave it done.
    ("Rebels seized Kalewa on Monday, and troops were pushed back to Mawlaik.", True),
    ("Reports that rebels had captured Kalewa on Monday were confirmed by residents.", True),
])
def test_a_taking_the_sentence_takes_back_is_none(gazetteer: Gazetteer, text: str, done: bool) -> None:
    found = extract(article(text, "2025-12-08"), gazetteer, default_actors())
    assert [e.place.name for e in found if isinstance(e, TerritorySeized) and e.place and not e.negated] == (
        ["Kalewa"] if done else [])


def test_a_name_made_a_place_by_the_word_after_it_lies_in_the_level_named_with_it(gazetteer: Gazetteer) -> None:
    text = "Houthi fighters seized Al-Abdiyah district in Yemen's Marib province on Tuesday."
    taken = [e.place for e in _seizures(text, gazetteer) if e.place]
    assert [(p.name, p.country) for p in taken] == [("Al-Abdiyah", "Yemen")] and taken[0].admin1


@pytest.mark.parametrize("text", [
    "The opposition seized on the scandal in Kalewa on Monday to demand new elections.",
    "The government took over the management of Kalewa's airport on Monday.",
    "Police took control of the situation in Kalewa on Monday after clashes between rival gangs.",
    "Rebels captured the imagination of young people in Kalewa, a teacher said on Monday.",
    "Striking workers occupied the port of Mombasa in Kenya on Monday.",
])
def test_what_is_seized_that_is_no_ground_and_what_civilians_occupy_are_no_takings(gazetteer: Gazetteer,
                                                                                   text: str) -> None:
    found = extract(article(text, "2025-06-11"), gazetteer, default_actors())
    assert [e for e in found if isinstance(e, TerritorySeized) and not e.negated] == []


def test_civilians_telling_of_a_taking_are_not_its_takers(gazetteer: Gazetteer) -> None:
    text = "Local people said armed men took control of Kalewa on Monday."
    found = extract(article(text, "2025-06-11"), gazetteer, default_actors())
    assert [(e.place.name, e.side) for e in found if isinstance(e, TerritorySeized) and e.place] == [
        ("Kalewa", "unknown")]


def test_places_taken_each_with_its_region_are_each_taken(gazetteer: Gazetteer) -> None:
    text = ("Russia's defence ministry said on Tuesday its forces had taken the villages of Hrodivka in Ukraine's "
            "Donetsk region and Bilohorivka in the Luhansk region.")
    assert [(e.place.name, e.place.admin1) for e in _seizures(text, gazetteer) if e.place] == [
        ("Hrodivka", "Donetsk"), ("Bilohorivka", "Luhansk")]
    # A verb of its own after the region ends the list.
    text = "Rebels seized Kalewa in Sagaing Region and advanced on Mawlaik on Monday."
    assert [e.place.name for e in _seizures(text, gazetteer) if e.place and not e.hypothetical] == ["Kalewa"]


def test_a_dateline_of_two_cities_is_where_the_story_was_filed(gazetteer: Gazetteer) -> None:
    text = ("BEIRUT/JERUSALEM, June 9 (Wire) - Twelve people were killed on Sunday when an air strike hit a car on "
            "the coast road outside Tyre in south Lebanon, the health ministry said.")
    assert [(e.killed, e.place.name if e.place else None) for e in _killed(text, gazetteer)] == [(12, "Tyre")]


@pytest.mark.parametrize(("text", "running"), [
    ("Troops killed 52 villagers in Kani Township on Sunday. The raid brings to more than 100 the number of people "
     "killed in Kani in a week, residents said.", True),
    # A toll brought up to date names no period: it is the incident's.
    ("Troops killed 52 villagers in Kani Township on Sunday. Two more bodies were found in Kani on Monday, bringing "
     "the toll from the raid to 54.", False),
])
def test_a_count_brought_up_over_a_period_is_a_running_toll(gazetteer: Gazetteer, text: str, running: bool) -> None:
    events = [e for e in extract(article(text, "2025-06-11"), gazetteer) if isinstance(e, Casualties) and e.killed]
    assert [e.cumulative for e in events if (e.killed or 0) > 52] == [running]
