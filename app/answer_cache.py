"""Recent answers of the read routes, kept for a few seconds and dropped on every ingest.

Analysts ask the same few questions far more often than the rest ("who criticized NATO"
follows the popularity of its targets), and a dashboard repeats its requests. Each answer
costs store queries and the encoding of up to hundreds of statements; a repeated request
within `ttl` seconds gets the same bytes back instead. An ingest through this API clears
every answer at once; a write by another process (a CLI ingest into the same Neo4j) shows
within `ttl` seconds. A ttl of 0 turns the cache off.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode


def answer_key(path: str, query_string: bytes) -> str:
    """The cache key of a GET request: its path and its query parameters in a fixed order,
    so that the same question asked with its parameters in another order is one answer.
    The query string is read as Starlette reads it (latin-1, blank values kept)."""
    params = sorted(parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    return f"{path}?{urlencode(params)}"


class AnswerCache:
    """A thread-safe LRU of encoded answers by request key, each valid for `ttl` seconds."""

    def __init__(
        self, ttl: float, max_entries: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._clock = clock
        self._lock = threading.Lock()
        self._answers: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._generation = 0  # bumped by clear(): an answer built before it is not kept

    def get(self, key: str) -> bytes | None:
        """The cached answer for key if still fresh, else None."""
        if self.ttl <= 0:
            return None
        now = self._clock()
        with self._lock:
            found = self._answers.get(key)
            if found is None or now - found[0] >= self.ttl:
                return None
            self._answers.move_to_end(key)
            return found[1]

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The cached answer for key if still fresh, else build() (cached, if enabled).

        build runs outside the lock: two threads missing the same key both build it.
        """
        if self.ttl <= 0:
            return build()
        found = self.get(key)
        if found is not None:
            return found
        with self._lock:
            generation = self._generation
        now = self._clock()
        answer = build()
        with self._lock:
            if generation == self._generation:  # no ingest since build() started
                self._answers[key] = (now, answer)
                self._answers.move_to_end(key)
                while len(self._answers) > self.max_entries:
                    self._answers.popitem(last=False)
        return answer

    def clear(self) -> None:
        """Forget every answer (the graph changed)."""
        with self._lock:
            self._answers.clear()
            self._generation += 1
