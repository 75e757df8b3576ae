"""Neo4jStore's speaker tallies (stores/tallies.py): kept exact by every write, built for a
database that has none, and answering "who took this stance on X" as counting would.

The embedded store counts statements when asked, so it is the reference here.
"""

import datetime as dt
import random
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from example_graph import ALLIANCE, ENTITIES, MEI, PETROVA, example_batch

from graph_schema import Label, RelType, Stance
from stores import NetworkxStore
from stores.base import GraphBatch, GraphStore, NodeRow, RelRow, StatementFilter
from stores.neo4j_store import Neo4jStore
from stores.tallies import KEEP

pytestmark = pytest.mark.neo4j


@pytest.fixture
def store(clean_neo4j: Any) -> Iterator[Neo4jStore]:
    with Neo4jStore.open(**clean_neo4j.options()) as opened:
        yield opened


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[NetworkxStore]:
    with NetworkxStore.open(tmp_path) as opened:
        yield opened


def who(store: GraphStore, target: str, stance: Stance, newest: int = 5) -> list[tuple]:
    where = StatementFilter(target_ids=[target], stance=stance)
    page = store.speakers(where, 50, 0, newest)
    rows = [(t.speaker.id, t.count, t.first_date, t.last_date, t.newest) for t in page.items]
    return [*rows, page.total]


def newest_ids(row: tuple) -> tuple:
    """A row of who() with its statements as ids."""
    return (*row[:4], [statement.id for statement in row[4]])


def every_answer(store: GraphStore) -> dict[tuple[str, Stance], list[tuple]]:
    return {(t, stance): who(store, t, stance) for t in ENTITIES for stance in Stance}


def tally_count(server: Any) -> int:
    with server.driver() as driver:
        query = "MATCH ()-[t:CRITICIZES_TALLY|SUPPORTS_TALLY]->() RETURN count(t) AS n"
        return driver.execute_query(query).records[0]["n"]


def pieces(batch: GraphBatch, seed: int) -> list[GraphBatch]:
    """The batch as one write per node and one per relationship, relationships shuffled:
    a statement's speaker, stances and date arrive in any order, in separate writes."""
    rels = list(batch.rels)
    random.Random(seed).shuffle(rels)
    return [GraphBatch(nodes=[node]) for node in batch.nodes] + [
        GraphBatch(rels=[rel]) for rel in rels
    ]


@pytest.mark.parametrize("seed", [1, 2])
def test_tallies_written_piece_by_piece_answer_as_counting_does(
    store: Neo4jStore, embedded: NetworkxStore, clean_neo4j: Any, seed: int
) -> None:
    for piece in pieces(example_batch(), seed):
        store.write(piece)
        embedded.write(piece)
    store.write(example_batch())  # again: nothing counts twice
    assert every_answer(store) == every_answer(embedded)
    assert who(store, ALLIANCE.id, Stance.CRITICIZES)[0][:2] == (MEI.id, 2)
    assert tally_count(clean_neo4j) == 6


def test_a_statement_that_changes_date_moves_its_speakers_dates(
    store: Neo4jStore, embedded: NetworkxStore
) -> None:
    moved = GraphBatch(
        nodes=[NodeRow(label=Label.STATEMENT, id="st:mei-relic", props={"date": "2023-12-31"})]
    )
    undated = GraphBatch(
        nodes=[NodeRow(label=Label.STATEMENT, id="st:petrova-jan", props={"date": None})]
    )
    for batch in (example_batch(), moved, undated):
        store.write(batch)
        embedded.write(batch)
    answer = who(store, ALLIANCE.id, Stance.CRITICIZES)
    assert newest_ids(answer[0]) == (
        MEI.id, 2, dt.date(2023, 12, 31), dt.date(2024, 3, 10), ["st:mei-again", "st:mei-relic"]
    )  # fmt: skip
    assert newest_ids(answer[1]) == (PETROVA.id, 1, None, None, ["st:petrova-jan"])
    assert every_answer(store) == every_answer(embedded)


