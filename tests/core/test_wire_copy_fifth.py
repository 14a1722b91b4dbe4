"""Wire copy, fifth round: dates told between commas, attacks said to have failed, and the other shapes news gives
its facts. Sentences written for each rule."""

from __future__ import annotations

from datetime import UTC, date, datetime

from stream.core.articles import article_from_json
from stream.core.places import Gazetteer
from stream.core.records import Displacement, TerritorySeized
from tests.builders import dated_dead, dead_in, events_in, tolls_in


def _takings(text: str, gazetteer: Gazetteer, published: str = "2026-11-24") -> list[TerritorySeized]:
    return [e for e in events_in(text, gazetteer, published) if isinstance(e, TerritorySeized)]


def test_a_taking_dated_between_commas_after_a_superlative_is_history(gazetteer: Gazetteer) -> None:
    # "the largest town ... and have since used it": the comparison ends at "since", but the date between commas
    # is the taking's own.
    text = ("Rebels seized Kawlin, the largest town on the railway between Sagaing and Myitkyina, in March 2025, "
            "and have since used it as a base for raids.")
    assert [e.historical for e in _takings(text, gazetteer)] in ([], [True])
    # A superlative compared with the past keeps the sentence's own day.
    text = "Resistance fighters seized Kawlin on Monday, the biggest town they have taken since the coup."
    assert [(e.place.name, e.historical) for e in _takings(text, gazetteer) if e.place] == [("Kawlin", False)]


def test_a_taking_claimed_and_then_said_to_have_failed_is_sent_as_claimed(gazetteer: Gazetteer) -> None:
    # A claimed capture is news of a taking: the other side's word that it failed is told beside it, not held over it.
    for denial in ("Township officials and residents said the attack had been beaten back.",
                   "The army said its troops had repulsed the assault before dawn.",
                   "The claim was rejected by the township's administrator."):
        text = ('A radio station linked to the resistance claimed on Monday night that its fighters had "captured '
                f'Kawlin and driven out the troops". {denial}')
        [taken] = _takings(text, gazetteer)
        assert not taken.doubts, denial
    # An attack elsewhere beaten back denies nothing.
    text = ("Resistance fighters captured Kawlin on Monday, residents said. The army said it had repelled an attack "
            "on Pinlebu.")
    [taken] = _takings(text, gazetteer)
    assert not taken.doubts


def test_a_toll_told_of_an_attack_named_by_its_day_is_that_day_s(gazetteer: Gazetteer) -> None:
    # Monday 30 November: the funerals are Monday's, the dead Saturday's.
    text = ("Mourners gathered on Monday for the funerals of the victims of Saturday's air strike on a market in "
            "Kani, as rescuers said the toll had risen to 13.")
    assert dated_dead(text, gazetteer, "2026-11-30") == [(13, date(2026, 11, 28))]
    # Without a toll told of it, the attack named by its day dates nothing else in the sentence.
    text = "Rebels shelled Kani on Monday, killing 11 people, after Saturday's raid on their camp."
    assert dated_dead(text, gazetteer, "2026-11-30") == [(11, date(2026, 11, 30))]


def test_one_of_the_deadliest_clashes_this_month_is_a_comparison_not_a_month_s_total(gazetteer: Gazetteer) -> None:
    text = ("Twelve insurgents and three soldiers were killed on Saturday in a raid near Kani, the army said, in one "
            "of the deadliest clashes in Sagaing this month.")
    assert sorted(tolls_in(text, gazetteer, published="2026-11-22")) == [3, 12]
    # A month's count stays one.
    text = "At least 40 people were killed in Sagaing this month, a monitor said."
    assert dead_in(text, gazetteer, published="2026-11-22") == []


def test_a_claim_rejected_in_quoted_words_is_still_the_claim_of_a_taking(gazetteer: Gazetteer) -> None:
    for words in ('"pure fabrication"', '"fabricated propaganda"', "fabricated"):
        text = (f"The junta on Wednesday rejected as {words} a claim by resistance fighters that they had captured "
                "the town of Kawlin.")
        [taken] = _takings(text, gazetteer)
        assert not taken.doubts, words


