"""What the web produces, in one batch: every bad input fails alone with a specific message, and the
batch goes on to store the good articles around it.

Each input class of issue 9 is here once: a PDF renamed .html, an empty file, a file over
``max_bytes``, mojibake (Latin-1 bytes read as UTF-8), truncated HTML, broken feed XML, a WARC
cut mid-record, an article in another script, quotes that never close, and a JSON Lines dump with
a lone surrogate escape and a line cut short. docs/reliability.md
points at these tests.
"""

from __future__ import annotations

import gzip
import io

import pytest

from barometer.batch import ingest_paths
from barometer.pipeline import Pipeline
from barometer.settings import Settings
from barometer.store import DuckStore

GOOD = ("Border talks\n\nRussia rejected NATO's demands on Wednesday, the Kremlin said. "
        "Ukraine said on Thursday that talks with Russia would continue in Geneva.")
HTML = ("<!DOCTYPE html><html><head><title>Sanctions</title></head><body><article>"
        "<h1>Sanctions announced</h1>"
        "<p>The European Union announced new sanctions against Russia on Tuesday, officials said in Brussels.</p>"
        "<p>Germany said it would halt the certification of the Nord Stream 2 pipeline, the chancellor told "
        "reporters in Berlin after a meeting with the French president.</p>")


def _warc(records: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(records):
        body = (f"<html><body><article><p>Report {i}: Poland said on Monday it would send aid to Ukraine, "
                f"the foreign minister told reporters in Warsaw after meeting number {i}.</p>"
                "</article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(f"https://news.example/{i}", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))
    return buf.getvalue()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One batch over every input class, run once for the module; max_bytes lowered to 50 kB."""
    tmp_path = tmp_path_factory.mktemp("bad-inputs")
    d = tmp_path / "in"
    d.mkdir()
    (d / "01-good.txt").write_text(GOOD, "utf-8")
    (d / "02-report.html").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>")
    (d / "03-empty.txt").write_bytes(b"  \n\n ")
    (d / "04-huge.html").write_bytes(b"<html><body>" + b"<p>Russia deployed troops.</p>" * 3000)
    (d / "05-mojibake.txt").write_bytes(("Talks in Genève\n\nThe café in Kyiv was closed, Ukraine's "
                                         "foreign minister said on Monday after talks with Poland.")
                                        .encode("cp1252"))
    (d / "06-truncated.html").write_text(HTML[: len(HTML) - 40], "utf-8")  # cut mid-paragraph, no closing tags
    (d / "07-feed.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
                                   "<item><title>Cut", "utf-8")
    warc = _warc(3)
    (d / "08-crawl.warc").write_bytes(warc[: int(len(warc) * 0.8)])  # third record cut in its headers
    (d / "09-russian.txt").write_text("Переговоры в Женеве\n\nМинистр иностранных дел России заявил в "
                                      "понедельник, что переговоры с Украиной продолжатся на следующей неделе.",
                                      "utf-8")
    (d / "10-unclosed.txt").write_text('Unclosed\n\nRussia said on Monday: "NATO must withdraw its troops '
                                       "from the east. Ukraine rejected the demand on Tuesday.", "utf-8")
    (d / "11-gzip-bomb.txt.gz").write_bytes(gzip.compress(b"a " * 200_000))
    (d / "12-dump.jsonl").write_text(  # a lone surrogate escape, then a line cut mid-record
        '{"text": "Surrogates\\n\\nRussia said \\ud800 on Monday that talks with Ukraine would go on.", '
        '"published": "2022-02-01"}\n{"text": "Cut', "utf-8")
    with DuckStore(tmp_path / "s.duckdb") as store:
        pipeline = Pipeline.from_settings(Settings(max_bytes=50_000))
        report = ingest_paths([d], store, pipeline=pipeline, published=None, progress=False)
        yield report, store, d


def _failure(report, name: str) -> str:
    found = [msg for src, msg in report.failed if name in src]
    assert len(found) == 1, f"{name}: expected one failure, got {found} (all: {report.failed})"
    assert name in found[0], "the message names the input"
    return found[0]


def test_each_bad_input_fails_alone_with_a_specific_message(batch):
    report, _, _ = batch
    assert "a PDF document, not text or HTML" in _failure(report, "02-report.html")
    assert "input is empty" in _failure(report, "03-empty.txt")
    assert "over the limit of 50,000 bytes" in _failure(report, "04-huge.html")
    assert "over the limit of 50,000 bytes" in _failure(report, "11-gzip-bomb.txt.gz")
    feed = _failure(report, "07-feed.xml")  # the lenient parser recovers the cut entry, without content
    assert "feed entry has no content" in feed and "the feed XML is broken (" in feed
    assert "archive is cut" in _failure(report, "08-crawl.warc")
    assert "invalid JSON" in _failure(report, "12-dump.jsonl#L2")
    assert len(report.failed) == 7, report.failed


def test_the_batch_goes_on_and_stores_every_readable_article(batch):
    report, store, d = batch
    stored = {row[0] for row in store.query("SELECT source FROM articles")[1]}
    names = {s.split("/in/", 1)[-1] for s in stored}
    assert {"01-good.txt", "05-mojibake.txt", "06-truncated.html", "09-russian.txt", "10-unclosed.txt",
            "08-crawl.warc#https://news.example/0", "08-crawl.warc#https://news.example/1",
            "12-dump.jsonl#L1"} <= names
    assert report.added == 8
    assert any("12-dump.jsonl#L1" in w and "surrogates" in w for w in report.warnings)
    failed = {row[0] for row in store.query("SELECT source FROM failures")[1]}
    assert len(failed) == len(report.failed), "every failure is recorded in the store too"


def test_mojibake_is_stored_with_an_encoding_warning(batch):
    report, store, _ = batch
    assert any("05-mojibake.txt" in w and "not valid UTF-8" in w for w in report.warnings)
    (text,) = [r[0] for r in store.query("SELECT text FROM articles WHERE source LIKE '%05-mojibake.txt'")[1]]
    assert "\ufffd" in text and "Kyiv" in text


def test_other_scripts_are_stored_but_not_coded(batch):
    report, store, _ = batch
    assert any("'ru'" in w and "not coded" in w for w in report.warnings)
    _, rows = store.query("SELECT a.language, count(e.article_id) FROM articles a LEFT JOIN events e ON e.article_id = a.id "
                          "WHERE a.source LIKE '%09-russian.txt' GROUP BY a.language")
    assert rows == [("ru", 0)]


def test_truncated_html_keeps_the_text_it_has(batch):
    _, store, _ = batch
    (text,) = [r[0] for r in store.query("SELECT text FROM articles WHERE source LIKE '%06-truncated.html'")[1]]
    assert "announced new sanctions against Russia" in text

