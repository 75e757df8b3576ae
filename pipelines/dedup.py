"""Near-duplicate reports of one story: MinHash over word shingles, LSH buckets to find them.

Two outlets reprinting one wire story differ in boilerplate, punctuation and apostrophes
("Japan’s" / "Japans"), so texts are compared as sets of word 3-grams of their body, lower
case, letters and digits only. A reprint's statements take the ids of the matching
statements of the story it reprints, so one statement links to every document carrying it.
"""

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from pipelines.documents import Document

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
THRESHOLD = 0.6  # reprints of one story measure ~0.85; different stories on one topic < 0.3
SHINGLE = 3
QUOTE_MATCH = 0.6  # word-set overlap above which two quotes are the same words


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def signature(document: Document) -> list[int]:
    """The MinHash signature of a document's body, as plain ints (storable anywhere)."""
    tokens = words(" ".join(document.paragraphs))
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode() for s in shingles])
    return [int(v) for v in minhash.hashvalues]


class ReprintIndex:
    """Finds the stored document a new one reprints, in LSH buckets (no pairwise scan)."""

    def __init__(self, signatures: dict[str, list[int]] | None = None) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._minhashes: dict[str, MinHash] = {}
        for doc_id, values in (signatures or {}).items():
            self.add(doc_id, values)

    def add(self, doc_id: str, values: list[int]) -> None:
        if doc_id in self._minhashes or len(values) != NUM_PERM:
            return
        minhash = _minhash(values)
        self._lsh.insert(doc_id, minhash)
        self._minhashes[doc_id] = minhash

    def original_of(self, doc_id: str, values: list[int]) -> str | None:
        """The most similar other document above the threshold, or None."""
        minhash = _minhash(values)
        best, best_score = None, THRESHOLD
        for other in self._lsh.query(minhash):
            if other == doc_id:
                continue
            score = minhash.jaccard(self._minhashes[other])
            if score >= best_score and (best is None or score > best_score or other < best):
                best, best_score = other, score
        return best


def _minhash(values: list[int]) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.array(values, dtype=np.uint64), scheme=SCHEME)


def same_words(a: str, b: str) -> float:
    """Overlap of two quotes' word sets (Jaccard)."""
    wa, wb = set(words(a)), set(words(b))
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def matching_id(
    quote: str, speaker_id: str, candidates: Iterable[tuple[str, str, str]]
) -> str | None:
    """The id of the candidate (id, speaker id, quote) where the same speaker says the same
    words, if any. A different speaker never matches: a statement has one speaker."""
    best, best_score = None, QUOTE_MATCH
    for cand_id, cand_speaker, cand_quote in candidates:
        score = same_words(quote, cand_quote)
        if cand_speaker == speaker_id and score > best_score:
            best, best_score = cand_id, score
    return best
