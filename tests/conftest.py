"""Shared fixtures: the spaCy model (loaded once), the seed article, and ../shared gold data."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "france24-2022-01-28-ukraine.txt"
SEED_DATE = dt.date(2022, 1, 28)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with a stated reason when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"gold data {p} is absent (../shared is not beside this checkout)")
    return p


@pytest.fixture(scope="session")
def nlp():
    from barometer.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return shared_path("seed", "france24-2022-01-28-ukraine.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def seed_analysis(seed_text):
    from barometer import analyze

    # The seed's first line is its headline, and it ends with a full stop ("A new pressure tool in the
    # Ukrainian crisis."): by its shape a sentence, so title_line auto keeps it as text. Say it is the title.
    return analyze(seed_text, SEED_DATE, title_line="yes")


# -- stores shared by the analytics, API and web tests (built once per session) -----------------

#: The synthetic crisis: (week start, articles that week, RUS→UKR done events per article-batch).
SYNTHETIC_START = dt.date(2022, 1, 3)  # Monday of ISO week 2022-W01
SYNTHETIC_SPIKE_WEEK = dt.date(2022, 2, 21)  # 2022-W08: material conflict jumps
SYNTHETIC_BUSY_WEEK = dt.date(2022, 1, 31)  # 2022-W05: four times the articles, same rate of events
SYNTHETIC_OUTLETS = ("Daily Synthetic", "The Synthetic Times", "Synthetic Wire")


_FILLER = ("border talks envoy grain port winter gas pipeline ceasefire monitors convoy bridge river "
           "harbour railway embassy parliament budget election court strike harvest drought market "
           "currency refinery airport corridor summit observer mission hospital school power").split()


def _synthetic_analyses() -> list:
    """Hand-made analyses: 10 articles a week, one verbal RUS→UKR conflict in every other article,
    a busy week with 4x articles and 4x events (not an escalation), threats and a cooperation in
    W06, and a week (W08) in which every article reports RUS military strikes on Ukraine."""
    import hashlib

    from barometer.model import Actor, Analysis, Article, Event, Span

    names = {"RUS": ("Russia", "RUS", None), "RUSMIL": ("Russian forces", "RUS", "MIL"),
             "UKR": ("Ukraine", "UKR", None), "FRA": ("France", "FRA", None)}
    out = []
    rng = random.Random(2022)
    for week in range(10):
        start = SYNTHETIC_START + dt.timedelta(weeks=week)
        n_articles = 40 if start == SYNTHETIC_BUSY_WEEK else 10
        for i in range(n_articles):
            day = start + dt.timedelta(days=i % 5)
            specs: list[tuple[str, str, str, str, int, float, str]] = []  # src, verb, tgt, type, quad, gold, status
            if start == SYNTHETIC_SPIKE_WEEK:
                specs.append(("RUSMIL", "struck", "UKR", "ASSAULT", 4, -10.0, "asserted"))
                specs.append(("RUS", "attacked", "UKR", "ASSAULT", 4, -10.0, "asserted"))
            elif i % 2 == 0:
                specs.append(("RUS", "accused", "UKR", "ACCUSE", 3, -2.0, "asserted"))
            if week == 5 and i < 3:
                specs.append(("RUS", "threatened", "UKR", "THREATEN", 3, -7.0, "announced"))
                specs.append(("FRA", "consulted", "RUS", "CONSULT", 1, 1.0, "asserted"))
            # A distinct lead per article: each is its own story, not a near-duplicate wire copy.
            lead = " ".join(rng.choice(_FILLER) for _ in range(24))
            sentences = [f"Report {week}.{i} from {day.isoformat()}: {lead}."]
            sentences += [f"{names[s][0]} {verb} {names[t][0]} on day {day.isoformat()}." for s, verb, t, *_ in specs]
            text = " ".join(sentences)
            actors: dict[str, Actor] = {}
            events = []
            pos = len(sentences[0]) + 1
            for k, ((s, _verb, t, typ, quad, gold, status), sent) in enumerate(zip(specs, sentences[1:], strict=True)):
                for code, off in ((s, pos), (t, pos + sent.index(" " + names[t][0] + " ") + 1)):
                    name, country, sector = names[code]
                    a = actors.setdefault(code, Actor(id=code, name=name, kind="state", country=country, sector=sector,
                                                      code=code))
                    a.mentions.append(Span(start=off, end=off + len(name), text=name))
                events.append(Event(id=f"e{k + 1}", type=typ, quad_class=quad, goldstein=gold, source=s, target=t,
                                    status=status, date=day, rule=f"synthetic.{typ.lower()}",
                                    evidence=Span(start=pos, end=pos + len(sent), text=sent)))
                pos += len(sent) + 1
            if not events:  # every report speaks of its day: an event with no actors (the volume of news)
                events.append(Event(id="e1", type="CONSULT", quad_class=1, goldstein=1.0, status="asserted", date=day,
                                    rule="synthetic.background",
                                    evidence=Span(start=0, end=len(sentences[0]), text=sentences[0])))
            article = Article(id=hashlib.sha256(text.encode()).hexdigest(), title=f"Synthetic report {week}.{i}",
                              published=day, text=text, outlet=SYNTHETIC_OUTLETS[i % len(SYNTHETIC_OUTLETS)])
            out.append(Analysis(article=article, actors=list(actors.values()), events=events))
    return out


@pytest.fixture(scope="session")
def synthetic_store_path(tmp_path_factory) -> Path:
    """A store file holding ``_synthetic_analyses()`` (no NLP: fast and independent of the coder)."""
    from barometer.store import DuckStore

    path = tmp_path_factory.mktemp("synthetic") / "synthetic.duckdb"
    with DuckStore(path) as store:
        for analysis in _synthetic_analyses():
            assert store.add(analysis)
    return path


@pytest.fixture(scope="session")
def sample_store_path(tmp_path_factory) -> Path:
    """A store file built once from the bundled sample articles (the demo's data), through the real pipeline."""
    from barometer.batch import ingest_paths
    from barometer.cli.demo import sample_paths
    from barometer.store import DuckStore

    path = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    with DuckStore(path) as store:
        report = ingest_paths(sample_paths(), store, date_from_names=True, progress=False)
        assert report.ok, report.failed
    return path
