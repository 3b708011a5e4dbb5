"""Change tests over one dyad's series: is this period's value out of line with the periods before it?

Each test reads a dyad's periods in order — ``Point(period, volume, value, stories)``: the stories
that speak of the period (its volume), the dyad's intensity (conflict or escalation weight per
story) and how many of those stories carry the dyad's conflict — and scores every period against
the ``window`` periods before it. Periods without any story are gaps: they are skipped, never
counted as calm, and a baseline must cover at least ``min_periods`` periods with stories.

* ``poisson`` (the default, docs/analytics.md says why): the number of stories carrying the dyad's
  conflict, against what the baseline's share of such stories predicts for this period's volume.
  Score = −log10 P(X ≥ stories) for X ~ Poisson(share × volume), the share smoothed with one
  pseudo-story so that a dyad new to the news does not get p = 0 from a single story.
  Counting stories, not events, is what keeps one long article with twenty events from raising an
  alert by itself.
* ``sigma``: z = (value − baseline mean) / max(baseline sd, min_sigma) on the intensity.
* ``cusum``: a one-sided cumulative sum of the same z, less a slack of ``CUSUM_K`` per period, that
  fires when it reaches the threshold and then starts again from zero (slow, sustained rises).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

METHODS = ("poisson", "sigma", "cusum")
#: The default threshold of each method's score: −log10 p (p ≤ 0.001), z ≥ 3, CUSUM ≥ 4 σ.
THRESHOLDS = {"poisson": 3.0, "sigma": 3.0, "cusum": 4.0}
#: The CUSUM's slack per period, in baseline standard deviations (the textbook k = 0.5).
CUSUM_K = 0.5


@dataclass(frozen=True)
class Point:
    period: object  # a date: the period's first day
    volume: int  # stories speaking of the period
    value: float  # the dyad's intensity (weight per story)
    stories: int  # stories carrying the dyad's conflict (escalation: net conflict)
    events: int = 0  # the dyad's done events


@dataclass(frozen=True)
class Score:
    index: int  # position of the period in the points given
    score: float
    z: float
    baseline_mean: float
    baseline_sd: float
    baseline_periods: int
    expected_stories: float | None = None
    p_value: float | None = None


def poisson_tail(k: int, mu: float) -> float:
    """P(X ≥ k) for X ~ Poisson(mu), summed in log space (no overflow for large k or mu)."""
    if k <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    # 1 − P(X ≤ k − 1) loses precision when the tail is tiny: sum the tail itself instead.
    log_term = -mu + k * math.log(mu) - math.lgamma(k + 1)
    total, j = 0.0, k
    while True:
        term = math.exp(log_term)
        total += term
        j += 1
        log_term += math.log(mu) - math.log(j)
        if j > mu and term < total * 1e-15:
            break
    return min(1.0, total)


def _baselines(points: Sequence[Point], window_days: int, min_periods: int,
               ) -> Iterator[tuple[int, list[Point]]]:
    """For each period with stories: the periods with stories in the ``window_days`` before it."""
    for i, p in enumerate(points):
        if p.volume <= 0:
            continue
        base = [q for q in points[:i] if q.volume > 0 and 0 < (p.period - q.period).days <= window_days]
        if len(base) >= min_periods:
            yield i, base


def _mean_sd(values: list[float]) -> tuple[float, float]:
    return statistics.fmean(values), statistics.stdev(values) if len(values) > 1 else 0.0


def score(method: str, points: Sequence[Point], *, window_days: int, min_periods: int, min_sigma: float,
          threshold: float) -> Iterator[Score]:
    """Every scored period of one dyad's series (those with a long enough baseline); an alert is a
    score at or above ``threshold`` (after which the CUSUM starts again from zero)."""
    cusum, last = 0.0, None
    for i, base in _baselines(points, window_days, min_periods):
        p = points[i]
        mean, sd = _mean_sd([q.value for q in base])
        z = (p.value - mean) / max(sd, min_sigma)
        if method == "sigma":
            yield Score(i, z, z, mean, sd, len(base))
        elif method == "cusum":
            if last is not None and base[-1] is not points[last]:
                cusum = 0.0  # the baseline skipped periods: a gap in the news restarts the sum
            cusum = max(0.0, cusum + z - CUSUM_K)
            last = i
            yield Score(i, cusum, z, mean, sd, len(base))
            if cusum >= threshold:
                cusum = 0.0
        elif method == "poisson":
            share = (sum(q.stories for q in base) + 1.0) / (sum(q.volume for q in base) + 1.0)
            mu = share * p.volume
            pv = poisson_tail(p.stories, mu)
            yield Score(i, -math.log10(max(pv, 1e-300)), z, mean, sd, len(base), round(mu, 4), pv)
        else:  # pragma: no cover - checked by the caller
            raise ValueError(method)
