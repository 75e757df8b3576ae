"""The embedded store's speaker tallies: "who took this stance on X" read from the index kept
on write gives what counting every statement gives."""

import datetime as dt
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from graph_schema import Label, RelType, Stance
from stores import NetworkxStore
from stores.base import GraphBatch, NodeRow, RelRow, StatementFilter

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.synthetic import Shape, SyntheticGraph  # noqa: E402

SHAPE = Shape(countries=40, persons=200, treaties=20, organizations=10, alliances=5)
STANCE_TYPES = {Stance.CRITICIZES: RelType.CRITICIZES, Stance.SUPPORTS: RelType.SUPPORTS}


def expected_speakers(batches: list[GraphBatch], target: str, rel_types: set[RelType]):
    """Speakers of the statements linked to the target, counted from the rows themselves:
    (speaker id, count, newest statement ids) in the store's order."""
    names, dates, said_by = {}, {}, defaultdict(set)
    about: set[str] = set()
    for batch in batches:
        for node in batch.nodes:
            if node.label == Label.STATEMENT:
                dates[node.id] = node.props.get("date")
            else:
                names[node.id] = node.props.get("name", node.id)
        for rel in batch.rels:
            if rel.type == RelType.SAID:
                said_by[rel.end].add(rel.start)
            elif rel.type in rel_types and rel.end == target:
                about.add(rel.start)
    by_speaker = defaultdict(list)
    for statement in about:
        for speaker in said_by[statement]:
            by_speaker[speaker].append(statement)

    def newest_first(statement: str):
        date = dates[statement]
        return (
            (1, 0, statement)
            if date is None
            else (0, -dt.date.fromisoformat(date).toordinal(), statement)
        )

    ranked = sorted(
        by_speaker,
        key=lambda s: (
            -len(by_speaker[s]),
            min(map(newest_first, by_speaker[s]))[:2],
            str(names.get(s, s)).casefold(),
            s,
        ),
    )
    return [(s, len(by_speaker[s]), sorted(by_speaker[s], key=newest_first)) for s in ranked]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    graph = SyntheticGraph(3000, seed=11, shape=SHAPE)
    batches = list(graph.batches(statements_per_batch=500))
    store = NetworkxStore.open(tmp_path_factory.mktemp("tallies"))
    with store.bulk():
        for batch in batches:
            store.write(batch)
    yield graph, batches, store
    store.close()


def test_who_took_a_stance_matches_counting_every_statement(loaded) -> None:
    graph, batches, store = loaded
    targets = [target for target, _ in graph.tally.target_hits.most_common(8)]
    targets.append(graph.tally.target_hits.most_common()[-1][0])  # a rare one too
    for target in targets:
        for stance, rel_type in STANCE_TYPES.items():
            want = expected_speakers(batches, target, {rel_type})
            for offset in (0, 3):
                page = store.speakers(
                    StatementFilter(target_ids=[target], stance=stance), 10, offset, 3
                )
                got = [(t.speaker.id, t.count, [s.id for s in t.newest]) for t in page.items]
                assert page.total == len(want)
                assert got == [(s, n, ids[:3]) for s, n, ids in want[offset : offset + 10]]


def test_both_stances_and_plain_mentions_merge_their_speakers(loaded) -> None:
    graph, batches, store = loaded
    target = graph.tally.target_hits.most_common(1)[0][0]
    stances = set(STANCE_TYPES.values())
    any_stance = store.speakers(StatementFilter(target_ids=[target]), 5, 0, 2)
    assert [(t.speaker.id, t.count) for t in any_stance.items] == [
        (s, n) for s, n, _ in expected_speakers(batches, target, stances)[:5]
    ]
    named = store.speakers(StatementFilter(mention_ids=[target]), 5, 0, 2)
    assert [(t.speaker.id, t.count) for t in named.items] == [
        (s, n) for s, n, _ in expected_speakers(batches, target, stances | {RelType.MENTIONS})[:5]
    ]


def _entities() -> GraphBatch:
    return GraphBatch(
        nodes=[
            NodeRow(label=Label.COUNTRY, id="country:AAA", props={"name": "Aland"}),
            NodeRow(label=Label.PERSON, id="person:b", props={"name": "Bea"}),
            NodeRow(label=Label.PERSON, id="person:c", props={"name": "Cai"}),
        ]
    )


