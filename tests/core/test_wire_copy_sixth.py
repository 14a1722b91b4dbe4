"""Wire copy, sixth round: stocks and periods told as news, a toll that rose within its own sentence, places read
from the wrong clause or the wrong namesake, and a group's camp read as a place. Sentences written for each rule."""

from __future__ import annotations

from datetime import date

from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import dated_dead, dead_in, events_in, fled_in, takings_in, tolls_in


def test_people_estimated_to_be_displaced_are_a_stock_not_a_flight(gazetteer: Gazetteer) -> None:
    taking = "Rebels captured the army camp at Nat Taung village in Paletwa township on Monday. "
    for stock in ("More than 300,000 people are estimated to be displaced across Chin State, most of them since the "
                  "offensive began.",
                  "More than 300,000 people are currently displaced in the state, and shortages of rice are severe."):
        assert fled_in(taking + stock, gazetteer) == [(300000, True)], stock
    # Flight in the news stays news.
    assert fled_in(taking + "The fighting displaced 20,000 people, aid workers said.", gazetteer) == [(20000, False)]


def test_the_dead_of_the_first_eight_months_of_a_year_are_a_period_s_total(gazetteer: Gazetteer) -> None:
    text = ("The rights ministry said on Sunday that air strikes had killed more than 900 civilians in the first "
            "eight months of this year.")
    assert dead_in(text, gazetteer, published="2026-11-29") == []
    # "The first" of a series keeps its day.
    text = "The first strike on Sunday killed 12 people in Kani, in Sagaing Region."
    assert tolls_in(text, gazetteer, published="2026-11-29") == [12]


def test_more_dead_that_bring_a_toll_to_a_figure_are_in_it(gazetteer: Gazetteer) -> None:
    for rise in ("bringing the toll of the gunfight to 9", "taking the number of militants killed in the gunfight "
                 "to 9", "raising the death toll to 9"):
        text = f"Police recovered the bodies of three more militants in Sukma district on Friday, {rise}."
        assert tolls_in(text, gazetteer, published="2026-11-21") == [9], rise
    # A toll that rose in another incident, told separately, overtakes none told before it.
    text = ("The bodies of three villagers were found in burned houses in Ye-U on Sunday. Separately, rescuers in "
            "Depayin said two of the wounded had died, raising the death toll from last week's air strike to 19.")
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-11-24")) == [3, 19]
    # The two who died are in the 19 their own sentence tells.


def test_a_post_overrun_in_a_clause_of_its_own_is_not_the_place_named_before_it(gazetteer: Gazetteer) -> None:
    text = ("Thirty soldiers crossed the river into Thailand's Mae Sot district on Sunday night after their camp on "
            "the far bank was overrun by Karen fighters, officials said.")
    assert takings_in(text, gazetteer) == []
    # The subject before a passive taking is still the place taken.
    text = ("Kawlin, which the army used as a base when the offensive began, was seized by resistance fighters on "
            "Sunday.")
    assert [e.place.name for e in takings_in(text, gazetteer) if e.place] == ["Kawlin"]


def test_a_town_to_be_liberated_until_which_a_group_fights_is_an_aim(gazetteer: Gazetteer) -> None:
    text = ("Rebels vowed on Monday to press on until the people of Paletwa are liberated, but would not say whether "
            "an assault on the town was imminent.")
    assert takings_in(text, gazetteer) == []
    # Held until it was captured: done.
    text = "The garrison held out in Paletwa until the town was captured by the rebels on Sunday."
    assert all(e.place and e.place.name == "Paletwa" for e in takings_in(text, gazetteer))


def test_a_forward_operating_base_is_the_place_named_after_at(gazetteer: Gazetteer) -> None:
    text = ("Troops on Thursday recaptured the Forward Operating Base (FOB) at Gajiram in Borno State, the army "
            "said.")
    assert [(e.place.name, e.place.admin1) for e in takings_in(text, gazetteer, "2026-11-13") if e.place] == [
        ("Gajiram", "Borno State")]
    # A camp's own name stands.
    text = "Rebels captured Camp Kamina on Thursday, officials in Congo said."
    assert [e.place.name for e in takings_in(text, gazetteer, "2026-11-13") if e.place] == ["Camp Kamina"]


