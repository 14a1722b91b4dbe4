"""Rules of news writing the precision gate rests on, each with sentences written for it."""

from __future__ import annotations

from datetime import date

import pytest

from stream.core.extract import extract
from stream.core.extract.mentions import find_places
from stream.core.places import Gazetteer
from tests.builders import article


def places(gazetteer: Gazetteer, sentence: str, countries: frozenset[str] = frozenset()) -> list[str]:
    return [m.place.name for m in find_places(sentence, gazetteer, (), countries)]


@pytest.mark.parametrize("sentence", [
    "Fighting resumed in May near the Indian border, villagers said.",
    "The column entered the town on 19 May after a night of shelling.",
    "Shops stayed shut on Sunday and again on Monday in the border towns.",
])
def test_a_month_or_weekday_alone_is_never_a_place(gazetteer: Gazetteer, sentence: str) -> None:
    found = places(gazetteer, sentence, frozenset({"India"}))
    assert not {"May", "Sunday", "Monday"} & set(found)


@pytest.mark.parametrize(("sentence", "person"), [
    ("Russian President Vladimir Putin hailed the capture of the town on Sunday.", "Vladimir"),
    ("Prime Minister Sharif said the army had cleared the valley.", "Sharif"),
    ("General Albert toured the front line near the river.", "Albert"),
])
def test_a_name_after_a_title_is_a_person_not_a_place(gazetteer: Gazetteer, sentence: str, person: str) -> None:
    countries = frozenset({"Russia", "Pakistan", "France"})
    assert person not in places(gazetteer, sentence, countries)


def casualty_flags(gazetteer: Gazetteer, text: str, published: str | None = "2024-06-10") -> list[tuple[int, bool]]:
    return [(getattr(e, "killed", None) or getattr(e, "displaced", None), e.cumulative)
            for e in extract(article(text, published), gazetteer)
            if e.type in ("casualties", "displacement")]


@pytest.mark.parametrize(("text", "published"), [
    # A war's years, with its month: a running total.
    ("The war, which has raged since April 2023, has killed 15,000 people, the agency estimates.", "2024-06-10"),
    # Flight in earlier months, summed.
    ("Another 80,000 people who fled fighting in previous months are sheltering in the camps.", "2024-06-10"),
    ("Clashes in the hills have displaced 40,000 people in recent weeks, aid workers said.", "2024-06-10"),
    # A period since a month, in an article without a date of its own.
    ("Clashes have forced 25,000 people from their homes since May, the agency said.", None),
    # ... or months before the article's date.
    ("Clashes have forced 25,000 people from their homes since February, the agency said.", "2024-06-10"),
    # How many are away from home, not how many fled in the news.
    ("About 90,000 people remain displaced around Tamu, aid workers said on Monday.", "2024-06-10"),
])
def test_period_totals_are_background(gazetteer: Gazetteer, text: str, published: str | None) -> None:
    found = casualty_flags(gazetteer, text, published)
    assert found and all(cumulative for _, cumulative in found)


def test_the_year_of_an_aside_about_who_acted_makes_no_total(gazetteer: Gazetteer) -> None:
    text = "The militia, which seized Kutkai in 2023, shelled Tamu on Monday, killing 12 people."
    assert casualty_flags(gazetteer, text) == [(12, False)]


def test_a_period_since_a_month_this_month_is_the_current_news(gazetteer: Gazetteer) -> None:
    text = "Clashes have forced 25,000 people from their homes since June, the agency said."
    assert casualty_flags(gazetteer, text, "2024-06-20") == [(25_000, False)]


def doubts_of(gazetteer: Gazetteer, text: str, kind: str, published: str | None = "2024-06-10") -> list[tuple]:
    return [e.doubts for e in extract(article(text, published), gazetteer) if e.type == kind]


