"""spaCy model loading: one model per process, behind one function."""

from barometer.nlp.model import get_nlp, load_model

__all__ = ["get_nlp", "load_model"]
