"""The HTTP API over an embedded store in a temporary data dir, without the NLP pipeline.

Reads run over the hand-built graph of sample_graph.py; `detail` messages are pinned, since
clients read them.
"""

import datetime as dt
import importlib.util
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sample_graph import write_sample_graph
from starlette.exceptions import StarletteDeprecationWarning

from app.config import Settings, get_settings
from app.deps import get_store
from app.main import create_app
from app.questions import QUESTION_FORMS
from stores.base import GraphCounts, StoreUnavailable

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package; the project's dev dependencies pin httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

API_KEY = "s3cret-key"
LATIN_1_ARTICLE = (
    "The minister said the caf\xe9 talks in Gen\xe8ve had gone well, and that both sides "
    "would meet again in the spring to discuss the treaty."
).encode("latin-1")
GERMAN_ARTICLE = (
    "Der russische Au\u00dfenminister hat am Donnerstag in Moskau erkl\u00e4rt, dass die "
    "Vereinbarung zwischen Japan und den Vereinigten Staaten gegen Russland und China "
    "gerichtet sei. Diese Politik werde Moskau niemals akzeptieren, sagte er vor Journalisten."
)


def client_for(settings: Settings) -> TestClient:
    return TestClient(create_app(settings))


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[TestClient]:
    with client_for(Settings(data_dir=tmp_path / "data")) as client:
        yield client


@pytest.fixture
def keyed(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", api_key=API_KEY, max_body_bytes=1000)
    with client_for(settings) as client:
        yield client


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("sample")
    write_sample_graph(data_dir)
    return data_dir


@pytest.fixture
def sample(sample_dir: Path) -> Iterator[TestClient]:
    with client_for(Settings(data_dir=sample_dir)) as client:
        yield client


def ids(page: dict[str, Any]) -> list[str]:
    return [item["id"] for item in page["data"]]


# ---------------------------------------------------------------------- health and docs


def test_health_counts_an_empty_store(empty: TestClient) -> None:
    response = empty.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["store"] == "embedded"
    assert (body["nodes"], body["relationships"]) == (0, 0)


def test_health_counts_the_sample_graph(sample: TestClient) -> None:
    body = sample.get("/health").json()
    assert body["by_label"]["Statement"] == 5
    assert body["by_label"]["Document"] == 6
    assert body["nodes"] == 22


class DownStore:
    kind = "neo4j"

    def counts(self) -> GraphCounts:
        raise StoreUnavailable("Neo4j is not reachable at bolt://127.0.0.1:7687")

    def close(self) -> None:
        pass


def test_health_is_503_when_the_store_is_down(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    app.dependency_overrides[get_store] = DownStore
    with TestClient(app) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "Graph store unavailable: Neo4j is not reachable at bolt://127.0.0.1:7687"
    }


def test_one_store_per_app_opened_lazily_and_closed_at_shutdown(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    resources = app.state.resources
    with TestClient(app) as client:
        assert resources._store is None  # nothing opens at startup
        client.get("/health")
        store = resources._store
        assert store is not None
        client.get("/statements")
        assert resources._store is store
    assert resources._store is None


def test_docs_and_openapi_are_served(empty: TestClient) -> None:
    assert empty.get("/docs").status_code == 200
    spec = empty.get("/openapi.json").json()
    assert spec["info"]["title"] == "diplograph"
    for path in (
        "/statements",
        "/who",
        "/ask",
        "/entities",
        "/entities/{entity_id}",
        "/entities/{entity_id}/neighbors",
        "/documents",
        "/health",
    ):
        assert path in spec["paths"], path
    body = spec["paths"]["/documents"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "text/plain"}
    assert "APIKeyHeader" in spec["components"]["securitySchemes"]


@pytest.mark.parametrize(
    ("path", "model"),
    [("/who", "WhoAnswer"), ("/statements", "StatementsPage"), ("/ask", "AskAnswer")],
)
def test_routes_answering_with_model_json_still_document_their_model(
    empty: TestClient, path: str, model: str
) -> None:
    spec = empty.get("/openapi.json").json()
    content = spec["paths"][path]["get"]["responses"]["200"]["content"]
    assert content["application/json"]["schema"] == {"$ref": f"#/components/schemas/{model}"}


# ---------------------------------------------------------------------- settings


def test_settings_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DIPLOGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DIPLOGRAPH_STORE", "neo4j")
    monkeypatch.setenv("DIPLOGRAPH_API_KEY", "")
    monkeypatch.setenv("DIPLOGRAPH_SPACY_MODELS", "model_a, model_b")
    monkeypatch.setenv("NEO4J_URI", "bolt://graph.internal:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter22")
    monkeypatch.setenv("NEO4J_BATCH_SIZE", "250")
    get_settings.cache_clear()
    try:
        settings = get_settings()
        assert get_settings() is settings  # cached
    finally:
        get_settings.cache_clear()
    assert settings.data_dir == tmp_path
    assert settings.store == "neo4j"
    assert settings.api_key is None  # blank means unset
    assert settings.spacy_models == ["model_a", "model_b"]
    assert settings.max_body_bytes == 2_000_000
    assert settings.neo4j_options() == {
        "uri": "bolt://graph.internal:7687",
        "user": "neo4j",
        "password": "hunter22",
        "database": "neo4j",
        "batch_size": 250,
    }
    assert "hunter22" not in repr(settings)


def test_an_app_without_settings_reads_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DIPLOGRAPH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DIPLOGRAPH_STORE", raising=False)
    get_settings.cache_clear()
    try:
        with TestClient(create_app()) as client:
            assert client.get("/health").json()["store"] == "embedded"
    finally:
        get_settings.cache_clear()


# ---------------------------------------------------------------------- bad parameters


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/statements?stance=foo", "stance"),
        ("/statements?limit=0", "limit"),
        ("/statements?limit=501", "limit"),
        ("/statements?offset=-1", "offset"),
        ("/statements?date_from=not-a-date", "date_from"),
        ("/who?stance=praises&target=NATO", "stance"),
        ("/who?stance=criticizes", "target"),
        ("/entities?type=Planet", "type"),
        ("/ask", "q"),
    ],
)
def test_bad_parameters_are_422(empty: TestClient, url: str, field: str) -> None:
    response = empty.get(url)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_a_period_ending_before_it_starts_is_422(empty: TestClient) -> None:
    response = empty.get("/statements?date_from=2022-01-01&date_to=2021-01-01")
    assert response.status_code == 422
    assert response.json() == {"detail": "date_from (2022-01-01) is after date_to (2021-01-01)"}


