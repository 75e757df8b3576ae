"""Graph stores: one protocol (base.GraphStore), an embedded and a Neo4j implementation.

`open_store(kind, data_dir=...)` picks one; callers depend only on GraphStore.
"""

import importlib
from pathlib import Path
from typing import Any

from stores.base import GraphStore, StoreError, StoreUnavailable
from stores.networkx_store import NetworkxStore

STORE_KINDS = ("embedded", "neo4j")

__all__ = [
    "STORE_KINDS",
    "GraphStore",
    "NetworkxStore",
    "StoreError",
    "StoreUnavailable",
    "open_store",
]


def open_store(kind: str, *, data_dir: Path, **neo4j_options: Any) -> GraphStore:
    """Open the store of this kind: "embedded" (saved under data_dir) or "neo4j".

    neo4j_options (uri, user, password, database, ...) go to the Neo4j store and are ignored
    by the embedded one, so callers can pass every setting whatever the kind.
    """
    if kind == "embedded":
        return NetworkxStore.open(data_dir)
    if kind == "neo4j":
        # Imported here: the embedded store's users never load the Neo4j driver.
        neo4j_store = importlib.import_module("stores.neo4j_store")
        store: GraphStore = neo4j_store.Neo4jStore.open(**neo4j_options)
        return store
    raise StoreError(f"Unknown store kind {kind!r}: use one of {', '.join(STORE_KINDS)}")
