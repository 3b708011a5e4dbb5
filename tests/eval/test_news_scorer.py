"""The news-gold scorer: alignment, one-to-one matching, the match levels, statuses, quotations."""

from __future__ import annotations

from barometer.eval.newsmatch import (
    Alignment,
    ArticleItems,
    Ev,
    Qt,
    compatible,
    max_matching,
    score,
    speaker_ok,
)

RAW = ("Title line\n\nRussia  shelled Kharkiv on Monday, officials said.\n\n"
       "Kyiv condemned the attack. The US and NATO rejected the demands.\n\nShare this article")
S1 = (RAW.index("Russia"), RAW.index("said.") + 5)
S2 = (RAW.index("Kyiv"), RAW.index("attack.") + 7)
S3 = (RAW.index("The US"), RAW.index("demands.") + 8)


def ev(type_, src, tgt, span, status="asserted", date="2022-02-28", **kw) -> Ev:
    return Ev(type=type_, source=src, target=tgt, status=status, date=date, spans=[span], **kw)


def test_alignment_maps_clean_offsets_back_to_the_file():
    clean = "Russia shelled Kharkiv on Monday, officials said.\n\nKyiv condemned the attack."
    aln = Alignment(clean, RAW)
    s = clean.index("shelled Kharkiv")
    assert RAW[slice(*aln.span(s, s + len("shelled Kharkiv")))] == "shelled Kharkiv"
    k = clean.index("Kyiv")
    assert aln.span(k, len(clean)) == S2
    assert aln.span(0, clean.index(",") + 1)[0] == S1[0]


def test_max_matching_is_maximum_not_greedy():
    # gold 0 fits coded 0 and 1; gold 1 fits only coded 0: greedy would strand gold 1
    ok = {(0, 0), (0, 1), (1, 0)}
    m = max_matching(2, 2, lambda i, j: (i, j) in ok)
    assert m == {0: 1, 1: 0}


def test_levels_type_parties_date_and_codes():
    g = ev("ASSAULT", "RUSMIL", "UKR", (RAW.index("shelled"), RAW.index("shelled") + 7), date="2022-02")
    assert compatible("type", g, ev("ASSAULT", None, None, S1))
    assert not compatible("type", g, ev("ASSAULT", None, None, S2)), "another sentence"
    assert not compatible("type", g, ev("MOBILIZE", "RUS", "UKR", S1))
    assert compatible("event", g, ev("ASSAULT", "RUS", "UKRCVL", S1)), "same countries"
    assert not compatible("event", g, ev("ASSAULT", "RUS", None, S1)), "a party left out"
    assert not compatible("event", g, ev("ASSAULT", "UKR", "RUS", S1)), "ASSAULT has a direction"
    assert compatible("event_date", g, ev("ASSAULT", "RUS", "UKR", S1, date="2022-02-27"))
    assert not compatible("event_date", g, ev("ASSAULT", "RUS", "UKR", S1, date="2022-03-01"))
    assert not compatible("exact_codes", g, ev("ASSAULT", "RUS", "UKR", S1))
    assert compatible("exact_codes", g, ev("ASSAULT", "RUSMIL", "UKR", S1))
    meet = ev("CONSULT", "FRAGOV", "RUSGOV", S1)
    assert compatible("event", meet, ev("CONSULT", "RUSGOV", "FRAGOV", S1)), "joint acts have no direction"


def test_score_counts_duplicates_as_false_positives_and_statuses_as_done_or_not():
    gold = [ev("ASSAULT", "RUSMIL", "UKR", (S1[0], S1[0] + 22), status="reported", said_by="UKRGOV", label="e1"),
            ev("ACCUSE", "UKRGOV", "RUS", (S2[0], S2[0] + 14), label="e2"),
            ev("REJECT", "USA", None, S3, label="e3"), ev("REJECT", "NATO", None, S3, label="e4")]
    pred = [ev("ASSAULT", "RUS", "UKR", S1, status="asserted"),       # right event, wrong status (done)
            ev("ASSAULT", "RUS", "UKR", S1, status="asserted"),       # the same fact again: a false positive
            ev("ACCUSE", "UKRGOV", None, S2),                          # target left out
            ev("REJECT", "USA", None, S3), ev("REJECT", "NATO", None, S3)]
    items = [ArticleItems(id="a", split="dev", text=RAW, gold_events=gold, gold_quotes=[], pred_events=pred)]
    r = score(items)
    assert (r["event"]["tp"], r["event"]["pred"], r["event"]["gold"]) == (3, 5, 4)
    assert r["type"]["tp"] == 4
    assert r["done_pairs"] == 3 and r["done_accuracy"] == round(2 / 3, 4)
    assert r["by_status"]["reported"] == {"gold": 1, "found": 1, "recall": 1.0}
    assert r["status_confusion"]["reported"] == {"asserted": 1}
    assert [m["gold"] for m in r["misses"]] == ["e2"] and "parties differ" in r["misses"][0]["why"]
    assert len(r["false_positives"]) == 2
    assert r["per_type"]["REJECT"]["event"]["f1"] == 1.0