def test_a_claim_called_another_fake_is_sent_and_so_is_one_of_a_town_said_still_held(gazetteer: Gazetteer) -> None:
    text = ("The army also claimed today that its troops had captured Kawlin. The resistance called the claim "
            '"another fake".')
    [taken] = _takings(text, gazetteer)
    assert not taken.doubts
    text = ("The army also claimed today that its troops had captured Kawlin. Residents said the town remained in "
            "resistance hands.")
    [taken] = _takings(text, gazetteer)
    assert not taken.doubts


def test_a_retraction_after_another_taking_is_that_taking_s(gazetteer: Gazetteer) -> None:
    text = ("Resistance fighters said they took Kawlin on Monday. The army also claimed that its troops had captured "
            "Pinlebu. It later withdrew the claim.")
    doubted = {e.place.name: bool(e.doubts) for e in _takings(text, gazetteer) if e.place}
    assert doubted == {"Kawlin": False, "Pinlebu": True}
    # A sentence between that takes nothing by name does not stop the retraction.
    text = ("The army claimed that its troops had captured Pinlebu. It said they had taken 20 prisoners. The "
            "announcement was later deleted.")
    [taken] = _takings(text, gazetteer)
    assert taken.doubts


def test_a_people_s_adjective_before_a_settlement_is_not_its_name(gazetteer: Gazetteer) -> None:
    text = "More than 12,000 flee rebel capture of Burmese village, aid agency says."
    assert [e.place.name for e in _takings(text, gazetteer) if e.place] == []
    # A village whose name opens on such a word keeps it.
    text = "Resistance fighters captured the village of Thai Gon in Kawlin township on Monday."
    assert [e.place.name for e in _takings(text, gazetteer) if e.place] == ["Thai Gon"]


def test_an_army_s_group_of_forces_is_no_place(gazetteer: Gazetteer) -> None:
    # The village liberated is the one the story is about, not the formation's namesake.
    text = ('Fighting went on near Pinlebu. The army claimed on Tuesday that its Kawlin group of forces had '
            '"liberated" the village.')
    assert [e.place.name for e in _takings(text, gazetteer) if e.place] == ["Pinlebu"]


def test_where_a_village_taken_lies_is_not_taken(gazetteer: Gazetteer) -> None:
    text = "The army said its troops had liberated the village, which lies east of the town of Kawlin."
    [taken] = _takings(text, gazetteer)
    assert taken.doubts


def test_a_liveblog_entry_s_toll_that_rises_replaces_its_earlier_counts(gazetteer: Gazetteer) -> None:
    text = ("Live coverage. Newest entries first.\n\n"
            "16:32 - Mandalay toll rises to 13. Rescuers are still searching the rubble.\n\n"
            "10:15 - Mandalay: nine dead. The toll from the strike has risen to nine, the mayor said.\n\n"
            "08:50 - Air strike on Mandalay. Jets bombed a market in Mandalay at about 7:20 a.m. At least six people "
            "were killed.")
    assert sum(e.killed or 0 for e in dead_in(text, gazetteer, published="2026-11-18")) == 13


def test_another_voice_putting_the_toll_higher_is_an_account_of_it(gazetteer: Gazetteer) -> None:
    # The dead and the wounded are told together; the rights group's count is of the dead.
    text = ("Gunmen killed at least 16 people in Kani on Sunday, officials said. The township administration said "
            "at least 16 had been killed and 25 wounded. A local rights group put the toll at 20 and said more "
            "bodies were being found.")
    assert sorted(tolls_in(text, gazetteer, published="2026-11-23")) == [20]


