"""A test plugin (``BAROMETER_PLUGINS=tests.stub_stages``): stages registered under new names.

``test.stub_coder.v1`` codes one event per article, with the rule ``stub.coder``: any output that
carries it was made by the stub, wherever the pipeline ran (this process, a worker process, a Dask
worker, an evaluation). ``test.needs_events`` declares a layer no stage before it assigns.
"""

from __future__ import annotations

from barometer.model import Event, Span
from barometer.registry import register

RULE = "stub.coder"


@register("event_coder", "test.stub_coder.v1", requires=("article",), assigns="events")
def stub_coder(doc, layers):  # noqa: ANN001, ANN201, ARG001 - the stage contract: (doc, layers) -> layer
    text = layers.article.text
    end = min(len(text), 20)
    return [Event(id="e1", type="CONSULT", cameo="040", quad_class=1, evidence=Span(start=0, end=end, text=text[:end]),
                  rule=RULE, confidence=0.5)]


@register("actor_resolver", "test.needs_events", requires=("events",), assigns="actors")
def needs_events(doc, layers):  # noqa: ANN001, ANN201, ARG001
    raise AssertionError("never run: the pipeline refuses it before any article is read")
