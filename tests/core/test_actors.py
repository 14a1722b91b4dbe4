"""The actor registry: named groups from YAML over the role words, extendable by operators."""

import pytest

from stream.core.extract import extract
from stream.core.extract.actors import ROLE_WORDS, Actor, Actors
from stream.core.extract.registry import parse_actors, registry
from stream.core.lexicon import sections
from stream.core.places import Gazetteer
from stream.errors import RulesError
from stream.reference.actors import load_actors
from tests.builders import article


@pytest.mark.parametrize(("phrase", "side", "name"), [
    ("the SAC", "military", "Tatmadaw"),
    ("KIA officers", "resistance", "Kachin Independence Army"),
    ("fighters of the Rapid Support Forces", "resistance", "Rapid Support Forces"),
    ("M23 rebels", "resistance", "M23"),
    ("HTS", "resistance", "Hayat Tahrir al-Sham"),
])
def test_shipped_registry_names_groups_and_sides(phrase: str, side: str, name: str) -> None:
    actors = load_actors()
    actor = actors.actor_in(phrase)
    assert actors.side_of(phrase) == side and actor is not None and actor.name == name


def test_every_name_of_every_shipped_group_is_found() -> None:
    # Only groups whose first word stands in a phrase are searched: every alias must still be found.
    actors = load_actors()
    for actor in actors.named:
        for name in (actor.name, *actor.aliases):
            for phrase in (name, f"fighters of the {name} said", f"({name})-led forces"):
                assert actors.actor_in(phrase) is not None, phrase
                assert actors.side_of(phrase) is not None, phrase


def test_the_first_group_in_registry_order_gives_the_side() -> None:
    actors = load_actors()
    assert actors.side_of("KIA and junta troops") == "resistance"
    assert actors.sides_in("KIA and junta troops") == {"resistance", "military"}


def test_acronyms_match_in_capitals_only() -> None:
    actors = load_actors()
    assert actors.actor_in("the AA said") is not None
    assert actors.actor_in("a visa application") is None


def test_an_operator_file_adds_and_replaces_entries(tmp_path) -> None:
    extra = tmp_path / "desk.yaml"
    extra.write_text("actors:\n"
                     "  - {name: Tatmadaw, side: military, aliases: [Sit-Tat]}\n"
                     "  - {name: Zomi Revolutionary Army, side: resistance, aliases: [ZRA]}\n")
    actors = load_actors((extra,))
    assert actors.side_of("the ZRA") == "resistance" and actors.side_of("Sit-Tat troops") == "military"
    # The replaced Tatmadaw entry keeps only the operator's aliases.
    assert actors.actor_in("the SAC") is None


def test_seizures_record_the_registry_name(gazetteer: Gazetteer) -> None:
    [event] = extract(article("The TNLA seized Kutkai on Monday.", "2024-03-08"), gazetteer, load_actors())
    assert (event.type, event.side, event.by) == ("territory_seized", "resistance", "Ta'ang National Liberation Army")


def test_later_layers_win() -> None:
    first = [Actor("Group X", "resistance", ("GX",))]
    second = [Actor("Group X", "military", ("GX",))]
    assert registry(first, second).side_of("GX patrols") == "military"
    assert ROLE_WORDS.side_of("GX patrols") is None


def test_bad_entries_are_reported_with_file_line_and_fix() -> None:
    text = ("actors:\n"
            "  - {name: Good, side: resistance}\n"
            "  - {name: Bad, side: rebels}\n"
            "  - {name: Worse, side: military, alias: [W]}\n")
    with pytest.raises(RulesError) as caught:
        parse_actors(text, "desk.yaml")
    assert caught.value.problems == [
        "desk.yaml:3:5: actors[1].side: 'rebels' is not a side; use one of military, police, resistance, civilian, "
        "mixed, unknown",
        "desk.yaml:4:5: actors[2].alias: unknown key; use one of aliases, country, name, side",
    ]


@pytest.fixture(scope="module")
def shipped() -> Actors:
    return load_actors()


