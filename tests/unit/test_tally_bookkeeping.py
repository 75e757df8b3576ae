"""The speaker tally bookkeeping (stores/tallies.py), without a database."""

from graph_schema import Label, RelType, Stance
from stores.base import GraphBatch, NodeRow, RelRow
from stores.tallies import (
    KEEP,
    StatementLinks,
    changes,
    links_after,
    newest_first,
    tally,
    tally_key,
    touched_statements,
)

CRIT = Stance.CRITICIZES


def test_newest_first_puts_undated_last_and_breaks_ties_by_id() -> None:
    entries = [("b", "2024-01-02"), ("c", None), ("a", "2024-01-02"), ("d", "2024-05-01")]
    assert newest_first(entries) == [
        ("d", "2024-05-01"),
        ("a", "2024-01-02"),
        ("b", "2024-01-02"),
        ("c", None),
    ]


def test_a_tally_adds_to_what_is_stored_and_keeps_only_the_newest() -> None:
    first = tally([("s1", "2024-03-01"), ("s2", None)])
    assert first == {
        "count": 2,
        "first_date": "2024-03-01",
        "last_date": "2024-03-01",
        "newest": ["s1", "s2"],
        "newest_dates": ["2024-03-01", ""],
    }
    later = [(f"t{n:02d}", f"2025-01-{n + 1:02d}") for n in range(KEEP)]
    grown = tally(later, first)
    assert grown["count"] == KEEP + 2
    assert (grown["first_date"], grown["last_date"]) == ("2024-03-01", f"2025-01-{KEEP:02d}")
    assert len(grown["newest"]) == KEEP
    assert grown["newest"][0] == f"t{KEEP - 1:02d}"
    assert "s1" not in grown["newest"]  # older than every newer one kept


def test_the_statements_a_batch_touches() -> None:
    batch = GraphBatch(
        nodes=[NodeRow(label=Label.STATEMENT, id="s1"), NodeRow(label=Label.PERSON, id="p")],
        rels=[
            RelRow(type=RelType.SAID, start="p", end="s2"),
            RelRow(type=RelType.SUPPORTS, start="s3", end="x"),
            RelRow(type=RelType.MENTIONS, start="s4", end="x"),
        ],
    )
    assert touched_statements(batch) == {"s1", "s2", "s3"}


def test_a_new_link_adds_a_statement_to_its_tallies_once() -> None:
    before = {"s1": StatementLinks("2024-01-01", frozenset({"p"}), frozenset())}
    batch = GraphBatch(rels=[RelRow(type=RelType.CRITICIZES, start="s1", end="x")])
    after = links_after(before, batch, ["s1"])
    assert changes(before, after).added == {(CRIT, "p", "x"): [("s1", "2024-01-01")]}
    assert changes(after, links_after(after, batch, ["s1"])).added == {}


def test_a_counted_statement_that_changes_date_is_counted_again() -> None:
    before = {"s1": StatementLinks("2024-01-01", frozenset({"p"}), frozenset({(CRIT, "x")}))}
    batch = GraphBatch(
        nodes=[NodeRow(label=Label.STATEMENT, id="s1", props={"date": None})],
        rels=[RelRow(type=RelType.SAID, start="q", end="s1")],
    )
    found = changes(before, links_after(before, batch, ["s1"]))
    assert found.recount == {(CRIT, "p", "x")}
    assert found.added == {(CRIT, "q", "x"): [("s1", None)]}


def test_a_tally_key_tells_apart_ids_that_join_alike() -> None:
    assert tally_key("a", "bc") != tally_key("ab", "c")
