"""Query latency as the graph grows: the API (real uvicorn) against the raw store underneath.

    python bench/queries.py [--quick] [--sizes 10000,100000,1000000] [--requests N]
                            [--skip-neo4j] [--skip-embedded] [--embedded-max N]

A synthetic graph (bench/synthetic.py: ~200 countries, 5,000 persons, 300 treaties, Zipf
targets, 20 years) grows through the sizes; at each size, for each store:

- API: `uvicorn app.main:create_app --factory` (one worker, access log off) on a free port
  of 127.0.0.1, asked with http.client, one request at a time (keep-alive) for the latencies
  (each request asked once untimed first, as the raw replay that follows finds them), then 8
  at a time (a minimal asyncio client) for /who requests per second; with the cache off
  (every request reaches the store), then on as by default (repeated requests). A real
  server, not the ASGI app in-process: the HTTP parsing, the worker's thread pool and JSON
  encoding are what a client pays for, and requests/s of one worker only mean something on
  a real server.
- raw, Neo4j: the very Cypher the store sent for each request (recorded once through the
  store with a recording driver, untimed), replayed through the bare driver in the same
  read transactions, records fetched but not turned into models.
- raw, embedded: the same requests as QueryService calls in this process on a NetworkxStore
  loaded from the same file (no HTTP, no JSON): what the store itself costs.

Requests (targets drawn Zipf like the statements' targets, so popular ones come up most,
as they would from users; speakers Zipf too; years uniform):
- who:        GET /who?stance=criticizes&target=<name>
- statements: GET /statements?target=<name>&stance=criticizes&date_from=<Y>-01-01&date_to=<Y>-12-31
- ask:        GET /ask?q=who criticized <name> in <Y>?  |  what did <speaker> say about <name>?
Each kind gets at most --requests requests and TIME_BUDGET seconds per size and side (the
count done is printed); the embedded store is loaded up to --embedded-max statements.

Last line: `queries: who_p50_ms=… raw_who_p50_ms=… ratio=… …` for the largest Neo4j size.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import http.client
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import (  # noqa: E402
    REPO,
    Timer,
    final_line,
    header,
    latency_summary,
    neo4j_server,
    peak_rss_mb,
    process_peak_rss_mb,
    ratio,
    rust_ext,
)
from bench.synthetic import SyntheticGraph, _zipf_cum_weights, sample_targets  # noqa: E402
from graph_schema import Label, Stance  # noqa: E402
from stores.neo4j_server import free_ports  # noqa: E402

SEED = 5
KINDS = ("who", "statements", "ask")
TIME_BUDGET = 30.0  # seconds per kind, size and side
THROUGHPUT_SECONDS = 10.0
THROUGHPUT_REQUESTS = 50_000
CONCURRENCY = 8
HTTP_TIMEOUT = 60.0
LOAD_TIMEOUT = 900.0  # the first request opens the store: an embedded 1M graph loads for minutes


def _label(size: int) -> str:
    return f"{size // 1_000_000}M" if size >= 1_000_000 else f"{size // 1000}k"


# ---------------------------------------------------------------------- the requests


def request_plan(graph: SyntheticGraph, n: int) -> dict[str, list[dict[str, Any]]]:
    """n requests of each kind: {"path", "params", "call"} (call: the QueryService side)."""
    rng = random.Random(SEED)
    targets = sample_targets(graph, n * 2, seed=SEED)
    persons = graph.entities[Label.PERSON]
    speakers = rng.choices(persons, cum_weights=_zipf_cum_weights(len(persons), 0.8), k=n)
    plan: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
    # /who for rarely named targets (popularity rank 2,000 on): small answers, so their
    # requests per second show what one worker can do when the store answers fast.
    plan["who_tail"] = [
        {"path": "/who", "params": {"stance": "criticizes", "target": e.name}}
        for e in graph.targets_by_rank[2000 : 2000 + n]
    ]
    for i in range(n):
        target, year = targets[i].name, rng.randint(2005, 2024)
        plan["who"].append({"path": "/who", "params": {"stance": "criticizes", "target": target}})
        plan["statements"].append(
            {
                "path": "/statements",
                "params": {
                    "target": target,
                    "stance": "criticizes",
                    "date_from": f"{year}-01-01",
                    "date_to": f"{year}-12-31",
                },
            }
        )
        other = targets[n + i].name
        question = (
            f"who criticized {other} in {year}?"
            if i % 2 == 0
            else f"what did {speakers[i].name} say about {other}?"
        )
        if not _understood(question):
            # A name the rule parser cannot split off would make this a 422, not a
            # latency: fall back to the who form (none left since names may hold a
            # capitalised verb, "Said al Janabi").
            question = f"who criticized {other} in {year}?"
        plan["ask"].append({"path": "/ask", "params": {"q": question}})
    return plan


def _understood(question: str) -> bool:
    from app.questions import QuestionNotUnderstood, parse_question  # noqa: PLC0415

    try:
        parse_question(question)
    except QuestionNotUnderstood:
        return False
    return True


def service_call(service, request: dict[str, Any]) -> Any:
    """The QueryService work behind one API request (what the route calls)."""
    import datetime as dt  # noqa: PLC0415

    from app.ask import answer_question  # noqa: PLC0415

    params = request["params"]
    if request["path"] == "/who":
        return service.who(stance=Stance(params["stance"]), target=params["target"])
    if request["path"] == "/statements":
        return service.statements(
            target=params["target"],
            stance=Stance(params["stance"]),
            date_from=dt.date.fromisoformat(params["date_from"]),
            date_to=dt.date.fromisoformat(params["date_to"]),
        )
    return answer_question(service, params["q"])


def timed(requests: list, call: Callable[[Any], Any]) -> list[float]:
    """Seconds per request, one at a time, within the request count and TIME_BUDGET."""
    seconds: list[float] = []
    deadline = time.perf_counter() + TIME_BUDGET
    for request in requests:
        start = time.perf_counter()
        call(request)
        seconds.append(time.perf_counter() - start)
        if time.perf_counter() > deadline:
            break
    return seconds


# ---------------------------------------------------------------------- the API server


class ApiServer:
    """uvicorn running create_app() in a child process on a free port of 127.0.0.1."""

    def __init__(self, env: dict[str, str], app: str = "app.main:create_app") -> None:
        self.port = free_ports(1)[0]
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "uvicorn", app, "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1",
            "--log-level", "warning", "--no-access-log",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=REPO, env={**os.environ, **env}, stdin=subprocess.DEVNULL
        )

    def __enter__(self) -> ApiServer:
        import httpx  # noqa: PLC0415

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"uvicorn exited with code {self.process.returncode}")
            try:
                httpx.get(f"{self.base}/openapi.json", timeout=2)
                return self
            except httpx.HTTPError:
                time.sleep(0.2)
        self.__exit__()
        raise SystemExit("uvicorn did not answer within 60 s")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def rss_mb(self) -> float | None:
        try:
            for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def peak_rss_mb(self) -> float | None:
        return process_peak_rss_mb(self.process.pid)


def api_measure(env: dict[str, str], plan: dict[str, list]) -> dict[str, Any]:
    """Latencies and /who req/s of a server without the answer cache (what each query
    costs), then /who req/s of one with it as configured by default (what repeated
    requests cost): each request is asked once first (untimed), then the throughput runs
    cycle through them; an answer older than the cache's TTL is built again, as it would
    be for users."""
    with ApiServer({**env, "DIPLOGRAPH_ANSWER_CACHE_SECONDS": "0"}) as server:
        out = _api_measure(server, plan)
        out["peak_rss_mb"] = server.peak_rss_mb()
    with ApiServer(env) as cached:
        httpx_get(f"{cached.base}/health")  # opens the store (loads an embedded graph)
        for request in plan["who"] + plan["who_tail"]:  # asked once before: now repeated
            httpx_get(f"{cached.base}{request['path']}?{urlencode(request['params'])}")
        out["who_rps_cached"] = asyncio.run(_throughput(cached.base, plan["who"]))
        out["who_tail_rps_cached"] = asyncio.run(_throughput(cached.base, plan["who_tail"]))
    return out


def httpx_get(url: str) -> None:
    """GET url, allowing for a store that opens (loads) on this request."""
    import httpx  # noqa: PLC0415

    httpx.get(url, timeout=LOAD_TIMEOUT).raise_for_status()


def _api_measure(server: ApiServer, plan: dict[str, list]) -> dict[str, Any]:
    # The standard library's client, one keep-alive connection: httpx's own work per
    # request (~1 ms here) would be counted as the API's.
    out: dict[str, Any] = {}
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=LOAD_TIMEOUT)

    def get(request: dict[str, Any]) -> tuple[int, bytes]:
        connection.request("GET", f"{request['path']}?{urlencode(request['params'])}")
        response = connection.getresponse()
        return response.status, response.read()

    with Timer() as first:  # opens the store: for the embedded one, loads the graph
        status, _ = get({"path": "/health", "params": {}})
    if status != 200:
        raise SystemExit(f"/health -> {status}")
    out["first_request_s"] = first.seconds
    assert connection.sock is not None  # connected by the request
    connection.sock.settimeout(HTTP_TIMEOUT)
    # Every request once, untimed: the raw replay runs after the API, when Neo4j's page
    # cache and plans are warm for each of them, so the API is timed warm too.
    for kind in KINDS:
        timed(plan[kind], get)

    def call(request: dict[str, Any]) -> None:
        try:
            status, body = get(request)
        except TimeoutError:
            out["timeouts"] = out.get("timeouts", 0) + 1  # counted at HTTP_TIMEOUT
            connection.close()  # the next request reconnects
            return
        if status != 200:
            # Counted, and the first one shown: a run should not die on one odd name.
            out.setdefault("errors", []).append(
                f"{request['path']} {request['params']} -> {status}: {body[:200]!r}"
            )

    for kind in KINDS:
        out[kind] = timed(plan[kind], call)
    connection.close()
    out["who_rps"] = asyncio.run(_throughput(server.base, plan["who"]))
    out["who_tail_rps"] = asyncio.run(_throughput(server.base, plan["who_tail"]))
    out["rss_mb"] = server.rss_mb()
    return out


async def _throughput(base: str, requests: list[dict[str, Any]]) -> float:
    """Requests per second with CONCURRENCY in flight (bounded by count and time).

    The client is a few lines of HTTP/1.1 over keep-alive asyncio connections, not httpx:
    on this machine httpx's own work capped a trivial FastAPI endpoint at ~570 req/s, so it
    measured the client. `trivial_rps` in the output is that ceiling for this client.
    """
    url = urlsplit(base)
    host, port = url.hostname or "127.0.0.1", url.port or 80
    targets = [
        f"GET {r['path']}?{urlencode(r['params'])} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
        for r in requests
    ]
    done = 0
    deadline = time.perf_counter() + THROUGHPUT_SECONDS

    async def worker(offset: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, port)
        i = offset
        try:
            while done < THROUGHPUT_REQUESTS and time.perf_counter() < deadline:
                writer.write(targets[i % len(targets)])
                status = await reader.readline()
                length = 0
                while (line := await reader.readline()) not in (b"\r\n", b""):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                await reader.readexactly(length)
                if b" 200 " not in status:
                    raise SystemExit(f"{requests[i % len(requests)]} -> {status!r}")
                done += 1
                i += CONCURRENCY
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(*(worker(k) for k in range(CONCURRENCY))),
        THROUGHPUT_SECONDS + HTTP_TIMEOUT,
    )
    return done / (time.perf_counter() - start)


# ---------------------------------------------------------------------- raw Neo4j


class _RecordingTx:
    def __init__(self, tx, log: list) -> None:
        self._tx, self._log = tx, log

    def run(self, query, parameters=None, **kwargs):
        params = {**(parameters or {}), **kwargs}
        self._log.append((query, params))
        return self._tx.run(query, params)


class _RecordingSession:
    def __init__(self, session, log: list) -> None:
        self._session, self._log = session, log

    def __enter__(self):
        self._session.__enter__()
        return self

    def __exit__(self, *exc):
        return self._session.__exit__(*exc)

    def execute_read(self, work, *args, **kwargs):
        queries: list = []
        self._log.append(queries)
        return self._session.execute_read(lambda tx: work(_RecordingTx(tx, queries)))


class _RecordingDriver:
    """Passes everything to the driver; keeps each read transaction's (query, params)."""

    def __init__(self, driver) -> None:
        self._driver = driver
        self.log: list[list] = []

    def session(self, **kwargs):
        return _RecordingSession(self._driver.session(**kwargs), self.log)

    def __getattr__(self, name):
        return getattr(self._driver, name)


