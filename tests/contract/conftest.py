"""The store contract suite runs every test once per store kind.

`store` is a fresh, empty store; `reopen()` opens the same store again (same data) for the
persistence tests. Both come from `make_store`, the one place that knows how to open each
kind. The Neo4j kind runs on the session's server (tests/conftest.py: `neo4j_server`),
skipped with the reason where no server can run.
"""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest

from stores import GraphStore, NetworkxStore

# Small, so that the story's few rows still go to Neo4j in several UNWIND batches.
NEO4J_BATCH_SIZE = 4


class Neo4jTestServer(Protocol):
    """What make_store needs from the `neo4j_server` fixture."""

    def options(self) -> dict[str, Any]: ...

    def empty(self) -> None: ...


STORE_KINDS = [
    pytest.param("embedded", id="embedded"),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j),
]


def make_store(
    kind: str, tmp_path: Path, neo4j_server: Neo4jTestServer | None = None
) -> GraphStore:
    """Open the store of this kind whose data belongs to the test owning tmp_path.

    The first call in a test must give an empty store; later calls in the same test must
    reopen the same data. The Neo4j kind needs the `neo4j_server` fixture's server.
    """
    if kind == "embedded":
        return NetworkxStore.open(tmp_path / "embedded")
    if kind == "neo4j":
        from stores.neo4j_store import Neo4jStore

        if neo4j_server is None:
            raise ValueError("make_store('neo4j', ...) needs the neo4j_server fixture's server")
        # One database serves every test: empty it at the test's first call only, which
        # leaves a mark in the test's own tmp_path.
        emptied = tmp_path / "neo4j-emptied"
        if not emptied.exists():
            neo4j_server.empty()
            emptied.touch()
        return Neo4jStore.open(**neo4j_server.options(), batch_size=NEO4J_BATCH_SIZE)
    raise ValueError(f"Unknown store kind {kind!r}")


@pytest.fixture(params=STORE_KINDS)
def store_kind(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture
def reopen(
    store_kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], GraphStore]]:
    """Opens the store under test (again); every store opened is closed after the test."""
    opened: list[GraphStore] = []
    server = request.getfixturevalue("neo4j_server") if store_kind == "neo4j" else None

    def open_again() -> GraphStore:
        store = make_store(store_kind, tmp_path, server)
        opened.append(store)
        return store

    yield open_again
    for store in opened:
        store.close()


@pytest.fixture
def store(reopen: Callable[[], GraphStore]) -> GraphStore:
    return reopen()
