"""What a query command was asked for, checked against what exists: actor codes, event types, statuses.

Why: ``barometer dyad RUS XYZ`` printed a table of zeros and ``events --type MOBILZE`` "0 event(s)",
as if nothing had happened, when the code or type was a typo. A value that names nothing known is a
usage error (exit 2), one line with the closest known values; case never matters (``rus`` is
``RUS``, ``asserted`` is ``ASSERTED``), as in the API.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from barometer.errors import InputError, one_line
from barometer.model import EventStatus

STATUSES: tuple[str, ...] = EventStatus.__args__  # type: ignore[attr-defined]


def _unknown(what: str, value: str, known: Iterable[str], hint: str = "") -> InputError:
    close = difflib.get_close_matches(value, sorted(set(known)), n=3, cutoff=0.5)
    maybe = f"; did you mean {', '.join(close)}?" if close else ""
    return InputError(f"unknown {what} {one_line(value)!r}{maybe}{hint}")


def event_type(value: str | None) -> str | None:
    """A PLOVER type, upper-cased; an unknown one is an ``InputError`` naming the closest."""
    if not value:
        return None
    from barometer.events.ontology import ontology

    wanted = value.strip().upper()
    types = [t for t in ontology()]
    if wanted not in types:
        raise _unknown("event type", value, types, f" (PLOVER types: {', '.join(types)})")
    return wanted


def status(value: str | None) -> str | None:
    """An event status, lower-cased; an unknown one is an ``InputError`` listing them."""
    if not value:
        return None
    wanted = value.strip().lower()
    if wanted not in STATUSES:
        raise _unknown("status", value, STATUSES, f" (statuses: {', '.join(STATUSES)})")
    return wanted


def _kb_codes() -> set[str]:
    from barometer.actors.kb import load_kb

    kb = load_kb()
    return {c for r in kb.records.values() for c in (r.code, r.country) if c}


def actor_code(store: Any, value: str | None) -> str | None:
    """An actor code, ISO3 country or code prefix, upper-cased. Known: any code or country of a stored
    event (or a prefix of one), and any code of the actor knowledge base; else an ``InputError``."""
    if not value:
        return None
    wanted = value.strip().upper()
    _, rows = store.query("SELECT DISTINCT c FROM (SELECT source_code AS c FROM events UNION "
                          "SELECT target_code FROM events UNION SELECT source_country FROM events UNION "
                          "SELECT target_country FROM events) t WHERE c IS NOT NULL")
    stored = {r[0].upper() for r in rows}
    if wanted in stored or any(c.startswith(wanted) for c in stored):
        return wanted
    known = _kb_codes()
    if wanted in known:
        return wanted
    raise _unknown("actor code", value, stored | known, " (a CAMEO-style code such as RUSMIL, an ISO3 country "
                   "such as UKR, or an organisation such as NATO)")