def test_unknown_entity_is_404(empty: TestClient) -> None:
    for url in ("/entities/country:XXX", "/entities/country:XXX/neighbors"):
        response = empty.get(url)
        assert response.status_code == 404
        assert response.json() == {"detail": "No entity with id 'country:XXX'"}


def test_unparseable_question_is_422_listing_the_forms(empty: TestClient) -> None:
    response = empty.get("/ask", params={"q": "what is the weather in Moscow?"})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(
        "Could not understand the question 'what is the weather in Moscow?'. Ask one of: "
    )
    assert all(form in detail for form in QUESTION_FORMS)


# ---------------------------------------------------------------------- POST /documents


def test_reads_are_open_when_a_key_is_set(keyed: TestClient) -> None:
    assert keyed.get("/health").status_code == 200
    assert keyed.get("/statements").status_code == 200


@pytest.mark.parametrize("headers", [{}, {"X-API-Key": "wrong"}, {"X-API-Key": ""}])
def test_writes_need_the_api_key(keyed: TestClient, headers: dict[str, str]) -> None:
    response = keyed.post("/documents", json={"text": "Lavrov said it."}, headers=headers)
    assert response.status_code == 401
    assert response.json() == {"detail": "Missing or invalid API key"}


def test_the_key_is_checked_before_the_body_is_read(keyed: TestClient) -> None:
    response = keyed.post("/documents", content=b"x" * 5000, headers={"X-API-Key": "wrong"})
    assert response.status_code == 401


def post(client: TestClient, **kwargs: Any) -> Any:
    headers = {"X-API-Key": API_KEY, **kwargs.pop("headers", {})}
    return client.post("/documents", headers=headers, **kwargs)


