"""The unit of work every executor runs: analyse a chunk of RawDocuments, one outcome per document.

Why a generator of messages: the local process pool watches them to enforce the per-article time
limit — a ``("start", i, phase)`` message says which document a worker is busy with, so when it
hangs or dies the culprit is known and only that article is recorded as failed. Dask and the
in-process executor consume the same generator and keep only the outcomes. Every step is a method
of the ``Pipeline`` the executor was given (``clean``, ``parse_many``, ``run``): this module knows
the steps of a chunk, not the stages.
"""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from barometer.errors import BarometerError, InputError
from barometer.ingest.raw import RawDocument
from barometer.model import Analysis
from barometer.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from barometer.clean.article import Cleaned
    from barometer.pipeline import Pipeline


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
    #: The error is the input's (an ``InputError``: empty, binary, no text left…), not a fault of the batch.
    refused: bool = False


def _crash(source: str, stage: str, exc: BaseException) -> Outcome:
    where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    at = f" at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}" if where else ""
    return Outcome(source=source, error=f"{source}: {stage} crashed: {type(exc).__name__}: {exc}{at}")


def analyze_chunk_messages(raws: list[RawDocument], pipeline: Pipeline, published: dt.date | None = None,
                           skip_article: Callable[[str], bool] | None = None) -> Iterator[tuple]:
    """Yield ("start", i, phase) before each step and ("done", i, Outcome) after each document.

    ``skip_article(article_id)`` true (the article is already stored) ends a document after cleaning.
    """
    from barometer.store.stories import signature_of

    cleaned: dict[int, Cleaned] = {}
    for i, raw in enumerate(raws):
        yield ("start", i, "clean")
        try:
            c = pipeline.clean(raw, raw.published or published)
            if skip_article is not None and skip_article(c.article.id):
                yield ("done", i, Outcome(source=raw.source, already_stored=True))
            else:
                cleaned[i] = c
        except InputError as exc:
            yield ("done", i, Outcome(source=raw.source, error=str(exc), refused=True))
        except Exception as exc:  # a poison article must not stop the batch
            yield ("done", i, _crash(raw.source, "cleaning", exc))
    english = [i for i, c in cleaned.items() if c.article.language in (None, "en")]
    docs: dict[int, Doc | None] = {}
    if english:
        yield ("start", english[0], "parse")
        try:
            docs = dict(zip(cleaned, pipeline.parse_many(list(cleaned.values()), batch_size=len(english)),
                            strict=True))
        except Exception:  # one article broke the batch: parse one by one to find it
            docs = {}
    for i, c in cleaned.items():
        raw = raws[i]
        yield ("start", i, "stages")
        try:
            analysis = pipeline.run(c, docs.get(i))  # parsed here, alone, when the batch parse failed
            yield ("done", i, Outcome(source=raw.source, analysis=analysis, signature=signature_of(c.article.text),
                                      warnings=list(analysis.warnings)))
        except BarometerError as exc:
            yield ("done", i, Outcome(source=raw.source, error=str(exc), refused=isinstance(exc, InputError)))
        except Exception as exc:
            yield ("done", i, _crash(raw.source, "analysis", exc))


def analyze_chunk(raws: list[RawDocument], published: dt.date | None = None,
                  settings: Settings | None = None) -> list[Outcome]:
    """Outcomes of a chunk, in order (the Dask task: the worker builds the pipeline of ``settings``
    once and reuses it; without settings, the process's default pipeline)."""
    from barometer.pipeline import default_pipeline, pipeline_for

    pipeline = pipeline_for(settings) if settings is not None else default_pipeline()
    out: list[Outcome | None] = [None] * len(raws)
    for msg in analyze_chunk_messages(raws, pipeline, published):
        if msg[0] == "done":
            out[msg[1]] = msg[2]
    return [o if o is not None else Outcome(source=r.source, error=f"{r.source}: no outcome")
            for o, r in zip(out, raws, strict=True)]
