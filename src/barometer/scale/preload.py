"""Imported once by the local pool's fork server: loads the model and every stage's data there.

Why: each worker process is forked from the fork server, so a worker that starts after this import
is ready at once (no model load of its own, ~2–4 s and ~0.5 GB each) and shares those pages with
its siblings until it writes to them. A failure here is not fatal: the worker then loads what it
needs itself, and reports any error the way it always did.
"""

from __future__ import annotations

try:
    from barometer.pipeline import warm_up

    warm_up()
except Exception:  # noqa: BLE001, S110 - the worker loads (and reports) it itself
    pass