@pytest.mark.parametrize(("text", "kind", "words"), [
    ("The militia has already captured Kutkai and two nearby villages.", "territory_seized", "already"),
    ("The militia recently took full control of Kutkai, residents said.", "territory_seized",
     "recently"),
    ("Rebels, having captured Kutkai in the spring, pushed on towards the border.", "territory_seized", "having"),
    ("The raid came a month after the army shelled the market, killing 40 people.", "casualties",
     "a month after"),
    ("Fighting has spread since rebels seized Kyaukme, residents said on Friday.", "territory_seized", "since"),
    ("The town was in the news again, as the army recaptured Tamu last March.", "territory_seized", "last march"),
    # A month without a day sums up a period, even the article's own month: the day's news is told by its day.
    ("In June, the militia overran Kutkai and the villages around it.", "territory_seized", "in june"),
    ("By late May the rebels captured Kyaukme, the third town in a month.", "territory_seized", "by late may"),
    ("Rebels seized the town of Kutkai in May and have held it through the rains.", "territory_seized", "in may"),
    ("The shelling of the market came days after the army recaptured Kutkai.", "territory_seized", "days after"),
    # The event a comparison recalls: "the deadliest since 2019, when ...".
    ("The raid was the deadliest in Tamu since 2019, when troops killed 40 villagers.", "casualties",
     "since 2019, when"),
])
def test_a_fact_told_as_history_is_doubted(gazetteer: Gazetteer, text: str, kind: str, words: str) -> None:
    found = doubts_of(gazetteer, text, kind)
    assert found and all(any(words in doubt for doubt in doubts) for doubts in found), found
    # Told as history, the fact is history: it raises no alert, as a fact dated long before would not.
    assert all(e.historical for e in extract(article(text, "2024-06-10"), gazetteer) if e.type == kind)


@pytest.mark.parametrize(("text", "kind"), [
    ("The brigade said it had seized Kutkai on Sunday after a week of fighting.", "territory_seized"),
    ("Fighting since Monday has killed 30 soldiers near Tamu, the group said.", "casualties"),
    ("Thirty villagers were killed when troops raided Ywa Thit on Tuesday.", "casualties"),
    ("Earlier on Tuesday, rebels overran Kyaukme, residents said.", "territory_seized"),
    ("Earlier this week the militia captured Kutkai, a spokesman said.", "territory_seized"),
    ("The militia captured Kutkai on June 8, a spokesman said.", "territory_seized"),
    ("In June 8 fighting, the militia captured Kutkai.", "territory_seized"),
    # A month beside the day's news: the day tells when the fact happened.
    ("Talks broke down in May, and on Sunday the militia captured Kutkai.", "territory_seized"),
])
def test_news_of_the_day_is_not_doubted(gazetteer: Gazetteer, text: str, kind: str) -> None:
    assert doubts_of(gazetteer, text, kind) == [()]


def test_one_figure_for_the_dead_and_wounded_together_is_doubted(gazetteer: Gazetteer) -> None:
    # The figure of both ("killed and wounded scores more") is no death toll at all; the one beside it is doubted.
    text = "Government troops said on Monday they had killed 14 fighters in Tamu, and killed and wounded scores more."
    [doubts] = doubts_of(gazetteer, text, "casualties")
    assert doubts == ("one figure for the dead and the wounded, captured or missing together: 'killed and wounded'",)


@pytest.mark.parametrize(("text", "doubt"), [
    ("Resistance fighters captured TOC 3 near Tamu on Sunday.", "'TOC' is a unit's code or an acronym"),
    ("Jihadists overran the Chad army garrison near Bol on Sunday, officials said.", "'Chad' names whose army it is"),
    ("Fighters captured a police post outside Nam Hpat Kar village on Friday.",
     "'Nam Hpat Kar' is where the site taken stands"),
])
def test_a_seized_name_that_is_no_place_of_its_own_is_doubted(gazetteer: Gazetteer, text: str, doubt: str) -> None:
    found = doubts_of(gazetteer, text, "territory_seized")
    assert found and all(any(d.startswith(doubt) for d in doubts) for doubts in found), found