def record_cypher(neo4j, plan: dict[str, list]) -> dict[str, list[list[list]]]:
    """For each request, the transactions (lists of (query, params)) the store sends."""
    from app.query import QueryService  # noqa: PLC0415
    from stores.neo4j_store import Neo4jStore  # noqa: PLC0415

    recorded: dict[str, list] = {}
    with Neo4jStore.open(**neo4j.options()) as store:
        recorder = _RecordingDriver(store._driver)
        store._driver = recorder  # type: ignore[assignment]  # bench only: watch the Cypher
        service = QueryService(store)
        for kind in KINDS:
            recorded[kind] = []
            deadline = time.perf_counter() + TIME_BUDGET
            for request in plan[kind]:
                recorder.log = []
                service_call(service, request)
                recorded[kind].append(recorder.log)
                if time.perf_counter() > deadline:
                    break
    return recorded


def raw_replay(neo4j, recorded: dict[str, list]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}
    with neo4j.driver() as driver:
        for kind, requests in recorded.items():

            def replay(transactions: list, driver=driver) -> None:
                for queries in transactions:
                    with driver.session(database="neo4j") as session:
                        session.execute_read(
                            lambda tx, queries=queries: [list(tx.run(q, p)) for q, p in queries]
                        )

            replay(requests[0])  # warm-up
            out[kind] = timed(requests, replay)
    return out