def test_a_group_named_for_its_members_is_no_victim(gazetteer: Gazetteer) -> None:
    text = "The number of civilians killed in Kani on Monday has risen to 47, a doctors' group said."
    assert tolls_in(text, gazetteer, published="2026-11-12") == [47]
    text = "Soldiers shot dead a teacher in Kani on Monday, a teachers' union said."
    assert tolls_in(text, gazetteer, published="2026-11-12") == [1]


def test_a_toll_in_a_side_s_account_of_its_fighters_deeds_is_sent_as_its_account(gazetteer: Gazetteer) -> None:
    # The story's one account of the toll: sent, as the labels count a side's claims (a claim beside an official
    # count is that toll's other account, and dropped: test_the_count_a_side_claims_to_have_killed_...).
    text = ('A spokesman for the resistance said in a video posted on Monday that its fighters had "taken full '
            'control" of Kawlin after overrunning army positions and that more than 100 soldiers had been killed.')
    assert [(e.killed, e.doubts) for e in dead_in(text, gazetteer, published="2026-11-25")] == [(100, ())]
    text = "Township officials said 12 villagers had been killed in Kawlin on Monday."
    assert [(e.killed, e.doubts) for e in dead_in(text, gazetteer, published="2026-11-25")] == [(12, ())]


def test_a_dateline_city_before_a_colon_places_a_story_that_names_no_country(gazetteer: Gazetteer) -> None:
    text = ("RAIPUR: Twelve insurgents were killed in an encounter with security forces in the forests of "
            "Chhattisgarh's Bijapur district on Saturday, police said.")
    [toll] = dead_in(text, gazetteer, published="2026-11-22")
    assert toll.place is not None and (toll.place.country, toll.place.admin1) == ("India", "Chhattisgarh")


def test_a_toll_recalled_since_a_month_is_history(gazetteer: Gazetteer) -> None:
    text = ("The encounter is the largest in the state since March, when 17 insurgents were killed in a two-day "
            "operation in Kani.")
    assert dead_in(text, gazetteer, published="2026-11-22") == []


def test_bodies_found_opening_a_story_are_its_toll(gazetteer: Gazetteer) -> None:
    # "The bodies of" points back only at a toll told before it; here the toll told after it is of another month.
    text = ("The bodies of 11 villagers were found on Wednesday morning in a village in Madaya Township after a "
            "military column withdrew, residents said. Villagers said the 11 were shot dead on Tuesday evening.\n\n"
            "The military did not answer questions. The township has seen raids for months.\n\n"
            "Many families have fled more than once this year.\n\n"
            "In mid-October, an air strike on a festival in a neighbouring township killed 24 people.")
    assert 11 in tolls_in(text, gazetteer, published="2026-11-25")


def test_dozens_killed_today_are_not_restated_by_an_older_toll(gazetteer: Gazetteer) -> None:
    text = ("Dozens of people were killed when a jet bombed a miners' camp in Hpakant Township in the early hours of "
            "Monday, rescue workers said.\n\nThe town has known many disasters. In July 2020, a landslide at a "
            "jade mine killed more than 170 workers, and in October 2022 an air strike on a concert killed more than "
            "60 people.")
    assert tolls_in(text, gazetteer, published="2026-11-24") == [12]


def test_who_some_of_the_dead_were_adds_no_dead(gazetteer: Gazetteer) -> None:
    text = ("Jets bombed Ralpi in Thantlang Township on Sunday, killing seven civilians and wounding 16, a rescue "
            "worker said. Four of the dead were women, he said.")
    assert tolls_in(text, gazetteer, published="2026-11-30") == [7]


def test_a_claim_its_own_side_calls_premature_or_takes_down_waits_for_review(gazetteer: Gazetteer) -> None:
    for after in ("Two commanders fighting in the town said on Friday that the announcement was premature.",
                  "The ministry's post was later removed."):
        text = ('The ministry announced late on Thursday that resistance battalions had "liberated" Kawlin town in '
                f"Sagaing Region. {after}")
        [taken] = _takings(text, gazetteer, published="2026-11-21")
        assert taken.doubts, after