def many_statements(count: int) -> GraphBatch:
    """`count` statements of Petrova criticizing the alliance, some on the same day, a few
    undated."""
    batch = GraphBatch(
        nodes=[
            NodeRow(label=Label.PERSON, id=PETROVA.id, props={"name": PETROVA.name}),
            NodeRow(label=Label.ALLIANCE, id=ALLIANCE.id, props={"name": ALLIANCE.name}),
        ]
    )
    for n in range(count):
        statement_id = f"st:many-{n:03d}"
        date = None if n % 17 == 0 else (dt.date(2020, 1, 1) + dt.timedelta(days=n // 3))
        props = {"quote": f"Statement {n}.", "kind": "direct"}
        if date is not None:
            props["date"] = date.isoformat()
        batch.nodes.append(NodeRow(label=Label.STATEMENT, id=statement_id, props=props))
        batch.rels.append(RelRow(type=RelType.SAID, start=PETROVA.id, end=statement_id))
        batch.rels.append(RelRow(type=RelType.CRITICIZES, start=statement_id, end=ALLIANCE.id))
    return batch


def test_a_tally_keeps_the_newest_statements_and_counts_them_all(
    store: Neo4jStore, embedded: NetworkxStore
) -> None:
    batch = many_statements(KEEP + 30)
    half = len(batch.nodes) // 2
    for part in (
        GraphBatch(nodes=batch.nodes[:half], rels=[]),
        GraphBatch(nodes=batch.nodes[half:], rels=batch.rels[::2]),
        GraphBatch(rels=batch.rels[1::2]),
    ):
        store.write(part)
        embedded.write(part)
    for newest in (0, 3, KEEP, KEEP + 5):  # more than a tally keeps: counted in the graph
        expected = who(embedded, ALLIANCE.id, Stance.CRITICIZES, newest)
        assert who(store, ALLIANCE.id, Stance.CRITICIZES, newest) == expected
    assert expected[0][1] == KEEP + 30
    assert len(expected[0][4]) == KEEP + 5


def test_a_database_without_tallies_gets_them_when_opened(
    store: Neo4jStore, embedded: NetworkxStore, clean_neo4j: Any
) -> None:
    store.write(example_batch())
    embedded.write(example_batch())
    with clean_neo4j.driver() as driver:  # as a diplograph before tallies left it
        driver.execute_query("MATCH ()-[t:CRITICIZES_TALLY|SUPPORTS_TALLY]->() DELETE t")
        driver.execute_query("MATCH (v:SchemaVersion) REMOVE v.tallies")
    with Neo4jStore.open(**clean_neo4j.options(), batch_size=2) as reopened:
        assert tally_count(clean_neo4j) == 6
        assert every_answer(reopened) == every_answer(embedded)
        assert reopened.rebuild_tallies() == 6


def test_concurrent_writers_of_the_same_statements_count_each_once(
    store: Neo4jStore, embedded: NetworkxStore, clean_neo4j: Any
) -> None:
    batch = example_batch()
    embedded.write(batch)
    failures: list[BaseException] = []

    def write(seed: int) -> None:
        try:
            with Neo4jStore.open(**clean_neo4j.options()) as writer:
                for piece in pieces(batch, seed):
                    writer.write(piece)
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(seed,)) for seed in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert every_answer(store) == every_answer(embedded)


def test_a_filter_beyond_one_target_and_a_stance_counts_in_the_graph(
    store: Neo4jStore, embedded: NetworkxStore
) -> None:
    store.write(example_batch())
    embedded.write(example_batch())
    alliance = StatementFilter(target_ids=[ALLIANCE.id], stance=Stance.CRITICIZES)
    for where in (
        alliance,
        alliance.model_copy(update={"date_from": dt.date(2024, 2, 1)}),
        alliance.model_copy(update={"target_ids": [ALLIANCE.id, "country:USA"]}),
        alliance.model_copy(update={"speaker_ids": [PETROVA.id]}),
    ):
        assert store.speakers(where, 10, 0, 5) == embedded.speakers(where, 10, 0, 5)
