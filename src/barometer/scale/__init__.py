"""Scale-out execution of the pipeline: local worker processes (``local``) and Dask (``dask``).

Every executor yields ``(RawDocument, Outcome)`` in input order; one writer stores them.
"""

from barometer.scale.work import Outcome, analyze_chunk

__all__ = ["Outcome", "analyze_chunk"]
