"""The pipeline: the only place that knows the order of the stages.

ingest → clean → NLP → actors → times → amounts → places → quotes → events → Analysis.

One ``Pipeline`` object is built from settings, once, by ``Pipeline.from_settings(s)``: it imports
the ``plugins``, resolves every stage by the versioned name its setting gives (``registry``), and
checks that each finds the layers it requires among those the stages before it assign — all before
any article is read, so a mistyped name is one ``ConfigError`` line, not a failure per article.
Everything that analyses uses it: ``analyze``/``analyze_many`` below, the batch and its executors
(in-process, local worker processes, Dask workers) and ``barometer eval``.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import importlib
import threading
import time
import warnings as _warnings
from collections.abc import Callable, Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

# Importing the stage packages registers their implementations.
from barometer import actors as _actors  # noqa: F401
from barometer import amounts as _amounts  # noqa: F401
from barometer import events as _events  # noqa: F401
from barometer import places as _places  # noqa: F401
from barometer import quotes as _quotes  # noqa: F401
from barometer import registry
from barometer import times as _times  # noqa: F401
from barometer.clean import clean_document
from barometer.clean.article import Cleaned
from barometer.errors import ConfigError, EncodingWarning, InputError
from barometer.ingest.raw import RawDocument, decode_bytes, sniff_media_type
from barometer.layers import LAYERS, Layers
from barometer.model import Analysis, Article
from barometer.nlp import get_nlp
from barometer.pieces import Merger, piece_article, split_pieces
from barometer.quotes.publish import publish_quotes
from barometer.registry import StageSpec
from barometer.settings import Settings, env_name, get_settings

#: The stage settings, in the order the stages run.
ORDER: tuple[str, ...] = ("actor_resolver", "time_resolver", "amount_extractor", "place_resolver",
                          "quote_extractor", "event_coder")

#: Touches every stage's lazily loaded data (actor KB, gazetteer, lexicons, language model).
_WARM_UP_TEXT = ('Warm-up\n\n"We will respond," Vladimir Putin said in Moscow on Monday, after NATO sent 5,000 troops '
                 "to Poland and the European Union approved $1 billion in aid to Ukraine next week.")


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"published date {value!r} is not YYYY-MM-DD") from None


def _english(cleaned: Cleaned) -> bool:
    return cleaned.article.language in (None, "en")


def load_plugins(plugins: str) -> None:
    """Import the modules named in the ``plugins`` setting (they may register stages)."""
    for name in filter(None, (m.strip() for m in plugins.split(","))):
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - any failure to import is a configuration error
            raise ConfigError(f"setting plugins ({env_name('plugins')}): cannot import {name!r}: "
                              f"{type(exc).__name__}: {exc}") from None


class Pipeline:
    """The configured stages, in order, over one spaCy model; built by ``from_settings``."""

    def __init__(self, settings: Settings, stages: Sequence[StageSpec]) -> None:
        self.settings = settings
        self.stages: tuple[StageSpec, ...] = tuple(stages)
        self._calls = tuple(spec.create(settings) for spec in self.stages)  # factories configured once
        self._warm = threading.Event()
        self._warm_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> Pipeline:
        """Import the plugins and resolve and check every stage named in ``settings``.

        Raises ``ConfigError`` (one line: the setting, its value, the known names) before any work.
        """
        load_plugins(settings.plugins)
        stages: list[StageSpec] = []
        assigned = ["article"]
        for setting in ORDER:
            name = getattr(settings, setting)
            known = registry.names(setting)
            if name not in known:
                raise ConfigError(f"setting {setting} ({env_name(setting)}) is {name!r}, which is no registered "
                                  f"{setting.replace('_', ' ')} (known: {', '.join(known) or 'none'})")
            spec = registry.get(setting, name)
            unknown = [r for r in spec.requires or () if r not in LAYERS]
            missing = [r for r in spec.requires or () if r in LAYERS and r not in assigned]
            if unknown or missing:
                what = f"unknown layer(s) {unknown} (layers: {', '.join(LAYERS)})" if unknown else \
                    f"{', '.join(missing)}, which no stage before it assigns (order: {', '.join(ORDER)})"
                raise ConfigError(f"setting {setting} ({env_name(setting)}) is {name!r}, which requires {what}")
            stages.append(spec)
            assigned.append(spec.assigns)
        return cls(settings, stages)

    # -- the parts ------------------------------------------------------------------------------
    @property
    def nlp(self) -> Language:
        """The spaCy model of the ``model`` setting (loaded once per process)."""
        return get_nlp(self.settings.model)

    def stage(self, setting: str) -> Callable[[Doc, Layers], object]:
        """The configured stage callable of one setting (``"event_coder"``…)."""
        return next(call for spec, call in zip(self.stages, self._calls, strict=True) if spec.stage == setting)

    def to_raw(self, text_or_html: str | bytes, *, source: str = "<input>", url: str | None = None,
               outlet: str | None = None, media_type: str | None = None) -> RawDocument:
        """Text or bytes given in memory (API, library) as a RawDocument, checked like a file."""
        limit = self.settings.max_bytes
        if isinstance(text_or_html, bytes):
            text, warns = decode_bytes(text_or_html, source=source, max_bytes=limit)
        else:
            text, warns = text_or_html, []
            if len(text.encode("utf-8", "surrogatepass")) > limit:
                decode_bytes(text.encode("utf-8", "surrogatepass"), source=source, max_bytes=limit)  # raises
            if not text.strip():
                decode_bytes(b"", source=source, max_bytes=limit)  # raises EmptyInputError
        return RawDocument(text=text, media_type=media_type or sniff_media_type(text), source=source, url=url,
                           outlet=outlet, warnings=warns)

    def clean(self, raw: RawDocument, published: dt.date | str | None = None, *, title: str | None = None,
              title_line: str | None = None) -> Cleaned:
        """The clean article (its text is final: every later offset points into it).

        ``title_line`` (auto, yes, no; default the setting): whether a text's first line is its title."""
        return clean_document(raw, published=_as_date(published), title=title,
                              title_line=title_line or self.settings.title_line)

    def _whole(self, cleaned: Cleaned) -> bool:
        """An English article short enough to be parsed in one piece (``piece_chars``)."""
        return _english(cleaned) and len(cleaned.article.text) <= self.settings.piece_chars

    def parse_many(self, cleaned: Sequence[Cleaned], batch_size: int = 16) -> list[Doc | None]:
        """Docs of the English articles, parsed in ``nlp.pipe`` batches; None for the others (and for
        long ones, which ``run`` parses in pieces)."""
        texts = [c.article.text for c in cleaned if self._whole(c)]
        docs = iter(self.nlp.pipe(texts, batch_size=batch_size))
        return [next(docs) if self._whole(c) else None for c in cleaned]

    def run_layers(self, doc: Doc, article: Article, *, only: Iterable[str] | None = None,
                   timings: dict[str, float] | None = None, clock: Callable[[], float] = time.perf_counter,
                   ) -> Layers:
        """Run the stages over one parsed article and return their layers.

        ``only``: the layers wanted (the stages they need run too, in order; default all).
        ``timings``: stage setting → seconds of ``clock``, added to.
        """
        layers = Layers(article=article)
        for spec, call in self._needed(only):
            t0 = clock()
            layers.assign(spec.assigns, call(doc, layers), doc)
            if timings is not None:
                timings[spec.stage] = timings.get(spec.stage, 0.0) + clock() - t0
        return layers

    def _needed(self, only: Iterable[str] | None) -> list[tuple[StageSpec, Callable]]:
        if only is None:
            return list(zip(self.stages, self._calls, strict=True))
        need, out = set(only), []
        for k in range(len(self.stages) - 1, -1, -1):
            spec = self.stages[k]
            if spec.assigns in need:
                out.append((spec, self._calls[k]))
                before = [s.assigns for s in self.stages[:k]]
                need.update(spec.requires if spec.requires is not None else before)
        return out[::-1]

    def run(self, cleaned: Cleaned, doc: Doc | None = None) -> Analysis:
        """The analysis of one clean article (``doc``: its parse, made here when not given).

        Non-English articles are stored and marked, never mis-coded: no stage runs on them.
        """
        article = cleaned.article
        if not _english(cleaned):
            cleaned.warnings.append(f"language {article.language!r} is not English: "
                                    "the article is stored but not coded")
            return Analysis(article=article, warnings=list(cleaned.warnings))
        if doc is None and len(article.text) > self.settings.piece_chars:
            return self._run_pieces(cleaned)
        return self._analysis(article, doc if doc is not None else self.nlp(article.text), cleaned.warnings)

    def _analysis(self, article: Article, doc: Doc, warnings: list[str]) -> Analysis:
        layers = self.run_layers(doc, article)
        quotes, events = publish_quotes(doc, layers.quotes, layers.events)
        return Analysis(article=article, actors=layers.actors.actors, events=events, quotes=quotes,
                        amounts=layers.amounts, times=layers.times, places=layers.places, warnings=list(warnings))

    def _run_pieces(self, cleaned: Cleaned) -> Analysis:
        """A long article in pieces of whole paragraphs (``pieces.py``): each parsed (``nlp.pipe``, two
        at a time) and analysed alone, the results merged with their offsets into the whole text."""
        article = cleaned.article
        spans = split_pieces(article.text, self.settings.piece_chars)
        merged = Merger(article)
        docs = self.nlp.pipe((article.text[a:b] for a, b in spans), batch_size=2)
        for (start, end), doc in zip(spans, docs, strict=True):
            piece = piece_article(article, start, end)
            merged.add(self._analysis(piece, doc, []), start)
        cleaned.warnings.append(f"{len(article.text):,} characters: analysed in {len(spans)} pieces of at most "
                                f"{self.settings.piece_chars:,} (setting piece_chars)")
        return merged.result(cleaned.warnings)

    # -- whole articles ---------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Load every stage's data once, under a lock.

        Why: the stages load their data lazily on first use (about 4 s). Sixteen API requests arriving
        on a cold server each loaded it at the same time and took 53 s instead of 4.5 s
        (bench/load_api.py); now the first caller loads, the others wait for it.
        """
        if self._warm.is_set():
            return
        with self._warm_lock:
            if not self._warm.is_set():
                raw = RawDocument(text=_WARM_UP_TEXT, media_type="text", source="<warm-up>")
                self.run(self.clean(raw, dt.date(2022, 1, 28)))
                # The model and the stages' data live as long as the process: out of the collector's
                # sight, full collections no longer walk them (≈ 3 % of analysis CPU, bench/throughput.py),
                # and worker processes forked after this (scale/preload.py) keep sharing their pages.
                gc.collect()
                gc.freeze()
                self._warm.set()

    def analyze_raw(self, raw: RawDocument, published: dt.date | str | None = None, *,
                    title: str | None = None, title_line: str | None = None) -> Analysis:
        self.warm_up()
        return self.run(self.clean(raw, published, title=title, title_line=title_line))

    def analyze(self, text_or_html: str | bytes, published: dt.date | str | None = None, *,
                title: str | None = None, url: str | None = None, outlet: str | None = None,
                title_line: str | None = None, _stacklevel: int = 2) -> Analysis:
        """Analyse one article given as plain text or HTML (see ``barometer.analyze``); ``title_line``:
        whether a text's first line is its title (auto, yes, no; default the setting)."""
        raw = self.to_raw(text_or_html, url=url, outlet=outlet)
        for w in raw.warnings:
            _warnings.warn(w, EncodingWarning, stacklevel=_stacklevel)
        return self.analyze_raw(raw, published, title=title, title_line=title_line)

    def analyze_many(self, raws: Iterable[RawDocument], published: dt.date | None = None, *, batch_size: int = 16,
                     skip: Callable[[Article], bool] | None = None,
                     ) -> Iterator[tuple[RawDocument, Analysis | InputError | None]]:
        """Analyse many documents with ``nlp.pipe`` batching, yielding them in input order.

        Bad inputs yield their InputError; articles for which ``skip(article)`` is true (e.g. already
        stored) yield None without being parsed. (Refusals used to come out ahead of the batch they were
        in; tests/hardening/test_properties.py found it.)
        """
        self.warm_up()
        pending: list[tuple[RawDocument, Cleaned | InputError | None]] = []

        def flush() -> Iterator[tuple[RawDocument, Analysis | InputError | None]]:
            cleaned = [c for _, c in pending if isinstance(c, Cleaned)]
            docs = iter(self.parse_many(cleaned, batch_size))
            for raw, c in pending:
                yield raw, self.run(c, next(docs)) if isinstance(c, Cleaned) else c
            pending.clear()

        for raw in raws:
            try:
                cleaned: Cleaned | InputError | None = self.clean(raw, raw.published or published)
            except InputError as exc:
                cleaned = exc
            if isinstance(cleaned, Cleaned) and skip is not None and skip(cleaned.article):
                cleaned = None
            pending.append((raw, cleaned))
            if len(pending) >= batch_size:
                yield from flush()
        if pending:
            yield from flush()