def test_a_camp_named_by_the_group_it_belongs_to_is_no_place(gazetteer: Gazetteer) -> None:
    assert takings_in("Army overruns Dawlah Islamiyah camp in Lanao del Sur", gazetteer) == []
    # The place named for the camp stands.
    text = "Soldiers overran the militants' camp at Butig in Lanao del Sur on Saturday, the army said."
    assert [e.place.name for e in takings_in(text, gazetteer) if e.place] == ["Butig"]


def test_a_town_with_namesakes_in_several_states_is_the_one_in_the_state_the_story_names(
        gazetteer: Gazetteer) -> None:
    text = ("RAIPUR — Nine suspected Maoists were killed in a gunfight with security forces in the forests of Bijapur "
            "district in Chhattisgarh on Sunday, police said.")
    dead = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Casualties) and e.killed]
    assert [(e.place.name, e.place.admin1) for e in dead if e.place] == [("Bijapur", "Chhattisgarh")]
    # A village no gazetteer knows follows its namesake neighbour home.
    text = ("RAIPUR — Security forces recovered the bodies of four Maoists on Friday near Tarrem in Bijapur district, "
            "police in Chhattisgarh said.")
    dead = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Casualties) and e.killed]
    assert {e.place.admin1 for e in dead if e.place} == {"Chhattisgarh"}
    # Without a state named, the larger namesake stands.
    text = "BENGALURU — Nine people were killed when gunmen opened fire in Bijapur on Sunday, police said."
    dead = [e for e in events_in(text, gazetteer, "2026-11-24") if isinstance(e, Casualties) and e.killed]
    assert [e.place.admin1 for e in dead if e.place] == ["Karnataka"]


def test_a_camp_said_to_remain_operational_is_still_a_claimed_taking(gazetteer: Gazetteer) -> None:
    claim = 'A page run by the rebels claimed on Thursday that its fighters had "captured" an army camp in Ruma. '
    [taken] = takings_in(claim + "The army said the camp remained fully operational.", gazetteer, "2026-11-27")
    assert not taken.doubts
    # A claim only termed baseless is still the claim of a taking.
    [taken] = takings_in(claim + 'The army termed the claim "baseless and fabricated".', gazetteer, "2026-11-27")
    assert not taken.doubts
    [taken] = takings_in("Rebels captured an army camp in Ruma on Thursday. The army said operations would continue.",
                       gazetteer, "2026-11-27")
    assert not taken.doubts


def test_a_liveblog_entry_under_a_heading_line_gives_way_to_the_toll_as_it_rose(gazetteer: Gazetteer) -> None:
    # Entries newest first, each under a line of its hour; the top entry's summary repeats the latest toll.
    text = ("Russia-Ukraine war, live updates. All times are Kyiv time.\n\n"
            "21:30 - Summary\n\nThe main developments:\n- Guided bombs hit the city of Zaporizhzhia in southern "
            "Ukraine this morning, killing nine.\n\n"
            "19:10 - Zaporizhzhia: toll now nine\n\nThe regional governor said the death toll from the morning's "
            "attack had risen to nine after a man died in hospital.\n\n"
            "12:40 - Zaporizhzhia toll rises to seven\n\nTwo more people have died, bringing the number of dead in "
            "the morning's strike to seven, officials said.\n\n"
            "09:55 - Guided bombs hit Zaporizhzhia\n\nAt least five people were killed when guided bombs struck a "
            "residential street in Zaporizhzhia at about 09:15, the governor said.")
    assert tolls_in(text, gazetteer, published="2026-11-30") == [9]


def test_a_toll_that_had_risen_by_an_evening_of_the_news_is_the_toll_now(gazetteer: Gazetteer) -> None:
    text = ("By Saturday evening, the toll from Thursday's attack on Mandibe in Ituri province had risen to 13, the "
            "territory's administrator said.")
    assert tolls_in(text, gazetteer, published="2026-11-15") == [13]
    # The past before the past stays history.
    text = "Gunmen had killed 13 people in Mandibe in Ituri province in March, the administrator recalled."
    assert dead_in(text, gazetteer, published="2026-11-15") == []


