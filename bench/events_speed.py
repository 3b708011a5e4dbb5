"""Speed of the event coding chain on the public gold sets: sentences/second of the whole chain
(spaCy parse, actors, times, places, quotes, events) and the event coder's share of that time.

    PYTHONPATH=src python bench/events_speed.py [--gold plover-gsr-cameo ...] [--repeat 3]

Reads the gold sets in place (../shared/data); prints one line per set (best of --repeat runs).
"""

from __future__ import annotations

import argparse
import time


def main() -> None:
    from barometer.eval.events import code_sentences
    from barometer.eval.gold import data_dir, read_gold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", default=["plover-gsr-cameo", "petr2-gsr-validation", "ud-petrarch-validation"])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    root = data_dir()
    code_sentences(read_gold("petr2-gsr-validation", root)[:5])  # warm up: model load, lexicon caches
    for name in args.gold:
        gold = read_gold(name, root)
        best = None
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            _, timing = code_sentences(gold)
            wall = time.perf_counter() - t0
            if best is None or wall < best[0]:
                best = (wall, timing)
        wall, timing = best
        print(f"{name:<24} {len(gold):>4} sentences  {len(gold) / wall:7.1f} sent/s  "
              f"parse {timing['nlp'] / wall:5.1%}  coder {timing['coder'] / wall:5.1%}")


if __name__ == "__main__":
    main()
