"""Read queries behind the API's list endpoints: parameterised SQL over a DuckStore, with totals.

Every query returns ``(total, items)`` so the API can paginate honestly. Filters are bound as
parameters (``CAST(? AS …) IS NULL OR …`` keeps one query text per endpoint, which also
avoids assembling SQL from user input).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from barometer.analytics.scope import jsonable as _jsonable
from barometer.store.queries import build_where, contains, like_literal


def _page(store: Any, base_sql: str, params: list[Any], order: str, limit: int, offset: int,
          ) -> tuple[int, list[dict[str, Any]]]:
    total = store.query(f"SELECT COUNT(*) FROM ({base_sql}) t", params)[1][0][0]
    cols, rows = store.query(f"{base_sql} ORDER BY {order} LIMIT ? OFFSET ?", params + [limit, offset])
    return int(total), [_jsonable(dict(zip(cols, r, strict=True))) for r in rows]


def articles(store: Any, *, q: str | None = None, since: dt.date | None = None, until: dt.date | None = None,
             limit: int = 50, offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    # With a search, each article comes with the text around the first match (its snippet).
    sql = ("SELECT id, title, published, outlet, url, language, n_events, story_id, "
           "CASE WHEN CAST(? AS VARCHAR) IS NULL OR strpos(lower(text), lower(?)) = 0 THEN NULL "
           "ELSE substr(text, GREATEST(1, strpos(lower(text), lower(?)) - 80), 220) END AS snippet FROM articles "
           f"WHERE (CAST(? AS VARCHAR) IS NULL OR {contains('title')} OR {contains('text')}) "
           "AND (CAST(? AS DATE) IS NULL OR published >= CAST(? AS DATE)) "
           "AND (CAST(? AS DATE) IS NULL OR published <= CAST(? AS DATE))")
    return _page(store, sql, [q, q, q, q, like_literal(q), like_literal(q), since, since, until, until],
                 "published, id", limit, offset)


def events(store: Any, *, limit: int = 50, offset: int = 0, **filters: Any) -> tuple[int, list[dict[str, Any]]]:
    where, params = build_where(filters)
    sql = ("SELECT COALESCE(e.date, a.published) AS date, a.published, e.type, e.mode, e.status, "
           "e.source_code AS source, e.source_name, e.target_code AS target, e.target_name, e.cameo, "
           "e.quad_class, e.goldstein, e.rule, e.confidence, e.evidence_text AS evidence, e.evidence_start, "
           "e.evidence_end, a.title, e.article_id, e.event_id "
           f"FROM events e JOIN articles a ON a.id = e.article_id {where}")
    return _page(store, sql, params, "date, article_id, evidence_start, event_id", limit, offset)


def quotes(store: Any, *, speaker: str | None = None, text: str | None = None, article: str | None = None,
           about: str | None = None, since: dt.date | None = None, until: dt.date | None = None, limit: int = 50,
           offset: int = 0) -> tuple[int, list[dict[str, Any]]]:
    """Who said what about whom: each quote with the targets and types of the events coded inside it."""
    about = about and about.upper()
    sql = ("SELECT a.published, q.text, q.kind, q.speaker, q.speaker_code, q.speaker_name, q.speaker_text, q.cue, "
           "q.start_char AS start, q.end_char AS end_char, a.title, q.article_id, q.quote_id, "
           "ab.about, ab.about_codes, ab.event_types "
           "FROM quotes q JOIN articles a ON a.id = q.article_id "
           "LEFT JOIN (SELECT article_id, quote, "
           "           STRING_AGG(DISTINCT COALESCE(target_name, target_code), ', ') AS about, "
           "           STRING_AGG(DISTINCT COALESCE(target_code, target_country), ' ') AS about_codes, "
           "           STRING_AGG(DISTINCT type, ' ') AS event_types "
           "           FROM events WHERE quote IS NOT NULL GROUP BY article_id, quote) ab "
           "  ON ab.article_id = q.article_id AND ab.quote = q.quote_id "
           "WHERE (CAST(? AS VARCHAR) IS NULL OR q.speaker_code = ? OR q.speaker = ? "
           f"       OR {contains('q.speaker_name')}) "
           f"AND (CAST(? AS VARCHAR) IS NULL OR {contains('q.text')}) "
           "AND (CAST(? AS VARCHAR) IS NULL OR q.article_id = ?) "
           "AND (CAST(? AS VARCHAR) IS NULL OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = q.article_id "
           "     AND e.quote = q.quote_id AND (e.target_code = ? OR e.target_country = ?))) "
           "AND (CAST(? AS DATE) IS NULL OR a.published >= CAST(? AS DATE)) "
           "AND (CAST(? AS DATE) IS NULL OR a.published <= CAST(? AS DATE))")
    params = ([speaker] * 3 + [like_literal(speaker), text, like_literal(text)] + [article] * 2 + [about] * 3
              + [since, since, until, until])
    return _page(store, sql, params, "published, article_id, start, quote_id", limit, offset)


def actors(store: Any, *, q: str | None = None, limit: int = 50, offset: int = 0,
           ) -> tuple[int, list[dict[str, Any]]]:
    sql = ("SELECT COALESCE(code, actor_id) AS code, MIN(name) AS name, MIN(kind) AS kind, MIN(country) AS country, "
           "MIN(sector) AS sector, COUNT(DISTINCT article_id) AS articles, SUM(n_mentions) AS mentions "
           f"FROM actors WHERE (CAST(? AS VARCHAR) IS NULL OR {contains('name')} OR code = ? "
           "OR country = ?) GROUP BY COALESCE(code, actor_id)")
    return _page(store, sql, [q, like_literal(q), q and q.upper(), q and q.upper()],
                 "articles DESC, mentions DESC, code", limit, offset)
