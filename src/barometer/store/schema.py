"""The store's tables and views: one row per article, actor, event, quote, amount, time and place.

Why flat tables: analytics are SQL over them (events carry their actors' codes and countries so a
dyad query needs no join), while ``articles.analysis`` keeps the full JSON so an analysis reads back
exactly as ``analyze()`` returned it. The same DDL runs on DuckDB and PostgreSQL (``postgres.py``
translates two type names).

Tables added for scale-out ingestion (see docs/scale.md):

* ``articles.story_id`` — the id of the story cluster: syndicated copies of one wire story share it;
  it is the article id of the first copy stored (the cluster's representative, ``stories.py``).
* ``minhash`` — one MinHash signature per article, so the near-duplicate index survives restarts.
* ``batches`` / ``batch_items`` — the journal of a batch: which source keys are done or failed, so a
  killed batch resumes where it stopped (``barometer ingest --resume``, ``journal.py``).
* views ``stories`` (one row per story) and ``story_events`` (events of each story counted once).
"""

from __future__ import annotations

import datetime as dt

from barometer.model import HISTORICAL_DAYS

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
  id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, outlet VARCHAR, wire VARCHAR, language VARCHAR,
  url VARCHAR, source VARCHAR, text VARCHAR, analysis VARCHAR, n_events INTEGER, ingested_at TIMESTAMP,
  story_id VARCHAR);
CREATE TABLE IF NOT EXISTS actors (
  article_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
  code VARCHAR, role VARCHAR, kb_id VARCHAR, n_mentions INTEGER, mentions VARCHAR, confidence DOUBLE,
  PRIMARY KEY (article_id, actor_id));
CREATE TABLE IF NOT EXISTS events (
  article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR, cameo VARCHAR,
  quad_class INTEGER, goldstein DOUBLE, source VARCHAR, target VARCHAR, source_code VARCHAR,
  target_code VARCHAR, source_country VARCHAR, target_country VARCHAR, source_name VARCHAR,
  target_name VARCHAR, status VARCHAR, date DATE, place VARCHAR, said_by VARCHAR, quote VARCHAR,
  evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR, rule VARCHAR, confidence DOUBLE,
  historical BOOLEAN, mentions VARCHAR, date_granularity VARCHAR, PRIMARY KEY (article_id, event_id));
CREATE TABLE IF NOT EXISTS quotes (
  article_id VARCHAR, quote_id VARCHAR, text VARCHAR, kind VARCHAR, speaker VARCHAR, speaker_code VARCHAR,
  speaker_name VARCHAR, speaker_text VARCHAR, cue VARCHAR, start_char INTEGER, end_char INTEGER,
  reported_by VARCHAR, reported_by_text VARCHAR, rule VARCHAR, cue_start INTEGER, cue_end INTEGER,
  PRIMARY KEY (article_id, quote_id));
CREATE TABLE IF NOT EXISTS amounts (
  article_id VARCHAR, idx INTEGER, text VARCHAR, value DOUBLE, low DOUBLE, high DOUBLE, unit VARCHAR,
  what VARCHAR, actor VARCHAR, qualifier VARCHAR, start_char INTEGER, end_char INTEGER,
  PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS times (
  article_id VARCHAR, idx INTEGER, text VARCHAR, value VARCHAR, granularity VARCHAR, start_char INTEGER,
  end_char INTEGER, role VARCHAR, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS places (
  article_id VARCHAR, idx INTEGER, text VARCHAR, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE,
  feature VARCHAR, start_char INTEGER, end_char INTEGER, PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS failures (
  source VARCHAR PRIMARY KEY, error VARCHAR, failed_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS minhash (article_id VARCHAR PRIMARY KEY, signature BLOB);
CREATE TABLE IF NOT EXISTS batches (
  batch_id VARCHAR PRIMARY KEY, args VARCHAR, status VARCHAR, started_at TIMESTAMP, finished_at TIMESTAMP);
CREATE TABLE IF NOT EXISTS batch_items (
  batch_id VARCHAR, source VARCHAR, status VARCHAR, article_id VARCHAR, error VARCHAR,
  PRIMARY KEY (batch_id, source));
CREATE OR REPLACE VIEW stories AS
  SELECT story_id, count(*) AS n_copies, min(published) AS first_published, max(published) AS last_published
  FROM articles GROUP BY story_id;
CREATE OR REPLACE VIEW story_events AS
  SELECT a.story_id, e.* FROM events e JOIN articles a ON a.id = e.article_id WHERE a.id = a.story_id;
"""

#: Columns added since a table was first created, in the order they were added: a store made by an
#: earlier version gets them when it is next opened for writing (appended, so every table keeps the
#: column order of a new store). Store version 3: the tables carry every field of the model. Store
#: version 4 (schema @2): events.historical and events.mentions, quotes.cue_start and quotes.cue_end;
#: then events.date_granularity (an optional field of @2: older rows keep it null, read as day).
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("actors", "confidence", "DOUBLE"),
    ("quotes", "reported_by", "VARCHAR"), ("quotes", "reported_by_text", "VARCHAR"), ("quotes", "rule", "VARCHAR"),
    ("times", "role", "VARCHAR"),
    ("events", "historical", "BOOLEAN"), ("events", "mentions", "VARCHAR"),
    ("quotes", "cue_start", "INTEGER"), ("quotes", "cue_end", "INTEGER"),
    ("events", "date_granularity", "VARCHAR"),
)
#: After the columns: rows stored before schema @2 get ``historical`` from their date, as
#: ``model.upgrade`` gives it to their analysis JSON (``model.HISTORICAL_DAYS``).
MIGRATION_UPDATES = (
    "UPDATE events SET historical = COALESCE(events.date <= articles.published - {days}, FALSE) "
    "FROM articles WHERE articles.id = events.article_id AND events.historical IS NULL",
)
MIGRATION_SQL = ";\n".join([*(f"ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {c} {kind}" for t, c, kind in ADDED_COLUMNS),
                             *(u.format(days=HISTORICAL_DAYS) for u in MIGRATION_UPDATES)])

TABLES = ("articles", "actors", "events", "quotes", "amounts", "times", "places")
STORE_VERSION = "4"


def now() -> dt.datetime:
    """A naive UTC timestamp, the type of the ``*_at`` columns."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
