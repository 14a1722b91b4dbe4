"""Wire copy, seventh round: figures that follow a toll without being in it, and places read abroad that the story
never leaves home for. Sentences written for each rule."""

from __future__ import annotations

from stream.core.places import Gazetteer
from stream.core.records import Airstrike, Casualties, Displacement, TerritorySeized
from tests.builders import dead_in, events_in, fled_in, places_taken, tolls_in


def test_a_toll_s_bare_figure_opens_no_list_of_victims(gazetteer: Gazetteer) -> None:
    for headline in ("Toll from market shelling climbs to 38, thousands leave the city",
                     "Death toll in camp attack rises to 38, hundreds flee north"):
        assert tolls_in(headline, gazetteer, published="2026-11-24") == [38], headline
    # Nor is the one who told it a victim.
    text = ("The number of villagers killed in Monday's air strike on Kyun Gyi has risen to seven, a member of the "
            "township's defence force said.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [7]
    # A governing noun's list of victims still counts each group.
    text = "The shelling of the market in Kani on Sunday claimed the lives of two boys, five women and a man."
    assert sum(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-11-24")) == 8


def test_a_liveblog_update_with_its_day_overtakes_the_first_count_of_its_strike(gazetteer: Gazetteer) -> None:
    text = ("Updates are newest first.\n\n"
            "9 March, 18:20 – UPDATE: The number of villagers killed by the morning's air strike on Kyun Gyi village "
            "in Ye-U township, Sagaing Region, has risen to nine, rescuers said. Two of the wounded died overnight.\n\n"
            "9 March, 10:05 – A jet bombed Kyun Gyi village in Ye-U township at dawn, killing seven people.")
    assert tolls_in(text, gazetteer, published="2026-03-09") == [9]


def test_a_village_its_township_and_its_region_are_one_place_not_a_total_over_several(gazetteer: Gazetteer) -> None:
    # Seven dead at one village are not the total of five there and two at a town elsewhere.
    text = ("Seven people were killed when a jet bombed Kyun Gyi village in Ye-U township, Sagaing Region, on Sunday. "
            "Five people were killed in the first strike. In Kawlin, two people were killed by shelling on Monday.")
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-11-24")) == [2, 7]


def test_people_displaced_since_an_undated_start_are_a_stock(gazetteer: Gazetteer) -> None:
    for stock in ("Aid agencies say more than 40,000 residents of Kachin State have been displaced since the fighting "
                  "began, most of them in church compounds.",
                  "At least 300 people have been killed and some 40,000 displaced in Kachin State since the clashes "
                  "began.",
                  "More than 40,000 villagers of Kachin State have fled since the war broke out."):
        assert fled_in(stock, gazetteer) == [(40000, True)], stock
    # A flight since a day the sentence gives is the news.
    assert fled_in("About 4,000 people have fled Bhamo since Monday, aid workers said.", gazetteer) == [(4000, False)]


def test_how_the_war_began_is_its_backstory(gazetteer: Gazetteer) -> None:
    text = ("The war began when militants stormed across the border on Oct. 7, 2023, killing about 1,200 people and "
            "taking 250 hostages.")
    assert dead_in(text, gazetteer, published=None) == []
    # Unless a day of this week tells it: the fighting that began today is the news.
    text = "The conflict began when gunmen attacked a police post in Kawlin at dawn on Monday, killing five officers."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [5]


def test_towns_that_name_a_road_are_not_what_was_taken_on_it(gazetteer: Gazetteer) -> None:
    for text in ("Rebels said on Monday they had taken control of a bridge on the Kawlin-Pinlebu road.",
                 "Rebels said on Monday they had overrun a hill base on the highway between Kawkareik and Myawaddy."):
        assert places_taken(text, gazetteer) == [], text
    assert places_taken("Rebels said on Monday they had taken control of Kawlin.", gazetteer) == ["Kawlin"]


def test_weapons_a_participle_describes_are_goods_not_a_taking(gazetteer: Gazetteer) -> None:
    text = "The group released photos of what it said were weapons seized at the army base in Kawlin on Monday."
    assert places_taken(text, gazetteer) == []


def test_a_taking_a_month_or_a_year_ago_is_history(gazetteer: Gazetteer) -> None:
    for text in ("It was a year ago this week that the rebels raised their flag over Paletwa.",
                 "The rebels captured Paletwa a month ago.",
                 "The rebels captured Paletwa two years ago."):
        assert places_taken(text, gazetteer, published="2025-01-14") == [], text
    assert places_taken("A week ago, the rebels captured Paletwa.", gazetteer, published="2025-01-14") == ["Paletwa"]


def test_a_count_authorities_had_earlier_spoken_of_is_overtaken(gazetteer: Gazetteer) -> None:
    text = ("Gangs attacked Kawlin on Monday, residents said.\n\nThe toll of Monday's attack has risen to 15 dead, "
            "civil protection said.\n\nThe town's hospital said it had received 27 wounded people. The town's "
            "authorities had earlier spoken of nine dead.")
    assert [e.killed for e in dead_in(text, gazetteer, published="2026-11-24") if e.killed] == [15]


def test_a_reporting_period_and_the_first_weeks_are_stretches_of_time(gazetteer: Gazetteer) -> None:
    for text in ("At least 47 people were killed in armed violence during the reporting period, mostly in the capital.",
                 "Official figures speak of at least 80 people killed in the first weeks of the offensive's push."):
        assert [e.killed for e in dead_in(text, gazetteer, published="2026-11-24") if e.is_incident] == [], text
    # A report's strikes in its period are each the period's news.
    text = "Partners reported at least three airstrikes on villages in Kani township during the reporting period."
    assert [e.cumulative for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Airstrike)] == [False]


def test_a_war_told_with_its_start_has_killed_a_war_s_toll(gazetteer: Gazetteer) -> None:
    text = ("The conflict in the country's two western regions, which began in 2017, has killed more than 6,000 people "
            "and forced over 600,000 to flee their homes, a think tank said. Troops raided Kawlin on Tuesday.")
    assert [(n, stock) for n, stock in fled_in(text, gazetteer)] == [(600000, True)]
    # The fighting in one town, told of the news, is no war's toll.
    text = "The conflict in Kawlin has resulted in heavy losses, with 31 people reported dead on Sunday."
    assert [e.killed for e in dead_in(text, gazetteer, published="2026-11-24") if e.is_incident] == [31]


def test_a_site_the_highway_between_two_towns_locates_is_neither_town(gazetteer: Gazetteer) -> None:
    text = ("Junta troops have recaptured a hill base on the Asian Highway between Kawkareik and Myawaddy in Karen "
            "State that was seized by the KNLA and allied fighters three weeks ago, "
            "officials said on Monday.")
    assert places_taken(text, gazetteer) == []


def test_a_taking_behind_a_past_perfect_with_just_is_history(gazetteer: Gazetteer) -> None:
    text = ("Troops retook Kyaukhtu on Sunday. Shells also fell on villages in Gangaw township. \"Many families had "
            "only just returned after the town was liberated,\" a resident said.")
    assert places_taken(text, gazetteer) == ["Kyaukhtu"]


def test_a_locality_a_town_s_name_owns_is_what_was_taken(gazetteer: Gazetteer) -> None:
    text = "Israeli troops took control of Rafah's Tel al-Sultan in southern Gaza on Monday, the army said."
    assert places_taken(text, gazetteer) == ["Tel al-Sultan"]
    # A thing the town owns, in lower case, is no locality: the town's is what the sentence names.
    assert places_taken("Rebels captured Kawlin's main market on Monday.", gazetteer) == ["Kawlin"]


def test_a_town_named_after_its_region_s_word_for_it_is_what_was_taken(gazetteer: Gazetteer) -> None:
    text = "The MNDAA took control of the Kokang capital Laukkai on Friday, residents in Myanmar said."
    assert places_taken(text, gazetteer) == ["Laukkai"]  # as the news writes it (the gazetteer's Laukkaing)
    text = "The RSF seized the North Darfur capital El Fasher in Sudan on Sunday, witnesses said."
    assert places_taken(text, gazetteer) == ["El Fasher"]


def test_a_taking_earlier_this_month_is_history_once_the_month_is_two_weeks_old(gazetteer: Gazetteer) -> None:
    text = "The group, which took control of Kawlin earlier this month, has not commented."
    assert places_taken(text, gazetteer, published="2026-11-24") == []
    # Early in the month, "earlier this month" is within the news window.
    assert places_taken(text, gazetteer, published="2026-11-09") == ["Kawlin"]


def test_a_post_taken_near_a_town_is_told_as_the_town_s(gazetteer: Gazetteer) -> None:
    for text in ("Fighters captured a police post outside Kutkai on Friday.",
                 "Rebels overran an army base near Tamu on Monday."):
        taken = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, TerritorySeized)]
        assert len(taken) == 1 and not taken[0].doubts, text


