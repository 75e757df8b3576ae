"""The `diplograph` command: ingest, extract, ask, serve, stats, neo4j.

Global options set the environment the settings are read from (DIPLOGRAPH_DATA_DIR,
DIPLOGRAPH_STORE), so `serve` passes them on to the server. A failure prints one red line
saying what failed and what to do, and exits non-zero, without a traceback:

    0  done
    1  failed (store, model, files), or for `ask`: a name in the question is not in the graph
    2  bad usage: a question not understood, an invalid option or setting

Heavy modules (spaCy, the pipeline, the store) are imported inside the commands, so that
`diplograph --help` answers at once.
"""

import contextlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from app.config import Settings, StoreKind, get_settings

if TYPE_CHECKING:
    from app.ask import AskAnswer
    from pipelines.documents import Document
    from stores import GraphStore

cli = typer.Typer(
    name="diplograph",
    help="A knowledge graph of diplomatic statements built from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EXIT_FAILED = 1
EXIT_USAGE = 2


def main() -> None:
    """Entry point of the `diplograph` script."""
    cli()


# ---------------------------------------------------------------------- errors


def fail(message: str, code: int = EXIT_FAILED, *, more: list[str] | None = None) -> NoReturn:
    """Print one red line (and optional plain lines under it) and exit with `code`."""
    err.print(f"[bold red]Error:[/] {escape(message)}", highlight=False)
    for line in more or []:
        err.print(f"  {escape(line)}", highlight=False)
    raise typer.Exit(code)


@contextlib.contextmanager
def reported_errors() -> Iterator[None]:
    """Turn the domain errors a command can meet into one line and an exit code."""
    try:
        yield
    except typer.Exit:
        raise
    except ValidationError as exc:
        fail(f"Invalid setting: {_settings_problem(exc)}", EXIT_USAGE)
    except Exception as exc:
        from app.errors import describe_error
        from app.questions import QUESTION_FORMS, QuestionNotUnderstood
        from stores.base import StoreUnavailable

        if isinstance(exc, QuestionNotUnderstood):
            why = f" ({exc.reason})" if exc.reason else ""
            fail(
                f"Could not understand the question {exc.question.strip()!r}{why}. Ask one of:",
                EXIT_USAGE,
                more=list(QUESTION_FORMS),
            )
        described = describe_error(exc)
        if described is None:
            raise  # not a domain error: a bug, whose traceback is worth seeing
        status, detail = described
        if isinstance(exc, StoreUnavailable):
            detail += (
                f" (NEO4J_URI={get_settings().neo4j_uri}): start it with "
                "`diplograph neo4j start`, or use --store embedded"
            )
        fail(detail, EXIT_USAGE if status == 422 else EXIT_FAILED)


def _settings_problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "settings"
    variable = field.upper() if field.startswith("neo4j") else f"DIPLOGRAPH_{field.upper()}"
    return f"{variable}: {first['msg']}"


@contextlib.contextmanager
def opened_store(settings: Settings) -> Iterator["GraphStore"]:
    from stores import open_store

    store = open_store(settings.store, data_dir=settings.data_dir, **settings.neo4j_options())
    try:
        yield store
    finally:
        store.close()


def _problem(path: Path, error: Exception) -> str:
    """What went wrong with a file; DocumentErrors already name their file (or record)."""
    return str(error) if getattr(error, "source", None) else f"{path}: {error}"


def _load_nlp(settings: Settings) -> Any:
    from pipelines.nlp import load_pipeline

    with err.status("Loading the language model..."):
        return load_pipeline(tuple(settings.spacy_models))


# ---------------------------------------------------------------------- global options


@cli.callback()
def global_options(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Where the embedded store lives (DIPLOGRAPH_DATA_DIR)."),
    ] = None,
    store: Annotated[
        StoreKind | None,
        typer.Option("--store", help="Which store to use (DIPLOGRAPH_STORE)."),
    ] = None,
) -> None:
    """A knowledge graph of diplomatic statements built from news."""
    if data_dir is not None:
        os.environ["DIPLOGRAPH_DATA_DIR"] = str(data_dir)
    if store is not None:
        os.environ["DIPLOGRAPH_STORE"] = store
    get_settings.cache_clear()


# ---------------------------------------------------------------------- ingest