def test_a_flight_since_late_in_a_year_is_a_stock(gazetteer: Gazetteer) -> None:
    text = ("Fighting in Bhamo District has displaced tens of thousands of people since late 2024, many of whom "
            "shelter in camps near Myitkyina.")
    assert [e for e in events_in(text, gazetteer, "2026-11-14")
            if isinstance(e, Displacement) and not e.cumulative] == []


def test_where_soldiers_arrived_from_is_not_taken(gazetteer: Gazetteer) -> None:
    text = ("A column of about 200 soldiers arrived from the direction of Kyaukme at around 2 p.m. on Saturday and "
            "raised the national flag at the township office.")
    assert [e.place.name for e in _takings(text, gazetteer, published="2026-11-22") if e.place] == []


def test_the_taking_a_recapture_reverses_is_history(gazetteer: Gazetteer) -> None:
    text = ("Army columns regained full control of the Kyauk Khet camp in Myawaddy Township on Wednesday after "
            "driving out the resistance groups who had occupied the camp by force on 12 November, the army said.")
    taken = {e.side: e.historical for e in _takings(text, gazetteer, published="2026-11-19")}
    assert taken == {"military": False, "resistance": True}


def test_today_is_the_day_a_dateline_writes(gazetteer: Gazetteer) -> None:
    # Filed on the 18th in its own time zone, reaching the feed on the 19th.
    text = "NAY PYI TAW, 18 Nov — Army columns regained full control of Kawlin at 3:30 pm today, state media said."
    assert [e.event_date for e in _takings(text, gazetteer, published="2026-11-19")] == [date(2026, 11, 18)]
    # A dateline of the article's own day changes nothing, and one far behind it is no time zone's.
    text = "NAY PYI TAW, 19 Nov — Army columns regained full control of Kawlin today, state media said."
    assert [e.event_date for e in _takings(text, gazetteer, published="2026-11-19")] == [date(2026, 11, 19)]


def test_a_statement_s_numbered_item_goes_on_from_the_one_before(gazetteer: Gazetteer) -> None:
    text = ("STATEMENT (No. 12/2026)\n\n"
            "1. At about 9 a.m. on Saturday, 14 November 2026, a drone dropped two bombs on the market of a village "
            "in Kani Township.\n\n"
            "2. As a result, eight civilians were killed on the spot and five were wounded.")
    assert dated_dead(text, gazetteer, "2026-11-16") == [(8, date(2026, 11, 14))]


def test_bodies_found_on_a_day_were_killed_on_the_day_the_story_tells(gazetteer: Gazetteer) -> None:
    text = ("The bodies of 11 villagers were found on Wednesday morning in a village in Madaya Township, residents "
            "said. Villagers said they heard gunfire on Tuesday evening, and that the 11 were shot dead that evening.")
    assert dated_dead(text, gazetteer, "2026-11-25") == [(11, date(2026, 11, 24))]


def test_a_group_s_agency_telling_its_fighters_killed_more_is_a_claim(gazetteer: Gazetteer) -> None:
    text = ("Four soldiers were killed and seven wounded at the base in Kani, the army statement said. The group's "
            'news agency said fighters of the Arakan Army had "taken control of the barracks" and killed seven '
            "soldiers.")
    assert tolls_in(text, gazetteer, published="2026-11-14") == [4]
    # Witnesses telling what troops did make no claim.
    text = "Residents said troops had raided a village near Kani on Monday and killed 12 people."
    [toll] = dead_in(text, gazetteer, published="2026-11-14")
    assert not toll.doubts


def test_a_claimed_taking_beside_a_flag_still_flying_is_sent_and_so_are_its_quoted_dozens(gazetteer: Gazetteer) -> None:
    text = ('The group claimed through its propaganda channels that its fighters had "overrun the barracks of the '
            'army in Kawlin" and killed "dozens of soldiers". Residents said on Wednesday that the national flag was '
            'still flying over the base. "The army is still here," a trader said.')
    [taken] = _takings(text, gazetteer, published="2026-11-12")
    assert not taken.doubts
    # The claim's dozens, counted low (12) as the convention counts them.
    assert [(e.killed, e.doubts) for e in dead_in(text, gazetteer, published="2026-11-12")] == [(12, ())]


