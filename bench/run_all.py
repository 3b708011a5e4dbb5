"""Run the benchmarks (`make bench`): extraction quality, then throughput and memory.

Extraction is scored by `barometer eval extraction` (the Scrapinghub benchmark's own scorer, with the
benchmark's reference systems beside ours); throughput by bench/throughput.py, which takes this
script's arguments (e.g. `--limit 0` for the whole corpus).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    print("== barometer eval extraction --gold scrapinghub", flush=True)
    rc = subprocess.call([sys.executable, "-m", "barometer.cli", "eval", "extraction", "--gold", "scrapinghub"])
    print("== bench/throughput.py", flush=True)
    rc |= subprocess.call([sys.executable, str(HERE / "throughput.py"), *sys.argv[1:]])
    sys.exit(rc)
