"""Turn a RawDocument into an Article: main text, title, date, outlet, wire credit, language.

The text produced here is final: every offset of every later stage points into it, so any
normalisation (whitespace, junk removal) happens here and nowhere else.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from barometer.clean.boilerplate import is_boilerplate, is_prose, wire_credit
from barometer.clean.title import split_title
from barometer.errors import EmptyInputError, NoMainTextError
from barometer.ingest.raw import RawDocument
from barometer.model import Article

#: Control characters (C0 except tab and newline, DEL and C1), dropped from text; one regex pass
#: instead of a Python test per character.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
#: Lone UTF-16 surrogates: Python strings can hold them (JSON "\\ud800" escapes, str input from callers)
#: but they cannot be encoded, stored or hashed; each becomes U+FFFD (one char for one: offsets hold).
_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass
class Cleaned:
    article: Article
    warnings: list[str] = field(default_factory=list)


def article_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code from py3langid (its model ships in the wheel), or None for too little text."""
    sample = text[:5000]
    if len(re.findall(r"\w+", sample)) < 3:
        return None
    import py3langid

    lang, _ = py3langid.classify(sample)
    return lang


def _normalise_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def clean_lines(lines: list[str], *, trailing: bool = True, keep_lead: bool = True) -> tuple[list[str], list[str]]:
    """Paragraphs kept, and wire agencies credited. Drops inline boilerplate and, with ``trailing``,
    the short non-prose block after the last prose paragraph (with ``keep_lead``, never the first).

    The trailing heuristic is for text dumps, where nothing else has found the end of the
    article. HTML goes through trafilatura first, which already has; there the heuristic only
    loses body text (lists, captions, non-Latin scripts): on the ScrapingHub benchmark it cost
    2 points of recall and gained no precision (`barometer eval extraction`).
    """
    paragraphs = [ln for ln in lines if ln]
    wire: list[str] = []
    # Trailing block: everything after the last prose paragraph that is not prose itself — but, in a
    # text input, never the first paragraph: a headline-only input ("Russian air forces annihilate
    # ISIS oil tankers in Aleppo province") was refused as "no article text left" (13 of 675 real news
    # sentences). A page whose extracted text has no prose at all (menus) keeps nothing.
    while trailing and len(paragraphs) > int(keep_lead) and not is_prose(paragraphs[-1]) and (
            is_boilerplate(paragraphs[-1]) or len(paragraphs[-1].split()) <= 15):
        credit = wire_credit(paragraphs[-1])
        if credit:
            wire = credit + [w for w in wire if w not in credit]
        paragraphs.pop()
    kept: list[str] = []
    for para in paragraphs:
        credit = wire_credit(para)
        if credit:
            wire.extend(w for w in credit if w not in wire)
            continue
        if is_boilerplate(para):
            continue
        kept.append(para)
    return kept, wire


def clean_text(raw: str, *, title: str | None = None, title_line: str = "auto", trailing: bool = True,
               keep_lead: bool = True) -> tuple[str, str | None, list[str]]:
    """Clean a text dump: returns (clean text, title, wire agencies).

    ``title_line``: whether the first line is the title — ``auto`` by its shape, ``yes``, ``no``
    (``clean/title.py``). A ``title`` given by the caller (``--title``, a feed entry's or a JSON
    line's own title) is the title, and the first line stays text: it is the body's.
    """
    lines = _normalise_lines(raw)
    found = split_title(lines, title_line) if title is None else None
    kept, wire = clean_lines(lines, trailing=trailing, keep_lead=keep_lead)
    return "\n\n".join(kept), title or found, wire


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _from_html(raw: RawDocument) -> tuple[str, str | None, dt.date | None, str | None, list[str], list[str]]:
    import trafilatura

    warnings: list[str] = []
    result = trafilatura.extract(raw.text, url=raw.url, output_format="json", with_metadata=True,
                                 include_comments=False, include_tables=True, favor_precision=False)
    meta = json.loads(result) if result else {}
    body = meta.get("text") or ""
    if not body.strip():
        raise NoMainTextError("no main article text found in the HTML", source=raw.source)
    published = _parse_date(meta.get("date"))
    if published is None:
        try:
            from htmldate import find_date

            published = _parse_date(find_date(raw.text, url=raw.url, extensive_search=True))
        except Exception as exc:  # htmldate is a best-effort fallback
            warnings.append(f"{raw.source}: htmldate failed ({type(exc).__name__})")
    text, _, wire = clean_text(body, title_line="no", trailing=False)
    if not any(is_prose(p) for p in text.split("\n\n")):
        # Not one sentence of prose: trafilatura fell back to labels ("Home", menus); judge the
        # page as a text dump, which drops a short non-prose tail (and so leaves nothing here).
        text, _, wire = clean_text(body, title_line="no", trailing=True, keep_lead=False)
    outlet = meta.get("sitename") or meta.get("hostname")
    title = strip_site_suffix(meta.get("title"), [meta.get("sitename"), meta.get("hostname"), raw.url])
    return text, title, published, outlet, wire, warnings


