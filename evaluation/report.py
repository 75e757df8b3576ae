"""Runs the three benchmarks on one pipeline and renders their figures as one table."""

import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ConfigDict
from rich.table import Table

from evaluation.attribution import AttributionScore, SpanScore, evaluate_attribution
from evaluation.dev_statements import CASES, DevStatementsScore, evaluate_dev_statements
from evaluation.event_stance import EventStanceScore, evaluate_event_stance
from evaluation.metrics import PRF


class EvalReport(BaseModel):
    """Figures of one evaluation run (see each benchmark module for its method)."""

    model_config = ConfigDict(extra="forbid")

    data_dir: str
    limit: int | None
    seconds: dict[str, float]  # wall time per step, and "total"
    notes: list[str]
    dev_statements: DevStatementsScore
    event_stance: EventStanceScore
    attribution: AttributionScore


def run_eval(
    data_dir: Path,
    out_json: Path | None,
    *,
    limit: int | None = None,
    outputs_dir: Path | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> EvalReport:
    """Score the pipeline on the shared data: dev-statements, PLOVER/PETRARCH-2, GUM.

    One pipeline is loaded and each benchmark runs one batched `extract`. `limit` keeps the
    first N items of each file (a quick run). The dev-statements outputs are written to
    `outputs_dir` (kept) or a temporary folder. With `out_json` the report is also saved
    there as JSON. Prints nothing; `on_stage(name)` is called as each stage ends (the CLI
    draws its progress bar from it).
    """
    from pipelines.gazetteer import default_gazetteer
    from pipelines.nlp import load_pipeline

    data_dir = Path(data_dir)
    if not (data_dir / CASES).is_file():
        raise FileNotFoundError(
            f"{data_dir} does not hold the shared data ({CASES} is missing); "
            "pass the folder with --data-dir"
        )
    seconds: dict[str, float] = {}
    notes: list[str] = []
    started = clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[name] = round(now - clock, 2)
        clock = now
        if on_stage is not None:
            on_stage(name)

    with warnings.catch_warnings():
        # An entity ruler without patterns (gazetteer not built yet) warns on every doc;
        # the note below says it once.
        warnings.filterwarnings("ignore", message=r".*\[W036\]")
        nlp = load_pipeline()
        if not default_gazetteer().entities:
            notes.append("the gazetteer is empty: entity linking runs on spaCy NER alone")
        lap("load pipeline")
        with tempfile.TemporaryDirectory(prefix="diplograph-eval-") as tmp:
            dev = evaluate_dev_statements(nlp, data_dir, outputs_dir or Path(tmp), limit=limit)
        lap("dev-statements")
        stance = evaluate_event_stance(nlp, data_dir, limit=limit)
        lap("event stance")
        attribution = evaluate_attribution(nlp, data_dir, limit=limit)
        lap("attribution")
    seconds["total"] = round(time.perf_counter() - started, 2)
    report = EvalReport(
        data_dir=str(data_dir),
        limit=limit,
        seconds=seconds,
        notes=notes,
        dev_statements=dev,
        event_stance=stance,
        attribution=attribution,
    )
    if out_json is not None:
        Path(out_json).write_text(report.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return report


def _row(table: Table, name: str, prf: PRF) -> None:
    table.add_row(
        name,
        f"{prf.precision:.2f}",
        f"{prf.recall:.2f}",
        f"{prf.f1:.2f}",
        f"{prf.matched_gold}/{prf.gold}",
        f"{prf.matched_predicted}/{prf.predicted}",
    )


def render_table(report: EvalReport) -> Table:
    """One table of every figure of the report, with the counts behind it.

    "found" is matched gold items / gold items, "right" matched predictions / predictions.
    """
    table = Table(
        title=f"diplograph evaluation ({report.seconds.get('total', 0):.0f} s"
        + (f", first {report.limit} items per file" if report.limit else "")
        + ")",
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("figure", no_wrap=True)
    for column in ("P", "R", "F1/acc", "found", "right"):
        table.add_column(column, justify="right")

    dev = report.dev_statements
    for name in ("relations", "speakers", "treaties", "countries"):
        _row(table, f"dev-statements {name}", getattr(dev, name))
    table.add_row(
        "dev-statements dates acc",
        "",
        "",
        f"{dev.dates.accuracy:.2f}",
        f"{dev.dates.correct}/{dev.dates.total}",
        "",
    )
    for gold_stance, prf in dev.stance_recall.items():
        table.add_row(
            f"dev-statements R {gold_stance}",
            "",
            f"{prf.recall:.2f}",
            "",
            f"{prf.matched_gold}/{prf.gold}",
            "",
        )
    table.add_section()

    stance = report.event_stance
    for dataset in stance.datasets:
        _row(table, f"{dataset.dataset} stance", dataset.score)
    _row(table, "PLOVER+PETRARCH stance", stance.score)
    table.add_section()

    gum = report.attribution
    parts: list[tuple[str, SpanScore]] = [
        ("cue", gum.cue),
        ("source", gum.source),
        ("content", gum.content),
    ]
    for name, score in parts:
        _row(table, f"GUM {name} exact", score.exact)
    for name, score in parts:
        _row(table, f"GUM {name} overlap", score.overlap)

    lines = [
        "found: gold items matched / gold items; right: predictions matched / predictions",
        "(triples for stance, quotes for GUM exact, tokens for GUM overlap)",
        f"dev-statements: {dev.cases} cases, dates over the cases with a gold date"
        + (f", unreadable: {', '.join(dev.unreadable)}" if dev.unreadable else ""),
    ]
    for dataset in stance.datasets:
        lines.append(
            f"{dataset.dataset}: {dataset.sentences} sentences, "
            f"{dataset.sentences_with_gold_stance} with a gold stance; "
            f"{dataset.gold_triples} gold triples ({dataset.gold_unresolved} with an "
            f"unplaceable actor), {dataset.predicted_triples} predicted "
            f"({dataset.predicted_unresolved} with an actor we could not place)"
            + (f"; unreadable: {', '.join(dataset.unreadable)}" if dataset.unreadable else "")
        )
    lines.append(
        f"GUM: {gum.documents} documents, {gum.gold_quotes} gold quotes "
        f"({gum.gold_quotes_without_cue} without a cue), {gum.predicted_quotes} predicted "
        f"({gum.predicted_quotes_without_cue} without a cue)"
        + (f"; unreadable: {', '.join(gum.unreadable)}" if gum.unreadable else "")
    )
    lines.extend(f"note: {n}" for n in report.notes)
    table.caption = "\n".join(lines)
    return table
