"""The end-to-end acceptance checks on ../shared/seeds, through the CLI and the HTTP API.

The seeds are ingested with `diplograph ingest` (as a user would), then everything is read
through the API, once on the embedded store and once on a real Neo4j server. These are
checks on three real articles, not facts the code knows: nothing in pipelines/ names a
person, country or treaty of these texts.
"""

import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings
from app.main import create_app
from stores.base import name_key

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
TASS_STORY = ("000_39ab569dd2834ae6.txt", "001_fd3a4b927d9528c0.txt")
PRESS_CONFERENCE = "004_8ee0e154b89151c2.txt"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Deployment:
    """Where the seeds were ingested: a data dir, and the environment naming the store."""

    data_dir: Path
    env: dict[str, str]

    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir, **{SETTING_OF[k]: v for k, v in self.env.items()})


SETTING_OF = {
    "DIPLOGRAPH_STORE": "store",
    "NEO4J_URI": "neo4j_uri",
    "NEO4J_USER": "neo4j_user",
    "NEO4J_PASSWORD": "neo4j_password",
}


def ingest(deployment: Deployment, *paths: Path, code: int = 0) -> str:
    args = ["--data-dir", str(deployment.data_dir), "ingest", *map(str, paths)]
    result = CliRunner().invoke(cli, args, env=deployment.env)
    assert result.exit_code == code, result.output
    return result.output


@pytest.fixture(scope="module", params=["embedded", "neo4j"])
def deployment(request: pytest.FixtureRequest, tmp_path_factory) -> Deployment:
    """The seeds ingested once per store kind, through the CLI as a user would."""
    env: dict[str, str] = {"DIPLOGRAPH_STORE": request.param}
    if request.param == "neo4j":
        server = request.getfixturevalue("neo4j_server")
        server.empty()
        env |= {"NEO4J_URI": server.uri, "NEO4J_USER": server.user}
        env |= {"NEO4J_PASSWORD": server.password}
    deployment = Deployment(tmp_path_factory.mktemp("seeds"), env)
    ingest(deployment, SEEDS)
    return deployment


@pytest.fixture(scope="module")
def data_dir(deployment: Deployment) -> Path:
    return deployment.data_dir


@pytest.fixture(scope="module")
def api(deployment: Deployment) -> Iterator[TestClient]:
    with TestClient(create_app(deployment.settings())) as client:
        yield client


def source_files(statement: dict) -> set[str]:
    return {s["source_file"] for s in statement["sources"]}


def lavrov_id(api: TestClient) -> str:
    found = api.get("/entities", params={"q": "Lavrov", "type": "Person"}).json()["data"]
    assert found, "no person named Lavrov"
    return found[0]["id"]


def test_who_criticized_the_japan_us_alliance(api: TestClient) -> None:
    answer = api.get("/who", params={"stance": "criticizes", "target": "Japan-US alliance"})
    assert answer.status_code == 200
    speakers = answer.json()["speakers"]
    lavrov = next(s for s in speakers if "Lavrov" in s["speaker"]["name"])
    by_date = {st["date"]: st for st in lavrov["statements"]}
    assert {"2019-02-21", "2022-01-14"} <= set(by_date)
    assert set(TASS_STORY) <= source_files(by_date["2019-02-21"])
    assert PRESS_CONFERENCE in source_files(by_date["2022-01-14"])
    for statement in (by_date["2019-02-21"], by_date["2022-01-14"]):
        relation = next(r for r in statement["relations"] if r["stance"] == "criticizes")
        assert relation["evidence"], "every relation carries its evidence sentence"
        for source in statement["sources"]:
            assert source["published"] and source["source_file"]
    tass = [s for s in by_date["2019-02-21"]["sources"] if s["source_file"] == TASS_STORY[0]]
    assert tass[0]["url"] == "http://tass.com/world/1045905"
    assert lavrov["first_date"] == "2019-02-21" and lavrov["last_date"] == "2022-01-14"


