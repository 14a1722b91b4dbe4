"""Wire copy, seventeenth round: sentences written for each rule of news writing it adds."""

from __future__ import annotations

from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from stream.core.records import Displacement
from tests.builders import dead_in, events_in, places_taken, takings_in, tolls_in


def test_where_help_was_sent_from_places_no_fact(gazetteer: Gazetteer) -> None:
    # "Aid workers sent from X were killed ... outside Y": X is where they set out, for the dead as for a taking.
    text = "Twelve aid workers sent from Monywa were killed on Monday when their truck hit a landmine outside Budalin."
    assert [e.place.name for e in dead_in(text, gazetteer) if e.place] == ["Budalin"]
    text = "Police, backed by an armoured car sent from the town of Kani, retook the centre on Friday."
    assert places_taken(text, gazetteer) == []
    # Named with no setting out, the town is where they died.
    text = "Twelve aid workers were killed on Monday when their truck hit a landmine outside Monywa."
    assert [e.place.name for e in dead_in(text, gazetteer) if e.place] == ["Monywa"]


def test_more_than_opens_a_figure_and_adds_no_dead(gazetteer: Gazetteer) -> None:
    # "More than 50 were wounded" is a figure, not "more dead": the doctor's 34 is another account of the toll.
    text = ("Gunmen killed 30 villagers in Kani on Friday, residents said. A doctor at the town's hospital said 34 "
            "people were killed and more than 50 were wounded.")
    assert tolls_in(text, gazetteer) == [34]
    # "More" alone still tells new dead.
    text = "Gunmen killed 30 villagers in Kani on Friday, residents said. A doctor said four more people had died."
    assert tolls_in(text, gazetteer) == [30, 4]


def test_a_name_its_role_describes_after_it_is_a_persons(gazetteer: Gazetteer) -> None:
    # "Musa Kani, a member of the militia": a person who shares a township's name.
    for text in ("The raiders took the weapons, according to Musa Kani, a member of the local militia.",
                 "The raiders took the weapons, said Aung Kani, a 40-year-old rice farmer."):
        assert find_places(text, gazetteer) == [], text
    # A town a clause describes is still the town.
    text = "The raiders entered Kani, a town where a member of the militia was killed last year."
    assert [m.place.name for m in find_places(text, gazetteer)] == ["Kani"]
    # A role that opens the clause after a place is the clause's subject: "In Kani, a student was shot dead".
    text = "In Kani, a student was shot dead on Monday."
    assert [m.place.name for m in find_places(text, gazetteer)] == ["Kani"]


def test_the_dead_before_the_news_are_a_count_up_to_it(gazetteer: Gazetteer) -> None:
    # "Before Monday, 120 had been killed": the count before the day's strikes, not more of them.
    for text in ("Air strikes killed 40 people in Kani on Monday, officials said. Before Monday, more than 120 people "
                 "had been killed in the township, they said.",
                 "Air strikes killed 40 people in Kani on Monday. Before the strikes, at least 120 people had died "
                 "in the township."):
        assert tolls_in(text, gazetteer) == [40], text
    # A blow of its own day, told as coming before, is news beside the other.
    text = "Air strikes killed 40 people in Kani on Monday. Before that, gunmen killed 12 people in Mindat on Sunday."
    assert tolls_in(text, gazetteer) == [40, 12]


def test_room_made_ready_for_those_fleeing_is_no_flight(gazetteer: Gazetteer) -> None:
    # "Prepared to take in up to 50,000 people fleeing": what a neighbour can hold, not who fled.
    for text in ("Thai officials said they were prepared to take in up to 50,000 people fleeing the fighting in Kani.",
                 "The district said it was ready to receive up to 50,000 people fleeing the fighting in Kani."):
        assert flights_told_as_done(text, gazetteer) == [], text
    assert flights_told_as_done("More than 50,000 people fled the fighting in Kani on Monday, officials said.",
                                gazetteer) == [50000]


def flights_told_as_done(text: str, gazetteer: Gazetteer) -> list[int | None]:
    return [e.displaced for e in events_in(text, gazetteer) if isinstance(e, Displacement) and not e.hypothetical]


def test_a_name_told_again_and_again_makes_no_country_the_storys(gazetteer: Gazetteer) -> None:
    # A story of Kurram names its villages once each and one village, which shares its name with a Myanmar town,
    # four times: the story is Pakistan's, and a toll placed at the namesake waits for a desk.
    text = ("PESHAWAR: Police in Hangu and Kohat were put on alert on Tuesday after clashes near Parachinar "
            "in Khyber Pakhtunkhwa, officials said. A curfew was imposed in Thall. Forces began an operation "
            "around Bagan. Elders from Bagan met officials in Kohat. A convoy bound for Bagan was turned back.\n\n"
            "Gunmen killed 14 people near Bagan on Monday, officials said.")
    tolls = dead_in(text, gazetteer)
    assert [e.killed for e in tolls] == [14]
    assert any("outside the story" in doubt for doubt in tolls[0].doubts)


