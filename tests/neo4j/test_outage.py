"""A Neo4j outage: the store says so quickly (StoreUnavailable, not a hang) and works again,
the same object, once the server is back.

Stops and restarts a real server (stores.neo4j_server.stop / start).
"""

import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from example_graph import example_batch, example_batches

from stores import StoreUnavailable
from stores.base import StatementFilter
from stores.neo4j_server import start, stop
from stores.neo4j_store import MAX_TRANSACTION_RETRY_TIME, Neo4jStore

pytestmark = pytest.mark.neo4j

# The driver retries for MAX_TRANSACTION_RETRY_TIME, then the error surfaces; a refused
# connection is immediate. Generous for a loaded machine, far below the driver's defaults.
REPORTED_WITHIN = MAX_TRANSACTION_RETRY_TIME + 8.0


def raises_unavailable_quickly(call: Callable[[], object], uri: str) -> float:
    began = time.monotonic()
    with pytest.raises(StoreUnavailable, match=rf"^Neo4j is not reachable at {re.escape(uri)}: "):
        call()
    took = time.monotonic() - began
    assert took < REPORTED_WITHIN
    return took


def test_a_stopped_server_is_reported_and_the_same_store_recovers(stoppable_neo4j_server: Any):
    server = stoppable_neo4j_server
    assert server.config is not None
    server.empty()
    first, second, *_ = example_batches()
    store = Neo4jStore.open(**server.options())
    try:
        store.write(first)
        before = (store.counts(), store.statements(StatementFilter(), 10, 0))

        stop(server.config)
        try:
            calls: list[Callable[[], object]] = [
                store.counts,  # a read
                lambda: store.write(example_batch()),  # a write
                lambda: Neo4jStore.open(**server.options()),  # and opening another store
            ]
            for call in calls:
                raises_unavailable_quickly(call, server.uri)
        finally:
            start(server.config)

        assert (store.counts(), store.statements(StatementFilter(), 10, 0)) == before
        store.write(second)
        assert store.counts().relationships > before[0].relationships
    finally:
        store.close()
