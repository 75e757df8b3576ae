"""Cached answers of /who, /statements and /ask (app/answer_cache.py), through the API.

To tell a cached answer from a fresh one, a statement is written into the app's store
behind the API's back, as another process would: a cached answer does not show it yet.
"""

import datetime as dt
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_graph import (
    ENTITIES,
    NATO,
    WANG,
    document,
    statement,
    write_sample_graph,
)
from starlette.exceptions import StarletteDeprecationWarning

from app.config import Settings
from app.deps import get_query_service
from app.main import create_app
from graph_schema import Stance
from pipelines.graph_rows import extraction_rows
from pipelines.statements import Extraction
from stores.base import BUSY, Busy

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

WHO_CRITICIZED_NATO = {"stance": "criticizes", "target": "NATO"}
READS = [
    ("/who", WHO_CRITICIZED_NATO),
    ("/statements", {"target": "NATO", "stance": "criticizes"}),
    ("/ask", {"q": "who criticized NATO?"}),
]


def open_client(data_dir: Path, **settings: object) -> tuple[TestClient, Settings]:
    write_sample_graph(data_dir)
    chosen = Settings(data_dir=data_dir, **settings)  # type: ignore[arg-type]
    return TestClient(create_app(chosen)), chosen


def write_behind_the_api(client: TestClient, settings: Settings) -> None:
    """Wang Yi criticizes NATO, written straight into the app's store."""
    said = statement(
        "st:wang-nato", WANG, dt.date(2023, 5, 2), "NATO should not reach into Asia.",
        [(Stance.CRITICIZES, NATO, "should not reach into Asia")],
    )  # fmt: skip
    info = document("doc:xinhua-2023", "Xinhua", dt.date(2023, 5, 2), "Wang on NATO")
    extraction = Extraction(document=info, statements=(said,), entities=ENTITIES)
    client.app.state.resources.store(settings).write(extraction_rows(extraction))


def speaker_names(client: TestClient, **params: str) -> list[str]:
    body = client.get("/who", params={**WHO_CRITICIZED_NATO, **params}).json()
    return [entry["speaker"]["name"] for entry in body["speakers"]]


@pytest.fixture
def cached(tmp_path: Path) -> Iterator[tuple[TestClient, Settings]]:
    client, settings = open_client(tmp_path, answer_cache_seconds=600)
    with client:
        yield client, settings


def test_a_repeated_request_gets_the_answer_given_before(
    cached: tuple[TestClient, Settings],
) -> None:
    client, settings = cached
    before = {path: client.get(path, params=params).content for path, params in READS}
    assert speaker_names(client) == ["Sergey Lavrov", "Maria Zakharova"]
    write_behind_the_api(client, settings)
    for path, params in READS:
        assert client.get(path, params=params).content == before[path], path
        # The same parameters in another order are the same request.
        reordered = dict(reversed(list(params.items())))
        assert client.get(path, params=reordered).content == before[path], path
    # Another request is answered from the graph as it is now.
    assert "Wang Yi" in speaker_names(client, limit="10")


def test_a_cached_answer_is_sent_before_routing(cached: tuple[TestClient, Settings]) -> None:
    client, _ = cached
    before = {path: client.get(path, params=params) for path, params in READS}

    def unavailable() -> None:
        raise RuntimeError("the routes' dependencies are not reached for a cached answer")

    client.app.dependency_overrides[get_query_service] = unavailable
    for path, params in READS:
        again = client.get(path, params=params)
        assert again.status_code == 200, path
        assert again.content == before[path].content, path
        assert again.headers["content-type"] == before[path].headers["content-type"]
        assert int(again.headers["content-length"]) == len(before[path].content)
    # A question not asked before goes through the routes (and meets the failing dependency).
    with pytest.raises(RuntimeError, match="not reached"):
        client.get("/who", params={**WHO_CRITICIZED_NATO, "limit": "3"})


def test_with_the_cache_off_every_answer_is_fresh(tmp_path: Path) -> None:
    client, settings = open_client(tmp_path, answer_cache_seconds=0)
    with client:
        assert "Wang Yi" not in speaker_names(client)
        write_behind_the_api(client, settings)
        assert "Wang Yi" in speaker_names(client)


def test_an_error_is_not_cached(cached: tuple[TestClient, Settings]) -> None:
    client, settings = cached
    assert client.get("/who", params={"stance": "criticizes"}).status_code == 422
    assert client.get("/ask", params={"q": "tell me a story"}).status_code == 422


@pytest.mark.slow
def test_an_ingest_through_the_api_clears_every_answer(
    cached: tuple[TestClient, Settings],
) -> None:
    client, settings = cached
    assert "Wang Yi" not in speaker_names(client)
    write_behind_the_api(client, settings)
    article = {
        "title": "Minister on the summit",
        "outlet": "Example Wire",
        "published": "2024-05-02",
        "text": "Foreign Minister Anna Berg said on Thursday that the summit had gone well.",
    }
    assert client.post("/documents", json=article).status_code == 201
    assert "Wang Yi" in speaker_names(client)


def test_a_read_the_store_cannot_run_at_once_gives_the_same_answer(tmp_path: Path) -> None:
    # The embedded store answers on the event loop; when it says BUSY (a write holds it),
    # the same answer is built in a worker thread instead.
    client, settings = open_client(tmp_path, answer_cache_seconds=0)
    at_once = [client.get(path, params=params).content for path, params in READS]
    store = client.app.state.resources.store(settings)
    asked: list[object] = []

    def busy(read: object) -> Busy:
        asked.append(read)
        return BUSY

    store.read_now = busy
    in_a_thread = [client.get(path, params=params).content for path, params in READS]
    assert in_a_thread == at_once
    assert len(asked) == len(READS) and b"Sergey Lavrov" in at_once[0]