def test_the_attackers_claim_beside_a_vague_count_is_the_least_sure_account(gazetteer: Gazetteer) -> None:
    # The government's "dozens" and the attackers' "55, including soldiers": two accounts of one toll.
    text = ("Dozens of people were killed when gunmen attacked Kani, officials said on Monday. The group said its "
            "fighters had taken the town and claimed to have killed 55 people, including soldiers.")
    assert tolls_in(text, gazetteer) == [12]
    # A claim the story gives no other count beside is its only toll.
    text = "The group claimed to have killed 55 soldiers when its fighters attacked Kani on Monday."
    assert tolls_in(text, gazetteer) == [55]


def test_a_source_unnamed_denies_nothing(gazetteer: Gazetteer) -> None:
    # "Who asked not to be named", "was not authorised to speak": why the source is unnamed, not a denial.
    for text in ("An official in Kani, who asked not to be named, said at least 27 soldiers were killed on Monday.",
                 "At least 27 soldiers were killed in Kani on Monday, said an officer who was not authorised to "
                 "speak to the media."):
        assert tolls_in(text, gazetteer) == [27], text
    assert tolls_in("An official in Kani said no soldiers were killed on Monday.", gazetteer) == []


def test_elsewhere_opening_a_sentence_turns_to_another_incident(gazetteer: Gazetteer) -> None:
    # "Elsewhere in the south, a strike on a house killed six": one incident of its own, not a sum of other places.
    text = "Elsewhere in the south, an airstrike on a house in Kani killed six people, including two children."
    assert tolls_in(text, gazetteer) == [6]
    # Dead "elsewhere" in a clause are still no one place's.
    assert tolls_in("Six more people were killed elsewhere in the region, officials said.", gazetteer) == []


def test_a_city_a_countrys_words_describe_is_the_city_named(gazetteer: Gazetteer) -> None:
    # "Taking control of eastern Congo's second-largest city": the city the sentence named, not the country.
    text = ("GOMA, Congo - Rebels walked into the centre of Bukavu on Sunday, taking control of eastern Congo's "
            "second-largest city after troops pulled out, residents said.")
    assert places_taken(text, gazetteer) == ["Bukavu"]
    # A post near a country's border is still no country taken, nor anything the sentence names.
    assert places_taken("Rebels captured an army post near the Bangladesh border on Sunday.", gazetteer) == []


def test_the_base_is_where_the_story_placed_it(gazetteer: Gazetteer) -> None:
    # "Overran a military base in Kani ... taken control of the base": the base in Kani, not the town told last.
    text = ("Insurgents overran a military base in Kani on Monday, killing five soldiers and forcing others to "
            "withdraw. The fighters came on motorcycles at dawn, a soldier said. They burnt two armoured vehicles, "
            "according to a militia member who later reached Mindat. In a statement, the group claimed to have "
            "killed 20 soldiers and taken control of the base.")
    assert places_taken(text, gazetteer) == ["Kani", "Kani"]
    # A base the clause names ("the base taken is called X") is still X.
    text = "Rebels captured an army base in Kani township on Monday. The base captured by the rebels is called Ta Ze."
    assert places_taken(text, gazetteer) == ["Kani", "Ta Ze"]


def test_a_side_that_sends_its_troops_out_of_a_town_loses_it(gazetteer: Gazetteer) -> None:
    # "Ordered its troops out of X", "pulled its forces out of X": the town is given up.
    for text in ("The army said on Wednesday it had ordered its troops out of Kani, a town in Sagaing.",
                 "The army said on Wednesday it had pulled its remaining forces out of Kani."):
        assert places_taken(text, gazetteer) == ["Kani"], text
    # People pulled out of a river or a crowd ordered out of a square: no place lost.
    for text in ("Rescuers pulled the bodies of 12 people out of the river near Kani.",
                 "Police ordered the crowd out of the square in Kani on Monday."):
        assert places_taken(text, gazetteer) == [], text


def test_towns_taken_then_named_after_including_or_among_them(gazetteer: Gazetteer) -> None:
    # "Captured several towns, including A, B and C", with the day between or not: each town named was taken.
    for text in ("Rebels captured several towns, including Kani, Mindat and Budalin.",
                 "Rebels captured several towns on Monday, among them Kani, Mindat and Budalin."):
        assert places_taken(text, gazetteer) == ["Kani", "Mindat", "Budalin"], text
    # Towns shelled, however listed, were not taken.
    assert places_taken("Rebels shelled several towns on Monday, including Kani, Mindat and Budalin.", gazetteer) == []
    # The headline's place is the story's summary: the body's town places the camp.
    text = ("Troops overran a rebel camp in the hills near Kani town on Sunday, the army said. After the rebels "
            "withdrew, soldiers took control of the camp, he said.")
    title = "Army overruns rebel camp in Mindat"
    assert {e.place.name for e in takings_in(text, gazetteer, title=title) if e.place} == {"Kani"}


