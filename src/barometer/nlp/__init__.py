"""spaCy model loading: one model per process, behind one function; and per-Doc cached views."""

from barometer.nlp.model import get_nlp, load_model
from barometer.nlp.text import doc_text

__all__ = ["doc_text", "get_nlp", "load_model"]