def test_goods_and_livestock_lost_are_no_taking_nor_villages_on_a_border(gazetteer: Gazetteer) -> None:
    text = "The herders' association said its members had lost cattle and had been attacked in Bokkos last week."
    assert places_taken(text, gazetteer) == []
    text = "Bodies were found after a junta column withdrew from villages on the border of Pale and Kani townships."
    assert places_taken(text, gazetteer) == []


def test_a_denial_that_a_town_fell_leaves_the_claim_sent(gazetteer: Gazetteer) -> None:
    claim = "The rebels claimed on Thursday to have taken control of Kawlin after two days of fighting. "
    for denial in ("The army's spokesman denied that Kawlin had fallen.",
                   "He denied that the town had been captured, calling the rebels' claims propaganda."):
        [taken] = [e for e in events_in(claim + denial, gazetteer, "2026-11-27") if isinstance(e, TerritorySeized)]
        assert not taken.doubts, denial


def test_an_unnamed_post_past_the_lede_is_not_a_town_told_paragraphs_before(gazetteer: Gazetteer) -> None:
    text = ("Shelling hit Kawlin on Monday, residents said.\n\nAid groups said food was running short.\n\n"
            "Clinics were overwhelmed.\n\n\"They have taken the hill of the old school, nothing more,\" an officer "
            "said.")
    assert places_taken(text, gazetteer) == []
    # Nor after a sentence of its paragraph that names none.
    text = ("Shelling hit Kawlin on Monday, residents said.\n\nAid groups said food was running short.\n\n"
            "An officer spoke by phone. \"They have taken the hill of the old school, nothing more,\" he said.")
    assert places_taken(text, gazetteer) == []
    # In the lede, or beside a place its sentence names, the post is the story's.
    text = "Rebels seized an army post on Monday, residents of Kawlin said. The post had guarded the road."
    assert places_taken(text, gazetteer) == ["Kawlin"]


