"""Key events of the reference article (AFP, 2022-01-28) come out with the right type, actors,
status and date; nothing absurd is coded (sources and targets are always resolved actors)."""

from __future__ import annotations

import datetime as dt


def _events(seed_analysis):
    names = {a.id: a for a in seed_analysis.actors}
    return [(e, names.get(e.source), names.get(e.target), names.get(e.said_by)) for e in seed_analysis.events], names


def test_biden_will_send_troops_is_announced(seed_analysis):
    found, _ = _events(seed_analysis)
    hits = [e for e, s, t, _ in found if e.type == "MOBILIZE" and s is not None and s.id == "person:joe-biden"]
    assert hits and all(e.status == "announced" and e.quote for e in hits)


def test_nato_rejected_the_demands_on_wednesday(seed_analysis):
    found, _ = _events(seed_analysis)
    hits = [e for e, s, *_ in found if e.type == "REJECT" and s is not None and s.id == "NATO"]
    assert [(e.status, e.date) for e in hits] == [("asserted", dt.date(2022, 1, 26))]


def test_russia_denies_invasion_plans(seed_analysis):
    found, _ = _events(seed_analysis)
    assert any(e.type == "ASSAULT" and e.status == "denied" and s is not None and s.country == "RUS"
               for e, s, *_ in found)


def test_austin_estimate_is_a_reported_mobilisation_by_russia(seed_analysis):
    found, _ = _events(seed_analysis)
    hits = [(e, s) for e, s, _, by in found if e.type == "MOBILIZE" and by is not None and by.id == "person:lloyd-austin"]
    assert hits and all(e.status == "reported" and s is not None and s.country == "RUS" for e, s in hits)


def test_nothing_absurd(seed_analysis):
    found, names = _events(seed_analysis)
    for e, s, t, _ in found:
        assert (e.source is None or s is not None) and (e.target is None or t is not None)
        if e.source is None and e.target is None:  # an unidentified group: kept, but not trusted
            assert e.confidence <= 0.5
        assert e.source is None or e.source != e.target
    # no attack happened in this article: every ASSAULT is hypothetical, denied, negated or reported
    assert all(e.status != "asserted" for e, *_ in found if e.type == "ASSAULT")


def test_threatened_sanctions_do_not_target_the_country_they_would_protect(seed_analysis):
    """"sanctions in the event of an attack on Ukraine": the would-be attacker is threatened, not Ukraine."""
    found, _ = _events(seed_analysis)
    threats = [(e, t) for e, s, t, _ in found if e.type == "THREATEN" and e.status == "conditional"]
    assert threats and all(t is None or t.country != "UKR" for _, t in threats)
    sents = {seed_analysis.article.text[e.evidence.start:e.evidence.end] for e, _ in threats}
    assert all("\n\n" not in x.strip() for x in sents)  # the evidence is one sentence of one paragraph