@cli.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt, .json, .jsonl) or folders of them.")
    ],
) -> None:
    """Read articles, extract their statements and add them to the graph."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from pipelines.documents import iter_documents
    from pipelines.ingest import ingest as run_ingest

    with reported_errors():
        settings = get_settings()
        nlp = _load_nlp(settings)
        skipped: list[str] = []
        read = 0
        started = time.monotonic()
        columns = (
            SpinnerColumn(),
            TextColumn("[bold]Ingesting[/]"),
            BarColumn(),
            TextColumn("{task.fields[read]} read, {task.fields[skipped]} skipped"),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TimeElapsedColumn(),
        )
        with opened_store(settings) as store, Progress(*columns, console=err) as progress:
            task = progress.add_task("ingest", total=None, read=0, skipped=0, rate=0.0)

            def documents() -> Iterator["Document"]:
                nonlocal read
                for path, item in iter_documents(paths, max_bytes=settings.max_body_bytes):
                    if isinstance(item, Exception):
                        skipped.append(_problem(path, item))
                    else:
                        read += 1
                        yield item
                    rate = read / max(time.monotonic() - started, 1e-6)
                    progress.update(task, read=read, skipped=len(skipped), rate=rate)

            bulk = getattr(store, "bulk", None)
            with bulk() if bulk else contextlib.nullcontext():
                report = run_ingest(documents(), store, nlp, keep_extractions=False)
            progress.update(task, total=1, completed=1)

        for problem in skipped:
            err.print(f"[yellow]Skipped[/] {escape(problem)}", highlight=False)
        summary = Table(title="Ingest summary", show_header=False, title_justify="left")
        for label, value in (
            ("documents read", read),
            ("skipped", len(skipped)),
            ("already stored", report.unchanged),
            ("new documents", report.documents),
            ("reprints", report.reprints),
            ("statements", report.statements),
            ("new nodes", report.nodes_added),
            ("new relationships", report.relationships_added),
        ):
            summary.add_row(label, str(value))
        out.print(summary)
        if read == 0:
            fail("No document could be read; see the reasons above", EXIT_FAILED)


# ---------------------------------------------------------------------- extract


@cli.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files (.txt, .json, .jsonl) or folders.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the extraction JSON.")] = False,
) -> None:
    """Print the statements found in articles, without touching the store."""
    from pipelines.documents import iter_documents
    from pipelines.extract import extract as run_extract

    with reported_errors():
        settings = get_settings()
        documents: list[Document] = []
        for path, item in iter_documents(files, max_bytes=settings.max_body_bytes):
            if isinstance(item, Exception):
                err.print(f"[yellow]Skipped[/] {escape(_problem(path, item))}", highlight=False)
            else:
                documents.append(item)
        if not documents:
            fail("No document could be read; see the reasons above")
        nlp = _load_nlp(settings)
        extractions = list(run_extract(nlp, documents))

    if as_json:
        dumps = [
            e.model_dump(mode="json", include={"document", "statements", "warnings"})
            for e in extractions
        ]
        single = len(files) == 1 and len(dumps) == 1 and files[0].is_file()
        print(json.dumps(dumps[0] if single else dumps, ensure_ascii=False, indent=2))
        return
    for extraction in extractions:
        doc = extraction.document
        title = " · ".join(
            str(part) for part in (doc.title, doc.outlet, doc.published) if part is not None
        )
        table = Table(title=title or doc.id, title_justify="left", show_lines=True)
        for column in ("speaker", "date", "quote", "stances", "mentions"):
            table.add_column(column, overflow="fold")
        for st in extraction.statements:
            table.add_row(
                st.speaker.name,
                str(st.date or ""),
                st.quote,
                "\n".join(f"{r.stance.value} {r.target.name}" for r in st.relations),
                ", ".join(m.name for m in st.mentions),
            )
        out.print(table)
        for warning in extraction.warnings:
            err.print(f"[yellow]Warning[/] {escape(doc.id)}: {escape(warning)}")


# ---------------------------------------------------------------------- ask


@cli.command()
def ask(
    question: Annotated[str, typer.Argument(help='e.g. "who criticized NATO since 2020?"')],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the same JSON as GET /ask.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Results per page.")] = 20,
) -> None:
    """Answer a question in plain English from the graph."""
    from app.ask import answer_question
    from app.query import QueryService

    with reported_errors():
        settings = get_settings()
        with opened_store(settings) as store:
            answer = answer_question(QueryService(store), question, limit=limit)
    if as_json:
        print(json.dumps(answer.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        _print_answer(answer)
    if not answer.understood:
        raise typer.Exit(EXIT_FAILED)


def _print_answer(answer: "AskAnswer") -> None:
    from app.ask import EntitiesResult, SpeakersResult, StatementsResult

    out.print(f"[bold]{escape(answer.answer)}[/]", highlight=False)
    results = answer.results
    table = Table(show_lines=False)
    if isinstance(results, SpeakersResult):
        for column in ("speaker", "statements", "first", "last"):
            table.add_column(column)
        for s in results.speakers:
            table.add_row(s.speaker.name, str(s.count), str(s.first_date), str(s.last_date))
    elif isinstance(results, StatementsResult):
        for column in ("date", "speaker", "quote", "reported by"):
            table.add_column(column, overflow="fold")
        for st in results.data:
            outlets = ", ".join(sorted({s.outlet for s in st.sources if s.outlet}))
            table.add_row(str(st.date or ""), st.speaker.name, st.quote, outlets)
    elif isinstance(results, EntitiesResult):
        for column in ("entity", "type", "statements"):
            table.add_column(column)
        for item in results.data:
            table.add_row(item.entity.name, item.entity.type.value, str(item.statements))
    else:
        return
    if table.row_count:
        out.print(table)


# ---------------------------------------------------------------------- serve, stats, neo4j


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    reload: Annotated[bool, typer.Option(help="Restart when the code changes.")] = False,
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs)."""
    import uvicorn

    with reported_errors():
        get_settings()  # fail here, in one line, on a bad setting
    uvicorn.run("app.main:create_app", factory=True, host=host, port=port, reload=reload)