@functools.lru_cache(maxsize=8)
def pipeline_for(settings: Settings) -> Pipeline:
    """One pipeline per settings in this process: worker processes and Dask workers, handed the
    settings of the batch, build theirs once and reuse it for every chunk."""
    return Pipeline.from_settings(settings)


def default_pipeline() -> Pipeline:
    """The pipeline of the library API (``barometer.analyze``): the process's settings, read from
    the environment once (``get_settings()``). Applications pass their own ``Pipeline`` instead."""
    return pipeline_for(get_settings())


# -- the library API: the default pipeline ------------------------------------------------------

def to_raw(text_or_html: str | bytes, *, source: str = "<input>", url: str | None = None,
           outlet: str | None = None, media_type: str | None = None) -> RawDocument:
    return default_pipeline().to_raw(text_or_html, source=source, url=url, outlet=outlet, media_type=media_type)


def warm_up() -> None:
    default_pipeline().warm_up()


def analyze_raw(raw: RawDocument, published: dt.date | str | None = None, *, title: str | None = None) -> Analysis:
    return default_pipeline().analyze_raw(raw, published, title=title)


def analyze(text_or_html: str | bytes, published: dt.date | str | None = None, *, title: str | None = None,
            url: str | None = None, outlet: str | None = None, title_line: str | None = None) -> Analysis:
    """Analyse one article given as plain text or HTML. ``title_line``: whether a text's first line is
    its title — ``auto`` (the default setting: by its shape), ``yes`` or ``no``.

    Raises ``barometer.errors.InputError`` for input that cannot be analysed. Encoding problems
    are recorded in ``Analysis.warnings`` and emitted as ``EncodingWarning``.
    """
    return default_pipeline().analyze(text_or_html, published, title=title, url=url, outlet=outlet,
                                      title_line=title_line, _stacklevel=3)


def analyze_many(raws: Iterable[RawDocument], published: dt.date | None = None, *, batch_size: int = 16,
                 skip: Callable[[Article], bool] | None = None,
                 ) -> Iterator[tuple[RawDocument, Analysis | InputError | None]]:
    return default_pipeline().analyze_many(raws, published, batch_size=batch_size, skip=skip)
