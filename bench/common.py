"""Helpers shared by the benchmarks: timers, percentiles, peak memory, a throw-away Neo4j.

Every benchmark ends with one line of `key=value` figures (`final_line`), the side-by-side
ratio as `ratio=…`, so runs can be compared by eye or by a script reading the last line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import os
import platform
import random
import re
import resource
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
if str(REPO) not in sys.path:  # `python bench/<name>.py` puts bench/, not the repo, on the path
    sys.path.insert(0, str(REPO))


# ---------------------------------------------------------------------- measuring


def peak_rss_mb(*, children: bool = False) -> float:
    """Peak resident memory of this process (or of its largest finished child), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def process_peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory of another live process (VmHWM), in MB; None if unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def current_rss_mb() -> float:
    """Resident memory of this process right now, in MB."""
    with contextlib.suppress(OSError):
        return (
            int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGESIZE") / 2**20
        )
    return float("nan")


class Timer:
    """`with Timer() as t: ...` then `t.seconds`; also usable as a running stopwatch."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.end: float | None = None

    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        self.end = None
        return self

    def __exit__(self, *exc: object) -> None:
        self.end = time.perf_counter()

    @property
    def seconds(self) -> float:
        return (self.end if self.end is not None else time.perf_counter()) - self.start


def process_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) another live process has used so far; None if unreadable."""
    try:
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class CpuClock:
    """`with CpuClock(pid) as c: ...` then `c.server_s` (CPU of process pid, None if it
    cannot be read) and `c.client_s` (CPU of this process) spent inside the block."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.server_s: float | None = None
        self.client_s = 0.0

    def __enter__(self) -> CpuClock:
        self._server = process_cpu_seconds(self.pid) if self.pid else None
        self._client = time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.client_s = time.process_time() - self._client
        server = process_cpu_seconds(self.pid) if self.pid else None
        if server is not None and self._server is not None:
            self.server_s = server - self._server


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p95/p99 in milliseconds."""
    return {f"p{p}_ms": percentile(seconds, p) * 1000 for p in (50, 95, 99)}


def ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


# ---------------------------------------------------------------------- reporting


def _format(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if abs(value) >= 100:
            return f"{value:.0f}"
        if abs(value) >= 10:
            return f"{value:.1f}"
        return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
    return str(value).replace(" ", "_")


def load_average() -> float:
    """The 1-minute load average: other work on the machine skews every figure."""
    return os.getloadavg()[0]


def final_line(name: str, **figures: object) -> str:
    """Print and return the benchmark's closing line: `name: key=value key=value ...`.

    `load1` (the 1-minute load average at the end) is appended: on a 2-core machine, a
    load well above the benchmark's own processes means the figures were shared.
    """
    figures.setdefault("load1", load_average())
    line = f"{name}: " + " ".join(f"{k}={_format(v)}" for k, v in figures.items())
    print(line, flush=True)
    return line


def machine() -> str:
    """One line about where the figures come from."""
    return (
        f"{platform.machine()} {os.cpu_count()} cores, "
        f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def rust_ext() -> bool:
    """Whether the Neo4j driver runs with neo4j-rust-ext (its packstream in Rust)."""
    try:
        from neo4j._codec.packstream import RUST_AVAILABLE  # noqa: PLC0415

        return bool(RUST_AVAILABLE)
    except ImportError:
        return False


def header(title: str, **facts: object) -> None:
    print(f"== {title}")
    print(f"   machine: {machine()}; load average {load_average():.1f} at start")
    for key, value in facts.items():
        print(f"   {key}: {value}")
    sys.stdout.flush()


# ---------------------------------------------------------------------- a throw-away Neo4j


@dataclass(frozen=True)
class BenchNeo4j:
    uri: str
    user: str
    password: str
    pid: int | None
    home: Path

    def options(self, **extra: Any) -> dict[str, Any]:
        """Keyword arguments for Neo4jStore.open / stores.open_store."""
        return {"uri": self.uri, "user": self.user, "password": self.password, **extra}

    def driver(self):  # -> neo4j.Driver
        import neo4j  # noqa: PLC0415

        return neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password))

    def empty(self) -> None:
        """Delete every node and relationship (in batches: one huge transaction needs heap)."""
        with self.driver() as driver, driver.session() as session:
            session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS"
            ).consume()

    def peak_rss_mb(self) -> float | None:
        return process_peak_rss_mb(self.pid) if self.pid else None


