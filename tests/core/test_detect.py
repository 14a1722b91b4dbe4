"""Detectors as pure folds: control changes, thresholds and windows over event time."""

from stream.core.detect import run
from stream.core.records import Alert, Corroboration, Place
from stream.core.rules.load import load_rules
from tests.builders import KAWLIN, LOIKAW, displaced, killed, seized

CONTROL = "rules:\n  - {id: seized, kind: control_change, title: '{place} taken by {side}'%s}\n"
THRESHOLD = ("rules:\n  - {id: disp, kind: threshold, title: '{value} fled {place}', field: displaced,"
             " threshold: 10000, realert: 3d%s}\n")
WINDOW = ("rules:\n  - {id: deaths, kind: window_sum, title: '{value} killed in {admin1} {window_start}',"
          " field: killed, threshold: 10, group_by: [admin1], window: 1d}\n")


def alerts(outputs: list) -> list[Alert]:
    return [o for o in outputs if isinstance(o, Alert)]


def test_first_seizure_alerts_and_later_reports_corroborate() -> None:
    out = run(load_rules(CONTROL % ""), [
        seized("a1", "2023-11-06"), seized("a2", "2023-11-07", source="Outlet B"),
        seized("a3", "2023-11-07", side="unknown")])
    [alert] = alerts(out)
    assert alert.title == "Kawlin taken by resistance"
    assert [o.alert_id for o in out if isinstance(o, Corroboration)] == [alert.id, alert.id]


def test_a_recapture_is_a_new_alert_and_its_return_another() -> None:
    out = run(load_rules(CONTROL % ""), [
        seized("a1", "2023-11-06"), seized("a2", "2023-12-01", side="military"),
        seized("a3", "2024-01-10", side="resistance")])
    assert [a.title for a in alerts(out)] == [
        "Kawlin taken by resistance", "Kawlin taken by military", "Kawlin taken by resistance"]
    assert len({a.id for a in alerts(out)}) == 3


def test_background_and_hypothetical_seizures_do_not_alert() -> None:
    out = run(load_rules(CONTROL % ""), [seized("a1", "2023-11-06", hypothetical=True),
                                         seized("a2", "2023-11-06", negated=True),
                                         seized("a3", "2023-11-06", historical=True)])
    assert out == []


def test_deaths_placed_only_in_a_country_are_summed_under_the_country() -> None:
    niger = Place(name="Niger", country="Niger", precision="country")
    [alert] = alerts(run(load_rules(WINDOW), [killed("a1", "2023-09-28", 12, place=niger)]))
    assert alert.title == "12 killed in Niger 2023-09-28"
    assert alert.place is not None and (alert.place.name, alert.place.precision) == ("Niger", "country")


def test_deaths_at_a_name_no_gazetteer_knows_in_no_country_are_summed_under_the_name() -> None:
    ginchi = Place(name="Ginchi", precision="town")
    [alert] = alerts(run(load_rules(WINDOW), [killed("a1", "2023-09-28", 12, place=ginchi)]))
    assert alert.title == "12 killed in Ginchi 2023-09-28"
    assert alert.place == ginchi
    # Two such names are two groups.
    other = Place(name="Dera", precision="town")
    assert alerts(run(load_rules(WINDOW), [killed("a1", "2023-09-28", 7, place=ginchi),
                                           killed("a2", "2023-09-28", 5, place=other)])) == []


def test_min_sources_waits_for_independent_outlets() -> None:
    rules = load_rules(CONTROL % ", min_sources: 2")
    one_outlet = run(rules, [seized("a1", "2023-11-06", source="X"), seized("a2", "2023-11-06", source="X")])
    assert alerts(one_outlet) == []
    [alert] = alerts(run(rules, [seized("a1", "2023-11-06", source="X"), seized("a2", "2023-11-06", source="Y")]))
    assert [s.article_id for s in alert.sources] == ["a1", "a2"]


def test_threshold_alerts_at_the_bound_and_corroborates_within_realert() -> None:
    out = run(load_rules(THRESHOLD % ""), [
        displaced("a1", "2023-11-06", 9_999), displaced("a2", "2023-11-06", 30_000),
        displaced("a3", "2023-11-08", 33_000), displaced("a4", "2023-11-20", 12_000),
        displaced("a5", "2023-11-20", 15_000, place=LOIKAW)])
    assert [a.title for a in alerts(out)] == ["30,000 fled Kawlin", "12,000 fled Kawlin", "15,000 fled Loikaw"]
    [update] = [o for o in out if isinstance(o, Corroboration)]
    assert update.figures == {"displaced": 33_000}


def test_cumulative_figures_never_cross_a_threshold() -> None:
    assert run(load_rules(THRESHOLD % ""), [displaced("a1", "2023-11-06", 200_000, cumulative=True)]) == []