# ---------------------------------------------------------------------- main


def summarize(name: str, seconds: list[float]) -> dict[str, float]:
    figures = latency_summary(seconds)
    print(
        f"      {name:<22} n={len(seconds):<4} p50 {figures['p50_ms']:8.1f} ms  "
        f"p95 {figures['p95_ms']:8.1f} ms  p99 {figures['p99_ms']:8.1f} ms",
        flush=True,
    )
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes 5k and 10k, 20 requests")
    parser.add_argument("--sizes", help="comma-separated statement counts")
    parser.add_argument("--requests", type=int, help="requests per kind (default 100)")
    parser.add_argument("--skip-neo4j", action="store_true")
    parser.add_argument("--skip-embedded", action="store_true")
    parser.add_argument(
        "--embedded-max", type=int, default=100_000, help="largest size for the embedded store"
    )
    parser.add_argument("--pagecache", default="2g", help="Neo4j page cache")
    args = parser.parse_args(argv)
    global TIME_BUDGET, THROUGHPUT_SECONDS
    if args.quick:
        TIME_BUDGET, THROUGHPUT_SECONDS = 3.0, 2.0
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else (
        [5_000, 10_000] if args.quick else [10_000, 100_000, 1_000_000]
    )  # fmt: skip
    n = args.requests or (20 if args.quick else 100)

    graph = SyntheticGraph(max(sizes), seed=SEED)
    header(
        "queries",
        sizes=", ".join(_label(s) for s in sizes),
        requests=f"at most {n} per kind and {TIME_BUDGET:.0f} s per kind, size and side",
        neo4j_driver=f"rust_ext={rust_ext()}",
        api="uvicorn, 1 worker, access log off, on this machine with the client and Neo4j",
    )
    plan = request_plan(graph, n)
    with ApiServer({}, app="bench.trivial_app:create_app") as trivial:
        trivial_rps = asyncio.run(_throughput(trivial.base, [{"path": "/ping", "params": {}}]))
    print(f"   a trivial FastAPI route, same server and client: {trivial_rps:.0f} req/s")
    data_dir = Path(tempfile.mkdtemp(prefix="diplograph-bench-queries-"))
    figures: dict[str, Any] = {}
    stack = contextlib.ExitStack()
    try:
        neo4j = None if args.skip_neo4j else stack.enter_context(neo4j_server(args.pagecache))
        if neo4j is not None:
            from stores.neo4j_store import Neo4jStore  # noqa: PLC0415

            Neo4jStore.open(**neo4j.options()).close()  # the schema, before loading
        labels: dict[str, Label] = {}
        batches = graph.batches(statements_per_batch=1000)
        for size in sizes:
            print(f"-- {_label(size)} statements", flush=True)
            loaded = _grow(graph, batches, size, neo4j, labels, data_dir, args.embedded_max)
            print(f"   loaded: {loaded}", flush=True)
            if neo4j is not None:
                figures.update(_measure_neo4j(neo4j, plan, size))
            if not args.skip_embedded and size <= args.embedded_max:
                figures.update(_measure_embedded(data_dir, plan, size))
    finally:
        stack.close()
        shutil.rmtree(data_dir, ignore_errors=True)
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["trivial_rps"] = trivial_rps
    final_line("queries", **_final(figures, sizes, args))


