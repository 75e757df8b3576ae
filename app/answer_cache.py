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

    def get_or_build(self, key: str, build: Callable[[], bytes]) -> bytes:
        """The cached answer for key if still fresh, else build() (cached, if enabled).

        build runs outside the lock: two threads missing the same key both build it.
        """
        if self.ttl <= 0:
            return build()
        now = self._clock()
        with self._lock:
            found = self._answers.get(key)
            if found is not None and now - found[0] < self.ttl:
                self._answers.move_to_end(key)
                return found[1]
            generation = self._generation
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
