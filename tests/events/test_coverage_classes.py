"""Coverage by classes of wording (issue 16, item 2): each case is a hand-made sentence for one entry of
``data/events/triggers.yaml`` added for a class of news wording; none is taken from a gold set.
The negative cases pin the limits of each class."""

from __future__ import annotations

import datetime as dt

import pytest

DAY = dt.date(2022, 1, 28)


def _coded(text: str) -> list[tuple[str, str | None, str | None, str]]:
    from barometer.eval.events import code_text

    events, layer = code_text(text, DAY)
    codes = {a.id: a.code for a in layer.actors}
    return [(e.type, codes.get(e.source), codes.get(e.target), e.rule) for e in events]


def _rules(text: str) -> set[str]:
    return {rule.split("+")[0] for *_, rule in _coded(text)}


@pytest.mark.parametrize(("text", "rule", "type_"), [
    ("Chilean senators attacked the government's pension reform on Tuesday.", "accuse.attack_verbal", "ACCUSE"),
    ("The Peruvian foreign minister expressed concern about the new Chilean tariffs.", "accuse.concern", "ACCUSE"),
    ("The Chilean government is deeply disappointed with Peru.", "accuse.disappointed", "ACCUSE"),
    ("The Chilean Senate voted to hold the minister in contempt.", "accuse.contempt", "ACCUSE"),
    ("Chile vowed to bring those responsible to justice.", "accuse.bring_justice", "ACCUSE"),
    ("Chile holds Peru responsible for the border incident.", "accuse.hold_responsible", "ACCUSE"),
    ("A rebel group in Peru claimed responsibility for the bombing in Lima.", "assault.claim_responsibility", "ASSAULT"),
    ("Officials in Lima have implied Chilean involvement in the bombing of the pipeline.", "assault.involvement", "ASSAULT"),
    ("Thousands of Chilean students attended the vigil in Santiago.", "protest.join", "PROTEST"),
    ("The Peruvian president conveyed his solidarity and support to Chile.", "support.convey", "SUPPORT"),
    ("The Chilean government deemed the Peruvian measures justified.", "support.justified", "SUPPORT"),
    ("The Peruvian congress did not ratify the demarcation with Chile.", "support.ratify", "SUPPORT"),
    ("Chile agreed to pay compensation to Peru.", "aid.compensation", "AID"),
    ("The Chilean government eased lockdown measures on Friday.", "concede.ease_lockdown", "CONCEDE"),
    ("The Chilean president persuaded Peru to accept the plan.", "request.persuade", "REQUEST"),
    ("Chile applied for membership of the alliance in May.", "request.apply", "REQUEST"),
    ("Chile offered to act as a mediator between Peru and Bolivia.", "consult.mediator_role", "CONSULT"),
    ("The Chilean president visited Lima at the invitation of Peru.", "agree.invitation", "AGREE"),
    ("The Chilean government strengthened security around the parliament.", "mobilize.police", "MOBILIZE"),
    ("The Chilean government reserved the right to retaliate against Peru.", "threaten.reserve_right", "THREATEN"),
])
def test_a_class_of_wording_codes_its_event(text, rule, type_):
    coded = _coded(text)
    assert any(r.split("+")[0] == rule and ty == type_ for ty, *_, r in coded), (text, coded)


def test_a_suspect_arrested_by_no_named_agent_is_still_an_arrest():
    assert "coerce.arrest" in _rules("A suspect has been arrested in Santiago after the stabbing.")


@pytest.mark.parametrize(("text", "rule"), [
    ("The Chilean president expressed condolences and sympathy to Peru.", "accuse.concern"),
    ("The Chilean company claimed credit for the new design.", "assault.claim_responsibility"),
    ("A Chilean court found the former minister guilty of fraud.", "accuse.hold_responsible"),
    ("Chilean troops attacked the Peruvian border post.", "accuse.attack_verbal"),
    ("Peru welcomed Chilean involvement in the peace talks.", "assault.involvement"),
])
def test_the_limits_of_a_class(text, rule):
    assert rule not in _rules(text), (text, _coded(text))