def test_an_outlet_told_is_no_place(gazetteer: Gazetteer) -> None:
    text = ("PORT-AU-PRINCE - Gangs took control of Saut-d'Eau, a town in Haiti's Centre department, on "
            "Wednesday. \"Nobody can go back,\" the mayor told the Tribune by telephone on Thursday. "
            "The police confirmed in a statement on Thursday that two officers had been killed. The coalition has "
            "been designated a terrorist organisation by the United States.")
    dead = dead_in(text, gazetteer, published="2026-11-19")
    assert {e.place.country for e in dead if e.place} == {"Haiti"}


def test_soldiers_who_fell_on_the_field_of_honour_are_dead(gazetteer: Gazetteer) -> None:
    # A francophone army's communiqué, its figures in words and then in digits.
    text = ("On Sunday, a unit of the armed forces came under attack near Banibangou in Niger's Tillabéri region. "
            "On the friendly side: eleven (11) soldiers fell on the field of honour; fourteen (14) wounded.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [11]
    # A town that fell is no one's death.
    assert dead_in("The town of Banibangou fell to the attackers on Sunday.", gazetteer, published="2026-11-24") == []


def test_a_weekday_ahead_dates_nothing_told(gazetteer: Gazetteer) -> None:
    # Tuesday 10 November: a live page that closes "until Wednesday" is still Tuesday's.
    for ahead in ("our coverage continues on Wednesday", "our coverage will resume on Wednesday"):
        text = (f"Live updates. This live page has now closed; {ahead}. The death toll from the overnight missile "
                "strike on Dnipro in Ukraine has risen to 11, officials said.")
        assert dated_dead(text, gazetteer, "2026-11-10") == [(11, date(2026, 11, 10))], ahead
    # A day past is the event's, whatever verb comes before it.
    text = "Gunmen set fire to houses in Bama in Borno State on Wednesday, killing 11 people."
    assert dated_dead(text, gazetteer, "2026-11-10") == [(11, date(2026, 11, 4))]


def test_the_bridge_is_the_bridge_the_story_named(gazetteer: Gazetteer) -> None:
    text = ("BHAMO, Kachin State — Resistance fighters have taken control of the Nam Lwe bridge on the road between "
            "Bhamo and Shwegu, an officer said on Monday. The fighters captured the bridge and two army posts at "
            "either end of it on Saturday afternoon after a battle that began before dawn.")
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} == {"Nam Lwe bridge"}
    # With no bridge named before, "the bridge" is the place the story is at.
    text = ("BHAMO, Kachin State — Fighting raged near Bhamo on Saturday. Resistance fighters captured the bridge "
            "and two army posts at either end of it on Saturday afternoon.")
    assert {e.place.name for e in takings_in(text, gazetteer) if e.place} <= {"Bhamo"}


def test_one_toll_told_twice_in_a_story_is_counted_once(gazetteer: Gazetteer) -> None:
    # The key points and the entry give one toll, each placed at a town of its own naming.
    text = ("KEY POINTS: Toll from the overnight missile strike on an apartment block in Dnipro, Ukraine rises to 11. "
            "The head of the Dnipropetrovsk regional military administration says on Telegram that the number of dead "
            "from the strike has risen to 11.")
    assert tolls_in(text, gazetteer, published="2026-11-21") == [11]
    # Two counts of one size in one sentence, and dead told as more, are new dead.
    text = ("Six people were killed when a jet bombed a village in Myinmu township on Wednesday, and another six died "
            "on Wednesday night when shells hit a village in Salingyi township, in Sagaing Region.")
    assert tolls_in(text, gazetteer, published="2026-11-26") == [6, 6]