def test_window_sums_per_region_and_day_of_event_time() -> None:
    out = run(load_rules(WINDOW), [
        killed("a1", "2023-11-06", 6), killed("a2", "2023-11-07", 6),  # two days: 6 and 6
        killed("a3", "2023-11-07", 4, side="resistance"),                # day 2 reaches 10
        killed("a4", "2023-11-07", 5, place=LOIKAW),                     # another region
        killed("a5", "2023-11-07", 3, side="civilian")])                 # day 2 grows to 13
    [alert] = alerts(out)
    assert alert.title == "10 killed in Sagaing 2023-11-07"
    assert alert.place is not None and alert.place.name == "Sagaing" and alert.place.precision == "admin1"
    [update] = [o for o in out if isinstance(o, Corroboration)]
    assert update.figures == {"killed": 13}


def test_the_same_incident_from_two_outlets_counts_once_in_a_window() -> None:
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 6, source="X"),
                                   killed("a2", "2023-11-07", 6, source="Y")])
    assert alerts(out) == [] and len(out) == 0


def test_one_incident_told_once_at_its_town_and_once_only_at_its_region_counts_once() -> None:
    sagaing = Place(name="Sagaing", admin1="Sagaing", country="Myanmar", precision="admin1")
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 12, source="X"),
                                   killed("a2", "2023-11-07", 12, place=sagaing, source="Y")])
    [alert] = alerts(out)
    assert alert.figures == {"killed": 12}
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 12}]
    # Another figure, or another side, is another incident: the region's report adds to the town's.
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 12, source="X"),
                                   killed("a2", "2023-11-07", 5, place=sagaing, source="Y")])
    assert [a.figures for a in alerts(out)] == [{"killed": 12}]
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 17}]


def test_outlets_counting_one_incident_differently_raise_its_largest_count_not_their_sum() -> None:
    sagaing = Place(name="Sagaing", admin1="Sagaing", country="Myanmar", precision="admin1")
    kani = Place(name="Kani", admin1="Sagaing", country="Myanmar", precision="township")
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 21, source="X"),
                                   killed("a2", "2023-11-07", 20, place=sagaing, source="Y"),
                                   killed("a3", "2023-11-07", 24, place=kani, source="Z")])
    [alert] = alerts(out)
    assert alert.figures == {"killed": 21}
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 21}, {"killed": 24}]
    # A first count and the toll it rose to, told by two outlets.
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 34, source="X"),
                                   killed("a2", "2023-11-07", 47, place=kani, source="Y", side="unknown")])
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 47}]
    # Figures far apart, or small, or of one outlet, are separate incidents: they add up.
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 12, source="X"),
                                   killed("a2", "2023-11-07", 6, place=kani, source="Y")])
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 18}]
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 4, source="X"),
                                   killed("a2", "2023-11-07", 4, place=kani, source="Y"),
                                   killed("a3", "2023-11-07", 3, place=sagaing, source="Z")])
    assert [a.figures for a in alerts(out)] == [{"killed": 11}]
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 8, n=0), killed("a1", "2023-11-07", 7, place=kani, n=1)])
    assert [a.figures for a in alerts(out)] == [{"killed": 15}]


def test_two_outlets_counts_at_one_village_are_one_toll_though_far_apart() -> None:
    # "Between 15 and 20" on the day after, "the toll rose to 23" later: one village's toll, counted at its largest.
    kani = Place(name="Kani", admin1="Sagaing", country="Myanmar", precision="township")
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 15, place=kani, source="X"),
                                   killed("a2", "2023-11-07", 23, place=kani, source="Y")])
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 23}]
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 7, place=kani, source="X"),
                                   killed("a2", "2023-11-07", 19, place=kani, source="Y")])
    assert [a.figures for a in alerts(out)] == [{"killed": 19}]
    # Told at the region, or at two places, they stay apart below two thirds of each other.
    sagaing = Place(name="Sagaing", admin1="Sagaing", country="Myanmar", precision="admin1")
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 15, place=kani, source="X"),
                                   killed("a2", "2023-11-07", 23, place=sagaing, source="Y")])
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 38}]


def test_outlets_counts_of_one_incident_add_up_the_same_in_any_order() -> None:
    # 5 and 7 are one incident's counts, 7 and 10 too: linked as a whole, the three are one incident of 10, however a
    # worker or a replay meets them.
    kani = Place(name="Kani", admin1="Sagaing", country="Myanmar", precision="township")
    reports = [killed("a1", "2023-11-07", 5, source="X"), killed("a2", "2023-11-07", 7, place=kani, source="Y"),
               killed("a3", "2023-11-07", 10, source="Z"), killed("a4", "2023-11-07", 3, place=kani, source="W")]
    finals = set()
    for order in ([0, 1, 2, 3], [2, 0, 3, 1], [3, 2, 1, 0], [1, 3, 0, 2]):
        out = run(load_rules(WINDOW), [reports[i] for i in order])
        figures = [a.figures for a in alerts(out)] + [o.figures for o in out if isinstance(o, Corroboration)]
        finals.add(figures[-1]["killed"])
    assert finals == {13}


