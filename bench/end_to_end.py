"""End to end: articles → Documents → spaCy → statements → store, as `diplograph ingest` runs.

    python bench/end_to_end.py [--quick] [--articles N] [--store embedded|neo4j] [--every K]

The articles (10,000 by default) are recombined from sentences of ../shared/seeds and
../shared/data/dev-statements with random.Random(seed), so every run reads the same ones.
They go through `pipelines.ingest.ingest` in one pass (reprint detection, batched writes
every 50 documents, `keep_extractions=False`) inside the store's `bulk()` as the CLI does,
with a rich progress bar. Reading the text into Documents (document_from_text) is part of
the run: the clock covers everything from text to stored graph.

The cost per article must stay flat as the graph grows: the rate of every K articles
(1,000 by default) is printed as a curve, and `flatness` is the last bucket's rate over the
first's. `ratio=` on the last line is that flatness (1.0 = flat). The raw side of this
benchmark is bench/extraction.py (the same model's bare nlp.pipe); this one measures what
the rest of the pipeline and the store add as the graph grows.

Last line: `end_to_end: articles_per_s=… ratio=… first_bucket_per_s=… last_bucket_per_s=…
peak_rss_mb=…`.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    Timer,
    article_document,
    articles,
    current_rss_mb,
    final_line,
    header,
    neo4j_server,
    peak_rss_mb,
    ratio,
)

SEED = 7


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="64 articles, buckets of 16")
    parser.add_argument("--articles", type=int, help="number of articles (default 10,000)")
    parser.add_argument("--every", type=int, help="articles per point of the curve")
    parser.add_argument("--store", choices=("embedded", "neo4j"), default="embedded")
    args = parser.parse_args(argv)
    count = args.articles or (64 if args.quick else 10_000)
    every = args.every or (16 if args.quick else 1000)

    from rich.progress import (  # noqa: PLC0415
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from spacy.language import Language  # noqa: PLC0415

    from pipelines.ingest import ingest  # noqa: PLC0415
    from pipelines.nlp import load_pipeline  # noqa: PLC0415
    from stores import open_store  # noqa: PLC0415

    header(
        "end_to_end",
        articles=f"{count} recombined articles (seed {SEED}), curve every {every}",
        store=args.store,
    )
    with Timer() as loading:
        nlp = load_pipeline()
    data_dir = Path(tempfile.mkdtemp(prefix="diplograph-bench-e2e-"))
    marks: list[tuple[int, float, float]] = []  # (articles, time, RSS MB) at each bucket
    with contextlib.ExitStack() as stack:
        stack.callback(shutil.rmtree, data_dir, ignore_errors=True)
        options = {}
        if args.store == "neo4j":
            server = stack.enter_context(neo4j_server(pagecache="1g"))
            options = server.options()
        store = open_store(args.store, data_dir=data_dir, **options)
        stack.callback(store.close)
        progress = stack.enter_context(
            Progress(
                TextColumn("[bold]Ingesting[/]"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.2f} articles/s"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
            )
        )
        task = progress.add_task("ingest", total=count, rate=0.0)
        start = time.perf_counter()
        marks.append((0, start, current_rss_mb()))
        done = 0

        def finished(doc):
            """The pipeline's last step: a document is through spaCy; mark every K."""
            nonlocal done
            done += 1
            progress.update(task, completed=done)
            if done % every == 0 and done < count:
                now = time.perf_counter()
                marks.append((done, now, current_rss_mb()))
                rate = every / (now - marks[-2][1])
                progress.update(task, rate=rate)
                progress.console.print(
                    f"   {done:>6} articles: {rate:5.2f} articles/s over the last {every}, "
                    f"RSS {marks[-1][2]:.0f} MB"
                )
            return doc

        # Counted where documents leave the pipeline, not where they are read: nlp.pipe
        # reads a batch ahead, so read counts run up to one batch early.
        Language.component("bench_clock", func=finished)
        nlp.add_pipe("bench_clock", last=True)
        stack.callback(nlp.remove_pipe, "bench_clock")

        def documents():
            for article in articles(count, seed=SEED):
                yield article_document(article)

        bulk = getattr(store, "bulk", None)
        with bulk() if bulk else contextlib.nullcontext():
            report = ingest(documents(), store, nlp, keep_extractions=False)
            progress.update(task, completed=count)
            written = time.perf_counter()
        end = time.perf_counter()  # after the embedded store's one save
        marks.append((count, written, current_rss_mb()))
        counts = store.counts()
        server_peak = server.peak_rss_mb() if args.store == "neo4j" else None

    rates = [
        (b[0] - a[0]) / (b[1] - a[1]) for a, b in zip(marks, marks[1:], strict=False) if b[0] > a[0]
    ]
    print("   curve (articles/s per bucket): " + " ".join(f"{r:.2f}" for r in rates))
    print(
        f"   {report.documents} documents ({report.reprints} reprints), {report.statements} "
        f"statements; graph: {counts.nodes} nodes, {counts.relationships} relationships; "
        f"model load {loading.seconds:.1f} s, final save {end - written:.1f} s"
    )
    figures: dict[str, object] = {
        "articles_per_s": count / (end - start),
        "ratio": ratio(rates[-1], rates[0]) if rates else float("nan"),
        "first_bucket_per_s": rates[0] if rates else float("nan"),
        "last_bucket_per_s": rates[-1] if rates else float("nan"),
        "statements": report.statements,
        "articles": count,
        "store": args.store,
        "peak_rss_mb": peak_rss_mb(),
    }
    if server_peak is not None:
        figures["neo4j_peak_rss_mb"] = server_peak
    final_line("end_to_end", **figures)


if __name__ == "__main__":
    main()
