# Two entry points for a newcomer: `make demo` and `make test`. Both build .venv by themselves.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint install clean bench load fuzz fuzz-smoke

$(BIN)/python:
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PY=/path/to/python3.11)"; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/barometer demo

test: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/python -m pytest -q; rc=$$?; if [ $$rc -eq 5 ]; then echo 'no tests ran: that is a failure'; fi; exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

# The API under load on loopback while a batch ingests (docs/reliability.md); bench/out/load.json.
load: $(STAMP)
	$(BIN)/python bench/load_api.py

# Coverage-guided fuzzing (atheris) of the input parsers; bounded, never part of `make test`.
# `make fuzz` runs each harness FUZZ_TIME seconds (default 120: about 12 minutes in all);
# `make fuzz-smoke` runs each for 7 seconds (under a minute in all), for CI. A crash stops the run
# with exit 1 and leaves the input in fuzz/crashes/<target>/.
FUZZ_TARGETS ?= decode clean html feed warc jsonl
FUZZ_TIME ?= 120
FUZZ_STAMP := $(VENV)/.installed-fuzz

$(FUZZ_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,fuzz]"
	@touch $(FUZZ_STAMP)

fuzz: $(FUZZ_STAMP)
	@cd fuzz; for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz_$$t ($(FUZZ_TIME) s)"; mkdir -p crashes/$$t; \
	  ../$(BIN)/python fuzz_$$t.py -max_total_time=$(FUZZ_TIME) -print_final_stats=1 >crashes/$$t/last-run.log 2>&1; \
	  rc=$$?; tail -n 12 crashes/$$t/last-run.log; \
	  if [ $$rc -ne 0 ]; then echo "fuzz_$$t failed (exit $$rc): input in fuzz/crashes/$$t/, log in crashes/$$t/last-run.log"; exit 1; fi; \
	done

fuzz-smoke:
	$(MAKE) fuzz FUZZ_TIME=7

clean:
	rm -rf $(VENV) barometer.duckdb .pytest_cache
