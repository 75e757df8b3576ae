"""Fixtures shared by every test folder: a real Neo4j server for the tests that need one.

`neo4j_server` (one per session) is a Neo4j server assembled by stores.neo4j_server on free
ports, in a temporary home, with a random password; it is stopped when the session ends.
When NEO4J_URI and NEO4J_PASSWORD are set, the server they point at is used instead and left
running, but only if its database is empty: the tests delete everything in it, and a
developer's own graph must not be lost to a test run. The suite empties it again at the end.

Without java (or mvn, while the jar cache is cold) the tests that need a server are skipped,
with the reason, unless DIPLOGRAPH_REQUIRE_NEO4J=1 turns that into a failure (as in CI).
"""

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass

import neo4j
import pytest

from stores.cypher import SCHEMA_VERSION_LABEL
from stores.neo4j_server import Neo4jServerError, ServerConfig, free_ports, start, stop

SERVER_START_TIMEOUT = 120.0


@dataclass(frozen=True)
class Neo4jServer:
    """Where a test server answers; `config` is None for a server this session did not start."""

    uri: str
    user: str
    password: str
    config: ServerConfig | None = None

    def driver(self) -> neo4j.Driver:
        """A new driver on this server (close it: `with server.driver() as driver:`)."""
        return neo4j.GraphDatabase.driver(self.uri, auth=(self.user, self.password))

    def empty(self) -> None:
        """Delete every node and relationship; constraints and indexes stay."""
        with self.driver() as driver:
            driver.execute_query("MATCH (n) DETACH DELETE n")

    def options(self) -> dict[str, str]:
        """Keyword arguments for Neo4jStore.open / stores.open_store."""
        return {"uri": self.uri, "user": self.user, "password": self.password}


def _unavailable(reason: str) -> None:
    if os.environ.get("DIPLOGRAPH_REQUIRE_NEO4J") == "1":
        pytest.fail(f"{reason} (DIPLOGRAPH_REQUIRE_NEO4J=1)")
    pytest.skip(reason)


def start_private_server(tmp_path_factory: pytest.TempPathFactory) -> Neo4jServer:
    """Start a new server on free ports in a temporary home (skip if it cannot run here)."""
    bolt_port, http_port = free_ports(2)
    config = ServerConfig(
        home=tmp_path_factory.mktemp("neo4j") / "home",
        # Hex only: neo4j-admin would read a password starting with "-" as an option.
        password=f"test-{secrets.token_hex(16)}",
        bolt_port=bolt_port,
        http_port=http_port,
    )
    try:
        start(config, timeout=SERVER_START_TIMEOUT)
    except Neo4jServerError as exc:
        if "is not on PATH" in str(exc) or "JAVA_HOME is set" in str(exc):
            _unavailable(f"Cannot run a local Neo4j server: {exc}")
        raise
    return Neo4jServer(config.bolt_uri, config.user, config.password, config)


def _reuse_server_from_env() -> Neo4jServer | None:
    uri, password = os.environ.get("NEO4J_URI"), os.environ.get("NEO4J_PASSWORD")
    if not uri or not password:
        return None
    server = Neo4jServer(uri, os.environ.get("NEO4J_USER") or "neo4j", password)
    try:
        with server.driver() as driver:
            records, _, _ = driver.execute_query(
                f"MATCH (n) WHERE NOT n:{SCHEMA_VERSION_LABEL} RETURN count(n) AS nodes"
            )
    except (neo4j.exceptions.DriverError, neo4j.exceptions.Neo4jError) as exc:
        pytest.fail(f"NEO4J_URI={uri} is set but the server cannot be used: {exc}")
    if records[0]["nodes"]:
        pytest.fail(
            f"The Neo4j database at NEO4J_URI={uri} holds {records[0]['nodes']} nodes and the "
            "tests would delete them: unset NEO4J_URI to let the tests start their own "
            "server, or point it at an empty throw-away database"
        )
    return server


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """A running Neo4j server for this test session (see the module docstring)."""
    reused = _reuse_server_from_env()
    if reused is not None:
        yield reused
        reused.empty()
        return
    server = start_private_server(tmp_path_factory)
    assert server.config is not None
    try:
        yield server
    finally:
        stop(server.config)


@pytest.fixture(scope="session")
def stoppable_neo4j_server(
    neo4j_server: Neo4jServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Neo4jServer]:
    """A server the tests may stop and start again: the session's, if this session owns it.

    A test that stops it must start it again before it ends, whatever happens.
    """
    if neo4j_server.config is not None:
        yield neo4j_server
        return
    server = start_private_server(tmp_path_factory)
    assert server.config is not None
    try:
        yield server
    finally:
        stop(server.config)


@pytest.fixture
def clean_neo4j(neo4j_server: Neo4jServer) -> Neo4jServer:
    """The session's server with its database emptied for this test."""
    neo4j_server.empty()
    return neo4j_server
