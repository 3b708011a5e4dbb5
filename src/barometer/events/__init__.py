"""Events: PLOVER event coding with modality and evidence."""

from barometer.events.coder import code_events
from barometer.events.ontology import ontology

__all__ = ["code_events", "ontology"]