def test_a_town_that_will_be_liberated_is_not_taken(gazetteer: Gazetteer) -> None:
    text = ('An officer said its forces had cut the last supply route to Kawlin and that "the town will be liberated '
            'soon".')
    assert [e for e in _takings(text, gazetteer, published="2026-11-16") if not e.hypothetical] == []
    # "There will be" counts those on the move.
    text = "Officials said there will be about 15,000 displaced from the villages of Kawlin township."
    assert [e.displaced for e in events_in(text, gazetteer, "2026-11-16")
            if isinstance(e, Displacement) and not e.hypothetical] == [15000]


def test_a_monitor_s_tally_since_an_offensive_began_is_no_day_s_toll(gazetteer: Gazetteer) -> None:
    text = ("The local defence force said it had recorded more than 30 air strikes in Kani township since the "
            "offensive began, killing 22 civilians.")
    assert dead_in(text, gazetteer, published="2026-11-13") == []


def test_a_name_with_an_apostrophe_for_a_letter_is_read_whole(gazetteer: Gazetteer) -> None:
    text = ("Government forces backed by tribal fighters on Tuesday recaptured Jabal al-Tala'a, a strategic hill in "
            "Yemen's Marib governorate, after a day of fighting.")
    assert [e.place.name for e in _takings(text, gazetteer, published="2026-11-25") if e.place] == ["Jabal al-Tala'a"]
    # Not a possessive's "'s".
    text = "Resistance fighters captured Kawlin's police station on Tuesday."
    assert [e.place.name for e in _takings(text, gazetteer, published="2026-11-25") if e.place] == ["Kawlin"]


def test_full_security_control_taken_is_a_taking(gazetteer: Gazetteer) -> None:
    text = "On 19 November, security forces took full security control of Hpruso town after clearing its south."
    assert [e.place.name for e in _takings(text, gazetteer, published="2026-11-21") if e.place] == ["Hpruso"]


def test_a_name_before_station_says_whose_station_it_is(gazetteer: Gazetteer) -> None:
    text = "Some 40 militants entered Kawlin at about 6:15pm and took over the Levies station and a bank branch."
    assert [e.place.name for e in _takings(text, gazetteer, published="2026-11-21") if e.place] == ["Kawlin"]


def test_households_with_their_people_in_brackets_count_the_people(gazetteer: Gazetteer) -> None:
    text = ("Field teams reported on 21 November that an estimated 2,520 households (12,600 individuals) were "
            "displaced from Kawlin town and surrounding villages.")
    assert [e.displaced for e in events_in(text, gazetteer, "2026-11-23") if isinstance(e, Displacement)] == [12600]
    text = "An estimated 14,500 individuals (2,900 households) were displaced from Kawlin on Sunday."
    assert [e.displaced for e in events_in(text, gazetteer, "2026-11-23") if isinstance(e, Displacement)] == [14500]


def test_a_dateline_s_city_places_a_story_that_names_only_where_people_went(gazetteer: Gazetteer) -> None:
    text = ("CUCUTA - The Ombudsman's Office reported on Wednesday that at least 12,400 people have been displaced "
            "from rural areas of Tibu since Sunday. Some families crossed into Venezuela.")
    [flight] = [e for e in events_in(text, gazetteer, "2026-11-19") if isinstance(e, Displacement)]
    assert flight.place is not None and flight.place.country == "Colombia"


def test_what_a_taking_would_mean_is_no_taking(gazetteer: Gazetteer) -> None:
    text = ('On Tuesday evening, shells fell near the Nyaung Wun ward of Kawlin, wounding three civilians. "Taking '
            'the hill back means the villages will sleep without snipers above them," said a fighter.')
    assert _takings(text, gazetteer, published="2026-11-25") == []


