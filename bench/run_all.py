"""Run every benchmark in bench/ (`make bench`): extraction quality, then throughput and memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    rc = 0
    for script in ("extraction.py", "throughput.py"):
        print(f"== {script}", flush=True)
        rc |= subprocess.call([sys.executable, str(HERE / script), *sys.argv[1:]] if script == "throughput.py"
                              else [sys.executable, str(HERE / script)])
    sys.exit(rc)
