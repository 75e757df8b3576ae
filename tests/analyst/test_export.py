"""Exports: GraphML for Gephi, CSV for neo4j-admin import, node-link JSON.

Format checks run on tests/api/sample_graph.py. The acceptance checks run on the seed graph
(../shared/seeds ingested with the real pipeline, marked slow): the GraphML loads back into
networkx with the store's node and edge counts, and the CSV loads into a real Neo4j server
(marked neo4j) both with LOAD CSV and with neo4j-admin import, after which the Neo4j store
answers as the embedded one does.
"""

import csv
import importlib.util
import json
import os
import secrets
import shlex
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.client import Diplograph
from app.config import get_settings
from app.export import ExportError, ExportReport, export_graph, to_networkx
from app.query import QueryService
from graph_schema import ENTITY_LABELS, ENTITY_SUPERLABEL, Label, RelType, Stance
from stores import NetworkxStore, open_store
from stores.base import GraphBatch, GraphCounts, NodeRow, RelRow

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
IMPORT_TIMEOUT = 300


def _load_sample_graph():  # type: ignore[no-untyped-def]
    path = Path(__file__).parents[1] / "api" / "sample_graph.py"
    spec = importlib.util.spec_from_file_location("diplograph_sample_graph", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_sample_graph = _load_sample_graph().write_sample_graph


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("sample")
    write_sample_graph(data_dir)
    return data_dir


@pytest.fixture
def sample(sample_dir: Path) -> Iterator[NetworkxStore]:
    with NetworkxStore.open(sample_dir) as store:
        yield store


@pytest.fixture(scope="module")
def seed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested with the real pipeline (as the notebook does)."""
    data_dir = tmp_path_factory.mktemp("seeds")
    with Diplograph.local(data_dir) as dg:
        result = dg.ingest(SEEDS)
    assert result.read > 0 and not result.skipped, result
    return data_dir


@pytest.fixture
def seeds(seed_dir: Path) -> Iterator[NetworkxStore]:
    with NetworkxStore.open(seed_dir) as store:
        yield store


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("DIPLOGRAPH_DATA_DIR", "DIPLOGRAPH_STORE"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: n for key, n in counts.items() if n}


# ---------------------------------------------------------------------- CSV


def test_csv_headers_follow_neo4j_admin_import(sample: NetworkxStore, tmp_path: Path) -> None:
    report = export_graph(sample, "csv", tmp_path / "csv")
    headers = {path.name: read_csv(path)[0] for path in report.files}
    for name, header in headers.items():
        if name.startswith("nodes_"):
            assert header[:2] == ["id:ID", ":LABEL"], name
        else:
            assert header[:3] == [":START_ID", ":END_ID", ":TYPE"], name
    treaty = headers["nodes_Treaty.csv"]
    assert {"name", "year:int", "aliases:string[]", "parties:string[]"} <= set(treaty)
    assert "confidence:double" in headers["relationships_CRITICIZES.csv"]
    assert {"span_start:int", "span_end:int"} <= set(headers["relationships_REPORTED_IN.csv"])
    # Nodes come first: neo4j-admin reads them before the relationships joining them.
    kinds = [path.name.split("_")[0] for path in report.files]
    assert kinds == sorted(kinds, key=lambda kind: kind != "nodes")


def test_csv_rows_hold_the_whole_graph(sample: NetworkxStore, tmp_path: Path) -> None:
    report = export_graph(sample, "csv", tmp_path / "csv")
    counts = sample.counts()
    assert (report.nodes, report.relationships) == (counts.nodes, counts.relationships)
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    for path in report.files:
        _header, rows = read_csv(path)
        for row in rows:
            if path.name.startswith("nodes_"):
                label, *more = row[":LABEL"].split(";")
                labels[label] += 1
                entity = Label(label) in ENTITY_LABELS
                assert more == ([ENTITY_SUPERLABEL] if entity else []), row
            else:
                types[row[":TYPE"]] += 1
    assert dict(labels) == nonzero(counts.by_label)
    assert dict(types) == report.by_type
    _header, treaties = read_csv(tmp_path / "csv" / "nodes_Treaty.csv")
    new_start = next(row for row in treaties if row["id:ID"] == "treaty:new-start")
    assert new_start["aliases:string[]"].split(";") == [
        "New START Treaty",
        "Strategic Arms Reduction Treaty",
    ]
    assert new_start["year:int"] == "2010"


def test_admin_import_command_names_every_file(sample: NetworkxStore, tmp_path: Path) -> None:
    report = export_graph(sample, "csv", tmp_path / "csv")
    command = report.admin_import_command()
    assert command is not None
    words = shlex.split(command)
    assert words[:5] == ["neo4j-admin", "database", "import", "full", "neo4j"]
    assert "--array-delimiter=;" in words
    files = [w.split("=", 1)[1] for w in words if w.startswith(("--nodes=", "--relationships="))]
    assert files == [str(path) for path in report.files]
    other = ExportReport(
        format="json", output=tmp_path, files=[], nodes=0, relationships=0, by_label={}, by_type={}
    )
    assert other.admin_import_command() is None


def test_csv_refuses_a_value_holding_the_array_delimiter(tmp_path: Path) -> None:
    with NetworkxStore.open(tmp_path / "data") as store:
        row = NodeRow(
            label=Label.COUNTRY, id="country:X", props={"name": "X", "aliases": ["a;b", "c"]}
        )
        store.write(GraphBatch(nodes=[row]))
        with pytest.raises(ExportError, match="country:X: aliases holds 'a;b'"):
            export_graph(store, "csv", tmp_path / "csv")
        with pytest.raises(ExportError, match="is a file"):
            export_graph(store, "csv", store.path)
        report = export_graph(store, "json", tmp_path / "graph.json")
        assert report.nodes == 1


def test_an_unknown_format_is_refused(sample: NetworkxStore, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Unknown export format 'xml'"):
        export_graph(sample, "xml", tmp_path / "graph.xml")  # type: ignore[arg-type]


def rows_from_json(path: Path) -> GraphBatch:
    """The rows a JSON export holds, to write into a store."""
    graph = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    batch = GraphBatch()
    for node_id, attrs in graph.nodes(data=True):
        props = dict(attrs)
        batch.nodes.append(NodeRow(label=Label(props.pop("label")), id=node_id, props=props))
    for start, end, key, attrs in graph.edges(keys=True, data=True):
        batch.rels.append(RelRow(type=RelType(key), start=start, end=end, props=dict(attrs)))
    return batch


@pytest.mark.neo4j
def test_a_neo4j_export_round_trips(clean_neo4j, sample: NetworkxStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expected = sample.counts()
    rows = list(sample.iter_graph())
    # A small batch size, so that the export reads the graph in several pages.
    neo4j_store = open_store("neo4j", data_dir=tmp_path, **clean_neo4j.options(), batch_size=3)
    try:
        neo4j_store.write(
            GraphBatch(
                nodes=[row for row in rows if isinstance(row, NodeRow)],
                rels=[row for row in rows if isinstance(row, RelRow)],
            )
        )
        assert neo4j_store.counts() == expected
        reports = [
            export_graph(neo4j_store, "json", tmp_path / "graph.json"),
            export_graph(neo4j_store, "csv", tmp_path / "csv"),
            export_graph(neo4j_store, "graphml", tmp_path / "graph.graphml"),
        ]
        served = QueryService(neo4j_store).statements(limit=100)
    finally:
        neo4j_store.close()
        clean_neo4j.empty()
    for report in reports:
        counted = (report.nodes, report.relationships, report.by_label)
        assert counted == (expected.nodes, expected.relationships, nonzero(expected.by_label))
    # The JSON export, written into an empty embedded store, is the same graph again.
    with NetworkxStore.open(tmp_path / "copy") as copy:
        copy.write(rows_from_json(tmp_path / "graph.json"))
        assert copy.counts() == expected
        copied, original = to_networkx(copy.iter_graph()), to_networkx(rows)
        assert dict(copied.nodes(data=True)) == dict(original.nodes(data=True))
        assert sorted(copied.edges(keys=True, data=True)) == sorted(
            original.edges(keys=True, data=True)
        )
        assert QueryService(copy).statements(limit=100) == served


# ---------------------------------------------------------------------- JSON, GraphML


def test_json_is_node_link_data_of_the_whole_graph(sample: NetworkxStore, tmp_path: Path) -> None:
    report = export_graph(sample, "json", tmp_path)
    assert report.output == tmp_path / "graph.json"
    data = json.loads(report.output.read_text(encoding="utf-8"))
    assert data["graph"]["format"] == "diplograph-export"
    graph = nx.node_link_graph(data, edges="edges")
    expected = to_networkx(sample.iter_graph())
    assert dict(graph.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(graph.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))
    assert graph.nodes["treaty:new-start"]["aliases"] == [
        "New START Treaty",
        "Strategic Arms Reduction Treaty",
    ]


def test_graphml_carries_names_types_and_properties(sample: NetworkxStore, tmp_path: Path) -> None:
    report = export_graph(sample, "graphml", tmp_path / "sample.graphml")
    graph = nx.read_graphml(report.output, force_multigraph=True)
    lavrov = graph.nodes["person:sergey-lavrov"]
    assert (lavrov["label"], lavrov["type"], lavrov["role"]) == (
        "Sergey Lavrov",
        "Person",
        "Foreign Minister",
    )
    assert lavrov["aliases"] == "Lavrov;Sergei Lavrov"
    assert "name_key" not in lavrov, "search keys are for stores, not for Gephi"
    assert graph.nodes["treaty:new-start"]["year"] == 2010
    statement = graph.nodes["st:lavrov-2019"]
    assert statement["type"] == "Statement" and statement["label"].startswith("The Japan-US")
    criticism = graph.edges["st:lavrov-2019", "alliance:japan-us", "CRITICIZES"]
    assert criticism["type"] == criticism["label"] == "CRITICIZES"
    assert criticism["confidence"] == pytest.approx(0.85)


@pytest.mark.slow
def test_graphml_of_the_seed_graph_loads_back_with_the_same_counts(
    seeds: NetworkxStore, tmp_path: Path
) -> None:
    counts = seeds.counts()
    report = export_graph(seeds, "graphml", tmp_path / "seeds.graphml")
    for graph in (
        nx.read_graphml(report.output),
        nx.read_graphml(report.output, force_multigraph=True),
    ):
        assert graph.number_of_nodes() == counts.nodes
        assert graph.number_of_edges() == counts.relationships
    graph = nx.read_graphml(report.output, force_multigraph=True)
    assert dict(Counter(t for _, t in graph.nodes(data="type"))) == nonzero(counts.by_label)
    assert dict(Counter(t for _, _, t in graph.edges(data="type"))) == report.by_type
    assert set(report.by_type) >= {RelType.SAID, RelType.REPORTED_IN, RelType.CRITICIZES}


# ---------------------------------------------------------------------- CLI


@pytest.mark.usefixtures("clean_environment")
def test_cli_export_shows_a_summary(sample_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["--data-dir", str(sample_dir), "export"]
    result = runner.invoke(cli, [*base, "--format", "csv", "--output", str(tmp_path / "csv")])
    assert result.exit_code == 0, result.output
    assert "Export summary" in result.stdout
    assert "neo4j-admin database import full" in result.stdout
    assert (tmp_path / "csv" / "nodes_Person.csv").is_file()
    result = runner.invoke(cli, [*base, "-f", "graphml", "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 0, result.output
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 0
    result = runner.invoke(cli, [*base, "-f", "csv", "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 1
    assert "is a file" in result.stderr
    result = runner.invoke(cli, [*base, "-f", "xml", "-o", str(tmp_path / "g.xml")])
    assert result.exit_code == 2


# ---------------------------------------------------------------------- into Neo4j


def load_csv_statements(report: ExportReport, url_of: dict[Path, str]) -> list[tuple[str, str]]:
    """A LOAD CSV statement per exported file, reading the neo4j-admin headers: typed
    columns converted, arrays split on ';', labels and type from the file."""
    statements = []
    for path in report.files:
        header, rows = read_csv(path)
        if not rows:
            continue
        nodes = path.name.startswith("nodes_")
        fixed = 2 if nodes else 3
        props = ", ".join(
            f"`{column.split(':')[0]}`: {_cypher_value(column)}" for column in header[fixed:]
        )
        if nodes:
            labels = ":".join(f"`{label}`" for label in rows[0][":LABEL"].split(";"))
            body = f"CREATE (n:{labels} {{id: row.`id:ID`}}) SET n += {{{props}}}"
        else:
            rel_type = rows[0][":TYPE"]
            body = (
                "MATCH (a {id: row.`:START_ID`}), (b {id: row.`:END_ID`}) "
                f"CREATE (a)-[r:`{rel_type}`]->(b) SET r += {{{props}}}"
            )
        statements.append((f"LOAD CSV WITH HEADERS FROM $url AS row {body}", url_of[path]))
    return statements


def _cypher_value(column: str) -> str:
    name, _, kind = column.partition(":")
    cell = f"row.`{column}`"
    convert = {
        "int": "toInteger({})",
        "long": "toInteger({})",
        "double": "toFloat({})",
        "float": "toFloat({})",
        "boolean": "toBoolean({})",
    }
    if kind.endswith("[]"):
        item = convert.get(kind[:-2], "{}").format("x")
        return f"CASE WHEN {cell} IS NULL THEN null ELSE [x IN split({cell}, ';') | {item}] END"
    return convert.get(kind, "{}").format(cell)


def check_neo4j_serves_the_seed_graph(
    options: dict[str, str], expected: GraphCounts, seeds: NetworkxStore
) -> None:
    """The loaded database, opened as a Neo4j store, answers as the embedded store does."""
    neo4j_store = open_store("neo4j", data_dir=Path("."), **options)
    try:
        counts = neo4j_store.counts()
        assert (counts.nodes, counts.relationships) == (expected.nodes, expected.relationships)
        assert nonzero(counts.by_label) == nonzero(expected.by_label)
        served, embedded = QueryService(neo4j_store), QueryService(seeds)
        answer = served.who(stance=Stance.CRITICIZES, target="Japan-US alliance")
        assert answer == embedded.who(stance=Stance.CRITICIZES, target="Japan-US alliance")
        assert answer.total_speakers > 0
        lavrov = embedded.resolve("Lavrov")[0]
        assert served.resolve("Lavrov") == [lavrov]
        assert served.statements(speaker=lavrov.id, limit=500) == embedded.statements(
            speaker=lavrov.id, limit=500
        )
    finally:
        neo4j_store.close()


@pytest.mark.slow
@pytest.mark.neo4j
def test_csv_export_loads_with_load_csv(clean_neo4j, seeds: NetworkxStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if clean_neo4j.config is None:
        pytest.skip(
            "LOAD CSV reads the server's import folder: needs a server this session started"
        )
    folder = f"diplograph-export-{secrets.token_hex(4)}"
    report = export_graph(seeds, "csv", clean_neo4j.config.home / "import" / folder)
    urls = {path: f"file:///{folder}/{path.name}" for path in report.files}
    try:
        with clean_neo4j.driver() as driver:
            for query, url in load_csv_statements(report, urls):
                driver.execute_query(query, url=url)
        check_neo4j_serves_the_seed_graph(clean_neo4j.options(), seeds.counts(), seeds)
    finally:
        shutil.rmtree(report.output, ignore_errors=True)
        clean_neo4j.empty()


@pytest.mark.slow
@pytest.mark.neo4j
def test_csv_export_bulk_loads_with_neo4j_admin_import(
    seeds: NetworkxStore, tmp_path: Path
) -> None:
    from stores.neo4j_server import (
        ADMIN_CLASS,
        Neo4jServerError,
        ServerConfig,
        assemble,
        free_ports,
        start,
        stop,
    )

    if shutil.which("java") is None or shutil.which("mvn") is None:
        reason = "java and mvn are needed to run neo4j-admin"
        if os.environ.get("DIPLOGRAPH_REQUIRE_NEO4J") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    report = export_graph(seeds, "csv", tmp_path / "csv")
    bolt_port, http_port = free_ports(2)
    config = ServerConfig(
        home=tmp_path / "neo4j",
        password=f"test-{secrets.token_hex(16)}",
        bolt_port=bolt_port,
        http_port=http_port,
    )
    home = assemble(config)
    command = shlex.split(report.admin_import_command() or "")
    assert command[0] == "neo4j-admin"
    classpath = os.pathsep.join(str(home / name / "*") for name in ("plugins", "conf", "lib"))
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    imported = subprocess.run(
        ["java", "-cp", classpath, ADMIN_CLASS, *command[1:]],
        env=env,
        capture_output=True,
        text=True,
        timeout=IMPORT_TIMEOUT,
    )
    assert imported.returncode == 0, imported.stdout[-3000:] + imported.stderr[-3000:]
    try:
        start(config)
    except Neo4jServerError as exc:
        pytest.fail(f"Neo4j did not start on the imported database: {exc}")
    try:
        options = {"uri": config.bolt_uri, "user": config.user, "password": config.password}
        check_neo4j_serves_the_seed_graph(options, seeds.counts(), seeds)
    finally:
        stop(config)
