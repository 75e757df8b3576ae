"""The schema Neo4jStore.open applies: constraints, indexes, the version node, and that the
read queries the API leans on find their start through an index (by plan, not by time).
"""

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from example_graph import ALLIANCE, PETROVA, example_batch

from graph_schema import SCHEMA_VERSION, Label, RelType, Stance
from stores import StoreError, cypher
from stores.base import StatementFilter
from stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


def schema_names(kind: str) -> set[str]:
    """Names of the constraints ("CONSTRAINT") or indexes ("INDEX") in constraints.cypher."""
    pattern = re.compile(rf"^CREATE (?:\w+ )?{kind} (\w+) IF NOT EXISTS")
    return {m.group(1) for s in cypher.schema_statements() if (m := pattern.match(s))}


def operator_types(plan: dict[str, Any]) -> list[str]:
    """Every operator of a plan tree, as named in it less the runtime ("Expand(Into)")."""
    found = [plan["operatorType"].split("@")[0]]
    for child in plan.get("children", []):
        found.extend(operator_types(child))
    return found


def plan_operators(plan: dict[str, Any]) -> list[str]:
    """Every operator of a plan tree, without suffixes ("NodeUniqueIndexSeek(Locking)@neo4j")."""
    return [op.split("(")[0] for op in operator_types(plan)]


@pytest.fixture
def store(clean_neo4j: Any) -> Iterator[Neo4jStore]:
    with Neo4jStore.open(**clean_neo4j.options()) as opened:
        yield opened


def test_the_schema_file_names_constraints_and_indexes():
    assert len(schema_names("CONSTRAINT")) == 8
    assert len(schema_names("INDEX")) == 8


def test_constraints_and_indexes_exist_after_open(store: Neo4jStore, clean_neo4j: Any):
    with clean_neo4j.driver() as driver:
        constraints = driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties"
        ).records
        indexes = driver.execute_query("SHOW INDEXES YIELD name, type, state, options").records
    by_name = {r["name"]: r for r in constraints}
    assert schema_names("CONSTRAINT") <= set(by_name)
    assert by_name["entity_id"]["type"] == "UNIQUENESS"
    assert (by_name["entity_id"]["labelsOrTypes"], by_name["entity_id"]["properties"]) == (
        ["Entity"],
        ["id"],
    )
    states = {r["name"]: (r["type"], r["state"]) for r in indexes}
    for name in schema_names("INDEX"):
        assert states[name][1] == "ONLINE", name
    assert states["entity_names"][0] == "FULLTEXT"
    assert states["entity_name_key"][0] == "RANGE"
    assert states["entity_keys"][0] == "FULLTEXT"
    # Name resolution reads its index right after a write: whole keys, updated in the commit.
    config = {r["name"]: r["options"]["indexConfig"] for r in indexes}
    assert config["entity_keys"]["fulltext.analyzer"] == "keyword"
    assert config["entity_keys"]["fulltext.eventually_consistent"] is False


def test_opening_twice_changes_nothing(store: Neo4jStore, clean_neo4j: Any):
    with clean_neo4j.driver() as driver:

        def schema() -> tuple[list[str], list[str], int]:
            constraints = driver.execute_query("SHOW CONSTRAINTS YIELD name").records
            indexes = driver.execute_query("SHOW INDEXES YIELD name").records
            versions = driver.execute_query(
                f"MATCH (v:{cypher.SCHEMA_VERSION_LABEL}) RETURN count(v) AS n"
            ).records[0]["n"]
            return (
                sorted(r["name"] for r in constraints),
                sorted(r["name"] for r in indexes),
                versions,
            )

        before = schema()
        with Neo4jStore.open(**clean_neo4j.options()) as again:
            again.write(example_batch())
        assert schema() == before
        assert before[2] == 1


def test_the_schema_version_is_recorded(store: Neo4jStore, clean_neo4j: Any):
    with clean_neo4j.driver() as driver:
        [record] = driver.execute_query(
            f"MATCH (v:{cypher.SCHEMA_VERSION_LABEL}) RETURN v.id AS id, v.version AS version"
        ).records
    assert (record["id"], record["version"]) == (cypher.SCHEMA_VERSION_ID, SCHEMA_VERSION)
    assert store.counts().nodes == 0  # bookkeeping, not graph


def test_another_schema_version_is_refused(store: Neo4jStore, clean_neo4j: Any):
    with clean_neo4j.driver() as driver:
        driver.execute_query(f"MATCH (v:{cypher.SCHEMA_VERSION_LABEL}) SET v.version = 999")
    with pytest.raises(StoreError, match="uses graph schema version 999, this diplograph uses"):
        Neo4jStore.open(**clean_neo4j.options())


