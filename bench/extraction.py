"""Extraction speed: the full diplograph pipeline against a raw nlp.pipe of the same model.

    python bench/extraction.py [--quick] [--articles N] [--batch-size B] [--processes P]

Both sides read the same texts: articles recombined from sentences of ../shared (seeded),
each parsed as the pipeline parses it (pipelines.extract.parse_text). The raw side is
`spacy.load(<the same model>).pipe(texts, batch_size=B)`, consuming each Doc; the full
side is `pipelines.extract.extract(load_pipeline(), documents, batch_size=B)`, which adds
diplograph's components (paragraphs, gazetteer ruler, entities, attribution, stance) and
turns each Doc into statements.

Every measurement runs in fresh worker processes (spawned), so each reports its own peak
RSS and loads its model once; the model load is timed apart from the throughput. With
`--processes 2` the texts are split in two halves parsed at the same time (the workers
start together after loading), and the 1-process runs are kept for the speed-up.
Reading (Document building) is timed too but kept out of the ratio: both sides get texts
that are already read.

Last line: `extraction: words_per_s=… raw_words_per_s=… ratio=… peak_rss_mb=…` (+ more).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    Timer,
    article_document,
    articles,
    final_line,
    header,
    peak_rss_mb,
    ratio,
    word_count,
)

SEED = 20240601
LOAD_TIMEOUT = 300.0  # a worker that dies while loading breaks the barrier instead of hanging
RUN_TIMEOUT = 3 * 3600.0


def _worker(variant, documents, batch_size, barrier, results) -> None:
    """Load the model, wait for the others, parse `documents`; put figures on `results`."""
    from pipelines.extract import extract, parse_text  # noqa: PLC0415
    from pipelines.nlp import DEFAULT_MODELS, installed_model, load_pipeline  # noqa: PLC0415

    started = time.perf_counter()
    if variant == "raw":
        import spacy  # noqa: PLC0415

        nlp = spacy.load(installed_model(DEFAULT_MODELS))
        texts = [parse_text(d) for d in documents]
    else:
        nlp = load_pipeline()
    load_s = time.perf_counter() - started
    rss_loaded = peak_rss_mb()
    barrier.wait(timeout=LOAD_TIMEOUT)
    statements = 0
    with Timer() as timer:
        if variant == "raw":
            for doc in nlp.pipe(texts, batch_size=batch_size):
                statements += len(doc) > 0  # touch each Doc
        else:
            for extraction in extract(nlp, documents, batch_size=batch_size):
                statements += len(extraction.statements)
    results.put(
        {
            "variant": variant,
            "seconds": timer.seconds,
            "end": time.time(),
            "load_s": load_s,
            "statements": statements,
            "rss_loaded_mb": rss_loaded,
            "peak_rss_mb": peak_rss_mb(),
            "pipes": list(nlp.pipe_names),
        }
    )


def run(variant: str, documents: list, batch_size: int, processes: int) -> dict:
    """Parse the documents with `processes` workers of one variant; wall time and peaks."""
    ctx = mp.get_context("spawn")
    shards = [documents[i::processes] for i in range(processes)]
    barrier = ctx.Barrier(processes + 1)
    results = ctx.Queue()
    workers = [
        ctx.Process(target=_worker, args=(variant, shard, batch_size, barrier, results))
        for shard in shards
    ]
    for worker in workers:
        worker.start()
    barrier.wait(timeout=LOAD_TIMEOUT)  # every worker has loaded its model
    began = time.time()
    found = [results.get(timeout=RUN_TIMEOUT) for _ in workers]
    for worker in workers:
        worker.join()
        if worker.exitcode:
            raise SystemExit(f"{variant} worker failed with exit code {worker.exitcode}")
    wall = max(r["end"] for r in found) - began
    return {
        "wall_s": wall,
        "load_s": max(r["load_s"] for r in found),
        "statements": sum(r["statements"] for r in found),
        "peak_rss_mb": max(r["peak_rss_mb"] for r in found),
        "rss_loaded_mb": max(r["rss_loaded_mb"] for r in found),
        "pipes": found[0]["pipes"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 articles (under 2 minutes)")
    parser.add_argument("--articles", type=int, help="number of articles (default 300)")
    parser.add_argument(
        "--batch-size", type=int, help="nlp.pipe batch size (default: pipelines.extract's)"
    )
    parser.add_argument("--processes", type=int, default=1, help="also run with P processes")
    args = parser.parse_args(argv)
    from pipelines.extract import BATCH_SIZE  # noqa: PLC0415

    count = args.articles or (40 if args.quick else 300)
    batch_size = args.batch_size or BATCH_SIZE

    with Timer() as reading:
        documents = [article_document(a) for a in articles(count, seed=SEED)]
    from pipelines.extract import parse_text  # noqa: PLC0415

    words = sum(word_count(parse_text(d)) for d in documents)
    header(
        "extraction",
        articles=f"{count} (seed {SEED}), {words} words, {words / count:.0f} words/article",
        batch_size=batch_size,
        reading=f"{count / reading.seconds:.0f} documents/s (document_from_text, not in ratio)",
    )

    def show(name: str, found: dict, processes: int) -> None:
        print(
            f"   {name:<5} {processes}p: {found['wall_s']:6.1f} s  "
            f"{words / found['wall_s']:7.0f} words/s  {count / found['wall_s']:5.2f} articles/s  "
            f"load {found['load_s']:.1f} s  peak RSS {found['peak_rss_mb']:.0f} MB/process "
            f"(after load {found['rss_loaded_mb']:.0f})",
            flush=True,
        )

    raw = run("raw", documents, batch_size, 1)
    show("raw", raw, 1)
    full = run("full", documents, batch_size, 1)
    show("full", full, 1)
    print(f"   raw pipes:  {', '.join(raw['pipes'])}")
    print(f"   full pipes: {', '.join(full['pipes'])}")
    print(f"   statements found: {full['statements']} ({full['statements'] / count:.1f}/article)")
    figures: dict[str, object] = {
        "words_per_s": words / full["wall_s"],
        "raw_words_per_s": words / raw["wall_s"],
        "ratio": ratio(raw["wall_s"], full["wall_s"]),
        "articles_per_s": count / full["wall_s"],
        "raw_articles_per_s": count / raw["wall_s"],
    }
    if args.processes > 1:
        full_p = run("full", documents, batch_size, args.processes)
        show("full", full_p, args.processes)
        raw_p = run("raw", documents, batch_size, args.processes)
        show("raw", raw_p, args.processes)
        figures.update(
            {
                "processes": args.processes,
                f"words_per_s_{args.processes}p": words / full_p["wall_s"],
                f"raw_words_per_s_{args.processes}p": words / raw_p["wall_s"],
                f"ratio_{args.processes}p": ratio(raw_p["wall_s"], full_p["wall_s"]),
                "speedup": ratio(full["wall_s"], full_p["wall_s"]),
                f"peak_rss_mb_{args.processes}p": full_p["peak_rss_mb"],
            }
        )
    figures.update(
        {
            "peak_rss_mb": full["peak_rss_mb"],
            "raw_peak_rss_mb": raw["peak_rss_mb"],
            "batch_size": batch_size,
            "articles": count,
        }
    )
    final_line("extraction", **figures)


if __name__ == "__main__":
    main()