def test_a_claim_told_in_a_statement_is_the_killers_count(gazetteer: Gazetteer) -> None:
    # "Said in a statement that its fighters had killed 'more than 20'": the attackers' word, beside the army's five.
    text = ("At least five soldiers were killed in the fighting in Kani, a military source said. The group said in a "
            "statement that its fighters had killed \"more than 20\" members of the army.")
    assert tolls_in(text, gazetteer) == [5]


def test_a_border_named_by_its_sides_is_no_town(gazetteer: Gazetteer) -> None:
    # "Two army camps near the India-Myanmar border": the posts' border, not a town called so.
    text = ("AIZAWL: Chin fighters captured two army camps near the India-Myanmar border on Monday, sending 3,000 "
            "people into Mizoram's Champhai district.")
    assert places_taken(text, gazetteer) == []


def test_a_roads_end_is_not_where_the_story_is(gazetteer: Gazetteer) -> None:
    # "Along the road from Mindat": the road's end, not the town the story goes on about.
    text = ("Fighting went on in Kani town on Friday, residents said. Troops took residents to use as human shields "
            "along the road from Mindat, a volunteer said. On Saturday, the rebels said they were withdrawing from "
            "the town.")
    assert places_taken(text, gazetteer) == ["Kani"]


def test_the_dead_who_may_have_been_killed_are_a_guess(gazetteer: Gazetteer) -> None:
    # "As many as 76 people may have been killed": a volunteer's guess, told by the verb after the figure.
    text = "A volunteer in Kani said as many as 76 people may have been killed, with dozens still missing."
    assert [e.killed for e in dead_in(text, gazetteer) if not e.hypothetical] == []
    text = "A volunteer in Kani said as many as 76 people were killed on Monday."
    assert [e.killed for e in dead_in(text, gazetteer) if not e.hypothetical] == [76]


def test_a_vague_claim_beside_a_count_of_people_is_the_least_sure_account(gazetteer: Gazetteer) -> None:
    # "More than 70 people were killed"; the group "claimed" its fighters killed "hundreds" of soldiers: one toll.
    text = ("More than 70 people were killed in an attack on Kani on Tuesday, a security source said. The group "
            "claimed responsibility, saying its fighters had killed hundreds of soldiers.")
    assert tolls_in(text, gazetteer) == [70]


def test_the_days_toll_told_after_its_attacks_is_their_sum(gazetteer: Gazetteer) -> None:
    # Each attack's dead, then "officials put the day's toll at more than 40": the sum, not 40 more.
    text = ("Gunmen shot dead 23 men at a checkpoint in Kani on Monday, officials said. In Budalin, militants killed "
            "ten people at a market. Together with the militants killed by troops, officials put the day's toll at "
            "more than 40.")
    assert tolls_in(text, gazetteer) == [23, 10]


def test_a_claim_made_in_a_statement_to_the_media_is_the_killers_count(gazetteer: Gazetteer) -> None:
    # "Claimed in a statement to media that it had killed more than 100 soldiers": the attackers' own count.
    text = ("Fourteen soldiers were killed in an attack on a camp in Kani on Monday, officials said. The group "
            "claimed in a statement to media that it had killed more than 100 soldiers.")
    assert tolls_in(text, gazetteer) == [14]


def test_a_town_put_in_its_district_after_a_comma_is_the_town(gazetteer: Gazetteer) -> None:
    # "In Zehri, in Kani township": a town no gazetteer knows, placed in its township, is the town the story means.
    text = ("Security forces launched an operation in Zehri, in Kani township, where militants took over the town's "
            "bazaar earlier this week.")
    assert places_taken(text, gazetteer) == ["Zehri"]


def test_a_war_that_has_left_thousands_dead_is_the_wars_sum(gazetteer: Gazetteer) -> None:
    # "A civil war that has left thousands dead" is the war's count, as "has killed thousands" is.
    text = ("The army said on Monday it had retaken Kani from the rebels.\n\n"
            "Kani lies about 60 kilometres beyond the former British hill station of Maymyo.\n\n"
            "The army seized power in a coup, sparking a civil war that has left thousands dead.")
    assert tolls_in(text, gazetteer) == []
    # A day's strikes that "left 12 dead" are the day's.
    assert tolls_in("Air strikes on Kani on Monday have left 12 dead, residents said.", gazetteer) == [12]


def test_bodies_two_sides_hand_back_are_no_days_dead(gazetteer: Gazetteer) -> None:
    # Bodies returned or exchanged between sides are the war's dead, handed back, not the day's.
    for text in ("Ukraine said on Friday it had received the bodies of 909 soldiers from Russia in an exchange near "
                 "Kharkiv.",
                 "The two sides agreed in Istanbul on Monday to exchange prisoners and return the bodies of thousands "
                 "of fallen soldiers."):
        assert tolls_in(text, gazetteer) == [], text
    # Bodies a hospital received, or police handed to families, are the day's dead.
    for text in ("The hospital received the bodies of 14 people killed in the strike on Kharkiv on Tuesday.",
                 "Police handed over the bodies of 12 villagers killed in Kani on Monday to their families."):
        assert len(tolls_in(text, gazetteer)) == 1, text