def _grow(graph, batches, size, neo4j, labels, data_dir, embedded_max) -> str:
    """Write batches until `size` statements are in the stores; say what it took."""
    from bench.ingest import neo4j_raw_run  # noqa: PLC0415
    from stores.networkx_store import NetworkxStore  # noqa: PLC0415

    chunk = []
    with Timer() as gen:
        while graph.tally.statements < size:
            try:
                chunk.append(next(batches))
            except StopIteration:
                break
    parts = [f"{graph.tally.statements} statements, {graph.tally.relationships} rels "
             f"(generated in {gen.seconds:.0f} s)"]  # fmt: skip
    if neo4j is not None:
        from stores.neo4j_store import Neo4jStore  # noqa: PLC0415

        seconds = neo4j_raw_run(neo4j, chunk, 10_000, labels)
        # The raw loader writes around the store: count its speaker tallies as a bulk
        # import would have to.
        with Timer() as tallied, Neo4jStore.open(**neo4j.options()) as store:
            tallies = store.rebuild_tallies()
        parts.append(
            f"neo4j +{seconds:.0f} s, {tallies} speaker tallies counted in {tallied.seconds:.0f} s"
        )
    if size <= embedded_max:
        with Timer() as t:
            store = NetworkxStore.open(data_dir)
            with store.bulk():
                for batch in chunk:
                    store.write(batch)
            store.close()
            del store
            gc.collect()
        parts.append(f"embedded +{t.seconds:.0f} s")
    return ", ".join(parts)


