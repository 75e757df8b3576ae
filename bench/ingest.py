"""Store write speed: statements/s into the embedded store and into Neo4j, against raw loads.

    python bench/ingest.py [--quick] [--statements N] [--batch-size B] [--skip-embedded]
                           [--phases]

Rows come from bench/synthetic.py (entities first, then documents and statements, about
2,000 statements to a write), generated before any clock starts. Each side gets the same
rows in the same writes:

- embedded: NetworkxStore.write per batch inside `store.bulk()` (saved once at the end,
  the save timed apart), against a raw networkx MultiDiGraph fed the same rows
  (add_node/add_edge with their properties, no checks, no indexes);
- Neo4j: Neo4jStore.write per batch (one transaction each: a label look-up of every id,
  the checks, then `UNWIND $rows … MERGE` in chunks of `batch_size` rows), against the raw
  driver running `UNWIND $rows … CREATE` of the same rows in the same chunks and
  transactions (relationships still MATCH their ends through the same unique indexes).
  The database is emptied between the two; constraints and indexes stay.

The Neo4j chunk size: unless --batch-size is given, a short sweep writes the first
statements with each of SWEEP_SIZES into an empty database and keeps the fastest (the
sweep's figures are printed, so the choice can be checked).

Run it with the interpreter of a venv that has neo4j-rust-ext (same version as the
driver) to measure the driver with it; the last line says `rust_ext=True|False`.

Each Neo4j side also reports the CPU the server and this client spent on it
(`server_cpu_s`, `raw_server_cpu_s`, `client_cpu_s`, `raw_client_cpu_s`): whether a gap is
the database's work or the client's.

With --phases, the store run also times each phase of Neo4jStore.write (the label look-up,
node writes, relationship writes, speaker tallies; the rest is the lock, the checks and the
commit) and prints each one's share of the write time.

Last line: `ingest: neo4j_statements_per_s=… neo4j_rels_per_s=… raw_rels_per_s=… ratio=…`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    CpuClock,
    Timer,
    current_rss_mb,
    final_line,
    header,
    neo4j_server,
    peak_rss_mb,
    ratio,
    rust_ext,
)
from bench.synthetic import SyntheticGraph  # noqa: E402
from graph_schema import ENTITY_LABELS, ENTITY_SUPERLABEL, Label  # noqa: E402
from stores.base import GraphBatch  # noqa: E402

SEED = 11
STATEMENTS_PER_WRITE = 2000
SWEEP_SIZES = (500, 2000, 10000)


def generate(statements: int) -> tuple[SyntheticGraph, list[GraphBatch]]:
    graph = SyntheticGraph(statements, seed=SEED)
    return graph, list(graph.batches(STATEMENTS_PER_WRITE))


def _rels(batches: list[GraphBatch]) -> int:
    return sum(len(b.rels) for b in batches)


def _statements(batches: list[GraphBatch]) -> int:
    return sum(1 for b in batches for n in b.nodes if n.label is Label.STATEMENT)


# ---------------------------------------------------------------------- embedded


def embedded(batches: list[GraphBatch]) -> dict[str, float]:
    from stores.networkx_store import NetworkxStore  # noqa: PLC0415

    data_dir = Path(tempfile.mkdtemp(prefix="diplograph-bench-ingest-"))
    try:
        rss_before = current_rss_mb()
        store = NetworkxStore.open(data_dir)
        with Timer() as total, store.bulk():
            with Timer() as writes:
                for batch in batches:
                    store.write(batch)
            rss_after = current_rss_mb()
            # leaving bulk() saves the graph
        size_mb = (data_dir / "graph.json").stat().st_size / 2**20
        store.close()
        del store
        with Timer() as raw:
            _raw_networkx(batches)
        return {
            "write_s": writes.seconds,
            "save_s": total.seconds - writes.seconds,
            "raw_s": raw.seconds,
            "rss_mb": rss_after - rss_before,
            "file_mb": size_mb,
        }
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def _raw_networkx(batches: list[GraphBatch]):
    import networkx as nx  # noqa: PLC0415

    graph = nx.MultiDiGraph()
    for batch in batches:
        for node in batch.nodes:
            graph.add_node(node.id, label=node.label, **node.props)
        for rel in batch.rels:
            graph.add_edge(rel.start, rel.end, key=rel.type, **rel.props)
    return graph


# ---------------------------------------------------------------------- Neo4j


def neo4j_store_run(server, batches: list[GraphBatch], batch_size: int) -> float:
    from stores.neo4j_store import Neo4jStore  # noqa: PLC0415

    with Neo4jStore.open(**server.options(batch_size=batch_size)) as store, Timer() as timer:
        for batch in batches:
            store.write(batch)
    return timer.seconds


# Neo4jStore.write's phases, in the order it runs them (bench only: private methods).
WRITE_PHASES = {
    "_stored_labels": "label look-up",
    "_write_nodes": "nodes",
    "_write_relationships": "relationships",
    "_update_tallies": "tallies",
}


@contextlib.contextmanager
def phase_timers() -> Iterator[dict[str, float]]:
    """Seconds spent in each phase of Neo4jStore.write while the block runs."""
    from stores.neo4j_store import Neo4jStore  # noqa: PLC0415

    spent = dict.fromkeys(WRITE_PHASES, 0.0)
    originals = {name: getattr(Neo4jStore, name) for name in WRITE_PHASES}

    def timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return wrapper

    for name, method in originals.items():
        setattr(Neo4jStore, name, timed(name, method))
    try:
        yield spent
    finally:
        for name, method in originals.items():
            setattr(Neo4jStore, name, method)


def print_phases(spent: dict[str, float], total_s: float) -> dict[str, float]:
    """Print each phase's share of the write time; returns `phase_<name>_share` figures."""
    rest = total_s - sum(spent.values())
    parts = [(WRITE_PHASES[name], seconds) for name, seconds in spent.items()]
    parts.append(("lock, checks, commit", rest))
    print(
        "   phases: "
        + ", ".join(
            f"{label} {seconds:.1f} s ({seconds / total_s:.0%})" for label, seconds in parts
        ),
        flush=True,
    )
    return {
        f"phase_{WRITE_PHASES[name].replace(' ', '_').replace('-', '_')}_share": seconds / total_s
        for name, seconds in spent.items()
    }


