"""Neo4jStore writes, checked with Cypher straight through the driver: idempotency, batching,
and that a refused write leaves nothing behind.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from example_graph import NODE_COUNT, REL_COUNT, example_batch, example_batches

from graph_schema import Label, RelType
from stores import NetworkxStore, StoreError, open_store
from stores.base import GraphBatch, NodeRow, RelRow, StatementFilter
from stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j

SCHEMA_VERSION_NODES = 1  # the (:SchemaVersion) node Neo4jStore.open records


# The speaker tallies Neo4jStore keeps for the example graph, one per (speaker, stance,
# target): Petrova criticizes the alliance and the US and supports the fisheries treaty;
# Mei Lin criticizes the alliance and supports the pact; Mori supports the alliance.
TALLY_RELS = 6


def database_counts(server: Any) -> tuple[int, int]:
    """Nodes and relationships in the database, speaker tallies included."""
    with server.driver() as driver:
        nodes = driver.execute_query("MATCH (n) RETURN count(n) AS n").records[0]["n"]
        rels = driver.execute_query("MATCH ()-[r]->() RETURN count(r) AS n").records[0]["n"]
    return nodes, rels


@pytest.fixture
def store(clean_neo4j: Any) -> Iterator[Neo4jStore]:
    with Neo4jStore.open(**clean_neo4j.options()) as opened:
        yield opened


def test_writing_the_same_batch_twice_changes_nothing(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    first = database_counts(clean_neo4j)
    assert first == (NODE_COUNT + SCHEMA_VERSION_NODES, REL_COUNT + TALLY_RELS)
    store.write(example_batch())
    for batch in example_batches():
        store.write(batch)
    assert database_counts(clean_neo4j) == first
    counts = store.counts()
    assert (counts.nodes, counts.relationships) == (NODE_COUNT, REL_COUNT)


def test_the_example_graph_counts_the_same_in_the_embedded_store(tmp_path: Any):
    # Guards NODE_COUNT and REL_COUNT themselves (no server needed).
    with NetworkxStore.open(tmp_path) as embedded:
        embedded.write(example_batch())
        counts = embedded.counts()
    assert (counts.nodes, counts.relationships) == (NODE_COUNT, REL_COUNT)


@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_any_batch_size_writes_the_same_graph(clean_neo4j: Any, tmp_path: Any, batch_size: int):
    with Neo4jStore.open(**clean_neo4j.options(), batch_size=batch_size) as store:
        store.write(example_batch())
        found = store.statements(StatementFilter(), 100, 0)
        counts = store.counts()
    with NetworkxStore.open(tmp_path) as embedded:
        embedded.write(example_batch())
        assert found == embedded.statements(StatementFilter(), 100, 0)
        assert counts == embedded.counts()


def test_open_store_passes_the_neo4j_options(clean_neo4j: Any, tmp_path: Any):
    store = open_store("neo4j", data_dir=tmp_path, **clean_neo4j.options(), batch_size=2)
    try:
        assert isinstance(store, Neo4jStore)
        assert (store.kind, store.batch_size, store.database) == ("neo4j", 2, "neo4j")
    finally:
        store.close()


def test_rows_repeated_in_one_batch_write_what_they_would_write_one_by_one(
    store: Neo4jStore, clean_neo4j: Any, tmp_path: Any
):
    # New nodes and relationships are created rather than merged: their repeats within
    # the batch must still end up as one, with the properties of the rows in order.
    first, again, reworded = (
        NodeRow(label=Label.STATEMENT, id="st:new", props=props)
        for props in (
            {"quote": "q", "kind": "direct", "role": "minister"},
            {"quote": "q", "kind": "direct"},
            {"quote": "q2", "role": None},
        )
    )
    country = NodeRow(label=Label.COUNTRY, id="country:X", props={"name": "X"})
    said = RelRow(type=RelType.SAID, start="country:X", end="st:new")
    batches = [
        GraphBatch(nodes=[country]),
        GraphBatch(
            nodes=[first, again, reworded],
            rels=[
                said,
                RelRow(
                    type=RelType.CRITICIZES,
                    start="st:new",
                    end="country:X",
                    props={"evidence": "a"},
                ),
                RelRow(
                    type=RelType.CRITICIZES,
                    start="st:new",
                    end="country:X",
                    props={"confidence": 0.5},
                ),
                said,
            ],
        ),
    ]
    with NetworkxStore.open(tmp_path) as embedded:
        for batch in batches:
            store.write(batch)
            embedded.write(batch)
        assert store.get_statements(["st:new"]) == embedded.get_statements(["st:new"])
        assert store.counts() == embedded.counts()
    [statement] = store.get_statements(["st:new"])
    assert (statement.quote, statement.role) == ("q2", None)
    assert [(r.evidence, r.confidence) for r in statement.relations] == [("a", 0.5)]
    assert database_counts(clean_neo4j)[1] == 3  # SAID, CRITICIZES and its tally


def test_a_relationship_whose_node_vanished_rolls_the_whole_write_back(
    store: Neo4jStore, clean_neo4j: Any, monkeypatch: pytest.MonkeyPatch
):
    # As if another writer deleted a node between the check and the MERGE: the check is
    # told the node exists, the MERGE finds it missing, and the nodes already merged in the
    # same transaction must go too.
    real_look_up = Neo4jStore._stored_labels

    def look_up_claiming_a_ghost(self: Neo4jStore, tx: Any, batch: GraphBatch) -> dict[str, Label]:
        return {**real_look_up(self, tx, batch), "person:ghost": Label.PERSON}

    monkeypatch.setattr(Neo4jStore, "_stored_labels", look_up_claiming_a_ghost)
    batch = GraphBatch(
        nodes=[NodeRow(label=Label.STATEMENT, id="st:new", props={"quote": "q", "kind": "direct"})],
        rels=[RelRow(type=RelType.SAID, start="person:ghost", end="st:new")],
    )
    with pytest.raises(StoreError, match="1 of 1 found no start or end node"):
        store.write(batch)
    assert database_counts(clean_neo4j) == (SCHEMA_VERSION_NODES, 0)


def test_a_missing_node_is_refused_before_anything_is_written(store: Neo4jStore, clean_neo4j):
    batch = example_batch()
    batch.rels.append(RelRow(type=RelType.MENTIONS, start="st:mei-pact", end="country:XXX"))
    with pytest.raises(StoreError, match="node 'country:XXX' does not exist"):
        store.write(batch)
    assert database_counts(clean_neo4j) == (SCHEMA_VERSION_NODES, 0)


def test_a_node_cannot_change_label(store: Neo4jStore):
    store.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="x", props={"name": "X"})]))
    with pytest.raises(StoreError, match="cannot be merged as a Person"):
        store.write(GraphBatch(nodes=[NodeRow(label=Label.PERSON, id="x")]))
    with pytest.raises(StoreError, match="cannot be merged as a Document"):
        store.write(GraphBatch(nodes=[NodeRow(label=Label.DOCUMENT, id="x")]))
    assert store.counts().by_label["Country"] == 1


@pytest.mark.parametrize(
    "props",
    [{"nested": {"a": 1}}, {"mixed": [1, "a"]}, {"when": object()}, {"id": "y"}],
    ids=["map", "mixed-list", "object", "reserved-id"],
)
def test_properties_a_store_cannot_hold_are_refused(store: Neo4jStore, props: dict[str, Any]):
    with pytest.raises(StoreError):
        store.write(GraphBatch(nodes=[NodeRow(label=Label.DOCUMENT, id="doc:x", props=props)]))
    assert store.counts().nodes == 0


def test_a_property_set_to_none_is_removed(store: Neo4jStore, clean_neo4j: Any):
    store.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="x", props={"name": "X"})]))
    store.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="x", props={"wikidata": "Q1"})]))
    store.write(GraphBatch(nodes=[NodeRow(label=Label.COUNTRY, id="x", props={"wikidata": None})]))
    with clean_neo4j.driver() as driver:
        [record] = driver.execute_query(
            "MATCH (n:Country:Entity {id: 'x'}) RETURN properties(n) AS props"
        ).records
    assert record["props"] == {"id": "x", "name": "X", "name_key": "x"}


def test_a_closed_store_refuses_work(clean_neo4j: Any):
    store = Neo4jStore.open(**clean_neo4j.options())
    store.close()
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.counts()
    with pytest.raises(StoreError, match="closed"):
        store.write(example_batch())
