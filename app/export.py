"""Exports of the whole graph: GraphML for Gephi, CSV for neo4j-admin import, node-link JSON.

    export_graph(store, "graphml" | "csv" | "json", output, progress=...) -> ExportReport

graphml  one file. Node ids are the graph's ids; each node carries `label` (a readable name,
         which Gephi shows), `type` (its node label: Person, Statement, ...) and its
         properties; each edge `type` and `label` (its relationship type). Lists are joined
         with ";". Search keys and MinHash signatures are left out: they are for the stores,
         not for reading. `networkx.read_graphml(path)` loads it back.
csv      a folder: `nodes_<Label>.csv` and `relationships_<TYPE>.csv`, headed the way
         `neo4j-admin database import` reads them (`id:ID`, `:LABEL`, `:START_ID`,
         `:END_ID`, `:TYPE`, typed columns such as `year:int` and `aliases:string[]`, arrays
         joined with ";"). Every property is kept, and entities carry the Entity label too,
         so the loaded database serves as a Neo4j store. ExportReport.admin_import_command()
         gives the command line.
json     one file of networkx node-link JSON (`networkx.node_link_graph(data, edges="edges")`):
         every node with its `label` and properties, every relationship with `source`,
         `target`, `key` (its type) and properties.

Errors:
    ExportError(ValueError)   the output cannot be written, or a value cannot be encoded
    stores.StoreError         the store cannot be read (passes through)
"""

import csv
import json
import os
import shlex
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, get_args

import networkx as nx
from pydantic import BaseModel, Field

from graph_schema import ENTITY_LABELS, ENTITY_SUPERLABEL, SCHEMA_VERSION
from stores.base import GraphStore, NodeRow, RelRow

ExportFormat = Literal["graphml", "csv", "json"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)

ARRAY_DELIMITER = ";"
# Default file names when the output given is a folder (GraphML, JSON).
DEFAULT_FILE = {"graphml": "graph.graphml", "json": "graph.json"}
# Store-side fields derived from others (search keys, reprint signatures): kept in the
# complete exports (CSV, JSON), left out of the one meant for looking at (GraphML).
_DERIVED_PROPS = frozenset({"name_key", "alias_keys", "aliases_text", "minhash"})
_INT32 = range(-(2**31), 2**31)
_ENTITY_LABELS = frozenset(ENTITY_LABELS)
# How many characters of a statement's quote name it in GraphML.
_QUOTE_LABEL_CHARS = 60

Progress = Callable[[int], None]


class ExportError(ValueError):
    """The export could not be written."""


class ExportReport(BaseModel):
    """What an export wrote."""

    format: ExportFormat
    output: Path = Field(description="The file written, or for CSV the folder.")
    files: list[Path] = Field(description="Every file written.")
    nodes: int = Field(ge=0)
    relationships: int = Field(ge=0)
    by_label: dict[str, int] = Field(description="Nodes per label.")
    by_type: dict[str, int] = Field(description="Relationships per type.")
    multiline: bool = Field(
        default=False, description="Some CSV value spans lines (neo4j-admin needs to be told)."
    )

    def admin_import_command(self, database: str = "neo4j") -> str | None:
        """The neo4j-admin command that bulk-loads a CSV export (None for other formats)."""
        if self.format != "csv":
            return None
        parts = ["neo4j-admin", "database", "import", "full", database, "--overwrite-destination"]
        parts.append(f"--array-delimiter={ARRAY_DELIMITER}")
        if self.multiline:
            parts.append("--multiline-fields=true")
        for path in self.files:
            flag = "--nodes" if path.name.startswith("nodes_") else "--relationships"
            parts.append(f"{flag}={path}")
        return shlex.join(parts)