_FOLD = re.compile(r"[^0-9a-z]+")


def _fold(value: str) -> str:
    return _FOLD.sub("", value.lower())


def _site_keys(sites: list[str | None]) -> set[str]:
    keys: set[str] = set()
    for site in sites:
        if not site:
            continue
        host = re.sub(r"^[a-z]+://", "", site.lower()).split("/")[0]
        if "." in host:  # a hostname or URL: its main label ("www.cbc.ca" -> "cbc")
            labels = [x for x in host.split(".") if x not in {"www", "m", "edition", "amp"}]
            keys.update(_fold(x) for x in labels[:-1] or labels)
        keys.add(_fold(site))
    keys.discard("")
    return keys


def strip_site_suffix(title: str | None, sites: list[str | None]) -> str | None:
    """Drop the outlet's name that pages append to the headline ("... | CBC News", "... - NASA").

    Why: the <title> of a page is the headline plus the site's name; the headline is what users
    search and what near-duplicate wire copies share. A segment after " | " is dropped when the
    headline keeps at least three words; after " - " or " – " only when it names the site
    (sitename or host), since dashes also occur inside headlines.
    """
    if not title:
        return title
    keys = _site_keys(sites)
    out = title.strip()
    while True:
        m = re.match(r"^(?P<head>.+?)\s+(?P<sep>[|\-–—·:])\s+(?P<tail>[^|\-–—·]{1,60})$", out)
        if not m:
            break
        head, sep, tail = m.group("head"), m.group("sep"), _fold(m.group("tail"))
        names_site = bool(tail) and any(k and (tail == k or tail.startswith(k) or k.startswith(tail))
                                        for k in keys)
        if len(head.split()) < 3 or not (names_site or sep == "|"):
            break
        out = head.strip()
    return out


def clean_document(raw: RawDocument, *, published: dt.date | None = None, title: str | None = None,
                   title_line: str = "auto") -> Cleaned:
    """Clean a RawDocument. Raises EmptyInputError/NoMainTextError when nothing is left.

    ``title_line`` (text input): whether its first line is the title (``auto``, ``yes``, ``no``)."""
    warnings = list(raw.warnings)
    if _SURROGATES.search(raw.text):
        raw = dataclasses.replace(raw, text=_SURROGATES.sub("\ufffd", raw.text))
        warnings.append(f"{raw.source}: input holds lone UTF-16 surrogates; replaced with U+FFFD")
    outlet = raw.outlet
    found_date: dt.date | None = None
    if raw.media_type == "html":
        text, found_title, found_date, found_outlet, wire, more = _from_html(raw)
        warnings += more
        title = title or raw.title or found_title
        outlet = outlet or found_outlet
    else:
        text, found_title, wire = clean_text(raw.text, title=title or raw.title, title_line=title_line)
        title = title or raw.title or found_title
    if not text.strip():
        if raw.media_type == "html":
            raise NoMainTextError("no main article text found in the HTML (only navigation or boilerplate)",
                                  source=raw.source)
        raise EmptyInputError("no article text left after cleaning", source=raw.source)
    date = published or raw.published or found_date
    if date is None:
        warnings.append(f"{raw.source}: no publication date given or found; "
                        "relative dates are left unresolved (use --published YYYY-MM-DD)")
    language = detect_language(text)
    article = Article(id=article_id(text), title=title, published=date, outlet=outlet, wire=wire,
                      language=language, url=raw.url, text=text)
    return Cleaned(article=article, warnings=warnings)


def looks_boilerplate(line: str) -> bool:
    """Exposed for diagnostics: whether the cleaner would drop this line inside an article."""
    return is_boilerplate(line)