def test_oversize_body_is_413_by_content_length(keyed: TestClient) -> None:
    response = post(keyed, content=b"x" * 1001, headers={"Content-Type": "text/plain"})
    assert response.status_code == 413
    assert response.json() == {
        "detail": "Document too large: 1001 bytes is over the 1000-byte limit; "
        "send a single article"
    }


def test_oversize_chunked_body_is_413_while_reading(keyed: TestClient) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        for _ in range(100):  # 10 kB in all; the server stops well before the end
            sent.append(1)
            yield b"y" * 100

    response = post(keyed, content=chunks(), headers={"Content-Type": "text/plain"})
    assert response.status_code == 413
    assert response.json() == {
        "detail": "Document too large: more than 1000 bytes is over the 1000-byte limit; "
        "send a single article"
    }


def test_latin_1_body_is_400(keyed: TestClient) -> None:
    response = post(keyed, content=LATIN_1_ARTICLE, headers={"Content-Type": "text/plain"})
    assert response.status_code == 400
    # The prefix is ours (app/errors.py); the rest is documents.py's message.
    assert response.json()["detail"].startswith("Undecodable document: not valid UTF-8 at byte 25")


def test_malformed_json_is_400(keyed: TestClient) -> None:
    response = post(keyed, content=b'{"text": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Malformed document: invalid JSON at line 1, column 10 (Expecting value)"
    }


