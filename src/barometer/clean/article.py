"""Turn a RawDocument into an Article: main text, title, date, outlet, wire credit, language.

The text produced here is final: every offset of every later stage points into it, so any
normalisation (whitespace, junk removal) happens here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field

from barometer.clean.boilerplate import is_boilerplate, is_prose, wire_credit
from barometer.errors import EmptyInputError, NoMainTextError
from barometer.ingest.raw import RawDocument
from barometer.model import Article

_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


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
    text = "".join(ch for ch in text if ch in "\n\t" or ord(ch) >= 32 and not 0x7F <= ord(ch) < 0xA0)
    return [_SPACES.sub(" ", line).strip() for line in text.split("\n")]


def clean_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """Paragraphs kept, and wire agencies credited. Drops trailing junk and inline boilerplate."""
    paragraphs = [ln for ln in lines if ln]
    wire: list[str] = []
    # Trailing block: everything after the last prose paragraph that is not prose itself.
    while paragraphs and not is_prose(paragraphs[-1]) and (
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


def clean_text(raw: str, *, title: str | None = None, first_line_is_title: bool = True) -> tuple[str, str | None, list[str]]:
    """Clean a text dump: returns (clean text, title, wire agencies)."""
    lines = _normalise_lines(raw)
    if first_line_is_title and title is None:
        while lines and not lines[0]:
            lines.pop(0)
        if len(lines) > 1:
            title = lines.pop(0) or None
    kept, wire = clean_lines(lines)
    return "\n\n".join(kept), title, wire


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
                                 include_comments=False, include_tables=False, favor_precision=False)
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
    text, _, wire = clean_text(body, first_line_is_title=False)
    outlet = meta.get("sitename") or meta.get("hostname")
    return text, meta.get("title"), published, outlet, wire, warnings


def clean_document(raw: RawDocument, *, published: dt.date | None = None, title: str | None = None) -> Cleaned:
    """Clean a RawDocument. Raises EmptyInputError/NoMainTextError when nothing is left."""
    warnings = list(raw.warnings)
    outlet = raw.outlet
    found_date: dt.date | None = None
    if raw.media_type == "html":
        text, found_title, found_date, found_outlet, wire, more = _from_html(raw)
        warnings += more
        title = title or raw.title or found_title
        outlet = outlet or found_outlet
    else:
        text, found_title, wire = clean_text(raw.text, title=title or raw.title)
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