def test_people_displaced_across_a_state_or_registered_as_displaced_are_a_stock(gazetteer: Gazetteer) -> None:
    for stock in ("More than 40,000 people are displaced across Kachin State, aid agencies said.",
                  'Another 40,000 or so are registered as "temporarily displaced" and stay with relatives.'):
        assert fled_in(stock, gazetteer) == [(40000, True)], stock


def test_a_figure_spread_across_a_list_of_places_waits_for_review(gazetteer: Gazetteer) -> None:
    text = "Relief groups said 40,000 people had been displaced across Kawlin, Pinlebu, Wuntho and Kanbalu townships."
    [flight] = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Displacement)]
    assert any("across Kawlin, Pinlebu, Wuntho and Kanbalu" in d for d in flight.doubts)


def test_people_lost_are_no_place_lost_and_a_station_at_a_place_is_that_place(gazetteer: Gazetteer) -> None:
    assert places_taken("A girl we treated lost both her parents that night, says a doctor in Kawlin.", gazetteer) == []
    text = "Fighters stormed the police station at Nwe Nyein, about 20 miles north of Mandalay, on Sunday."
    assert places_taken(text, gazetteer) == ["Nwe Nyein"]


def test_the_wounded_who_died_bringing_the_toll_to_a_figure_are_in_it(gazetteer: Gazetteer) -> None:
    text = ("At least 23 people were killed when a drone struck the market in Kawlin, Sagaing Region, on Sunday "
            "morning. Officials said later on Sunday that three of the injured had died at Kawlin General "
            "Hospital, bringing the death toll to 26.")
    assert tolls_in(text, gazetteer, published="2026-11-30") == [26]


def test_a_town_described_as_largely_abandoned_was_not_taken(gazetteer: Gazetteer) -> None:
    text = "Rebels said on Monday they had captured a police post near the largely abandoned town of Falam."
    assert "Falam" in places_taken(text, gazetteer)
    text = "The army has left the largely abandoned town of Falam to the rebels' patrols."
    assert places_taken(text, gazetteer) == []


def test_a_local_outlet_s_city_and_a_long_dash_is_a_dateline(gazetteer: Gazetteer) -> None:
    text = ("Fano claims control of Mota town\n\nAddis Abeba – Fano fighters claimed on Sunday to have taken control "
            "of Mota, in the Amhara region.\n\nA spokesman said fighters had taken control of the police station and "
            "the prison.")
    assert set(places_taken(text, gazetteer)) == {"Mota"}


