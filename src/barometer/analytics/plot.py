"""A dyad series as a PNG (matplotlib, Agg backend: no display needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from barometer.analytics.alerts import Alert
    from barometer.analytics.series import Series


def plot_series(series: Series, out: str | Path, *, alerts: list[Alert] | None = None,
                marks: dict[str, str] | None = None, title: str | None = None) -> Path:
    """Escalation index and conflict intensity (lines) over done-event and threat counts (bars).

    ``marks`` maps an ISO date to a label drawn as a vertical line (e.g. the invasion day).
    """
    import datetime as dt

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = series.rows
    x = [r["period"] for r in rows]
    fig, ax = plt.subplots(figsize=(11, 4.8), dpi=110)
    width = {"day": 0.8, "week": 5.0, "month": 24.0}[series.by]
    ax2 = ax.twinx()
    ax2.bar(x, [r["events"] for r in rows], width=width, color="#9ecae1", alpha=0.6, label="done events")
    ax2.bar(x, [r["threats"] for r in rows], width=width, bottom=[r["events"] for r in rows], color="#fdd0a2",
            alpha=0.7, label="threats / intentions")
    ax2.set_ylabel("events (count)")
    ax.plot(x, [r["conflict_intensity"] for r in rows], color="#d62728", marker="o", ms=3,
            label="conflict intensity (|Goldstein| per article)")
    ax.plot(x, [r["escalation_index"] for r in rows], color="#333333", marker=".", ms=3, lw=1,
            label="escalation index")
    ax.axhline(0, color="#999999", lw=0.5)
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.set_ylabel("per article")
    for a in alerts or []:
        hit = next((r for r in rows if r["period"] == a.period), None)
        if hit:
            ax.annotate(f"alert {a.z:.1f}σ", (hit["period"], hit["conflict_intensity"]), color="#d62728",
                        xytext=(5, 8), textcoords="offset points", fontsize=8, weight="bold")
    for day, label in (marks or {}).items():
        d = dt.date.fromisoformat(day)
        ax.axvline(d, color="#555555", ls="--", lw=0.8)
        ax.annotate(label, (d, 1), xycoords=("data", "axes fraction"), xytext=(3, -12),
                    textcoords="offset points", fontsize=8)
    ax.set_title(title or f"{series.label} by {series.by}")
    h1, l1 = ax.get_legend_handles_labels()
    h2, l2 = ax2.get_legend_handles_labels()
    ax.legend(h1 + h2, l1 + l2, loc="upper left", fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
