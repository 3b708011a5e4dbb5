"""The pipeline: the only place that knows the order of the stages.

ingest → clean → NLP → actors → times/amounts/places → quotes → events → Analysis.
Each stage is looked up in the registry by the versioned name in settings.
"""

from __future__ import annotations

import datetime as dt
import warnings as _warnings
from collections.abc import Callable, Iterable, Iterator

from spacy.tokens import Doc

# Importing the stage packages registers their implementations.
from barometer import actors as _actors  # noqa: E402,F401
from barometer import amounts as _amounts  # noqa: E402,F401
from barometer import events as _events  # noqa: E402,F401
from barometer import places as _places  # noqa: E402,F401
from barometer import quotes as _quotes  # noqa: E402,F401
from barometer import registry
from barometer import times as _times  # noqa: E402,F401
from barometer.clean import clean_document
from barometer.clean.article import Cleaned
from barometer.errors import EncodingWarning, InputError
from barometer.ingest.raw import RawDocument, decode_bytes, sniff_media_type
from barometer.layers import EventContext
from barometer.model import Analysis, Article
from barometer.nlp import get_nlp
from barometer.settings import Settings, get_settings


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"published date {value!r} is not YYYY-MM-DD") from None


def to_raw(text_or_html: str | bytes, *, source: str = "<input>", url: str | None = None,
           outlet: str | None = None, media_type: str | None = None) -> RawDocument:
    if isinstance(text_or_html, bytes):
        text, warns = decode_bytes(text_or_html, source=source)
    else:
        text, warns = text_or_html, []
        if len(text.encode("utf-8", "surrogatepass")) > get_settings().max_bytes:
            decode_bytes(text.encode("utf-8", "surrogatepass"), source=source)  # raises InputTooLargeError
        if not text.strip():
            decode_bytes(b"", source=source)  # raises EmptyInputError
    return RawDocument(text=text, media_type=media_type or sniff_media_type(text), source=source, url=url,
                       outlet=outlet, warnings=warns)


def run_stages(cleaned: Cleaned, doc: Doc, settings: Settings | None = None) -> Analysis:
    """Run the stages after NLP over one parsed article."""
    s = settings or get_settings()
    article = cleaned.article
    actor_layer = registry.get("actor_resolver", s.actor_resolver)(doc, article)
    times = registry.get("time_resolver", s.time_resolver)(doc, article.published)
    amounts = registry.get("amount_extractor", s.amount_extractor)(doc, actor_layer)
    places = registry.get("place_resolver", s.place_resolver)(doc, actor_layer)
    quotes = registry.get("quote_extractor", s.quote_extractor)(doc, actor_layer)
    ctx = EventContext(article=article, actors=actor_layer, quotes=quotes, times=times, places=places)
    events = registry.get("event_coder", s.event_coder)(doc, ctx)
    return Analysis(article=article, actors=actor_layer.actors, events=events, quotes=quotes,
                    amounts=amounts, times=times, places=places, warnings=list(cleaned.warnings))


def _doc_for(cleaned: Cleaned, nlp_doc: Doc | None = None) -> Doc | None:
    """English articles are parsed; others are stored and marked, never mis-coded."""
    if cleaned.article.language not in (None, "en"):
        cleaned.warnings.append(f"language {cleaned.article.language!r} is not English: "
                                "the article is stored but not coded")
        return None
    return nlp_doc if nlp_doc is not None else get_nlp()(cleaned.article.text)


def _empty_analysis(cleaned: Cleaned) -> Analysis:
    return Analysis(article=cleaned.article, warnings=list(cleaned.warnings))


def analyze_raw(raw: RawDocument, published: dt.date | str | None = None, *, title: str | None = None) -> Analysis:
    cleaned = clean_document(raw, published=_as_date(published), title=title)
    doc = _doc_for(cleaned)
    if doc is None:
        return _empty_analysis(cleaned)
    return run_stages(cleaned, doc)


def analyze(text_or_html: str | bytes, published: dt.date | str | None = None, *, title: str | None = None,
            url: str | None = None, outlet: str | None = None) -> Analysis:
    """Analyse one article given as plain text (first line = title) or HTML.

    Raises ``barometer.errors.InputError`` for input that cannot be analysed. Encoding problems
    are recorded in ``Analysis.warnings`` and emitted as ``EncodingWarning``.
    """
    raw = to_raw(text_or_html, url=url, outlet=outlet)
    for w in raw.warnings:
        _warnings.warn(w, EncodingWarning, stacklevel=2)
    return analyze_raw(raw, published, title=title)


def analyze_many(raws: Iterable[RawDocument], published: dt.date | None = None, *, batch_size: int = 16,
                 skip: Callable[[Article], bool] | None = None,
                 ) -> Iterator[tuple[RawDocument, Analysis | InputError | None]]:
    """Analyse many documents with ``nlp.pipe`` batching.

    Bad inputs yield their InputError; articles for which ``skip(article)`` is true (e.g. already
    stored) yield None without being parsed.
    """
    nlp = get_nlp()
    pending: list[tuple[RawDocument, Cleaned]] = []

    def flush() -> Iterator[tuple[RawDocument, Analysis | InputError | None]]:
        english = [(r, c) for r, c in pending if c.article.language in (None, "en")]
        docs = iter(nlp.pipe([c.article.text for _, c in english], batch_size=batch_size))
        for raw, cleaned in pending:
            if cleaned.article.language in (None, "en"):
                yield raw, run_stages(cleaned, next(docs))
            else:
                _doc_for(cleaned)
                yield raw, _empty_analysis(cleaned)
        pending.clear()

    for raw in raws:
        try:
            cleaned = clean_document(raw, published=raw.published or published)
        except InputError as exc:
            yield raw, exc
            continue
        if skip is not None and skip(cleaned.article):
            yield raw, None
            continue
        pending.append((raw, cleaned))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
