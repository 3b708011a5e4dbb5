"""The unit of work every executor runs: analyse a chunk of RawDocuments, one outcome per document.

Why a generator of messages: the local process pool watches them to enforce the per-article time
limit — a ``("start", i, phase)`` message says which document a worker is busy with, so when it
hangs or dies the culprit is known and only that article is recorded as failed. Dask and the
in-process executor consume the same generator and keep only the outcomes.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from barometer.errors import BarometerError, InputError
from barometer.ingest.raw import RawDocument
from barometer.model import Analysis


@dataclass
class Outcome:
    """What became of one document: an analysis (with its MinHash signature) or an error."""

    source: str
    analysis: Analysis | None = None
    signature: bytes | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    #: The cleaned article is already stored (found by ``skip_article``): it was not parsed.
    already_stored: bool = False


def _crash(source: str, stage: str, exc: BaseException) -> Outcome:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Outcome(source=source, error=f"{source}: {stage} crashed: {type(exc).__name__}: {exc}{at}")


def load_plugins() -> None:
    """Import the modules named in the ``plugins`` setting (once per process)."""
    import importlib

    from barometer.settings import get_settings

    for name in filter(None, (m.strip() for m in get_settings().plugins.split(","))):
        importlib.import_module(name)


def analyze_chunk_messages(raws: list[RawDocument], published: dt.date | None = None,
                           skip_article: Callable[[str], bool] | None = None) -> Iterator[tuple]:
    """Yield ("start", i, phase) before each step and ("done", i, Outcome) after each document.

    ``skip_article(article_id)`` true (the article is already stored) ends a document after cleaning.
    """
    from barometer.clean import clean_document
    from barometer.nlp import get_nlp
    from barometer.pipeline import _doc_for, _empty_analysis, run_stages
    from barometer.store.stories import signature_of

    load_plugins()
    nlp = get_nlp()
    cleaned: dict[int, object] = {}
    for i, raw in enumerate(raws):
        yield ("start", i, "clean")
        try:
            c = clean_document(raw, published=raw.published or published)
            if skip_article is not None and skip_article(c.article.id):
                yield ("done", i, Outcome(source=raw.source, already_stored=True))
            else:
                cleaned[i] = c
        except InputError as exc:
            yield ("done", i, Outcome(source=raw.source, error=str(exc)))
        except Exception as exc:  # a poison article must not stop the batch
            yield ("done", i, _crash(raw.source, "cleaning", exc))
    english = [i for i, c in cleaned.items() if c.article.language in (None, "en")]
    docs: dict[int, object] = {}
    if english:
        yield ("start", english[0], "parse")
        try:
            docs = dict(zip(english, nlp.pipe([cleaned[i].article.text for i in english],
                                              batch_size=max(1, len(english))), strict=True))
        except Exception:  # one article broke the batch: parse one by one to find it
            docs = {}
    for i, c in cleaned.items():
        raw = raws[i]
        yield ("start", i, "stages")
        try:
            if c.article.language in (None, "en"):
                doc = docs.get(i)
                if doc is None:
                    doc = nlp(c.article.text)
                analysis = run_stages(c, doc)
            else:
                _doc_for(c)
                analysis = _empty_analysis(c)
            yield ("done", i, Outcome(source=raw.source, analysis=analysis, signature=signature_of(c.article.text),
                                      warnings=list(analysis.warnings)))
        except BarometerError as exc:
            yield ("done", i, Outcome(source=raw.source, error=str(exc)))
        except Exception as exc:
            yield ("done", i, _crash(raw.source, "analysis", exc))


def analyze_chunk(raws: list[RawDocument], published: dt.date | None = None) -> list[Outcome]:
    """Outcomes of a chunk, in order (the Dask task)."""
    out: list[Outcome | None] = [None] * len(raws)
    for msg in analyze_chunk_messages(raws, published):
        if msg[0] == "done":
            out[msg[1]] = msg[2]
    return [o if o is not None else Outcome(source=r.source, error=f"{r.source}: no outcome")
            for o, r in zip(out, raws, strict=True)]
