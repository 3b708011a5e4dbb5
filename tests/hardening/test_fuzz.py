"""The fuzz harnesses in fuzz/: every crash they found stays fixed, and a short smoke run of each.

Why both: ``make fuzz`` runs for minutes and is not part of the test run, so the inputs that once
crashed a parser are kept in tests/hardening/crashes/ (named ``<target>-<what>.<ext>``) and
replayed through the same harness here, where they must end in a pass or our documented
``InputError``. The smoke run (a few hundred atheris executions per harness) proves the harnesses
still start and run; it is skipped with a reason when atheris is not installed (``pip install
-e .[fuzz]``; wheels exist for CPython 3.11 on Linux x86-64).
"""

from __future__ import annotations

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from barometer.errors import InputError

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "fuzz"
CRASHES = Path(__file__).resolve().parent / "crashes"
TARGETS = sorted(p.stem.removeprefix("fuzz_") for p in FUZZ.glob("fuzz_*.py"))

#: What a replayed crash must now produce: None = accepted, else a fragment of the InputError message.
EXPECTED = {
    "decode-utf16-truncated.bin": None,
    "warc-missing-target-uri.warc": "malformed WARC/ARC archive",
    "feed-keyerror-links.xml": "broken feed XML",
}


def harness(target: str):  # noqa: ANN201 - a harness module
    if str(FUZZ) not in sys.path:
        sys.path.insert(0, str(FUZZ))
    return importlib.import_module(f"fuzz_{target}")


def test_every_target_has_a_harness_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text()
    listed = next(line for line in makefile.splitlines() if line.startswith("FUZZ_TARGETS"))
    assert sorted(listed.split("=", 1)[1].split()) == TARGETS


@pytest.mark.parametrize("crash", sorted(p.name for p in CRASHES.iterdir()), ids=str)
def test_crash_inputs_stay_fixed(crash):
    target = crash.split("-", 1)[0]
    assert target in TARGETS, f"{crash}: no harness fuzz_{target}.py"
    assert crash in EXPECTED, f"{crash}: say in EXPECTED what it must produce now"
    data = (CRASHES / crash).read_bytes()
    expected = EXPECTED[crash]
    if expected is None:
        harness(target).one_input(data)
    else:
        with pytest.raises(InputError, match=expected):
            harness(target).one_input(data)


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None,
                    reason="atheris not installed (pip install -e .[fuzz]); `make fuzz` needs it too")
@pytest.mark.parametrize("target", TARGETS)
def test_fuzz_smoke(target, tmp_path):
    # -runs bounds the work, not the wall time: a few hundred mutated inputs from the seed corpus.
    proc = subprocess.run([sys.executable, f"fuzz_{target}.py", "-runs=300", "-seed=1", "-max_len=4096"],
                          cwd=FUZZ, capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, f"fuzz_{target} crashed:\n{proc.stderr[-3000:]}"
    assert "Done 300 runs" in proc.stderr
