"""Near-duplicate detection: syndicated copies of one wire story become one story cluster.

Why MinHash LSH over word shingles: an AFP or Reuters story reprinted by ten outlets differs by a
headline, a trimmed last paragraph or an inserted "Read more" line — exact hashes miss these, while
the Jaccard similarity of their word 5-gram sets stays high. On real pairs from the Ukraine news
corpus (tests/store/test_stories.py), re-reported copies of one story sit at exact Jaccard 0.54–0.60
(MinHash estimate 0.60–0.61) and different stories on the same topic and day at 0.19–0.30 (estimate
0.20–0.25); 0.5 sits in that gap. LSH finds candidates in sub-linear time; each candidate is then
checked against the MinHash estimate of Jaccard.

``STORY_THRESHOLD`` (0.5) is the Jaccard similarity from which two texts count as copies of one story.
It is tested on real pairs in tests/store/test_stories.py.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

#: Jaccard similarity (word 5-gram sets) from which two articles are copies of one story.
STORY_THRESHOLD = 0.5
#: Words per shingle.
SHINGLE_WORDS = 5
#: MinHash permutations (signature = NUM_PERM × 8 bytes).
NUM_PERM = 128
_SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word k-grams; short texts fall back to their whole token sequence."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def _minhash(text: str):  # noqa: ANN202 - datasketch.MinHash
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=_SEED)
    sh = shingles(text)
    if sh:
        m.update_batch(list(sh))
    return m


def signature_of(text: str) -> bytes:
    """The MinHash signature of a text, as bytes (stored in the ``minhash`` table)."""
    return _minhash(text).hashvalues.astype(np.uint64).tobytes()


def _from_bytes(sig: bytes):  # noqa: ANN202 - datasketch.LeanMinHash
    from datasketch import LeanMinHash

    return LeanMinHash(seed=_SEED, hashvalues=np.frombuffer(sig, dtype=np.uint64), scheme=_scheme())


@lru_cache(maxsize=1)
def _scheme() -> str:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED).scheme


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two texts' shingle sets."""
    return float(_minhash(a).jaccard(_minhash(b)))


class StoryIndex:
    """An in-memory LSH index of the most recently stored articles: article id → story id, queried
    by signature.

    Why a window (``window`` articles, setting ``story_window``): the index costs ≈ 9 KB per article
    (bench/memory_flat.py), so an index of every article ever stored would grow without bound in a
    writer that runs for months; wire copies of a story appear within hours or days of each other,
    so the oldest articles are forgotten first. 0 = no limit.
    """

    def __init__(self, threshold: float = STORY_THRESHOLD, window: int = 0) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.window = max(0, window)
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.story: dict[str, str] = {}  # insertion order = oldest first
        self.sigs: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self.story)

    def match(self, sig: bytes) -> str | None:
        """Story id of the most similar stored article at or above the threshold (ties: smallest id)."""
        m = _from_bytes(sig)
        best: tuple[float, str] | None = None
        for aid in self.lsh.query(m):
            sim = float(m.jaccard(self.sigs[aid]))
            if sim >= self.threshold and (best is None or (-sim, aid) < (-best[0], best[1])):
                best = (sim, aid)
        return self.story[best[1]] if best else None

    def insert(self, article_id: str, story_id: str, sig: bytes) -> None:
        if article_id in self.story:
            return
        m = _from_bytes(sig)
        self.lsh.insert(article_id, m)
        self.story[article_id] = story_id
        self.sigs[article_id] = m
        while self.window and len(self.story) > self.window:
            self.remove(next(iter(self.story)))

    def remove(self, article_id: str) -> None:
        """Forget an article (its transaction was rolled back)."""
        if self.story.pop(article_id, None) is not None:
            self.lsh.remove(article_id)
            del self.sigs[article_id]
