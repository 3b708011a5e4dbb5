"""The pipeline: the only place that knows the order of the stages.

ingest → clean → NLP → actors → times/amounts/places → quotes → events → Analysis.
Each stage is looked up in the registry by the versioned name in settings.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
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


#: Touches every stage's lazily loaded data (actor KB, gazetteer, lexicons, language model).
_WARM_UP_TEXT = ('Warm-up\n\n"We will respond," Vladimir Putin said in Moscow on Monday, after NATO sent 5,000 troops '
                 "to Poland and the European Union approved $1 billion in aid to Ukraine next week.")
_warm = threading.Event()
_warm_lock = threading.Lock()


def warm_up() -> None:
    """Load every stage's data once, under a lock.

    Why: the stages load their data lazily on first use (about 4 s). Sixteen API requests arriving
    on a cold server each loaded it at the same time and took 53 s instead of 4.5 s
    (bench/load_api.py); now the first caller loads, the others wait for it.
    """
    if _warm.is_set():
        return
    with _warm_lock:
        if not _warm.is_set():
            raw = RawDocument(text=_WARM_UP_TEXT, media_type="text", source="<warm-up>")
            _analyze_cleaned(clean_document(raw, published=dt.date(2022, 1, 28)))
            # The model and the stages' data live as long as the process: out of the collector's
            # sight, full collections no longer walk them (≈ 3 % of analysis CPU, bench/throughput.py),
            # and worker processes forked after this (scale/preload.py) keep sharing their pages.
            gc.collect()
            gc.freeze()
            _warm.set()


def _analyze_cleaned(cleaned: Cleaned) -> Analysis:
    doc = _doc_for(cleaned)
    if doc is None:
        return _empty_analysis(cleaned)
    return run_stages(cleaned, doc)


def analyze_raw(raw: RawDocument, published: dt.date | str | None = None, *, title: str | None = None) -> Analysis:
    warm_up()
    return _analyze_cleaned(clean_document(raw, published=_as_date(published), title=title))


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
    """Analyse many documents with ``nlp.pipe`` batching, yielding them in input order.

    Bad inputs yield their InputError; articles for which ``skip(article)`` is true (e.g. already
    stored) yield None without being parsed. (Refusals used to come out ahead of the batch they were
    in; tests/hardening/test_properties.py found it.)
    """
    nlp = get_nlp()
    warm_up()
    pending: list[tuple[RawDocument, Cleaned | InputError | None]] = []

    def flush() -> Iterator[tuple[RawDocument, Analysis | InputError | None]]:
        english = [c for _, c in pending if isinstance(c, Cleaned) and c.article.language in (None, "en")]
        docs = iter(nlp.pipe([c.article.text for c in english], batch_size=batch_size))
        for raw, cleaned in pending:
            if not isinstance(cleaned, Cleaned):
                yield raw, cleaned
            elif cleaned.article.language in (None, "en"):
                yield raw, run_stages(cleaned, next(docs))
            else:
                _doc_for(cleaned)
                yield raw, _empty_analysis(cleaned)
        pending.clear()

    for raw in raws:
        try:
            cleaned: Cleaned | InputError | None = clean_document(raw, published=raw.published or published)
        except InputError as exc:
            cleaned = exc
        if isinstance(cleaned, Cleaned) and skip is not None and skip(cleaned.article):
            cleaned = None
        pending.append((raw, cleaned))
        if len(pending) >= batch_size:
            yield from flush()
    if pending:
        yield from flush()
