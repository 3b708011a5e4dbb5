"""The escalation index: what each coded event weighs, written once as SQL expressions.

Why SQL fragments and not Python: the series, the alerts and the dashboard all aggregate in the
database, so the definition must be an expression the database evaluates (standard SQL, so it
runs on DuckDB and PostgreSQL alike). The formula is documented in docs/analytics.md:

    weight(e)            = |Goldstein(e)|   (or the QuadClass default when Goldstein is missing)
    conflict(p)          = Σ weight(e) over done events with QuadClass 3 or 4 in period p
    cooperation(p)       = Σ weight(e) over done events with QuadClass 1 or 2 in period p
    conflict_intensity   = conflict(p) / articles(p)
    escalation_index(p)  = (conflict(p) − cooperation(p)) / articles(p)

``articles(p)`` is the number of stored articles published in period p (all of them, not only
those about the dyad): a busy news day multiplies events *and* articles, so it is not an
escalation by itself. "Done" events are those whose status is in ``DONE_STATUSES``
(asserted/reported); announced and conditional events are threats or intentions and are
summed separately (``threat_intensity``), never mixed into the index.
"""

from __future__ import annotations

from barometer.model import DONE_STATUSES

#: Statuses shown as threats/intentions, separately from done events.
THREAT_STATUSES: tuple[str, ...] = ("announced", "conditional")

#: Goldstein value assumed for an event whose coder gave none, by QuadClass (typical CAMEO values).
QUAD_DEFAULT_GOLDSTEIN: dict[int, float] = {1: 2.0, 2: 6.0, 3: -3.0, 4: -8.0}


def _in_list(values: tuple[str, ...]) -> str:
    # Fixed, code-defined status names (never user input): safe to inline as literals.
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


DONE_SQL = _in_list(DONE_STATUSES)
THREAT_SQL = _in_list(THREAT_STATUSES)


def weight_sql(alias: str = "e") -> str:
    """|Goldstein| of an event, falling back to the QuadClass default."""
    cases = " ".join(f"WHEN {q} THEN {v}" for q, v in QUAD_DEFAULT_GOLDSTEIN.items())
    return f"ABS(COALESCE({alias}.goldstein, CASE {alias}.quad_class {cases} ELSE 0 END))"


def conflict_sql(alias: str = "e", statuses: str = DONE_SQL) -> str:
    return (f"CASE WHEN {alias}.status IN {statuses} AND {alias}.quad_class IN (3, 4) "
            f"THEN {weight_sql(alias)} ELSE 0 END")


def cooperation_sql(alias: str = "e", statuses: str = DONE_SQL) -> str:
    return (f"CASE WHEN {alias}.status IN {statuses} AND {alias}.quad_class IN (1, 2) "
            f"THEN {weight_sql(alias)} ELSE 0 END")


def is_done_sql(alias: str = "e") -> str:
    return f"{alias}.status IN {DONE_SQL}"


def is_threat_sql(alias: str = "e") -> str:
    return f"{alias}.status IN {THREAT_SQL}"
