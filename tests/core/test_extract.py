"""Extraction on sentences written for these tests: kinds, sides, flags, places and dates."""

from datetime import date

import pytest

from stream.core.extract import EXTRACTOR_VERSION, extract
from stream.core.places import Gazetteer
from tests.builders import article


def facts(gazetteer: Gazetteer, text: str, published: str = "2024-03-08", title: str | None = None) -> list[dict]:
    return [e.model_dump() for e in extract(article(text, published, title=title), gazetteer)]


def incidents(gazetteer: Gazetteer, text: str) -> list[dict]:
    return [f for f in facts(gazetteer, text) if not (f["cumulative"] or f["negated"] or f["hypothetical"])]


@pytest.mark.parametrize(("text", "killed", "injured", "side"), [
    ("Nine soldiers were killed near Tamu on Tuesday.", 9, None, "military"),
    ("At least four police officers were reportedly killed in Hakha on Monday.", 4, None, "police"),
    ("The blast killed three villagers in Mindat on Sunday.", 3, None, "civilian"),
    ("Eleven members of the local defence force died in the ambush near Falam on Friday.", 11, None, "resistance"),
    ("Two students were wounded when shells hit a school in Loikaw on Wednesday.", None, 2, "civilian"),
    ("A 40-year-old taxi driver was shot dead at a checkpoint in Yangon on Saturday night.", 1, None, "civilian"),
])
def test_casualty_sentences(gazetteer: Gazetteer, text: str, killed: int | None, injured: int | None,
                            side: str) -> None:
    [fact] = incidents(gazetteer, text)
    assert (fact["type"], fact["killed"], fact["injured"], fact["side"]) == ("casualties", killed, injured, side)