@contextlib.contextmanager
def neo4j_server(pagecache: str = "512m", timeout: float = 180.0) -> Iterator[BenchNeo4j]:
    """A Neo4j server (stores.neo4j_server) on free ports in a temporary home, always stopped.

    If NEO4J_BENCH_URI and NEO4J_PASSWORD are set, that server is used instead and left
    running (it should be an empty, throw-away database: the benchmarks write and delete).
    """
    uri = os.environ.get("NEO4J_BENCH_URI")
    if uri:
        yield BenchNeo4j(
            uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ["NEO4J_PASSWORD"], None, Path()
        )
        return
    from stores.neo4j_server import ServerConfig, free_ports, start, stop  # noqa: PLC0415

    base = Path(tempfile.mkdtemp(prefix="diplograph-bench-neo4j-"))
    bolt_port, http_port = free_ports(2)
    config = ServerConfig(
        home=base / "home",
        password=f"bench-{secrets.token_hex(12)}",  # hex: no leading "-" for neo4j-admin
        bolt_port=bolt_port,
        http_port=http_port,
        settings=(("server.memory.pagecache.size", pagecache),),
    )
    # SIGTERM (a timeout, a killed job) must stop the server too: turn it into SystemExit.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        status = start(config, timeout=timeout)
        yield BenchNeo4j(config.bolt_uri, config.user, config.password, status.pid, config.home)
    finally:
        try:
            stop(config)
        finally:
            signal.signal(signal.SIGTERM, previous)
            shutil.rmtree(base, ignore_errors=True)


# ---------------------------------------------------------------------- articles

SEEDS_DIR = SHARED / "seeds"
DEV_CASES = SHARED / "data" / "dev-statements" / "cases.jsonl"
_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’']))\s+(?=[\"“‘A-Z])")
_OUTLETS = ("TASS", "Xinhua", "Reuters", "Kyodo", "Yonhap", "Anadolu", "PTI", "AFP")


@dataclass(frozen=True)
class Article:
    """A synthetic article: paragraphs of real news sentences, recombined."""

    number: int
    text: str
    title: str
    published: dt.date
    outlet: str


def source_sentences() -> list[str]:
    """Sentences of the shared seed articles and dev-statement cases (article text only)."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt"))]
    with DEV_CASES.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines if line.strip()]
    sentences: list[str] = []
    for text in texts:
        for paragraph in re.split(r"\n\s*\n|\n(?=[\"“A-Z])", text):
            paragraph = " ".join(paragraph.split())
            # Article sentences only: headers, bylines and link lines are short or shouty.
            for sentence in _SENTENCE_END.split(paragraph):
                words = sentence.split()
                if len(words) >= 8 and not sentence.isupper() and "http" not in sentence:
                    sentences.append(sentence)
    return sentences


def articles(count: int, seed: int = 0) -> Iterator[Article]:
    """`count` articles of 10-22 sentences (2-4 to a paragraph), drawn with Random(seed)."""
    pool = source_sentences()
    rng = random.Random(seed)
    start = dt.date(2015, 1, 1)
    for number in range(count):
        chosen = rng.sample(pool, rng.randint(10, 22))
        paragraphs, i = [], 0
        while i < len(chosen):
            size = rng.randint(2, 4)
            paragraphs.append(" ".join(chosen[i : i + size]))
            i += size
        title = " ".join(chosen[0].split()[:8]).rstrip(",.;:")
        yield Article(
            number=number,
            text="\n\n".join(paragraphs) + "\n",
            title=title,
            published=start + dt.timedelta(days=rng.randrange(3650)),
            outlet=rng.choice(_OUTLETS),
        )


def article_document(article: Article):  # -> pipelines.documents.Document
    """The article as the pipeline reads it (metadata given, as a JSON record would)."""
    from pipelines.documents import document_from_text  # noqa: PLC0415

    return document_from_text(
        article.text,
        title=article.title,
        published=article.published,
        outlet=article.outlet,
        source_file=f"bench/article-{article.number:05d}.txt",
    )


def word_count(text: str) -> int:
    return len(text.split())
