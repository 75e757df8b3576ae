"""Every node and relationship of a store, as the rows stores are written with.

`iter_graph(store)` yields a NodeRow for every node, then a RelRow for every relationship,
with all their properties as stored (search keys and MinHash signatures included), so that
writing the rows into an empty store rebuilds the same graph. Exports (app/export.py) are
built on it.

The GraphStore protocol has no such read yet. Until it does (as `iter_graph()` on every
store), this module reads the embedded store's graph itself, and a store that offers an
`iter_graph()` method is read through it.
"""

from collections.abc import Iterator

from graph_schema import Label, RelType
from stores.base import GraphStore, NodeRow, RelRow, StoreError
from stores.networkx_store import NetworkxStore


def iter_graph(store: GraphStore) -> Iterator[NodeRow | RelRow]:
    """Every node of the store, then every relationship (StoreError if it cannot list them)."""
    own = getattr(store, "iter_graph", None)
    if callable(own):
        rows: Iterator[NodeRow | RelRow] = own()
        return rows
    if isinstance(store, NetworkxStore):
        return _networkx_rows(store)
    raise StoreError(
        f"The {store.kind} store cannot list its whole graph yet; "
        "export from the embedded store (--store embedded)"
    )


def _networkx_rows(store: NetworkxStore) -> Iterator[NodeRow | RelRow]:
    # A snapshot taken under the store's lock: the rows stay consistent while a caller
    # writes them out slowly, and no lock is held between yields.
    with store._lock:
        store._ready()
        graph = store._graph
        nodes = [(node_id, dict(attrs)) for node_id, attrs in graph.nodes(data=True)]
        rels = [(u, v, k, dict(attrs)) for u, v, k, attrs in graph.edges(keys=True, data=True)]
    for node_id, attrs in nodes:
        label = attrs.pop("label")
        yield NodeRow(label=Label(label), id=node_id, props=attrs)
    for start, end, rel_type, attrs in rels:
        yield RelRow(type=RelType(rel_type), start=start, end=end, props=attrs)
