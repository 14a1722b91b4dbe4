"""Wire copy, eighteenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from datetime import date

from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from stream.core.records import Casualties
from tests.builders import dead_in, events_in, places_taken, takings_in, tolls_in


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
    # The bureau's city named again ("truce talks in Cairo") does not bring the story home.
    text = ("CAIRO, May 3 (Reuters) - Israeli troops took control of the city of Rafah on Saturday, the military "
            "said, as strikes killed 14 people in Gaza's Khan Younis and six in Nuseirat. Truce talks in Cairo "
            "stalled.")
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


def test_a_count_of_the_whole_war_is_its_toll_whatever_date_its_start_has(gazetteer: Gazetteer) -> None:
    # "Killed in Lebanon during the war, which began on October 8, 2023": the war's sum, not the day's dead.
    for text in ("Israeli strikes killed 12 people in Nabatieh in southern Lebanon on Tuesday. More than 4,000 people "
                 "were killed in Lebanon during the war, which began on October 8, 2023, according to the ministry.",
                 "Israeli strikes killed 12 people in Nabatieh in southern Lebanon on Tuesday. More than 4,000 people "
                 "were killed in Lebanon during the war, according to the ministry."):
        assert tolls_in(text, gazetteer) == [12], text
    # So is one "over the course of the war" or "throughout the war".
    for text in ("A drone killed one man near Yaroun in southern Lebanon on Tuesday. Hezbollah attacks killed dozens "
                 "of civilians and more than 70 soldiers over the course of the war.",
                 "A drone killed one man near Yaroun in southern Lebanon on Tuesday. Throughout the war, more than 70 "
                 "soldiers were killed."):
        assert tolls_in(text, gazetteer) == [1], text
    # A day of a siege is news of its own.
    text = "Two soldiers were killed in Nabatieh in southern Lebanon during the siege on Monday."
    assert tolls_in(text, gazetteer) == [2]


def test_a_claim_of_the_enemys_dead_told_in_the_passive_is_the_claimants_count(gazetteer: Gazetteer) -> None:
    # The attackers' radio "claimed that 27 'apostate' soldiers were killed", beside a commander's eight soldiers.
    text = ("At least eight soldiers were killed in the fighting in Kani on Sunday, a local commander said. The "
            "group's radio claimed that 27 \"apostate\" soldiers were killed, a figure that could not be verified.")
    assert tolls_in(text, gazetteer) == [8]
    # "Claimed that up to 85 servicemen had been killed": the qualifier opens the claimed figure.
    text = ("Drones killed 23 soldiers at a base in Kani on Friday, officials said. The attackers claimed that up to "
            "85 servicemen had been killed.")
    assert tolls_in(text, gazetteer) == [23]
    # "Said it had taken control of the town and killed around 60": the side's word, beside the source's 30.
    text = ("Militants killed more than 30 soldiers and militiamen in an attack on Kani on Monday, security sources "
            "said. The group said it had taken control of Kani and killed around 60 soldiers.")
    assert tolls_in(text, gazetteer) == [30]
    # "Said its forces had 'neutralised' 32 'terrorists'": a side's word for the enemy dead, beside a monitor's 22.
    text = ("Fighting around the dam near Kani killed 22 fighters, a monitor said on Friday. The army said its forces "
            "had \"neutralised\" 32 \"terrorists\" in the area over the previous two days.")
    assert tolls_in(text, gazetteer) == [22]
    # A monitor's claim of civilians killed is no side's boast: the larger account of the toll stands.
    text = "Shelling killed two civilians in Kani on Sunday. A local group claimed that seven civilians were killed."
    assert tolls_in(text, gazetteer) == [7]


def test_where_the_words_were_spoken_is_not_where_the_dead_fell(gazetteer: Gazetteer) -> None:
    # "Speaking at a press conference in Mandalay": the spokesman's city, not the incident's.
    for text in ("Speaking at a press conference in Mandalay, the spokesman said nine soldiers were killed.",
                 "The spokesman told reporters in Mandalay that nine soldiers were killed on Monday."):
        assert "Mandalay" not in [m.place.name for m in find_places(text, gazetteer)], text
    text = "Speaking at a press conference in Mandalay, the spokesman said nine soldiers were killed in Kani."
    assert [m.place.name for m in find_places(text, gazetteer)] == ["Kani"]
    # A witness on the telephone from a town is where the witness is: "the base" taken is the camp the story placed.
    text = ("Jihadists stormed a military camp at Kani on Friday, killing at least 41 soldiers, a source said. "
            "\"They went from building to building,\" a resident told reporters by telephone from Budalin. The group "
            "claimed the attack, saying its fighters had \"taken full control\" of the base.")
    assert places_taken(text, gazetteer) == ["Kani"]


def test_an_undated_story_is_written_after_the_years_it_looks_back_on(gazetteer: Gazetteer) -> None:
    # Undated, the story recalls a day of 2022 but looks back on 2023: its news is not of 2022.
    text = ("Gunmen attacked the police headquarters in Kani on Friday, killing 11 policemen, officials said. The "
            "town's police post has been attacked several times: in 2023 alone, a monitor recorded three attacks. "
            "Security forces killed dozens of people in Mindat on 30 September 2022 during protests.")
    dead = events_in(text, gazetteer, None, received=date(2026, 12, 2))
    assert [(e.killed, e.historical) for e in dead if isinstance(e, Casualties) and e.killed] == [
        (11, False), (12, True)]
    # A year ahead ("elections due in 2027") is no year looked back on.
    text = ("Security forces killed 12 people in Mindat on 30 September 2022, officials said. Elections are due in "
            "2027.")
    dead = events_in(text, gazetteer, None, received=date(2026, 12, 2))
    assert [(e.killed, e.historical) for e in dead if isinstance(e, Casualties) and e.killed] == [(12, False)]


def test_a_toll_a_source_puts_in_quotation_marks_is_read(gazetteer: Gazetteer) -> None:
    # "Putting the provisional toll at \"more than 30\"": the source's own words, the figure inside them.
    text = ("Gunmen attacked Kani on Tuesday. A security source said soldiers had been killed, putting the "
            "provisional toll at \"more than 30\".")
    assert tolls_in(text, gazetteer) == [30]


def test_the_days_strikes_across_a_region_are_the_sum_of_its_incidents(gazetteer: Gazetteer) -> None:
    # "The day's strikes across Sagaing Region killed 13": the market's nine among them, not nine more.
    text = ("At least nine civilians were killed on Sunday when a warplane struck a market in Kani. A monitor said "
            "the day's strikes across Sagaing Region killed 13 people.")
    assert tolls_in(text, gazetteer) == [9]
    # The market's toll told again as it rose, placed where the wounded died, is still the nine: counted once.
    text = ("At least nine civilians were killed on Sunday when a warplane struck a market in Kani. The toll rose to "
            "seven by midday, and to nine in the evening after two of the wounded died in hospitals in Monywa. A "
            "monitor said the day's strikes across Sagaing Region killed 13 people.")
    assert tolls_in(text, gazetteer) == [9]


def test_an_earlier_toll_is_the_toll_before_it_rose(gazetteer: Gazetteer) -> None:
    # "An earlier toll ... put the number of dead at nine", told after the toll of 13: the same dead, counted sooner.
    text = ("The death toll from strikes on camps near Kani has risen to 13, with 58 wounded, officials said on "
            "Wednesday. The strikes hit three camps before dawn. Rescuers worked through the day. An earlier toll "
            "issued in the afternoon put the number of dead at nine.")
    assert tolls_in(text, gazetteer) == [13]


def test_the_blow_the_news_is_weighed_against_is_history(gazetteer: Gazetteer) -> None:
    # "The deadliest day since July 27, when a rocket ... killed 12": the earlier strike, recalled.
    text = ("A rocket killed five people in Metula on Thursday. It was the deadliest day for civilians in northern "
            "Israel since July 27, when a rocket struck a football pitch in Majdal Shams, killing 12 children.")
    assert tolls_in(text, gazetteer) == [5]
    # A hold told from a day, and that day's blow, are news.
    text = "Gunmen have controlled Kani since Monday, when they killed 12 soldiers."
    assert tolls_in(text, gazetteer) == [12]


def test_a_figure_of_those_who_told_the_news_is_no_toll(gazetteer: Gazetteer) -> None:
    # ", two militia sources said": two who spoke, not two militiamen killed.
    text = ("Jihadists overran a military base in Kani on Monday, killing at least nine soldiers, two militia sources "
            "said.")
    assert tolls_in(text, gazetteer) == [9]
    # Two who died are still dead.
    text = "Jihadists killed nine soldiers in Kani on Monday, and two residents died in the crossfire."
    assert tolls_in(text, gazetteer) == [9, 2]


def test_the_wounded_who_died_right_after_a_risen_toll_are_in_it(gazetteer: Gazetteer) -> None:
    # "Has risen to 17", then "three of the wounded died overnight": why it rose, not three more.
    text = ("The number of people killed in an airstrike on a village in Kani township has risen to 17, residents said "
            "on Thursday. Three of the wounded died overnight at a clinic, and three more bodies were pulled from the "
            "rubble on Thursday morning.")
    assert tolls_in(text, gazetteer) == [17]


def test_a_past_perfect_a_source_reports_is_news_however_long_its_subject(gazetteer: Gazetteer) -> None:
    # "Said dozens of soldiers and members of the militia, the auxiliaries who ..., had been killed": reported speech,
    # and the source's city ("reached in Mandalay") is not where they died.
    text = ("Hundreds of fighters attacked Kani on Tuesday. A security source reached in Mandalay said \"dozens\" of "
            "soldiers and members of the militia, the auxiliaries who fight alongside the army, had been killed, "
            "putting the provisional toll at \"more than 30\".")
    assert [(e.killed, e.place.name if e.place else None) for e in dead_in(text, gazetteer)] == [(30, "Kani")]


def test_a_story_that_names_no_country_is_where_its_state_named_again_and_again_lies(gazetteer: Gazetteer) -> None:
    # A local outlet's Guerrero, three times and never "Mexico": the story is Mexico's, and a hamlet no gazetteer knows,
    # retaken, lies there.
    text = ("Six people were killed in a clash between rival gangs in the Sierra of Guerrero, state authorities said. "
            "Guerrero's security council said the bodies were found near a hamlet in the mountains. The army said on "
            "Thursday that soldiers had regained control of El Naranjo, as Guerrero police patrolled the roads.")
    assert [(e.place.name, e.place.country) for e in takings_in(text, gazetteer)] == [("El Naranjo", "Mexico")]


def test_a_paragraph_a_summary_of_a_period_opens_counts_the_period(gazetteer: Gazetteer) -> None:
    # "A summary of operations in the past two weeks", then the north's 142 killed in named towns: the fortnight's.
    text = ("The army said it had retaken the base in Kani on Monday. The spokesman also gave a summary of operations "
            "across the country in the past two weeks. In the north, he said, troops killed 142 insurgents in Mindat "
            "and Budalin.")
    assert tolls_in(text, gazetteer) == []
    # Without the summary, the day's dead are news.
    text = "The army said it had retaken the base in Kani on Monday. Troops killed 14 insurgents in Mindat on Tuesday."
    assert tolls_in(text, gazetteer) == [14]


def test_positions_taken_at_a_places_edge_do_not_take_it(gazetteer: Gazetteer) -> None:
    # "Seized 'positions on the eastern perimeter' of the town": ground at its edge, the town still held.
    for text in ("Rebels seized positions on the edge of Kani on Monday.",
                 "The army held Kani on Monday. The rebels said their fighters had seized \"positions on the eastern "
                 "perimeter\" of the town."):
        assert [e for e in takings_in(text, gazetteer) if e.side == "resistance"] == [], text
    # The town itself, at the edge of something else, is taken.
    text = "Rebels seized Kani, on the edge of the forest, on Monday."
    assert places_taken(text, gazetteer) == ["Kani"]


def test_a_countrys_count_running_since_the_news_began_sums_the_strikes_told_before(gazetteer: Gazetteer) -> None:
    # "At least 13 have been killed in Israel since Iran began firing on Friday", after the four and the six.
    text = ("A missile hit a house in Tamra in northern Israel on Saturday, killing four women. Hours later, a missile "
            "struck a building in Bat Yam, killing at least six people. At least 13 people have been killed in Israel "
            "since Iran began firing missiles on Friday.")
    assert tolls_in(text, gazetteer) == [4, 6]


def test_a_count_first_made_is_the_toll_before_it_rose(gazetteer: Gazetteer) -> None:
    # "Villagers first counted 20 dead": the 24 told before is the toll, the 20 its first count.
    text = ("A paraglider bombed a crowd in Kani on Monday, killing at least 24 people, rescuers said. The crowd had "
            "gathered for a festival. Families searched the fields through the night. Villagers first counted 20 dead.")
    assert tolls_in(text, gazetteer) == [24]


def test_a_liveblog_entry_stamped_with_its_time_zone_is_an_entry(gazetteer: Gazetteer) -> None:
    # "18:40 GMT - Kani toll rises to 19" above the morning's "09:20 GMT - At least 12 killed": one toll, at 19.
    text = ("18:40 GMT - Kani toll rises to 19\n\n15:05 GMT - Aid convoy reaches Mindat\n\n"
            "09:20 GMT - At least 12 killed in strike on Kani")
    assert tolls_in(text, gazetteer) == [19]


def test_that_year_is_the_year_written_before_it(gazetteer: Gazetteer) -> None:
    # "A March 2020 ceasefire ... after an offensive that year recaptured X": X fell in 2020.
    text = ("Shelling killed nine people in Kani on Monday. A March 2020 ceasefire has largely frozen front lines "
            "after a regime offensive that year recaptured Mindat and Budalin.")
    assert places_taken(text, gazetteer) == []
    # A year written with no "that year" after it leaves the news its own day.
    text = "Shelling killed nine people in Kani on Monday. Troops recaptured Mindat on Tuesday, a year after the truce."
    assert places_taken(text, gazetteer) == ["Mindat"]