def test_json_without_text_is_422(keyed: TestClient) -> None:
    response = post(keyed, json={"title": "No text"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "text"]


def test_json_with_a_bad_date_is_422(keyed: TestClient) -> None:
    response = post(keyed, json={"text": "Some words.", "published": "yesterday"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "published"]


def test_empty_body_is_400(keyed: TestClient) -> None:
    response = post(keyed, content=b"  \n ", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Empty document: ")


def test_binary_body_is_400(keyed: TestClient) -> None:
    response = post(keyed, content=b"\x89PNG\x00\x00", headers={"Content-Type": "text/plain"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Not a text document: ")


def test_non_english_article_is_422(keyed: TestClient) -> None:
    response = post(keyed, json={"text": GERMAN_ARTICLE})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("Unsupported language: ")
    assert "English" in detail


def test_other_content_types_are_415(keyed: TestClient) -> None:
    response = post(keyed, content=b"<p>hi</p>", headers={"Content-Type": "text/html"})
    assert response.status_code == 415
    assert response.json() == {
        "detail": "Unsupported content type 'text/html'; send application/json or text/plain"
    }


# ---------------------------------------------------------------------- statements


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {},
            ["st:lavrov-2022", "st:wang-2021", "st:lavrov-2021", "st:zakharova", "st:lavrov-2019"],
        ),
        ({"speaker": "Lavrov"}, ["st:lavrov-2022", "st:lavrov-2021", "st:lavrov-2019"]),
        (
            {"speaker": "person:sergey-lavrov", "stance": "criticizes"},
            ["st:lavrov-2022", "st:lavrov-2019"],
        ),
        ({"target": "NATO", "stance": "criticizes"}, ["st:lavrov-2022", "st:zakharova"]),
        ({"target": "New START", "stance": "criticizes"}, []),
        ({"mention": "INF Treaty"}, ["st:lavrov-2022", "st:lavrov-2021"]),
        ({"mention": "United States"}, ["st:wang-2021", "st:lavrov-2021", "st:lavrov-2019"]),
        ({"date_from": "2021-01-01", "date_to": "2021-12-31"}, ["st:wang-2021", "st:lavrov-2021"]),
        ({"outlet": "sputnik"}, ["st:lavrov-2022"]),
        ({"speaker": "Atlantis"}, []),
    ],
)
def test_statement_filters(sample: TestClient, params: dict[str, str], expected: list[str]) -> None:
    response = sample.get("/statements", params=params)
    assert response.status_code == 200
    assert ids(response.json()) == expected


def test_statements_are_paged_in_an_envelope(sample: TestClient) -> None:
    first = sample.get("/statements", params={"limit": 2}).json()
    assert set(first) == {"data", "count", "limit", "offset", "first_date", "last_date"}
    assert (first["count"], first["limit"], first["offset"]) == (5, 2, 0)
    assert ids(first) == ["st:lavrov-2022", "st:wang-2021"]
    last = sample.get("/statements", params={"limit": 2, "offset": 4}).json()
    assert ids(last) == ["st:lavrov-2019"]
    assert last["count"] == 5
    # The date span covers every matching statement, not only the page's.
    oldest, newest = last["data"][0]["date"], first["data"][0]["date"]
    assert (first["first_date"], first["last_date"]) == (oldest, newest)
    assert (last["first_date"], last["last_date"]) == (oldest, newest)


def test_a_statement_lists_every_source(sample: TestClient) -> None:
    page = sample.get("/statements", params={"outlet": "RIA Novosti", "speaker": "Lavrov"}).json()
    (statement,) = page["data"]
    assert statement["speaker"] == {
        "id": "person:sergey-lavrov",
        "name": "Sergey Lavrov",
        "type": "Person",
    }
    assert {s["outlet"] for s in statement["sources"]} == {"RIA Novosti", "Sputnik"}
    stances = {(r["stance"], r["target"]["id"]) for r in statement["relations"]}
    assert stances == {("criticizes", "alliance:nato"), ("criticizes", "alliance:japan-us")}


# ---------------------------------------------------------------------- who


def test_who_criticized_the_alliance(sample: TestClient) -> None:
    body = sample.get("/who", params={"stance": "criticizes", "target": "Japan-US alliance"}).json()
    assert [t["id"] for t in body["targets"]] == ["alliance:japan-us"]
    (lavrov,) = body["speakers"]
    assert lavrov["speaker"]["id"] == "person:sergey-lavrov"
    assert (lavrov["count"], lavrov["first_date"], lavrov["last_date"]) == (
        2,
        "2019-02-21",
        "2022-01-14",
    )


def test_who_shows_as_many_statements_per_speaker_as_asked(sample: TestClient) -> None:
    params = {"stance": "criticizes", "target": "Japan-US alliance"}
    (default,) = sample.get("/who", params=params).json()["speakers"]
    assert [s["date"] for s in default["statements"]] == ["2022-01-14", "2019-02-21"]
    one = sample.get("/who", params={**params, "statements_per_speaker": 1}).json()
    (lavrov,) = one["speakers"]
    assert (lavrov["count"], [s["date"] for s in lavrov["statements"]]) == (2, ["2022-01-14"])
    too_many = sample.get("/who", params={**params, "statements_per_speaker": 51})
    assert too_many.status_code == 422


def test_who_supported_new_start_within_dates(sample: TestClient) -> None:
    params = {"stance": "supports", "target": "treaty:new-start"}
    body = sample.get("/who", params=params).json()
    assert body["total_speakers"] == 2
    only_march = sample.get("/who", params={**params, "date_from": "2021-03-01"}).json()
    assert [s["speaker"]["id"] for s in only_march["speakers"]] == ["person:wang-yi"]


# ---------------------------------------------------------------------- entities


def test_entity_search(sample: TestClient) -> None:
    page = sample.get("/entities", params={"q": "lavrov"}).json()
    assert ids(page)[0] == "person:sergey-lavrov"
    treaties = sample.get("/entities", params={"type": "Treaty"}).json()
    assert sorted(ids(treaties)) == ["treaty:inf", "treaty:new-start"]
    assert treaties["count"] == 2
    paged = sample.get("/entities", params={"limit": 3, "offset": 3}).json()
    assert (paged["count"], len(paged["data"]), paged["offset"]) == (11, 3, 3)


@pytest.mark.parametrize("entity_id", ["person:sergey-lavrov", "person%3Asergey-lavrov"])
def test_entity_by_id_with_a_colon(sample: TestClient, entity_id: str) -> None:
    response = sample.get(f"/entities/{entity_id}")
    assert response.status_code == 200
    body = response.json()
    assert (body["id"], body["name"], body["type"]) == (
        "person:sergey-lavrov",
        "Sergey Lavrov",
        "Person",
    )
    assert "Lavrov" in body["aliases"]


def test_neighbors(sample: TestClient) -> None:
    body = sample.get("/entities/person:sergey-lavrov/neighbors").json()
    assert body["entity"]["id"] == "person:sergey-lavrov"
    links = {(n["entity"]["id"], n["relation"]): n["count"] for n in body["neighbors"]}
    assert links[("alliance:japan-us", "criticizes")] == 2
    assert links[("country:RUS", "speaks_for")] == 1
    limited = sample.get("/entities/person:sergey-lavrov/neighbors?limit=1").json()
    assert len(limited["neighbors"]) == 1


# ---------------------------------------------------------------------- ask


@pytest.mark.parametrize(
    ("question", "answer", "kind"),
    [
        (
            "who criticized the Japan-US alliance?",
            "Sergey Lavrov criticized the Japan-US alliance in 2 statements "
            "(2019-02-21 to 2022-01-14).",
            "speakers",
        ),
        (
            "Who supported the New START treaty",
            "2 speakers supported the New START treaty: Wang Yi (1 statement) and "
            "Sergey Lavrov (1 statement).",
            "speakers",
        ),
        (
            "who has criticised NATO since 2021?",
            "Sergey Lavrov criticized NATO since 2021-01-01 in 1 statement (2022-01-14).",
            "speakers",
        ),
        (
            "who praised NATO",
            "No statement in the graph shows anyone supporting NATO.",
            "speakers",
        ),
        (
            "what did Lavrov say about NATO?",
            "Sergey Lavrov spoke about NATO in 1 statement (2022-01-14).",
            "statements",
        ),
        (
            "what did Sergey Lavrov say",
            "Sergey Lavrov made 3 statements (2019-02-21 to 2022-01-14).",
            "statements",
        ),
        (
            "what does Wang Yi think of the United States?",
            "Wang Yi spoke about the United States in 1 statement (2021-03-01).",
            "statements",
        ),
        (
            "did Lavrov criticize NATO?",
            "Sergey Lavrov criticized NATO in 1 statement (2022-01-14).",
            "statements",
        ),
        (
            "did Wang Yi condemn NATO",
            "No statement in the graph shows Wang Yi criticizing NATO.",
            "statements",
        ),
        (
            "which treaties did Lavrov mention?",
            "Sergey Lavrov mentioned 2 treaties: INF Treaty (2 statements) and "
            "New START (1 statement).",
            "entities",
        ),
        (
            "which alliances did Lavrov criticize",
            "Sergey Lavrov criticized 2 alliances: Japan-US alliance (2 statements) and "
            "NATO (1 statement).",
            "entities",
        ),
        (
            "which countries did Zakharova mention",
            "No statement in the graph shows Maria Zakharova mentioning a country.",
            "entities",
        ),
    ],
)
def test_ask_answers(sample: TestClient, question: str, answer: str, kind: str) -> None:
    response = sample.get("/ask", params={"q": question})
    assert response.status_code == 200
    body = response.json()
    assert body["question"] == question
    assert body["understood"] is True
    assert body["answer"] == answer
    assert body["results"]["kind"] == kind


def test_ask_statement_results_are_a_page(sample: TestClient) -> None:
    body = sample.get("/ask", params={"q": "what did Lavrov say", "limit": 2}).json()
    results = body["results"]
    assert (results["count"], results["limit"], results["offset"]) == (3, 2, 0)
    assert ids(results) == ["st:lavrov-2022", "st:lavrov-2021"]
    # The sentence covers every statement, not only the page.
    assert body["answer"] == "Sergey Lavrov made 3 statements (2019-02-21 to 2022-01-14)."


def test_ask_shows_how_it_read_the_question(sample: TestClient) -> None:
    body = sample.get("/ask", params={"q": "did Lavrov criticize NATO in 2022?"}).json()
    assert body["parsed"] == {
        "intent": "check",
        "stance": "criticizes",
        "speaker": "Lavrov",
        "target": "NATO",
        "entity_type": None,
        "date_from": "2022-01-01",
        "date_to": "2022-12-31",
    }
    assert body["results"]["data"][0]["date"] == str(dt.date(2022, 1, 14))


def test_a_country_as_speaker_can_stand_for_its_officials(sample: TestClient) -> None:
    alone = sample.get("/statements", params={"speaker": "Russia"}).json()
    assert alone["count"] == 0  # Russia itself said nothing
    officials = sample.get("/statements", params={"speaker": "Russia", "with_officials": True})
    assert ids(officials.json()) == [
        "st:lavrov-2022",
        "st:lavrov-2021",
        "st:zakharova",
        "st:lavrov-2019",
    ]
    # A person has no officials: the flag changes nothing.
    lavrov = sample.get("/statements", params={"speaker": "Lavrov", "with_officials": True})
    assert lavrov.json()["count"] == 3


def test_ask_reads_a_country_as_those_who_speak_for_it(sample: TestClient) -> None:
    body = sample.get("/ask", params={"q": "did Russia criticize NATO?"}).json()
    assert body["answer"] == (
        "Russia or those who speak for it criticized NATO in 2 statements "
        "(2020-06-10 to 2022-01-14)."
    )
    body = sample.get("/ask", params={"q": "did China criticize NATO?"}).json()
    assert body["answer"] == (
        "No statement in the graph shows China or those who speak for it criticizing NATO."
    )


def test_who_without_a_stance_is_who_mentioned_the_target(sample: TestClient) -> None:
    body = sample.get("/who", params={"target": "INF Treaty"}).json()
    assert body["stance"] is None
    assert [(s["speaker"]["name"], s["count"]) for s in body["speakers"]] == [("Sergey Lavrov", 2)]
    took = sample.get("/who", params={"target": "INF Treaty", "stance": "criticizes"}).json()
    assert took["speakers"] == []  # named, but no stance was taken on it


def test_ask_who_mentioned_and_what_was_said_about(sample: TestClient) -> None:
    body = sample.get("/ask", params={"q": "who mentioned the INF Treaty?"}).json()
    assert body["answer"] == (
        "Sergey Lavrov mentioned the INF Treaty in 2 statements (2021-02-04 to 2022-01-14)."
    )
    assert (body["results"]["kind"], body["results"]["stance"]) == ("speakers", None)
    body = sample.get("/ask", params={"q": "what was said about New START?"}).json()
    assert body["answer"] == "2 statements about New START (2021-02-04 to 2021-03-01)."
    assert ids(body["results"]) == ["st:wang-2021", "st:lavrov-2021"]
    body = sample.get("/ask", params={"q": "who talked about Atlantis"}).json()
    assert body["answer"] == "No entity called \u201cAtlantis\u201d is in the graph."


def test_ask_about_an_unknown_name(sample: TestClient) -> None:
    response = sample.get("/ask", params={"q": "who criticized Atlantis?"})
    assert response.status_code == 200
    body = response.json()
    assert body["understood"] is False
    assert body["answer"] == "No entity called \u201cAtlantis\u201d is in the graph."
    assert body["results"] is None


# ---------------------------------------------------------------------- with the pipeline

ARTICLE = {
    "title": "Lavrov: the Japan-US alliance threatens regional security",
    "outlet": "TASS",
    "published": "2019-02-21",
    "text": (
        "Russian Foreign Minister Sergey Lavrov said on Thursday that the Japan-US alliance "
        'was being turned against Russia and China. "We cannot accept that the alliance is '
        'used to contain its neighbours," Lavrov told reporters in Moscow.\n\n'
        "He also said that Moscow supported the extension of the New START treaty with the "
        'United States, calling it "the last pillar of strategic stability".'
    ),
}


def test_missing_language_model_is_503(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, spacy_models=["no_such_model_xyz"])
    with client_for(settings) as client:
        response = client.post("/documents", json=ARTICLE)
    assert response.status_code == 503
    detail = response.json()["detail"]
    assert detail.startswith("Language model unavailable: ")
    assert "no_such_model_xyz" in detail


needs_pipeline = pytest.mark.skipif(
    importlib.util.find_spec("pipelines.ingest") is None,
    reason="the NLP pipeline modules are not there yet",
)


@pytest.mark.slow
@needs_pipeline
def test_posting_an_article_stores_its_statements(keyed: TestClient) -> None:
    response = post(keyed, json=ARTICLE)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["created"] is True
    assert body["document"]["title"] == ARTICLE["title"]
    assert body["document"]["published"] == "2019-02-21"
    assert body["statements"], "no statement extracted"
    assert body["nodes_added"] > 0
    stored = keyed.get("/statements", params={"speaker": "person:sergey-lavrov"}).json()
    assert stored["count"] == len(
        [s for s in body["statements"] if s["speaker"]["id"] == "person:sergey-lavrov"]
    )

    again = post(keyed, json=ARTICLE)
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert again.json()["nodes_added"] == 0