def _api_figures(side: str, tag: str, api: dict[str, Any]) -> dict[str, Any]:
    """Latency summaries of every kind and /who req/s, named `<side>_<figure>_<size>`."""
    out = {
        f"{side}_{kind}_{key}_{tag}": value
        for kind in KINDS
        for key, value in summarize(kind, api[kind]).items()
    }
    for figure in ("who_rps", "who_tail_rps", "who_rps_cached", "who_tail_rps_cached"):
        out[f"{side}_{figure}_{tag}"] = api[figure]
    return out


def _print_throughput(api: dict[str, Any], extra: str = "") -> None:
    print(
        f"      /who at {CONCURRENCY} in flight: {api['who_rps']:.0f} req/s (rare targets "
        f"only: {api['who_tail_rps']:.0f}); repeated, with the answer cache: "
        f"{api['who_rps_cached']:.0f} (rare: {api['who_tail_rps_cached']:.0f}){extra}",
        flush=True,
    )


def _measure_neo4j(neo4j, plan, size) -> dict[str, Any]:
    tag = _label(size)
    out: dict[str, Any] = {}
    print("   neo4j, API (uvicorn):", flush=True)
    env = {
        "DIPLOGRAPH_STORE": "neo4j",
        "NEO4J_URI": neo4j.uri,
        "NEO4J_USER": neo4j.user,
        "NEO4J_PASSWORD": neo4j.password,
    }
    api = api_measure(env, plan)
    for line in api.get("errors", [])[:3]:
        print(f"      error ({len(api['errors'])} in all): {line}", flush=True)
    if api.get("timeouts"):
        print(f"      {api['timeouts']} requests timed out after {HTTP_TIMEOUT:.0f} s", flush=True)
    out.update(_api_figures("neo4j", tag, api))
    _print_throughput(api)
    print("   neo4j, raw driver (same Cypher):", flush=True)
    recorded = record_cypher(neo4j, plan)
    raw = raw_replay(neo4j, recorded)
    for kind in KINDS:
        for key, value in summarize(kind, raw[kind]).items():
            out[f"neo4j_raw_{kind}_{key}_{tag}"] = value
        api_p50 = out[f"neo4j_{kind}_p50_ms_{tag}"]
        print(
            f"      {kind} API/raw p50: {ratio(api_p50, out[f'neo4j_raw_{kind}_p50_ms_{tag}']):.2f}"
        )
    out[f"neo4j_server_peak_rss_mb_{tag}"] = neo4j.peak_rss_mb()
    return out


