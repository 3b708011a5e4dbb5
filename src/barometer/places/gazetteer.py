"""The place stage's gazetteer: the shared module ``barometer.gazetteer`` (the actor stage reads it too,
for the country of a place its KB does not name), re-exported here under its old name."""

from __future__ import annotations

from barometer.gazetteer import Candidate, build_index, cache_dir, fold, load_index, lookup, use_cache_dir

__all__ = ["Candidate", "build_index", "cache_dir", "fold", "load_index", "lookup", "use_cache_dir"]