def explain(server: Any, query: str, params: dict[str, Any]) -> list[str]:
    with server.driver() as driver, driver.session() as session:
        plan = session.run(f"EXPLAIN {query}", params).consume().plan
    assert plan is not None
    return plan_operators(plan)


def test_who_criticized_x_starts_from_the_entity_id_index(store: Neo4jStore, clean_neo4j):
    store.write(example_batch())
    queries = cypher.statement_queries(
        StatementFilter(target_ids=[ALLIANCE.id], stance=Stance.CRITICIZES)
    )
    params = {**queries.params, "offset": 0, "limit": 50}
    for query in (queries.page, queries.speakers):
        operators = explain(clean_neo4j, query, {**params, "newest": 5})
        assert "NodeUniqueIndexSeek" in operators, operators
        assert "AllNodesScan" not in operators


def test_who_criticized_x_reads_the_tallies_from_the_entity_id_index(
    store: Neo4jStore, clean_neo4j: Any
) -> None:
    store.write(example_batch())
    query = cypher.tallied_speakers(Stance.CRITICIZES)
    params = {"target": ALLIANCE.id, "offset": 0, "limit": 20, "newest": 5}
    operators = explain(clean_neo4j, query, params)
    assert "NodeUniqueIndexSeek" in operators, operators
    assert not {"AllNodesScan", "NodeByLabelScan"} & set(operators), operators
    # Only the page is sorted, not every speaker of the target.
    assert "Top" in operators or "PartialTop" in operators, operators


def test_a_write_finds_a_tally_through_its_key_index(store: Neo4jStore, clean_neo4j: Any) -> None:
    # Not among all the tallies of one end: a popular target has thousands.
    store.write(example_batch())
    query = cypher.stored_tallies(Stance.CRITICIZES)
    operators = explain(clean_neo4j, query, {"keys": ["1:ab"]})
    assert any(op.endswith("RelationshipIndexSeek") for op in operators), operators
    assert "Expand" not in operators, operators


def test_who_did_x_criticize_starts_from_the_speaker(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    queries = cypher.statement_queries(
        StatementFilter(speaker_ids=[PETROVA.id], stance=Stance.CRITICIZES)
    )
    params = {**queries.params, "offset": 0, "limit": 50}
    operators = explain(clean_neo4j, queries.page, params)
    assert "NodeUniqueIndexSeek" in operators, operators


def test_entity_look_up_uses_the_unique_index(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    for query in (cypher.GET_ENTITY, cypher.NEIGHBORS, cypher.DOCUMENT_STATEMENTS):
        operators = explain(clean_neo4j, query, {"id": ALLIANCE.id})
        assert "NodeUniqueIndexSeek" in operators, (query, operators)


def test_a_date_window_reads_the_statement_date_index(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    window = StatementFilter(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 1, 31))
    queries = cypher.statement_queries(window)
    operators = explain(clean_neo4j, queries.page, {**queries.params, "offset": 0, "limit": 50})
    assert operators.count("NodeIndexSeekByRange") == 2, operators  # the count and the page
    assert "NodeByLabelScan" not in operators


def test_statements_by_id_use_the_unique_index(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    operators = explain(clean_neo4j, cypher.GET_STATEMENTS, {"ids": ["statement:x"]})
    assert "NodeUniqueIndexSeek" in operators, operators
    assert "NodeByLabelScan" not in operators


def test_names_resolve_through_the_key_index(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    params = {"key": "japanusalliance", "lucene": '"japanusalliance"', "label": None}
    operators = explain(clean_neo4j, cypher.EXACT_ENTITIES, params)
    assert "ProcedureCall" in operators, operators  # db.index.fulltext.queryNodes
    assert not {"AllNodesScan", "NodeByLabelScan"} & set(operators), operators
    assert [e.id for e in store.exact_entities("Japan–US alliance", None)] == [ALLIANCE.id]


def test_writes_find_nodes_through_the_unique_indexes(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    rows = [{"start": "x", "end": "y", "props": {}}]
    query = cypher.merge_relationships(RelType.SAID, cypher.ENTITY, Label.STATEMENT.value)
    assert explain(clean_neo4j, query, {"rows": rows}).count("NodeUniqueIndexSeek") == 2
    operators = explain(clean_neo4j, cypher.NODE_LABELS, {"ids": ["x"]})
    assert operators.count("NodeUniqueIndexSeek") == 3


def test_counts_read_only_the_count_store(store: Neo4jStore, clean_neo4j: Any):
    store.write(example_batch())
    operators = set(explain(clean_neo4j, cypher.COUNTS, {}))
    assert operators == {
        "ProduceResults",
        "Projection",
        "Apply",
        "NodeCountFromCountStore",
        "RelationshipCountFromCountStore",
    }