def _statement(statement_id: str, date: str) -> NodeRow:
    return NodeRow(label=Label.STATEMENT, id=statement_id, props={"date": date, "quote": "q"})


def test_a_speaker_written_after_the_stance_is_counted(tmp_path) -> None:
    store = NetworkxStore.open(tmp_path)
    store.write(_entities())
    store.write(
        GraphBatch(
            nodes=[
                _statement("statement:1", "2024-01-01"),
                _statement("statement:2", "2024-02-01"),
            ],
            rels=[
                RelRow(type=RelType.CRITICIZES, start="statement:1", end="country:AAA"),
                RelRow(type=RelType.CRITICIZES, start="statement:2", end="country:AAA"),
                RelRow(type=RelType.SAID, start="person:c", end="statement:2"),
            ],
        )
    )
    store.write(GraphBatch(rels=[RelRow(type=RelType.SAID, start="person:b", end="statement:1")]))
    who = StatementFilter(target_ids=["country:AAA"], stance=Stance.CRITICIZES)
    page = store.speakers(who, 10, 0, 5)
    # One statement each: the latest date comes first.
    assert [(t.speaker.id, t.last_date) for t in page.items] == [
        ("person:c", dt.date(2024, 2, 1)),
        ("person:b", dt.date(2024, 1, 1)),
    ]
    # A statement that changes date reorders the speakers, and a reopened store agrees.
    store.write(GraphBatch(nodes=[_statement("statement:1", "2024-03-01")]))
    assert [t.speaker.id for t in store.speakers(who, 10, 0, 5).items] == ["person:b", "person:c"]
    store.close()
    reopened = NetworkxStore.open(tmp_path)
    assert [t.speaker.id for t in reopened.speakers(who, 10, 0, 5).items] == [
        "person:b",
        "person:c",
    ]
    reopened.close()


def test_a_write_refreshes_the_statements_read_before(tmp_path) -> None:
    # Statement records are kept between writes; a write must not leave a stale one.
    store = NetworkxStore.open(tmp_path)
    store.write(_entities())
    store.write(
        GraphBatch(
            nodes=[_statement("statement:1", "2024-01-01")],
            rels=[
                RelRow(type=RelType.SAID, start="person:b", end="statement:1"),
                RelRow(type=RelType.CRITICIZES, start="statement:1", end="country:AAA"),
            ],
        )
    )
    [before] = store.get_statements(["statement:1"])
    assert [r.target.name for r in before.relations] == ["Aland"]
    store.write(
        GraphBatch(
            nodes=[NodeRow(label=Label.COUNTRY, id="country:AAA", props={"name": "Åland"})],
            rels=[RelRow(type=RelType.SUPPORTS, start="statement:1", end="person:c")],
        )
    )
    [after] = store.get_statements(["statement:1"])
    assert [(r.stance, r.target.name) for r in after.relations] == [
        (Stance.CRITICIZES, "Åland"),
        (Stance.SUPPORTS, "Cai"),
    ]
    store.close()


def test_a_part_of_a_name_finds_entities_written_after_a_search(tmp_path) -> None:
    # The joined keys behind partial matches are built on a search; a write must renew them.
    store = NetworkxStore.open(tmp_path)
    store.write(_entities())
    assert store.search_entities("land", None, 10, 0).total == 1
    assert store.search_entities("db", None, 10, 0).total == 0  # not across "Aland", "Bea"
    store.write(
        GraphBatch(
            nodes=[
                NodeRow(label=Label.COUNTRY, id="country:FIN", props={"name": "Finland"}),
                NodeRow(label=Label.COUNTRY, id="country:AAA", props={"name": "Ahvenanmaa"}),
            ]
        )
    )
    assert [e.name for e in store.search_entities("land", None, 10, 0).items] == ["Finland"]
    assert store.search_entities("ahvenan", Label.COUNTRY, 10, 0).total == 1
    assert store.search_entities("ahvenan", Label.PERSON, 10, 0).total == 0
    store.close()