# One or more groups of each conflict the registry covers: the name the news uses, its side and the
# registry's name for it. Sentences and phrases written for these tests.
@pytest.mark.parametrize(("phrase", "side", "name"), [
    # Myanmar
    ("Sit-Tat columns", "military", "Tatmadaw"),
    ("SSPP troops", "resistance", "Shan State Progress Party"),
    ("RCSS fighters", "resistance", "Restoration Council of Shan State"),
    ("PNLO fighters", "resistance", "Pa-O National Liberation Army"),
    ("Pyu Saw Htee members", "military", "Pyu Saw Htee"),
    ("Karenni Nationalities Defense Force fighters", "resistance", "Karenni Nationalities Defence Force"),
    # Sudan and South Sudan
    ("the Sudanese military", "military", "Sudanese Armed Forces"),
    ("RSF paramilitaries", "resistance", "Rapid Support Forces"),
    ("JEM fighters", "resistance", "Justice and Equality Movement"),
    ("SSPDF soldiers", "military", "South Sudan People's Defence Forces"),
    ("the South Sudan People's Defence Forces", "military", "South Sudan People's Defence Forces"),
    ("SPLA-IO forces", "resistance", "SPLA-IO"),
    ("the White Army", "resistance", "White Army"),
    # DR Congo
    ("FARDC soldiers", "military", "FARDC"),
    ("AFC/M23 rebels", "resistance", "M23"),
    ("ADF militants", "resistance", "Allied Democratic Forces"),
    ("Mai-Mai fighters", "resistance", "Mai-Mai"),
    ("Ugandan troops", "military", "Uganda People's Defence Force"),
    # The Sahel
    ("FAMa", "military", "Malian Armed Forces"),
    ("JNIM militants", "resistance", "JNIM"),
    ("IS Sahel fighters", "resistance", "Islamic State Sahel Province"),
    ("Africa Corps instructors", "military", "Wagner Group"),
    ("Burkinabe soldiers", "military", "Burkina Faso Armed Forces"),
    ("Nigerien troops", "military", "Nigerien Armed Forces"),
    # Nigeria and Lake Chad
    ("Nigerian troops", "military", "Nigerian Army"),
    ("ISWAP fighters", "resistance", "Islamic State West Africa Province"),
    ("Boko Haram insurgents", "resistance", "Boko Haram"),
    ("Civilian JTF volunteers", "military", "Civilian Joint Task Force"),
    ("Nigerian police", "police", "Nigeria Police Force"),
    # Cameroon
    ("Amba Boys", "resistance", "Ambazonian separatists"),
    ("BIR soldiers", "military", "Cameroonian Armed Forces"),
    ("Cameroonian gendarmes", "police", "Cameroonian gendarmerie"),
    # Somalia
    ("al-Shabaab militants", "resistance", "al-Shabab"),
    ("Danab commandos", "military", "Somali National Army"),
    ("AUSSOM troops", "military", "African Union mission in Somalia"),
    ("Kenya Defence Forces", "military", "Kenya Defence Forces"),
    # Ethiopia
    ("ENDF units", "military", "Ethiopian National Defense Force"),
    ("Fano militiamen", "resistance", "Fano"),
    ("OLA fighters", "resistance", "Oromo Liberation Army"),
    ("Tigrayan forces", "resistance", "Tigray Defence Forces"),
    ("Eritrean troops", "military", "Eritrean Defence Forces"),
    # Mozambique
    ("ISMP fighters", "resistance", "Ansar al-Sunna"),
    ("ISCAP militants", "resistance", "Islamic State Central Africa Province"),
    ("Mozambican soldiers", "military", "Mozambique Armed Defence Forces"),
    ("Rwandan forces", "military", "Rwanda Defence Force"),
    # Ukraine and Russia
    ("Ukrainian forces", "military", "Armed Forces of Ukraine"),
    ("Territorial Defence Forces", "military", "Armed Forces of Ukraine"),
    ("Russian troops", "military", "Russian Armed Forces"),
    ("Rosgvardia officers", "police", "Rosgvardia"),
    ("North Korean troops", "military", "Korean People's Army"),
    # Haiti
    ("Viv Ansanm gang members", "resistance", "Viv Ansanm"),
    ("400 Mawozo gangsters", "resistance", "400 Mawozo"),
    ("Haitian police", "police", "Haitian National Police"),
    ("the Gang Suppression Force", "police", "Kenyan-led mission"),
    # Colombia
    ("ELN guerrillas", "resistance", "National Liberation Army"),
    ("EMC dissidents", "resistance", "FARC dissidents"),
    ("Clan del Golfo gunmen", "resistance", "Gulf Clan"),
    ("Colombian soldiers", "military", "Colombian military"),
    # Mexico
    ("CJNG gunmen", "resistance", "Jalisco New Generation Cartel"),
    ("Sinaloa Cartel hitmen", "resistance", "Sinaloa Cartel"),
    ("Mexican marines", "military", "Mexican Armed Forces"),
    # Afghanistan and Pakistan
    ("Taliban forces", "military", "Afghan Taliban"),
    ("ISIS-K", "resistance", "Islamic State Khorasan Province"),
    ("NRF fighters", "resistance", "National Resistance Front"),
    ("TTP militants", "resistance", "Tehrik-i-Taliban Pakistan"),
    ("the Pakistani Taliban", "resistance", "Tehrik-i-Taliban Pakistan"),
    ("BLA fighters", "resistance", "Balochistan Liberation Army"),
    ("Frontier Corps personnel", "military", "Pakistan Armed Forces"),
    ("Counter Terrorism Department officials", "police", "Pakistani police"),
    # Syria and Iraq
    ("SDF fighters", "resistance", "Syrian Democratic Forces"),
    ("YPG", "resistance", "People's Protection Units"),
    ("Syrian army", "military", "Syrian Arab Army"),
    ("Turkish troops", "military", "Turkish Armed Forces"),
    ("PMF brigades", "military", "Popular Mobilization Forces"),
    ("Kataib Hezbollah", "resistance", "Kataib Hezbollah"),
    ("Iraqi troops", "military", "Iraqi Security Forces"),
    # Yemen
    ("Houthi fighters", "resistance", "Houthis"),
    ("AQAP militants", "resistance", "al-Qaeda in the Arabian Peninsula"),
    ("Yemeni government forces", "military", "Yemeni government forces"),
    # Lebanon, Israel and Gaza
    ("Hezbollah fighters", "resistance", "Hezbollah"),
    ("Lebanese soldiers", "military", "Lebanese Armed Forces"),
    ("IDF troops", "military", "Israel Defense Forces"),
    ("the Israel Defence Forces", "military", "Israel Defense Forces"),
    ("Israeli troops", "military", "Israel Defense Forces"),
    ("al-Qassam Brigades fighters", "resistance", "Hamas"),
    ("Islamic Jihad militants", "resistance", "Palestinian Islamic Jihad"),
    # Philippines
    ("NPA rebels", "resistance", "New People's Army"),
    ("Abu Sayyaf bandits", "resistance", "Abu Sayyaf"),
    ("BIFF gunmen", "resistance", "Bangsamoro Islamic Freedom Fighters"),
    ("Philippine Army soldiers", "military", "Armed Forces of the Philippines"),
    ("PNP officers", "police", "Philippine National Police"),
    # India
    ("CPI (Maoist) cadres", "resistance", "Communist Party of India (Maoist)"),
    ("Maoists", "resistance", "Communist Party of India (Maoist)"),
    ("CRPF personnel", "police", "Central Reserve Police Force"),
    ("Indian Army", "military", "Indian Armed Forces"),
    # Thailand
    ("BRN insurgents", "resistance", "Barisan Revolusi Nasional"),
    ("Thai rangers", "military", "Royal Thai Armed Forces"),
    ("Royal Thai Police", "police", "Royal Thai Police"),
    ("Cambodian troops", "military", "Royal Cambodian Armed Forces"),
    # A province's name is read before the group's.
    ("Islamic State West Africa Province fighters", "resistance", "Islamic State West Africa Province"),
    ("al-Qaeda in the Arabian Peninsula", "resistance", "al-Qaeda in the Arabian Peninsula"),
    ("Islamic State fighters", "resistance", "Islamic State"),
])
def test_the_registry_covers_each_conflict(shipped: Actors, phrase: str, side: str, name: str) -> None:
    actors = shipped
    actor = actors.actor_in(phrase)
    assert actor is not None and actor.name == name, phrase
    assert actors.side_of(phrase) == side, phrase


