"""bench/ingest.py --phases: the timers wrap Neo4jStore.write's phases and put them back."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.ingest import WRITE_PHASES, phase_timers, print_phases  # noqa: E402
from stores.neo4j_store import Neo4jStore  # noqa: E402


def test_every_phase_is_a_method_of_the_store() -> None:
    # A renamed method must break this test, not silently the benchmark's split.
    for name in WRITE_PHASES:
        assert callable(getattr(Neo4jStore, name))


def test_timers_count_calls_and_restore_the_methods() -> None:
    original = Neo4jStore._stored_labels
    with phase_timers() as spent:
        wrapped = Neo4jStore._stored_labels
        assert wrapped is not original and wrapped.__wrapped__ is original
        Neo4jStore._write_nodes = lambda *args: None  # type: ignore[method-assign]
    # Put back, even over what the block itself set.
    assert Neo4jStore._stored_labels is original
    assert getattr(Neo4jStore._write_nodes, "__name__", "") == "_write_nodes"
    assert set(spent) == set(WRITE_PHASES)


def test_shares_are_of_the_whole_write(capsys) -> None:
    spent = {"_stored_labels": 1.0, "_write_nodes": 2.0, "_write_relationships": 3.0}
    spent["_update_tallies"] = 2.0
    shares = print_phases(spent, total_s=10.0)
    assert shares == {
        "phase_label_look_up_share": 0.1,
        "phase_nodes_share": 0.2,
        "phase_relationships_share": 0.3,
        "phase_tallies_share": 0.2,
    }
    assert "lock, checks, commit 2.0 s (20%)" in capsys.readouterr().out
