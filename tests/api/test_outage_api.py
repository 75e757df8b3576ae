"""GET /health over a real Neo4j: 503 with a clear detail while the server is down, 200 again
once it is back, for an app that had opened its store and for one that could not open it yet.

Stops and restarts a real server (stores.neo4j_server.stop / start); see tests/conftest.py.
"""

import warnings
from pathlib import Path
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from app.config import Settings
from app.main import create_app
from stores.neo4j_server import start, stop

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package; the project's dev dependencies pin httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.neo4j


def neo4j_settings(server: Any, data_dir: Path) -> Settings:
    return Settings(
        data_dir=data_dir,
        store="neo4j",
        neo4j_uri=server.uri,
        neo4j_user=server.user,
        neo4j_password=server.password,
    )


def test_health_is_503_while_neo4j_is_down_and_200_when_it_is_back(
    stoppable_neo4j_server: Any, tmp_path: Path
):
    server = stoppable_neo4j_server
    assert server.config is not None
    server.empty()
    settings = neo4j_settings(server, tmp_path / "data")
    unavailable = f"Graph store unavailable: Neo4j is not reachable at {server.uri}: "
    with TestClient(create_app(settings)) as opened, TestClient(create_app(settings)) as late:
        healthy = opened.get("/health")
        assert healthy.status_code == 200
        assert healthy.json()["store"] == "neo4j"

        stop(server.config)
        try:
            for client in (opened, late):  # `late` has not opened its store yet
                response = client.get("/health")
                assert response.status_code == 503
                assert response.headers["content-type"] == "application/json"
                detail = response.json()["detail"]
                assert detail.startswith(unavailable), detail
                assert "Traceback" not in detail and "\n" not in detail
        finally:
            start(server.config)

        for client in (opened, late):
            again = client.get("/health")
            assert again.status_code == 200
            assert again.json() == healthy.json()