def test_coordinated_victims_are_separate_claims(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Five civilians and at least seven soldiers were killed in Demoso on Monday.")
    assert [(f["killed"], f["side"], f["qualifier"]) for f in found] == [
        (5, "civilian", "exact"), (7, "military", "at_least")]


def test_active_verb_with_a_list(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Troops raided Kutkai on Thursday, killing two farmers and 6 resistance fighters.")
    assert [(f["killed"], f["side"]) for f in found] == [(2, "civilian"), (6, "resistance")]


def test_killer_side_gives_the_victims_side(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "The Tamu defence force said it killed 14 near the bridge on Saturday.")
    assert [(f["killed"], f["side"]) for f in found] == [(14, "military")]


def test_noun_forms_of_casualties(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Resistance units in Gangaw suffered 5 deaths and 9 injuries on Monday.")
    assert [(f["killed"], f["injured"], f["side"]) for f in found] == [(5, None, "resistance"), (None, 9, "resistance")]


@pytest.mark.parametrize("text", [
    "Security forces have killed more than 1,500 civilians since the coup, a monitoring group said.",
    "About 220 soldiers were killed across the region last month, the ministry said.",
    "In total, 75 fighters died in 2023.",
])
def test_running_totals_are_cumulative(gazetteer: Gazetteer, text: str) -> None:
    [fact] = facts(gazetteer, text)
    assert fact["cumulative"] is True


def test_a_total_carries_into_the_next_sentence_without_its_own_time_or_place(gazetteer: Gazetteer) -> None:
    text = ("A total of 310 clashes were recorded in May, the ministry said. "
            "It said 260 soldiers were killed and 40 fighters were wounded. "
            "On Tuesday, two villagers were killed in Hpakant.")
    found = facts(gazetteer, text)
    assert [(f["killed"] or f["injured"], f["cumulative"]) for f in found] == [(260, True), (40, True), (2, False)]


@pytest.mark.parametrize(("text", "flag"), [
    ("The rebels threatened to seize Kawlin within a week.", "hypothetical"),
    ("Officials denied that troops had captured Mindat on Monday.", "negated"),
])
def test_denied_and_threatened_seizures_are_flagged(gazetteer: Gazetteer, text: str, flag: str) -> None:
    [fact] = facts(gazetteer, text)
    assert fact["type"] == "territory_seized" and fact[flag] is True


def test_seizure_with_side_place_and_date(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "Resistance forces captured the town of Kawlin in Sagaing Region on Monday.")
    assert fact["type"] == "territory_seized" and fact["side"] == "resistance"
    assert fact["place"]["name"] == "Kawlin" and fact["place"]["admin1"] == "Sagaing"
    assert fact["event_date"] == date(2024, 3, 4)


def test_passive_seizure_names_the_taker(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "Hpakant was overrun by the Kachin Independence Army on Friday.")
    assert fact["place"]["name"] == "Hpakant" and fact["side"] == "resistance"


@pytest.mark.parametrize("text", [
    "Soldiers seized weapons and two trucks in Kawlin on Monday.",
    "The army seized power in a coup.",
])
def test_seizing_things_is_not_territory(gazetteer: Gazetteer, text: str) -> None:
    assert [f for f in facts(gazetteer, text) if f["type"] == "territory_seized"] == []


def test_displacement_and_airstrike(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Jets bombed a market in Loikaw on Sunday. "
                                 "Some 12,000 residents have fled the town since Sunday.")
    assert [f["type"] for f in found] == ["airstrike", "displacement"]
    assert found[1]["displaced"] == 12000 and found[1]["qualifier"] == "approx"
    assert found[0]["place"]["name"] == "Loikaw"


@pytest.mark.parametrize(("text", "kind"), [
    ("Aerial attacks hit a camp near Loikaw on Sunday.", "airstrike"),
    ("The shelling of Loikaw on Sunday ended up driving 4,000 residents to the hills.", "displacement"),
    ("The offensive near Loikaw on Sunday is forcing 2,500 villagers into the forest.", "displacement"),
])
def test_triggers_without_the_commoner_words(gazetteer: Gazetteer, text: str, kind: str) -> None:
    # Each finder first skips sentences without its cue words; these once fell through that test.
    assert [f["type"] for f in incidents(gazetteer, text)] == [kind]


def test_a_vague_restatement_gives_way_to_the_precise_figure(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Thousands fled Demoso on Monday. Officials said 6,500 people fled Demoso on Monday.")
    assert [f["displaced"] for f in found] == [6500]


def test_a_vague_restatement_of_a_town_written_another_way_gives_way_too(gazetteer: Gazetteer) -> None:
    text = ("Tens of thousands of families fled the camp this week, most of them heading for El Obeid in Sudan. "
            "Roughly 30,000 people have fled to Al-Obeid since Friday, the UN said on Monday.")
    assert [f["displaced"] for f in incidents(gazetteer, text)] == [30_000]


def test_headline_and_body_repeating_a_figure_report_it_once(gazetteer: Gazetteer) -> None:
    text = ("Eight soldiers killed near Falam\n\nEight soldiers were killed near Falam on Tuesday, and another "
            "eight soldiers were killed on the road to Hakha.")
    assert [f["killed"] for f in incidents(gazetteer, text)] == [8, 8]


def test_weekday_resolves_to_the_last_such_day(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "Three villagers were killed in Mindat on Tuesday.")
    assert fact["event_date"] == date(2024, 3, 5) and fact["date_precision"] == "day"


def test_every_fact_keeps_its_sentence_span_and_version(gazetteer: Gazetteer) -> None:
    text = "Residents said the night was quiet. Nine soldiers were killed near Tamu on Tuesday."
    [fact] = facts(gazetteer, text)
    start, end = fact["evidence"]["start"], fact["evidence"]["end"]
    assert text[start:end] == "Nine soldiers were killed near Tamu on Tuesday."
    assert fact["extractor_version"] == EXTRACTOR_VERSION


def test_ids_are_deterministic(gazetteer: Gazetteer) -> None:
    text = "Nine soldiers were killed near Tamu on Tuesday."
    assert [f["id"] for f in facts(gazetteer, text)] == [f["id"] for f in facts(gazetteer, text)]


def test_dateline_is_not_the_place(gazetteer: Gazetteer) -> None:
    text = "YANGON, March 8 (Wire) - Six soldiers were killed on Tuesday. The clash took place in Falam Township."
    [fact] = incidents(gazetteer, text)
    assert fact["place"]["name"] == "Falam"


def test_a_state_wide_tally_without_a_day_is_cumulative(gazetteer: Gazetteer) -> None:
    found = facts(gazetteer, "About 90,000 people have been displaced in Kachin State while over 400 civilians "
                             "were killed, a relief group said.")
    assert sorted((f["type"], f["cumulative"]) for f in found) == [("casualties", True), ("displacement", True)]


@pytest.mark.parametrize("headline", [
    "Chad: as many as 120 killed in militia raid on market",
    "Mali: 150 dead in jihadist raid on hamlet",
])
def test_one_attack_told_by_a_headline_without_articles_stays_an_incident(gazetteer: Gazetteer,
                                                                            headline: str) -> None:
    [fact] = facts(gazetteer, "Officials gave no further details.", title=headline)
    assert fact["cumulative"] is False


def test_a_headline_tally_of_attacks_stays_a_tally(gazetteer: Gazetteer) -> None:
    [fact] = facts(gazetteer, "Officials gave no further details.", title="Mali: 300 killed in attacks on villages")
    assert fact["cumulative"] is True


def test_a_town_incident_of_the_same_size_stays_an_incident(gazetteer: Gazetteer) -> None:
    [fact] = facts(gazetteer, "About 90,000 people fled Loikaw on Sunday as shelling intensified.")
    assert fact["cumulative"] is False


def test_counts_of_things_are_not_people(gazetteer: Gazetteer) -> None:
    found = facts(gazetteer, "More than 3,000 civilians in four townships of Sagaing have been displaced, and "
                             "120 houses were burned on Monday.")
    assert [f["displaced"] for f in found if f["type"] == "displacement"] == [3000]


@pytest.mark.parametrize(("text", "displaced", "place"), [
    # Flight told as a noun before the people it moved.
    ("Shelling around Hpakant forced the evacuation of 8,000 villagers on Saturday.", 8000, "Hpakant"),
    ("The offensive has caused the displacement of some 15,000 residents of Lashio this week.", 15000, "Lashio"),
    ("Air raids on Friday set off an exodus of 4,500 people from Mindat.", 4500, "Mindat"),
])
def test_flight_named_by_a_noun_before_the_figure(gazetteer: Gazetteer, text: str, displaced: int,
                                                  place: str) -> None:
    [fact] = [f for f in incidents(gazetteer, text) if f["type"] == "displacement"]
    assert (fact["displaced"], fact["place"]["name"]) == (displaced, place)


def test_the_evacuation_of_things_is_not_a_head_count(gazetteer: Gazetteer) -> None:
    assert [f for f in facts(gazetteer, "The army ordered the evacuation of 12 villages near Hpakant on Monday.")
            if f["type"] == "displacement"] == []


def test_one_displaced_resident_is_not_a_displacement_figure(gazetteer: Gazetteer) -> None:
    assert facts(gazetteer, "One displaced resident told reporters the town of Hakha was quiet on Monday.") == []


def test_since_the_coup_with_words_between_is_a_running_total(gazetteer: Gazetteer) -> None:
    [fact] = facts(gazetteer, "Nearly 40,000 Displaced in Clashes Since Myanmar Military Coup")
    assert fact["cumulative"] is True


def test_a_town_named_by_its_state_is_the_town_said_before(gazetteer: Gazetteer) -> None:
    text = ("Fighting raged around Falam for a week. "
            "On Friday the army took control of the small northern Chin State town after heavy shelling.")
    [fact] = incidents(gazetteer, text)
    assert fact["type"] == "territory_seized" and fact["place"]["name"] == "Falam"


@pytest.mark.parametrize(("text", "killed", "injured", "side"), [
    ("An artillery shell killed a nine-year-old boy in Kawlin on Monday.", 1, None, "civilian"),
    ("Soldiers shot dead 41-year-old Maung Tin in Hakha on Monday.", 1, None, "civilian"),
    ("The blast in Hakha on Monday claimed the life of a retired teacher.", 1, None, "civilian"),
    ("His daughter was shot and now lies in a hospital in Hakha, relatives said on Monday.", None, 1, "civilian"),
    ("On Monday, troops killed three brothers in Kawlin.", 3, None, "civilian"),
])
def test_single_victims_and_relatives(gazetteer: Gazetteer, text: str, killed: int | None, injured: int | None,
                                      side: str) -> None:
    [fact] = incidents(gazetteer, text)
    assert (fact["killed"], fact["injured"], fact["side"]) == (killed, injured, side)


def test_two_people_joined_by_and_are_two_claims(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "A teacher and PDF fighter were shot dead by troops in Kawlin on Monday.")
    assert [(f["killed"], f["side"]) for f in found] == [(1, "civilian"), (1, "resistance")]


def test_a_relative_clause_between_victims_and_verb(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "Six villagers, who had hidden in a monastery during the clashes, were killed "
                                  "in Kawlin on Monday.")
    assert (fact["killed"], fact["side"]) == (6, "civilian")


def test_an_appositive_is_the_same_person(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "One PDF member, 22-year-old nurse Hla Hla, was killed in Hakha on Monday.")
    assert (fact["killed"], fact["side"]) == (1, "resistance")


def test_a_superlative_since_is_a_comparison_not_a_total(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Jets bombed a school in Kawlin on Friday, killing 11 pupils, the deadliest "
                                 "strike on children since the coup.")
    assert [(f["type"], f.get("killed"), f["side"]) for f in found] == [
        ("casualties", 11, "civilian"), ("airstrike", None, "military")]


def test_a_total_as_of_the_first_days_of_a_month_is_a_running_total(gazetteer: Gazetteer) -> None:
    [fact] = facts(gazetteer, "As of the first days of March, relief agencies counted more than 40,000 people "
                              "who had fled their villages in Sagaing region.")
    assert (fact["displaced"], fact["cumulative"]) == (40_000, True)


def test_the_first_strike_of_its_kind_is_still_one_incident(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Jets struck Hpakant on Sunday, killing 14 miners, the first air raid on the "
                                 "jade mines since the coup.")
    assert [f["killed"] for f in found if f["type"] == "casualties"] == [14]


def test_one_victim_in_each_of_two_villages_is_two_incidents(gazetteer: Gazetteer) -> None:
    text = ("On Monday a shell killed a woman in Ohn Taw village in Kawlin township. "
            "Separately, a drone attack killed a man in Nwe Nyein village in Kawlin township.")
    found = [f for f in incidents(gazetteer, text) if f["type"] == "casualties"]
    assert [(f["killed"], f["place"]["name"]) for f in found] == [(1, "Ohn Taw"), (1, "Nwe Nyein")]


def test_a_headline_strike_takes_the_village_the_body_names(gazetteer: Gazetteer) -> None:
    text = ("Junta airstrike hits Sagaing village.\n\n"
            "Jets bombed Ohn Taw village in Kawlin township on Monday, residents said.")
    strikes = [f for f in incidents(gazetteer, text) if f["type"] == "airstrike"]
    assert [(f["place"]["name"], f["place"]["admin1"]) for f in strikes] == [("Ohn Taw", "Sagaing")]


@pytest.mark.parametrize("text", [
    "Resistance fighters captured a junta camp near the river on Monday, after clashes near Ohn Taw village "
    "in Kawlin township.",
    "The army took the rebel town of Kawlin on Monday.",
])
def test_posts_and_towns_taken(gazetteer: Gazetteer, text: str) -> None:
    seized = [f for f in incidents(gazetteer, text) if f["type"] == "territory_seized"]
    assert len(seized) == 1 and seized[0]["place"]["admin1"] == "Sagaing"


def test_occupied_as_an_adjective_is_no_seizure(gazetteer: Gazetteer) -> None:
    text = "Volunteers helped families escape from occupied areas near Kawlin on Monday."
    assert not [f for f in facts(gazetteer, text) if f["type"] == "territory_seized"]


def test_a_total_broken_down_later_is_recorded_as_its_parts(gazetteer: Gazetteer) -> None:
    text = ("Troops killed 15 resistance fighters near Kawlin on Monday.\n\n"
            "In the first ambush on Monday, soldiers killed nine fighters near the bridge.\n\n"
            "Later that day, six more fighters were killed at a checkpoint, the group said.")
    found = [f["killed"] for f in incidents(gazetteer, text) if f["type"] == "casualties"]
    assert found == [9, 6]


@pytest.mark.parametrize("told", [
    "Five died at the scene and one more died later in hospital, a relative said.",
    "Five were killed instantly, while three others were wounded, one of whom died later, a relative said.",
])
def test_a_total_told_again_by_when_each_died_is_one_toll(gazetteer: Gazetteer, told: str) -> None:
    text = f"Six villagers were killed when troops shelled Tamu on Monday.\n\n{told}"
    assert [f["killed"] for f in incidents(gazetteer, text) if f.get("killed")] == [6]


def test_two_deaths_in_one_account_are_not_the_breakdown_of_a_total(gazetteer: Gazetteer) -> None:
    text = "Two farmers were killed in Tamu on Monday.\n\nA soldier and a fighter died in a clash there on Monday."
    assert [f["killed"] for f in incidents(gazetteer, text) if f.get("killed")][0] == 2


def test_victims_counted_as_of_them_take_the_side_named_before(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "On Monday fighters shelled a camp in Kawlin where soldiers slept, killing four of "
                                  "them.")
    assert (fact["killed"], fact["side"]) == (4, "military")


def test_victims_including_several_sides_are_mixed(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "Shelling killed 20 in Kawlin on Monday, including villagers and PDF members.")
    assert (fact["killed"], fact["side"]) == (20, "mixed")


def test_people_with_wounds_are_injured(gazetteer: Gazetteer) -> None:
    [fact] = incidents(gazetteer, "Nurses in Kawlin treated 14 villagers with shrapnel wounds on Monday.")
    assert (fact["injured"], fact["side"]) == (14, "civilian")


def test_a_quote_ends_a_passage_of_statistics(gazetteer: Gazetteer) -> None:
    text = ("More than 300 civilians have been killed in Sagaing this year. Another 90 were wounded. "
            "“This is a war crime,” he said. Around 40 villagers were wounded in Kawlin, medics said.")
    flags = [(f["injured"], f["cumulative"]) for f in facts(gazetteer, text) if f.get("injured")]
    assert flags == [(90, True), (40, False)]


def test_unnamed_victims_of_a_long_sentence_belong_to_the_killers_enemy(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Late on Tuesday night, after a long march through the hills, the Kale People's "
                                 "Defence Force said it killed nine near the old bridge outside Kale.")
    assert [(f["killed"], f["side"]) for f in found] == [(9, "military")]


def test_victims_at_a_post_held_by_two_forces_are_mixed(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "On Monday the Falam defence force said it killed five and wounded six at a "
                                 "checkpoint where about 40 troops and police were posted.")
    assert [(f["killed"], f["injured"], f["side"]) for f in found] == [(5, None, "mixed"), (None, 6, "mixed")]


def test_a_headline_says_who_died_and_the_body_how_many(gazetteer: Gazetteer) -> None:
    text = ("Shelling kills dozens including villagers and KIA fighters\n\n"
            "Artillery shells hit a market in Laiza on Monday, killing at least 40 people including two teachers.\n\n"
            "About 70 people were wounded, a local rescue group said.")
    found = incidents(gazetteer, text)
    assert [(f["killed"], f["injured"], f["side"]) for f in found] == [(40, None, "mixed"), (None, 70, "unknown")]


def test_people_are_civilians_while_no_fighter_is_among_the_victims(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "Artillery shells hit a market in Laiza on Monday, killing at least 40 people.")
    assert [(f["killed"], f["side"]) for f in found] == [(40, "civilian")]


def test_a_vague_figure_for_a_more_precise_place_is_news_of_its_own(gazetteer: Gazetteer) -> None:
    text = ("Some 12,000 villagers have left their homes across Chin State this week, aid groups said.\n\n"
            "A nurse said thousands fled from Mindat township into the hills on Tuesday.")
    found = [f for f in incidents(gazetteer, text) if f["type"] == "displacement"]
    assert [(f["displaced"], f["place"]["name"]) for f in found] == [(12_000, "Chin"), (1_000, "Mindat")]


@pytest.mark.parametrize("text", [
    "Aid workers estimated that about 6,000 villagers would be displaced by the offensive near Pekon.",
    "Officials warned that up to 20,000 residents could be forced to flee Loikaw this week.",
])
def test_displacement_feared_or_forecast_is_hypothetical(gazetteer: Gazetteer, text: str) -> None:
    [fact] = facts(gazetteer, text)
    assert fact["type"] == "displacement" and fact["hypothetical"]


def test_one_death_each_in_two_states_is_two_incidents(gazetteer: Gazetteer) -> None:
    text = ("On Sunday a farmer was shot dead by soldiers in Kani township, Sagaing Region.\n\n"
            "In Yangon Region, a student was shot dead near a bus stop on Saturday evening.")
    found = incidents(gazetteer, text)
    assert [(f["killed"], f["place"]["admin1"]) for f in found] == [(1, "Sagaing"), (1, "Yangon")]


def test_a_strike_on_two_wards_is_two_strikes(gazetteer: Gazetteer) -> None:
    found = incidents(gazetteer, "On Monday the army launched an air strike on Nan Ma and Lwe Lon wards in "
                                 "Loikaw township, residents said.")
    assert [(f["type"], f["place"]["name"]) for f in found] == [("airstrike", "Nan Ma"), ("airstrike", "Lwe Lon")]


def test_a_strike_referred_to_is_the_strike_told_of(gazetteer: Gazetteer) -> None:
    text = ("Mourners lit candles for those who died in the Hpakant air raid.\n\n"
            "Military jets dropped bombs on a wedding in Hpakant on Sunday, killing 12 guests.")
    strikes = [f for f in incidents(gazetteer, text) if f["type"] == "airstrike"]
    assert len(strikes) == 1 and "wedding" in strikes[0]["evidence"]["sentence"]


def test_a_town_and_its_township_are_one_place_for_strikes(gazetteer: Gazetteer) -> None:
    text = ("Jets carried out twelve airstrikes on Loikaw on Monday.\n\n"
            "A resident of Loikaw township said the military carried out airstrikes as people ran.")
    strikes = [f for f in incidents(gazetteer, text) if f["type"] == "airstrike"]
    assert [s["count"] for s in strikes] == [12]


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # A noun of death governs the figure: the dead are counted after "deaths of", "toll ... to".
    ("The shelling of the depot on Monday caused the deaths of 17 recruits and hurt 9 others.", 17, 9),
    ("The death toll from Sunday's ambush on the convoy climbed to 41, the governor said.", 41, None),
    ("By Tuesday evening the toll stood at 14 dead, the hospital said.", 14, None),
])
def test_deaths_counted_by_the_noun_that_governs_them(gazetteer: Gazetteer, text: str, killed: int,
                                                      injured: int | None) -> None:
    events = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    assert [e.killed for e in events if e.killed] == [killed]
    assert [e.injured for e in events if e.injured] == ([injured] if injured else [])


def test_a_side_in_quotation_marks_is_a_label_and_the_same_dead_are_counted_once(gazetteer: Gazetteer) -> None:
    text = ("Five villagers were killed when soldiers raided Kawlin on Monday, residents said. "
            "Five \"insurgents\" were killed in the operation, the army said in a statement.")
    events = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    assert [(e.killed, e.side) for e in events] == [(5, "civilian")]


@pytest.mark.parametrize(("text", "cumulative"), [
    # A period, not a day: "for six years", "years of war".
    ("For a decade the province has bled in a war that has uprooted over 800,000 people, the agency says.", True),
    # Regions no one names are no one incident.
    ("Relief workers estimate 25,000 villagers have fled the fighting in several remote border regions.", True),
    # Arrivals are flight where the sentence speaks of flight.
    ("On Monday 3,000 displaced families reached the monastery and a further 6,000 moved to Kawlin.", False),
])
def test_displacement_totals_and_arrivals(gazetteer: Gazetteer, text: str, cumulative: bool) -> None:
    events = [e for e in extract(article(text), gazetteer) if e.type == "displacement"]
    assert events and all(e.cumulative == cumulative for e in events)


def test_one_attack_is_an_incident_however_vaguely_placed(gazetteer: Gazetteer) -> None:
    [event] = [e for e in extract(article("Chad: hundreds killed in militia attack on a market"), gazetteer)
               if e.type == "casualties"]
    assert (event.killed, event.cumulative) == (100, False)


@pytest.mark.parametrize(("text", "killed", "side"), [
    # A group's own people are on its side, whatever it calls them.
    ("The Kachin Independence Army said on Monday that three of its men died in the clash.", 3, "resistance"),
    # Who the dead were, after the noun that counts them.
    ("Police said on Sunday that 30 bodies of insurgents lay near the bridge after the battle.", 30,
     "resistance"),
    # A figure quoted from a source.
    ("A raid on a village in Kawlin township on Monday killed \"as many as 70\" villagers, a monitor said.", 70,
     "civilian"),
    # Worshippers of a faith are civilians.
    ("A rocket killed nine Christians outside a church in Kawlin on Sunday.", 9, "civilian"),
    # Non-state armed groups, as the news outside Myanmar names them.
    ("Soldiers killed 23 jihadis in a raid near Dori in Burkina Faso on Friday.", 23, "resistance"),
])
def test_sides_of_the_dead(gazetteer: Gazetteer, text: str, killed: int, side: str) -> None:
    events = [e for e in extract(article(text), gazetteer) if e.type == "casualties" and e.killed]
    assert [(e.killed, e.side) for e in events] == [(killed, side)]


@pytest.mark.parametrize("text", [
    "KOUPELA, Burkina Faso (AP) — Gunmen shot dead seven gendarmes near Fada N'Gourma on Monday.",
    "BUNIA (AFP) — Gunmen shot dead seven gendarmes near Fada N'Gourma in Burkina Faso on Monday.",
])
def test_a_dateline_says_where_the_story_was_filed_not_where_it_happened(gazetteer: Gazetteer, text: str) -> None:
    [event] = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    assert event.place is not None and event.place.name == "Fada N'gourma"


@pytest.mark.parametrize("owned", ["a dam built by China's biggest firm", "a depot run by Britain's BP"])
def test_a_country_in_the_possessive_owns_a_thing_and_places_nothing(gazetteer: Gazetteer, owned: str) -> None:
    text = ("Militants raided the town of Kalungu in DR Congo on Monday. "
            f"Twenty guards were killed at {owned}.")
    [event] = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    assert event.place is not None and event.place.name == "Kalungu"


def test_the_speaker_of_a_noun_of_taking_is_not_its_taker(gazetteer: Gazetteer) -> None:
    text = "A farmer told reporters on Monday that the fall of Kawlin had emptied the market."
    [event] = [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"]
    assert event.side != "civilian"


@pytest.mark.parametrize(("text", "killed", "injured"), [
    # A word between the figure and its noun: the figure adds to those told before.
    ("A mortar round hit the ferry on Saturday and caused three more injuries, the port said.", None, 3),
    # "another" between the verb and the figure.
    ("On Friday the blast killed 6 porters and wounded another 15 at the depot.", 6, 15),
    # "two dozen" is 24.
    ("Thursday's ambush on the convoy left 8 police dead and wounded three dozen.", 8, 36),
    # A relative clause between the victims and their verb.
    ("Three farmers who had stayed behind were injured on Monday.", None, 3),
])
def test_injuries_in_the_words_the_news_uses(gazetteer: Gazetteer, text: str, killed: int | None,
                                             injured: int) -> None:
    events = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    assert [e.killed for e in events if e.killed] == ([killed] if killed else [])
    assert [e.injured for e in events if e.injured] == [injured]


def test_a_tally_over_a_period_is_background(gazetteer: Gazetteer) -> None:
    text = "Officials said on Monday their troops killed 90 insurgents over a week-long period."
    assert all(e.cumulative for e in extract(article(text), gazetteer) if e.type == "casualties")
    text = "At least 10 soldiers died in four skirmishes over the past two days in Chin State, militias said."
    assert not any(e.cumulative for e in extract(article(text), gazetteer) if e.type == "casualties")


def test_the_unnamed_victims_of_a_one_sided_story_are_of_that_side(gazetteer: Gazetteer) -> None:
    text = ("Six farmers were killed when a mortar round hit Kawlin on Saturday, relatives said. "
            "The round also caused three more injuries.")
    assert [(e.injured, e.side) for e in extract(article(text), gazetteer) if e.injured] == [(3, "civilian")]


def test_the_injured_joined_to_the_killed_are_the_same_attack_s_victims(gazetteer: Gazetteer) -> None:
    text = "Gunmen stormed a checkpoint in Mali on Thursday, killing six police and wounding a dozen."
    events = [e for e in extract(article(text), gazetteer) if e.type == "casualties"]
    assert [(e.killed, e.injured, e.side) for e in events] == [(6, None, "police"), (None, 12, "police")]