def _raw_queries() -> dict:
    from stores import cypher  # noqa: PLC0415

    entity = cypher.ENTITY

    def create_nodes(label: Label) -> str:
        extra = f":`{entity}`" if label in ENTITY_LABELS else ""
        return (
            f"UNWIND $rows AS row CREATE (n:`{label.value}`{extra} {{id: row.id}}) "
            "SET n += row.props"
        )

    def create_rels(rel_type: str, start: str, end: str) -> str:
        return (
            f"UNWIND $rows AS row MATCH (a:`{start}` {{id: row.start}}) "
            f"MATCH (b:`{end}` {{id: row.end}}) CREATE (a)-[r:`{rel_type}`]->(b) SET r += row.props"
        )

    return {"nodes": create_nodes, "rels": create_rels, "key_label": cypher.key_label}


def neo4j_raw_run(
    server, batches: list[GraphBatch], batch_size: int, labels: dict[str, Label] | None = None
) -> float:
    """UNWIND … CREATE of the same rows, grouped and chunked as the store groups them.

    `labels` (id -> label of the nodes written before, updated here) lets a caller load a
    graph in several calls; a raw loader knows its rows' labels, so this is not timed.
    """
    queries = _raw_queries()
    labels = labels if labels is not None else {}
    labels.update((node.id, node.label) for batch in batches for node in batch.nodes)
    with server.driver() as driver, Timer() as timer:
        for batch in batches:
            by_label: dict[Label, list[dict]] = defaultdict(list)
            for node in batch.nodes:
                by_label[node.label].append({"id": node.id, "props": node.props})
            groups: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
            for rel in batch.rels:
                key = (
                    rel.type.value,
                    queries["key_label"](labels[rel.start]),
                    queries["key_label"](labels[rel.end]),
                )
                groups[key].append({"start": rel.start, "end": rel.end, "props": rel.props})

            def work(tx, by_label=by_label, groups=groups) -> None:
                for label, rows in by_label.items():
                    query = queries["nodes"](label)
                    for i in range(0, len(rows), batch_size):
                        tx.run(query, rows=rows[i : i + batch_size]).consume()
                for (rel_type, start, end), rows in groups.items():
                    query = queries["rels"](rel_type, start, end)
                    for i in range(0, len(rows), batch_size):
                        tx.run(query, rows=rows[i : i + batch_size]).consume()

            with driver.session() as session:
                session.execute_write(work)
    return timer.seconds


def _cpu(clock: CpuClock) -> str:
    server = "?" if clock.server_s is None else f"{clock.server_s:.1f}"
    return f"CPU: Neo4j {server} s, this client {clock.client_s:.1f} s"