def test_every_name_is_read_whole_as_its_own_group(shipped: Actors) -> None:
    # A name that holds another's ("Uganda People's Defence Force", "Free Syrian Army", "IS Sahel") is read as
    # itself by every reading: the first group named, the side nearest a figure, every side a phrase names.
    for actor in shipped.named:
        for name in (actor.name, *actor.aliases):
            found = shipped.actor_in(name)
            assert found is not None and found.name == actor.name, name
            assert shipped.nearest_side(name) == actor.side, name
            assert shipped.sides_in(name) == {actor.side}, name


def test_a_bare_taliban_is_read_by_the_words_beside_it(shipped: Actors) -> None:
    # The Taliban govern Afghanistan since 2021: their forces are the state's, their fighters were insurgents.
    actors = shipped
    assert actors.actor_in("Taliban fighters") is None and actors.side_of("Taliban fighters") == "resistance"


def test_gendarmes_are_police() -> None:
    assert ROLE_WORDS.side_of("seven gendarmes") == "police"


@pytest.mark.parametrize(("text", "killed", "side", "killer", "killer_side"), [
    ("RSF fighters killed 12 villagers near Tawila on Monday.", 12, "civilian", "RSF fighters", "resistance"),
    ("FARDC soldiers killed nine near Rutshuru on Tuesday.", 9, "resistance", "FARDC soldiers", "military"),
    ("Houthi fighters killed four Yemeni soldiers near Marib on Sunday.", 4, "military", "Houthi fighters",
     "resistance"),
    ("ISWAP fighters killed 17 in an attack on a base near Monguno on Friday.", 17, "military", "ISWAP fighters",
     "resistance"),
    ("Gunmen shot dead five gendarmes at a checkpoint near Djibo on Thursday.", 5, "police", "Gunmen", "resistance"),
    ("Russian troops killed three Ukrainian soldiers near Pokrovsk on Saturday.", 3, "military", "Russian troops",
     "military"),
])
def test_named_killers_and_victims_get_their_sides(gazetteer: Gazetteer, shipped: Actors, text: str, killed: int,
                                                   side: str, killer: str, killer_side: str) -> None:
    actors = shipped
    events = [e for e in extract(article(text), gazetteer, actors) if e.type == "casualties" and e.killed]
    assert [(e.killed, e.side) for e in events] == [(killed, side)]
    assert actors.side_of(killer) == killer_side


