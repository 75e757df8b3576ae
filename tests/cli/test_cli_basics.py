"""The `diplograph` command through typer's CliRunner, over the hand-built sample graph.

Tests marked `slow` load the spaCy pipeline (extract, ingest).
"""

import importlib.util
import json
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning
from typer.testing import CliRunner

from app.cli import cli
from app.config import Settings, get_settings
from app.main import create_app
from app.questions import QUESTION_FORMS

with warnings.catch_warnings():
    # Starlette asks for the httpx2 package; the project's dev dependencies pin httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


def _load_sample_graph():  # type: ignore[no-untyped-def]
    # The API tests own the sample graph; load it by path (tests/ is not a package).
    path = Path(__file__).parents[1] / "api" / "sample_graph.py"
    spec = importlib.util.spec_from_file_location("diplograph_sample_graph", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_sample_graph = _load_sample_graph().write_sample_graph

ARTICLE = """Lavrov: the Japan-US alliance threatens regional security

MOSCOW, February 21, 2019 (TASS) - Russian Foreign Minister Sergey Lavrov said on Thursday \
that the Japan-US alliance was being turned against Russia and China. "We cannot accept \
that the alliance is used to contain its neighbours," Lavrov told reporters in Moscow.

He also said that Moscow supported the extension of the New START treaty with the United \
States, calling it "the last pillar of strategic stability".
"""


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The global options write these variables: let monkeypatch restore them afterwards."""
    for name in ("DIPLOGRAPH_DATA_DIR", "DIPLOGRAPH_STORE", "DIPLOGRAPH_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("sample")
    write_sample_graph(data_dir)
    return data_dir


def run(*args: str) -> "Result":  # noqa: F821 (typer's Result)
    return CliRunner().invoke(cli, list(args))


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    for word in ("ingest", "extract", "ask", "serve", "stats", "--data-dir", "--store"):
        assert word in result.stdout


@pytest.mark.parametrize(
    "question",
    [
        "who criticized the Japan-US alliance?",
        "what did Lavrov say",
        "which treaties did Lavrov mention?",
        "did Wang Yi criticize NATO",
        "who criticized Atlantis",
    ],
)
def test_ask_json_is_the_api_json(sample_dir: Path, question: str) -> None:
    result = run("--data-dir", str(sample_dir), "ask", question, "--json")
    understood = "Atlantis" not in question
    assert result.exit_code == (0 if understood else 1), result.output
    with TestClient(create_app(Settings(data_dir=sample_dir))) as client:
        api = client.get("/ask", params={"q": question}).json()
    assert json.loads(result.stdout) == api
    assert api["understood"] is understood


def test_ask_prints_the_answer(sample_dir: Path) -> None:
    result = run("--data-dir", str(sample_dir), "ask", "who criticized the Japan-US alliance")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "Sergey Lavrov criticized the Japan-US alliance in 2 statements (2019-02-21 to 2022-01-14)."
    )


def test_unknown_question_exits_2_with_the_forms(sample_dir: Path) -> None:
    result = run("--data-dir", str(sample_dir), "ask", "tell me a joke")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "Error: Could not understand the question 'tell me a joke'. Ask one of:"
    assert [line.strip() for line in lines[1:]] == list(QUESTION_FORMS)
    assert "Traceback" not in result.output


def test_stats_json_is_the_health_json(sample_dir: Path) -> None:
    result = run("--data-dir", str(sample_dir), "stats", "--json")
    assert result.exit_code == 0
    with TestClient(create_app(Settings(data_dir=sample_dir))) as client:
        assert json.loads(result.stdout) == client.get("/health").json()


def test_stats_table(sample_dir: Path) -> None:
    result = run("--data-dir", str(sample_dir), "stats")
    assert result.exit_code == 0
    assert "embedded store" in result.stdout
    assert "22" in result.stdout


def test_invalid_setting_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_STORE", "sqlite")
    result = run("stats")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: Invalid setting: DIPLOGRAPH_STORE: Input should be 'embedded' or 'neo4j'"
    )


def test_a_corrupt_store_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text("{not json", encoding="utf-8")
    result = run("--data-dir", str(tmp_path), "ask", "who criticized NATO")
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("Error: Graph store error: ")
    assert "Traceback" not in result.output


def test_global_options_set_the_environment(tmp_path: Path) -> None:
    result = run("--data-dir", str(tmp_path), "--store", "embedded", "stats", "--json")
    assert result.exit_code == 0
    assert get_settings().data_dir == tmp_path
    assert json.loads(result.stdout)["nodes"] == 0


# ---------------------------------------------------------------------- with the pipeline

needs_pipeline = pytest.mark.skipif(
    importlib.util.find_spec("pipelines.ingest") is None
    or importlib.util.find_spec("pipelines.extract") is None,
    reason="the NLP pipeline modules are not there yet",
)


@pytest.mark.slow
@needs_pipeline
def test_extract_json_follows_the_contract(tmp_path: Path) -> None:
    article = tmp_path / "lavrov.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    data_dir = tmp_path / "data"
    result = run("--data-dir", str(data_dir), "extract", str(article), "--json")
    assert result.exit_code == 0, result.output
    output = json.loads(result.stdout)
    assert {"document", "statements"} <= set(output)
    assert {"id", "title", "outlet", "published", "url"} <= set(output["document"])
    assert output["document"]["title"] == ARTICLE.splitlines()[0]
    assert output["statements"], "no statement found"
    assert {"id", "speaker", "quote", "relations", "mentions"} <= set(output["statements"][0])
    assert not data_dir.exists()  # extract never touches the store

    two = run("extract", str(article), str(article), "--json")
    assert isinstance(json.loads(two.stdout), list)


@pytest.mark.slow
@needs_pipeline
def test_ingest_skips_bad_files_and_reports_them(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "lavrov.txt").write_text(ARTICLE, encoding="utf-8")
    (articles / "latin1.txt").write_bytes("caf\xe9 and more words".encode("latin-1"))
    data_dir = tmp_path / "data"
    result = run("--data-dir", str(data_dir), "ingest", str(articles))
    assert result.exit_code == 0, result.output
    assert "latin1.txt" in result.stderr
    assert "documents read" in result.stdout
    stats = json.loads(run("--data-dir", str(data_dir), "stats", "--json").stdout)
    assert stats["by_label"]["Document"] == 1


@pytest.mark.slow
@needs_pipeline
def test_ingest_exits_1_when_nothing_can_be_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    result = run("--data-dir", str(tmp_path / "data"), "ingest", str(bad))
    assert result.exit_code == 1
    assert "No document could be read" in result.stderr