def neo4j_counts(server) -> tuple[int, int]:
    with server.driver() as driver:
        records, _, _ = driver.execute_query(
            f"MATCH (n) WHERE n:`{ENTITY_SUPERLABEL}` OR n:Document OR n:Statement "
            "RETURN count(n) AS nodes, COUNT { ()-[]->() } AS rels"
        )
    return records[0]["nodes"], records[0]["rels"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="10,000 statements")
    parser.add_argument("--statements", type=int, help="statements to write (default 100,000)")
    parser.add_argument("--batch-size", type=int, help="Neo4j rows per UNWIND (default: sweep)")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument(
        "--phases", action="store_true", help="time each phase of the Neo4j store's writes"
    )
    args = parser.parse_args(argv)
    count = args.statements or (10_000 if args.quick else 100_000)

    with Timer() as gen:
        graph, batches = generate(count)
    nodes, rels = graph.tally.nodes, graph.tally.relationships
    header(
        "ingest",
        rows=f"{count} statements: {nodes} nodes, {rels} relationships in {len(batches)} writes "
        f"(generated in {gen.seconds:.0f} s, seed {SEED})",
        neo4j_driver=f"rust_ext={rust_ext()}",
    )
    figures: dict[str, object] = {}

    if not args.skip_neo4j:
        with neo4j_server(pagecache="1g") as server:
            batch_size = args.batch_size
            # The entities and the first statements (fewer in --quick mode).
            sample = batches[: 2 if args.quick else 6]
            server.empty()
            # Warms the JVM up, not timed: the raw run comes second and would find it warm
            # (a cold store run measured 8.3k rels/s against 10.3k warm, same code).
            neo4j_store_run(server, sample, batch_size or SWEEP_SIZES[-1])
            if batch_size is None:
                timings = {}
                for size in SWEEP_SIZES:
                    server.empty()
                    seconds = neo4j_store_run(server, sample, size)
                    timings[size] = seconds
                    print(
                        f"   sweep batch_size={size:>6}: {_rels(sample) / seconds:8.0f} rels/s "
                        f"({_statements(sample)} statements)",
                        flush=True,
                    )
                batch_size = min(timings, key=timings.__getitem__)
                print(f"   chosen batch_size={batch_size}: the fastest in the sweep")
            server.empty()
            timers = phase_timers() if args.phases else contextlib.nullcontext(None)
            with timers as spent, CpuClock(server.pid) as store_cpu:
                store_s = neo4j_store_run(server, batches, batch_size)
            if spent is not None:
                figures.update(print_phases(spent, store_s))
            stored_nodes, stored_rels = neo4j_counts(server)
            print(
                f"   neo4j store: {store_s:6.1f} s  {count / store_s:8.0f} statements/s  "
                f"{rels / store_s:8.0f} rels/s  ({stored_nodes} nodes, {stored_rels} rels); "
                f"{_cpu(store_cpu)}",
                flush=True,
            )
            server.empty()
            with CpuClock(server.pid) as raw_cpu:
                raw_s = neo4j_raw_run(server, batches, batch_size)
            print(
                f"   raw driver:  {raw_s:6.1f} s  {count / raw_s:8.0f} statements/s  "
                f"{rels / raw_s:8.0f} rels/s  (UNWIND CREATE); {_cpu(raw_cpu)}",
                flush=True,
            )
            figures.update(
                {
                    "neo4j_statements_per_s": count / store_s,
                    "neo4j_rels_per_s": rels / store_s,
                    "raw_rels_per_s": rels / raw_s,
                    "ratio": ratio(raw_s, store_s),
                    "batch_size": batch_size,
                    "rust_ext": rust_ext(),
                    "neo4j_peak_rss_mb": server.peak_rss_mb() or float("nan"),
                    # Where the gap is: the server's work or this client's.
                    "server_cpu_s": store_cpu.server_s or float("nan"),
                    "raw_server_cpu_s": raw_cpu.server_s or float("nan"),
                    "client_cpu_s": store_cpu.client_s,
                    "raw_client_cpu_s": raw_cpu.client_s,
                }
            )

    if not args.skip_embedded:
        found = embedded(batches)
        write_s = found["write_s"]
        print(
            f"   embedded:    {write_s:6.1f} s  {count / write_s:8.0f} statements/s  "
            f"{rels / write_s:8.0f} rels/s, then save {found['save_s']:.1f} s "
            f"({found['file_mb']:.0f} MB JSON); graph + indexes +{found['rss_mb']:.0f} MB RSS",
            flush=True,
        )
        print(
            f"   raw networkx: {found['raw_s']:5.1f} s  {count / found['raw_s']:8.0f} statements/s",
            flush=True,
        )
        figures.update(
            {
                "embedded_statements_per_s": count / write_s,
                "embedded_rels_per_s": rels / write_s,
                "embedded_ratio": ratio(found["raw_s"], write_s),
                "embedded_save_s": found["save_s"],
                "embedded_rss_mb": found["rss_mb"],
            }
        )
    figures.update({"statements": count, "peak_rss_mb": peak_rss_mb()})
    final_line("ingest", **figures)


if __name__ == "__main__":
    main()