def test_a_place_no_gazetteer_knows_lies_in_the_country_of_the_story_s_places(gazetteer: Gazetteer) -> None:
    # Told before any known place, the camp is still the story's: a desk hears of its dead under Sudan.
    text = ("Fighters stormed Abu Shouk camp on Friday, killing 43 people, medics said. Shelling also hit El Fasher "
            "and Kutum in Sudan's North Darfur on Saturday.")
    dead = [e for e in dead_in(text, gazetteer, published="2026-11-24") if e.killed == 43]
    assert [(e.place.name, e.place.country) for e in dead if e.place] == [("Abu Shouk", "Sudan")]


def test_a_toll_since_a_day_a_year_back_is_a_running_total(gazetteer: Gazetteer) -> None:
    text = "Fighting on the front lines has killed 31 people since the fall of the old government on December 8."
    assert [(e.killed, e.cumulative) for e in events_in(text, gazetteer, "2026-11-24")
            if isinstance(e, Casualties)] == [(31, True)]


def test_lives_threatened_or_saved_are_no_dead(gazetteer: Gazetteer) -> None:
    for text in ("The escalation threatens the lives of thousands of civilians near Kawlin.",
                 "Medics saved the lives of 30 wounded fighters in Kawlin on Monday."):
        assert dead_in(text, gazetteer, published="2026-11-24") == [], text
    text = "The strike claimed the lives of 12 civilians in Kawlin on Monday."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [12]


def test_more_bodies_bringing_a_count_to_a_figure_are_in_it(gazetteer: Gazetteer) -> None:
    text = ("Volunteers said on Wednesday that 22 bodies had been found in Kawlin. In the afternoon they found four "
            "more bodies in the fields near the town, bringing the civil society count to 26 dead.")
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-12-02")) == [26]


def test_the_town_of_a_name_is_that_town_and_what_lies_on_the_coast_is_not_joined_to_it(
        gazetteer: Gazetteer) -> None:
    text = "On Monday insurgents briefly occupied the town of Mucojo, on the Macomia coast in Mozambique."
    assert places_taken(text, gazetteer) == ["Mucojo"]


def test_people_already_living_displaced_and_a_crisis_s_whole_toll_are_stocks(gazetteer: Gazetteer) -> None:
    text = ("Some 3,000 people fled to Kawlin on Monday, joining more than 30,000 displaced people already living with "
            "host families.")
    assert (30000, True) in fled_in(text, gazetteer)
    text = ("The crisis in the two western regions, which broke out in 2016, has killed more than 6,000 people and "
            "forced more than 600,000 others from their homes. Troops raided Kawlin on Tuesday.")
    assert fled_in(text, gazetteer) == [(600000, True)]


def test_a_toll_is_no_total_of_its_provisional_count_the_attackers_and_an_old_attack(gazetteer: Gazetteer) -> None:
    text = ("At least 23 civilians were killed on Wednesday evening in an attack on Kawlin.\n\n"
            "The provisional toll given on Thursday morning was 11 bodies.\n\n"
            "Troops arrived during the night and killed 4 attackers.\n\n"
            "On October 21, six people were killed in a village nearby.")
    assert 23 in tolls_in(text, gazetteer, published="2026-11-27")


def test_the_martyrdom_of_civilians_is_their_death(gazetteer: Gazetteer) -> None:
    text = ("The drone strike on the market of Kawlin on Sunday resulted in the martyrdom of 37 civilians, most of "
            "them women and children, the ministry said.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [37]


def test_a_post_near_a_town_that_the_story_places_itself_is_its_place_or_waits(gazetteer: Gazetteer) -> None:
    # The story names the post's own place: the news names the post by it, not by the town (since the eighth round,
    # the village it stands at is the place taken; a post known by a name of its own waits for review).
    text = ("Rebels captured a military outpost near Kawkareik on Sunday, a spokesman said. Five soldiers were "
            "captured. The outpost is located at Kyaukkyi village, residents said.")
    [taken] = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, TerritorySeized)]
    assert taken.place is not None and taken.place.name == "Kyaukkyi" and not taken.doubts
    # So does a headline's post near a town.
    text = ("Rebels seize junta outpost near Kawkareik\n\nThe outpost, known as Hill 702, fell on Sunday after a "
            "three-day battle, a spokesman said.")
    doubted = [e.doubts for e in events_in(text, gazetteer, "2026-11-24")
               if isinstance(e, TerritorySeized) and e.place and e.place.name == "Kawkareik"]
    assert doubted and all(any("where the site taken stands" in d for d in found) for found in doubted)


