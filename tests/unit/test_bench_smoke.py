"""bench/synthetic.py: the synthetic graph has the shape the query benchmark relies on.

Shape only (counts, Zipf skew, dates, ids, determinism, rows both stores accept); no
timings: benchmarks print figures, tests do not assert on them.
"""

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import pytest

from graph_schema import Label, RelType
from stores import NetworkxStore

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.synthetic import Shape, SyntheticGraph, zipf_top_share  # noqa: E402

STATEMENTS = 3000
SHAPE = Shape(countries=60, persons=300, treaties=40, organizations=10, alliances=5)


@pytest.fixture(scope="module")
def generated() -> tuple[SyntheticGraph, list]:
    graph = SyntheticGraph(STATEMENTS, seed=7, shape=SHAPE)
    return graph, list(graph.batches(statements_per_batch=500))


def test_entity_counts_follow_the_shape(generated):
    graph, batches = generated
    labels = Counter(node.label for node in batches[0].nodes)
    assert labels == {
        Label.COUNTRY: 60,
        Label.PERSON: 300,
        Label.TREATY: 40,
        Label.ORGANIZATION: 10,
        Label.ALLIANCE: 5,
    }


def test_statement_and_document_counts(generated):
    graph, batches = generated
    nodes = Counter(node.label for batch in batches[1:] for node in batch.nodes)
    assert nodes[Label.STATEMENT] == STATEMENTS == graph.tally.statements
    # 1-5 statements to a story (3 on average), and one story in ten reprinted.
    assert STATEMENTS / 5 <= nodes[Label.DOCUMENT] <= STATEMENTS * 1.2 / 2
    rels = Counter(rel.type for batch in batches[1:] for rel in batch.rels)
    assert rels[RelType.SAID] == STATEMENTS
    assert rels[RelType.REPORTED_IN] >= STATEMENTS
    assert rels[RelType.CRITICIZES] > 2 * rels[RelType.SUPPORTS] > 0
    assert rels[RelType.REPRINT_OF] > 0


def test_targets_are_zipf_skewed(generated):
    graph, _ = generated
    hits = graph.tally.target_hits
    ranked = [n for _, n in hits.most_common()]
    # Zipf s=1: the most frequent target far ahead of the median one, a long tail of ones.
    assert ranked[0] >= 10 * ranked[len(ranked) // 2]
    assert 0.05 < zipf_top_share(hits) < 0.3
    assert ranked.count(1) > len(ranked) // 10
    # The most popular entity is the most hit target.
    assert hits.most_common(1)[0][0] == graph.targets_by_rank[0].id


def test_dates_span_twenty_years(generated):
    graph, batches = generated
    dates = [
        dt.date.fromisoformat(node.props["date"])
        for batch in batches[1:]
        for node in batch.nodes
        if node.label is Label.STATEMENT
    ]
    assert min(dates) >= dt.date(2005, 1, 1) and max(dates) <= dt.date(2024, 12, 31)
    assert max(dates) - min(dates) > dt.timedelta(days=365 * 19)
    assert {d.year for d in dates} == set(range(2005, 2025))


def test_ids_look_like_the_pipelines(generated):
    _, batches = generated
    prefixes = {
        Label.COUNTRY: "country:",
        Label.PERSON: "person:",
        Label.TREATY: "treaty:",
        Label.STATEMENT: "statement:",
        Label.DOCUMENT: "doc:",
    }
    for batch in batches:
        for node in batch.nodes:
            if node.label in prefixes:
                assert node.id.startswith(prefixes[node.label]), node.id
    countries = [n.id for n in batches[0].nodes if n.label is Label.COUNTRY]
    assert all(len(i) == len("country:XXX") for i in countries)


def test_same_seed_same_rows_whatever_the_batch_size():
    def rows(batch_size: int, seed: int = 3) -> tuple[list, list]:
        graph = SyntheticGraph(400, seed=seed, shape=SHAPE)
        batches = list(graph.statement_batches(batch_size))
        return [n for b in batches for n in b.nodes], [r for b in batches for r in b.rels]

    assert rows(50) == rows(1000)
    assert rows(50) != rows(50, seed=4)


def test_the_embedded_store_takes_the_rows(tmp_path):
    graph = SyntheticGraph(300, seed=1, shape=SHAPE)
    store = NetworkxStore.open(tmp_path)
    with store.bulk():
        for batch in graph.batches(statements_per_batch=100):
            store.write(batch)
    counts = store.counts()
    assert counts.by_label[Label.STATEMENT] == 300
    # Every generated id is new, so nothing merges: the store holds every row.
    assert counts.nodes == graph.tally.nodes
    assert counts.relationships == graph.tally.relationships
    store.close()