def test_asking_in_plain_english_gives_the_same_speakers(api: TestClient) -> None:
    asked = api.get("/ask", params={"q": "who criticized the Japan-US alliance"})
    assert asked.status_code == 200
    body = asked.json()
    assert body["understood"] is True
    names = [s["speaker"]["name"] for s in body["results"]["speakers"]]
    assert any("Lavrov" in n for n in names)
    assert "Lavrov" in body["answer"]


def test_every_form_of_lavrov_is_one_person(api: TestClient) -> None:
    person = lavrov_id(api)
    for name in ("Sergei Lavrov", "Sergey Lavrov", "Lavrov"):
        found = api.get("/entities", params={"q": name, "type": "Person"}).json()["data"]
        assert found[0]["id"] == person, name
    # The statements attributed through "the minister", "the Russian foreign minister" and
    # pronouns are his too: every statement in the three texts has one speaker.
    statements = api.get("/statements", params={"limit": 200}).json()["data"]
    speakers = {st["speaker"]["id"] for st in statements}
    assert speakers == {person}
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    for st in statements:
        for source in st["sources"]:
            start, end = source["span"]
            # A reprint may differ in apostrophes and punctuation, never in words.
            assert name_key(texts[source["source_file"]][start:end]) == name_key(st["quote"])
    assert len(statements) >= 10


def test_role_nouns_and_pronouns_resolve_to_lavrov() -> None:
    path = SEEDS / TASS_STORY[0]
    result = CliRunner().invoke(cli, ["extract", "--json", str(path)])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    by_source: dict[str, set[str]] = {}
    for st in json.loads(result.output)["statements"]:
        if st.get("source"):
            words = text[st["source"][0] : st["source"][1]].lower()
            by_source.setdefault(words, set()).add(st["speaker"]["name"])
    for words in ("the minister", "the russian foreign minister", "he"):
        assert by_source.get(words) == {"Sergey Lavrov"}, (words, by_source)


@pytest.mark.parametrize(
    ("mention", "expected_words", "year"),
    [
        ("1956 Declaration", ("Soviet", "Japanese", "Declaration"), 1956),
        ("1960 treaty", ("Mutual Cooperation and Security",), 1960),
        ("Short- and Medium-Range Missile Elimination Treaty", ("Intermediate-Range",), 1987),
        ("Open Skies Treaty", ("Open Skies",), 1992),
    ],
)
def test_treaties_are_found_and_canonical(
    api: TestClient, mention: str, expected_words: tuple[str, ...], year: int
) -> None:
    treaties = api.get("/entities", params={"type": "Treaty", "limit": 100}).json()["data"]
    assert treaties, "no treaty found"
    names = [t["name"] for t in treaties]
    match = [t for t in treaties if all(w in t["name"] for w in expected_words)]
    assert match, f"{mention!r} not canonicalised; treaties found: {names}"
    assert match[0]["properties"].get("year") == year


def test_alliances_are_not_treaties(api: TestClient) -> None:
    for name in ("NATO", "AUKUS"):
        found = api.get("/entities", params={"q": name}).json()["data"]
        assert found and found[0]["type"] in ("Alliance", "Organization"), name
    treaties = api.get("/entities", params={"type": "Treaty", "limit": 100}).json()["data"]
    assert not [t for t in treaties if "Nord Stream" in t["name"]]


def test_press_conference_stances(api: TestClient) -> None:
    person = lavrov_id(api)
    criticized = api.get(
        "/statements",
        params={"speaker": person, "stance": "criticizes", "target": "United States"},
    ).json()["data"]
    assert any(PRESS_CONFERENCE in source_files(st) for st in criticized)
    supported = api.get(
        "/statements", params={"speaker": person, "stance": "supports", "limit": 100}
    ).json()["data"]
    peace = [
        r["target"]
        for st in supported
        if PRESS_CONFERENCE in source_files(st)
        for r in st["relations"]
        if r["stance"] == "supports" and r["target"]["type"] == "Treaty"
    ]
    assert any("peace treaty" in t["name"].lower() for t in peace), peace
    treaty = api.get(f"/entities/{peace[0]['id']}").json()
    assert set(treaty["properties"]["parties"]) == {"country:RUS", "country:JPN"}


