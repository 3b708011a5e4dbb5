"""From an analysis to the rows of the store's tables (``schema.py``), columns in table order.

Why separate: the mapping is the one place where the model (``barometer.model``) meets the tables,
so a field added to the model and not to a table shows up here and nowhere else.
"""

from __future__ import annotations

import json
from typing import Any

from barometer.model import Analysis
from barometer.store.schema import now


def rows_of(analysis: Analysis, source: str | None, story_id: str, rows: dict[str, list[list[Any]]]) -> None:
    """Append the rows of one analysis to ``rows`` (table → rows, columns in table order)."""
    a = analysis.article
    aid = a.id
    actors = {x.id: x for x in analysis.actors}

    def code(actor_id: str | None) -> tuple[Any, Any, Any]:
        x = actors.get(actor_id) if actor_id else None
        return (x.code or x.id, x.country, x.name) if x else (None, None, None)

    rows["articles"].append([aid, a.title, a.published, a.outlet, json.dumps(a.wire), a.language, a.url, source,
                             a.text, analysis.to_json(indent=None), len(analysis.events), now(), story_id])
    rows["actors"] += [[aid, x.id, x.name, x.kind, x.country, x.sector, x.code, x.role, x.kb_id, len(x.mentions),
                        json.dumps([m.model_dump() for m in x.mentions]), x.confidence] for x in analysis.actors]
    for e in analysis.events:
        (sc, sco, sn), (tc, tco, tn) = code(e.source), code(e.target)
        rows["events"].append([aid, e.id, e.type, e.mode, json.dumps(e.context), e.cameo, e.quad_class, e.goldstein,
                               e.source, e.target, sc, tc, sco, tco, sn, tn, e.status, e.date, e.place, e.said_by,
                               e.quote, e.evidence.start, e.evidence.end, e.evidence.text, e.rule, e.confidence,
                               e.historical, json.dumps([m.model_dump() for m in e.mentions]), e.date_granularity])
    rows["quotes"] += [[aid, q.id, q.text, q.kind, q.speaker, *code(q.speaker)[::2], q.speaker_text, q.cue, q.start,
                        q.end, q.reported_by, q.reported_by_text, q.rule, q.cue_start, q.cue_end] for q in analysis.quotes]
    rows["amounts"] += [[aid, i, m.text, m.value, m.low, m.high, m.unit, m.what, m.actor, m.qualifier, m.start, m.end]
                        for i, m in enumerate(analysis.amounts)]
    rows["times"] += [[aid, i, t.text, t.value, t.granularity, t.start, t.end, t.role]
                      for i, t in enumerate(analysis.times)]
    rows["places"] += [[aid, i, p.text, p.name, p.country, p.lat, p.lon, p.feature, p.start, p.end]
                       for i, p in enumerate(analysis.places)]