def test_a_name_s_age_and_some_of_the_dead_among_those_are_no_tolls(gazetteer: Gazetteer) -> None:
    text = "A ranger, Sgt Aung Naing, 31, died at the scene in Kawlin on Monday."
    assert 31 not in tolls_in(text, gazetteer, published="2026-11-24")
    text = "Bodies of four women fighters among those recovered near Kawlin, police say"
    assert dead_in(text, gazetteer, published="2026-11-24") == []
    text = "In Kawlin, 12 people were killed on Monday."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [12]


def test_a_force_named_for_a_river_or_a_town_is_no_place_taken(gazetteer: Gazetteer) -> None:
    text = ("Fighting went on around Orikhiv in Ukraine's Zaporizhzhia region on Monday. The Russian Defence Ministry "
            "said on Monday that units of its Dnepr group had \"liberated\" the village.")
    taken = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, TerritorySeized)
             and e.place and e.place.name == "Dnepr"]
    assert taken and all(any("names whose" in d for d in e.doubts) for e in taken)
    # A town's police station is the town's.
    text = "Rebels captured Kawlin's police station on Monday."
    assert places_taken(text, gazetteer) == ["Kawlin"]


def test_a_unit_s_number_an_age_in_decades_and_prisoners_are_no_tolls_nor_takings(gazetteer: Gazetteer) -> None:
    text = ("The KNDF said six soldiers from Light Infantry Battalion (LIB) 250 were killed and two captured in "
            "Kawlin on Monday.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [6]
    assert places_taken(text, gazetteer) == []
    text = "Twelve soldiers from the 33rd Light Infantry Division were killed in Kawlin on Monday."
    assert tolls_in(text, gazetteer, published="2026-11-24") == [12]
    text = "A boy and a woman in her 40s died on Monday night at a field clinic in Kawlin."
    assert 40 not in tolls_in(text, gazetteer, published="2026-11-24")


def test_a_taking_reports_of_which_could_not_be_verified_is_not_told(gazetteer: Gazetteer) -> None:
    text = "Reports that rebels have taken control of parts of Kawlin town could not be independently verified."
    assert places_taken(text, gazetteer) == []


def test_people_displaced_in_a_state_or_in_the_whole_of_a_war_are_a_stock(gazetteer: Gazetteer) -> None:
    for stock in ("Across Kachin State, more than 40,000 people are displaced, according to UN estimates.",
                  "The state has been bombed heavily, with more than 40,000 people displaced inside the state.",
                  "More than 250 people have been killed and around 40,000 displaced in the conflict between the two "
                  "communities."):
        assert fled_in(stock, gazetteer) == [(40000, True)], stock
    assert fled_in("Fighting on Monday displaced 12,000 people in Kawlin.", gazetteer) == [(12000, False)]


def test_a_town_s_police_station_is_a_post_in_the_town(gazetteer: Gazetteer) -> None:
    text = "Gang members took control of the Kawlin police station on Monday, residents said."
    [taken] = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, TerritorySeized)]
    assert taken.place is not None and taken.place.name == "Kawlin" and not taken.doubts


def test_a_town_taken_is_named_as_the_story_writes_it_in_every_sentence(gazetteer: Gazetteer) -> None:
    # The gazetteer writes Kyaukpyu; the news writes Kyaukphyu. The place stays the gazetteer's (its code and state).
    text = ("Rebels captured an army base on the edge of Kyaukphyu on Monday, residents said. \"We took control of "
            "the whole town,\" a spokesman said.")
    taken = [e.place for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, TerritorySeized) and e.place]
    assert taken and {(p.name, p.admin1) for p in taken} == {("Kyaukphyu", "Rakhine")}
    assert all(p.code is not None for p in taken)


def test_a_piece_told_weeks_after_its_fighting_recounts_it(gazetteer: Gazetteer) -> None:
    text = ("Weeks after clashes, Kawlin's villages remain on edge\n\nSix weeks after the worst fighting in years, a "
            "tense calm has settled over the villages around Kawlin. A monitor said more than 90 people were killed, "
            "including civilians.")
    dead = [e for e in dead_in(text, gazetteer, published="2026-11-24") if e.killed == 90]
    assert dead and all(any("recounts" in d for d in e.doubts) for e in dead)