def export_graph(
    store: GraphStore,
    fmt: ExportFormat,
    output: Path,
    *,
    progress: Progress | None = None,
) -> ExportReport:
    """Write every node and relationship of the store to output, in the given format.

    progress, if given, is called with the number of rows (nodes or relationships) just
    written, as the export goes.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    advance = progress or (lambda n: None)
    output = Path(output)
    try:
        if fmt == "csv":
            return _write_csv(store, output, advance)
        if output.is_dir():
            output = output / DEFAULT_FILE[fmt]
        output.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "graphml":
            return _write_graphml(store, output, advance)
        return _write_json(store, output, advance)
    except OSError as exc:
        raise ExportError(f"Cannot write the export to {output}: {exc}") from exc


def to_networkx(rows: Iterable[NodeRow | RelRow]) -> nx.MultiDiGraph:
    """The rows as a networkx graph: nodes keyed by id with `label` and their properties,
    edges keyed by relationship type with their properties (as the embedded store holds it).
    """
    graph = nx.MultiDiGraph()
    for row in rows:
        if isinstance(row, NodeRow):
            graph.add_node(row.id, label=row.label.value, **row.props)
        else:
            graph.add_edge(row.start, row.end, key=row.type.value, **row.props)
    return graph


# ---------------------------------------------------------------------- GraphML


def _write_graphml(store: GraphStore, path: Path, advance: Progress) -> ExportReport:
    graph = nx.MultiDiGraph()
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    node_props: list[dict[str, Any]] = []
    edge_props: list[dict[str, Any]] = []
    ends: list[tuple[str, str, str]] = []
    node_ids: list[str] = []
    for row in store.iter_graph():
        if isinstance(row, NodeRow):
            labels[row.label] += 1
            props = {k: v for k, v in row.props.items() if k not in _DERIVED_PROPS}
            # Set after the properties: Gephi reads `label` as the name to show.
            props["type"] = row.label.value
            props["label"] = _display_name(row)
            node_ids.append(row.id)
            node_props.append(props)
        else:
            types[row.type] += 1
            props = dict(row.props)
            props["type"] = props["label"] = row.type.value
            ends.append((row.start, row.end, row.type.value))
            edge_props.append(props)
        advance(1)
    # GraphML declares one type per attribute: values of mixed types become strings.
    node_types, edge_types = _column_types(node_props), _column_types(edge_props)
    for node_id, props in zip(node_ids, node_props, strict=True):
        graph.add_node(node_id, **_graphml_values(props, node_types))
    for (start, end, key), props in zip(ends, edge_props, strict=True):
        graph.add_edge(start, end, key=key, **_graphml_values(props, edge_types))
    nx.write_graphml(graph, path, encoding="utf-8")
    return _report("graphml", path, [path], labels, types)


def _display_name(row: NodeRow) -> str:
    props = row.props
    for key in ("name", "title"):
        if isinstance(props.get(key), str) and props[key]:
            return str(props[key])
    quote = props.get("quote")
    if isinstance(quote, str) and quote:
        return quote if len(quote) <= _QUOTE_LABEL_CHARS else quote[: _QUOTE_LABEL_CHARS - 1] + "…"
    return row.id


def _graphml_values(props: dict[str, Any], column_types: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in props.items():
        kind = column_types[key]
        if kind.endswith("[]") or kind == "string":
            values[key] = _text(value) if not isinstance(value, str) else value
        else:
            values[key] = value
    return values


# ---------------------------------------------------------------------- CSV


def _write_csv(store: GraphStore, folder: Path, advance: Progress) -> ExportReport:
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"A CSV export is a folder of files, and {folder} is a file")
    folder.mkdir(parents=True, exist_ok=True)
    # First pass: the columns of each file (a header must name every property, typed).
    node_columns: dict[str, dict[str, set[str]]] = {}
    rel_columns: dict[str, dict[str, set[str]]] = {}
    for row in store.iter_graph():
        group, name = (
            (node_columns, row.label.value)
            if isinstance(row, NodeRow)
            else (rel_columns, row.type.value)
        )
        seen = group.setdefault(name, {})
        for key, value in row.props.items():
            seen.setdefault(key, set()).add(_value_kind(value))
    node_headers = {label: _typed_columns(seen) for label, seen in node_columns.items()}
    rel_headers = {rel_type: _typed_columns(seen) for rel_type, seen in rel_columns.items()}

    # Second pass: the rows, one file per label and per relationship type.
    files: dict[str, tuple[IO[str], Any]] = {}
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()
    multiline = False
    try:
        for row in store.iter_graph():
            if isinstance(row, NodeRow):
                name, columns = f"nodes_{row.label.value}", node_headers[row.label.value]
                fixed = [row.id, _node_labels(row)]
                labels[row.label] += 1
            else:
                name, columns = f"relationships_{row.type.value}", rel_headers[row.type.value]
                fixed = [row.start, row.end, row.type.value]
                types[row.type] += 1
            if name not in files:
                handle = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
                writer = csv.writer(handle, lineterminator="\n")
                head = (
                    ["id:ID", ":LABEL"]
                    if isinstance(row, NodeRow)
                    else [
                        ":START_ID",
                        ":END_ID",
                        ":TYPE",
                    ]
                )
                writer.writerow(head + [_header(key, kind) for key, kind in columns.items()])
                files[name] = (handle, writer)
            cells = [_cell(row, key, row.props.get(key), kind) for key, kind in columns.items()]
            multiline = multiline or any("\n" in c or "\r" in c for c in cells)
            files[name][1].writerow(fixed + cells)
            advance(1)
    finally:
        for opened, _writer in files.values():
            opened.close()
    # Nodes first: neo4j-admin needs every node before the relationships that join them.
    written = sorted(
        (folder / f"{name}.csv" for name in files),
        key=lambda p: (not p.name.startswith("nodes_"), p.name),
    )
    return _report("csv", folder, written, labels, types, multiline=multiline)


def _node_labels(row: NodeRow) -> str:
    if row.label in _ENTITY_LABELS:
        return f"{row.label.value}{ARRAY_DELIMITER}{ENTITY_SUPERLABEL}"
    return row.label.value


def _header(key: str, kind: str) -> str:
    if ":" in key:
        raise ExportError(f"Property {key!r} has a ':' in its name, which a CSV header cannot hold")
    return key if kind == "string" else f"{key}:{kind}"


def _cell(row: NodeRow | RelRow, key: str, value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind.endswith("[]"):
        items = value if isinstance(value, list | tuple) else [value]
        for item in items:
            if ARRAY_DELIMITER in str(item):
                what = row.id if isinstance(row, NodeRow) else f"{row.start}-{row.type}->{row.end}"
                raise ExportError(
                    f"{what}: {key} holds {str(item)!r}, which contains the array delimiter "
                    f"{ARRAY_DELIMITER!r} and cannot be exported to CSV; export as json instead"
                )
        return ARRAY_DELIMITER.join(_scalar_text(item) for item in items)
    return _text(value) if kind == "string" else _scalar_text(value)


# ---------------------------------------------------------------------- JSON


def _write_json(store: GraphStore, path: Path, advance: Progress) -> ExportReport:
    labels: Counter[str] = Counter()
    types: Counter[str] = Counter()

    def counted(rows: Iterator[NodeRow | RelRow]) -> Iterator[NodeRow | RelRow]:
        for row in rows:
            if isinstance(row, NodeRow):
                labels[row.label] += 1
            else:
                types[row.type] += 1
            advance(1)
            yield row

    graph = to_networkx(counted(store.iter_graph()))
    data = nx.node_link_data(graph, edges="edges")
    data["graph"] = {
        "format": "diplograph-export",
        "schema_version": SCHEMA_VERSION,
        "store": store.kind,
    }
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
    os.replace(tmp, path)
    return _report("json", path, [path], labels, types)


# ---------------------------------------------------------------------- value types


def _value_kind(value: Any) -> str:
    """A value's neo4j-admin type (with [] for a list); "mixed" for a list of mixed types."""
    if isinstance(value, list | tuple):
        kinds = {_value_kind(item) for item in value}
        if kinds == {"int", "long"}:
            kinds = {"long"}
        if len(kinds) > 1 or "mixed" in kinds or any(k.endswith("[]") for k in kinds):
            return "mixed"
        return f"{kinds.pop() if kinds else 'string'}[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if value in _INT32 else "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _typed_columns(seen: dict[str, set[str]]) -> dict[str, str]:
    """One type per column: int widens to long; anything else mixed becomes string."""
    columns: dict[str, str] = {}
    for key in sorted(seen):
        kinds = set(seen[key])
        for wide, narrow in (("long", "int"), ("long[]", "int[]")):
            if wide in kinds:
                kinds.discard(narrow)
        columns[key] = kinds.pop() if len(kinds) == 1 and "mixed" not in kinds else "string"
    return columns


def _column_types(rows: list[dict[str, Any]]) -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for props in rows:
        for key, value in props.items():
            seen.setdefault(key, set()).add(_value_kind(value))
    return _typed_columns(seen)


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ARRAY_DELIMITER.join(_scalar_text(item) for item in value)
    return value if isinstance(value, str) else _scalar_text(value)


def _report(
    fmt: ExportFormat,
    output: Path,
    files: list[Path],
    labels: Counter[str],
    types: Counter[str],
    *,
    multiline: bool = False,
) -> ExportReport:
    return ExportReport(
        format=fmt,
        output=output,
        files=files,
        nodes=sum(labels.values()),
        relationships=sum(types.values()),
        by_label={str(k): v for k, v in sorted(labels.items())},
        by_type={str(k): v for k, v in sorted(types.items())},
        multiline=multiline,
    )