def test_every_figure_of_why_a_toll_rose_is_in_it(gazetteer: Gazetteer) -> None:
    text = ("The death toll from Monday's air strike on a monastery in Kani Township has risen to 16, volunteers said "
            "on Thursday, after three of the wounded died at a clinic and rescuers pulled two more bodies from the "
            "ruins of the hall.")
    assert tolls_in(text, gazetteer, published="2026-11-12") == [16]


def test_a_married_couple_killed_are_two_dead(gazetteer: Gazetteer) -> None:
    text = ("In the same wave of attacks, a drone struck a private house in Pavlohrad district, killing a married "
            "couple, the regional head said.")
    assert tolls_in(text, gazetteer, published="2026-11-12") == [2]
    text = "An elderly couple were killed when a shell hit their house in Kani on Tuesday."
    assert tolls_in(text, gazetteer, published="2026-11-12") == [2]


def test_where_a_voice_works_from_is_not_where_its_dead_are(gazetteer: Gazetteer) -> None:
    text = ("Fighters captured the army base at Babanusa in West Kordofan on Monday. The West Kordofan state "
            "government, which is allied with the army and operates from El Obeid, put the toll at 52.")
    assert {e.place.admin1 for e in dead_in(text, gazetteer, published="2026-11-17") if e.place} == {
        "West Kordofan State"}


def test_a_fall_a_year_and_a_half_before_the_recapture_is_history(gazetteer: Gazetteer) -> None:
    text = ("Army troops recaptured the town of Kawlin in Sagaing on Tuesday, more than a year and a half after it "
            "fell to the resistance, officials said.")
    # The fall, told in a clause of its own whose subject is "it", is history or not read as a taking at all.
    assert {e.side for e in _takings(text, gazetteer, published="2026-11-18") if not e.historical} == {"military"}


def test_a_participle_going_on_from_a_taking_is_the_same_taking(gazetteer: Gazetteer) -> None:
    text = ("Resistance forces captured the army's 22nd Infantry Division headquarters in Kawlin on Monday, taking "
            "full control of the railway town after a long siege.")
    assert [e.side for e in _takings(text, gazetteer, published="2026-11-17")] == ["resistance"]


def test_counts_told_with_the_hour_they_stood_at_are_the_toll_s_earlier_counts(gazetteer: Gazetteer) -> None:
    text = ("Ten people were killed when a missile hit an apartment block in Kani on Tuesday, officials said. The "
            "governor's posts through the morning tracked the search: 'Four dead' at 04:15, 'seven' at 07:30, "
            "'nine' at 09:05.")
    assert tolls_in(text, gazetteer, published="2026-11-10") == [10]


def test_the_town_a_side_says_it_liberated_is_the_one_the_story_told_taken(gazetteer: Gazetteer) -> None:
    text = ("Resistance fighters seized Kawlin on Monday after a day of fighting. The junta bombed Pinlebu on "
            'Wednesday. The resistance said it had "liberated" the town and will protect its residents.')
    assert [e.place.name for e in _takings(text, gazetteer, published="2026-11-12") if e.place] == ["Kawlin"]


def test_where_columns_advanced_from_is_not_where_people_fled(gazetteer: Gazetteer) -> None:
    text = ("More than 16,000 people have fled villages in Thabeikkyin Township since Wednesday as military "
            "columns backed by air strikes advanced from Singu, relief groups said.")
    assert [e.place.name for e in events_in(text, gazetteer, "2026-11-20")
            if isinstance(e, Displacement) and e.place] == ["Thabeikkyin"]


def test_where_columns_advanced_from_far_along_the_sentence_is_not_where_people_fled(gazetteer: Gazetteer) -> None:
    text = ("More than 16,000 people have fled villages in Thabeikkyin Township since Wednesday as army columns "
            "backed by air strikes advanced along the river from Singu, relief groups said.")
    assert [e.place.name for e in events_in(text, gazetteer, "2026-11-20")
            if isinstance(e, Displacement) and e.place] == ["Thabeikkyin"]