def test_historical_events_leave_the_present_figure():
    g = [ev("ASSAULT", "RUS", "UKR", S1, date="2014", historical=True), ev("ACCUSE", "UKRGOV", "RUS", S2)]
    p = [ev("ASSAULT", "RUS", "UKR", S1, date="2022-02-28"), ev("ACCUSE", "UKRGOV", "RUS", S2)]
    r = score([ArticleItems(id="a", split="dev", text=RAW, gold_events=g, gold_quotes=[], pred_events=p)])
    assert r["event"]["f1"] == 1.0 and r["event_date"]["tp"] == 1
    assert r["present_events"] == {**r["present_events"], "tp": 1, "pred": 2, "gold": 1}
    assert r["historical_accuracy"] == 0.5


def test_quotations_match_by_content_then_speaker():
    content = (RAW.index("Russia"), RAW.index(", officials"))
    g = [Qt(content=[content], speaker="UKRGOV", speaker_name=None, speaker_is_person=False)]
    right = [Qt(content=[(content[0], content[1] + 1)], speaker="UKRGOV", speaker_name="officials",
                speaker_is_person=False)]
    wrong = [Qt(content=[content], speaker="RUSGOV", speaker_name=None, speaker_is_person=False)]
    elsewhere = [Qt(content=[S3], speaker="UKRGOV", speaker_name=None, speaker_is_person=False)]
    for pred, content_tp, speaker_tp in ((right, 1, 1), (wrong, 1, 0), (elsewhere, 0, 0)):
        r = score([ArticleItems(id="a", split="dev", text=RAW, gold_events=[], gold_quotes=g, pred_quotes=pred)])
        assert (r["quote_content"]["tp"], r["quote_speaker"]["tp"]) == (content_tp, speaker_tp)


def test_speaker_names_and_codes():
    def q(code, name, person=False):
        return Qt(content=[], speaker=code, speaker_name=name, speaker_is_person=person)

    assert speaker_ok(q("RUSGOV", "Vladimir Putin"), q("RUSGOV", "Putin", True))
    assert speaker_ok(q("UKRGOV", "Volodymyr Zelenskyy"), q("UKRGOV", "Volodymyr Zelensky", True))
    assert speaker_ok(q("TURGOV", "Recep Tayyip Erdogan"), q("TURGOV", "Recep Tayyip Erdoğan", True))
    assert speaker_ok(q("POLGOV", "Joachim Brudzinski"), q(None, "Joachim Brudziński"))
    assert not speaker_ok(q("RUSGOV", "Dmitry Peskov"), q("RUSGOV", "Vladimir Putin", True))
    assert speaker_ok(q("RUSGOV", "Dmitry Peskov"), q("RUSGOV", "Russia's government"))
    assert speaker_ok(q("MYSGOV", "Najib Razak"), q("MYSGOV", "Malaysia's Prime Minister"))
    assert speaker_ok(q("GBRGOV", None), q("GBR", "United Kingdom"))
    assert not speaker_ok(q("GBRGOV", None), q("GBRMIL", "British army"))
    assert not speaker_ok(q("USAGOV", "Joe Biden"), q(None, "he"))
    assert not speaker_ok(q("RUSGOV", "Sergei Lavrov"), q(None, "Ławrow")), "an unresolved spelling is no match"


def test_reliability_and_precision_at_confidence_count_event_level_matches():
    gold = [ev("ASSAULT", "RUS", "UKR", S1), ev("ACCUSE", "UKR", "RUS", S2)]
    pred = [ev("ASSAULT", "RUS", "UKR", S1, confidence=0.76),   # right
            ev("ACCUSE", "UKR", None, S2, confidence=0.8),      # type right, target missing
            ev("REJECT", "USA", "RUS", S3, confidence=0.05)]    # no gold at all
    r = score([ArticleItems(id="a", split="dev", text=RAW, gold_events=gold, gold_quotes=[], pred_events=pred)])
    assert r["confident"] == {"threshold": 0.7, "pred": 2, "tp": 1, "type_tp": 2, "precision": 0.5,
                              "type_precision": 1.0}
    bins = {b["bin"]: (b["pred"], b["tp"], b["type_tp"]) for b in r["reliability"]}
    assert bins["[0.0, 0.1)"] == (1, 0, 0) and bins["[0.7, 0.9)"] == (2, 1, 2) and bins["[0.9, 1.0]"] == (0, 0, 0)
    assert sum(b["pred"] for b in r["reliability"]) == len(pred)


def test_quotation_errors_by_class():
    content = (RAW.index("Russia"), RAW.index(", officials"))
    g = [Qt(content=[content], speaker="UKRGOV", speaker_name=None, speaker_is_person=False, label="q1"),
         Qt(content=[S3], speaker="USAGOV", speaker_name=None, speaker_is_person=False, label="q2")]
    pred = [Qt(content=[content], speaker=None, speaker_name="he", speaker_is_person=False, speaker_text="he"),
            Qt(content=[(RAW.index("the demands"), S3[1])], speaker="USA", speaker_name=None, speaker_is_person=False),
            Qt(content=[S2], speaker="UKR", speaker_name=None, speaker_is_person=False)]
    err = score([ArticleItems(id="a", split="dev", text=RAW, gold_events=[], gold_quotes=g, pred_quotes=pred)])[
        "quote_errors"]
    assert [r["why"] for r in err["wrong_speakers"]] == ["pronoun"]
    assert [(r["why"], r["jaccard"]) for r in err["misses"]] == [("boundary", 0.29)]
    assert sorted(r["why"] for r in err["false_positives"]) == ["bare name", "no quotation here"]
