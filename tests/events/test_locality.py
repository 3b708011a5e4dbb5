"""Countries for group nouns and local persons read off the argument's phrase and its sentence."""

from __future__ import annotations

import datetime as dt

DAY = dt.date(2022, 1, 28)


def _code(text: str):
    from barometer.eval.events import code_text

    return code_text(text, DAY)


def test_group_noun_located_in_one_country_becomes_a_local_group_actor():
    events, layer = _code("Rebels in Chad attacked a convoy of Sudanese soldiers.")
    src = layer.by_id(events[0].source)
    assert src is not None and src.country == "TCD" and src.sector == "REB" and src.kb_id is None
    assert any(m.text == "Rebels" for m in src.mentions)


def test_group_noun_in_two_countries_stays_unresolved():
    events, layer = _code("Students in Chad and Sudan protested against the government.")
    assert all(layer.by_id(e.source) is None or layer.by_id(e.source).country is None for e in events)


def test_local_person_takes_the_country_of_its_own_phrase():
    events, layer = _code("Chilean President Ana Moreno rejected the proposal of Peru.")
    src = layer.by_id(next(e for e in events if e.type == "REJECT").source)
    assert src is not None and src.kind == "person" and src.country == "CHL"


def test_local_person_never_takes_the_target_country():
    events, layer = _code("Senator Ana Moreno condemned Peru.")
    ev = next(e for e in events if e.type == "ACCUSE")
    src = layer.by_id(ev.source)
    assert src is not None and src.country != "PER"


def test_the_two_leaders_are_the_pair_named_before():
    events, layer = _code("The call between Joe Biden and Xi Jinping lasted two hours. The two leaders agreed to meet again.")
    agree = [e for e in events if e.type == "AGREE"]
    names = {(layer.by_id(e.source).name, layer.by_id(e.target).name) for e in agree if e.source and e.target}
    # a joint act is one event of both (docs/annotation.md section 1; `joint` in arguments.yaml), in either order
    assert names in ({("Joe Biden", "Xi Jinping")}, {("Xi Jinping", "Joe Biden")}), names


def test_an_event_in_what_a_concession_is_linked_to_is_requested():
    events, _ = _code("Moscow linked any de-escalation to the withdrawal of American troops from Poland.")
    retreat = [e for e in events if e.type == "RETREAT"]
    assert retreat and all(e.status == "requested" for e in retreat)


def test_event_done_to_a_thing_somewhere_targets_that_country():
    events, layer = _code("Kenya closed its border with Somalia. The government lifted the curfew in Mombasa.")
    concede = next(e for e in events if e.type == "CONCEDE")
    target = layer.by_id(concede.target)
    assert target is not None and target.kind == "state" and target.country == "KEN"


def test_place_never_makes_the_source_its_own_target():
    events, _ = _code("Kenya lifted the curfew in Mombasa.")
    concede = next(e for e in events if e.type == "CONCEDE")
    assert concede.target != concede.source

