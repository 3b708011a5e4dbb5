"""A dyad series as a PNG (matplotlib, Agg backend: no display needed).

Two panels on one continuous time axis: conflict intensity and escalation index (lines, with the
zero line) above, done events and threats per period (bars from zero) below, so bars never seem to
start below zero. A period without stories is a gap in the lines, never bridged. Each alert's
period is marked and labelled with its top event; the legend sits below the chart, off the data.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from barometer.analytics.alerts import Alert
    from barometer.analytics.series import Series


def _nan(v: float | None) -> float:
    return math.nan if v is None else float(v)


def annotation(alert: Alert) -> str:
    """The label of an alert on a chart: its top event's type and actors, and how many stories it rests on."""
    e = alert.top_event
    head = f"{e['type']} {e['source']}→{e['target']}" if e else f"alert {alert.score:.1f}"
    return f"{head} · {alert.stories} stories"


def _runs(xs: list, flags: list[bool]) -> list[tuple]:
    """The (first, last) of each run of consecutive flagged points."""
    out, start, prev = [], None, None
    for x, f in zip(xs, flags, strict=True):
        if f and start is None:
            start = x
        if not f and start is not None:
            out.append((start, prev))
            start = None
        prev = x
    if start is not None:
        out.append((start, prev))
    return out


def plot_series(series: Series, out: str | Path, *, alerts: list[Alert] | None = None,
                marks: dict[str, str] | None = None, title: str | None = None) -> Path:
    """Escalation index and conflict intensity over done-event and threat counts, one time axis.

    ``marks`` maps an ISO date to a label drawn as a vertical line (e.g. the invasion day).
    """
    import datetime as dt

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = series.rows
    x = [r["period"] for r in rows]
    fig, (ax, bars) = plt.subplots(2, 1, sharex=True, figsize=(11, 6.2), dpi=110,
                                   gridspec_kw={"height_ratios": [2.2, 1], "hspace": 0.08})
    width = {"day": 0.8, "week": 5.0, "month": 24.0}[series.by]
    bars.bar(x, [r["events"] for r in rows], width=width, color="#6baed6", label="done events")
    bars.bar(x, [r["threats"] for r in rows], width=width, bottom=[r["events"] for r in rows], color="#fdae6b",
             label="threats / intentions")
    bars.set_ylim(bottom=0)
    bars.set_ylabel("events")
    ax.plot(x, [_nan(r["conflict_intensity"]) for r in rows], color="#d62728", marker="o", ms=3,
            label="conflict intensity (|Goldstein| per story)")
    ax.plot(x, [_nan(r["escalation_index"]) for r in rows], color="#333333", marker=".", ms=3, lw=1,
            label="escalation index")
    ax.axhline(0, color="#999999", lw=0.6)
    ax.set_ylabel("per story")
    half = dt.timedelta(days=width / 2)
    for lo, hi in _runs([r["period"] for r in rows], [r["articles"] == 0 for r in rows]):
        ax.axvspan(lo - half, hi + half, color="#f0f0f0", lw=0)  # no stored story speaks of these: unknown
    top = max([v for r in rows if (v := r["conflict_intensity"]) is not None] or [1.0])
    for n, a in enumerate(sorted(alerts or [], key=lambda a: a.period)):
        hit = next((r for r in rows if r["period"] == a.period), None)
        if hit is None or hit["conflict_intensity"] is None:
            continue
        ax.axvline(a.period, color="#d62728", lw=0.6, ls=":")
        ax.annotate(annotation(a), (a.period, hit["conflict_intensity"]), xytext=(0, 16 + 13 * (n % 3)),
                    textcoords="offset points", fontsize=7.5, color="#8b0000", ha="center",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85},
                    arrowprops={"arrowstyle": "-", "color": "#8b0000", "lw": 0.6})
    ax.set_ylim(top=top * 1.45 if top > 0 else 1)
    for day, label in (marks or {}).items():
        d = dt.date.fromisoformat(day)
        for axis in (ax, bars):
            axis.axvline(d, color="#555555", ls="--", lw=0.8)
        ax.annotate(label, (d, 1), xycoords=("data", "axes fraction"), xytext=(3, -12),
                    textcoords="offset points", fontsize=8)
    arrow = "→" if series.directed else "–"
    ax.set_title(title or f"{series.a} {arrow} {series.b} by {series.by} (event date; done = asserted)")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = bars.get_legend_handles_labels()
    fig.legend(h1 + h2, l1 + l2, loc="lower center", ncol=4, fontsize=8, frameon=False)
    fig.autofmt_xdate()
    fig.subplots_adjust(bottom=0.17, top=0.93, left=0.07, right=0.98)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