def test_ingesting_the_seeds_again_changes_nothing(api: TestClient, deployment: Deployment) -> None:
    before = api.get("/health").json()
    output = ingest(deployment, SEEDS)
    after = api.get("/health").json()
    assert (after["nodes"], after["relationships"]) == (before["nodes"], before["relationships"])
    assert before["nodes"] > 0
    assert "3" in output  # the summary reports the documents it left unchanged


GERMAN = (
    "Der russische Außenminister hat am Donnerstag in Moskau erklärt, dass die Vereinbarung "
    "zwischen Japan und den Vereinigten Staaten gegen Russland gerichtet sei. Diese Politik "
    "werde Moskau niemals akzeptieren, sagte er vor Journalisten in der Hauptstadt."
)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b"", "text/plain", 400),
        (b"\x00\x01\x02\xff" * 64, "text/plain", 400),
        (
            "Caf\xe9 diplomacy in Gen\xe8ve went well, the minister said.".encode("latin-1"),
            "text/plain",
            400,
        ),
        (GERMAN.encode(), "text/plain", 422),
        (b'{"text": "unterminated', "application/json", 400),
        (b"x" * (10 * 1024 * 1024), "text/plain", 413),
    ],
    ids=["empty", "binary", "latin-1", "german", "malformed-json", "10MB"],
)
def test_bad_input_is_refused_and_changes_nothing(
    api: TestClient, body: bytes, content_type: str, status: int
) -> None:
    before = api.get("/health").json()
    answer = api.post("/documents", content=body, headers={"Content-Type": content_type})
    assert answer.status_code == status
    assert answer.json()["detail"]  # a sentence saying what is wrong
    after = api.get("/health").json()
    assert (after["nodes"], after["relationships"]) == (before["nodes"], before["relationships"])


def test_bad_files_are_skipped_with_reasons_and_the_rest_ingested(
    tmp_path: Path, deployment: Deployment, api: TestClient
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "latin1.txt").write_bytes("Caf\xe9 talks, the minister said.".encode("latin-1"))
    (folder / "german.txt").write_text(GERMAN, encoding="utf-8")
    (folder / "broken.json").write_text('{"text": ', encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"word " * (2 * 1024 * 1024))
    before = api.get("/health").json()
    output = ingest(deployment, folder, code=1)  # nothing at all could be read
    for name in ("empty.txt", "binary.txt", "latin1.txt", "german.txt", "broken.json", "huge.txt"):
        assert name in output
    after = api.get("/health").json()
    assert (after["nodes"], after["relationships"]) == (before["nodes"], before["relationships"])


README = Path(__file__).resolve().parents[2] / "README.md"


def readme_rows(name: str) -> list[list[str]]:
    """The table rows the README shows between `<!-- rows:NAME -->` and `<!-- /rows -->`."""
    text = README.read_text(encoding="utf-8")
    block = text.split(f"<!-- rows:{name} -->", 1)[1].split("<!-- /rows -->", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("|")][2:]  # no header
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_the_readme_cypher_example_returns_the_rows_it_shows(
    deployment: Deployment, request: pytest.FixtureRequest
) -> None:
    if deployment.env["DIPLOGRAPH_STORE"] != "neo4j":
        pytest.skip("a Cypher example: runs on the Neo4j deployment")
    server = request.getfixturevalue("neo4j_server")
    query = (
        "MATCH (speaker:Entity)-[:SAID]->(statement:Statement)-[:CRITICIZES]->(target:Entity) "
        "RETURN speaker.name AS speaker, target.name AS target, "
        "count(DISTINCT statement) AS statements ORDER BY statements DESC, speaker, target"
    )
    assert query.split("RETURN")[0].strip() in " ".join(
        (Path(__file__).resolve().parents[2] / "graph_schema" / "example_queries.cypher")
        .read_text(encoding="utf-8")
        .split()
    )
    with server.driver() as driver:
        records, _, _ = driver.execute_query(query)
    rows = [[r["speaker"], r["target"], str(r["statements"])] for r in records]
    assert rows == readme_rows("who-criticized-whom"), rows