def test_the_dead_of_the_assault_a_lede_dated_are_of_its_day(gazetteer: Gazetteer) -> None:
    text = ("PORT SUDAN, Nov 10 - Paramilitary fighters seized the town of Kazgil in North Kordofan state on Monday, "
            "the army said.\n\n"
            "Residents described gunmen going from house to house.\n\n"
            "A doctors' network said at least 14 civilians were killed during the assault.")
    assert dated_dead(text, gazetteer, "2026-11-10") == [(14, date(2026, 11, 9))]
    # Without a reference back, a later paragraph is the article's day.
    text = ("PORT SUDAN, Nov 10 - Paramilitary fighters seized the town of Kazgil in North Kordofan state on Monday, "
            "the army said.\n\n"
            "Residents described gunmen going from house to house.\n\n"
            "Drones struck a market in El Obeid, killing 14 civilians.")
    assert dated_dead(text, gazetteer, "2026-11-10") == [(14, date(2026, 11, 10))]


def test_a_taking_after_and_has_the_subject_of_the_verb_before(gazetteer: Gazetteer) -> None:
    text = ("Army columns, together with public security forces, entered Kawlin town in Kawlin Township, Sagaing "
            "Region, on 14 November and took full security control of the town, state media said.")
    assert [e.side for e in _takings(text, gazetteer, published="2026-11-15")] == ["military"]


def test_a_story_published_late_in_utc_counts_its_weekdays_from_its_own_day(gazetteer: Gazetteer) -> None:
    # 23:30 UTC on Wednesday 25 November is 04:30 on Thursday in Peshawar.
    text = ("PESHAWAR - Eleven policemen were killed when militants attacked a police station in Lakki Marwat "
            "district of Khyber Pakhtunkhwa early on Thursday, officials said.")
    late = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    assert [e.event_date for e in dead_in(text, gazetteer, published="2026-11-25", published_at=late)] == [
        date(2026, 11, 26)]
    # Without the hour, "Thursday" is the one before the article's Wednesday.
    assert [e.event_date for e in dead_in(text, gazetteer, published="2026-11-25")] == [date(2026, 11, 19)]
    # Early in the UTC day, it is that day there too.
    early = datetime(2026, 11, 26, 6, 0, tzinfo=UTC)
    assert [e.event_date for e in dead_in(text, gazetteer, published="2026-11-26", published_at=early)] == [
        date(2026, 11, 26)]


def test_an_article_s_hour_is_read_in_utc_from_its_offset() -> None:
    line = (b'{"text": "Rebels seized Kawlin on Monday, residents said, after days of fighting around the town.", '
            b'"published": "2026-11-26T04:30:00+05:00"}')
    parsed = article_from_json(line)
    assert parsed.published == date(2026, 11, 26)
    assert parsed.published_at == datetime(2026, 11, 25, 23, 30, tzinfo=UTC)
    # An hour without an offset says nothing of where it was read; a date alone gives none.
    assert article_from_json(line.replace(b"+05:00", b"")).published_at is None
    assert article_from_json(line.replace(b"T04:30:00+05:00", b"")).published_at is None


def test_a_toll_told_in_a_clause_of_its_own_day_is_of_that_day(gazetteer: Gazetteer) -> None:
    # Friday 27 November: the clause's Thursday, not the Wednesday of the sentence before.
    text = ("The government said five civilians were killed on Wednesday when drones struck a house in Khost "
            "province. Islamabad says the Taliban shelter fighters of the TTP, which claimed Thursday's attack on a "
            "police station in Lakki Marwat that killed 11 policemen.")
    assert [(e.killed, e.event_date) for e in dead_in(text, gazetteer, published="2026-11-27")
            if e.killed == 11] == [(11, date(2026, 11, 26))]
