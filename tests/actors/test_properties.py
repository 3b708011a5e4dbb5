"""Whatever the text, the resolver never crashes and every mention points at its own text."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

#: Pieces that exercise every rule: names, titles, seats, pronouns, stance prefixes, possessives.
PIECES = ["Russia", "the Kremlin", "Washington", "he", "she", "She", "it", "they", "his", "her", "For his part,",
          "the British Prime Minister", "Russian troops", "pro-Russian", "Jordan", "Georgia", "NATO", "Brussels",
          "the EU", "Joe Biden", "Biden", "said", "Mrs Anna Smith", "his Russian counterpart", "Ukraine's",
          "General Ivan Petrenko, the Ukrainian army chief,", "Westerners", ".", ",", "\n\n", "“", "”", "'s",
          "Donetsk People's Republic", "Wagner", "the president", "a Downing Street spokeswoman", "in Kyiv"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.sampled_from(PIECES), min_size=1, max_size=25),
       day=st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2026, 12, 31)))
def test_mentions_point_at_their_text_and_actors_exist(resolve, words, day):
    text = " ".join(words)
    layer = resolve(text, day)  # the fixture checks every mention's offsets against the text
    ids = {a.id for a in layer.actors}
    for m in layer.mentions:
        assert m.actor_id in ids and 0 < m.confidence <= 1
    spans = sorted((m.start, m.end) for m in layer.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False)), "mentions overlap"