@pytest.mark.parametrize(("sentence", "doubted"), [
    ("Rebels also seized Moreh on Monday.", True),
    ("Across the border in India, rebels also seized Moreh on Monday.", False),
])
def test_a_place_outside_the_storys_country_is_doubted_unless_the_sentence_names_it(
        gazetteer: Gazetteer, sentence: str, doubted: bool) -> None:
    story = ("Resistance fighters captured Kutkai on Sunday. Fighting went on around Lashio and Hsipaw, "
             "and residents of Kyaukme fled. Some refugees crossed into India. ")
    [kutkai, moreh] = doubts_of(gazetteer, story + sentence, "territory_seized")
    assert kutkai == ()
    assert any("lies in India, outside the story's Myanmar" in d for d in moreh) == doubted, moreh


def test_killed_in_a_peoples_strikes_happened_where_the_strikes_fell(gazetteer: Gazetteer) -> None:
    [event] = [e for e in extract(article("Nine farmers died when Turkish artillery shelled orchards in "
                                          "northern Iraq on Monday."), gazetteer) if e.type == "casualties"]
    assert event.place is not None and event.place.country == "Iraq"


def test_a_date_marker_on_the_line_of_the_first_words_is_no_figure(gazetteer: Gazetteer) -> None:
    text = " date 2024-10-28 Farmer Killed in Junta Shelling of Tamu\n\nA farmer was killed when troops shelled Tamu."
    events = extract(article(text, None), gazetteer)
    assert [(e.type, getattr(e, "killed", None)) for e in events if e.type == "casualties"] == [("casualties", 1)]
    assert all("date 2024" not in e.evidence.sentence for e in events)


def test_a_comparison_with_the_past_does_not_date_the_news(gazetteer: Gazetteer) -> None:
    text = ("Helicopters struck a market in Tamu on Monday, killing at least 14 people, in the deadliest attack "
            "on the town since the army seized power last year, a trader said.")
    [event] = [e for e in extract(article(text, "2024-06-12"), gazetteer) if e.type == "casualties"]
    assert event.event_date is not None and event.event_date.isoformat() == "2024-06-10"
    assert event.is_incident


def test_an_undated_articles_news_is_as_recent_as_the_latest_day_it_writes(gazetteer: Gazetteer) -> None:
    text = ("Resistance forces captured Kutkai on 20 March after a week of fighting, the group said. "
            "The same forces had taken Hsipaw weeks before. They seized Kyaukme on 2 February, "
            "a spokesman said.")
    events = {e.place.name: e for e in extract(article(text, None, received=date(2024, 3, 25)), gazetteer)
              if e.type == "territory_seized" and e.place}
    assert events["Kutkai"].is_incident
    assert events["Kyaukme"].historical


@pytest.mark.parametrize(("text", "kind", "words"), [
    ("Drivers avoid the road to Tamu, held by a militia that has killed scores of traders.", "casualties",
     "told as what a group has done"),
    ("The militia, whose shelling of border towns has driven 40,000 people from Tamu, denies the charge.",
     "displacement", "told as what a group has done"),
    ("Clinics in Tamu took in the bodies of 52 people killed by shelling over the past 48 hours, doctors said.",
     "casualties", "a day's toll summed"),
])
def test_figures_and_seizures_that_are_no_incident_of_their_own_are_doubted(
        gazetteer: Gazetteer, text: str, kind: str, words: str) -> None:
    found = doubts_of(gazetteer, text, kind)
    assert found and all(any(d.startswith(words) for d in doubts) for doubts in found), found
    # A day's tally and a group's record are background: no incident, no alert.
    assert all(e.cumulative for e in extract(article(text), gazetteer) if e.type == kind)


@pytest.mark.parametrize("text", [
    # Reported speech writes the day's events in the past perfect.
    "The army said on Sunday that its troops had recaptured Kutkai after heavy fighting.",
    # A clause that writes out a day in the news window is news, though "since" opens it.
    "Three bases have fallen since rebels seized Kutkai on June 2, killing 12 soldiers.",
])
def test_a_fact_dated_or_reported_as_the_days_news_is_not_history(gazetteer: Gazetteer, text: str) -> None:
    found = [d for doubts in doubts_of(gazetteer, text, "territory_seized") for d in doubts]
    assert not [d for d in found if d.startswith("told as history")], found