def test_alert_ids_do_not_depend_on_anything_but_rule_and_key() -> None:
    rules = load_rules(CONTROL % "")
    first = alerts(run(rules, [seized("a1", "2023-11-06")]))
    again = alerts(run(rules, [seized("a9", "2023-11-06", n=4)]))
    assert first[0].id == again[0].id


def test_rule_filters_by_admin1() -> None:
    rules = load_rules("rules:\n  - {id: s, kind: control_change, title: t, match: {admin1: Kayah}}\n")
    assert alerts(run(rules, [seized("a1", "2023-11-06", place=KAWLIN)])) == []
    assert len(alerts(run(rules, [seized("a1", "2023-11-06", place=LOIKAW)]))) == 1


def test_state_folded_under_other_rules_keeps_only_what_the_same_rule_version_folded() -> None:
    from stream.core.detect import Detection

    both = load_rules("rules:\n"
                      "  - {id: seized, kind: control_change, title: '{place} taken'}\n"
                      "  - {id: disp, kind: threshold, title: '{value} fled', field: displaced, threshold: 500}\n")
    before = Detection(both)
    state, _ = before.step(before.initial(), seized("a1", "2024-01-05"))
    # The seizure rule is unchanged, the threshold is a new version, and a third rule is new.
    after = Detection(load_rules(
        "rules:\n"
        "  - {id: seized, kind: control_change, title: '{place} taken'}\n"
        "  - {id: disp, kind: threshold, title: '{value} fled', field: displaced, threshold: 900}\n"
        "  - {id: deaths, kind: threshold, title: '{value} killed', field: killed, threshold: 5}\n"))
    adopted = after.adopt(state)
    assert after.by_rule(adopted)["seized"] is before.by_rule(state)["seized"]
    assert after.by_rule(adopted)["disp"] == after.by_rule(after.initial())["disp"]
    assert len(adopted) == 3
    _, again = after.step(adopted, seized("a2", "2024-01-06", n=1))
    assert [o.type for o in again] == ["corroboration"]  # the seizure is remembered across the change
    assert after.adopt(adopted) is adopted


def test_a_title_may_name_every_field_an_alert_has() -> None:
    every = ("[{rule}|{severity}|{type}|{place}|{admin1}|{country}|{side}|{by}|{event_date}|{sources}|{value}|"
             "{field}|{window_start}|{window_end}]")
    threshold = load_rules(f"rules:\n  - {{id: disp, kind: threshold, title: '{every}', field: displaced,"
                           " threshold: 100, min_sources: 2}\n")
    [alert] = alerts(run(threshold, [displaced("a1", "2024-01-05", 300, source="Outlet A"),
                                     displaced("a2", "2024-01-05", 500, source="Outlet B", n=1)]))
    assert alert.title == ("[disp|medium|displacement|Kawlin|Sagaing|Myanmar|?|?|2024-01-05|2|500|displaced|?|?]")
    window = load_rules(f"rules:\n  - {{id: deaths, kind: window_sum, title: '{every}', field: killed,"
                        " threshold: 10, group_by: [admin1], window: 2d, severity: high}\n")
    [alert] = alerts(run(window, [killed("a1", "2024-01-06", 6, place=LOIKAW, side="civilian"),
                                  killed("a2", "2024-01-07", 7, place=LOIKAW)]))
    # The window is summed over a state: the title names the state, not the town of its first report.
    assert alert.title == ("[deaths|high|casualties|Kayah|Kayah|Myanmar|civilian|?|2024-01-06|2|13|killed|"
                           "2024-01-06|2024-01-07]")


def test_a_title_asks_for_the_state_of_a_town_known_only_to_its_country_and_gets_the_country() -> None:
    rules = load_rules("rules:\n  - {id: seized, kind: control_change, title: '{place} ({admin1}) taken'}\n")
    abroad = Place(name="Wadakona", precision="town", country="South Sudan")
    [alert] = [a for a in run(rules, [seized("a1", "2023-11-06", place=abroad)]) if isinstance(a, Alert)]
    assert alert.title == "Wadakona (South Sudan) taken"


def test_a_toll_of_mixed_sides_and_another_outlet_s_count_of_civilians_are_one_incident() -> None:
    # One outlet counts every dead ("mixed"), the next only the civilians among them, the day's toll risen.
    kani = Place(name="Kani", admin1="Sagaing", country="Myanmar", precision="township")
    out = run(load_rules(WINDOW), [killed("a1", "2023-11-07", 14, source="X", side="mixed"),
                                   killed("a2", "2023-11-07", 21, place=kani, source="Y", side="civilian")])
    assert [o.figures for o in out if isinstance(o, Corroboration)] == [{"killed": 21}]