@pytest.mark.parametrize(("text", "side", "by"), [
    ("The SPLA-IO seized the town of Nasir in South Sudan on Friday.", "resistance", "SPLA-IO"),
    ("JNIM fighters seized the town of Boulkessi in Mali on Monday.", "resistance", "JNIM"),
    ("Russian forces captured Avdiivka in Ukraine on Saturday.", "military", "Russian Armed Forces"),
    ("The Israel Defense Forces took control of the city of Rafah in Gaza on Tuesday.", "military",
     "Israel Defense Forces"),
])
def test_seizures_by_groups_of_other_wars(gazetteer: Gazetteer, shipped: Actors, text: str, side: str,
                                          by: str) -> None:
    [event] = [e for e in extract(article(text), gazetteer, shipped) if e.type == "territory_seized"]
    assert (event.side, event.by) == (side, by)


@pytest.mark.parametrize("text", [
    "Is it true that the band will play at the stadium on Friday?",
    "Ana and her brother Nas are fans of the local team, and Bir is their coach.",
    "A shabby van carried the fans along the Sea of Azov and the Black Sea coast.",
    "Students at the academy read about Wagnerian operas and filled in a visa application.",
    "The farmers said the harvest was good, the market in the gulf town was busy and the water is safe.",
    "Let the family dine at the cafe; the minister spoke about the budget, the economy and new roads.",
    "The army of volunteers from the white house on the hill cleaned the front of the national museum.",
])
def test_no_entry_fires_on_ordinary_words(shipped: Actors, text: str) -> None:
    assert shipped.actor_in(text) is None


def test_no_name_that_matches_in_any_case_is_a_word_of_the_lexicon(shipped: Actors) -> None:
    # Names other than acronyms match in any case: none may be one of the words the extractor reads as grammar,
    # unless it is a role word of the same side ("Tatmadaw").
    roles = {word: side for side, entries in sections("roles") for word, _ in entries}
    grammar = {word for name in ("casualties", "territory", "displacement", "numbers", "time")
               for _, entries in sections(name) for word, _ in entries}
    for actor in shipped.named:
        for name in (actor.name, *actor.aliases):
            if not name.isupper():
                assert name.lower() not in grammar and roles.get(name.lower(), actor.side) == actor.side, name
