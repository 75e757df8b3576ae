"""Opening a Neo4j store: what a wrong setting or a missing server gives, in one line."""

import socket
import time
from typing import Any

import pytest

from stores import StoreError, StoreUnavailable, open_store
from stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


def test_nothing_listening_is_unavailable_at_once(tmp_path: Any):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    uri = f"bolt://127.0.0.1:{port}"
    began = time.monotonic()
    with pytest.raises(StoreUnavailable, match=f"^Neo4j is not reachable at {uri}: "):
        open_store("neo4j", data_dir=tmp_path, uri=uri, user="neo4j", password="whatever")
    assert time.monotonic() - began < 10


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"password": None}, "No password for Neo4j at bolt://127.0.0.1:1: set NEO4J_PASSWORD"),
        ({"password": ""}, "No password"),
        ({"password": "x", "batch_size": 0}, "batch size must be at least 1"),
        ({"password": "x", "uri": "http://127.0.0.1:1"}, "Cannot connect to Neo4j at 'http:"),
    ],
)
def test_bad_options_are_store_errors(options: dict[str, Any], message: str):
    with pytest.raises(StoreError, match=message) as raised:
        Neo4jStore.open(**{"uri": "bolt://127.0.0.1:1", "user": "neo4j", **options})
    assert not isinstance(raised.value, StoreUnavailable)


def test_a_wrong_password_is_a_store_error_that_says_so(neo4j_server: Any):
    # One attempt only: Neo4j locks a user out for a few seconds after three.
    with pytest.raises(StoreError, match="refused the password of user 'neo4j'") as raised:
        Neo4jStore.open(uri=neo4j_server.uri, user="neo4j", password="not-the-password")
    assert not isinstance(raised.value, StoreUnavailable)
    assert "not-the-password" not in str(raised.value)