def test_an_initial_count_below_the_toll_is_that_toll_s_first_count(gazetteer: Gazetteer) -> None:
    text = ("A drone strike on a funeral in the village of Kazgil in Sudan's North Kordofan state killed at least 14 "
            "people on Monday, officials said. The mourners had gathered for a teacher's burial. Witnesses said the "
            "drone circled for several minutes. The Sudan Doctors Network said women and children were among the "
            "victims. An initial count given by a local administrator on Monday evening put the toll at nine.")
    assert tolls_in(text, gazetteer, published="2026-11-10") == [14]
    # An initial count above a later one stands beside it, as another source's.
    text = ("A preliminary count by residents said about 100 people died in the village of Kazgil in Sudan's North "
            "Kordofan state on Monday. Officials later said 50 people were killed.")
    assert sorted(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-11-10")) == [50, 100]


def test_a_toll_raised_to_a_figure_after_more_bodies_were_found_holds_them(gazetteer: Gazetteer) -> None:
    text = ("The Civil Protection Directorate has raised the death toll from the attack on Liancourt in Haiti's "
            "Artibonite department to 16, after five further bodies were recovered on Wednesday.")
    assert tolls_in(text, gazetteer, published="2026-11-12") == [16]


def test_a_taking_told_of_a_stretch_of_years_is_history(gazetteer: Gazetteer) -> None:
    text = ("The offensive marks a shift from 2023 and 2024, when resistance forces captured Kawlin, the first "
            "district-level town to fall to them.")
    assert takings_in(text, gazetteer, "2026-11-30") == []


def test_the_fall_of_the_hill_looks_back_at_the_hill_the_story_named(gazetteer: Gazetteer) -> None:
    text = ("MARIB, Yemen — Houthi fighters captured the Tabab al-Bara hill in Sirwah district west of Marib on "
            "Thursday, government officials said. The fall of the hill is the most significant change on the Marib "
            "front since 2021, when an offensive brought the group close to the city.")
    assert {e.place.name for e in takings_in(text, gazetteer, "2026-11-14") if e.place} == {"Tabab al-Bara"}


def test_a_town_s_airport_taken_is_the_airport_not_the_town(gazetteer: Gazetteer) -> None:
    text = ("The Arakan Army said its forces took full control of Kyaukphyu airport in Rakhine State at around 3 pm "
            "on Thursday.")
    assert [e.place.name for e in takings_in(text, gazetteer, "2026-11-20") if e.place] == ["Kyaukpyu airport"]
    # A town and the airport beside it: the town was taken.
    assert [e.place.name for e in takings_in("Rebels captured Lashio and the nearby airport on Thursday.", gazetteer,
                                           "2026-11-20") if e.place] == ["Lashio"]


def test_the_headquarters_in_a_town_is_that_town_s_and_where_people_reached_is_not_the_story_s(
        gazetteer: Gazetteer) -> None:
    text = ("Al-Shabaab fighters seized the town of Mahas in Somalia's Hiiraan region on Thursday. Residents who "
            "reached Beledweyne on Friday said the militants had raised their black flag over the district "
            "headquarters in Mahas.")
    assert {e.place.name for e in takings_in(text, gazetteer, "2026-11-14") if e.place} == {"Mahas"}
    text = "White Army fighters overran an army barracks in Ulang, Upper Nile State, on Tuesday, officials said."
    assert [e.place.name for e in takings_in(text, gazetteer, "2026-11-26") if e.place] == ["Ulang"]


def test_a_massacre_told_after_a_colon_is_dated_by_its_own_day(gazetteer: Gazetteer) -> None:
    # The comparison before the colon dates nothing; the date after it dates the massacre, years back.
    text = ("Hpruso Township is remembered for one of the worst massacres since the coup: on 24 December 2021, "
            "soldiers killed at least 35 people near Mo So village in Kayah State.")
    assert dead_in(text, gazetteer, published="2026-11-19") == []


def test_more_dead_told_under_a_headline_s_risen_toll_are_in_it(gazetteer: Gazetteer) -> None:
    text = ("Rescuers took four more bodies from under the collapsed monastery hall in Kanbalu township, Sagaing "
            "Region, this morning, a local resistance group said.")
    for title, killed in (("Kanbalu monastery strike toll rises to 21", [21]),
                          ("Air strike on Kanbalu monastery", [4])):
        assert tolls_in(text, gazetteer, published="2026-11-13", title=title) == killed, title
