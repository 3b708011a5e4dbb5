"""A test plugin (BAROMETER_PLUGINS=tests.scale.poison_stages): an event coder that misbehaves on cue.

Articles containing POISONHANG loop forever, POISONCRASH raise, POISONDIE kill their process,
SLOWLY take a second (a window to kill their worker from outside); every article is then coded by
the real v1 coder.
"""

from __future__ import annotations

import os
import time

from barometer import registry


@registry.register("event_coder", "test.poison_coder")
def poison_coder(doc, ctx):  # noqa: ANN001, ANN201
    text = doc.text
    if "POISONHANG" in text:
        while True:
            pass
    if "POISONCRASH" in text:
        raise RuntimeError("stage blew up on purpose")
    if "POISONDIE" in text:
        os._exit(3)
    if "SLOWLY" in text:
        time.sleep(1.0)
    return registry.get("event_coder", "barometer.event_coder.v1")(doc, ctx)
