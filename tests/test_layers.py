"""ActorLayer.mention_at: the indexed look-up answers exactly what a scan of every mention would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from barometer.layers import ActorLayer, ActorMention


def _scan(mentions: list[ActorMention], start: int, end: int) -> ActorMention | None:
    best, found = None, None
    for i, m in enumerate(mentions):
        overlap = min(end, m.end) - max(start, m.start)
        if overlap > 0 and (best is None or (overlap, m.start - m.end, -i) > best):
            best, found = (overlap, m.start - m.end, -i), m
    return found


spans = st.tuples(st.integers(0, 60), st.integers(1, 15))


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=25), st.lists(spans, max_size=5), st.lists(spans, min_size=1, max_size=10))
def test_mention_at_matches_a_full_scan_even_after_appends(first, later, queries):
    layer = ActorLayer(mentions=[ActorMention(s, s + n, f"a{i}", "r") for i, (s, n) in enumerate(first)])
    for s, n in queries:
        assert layer.mention_at(s, s + n) is _scan(layer.mentions, s, s + n)
    layer.mentions += [ActorMention(s, s + n, f"b{i}", "r") for i, (s, n) in enumerate(later)]
    for s, n in queries:
        assert layer.mention_at(s, s + n) is _scan(layer.mentions, s, s + n)
