"""Print the news-gold floors for baseline.yaml from one measurement of every split.

Why a script: a floor must sit below its figure by more than noise. On the news gold some figures
rest on few items (done vs not done on ~25 matched pairs: one pair moves it by 0.04), so each floor is
the figure less the larger of 0.01 and two items' worth (2 / n, n the figure's denominator), rounded
down to two decimals. Raising floors is a commit with this script's output.

    PYTHONPATH=src python scripts/news_floors.py            # prints the `news:` section
"""

from __future__ import annotations

import math
from pathlib import Path

from barometer.eval import news

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def denominators(r: dict) -> dict[str, int]:
    """How many items each floored figure counts over."""
    ev, ty, qc, qs = r["event"], r["type"], r["quote_content"], r["quote_speaker"]
    return {"event.f1": ev["gold"], "event.precision": ev["pred"], "event.recall": ev["gold"],
            "type.f1": ty["gold"], "type.recall": ty["gold"], "event_date.f1": r["event_date"]["gold"],
            "done_accuracy": r["done_pairs"], "quote_content.f1": qc["gold"], "quote_speaker.f1": qs["gold"],
            "quote_speaker_accuracy": qc["tp"], "confident.precision": r["confident"]["pred"]}


def floor(value: float, n: int) -> float:
    return max(0.0, math.floor((value - max(0.01, 2 / max(n, 1))) * 100) / 100)


def main() -> None:
    results = news.evaluate_splits(SHARED)
    print("news:")
    for split in ("train", "dev", "test"):
        r = results[split]
        print(f"  {split}:")
        print(f"    sha256: {r['gold_sha256']}")
        n = denominators(r)
        for key, value in news.flat(r).items():
            if value is None:  # no event at or above the confidence bound: nothing to floor
                continue
            print(f"    {key}: {floor(value, n[key]):.2f}  # measured {value:.4f} over {n[key]}")


if __name__ == "__main__":
    main()