def _measure_embedded(data_dir, plan, size) -> dict[str, Any]:
    from app.query import QueryService  # noqa: PLC0415
    from stores.networkx_store import NetworkxStore  # noqa: PLC0415

    tag = _label(size)
    out: dict[str, Any] = {}
    print("   embedded, API (uvicorn):", flush=True)
    env = {"DIPLOGRAPH_STORE": "embedded", "DIPLOGRAPH_DATA_DIR": str(data_dir)}
    api = api_measure(env, plan)
    for line in api.get("errors", [])[:3]:
        print(f"      error ({len(api['errors'])} in all): {line}", flush=True)
    out.update(_api_figures("embedded", tag, api))
    out[f"embedded_load_s_{tag}"] = api["first_request_s"]
    out[f"embedded_rss_mb_{tag}"] = api["rss_mb"]
    file_mb = (data_dir / "graph.json").stat().st_size / 2**20
    _print_throughput(
        api,
        f"; server RSS {api['rss_mb']:.0f} MB (peak {api['peak_rss_mb']:.0f}), graph.json "
        f"{file_mb:.0f} MB, first request (loads the graph) {api['first_request_s']:.1f} s",
    )
    print("   embedded, QueryService in-process (no HTTP):", flush=True)
    with Timer() as load:
        store = NetworkxStore.open(data_dir)
    service = QueryService(store)
    for kind in KINDS:
        service_call(service, plan[kind][0])  # warm-up
        seconds = timed(plan[kind], partial(service_call, service))
        for key, value in summarize(kind, seconds).items():
            out[f"embedded_raw_{kind}_{key}_{tag}"] = value
    print(f"      load in-process {load.seconds:.1f} s", flush=True)
    store.close()
    del store, service
    gc.collect()
    return out


def _final(figures: dict[str, Any], sizes: list[int], args) -> dict[str, Any]:
    """The closing line: headline figures at the largest size of each store."""
    out: dict[str, Any] = {}
    if not args.skip_neo4j:
        tag = _label(max(sizes))
        out["size"] = tag
        for kind in KINDS:
            for p in ("p50", "p95", "p99"):
                out[f"{kind}_{p}_ms"] = figures[f"neo4j_{kind}_{p}_ms_{tag}"]
            out[f"raw_{kind}_p50_ms"] = figures[f"neo4j_raw_{kind}_p50_ms_{tag}"]
        out["ratio"] = ratio(out["who_p50_ms"], out["raw_who_p50_ms"])
        out["statements_ratio"] = ratio(out["statements_p50_ms"], out["raw_statements_p50_ms"])
        out["ask_ratio"] = ratio(out["ask_p50_ms"], out["raw_ask_p50_ms"])
        for figure in ("who_rps", "who_tail_rps", "who_rps_cached", "who_tail_rps_cached"):
            out[figure] = figures[f"neo4j_{figure}_{tag}"]
        small = _label(min(sizes))
        out["who_p50_growth"] = ratio(out["who_p50_ms"], figures[f"neo4j_who_p50_ms_{small}"])
        out["statements_p50_growth"] = ratio(
            out["statements_p50_ms"], figures[f"neo4j_statements_p50_ms_{small}"]
        )
    if not args.skip_embedded:
        done = [s for s in sizes if s <= args.embedded_max]
        if done:
            tag = _label(max(done))
            out["embedded_size"] = tag
            out["embedded_who_p50_ms"] = figures[f"embedded_who_p50_ms_{tag}"]
            out["embedded_statements_p50_ms"] = figures[f"embedded_statements_p50_ms_{tag}"]
            out["embedded_who_rps"] = figures[f"embedded_who_rps_{tag}"]
            out["embedded_who_tail_rps"] = figures[f"embedded_who_tail_rps_{tag}"]
            out["embedded_who_rps_cached"] = figures[f"embedded_who_rps_cached_{tag}"]
            out["embedded_rss_mb"] = figures[f"embedded_rss_mb_{tag}"]
            out["embedded_load_s"] = figures[f"embedded_load_s_{tag}"]
    out["trivial_rps"] = figures["trivial_rps"]
    out["rust_ext"] = rust_ext()
    out["peak_rss_mb"] = figures["peak_rss_mb"]
    return out


if __name__ == "__main__":
    main()