@pytest.mark.parametrize("text", [
    "The loss of Kutkai on Monday hurts the officers who seized power in 2021, analysts said.",
    "Rebels overran Kutkai, weakening a junta that took power in a 2021 coup.",
])
def test_the_year_of_a_coup_does_not_date_the_news(gazetteer: Gazetteer, text: str) -> None:
    # The coup's year names who rules; the taking is the article's news, of its day.
    [event] = [e for e in extract(article(text, "2024-06-10"), gazetteer) if e.type == "territory_seized"]
    assert (str(event.event_date), event.historical) == ("2024-06-10", False)


def test_a_taking_the_sentence_disputes_is_sent_with_the_dispute_in_its_words(gazetteer: Gazetteer) -> None:
    text = "Rebels claimed to have seized Kutkai on Sunday, but the army said its troops still held the town."
    assert doubts_of(gazetteer, text, "territory_seized") == [()]


def test_goods_seized_in_a_raid_are_no_place_taken(gazetteer: Gazetteer) -> None:
    text = "Troops raided Tamu on Monday. Rebel camps were found during the search and rifles and mortars were seized."
    assert [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"] == []


@pytest.mark.parametrize(("text", "words"), [
    ("Yemeni officials said Houthi fighters had captured ground in the provinces of Al Bayda and Hajjah.",
     "is named as a province or region"),
    ("Officials called the capture of the high ground a turning point in a long war and said the army still held "
     "its positions in the hills around Kutkai.", "characters after the taking"),
])
def test_a_seized_name_that_is_an_area_or_said_far_from_the_taking_is_doubted(
        gazetteer: Gazetteer, text: str, words: str) -> None:
    found = [d for doubts in doubts_of(gazetteer, text, "territory_seized") for d in doubts]
    assert any(words in d for d in found), found


def test_rescuers_pulling_people_from_rubble_take_no_place(gazetteer: Gazetteer) -> None:
    text = "Rescuers pulled four bodies out of the ruins of a shop in Tamu after a strike."
    assert [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"] == []


def test_a_title_repeated_as_the_first_line_is_a_headline_told_again_by_the_body(gazetteer: Gazetteer) -> None:
    title = "Rebels kill 30 soldiers in fighting near Tamu"
    text = (f"{title}\n\nResistance fighters said they killed about 30 junta soldiers near Tamu on Monday. "
            "Two fighters were wounded, the group said.")
    events = [e for e in extract(article(text, title=title), gazetteer) if e.type == "casualties"]
    assert [(getattr(e, "killed", None), e.evidence.sentence.startswith("Resistance")) for e in events
            if getattr(e, "killed", None)] == [(30, True)]


def test_a_headline_gives_way_only_to_a_body_figure_that_is_news(gazetteer: Gazetteer) -> None:
    title = "Junta airstrike kills 25 villagers near Tamu"
    text = (f"{title}\n\nWarplanes struck the area near Tamu on Monday, residents said. "
            "Airstrikes have killed more than 3,000 civilians since the coup, a monitoring group says.")
    killed = sorted(getattr(e, "killed", 0) or 0 for e in extract(article(text, title=title), gazetteer)
                    if e.type == "casualties" and e.is_incident)
    assert killed == [25]


@pytest.mark.parametrize(("text", "places"), [
    ("Kutkai fell on Sunday after the garrison surrendered, residents said.", ["Kutkai"]),
    ("The town of Kutkai has fallen, the rebels said.", ["Kutkai"]),
    ("M23 rebels rolled into Goma in eastern DR Congo on Monday.", ["Goma"]),
    # Reaching a city's heart is taking it, and a people's name before "city of" is not the city.
    ("The rebels pushed into the centre of the Sudanese city of El Obeid on Friday.", ["El Obeid"]),
    ("Troops marched into Kalungu in DR Congo at dawn.", ["Kalungu"]),
    # A possessive before the post taken: "the army's main base in X".
    ("The paramilitaries said on Thursday they had taken the army's main base in Nyala, in Sudan.", ["Nyala"]),
    # Driving an armed force out takes the place; a place "came under" a side's control was taken by it.
    ("Government troops drove the rebels out of Kalungu in DR Congo on Sunday.", ["Kalungu"]),
    ("The town of Kutkai came under rebel control on Sunday, residents said.", ["Kutkai"]),
    ("The KIA consolidated control of Kutkai on Sunday, the group said.", ["Kutkai"]),
    ("The rebels captured three provincial capitals: Kandahar, Herat and Lashkar Gah in Afghanistan on Friday.",
     ["Kandahar", "Herat", "Lashkar Gah"]),
    ("Insurgents seized two district towns on Sunday: Kunduz and Taloqan, officials in Afghanistan said.",
     ["Kunduz", "Taloqan"]),
    ("Taliban fighters seized two more provincial capitals, Kunduz and Sar-e Pul, in Afghanistan on Sunday.",
     ["Kunduz", "Sar-e Pul"]),
    ("The loss of Kutkai left the garrison cut off, analysts said.", ["Kutkai"]),
    ("Kutkai became the first town to fall to the rebels, who attacked on Monday.", ["Kutkai"]),
    # Named as a hamlet, Ywa Thit is one, not the town of Ywarthit that its spelling is close to.
    ("Troops retook hamlets such as Ywa Thit, Hsipaw and Kyaukme on Sunday.",
     ["Ywa Thit", "Hsipaw", "Kyaukme"]),
    # Names no gazetteer knows, listed with one noun for them all; the list ends where its names stop.
    ("The army regained control of villages such as Kiruma, Lubero, and Bitonga in Masisi territory, midway "
     "between Goma and Sake.", ["Kiruma", "Lubero", "Bitonga"]),
    ("On Friday the rebels took control of the Wadi, Sarim and Qatn districts in Hadramawt and the Nahm and Sirwah "
     "districts in Jawf, officials in Yemen said.", ["Wadi", "Sarim", "Qatn", "Nahm", "Sirwah"]),
    # Not seizures.
    ("The loss of life in Kutkai was heavy.", []),
    ("Bombs fell on Kutkai on Sunday.", []),
    ("Kutkai fell silent after the shelling.", []),
    ("Prices in Kutkai fell sharply.", []),
    ("The rebels advanced into the outskirts of Kutkai overnight.", []),
    ("Shelling forced 5,000 people out of Kutkai on Monday.", []),
    ("The rebels captured three soldiers and two trucks near Kutkai.", []),
])
def test_seizures_told_by_a_fall_an_entry_a_consolidation_or_a_counted_list(
        gazetteer: Gazetteer, text: str, places: list[str]) -> None:
    found = [e.place.name for e in extract(article(text), gazetteer) if e.type == "territory_seized" and e.place]
    assert found == places


@pytest.mark.parametrize(("text", "words"), [
    ("Aid groups count 60,000 uprooted across Chin State and Sagaing Region this year.",
     "a total over several states or regions"),
    ("Over 2 million Sudanese have fled their homes inside Sudan, the agency said on Monday.",
     "flight placed in no state, region or town"),
])
def test_displacement_totals_over_regions_or_a_country_are_doubted(gazetteer: Gazetteer, text: str,
                                                                   words: str) -> None:
    found = [d for doubts in doubts_of(gazetteer, text, "displacement") for d in doubts]
    assert any(d.startswith(words) for d in found), found


def test_flight_from_one_town_in_a_sentence_naming_two_states_is_not_doubted(gazetteer: Gazetteer) -> None:
    text = "Between Chin State and Sagaing Region, 20,000 people fled Kale township on Monday."
    assert doubts_of(gazetteer, text, "displacement") == [()]


def test_people_already_sheltering_in_camps_are_background(gazetteer: Gazetteer) -> None:
    text = "The shells hit a camp near Tamu where some 2,500 villagers were already sheltering, a nurse said."
    assert all(e.cumulative for e in extract(article(text), gazetteer) if e.type == "displacement")


def test_people_left_homeless_are_displaced(gazetteer: Gazetteer) -> None:
    text = "In Kutkai, some 9,000 people have been made homeless since the shelling began on June 2."
    [event] = [e for e in extract(article(text, "2024-06-20"), gazetteer) if e.type == "displacement"]
    assert event.displaced == 9_000 and event.is_incident


def test_the_start_of_a_period_does_not_date_what_happened_in_it(gazetteer: Gazetteer) -> None:
    started = "Since the offensive began on June 2, fighting around Kutkai has killed 40 soldiers."
    [event] = [e for e in extract(article(started, "2024-06-20"), gazetteer) if e.type == "casualties"]
    assert event.event_date == date(2024, 6, 20) and event.is_incident
    # A clause that tells its own fact keeps its date.
    own = "Two bases fell since the army shelled Ywa Thit near Kutkai on June 9, killing 29 villagers."
    [event] = [e for e in extract(article(own, "2024-06-20"), gazetteer) if e.type == "casualties"]
    assert event.event_date == date(2024, 6, 9)


def test_links_to_other_stories_are_not_this_storys_news(gazetteer: Gazetteer) -> None:
    text = ("Troops shelled villages near Tamu on Monday, residents said.\n\nRELATED STORIES\n\n"
            "Rebels seize police station in Kutkai\n\nArmy pushes to retake towns in the north\n\n\n"
            "Some of the residents fled across the border on Monday.\n"
            "READ MORE: Militia takes Hsipaw after a week of fighting\nThe shelling went on overnight.")
    assert [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"] == []


def test_a_vague_headline_figure_passes_on_who_died_to_the_body_figure(gazetteer: Gazetteer) -> None:
    title = "Jets bomb market near Tamu, killing dozens including soldiers and villagers"
    text = f"{title}\n\nAt least 50 people were killed when jets bombed a market near Tamu on Monday, residents said."
    [event] = [e for e in extract(article(text, title=title), gazetteer) if e.type == "casualties"]
    assert (event.killed, event.side) == (50, "mixed")


def test_a_fact_told_twice_keeps_the_words_of_the_report_it_keeps(gazetteer: Gazetteer) -> None:
    text = ("Officials said the capture of Kutkai on Monday was a heavy blow to the garrison in the hills. "
            "Rebel fighters captured Kutkai on Monday after a week of fighting, residents said.")
    [event] = [e for e in extract(article(text), gazetteer) if e.type == "territory_seized"]
    assert (event.evidence.trigger, event.side) == ("capture of", "resistance")


@pytest.mark.parametrize(("text", "place"), [
    # The place fled is named after the verb of flight, known to a gazetteer or not.
    ("Nearly 20,000 people fled Kalungu in DR Congo on Wednesday as the rebels advanced.", "Kalungu"),
    ("More than 8,000 people have fled from Kutkai since Friday, aid workers said.", "Kutkai"),
    # A group fled is no place: the flight stays where the sentence places it.
    ("About 15,000 people fled Boko Haram attacks in Borno state, Nigeria, on Monday.", "Borno"),
])
def test_the_place_fled_is_named_after_the_verb_of_flight(gazetteer: Gazetteer, text: str, place: str) -> None:
    [event] = [e for e in extract(article(text, "2025-03-10"), gazetteer) if e.type == "displacement"]
    assert event.place is not None and event.place.name == place


@pytest.mark.parametrize(("text", "tolls"), [
    # Voices telling one toll: the largest account stands, not their sum.
    ("Dozens were killed in clashes near Tamu on Tuesday, residents said. One villager said he had counted 34 "
     "bodies. Another said at least 40 people had died.", [40]),
    # Words that add victims tell new dead.
    ("Twelve villagers were killed in Tamu on Monday. Four more villagers were killed, residents said.", [12, 4]),
])
def test_accounts_of_one_toll_by_other_voices_are_not_added_up(gazetteer: Gazetteer, text: str,
                                                                 tolls: list[int]) -> None:
    found = [e.killed for e in extract(article(text, "2025-03-10"), gazetteer) if e.type == "casualties" and e.killed]
    assert found == tolls