@cli.command()
def stats(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the same JSON as GET /health.")
    ] = False,
) -> None:
    """Show how many nodes and relationships the graph holds."""
    from app.query import QueryService

    with reported_errors():
        settings = get_settings()
        with opened_store(settings) as store:
            health = QueryService(store).health()
    if as_json:
        print(json.dumps(health.model_dump(mode="json"), indent=2))
        return
    table = Table(title=f"{health.store} store", title_justify="left", show_header=False)
    table.add_row("nodes", str(health.nodes))
    table.add_row("relationships", str(health.relationships))
    for label, count in health.by_label.items():
        table.add_row(f"  {label}", str(count))
    out.print(table)


@cli.command()
def neo4j(
    action: Annotated[
        Literal["start", "stop", "status"], typer.Argument(help="What to do with the server.")
    ],
) -> None:
    """Start, stop or check a local Neo4j server (configured by the NEO4J_* variables)."""
    from stores import neo4j_server

    raise typer.Exit(neo4j_server.main([action]))


@cli.command(name="eval")
def evaluate(
    data_dir: Annotated[
        Path | None,
        typer.Option("--data", help="The shared data folder (default: ../shared/data)."),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--json", help="Also write the full report here.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Only the first N items of each data file.")
    ] = None,
) -> None:
    """Score extraction on the shared evaluation data and print the figures."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from evaluation.__main__ import DEFAULT_DATA_DIR
    from evaluation.report import render_table, run_eval

    stages = ["load pipeline", "dev-statements", "event stance", "attribution"]
    with reported_errors():
        folder = data_dir or DEFAULT_DATA_DIR
        if not folder.is_dir():
            fail(f"no evaluation data at {folder}; pass --data with the shared data folder")
        columns = (BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress("[progress.description]{task.description}", *columns, console=err) as bar:
            task = bar.add_task(f"Scoring: {stages[0]}", total=len(stages))

            def advance(done: str) -> None:
                following = stages[stages.index(done) + 1 :] if done in stages else []
                label = f"Scoring: {following[0]}" if following else "Scored"
                bar.update(task, advance=1, description=label)

            result = run_eval(folder, report, limit=limit, on_stage=advance)
    out.print(render_table(result))


# ---------------------------------------------------------------------- export, plot


@cli.command()
def export(
    fmt: Annotated[
        Literal["graphml", "csv", "json"],
        typer.Option(
            "--format",
            "-f",
            help="graphml (Gephi), csv (a folder for neo4j-admin import) or json (node-link).",
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The file to write; for csv, a folder.")
    ],
) -> None:
    """Write every node and relationship of the graph to a file (csv: a folder of files)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    from app.export import ExportError, export_graph

    with reported_errors():
        settings = get_settings()
        started = time.monotonic()
        columns = (
            SpinnerColumn(),
            TextColumn(f"[bold]Exporting {fmt}[/]"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("rows"),
            TextColumn("{task.fields[rate]:.0f} rows/s"),
            TimeElapsedColumn(),
        )
        with opened_store(settings) as store, Progress(*columns, console=err) as progress:
            counts = store.counts()
            task = progress.add_task("export", total=counts.nodes + counts.relationships, rate=0.0)

            def advance(rows: int) -> None:
                progress.advance(task, rows)
                done = progress.tasks[task].completed
                progress.update(task, rate=done / max(time.monotonic() - started, 1e-6))

            try:
                report = export_graph(store, fmt, output, progress=advance)
            except ExportError as exc:
                fail(str(exc))
        elapsed = time.monotonic() - started
        summary = Table(title="Export summary", show_header=False, title_justify="left")
        summary.add_row("format", report.format)
        summary.add_row("written to", str(report.output))
        summary.add_row("files", str(len(report.files)))
        summary.add_row("nodes", str(report.nodes))
        for label, count in report.by_label.items():
            summary.add_row(f"  {label}", str(count))
        summary.add_row("relationships", str(report.relationships))
        for rel_type, count in report.by_type.items():
            summary.add_row(f"  {rel_type}", str(count))
        summary.add_row("time", f"{elapsed:.1f} s")
        out.print(summary)
        command = report.admin_import_command()
        if command:
            out.print("Bulk-load it into a stopped, empty Neo4j with:", highlight=False)
            out.print(f"  {escape(command)}", highlight=False)


@cli.command()
def plot(
    kind: Annotated[
        Literal["stance-graph", "timeline"], typer.Argument(help="Which picture to draw.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The picture to write: a .png or .svg file.")
    ],
    entity: Annotated[
        str | None,
        typer.Argument(
            help="A name, an alias or an id (the stance graph of the whole graph without one)."
        ),
    ] = None,
    depth: Annotated[
        int, typer.Option(min=1, max=2, help="Stance graph: how many stances away to go.")
    ] = 1,
    max_nodes: Annotated[
        int, typer.Option(min=2, max=200, help="Stance graph: the most entities drawn.")
    ] = 40,
) -> None:
    """Draw the stance graph around an entity, or an entity's timeline, as PNG or SVG."""
    import functools

    from app import plots
    from app.query import NotFound, QueryService
    from stores.base import EntityLink

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in plots.IMAGE_FORMATS:
        fail(f"--output must end in .png or .svg, not {output.name!r}", EXIT_USAGE)
    if kind == "timeline" and entity is None:
        fail("A timeline needs an entity: diplograph plot timeline NAME -o FILE", EXIT_USAGE)
    with reported_errors():
        settings = get_settings()
        with opened_store(settings) as store:
            query = QueryService(store)
            center = None
            if entity is not None:
                found = query.resolve(entity)
                if not found:
                    raise NotFound(f"No entity named {entity!r}")
                center = EntityLink(id=found[0].id, name=found[0].name, type=found[0].type)
            if kind == "timeline" and center is not None:
                events = plots.timeline_events(center.id, plots.statements_about(query, center.id))
                figure = plots.draw_timeline(center, events)
                what = f"{len(events)} events"
            else:
                if center is None:
                    graph = plots.stance_graph(plots.all_statements(query))
                else:
                    statements_of = functools.partial(plots.statements_about, query)
                    graph = plots.stance_graph_around(center, statements_of, depth)
                figure = plots.draw_stance_graph(graph, center=center, max_nodes=max_nodes)
                what = f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} stances"
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(plots.render(figure, fmt))  # type: ignore[arg-type]
        except OSError as exc:
            fail(f"Cannot write {output}: {exc}")
    picture = "timeline of" if kind == "timeline" else "stance graph around"
    about = f"{picture} {center.name}" if center else "stance graph"
    out.print(f"Wrote the {escape(about)} ({what}) to {escape(str(output))}", highlight=False)
