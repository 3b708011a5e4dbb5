"""Sources: directories with .gz, JSON Lines, WARC/ARC archives (HTML responses only), feed files."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json

import pytest

from barometer.ingest.sources import iter_documents

HTML = ("<html><head><title>Troops move</title></head><body><article><h1>Troops move</h1>"
        "<p>Russia deployed more troops near the border with Ukraine on Tuesday, officials in Kyiv said, "
        "raising fears of an invasion in the coming weeks.</p>"
        "<p>NATO said it was watching the movements closely and would reinforce its eastern flank "
        "if Moscow did not pull back its forces.</p></article></body></html>")


def test_directory_takes_gz_and_skips_unknown_extensions(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt.gz").write_bytes(gzip.compress(b"Title\n\nRussia said things on Monday."))
    (tmp_path / "b.html").write_text(HTML)
    (tmp_path / "notes.md").write_text("not an article")
    errors: list = []
    docs = list(iter_documents([tmp_path], errors=errors))
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["b.html", "a.txt.gz"]
    assert docs[1].text.startswith("Title") and docs[1].media_type == "text"
    assert docs[0].media_type == "html" and not errors


def test_gzip_bomb_is_refused(tmp_path):
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a " * 100_000))
    errors: list = []
    assert list(iter_documents([tmp_path / "bomb.txt.gz"], errors=errors, max_bytes=1000)) == []
    assert "over the limit" in errors[0][1]


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [json.dumps({"text": "Headline\n\nUkraine said talks would go on.", "url": "https://x.test/1",
                         "published": "2022-02-01", "outlet": "X"}),
             "{not json",
             json.dumps({"html": HTML, "url": "https://x.test/2"}),
             json.dumps({"url": "https://x.test/3"}),
             json.dumps({"text": "t", "published": "yesterday"})]
    p = tmp_path / "dump.jsonl.gz"
    p.write_bytes(gzip.compress("\n".join(lines).encode()))
    errors: list = []
    docs = list(iter_documents([p], errors=errors))
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["L1", "L3"]
    assert docs[0].published == dt.date(2022, 2, 1) and docs[0].outlet == "X" and docs[0].media_type == "text"
    assert docs[1].media_type == "html" and docs[1].url == "https://x.test/2"
    assert [e[0].rsplit("#", 1)[1] for e in errors] == ["L2", "L4", "L5"]
    assert "invalid JSON" in errors[0][1] and "neither" in errors[1][1] and "ISO date" in errors[2][1]


def _warc(path, records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for uri, ctype, status, body, kind in records:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(uri, kind, payload=io.BytesIO(body),
                                                http_headers=headers if kind in ("response", "request") else None))


def test_warc_takes_only_html_responses(tmp_path):
    p = tmp_path / "crawl.warc.gz"
    _warc(p, [("https://n.test/a", "text/html; charset=utf-8", "200 OK", HTML.encode(), "response"),
              ("https://n.test/logo.png", "image/png", "200 OK", b"\x89PNG....", "response"),
              ("https://n.test/gone", "text/html", "404 Not Found", b"<html>nope</html>", "response"),
              ("https://n.test/a", "text/html", "200 OK", b"", "request"),
              ("https://n.test/b", "text/html", "200 OK", HTML.replace("Tuesday", "Friday").encode(), "response")])
    docs = list(iter_documents([p], errors=[]))
    assert [d.url for d in docs] == ["https://n.test/a", "https://n.test/b"]
    assert all(d.media_type == "html" and d.source.startswith(str(p) + "#") for d in docs)
    done = {docs[0].source}
    assert [d.url for d in iter_documents([p], skip=done.__contains__)] == ["https://n.test/b"]


def test_not_a_warc_is_one_failure(tmp_path):
    p = tmp_path / "x.warc"
    p.write_text("hello, not an archive")
    errors: list = []
    assert list(iter_documents([p], errors=errors)) == []
    assert errors and errors[0][0] == str(p)


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Kyiv Wire</title>
<item><title>Talks stall</title><link>https://k.test/1</link><pubDate>Tue, 01 Feb 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Russia and Ukraine failed to agree on Tuesday, diplomats said.&lt;/p&gt;&lt;p&gt;More talks are planned.&lt;/p&gt;</description></item>
<item><title>Empty</title><link>https://k.test/2</link><description></description></item>
</channel></rss>"""


def test_feed_file_entries_become_documents(tmp_path):
    p = tmp_path / "kyiv.rss"
    p.write_text(RSS)
    errors: list = []
    docs = list(iter_documents([p], errors=errors))
    assert len(docs) == 1
    d = docs[0]
    assert (d.source, d.url, d.outlet, d.title, d.published) == (
        "https://k.test/1", "https://k.test/1", "Kyiv Wire", "Talks stall", dt.date(2022, 2, 1))
    assert "Russia and Ukraine failed" in d.text and "<p>" not in d.text
    assert errors and errors[0][0] == "https://k.test/2" and "--fetch-links" in errors[0][1]


@pytest.mark.parametrize("content", ["<html><body>no feed here</body></html>", ""])
def test_non_feed_xml_fails_clearly(tmp_path, content):
    p = tmp_path / "x.xml"
    p.write_text(content)
    errors: list = []
    assert list(iter_documents([p], errors=errors)) == []
    assert len(errors) == 1
