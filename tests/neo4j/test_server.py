"""A real Neo4j server assembled from Maven Central: start, Bolt, Browser, auth, failures, stop.

Runs on free ports picked at random, so it never meets a developer's own server or a
concurrent test run. Skipped when java or mvn is missing, unless DIPLOGRAPH_REQUIRE_NEO4J=1
makes that a failure.
"""

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import neo4j
import pytest
from neo4j.exceptions import AuthError

from stores.neo4j_server import (
    Neo4jServerError,
    ServerConfig,
    ServerStatus,
    free_ports,
    start,
    status,
    stop,
)

pytestmark = pytest.mark.neo4j

PASSWORD = "diplograph-test-password"


def _require_tools() -> None:
    missing = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"{' and '.join(missing)} not on PATH: cannot run a local Neo4j server"
    if os.environ.get("DIPLOGRAPH_REQUIRE_NEO4J") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> ServerConfig:
    _require_tools()
    home = tmp_path_factory.mktemp("neo4j") / "home"
    bolt_port, http_port = free_ports(2)
    return ServerConfig(home=home, password=PASSWORD, bolt_port=bolt_port, http_port=http_port)


@pytest.fixture(scope="module")
def server(config: ServerConfig) -> Iterator[ServerStatus]:
    started = start(config)
    yield started
    stop(config)
    assert status(config) == ServerStatus(False, None, config.bolt_uri, config.browser_url, None)
    assert not config.pid_file.exists()
    stop(config)  # stopping a stopped server is a no-op


def test_start_answers_on_bolt_with_the_password(config: ServerConfig, server: ServerStatus):
    assert server.running and server.pid is not None
    assert server.version and server.version.startswith("5.26.")
    assert config.pid_file.read_text().strip() == str(server.pid)
    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", PASSWORD)) as driver:
        records, _, _ = driver.execute_query("RETURN 1 AS one")
    assert records[0]["one"] == 1


def test_wrong_password_is_refused(server: ServerStatus):
    with (
        neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", "not-the-password")) as driver,
        pytest.raises(AuthError),
    ):
        driver.execute_query("RETURN 1")


def test_browser_is_served_and_points_at_our_bolt_port(config: ServerConfig, server: ServerStatus):
    page = httpx.get(server.browser_url, timeout=10)
    assert page.status_code == 200
    assert "<title>Neo4j Browser</title>" in page.text
    discovery = httpx.get(f"http://127.0.0.1:{config.http_port}/", timeout=10).json()
    assert discovery["bolt_direct"] == server.bolt_uri


def test_start_and_status_reuse_the_running_server(config: ServerConfig, server: ServerStatus):
    assert start(config) == server
    assert status(config) == server


@pytest.mark.parametrize(
    ("setting", "explanation"),
    [
        pytest.param(
            ("server.memory.pagecache.size", "1000g"),
            "exited with code 3 .*Invalid memory configuration",
            id="rejected-by-the-server",
        ),
        pytest.param(
            ("server.no_such_setting", "1"),
            "set-initial-password failed.*Unrecognized setting",
            id="rejected-by-neo4j-admin",
        ),
    ],
)
def test_bad_setting_fails_start_with_the_log_lines(
    config: ServerConfig, tmp_path: Path, setting: tuple[str, str], explanation: str
):
    bolt_port, http_port = free_ports(2)
    broken = ServerConfig(
        home=tmp_path / "home",
        password=PASSWORD,
        bolt_port=bolt_port,
        http_port=http_port,
        jar_cache=config.jar_cache,
        settings=(setting,),
    )
    with pytest.raises(Neo4jServerError, match=f"(?s){explanation}"):
        start(broken, timeout=60)
    assert not status(broken).running and not broken.pid_file.exists()


def test_taken_port_is_refused_before_launch(config: ServerConfig, tmp_path: Path):
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        taken = squatter.getsockname()[1]
        clash = ServerConfig(
            home=tmp_path / "home",
            password=PASSWORD,
            bolt_port=taken,
            http_port=free_ports(1)[0],
            jar_cache=config.jar_cache,
        )
        with pytest.raises(Neo4jServerError, match=f"Bolt port 127.0.0.1:{taken} is already"):
            start(clash)
    assert status(clash).pid is None


def test_free_ports_are_distinct_and_free() -> None:
    ports = free_ports(20)
    assert len(set(ports)) == 20
    for port in ports:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))
