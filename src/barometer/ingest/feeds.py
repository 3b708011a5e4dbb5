"""RSS/Atom feeds, from a file or a URL, as RawDocuments (one per entry).

Why entries may be fetched: most feeds carry only a teaser; the article is at the entry's link.
For a feed given as a URL the linked pages are fetched (politely: see ``fetch.Fetcher``); for a feed
file they are fetched only with ``fetch_links=True`` (``--fetch-links``), else the entry's own
content (``content:encoded`` or the summary) is the article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator

from barometer.errors import InputError
from barometer.ingest.fetch import Fetcher
from barometer.ingest.raw import RawDocument, decode_bytes, sniff_media_type

_BLOCK = re.compile(r"</?(?:p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>", re.IGNORECASE)


def _html_to_text(fragment: str) -> str:
    """Entry content is an HTML fragment: keep paragraph breaks, drop tags."""
    import html

    text = _BLOCK.sub("\n\n", fragment)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def _entry_date(entry) -> dt.date | None:  # noqa: ANN001 - feedparser entry
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def iter_feed(data: bytes, source: str, *, fetch_links: bool = False, fetcher: Fetcher | None = None,
              skip: Callable[[str], bool] | None = None,
              errors: list[tuple[str, str]] | None = None) -> Iterator[RawDocument]:
    """One RawDocument per feed entry; the source key of an entry is its link (or ``feed#n``)."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's loose parser raises on some broken markup (fuzz/fuzz_feed.py)
        raise InputError(f"broken feed XML that the feed parser cannot read ({type(exc).__name__}: {exc})",
                         source=source) from None
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        raise InputError(f"not an RSS/Atom feed, or a feed without entries{why}", source=source)
    # Broken XML that the lenient parser still read entries from: say so with every entry and failure.
    broken = (f"the feed XML is broken ({parsed.bozo_exception}); entries were recovered by the lenient parser"
              if parsed.get("bozo") and "xml" in type(parsed.get("bozo_exception")).__module__ else None)
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries):
        link = entry.get("link")
        key = link or f"{source}#{i}"
        if skip is not None and skip(key):
            continue
        try:
            if fetch_links and link:
                fetcher = fetcher or Fetcher()
                body = fetcher.get(link)
                text, warnings = decode_bytes(body, source=key, max_bytes=fetcher.max_bytes)
                raw = RawDocument(text=text, media_type=sniff_media_type(text, link), source=key, url=link,
                                  outlet=outlet, title=entry.get("title"), warnings=warnings)
            else:
                contents = entry.get("content") or []
                fragment = contents[0].get("value") if contents else entry.get("summary", "")
                text = _html_to_text(fragment or "")
                if not text.strip():
                    raise InputError("feed entry has no content (use --fetch-links to fetch its page)",
                                     source=key)
                raw = RawDocument(text=text, media_type="text", source=key, url=link, outlet=outlet,
                                  title=entry.get("title"))
        except InputError as exc:
            if errors is None:
                raise
            errors.append((key, f"{exc}; {broken}" if broken else str(exc)))
            continue
        if broken:
            raw.warnings.append(f"{key}: {broken}")
        raw.published = _entry_date(entry)
        yield raw


def iter_feed_url(url: str, *, fetcher: Fetcher | None = None, fetch_links: bool = True,
                  skip: Callable[[str], bool] | None = None,
                  errors: list[tuple[str, str]] | None = None) -> Iterator[RawDocument]:
    fetcher = fetcher or Fetcher()
    yield from iter_feed(fetcher.get(url), url, fetch_links=fetch_links, fetcher=fetcher, skip=skip, errors=errors)
